;;;; Varargs.  A translated varargs function takes its variable arguments as a &rest list.
;;;
;;; va_start stores a cursor over that list in the va_list variable, that is wherever AP-PTR (the
;;; pointer GIMPLE passes, `&ap`, an RT-PTR or an object) designates: the value of a box, the
;;; element of a simple-vector at its offset (x86-64's va_list is an array of one struct, a
;;; simple-vector of one instance: the cursor replaces the instance), a union's cell, or, for a
;;; struct instance, a weak table keyed by the instance.  va_arg pops the next value from the
;;; cursor; since a va_list passed to another function is a pointer to the same storage, the
;;; callee consumes the caller's arguments, as in C.  va_copy makes a new cursor at the same
;;; position.

(in-package "EMACS2CL-RUNTIME")

(defstruct (%va-cursor (:constructor %make-va-cursor (rest)))
  "The state of a va_list: the arguments not yet taken."
  (rest nil :type list))

(defmethod print-object ((c %va-cursor) stream)
  (print-unreadable-object (c stream :type t :identity t)
    (format stream "~D left" (length (%va-cursor-rest c)))))

(sb-ext:defglobal **va-lists** (make-hash-table :test 'eq :weakness :key :synchronized t))

(defun %va-storage (ap who)
  "A getter and a setter for the va_list storage AP-PTR designates."
  (when (null ap)
    (%c-error "~A: null va_list pointer" who))
  (multiple-value-bind (base off) (rt-ptr-parts ap)
    (when (%raw-block-p base)
      (setf (values base off) (%raw-resolve base off :words)))
    (typecase base
      (rt-box (values (lambda () (rt-box-value base))
                      (lambda (v) (setf (rt-box-value base) v))))
      (simple-vector
       (let* ((e (%vector-elt-desc base))
              (i (floor off (if e (%vector-stride base e) 8))))
         (unless (< -1 i (length base))
           (%c-error "~A: va_list pointer outside ~A" who (%describe base)))
         (values (lambda () (svref base i))
                 (lambda (v) (setf (svref base i) v)))))
      (%c-union (values (lambda () (rt-cell base off :ptr))
                        (lambda (v) (setf (rt-cell base off :ptr) v))))
      (%c-struct (values (lambda () (gethash base **va-lists**))
                         (lambda (v) (setf (gethash base **va-lists**) v))))
      (t (%c-error "~A: ~A cannot hold a va_list" who (%describe base))))))

(defun %va-cursor (ap who)
  (let ((c (funcall (%va-storage ap who))))
    (unless (%va-cursor-p c)
      (%c-error "~A: the va_list was not started with va_start" who))
    c))

(defun rt-va-start (ap-ptr list)
  "va_start: make the va_list AP-PTR points to a cursor over LIST, the &rest list of the
function's variable arguments."
  (unless (listp list)
    (%c-error "va_start needs the function's &rest list of arguments, not ~S" list))
  (funcall (nth-value 1 (%va-storage ap-ptr "va_start")) (%make-va-cursor list))
  nil)

(defun rt-va-arg (ap-ptr)
  "va_arg: the next variable argument of the va_list AP-PTR points to (RT-C-ERROR past the end)."
  (let ((c (%va-cursor ap-ptr "va_arg")))
    (when (null (%va-cursor-rest c))
      (%c-error "va_arg: no more variable arguments"))
    (pop (%va-cursor-rest c))))

(defun rt-va-end (ap-ptr)
  "va_end: the va_list AP-PTR points to has no more arguments."
  (let ((c (funcall (%va-storage ap-ptr "va_end"))))
    (when (%va-cursor-p c)
      (setf (%va-cursor-rest c) nil))
    nil))

(defun rt-va-copy (dst-ptr src-ptr)
  "va_copy: the va_list DST-PTR points to gets a cursor at the position of SRC-PTR's."
  (let ((c (%va-cursor src-ptr "va_copy")))
    (funcall (nth-value 1 (%va-storage dst-ptr "va_copy"))
             (%make-va-cursor (%va-cursor-rest c)))
    nil))
