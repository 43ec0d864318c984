;;;; The C library for batch Emacs, part 3: file descriptors, files and directories.
;;;
;;; Each function calls the glibc function of the same name through SB-ALIEN, with copies of the
;;; strings and buffers, and sets errno on failure as glibc does.  struct stat, struct dirent and
;;; struct timespec results are stored into the translation's structs (libc-sys.lisp).  A DIR *
;;; is a %DIR wrapping glibc's.  gnulib's helpers that Emacs calls (careadlinkat, gen_tempname,
;;; get_stat_*time, qcopy_acl, set_binary_mode, get_fs_usage, rpl_fcntl, rpl_pipe2) are here too.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; Descriptors.

(rt-define-external "open" (path flags &optional (mode 0))
  (%with-c-strings ((p path "open"))
    (%c-syscall "open" sb-alien:int (%sap-arg p) (sb-alien:int flags)
                (sb-alien:unsigned-int mode))))

(rt-define-external "openat" (dirfd path flags &optional (mode 0))
  (%with-c-strings ((p path "openat"))
    (%c-syscall "openat" sb-alien:int (sb-alien:int dirfd) (%sap-arg p) (sb-alien:int flags)
                (sb-alien:unsigned-int mode))))

(rt-define-external "close" (fd)
  (%c-syscall "close" sb-alien:int (sb-alien:int fd)))

(rt-define-external "read" (fd buf n)
  (%with-output-buffer (b buf n "read")
    (%c-syscall "read" sb-alien:long (sb-alien:int fd) (%sap-arg b) (sb-alien:unsigned-long n))))

(rt-define-external "write" (fd buf n)
  (if (zerop n)
      (%c-syscall "write" sb-alien:long (sb-alien:int fd) (%sap-arg (%null-sap))
                  (sb-alien:unsigned-long 0))
      (multiple-value-bind (v off) (%load-octets buf n "write")
        (sb-sys:with-pinned-objects (v)
          (%c-syscall "write" sb-alien:long (sb-alien:int fd)
                      (%sap-arg (sb-sys:sap+ (sb-sys:vector-sap v) off))
                      (sb-alien:unsigned-long n))))))

(rt-define-external "lseek" (fd offset whence)
  (%c-syscall "lseek" sb-alien:long (sb-alien:int fd) (sb-alien:long offset) (sb-alien:int whence)))

(rt-define-external "dup" (fd)
  (%c-syscall "dup" sb-alien:int (sb-alien:int fd)))

(rt-define-external "dup2" (fd fd2)
  (%c-syscall "dup2" sb-alien:int (sb-alien:int fd) (sb-alien:int fd2)))

(rt-define-external "dup3" (fd fd2 flags)
  (%c-syscall "dup3" sb-alien:int (sb-alien:int fd) (sb-alien:int fd2) (sb-alien:int flags)))

(defun %fcntl (fd cmd arg)
  (%c-syscall "fcntl" sb-alien:int (sb-alien:int fd) (sb-alien:int cmd)
              (sb-alien:long (%integer-arg arg))))

(rt-define-external "rpl_fcntl" (fd cmd &optional (arg 0)) (%fcntl fd cmd arg))
(rt-define-external "fcntl" (fd cmd &optional (arg 0)) (%fcntl fd cmd arg))

(defun %pipe2 (fds flags)
  (let ((buf (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
    (let ((r (sb-sys:with-pinned-objects (buf)
               (%c-syscall "pipe2" sb-alien:int (%sap-arg (sb-sys:vector-sap buf))
                           (sb-alien:int flags)))))
      (when (zerop r)
        (setf (%ref fds 0 :s32) (%octets-load buf 0 :s32)
              (%ref fds 4 :s32) (%octets-load buf 4 :s32)))
      r)))

(rt-define-external "rpl_pipe2" (fds flags) (%pipe2 fds flags))
(rt-define-external "pipe2" (fds flags) (%pipe2 fds flags))
(rt-define-external "pipe" (fds) (%pipe2 fds 0))

(rt-define-external "isatty" (fd)
  (let ((r (%c-call "isatty" sb-alien:int (sb-alien:int fd))))
    (when (zerop r) (%set-errno (sb-alien:get-errno)))
    r))

(rt-define-external "fsync" (fd) (%c-syscall "fsync" sb-alien:int (sb-alien:int fd)))
(rt-define-external "fdatasync" (fd) (%c-syscall "fdatasync" sb-alien:int (sb-alien:int fd)))
(rt-define-external "sync" () (%c-call "sync" sb-alien:void) nil)

(rt-define-external "ftruncate" (fd length)
  (%c-syscall "ftruncate" sb-alien:int (sb-alien:int fd) (sb-alien:long length)))

(rt-define-external "fchmod" (fd mode)
  (%c-syscall "fchmod" sb-alien:int (sb-alien:int fd) (sb-alien:unsigned-int mode)))

(rt-define-external "fchown" (fd uid gid)
  (%c-syscall "fchown" sb-alien:int (sb-alien:int fd) (sb-alien:unsigned-int uid)
              (sb-alien:unsigned-int gid)))

(rt-define-external "umask" (mask)
  (%c-call "umask" sb-alien:unsigned-int (sb-alien:unsigned-int mask)))

(rt-define-external "set_binary_mode" (fd mode)
  ;; gnulib's, on POSIX hosts: nothing to do; the previous mode, O_BINARY, is 0.
  (declare (ignore fd mode))
  0)

(rt-define-external "copy_file_range" (infd inoff outfd outoff length flags)
  (flet ((offset-buffer (p)
           (and p (let ((b (make-array 8 :element-type '(unsigned-byte 8))))
                    (%octets-store b 0 :s64 (%ref p 0 :s64))
                    b))))
    (let ((ib (offset-buffer inoff)) (ob (offset-buffer outoff)))
      (sb-sys:with-pinned-objects (ib ob)
        (let ((r (%c-syscall "copy_file_range" sb-alien:long (sb-alien:int infd)
                             (%sap-arg (if ib (sb-sys:vector-sap ib) (%null-sap)))
                             (sb-alien:int outfd)
                             (%sap-arg (if ob (sb-sys:vector-sap ob) (%null-sap)))
                             (sb-alien:unsigned-long length) (sb-alien:unsigned-int flags))))
          (when ib (setf (%ref inoff 0 :s64) (%octets-load ib 0 :s64)))
          (when ob (setf (%ref outoff 0 :s64) (%octets-load ob 0 :s64)))
          r)))))

;;; ------------------------------------------------------------------------------------------
;;; stat.

(defconstant +stat-size+ 144)

(defparameter *stat-fields*
  '((0 :u64) (8 :u64) (16 :u64) (24 :u32) (28 :u32) (32 :u32) (40 :u64) (48 :s64) (56 :s64)
    (64 :s64) (72 :s64) (80 :s64) (88 :s64) (96 :s64) (104 :s64) (112 :s64))
  "The offsets and types of the fields of glibc's struct stat on x86-64: st_dev, st_ino,
st_nlink, st_mode, st_uid, st_gid, st_rdev, st_size, st_blksize, st_blocks, st_atim (tv_sec,
tv_nsec), st_mtim, st_ctim.")

(defmacro %with-stat-buffer ((sap st) call)
  "Run CALL (a C function returning 0 or -1) with SAP a buffer for a struct stat, then copy it to
the struct ST points to if CALL succeeded; CALL's result."
  `(%with-out-struct (,sap ,st +stat-size+ *stat-fields*) ,call))

(rt-define-external "fstat" (fd st)
  (%with-stat-buffer (b st)
    (%c-syscall "fstat" sb-alien:int (sb-alien:int fd) (%sap-arg b))))

(rt-define-external "stat" (path st)
  (%with-c-strings ((p path "stat"))
    (%with-stat-buffer (b st)
      (%c-syscall "stat" sb-alien:int (%sap-arg p) (%sap-arg b)))))

(rt-define-external "lstat" (path st)
  (%with-c-strings ((p path "lstat"))
    (%with-stat-buffer (b st)
      (%c-syscall "lstat" sb-alien:int (%sap-arg p) (%sap-arg b)))))

(rt-define-external "fstatat" (dirfd path st flags)
  (%with-c-strings ((p path "fstatat"))
    (%with-stat-buffer (b st)
      (%c-syscall "fstatat" sb-alien:int (sb-alien:int dirfd) (%sap-arg p) (%sap-arg b)
                  (sb-alien:int flags)))))

(defun %make-timespec (sec nsec)
  "A fresh instance of the translation's struct timespec."
  (let ((ts (%new-c-struct "struct timespec")))
    (setf (%ref ts 0 :s64) sec
          (%ref ts 8 :s64) nsec)
    ts))

(rt-define-external "get_stat_atime" (st) (%make-timespec (%ref st 72 :s64) (%ref st 80 :s64)))
(rt-define-external "get_stat_mtime" (st) (%make-timespec (%ref st 88 :s64) (%ref st 96 :s64)))
(rt-define-external "get_stat_ctime" (st) (%make-timespec (%ref st 104 :s64) (%ref st 112 :s64)))
(rt-define-external "get_stat_birthtime" (st)
  (declare (ignore st))
  (%make-timespec -1 -1))
(rt-define-external "get_stat_atime_ns" (st) (%ref st 80 :s64))
(rt-define-external "get_stat_mtime_ns" (st) (%ref st 96 :s64))
(rt-define-external "get_stat_ctime_ns" (st) (%ref st 112 :s64))

;;; ------------------------------------------------------------------------------------------
;;; Names.

(rt-define-external "access" (path mode)
  (%with-c-strings ((p path "access"))
    (%c-syscall "access" sb-alien:int (%sap-arg p) (sb-alien:int mode))))

(rt-define-external "faccessat" (dirfd path mode flags)
  (%with-c-strings ((p path "faccessat"))
    (%c-syscall "faccessat" sb-alien:int (sb-alien:int dirfd) (%sap-arg p) (sb-alien:int mode)
                (sb-alien:int flags))))

(defun %readlinkat (dirfd path buf size)
  (%with-c-strings ((p path "readlinkat"))
    (%with-output-buffer (b buf size "readlinkat")
      (%c-syscall "readlinkat" sb-alien:long (sb-alien:int dirfd) (%sap-arg p) (%sap-arg b)
                  (sb-alien:unsigned-long size)))))

(rt-define-external "readlinkat" (dirfd path buf size) (%readlinkat dirfd path buf size))
(rt-define-external "readlink" (path buf size) (%readlinkat -100 path buf size))

(rt-define-external "careadlinkat" (fd filename buffer buffer-size alloc preadlinkat)
  ;; gnulib's: the NUL-terminated contents of symbolic link FILENAME, in BUFFER if they fit, else
  ;; in fresh memory; NULL (errno set) on failure.  PREADLINKAT is readlinkat.
  (declare (ignore alloc preadlinkat))
  (loop for size = (max 1024 buffer-size) then (* size 2)
        do (let* ((buf (make-array size :element-type '(unsigned-byte 8)))
                  (n (%with-c-strings ((p filename "careadlinkat"))
                       (sb-sys:with-pinned-objects (buf)
                         (%c-syscall "readlinkat" sb-alien:long (sb-alien:int fd) (%sap-arg p)
                                     (%sap-arg (sb-sys:vector-sap buf))
                                     (sb-alien:unsigned-long size))))))
             (cond ((minusp n) (return nil))
                   ((< n size)
                    (let ((z (%octets-z (subseq buf 0 n))))
                      (return (if (and buffer (< n buffer-size))
                                  (progn (%store-octets buffer z) buffer)
                                  (rt-make-ptr z 0)))))))))

(rt-define-external "unlink" (path)
  (%with-c-strings ((p path "unlink")) (%c-syscall "unlink" sb-alien:int (%sap-arg p))))
(rt-define-external "rmdir" (path)
  (%with-c-strings ((p path "rmdir")) (%c-syscall "rmdir" sb-alien:int (%sap-arg p))))
(rt-define-external "chdir" (path)
  (%with-c-strings ((p path "chdir")) (%c-syscall "chdir" sb-alien:int (%sap-arg p))))
(rt-define-external "fchdir" (fd) (%c-syscall "fchdir" sb-alien:int (sb-alien:int fd)))

(rt-define-external "unlinkat" (dirfd path flags)
  (%with-c-strings ((p path "unlinkat"))
    (%c-syscall "unlinkat" sb-alien:int (sb-alien:int dirfd) (%sap-arg p) (sb-alien:int flags))))

(rt-define-external "mkdir" (path mode)
  (%with-c-strings ((p path "mkdir"))
    (%c-syscall "mkdir" sb-alien:int (%sap-arg p) (sb-alien:unsigned-int mode))))

(rt-define-external "mkdirat" (dirfd path mode)
  (%with-c-strings ((p path "mkdirat"))
    (%c-syscall "mkdirat" sb-alien:int (sb-alien:int dirfd) (%sap-arg p)
                (sb-alien:unsigned-int mode))))

(rt-define-external "chmod" (path mode)
  (%with-c-strings ((p path "chmod"))
    (%c-syscall "chmod" sb-alien:int (%sap-arg p) (sb-alien:unsigned-int mode))))

(rt-define-external "fchmodat" (dirfd path mode flags)
  (%with-c-strings ((p path "fchmodat"))
    (%c-syscall "fchmodat" sb-alien:int (sb-alien:int dirfd) (%sap-arg p)
                (sb-alien:unsigned-int mode) (sb-alien:int flags))))

(rt-define-external "lchown" (path uid gid)
  (%with-c-strings ((p path "lchown"))
    (%c-syscall "lchown" sb-alien:int (%sap-arg p) (sb-alien:unsigned-int uid)
                (sb-alien:unsigned-int gid))))

(macrolet ((def2 (name)
             `(rt-define-external ,name (from to)
                (%with-c-strings ((f from ,name) (g to ,name))
                  (%c-syscall ,name sb-alien:int (%sap-arg f) (%sap-arg g))))))
  (def2 "rename")
  (def2 "link")
  (def2 "symlink"))

(rt-define-external "renameat" (fromfd from tofd to)
  (%with-c-strings ((f from "renameat") (g to "renameat"))
    (%c-syscall "renameat" sb-alien:int (sb-alien:int fromfd) (%sap-arg f) (sb-alien:int tofd)
                (%sap-arg g))))

(rt-define-external "renameat2" (fromfd from tofd to flags)
  (%with-c-strings ((f from "renameat2") (g to "renameat2"))
    (%c-syscall "renameat2" sb-alien:int (sb-alien:int fromfd) (%sap-arg f) (sb-alien:int tofd)
                (%sap-arg g) (sb-alien:unsigned-int flags))))

(rt-define-external "linkat" (fromfd from tofd to flags)
  (%with-c-strings ((f from "linkat") (g to "linkat"))
    (%c-syscall "linkat" sb-alien:int (sb-alien:int fromfd) (%sap-arg f) (sb-alien:int tofd)
                (%sap-arg g) (sb-alien:int flags))))

(rt-define-external "symlinkat" (target dirfd path)
  (%with-c-strings ((f target "symlinkat") (g path "symlinkat"))
    (%c-syscall "symlinkat" sb-alien:int (%sap-arg f) (sb-alien:int dirfd) (%sap-arg g))))

(rt-define-external "truncate" (path length)
  (%with-c-strings ((p path "truncate"))
    (%c-syscall "truncate" sb-alien:int (%sap-arg p) (sb-alien:long length))))

(defun %timespec-pair-buffer (ts)
  "A 32-byte buffer holding the two struct timespec at TS, or NIL for NULL."
  (and ts
       (let ((b (make-array 32 :element-type '(unsigned-byte 8) :initial-element 0)))
         (dolist (off '(0 8 16 24) b)
           (%octets-store b off :s64 (%ref ts off :s64))))))

(rt-define-external "futimens" (fd ts)
  (let ((b (%timespec-pair-buffer ts)))
    (sb-sys:with-pinned-objects (b)
      (%c-syscall "futimens" sb-alien:int (sb-alien:int fd)
                  (%sap-arg (if b (sb-sys:vector-sap b) (%null-sap)))))))

(rt-define-external "utimensat" (dirfd path ts flags)
  (let ((b (%timespec-pair-buffer ts)))
    (%with-c-strings ((p path "utimensat"))
      (sb-sys:with-pinned-objects (b)
        (%c-syscall "utimensat" sb-alien:int (sb-alien:int dirfd) (%sap-arg p)
                    (%sap-arg (if b (sb-sys:vector-sap b) (%null-sap))) (sb-alien:int flags))))))

(rt-define-external "qcopy_acl" (src-name source-desc dst-name dest-desc mode)
  ;; gnulib's without ACL support: set DST's permission bits to MODE.
  (declare (ignore src-name source-desc))
  (if (/= dest-desc -1)
      (rt-call-external "fchmod" dest-desc mode)
      (rt-call-external "chmod" dst-name mode)))

(rt-define-external "getcwd" (buf size)
  (if (null buf)
      (let ((sap (%c-call "getcwd" sb-sys:system-area-pointer (%sap-arg (%null-sap))
                          (sb-alien:unsigned-long size))))
        (if (%null-sap-p sap)
            (progn (%set-errno (sb-alien:get-errno)) nil)
            (prog1 (%sap-c-string sap)
              (%c-call "free" sb-alien:void (%sap-arg sap)))))
      (let ((ok nil))
        (%with-output-buffer (b buf size "getcwd")
          (let ((sap (%c-call "getcwd" sb-sys:system-area-pointer (%sap-arg b)
                              (sb-alien:unsigned-long size))))
            (if (%null-sap-p sap)
                (progn (%set-errno (sb-alien:get-errno)) nil)
                (progn (setf ok t)
                       (1+ (loop for i from 0 when (zerop (sb-sys:sap-ref-8 b i)) return i))))))
        (and ok buf))))

(rt-define-external "get_current_dir_name" ()
  (let ((sap (%c-call "get_current_dir_name" sb-sys:system-area-pointer)))
    (if (%null-sap-p sap)
        (progn (%set-errno (sb-alien:get-errno)) nil)
        (prog1 (%sap-c-string sap)
          (%c-call "free" sb-alien:void (%sap-arg sap))))))

(rt-define-external "realpath" (path resolved)
  (let ((sap (%with-c-strings ((p path "realpath"))
               (%c-call "realpath" sb-sys:system-area-pointer (%sap-arg p) (%sap-arg (%null-sap))))))
    (if (%null-sap-p sap)
        (progn (%set-errno (sb-alien:get-errno)) nil)
        (let ((bytes (%sap-string-octets sap)))
          (%c-call "free" sb-alien:void (%sap-arg sap))
          (if resolved
              (progn (%store-octets resolved (%octets-z bytes)) resolved)
              (%new-c-string bytes))))))

;;; Temporary files.

(defun %template-call (template thunk)
  "Call THUNK with a system-area pointer to a pinned copy of the C string TEMPLATE, then copy
the (modified) string back into TEMPLATE; THUNK's value."
  (let ((z (%c-string-z template "mkstemp")))
    (prog1 (sb-sys:with-pinned-objects (z) (funcall thunk (sb-sys:vector-sap z)))
      (%store-octets template z))))

(rt-define-external "mkostemp" (template flags)
  (%template-call template (lambda (p) (%c-syscall "mkostemp" sb-alien:int (%sap-arg p)
                                                    (sb-alien:int flags)))))

(rt-define-external "mkstemp" (template)
  (%template-call template (lambda (p) (%c-syscall "mkstemp" sb-alien:int (%sap-arg p)))))

(rt-define-external "mkdtemp" (template)
  (let ((ok nil))
    (%template-call template
                    (lambda (p)
                      (setf ok (not (%null-sap-p (%c-call "mkdtemp" sb-sys:system-area-pointer
                                                          (%sap-arg p)))))
                      (unless ok (%set-errno (sb-alien:get-errno)))))
    (and ok template)))

(defconstant +gt-file+ 0)
(defconstant +gt-dir+ 1)
(defconstant +gt-nocreate+ 2)

(rt-define-external "gen_tempname" (template suffix-length flags kind)
  ;; gnulib's: replace the six Xs before the last SUFFIX-LENGTH bytes of TEMPLATE by random
  ;; letters so as to name a new file (KIND 0: created and opened with FLAGS, the descriptor
  ;; returned), a new directory (1) or a name that does not exist (2).  -1 with errno on failure.
  (block gen-tempname
   (let* ((bytes (%string-octets template "gen_tempname"))
         (len (length bytes))
         (xend (- len suffix-length))
         (letters "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
         (state (make-random-state t)))
    (when (or (< xend 6) (notevery (lambda (b) (= b 88)) (subseq bytes (- xend 6) xend)))
      (%set-errno +einval+)
      (return-from gen-tempname -1))
    (loop repeat 62 ; ... to the third power, as gnulib tries
          do (loop for i from (- xend 6) below xend
                   do (setf (aref bytes i) (char-code (char letters (random 62 state)))))
             (%store-octets template bytes :who "gen_tempname")
             (let ((r (cond ((= kind +gt-file+)
                             (rt-call-external "open" template
                                               (logior flags #o100 #o200 #o2) ; O_CREAT|O_EXCL|O_RDWR
                                               #o600))
                            ((= kind +gt-dir+) (rt-call-external "mkdir" template #o700))
                            (t (let ((st (make-array +stat-size+ :element-type '(unsigned-byte 8))))
                                 (if (= -1 (%with-c-strings ((p template "gen_tempname"))
                                             (sb-sys:with-pinned-objects (st)
                                               (%c-syscall "lstat" sb-alien:int (%sap-arg p)
                                                           (%sap-arg (sb-sys:vector-sap st))))))
                                     (if (= (%errno) 2) 0 -1)
                                     (progn (%set-errno 17) -1)))))))
               (cond ((>= r 0) (return r))
                     ((/= (%errno) 17) (return -1))))
          finally (%set-errno 17) (return -1)))))

;;; ------------------------------------------------------------------------------------------
;;; Directories.

(defstruct (%dir (:constructor %make-dir (handle)))
  "A C directory stream (DIR *): glibc's at HANDLE, and the struct dirent instance readdir fills
(one per stream, as glibc's)."
  (handle nil)
  (entry nil)
  (closed nil)
  (generation **file-generation** :type fixnum))

(defun %dir-of (d who)
  (let ((d (if (and (rt-ptr-p d) (eql (rt-ptr-offset d) 0)) (rt-ptr-base d) d)))
    (unless (%dir-p d)
      (%c-error "~A: ~A is not a DIR pointer" who (%describe d)))
    (when (%dir-closed d)
      (%c-error "~A: the directory stream was closed" who))
    (unless (eql (%dir-generation d) **file-generation**)
      (%c-error "~A: the directory stream was opened before the core was saved" who))
    d))

(defun %new-dir (sap)
  (if (%null-sap-p sap)
      (progn (%set-errno (sb-alien:get-errno)) nil)
      (%make-dir sap)))

(rt-define-external "opendir" (path)
  (%with-c-strings ((p path "opendir"))
    (%new-dir (%c-call "opendir" sb-sys:system-area-pointer (%sap-arg p)))))

(rt-define-external "fdopendir" (fd)
  (%new-dir (%c-call "fdopendir" sb-sys:system-area-pointer (sb-alien:int fd))))

(rt-define-external "readdir" (dir)
  ;; NULL at the end (errno unchanged) or on an error (errno set).
  (let ((d (%dir-of dir "readdir")))
    (%clear-c-errno)
    (let ((sap (%c-call "readdir" sb-sys:system-area-pointer (%sap-arg (%dir-handle d)))))
      (if (%null-sap-p sap)
          (let ((e (sb-alien:get-errno)))
            (unless (zerop e) (%set-errno e))
            nil)
          (let ((entry (or (%dir-entry d)
                           (setf (%dir-entry d) (%new-c-struct "struct dirent")))))
            (setf (%ref entry 0 :u64) (sb-sys:sap-ref-64 sap 0)
                  (%ref entry 8 :s64) (sb-sys:signed-sap-ref-64 sap 8)
                  (%ref entry 16 :u16) (sb-sys:sap-ref-16 sap 16)
                  (%ref entry 18 :u8) (sb-sys:sap-ref-8 sap 18))
            (%store-string-field entry 19 (%sap-string-octets (sb-sys:sap+ sap 19)) 256)
            entry)))))

(rt-define-external "closedir" (dir)
  (let ((d (%dir-of dir "closedir")))
    (setf (%dir-closed d) t)
    (%c-syscall "closedir" sb-alien:int (%sap-arg (%dir-handle d)))))

(rt-define-external "dirfd" (dir)
  (%c-syscall "dirfd" sb-alien:int (%sap-arg (%dir-handle (%dir-of dir "dirfd")))))

(rt-define-external "rewinddir" (dir)
  (%c-call "rewinddir" sb-alien:void (%sap-arg (%dir-handle (%dir-of dir "rewinddir"))))
  nil)

;;; File systems.

(rt-define-external "get_fs_usage" (file disk fsp)
  ;; gnulib's, through statvfs: fill the struct fs_usage at FSP; 0, or -1 with errno.
  (declare (ignore disk))
  (let ((buf (make-array 112 :element-type '(unsigned-byte 8) :initial-element 0)))
    (let ((r (%with-c-strings ((p file "get_fs_usage"))
               (sb-sys:with-pinned-objects (buf)
                 (%c-syscall "statvfs" sb-alien:int (%sap-arg p) (%sap-arg (sb-sys:vector-sap buf)))))))
      (when (zerop r)
        ;; struct statvfs: f_bsize 0, f_frsize 8, f_blocks 16, f_bfree 24, f_bavail 32,
        ;; f_files 40, f_ffree 48.
        (let ((frsize (%octets-load buf 8 :u64)))
          (%fill-fields fsp `((0 :u64 ,(if (plusp frsize) frsize (%octets-load buf 0 :u64)))
                              (8 :u64 ,(%octets-load buf 16 :u64))
                              (16 :u64 ,(%octets-load buf 24 :u64))
                              (24 :u64 ,(%octets-load buf 32 :u64))
                              (32 :u8 0)
                              (40 :u64 ,(%octets-load buf 40 :u64))
                              (48 :u64 ,(%octets-load buf 48 :u64))))))
      r)))
