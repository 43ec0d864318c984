;;;; Build an Emacs image from a compiled translation; `emacs2cl image' runs it.
;;;; sbcl --script build-image.lisp RUNTIME-DIR GLUE-DIR TRANSLATION-DIR LISP-DIR OUTPUT DUMP-MODE
;;;; Loads the runtime, the translation and the glue (load-image.lisp), then does what
;;;; `temacs -l loadup --temacs=DUMP-MODE' does: starts Emacs, loads LISP-DIR's loadup.el, and
;;;; saves the executable OUTPUT where loadup.el dumps (emacs2cl-glue:build-image).
;;;; Progress lines "step WHAT" go to stdout, loadup.el's messages to stderr.
(in-package :cl-user)
(defvar *runtime*) (defvar *glue*) (defvar *translation*)
(destructuring-bind (runtime glue translation lisp-dir output dump-mode) (cdr sb-ext:*posix-argv*)
  (setf *runtime* runtime *glue* glue *translation* translation)
  (format t "step load the runtime, the translation and the glue~%")
  (finish-output)
  (load (merge-pathnames "load-image.lisp" *load-truename*))
  (format t "step start-up, loadup.el (~a)~%" dump-mode)
  (finish-output)
  (funcall (find-symbol "BUILD-IMAGE" "EMACS2CL-GLUE")
           (pathname (concatenate 'string (string-right-trim "/" lisp-dir) "/")) output dump-mode))
