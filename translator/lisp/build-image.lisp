;;;; Build an Emacs image from a compiled translation; `emacs2cl image' runs it.
;;;; sbcl --script build-image.lisp RUNTIME-DIR GLUE-DIR TRANSLATION-DIR LISP-DIR OUTPUT
;;;; Loads the runtime, the translation and the glue (load-image.lisp), starts Emacs as temacs
;;;; does, loads the release's Lisp from LISP-DIR as loadup.el does (emacs2cl-glue:prepare-emacs)
;;;; and saves the executable OUTPUT.  Progress lines "step WHAT" go to stdout.
(in-package :cl-user)
(defvar *runtime*) (defvar *glue*) (defvar *translation*)
(destructuring-bind (runtime glue translation lisp-dir output) (cdr sb-ext:*posix-argv*)
  (setf *runtime* runtime *glue* glue *translation* translation)
  (format t "step load the runtime, the translation and the glue~%")
  (finish-output)
  (load (merge-pathnames "load-image.lisp" *load-truename*))
  (format t "step start-up~%")
  (finish-output)
  (funcall (find-symbol "BUILD-IMAGE" "EMACS2CL-GLUE")
           (pathname (concatenate 'string (string-right-trim "/" lisp-dir) "/")) output))
