;;;; The C library for batch Emacs, part 4: libm, number conversions (strtod, strtol ...,
;;;; gnulib's dtoastr), the C-locale character functions (gnulib's c-ctype, c-strcase), string
;;;; and memory searches, bit counts, qsort, filemodestring and filevercmp.
;;;
;;; libm and the conversions are glibc's, called through SB-ALIEN: the results are glibc's to
;;; the bit.  The rest are gnulib's algorithms, written again here.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; libm.

(declaim (inline %double))
(defun %double (x)
  "C's conversion of the arithmetic value X to double."
  (if (typep x 'double-float) x (coerce x 'double-float)))

(macrolet ((def1 (&rest names)
             `(progn
                ,@(loop for name in names
                        collect `(rt-define-external ,name (x)
                                   (%c-call ,name sb-alien:double (sb-alien:double (%double x)))))))
           (def2 (&rest names)
             `(progn
                ,@(loop for name in names
                        collect `(rt-define-external ,name (x y)
                                   (%c-call ,name sb-alien:double (sb-alien:double (%double x))
                                            (sb-alien:double (%double y))))))))
  (def1 "sin" "cos" "tan" "asin" "acos" "atan" "sinh" "cosh" "tanh" "asinh" "acosh" "atanh"
        "exp" "exp2" "expm1" "log" "log1p" "log10" "log2" "logb" "sqrt" "cbrt" "floor" "ceil"
        "trunc" "round" "rint" "nearbyint" "fabs" "erf" "erfc" "lgamma" "tgamma")
  (def2 "atan2" "pow" "fmod" "hypot" "copysign" "remainder" "nextafter" "fmax" "fmin" "fdim"))

(rt-define-external "ldexp" (x e)
  (%c-call "ldexp" sb-alien:double (sb-alien:double (%double x)) (sb-alien:int e)))
(rt-define-external "scalbn" (x e)
  (%c-call "scalbn" sb-alien:double (sb-alien:double (%double x)) (sb-alien:int e)))
(rt-define-external "ilogb" (x)
  (%c-call "ilogb" sb-alien:int (sb-alien:double (%double x))))
(rt-define-external "lrint" (x)
  (%c-call "lrint" sb-alien:long (sb-alien:double (%double x))))
(rt-define-external "llrint" (x)
  (%c-call "llrint" sb-alien:long (sb-alien:double (%double x))))
(rt-define-external "lround" (x)
  (%c-call "lround" sb-alien:long (sb-alien:double (%double x))))

(rt-define-external "frexp" (x exp)
  (%with-out-scalar (e exp :s32)
    (%c-call "frexp" sb-alien:double (sb-alien:double (%double x)) (%sap-arg e))))

(rt-define-external "modf" (x iptr)
  (%with-out-scalar (i iptr :f64)
    (%c-call "modf" sb-alien:double (sb-alien:double (%double x)) (%sap-arg i))))

;;; ------------------------------------------------------------------------------------------
;;; Number conversions.

(defun %strto (s endptr thunk)
  "Call THUNK with a system-area pointer to a copy of the string S and one to a pointer cell for
the end; store the end (a pointer into S) at ENDPTR unless it is NULL; THUNK's value, errno set
as glibc set it."
  (let ((z (%c-string-z s "strtod"))
        (end (make-array 8 :element-type '(unsigned-byte 8) :initial-element 0)))
    (sb-sys:with-pinned-objects (z end)
      (%clear-c-errno)
      (let* ((start (sb-sys:vector-sap z))
             (value (funcall thunk start (sb-sys:vector-sap end)))
             (e (sb-alien:get-errno)))
        (unless (zerop e) (%set-errno e))
        (when endptr
          (setf (%ref endptr 0 :ptr)
                (rt-ptr+ s (- (sb-sys:sap-int (sb-sys:sap-ref-sap (sb-sys:vector-sap end) 0))
                              (sb-sys:sap-int start)))))
        value))))

(rt-define-external "strtod" (s endptr)
  (%strto s endptr (lambda (p e) (%c-call "strtod" sb-alien:double (%sap-arg p) (%sap-arg e)))))

(rt-define-external "atof" (s)
  (%strto s nil (lambda (p e) (%c-call "strtod" sb-alien:double (%sap-arg p) (%sap-arg e)))))

(macrolet ((def (name c-name type)
             `(rt-define-external ,name (s endptr base)
                (%strto s endptr (lambda (p e) (%c-call ,c-name ,type (%sap-arg p) (%sap-arg e)
                                                        (sb-alien:int base)))))))
  (def "strtol" "strtol" sb-alien:long)
  (def "strtoll" "strtoll" sb-alien:long)
  (def "strtoimax" "strtoimax" sb-alien:long)
  (def "strtoul" "strtoul" sb-alien:unsigned-long)
  (def "strtoull" "strtoull" sb-alien:unsigned-long)
  (def "strtoumax" "strtoumax" sb-alien:unsigned-long))

(rt-define-external "atoi" (s)
  (%wrap-s 32 (%strto s nil (lambda (p e) (%c-call "strtol" sb-alien:long (%sap-arg p) (%sap-arg e)
                                                   (sb-alien:int 10))))))
(rt-define-external "atol" (s)
  (%strto s nil (lambda (p e) (%c-call "strtol" sb-alien:long (%sap-arg p) (%sap-arg e)
                                       (sb-alien:int 10)))))

(defun %strtod-octets (bytes)
  "glibc's strtod of the bytes BYTES (an octet vector, without NUL)."
  (let ((z (%octets-z bytes)))
    (sb-sys:with-pinned-objects (z)
      (%c-call "strtod" sb-alien:double (%sap-arg (sb-sys:vector-sap z)) (%sap-arg (%null-sap))))))

(defconstant +dbl-min+ least-positive-normalized-double-float)

(defun %dtoastr-octets (flags width x)
  "gnulib's dtoastr as bytes: %g with the least precision from 15 (1 for a subnormal) up to 17
that reads back as X, with FLAGS (1 left-justify, 2 always signed, 4 space, 8 zero-pad, 16
upper-case E) and WIDTH."
  (let ((spec (concatenate 'octets #(37)
                           (if (logtest flags 1) #(45) #()) (if (logtest flags 2) #(43) #())
                           (if (logtest flags 4) #(32) #()) (if (logtest flags 8) #(48) #())
                           (map 'octets #'char-code "*.*")
                           (vector (if (logtest flags 16) 71 103)))))
    (loop for prec from (if (< (abs x) +dbl-min+) 1 15)
          for bytes = (%glibc-format spec width prec :double x)
          when (or (>= prec 17) (= (%strtod-octets bytes) x))
            return bytes)))

(rt-define-external "dtoastr" (buf size flags width x)
  (let ((bytes (%dtoastr-octets flags width (%double x))))
    (%print-to-buffer buf size bytes)))

(rt-define-external "ftoastr" (buf size flags width x)
  ;; For a float: from FLT_DIG (6) up to 9 digits, read back as a float.
  (let* ((x (coerce x 'single-float))
         (spec (concatenate 'octets #(37)
                            (if (logtest flags 1) #(45) #()) (if (logtest flags 2) #(43) #())
                            (if (logtest flags 4) #(32) #()) (if (logtest flags 8) #(48) #())
                            (map 'octets #'char-code "*.*")
                            (vector (if (logtest flags 16) 71 103))))
         (bytes (loop for prec from (if (< (abs x) least-positive-normalized-single-float) 1 6)
                      for b = (%glibc-format spec width prec :double (coerce x 'double-float))
                      when (or (>= prec 9)
                               (= (coerce (%strtod-octets b) 'single-float) x))
                        return b)))
    (%print-to-buffer buf size bytes)))

;;; ------------------------------------------------------------------------------------------
;;; Characters in the C locale (gnulib's c-ctype and c-strcase), and glibc's wide characters.

(macrolet ((def (name (c) test)
             `(rt-define-external ,name (,c)
                (if (and (<= 0 ,c 127) ,test) 1 0))))
  (def "c_isalnum" (c) (or (<= 48 c 57) (<= 65 c 90) (<= 97 c 122)))
  (def "c_isalpha" (c) (or (<= 65 c 90) (<= 97 c 122)))
  (def "c_isascii" (c) t)
  (def "c_isblank" (c) (or (= c 32) (= c 9)))
  (def "c_iscntrl" (c) (or (< c 32) (= c 127)))
  (def "c_isdigit" (c) (<= 48 c 57))
  (def "c_isgraph" (c) (<= 33 c 126))
  (def "c_islower" (c) (<= 97 c 122))
  (def "c_isprint" (c) (<= 32 c 126))
  (def "c_ispunct" (c) (and (<= 33 c 126) (not (or (<= 48 c 57) (<= 65 c 90) (<= 97 c 122)))))
  (def "c_isspace" (c) (or (= c 32) (<= 9 c 13)))
  (def "c_isupper" (c) (<= 65 c 90))
  (def "c_isxdigit" (c) (or (<= 48 c 57) (<= 65 c 70) (<= 97 c 102))))

(declaim (inline %c-tolower %c-toupper))
(defun %c-tolower (c) (if (<= 65 c 90) (+ c 32) c))
(defun %c-toupper (c) (if (<= 97 c 122) (- c 32) c))

(rt-define-external "c_tolower" (c) (%c-tolower c))
(rt-define-external "c_toupper" (c) (%c-toupper c))

(defun %strcasecmp (a b limit who)
  (multiple-value-bind (va ao) (%octets-of a who)
    (multiple-value-bind (vb bo) (%octets-of b who)
      (loop for i from 0
            while (or (null limit) (< i limit))
            do (let ((ca (%c-tolower (aref va (+ ao i)))) (cb (%c-tolower (aref vb (+ bo i)))))
                 (cond ((/= ca cb) (return (- ca cb)))
                       ((zerop ca) (return 0))))
            finally (return 0)))))

(rt-define-external "c_strcasecmp" (a b) (%strcasecmp a b nil "c_strcasecmp"))
(rt-define-external "c_strncasecmp" (a b n) (%strcasecmp a b n "c_strncasecmp"))
;; In the C and C.UTF-8 locales, glibc's strcasecmp folds ASCII letters only.
(rt-define-external "strcasecmp" (a b) (%strcasecmp a b nil "strcasecmp"))
(rt-define-external "strncasecmp" (a b n) (%strcasecmp a b n "strncasecmp"))

(rt-define-external "tolower" (c)
  (%c-call "tolower" sb-alien:int (sb-alien:int c)))
(rt-define-external "toupper" (c)
  (%c-call "toupper" sb-alien:int (sb-alien:int c)))
(rt-define-external "towlower" (c)
  (%c-call "towlower" sb-alien:unsigned-int (sb-alien:unsigned-int c)))
(rt-define-external "towupper" (c)
  (%c-call "towupper" sb-alien:unsigned-int (sb-alien:unsigned-int c)))

;;; ------------------------------------------------------------------------------------------
;;; Strings and memory.

(rt-define-external "strdup" (s)
  (%new-c-string (%string-octets s "strdup")))

(rt-define-external "strndup" (s n)
  (multiple-value-bind (v off) (%octets-of s "strndup")
    (let ((end (or (position 0 v :start off :end (min (length v) (+ off n))) (min (length v) (+ off n)))))
      (%new-c-string (subseq v off end)))))

(rt-define-external "strspn" (s accept)
  (let ((set (%string-octets accept "strspn")))
    (multiple-value-bind (v off) (%octets-of s "strspn")
      (- (or (position-if-not (lambda (b) (and (/= b 0) (find b set))) v :start off)
             (length v))
         off))))

(rt-define-external "strcspn" (s reject)
  (let ((set (%string-octets reject "strcspn")))
    (multiple-value-bind (v off) (%octets-of s "strcspn")
      (- (or (position-if (lambda (b) (or (= b 0) (find b set))) v :start off) (length v))
         off))))

(rt-define-external "strpbrk" (s accept)
  (let ((set (%string-octets accept "strpbrk")))
    (multiple-value-bind (v off) (%octets-of s "strpbrk")
      (let ((i (position-if (lambda (b) (or (= b 0) (find b set))) v :start off)))
        (and i (/= (aref v i) 0) (rt-ptr+ s (- i off)))))))

(rt-define-external "strstr" (haystack needle)
  (let ((n (%string-octets needle "strstr")))
    (multiple-value-bind (v off) (%octets-of haystack "strstr")
      (let ((i (search n v :start2 off :end2 (%string-end v off "strstr"))))
        (and i (rt-ptr+ haystack (- i off)))))))

(rt-define-external "memmem" (haystack hlen needle nlen)
  (if (zerop nlen)
      haystack
      (multiple-value-bind (h ho) (%load-octets haystack hlen "memmem")
        (multiple-value-bind (n no) (%load-octets needle nlen "memmem")
          (let ((i (search n h :start1 no :end1 (+ no nlen) :start2 ho :end2 (+ ho hlen))))
            (and i (rt-ptr+ haystack (- i ho))))))))

(rt-define-external "memrchr" (s c n)
  (and (plusp n)
       (multiple-value-bind (v off) (%load-octets s n "memrchr")
         (let ((i (position (ldb (byte 8 0) c) v :start off :end (+ off n) :from-end t)))
           (and i (rt-ptr+ s (- i off)))))))

(rt-define-external "mempcpy" (dst src n)
  (rt-memcpy dst src n)
  (rt-ptr+ dst n))

(rt-define-external "memcpy" (dst src n) (rt-memcpy dst src n))
(rt-define-external "memmove" (dst src n) (rt-memmove dst src n))
(rt-define-external "memset" (p c n) (rt-memset p c n))
(rt-define-external "memcmp" (a b n) (rt-memcmp a b n))
(rt-define-external "memchr" (p c n) (rt-memchr p c n))
(rt-define-external "strlen" (s) (rt-strlen s))
(rt-define-external "strcmp" (a b) (rt-strcmp a b))
(rt-define-external "strncmp" (a b n) (rt-strncmp a b n))
(rt-define-external "strchr" (s c) (rt-strchr s c))
(rt-define-external "strrchr" (s c) (rt-strrchr s c))
(rt-define-external "strcpy" (d s) (rt-strcpy d s))
(rt-define-external "stpcpy" (d s) (rt-stpcpy d s))
(rt-define-external "__builtin_strchr" (s c) (rt-strchr s c))
(rt-define-external "malloc" (n) (rt-malloc n))
(rt-define-external "free" (p) (rt-free p) nil)

;;; Bits (gnulib's count-leading-zeros, count-trailing-zeros, count-one-bits).

(rt-define-external "count_leading_zeros_l" (x) (- 64 (integer-length (ldb (byte 64 0) x))))
(rt-define-external "count_leading_zeros_ll" (x) (- 64 (integer-length (ldb (byte 64 0) x))))
(rt-define-external "count_leading_zeros" (x) (- 32 (integer-length (ldb (byte 32 0) x))))
(flet ((ctz (x bits) (let ((x (ldb (byte bits 0) x)))
                       (if (zerop x) bits (1- (integer-length (logand x (- x))))))))
  (rt-define-external "count_trailing_zeros_l" (x) (ctz x 64))
  (rt-define-external "count_trailing_zeros_ll" (x) (ctz x 64))
  (rt-define-external "count_trailing_zeros" (x) (ctz x 32)))
(rt-define-external "count_one_bits_l" (x) (logcount (ldb (byte 64 0) x)))
(rt-define-external "count_one_bits_ll" (x) (logcount (ldb (byte 64 0) x)))
(rt-define-external "count_one_bits" (x) (logcount (ldb (byte 32 0) x)))

(rt-define-external "htons" (x) (let ((x (ldb (byte 16 0) x))) (logior (ash (ldb (byte 8 0) x) 8) (ash x -8))))
(rt-define-external "ntohs" (x) (rt-call-external "htons" x))

;;; qsort: glibc's is a merge sort (stable); so is this.  The elements are moved in their own
;;; representation: struct instances, Lisp objects and pointers, or bytes.

(rt-define-external "qsort" (base n size compare)
  (when (> n 1)
    (multiple-value-bind (b off) (rt-ptr-parts base)
      (when (%raw-block-p b) (setf b (%raw-block-data b)))
      (flet ((cmp (x y) (minusp (funcall compare x y))))
        (cond
          ;; An array of structs: sort copies of the elements, then copy them back, so that
          ;; each element instance stays at its place as pointers to it expect (RT-PTR-TARGET).
          ((and (simple-vector-p b) (%vector-elt-desc b)
                (= size (%vector-stride b (%vector-elt-desc b))) (zerop (mod off size)))
           (let* ((start (floor off size))
                  (sorted (stable-sort (loop for i from start below (+ start n)
                                             collect (rt-copy (%elt b i)))
                                       #'cmp)))
             (loop for i from start for x in sorted do (rt-copy-into (svref b i) x))))
          ;; An array of Lisp objects or pointers: sort boxes holding them.
          ((and (simple-vector-p b) (= size 8) (zerop (mod off 8)))
           (let* ((start (floor off 8))
                  (sorted (stable-sort (map 'vector #'rt-make-box (subseq b start (+ start n)))
                                       #'cmp)))
             (loop for i from 0 for box across sorted
                   do (setf (svref b (+ start i)) (rt-box-value box)))))
          ;; Anything else: elements as byte strings.
          (t
           (multiple-value-bind (v voff) (%load-octets base (* n size) "qsort")
             (let ((elements (loop for i below n
                                   collect (subseq v (+ voff (* i size)) (+ voff (* (1+ i) size))))))
               (setf elements (stable-sort elements #'cmp))
               (loop for e in elements for i from 0
                     do (%store-octets (rt-ptr+ base (* i size)) e :who "qsort")))))))))
  nil)

;;; gnulib's filemodestring and filevercmp.

(defun %file-type-letter (mode)
  (case (logand mode #o170000)
    (#o100000 #\-) (#o040000 #\d) (#o060000 #\b) (#o020000 #\c) (#o120000 #\l) (#o010000 #\p)
    (#o140000 #\s) (t #\?)))

(defun %strmode (mode)
  "The 10 letters of gnulib's strmode for MODE, and a space."
  (flet ((perm (mask c) (if (logtest mode mask) c #\-))
         (x (special xmask set unset)
           (if (logtest mode special)
               (if (logtest mode xmask) set unset)
               (if (logtest mode xmask) #\x #\-))))
    (coerce (list (%file-type-letter mode)
                  (perm #o400 #\r) (perm #o200 #\w) (x #o4000 #o100 #\s #\S)
                  (perm #o040 #\r) (perm #o020 #\w) (x #o2000 #o010 #\s #\S)
                  (perm #o004 #\r) (perm #o002 #\w) (x #o1000 #o001 #\t #\T)
                  #\Space)
            'string)))

(rt-define-external "filemodestring" (st str)
  (%store-octets str (%octets-z (%strmode (%ref st 24 :u32))) :who "filemodestring")
  nil)

(rt-define-external "strmode" (mode str)
  (%store-octets str (%octets-z (%strmode mode)) :who "strmode")
  nil)

(defun %filevercmp (s1 s2)
  "gnulib's filevercmp of octet vectors S1 and S2 (without NUL)."
  (labels ((at (s i) (if (< i (length s)) (aref s i) 0))
           (digitp (c) (<= 48 c 57))
           (alphap (c) (or (<= 65 c 90) (<= 97 c 122)))
           (order (c) (cond ((digitp c) 0) ((alphap c) c) ((= c 126) -1) (t (+ c 256))))
           (strcmp (a b) (let ((i (mismatch a b)))
                           (cond ((null i) 0) (t (- (at a i) (at b i))))))
           (match-suffix (s start)
             ;; The start of the suffix /(\.[A-Za-z~][A-Za-z0-9~]*)*$/ from START, or NIL.
             (let ((match nil) (read-alpha nil))
               (loop for i from start below (length s)
                     for c = (aref s i)
                     do (cond (read-alpha
                               (setf read-alpha nil)
                               (unless (or (alphap c) (= c 126)) (setf match nil)))
                              ((= c 46)
                               (setf read-alpha t)
                               (unless match (setf match i)))
                              ((not (or (alphap c) (digitp c) (= c 126)))
                               (setf match nil))))
               match))
           (verrevcmp (s1 p1 l1 s2 p2 l2)
             ;; Positions P1, P2 run to P1 + L1, P2 + L2; digits may be read beyond them.
             (let ((e1 (+ p1 l1)) (e2 (+ p2 l2)))
               (loop while (or (< p1 e1) (< p2 e2))
                     do (let ((first-diff 0))
                          (loop while (or (and (< p1 e1) (not (digitp (at s1 p1))))
                                          (and (< p2 e2) (not (digitp (at s2 p2)))))
                                do (let ((c1 (if (= p1 e1) 0 (order (at s1 p1))))
                                         (c2 (if (= p2 e2) 0 (order (at s2 p2)))))
                                     (unless (= c1 c2) (return-from verrevcmp (- c1 c2)))
                                     (incf p1) (incf p2)))
                          (loop while (= (at s1 p1) 48) do (incf p1))
                          (loop while (= (at s2 p2) 48) do (incf p2))
                          (loop while (and (digitp (at s1 p1)) (digitp (at s2 p2)))
                                do (when (zerop first-diff)
                                     (setf first-diff (- (at s1 p1) (at s2 p2))))
                                   (incf p1) (incf p2))
                          (when (digitp (at s1 p1)) (return-from verrevcmp 1))
                          (when (digitp (at s2 p2)) (return-from verrevcmp -1))
                          (unless (zerop first-diff) (return-from verrevcmp first-diff))))
               0)))
    (let ((simple (strcmp s1 s2)) (dot (vector 46)) (dotdot (vector 46 46)))
      (cond ((zerop simple) 0)
            ((zerop (length s1)) -1)
            ((zerop (length s2)) 1)
            ((equalp s1 dot) -1)
            ((equalp s2 dot) 1)
            ((equalp s1 dotdot) -1)
            ((equalp s2 dotdot) 1)
            ((and (= (at s1 0) 46) (/= (at s2 0) 46)) -1)
            ((and (/= (at s1 0) 46) (= (at s2 0) 46)) 1)
            (t
             (let* ((start (if (= (at s1 0) 46) 1 0))
                    (suf1 (match-suffix s1 start))
                    (suf2 (match-suffix s2 start))
                    (l1 (- (or suf1 (length s1)) start))
                    (l2 (- (or suf2 (length s2)) start)))
               (when (and (or suf1 suf2) (= l1 l2)
                          (not (mismatch s1 s2 :start1 start :end1 (+ start l1)
                                               :start2 start :end2 (+ start l2))))
                 (setf l1 (- (length s1) start) l2 (- (length s2) start)))
               (let ((result (verrevcmp s1 start l1 s2 start l2)))
                 (if (zerop result) simple result))))))))

(rt-define-external "filevercmp" (a b)
  (%filevercmp (%string-octets a "filevercmp") (%string-octets b "filevercmp")))

;;; glibc's character class and case tables (what the <ctype.h> macros index): 384 entries, the
;;; one for character C at index C + 128, copied from glibc's tables for the current locale.

(sb-ext:defglobal **ctype-tables** (make-hash-table :test 'equal :synchronized t))

(defun %ctype-table (function element-type bytes)
  "A box holding a pointer to entry 0 of a copy of the table glibc's FUNCTION
(\"__ctype_b_loc\" ...) designates, of 384 entries of ELEMENT-TYPE, BYTES bytes each."
  (let* ((table (sb-sys:sap-ref-sap
                 (cond ((string= function "__ctype_b_loc")
                        (%c-call "__ctype_b_loc" sb-sys:system-area-pointer))
                       ((string= function "__ctype_tolower_loc")
                        (%c-call "__ctype_tolower_loc" sb-sys:system-area-pointer))
                       (t (%c-call "__ctype_toupper_loc" sb-sys:system-area-pointer)))
                 0))
         (key (cons function (sb-sys:sap-int table))))
    (or (gethash key **ctype-tables**)
        (setf (gethash key **ctype-tables**)
              (let ((v (make-array 384 :element-type element-type)))
                (dotimes (i 384)
                  (setf (aref v i) (if (= bytes 2)
                                       (sb-sys:sap-ref-16 table (* 2 (- i 128)))
                                       (sb-sys:signed-sap-ref-32 table (* 4 (- i 128))))))
                (rt-make-box (rt-make-ptr v (* 128 bytes))))))))

(rt-define-external "__ctype_b_loc" () (%ctype-table "__ctype_b_loc" '(unsigned-byte 16) 2))
(rt-define-external "__ctype_tolower_loc" () (%ctype-table "__ctype_tolower_loc" '(signed-byte 32) 4))
(rt-define-external "__ctype_toupper_loc" () (%ctype-table "__ctype_toupper_loc" '(signed-byte 32) 4))

(defun %reinit-ctype-tables ()
  "At the start of a saved core: glibc's tables are elsewhere; forget the copies."
  (clrhash **ctype-tables**))

(pushnew '%reinit-ctype-tables sb-ext:*init-hooks*)
