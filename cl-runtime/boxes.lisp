;;;; Boxes: address-taken scalar locals and scalar globals live in a one-slot cell, so that a
;;;; pointer (`&x`, an RT-PTR to the box) can reach them.

(in-package "EMACS2CL-RUNTIME")

(declaim (inline %make-box))
(defstruct (rt-box (:constructor %make-box (value))
                   (:copier nil))
  "A one-slot cell holding the value of an address-taken scalar variable.  PTR is the pointer to
it (`&x`), made with the box (RT-MAKE-BOX, pointers.lisp): a loop passing `&charidx` to a
function makes no pointer per call, and a box made per call (STRING_CHAR's `&len`) makes its
pointer inline."
  (value nil)
  (ptr nil))

(setf (documentation 'rt-box-value 'function)
      "The value in box B (setf-able)."
      (documentation 'rt-box-p 'function)
      "True if X is a box.")

;;; `&x' of a boxed local is (rt-make-ptr BOX 0) (pointers.lisp), made per call in a loop
;;; (fns.c's string< passes &i1, &i1_byte ... per character): the box's pointer, made once, is
;;; then read inline.  Defined here, before the runtime's first calls of RT-MAKE-PTR.
(define-compiler-macro rt-make-ptr (&whole whole base offset)
  (if (eql offset 0)
      (let ((b (gensym "BASE")))
        `(let ((,b ,base))
           (or (and (rt-box-p ,b) (rt-box-ptr ,b))
               (locally (declare (notinline rt-make-ptr)) (rt-make-ptr ,b 0)))))
      whole))

(defmethod print-object ((b rt-box) stream)
  (print-unreadable-object (b stream :type t :identity t)
    (let ((v (rt-box-value b)))
      (if (typep v '(or number null symbol))
          (prin1 v stream)
          (write-string (%describe v) stream)))))
