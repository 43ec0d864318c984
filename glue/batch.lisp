;;;; The command line of `emacs --batch', the part of startup.el's command-line-1 that batch use
;;;; needs: -Q/-q/--batch and the other no-op options, -l/--load FILE, --eval/--execute EXPR,
;;;; -f/--funcall FUNC, processed in order.  As in Emacs, the whole runs inside a catch for
;;;; `top-level' and a condition-case whose handler is keyboard.c's cmd_error: an error nothing
;;;; handles prints as Emacs prints it on stderr and exits with status 255; after the last
;;;; argument, kill-emacs exits with 0.

(in-package "EMACS2CL-GLUE")

(defun option-value (args option)
  "The value of OPTION at the head of ARGS -- `--opt=VALUE' or `-opt VALUE' -- and the rest."
  (let* ((arg (first args)) (eq (position #\= arg)))
    (cond (eq (values (subseq arg (1+ eq)) (rest args)))
          ((rest args) (values (second args) (cddr args)))
          (t (c::|xsignal1| (lisp-symbol "error")
                            (elisp-string (format nil "Option `~a' requires an argument" option)))))))

(defun option-p (arg &rest names)
  (let ((name (subseq arg 0 (or (position #\= arg) (length arg)))))
    (member name names :test #'string=)))

(defun eval-argument (text)
  "--eval TEXT: read one expression (only whitespace may follow it) and evaluate it lexically."
  (let* ((string (elisp-string text))
         (read (c::|Fread_from_string| string nil nil))
         (end (cdr read)))
    (unless (= end (length text))
      (unless (every (lambda (ch) (member ch '(#\Space #\Tab #\Newline))) (subseq text end))
        (c::|xsignal1| (lisp-symbol "error")
                       (elisp-string (format nil "Trailing garbage following expression: ~a"
                                             (subseq text end))))))
    (elisp-eval (car read))))

(defun load-argument (file)
  "-l FILE: load FILE, relative to the current directory, as command-line-1 does."
  (let ((expanded (c::|Fexpand_file_name| (elisp-string file) nil)))
    (c::|Fload| (if (probe-file file) expanded (elisp-string file)) nil t nil nil)))

(defun funcall-argument (name)
  "-f FUNC: call FUNC with no arguments (interactively when it is a command)."
  (let ((f (c::|Fintern| (elisp-string name) nil)))
    (if (c::|Fcommandp| f nil)
        (c::|Fcall_interactively| f nil nil)
        (c::|Ffuncall| 1 (rt-make-ptr (vector f) 0)))))

(defun process-arguments (args)
  "Process the command-line ARGS in order, as command-line-1 does: while an option acts, the
arguments after it are in `command-line-args-left', and what it leaves there is processed next."
  (let ((left (lisp-symbol "command-line-args-left")))
    (flet ((act (function value)
             (c::|Fset| left (mapcar #'elisp-string args))
             (funcall function value)
             (setf args (mapcar #'emacs2cl-runtime::lisp-string-name (c::|Fsymbol_value| left)))))
      (loop while args
            do (let ((arg (first args)))
                 (flet ((value ()
                          (multiple-value-bind (v rest) (option-value args arg) (setf args rest) v)))
                   (cond ((option-p arg "-l" "--load" "-load") (act #'load-argument (value)))
                         ((option-p arg "--eval" "-eval" "--execute" "-execute") (act #'eval-argument (value)))
                         ((option-p arg "-f" "--funcall" "-funcall") (act #'funcall-argument (value)))
                         ((string= arg "--") (setf args '()))
                         ;; The options that mean nothing to the image, and file names: Emacs
                         ;; visits those, in batch it only warns.
                         (t (pop args)))))))))

(defun signal-cl-error (condition)
  "Turn a CL error inside the translated code into an elisp `error' at the point it happened,
so that condition-case and the top level see an elisp error, never SBCL's debugger."
  (c::|xsignal1| (lisp-symbol "error")
                 (elisp-string (remove #\Newline (format nil "emacs2cl: ~a" condition)))))

(defun kill-emacs (status)
  (c::|Fkill_emacs| status))

(defun set-command-line-variables (argv)
  "command-line-args (emacs.c's init_cmdargs) is ARGV; command-line-args-left (startup.el's) is
declared."
  (setf (emacs-global "Vcommand_line_args") (mapcar #'elisp-string argv))
  (defvar-plain "command-line-args-left" nil))

(defun batch-main (args)
  "Run ARGS (the command line without the program name) as `emacs --batch' does, then exit."
  (set-command-line-variables (cons (first sb-ext:*posix-argv*) args))
  (handler-bind ((sb-sys:interactive-interrupt
                   (lambda (c) (declare (ignore c)) (sb-ext:exit :code 130 :abort t)))
                 (error #'signal-cl-error)
                 ;; Exhausted stacks and heaps are not errors in CL: they become elisp errors too.
                 (storage-condition #'signal-cl-error))
    (internal-catch (lisp-symbol "top-level")
                    (lambda (ignore)
                      (declare (ignore ignore))
                      (condition-case-calling (lisp-symbol "error") #'c::|keyboard.c/cmd_error|
                                              (lambda () (process-arguments args))))
                    nil)
    (kill-emacs t)))

;;; ------------------------------------------------------------------------------------------
;;; The image.

(defparameter *required-lisp* '("emacs-lisp/byte-run.el" "emacs-lisp/backquote.el" "subr.el")
  "The release's Lisp files the image must load when it is built (defun, lambda, when, push,
dolist, with-temp-buffer ...): building fails without them.")

(defparameter *preloaded-lisp*
  '("version.el" "widget.el" "custom.el" "emacs-lisp/map-ynp.el" "international/mule.el"
    "international/mule-conf.el" "env.el" "format.el" "bindings.el" "window.el" "files.el"
    "emacs-lisp/macroexp.el" "cus-face.el" "faces.el" "ldefs-boot.el" "button.el"
    "emacs-lisp/nadvice.el" "emacs-lisp/cl-preloaded.el" "obarray.el" "abbrev.el" "simple.el"
    "help.el" "jka-cmpr-hook.el" "epa-hook.el" "international/mule-cmds.el" "case-table.el"
    "international/characters.el" "composite.el"
    "language/chinese.el" "language/cyrillic.el" "language/indian.el" "language/sinhala.el"
    "language/english.el" "language/ethiopic.el" "language/european.el" "language/czech.el"
    "language/slovak.el" "language/romanian.el" "language/greek.el" "language/hebrew.el"
    "international/cp51932.el" "international/eucjp-ms.el" "language/japanese.el"
    "language/korean.el" "language/lao.el" "language/tai-viet.el" "language/thai.el"
    "language/tibetan.el" "language/vietnamese.el" "language/misc-lang.el"
    "language/utf-8-lang.el" "language/georgian.el" "language/khmer.el" "language/burmese.el"
    "language/cham.el" "indent.el" "emacs-lisp/cl-generic.el" "minibuffer.el" "frame.el"
    "startup.el" "term/tty-colors.el" "font-core.el" "emacs-lisp/syntax.el" "font-lock.el"
    "jit-lock.el" "mouse.el" "select.el" "emacs-lisp/timer.el" "emacs-lisp/easymenu.el"
    "isearch.el" "rfn-eshadow.el" "menu-bar.el" "tab-bar.el" "emacs-lisp/lisp.el"
    "textmodes/page.el" "register.el" "textmodes/paragraphs.el" "progmodes/prog-mode.el"
    "emacs-lisp/lisp-mode.el" "textmodes/text-mode.el" "textmodes/fill.el" "newcomment.el"
    "replace.el" "emacs-lisp/tabulated-list.el" "buff-menu.el" "progmodes/elisp-mode.el"
    "emacs-lisp/float-sup.el" "vc/vc-hooks.el" "vc/ediff-hook.el" "uniquify.el" "electric.el"
    "paren.el" "emacs-lisp/shorthands.el" "emacs-lisp/eldoc.el" "cus-start.el" "tooltip.el"
    "international/iso-transl.el")
  "The files loadup.el loads after the required ones, in its order, without those of graphical
displays and other systems (a batch image has no frames but the initial one); ldefs-boot.el
stands for the loaddefs.el a build generates, as in loadup.el.  Each is loaded when it can be;
one that fails is reported and the build goes on.")

(defun internal-error (condition hook)
  "The image never enters SBCL's debugger: a condition nothing handled (outside the elisp
machinery, which turns CL errors into elisp errors) is reported on one line, exit status 255."
  (declare (ignore hook))
  (format *error-output* "~&emacs2cl: internal error: ~a~%" (remove #\Newline (princ-to-string condition)))
  (finish-output *error-output*)
  (sb-ext:exit :code 255 :abort t))

(defun toplevel ()
  "The image's entry point: the start-up steps run at each start, then the command line."
  (setf sb-ext:*invoke-debugger-hook* #'internal-error)
  ;; A started image is what Emacs calls initialized: dumped, with its Lisp preloaded.
  (setf (rt-box-value c::|initialized|) 1)
  (handler-case (progn (setup-main-globals) (run-steps :each-start))
    (error (c)
      (format *error-output* "emacs2cl: start-up failed: ~a~%" c)
      (sb-ext:exit :code 255 :abort t)))
  (batch-main (rest sb-ext:*posix-argv*)))

(defun try-load (file)
  "Load FILE under a condition-case; NIL, or the printed error that stopped it."
  (handler-bind ((error #'signal-cl-error))
    (let ((r (elisp-eval (list (lisp-symbol "condition-case") (lisp-symbol "err")
                               (list (lisp-symbol "progn")
                                     (list (lisp-symbol "load") (elisp-string (namestring file)) nil t nil t)
                                     nil)
                               (list (lisp-symbol "error") (lisp-symbol "err"))))))
      (and r (emacs2cl-runtime::lisp-string-name (c::|Fprin1_to_string| r nil))))))

(defun step-line (fmt &rest args)
  "A progress line for `emacs2cl image' (which shows the lines starting with \"step \")."
  (format t "~&step ~?~%" fmt args)
  (finish-output))

(defun prepare-emacs (lisp-dir)
  "Start Emacs and load the release's Lisp from LISP-DIR as the image has it: *REQUIRED-LISP*
(an error is fatal), then *PRELOADED-LISP* (a failure is reported and the rest go on)."
  (start-emacs :lisp-dir lisp-dir)
  (dolist (file *required-lisp*)
    (step-line "load ~a" file)
    (load-lisp-file (merge-pathnames file lisp-dir)))
  (dolist (file *preloaded-lisp*)
    (step-line "load ~a" file)
    (let ((failure (try-load (merge-pathnames file lisp-dir))))
      (when failure
        (step-line "load ~a failed: ~a" file failure)))))

(defun build-image (lisp-dir output)
  "PREPARE-EMACS from LISP-DIR, then save the executable image OUTPUT.  Errors are reported on
one line and exit with status 1."
  (handler-bind ((error (lambda (c)
                          (format *error-output* "emacs2cl: image: ~a~%" (remove #\Newline (princ-to-string c)))
                          (sb-ext:exit :code 1 :abort t))))
    (prepare-emacs lisp-dir))
  (step-line "save ~a" output)
  (sb-ext:save-lisp-and-die output :executable t :toplevel #'toplevel :save-runtime-options t))

;;; ------------------------------------------------------------------------------------------
;;; The debugger of a batch run.  Emacs 28's batch mode (backtrace-on-error-noninteractive)
;;; calls `debug' on an uncaught error; debug.el then prints "Debugger entered--Lisp error: ERR"
;;; and the backtrace with `message', and exits with status 255.  debug.el is not loaded in the
;;; image (it needs cl-lib), so its batch behaviour is this subr; the backtrace's frames are left
;;; out (they name startup.el's functions, which the image does not have).

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
