;;;; Subprocesses and signals: the vfork users the rules replace (callproc.c's emacs_spawn,
;;;; sysdep.c's sys_subshell), started with the runtime's posix_spawn (cl-runtime/libc-spawn.lisp);
;;;; and where the signals that arrived reach the handlers Emacs installed (process_pending_signals,
;;;; cl-runtime/libc-signals.lisp).

(in-package "EMACS2CL-GLUE")

(defconstant +eagain+ 11)
(defconstant +enomem+ 12)
(defconstant +enoent+ 2)

(defparameter *child-default-signals* '(2 3 13 27)
  "SIGINT, SIGQUIT, SIGPIPE, SIGPROF: the signals emacs_spawn's child gives their default action
before it runs the program (Emacs catches or ignores them; the program must not).")

(defun spawn-failure-child (message status &rest spawn-arguments)
  "A child that does what emacs_spawn's vfork child does when its chdir or exec fails: it writes
MESSAGE (octets, or NIL) on its standard error and exits with STATUS.  posix_spawn reports those
failures to the parent instead, so the child is a shell (/bin/sh) given the same descriptors.
The process id and 0, or -1 and an error number."
  (apply #'rt-spawn-program "/bin/sh"
         (list "sh" "-c" "printf '%s' \"$1\" >&2; exit \"$2\"" "sh"
               (or message #()) (princ-to-string status))
         '() spawn-arguments))

(defun directory-usable-p (directory)
  "Whether a child could make DIRECTORY (octets) its working directory."
  (zerop (rt-call-external "access" (rt-make-ptr (octets-concatenate directory #(0)) 0) 1)))

(defun command-name ()
  "What emacs_perror names the program by: initial_argv[0], else \"emacs\"."
  (let ((argv (rt-box-value c::|initial_argv|)))
    (or (and argv (let ((p (rt-mem argv :ptr))) (and p (rt-c-string-octets p))))
        "emacs")))

(defun octets-concatenate (&rest parts)
  (apply #'concatenate '(vector (unsigned-byte 8))
         (mapcar (lambda (p) (if (stringp p) (sb-ext:string-to-octets p :external-format :utf-8) p))
                 parts)))

(defconstant +o-rdwr-noctty-cloexec+ (logior 2 #o400 #o2000000))

(defmacro with-terminal-set-up ((pty fd) &body body)
  "BODY with the terminal PTY (a file name, or NIL for none) set up as child_setup_tty sets up
the child's terminal -- the modes are the terminal's, so this process sets them, through FD if
it is open on the terminal, else through a descriptor open until BODY is done."
  (let ((own (gensym "OWN")) (tty (gensym "TTY")))
    `(let* ((,own (and ,pty (< ,fd 0)
                       (rt-call-external "open" ,pty +o-rdwr-noctty-cloexec+)))
            (,tty (or ,own ,fd)))
       (unwind-protect
            (progn (when (and ,pty (>= ,tty 0)) (c::|child_setup_tty| ,tty))
                   ,@body)
         (when (and ,own (>= ,own 0)) (rt-call-external "close" ,own))))))

(defun emacs-spawn (newpid std-in std-out std-err argv envp cwd pty oldset)
  "emacs_spawn (callproc.c): start the program ARGV[0] with ARGV and the environment ENVP, its
standard descriptors STD-IN, STD-OUT and STD-ERR (STD-OUT if negative), in the directory CWD, in
a new session; with PTY (the pty's file name) that pty as its controlling terminal and its
descriptors 0 and 1 (and 2 unless STD-ERR), set up by child_setup_tty; SIGINT, SIGQUIT, SIGPIPE
and SIGPROF at their default action, the signal mask OLDSET, the file limit Emacs had at
start-up.  Store the process id at NEWPID and return 0, or return an error number.  As with the
C's vfork, a chdir or exec that fails is the child's: it reports on its standard error and
exits with 125 (chdir), 127 (no such program) or 126."
  (let* ((arguments (rt-c-string-vector argv))
         (directory (rt-c-string-octets cwd))
         (terminal (and pty (rt-c-string-octets pty)))
         (spawn-arguments (list :stdin std-in :stdout std-out
                                :stderr (if (and (< std-err 0) (not pty)) std-out std-err)
                                :terminal terminal :new-session t
                                :signal-mask (rt-sigset-bits oldset)
                                :default-signals *child-default-signals*
                                :prepare #'c::|restore_nofile_limit|)))
    (multiple-value-bind (pid errno)
        (with-terminal-set-up (pty std-in)
          (apply #'rt-spawn-program (first arguments) arguments (rt-c-string-vector envp)
                 :directory directory spawn-arguments))
      (when (and (< pid 0) (not (member errno (list +eagain+ +enomem+))))
        (setf (values pid errno)
              (if (directory-usable-p directory)
                  (apply #'spawn-failure-child
                         (octets-concatenate (command-name) ": " (first arguments) ": "
                                             (sb-int:strerror errno) (string #\Newline))
                         (if (= errno +enoent+) 127 126) spawn-arguments)
                  (apply #'spawn-failure-child nil 125 spawn-arguments))))
      (cond ((< pid 0) errno)
            (t (setf (rt-mem newpid :s32) pid) 0)))))

(rt-implement 'rt-emacs-spawn #'emacs-spawn)

(defun sys-subshell ()
  "sys_subshell (sysdep.c): run $SHELL (else sh, looked up in PATH) in the current buffer's
directory, on Emacs's own descriptors, and wait for it with SIGINT, SIGQUIT, SIGTERM and SIGIO
ignored."
  (let* ((directory (rt-c-string-octets (c::|SSDATA| (c::|get_current_directory| 1))))
         (shell (let ((p (c::|egetenv| (rt-make-ptr (c-bytes "SHELL") 0))))
                  (if p (rt-c-string-octets p) "sh")))
         (saved (rt-new '(:array (:struct c::|struct save_signal|) 5))))
    (multiple-value-bind (pid errno)
        (rt-spawn-program shell (list shell)
                          (rt-c-string-vector (rt-make-ptr (rt-box-value (rt-external-variable "environ")) 0))
                          :directory directory :search t
                          :signal-mask (let ((set (rt-new '(:array :u64 16))))
                                         (rt-call-external "pthread_sigmask" 0 nil set)
                                         (rt-sigset-bits set)))
      (when (< pid 0)
        (multiple-value-setq (pid errno)
          (if (directory-usable-p directory)
              (spawn-failure-child (octets-concatenate (command-name) ": " shell ": "
                                                       (sb-int:strerror errno) (string #\Newline))
                                   (if (= errno +enoent+) 127 126))
              (spawn-failure-child (octets-concatenate (command-name) ": " directory ": "
                                                       (sb-int:strerror +enoent+) (string #\Newline))
                                   125))))
      (when (< pid 0)
        (c::|error| (rt-make-ptr (c-bytes "Can't spawn subshell") 0)))
      (loop for sig in '(2 3 15 29 0) for i from 0
            do (setf (c::|save_signal.code| (svref saved i)) sig))
      (c::|sysdep.c/save_signal_handlers| saved)
      (c::|wait_for_termination| pid (rt-make-box 0) 0)
      (c::|sysdep.c/restore_signal_handlers| saved))))

(rt-implement 'rt-sys-subshell #'sys-subshell)

;;; ------------------------------------------------------------------------------------------
;;; Signals reach Emacs's handlers where Emacs processes its pending signals: a signal that
;;; arrives sets pending_signals, as Emacs's handlers of deferred signals do, so that maybe_quit,
;;; unblock_input and wait_reading_process_output call process_pending_signals soon.

(setf *rt-signal-arrival-hook* (lambda () (setf (rt-box-value c::|pending_signals|) 1)))

(defun process-pending-signals ()
  "process_pending_signals (keyboard.c), with the handlers of the signals that arrived run
first."
  (setf (rt-box-value c::|pending_signals|) 0)
  (rt-deliver-pending-signals)
  (c::|keyboard.c/handle_async_input|)
  (c::|do_pending_atimers|))

(rt-implement 'rt-process-pending-signals #'process-pending-signals)
