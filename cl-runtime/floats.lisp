;;;; C floating point: IEEE behaviour (no traps), NaNs, truncation.
;;;
;;; C code expects 1.0/0.0 to be an infinity and 0.0/0.0 a NaN; SBCL traps both by default.
;;; RT-INIT-FLOATING-POINT turns every trap off.  It runs when this file is loaded, and is pushed
;;; onto SB-EXT:*INIT-HOOKS* so that a core saved with the runtime turns them off again when it
;;; starts (SBCL resets the modes at startup).  Threads created by SB-THREAD:MAKE-THREAD inherit
;;; the modes of the thread that creates them in SBCL 2.2.9; a thread created any other way (a
;;; foreign callback) must call RT-INIT-FLOATING-POINT itself.  Calling it again is harmless.

(in-package "EMACS2CL-RUNTIME")

(defun rt-init-floating-point ()
  "Turn off SBCL's floating-point traps in the current thread, so that float arithmetic behaves as
in C (infinities and NaNs instead of errors).  Safe to call any number of times; call it in a new
thread not created by SB-THREAD:MAKE-THREAD from a thread where it was called."
  (sb-int:set-floating-point-modes :traps '())
  (values))

(rt-init-floating-point)
(pushnew 'rt-init-floating-point sb-ext:*init-hooks*)

(sb-ext:defglobal **nan** (sb-kernel:make-double-float #x7ff80000 0))
(sb-ext:defglobal **nan-single** (sb-kernel:make-single-float #x7fc00000))
(declaim (type double-float **nan**) (type single-float **nan-single**))

(declaim (inline rt-nan rt-nan-single %nanp rt-unordered-p rt-isnan))
(defun rt-nan ()
  "A quiet double-float NaN (C's NAN as a double)."
  **nan**)

(defun rt-nan-single ()
  "A quiet single-float NaN (C's NAN as a float)."
  **nan-single**)

(defun %nanp (x)
  (and (floatp x) (sb-ext:float-nan-p x)))

(defun rt-unordered-p (a b)
  "True if A or B is a NaN (GCC's unordered comparisons)."
  (or (%nanp a) (%nanp b)))

(defun rt-isnan (x)
  "__builtin_isnan: 1 if X is a NaN, else 0."
  (if (%nanp x) 1 0))

(defun rt-signbit (x)
  "__builtin_signbit: 1 if the sign bit of X is set (also for -0.0 and negative NaNs), else 0."
  (etypecase x
    (double-float (if (minusp (sb-kernel:double-float-high-bits x)) 1 0))
    (single-float (if (minusp (sb-kernel:single-float-bits x)) 1 0))
    (real (if (minusp x) 1 0))))

(defconstant +truncate-limit+ 4.0d18)

(defun %truncate-slow (x)
  (cond ((and (floatp x) (or (sb-ext:float-nan-p x) (sb-ext:float-infinity-p x)))
         ;; What x86-64's cvttsd2si gives (C leaves it undefined): the "integer indefinite".
         (- (ash 1 63)))
        (t (values (truncate x)))))

(declaim (inline rt-float-truncate))
(defun rt-float-truncate (x)
  "X (a float) truncated toward zero to an integer (C's float-to-integer conversion; the caller
wraps it to the target type).  A NaN or an infinity gives -2^63, as x86-64 does."
  (if (and (typep x 'double-float) (< (- +truncate-limit+) x +truncate-limit+))
      (values (truncate (the (double-float (-4.0d18) (4.0d18)) x)))
      (%truncate-slow x)))
