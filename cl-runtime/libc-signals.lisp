;;;; The C library for batch Emacs, part 7: signals and timers -- signal sets and actions, the
;;;; signal mask, raise and kill, the delivery of real signals to the handlers translated code
;;;; installs, pselect (where Emacs waits, and where those signals reach it), and the clocks that
;;;; send signals or wake pselect (timerfd, timer_create, setitimer, alarm).
;;;
;;; SBCL owns the process's signal handlers, so the handlers that sigaction and signal install are
;;; recorded (and reported back as the old action), as is the signal mask.  For the signals of
;;; +DELIVERED-SIGNALS+ (child status, alarms, the terminating ones Emacs catches -- none that SBCL
;;; needs for itself), installing a function handler also installs a real SBCL handler that only
;;; notes the arrival: it marks the signal pending, writes a byte to a self-pipe and calls
;;; *RT-SIGNAL-ARRIVAL-HOOK* (the glue sets Emacs's pending_signals there, as Emacs's own handlers
;;; do for the signals it defers).  The recorded handler then runs on the thread that runs
;;; translated code, at the points where C code expects signals (RT-DELIVER-PENDING-SIGNALS): when
;;; pselect starts and when the self-pipe wakes it (pselect then fails with EINTR, as a signal
;;; makes it fail), when sigprocmask or pthread_sigmask unblocks a pending signal, in sigsuspend,
;;; and wherever Emacs processes its pending signals (maybe_quit ...).  A signal blocked in the
;;; recorded mask stays pending until it is unblocked; while its handler runs, the signal and the
;;; action's mask are blocked, as the kernel blocks them.  A signal is taken off the pending set
;;; before its handler runs, so a signal that arrives while the handler runs is delivered once
;;; more afterwards, and none is lost.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; Signal sets and recorded actions.

(defconstant +nsig+ 65)

(defconstant +sighup+ 1)
(defconstant +sigint+ 2)
(defconstant +sigquit+ 3)
(defconstant +sigusr1+ 10)
(defconstant +sigpipe+ 13)
(defconstant +sigalrm+ 14)
(defconstant +sigterm+ 15)
(defconstant +sigchld+ 17)
(defconstant +sigprof+ 27)
(defconstant +sigwinch+ 28)
(defconstant +sigio+ 29)

(defparameter +delivered-signals+
  (list +sighup+ +sigint+ +sigquit+ +sigusr1+ +sigalrm+ +sigterm+ +sigchld+ +sigprof+ +sigwinch+
        +sigio+)
  "The signals whose arrival reaches the handlers translated code installs.  Not SIGUSR2 (SBCL
stops threads for its collector with it), SIGURG (SBCL interrupts threads with it), SIGPIPE
(SBCL ignores it), nor the synchronous faults SBCL handles (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
SIGTRAP).")

(sb-ext:defglobal **signal-actions** (make-array +nsig+ :initial-element nil))
(sb-ext:defglobal **signal-mask** 0)

(defstruct (%signal-action (:constructor %make-signal-action (handler mask flags)))
  "A recorded signal action: HANDLER (NIL for SIG_DFL, an int-pointer 1 for SIG_IGN, or a
function), MASK (an integer, bit N-1 for signal N) and FLAGS."
  handler (mask 0) (flags 0))

(defun rt-sigset-bits (set)
  "The signals of the sigset_t at pointer SET as an integer (bit N-1 for signal N)."
  (loop for i below 16 sum (ash (%ref set (* 8 i) :u64) (* 64 i))))

(defun %sigset-write (set bits)
  (dotimes (i 16)
    (setf (%ref set (* 8 i) :u64) (ldb (byte 64 (* 64 i)) bits)))
  0)

(defun %signal-bit (sig) (ash 1 (1- sig)))

(defun %valid-signal-p (sig) (< 0 sig +nsig+))

(rt-define-external "sigemptyset" (set) (%sigset-write set 0))
(rt-define-external "sigfillset" (set) (%sigset-write set (1- (ash 1 (1- +nsig+)))))

(macrolet ((def (name (bits bit) form)
             `(rt-define-external ,name (set sig)
                (if (%valid-signal-p sig)
                    (let ((,bits (rt-sigset-bits set)) (,bit (%signal-bit sig)))
                      ,form)
                    (progn (%set-errno +einval+) -1)))))
  (def "sigaddset" (bits bit) (%sigset-write set (logior bits bit)))
  (def "sigdelset" (bits bit) (%sigset-write set (logandc2 bits bit)))
  (def "sigismember" (bits bit) (if (logtest bits bit) 1 0)))

(defun %sig-ign-p (handler)
  (and (int-pointer-p handler) (= (int-pointer-value handler) 1)))

;;; ------------------------------------------------------------------------------------------
;;; Arrival: the real handlers.

(sb-ext:defglobal **pending-signals** (make-array +nsig+ :initial-element nil))
(sb-ext:defglobal **wake-pipe** nil)     ; (READ-FD . WRITE-FD), made at the first real handler
(sb-ext:defglobal **wake-byte** (make-array 1 :element-type '(unsigned-byte 8) :initial-element 0))

(defvar *rt-signal-arrival-hook* nil
  "NIL or a function of no arguments called (in the signal handler's context, on any thread)
when a delivered signal arrives: it must only set a flag.")

(defun %wake-pipe ()
  "The self-pipe that wakes pselect, made (non-blocking, close-on-exec) on first use."
  (or **wake-pipe**
      (let ((fds (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
        (sb-sys:with-pinned-objects (fds)
          (unless (zerop (%c-call "pipe2" sb-alien:int (%sap-arg (sb-sys:vector-sap fds))
                                  (sb-alien:int (logior #o4000 #o2000000)))) ; O_NONBLOCK|O_CLOEXEC
            (%c-error "pipe2 for the signal self-pipe failed: errno ~D" (sb-alien:get-errno))))
        (setf **wake-pipe** (cons (%octets-load fds 0 :s32) (%octets-load fds 4 :s32))))))

(defun %note-signal (sig)
  "What the real handler of delivered signal SIG does: mark it pending, wake pselect, call the
arrival hook.  Only async-signal-safe work."
  (setf (svref **pending-signals** sig) t)
  (let ((pipe **wake-pipe**))
    (when pipe
      (sb-sys:with-pinned-objects (**wake-byte**)
        (%c-call "write" sb-alien:long (sb-alien:int (cdr pipe))
                 (%sap-arg (sb-sys:vector-sap **wake-byte**)) (sb-alien:unsigned-long 1)))))
  (let ((hook *rt-signal-arrival-hook*))
    (when hook (funcall hook))))

(defun %sbcl-handler (sig)
  "SBCL's own handler of SIG (what it installs at start-up), or :DEFAULT."
  (let ((name (cond ((= sig +sigchld+) "SIGCHLD-HANDLER")
                    ((= sig +sigint+) "SIGINT-HANDLER")
                    ((= sig +sigterm+) "SIGTERM-HANDLER")
                    ((= sig +sigalrm+) "SIGALRM-HANDLER"))))
    (let ((symbol (and name (find-symbol name "SB-UNIX"))))
      (if (and symbol (fboundp symbol)) (symbol-function symbol) :default))))

(defun %install-real-handler (sig)
  "Make the process's handler of SIG what its recorded action says: for a function, one that
notes the arrival (and for SIGCHLD also runs SBCL's, which reaps RUN-PROGRAM's children); for
SIG_IGN, ignore it; for SIG_DFL, SBCL's own."
  (when (member sig +delivered-signals+)
    (let ((handler (let ((a (svref **signal-actions** sig))) (and a (%signal-action-handler a)))))
      (cond ((functionp handler)
             (%wake-pipe)
             (let ((chained (and (= sig +sigchld+) (%sbcl-handler sig))))
               (sb-sys:enable-interrupt sig (lambda (signo info context)
                                              (%note-signal signo)
                                              (when (functionp chained)
                                                (funcall chained signo info context))))))
            ((%sig-ign-p handler) (sb-sys:enable-interrupt sig :ignore))
            (t (sb-sys:enable-interrupt sig (%sbcl-handler sig)))))))

;;; ------------------------------------------------------------------------------------------
;;; Delivery: recorded handlers run on the thread of translated code.

(defun %deliver-signal (sig)
  "What the arrival of signal SIG does to this process: run its recorded handler (with SIG and
the action's mask blocked), nothing if it is ignored or ignored by default, else its default
action (glibc's raise, with the default disposition)."
  (let* ((action (svref **signal-actions** sig))
         (handler (and action (%signal-action-handler action))))
    (cond ((functionp handler)
           (let ((saved **signal-mask**))
             (setf **signal-mask**
                   (logior saved (%signal-action-mask action)
                           (if (logtest (%signal-action-flags action) #x40000000) ; SA_NODEFER
                               0
                               (%signal-bit sig))))
             (unwind-protect (funcall handler sig)
               (setf **signal-mask** saved)))
           0)
          ((%sig-ign-p handler) 0)
          ((member sig '(17 23 28)) 0)        ; SIGCHLD, SIGURG, SIGWINCH: ignored by default
          (t (%flush-all-output)
             (%c-call "signal" sb-alien:unsigned-long (sb-alien:int sig) (sb-alien:unsigned-long 0))
             (%c-call "raise" sb-alien:int (sb-alien:int sig))))))

(defun rt-deliver-pending-signals (&optional (mask **signal-mask**))
  "Run the recorded handler of each signal that arrived and is not blocked in MASK (the recorded
signal mask), on the main thread only (the one that runs translated code); the number run."
  (if (not (sb-thread:main-thread-p))
      0
      (loop for sig from 1 below +nsig+
            when (and (svref **pending-signals** sig)
                      (not (logtest mask (%signal-bit sig)))
                      (eq (sb-ext:compare-and-swap (svref **pending-signals** sig) t nil) t))
              count (progn (%deliver-signal sig) t))))

;;; ------------------------------------------------------------------------------------------
;;; The signal mask, actions, raise and kill.

(defun %sigmask (how set oldset)
  (when oldset (%sigset-write oldset **signal-mask**))
  (when set
    (let ((bits (rt-sigset-bits set)))
      (setf **signal-mask** (case how
                              (0 (logior **signal-mask** bits))    ; SIG_BLOCK
                              (1 (logandc2 **signal-mask** bits))  ; SIG_UNBLOCK
                              (2 bits)                              ; SIG_SETMASK
                              (t (return-from %sigmask (progn (%set-errno +einval+) -1)))))
      ;; A pending signal the change unblocks is delivered now, as the kernel delivers it.
      (rt-deliver-pending-signals)))
  0)

(rt-define-external "pthread_sigmask" (how set oldset)
  (let ((r (%sigmask how set oldset)))
    (if (eql r -1) +einval+ 0)))
(rt-define-external "sigprocmask" (how set oldset) (%sigmask how set oldset))

(defun %c-sigaction-handler (act)
  "The handler field of the struct sigaction at ACT (a union of two function pointers)."
  (%ref act 0 :ptr))

(defun %set-signal-action (sig action)
  (setf (svref **signal-actions** sig) action)
  (%install-real-handler sig))

(rt-define-external "sigaction" (sig act oldact)
  (if (not (%valid-signal-p sig))
      (progn (%set-errno +einval+) -1)
      (let ((old (svref **signal-actions** sig)))
        (when oldact
          (setf (%ref oldact 0 :ptr) (and old (%signal-action-handler old)))
          (%sigset-write (rt-ptr+ oldact 8) (if old (%signal-action-mask old) 0))
          (setf (%ref oldact 136 :s32) (if old (%signal-action-flags old) 0)))
        (when act
          (%set-signal-action sig (%make-signal-action (%c-sigaction-handler act)
                                                       (rt-sigset-bits (rt-ptr+ act 8))
                                                       (%ref act 136 :s32))))
        0)))

(rt-define-external "signal" (sig handler)
  (if (not (%valid-signal-p sig))
      (progn (%set-errno +einval+) (rt-int-pointer (ldb (byte 64 0) -1)))   ; SIG_ERR
      (let ((old (svref **signal-actions** sig)))
        (%set-signal-action sig (%make-signal-action handler 0 0))
        (and old (%signal-action-handler old)))))

(rt-define-external "raise" (sig)
  (if (%valid-signal-p sig) (%deliver-signal sig) (progn (%set-errno +einval+) -1)))

(rt-define-external "kill" (pid sig)
  (if (and (= pid (%c-call "getpid" sb-alien:int)) (%valid-signal-p sig))
      (%deliver-signal sig)
      (%c-syscall "kill" sb-alien:int (sb-alien:int pid) (sb-alien:int sig))))

(sb-ext:defglobal **thread-ids** (make-hash-table :test 'eq :weakness :key :synchronized t)
  "The pthread_t of each SBCL thread but the main one, an integer as in C.")
(sb-ext:defglobal **next-thread-id** 1)

(rt-define-external "pthread_self" ()
  ;; A pthread_t is an integer (C's unsigned long, which the translation declares).  The main
  ;; thread is 1 in every saved core (emacs.c records it at start-up).
  (if (sb-thread:main-thread-p)
      1
      (let ((th sb-thread:*current-thread*))
        (sb-ext:with-locked-hash-table (**thread-ids**)
          (or (gethash th **thread-ids**)
              (setf (gethash th **thread-ids**) (incf **next-thread-id**)))))))
(rt-define-external "pthread_equal" (a b) (if (eql a b) 1 0))
(rt-define-external "pthread_kill" (thread sig)
  (declare (ignore thread))
  (cond ((zerop sig) 0)
        ((%valid-signal-p sig) (%deliver-signal sig) 0)
        (t +einval+)))

(defun %wait-for-wake (timeout-ns)
  "Wait until the self-pipe is written or TIMEOUT-NS nanoseconds pass (NIL: no limit), then
empty it."
  (let ((fd (car (%wake-pipe)))
        (set (make-array 128 :element-type '(unsigned-byte 8) :initial-element 0))
        (ts (and timeout-ns (make-array 16 :element-type '(unsigned-byte 8)))))
    (setf (aref set (floor fd 8)) (ash 1 (mod fd 8)))
    (when ts
      (%octets-store ts 0 :s64 (floor timeout-ns 1000000000))
      (%octets-store ts 8 :s64 (mod timeout-ns 1000000000)))
    (sb-sys:with-pinned-objects (set ts)
      (%c-call "pselect" sb-alien:int (sb-alien:int (1+ fd)) (%sap-arg (sb-sys:vector-sap set))
               (%sap-arg (%null-sap)) (%sap-arg (%null-sap))
               (%sap-arg (if ts (sb-sys:vector-sap ts) (%null-sap))) (%sap-arg (%null-sap))))
    (%drain-wake-pipe)))

(defun %drain-wake-pipe ()
  (let ((pipe **wake-pipe**) (buf (make-array 64 :element-type '(unsigned-byte 8))))
    (when pipe
      (sb-sys:with-pinned-objects (buf)
        (loop while (plusp (%c-call "read" sb-alien:long (sb-alien:int (car pipe))
                                    (%sap-arg (sb-sys:vector-sap buf))
                                    (sb-alien:unsigned-long 64))))))))

(rt-define-external "sigsuspend" (set)
  ;; Wait with SET as the mask until a signal's handler has run.
  (let ((mask (rt-sigset-bits set)))
    (loop until (plusp (rt-deliver-pending-signals mask))
          do (%wait-for-wake nil))
    (%set-errno +eintr+)
    -1))

(rt-define-external "sigaltstack" (ss oldss)
  (declare (ignore ss))
  (when oldss
    ;; stack_t: ss_sp, ss_flags (SS_DISABLE), ss_size.
    (%fill-fields oldss '((0 :ptr nil) (8 :s32 2) (16 :u64 0))))
  0)

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
;;; pselect: where Emacs waits for descriptors and timers (thread_select calls it through a
;;; pointer), and where signals reach it.

(defun %fd-set-buffer (set)
  "A copy (128 bytes) of the fd_set at SET, or NIL for NULL."
  (and set
       (let ((b (make-array 128 :element-type '(unsigned-byte 8) :initial-element 0)))
         (dotimes (i 16 b)
           (%octets-store b (* 8 i) :u64 (%ref set (* 8 i) :u64))))))

(defun %monotonic-ns ()
  (let ((ts (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (sb-sys:with-pinned-objects (ts)
      (%c-call "clock_gettime" sb-alien:int (sb-alien:int 1) (%sap-arg (sb-sys:vector-sap ts))))
    (+ (* (%octets-load ts 0 :s64) 1000000000) (%octets-load ts 8 :s64))))

(defun %pselect-once (nfds r w e timeout-ns wake-fd)
  "One real pselect over copies of the sets R, W and E (octet vectors or NIL), with WAKE-FD (or
NIL) added to the read set: the count (the wake descriptor left out of it and of R), and whether
the wake descriptor was ready."
  (let ((r (or r (and wake-fd (make-array 128 :element-type '(unsigned-byte 8) :initial-element 0))))
        (ts (and timeout-ns (make-array 16 :element-type '(unsigned-byte 8)))))
    (when wake-fd
      (setf (aref r (floor wake-fd 8)) (logior (aref r (floor wake-fd 8)) (ash 1 (mod wake-fd 8)))))
    (when ts
      (%octets-store ts 0 :s64 (floor timeout-ns 1000000000))
      (%octets-store ts 8 :s64 (mod timeout-ns 1000000000)))
    (flet ((sap (b) (if b (sb-sys:vector-sap b) (%null-sap))))
      (let ((n (sb-sys:with-pinned-objects (r w e ts)
                 (%c-syscall "pselect" sb-alien:int
                             (sb-alien:int (if wake-fd (max nfds (1+ wake-fd)) nfds))
                             (%sap-arg (sap r)) (%sap-arg (sap w)) (%sap-arg (sap e))
                             (%sap-arg (sap ts)) (%sap-arg (%null-sap))))))
        (if (and wake-fd (plusp n) (logbitp (mod wake-fd 8) (aref r (floor wake-fd 8))))
            (progn (setf (aref r (floor wake-fd 8)) (logandc2 (aref r (floor wake-fd 8))
                                                              (ash 1 (mod wake-fd 8))))
                   (values (1- n) t))
            (values n nil))))))

(defun %pselect (nfds readfds writefds exceptfds timeout sigmask)
  "pselect: SIGMASK, if given, is the recorded mask while it waits.  A pending signal that mask
lets through is delivered first, and pselect then fails with EINTR; one that arrives while it
waits wakes it through the self-pipe, and is delivered the same way."
  (let ((mask (if sigmask (rt-sigset-bits sigmask) **signal-mask**))
        (deadline (and timeout (+ (%monotonic-ns) (* (%ref timeout 0 :s64) 1000000000)
                                  (%ref timeout 8 :s64))))
        (wake-fd (car **wake-pipe**)))
    (flet ((interrupted () (%set-errno +eintr+) -1))
      (when (plusp (rt-deliver-pending-signals mask))
        (return-from %pselect (interrupted)))
      (loop
        (let ((r (%fd-set-buffer readfds)) (w (%fd-set-buffer writefds))
              (e (%fd-set-buffer exceptfds)))
          (multiple-value-bind (n woken)
              (%pselect-once nfds r w e (and deadline (max 0 (- deadline (%monotonic-ns)))) wake-fd)
            (when woken
              (%drain-wake-pipe)
              (when (plusp (rt-deliver-pending-signals mask))
                (return (interrupted))))
            (when (or (not woken) (plusp n) (and deadline (<= deadline (%monotonic-ns))))
              (when (>= n 0)
                (loop for (set buf) in (list (list readfds r) (list writefds w) (list exceptfds e))
                      when set
                        do (dotimes (i 16)
                             (setf (%ref set (* 8 i) :u64) (%octets-load buf (* 8 i) :u64)))))
              (return n))))))))

(rt-define-external "pselect" (nfds readfds writefds exceptfds timeout sigmask)
  (%pselect nfds readfds writefds exceptfds timeout sigmask))

;;; ------------------------------------------------------------------------------------------
;;; Clocks that signal or wake pselect: glibc's, for real.  A timer's signal must be one whose
;;; arrival is delivered (or SBCL's SIGALRM, whose handler runs SBCL's timers).

(defun %itimerspec-octets (p)
  "A pinnable copy (32 bytes) of the struct itimerspec (or itimerval) at P, or NIL for NULL."
  (and p
       (let ((b (make-array 32 :element-type '(unsigned-byte 8) :initial-element 0)))
         (dotimes (i 4 b) (%octets-store b (* 8 i) :s64 (%ref p (* 8 i) :s64))))))

(defun %store-itimerspec (p b)
  (when p (dotimes (i 4) (setf (%ref p (* 8 i) :s64) (%octets-load b (* 8 i) :s64)))))

(defmacro %with-timer-specs ((new-sap old-buf new old) &body body)
  "Bind NEW-SAP to a pinned copy of the timer spec at NEW and OLD-BUF to a buffer for the old one
around BODY (a C call returning 0 on success); on success copy OLD-BUF to OLD.  BODY's value."
  (let ((nb (gensym "NEW")) (r (gensym "R")))
    `(let ((,nb (%itimerspec-octets ,new))
           (,old-buf (make-array 32 :element-type '(unsigned-byte 8) :initial-element 0)))
       (let ((,r (sb-sys:with-pinned-objects (,nb ,old-buf)
                   (let ((,new-sap (if ,nb (sb-sys:vector-sap ,nb) (%null-sap))))
                     ,@body))))
         (when (eql ,r 0) (%store-itimerspec ,old ,old-buf))
         ,r))))

(rt-define-external "timerfd_create" (clock flags)
  (%c-syscall "timerfd_create" sb-alien:int (sb-alien:int clock) (sb-alien:int flags)))

(rt-define-external "timerfd_settime" (fd flags new old)
  (%with-timer-specs (n ob new old)
    (%c-syscall "timerfd_settime" sb-alien:int (sb-alien:int fd) (sb-alien:int flags) (%sap-arg n)
                (%sap-arg (sb-sys:vector-sap ob)))))

(rt-define-external "timerfd_gettime" (fd cur)
  (%with-timer-specs (n ob nil cur)
    (declare (ignore n))
    (%c-syscall "timerfd_gettime" sb-alien:int (sb-alien:int fd) (%sap-arg (sb-sys:vector-sap ob)))))

(rt-define-external "setitimer" (which new old)
  (%with-timer-specs (n ob new old)
    (%c-syscall "setitimer" sb-alien:int (sb-alien:int which) (%sap-arg n)
                (%sap-arg (sb-sys:vector-sap ob)))))

(rt-define-external "alarm" (seconds)
  (%c-call "alarm" sb-alien:unsigned-int (sb-alien:unsigned-int seconds)))

(rt-define-external "timer_create" (clock sevp timerid)
  ;; struct sigevent: sigev_value (8 bytes), sigev_signo, sigev_notify (0 SIGEV_SIGNAL, 1
  ;; SIGEV_NONE, 2 SIGEV_THREAD: a thread that would run translated code, refused).
  (let* ((notify (if sevp (%ref sevp 12 :s32) 0))
         (signo (if sevp (%ref sevp 8 :s32) +sigalrm+))
         (ev (make-array 64 :element-type '(unsigned-byte 8) :initial-element 0))
         (id (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
    (if (or (not (member notify '(0 1)))
            (and (= notify 0) (not (member signo +delivered-signals+))))
        (progn (%set-errno +einval+) -1)
        (progn
          (%octets-store ev 8 :s32 signo)
          (%octets-store ev 12 :s32 notify)
          (let ((r (sb-sys:with-pinned-objects (ev id)
                     (%c-syscall "timer_create" sb-alien:int (sb-alien:int clock)
                                 (%sap-arg (sb-sys:vector-sap ev)) (%sap-arg (sb-sys:vector-sap id))))))
            (when (zerop r)
              ;; glibc's timer_t is a pointer-sized handle; 0 is a valid one, kept apart from NULL.
              (setf (%ref timerid 0 :ptr) (%int-pointer (%octets-load id 0 :u64))))
            r)))))

(defun %timer-handle (timer)
  (if (int-pointer-p timer)
      (int-pointer-value timer)
      (%c-error "~A is not a timer_t from timer_create" (%describe timer))))

(rt-define-external "timer_settime" (timer flags new old)
  (%with-timer-specs (n ob new old)
    (%c-syscall "timer_settime" sb-alien:int (sb-alien:unsigned-long (%timer-handle timer))
                (sb-alien:int flags) (%sap-arg n) (%sap-arg (sb-sys:vector-sap ob)))))

(rt-define-external "timer_delete" (timer)
  (%c-syscall "timer_delete" sb-alien:int (sb-alien:unsigned-long (%timer-handle timer))))

(rt-define-external "timer_getoverrun" (timer)
  (%c-syscall "timer_getoverrun" sb-alien:int (sb-alien:unsigned-long (%timer-handle timer))))

;;; ------------------------------------------------------------------------------------------
;;; A saved core starts with SBCL's handlers: the real handlers are installed again, with a
;;; new self-pipe, and nothing is pending.

(defun %reinit-signals ()
  (setf **wake-pipe** nil)
  (fill **pending-signals** nil)
  (dolist (sig +delivered-signals+)
    (when (svref **signal-actions** sig)
      (%install-real-handler sig))))

(pushnew '%reinit-signals sb-ext:*init-hooks*)
