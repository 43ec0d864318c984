;;;; Compile translated files with SBCL; `emacs2cl compile` runs one such process per core.
;;;; sbcl --script compile-files.lisp RUNTIME-DIR TRANSLATION-DIR FASL-DIR RESULT-FILE FILE...
;;;; Loads the runtime and the translation's package, structs and globals, then compile-files
;;;; each FILE into FASL-DIR.  RESULT-FILE gets one S-expression per line:
;;;;   (:form FILE NAME MILLISECONDS)     a top-level DEFUN and the time spent compiling it
;;;;   (:condition FILE NAME KIND TEXT)   KIND is :error, :warning or :style-warning
;;;;   (:undefined FILE NAME)             a function still undefined at the end of FILE
;;;;   (:file FILE STATUS MILLISECONDS)   STATUS is :failed when compile-file's failure-p is set
;;;;                                      (an error or a warning, reported above), else :compiled
;;;; Every line is written at once, so that a process that dies leaves what it did.
;;;; With no FILE, it only loads (and so compiles) the runtime.
;;;;   (:runtime-export NAME)             the runtime's interface, once
(require :asdf)
(defpackage :emacs2cl-compile (:use :cl))
(in-package :emacs2cl-compile)

(defvar *out*)
(defvar *file*)
(defvar *current* "<top level>")
(defvar *started* 0)

(defun emit (&rest items)
  (let ((*package* (find-package :keyword)) (*print-pretty* nil) (*print-readably* nil))
    ;; One line per item: a condition's text loses its line breaks (SBCL's messages have them),
    ;; else the reader would see each of its lines as an item of its own.
    (prin1 (mapcar (lambda (x) (if (stringp x) (substitute #\Space #\Newline x) x)) items) *out*)
    (terpri *out*)
    (finish-output *out*)))

(defun ms-since (start)
  (round (* 1000 (- (get-internal-real-time) start)) internal-time-units-per-second))

(defun form-done ()
  (unless (equal *current* "<top level>")
    (emit :form *file* *current* (ms-since *started*)))
  (setf *started* (get-internal-real-time)))

(defun timing-hook (expander form env)
  ;; compile-file macroexpands each top-level DEFUN just before compiling it: the time between
  ;; two such expansions is the time spent on the first.
  (when (and (consp form) (eq (car form) 'defun) (symbolp (second form)))
    (form-done)
    (setf *current* (symbol-name (second form))))
  (funcall expander form env))

(defun undefined-warning-p (c)
  (search "undefined function" (princ-to-string c)))

(destructuring-bind (runtime translation fasl-dir result-file &rest files)
    (cdr sb-ext:*posix-argv*)
  (push (pathname (concatenate 'string runtime "/")) asdf:*central-registry*)
  (let ((stderr *error-output*))
    ;; The load's own chatter is muffled, but a failure is told on stderr in one line.
    (handler-bind ((error (lambda (c)
                            (format stderr "~&loading the runtime and the translation's globals: ~a~%"
                                    (substitute #\Space #\Newline (princ-to-string c)))
                            (sb-ext:exit :code 1 :abort t))))
      (let ((*error-output* (make-broadcast-stream)) (*standard-output* (make-broadcast-stream)))
        (asdf:load-system "emacs2cl-runtime")
        (unless files                   ; only the runtime: see compile.py
          (sb-ext:exit :code 0))
        (dolist (f '("package" "structs" "globals"))
          (load (format nil "~a/~a.lisp" translation f)))
        ;; The header functions declared inline too, if the translation has some, so that each
        ;; file's calls to them are inlined.
        (let ((inline (probe-file (format nil "~a/inline-functions.lisp" translation))))
          (when inline (load inline))))))
  ;; The checked policy (docs/optimize-policy.md): every declaration and call checked, whatever
  ;; the translation's own OPTIMIZE declarations say (large functions lower their speed).
  (when (equal (sb-ext:posix-getenv "EMACS2CL_POLICY") "checked")
    (sb-ext:restrict-compiler-policy 'safety 3))
  (with-open-file (*out* result-file :direction :output :if-exists :supersede)
    (do-external-symbols (s :emacs2cl-runtime)
      (emit :runtime-export (symbol-name s)))
    (emit :started)
    (dolist (*file* files)
      (let ((start (get-internal-real-time)) (failure-p nil)
            (*current* "<top level>") (*started* (get-internal-real-time)))
        (handler-bind
            ((warning (lambda (c)
                        (cond ((undefined-warning-p c)
                               (let ((name (ignore-errors (second (simple-condition-format-arguments c)))))
                                 (emit :undefined *file* (if (symbolp name) (symbol-name name) (princ-to-string c)))))
                              (t (emit :condition *file* *current* (if (typep c 'style-warning) :style-warning :warning)
                                       (princ-to-string c))))
                        (muffle-warning c)))
             (error (lambda (c) (emit :condition *file* *current* :error (princ-to-string c))))
             ;; What SBCL reports as "caught ERROR" (a malformed form, turned into a run-time
             ;; error) is no ERROR: it is signalled as this, and sets failure-p.
             (sb-c:compiler-error (lambda (c) (emit :condition *file* *current* :error (princ-to-string c)))))
          (let ((*macroexpand-hook* #'timing-hook)
                (*standard-output* (make-broadcast-stream))
                (*error-output* (make-broadcast-stream)))
            (setf failure-p
                  (nth-value 2 (compile-file (format nil "~a/~a" translation *file*)
                                             :output-file (format nil "~a/~a.fasl" fasl-dir (pathname-name *file*)))))))
        (form-done)
        ;; A keyword, not the flag itself: printed with *package* bound to KEYWORD, NIL reads
        ;; back as COMMON-LISP:NIL.
        (emit :file *file* (if failure-p :failed :compiled) (ms-since start))
        (finish-output *out*)))))
