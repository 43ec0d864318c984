;;;; The command line of `emacs --batch': what emacs.c's main does with argv before it starts
;;;; the command loop (sort_args, the options main consumes), then what keyboard.c's command_loop
;;;; does first -- `top-level' (startup.el's normal-top-level: command-line, then command-line-1
;;;; for -l, --eval, -f ...) evaluated inside a catch for `top-level' and a condition-case whose
;;;; handler is cmd_error.  An error nothing handles prints as Emacs prints it on stderr and exits
;;;; with status 255; after the last argument, command-line's kill-emacs exits with 0.

(in-package "EMACS2CL-GLUE")

(defun signal-cl-error (condition)
  "Turn a CL error inside the translated code into an elisp `error' at the point it happened,
so that condition-case and the top level see an elisp error, never SBCL's debugger."
  (c::|xsignal1| (lisp-symbol "error")
                 (elisp-string (remove #\Newline (format nil "emacs2cl: ~a" condition)))))

(defun kill-emacs (status)
  (c::|Fkill_emacs| status))

(defun c-argv (pointers)
  "C's argv of POINTERS (C strings): a pointer to an array of them ending in NULL."
  (rt-make-ptr (coerce (append pointers '(nil)) 'simple-vector) 0))

(defparameter *main-options*
  '(("-batch" "--batch" 5) ("-nl" "--no-loadup" 6) ("-nsl" "--no-site-lisp" 11)
    ("-no-build-details" "--no-build-details" 7))
  "The options emacs.c's main consumes (argmatch) that mean nothing more to the image, in main's
order: (SHORT LONG MINLEN).  startup.el's command-line rejects them as unknown options.")

(defun main-command-line (argv)
  "ARGV as emacs.c's main leaves it for init_cmdargs (command-line-args): sorted by sort_args
(the options Emacs handles first, -Q and --batch among them, move to the front), without the
options of *MAIN-OPTIONS*, which main consumes (argmatch) -- what startup.el's command-line then
sees."
  (let* ((strings (mapcar (lambda (s) (cons (rt-make-ptr (c-bytes s) 0) s)) argv))
         (c (c-argv (mapcar #'car strings)))
         (skip (rt-make-box 0)))
    (c::|emacs.c/sort_args| (length argv) c)
    (let ((sorted (loop for i from 0
                        for p = (rt-mem (rt-ptr+ c (* 8 i)) :ptr)
                        while p collect (cdr (assoc p strings :test #'eq)))))
      (loop for (short long minlen) in *main-options*
            do (c::|emacs.c/argmatch| c (length sorted) (rt-make-ptr (c-bytes short) 0)
                                      (rt-make-ptr (c-bytes long) 0) minlen nil (rt-make-ptr skip 0)))
      (cons (first sorted) (nthcdr (1+ (rt-box-value skip)) sorted)))))

(defun batch-main (argv)
  "Run ARGV (the command line) as `emacs --batch' does, then exit: command-line-args as main
leaves them (MAIN-COMMAND-LINE), then the first thing keyboard.c's command_loop does --
top_level_1, which evaluates `top-level' (normal-top-level) under cmd_error -- inside a catch for
`top-level'.  In batch mode startup.el's command-line kills Emacs when the arguments are done."
  (setf (emacs-global "Vcommand_line_args") (mapcar #'elisp-string (main-command-line argv)))
  (handler-bind ((sb-sys:interactive-interrupt
                   (lambda (c) (declare (ignore c)) (sb-ext:exit :code 130 :abort t)))
                 (error #'signal-cl-error)
                 ;; Exhausted stacks and heaps are not errors in CL: they become elisp errors too.
                 (storage-condition #'signal-cl-error))
    (internal-catch (lisp-symbol "top-level") #'c::|keyboard.c/top_level_1| nil)
    (kill-emacs t)))

;;; ------------------------------------------------------------------------------------------
;;; The image.

(defun internal-error (condition hook)
  "The image never enters SBCL's debugger: a condition nothing handled (outside the elisp
machinery, which turns CL errors into elisp errors) is reported on one line, exit status 255."
  (declare (ignore hook))
  (format *error-output* "~&emacs2cl: internal error: ~a~%" (remove #\Newline (princ-to-string condition)))
  (finish-output *error-output*)
  (sb-ext:exit :code 255 :abort t))

(defun erase-pre-dump-messages ()
  "What main does in a dumped Emacs (code of its own, no start-up step): erase the messages
loadup.el logged in *Messages* before the dump, by logging nothing with message-log-max 0."
  (let ((old (emacs-global "Vmessage_log_max")))
    (setf (emacs-global "Vmessage_log_max") 0)
    (c::|message_dolog| (rt-make-ptr (c-bytes "") 0) 0 1 0)
    (setf (emacs-global "Vmessage_log_max") old)))

(defun toplevel ()
  "The image's entry point: the start-up steps run at each start, then the command line."
  (setf sb-ext:*invoke-debugger-hook* #'internal-error)
  ;; A started image is what Emacs calls initialized: dumped, with its Lisp preloaded.
  (setf (rt-box-value c::|initialized|) 1)
  (handler-case (progn (setup-main-globals) (run-steps :each-start) (erase-pre-dump-messages))
    (error (c)
      (format *error-output* "emacs2cl: start-up failed: ~a~%" c)
      (sb-ext:exit :code 255 :abort t)))
  (profiled (lambda () (batch-main sb-ext:*posix-argv*))))

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
  (c::|defsubr| (make-subr "dump-emacs-portable" #'dump-emacs-portable 1 2))
  ;; main sets initialized (and dump-mode) after its start-up and before Frecursive_edit runs
  ;; loadup.el: from then on C records load-history (LOADHIST_ATTACH) as the Lisp loads.
  (setf (rt-box-value c::|initialized|) 1
        (emacs-global "Vdump_mode") (elisp-string dump-mode))
  (let ((err nil))
    (when (catch 'dump
            (handler-bind ((error #'signal-cl-error))
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
    (prepare-emacs lisp-dir dump-mode))
  (step-line "save ~a" output)
  (sb-ext:save-lisp-and-die output :executable t :toplevel #'toplevel :save-runtime-options t))

;;; ------------------------------------------------------------------------------------------
;;; The debugger of a batch run.  Emacs 28's batch mode (backtrace-on-error-noninteractive)
;;; calls `debug' on an uncaught error; debug.el then prints "Debugger entered--Lisp error: ERR"
;;; and the backtrace with `message', and exits with status 255.  debug.el is not loaded in the
;;; image (it needs cl-lib), so its batch behaviour is this subr; the backtrace's frames are left
;;; out.

(defun batch-debug (nargs args)
  "`debug' in batch mode: (debug 'error ERR) prints ERR as debug.el does and exits 255; called
otherwise (a breakpoint), it only prints that it was entered."
  (let* ((items (rt-flist nargs args))
         (text (if (eq (first items) (lisp-symbol "error"))
                   (format nil "Debugger entered--Lisp error: ~a~%"
                           (emacs2cl-runtime::lisp-string-name (c::|Fprin1_to_string| (second items) nil)))
                   (format nil "Debugger entered: ~a~%"
                           (emacs2cl-runtime::lisp-string-name (c::|Fprin1_to_string| (rest items) nil))))))
    (c::|Fmessage| 2 (rt-make-ptr (vector (elisp-string "%s") (elisp-string text)) 0))
    (c::|Fkill_emacs| -1)))

(defun define-batch-debugger ()
  "Define `debug' as BATCH-DEBUG (a subr, as DEFUN would)."
  (c::|defsubr| (make-subr "debug" #'batch-debug 0 +many+)))
