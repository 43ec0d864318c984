;;;; Build an Emacs image from a compiled translation; `emacs2cl image' runs it.
;;;; sbcl --script build-image.lisp RUNTIME-DIR GLUE-DIR TRANSLATION-DIR LISP-DIR OUTPUT
;;;; Loads the runtime, the translation's fasls in the order of its emacs-c.asd, and the glue;
;;;; runs the start-up sequence as temacs does; loads LISP-DIR's emacs-lisp/byte-run.el,
;;;; emacs-lisp/backquote.el and subr.el through the translated `load' (as loadup.el does); and
;;;; saves the executable OUTPUT.  Progress lines go to stdout: "step NAME" as each step begins.
(require :asdf)

(defun step-line (fmt &rest args)
  (format t "~&step ~?~%" fmt args)
  (finish-output))

(destructuring-bind (runtime glue translation lisp-dir output) (cdr sb-ext:*posix-argv*)
  (flet ((dir (d) (pathname (concatenate 'string (string-right-trim "/" d) "/"))))
    (push (dir runtime) asdf:*central-registry*)
    (push (dir glue) asdf:*central-registry*)
    (step-line "runtime")
    (let ((*error-output* (make-broadcast-stream)) (*standard-output* (make-broadcast-stream)))
      (handler-bind ((warning #'muffle-warning))
        (asdf:load-system "emacs2cl-runtime")))
    (step-line "translation")
    (let ((components (with-open-file (s (merge-pathnames "emacs-c.asd" (dir translation)))
                        (mapcar #'second (getf (cddr (read s)) :components)))))
      (handler-bind ((warning #'muffle-warning))
        (dolist (c components)
          (let ((fasl (merge-pathnames (format nil "fasl/~a.fasl" c) (dir translation))))
            (load (if (probe-file fasl) fasl (merge-pathnames (format nil "~a.lisp" c) (dir translation))))))))
    (asdf:register-preloaded-system "emacs-c")
    (step-line "glue")
    (let ((*error-output* (make-broadcast-stream)) (*standard-output* (make-broadcast-stream)))
      (handler-bind ((warning #'muffle-warning))
        (asdf:load-system "emacs2cl-glue")))
    (step-line "start-up")
    (funcall (find-symbol "BUILD-IMAGE" "EMACS2CL-GLUE") (dir lisp-dir) output)))
