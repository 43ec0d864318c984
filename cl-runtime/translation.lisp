;;;; What a translation's files call at load time: initializers of static data, and the
;;;; elisp-visible definitions of DEFUNs.

(in-package :emacs2cl-runtime)

(defvar *initializers* '()
  "(UNIT . FUNCTION) for every translated unit with static data, in load order.")

(defmacro rt-define-initializer (unit function)
  "Register FUNCTION as an initializer of static data under the name UNIT (a unit's name, or
the name of a part of a unit's data); rt-run-initializers runs it.  Registering a name again
replaces its initializer (reloading a file)."
  `(let ((entry (assoc ,unit *initializers* :test #'string=)))
     (if entry
         (setf (cdr entry) ,function)
         (setf *initializers* (append *initializers* (list (cons ,unit ,function)))))))

(defvar *initialized* '() "The names of the initializers that have run.")

(defun rt-run-initializers (&optional unit)
  "Run the registered initializers not run yet, in load order (once all files are loaded, since
one unit's data may point to another's); only UNIT's (its name, or a part NAME#N of it) when
UNIT is given: the unit with the DEFSYM names runs first, so that the others' data can name
builtin symbols."
  (loop for (name . function) in *initializers*
        when (and (not (member name *initialized* :test #'string=))
                  (or (null unit) (string= name unit)
                      (and (> (length name) (length unit)) (string= name unit :end1 (length unit))
                           (char= (char name (length unit)) #\#))))
          do (funcall function)
             (push name *initialized*)))

;;; The elisp package is the glue's (issue 4); the runtime makes it when a translation that defines
;;; primitives is loaded without it.
(defun elisp-package ()
  (or (find-package "ELISP") (make-package "ELISP" :use '())))

(defvar *subrs* (make-hash-table :test 'equal)
  "Lisp name -> (FUNCTION MIN MAX DOC) for every DEFUN of the translation.")

(defun subr-lambda (function min-args max-args)
  "A function with elisp's calling convention for a DEFUN's C FUNCTION: MIN-ARGS required
arguments and optional ones up to MAX-ARGS (missing ones are nil), every argument as a list
for :unevalled (special forms), and (nargs, pointer to the arguments) for :many."
  (case max-args
    (:many (lambda (&rest args)
             (funcall function (length args) (rt-make-ptr (coerce args 'simple-vector) 0))))
    (:unevalled (lambda (&rest args) (funcall function args)))
    (t (lambda (&rest args)
         (let ((n (length args)))
           (unless (<= min-args n max-args)
             (error 'rt-c-error :message (format nil "~a: wrong number of arguments: ~d (takes ~d to ~d)"
                                                 function n min-args max-args)))
           (apply function (append args (make-list (- max-args n) :initial-element nil))))))))

(defmacro rt-define-subr (lisp-name function min-args max-args doc)
  "Define DEFUN LISP-NAME: elisp::LISP-NAME (the name's case kept) calls the translated C
FUNCTION with Emacs's arity -- MIN-ARGS, MAX-ARGS an integer, :many or :unevalled -- and
carries DOC.  The definition is also recorded for the image's start-up (rt-subr-definition)."
  `(progn
     (setf (gethash ,lisp-name *subrs*) (list ',function ,min-args ,max-args ,doc))
     (let ((symbol (intern ,lisp-name (elisp-package))))
       (setf (fdefinition symbol) (subr-lambda ',function ,min-args ',max-args)
             (documentation symbol 'function) ,doc)
       symbol)))

(defun rt-subr-definition (lisp-name)
  "The recorded (FUNCTION MIN MAX DOC) of DEFUN LISP-NAME, or NIL."
  (values (gethash lisp-name *subrs*)))

(defvar *startup* '()
  "The start-up steps of the translation: (FUNCTION PHASE ARGUMENT...) in emacs.c's order, PHASE
:build for a step main runs only before Emacs is dumped (under `if (!initialized)'), :each-start
for one it runs again at each start of a dumped Emacs.")

(defmacro rt-define-startup (steps)
  "Record STEPS (a list of (FUNCTION PHASE ARGUMENT...)) as the translation's start-up sequence:
emacs.c's main calls these in this order (translator/startup.py reads it from main's IR)."
  `(setf *startup* ,steps))

(defun rt-startup-steps ()
  "The start-up sequence as temacs runs it before loadup.el, as functions of no arguments: every
step, in order.  (A started image runs emacs.c's main, which calls those of each start itself.)"
  (loop for (function nil . arguments) in *startup*
        collect (if arguments
                    (let ((function function) (arguments arguments))
                      (lambda () (apply function arguments)))
                    function)))
