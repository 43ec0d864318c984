;;;; Tests of the C library for batch Emacs (libc-*.lisp), compared with glibc itself (through
;;;; SB-ALIEN and SB-POSIX) where the result is glibc's, and with files read back.  Loaded after
;;;; runtime-tests.lisp, whose harness (DEFTEST, CHECK) it uses.
;;;
;;; The structs are defined here as the translator defines them in a translation's structs.lisp
;;; (the layouts of glibc on x86-64), in this package: the runtime fills them by their C names.

(in-package "EMACS2CL-RUNTIME-TESTS")

(eval-when (:compile-toplevel :load-toplevel :execute)
  (require :sb-posix))

(rt-define-struct |struct timespec| 16 ((|timespec.tv_sec| 0 :s64) (|timespec.tv_nsec| 8 :s64)))

(rt-define-struct |struct stat| 144
  ((|stat.st_dev| 0 :u64)
   (|stat.st_ino| 8 :u64)
   (|stat.st_nlink| 16 :u64)
   (|stat.st_mode| 24 :u32)
   (|stat.st_uid| 28 :u32)
   (|stat.st_gid| 32 :u32)
   (|stat.__pad0| 36 :s32)
   (|stat.st_rdev| 40 :u64)
   (|stat.st_size| 48 :s64)
   (|stat.st_blksize| 56 :s64)
   (|stat.st_blocks| 64 :s64)
   (|stat.st_atim| 72 (:struct |struct timespec|))
   (|stat.st_mtim| 88 (:struct |struct timespec|))
   (|stat.st_ctim| 104 (:struct |struct timespec|))
   (|stat.__glibc_reserved| 120 (:array :s64 3))))

(rt-define-struct |struct dirent| 280
  ((|dirent.d_ino| 0 :u64)
   (|dirent.d_off| 8 :s64)
   (|dirent.d_reclen| 16 :u16)
   (|dirent.d_type| 18 :u8)
   (|dirent.d_name| 19 (:array :s8 256))))

(rt-define-struct |struct stat_holder| 152
  ((|stat_holder.tag| 0 :s64)
   (|stat_holder.st| 8 (:struct |struct stat|))))

;;; Helpers.

(defun cstr (s)
  "A pointer to a fresh NUL-terminated UTF-8 copy of Lisp string S."
  (let* ((b (sb-ext:string-to-octets s :external-format :utf-8))
         (v (make-array (1+ (length b)) :element-type '(unsigned-byte 8) :initial-element 0)))
    (replace v b)
    (rt-make-ptr v 0)))

(defun lstr (p)
  "The Lisp string of the NUL-terminated UTF-8 bytes at pointer P."
  (let ((v (rt-ptr-base p)) (o (rt-ptr-offset p)))
    (sb-ext:octets-to-string v :start o :end (position 0 v :start o) :external-format :utf-8)))

(defun ext (name &rest args)
  (apply #'rt-call-external name args))

(defun errno ()
  (rt-mem (ext "__errno_location") :s32))

(defun (setf errno) (value)
  (setf (rt-mem (ext "__errno_location") :s32) value))

(defun c-stdout () (rt-box-value (rt-external-variable "stdout")))
(defun c-stderr () (rt-box-value (rt-external-variable "stderr")))

(defvar *tmpdir* nil)

(defun tmp (name)
  "The name of file NAME in this run's temporary directory."
  (unless *tmpdir*
    (setf *tmpdir* (format nil "/tmp/emacs2cl-libc-tests-~D/" (sb-posix:getpid)))
    (ensure-directories-exist *tmpdir*))
  (concatenate 'string *tmpdir* name))

(defun file-octets (name)
  (with-open-file (s name :element-type '(unsigned-byte 8))
    (let ((v (make-array (file-length s) :element-type '(unsigned-byte 8))))
      (read-sequence v s)
      v)))

(defun utf8 (s) (sb-ext:string-to-octets s :external-format :utf-8))

(defun sprintf (fmt &rest args)
  "The string C's sprintf (the runtime's) makes of FMT and ARGS (Lisp strings become C strings)."
  (let ((buf (make-array 4096 :element-type '(unsigned-byte 8) :initial-element 0)))
    (apply #'ext "sprintf" (rt-make-ptr buf 0) (cstr fmt)
           (mapcar (lambda (a) (if (stringp a) (cstr a) a)) args))
    (lstr (rt-make-ptr buf 0))))

(defun glibc-sprintf (fmt type value)
  "What glibc's snprintf makes of FMT with one argument VALUE of alien TYPE (:long or :double)."
  (let ((buf (make-array 512 :element-type '(unsigned-byte 8) :initial-element 0)))
    (sb-sys:with-pinned-objects (buf)
      (ecase type
        (:long (sb-alien:alien-funcall
                (sb-alien:extern-alien "snprintf" (function sb-alien:int sb-sys:system-area-pointer
                                                            sb-alien:unsigned-long sb-alien:c-string
                                                            sb-alien:long))
                (sb-sys:vector-sap buf) 512 fmt value))
        (:double (sb-alien:alien-funcall
                  (sb-alien:extern-alien "snprintf" (function sb-alien:int sb-sys:system-area-pointer
                                                              sb-alien:unsigned-long sb-alien:c-string
                                                              sb-alien:double))
                  (sb-sys:vector-sap buf) 512 fmt value))))
    (lstr (rt-make-ptr buf 0))))

(defun run-child (source &key (shell-redirect "2>&1") (environment ""))
  "Run a fresh SBCL that loads the runtime and evaluates the forms of SOURCE (a string read in
the runtime's package), its stdout and stderr to one file: the exit code and the bytes written."
  (let* ((script (tmp "child.lisp"))
         (out (tmp "child.out"))
         (asd-dir (namestring (asdf:system-source-directory "emacs2cl-runtime"))))
    (with-open-file (s script :direction :output :if-exists :supersede)
      (with-standard-io-syntax
        (let ((*package* (find-package "EMACS2CL-RUNTIME")) (*print-readably* nil))
          (format s "(require :asdf)~%(push #p~S asdf:*central-registry*)~%~
                     (let ((*error-output* (make-broadcast-stream)) (*standard-output* (make-broadcast-stream))) (asdf:load-system \"emacs2cl-runtime\"))~%~
                     (in-package \"EMACS2CL-RUNTIME\")~%" asd-dir)
          (write-string source s))))
    (let ((p (sb-ext:run-program "/bin/sh"
                                 (list "-c" (format nil "~A sbcl --noinform --non-interactive --no-sysinit --no-userinit --load ~A > ~A ~A"
                                                    environment script out shell-redirect))
                                 :search t :output nil :error nil)))
      (values (sb-ext:process-exit-code p) (file-octets out)))))

;;; Calls by constant name go through a cell: a function defined (or redefined) after the call
;;; was compiled is found.

(defun call-late-external () (rt-call-external "emacs2cl_test_late" 20 22))

(deftest libc-external-cells
  (check-error (call-late-external) rt-c-error "emacs2cl_test_late is not available")
  (rt-define-external "emacs2cl_test_late" (a b) (+ a b))
  (check (= (call-late-external) 42))
  (check (= (funcall (rt-external-function "emacs2cl_test_late") 1 2) 3))
  (rt-define-external "emacs2cl_test_late" (a b) (* a b))
  (check (= (call-late-external) 440))
  (check (= (funcall (rt-external-function "emacs2cl_test_late") 1 2) 2))
  (let ((name "emacs2cl_test_late"))
    (check (= (rt-call-external name 2 3) 6))))

;;; errno.

(deftest libc-errno
  (let ((e (ext "__errno_location")))
    (check (eq e (ext "__errno_location")))
    (setf (errno) 0)
    (check (= (ext "open" (cstr "/nonexistent/dir/file") 0) -1))
    (check (= (errno) 2))               ; ENOENT
    (setf (rt-mem e :s32) 7)
    (check (= (errno) 7))
    (check (= (ext "close" 12345) -1))
    (check (= (errno) 9))               ; EBADF
    (check (string= (lstr (ext "strerror" 2)) "No such file or directory"))))

;;; stdio.

(deftest libc-stdio-write-read
  (let* ((name (tmp "stdio.txt"))
         (fp (ext "fopen" (cstr name) (cstr "w"))))
    (check fp)
    (check (= (ext "fputs_unlocked" (cstr "héllo ") fp) 1))
    (check (= (ext "fputc_unlocked" 65 fp) 65))
    (check (= (ext "putc_unlocked" (+ 256 66) fp) 66))
    (check (= (ext "fwrite_unlocked" (rt-make-ptr (utf8 "-xyz€") 1) 1 6 fp) 6))
    (check (= (ext "fprintf" fp (cstr "|%d|%s|%5.2f|%c~%") -12 (cstr "ü") 2.5d0 10) 17))
    (check (= (ext "__fpending" fp) 32))
    (check (= (ext "ftello" fp) 32))
    (check (= (ext "ferror_unlocked" fp) 0))
    (check (= (ext "fflush_unlocked" fp) 0))
    (check (= (ext "__fpending" fp) 0))
    (check (= (ext "fclose" fp) 0))
    (check (equalp (file-octets name) (utf8 (format nil "héllo ABxyz€|-12|ü| 2.50|~C~~%" #\Newline))))
    ;; Reading: fdopen, getc, ungetc, fgets, feof.
    (let* ((fd (ext "open" (cstr name) 0))
           (in (ext "fdopen" fd (cstr "r"))))
      (check (>= fd 3))
      (check (= (ext "fileno" in) fd))
      (check (= (ext "getc_unlocked" in) (char-code #\h)))
      (check (= (ext "getc_unlocked" in) #xC3))
      (check (= (ext "ungetc" #xC3 in) #xC3))
      (let ((buf (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
        (check (rt-ptr= (ext "fgets_unlocked" (rt-make-ptr buf 0) 5 in) (rt-make-ptr buf 0)))
        (check (equalp (subseq buf 0 5) (concatenate 'vector (utf8 "é") (utf8 "ll") #(0)))))
      (let ((buf (make-array 64 :element-type '(unsigned-byte 8) :initial-element 0)))
        (check (ext "fgets_unlocked" (rt-make-ptr buf 0) 64 in))
        (check (string= (lstr (rt-make-ptr buf 0))
                        (format nil "o ABxyz€|-12|ü| 2.50|~%")))
        (check (ext "fgets_unlocked" (rt-make-ptr buf 0) 64 in))
        (check (string= (lstr (rt-make-ptr buf 0)) "~%"))
        (check (null (ext "fgets_unlocked" (rt-make-ptr buf 0) 64 in))))
      (check (= (ext "feof_unlocked" in) 1))
      (check (= (ext "getc_unlocked" in) -1))
      (ext "clearerr_unlocked" in)
      (check (= (ext "feof_unlocked" in) 0))
      (check (= (ext "fseek" in 0 0) 0))
      ;; fread into memory that is not an octet vector: only what was read is stored.
      (let ((words (make-array 3 :element-type '(unsigned-byte 16) :initial-element 7)))
        (check (= (ext "fread" words 2 2 in) 2))
        (check (equalp words (vector (+ 104 (* 256 #xC3)) (+ #xA9 (* 256 108)) 7))))
      (check (= (ext "fseek" in 2 0) 0))
      (check (= (ext "getc_unlocked" in) #xA9))
      (check (= (ext "close_stream" in) 0))
      ;; A closed stream: fclose again fails with EBADF, close_stream ignores that.
      (check (= (ext "fclose" in) -1))
      (check (= (errno) 9))
      (check (= (ext "close_stream" in) 0))
      (check-error (ext "getc_unlocked" in) rt-c-error "closed"))
    (check (null (ext "fopen" (cstr (tmp "no/such/dir")) (cstr "r"))))
    (check (= (errno) 2))))

(deftest libc-stdio-standard-streams
  (check (= (ext "fileno" (c-stdout)) 1))
  (check (= (ext "fileno" (c-stderr)) 2))
  (check (= (ext "fileno" (rt-box-value (rt-external-variable "stdin"))) 0))
  (check (= (ext "ferror_unlocked" (c-stdout)) 0))
  (check-error (ext "fputc_unlocked" 65 nil) rt-c-error "null FILE"))

(deftest libc-printf-formats
  (check (string= (sprintf "%d %i %u" -5 7 -1) "-5 7 4294967295"))
  (check (string= (sprintf "%ld %lu %lld" (- (expt 2 63)) (1- (expt 2 64)) -1)
                  "-9223372036854775808 18446744073709551615 -1"))
  (check (string= (sprintf "%hhd %hd %hhu" 200 70000 -1) "-56 4464 255"))
  (check (string= (sprintf "%x %X %o %#x %#o %08x" 255 255 8 255 8 48879)
                  "ff FF 10 0xff 010 0000beef"))
  (check (string= (sprintf "%5d|%-5d|%05d|%+d|% d|%.3d" 42 42 42 42 42 7)
                  "   42|42   |00042|+42| 42|007"))
  (check (string= (sprintf "%*d|%-*d|%.*d" 4 1 4 2 3 3) "   1|2   |003"))
  (check (string= (sprintf "%*d|" -4 1) "1   |"))
  (check (string= (sprintf "%s|%10s|%-4s|%.2s|%.*s" "abc" "right" "l" "trunc" 3 "precision")
                  "abc|     right|l   |tr|pre"))
  (check (string= (sprintf "%s" nil) "(null)"))
  (check (string= (sprintf "%c%c%c" 97 98 (+ 256 99)) "abc"))
  (check (string= (sprintf "100%%") "100%"))
  (check (string= (sprintf "%p" nil) "(nil)"))
  (check (string= (sprintf "%f %e %g %G" 1.5d0 1234.5d0 0.0001d0 1d-10)
                  "1.500000 1.234500e+03 0.0001 1E-10"))
  (check (string= (sprintf "%.17g %.0f %#.0f %a" 0.1d0 2.5d0 2.5d0 1d0)
                  "0.10000000000000001 2 2. 0x1p+0"))
  (check (string= (sprintf "%Lf %.1Lf" 3.25d0 0.25d0) "3.250000 0.2"))
  (check (string= (sprintf "%f %f %f %f" sb-ext:double-float-positive-infinity
                           sb-ext:double-float-negative-infinity (rt-nan) (- (rt-nan)))
                  "inf -inf nan -nan"))
  (check (string= (sprintf "%5.1f|%-8.3e|%+g" 3.14159d0 -2.5d0 7d0) "  3.1|-2.500e+00|+7"))
  (check (string= (sprintf "%zd %jd %td" 5 -6 7) "5 -6 7"))
  (check (string= (sprintf "%y|") "%y|"))
  ;; Each floating conversion agrees with glibc's snprintf.
  (dolist (x (list 0d0 -0d0 1d0 0.1d0 (/ 1d0 3) 123456789.125d0 1d300 4.9d-324 2.2250738585072014d-308
                   -1.7976931348623157d308 0.5d0 1.5d0 2.5d0 1d22 1d23))
    (dolist (fmt '("%.17g" "%g" "%e" "%.3f" "%a" "%#.10G" "%-+12.4e"))
      (check (string= (sprintf fmt x) (glibc-sprintf fmt :double x)))))
  (dolist (n (list 0 1 -1 255 (1- (expt 2 63)) (- (expt 2 63)) 1234567))
    (dolist (fmt '("%ld" "%lx" "%lo" "%+ld" "%20ld" "%-20lX" "%.10ld"))
      (check (string= (sprintf fmt n) (glibc-sprintf fmt :long n))))))

(deftest libc-printf-buffers
  (let ((buf (make-array 10 :element-type '(unsigned-byte 8) :initial-element 99)))
    (check (= (ext "snprintf" (rt-make-ptr buf 0) 5 (cstr "%d-%s") 12345 (cstr "ab")) 8))
    (check (equalp (subseq buf 0 6) #(49 50 51 52 0 99)))
    (check (= (ext "snprintf" (rt-make-ptr buf 0) 0 (cstr "abc")) 3))
    (check (= (aref buf 0) 49))
    (check (= (ext "sprintf" (rt-make-ptr buf 2) (cstr "%s") (cstr "xy")) 2))
    (check (equalp (subseq buf 0 5) #(49 50 120 121 0))))
  ;; vfprintf and vsnprintf take a va_list.
  (let ((ap (rt-make-box nil))
        (buf (make-array 32 :element-type '(unsigned-byte 8) :initial-element 0)))
    (rt-va-start ap (list 7 (cstr "seven") 7.5d0))
    (check (= (ext "vsnprintf" (rt-make-ptr buf 0) 32 (cstr "%d=%s=%.1f") ap) 11))
    (check (string= (lstr (rt-make-ptr buf 0)) "7=seven=7.5"))))

(deftest libc-exit-and-buffering
  ;; C's buffering: stdout to a file is flushed at exit, after stderr's unbuffered output;
  ;; atexit functions run last registered first, before the flush; the status is exit's.
  (multiple-value-bind (code out)
      (run-child "
(let ((out (rt-box-value (rt-external-variable \"stdout\")))
      (err (rt-box-value (rt-external-variable \"stderr\"))))
  (flet ((s (x) (%new-c-string x)))
    (rt-call-external \"atexit\" (lambda () (rt-call-external \"fputs_unlocked\" (s \"first-registered;\") out)))
    (rt-call-external \"atexit\" (lambda () (rt-call-external \"fputs_unlocked\" (s \"second-registered;\") out)))
    (rt-call-external \"fputs_unlocked\" (s \"out-1 ü;\") out)
    (rt-call-external \"fputs_unlocked\" (s \"err-1;\") err)
    (rt-call-external \"fprintf\" out (s \"out-%d;\") 2)
    (rt-call-external \"fputc_unlocked\" 10 err)
    (rt-call-external \"exit\" 3)
    (rt-call-external \"fputs_unlocked\" (s \"not reached\") out)))")
    (check (= code 3))
    (check (equalp out (utf8 (format nil "err-1;~%out-1 ü;out-2;second-registered;first-registered;")))))
  ;; fflush sends stdout's bytes at once; _exit does not flush.
  (multiple-value-bind (code out)
      (run-child "
(let ((out (rt-box-value (rt-external-variable \"stdout\")))
      (err (rt-box-value (rt-external-variable \"stderr\"))))
  (flet ((s (x) (%new-c-string x)))
    (rt-call-external \"fputs_unlocked\" (s \"a;\") out)
    (rt-call-external \"fflush_unlocked\" out)
    (rt-call-external \"fputs_unlocked\" (s \"b;\") err)
    (rt-call-external \"fputs_unlocked\" (s \"lost;\") out)
    (rt-call-external \"_exit\" 0)))")
    (check (= code 0))
    (check (equalp out (utf8 "a;b;")))))

;;; Files.

(deftest libc-files-descriptors
  (let* ((name (tmp "fd.bin"))
         (fd (ext "open" (cstr name) (logior 1 #o100 #o1000) #o644))) ; O_WRONLY|O_CREAT|O_TRUNC
    (check (>= fd 0))
    (check (= (ext "write" fd (rt-make-ptr (utf8 "0123456789") 2) 5) 5))
    (check (= (ext "close" fd) 0))
    (check (equalp (file-octets name) (utf8 "23456")))
    (let ((fd (ext "openat" -100 (cstr name) 0 0))
          (buf (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
      (check (= (ext "lseek" fd 1 0) 1))
      (check (= (ext "read" fd (rt-make-ptr buf 2) 10) 4))
      (check (equalp buf (concatenate 'vector #(0 0) (utf8 "3456") #(0 0))))
      (check (= (ext "read" fd (rt-make-ptr buf 0) 10) 0))
      (check (= (ext "lseek" fd -2 2) 3))
      ;; Into memory that is not an octet vector: through RT-MEM.
      (let ((words (make-array 1 :element-type '(unsigned-byte 32) :initial-element 0)))
        (check (= (ext "read" fd words 2) 2))
        (check (= (aref words 0) (+ (char-code #\5) (* 256 (char-code #\6))))))
      (check (= (ext "isatty" fd) 0))
      (check (= (ext "rpl_fcntl" fd 1) 0))          ; F_GETFD
      (check (= (ext "rpl_fcntl" fd 2 1) 0))        ; F_SETFD FD_CLOEXEC
      (check (= (ext "rpl_fcntl" fd 1) 1))
      (let ((fd2 (ext "rpl_fcntl" fd 1030 10)))     ; F_DUPFD_CLOEXEC
        (check (>= fd2 10))
        (check (= (ext "close" fd2) 0)))
      (check (= (ext "close" fd) 0)))
    (let ((fds (make-array 2 :element-type '(signed-byte 32) :initial-element -1)))
      (check (= (ext "rpl_pipe2" (rt-make-ptr fds 0) #o2000000) 0))
      (check (= (ext "write" (aref fds 1) (rt-make-ptr (utf8 "pipe") 0) 4) 4))
      (let ((buf (make-array 4 :element-type '(unsigned-byte 8))))
        (check (= (ext "read" (aref fds 0) (rt-make-ptr buf 0) 4) 4))
        (check (equalp buf (utf8 "pipe"))))
      (ext "close" (aref fds 0))
      (ext "close" (aref fds 1)))))

(deftest libc-files-stat
  (let* ((name (tmp "stat.txt")))
    (with-open-file (s name :direction :output :if-exists :supersede) (write-string "twelve bytes" s))
    (let ((st (rt-new '(:struct |struct stat|)))
          (ref (sb-posix:stat name)))
      (check (= (ext "stat" (cstr name) st) 0))
      (check (= (|stat.st_size| st) 12 (sb-posix:stat-size ref)))
      (check (= (|stat.st_mode| st) (sb-posix:stat-mode ref)))
      (check (= (|stat.st_ino| st) (sb-posix:stat-ino ref)))
      (check (= (|stat.st_uid| st) (sb-posix:stat-uid ref)))
      (check (= (|stat.st_nlink| st) 1))
      (check (= (|timespec.tv_sec| (|stat.st_mtim| st)) (sb-posix:stat-mtime ref)))
      (let ((ts (ext "get_stat_mtime" st)))
        (check (typep ts '|struct timespec|))
        (check (= (|timespec.tv_sec| ts) (sb-posix:stat-mtime ref)))
        (check (= (|timespec.tv_nsec| ts) (|timespec.tv_nsec| (|stat.st_mtim| st)))))
      (check (= (|timespec.tv_sec| (ext "get_stat_atime" st)) (sb-posix:stat-atime ref)))
      (check (= (|timespec.tv_sec| (ext "get_stat_ctime" st)) (sb-posix:stat-ctime ref))))
    ;; fstat, fstatat, lstat of a symbolic link; a struct inside another struct.
    (let ((holder (rt-new '(:struct |struct stat_holder|)))
          (fd (ext "open" (cstr name) 0)))
      (check (= (ext "fstat" fd (rt-make-ptr holder 8)) 0))
      (check (= (|stat.st_size| (|stat_holder.st| holder)) 12))
      (ext "close" fd))
    (ignore-errors (delete-file (tmp "link")))
    (check (= (ext "symlink" (cstr "stat.txt") (cstr (tmp "link"))) 0))
    (let ((st (rt-new '(:struct |struct stat|))))
      (check (= (ext "lstat" (cstr (tmp "link")) st) 0))
      (check (= (logand (|stat.st_mode| st) #o170000) #o120000))
      (check (= (ext "fstatat" -100 (cstr (tmp "link")) st 0) 0))
      (check (= (|stat.st_size| st) 12))
      (check (= (ext "fstatat" -100 (cstr (tmp "link")) st #x100) 0)) ; AT_SYMLINK_NOFOLLOW
      (check (= (|stat.st_size| st) 8))
      (setf (errno) 0)
      (check (= (ext "stat" (cstr (tmp "missing")) st) -1))
      (check (= (errno) 2)))
    (let ((buf (make-array 64 :element-type '(unsigned-byte 8) :initial-element 0)))
      (check (= (ext "readlinkat" -100 (cstr (tmp "link")) (rt-make-ptr buf 0) 64) 8))
      (check (equalp (subseq buf 0 9) (concatenate 'vector (utf8 "stat.txt") #(0))))
      (let ((small (make-array 4 :element-type '(unsigned-byte 8) :initial-element 0)))
        (check (rt-ptr= (ext "careadlinkat" -100 (cstr (tmp "link")) (rt-make-ptr buf 0) 64 nil
                             (rt-external-function "readlinkat"))
                        (rt-make-ptr buf 0)))
        (let ((p (ext "careadlinkat" -100 (cstr (tmp "link")) (rt-make-ptr small 0) 4 nil nil)))
          (check (string= (lstr p) "stat.txt")))
        (check (null (ext "careadlinkat" -100 (cstr name) (rt-make-ptr small 0) 4 nil nil)))
        (check (= (errno) 22))))))       ; EINVAL: not a link

(deftest libc-files-names
  (let ((dir (tmp "d1")) (dir2 (tmp "d2")))
    (ignore-errors (sb-posix:rmdir dir))
    (ignore-errors (sb-posix:rmdir dir2))
    (check (= (ext "mkdir" (cstr dir) #o755) 0))
    (check (= (ext "mkdir" (cstr dir) #o755) -1))
    (check (= (errno) 17))              ; EEXIST
    (check (= (ext "faccessat" -100 (cstr dir) 0 512) 0))
    (check (= (ext "faccessat" -100 (cstr (tmp "nothing")) 0 512) -1))
    (check (= (ext "rename" (cstr dir) (cstr dir2)) 0))
    (check (= (ext "access" (cstr dir) 0) -1))
    ;; Directory listing.
    (dolist (f '("a" "bé")) (with-open-file (s (concatenate 'string dir2 "/" f) :direction :output)))
    (let* ((fd (ext "open" (cstr dir2) #o200000))  ; O_DIRECTORY
           (d (ext "fdopendir" fd))
           (names '()))
      (check d)
      (loop for e = (ext "readdir" d)
            while e
            do (check (typep e '|struct dirent|))
               (push (lstr (rt-make-ptr (|dirent.d_name| e) 0)) names))
      (check (equal (sort names #'string<) '("." ".." "a" "bé")))
      (check (= (ext "closedir" d) 0)))
    (check (null (ext "opendir" (cstr (tmp "nothing")))))
    (check (= (errno) 2))
    (check (= (ext "unlink" (cstr (concatenate 'string dir2 "/a"))) 0))
    (check (= (ext "unlinkat" -100 (cstr (concatenate 'string dir2 "/bé")) 0) 0))
    (check (= (ext "rmdir" (cstr dir2)) 0))
    (check (= (ext "rmdir" (cstr dir2)) -1))
    (check (= (errno) 2)))
  ;; Temporary files.
  (let* ((template (cstr (tmp "tmpXXXXXX")))
         (fd (ext "mkostemp" template #o2000000)))
    (check (>= fd 0))
    (check (not (search "XXXXXX" (lstr template))))
    (check (probe-file (lstr template)))
    (ext "close" fd)
    (ext "unlink" template))
  (let ((template (cstr (tmp "genXXXXXX.el"))))
    (let ((fd (ext "gen_tempname" template 3 0 0)))
      (check (>= fd 0))
      (check (string= (subseq (lstr template) (- (length (lstr template)) 3)) ".el"))
      (check (probe-file (lstr template)))
      (ext "close" fd)
      (ext "unlink" template)))
  (let ((template (cstr (tmp "genXXXXXX"))))
    (check (= (ext "gen_tempname" template 0 0 1) 0))
    (check (= (ext "rmdir" template) 0)))
  (check (= (ext "gen_tempname" (cstr (tmp "genXXXX")) 0 0 0) -1))
  (check (= (errno) 22))
  ;; The working directory.
  (let ((buf (make-array 4096 :element-type '(unsigned-byte 8) :initial-element 0)))
    (check (rt-ptr= (ext "getcwd" (rt-make-ptr buf 0) 4096) (rt-make-ptr buf 0)))
    (check (string= (lstr (rt-make-ptr buf 0)) (sb-posix:getcwd)))
    (check (null (ext "getcwd" (rt-make-ptr buf 0) 2)))
    (check (= (errno) 34))                ; ERANGE
    (check (string= (lstr (ext "get_current_dir_name")) (sb-posix:getcwd)))))

;;; libm, conversions, strings.

(rt-define-struct |struct tm| 56
  ((|tm.tm_sec| 0 :s32)
   (|tm.tm_min| 4 :s32)
   (|tm.tm_hour| 8 :s32)
   (|tm.tm_mday| 12 :s32)
   (|tm.tm_mon| 16 :s32)
   (|tm.tm_year| 20 :s32)
   (|tm.tm_wday| 24 :s32)
   (|tm.tm_yday| 28 :s32)
   (|tm.tm_isdst| 32 :s32)
   (|tm.tm_gmtoff| 40 :s64)
   (|tm.tm_zone| 48 :ptr)))

(defun glibc-math (name &rest args)
  "glibc's libm function NAME on double ARGS (one or two)."
  (let ((sap (sb-sys:foreign-symbol-sap name)))
    (ecase (length args)
      (1 (sb-alien:alien-funcall
          (sb-alien:sap-alien sap (function sb-alien:double sb-alien:double))
          (first args)))
      (2 (sb-alien:alien-funcall
          (sb-alien:sap-alien sap (function sb-alien:double sb-alien:double sb-alien:double))
          (first args) (second args))))))

(defun same-double-p (a b)
  "Whether doubles A and B have the same bits (any NaN matches any NaN)."
  (or (and (sb-ext:float-nan-p a) (sb-ext:float-nan-p b))
      (and (= (sb-kernel:double-float-high-bits a) (sb-kernel:double-float-high-bits b))
           (= (sb-kernel:double-float-low-bits a) (sb-kernel:double-float-low-bits b)))))

(defparameter *test-doubles*
  (list 0d0 -0d0 1d0 -1d0 0.5d0 2d0 3.141592653589793d0 1d-300 -1d-300 4.9d-324 1d300 -1d300
        0.1d0 0.7d0 1.5d0 2.5d0 -2.5d0 1d22 123456.789d0 -7.25d0 100d0 1d-5 0.9999999999999999d0
        sb-ext:double-float-positive-infinity sb-ext:double-float-negative-infinity))

(deftest libc-math-bits
  (dolist (name '("sin" "cos" "tan" "asin" "acos" "atan" "exp" "expm1" "log" "log1p" "log10"
                  "log2" "sqrt" "cbrt" "floor" "ceil" "trunc" "round" "rint" "nearbyint" "fabs"
                  "logb"))
    (dolist (x *test-doubles*)
      (check (same-double-p (ext name x) (glibc-math name x)))))
  (dolist (name '("atan2" "pow" "fmod" "copysign" "hypot"))
    (dolist (x '(0d0 -0d0 1d0 -2.5d0 3d0 1d300 0.1d0))
      (dolist (y '(0d0 -0d0 1d0 2d0 -3.5d0 0.5d0 1d-300))
        (check (same-double-p (ext name x y) (glibc-math name x y))))))
  (check (= (ext "sqrt" 4) 2d0))                       ; an integer argument is converted
  (check (sb-ext:float-nan-p (ext "sqrt" -1d0)))
  (check (= (ext "ldexp" 1d0 10) 1024d0))
  (check (= (ext "scalbn" 3d0 -1) 1.5d0))
  (check (= (ext "ilogb" 1024d0) 10))
  (check (= (ext "lrint" 2.5d0) 2))
  (check (= (ext "lrint" -3.5d0) -4))
  (let ((e (rt-make-box 0)))
    (check (= (ext "frexp" 48d0 e) 0.75d0))
    (check (= (rt-box-value e) 6)))
  (check (eq (rt-external-function "floor") (rt-external-function "floor")))
  (check (= (funcall (rt-external-function "floor") -1.5d0) -2d0)))

(deftest libc-strtod-strtol
  (flet ((strtod (s)
           (let* ((p (cstr s)) (end (rt-make-box nil)))
             (setf (errno) 0)
             (let ((v (ext "strtod" p end)))
               (list v (rt-ptr-offset (rt-box-value end)) (errno)))))
         (strtol (s base &optional (name "strtol"))
           (let* ((p (cstr s)) (end (rt-make-box nil)))
             (setf (errno) 0)
             (let ((v (ext name p end base)))
               (list v (rt-ptr-offset (rt-box-value end)) (errno))))))
    (check (equal (strtod "1.5e3xyz") '(1500d0 5 0)))
    (check (equal (strtod "  -0.25") '(-0.25d0 7 0)))
    (check (equal (strtod "abc") '(0d0 0 0)))
    (check (equal (strtod "0x1p-2") '(0.25d0 6 0)))
    (check (equal (strtod "1e400") (list sb-ext:double-float-positive-infinity 5 34)))
    (check (equal (strtod "1e-400") '(0d0 6 34)))
    (check (sb-ext:float-nan-p (first (strtod "nan"))))
    (check (equal (strtod "inf") (list sb-ext:double-float-positive-infinity 3 0)))
    (check (= (first (strtod "0.1")) 0.1d0))
    (check (= (first (strtod "2.2250738585072011e-308")) 2.225073858507201d-308))
    (check (equal (strtol "  -123abc" 10) '(-123 6 0)))
    (check (equal (strtol "0x1F" 0) '(31 4 0)))
    (check (equal (strtol "017" 0) '(15 3 0)))
    (check (equal (strtol "zz" 36) '(1295 2 0)))
    (check (equal (strtol "99999999999999999999" 10) (list (1- (expt 2 63)) 20 34)))
    (check (equal (strtol "-99999999999999999999" 10) (list (- (expt 2 63)) 21 34)))
    (check (equal (strtol "x" 10) '(0 0 0)))
    (check (equal (strtol "18446744073709551615" 10 "strtoul") (list (1- (expt 2 64)) 20 0)))
    (check (equal (strtol "-1" 10 "strtoul") (list (1- (expt 2 64)) 2 0)))
    (check (equal (strtol "12" 10 "strtoimax") '(12 2 0)))
    (check (= (ext "strtol" (cstr "42") nil 10) 42))
    (check (= (ext "atoi" (cstr "-17x")) -17))
    (check (= (ext "atof" (cstr "2.5")) 2.5d0))))

(defun dtoastr (x)
  (let ((buf (make-array 64 :element-type '(unsigned-byte 8) :initial-element 0)))
    (let ((n (ext "dtoastr" (rt-make-ptr buf 0) 64 0 0 x)))
      (check (= n (position 0 buf)))
      (lstr (rt-make-ptr buf 0)))))

(deftest libc-dtoastr
  (check (string= (dtoastr 0.1d0) "0.1"))
  (check (string= (dtoastr 1d0) "1"))
  (check (string= (dtoastr -0d0) "-0"))
  (check (string= (dtoastr 1.5d0) "1.5"))
  (check (string= (dtoastr 100d0) "100"))
  (check (string= (dtoastr 1d21) "1e+21"))
  (check (string= (dtoastr 123456789012345680d0) "1.2345678901234568e+17"))
  (check (string= (dtoastr (/ 1d0 3)) "0.3333333333333333"))
  (check (string= (dtoastr 5d-324) "5e-324"))
  (check (string= (dtoastr 1.7976931348623157d308) "1.7976931348623157e+308"))
  (check (string= (dtoastr 0.30000000000000004d0) "0.30000000000000004"))
  ;; The shortest %.Ng (N from 15) that reads back: compared with a search through glibc.
  (let ((state (sb-ext:seed-random-state 42)))
    (dotimes (i 300)
      (let* ((x (sb-kernel:make-double-float (- (random (expt 2 31) state) (expt 2 30))
                                             (random (expt 2 32) state)))
             (x (if (or (sb-ext:float-nan-p x) (sb-ext:float-infinity-p x)) 1d0 x))
             (expected (loop for prec from (if (< (abs x) least-positive-normalized-double-float) 1 15)
                             for s = (glibc-sprintf (format nil "%.~Dg" prec) :double x)
                             when (or (= prec 17)
                                      (= x (ext "strtod" (cstr s) nil)))
                               return s)))
        (check (string= (dtoastr x) expected)))))
  ;; Truncated to the buffer, like snprintf; flags.
  (let ((buf (make-array 4 :element-type '(unsigned-byte 8) :initial-element 0)))
    (check (= (ext "dtoastr" (rt-make-ptr buf 0) 4 0 0 0.125d0) 5))
    (check (string= (lstr (rt-make-ptr buf 0)) "0.1")))
  (let ((buf (make-array 32 :element-type '(unsigned-byte 8) :initial-element 0)))
    (ext "dtoastr" (rt-make-ptr buf 0) 32 2 8 0.5d0)  ; always signed, width 8
    (check (string= (lstr (rt-make-ptr buf 0)) "    +0.5"))))

(deftest libc-ctype-strings
  (check (= (ext "c_isdigit" 48) 1))
  (check (= (ext "c_isdigit" 65) 0))
  (check (= (ext "c_isspace" 9) 1))
  (check (= (ext "c_isspace" 160) 0))
  (check (= (ext "c_isxdigit" 102) 1))
  (check (= (ext "c_isxdigit" 103) 0))
  (check (= (ext "c_iscntrl" 127) 1))
  (check (= (ext "c_isalpha" 200) 0))
  (check (= (ext "c_tolower" 65) 97))
  (check (= (ext "c_tolower" 196) 196))
  (check (= (ext "c_toupper" 122) 90))
  (check (zerop (ext "c_strcasecmp" (cstr "HeLLo") (cstr "hello"))))
  (check (minusp (ext "c_strcasecmp" (cstr "abc") (cstr "ABD"))))
  (check (plusp (ext "c_strcasecmp" (cstr "abcd") (cstr "ABC"))))
  (check (zerop (ext "c_strncasecmp" (cstr "abcX") (cstr "ABCy") 3)))
  (check (zerop (ext "strcasecmp" (cstr "TrueColor") (cstr "truecolor"))))
  (check (= (ext "towlower" 65) 97))
  (let* ((s (cstr "hello world")))
    (check (= (rt-ptr-offset (ext "strstr" s (cstr "o w"))) 4))
    (check (null (ext "strstr" s (cstr "xyz"))))
    (check (= (ext "strspn" s (cstr "leh")) 4))
    (check (= (ext "strspn" (cstr "^*+x") (cstr "^*+-/<=>_|")) 3))
    (check (= (rt-ptr-offset (ext "memmem" s 11 (rt-make-ptr (utf8 "wor") 0) 3)) 6))
    (check (null (ext "memmem" s 5 (rt-make-ptr (utf8 "wor") 0) 3)))
    (check (= (rt-ptr-offset (ext "memrchr" s (char-code #\o) 11)) 7))
    (check (null (ext "memrchr" s (char-code #\z) 11)))
    (check (string= (lstr (ext "strdup" s)) "hello world"))
    (let ((d (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
      (check (= (rt-ptr-offset (ext "mempcpy" (rt-make-ptr d 1) s 3)) 4))
      (check (equalp (subseq d 0 5) #(0 104 101 108 0)))))
  ;; glibc's <ctype.h> tables, indexed from -128 to 255.
  (let ((b (rt-mem (ext "__ctype_b_loc") :ptr))
        (lower (rt-mem (ext "__ctype_tolower_loc") :ptr)))
    (flet ((class (c) (rt-mem (rt-ptr+ b (* 2 c)) :u16)))
      (check (logtest (class (char-code #\7)) #x800))    ; _ISdigit
      (check (not (logtest (class (char-code #\a)) #x800)))
      (check (logtest (class (char-code #\a)) #x400))    ; _ISalpha
      (check (logtest (class 32) #x2000))               ; _ISspace
      (check (zerop (class -1))))                       ; EOF
    (check (= (rt-mem (rt-ptr+ lower (* 4 65)) :s32) 97))
    (check (= (rt-mem (rt-ptr+ lower (* 4 -1)) :s32) -1)))
  (check (= (ext "count_leading_zeros_l" 1) 63))
  (check (= (ext "count_leading_zeros_l" 0) 64))
  (check (= (ext "count_trailing_zeros_l" 8) 3))
  (check (= (ext "count_trailing_zeros_l" 0) 64))
  (check (= (ext "count_one_bits_l" (1- (expt 2 64))) 64))
  (check (= (ext "count_one_bits_l" -1) 64))
  (check (= (ext "htons" #x1234) #x3412)))

(deftest libc-filevercmp-filemode
  (flet ((cmp (a b) (signum (ext "filevercmp" (cstr a) (cstr b)))))
    (check (= (cmp "a" "a") 0))
    (check (= (cmp "" "a") -1))
    (check (= (cmp "." "a") -1))
    (check (= (cmp ".." ".") 1))
    (check (= (cmp ".a" "a") -1))
    (check (= (cmp "a2" "a10") -1))
    (check (= (cmp "a10" "a2") 1))
    (check (= (cmp "foo-1.2.tar.gz" "foo-1.10.tar.gz") -1))
    (check (= (cmp "a~" "a") -1))
    (check (= (cmp "a.c" "a.b") 1))
    (check (= (cmp "abc-1.007" "abc-1.7") -1))
    (check (= (cmp "file9" "file09") 1))
    ;; The order of a list agrees with GNU sort -V (coreutils, gnulib's filevercmp).
    (let ((names '("file10.txt" "file2.txt" "file1.txt" "a.b.c" "a-1.0" "a-1.0~rc1" ".hidden"
                   "z9" "z10a" "1.2.3" "1.2.10")))
      (check (equal (sort (copy-list names) (lambda (a b) (minusp (cmp a b))))
                    (with-input-from-string
                        (in (with-output-to-string (out)
                              (with-input-from-string (names-in (format nil "~{~A~%~}" names))
                                (sb-ext:run-program "/usr/bin/sort" '("-V") :input names-in
                                                                         :output out
                                                                         :environment '("LC_ALL=C")))))
                      (loop for line = (read-line in nil) while line collect line))))))
  (let ((st (rt-new '(:struct |struct stat|)))
        (buf (make-array 12 :element-type '(unsigned-byte 8) :initial-element 0)))
    (setf (|stat.st_mode| st) #o100644)
    (ext "filemodestring" st (rt-make-ptr buf 0))
    (check (string= (lstr (rt-make-ptr buf 0)) "-rw-r--r-- "))
    (setf (|stat.st_mode| st) #o41777)
    (ext "filemodestring" st (rt-make-ptr buf 0))
    (check (string= (lstr (rt-make-ptr buf 0)) "drwxrwxrwt "))
    (setf (|stat.st_mode| st) #o124644)
    (ext "filemodestring" st (rt-make-ptr buf 0))
    (check (string= (lstr (rt-make-ptr buf 0)) "lrwSr--r-- "))))

(rt-define-struct |struct pair| 16 ((|pair.key| 0 :s64) (|pair.tag| 8 :s64)))

(deftest libc-qsort
  ;; An array of structs, sorted stably by key.
  (let ((v (rt-new '(:array (:struct |struct pair|) 6))))
    (loop for k in '(3 1 2 1 3 0) for i from 0
          do (setf (|pair.key| (aref v i)) k (|pair.tag| (aref v i)) i))
    (ext "qsort" v 6 16 (lambda (a b) (- (|pair.key| (rt-obj a '|struct pair|))
                                         (|pair.key| (rt-obj b '|struct pair|)))))
    (check (equal (map 'list #'|pair.key| v) '(0 1 1 2 3 3)))
    (check (equal (map 'list #'|pair.tag| v) '(5 1 3 2 0 4))))
  ;; Lisp objects (8 bytes each), part of a vector.
  (let ((v (vector 'x 5 3 9 1 'y)))
    (ext "qsort" (rt-make-ptr v 8) 4 8 (lambda (a b) (- (rt-mem a :lisp) (rt-mem b :lisp))))
    (check (equalp v #(x 1 3 5 9 y))))
  ;; Ints in an int array.
  (let ((v (make-array 5 :element-type '(signed-byte 32) :initial-contents '(4 -1 7 0 2))))
    (ext "qsort" v 5 4 (lambda (a b) (- (rt-mem a :s32) (rt-mem b :s32))))
    (check (equalp v #(-1 0 2 4 7)))))

;;; Time.

(defun new-tm () (rt-new '(:struct |struct tm|)))

(defun glibc-strftime (fmt tz time)
  "glibc's strftime of FMT for TIME (seconds) in time zone TZ (a TZ string)."
  (sb-posix:setenv "TZ" tz 1)
  (sb-alien:alien-funcall (sb-alien:extern-alien "tzset" (function sb-alien:void)))
  (let ((tb (make-array 8 :element-type '(unsigned-byte 8)))
        (tm (make-array 56 :element-type '(unsigned-byte 8)))
        (out (make-array 256 :element-type '(unsigned-byte 8))))
    (setf (rt-mem (rt-make-ptr tb 0) :s64) time)
    (sb-sys:with-pinned-objects (tb tm out)
      (sb-alien:alien-funcall
       (sb-alien:extern-alien "localtime_r" (function sb-sys:system-area-pointer sb-sys:system-area-pointer
                                                      sb-sys:system-area-pointer))
       (sb-sys:vector-sap tb) (sb-sys:vector-sap tm))
      (let ((n (sb-alien:alien-funcall
                (sb-alien:extern-alien "strftime" (function sb-alien:unsigned-long sb-sys:system-area-pointer
                                                            sb-alien:unsigned-long sb-alien:c-string
                                                            sb-sys:system-area-pointer))
                (sb-sys:vector-sap out) 256 fmt (sb-sys:vector-sap tm))))
        (prog1 (sb-ext:octets-to-string out :end n :external-format :utf-8)
          (sb-posix:unsetenv "TZ"))))))

(defun nstrftime (fmt tz time &optional (ns 0) (size 256))
  "The runtime's nstrftime of FMT for TIME in timezone_t TZ (localtime_rz first)."
  (let ((tm (new-tm)) (buf (make-array size :element-type '(unsigned-byte 8) :initial-element 0)))
    (check (rt-ptr= (ext "localtime_rz" tz (rt-make-box time) tm) tm))
    (let ((n (ext "nstrftime" (rt-make-ptr buf 0) size (cstr fmt) tm tz ns)))
      (if (and (zerop n) (plusp (length fmt)))
          nil
          (sb-ext:octets-to-string buf :end n :external-format :utf-8)))))

(deftest libc-timespec
  (let ((now (ext "current_timespec")))
    (check (typep now '|struct timespec|))
    (check (< (abs (- (|timespec.tv_sec| now) (- (get-universal-time) #.(encode-universal-time 0 0 0 1 1 1970 0)))) 5))
    (check (<= 0 (|timespec.tv_nsec| now) 999999999)))
  (flet ((ts (s ns) (ext "make_timespec" s ns))
         (parts (ts) (list (|timespec.tv_sec| ts) (|timespec.tv_nsec| ts))))
    (check (equal (parts (ext "timespec_add" (ts 1 600000000) (ts 2 500000000))) '(4 100000000)))
    (check (equal (parts (ext "timespec_sub" (ts 1 200000000) (ts 2 500000000))) '(-2 700000000)))
    (check (equal (parts (ext "timespec_add" (ts (1- (expt 2 63)) 0) (ts 1 0)))
                  (list (1- (expt 2 63)) 999999999)))
    (check (equal (parts (ext "timespec_sub" (ts (- (expt 2 63)) 0) (ts 1 0)))
                  (list (- (expt 2 63)) 0)))
    (check (= (ext "timespec_cmp" (ts 1 5) (ts 1 6)) -1))
    (check (= (ext "timespec_cmp" (ts 2 5) (ts 1 6)) 1))
    (check (= (ext "timespec_cmp" (ts 2 5) (ts 2 5)) 0))
    (check (= (ext "timespec_sign" (ts 0 1)) 1))
    (check (= (ext "timespec_sign" (ts -1 999)) -1))
    (check (= (ext "timespec_sign" (ts 0 0)) 0))
    (check (= (ext "timespectod" (ts 1 500000000)) 1.5d0))
    (check (equal (parts (ext "dtotimespec" 1.5d0)) '(1 500000000)))
    (check (equal (parts (ext "dtotimespec" -1.25d0)) '(-2 750000000)))
    (check (equal (parts (ext "dtotimespec" 1d-10)) '(0 1)))
    (check (equal (parts (ext "dtotimespec" 1d300)) (list (1- (expt 2 63)) 999999999)))
    (check (equal (parts (ext "dtotimespec" -1d300)) (list (- (expt 2 63)) 0)))
    (check (equal (parts (ext "dtotimespec" (rt-nan))) (list (- (expt 2 63)) 0)))))

(deftest libc-localtime-mktime
  (let ((utc nil) (ny (ext "tzalloc" (cstr "America/New_York")))
        (ist (ext "tzalloc" (cstr "<+0530>-5:30")))
        (tm (new-tm)))
    (check (rt-ptr= (ext "localtime_rz" utc (rt-make-box 951782400) tm) tm))
    (check (equal (list (|tm.tm_year| tm) (|tm.tm_mon| tm) (|tm.tm_mday| tm) (|tm.tm_hour| tm)
                        (|tm.tm_wday| tm) (|tm.tm_yday| tm) (|tm.tm_gmtoff| tm))
                  '(100 1 29 0 2 59 0)))
    (check (string= (lstr (|tm.tm_zone| tm)) "GMT"))
    (ext "localtime_rz" ny (rt-make-box 951782400) tm)
    (check (equal (list (|tm.tm_mday| tm) (|tm.tm_hour| tm) (|tm.tm_isdst| tm) (|tm.tm_gmtoff| tm))
                  '(28 19 0 -18000)))
    (check (string= (lstr (|tm.tm_zone| tm)) "EST"))
    (ext "localtime_rz" ny (rt-make-box 962409600) tm)   ; July 2000: daylight saving time
    (check (equal (list (|tm.tm_isdst| tm) (|tm.tm_gmtoff| tm)) '(1 -14400)))
    (check (string= (lstr (|tm.tm_zone| tm)) "EDT"))
    (ext "localtime_rz" ist (rt-make-box 0) tm)
    (check (equal (list (|tm.tm_hour| tm) (|tm.tm_min| tm) (|tm.tm_gmtoff| tm)) '(5 30 19800)))
    (check (string= (lstr (|tm.tm_zone| tm)) "+0530"))
    ;; mktime_z normalizes and finds the time back.
    (let ((tm (new-tm)))
      (setf (|tm.tm_year| tm) 100 (|tm.tm_mon| tm) 1 (|tm.tm_mday| tm) 30 (|tm.tm_hour| tm) 12
            (|tm.tm_isdst| tm) -1)
      (check (= (ext "mktime_z" ny tm) (+ 951782400 86400 (* 17 3600))))
      (check (equal (list (|tm.tm_mon| tm) (|tm.tm_mday| tm) (|tm.tm_wday| tm) (|tm.tm_yday| tm))
                    '(2 1 3 60)))
      (check (string= (lstr (|tm.tm_zone| tm)) "EST"))
      (setf (|tm.tm_mday| tm) 1 (|tm.tm_hour| tm) 0)
      (check (= (ext "mktime_z" nil tm) (+ 951782400 86400))))
    ;; The process's TZ is left as it was.
    (check (equal (sb-posix:getenv "TZ") nil))
    (ext "tzfree" ny)))

(deftest libc-nstrftime
  (let ((zones (list (cons "UTC0" (ext "tzalloc" (cstr "UTC0")))
                     (cons "America/New_York" (ext "tzalloc" (cstr "America/New_York")))
                     (cons "Europe/Berlin" (ext "tzalloc" (cstr "Europe/Berlin")))
                     (cons "<+0530>-5:30" (ext "tzalloc" (cstr "<+0530>-5:30")))))
        (times '(0 951782400 962409600 -1000000000 1234567890 2147483648 1700000000 -86400)))
    ;; Formats glibc's strftime and gnulib's nstrftime agree on.
    (dolist (fmt '("%Y-%m-%d %H:%M:%S %Z %z" "%a %A %b %B %h" "%c" "%x %X %r %R %T %D %F"
                   "%C %y %g %G %V %U %W %u %w %j" "%e %k %l %I %p %P %n%t%%"
                   "%-d %_m %05Y %^a %#Z %10B %-H %3j %-y" "%s" "%Ey %EY %Od %OH" "%:" "%q"))
      (dolist (zone zones)
        (dolist (time times)
          (let ((ours (nstrftime fmt (cdr zone) time)))
            (if (member fmt '("%:" "%q") :test #'string=)
                (check ours)
                (check (equal ours (glibc-strftime fmt (car zone) time)))))))))
  (let ((ny (ext "tzalloc" (cstr "America/New_York")))
        (ist (ext "tzalloc" (cstr "<+0530>-5:30"))))
    ;; gnulib's extensions: %N, %:z, %::z, %:::z, %q.
    (check (string= (nstrftime "%N|%3N|%6N|%-N|%_3N" nil 0 123456789)
                    "123456789|123|123456|123456789|123"))
    (check (string= (nstrftime "%N|%3N|%-N" nil 0 5000) "000005000|000|000005"))
    (check (string= (nstrftime "%z %:z %::z %:::z" ny 951782400) "-0500 -05:00 -05:00:00 -05"))
    (check (string= (nstrftime "%z %:z %::z %:::z" ist 0) "+0530 +05:30 +05:30:00 +05:30"))
    (check (string= (nstrftime "%q %Q %::::z" nil 962409600) "3 %Q %::::z"))
    (check (string= (nstrftime "%^B %#p %10A|%-10A|" nil 951782400)
                    "FEBRUARY am    Tuesday|Tuesday|"))
    (check (string= (nstrftime "%+6Y|%+4Y|%_8F|%12F" nil 951782400) "+02000|2000|2000-02-29|002000-02-29"))
    (check (string= (nstrftime "%s" ny 1234567890) "1234567890"))
    (check (string= (nstrftime "%s" nil -5) "-5"))
    (check (string= (nstrftime "" nil 0) ""))
    ;; Too small a buffer: 0 and ERANGE.
    (setf (errno) 0)
    (check (null (nstrftime "%Y-%m-%d" nil 0 0 10)))
    (check (= (errno) 34))
    (check (string= (nstrftime "%Y-%m-%d" nil 0 0 11) "1970-01-01"))))

;;; The process, users, locales, signals.

(rt-define-struct |struct passwd| 48
  ((|passwd.pw_name| 0 :ptr)
   (|passwd.pw_passwd| 8 :ptr)
   (|passwd.pw_uid| 16 :u32)
   (|passwd.pw_gid| 20 :u32)
   (|passwd.pw_gecos| 24 :ptr)
   (|passwd.pw_dir| 32 :ptr)
   (|passwd.pw_shell| 40 :ptr)))

(rt-define-struct |struct group| 32
  ((|group.gr_name| 0 :ptr)
   (|group.gr_passwd| 8 :ptr)
   (|group.gr_gid| 16 :u32)
   (|group.gr_mem| 24 :ptr)))

(rt-define-struct |struct utsname| 390
  ((|utsname.sysname| 0 (:array :s8 65))
   (|utsname.nodename| 65 (:array :s8 65))
   (|utsname.release| 130 (:array :s8 65))
   (|utsname.version| 195 (:array :s8 65))
   (|utsname.machine| 260 (:array :s8 65))
   (|utsname.domainname| 325 (:array :s8 65))))

(rt-define-struct |struct rlimit| 16 ((|rlimit.rlim_cur| 0 :u64) (|rlimit.rlim_max| 8 :u64)))

(rt-define-struct |struct timeval| 16 ((|timeval.tv_sec| 0 :s64) (|timeval.tv_usec| 8 :s64)))

(rt-define-struct |struct rusage| 144
  ((|rusage.ru_utime| 0 (:struct |struct timeval|))
   (|rusage.ru_stime| 16 (:struct |struct timeval|))
   (|rusage.ru_maxrss| 32 :s64)
   (|rusage.rest| 40 (:array :s64 13))))

(rt-define-struct |struct sigaction.sa_mask| 128 ((|sigaction.sa_mask.__val| 0 (:array :u64 16))))

(rt-define-struct |struct sigaction| 152
  ((|sigaction.sa_handler| 0 :ptr)
   (|sigaction.sa_mask| 8 (:struct |struct sigaction.sa_mask|))
   (|sigaction.sa_flags| 136 :s32)
   (|sigaction.sa_restorer| 144 :ptr)))

(rt-define-struct |struct fd_set| 128 ((|fd_set.fds_bits| 0 (:array :s64 16))))

(deftest libc-process-users
  (check (= (ext "getpid") (sb-posix:getpid)))
  (check (= (ext "getppid") (sb-posix:getppid)))
  (check (= (ext "getuid") (sb-posix:getuid)))
  (check (= (ext "geteuid") (sb-posix:geteuid)))
  (check (= (ext "getgid") (sb-posix:getgid)))
  (check (= (ext "getegid") (sb-posix:getegid)))
  (let ((pw (ext "getpwuid" (ext "getuid")))
        (ref (sb-posix:getpwuid (sb-posix:getuid))))
    (check (typep pw '|struct passwd|))
    (check (string= (lstr (|passwd.pw_name| pw)) (sb-posix:passwd-name ref)))
    (check (string= (lstr (|passwd.pw_dir| pw)) (sb-posix:passwd-dir ref)))
    (check (string= (lstr (|passwd.pw_shell| pw)) (sb-posix:passwd-shell ref)))
    (check (= (|passwd.pw_uid| pw) (sb-posix:getuid)))
    (let ((pw2 (ext "getpwnam" (|passwd.pw_name| pw))))
      (check (= (|passwd.pw_uid| pw2) (|passwd.pw_uid| pw)))))
  (check (null (ext "getpwnam" (cstr "no-such-user-emacs2cl"))))
  (check (null (ext "getpwuid" 3999999999)))
  (let ((gr (ext "getgrgid" 0)))
    (check (typep gr '|struct group|))
    (check (string= (lstr (|group.gr_name| gr)) (sb-posix:group-name (sb-posix:getgrgid 0))))
    (check (simple-vector-p (|group.gr_mem| gr)))
    (check (null (aref (|group.gr_mem| gr) (1- (length (|group.gr_mem| gr)))))))
  (ext "setpwent")
  (let ((names (loop for pw = (ext "getpwent") while pw collect (lstr (|passwd.pw_name| pw)))))
    (check (member "root" names :test #'string=)))
  (ext "endpwent")
  (check (null (ext "getutent")))
  (let ((buf (make-array 256 :element-type '(unsigned-byte 8) :initial-element 0)))
    (check (= (ext "gethostname" (rt-make-ptr buf 0) 255) 0))
    (check (string= (lstr (rt-make-ptr buf 0)) (machine-instance))))
  (let ((uts (rt-new '(:struct |struct utsname|))))
    (check (= (ext "uname" uts) 0))
    (check (string= (lstr (rt-make-ptr (|utsname.sysname| uts) 0)) "Linux"))
    (check (string= (lstr (rt-make-ptr (|utsname.machine| uts) 0)) "x86_64"))
    (check (string= (lstr (rt-make-ptr (|utsname.nodename| uts) 0)) (machine-instance))))
  (let ((rl (rt-new '(:struct |struct rlimit|))))
    (check (= (ext "getrlimit" 7 rl) 0))              ; RLIMIT_NOFILE
    (check (<= 1 (|rlimit.rlim_cur| rl) (|rlimit.rlim_max| rl)))
    (check (= (ext "setrlimit" 7 rl) 0)))
  (let ((ru (rt-new '(:struct |struct rusage|))))
    (check (= (ext "getrusage" 0 ru) 0))
    (check (plusp (+ (|timeval.tv_sec| (|rusage.ru_utime| ru)) (|timeval.tv_usec| (|rusage.ru_utime| ru)))))
    (check (plusp (|rusage.ru_maxrss| ru))))
  (let ((load (make-array 3 :element-type 'double-float :initial-element -1d0)))
    (check (= (ext "getloadavg" (rt-make-ptr load 0) 3) 3))
    (check (every (lambda (x) (>= x 0d0)) load)))
  (check (<= 1 (ext "num_processors" 1) (ext "num_processors" 0)))
  (check (= (ext "sysconf" 30) 4096))                   ; _SC_PAGESIZE
  (check (= (ext "getpagesize") 4096))
  (let ((buf (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (check (= (ext "getrandom" (rt-make-ptr buf 0) 16 0) 16))
    (check (notevery #'zerop buf)))
  ;; glibc's random sequence.
  (ext "srandom" 42)
  (let ((ours (loop repeat 5 collect (ext "random"))))
    (sb-alien:alien-funcall (sb-alien:extern-alien "srandom" (function sb-alien:void sb-alien:unsigned-int)) 42)
    (check (equal ours (loop repeat 5 collect (sb-alien:alien-funcall
                                               (sb-alien:extern-alien "random" (function sb-alien:long))))))))

(deftest libc-locale
  (let ((old (lstr (ext "setlocale" 6 nil))))     ; LC_ALL, query
    (check (string= (lstr (ext "setlocale" 6 (cstr "C.UTF-8"))) "C.UTF-8"))
    (check (string= (lstr (ext "nl_langinfo" 14)) "UTF-8"))      ; CODESET
    (check (= (ext "towlower" 196) 228))
    (let ((wc (rt-make-box 0)))
      (check (= (ext "mbrtowc" (rt-make-ptr wc 0) (rt-make-ptr (utf8 "Ā") 0) 2 nil) 2))
      (check (= (rt-box-value wc) #x100)))
    (check (string= (lstr (ext "nl_langinfo" #x20009)) "Tuesday"))  ; DAY_3
    (check (string= (lstr (ext "setlocale" 1 (cstr "C"))) "C"))     ; LC_NUMERIC
    (check (string= (sprintf "%.1f" 2.5d0) "2.5"))
    (let ((loc (ext "newlocale" 8127 (cstr "C.UTF-8") nil)))        ; LC_ALL_MASK
      (check loc)
      (check (= (ext "towlower_l" 196 loc) 228))
      (flet ((wide (s) (let ((v (make-array (1+ (length s)) :element-type '(signed-byte 32)
                                                               :initial-element 0)))
                         (loop for c across s for i from 0 do (setf (aref v i) (char-code c)))
                         (rt-make-ptr v 0))))
        (check (minusp (ext "wcscoll_l" (wide "abc") (wide "abd") loc)))
        (check (zerop (ext "wcscoll" (wide "é") (wide "é")))))
      (ext "freelocale" loc))
    (check (null (ext "newlocale" 8127 (cstr "no_SUCH.locale") nil)))
    (check (string= (lstr (ext "setlocale" 6 (cstr old))) old))
    (check (string= (lstr (ext "nl_langinfo" 14)) "ANSI_X3.4-1968")))
  ;; What Emacs's main does, under LANG=C.UTF-8 (Debian's Emacs 28.2 then has locale-info
  ;; codeset "UTF-8"), and with no locale in the environment.
  (dolist (case '(("LANG=C.UTF-8 LC_ALL= LC_CTYPE=" "C.UTF-8;UTF-8;")
                  ("LANG= LC_ALL= LC_CTYPE=" "C;ANSI_X3.4-1968;")))
    (multiple-value-bind (code out)
        (run-child "(let ((out (rt-box-value (rt-external-variable \"stdout\"))))
                      (rt-call-external \"fprintf\" out (%new-c-string \"%s;\")
                                        (rt-call-external \"setlocale\" 6 (%new-c-string \"\")))
                      (rt-call-external \"fprintf\" out (%new-c-string \"%s;\")
                                        (rt-call-external \"nl_langinfo\" 14))
                      (rt-call-external \"exit\" 0))"
                   :environment (first case))
      (check (= code 0))
      (check (equalp out (utf8 (second case)))))))

(defvar *caught* '())

(deftest libc-signals
  (let ((set (rt-new '(:struct |struct sigaction.sa_mask|))))
    (check (= (ext "sigfillset" set) 0))
    (check (= (ext "sigismember" set 9) 1))
    (check (= (ext "sigemptyset" set) 0))
    (check (= (ext "sigismember" set 2) 0))
    (check (= (ext "sigaddset" set 2) 0))
    (check (= (ext "sigaddset" set 64) 0))
    (check (= (aref (|sigaction.sa_mask.__val| set) 0) (+ 2 (expt 2 63))))
    (check (= (ext "sigismember" set 64) 1))
    (check (= (ext "sigaddset" set 65) -1))
    (check (= (errno) 22))
    ;; The mask is recorded.
    (let ((old (rt-new '(:struct |struct sigaction.sa_mask|))))
      (check (= (ext "pthread_sigmask" 2 set old) 0))
      (check (= (ext "pthread_sigmask" 1 nil old) 0))
      (check (= (ext "sigismember" old 2) 1))
      (ext "sigemptyset" set)
      (check (= (ext "pthread_sigmask" 2 set nil) 0))))
  ;; sigaction records the handler and reports the old one; raise runs it.
  (let ((act (rt-new '(:struct |struct sigaction|)))
        (old (rt-new '(:struct |struct sigaction|)))
        (handler (lambda (sig) (push sig *caught*))))
    (setf (rt-mem act :ptr) handler)
    (ext "sigaddset" (|sigaction.sa_mask| act) 14)
    (setf (|sigaction.sa_flags| act) #x10000000)
    (check (= (ext "sigaction" 10 act old) 0))          ; SIGUSR1
    (check (null (rt-mem old :ptr)))
    (check (= (ext "sigaction" 10 nil old) 0))
    (check (eq (rt-mem old :ptr) handler))
    (check (= (ext "sigismember" (|sigaction.sa_mask| old) 14) 1))
    (check (= (|sigaction.sa_flags| old) #x10000000))
    (setf *caught* '())
    (check (= (ext "raise" 10) 0))
    (check (= (ext "kill" (ext "getpid") 10) 0))
    (check (= (ext "pthread_kill" (ext "pthread_self") 10) 0))
    (check (equal *caught* '(10 10 10)))
    ;; signal: SIG_IGN (an int-pointer 1) and back to the handler.
    (check (eq (ext "signal" 10 (rt-int-pointer 1)) handler))
    (check (= (ext "raise" 10) 0))
    (check (equal *caught* '(10 10 10)))
    (check (equalp (ext "signal" 10 nil) (rt-int-pointer 1)))
    (check (= (ext "raise" 17) 0)))                     ; SIGCHLD: ignored by default
  ;; raise with the default action kills the process for real (in a child).
  (multiple-value-bind (code out)
      (run-child "(rt-call-external \"fputs_unlocked\" (%new-c-string \"flushed;\")
                    (rt-box-value (rt-external-variable \"stdout\")))
                  (rt-call-external \"raise\" 15)")
    (check (= code 143))                                 ; 128 + SIGTERM, from the shell
    (check (equalp (subseq out 0 (min 8 (length out))) (utf8 "flushed;"))))
  (check (= (ext "pthread_equal" (ext "pthread_self") (ext "pthread_self")) 1))
  (check (string= (lstr (ext "strsignal" 2)) "Interrupt"))
  (check (string= (lstr (ext "sigdescr_np" 15)) "Terminated"))
  (flet ((str2sig (name)
           (let ((n (rt-make-box 0)))
             (and (zerop (ext "str2sig" (cstr name) n)) (rt-box-value n)))))
    (check (eql (str2sig "HUP") 1))
    (check (eql (str2sig "KILL") 9))
    (check (eql (str2sig "15") 15))
    (check (eql (str2sig "RTMIN") 34))
    (check (eql (str2sig "RTMIN+2") 36))
    (check (eql (str2sig "RTMAX-1") 63))
    (check (null (str2sig "NOSUCH"))))
  ;; A timerfd is glibc's: it wakes pselect when it expires.
  (let ((fd (ext "timerfd_create" 1 526336))              ; CLOCK_MONOTONIC, non-blocking
        (spec (rt-new '(:array :s64 4)))
        (rd (rt-new '(:struct |struct fd_set|)))
        (count (make-array 8 :element-type '(unsigned-byte 8))))
    (check (>= fd 0))
    (setf (aref spec 3) 10000000)                        ; it_value: 10 ms
    (check (= (ext "timerfd_settime" fd 0 spec nil) 0))
    (setf (aref (|fd_set.fds_bits| rd) 0) (ash 1 fd))
    (check (= (funcall (rt-external-function "pselect") (1+ fd) rd nil nil nil nil) 1))
    (check (= (ext "read" fd (rt-make-ptr count 0) 8) 8))
    (check (= (aref count 0) 1))
    (ext "close" fd))
  ;; A timer_create timer must signal with a delivered signal.
  (check (= (ext "timer_create" 0 nil (rt-make-ptr (rt-make-box nil) 0)) 0)))

(deftest libc-signal-delivery
  ;; A real signal whose recorded handler is a function reaches it where pselect waits (which
  ;; then fails with EINTR), or when the recorded mask unblocks it; not while it is blocked.
  (let ((act (rt-new '(:struct |struct sigaction|)))
        (set (rt-new '(:struct |struct sigaction.sa_mask|)))
        (ts (ext "make_timespec" 5 0)))
    (setf (rt-mem act :ptr) (lambda (sig) (push sig *caught*)))
    (check (= (ext "sigaction" 10 act nil) 0))          ; SIGUSR1
    (setf *caught* '())
    (sb-alien:alien-funcall (sb-alien:extern-alien "kill" (function sb-alien:int sb-alien:int sb-alien:int)) (ext "getpid") 10)
    (check (= (funcall (rt-external-function "pselect") 0 nil nil nil ts nil) -1))
    (check (= (errno) 4))
    (check (equal *caught* '(10)))
    (ext "sigemptyset" set)
    (ext "sigaddset" set 10)
    (ext "pthread_sigmask" 0 set nil)                   ; SIG_BLOCK
    (sb-alien:alien-funcall (sb-alien:extern-alien "kill" (function sb-alien:int sb-alien:int sb-alien:int)) (ext "getpid") 10)
    (check (= (funcall (rt-external-function "pselect") 0 nil nil nil (ext "make_timespec" 0 50000000) nil) 0))
    (check (equal *caught* '(10)))
    (ext "pthread_sigmask" 1 set nil)                   ; SIG_UNBLOCK: delivered now
    (check (equal *caught* '(10 10)))
    (ext "signal" 10 nil)))

(deftest libc-spawn
  ;; A program started with posix_spawn: its descriptors, directory, environment and status.
  (let ((fds (make-array 2 :element-type '(signed-byte 32) :initial-element -1))
        (buf (make-array 100 :element-type '(unsigned-byte 8) :initial-element 0))
        (status (rt-make-box 0)))
    (ext "rpl_pipe2" (rt-make-ptr fds 0) 524288)
    (multiple-value-bind (pid errno)
        (rt-spawn-program "/bin/sh" '("sh" "-c" "echo $E2C; pwd; exit 3") '("E2C=yes")
                          :stdin 0 :stdout (aref fds 1) :stderr 2 :directory "/tmp" :new-session t)
      (check (and (plusp pid) (= errno 0)))
      (ext "close" (aref fds 1))
      ;; The shell writes twice: read until end of file, as a reader of a pipe must.
      (check (= (loop for n = (ext "read" (aref fds 0) (rt-make-ptr buf total) (- 100 total))
                      while (plusp n) sum n into total finally (return total))
                9))
      (check (equalp (subseq buf 0 9) (utf8 (format nil "yes~%/tmp~%"))))
      (check (= (ext "waitpid" pid (rt-make-ptr status 0) 0) pid))
      (check (= (rt-box-value status) (ash 3 8))))
    (ext "close" (aref fds 0))
    (check (equal (multiple-value-list (rt-spawn-program "/e2c/no/such/program" '("x") '()))
                  '(-1 2)))))

(deftest libc-pselect
  (let ((fds (make-array 2 :element-type '(signed-byte 32) :initial-element -1))
        (rd (rt-new '(:struct |struct fd_set|)))
        (ts (ext "make_timespec" 0 10000000)))
    (ext "rpl_pipe2" (rt-make-ptr fds 0) 0)
    (let ((r (aref fds 0)))
      (setf (aref (|fd_set.fds_bits| rd) 0) (ash 1 r))
      (check (= (funcall (rt-external-function "pselect") (1+ r) rd nil nil ts nil) 0))
      (check (= (aref (|fd_set.fds_bits| rd) 0) 0))
      (ext "write" (aref fds 1) (rt-make-ptr (utf8 "x") 0) 1)
      (setf (aref (|fd_set.fds_bits| rd) 0) (ash 1 r))
      (check (= (funcall (rt-external-function "pselect") (1+ r) rd nil nil ts nil) 1))
      (check (= (aref (|fd_set.fds_bits| rd) 0) (ash 1 r))))
    (ext "close" (aref fds 0))
    (ext "close" (aref fds 1))))

;;; Message digests.

(defun hex (octets) (format nil "~(~{~2,'0x~}~)" (coerce octets 'list)))

(defun digest-by-command (command data)
  "The hexadecimal digest coreutils' COMMAND (\"sha256sum\" ...) computes of octets DATA."
  (let ((file (tmp "digest.bin")))
    (with-open-file (s file :direction :output :element-type '(unsigned-byte 8) :if-exists :supersede)
      (write-sequence data s))
    (subseq (with-output-to-string (out)
              (sb-ext:run-program command (list file) :search t :output out))
            0 (ecase (intern (string-upcase command) "KEYWORD")
                (:md5sum 32) (:sha1sum 40) (:sha224sum 56) (:sha256sum 64) (:sha384sum 96)
                (:sha512sum 128)))))

(rt-define-struct |struct sha1_ctx| 160
  ((|sha1_ctx.A| 0 :u32)
   (|sha1_ctx.B| 4 :u32)
   (|sha1_ctx.C| 8 :u32)
   (|sha1_ctx.D| 12 :u32)
   (|sha1_ctx.E| 16 :u32)
   (|sha1_ctx.total| 20 (:array :u32 2))
   (|sha1_ctx.buflen| 28 :u32)
   (|sha1_ctx.buffer| 32 (:array :u32 32))))

(deftest libc-digests
  (flet ((digest (name data size)
           (let ((out (make-array size :element-type '(unsigned-byte 8) :initial-element 0)))
             (check (rt-ptr= (funcall (rt-external-function name) (rt-make-ptr data 0) (length data)
                                      (rt-make-ptr out 0))
                             (rt-make-ptr out 0)))
             (hex out))))
    (check (string= (digest "md5_buffer" (utf8 "") 16) "d41d8cd98f00b204e9800998ecf8427e"))
    (check (string= (digest "md5_buffer" (utf8 "abc") 16) "900150983cd24fb0d6963f7d28e17f72"))
    (check (string= (digest "sha1_buffer" (utf8 "abc") 20) "a9993e364706816aba3e25717850c26c9cd0d89d"))
    (check (string= (digest "sha256_buffer" (utf8 "abc") 32)
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    (let ((state (sb-ext:seed-random-state 7)))
      (dolist (n '(0 1 55 56 63 64 111 112 127 128 1000 4099))
        (let ((data (make-array n :element-type '(unsigned-byte 8))))
          (dotimes (i n) (setf (aref data i) (random 256 state)))
          (loop for (name command size) in '(("md5_buffer" "md5sum" 16) ("sha1_buffer" "sha1sum" 20)
                                              ("sha224_buffer" "sha224sum" 28)
                                              ("sha256_buffer" "sha256sum" 32)
                                              ("sha384_buffer" "sha384sum" 48)
                                              ("sha512_buffer" "sha512sum" 64))
                do (check (string= (digest name data size) (digest-by-command command data))))))))
  ;; buffer-hash's incremental SHA-1 over two pieces.
  (let ((ctx (rt-new '(:struct |struct sha1_ctx|)))
        (out (make-array 20 :element-type '(unsigned-byte 8))))
    (ext "sha1_init_ctx" ctx)
    (ext "sha1_process_bytes" (rt-make-ptr (utf8 "xabx") 1) 2 ctx)
    (ext "sha1_process_bytes" (rt-make-ptr (utf8 "c") 0) 1 ctx)
    (ext "sha1_finish_ctx" ctx (rt-make-ptr out 0))
    (check (string= (hex out) "a9993e364706816aba3e25717850c26c9cd0d89d"))))

;;; scanf.

(deftest libc-scanf
  (let ((r (rt-make-box 0)) (g (rt-make-box 0)) (b (rt-make-box 0)) (n (rt-make-box 0)))
    (check (= (ext "sscanf" (cstr "255 128 0		red") (cstr "%d %d %d %n") r g b n) 3))
    (check (equal (mapcar #'rt-box-value (list r g b n)) '(255 128 0 11)))
    (check (= (ext "sscanf" (cstr "-7 x") (cstr "%d %d") r g) 1))
    (check (= (rt-box-value r) -7))
    (check (= (ext "sscanf" (cstr "") (cstr "%d") r) -1))
    (check (= (ext "sscanf" (cstr "  ") (cstr "%d") r) -1))
    (check (= (ext "sscanf" (cstr "abc") (cstr "%d") r) 0)))
  (let ((v (rt-make-box 0)))
    (check (= (ext "sscanf" (cstr "MemTotal:       16303472 kB") (cstr "MemTotal: %lu") v) 1))
    (check (= (rt-box-value v) 16303472))
    (check (= (ext "sscanf" (cstr "MemFree: 1") (cstr "MemTotal: %lu") v) 0)))
  (let ((sec (rt-make-box 0)) (s (rt-make-box 0)) (frac (rt-make-box 0)) (e (rt-make-box 0)))
    (check (= (ext "sscanf" (cstr "12345.67 8910.11") (cstr "%llu.%n%llu%n") sec s frac e) 2))
    (check (equal (mapcar #'rt-box-value (list sec s frac e)) '(12345 6 67 8))))
  (let ((d (rt-make-box 0d0)) (c (make-array 4 :element-type '(unsigned-byte 8) :initial-element 0))
        (word (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (check (= (ext "sscanf" (cstr "R 2.5e3 hello world") (cstr "%c %lf %5s") (rt-make-ptr c 0) d
                   (rt-make-ptr word 0))
              3))
    (check (= (aref c 0) (char-code #\R)))
    (check (= (rt-box-value d) 2500d0))
    (check (string= (lstr (rt-make-ptr word 0)) "hello")))
  ;; system_process_attributes's format on /proc/self/stat, after the command's ")".
  (let* ((stat (with-open-file (s "/proc/self/stat") (read-line s)))
         (rest (subseq stat (+ 2 (position #\) stat :from-end t))))
         (fields (loop with start = 0 for end = (position #\Space rest :start start)
                       collect (subseq rest start end) while end do (setf start (1+ end))))
         (boxes (loop repeat 19 collect (rt-make-box 0)))
         (state (make-array 1 :element-type '(unsigned-byte 8) :initial-element 0)))
    (check (= (apply #'ext "sscanf" (cstr rest)
                     (cstr "%c %d %d %d %d %d %*u %lu %lu %lu %lu %Lu %Lu %Lu %Lu %ld %ld %d %*d %Lu %lu %ld")
                     (rt-make-ptr state 0) boxes)
              20))
    (check (char= (code-char (aref state 0)) (char (first fields) 0)))
    (check (= (rt-box-value (first boxes)) (parse-integer (second fields))))     ; ppid
    (check (= (rt-box-value (nth 16 boxes)) (parse-integer (nth 19 fields)))))  ; start time
  ;; fscanf from a file.
  (let ((name (tmp "scan.txt")))
    (with-open-file (s name :direction :output :if-exists :supersede)
      (format s "/dev/console /dev/console 5 1 system:console~%"))
    (let ((fp (ext "fopen" (cstr name) (cstr "r")))
          (dev (make-array 32 :element-type '(unsigned-byte 8) :initial-element 0))
          (major (rt-make-box 0))
          (minor (make-array 32 :element-type '(unsigned-byte 8) :initial-element 0)))
      (check (= (ext "fscanf" fp (cstr "%*s %s %u %s %*s
") (rt-make-ptr dev 0) major (rt-make-ptr minor 0))
                3))
      (check (string= (lstr (rt-make-ptr dev 0)) "/dev/console"))
      (check (= (rt-box-value major) 5))
      (check (string= (lstr (rt-make-ptr minor 0)) "1"))
      (check (= (ext "fscanf" fp (cstr "%s") (rt-make-ptr dev 0)) -1))
      (ext "fclose" fp))))

;;; The environment.

(deftest libc-environment
  (check (= (ext "setenv" (cstr "EMACS2CL_TEST_VAR") (cstr "ü=1") 1) 0))
  (check (string= (sb-posix:getenv "EMACS2CL_TEST_VAR") "ü=1"))
  (check (= (ext "setenv" (cstr "EMACS2CL_TEST_VAR") (cstr "2") 0) 0))
  (check (string= (sb-posix:getenv "EMACS2CL_TEST_VAR") "ü=1"))
  (check (= (ext "putenv" (cstr "EMACS2CL_TEST_VAR=3")) 0))
  (check (string= (lstr (ext "getenv" (cstr "EMACS2CL_TEST_VAR"))) "3"))
  (check (= (ext "unsetenv" (cstr "EMACS2CL_TEST_VAR")) 0))
  (check (null (sb-posix:getenv "EMACS2CL_TEST_VAR")))
  (check (= (ext "setenv" (cstr "A=B") (cstr "x") 1) -1))
  (check (= (errno) 22))
  ;; environ: pointers to "NAME=VALUE", then NULL, as set_initial_environment walks it.
  (let* ((envp (rt-box-value (rt-external-variable "environ")))
         (strings (loop for p = envp then (rt-ptr+ p 8)
                        for s = (rt-mem p :ptr)
                        while s collect (lstr s))))
    (check (find-if (lambda (s) (and (> (length s) 5) (string= (subseq s 0 5) "PATH="))) strings))
    (check (= (length strings) (length (sb-ext:posix-environ))))))

;;; GMP, compared with libgmp itself where it is installed.
;;; The mpz_t struct as the translation defines it (structs.lisp), whose name the runtime looks up.

(rt-define-struct |struct __mpz_struct| 16
  ((|__mpz_struct._mp_alloc| 0 :s32)
   (|__mpz_struct._mp_size| 4 :s32)
   (|__mpz_struct._mp_d| 8 :ptr)))

(defun mpz (n)
  "A fresh mpz_t (the translation's struct) holding N, set through mpz_set_str."
  (let ((z (rt-new '(:struct |struct __mpz_struct|))))
    (ext "__gmpz_init" z)
    (check (= (ext "__gmpz_set_str" z (cstr (format nil "~D" n)) 10) 0))
    z))

(defun mpz-value (z)
  (let ((buf (make-array 4096 :element-type '(unsigned-byte 8) :initial-element 0)))
    (ext "__gmpz_get_str" (rt-make-ptr buf 0) 10 z)
    (parse-integer (lstr (rt-make-ptr buf 0)))))

(defvar *libgmp*
  (ignore-errors (sb-alien:load-shared-object "libgmp.so.10" :dont-save t) t)
  "True if libgmp could be loaded to compare with.")

(defun real-gmp-z (n)
  "A real mpz_t (16 bytes of C memory, in an octet vector) holding N."
  (let ((z (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0))
        (s (%octets-z* (format nil "~D" n))))
    (sb-sys:with-pinned-objects (z s)
      (sb-alien:alien-funcall (sb-alien:sap-alien (sb-sys:foreign-symbol-sap "__gmpz_init")
                                                  (function sb-alien:void sb-sys:system-area-pointer))
                              (sb-sys:vector-sap z))
      (sb-alien:alien-funcall (sb-alien:sap-alien (sb-sys:foreign-symbol-sap "__gmpz_set_str")
                                                  (function sb-alien:int sb-sys:system-area-pointer
                                                            sb-sys:system-area-pointer sb-alien:int))
                              (sb-sys:vector-sap z) (sb-sys:vector-sap s) 10))
    z))

(defun %octets-z* (string)
  (let* ((b (utf8 string)) (v (make-array (1+ (length b)) :element-type '(unsigned-byte 8) :initial-element 0)))
    (replace v b)
    v))

(defun real-gmp-value (z)
  (let ((buf (make-array 4096 :element-type '(unsigned-byte 8) :initial-element 0)))
    (sb-sys:with-pinned-objects (z buf)
      (sb-alien:alien-funcall (sb-alien:sap-alien (sb-sys:foreign-symbol-sap "__gmpz_get_str")
                                                  (function sb-sys:system-area-pointer sb-sys:system-area-pointer
                                                            sb-alien:int sb-sys:system-area-pointer))
                              (sb-sys:vector-sap buf) 10 (sb-sys:vector-sap z)))
    (parse-integer (lstr (rt-make-ptr buf 0)))))

(defun real-gmp-call (name result &rest args)
  "Call libgmp's NAME with ARGS: octet vectors (real mpz_t) as pointers, integers as longs,
doubles as doubles; RESULT :void, :long, :ulong, :double or :int."
  (let ((saps (mapcar (lambda (a) (if (typep a '(simple-array (unsigned-byte 8) (*))) a nil)) args)))
    (sb-sys:with-pinned-objects ((first saps) (second saps) (third saps) (fourth saps))
      (let ((fn (sb-sys:foreign-symbol-sap name))
            (vals (mapcar (lambda (a) (cond ((typep a '(simple-array (unsigned-byte 8) (*)))
                                             (sb-sys:sap-int (sb-sys:vector-sap a)))
                                            ((floatp a) a)
                                            (t (ldb (byte 64 0) a))))
                          args)))
        (let ((r (eval `(sb-alien:alien-funcall
                         (sb-alien:sap-alien (sb-sys:int-sap ,(sb-sys:sap-int fn))
                                             (function ,(ecase result (:void 'sb-alien:void)
                                                          ((:long :int) 'sb-alien:long)
                                                          (:ulong 'sb-alien:unsigned-long)
                                                          (:double 'sb-alien:double))
                                                       ,@(mapcar (lambda (v) (if (floatp v) 'sb-alien:double
                                                                                 'sb-alien:unsigned-long))
                                                                 vals)))
                         ,@vals))))
          (if (eq result :int) (%wrap-s-test 32 r) r))))))

(defun %wrap-s-test (bits n) (rt-wrap-s bits n))

(deftest libc-gmp
  (let ((z (mpz (- (expt 2 130) 1))))
    (check (= (mpz-value z) (- (expt 2 130) 1)))
    (check (= (|__mpz_struct._mp_size| z) 3))
    (check (= (rt-mem (|__mpz_struct._mp_d| z) :u64) (1- (expt 2 64))))   ; mpz_odd_p's read
    (check (= (ext "__gmpz_size" z) 3))
    (check (= (ext "__gmpz_getlimbn" z 2) 3))
    (check (= (ext "__gmpz_sizeinbase" z 2) 130))
    (ext "__gmpz_neg" z z)
    (check (= (|__mpz_struct._mp_size| z) -3))
    (check (= (ext "__gmpz_get_d" z) (coerce (- (expt 2 77) (expt 2 130)) 'double-float))))
  (let ((z (mpz 0)))
    (check (= (|__mpz_struct._mp_size| z) 0))
    (check (= (ext "__gmpz_sizeinbase" z 10) 1))
    (check (= (ext "__gmpz_scan1" z 0) (1- (expt 2 64))))
    (ext "__gmpz_set_d" z -1.5d20)
    (check (= (mpz-value z) -150000000000000000000))
    (ext "__gmpz_set_si" z -5)
    (check (= (mpz-value z) -5))
    (ext "__gmpz_set_ui" z (1- (expt 2 64)))
    (check (= (ext "__gmpz_fits_ulong_p" z) 1))
    (check (= (ext "__gmpz_get_ui" z) (1- (expt 2 64))))
    (ext "__gmpz_add_ui" z z 1)
    (check (= (ext "__gmpz_fits_ulong_p" z) 0))
    (check (= (ext "__gmpz_set_str" z (cstr "12x") 10) -1))
    (check (= (ext "__gmpz_set_str" z (cstr "-ff") 16) 0))
    (check (= (mpz-value z) -255)))
  ;; limbs_write and limbs_finish, as bignum.c makes a bignum from limbs.
  (let* ((z (mpz 0)) (limbs (ext "__gmpz_limbs_write" z 3)))
    (setf (rt-mem limbs :u64) 5 (rt-mem (rt-ptr+ limbs 8) :u64) 1 (rt-mem (rt-ptr+ limbs 16) :u64) 0)
    (ext "__gmpz_limbs_finish" z -3)
    (check (= (mpz-value z) (- (+ 5 (expt 2 64)))))
    (check (= (|__mpz_struct._mp_size| z) -2)))
  (let ((buf (make-array 64 :element-type '(unsigned-byte 8) :initial-element 0)))
    (ext "__gmpz_get_str" (rt-make-ptr buf 0) -16 (mpz -48879))
    (check (string= (lstr (rt-make-ptr buf 0)) "-BEEF"))
    (ext "__gmpz_get_str" (rt-make-ptr buf 0) 36 (mpz 1295))
    (check (string= (lstr (rt-make-ptr buf 0)) "zz")))
  (let ((a (mpz 7)) (b (mpz 9)))
    (ext "__gmpz_swap" a b)
    (check (equal (list (mpz-value a) (mpz-value b)) '(9 7))))
  ;; Against libgmp: every operation on operands around the limb and sign boundaries.
  (when *libgmp*
    (let* ((state (sb-ext:seed-random-state 11))
           (numbers (append (list 0 1 -1 2 -2 7 -7 (expt 2 63) (- (expt 2 63)) (1- (expt 2 64))
                                  (expt 2 64) (- (expt 2 64)) (expt 10 40) (- 1 (expt 3 90)))
                            (loop repeat 12 collect (- (random (expt 2 200) state) (expt 2 199))))))
      (dolist (x numbers)
        (dolist (y numbers)
          (let ((ours (mpz 0)) (real (real-gmp-z 0)))
            (dolist (op '("__gmpz_add" "__gmpz_sub" "__gmpz_mul" "__gmpz_and" "__gmpz_ior"
                          "__gmpz_xor" "__gmpz_gcd"))
              (ext op ours (mpz x) (mpz y))
              (real-gmp-call op :void real (real-gmp-z x) (real-gmp-z y))
              (check (= (mpz-value ours) (real-gmp-value real))))
            (unless (zerop y)
              (dolist (op '("__gmpz_tdiv_q" "__gmpz_tdiv_r" "__gmpz_fdiv_q" "__gmpz_fdiv_r"
                            "__gmpz_cdiv_q"))
                (ext op ours (mpz x) (mpz y))
                (real-gmp-call op :void real (real-gmp-z x) (real-gmp-z y))
                (check (= (mpz-value ours) (real-gmp-value real)))))
            (check (= (signum (ext "__gmpz_cmp" (mpz x) (mpz y)))
                      (signum (real-gmp-call "__gmpz_cmp" :int (real-gmp-z x) (real-gmp-z y)))))
            (check (= (signum (ext "__gmpz_cmpabs" (mpz x) (mpz y)))
                      (signum (real-gmp-call "__gmpz_cmpabs" :int (real-gmp-z x) (real-gmp-z y)))))))
        (let ((ours (mpz 0)) (real (real-gmp-z 0)))
          (dolist (case '(("__gmpz_com") ("__gmpz_neg") ("__gmpz_abs") ("__gmpz_mul_2exp" 70)
                          ("__gmpz_fdiv_q_2exp" 3) ("__gmpz_fdiv_q_2exp" 100) ("__gmpz_pow_ui" 3)
                          ("__gmpz_mul_ui" 1000003) ("__gmpz_add_ui" 5) ("__gmpz_sub_ui" 5)))
            (apply #'ext (first case) ours (mpz x) (rest case))
            (apply #'real-gmp-call (first case) :void real (real-gmp-z x) (rest case))
            (check (= (mpz-value ours) (real-gmp-value real))))
          (check (= (ext "__gmpz_fdiv_q_ui" ours (mpz x) 97)
                    (real-gmp-call "__gmpz_fdiv_q_ui" :ulong real (real-gmp-z x) 97)))
          (check (= (mpz-value ours) (real-gmp-value real)))
          (check (= (ext "__gmpz_tdiv_ui" (mpz x) 97) (real-gmp-call "__gmpz_tdiv_ui" :ulong (real-gmp-z x) 97)))
          (dolist (f '(("__gmpz_popcount" :ulong) ("__gmpz_get_d" :double) ("__gmpz_get_ui" :ulong)
                       ("__gmpz_fits_ulong_p" :int) ("__gmpz_size" :ulong)))
            (check (eql (ext (first f) (mpz x)) (real-gmp-call (first f) (second f) (real-gmp-z x)))))
          (dolist (start '(0 1 64 65 300))
            (check (= (ext "__gmpz_scan1" (mpz x) start)
                      (real-gmp-call "__gmpz_scan1" :ulong (real-gmp-z x) start))))
          (dolist (base '(2 16 32))
            (check (= (ext "__gmpz_sizeinbase" (mpz x) base)
                      (real-gmp-call "__gmpz_sizeinbase" :ulong (real-gmp-z x) base))))
          (dolist (d '(0d0 -1d0 1d300 1.5d19 -1.8446744073709552d19))
            (check (= (signum (ext "__gmpz_cmp_d" (mpz x) d))
                      (signum (real-gmp-call "__gmpz_cmp_d" :int (real-gmp-z x) d)))))
          (check (= (signum (ext "__gmpz_cmp_ui" (mpz x) 7))
                    (signum (real-gmp-call "__gmpz_cmp_ui" :int (real-gmp-z x) 7)))))))))

;;; Last: remove this run's temporary directory.

(deftest libc-cleanup
  (when *tmpdir*
    (check (uiop:delete-directory-tree (pathname *tmpdir*) :validate t :if-does-not-exist :ignore))
    (setf *tmpdir* nil)))
