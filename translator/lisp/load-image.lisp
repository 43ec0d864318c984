;;;; Load the runtime, a compiled translation (its fasls, in the order of its emacs-c.asd) and the
;;;; glue into this SBCL.  Set CL-USER::*RUNTIME*, *GLUE* and *TRANSLATION* (directories) first.
;;;; build-image.lisp uses it, and so do tests that run CL code against the translated Emacs.
(require :asdf)
(in-package :cl-user)
(defvar *runtime*) (defvar *glue*) (defvar *translation*)
(flet ((dir (d) (pathname (concatenate 'string (string-right-trim "/" (namestring d)) "/"))))
  (push (dir *runtime*) asdf:*central-registry*)
  (push (dir *glue*) asdf:*central-registry*)
  (let ((*error-output* (make-broadcast-stream)) (*standard-output* (make-broadcast-stream)))
    (handler-bind ((warning #'muffle-warning))
      (asdf:load-system "emacs2cl-runtime")
      (let ((components (with-open-file (s (merge-pathnames "emacs-c.asd" (dir *translation*)))
                          (mapcar #'second (getf (cddr (read s)) :components)))))
        (dolist (c components)
          (let ((fasl (merge-pathnames (format nil "fasl/~a.fasl" c) (dir *translation*))))
            (load (if (probe-file fasl) fasl (merge-pathnames (format nil "~a.lisp" c) (dir *translation*)))))))
      (asdf:register-preloaded-system "emacs-c")
      (asdf:load-system "emacs2cl-glue"))))
