;;;; The C library for batch Emacs, part 6: the process and its users (ids, passwd and group
;;;; entries, host name, limits, usage, load), locales, random numbers, and signals and timers.
;;;
;;; Ids, users, limits, locales and random numbers are glibc's, called through SB-ALIEN (so the
;;; locale Emacs sets with setlocale is glibc's locale, which snprintf, strtod and strftime then
;;; follow, as in C).  Signals are not delivered to translated code: the handlers sigaction and
;;; signal install are recorded (and reported back as the old action) but never installed in the
;;; process, whose signals SBCL owns; the signal mask is recorded likewise; timers are accepted
;;; and never fire.  raise and kill on the process itself run a recorded handler, ignore an
;;; ignored signal and otherwise take the default action for real.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; Ids.

(macrolet ((def (&rest names)
             `(progn ,@(loop for name in names
                             collect `(rt-define-external ,name ()
                                        (%c-call ,name sb-alien:int))))))
  (def "getpid" "getppid" "getpgrp"))

(macrolet ((def (&rest names)
             `(progn ,@(loop for name in names
                             collect `(rt-define-external ,name ()
                                        (%c-call ,name sb-alien:unsigned-int))))))
  (def "getuid" "geteuid" "getgid" "getegid"))

(rt-define-external "setpgid" (pid pgid)
  (%c-syscall "setpgid" sb-alien:int (sb-alien:int pid) (sb-alien:int pgid)))
(rt-define-external "setsid" () (%c-syscall "setsid" sb-alien:int))

(rt-define-external "waitpid" (pid status options)
  (%with-out-scalar (s status :s32)
    (%c-syscall "waitpid" sb-alien:int (sb-alien:int pid) (%sap-arg s) (sb-alien:int options))))

;;; ------------------------------------------------------------------------------------------
;;; Users and groups: glibc's entries copied into the translation's struct passwd and group.

(defun %passwd-from-sap (sap)
  "A fresh struct passwd holding a copy of glibc's at SAP, or NIL if SAP is null."
  (unless (%null-sap-p sap)
    (%fill-fields (%new-c-struct "struct passwd")
                  `((0 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 0)))
                    (8 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 8)))
                    (16 :u32 ,(sb-sys:sap-ref-32 sap 16))
                    (20 :u32 ,(sb-sys:sap-ref-32 sap 20))
                    (24 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 24)))
                    (32 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 32)))
                    (40 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 40)))))))

(defun %group-from-sap (sap)
  "A fresh struct group holding a copy of glibc's at SAP (gr_mem a vector of pointers ending
with NULL), or NIL if SAP is null."
  (unless (%null-sap-p sap)
    (let ((members (sb-sys:sap-ref-sap sap 24)))
      (%fill-fields (%new-c-struct "struct group")
                    `((0 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 0)))
                      (8 :ptr ,(%sap-c-string (sb-sys:sap-ref-sap sap 8)))
                      (16 :u32 ,(sb-sys:sap-ref-32 sap 16))
                      (24 :ptr ,(and (not (%null-sap-p members))
                                     (coerce (loop for i from 0
                                                   for m = (sb-sys:sap-ref-sap members (* 8 i))
                                                   collect (%sap-c-string m)
                                                   until (%null-sap-p m))
                                             'simple-vector))))))))

(defmacro %entry-call (converter call)
  "CALL (returning a pointer to a glibc entry, NULL when there is none or on an error) through
CONVERTER; errno is set if glibc set it."
  (let ((sap (gensym "SAP")))
    `(progn
       (%clear-c-errno)
       (let ((,sap ,call))
         (when (%null-sap-p ,sap)
           (let ((e (sb-alien:get-errno))) (unless (zerop e) (%set-errno e))))
         (,converter ,sap)))))

(macrolet ((def (name converter &optional arg)
             ;; ARG: :id (an unsigned int), :name (a string) or none.
             `(rt-define-external ,name (,@(and arg '(arg)))
                ,(ecase arg
                   (:id `(%entry-call ,converter (%c-call ,name sb-sys:system-area-pointer
                                                          (sb-alien:unsigned-int arg))))
                   (:name `(%with-c-strings ((n arg ,name))
                             (%entry-call ,converter (%c-call ,name sb-sys:system-area-pointer
                                                              (%sap-arg n)))))
                   ((nil) `(%entry-call ,converter (%c-call ,name sb-sys:system-area-pointer)))))))
  (def "getpwuid" %passwd-from-sap :id)
  (def "getpwnam" %passwd-from-sap :name)
  (def "getpwent" %passwd-from-sap)
  (def "getgrgid" %group-from-sap :id)
  (def "getgrnam" %group-from-sap :name)
  (def "getgrent" %group-from-sap))

(macrolet ((def (&rest names)
             `(progn ,@(loop for name in names
                             collect `(rt-define-external ,name ()
                                        (%c-call ,name sb-alien:void)
                                        nil)))))
  (def "setpwent" "endpwent" "setgrent" "endgrent"))

;; utmp: no login records (Emacs then finds no boot time, as on a system without them).
(rt-define-external "setutent" () nil)
(rt-define-external "endutent" () nil)
(rt-define-external "getutent" () nil)
(rt-define-external "getutid" (ut) (declare (ignore ut)) nil)
(rt-define-external "utmpname" (file) (declare (ignore file)) 0)

;;; ------------------------------------------------------------------------------------------
;;; The host and the system.

(rt-define-external "gethostname" (buf len)
  (let ((r -1))
    (%with-output-buffer (b buf len "gethostname")
      (setf r (%c-syscall "gethostname" sb-alien:int (%sap-arg b) (sb-alien:unsigned-long len)))
      (if (zerop r) len 0))
    r))

(rt-define-external "uname" (uts)
  (let ((buf (make-array 390 :element-type '(unsigned-byte 8) :initial-element 0)))
    (let ((r (sb-sys:with-pinned-objects (buf)
               (%c-syscall "uname" sb-alien:int (%sap-arg (sb-sys:vector-sap buf))))))
      (when (zerop r)
        (dotimes (i 6)
          (let ((start (* 65 i)))
            (%store-string-field uts start
                                 (subseq buf start (position 0 buf :start start :end (+ start 65)))
                                 65))))
      r)))

(rt-define-external "sysconf" (name)
  (%c-syscall "sysconf" sb-alien:long (sb-alien:int name)))

(rt-define-external "getpagesize" () (%c-call "getpagesize" sb-alien:int))

(rt-define-external "getrlimit" (resource rlim)
  (%with-out-struct (b rlim 16 '((0 :u64) (8 :u64)))
    (%c-syscall "getrlimit" sb-alien:int (sb-alien:int resource) (%sap-arg b))))

(rt-define-external "setrlimit" (resource rlim)
  (let ((b (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (%octets-store b 0 :u64 (%ref rlim 0 :u64))
    (%octets-store b 8 :u64 (%ref rlim 8 :u64))
    (sb-sys:with-pinned-objects (b)
      (%c-syscall "setrlimit" sb-alien:int (sb-alien:int resource) (%sap-arg (sb-sys:vector-sap b))))))

(rt-define-external "getrusage" (who usage)
  ;; struct rusage: two struct timeval, then 14 longs (in unions in the translation).
  (%with-out-struct (b usage 144 (loop for off from 0 below 144 by 8 collect (list off :s64)))
    (%c-syscall "getrusage" sb-alien:int (sb-alien:int who) (%sap-arg b))))

(rt-define-external "getloadavg" (loadavg n)
  (let ((b (make-array (* 8 (max n 1)) :element-type '(unsigned-byte 8) :initial-element 0)))
    (let ((r (sb-sys:with-pinned-objects (b)
               (%c-call "getloadavg" sb-alien:int (%sap-arg (sb-sys:vector-sap b)) (sb-alien:int n)))))
      (loop for i below (max r 0)
            do (setf (%ref loadavg (* 8 i) :f64) (%octets-load b (* 8 i) :f64)))
      r)))

(defun %omp-threads (variable)
  "gnulib's parse_omp_threads: the first number of the environment variable VARIABLE (a list
like \"4,2\"), or 0."
  (let ((value (sb-ext:posix-getenv variable)))
    (or (and value
             (let* ((s (string-left-trim '(#\Space #\Tab #\Newline #\Return #\Page #\Vt) value))
                    (end (or (position-if-not #'digit-char-p s) (length s))))
               (and (plusp end)
                    (let ((rest (string-left-trim '(#\Space #\Tab #\Newline #\Return #\Page #\Vt)
                                                  (subseq s end))))
                      (and (or (zerop (length rest)) (char= (char rest 0) #\,))
                           (parse-integer s :end end))))))
        0)))

(rt-define-external "num_processors" (query)
  ;; gnulib's: 0 all processors, 1 those available to the process, 2 the same unless
  ;; OMP_NUM_THREADS and OMP_THREAD_LIMIT say otherwise.
  (let ((omp-threads (if (= query 2) (%omp-threads "OMP_NUM_THREADS") 0))
        (omp-limit (if (= query 2) (%omp-threads "OMP_THREAD_LIMIT") 0)))
    (let ((n (cond ((plusp omp-threads) omp-threads)
                   ((= query 0) (max 1 (%c-call "get_nprocs_conf" sb-alien:int)))
                   (t (max 1 (%c-call "get_nprocs" sb-alien:int))))))
      (if (and (plusp omp-limit) (> n omp-limit)) omp-limit n))))

(rt-define-external "personality" (persona)
  ;; Queried only to disable address randomization before re-executing for unexec: say it is
  ;; disabled already (ADDR_NO_RANDOMIZE), and change nothing.
  (declare (ignore persona))
  #x0040000)

(rt-define-external "prctl" (&rest args)
  (declare (ignore args))
  0)

(rt-define-external "syscall" (number &rest args)
  (case number
    (316 (destructuring-bind (fromfd from tofd to flags) args ; SYS_renameat2
           (rt-call-external "renameat2" fromfd from tofd to flags)))
    (t (%set-errno +enosys+) -1)))

(rt-define-external "ioctl" (fd request &optional (arg 0))
  ;; Only requests whose argument is an integer (FICLONE's descriptor ...) reach the kernel.
  (if (or (integerp arg) (null arg))
      (%c-syscall "ioctl" sb-alien:int (sb-alien:int fd) (sb-alien:unsigned-long request)
                  (sb-alien:long (or arg 0)))
      (progn (%set-errno +enotty+) -1)))

(rt-define-external "backtrace" (buffer size)
  (declare (ignore buffer size))
  0)

(rt-define-external "backtrace_symbols_fd" (buffer size fd)
  (declare (ignore buffer size fd))
  nil)

(rt-define-external "__builtin_unwind_init" () nil)

;;; ------------------------------------------------------------------------------------------
;;; Random numbers: glibc's generator and getrandom.

(rt-define-external "random" () (%c-call "random" sb-alien:long))
(rt-define-external "srandom" (seed) (%c-call "srandom" sb-alien:void (sb-alien:unsigned-int seed)) nil)
(rt-define-external "rand" () (%c-call "rand" sb-alien:int))
(rt-define-external "srand" (seed) (%c-call "srand" sb-alien:void (sb-alien:unsigned-int seed)) nil)

(rt-define-external "getrandom" (buf n flags)
  (%with-output-buffer (b buf n "getrandom")
    (%c-syscall "getrandom" sb-alien:long (%sap-arg b) (sb-alien:unsigned-long n)
                (sb-alien:unsigned-int flags))))

;;; ------------------------------------------------------------------------------------------
;;; Locales: glibc's.

(rt-define-external "setlocale" (category locale)
  (let ((r (%with-c-strings ((l locale "setlocale"))
             (%c-call "setlocale" sb-sys:system-area-pointer (sb-alien:int category) (%sap-arg l)))))
    (%sap-c-string r)))

(defparameter *langinfo-word-items*
  (list (ash 7 16) (1+ (ash 7 16)))
  "The nl_langinfo items whose value is a number cast to char * rather than a string: glibc's
_NL_PAPER_HEIGHT and _NL_PAPER_WIDTH (_NL_ITEM (__LC_PAPER = 7, 0 and 1)), which fns.c's
`locale-info' casts back with (intptr_t).")

(rt-define-external "nl_langinfo" (item)
  (let ((sap (%c-call "nl_langinfo" sb-sys:system-area-pointer (sb-alien:int item))))
    (if (member item *langinfo-word-items*)
        (rt-int-pointer (sb-sys:sap-int sap))
        (%sap-c-string sap))))

(defstruct (%locale (:constructor %make-locale (handle)))
  "A locale_t: glibc's at HANDLE."
  (handle nil))

(defun %locale-sap (loc)
  (cond ((%locale-p loc) (%locale-handle loc))
        ((null loc) (%null-sap))
        ((int-pointer-p loc) (sb-sys:int-sap (ldb (byte 64 0) (int-pointer-value loc))))
        (t (%c-error "~A is not a locale_t" (%describe loc)))))

(rt-define-external "newlocale" (mask locale base)
  (let ((sap (%with-c-strings ((l locale "newlocale"))
               (%c-call "newlocale" sb-sys:system-area-pointer (sb-alien:int mask) (%sap-arg l)
                        (%sap-arg (%locale-sap base))))))
    (if (%null-sap-p sap)
        (progn (%set-errno (sb-alien:get-errno)) nil)
        (%make-locale sap))))

(rt-define-external "freelocale" (loc)
  (when (%locale-p loc)
    (%c-call "freelocale" sb-alien:void (%sap-arg (%locale-handle loc))))
  nil)

(rt-define-external "uselocale" (loc)
  (let ((old (%c-call "uselocale" sb-sys:system-area-pointer (%sap-arg (%locale-sap loc)))))
    (%make-locale old)))

(rt-define-external "towlower_l" (c loc)
  (%c-call "towlower_l" sb-alien:unsigned-int (sb-alien:unsigned-int c) (%sap-arg (%locale-sap loc))))

(defun %wide-string-octets (p)
  "A pinnable copy (4 bytes a character, and a 0) of the wchar_t string at P."
  (let ((chars (loop for i from 0 for c = (%ref p (* 4 i) :s32) until (zerop c) collect c)))
    (let ((b (make-array (* 4 (1+ (length chars))) :element-type '(unsigned-byte 8) :initial-element 0)))
      (loop for c in chars for i from 0 do (%octets-store b (* 4 i) :s32 c))
      b)))

(rt-define-external "wcscoll" (a b)
  (let ((x (%wide-string-octets a)) (y (%wide-string-octets b)))
    (sb-sys:with-pinned-objects (x y)
      (%c-call "wcscoll" sb-alien:int (%sap-arg (sb-sys:vector-sap x)) (%sap-arg (sb-sys:vector-sap y))))))

(rt-define-external "wcscoll_l" (a b loc)
  (let ((x (%wide-string-octets a)) (y (%wide-string-octets b)))
    (sb-sys:with-pinned-objects (x y)
      (%c-call "wcscoll_l" sb-alien:int (%sap-arg (sb-sys:vector-sap x)) (%sap-arg (sb-sys:vector-sap y))
               (%sap-arg (%locale-sap loc))))))

(rt-define-external "mbrtowc" (pwc s n ps)
  ;; From the initial shift state (the state at PS is not carried over).
  (declare (ignore ps))
  (let ((state (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
    (multiple-value-bind (v off) (if s (%load-octets s n "mbrtowc") (values nil 0))
      (sb-sys:with-pinned-objects (state v)
        (%with-out-scalar (w pwc :s32)
          (%c-call "mbrtowc" sb-alien:unsigned-long (%sap-arg w)
                   (%sap-arg (if v (sb-sys:sap+ (sb-sys:vector-sap v) off) (%null-sap)))
                   (sb-alien:unsigned-long n) (%sap-arg (sb-sys:vector-sap state))))))))

;;; ------------------------------------------------------------------------------------------
;;; Signals.

(defconstant +nsig+ 65)

(sb-ext:defglobal **signal-actions** (make-array +nsig+ :initial-element nil))
(sb-ext:defglobal **signal-mask** 0)

(defstruct (%signal-action (:constructor %make-signal-action (handler mask flags)))
  "A recorded signal action: HANDLER (NIL for SIG_DFL, an int-pointer 1 for SIG_IGN, or a
function), MASK (an integer, bit N-1 for signal N) and FLAGS."
  handler (mask 0) (flags 0))

(defun %sigset-read (set)
  "The signals of the sigset_t at SET as an integer (bit N-1 for signal N)."
  (loop for i below 16 sum (ash (%ref set (* 8 i) :u64) (* 64 i))))

(defun %sigset-write (set bits)
  (dotimes (i 16)
    (setf (%ref set (* 8 i) :u64) (ldb (byte 64 (* 64 i)) bits)))
  0)

(defun %valid-signal-p (sig) (< 0 sig +nsig+))

(rt-define-external "sigemptyset" (set) (%sigset-write set 0))
(rt-define-external "sigfillset" (set) (%sigset-write set (1- (ash 1 (1- +nsig+)))))

(macrolet ((def (name (bits bit) form)
             `(rt-define-external ,name (set sig)
                (if (%valid-signal-p sig)
                    (let ((,bits (%sigset-read set)) (,bit (ash 1 (1- sig))))
                      ,form)
                    (progn (%set-errno +einval+) -1)))))
  (def "sigaddset" (bits bit) (%sigset-write set (logior bits bit)))
  (def "sigdelset" (bits bit) (%sigset-write set (logandc2 bits bit)))
  (def "sigismember" (bits bit) (if (logtest bits bit) 1 0)))

(defun %sigmask (how set oldset)
  (when oldset (%sigset-write oldset **signal-mask**))
  (when set
    (let ((bits (%sigset-read set)))
      (setf **signal-mask** (case how
                              (0 (logior **signal-mask** bits))    ; SIG_BLOCK
                              (1 (logandc2 **signal-mask** bits))  ; SIG_UNBLOCK
                              (2 bits)                              ; SIG_SETMASK
                              (t (return-from %sigmask (progn (%set-errno +einval+) -1)))))))
  0)

(rt-define-external "pthread_sigmask" (how set oldset)
  (let ((r (%sigmask how set oldset)))
    (if (eql r -1) +einval+ 0)))
(rt-define-external "sigprocmask" (how set oldset) (%sigmask how set oldset))

(defun %c-sigaction-handler (act)
  "The handler field of the struct sigaction at ACT (a union of two function pointers)."
  (%ref act 0 :ptr))

(rt-define-external "sigaction" (sig act oldact)
  (if (not (%valid-signal-p sig))
      (progn (%set-errno +einval+) -1)
      (let ((old (svref **signal-actions** sig)))
        (when oldact
          (setf (%ref oldact 0 :ptr) (and old (%signal-action-handler old)))
          (%sigset-write (rt-ptr+ oldact 8) (if old (%signal-action-mask old) 0))
          (setf (%ref oldact 136 :s32) (if old (%signal-action-flags old) 0)))
        (when act
          (setf (svref **signal-actions** sig)
                (%make-signal-action (%c-sigaction-handler act) (%sigset-read (rt-ptr+ act 8))
                                 (%ref act 136 :s32))))
        0)))

(rt-define-external "signal" (sig handler)
  (if (not (%valid-signal-p sig))
      (progn (%set-errno +einval+) (rt-int-pointer (ldb (byte 64 0) -1)))   ; SIG_ERR
      (let ((old (svref **signal-actions** sig)))
        (setf (svref **signal-actions** sig) (%make-signal-action handler 0 0))
        (and old (%signal-action-handler old)))))

(defun %sig-ign-p (handler)
  (and (int-pointer-p handler) (= (int-pointer-value handler) 1)))

(defun %deliver-signal (sig)
  "What the arrival of signal SIG does to this process: run its recorded handler, nothing if it
is ignored or ignored by default, else its default action (glibc's raise, with the default
disposition)."
  (let* ((action (svref **signal-actions** sig))
         (handler (and action (%signal-action-handler action))))
    (cond ((functionp handler) (funcall handler sig) 0)
          ((%sig-ign-p handler) 0)
          ((member sig '(17 23 28)) 0)        ; SIGCHLD, SIGURG, SIGWINCH: ignored by default
          (t (%flush-all-output)
             (%c-call "signal" sb-alien:unsigned-long (sb-alien:int sig) (sb-alien:unsigned-long 0))
             (%c-call "raise" sb-alien:int (sb-alien:int sig))))))

(rt-define-external "raise" (sig)
  (if (%valid-signal-p sig) (%deliver-signal sig) (progn (%set-errno +einval+) -1)))

(rt-define-external "kill" (pid sig)
  (if (and (= pid (%c-call "getpid" sb-alien:int)) (%valid-signal-p sig))
      (%deliver-signal sig)
      (%c-syscall "kill" sb-alien:int (sb-alien:int pid) (sb-alien:int sig))))

(rt-define-external "pthread_self" () sb-thread:*current-thread*)
(rt-define-external "pthread_equal" (a b) (if (eq a b) 1 0))
(rt-define-external "pthread_kill" (thread sig)
  (declare (ignore thread))
  (cond ((zerop sig) 0)
        ((%valid-signal-p sig) (%deliver-signal sig) 0)
        (t +einval+)))

(rt-define-external "sigsuspend" (set)
  (declare (ignore set))
  (%set-errno +eintr+)
  -1)

(rt-define-external "sigaltstack" (ss oldss)
  (declare (ignore ss))
  (when oldss
    ;; stack_t: ss_sp, ss_flags (SS_DISABLE), ss_size.
    (%fill-fields oldss '((0 :ptr nil) (8 :s32 2) (16 :u64 0))))
  0)

(rt-define-external "alarm" (seconds) (declare (ignore seconds)) 0)

(rt-define-external "setitimer" (which new old)
  (declare (ignore which new))
  (when old (%fill-fields old '((0 :s64 0) (8 :s64 0) (16 :s64 0) (24 :s64 0))))
  0)

(rt-define-external "timer_create" (clock sevp timerid)
  (declare (ignore clock sevp))
  (setf (%ref timerid 0 :ptr) (rt-int-pointer 1))
  0)

(rt-define-external "timer_settime" (timer flags new old)
  (declare (ignore timer flags new))
  (when old (%fill-fields old '((0 :s64 0) (8 :s64 0) (16 :s64 0) (24 :s64 0))))
  0)

(rt-define-external "timer_getoverrun" (timer) (declare (ignore timer)) 0)

(rt-define-external "timerfd_create" (clock flags)
  (declare (ignore clock flags))
  (%set-errno +enosys+)
  -1)

(rt-define-external "timerfd_settime" (fd flags new old)
  (declare (ignore fd flags new old))
  (%set-errno +ebadf+)
  -1)

(rt-define-external "strsignal" (sig)
  (%sap-c-string (%c-call "strsignal" sb-sys:system-area-pointer (sb-alien:int sig))))

(rt-define-external "sigdescr_np" (sig)
  (%sap-c-string (%c-call "sigdescr_np" sb-sys:system-area-pointer (sb-alien:int sig))))

(rt-define-external "sigabbrev_np" (sig)
  (%sap-c-string (%c-call "sigabbrev_np" sb-sys:system-area-pointer (sb-alien:int sig))))

(defun %signal-number (name)
  "gnulib's str2sig: the number of the signal NAME (a Lisp string without \"SIG\": \"HUP\",
\"9\", \"RTMIN+2\"), or NIL."
  (flet ((abbrev (sig)
           (let ((sap (%c-call "sigabbrev_np" sb-sys:system-area-pointer (sb-alien:int sig))))
             (and (not (%null-sap-p sap))
                  (map 'string #'code-char (%sap-string-octets sap)))))
         (number (s) (and (plusp (length s)) (every #'digit-char-p s) (parse-integer s))))
    (let ((rtmin (%c-call "__libc_current_sigrtmin" sb-alien:int))
          (rtmax (%c-call "__libc_current_sigrtmax" sb-alien:int)))
      (cond ((number name) (let ((n (number name))) (and (<= n rtmax) n)))
            ((loop for sig from 1 below rtmin
                   when (equal (abbrev sig) name) return sig))
            ((and (>= (length name) 5) (string= name "RTMIN" :end1 5))
             (let ((k (if (= (length name) 5) 0
                          (and (char= (char name 5) #\+) (number (subseq name 6))))))
               (and k (<= (+ rtmin k) rtmax) (+ rtmin k))))
            ((and (>= (length name) 5) (string= name "RTMAX" :end1 5))
             (let ((k (if (= (length name) 5) 0
                          (and (char= (char name 5) #\-) (number (subseq name 6))))))
               (and k (<= rtmin (- rtmax k)) (- rtmax k))))))))

(rt-define-external "str2sig" (name signo)
  (let ((n (%signal-number (map 'string #'code-char (%string-octets name "str2sig")))))
    (if n
        (progn (setf (%ref signo 0 :s32) n) 0)
        -1)))

;;; ------------------------------------------------------------------------------------------
;;; pselect: waiting for descriptors (Emacs's thread_select calls it through a pointer).

(defun %fd-set-buffer (set)
  "A copy (128 bytes) of the fd_set at SET, or NIL for NULL."
  (and set
       (let ((b (make-array 128 :element-type '(unsigned-byte 8) :initial-element 0)))
         (dotimes (i 16 b)
           (%octets-store b (* 8 i) :u64 (%ref set (* 8 i) :u64))))))

(rt-define-external "pselect" (nfds readfds writefds exceptfds timeout sigmask)
  ;; The signal mask is not changed (signals are not delivered to translated code).
  (declare (ignore sigmask))
  (let ((r (%fd-set-buffer readfds)) (w (%fd-set-buffer writefds)) (e (%fd-set-buffer exceptfds))
        (ts (and timeout
                 (let ((b (make-array 16 :element-type '(unsigned-byte 8))))
                   (%octets-store b 0 :s64 (%ref timeout 0 :s64))
                   (%octets-store b 8 :s64 (%ref timeout 8 :s64))
                   b))))
    (flet ((sap (b) (if b (sb-sys:vector-sap b) (%null-sap))))
      (let ((n (sb-sys:with-pinned-objects (r w e ts)
                 (%c-syscall "pselect" sb-alien:int (sb-alien:int nfds) (%sap-arg (sap r))
                             (%sap-arg (sap w)) (%sap-arg (sap e)) (%sap-arg (sap ts))
                             (%sap-arg (%null-sap))))))
        (when (>= n 0)
          (loop for (set buf) in (list (list readfds r) (list writefds w) (list exceptfds e))
                when set
                  do (dotimes (i 16)
                       (setf (%ref set (* 8 i) :u64) (%octets-load buf (* 8 i) :u64)))))
        n))))

;;; The controlling terminal's foreground process group (shut_down_emacs asks it at exit).

(rt-define-external "tcgetpgrp" (fd)
  (%c-syscall "tcgetpgrp" sb-alien:int (sb-alien:int fd)))

(rt-define-external "tcsetpgrp" (fd pgrp)
  (%c-syscall "tcsetpgrp" sb-alien:int (sb-alien:int fd) (sb-alien:int pgrp)))
