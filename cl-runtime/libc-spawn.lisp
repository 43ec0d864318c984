;;;; The C library for batch Emacs, part 8: starting programs.
;;;
;;; A Lisp image must not fork (the child would run Lisp with one thread of many, and with the
;;; collector's state mid-way), and Emacs's vfork children run C between vfork and exec.  The
;;; runtime starts programs with glibc's posix_spawn instead: everything the child does before
;;; exec is one of posix_spawn's steps, in glibc's order -- default dispositions for the given
;;; signals, a new session, the file actions (a terminal opened as the controlling terminal,
;;; descriptors duplicated onto 0, 1 and 2, the working directory, every other descriptor
;;; closed), the signal mask -- and no Lisp runs in the child.

(in-package "EMACS2CL-RUNTIME")

(defconstant +posix-spawn-setsigdef+ 4)
(defconstant +posix-spawn-setsigmask+ 8)
(defconstant +posix-spawn-setsid+ #x80)
(defconstant +o-rdwr+ 2)

(defun %c-malloc (size)
  (let ((sap (%c-call "malloc" sb-sys:system-area-pointer (sb-alien:unsigned-long size))))
    (when (%null-sap-p sap) (%c-error "malloc (~D) failed" size))
    sap))

(defun %c-free (sap) (%c-call "free" sb-alien:void (%sap-arg sap)))

(defun %malloc-string (bytes)
  "A NUL-terminated copy of BYTES (octets or a Lisp string) in C memory."
  (let* ((z (%octets-z bytes)) (sap (%c-malloc (length z))))
    (dotimes (i (length z) sap) (setf (sb-sys:sap-ref-8 sap i) (aref z i)))))

(defun %malloc-string-vector (strings)
  "A NULL-terminated vector of C strings (copies of STRINGS) in C memory, and the list of
everything allocated (to free)."
  (let* ((n (length strings)) (vec (%c-malloc (* 8 (1+ n)))) (all (list vec)))
    (loop for s in strings for i from 0
          do (let ((c (%malloc-string s)))
               (push c all)
               (setf (sb-sys:sap-ref-sap vec (* 8 i)) c)))
    (setf (sb-sys:sap-ref-sap vec (* 8 n)) (%null-sap))
    (values vec all)))

(defun %store-sigset (sap bits)
  (dotimes (i 16) (setf (sb-sys:sap-ref-64 sap (* 8 i)) (ldb (byte 64 (* 64 i)) bits))))

(defun rt-c-string-octets (p)
  "The bytes (a fresh octet vector, without the NUL) of the C string at pointer P."
  (%string-octets p "C string"))

(defun rt-c-string-vector (p)
  "The strings (octet vectors) of the NULL-terminated vector of C strings at P (argv, envp)."
  (loop for i from 0
        for s = (rt-mem (rt-ptr+ p (* 8 i)) :ptr)
        while s collect (rt-c-string-octets s)))

(defmacro %check-spawn-call (form)
  "FORM is a posix_spawn helper returning an error number: return it from %SPAWN unless 0."
  (let ((e (gensym "E")))
    `(let ((,e ,form)) (unless (zerop ,e) (return-from %spawn (values -1 ,e))))))

(defun %spawn (program argv envp stdin stdout stderr directory terminal new-session search
               signal-mask default-signals)
  (let ((actions (%c-malloc 80)) (attributes (%c-malloc 336)) (sigsets (%c-malloc 256))
        (pid (%c-malloc 8)) (allocated '()))
    (unwind-protect
         (flet ((c-string (bytes) (let ((c (%malloc-string bytes))) (push c allocated) c)))
           (%c-call "posix_spawn_file_actions_init" sb-alien:int (%sap-arg actions))
           (%c-call "posix_spawnattr_init" sb-alien:int (%sap-arg attributes))
           (flet ((dup2 (from to)
                    (%check-spawn-call (%c-call "posix_spawn_file_actions_adddup2" sb-alien:int
                                                (%sap-arg actions) (sb-alien:int from)
                                                (sb-alien:int to)))))
             (cond (terminal
                    ;; Opened without O_NOCTTY by the leader of a new session, the terminal
                    ;; becomes the child's controlling terminal, with the child's group in the
                    ;; foreground.
                    (%check-spawn-call (%c-call "posix_spawn_file_actions_addopen" sb-alien:int
                                                (%sap-arg actions) (sb-alien:int 0)
                                                (%sap-arg (c-string terminal))
                                                (sb-alien:int +o-rdwr+) (sb-alien:int 0)))
                    (dup2 0 1)
                    (dup2 (if (< stderr 0) 0 stderr) 2))
                   (t (dup2 stdin 0) (dup2 stdout 1) (dup2 stderr 2))))
           (when directory
             (%check-spawn-call (%c-call "posix_spawn_file_actions_addchdir_np" sb-alien:int
                                         (%sap-arg actions) (%sap-arg (c-string directory)))))
           (%check-spawn-call (%c-call "posix_spawn_file_actions_addclosefrom_np" sb-alien:int
                                       (%sap-arg actions) (sb-alien:int 3)))
           (%store-sigset sigsets signal-mask)
           (%store-sigset (sb-sys:sap+ sigsets 128)
                          (reduce #'logior default-signals :key #'%signal-bit :initial-value 0))
           (%check-spawn-call (%c-call "posix_spawnattr_setsigmask" sb-alien:int
                                       (%sap-arg attributes) (%sap-arg sigsets)))
           (%check-spawn-call (%c-call "posix_spawnattr_setsigdefault" sb-alien:int
                                       (%sap-arg attributes) (%sap-arg (sb-sys:sap+ sigsets 128))))
           (%check-spawn-call (%c-call "posix_spawnattr_setflags" sb-alien:int (%sap-arg attributes)
                                       (sb-alien:short (logior +posix-spawn-setsigdef+
                                                               +posix-spawn-setsigmask+
                                                               (if new-session +posix-spawn-setsid+ 0)))))
           (multiple-value-bind (argv-vector argv-strings) (%malloc-string-vector argv)
             (multiple-value-bind (envp-vector envp-strings) (%malloc-string-vector envp)
               (setf allocated (append argv-strings envp-strings allocated))
               (let ((e (if search
                            (%c-call "posix_spawnp" sb-alien:int (%sap-arg pid)
                                     (%sap-arg (c-string program)) (%sap-arg actions)
                                     (%sap-arg attributes) (%sap-arg argv-vector)
                                     (%sap-arg envp-vector))
                            (%c-call "posix_spawn" sb-alien:int (%sap-arg pid)
                                     (%sap-arg (c-string program)) (%sap-arg actions)
                                     (%sap-arg attributes) (%sap-arg argv-vector)
                                     (%sap-arg envp-vector)))))
                 (if (zerop e)
                     (values (sb-sys:signed-sap-ref-32 pid 0) 0)
                     (values -1 e))))))
      (%c-call "posix_spawn_file_actions_destroy" sb-alien:int (%sap-arg actions))
      (%c-call "posix_spawnattr_destroy" sb-alien:int (%sap-arg attributes))
      (mapc #'%c-free (list* actions attributes sigsets pid allocated)))))

(defun rt-spawn-program (program argv envp &key (stdin 0) (stdout 1) (stderr 2) directory
                                             terminal new-session search (signal-mask 0)
                                             default-signals prepare)
  "Start PROGRAM (octets or a string: a file name, or a name looked up in PATH if SEARCH) with
the arguments ARGV and the environment ENVP (lists of octets or strings), and return its
process id and 0, or -1 and an error number.  The child has STDIN, STDOUT and STDERR (this
process's descriptors) as its descriptors 0, 1 and 2, or, with TERMINAL (a terminal's file name),
that terminal as 0 and 1 and as 2 unless STDERR is not negative; no other descriptor.  It starts
in DIRECTORY (default: this process's), in a new session if NEW-SESSION (required for TERMINAL
to become its controlling terminal), with SIGNAL-MASK (an integer, bit N-1 for signal N) and the
default action for DEFAULT-SIGNALS (a list of numbers); a signal this process ignores stays
ignored, as across fork and exec.  PREPARE, a function, runs just before: the resource limits
it sets are the child's, and this process's are put back after."
  (let ((limits (and prepare (%file-limit))))
    (when prepare (funcall prepare))
    (unwind-protect
         (%spawn program argv envp stdin stdout stderr directory terminal new-session search
                 signal-mask default-signals)
      (when limits (%set-file-limit limits)))))

(defun %file-limit ()
  "RLIMIT_NOFILE's (soft hard) in this process."
  (let ((b (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (sb-sys:with-pinned-objects (b)
      (%c-call "getrlimit" sb-alien:int (sb-alien:int 7) (%sap-arg (sb-sys:vector-sap b))))
    (list (%octets-load b 0 :u64) (%octets-load b 8 :u64))))

(defun %set-file-limit (limits)
  (let ((b (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (%octets-store b 0 :u64 (first limits))
    (%octets-store b 8 :u64 (second limits))
    (sb-sys:with-pinned-objects (b)
      (%c-call "setrlimit" sb-alien:int (sb-alien:int 7) (%sap-arg (sb-sys:vector-sap b))))))
