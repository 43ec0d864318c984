;;;; The C library for batch Emacs, part 9: terminals -- pseudo-terminals, terminal attributes
;;;; (struct termios), the foreground process group, and ioctl.
;;;
;;; glibc's own functions; a struct they read or write (struct termios, struct winsize, struct
;;; ifreq) is copied between the translation's object and a buffer at glibc's layout, byte by
;;; byte, as the struct's bytes.

(in-package "EMACS2CL-RUNTIME")

(defun %call-with-struct-bytes (p size in out function)
  (let ((buf (make-array (max size 1) :element-type '(unsigned-byte 8) :initial-element 0)))
    (when (and in p)
      (multiple-value-bind (v off) (%load-octets p size "struct")
        (replace buf v :start2 off :end2 (+ off size))))
    (let ((r (sb-sys:with-pinned-objects (buf) (funcall function (sb-sys:vector-sap buf)))))
      (when (and out p (not (eql r -1)))
        (%store-octets p buf :end size :who "struct"))
      r)))

(defmacro %with-struct-bytes ((sap p size &key (in t) (out t)) &body body)
  "Bind SAP to a pinned buffer of SIZE bytes around BODY (a C call): a copy of the bytes at P
if IN, copied back to P if OUT and BODY's value is not -1.  BODY's value."
  `(%call-with-struct-bytes ,p ,size ,in ,out (lambda (,sap) ,@body)))

;;; ------------------------------------------------------------------------------------------
;;; Pseudo-terminals.

(rt-define-external "posix_openpt" (flags)
  (%c-syscall "posix_openpt" sb-alien:int (sb-alien:int flags)))

(macrolet ((def (&rest names)
             `(progn ,@(loop for name in names
                             collect `(rt-define-external ,name (fd)
                                        (%c-syscall ,name sb-alien:int (sb-alien:int fd)))))))
  (def "grantpt" "unlockpt" "tcgetpgrp" "tcdrain"))

(rt-define-external "ptsname" (fd)
  (%clear-c-errno)
  (let ((sap (%c-call "ptsname" sb-sys:system-area-pointer (sb-alien:int fd))))
    (when (%null-sap-p sap) (%set-errno (sb-alien:get-errno)))
    (%sap-c-string sap)))

(rt-define-external "tcsetpgrp" (fd pgrp)
  (%c-syscall "tcsetpgrp" sb-alien:int (sb-alien:int fd) (sb-alien:int pgrp)))

(macrolet ((def (&rest names)
             `(progn ,@(loop for name in names
                             collect `(rt-define-external ,name (fd arg)
                                        (%c-syscall ,name sb-alien:int (sb-alien:int fd)
                                                    (sb-alien:int arg)))))))
  (def "tcflow" "tcflush" "tcsendbreak"))

;;; ------------------------------------------------------------------------------------------
;;; struct termios (60 bytes: four flag words, c_line, c_cc[32], c_ispeed, c_ospeed).

(defconstant +termios-size+ 60)

(rt-define-external "tcgetattr" (fd termios)
  (%with-struct-bytes (b termios +termios-size+ :in nil)
    (%c-syscall "tcgetattr" sb-alien:int (sb-alien:int fd) (%sap-arg b))))

(rt-define-external "tcsetattr" (fd action termios)
  (%with-struct-bytes (b termios +termios-size+ :out nil)
    (%c-syscall "tcsetattr" sb-alien:int (sb-alien:int fd) (sb-alien:int action) (%sap-arg b))))

(macrolet ((def (name &rest args)
             `(rt-define-external ,name (termios ,@args)
                (%with-struct-bytes (b termios +termios-size+)
                  (%c-syscall ,name sb-alien:int (%sap-arg b)
                              ,@(loop for a in args collect `(sb-alien:unsigned-int ,a)))))))
  (def "cfsetspeed" speed)
  (def "cfsetospeed" speed)
  (def "cfsetispeed" speed))

(rt-define-external "cfmakeraw" (termios)
  (%with-struct-bytes (b termios +termios-size+)
    (%c-call "cfmakeraw" sb-alien:void (%sap-arg b))
    0)
  nil)

(macrolet ((def (&rest names)
             `(progn ,@(loop for name in names
                             collect `(rt-define-external ,name (termios)
                                        (%with-struct-bytes (b termios +termios-size+ :out nil)
                                          (%c-call ,name sb-alien:unsigned-int (%sap-arg b))))))))
  (def "cfgetospeed" "cfgetispeed"))

;;; ------------------------------------------------------------------------------------------
;;; ioctl: an integer argument is passed as is; a pointer argument is the struct or scalar the
;;; request reads or writes, copied at glibc's size.

(defparameter +ioctl-argument-sizes+
  ;; request -> (size in out)
  '((#x540F 4 nil t)                    ; TIOCGPGRP: pid_t *
    (#x5410 4 t nil)                    ; TIOCSPGRP
    (#x5412 1 t nil)                    ; TIOCSTI: char *
    (#x5413 8 nil t)                    ; TIOCGWINSZ: struct winsize *
    (#x5414 8 t nil)                    ; TIOCSWINSZ
    (#x541B 4 nil t)                    ; FIONREAD: int *
    (#x5421 4 t nil)                    ; FIONBIO: int *
    (#x5423 4 t nil)                    ; TIOCSETD: int *
    (#x8913 40 t t)                     ; SIOCGIFFLAGS: struct ifreq *
    (#x8915 40 t t)                     ; SIOCGIFADDR
    (#x8919 40 t t)                     ; SIOCGIFBRDADDR
    (#x891B 40 t t)                     ; SIOCGIFNETMASK
    (#x8927 40 t t))                    ; SIOCGIFHWADDR
  "The ioctl requests whose argument is a pointer, with the size of what it points to and
whether the kernel reads and writes it.")

(rt-define-external "ioctl" (fd request &optional (arg 0))
  (cond ((or (integerp arg) (null arg))
         (%c-syscall "ioctl" sb-alien:int (sb-alien:int fd) (sb-alien:unsigned-long request)
                     (sb-alien:long (or arg 0))))
        ((assoc request +ioctl-argument-sizes+)
         (destructuring-bind (size in out) (rest (assoc request +ioctl-argument-sizes+))
           (%with-struct-bytes (b arg size :in in :out out)
             (%c-syscall "ioctl" sb-alien:int (sb-alien:int fd) (sb-alien:unsigned-long request)
                         (%sap-arg b)))))
        (t (%c-error "ioctl: request #x~X with a pointer argument is not known to the runtime"
                     request))))
