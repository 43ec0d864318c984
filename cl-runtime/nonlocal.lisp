;;;; setjmp and longjmp (docs/data-model.md, "Non-local exits").  A function that calls setjmp
;;;; runs its body in RT-SETJMP-FRAME: a catch on a frame number of its own, in a loop.  setjmp
;;;; writes that frame number and the number of its call site (the receiver) into the jmp_buf's
;;;; first words; longjmp throws the receiver and the value to the frame the jmp_buf names,
;;;; and the body runs again from the receiver.  The context is in the jmp_buf's contents, so a
;;;; jmp_buf copied with memcpy longjmps where the original would.

(in-package "EMACS2CL-RUNTIME")

;;; The context is in the first three words of glibc's __jmpbuf (where its setjmp keeps
;;; registers): the frame number, the receiver number, and 1 if sigsetjmp saved the signal mask,
;;; which is then in __saved_mask, at byte 72 of struct __jmp_buf_tag on x86-64 as in glibc.
(defconstant +frame-word+ 0)
(defconstant +receiver-word+ 1)
(defconstant +mask-saved-word+ 2)
(defconstant +saved-mask-offset+ 72)

(declaim (type (cons fixnum) **setjmp-frames**))
(sb-ext:defglobal **setjmp-frames** (list 0)
  "The number of setjmp frames made so far (in the car, for SB-EXT:ATOMIC-INCF).")

;;; Declared to return any object: SBCL warns about a catch tag it knows is a number (EQ on
;;; numbers is unportable), and SBCL is the implementation this runtime is for.
(declaim (ftype (function () (values t &optional)) %new-setjmp-frame))
(defun %new-setjmp-frame ()
  "A frame number no other activation has had.  It is the frame's catch tag: fixnums are EQ in
SBCL, and no other catch in the runtime, the glue or a translation uses a number as its tag."
  (1+ (sb-ext:atomic-incf (car **setjmp-frames**))))

(defmacro rt-setjmp-frame ((frame receiver value) &body body)
  "Run BODY, a function's body that leaves by RETURN-FROM, with FRAME bound to a new frame number,
RECEIVER to NIL and VALUE to 0.  A longjmp to a jmp_buf that a setjmp of this activation filled
runs BODY again with RECEIVER the number that setjmp's call site gave and VALUE the longjmp's
value (never 0)."
  (let ((done (gensym "DONE")) (again (gensym "AGAIN")))
    `(let ((,frame (%new-setjmp-frame)) (,receiver nil) (,value 0))
       (declare (ignorable ,receiver ,value))
       (block ,done
         (tagbody
            ,again
            (multiple-value-setq (,receiver ,value)
              (catch ,frame (return-from ,done (progn ,@body))))
            (go ,again))))))

(deftype %jmp-buf-words () '(simple-array (signed-byte 64) (8)))

(defun %jmp-buf-words (env)
  "The __jmpbuf words of the jmp_buf ENV points to, when it is a struct instance (alone or the
first of an array) whose first field they are; else NIL, and the words are reached by RT-MEM."
  (multiple-value-bind (base offset)
      (if (rt-ptr-p env) (values (rt-ptr-base env) (rt-ptr-offset env)) (values env 0))
    (when (eql offset 0)
      (when (and (simple-vector-p base) (plusp (length base)))
        (setf base (svref base 0)))
      (when (%c-struct-p base)
        (let ((first (svref (%c-info-fields (%info-of base)) 0)))
          (when (eql (%c-field-offset first) 0)
            (let ((words (funcall (the function (%c-field-reader first)) base)))
              (and (typep words '%jmp-buf-words) words))))))))

(declaim (inline %jmp-word (setf %jmp-word)))
(defun %jmp-word (env words i)
  (if words (aref (the %jmp-buf-words words) i) (rt-mem (rt-ptr+ env (* 8 i)) :s64)))
(defun (setf %jmp-word) (value env words i)
  (if words
      (setf (aref (the %jmp-buf-words words) i) value)
      (setf (rt-mem (rt-ptr+ env (* 8 i)) :s64) value)))

(defun %setjmp (env frame receiver mask-saved)
  (let ((words (%jmp-buf-words env)))
    (setf (%jmp-word env words +frame-word+) frame
          (%jmp-word env words +receiver-word+) receiver
          (%jmp-word env words +mask-saved-word+) mask-saved))
  0)

(defun rt-setjmp (env frame receiver)
  "setjmp (ENV) at call site RECEIVER of the activation whose frame number is FRAME: records
them in jmp_buf ENV (the signal mask is not saved, as with glibc's setjmp and _setjmp); 0."
  (%setjmp env frame receiver 0))

(defun rt-sigsetjmp (env savemask frame receiver)
  "sigsetjmp (ENV, SAVEMASK): RT-SETJMP, and the current signal mask saved in ENV if SAVEMASK is
not 0, for siglongjmp to restore; 0."
  (unless (eql savemask 0)
    (%sigset-write (rt-ptr+ env +saved-mask-offset+) **signal-mask**))
  (%setjmp env frame receiver (if (eql savemask 0) 0 1)))

(defun %longjmp (env value restore-mask)
  "Throw to the frame jmp_buf ENV names: its receiver, and VALUE (1 if VALUE is 0)."
  (when (null env)
    (%c-error "longjmp: null jmp_buf"))
  (let* ((words (%jmp-buf-words env))
         (frame (%jmp-word env words +frame-word+)))
    (when (eql frame 0)
      (%c-error "longjmp to a jmp_buf no setjmp has filled"))
    (when (and restore-mask (eql (%jmp-word env words +mask-saved-word+) 1))
      (setf **signal-mask** (rt-sigset-bits (rt-ptr+ env +saved-mask-offset+))))
    (let ((receiver (%jmp-word env words +receiver-word+)))
      (handler-case (throw frame (values receiver (if (eql value 0) 1 value)))
        (control-error ()
          (%c-error "longjmp to a jmp_buf whose function has returned (frame ~D)" frame))))))

;;; glibc's longjmp and siglongjmp restore a mask sigsetjmp saved; _longjmp never does.
(rt-define-external "longjmp" (env value) (%longjmp env value t))
(rt-define-external "siglongjmp" (env value) (%longjmp env value t))
(rt-define-external "_longjmp" (env value) (%longjmp env value nil))
(rt-define-external "__longjmp_chk" (env value) (%longjmp env value t))

(defmacro rt-with-setjmp ((env) body &body after-longjmp)
  "`if (setjmp (ENV)) AFTER-LONGJMP else BODY' for hand-written code: the value of BODY, or of
AFTER-LONGJMP once a longjmp comes to jmp_buf ENV while BODY runs."
  (let ((done (gensym "SETJMP")) (frame (gensym "FRAME")))
    `(block ,done
       (let ((,frame (%new-setjmp-frame)))
         (rt-setjmp ,env ,frame 1)
         (catch ,frame
           (return-from ,done ,body)))
       ,@after-longjmp)))
