;;;; Errors: what C would have done undefined or fatal things for, and untranslated functions.

(in-package "EMACS2CL-RUNTIME")

(define-condition rt-c-error (error)
  ((message :initarg :message :initform "C error" :reader rt-c-error-message))
  (:report (lambda (c stream) (write-string (rt-c-error-message c) stream)))
  (:documentation "Signalled where the translated C program does something the runtime cannot
give a meaning to: a null pointer dereference, a division by zero, a load outside an object,
abort (), __builtin_unreachable (), an unknown C library function ..."))

(setf (documentation 'rt-c-error-message 'function)
      "The message (a string) of an RT-C-ERROR.")

(defun %c-error (format-control &rest args)
  "Signal an RT-C-ERROR whose message is FORMAT-CONTROL applied to ARGS."
  (error 'rt-c-error :message (apply #'format nil format-control args)))

(define-condition rt-untranslated-function (error)
  ((name :initarg :name :reader untranslated-name)
   (what :initarg :what :reader untranslated-what)
   (where :initarg :where :reader untranslated-where))
  (:report (lambda (c stream)
             (format stream "~A was not translated from C: ~A (~A)"
                     (untranslated-name c) (untranslated-what c) (untranslated-where c))))
  (:documentation "Signalled by the stub of a C function the translator could not translate: it
names the function, the construct that stopped it and the source position."))

(defun rt-untranslated (name what where)
  "The body of an untranslated function's stub: signal RT-UNTRANSLATED-FUNCTION, whose message is
`NAME was not translated from C: WHAT (WHERE)`."
  (error 'rt-untranslated-function :name name :what what :where where))

(declaim (ftype (function () nil) rt-unreachable rt-abort)) ; they never return
(defun rt-unreachable ()
  "__builtin_unreachable (): reaching it is a bug; signal RT-C-ERROR."
  (%c-error "__builtin_unreachable () was reached"))

(defun rt-abort ()
  "abort (): signal RT-C-ERROR."
  (%c-error "abort () was called"))

(declaim (inline rt-expect))
(defun rt-expect (x y)
  "__builtin_expect (X, Y): X."
  (declare (ignore y))
  x)

(defun rt-lisp-object (p kind)
  "The Lisp object of kind KIND (a keyword naming a struct shared with Common Lisp) that pointer P
points to.  Not supported yet: signals RT-C-ERROR."
  (%c-error "pointer to a shared struct (~S) is not supported by the runtime: ~S" kind
            (type-of p)))
