;;;; The C library for batch Emacs, part 2: stdio.
;;;
;;; A FILE * is a %FILE wrapping glibc's own FILE, so buffering is glibc's: stdout fully
;;; buffered unless it is a terminal, stderr unbuffered, everything flushed by exit.  The
;;; variables stdin, stdout and stderr hold int-pointers 1, 2 and 3 (emacs.lisp); they stand for
;;; glibc's stdin, stdout and stderr, whose FILE * is read from glibc at each use (so they are
;;; right in a saved core).  Bytes go to glibc as they are: UTF-8 output is byte-exact.
;;;
;;; The printf family formats in Lisp directive by directive, handing each conversion with its
;;; flags, width and precision to glibc's snprintf (with a long, unsigned long, double or a copy
;;; of the string), so the text is glibc's.

(in-package "EMACS2CL-RUNTIME")

(defstruct (%file (:constructor %make-file (handle fd &optional std)))
  "A C stdio stream (FILE *): glibc's FILE at HANDLE (a system-area pointer), or, for STD (:stdin, :stdout or :stderr),
glibc's standard stream of that name.  CLOSED once fclose has been called; GENERATION tells the
core it was opened in."
  (handle nil)
  (fd -1 :type fixnum)
  (std nil)
  (closed nil)
  (generation 0 :type fixnum))

(defmethod print-object ((f %file) stream)
  (print-unreadable-object (f stream :type t :identity t)
    (format stream "~:[fd ~D~;~:*~(~A~)~*~]~:[~; closed~]" (%file-std f) (%file-fd f)
            (%file-closed f))))

(sb-ext:defglobal **file-generation** 0)
(sb-ext:define-load-time-global **standard-files**
    (vector (%make-file nil 0 :stdin) (%make-file nil 1 :stdout) (%make-file nil 2 :stderr)))

(defun %file-of (fp who)
  "The %FILE that the C value FP (a FILE *) designates."
  (cond ((%file-p fp) fp)
        ((and (int-pointer-p fp) (<= 1 (int-pointer-value fp) 3))
         (svref **standard-files** (1- (int-pointer-value fp))))
        ((and (rt-ptr-p fp) (eql (rt-ptr-offset fp) 0) (%file-p (rt-ptr-base fp)))
         (rt-ptr-base fp))
        ((null fp) (%c-error "~A: null FILE pointer" who))
        (t (%c-error "~A: ~A is not a FILE pointer" who (%describe fp)))))

(defun %file-sap (f who)
  "The address of glibc's FILE for %FILE F (RT-C-ERROR if it was closed, or opened in another
process before a core was saved)."
  (when (%file-closed f)
    (%c-error "~A: the stream ~A was closed" who f))
  (case (%file-std f)
    (:stdin (sb-alien:extern-alien "stdin" sb-sys:system-area-pointer))
    (:stdout (sb-alien:extern-alien "stdout" sb-sys:system-area-pointer))
    (:stderr (sb-alien:extern-alien "stderr" sb-sys:system-area-pointer))
    (t (unless (eql (%file-generation f) **file-generation**)
         (%c-error "~A: the stream ~A was opened before the core was saved" who f))
       (%file-handle f))))

(defmacro %with-file ((sap fp who) &body body)
  "Bind SAP to the glibc FILE * of the C value FP around BODY."
  `(let ((,sap (%file-sap (%file-of ,fp ,who) ,who)))
     ,@body))

(defun %reinit-stdio ()
  "At the start of a saved core: the standard streams are open, other FILEs are stale."
  (incf **file-generation**)
  (loop for f across **standard-files** do (setf (%file-closed f) nil)))

(pushnew '%reinit-stdio sb-ext:*init-hooks*)

;;; Opening and closing.

(defun %new-file (sap fd)
  (let ((f (%make-file sap fd)))
    (setf (%file-generation f) **file-generation**)
    f))

(rt-define-external "fdopen" (fd mode)
  (%with-c-strings ((m mode "fdopen"))
    (let ((sap (%c-call "fdopen" sb-sys:system-area-pointer (sb-alien:int fd)
                        (sb-sys:system-area-pointer m))))
      (if (%null-sap-p sap)
          (progn (%set-errno (sb-alien:get-errno)) nil)
          (%new-file sap fd)))))

(rt-define-external "fopen" (path mode)
  (%with-c-strings ((p path "fopen") (m mode "fopen"))
    (let ((sap (%c-call "fopen" sb-sys:system-area-pointer (sb-sys:system-area-pointer p)
                        (sb-sys:system-area-pointer m))))
      (if (%null-sap-p sap)
          (progn (%set-errno (sb-alien:get-errno)) nil)
          (%new-file sap (%c-call "fileno" sb-alien:int (sb-sys:system-area-pointer sap)))))))

(defun %fclose (fp)
  (let ((f (%file-of fp "fclose")))
    (if (%file-closed f)
        (progn (%set-errno +ebadf+) -1)
        (let ((sap (%file-sap f "fclose")))
          (setf (%file-closed f) t)
          (%c-syscall "fclose" sb-alien:int (sb-sys:system-area-pointer sap))))))

(rt-define-external "fclose" (fp) (%fclose fp))

(defun %fpending (fp)
  (let ((f (%file-of fp "__fpending")))
    (if (%file-closed f)
        0
        (%c-call "__fpending" sb-alien:unsigned-long
                 (sb-sys:system-area-pointer (%file-sap f "__fpending"))))))

(rt-define-external "__fpending" (fp) (%fpending fp))

(defun %ferror (fp)
  (let ((f (%file-of fp "ferror")))
    (if (%file-closed f)
        0
        (%c-call "ferror_unlocked" sb-alien:int
                 (sb-sys:system-area-pointer (%file-sap f "ferror"))))))

(rt-define-external "close_stream" (fp)
  ;; gnulib's close_stream: fclose, and report an error also for an earlier failed write.
  (let* ((some-pending (/= 0 (%fpending fp)))
         (prev-fail (/= 0 (%ferror fp)))
         (fclose-fail (/= 0 (%fclose fp))))
    (if (or prev-fail (and fclose-fail (or some-pending (/= (%errno) +ebadf+))))
        (progn (unless fclose-fail (%set-errno 0))
               -1)
        0)))

;;; Output.

(defun %fwrite (p size n fp who)
  (let ((total (* size n)))
    (if (zerop total)
        0
        (%with-file (sap fp who)
          (multiple-value-bind (v off) (%load-octets p total who)
            (let ((r (sb-sys:with-pinned-objects (v)
                       (%c-call "fwrite_unlocked" sb-alien:unsigned-long
                                (sb-sys:system-area-pointer (sb-sys:sap+ (sb-sys:vector-sap v) off))
                                (sb-alien:unsigned-long size) (sb-alien:unsigned-long n)
                                (sb-sys:system-area-pointer sap)))))
              (when (< r n) (%set-errno (sb-alien:get-errno)))
              r))))))

(rt-define-external "fwrite_unlocked" (p size n fp) (%fwrite p size n fp "fwrite"))
(rt-define-external "__builtin_fwrite_unlocked" (p size n fp) (%fwrite p size n fp "fwrite"))
(rt-define-external "fwrite" (p size n fp) (%fwrite p size n fp "fwrite"))
(rt-define-external "__builtin_fwrite" (p size n fp) (%fwrite p size n fp "fwrite"))

(defun %fputs (s fp)
  (let ((bytes (%string-octets s "fputs")))
    (if (= (%fwrite bytes 1 (length bytes) fp "fputs") (length bytes)) 1 -1)))

(rt-define-external "fputs_unlocked" (s fp) (%fputs s fp))
(rt-define-external "fputs" (s fp) (%fputs s fp))
(rt-define-external "__builtin_fputs_unlocked" (s fp) (%fputs s fp))
(rt-define-external "__builtin_fputs" (s fp) (%fputs s fp))

(rt-define-external "puts" (s)
  (let ((bytes (%octets-z (%string-octets s "puts"))))
    (setf (aref bytes (1- (length bytes))) 10)
    (if (= (%fwrite bytes 1 (length bytes) (rt-int-pointer 2) "puts") (length bytes)) 1 -1)))

(defun %fputc (c fp who)
  (%with-file (sap fp who)
    (let ((r (%c-call "fputc_unlocked" sb-alien:int (sb-alien:int (ldb (byte 8 0) c))
                      (sb-sys:system-area-pointer sap))))
      (when (= r -1) (%set-errno (sb-alien:get-errno)))
      r)))

(rt-define-external "fputc_unlocked" (c fp) (%fputc c fp "fputc"))
(rt-define-external "putc_unlocked" (c fp) (%fputc c fp "putc"))
(rt-define-external "fputc" (c fp) (%fputc c fp "fputc"))
(rt-define-external "putc" (c fp) (%fputc c fp "putc"))
(rt-define-external "putchar_unlocked" (c) (%fputc c (rt-int-pointer 2) "putchar"))
(rt-define-external "putchar" (c) (%fputc c (rt-int-pointer 2) "putchar"))
(rt-define-external "__builtin_putchar" (c) (%fputc c (rt-int-pointer 2) "putchar"))

(defun %fflush (fp)
  (if (null fp)
      (%c-syscall "fflush" sb-alien:int (sb-sys:system-area-pointer (%null-sap)))
      (%with-file (sap fp "fflush")
        (%c-syscall "fflush_unlocked" sb-alien:int (sb-sys:system-area-pointer sap)))))

(rt-define-external "fflush_unlocked" (fp) (%fflush fp))
(rt-define-external "fflush" (fp) (%fflush fp))

;;; Input.

(defun %getc (fp who)
  (%with-file (sap fp who)
    (let ((c (%c-call "getc_unlocked" sb-alien:int (sb-sys:system-area-pointer sap))))
      (when (and (= c -1)
                 (/= 0 (%c-call "ferror_unlocked" sb-alien:int (sb-sys:system-area-pointer sap))))
        (%set-errno (sb-alien:get-errno)))
      c)))

(rt-define-external "getc_unlocked" (fp) (%getc fp "getc"))
(rt-define-external "getc" (fp) (%getc fp "getc"))
(rt-define-external "fgetc" (fp) (%getc fp "fgetc"))
(rt-define-external "fgetc_unlocked" (fp) (%getc fp "fgetc"))
(rt-define-external "getchar_unlocked" () (%getc (rt-int-pointer 1) "getchar"))
(rt-define-external "getchar" () (%getc (rt-int-pointer 1) "getchar"))

(rt-define-external "ungetc" (c fp)
  (%with-file (sap fp "ungetc")
    (%c-call "ungetc" sb-alien:int (sb-alien:int c) (sb-sys:system-area-pointer sap))))

(defun %fgets (buf n fp)
  (if (<= n 0)
      nil
      (%with-file (sap fp "fgets")
        (let ((got nil))
          (%with-output-buffer (b buf n "fgets")
            (let ((r (%c-call "fgets_unlocked" sb-sys:system-area-pointer
                              (sb-sys:system-area-pointer b) (sb-alien:int n)
                              (sb-sys:system-area-pointer sap))))
              (if (%null-sap-p r)
                  (progn (when (/= 0 (%c-call "ferror_unlocked" sb-alien:int
                                              (sb-sys:system-area-pointer sap)))
                           (%set-errno (sb-alien:get-errno)))
                         nil)
                  (progn (setf got t)
                         (1+ (loop for i from 0 when (zerop (sb-sys:sap-ref-8 b i)) return i))))))
          (and got buf)))))

(rt-define-external "fgets_unlocked" (buf n fp) (%fgets buf n fp))
(rt-define-external "fgets" (buf n fp) (%fgets buf n fp))

(defun %fread (p size n fp)
  (let ((total (* size n)))
    (if (zerop total)
        0
        (%with-file (sap fp "fread")
          (let ((items 0))
            (%with-output-buffer (b p total "fread")
              (setf items (%c-call "fread_unlocked" sb-alien:unsigned-long
                                   (sb-sys:system-area-pointer b) (sb-alien:unsigned-long size)
                                   (sb-alien:unsigned-long n) (sb-sys:system-area-pointer sap)))
              (when (< items n) (%set-errno (sb-alien:get-errno)))
              ;; The bytes of the whole items read reach P (when P's bytes are not an octet
              ;; vector's, those of a partial item are lost).
              (* items size))
            items)))))

(rt-define-external "fread_unlocked" (p size n fp) (%fread p size n fp))
(rt-define-external "fread" (p size n fp) (%fread p size n fp))

;;; State.

(macrolet ((def (names c-name)
             `(progn
                ,@(loop for name in names
                        collect `(rt-define-external ,name (fp)
                                   (%with-file (sap fp ,name)
                                     (%c-call ,c-name sb-alien:int
                                              (sb-sys:system-area-pointer sap))))))))
  (def ("ferror_unlocked" "ferror") "ferror_unlocked")
  (def ("feof_unlocked" "feof") "feof_unlocked"))

(rt-define-external "clearerr_unlocked" (fp)
  (%with-file (sap fp "clearerr")
    (%c-call "clearerr_unlocked" sb-alien:void (sb-sys:system-area-pointer sap))
    nil))
(rt-define-external "clearerr" (fp)
  (rt-call-external "clearerr_unlocked" fp))

(rt-define-external "fileno" (fp)
  (let ((f (%file-of fp "fileno")))
    (if (%file-closed f)
        (progn (%set-errno +ebadf+) -1)
        (%c-syscall "fileno" sb-alien:int (sb-sys:system-area-pointer (%file-sap f "fileno"))))))

(rt-define-external "setvbuf" (fp buf mode size)
  ;; A buffer from the program cannot be given to glibc: glibc allocates its own of SIZE bytes.
  (declare (ignore buf))
  (%with-file (sap fp "setvbuf")
    (let ((r (%c-call "setvbuf" sb-alien:int (sb-sys:system-area-pointer sap)
                      (sb-sys:system-area-pointer (%null-sap)) (sb-alien:int mode)
                      (sb-alien:unsigned-long size))))
      (unless (zerop r) (%set-errno (sb-alien:get-errno)))
      r)))

(rt-define-external "ftello" (fp)
  (%with-file (sap fp "ftello")
    (%c-syscall "ftello" sb-alien:long (sb-sys:system-area-pointer sap))))
(rt-define-external "ftell" (fp) (rt-call-external "ftello" fp))

(rt-define-external "fseeko" (fp offset whence)
  (%with-file (sap fp "fseeko")
    (%c-syscall "fseeko" sb-alien:int (sb-sys:system-area-pointer sap) (sb-alien:long offset)
                (sb-alien:int whence))))
(rt-define-external "fseek" (fp offset whence) (rt-call-external "fseeko" fp offset whence))

(rt-define-external "rewind" (fp)
  (%with-file (sap fp "rewind")
    (%c-call "rewind" sb-alien:void (sb-sys:system-area-pointer sap))
    nil))

;;; Error messages.

(defun %strerror-octets (errnum)
  (%sap-string-octets (%c-call "strerror" sb-sys:system-area-pointer (sb-alien:int errnum))))

(rt-define-external "strerror" (errnum)
  (%new-c-string (%strerror-octets errnum)))

(rt-define-external "perror" (s)
  (let* ((prefix (and s (%string-octets s "perror")))
         (message (%strerror-octets (%errno)))
         (bytes (concatenate 'octets
                             (if (plusp (length prefix))
                                 (concatenate 'octets prefix (map 'octets #'char-code ": "))
                                 #())
                             message #(10))))
    (%fwrite bytes 1 (length bytes) (rt-int-pointer 3) "perror")
    nil))

;;; ------------------------------------------------------------------------------------------
;;; printf.

(defun %glibc-format (spec width precision type value)
  "The bytes glibc's snprintf makes of the directive SPEC (an octet vector like \"%-*.*ld\", with
a width and a precision star) for WIDTH, PRECISION and VALUE of alien TYPE (:long, :ulong,
:double, :int or :string, a system-area pointer)."
  (let ((fmt (%octets-z spec)))
    (flet ((try (size)
             (let ((buf (make-array size :element-type '(unsigned-byte 8))))
               (sb-sys:with-pinned-objects (buf fmt)
                 (let* ((b (sb-sys:vector-sap buf)) (f (sb-sys:vector-sap fmt))
                        (n (macrolet ((call (&rest types)
                                        `(ecase type
                                           ,@(loop for (key alien) on types by #'cddr
                                                   collect `(,key
                                                             (%c-call "snprintf" sb-alien:int (%sap-arg b)
                                                                      (sb-alien:unsigned-long size) (%sap-arg f)
                                                                      (sb-alien:int width) (sb-alien:int precision)
                                                                      (,alien value)))))))
                             (call :long sb-alien:long :ulong sb-alien:unsigned-long :int sb-alien:int
                                   :double sb-alien:double :string sb-sys:system-area-pointer))))
                   (values n buf))))))
      (multiple-value-bind (n buf) (try 128)
        (when (minusp n)
          (%c-error "printf: glibc's snprintf failed on ~S" (map 'string #'code-char spec)))
        (if (< n 128)
            (subseq buf 0 n)
            (subseq (nth-value 1 (try (1+ n))) 0 n))))))

(defun %printf-string-arg (p precision)
  "A NUL-terminated copy of the string argument P of %s: at most PRECISION bytes (if it is not
negative), which need no NUL after them; NIL for NULL."
  (cond ((null p) nil)
        ((minusp precision) (%c-string-z p "printf %s"))
        (t (multiple-value-bind (v off) (%octets-of p "printf %s")
             (let* ((end (min (length v) (+ off precision)))
                    (nul (position 0 v :start off :end end))
                    (stop (or nul end)))
               (when (and (not nul) (< end (+ off precision)))
                 (%string-end v off "printf %s"))
               (%octets-z (subseq v off stop)))))))

(defun %integer-arg (x)
  (typecase x
    (integer x)
    (null 0)
    (float (truncate x))
    (t (rt-pointer-integer x))))

(defun %decimal-octets (v)
  "The decimal digits of integer V, after a minus sign if V is negative, as octets."
  (let ((digits (make-array 21 :element-type '(unsigned-byte 8)))
        (i 21) (m (abs v)))
    (declare (type (integer 0 (#.(expt 2 64))) m) (type fixnum i))
    (loop (multiple-value-bind (q r) (truncate m 10)
            (setf (aref digits (decf i)) (+ 48 r) m q))
          (when (zerop m) (return)))
    (when (minusp v) (setf (aref digits (decf i)) 45))
    (subseq digits i)))

(defun %format-c (fmt next-arg)
  "The bytes C's printf makes of format FMT (an octet vector, without its NUL) with the arguments
NEXT-ARG (a function of no arguments) returns one after another."
  (let ((out (make-array (length fmt) :element-type '(unsigned-byte 8) :adjustable t
                                      :fill-pointer 0))
        (i 0) (n (length fmt)))
    (labels ((emit (bytes) (loop for b across bytes do (vector-push-extend b out)))
             (peek () (if (< i n) (aref fmt i) 0)))
      (loop
        (when (>= i n) (return))
        (let ((c (aref fmt i)))
          (if (/= c 37)                 ; not %
              (progn (vector-push-extend c out) (incf i))
              (let ((start i) (flags (make-array 0 :element-type '(unsigned-byte 8)
                                                   :adjustable t :fill-pointer 0))
                    (width 0) (precision -1) (length-mod nil))
                (incf i)
                ;; Flags.
                (loop while (member (peek) '(45 43 32 35 48 39 73)) ; - + space # 0 ' I
                      do (vector-push-extend (peek) flags) (incf i))
                ;; Width.
                (cond ((= (peek) 42)    ; *
                       (incf i)
                       (setf width (%wrap-s 32 (%integer-arg (funcall next-arg))))
                       (when (minusp width)
                         (vector-push-extend 45 flags)
                         (setf width (- width))))
                      (t (loop while (<= 48 (peek) 57)
                               do (setf width (+ (* width 10) (- (peek) 48))) (incf i))))
                ;; Precision.
                (when (= (peek) 46)     ; .
                  (incf i)
                  (cond ((= (peek) 42)
                         (incf i)
                         (setf precision (%wrap-s 32 (%integer-arg (funcall next-arg))))
                         (when (minusp precision) (setf precision -1)))
                        (t (setf precision 0)
                           (loop while (<= 48 (peek) 57)
                                 do (setf precision (+ (* precision 10) (- (peek) 48))) (incf i)))))
                ;; Length.
                (loop (case (peek)
                        (104 (setf length-mod (if (eq length-mod :h) :hh :h)))     ; h
                        (108 (setf length-mod (if (eq length-mod :l) :ll :l)))     ; l
                        ((113 76) (setf length-mod :ll))                            ; q L
                        ((106 122 90 116) (setf length-mod :l))                     ; j z Z t
                        (t (return)))
                      (incf i))
                (let ((conv (peek)))
                  (incf i)
                  (flet ((spec (conv &optional (len "l"))
                           (concatenate 'octets #(37) flags (map 'octets #'char-code "*.*")
                                        (map 'octets #'char-code len) (vector conv))))
                    (case (code-char conv)
                      (#\% (vector-push-extend 37 out))
                      ((#\d #\i)
                       (let ((v (%wrap-s (case length-mod (:hh 8) (:h 16) ((nil) 32) (t 64))
                                         (%integer-arg (funcall next-arg)))))
                         (if (and (zerop (length flags)) (zerop width) (= precision -1))
                             ;; Plain `%d' (number-to-string, at each call): the digits, made
                             ;; here rather than by a call of glibc.
                             (emit (%decimal-octets v))
                             (emit (%glibc-format (spec conv) width precision :long v)))))
                      ((#\u #\o #\x #\X)
                       (let ((v (%integer-arg (funcall next-arg))))
                         (emit (%glibc-format (spec conv) width precision :ulong
                                              (%wrap-u (case length-mod (:hh 8) (:h 16) ((nil) 32) (t 64))
                                                       v)))))
                      ((#\e #\E #\f #\F #\g #\G #\a #\A)
                       (let ((v (funcall next-arg)))
                         (emit (%glibc-format (spec conv "") width precision :double
                                              (if (realp v) (coerce v 'double-float) 0d0)))))
                      (#\c
                       (emit (%glibc-format (spec conv "") width precision :int
                                            (ldb (byte 8 0) (%integer-arg (funcall next-arg))))))
                      (#\s
                       (let ((s (%printf-string-arg (funcall next-arg) precision)))
                         (if s
                             (sb-sys:with-pinned-objects (s)
                               (emit (%glibc-format (spec conv "") width precision :string
                                                    (sb-sys:vector-sap s))))
                             (emit (%glibc-format (spec conv "") width precision :string
                                                  (%null-sap))))))
                      (#\p
                       (let ((p (funcall next-arg)))
                         (if (null p)
                             (let ((s (%octets-z "(nil)")))
                               (sb-sys:with-pinned-objects (s)
                                 (emit (%glibc-format (spec 115 "") width -1 :string
                                                      (sb-sys:vector-sap s)))))
                             (emit (%glibc-format (concatenate 'octets #(37 35) flags
                                                               (map 'octets #'char-code "*.*lx"))
                                                  width precision :ulong
                                                  (ldb (byte 64 0) (rt-pointer-integer p)))))))
                      (#\m
                       (let ((s (%octets-z (%strerror-octets (%errno)))))
                         (sb-sys:with-pinned-objects (s)
                           (emit (%glibc-format (spec 115 "") width precision :string
                                                (sb-sys:vector-sap s))))))
                      (#\n
                       (let ((p (funcall next-arg)))
                         (setf (rt-mem p (case length-mod (:hh :s8) (:h :s16) ((nil) :s32) (t :s64)))
                               (fill-pointer out))))
                      (t
                       ;; An unknown directive is copied as it is (glibc's behaviour).
                       (when (> i n) (setf i n))
                       (emit (subseq fmt start i))))))))))
      (coerce out 'octets))))

(defun %list-args (args)
  (lambda ()
    (if args
        (pop args)
        (%c-error "printf: more conversions than arguments"))))

(defun %va-args (ap)
  (lambda () (rt-va-arg ap)))

(defun %fmt-octets (fmt who)
  (%string-octets fmt who))

(defun %print-to-file (fp bytes who)
  (if (= (%fwrite bytes 1 (length bytes) fp who) (length bytes))
      (length bytes)
      -1))

(defun %print-to-buffer (buf size bytes)
  "Store BYTES (at most SIZE - 1 of them) and a NUL at BUF (nothing when SIZE is 0); the length
of BYTES."
  (when (and size (plusp size))
    (let ((k (min (length bytes) (1- size))))
      (%store-octets buf (%octets-z (subseq bytes 0 k)) :who "sprintf")))
  (unless size
    (%store-octets buf (%octets-z bytes) :who "sprintf"))
  (length bytes))

(rt-define-external "fprintf" (fp fmt &rest args)
  (%print-to-file fp (%format-c (%fmt-octets fmt "fprintf") (%list-args args)) "fprintf"))
(rt-define-external "printf" (fmt &rest args)
  (%print-to-file (rt-int-pointer 2) (%format-c (%fmt-octets fmt "printf") (%list-args args))
                  "printf"))
(rt-define-external "vfprintf" (fp fmt ap)
  (%print-to-file fp (%format-c (%fmt-octets fmt "vfprintf") (%va-args ap)) "vfprintf"))
(rt-define-external "vprintf" (fmt ap)
  (%print-to-file (rt-int-pointer 2) (%format-c (%fmt-octets fmt "vprintf") (%va-args ap))
                  "vprintf"))
(defun %plain-integer-bits (fmt)
  "The width in bits of the one argument of format FMT (a pointer to NUL-terminated bytes) when
FMT is a plain conversion of a signed integer and nothing else: 32 for %d and %i, 64 for %ld and
%lld; else NIL."
  (multiple-value-bind (v off) (rt-ptr-parts fmt)
    (when (typep v '(simple-array (unsigned-byte 8) (*)))
      (flet ((at (i) (let ((k (+ off i))) (if (< -1 k (length v)) (aref v k) 0))))
        (when (= (at 0) 37)             ; %
          (let ((i 1))
            (loop while (and (= (at i) 108) (< i 3)) do (incf i))   ; l, ll
            (and (member (at i) '(100 105)) (= (at (1+ i)) 0)       ; d or i, then the NUL
                 (if (= i 1) 32 64))))))))

(rt-define-external "sprintf" (buf fmt &rest args)
  (let ((bits (and (integerp (first args)) (null (rest args)) (%plain-integer-bits fmt))))
    ;; number-to-string's `%ld', at each call: its digits without %FORMAT-C's parse.
    (%print-to-buffer buf nil (if bits
                                  (%decimal-octets (%wrap-s bits (first args)))
                                  (%format-c (%fmt-octets fmt "sprintf") (%list-args args))))))
(rt-define-external "snprintf" (buf size fmt &rest args)
  (%print-to-buffer buf size (%format-c (%fmt-octets fmt "snprintf") (%list-args args))))
(rt-define-external "vsprintf" (buf fmt ap)
  (%print-to-buffer buf nil (%format-c (%fmt-octets fmt "vsprintf") (%va-args ap))))
(rt-define-external "vsnprintf" (buf size fmt ap)
  (%print-to-buffer buf size (%format-c (%fmt-octets fmt "vsnprintf") (%va-args ap))))

(defun rt-make-formatted-string (buf fmt &rest args)
  "Replaces make_formatted_string (alloc.c): sprintf FMT and ARGS into BUF, then the Lisp string
of those bytes (make_string)."
  (rt-make-string buf (%print-to-buffer buf nil (%format-c (%fmt-octets fmt "make_formatted_string")
                                                           (%list-args args)))))

;;; ------------------------------------------------------------------------------------------
;;; scanf (sscanf and fscanf: the directives Emacs uses -- integers, floats, %c, %s, %n,
;;; assignment suppression, widths, length modifiers, literal text and white space).

(defun %scanf (fmt next-byte unread-byte next-arg)
  "C's scanf of format FMT (octets) over the bytes NEXT-BYTE returns one by one (NIL at the end;
UNREAD-BYTE puts one back), storing through the pointers NEXT-ARG returns: the number of
assignments, or -1 if the input ended before the first conversion."
  (let ((i 0) (n (length fmt)) (assigned 0) (consumed 0) (converted nil))
    (labels ((peek () (if (< i n) (aref fmt i) 0))
             (next () (let ((b (funcall next-byte))) (when b (incf consumed)) b))
             (unget (b) (when b (decf consumed) (funcall unread-byte b)))
             (space-p (b) (and b (or (= b 32) (<= 9 b 13))))
             (skip-space () (loop for b = (next) while (space-p b) finally (unget b)))
             (input-end () (return-from %scanf (if (or converted (plusp assigned)) assigned -1)))
             (read-token (width accept)
               ;; The longest prefix (at most WIDTH bytes) of bytes ACCEPT takes (the bytes so
               ;; far, the next byte).
               (let ((bytes (make-array 0 :element-type '(unsigned-byte 8) :adjustable t
                                          :fill-pointer 0)))
                 (loop for b = (if (and width (>= (length bytes) width)) nil (next))
                       while (and b (funcall accept bytes b))
                       do (vector-push-extend b bytes)
                       finally (unget b))
                 (coerce bytes 'octets))))
      (loop
        (when (>= i n) (return assigned))
        (let ((c (aref fmt i)))
          (cond
            ((space-p c) (incf i) (skip-space))
            ((/= c 37)
             (incf i)
             (let ((b (next)))
               (cond ((null b) (input-end))
                     ((/= b c) (unget b) (return assigned)))))
            ((= (aref fmt (min (1+ i) (1- n))) 37)
             (incf i 2) (skip-space)
             (let ((b (next)))
               (cond ((null b) (input-end))
                     ((/= b 37) (unget b) (return assigned)))))
            (t
             (incf i)
             (let ((suppress nil) (width nil) (len nil))
               (when (= (peek) 42) (setf suppress t) (incf i))
               (loop while (<= 48 (peek) 57)
                     do (setf width (+ (* (or width 0) 10) (- (peek) 48))) (incf i))
               (loop (case (peek)
                       (104 (setf len (if (eq len :h) :hh :h)))
                       (108 (setf len (if (eq len :l) :ll :l)))
                       ((76 113 106 122 116) (setf len :ll))
                       (t (return)))
                     (incf i))
               (let ((conv (code-char (peek))))
                 (incf i)
                 (flet ((store (desc value)
                          (unless suppress
                            (setf (rt-mem (funcall next-arg) desc) value)
                            (incf assigned))
                          (setf converted t)))
                   (case conv
                     ((#\d #\i #\u #\x #\X #\o)
                      (skip-space)
                      (let* ((base (case conv ((#\x #\X) 16) (#\o 8) (#\i 0) (t 10)))
                             (token (read-token width
                                                (lambda (so-far b)
                                                  (or (and (zerop (length so-far)) (or (= b 43) (= b 45)))
                                                      (digit-char-p (code-char b) (if (zerop base) 16 base))
                                                      (and (member b '(120 88)) (member base '(0 16))))))))
                        (when (zerop (length token))
                          (let ((b (next)))
                            (unget b)
                            (if b (return assigned) (input-end))))
                        (let* ((z (%octets-z token))
                               (v (sb-sys:with-pinned-objects (z)
                                    (%c-call "strtoull" sb-alien:unsigned-long
                                             (%sap-arg (sb-sys:vector-sap z)) (%sap-arg (%null-sap))
                                             (sb-alien:int base))))
                               (signed (member conv '(#\d #\i))))
                          (store (ecase len
                                   (:hh (if signed :s8 :u8)) (:h (if signed :s16 :u16))
                                   ((nil) (if signed :s32 :u32)) ((:l :ll) (if signed :s64 :u64)))
                                 (if signed (%wrap-s 64 v) v)))))
                     ((#\e #\f #\g #\E #\G #\a)
                      (skip-space)
                      (let ((token (read-token width
                                               (lambda (so-far b)
                                                 (declare (ignore so-far))
                                                 (or (digit-char-p (code-char b))
                                                     (member b '(43 45 46 101 69 120 88 112 80))
                                                     (alpha-char-p (code-char b)))))))
                        (when (zerop (length token)) (input-end))
                        (let ((v (%strtod-octets token)))
                          (store (if (member len '(:l :ll)) :f64 :f32)
                                 (if (member len '(:l :ll)) v (coerce v 'single-float))))))
                     (#\c
                      (let ((bytes (read-token (or width 1) (lambda (so-far b) (declare (ignore so-far b)) t))))
                        (when (zerop (length bytes)) (input-end))
                        (unless suppress
                          (%store-octets (funcall next-arg) bytes :who "scanf")
                          (incf assigned))
                        (setf converted t)))
                     (#\s
                      (skip-space)
                      (let ((bytes (read-token width (lambda (so-far b) (declare (ignore so-far))
                                                       (not (space-p b))))))
                        (when (zerop (length bytes)) (input-end))
                        (unless suppress
                          (%store-octets (funcall next-arg) (%octets-z bytes) :who "scanf")
                          (incf assigned))
                        (setf converted t)))
                     (#\n
                      (unless suppress
                        (setf (rt-mem (funcall next-arg)
                                      (case len (:hh :s8) (:h :s16) ((nil) :s32) (t :s64)))
                              consumed)))
                     (t (%c-error "scanf: the directive %~A is not supported" conv)))))))))))))

(defun %octets-source (v start)
  "Functions reading the bytes of octet vector V from START up to a NUL, and putting one back."
  (let ((pos start))
    (values (lambda () (if (and (< pos (length v)) (/= (aref v pos) 0))
                           (prog1 (aref v pos) (incf pos))
                           nil))
            (lambda (b) (declare (ignore b)) (decf pos)))))

(rt-define-external "sscanf" (s fmt &rest args)
  (multiple-value-bind (v off) (%octets-of s "sscanf")
    (multiple-value-bind (next unread) (%octets-source v off)
      (%scanf (%fmt-octets fmt "sscanf") next unread (%list-args args)))))

(rt-define-external "fscanf" (fp fmt &rest args)
  (%scanf (%fmt-octets fmt "fscanf")
          (lambda () (let ((c (%getc fp "fscanf"))) (if (= c -1) nil c)))
          (lambda (b) (rt-call-external "ungetc" b fp))
          (%list-args args)))
