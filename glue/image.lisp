;;;; The image: built as temacs is dumped (PREPARE-EMACS runs loadup.el, BUILD-IMAGE saves the
;;;; executable), started as a dumped Emacs starts -- TOPLEVEL runs emacs.c's `main' as
;;;; translated, with argv as C strings and `initialized' true.  main parses the command line
;;;; (--version, --help, --batch, --script, --chdir, -nw ...), runs the initialization of each
;;;; start, and calls Frecursive_edit: command_loop, top_level_1, startup.el's normal-top-level,
;;;; command-line and command-line-1, and in batch mode kill-emacs -- GNU Emacs's own path.

(in-package "EMACS2CL-GLUE")

(defmacro with-cl-errors-as-elisp (&body body)
  "Run BODY with CL errors turned into elisp errors (SIGNAL-CL-ERROR)."
  `(handler-bind ((error #'signal-cl-error)
                  ;; Exhausted stacks and heaps are not errors in CL: they become elisp errors too.
                  (storage-condition #'signal-cl-error))
     ,@body))

(defvar *cl-errors-being-signalled* 0
  "How many CL errors SIGNAL-CL-ERROR is signalling as elisp errors, each inside the last.")

(defconstant +cl-errors-nested-max+ 8
  "The CL errors signalled one inside the other beyond which the image stops (INTERNAL-ERROR),
below SBCL's own limit (sb-kernel:*maximum-error-depth*, 10), where it would print a backtrace.")

(defun signal-cl-error (condition)
  "Turn a CL error inside the translated code into an elisp `error' at the point it happened,
so that condition-case and the top level see an elisp error, never SBCL's debugger.  The elisp
signal runs inside this handler, where CL disables the handler itself: the code it runs before it
unwinds (the unwind forms unbind_to runs, the debugger ERT binds) could not have its own CL errors
turned into elisp errors, so the handler is established again around it.  An error that signalling
raises again each time (a specbind past the end of a full specpdl, where grow_specpdl signalled)
stops the image with one line."
  (let ((*cl-errors-being-signalled* (1+ *cl-errors-being-signalled*)))
    (when (> *cl-errors-being-signalled* +cl-errors-nested-max+)
      (internal-error condition nil))
    (with-cl-errors-as-elisp
      (c::|xsignal1| (lisp-symbol "error")
                     (elisp-string (remove #\Newline (format nil "emacs2cl: ~a" condition)))))))

(defun c-argv (strings)
  "C's argv of STRINGS: a pointer to an array of C strings ending in NULL."
  (rt-make-ptr (coerce (append (mapcar (lambda (s) (rt-make-ptr (c-bytes s) 0)) strings) '(nil))
                       'simple-vector)
               0))

(defun run-main (argv)
  "Run emacs.c's main with ARGV (a list of strings, the program's name first).  It does not
return: Emacs ends through C's exit (kill-emacs, --version, --help, a fatal error)."
  (handler-bind ((sb-sys:interactive-interrupt
                   (lambda (c) (declare (ignore c)) (sb-ext:exit :code 130 :abort t))))
    (with-cl-errors-as-elisp
      (c::|main| (length argv) (c-argv argv)))))

(defun internal-error (condition hook)
  "The image never enters SBCL's debugger: a condition nothing handled (outside the elisp
machinery, which turns CL errors into elisp errors) is reported on one line, exit status 255."
  (declare (ignore hook))
  (format *error-output* "~&emacs2cl: internal error: ~a~%" (remove #\Newline (princ-to-string condition)))
  (finish-output *error-output*)
  (sb-ext:exit :code 255 :abort t))

(defun toplevel ()
  "The image's entry point: emacs.c's main, as a dumped Emacs (`initialized') runs it."
  (setf sb-ext:*invoke-debugger-hook* #'internal-error)
  (setf (rt-box-value c::|initialized|) 1)
  (set-release-directories)
  (setf **native-compile-all** (equal (sb-ext:posix-getenv "EMACS2CL_NATIVE_COMPILE") "all"))
  (profiled (lambda () (run-main sb-ext:*posix-argv*))))

;;; ------------------------------------------------------------------------------------------
;;; Built: temacs's run of loadup.el, then the saved executable.

(defun step-line (fmt &rest args)
  "A progress line for `emacs2cl image' (which shows the lines starting with \"step \")."
  (format t "~&step ~?~%" fmt args)
  (finish-output))

(defun dump-emacs-portable (filename track-referrers)
  "dump-emacs-portable, as loadup.el calls it when it has loaded the preloaded Lisp: return to
PREPARE-EMACS, which dumped Emacs is saved by (FILENAME, the .pdmp loadup.el names, is not used:
the image is one executable)."
  (declare (ignore filename track-referrers))
  (throw 'dump t))

(defun prepare-emacs (lisp-dir &optional (dump-mode "pdump"))
  "Do what `temacs -l loadup --temacs=DUMP-MODE' does up to the dump: start Emacs, then load
LISP-DIR's loadup.el, which loads the preloaded Lisp (the .elc where they are newer than their
source) and calls dump-emacs-portable at its end.  An error that stops loadup.el is signalled
as a CL error with Emacs's message."
  (start-emacs :lisp-dir lisp-dir)
  (check-backtrace-frame)
  (check-global-binding)
  (check-unwind-ptr)
  (check-set-internal)
  (c::|defsubr| (make-subr "dump-emacs-portable" #'dump-emacs-portable 1 2))
  ;; main sets initialized (and dump-mode) after its start-up and before Frecursive_edit runs
  ;; loadup.el: from then on C records load-history (LOADHIST_ATTACH) as the Lisp loads.
  (setf (rt-box-value c::|initialized|) 1
        (emacs-global "Vdump_mode") (elisp-string dump-mode))
  (let ((err nil))
    (when (catch 'dump
            (with-cl-errors-as-elisp
              (setf err (elisp-eval (elisp-read "(condition-case err (progn (load \"loadup.el\") nil) (error err))"))))
            nil)
      ;; As a dumped Emacs starts (init_eval): no handler or binding of the loadup.el the throw
      ;; left is live any more, so code that goes on in this process signals and binds afresh.
      (c::|init_eval|)
      (return-from prepare-emacs t))
    (if err
        (error "loadup.el failed: ~a" (emacs2cl-runtime::lisp-string-name (c::|Ferror_message_string| err)))
        (error "loadup.el returned without dumping"))))

(defun build-image (lisp-dir output dump-mode)
  "PREPARE-EMACS from LISP-DIR in DUMP-MODE, then save the executable image OUTPUT.  Errors are
reported on one line and exit with status 1."
  (handler-bind ((error (lambda (c)
                          (format *error-output* "emacs2cl: image: ~a~%" (remove #\Newline (princ-to-string c)))
                          (sb-ext:exit :code 1 :abort t))))
    (prepare-emacs lisp-dir dump-mode)
    (when (equal (sb-ext:posix-getenv "EMACS2CL_NATIVE_AOT") "1")
      (native-compile-preloaded #'step-line)))
  (step-line "save ~a" output)
  (sb-ext:save-lisp-and-die output :executable t :toplevel #'toplevel :save-runtime-options t))
