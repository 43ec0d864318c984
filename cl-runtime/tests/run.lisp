;;;; Run the runtime's tests:  sbcl --non-interactive --load cl-runtime/tests/run.lisp
;;;; Loads the system with ASDF, compiles and loads the tests, prints `N passed, M failed` as the
;;;; last line and exits with status 1 if any test failed.

(require :asdf)

(let* ((here (make-pathname :name nil :type nil :version nil :defaults *load-truename*))
       (root (make-pathname :directory (butlast (pathname-directory here)) :defaults here)))
  (push root asdf:*central-registry*)
  (asdf:load-system "emacs2cl-runtime")
  (dolist (file '("runtime-tests.lisp" "libc-tests.lisp"))
    (uiop:with-temporary-file (:pathname fasl :type "fasl")
      (load (compile-file (merge-pathnames file here) :output-file fasl)))))

(sb-ext:exit :code (if (funcall (find-symbol "RUN" "EMACS2CL-RUNTIME-TESTS")) 0 1))
