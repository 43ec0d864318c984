;;;; The C library for batch Emacs, part 8: the GMP functions bignum.c, data.c, floatfns.c and
;;;; timefns.c call (mpz_*), over Common Lisp integers.
;;;
;;; An mpz_t is the translation's struct (its fields _mp_alloc, _mp_size, _mp_d at offsets 0, 4
;;; and 8), kept as GMP keeps it, since the translated code reads _mp_size (mpz_sgn) and _mp_d[0]
;;; (mpz_odd_p) itself: _mp_d is a vector of 64-bit limbs, least significant first, _mp_size the
;;; number of limbs in use, negative for a negative number, _mp_alloc the vector's length.  Each
;;; function reads its operands into integers, computes with Lisp's arithmetic and stores the
;;; result back.  Results are GMP's: truncating and flooring divisions, two's complement logic,
;;; mpz_get_d truncating, remainders' absolute values where GMP returns them.
;;;
;;; Every bignum operation of Emacs converts twice or more between limbs and integers, so both
;;; ways are linear (SBCL's bignum digits are 64-bit limbs too) and the fields are reached through
;;; the struct's own accessors, not through RT-MEM's walk of byte offsets.

(in-package "EMACS2CL-RUNTIME")

(defconstant +ulong-max+ (1- (expt 2 64)))

(deftype %limbs () '(simple-array (unsigned-byte 64) (*)))

(defvar *mpz-fields* nil
  "The translation's mpz_t struct type and the (READER . WRITER) functions of its fields _mp_alloc,
_mp_size and _mp_d, as #(TYPE ALLOC SIZE D): found at the first use, once the translation has
defined the struct.")

(defun %mpz-fields ()
  "*MPZ-FIELDS*, found if it is not yet."
  (or *mpz-fields*
      (setf *mpz-fields*
            (let* ((type (%c-type "struct __mpz_struct"))
                   (info (%info type)))
              (flet ((field (offset desc)
                       (let ((f (%field-at info offset)))
                         (unless (and f (= (%c-field-offset f) offset)
                                      (equal (%c-field-desc f) desc))
                           (%c-error "mpz_t: no ~(~S~) field at offset ~D of ~S" desc offset type))
                         (cons (%c-field-reader f) (%c-field-writer f)))))
                (vector type (field 0 :s32) (field 4 :s32) (field 8 :ptr)))))))

(defun %mpz-struct (z)
  "The mpz_t instance pointer Z designates.  The pointers Emacs passes are resolved here without
RT-OBJ's general walk (a descriptor lookup per call, a third of a bignum operation's time): a
pointer to the instance itself, and a pointer into an array of mpz_t (bignum.c's `mpz[i]`),
each an array of one instance (GMP's `typedef __mpz_struct mpz_t[1]`), or into an array of
instances, at a multiple of the struct's 16 bytes.  Any other goes through RT-OBJ."
  (let ((type (svref (%mpz-fields) 0)))
    (flet ((instance (x)
             (and (%instance-of-p x type) x)))
      (or (and (rt-ptr-p z)
               (let ((base (rt-ptr-base z)) (off (rt-ptr-offset z)))
                 (declare (type fixnum off))
                 (if (simple-vector-p base)
                     (multiple-value-bind (i r) (floor off 16)
                       (and (zerop r) (< -1 i (length base))
                            (let ((e (svref base i)))
                              (if (simple-vector-p e)
                                  (and (= (length e) 1)
                                       (let ((s (instance (svref e 0))))
                                         (and s (eq (%c-object-array s) e) s)))
                                  (let ((s (instance e)))
                                    (and s (eq (%c-object-array s) base) s))))))
                     (and (eql off 0) (instance base)))))
          (rt-obj z type)))))

(macrolet ((def (name index)
             `(progn
                (declaim (inline ,name (setf ,name)))
                (defun ,name (s)
                  (funcall (the function (car (svref (%mpz-fields) ,index))) s))
                (defun (setf ,name) (value s)
                  (funcall (the function (cdr (svref (%mpz-fields) ,index))) value s)
                  value))))
  (def %mpz-alloc 1)
  (def %mpz-size 2)
  (def %mpz-d 3))

(defmacro %negating-limbs ((var negative) &body body)
  "BODY, a loop over limbs, with (VAR X) the 64-bit X, or X's two's complement negation when
NEGATIVE (the carry of the increment running from limb to limb, least significant first)."
  (let ((carry (gensym "CARRY")))
    `(let ((,carry 1))
       (declare (type bit ,carry))
       (flet ((,var (x)
                (declare (type (unsigned-byte 64) x))
                (if ,negative
                    (let ((y (ldb (byte 64 0) (+ (logxor x #xFFFFFFFFFFFFFFFF) ,carry))))
                      (when (and (= ,carry 1) (/= y 0)) (setf ,carry 0))
                      y)
                    x)))
         (declare (inline ,var))
         ,@body))))

(defun %limbs-integer (d count negative)
  "The integer whose magnitude's COUNT limbs (64 bits, least significant first) are the first of
the limb vector D, negative if NEGATIVE: an SBCL bignum of those digits (two's complement, plus a
sign digit), linear in COUNT where summing shifted limbs would be quadratic."
  (declare (type %limbs d) (type (integer 1 #.(ash 1 40)) count))
  (let ((b (sb-bignum:%allocate-bignum (1+ count))))
    (%negating-limbs (digit negative)
      (dotimes (i count)
        (setf (sb-bignum:%bignum-ref b i) (digit (aref d i))))
      (setf (sb-bignum:%bignum-ref b count) (digit 0)))
    (sb-bignum::%normalize-bignum b (1+ count))))

;;; A bignum operation reads each operand's limbs back into the integer that was just stored in
;;; them (bignum_val's fresh mpz_t, then mpz_add's result read by make_bignum_bits): the last
;;; limb vectors stored or read remember their integer, so that each is converted once.  Limbs
;;; change only through %MPZ-SET, which updates the entry, and mpz_limbs_write, which drops it
;;; (the translated code only reads _mp_d and _mp_size); an entry holds the size it was made
;;; for, so a size changed behind it is a miss.

(defconstant +mpz-memo-entries+ 8)

(declaim (type simple-vector *mpz-memo*) (type fixnum *mpz-memo-next*))
(defvar *mpz-memo* (make-array (* 3 +mpz-memo-entries+) :initial-element nil)
  "The integers the last limb vectors hold: +MPZ-MEMO-ENTRIES+ entries of LIMBS, SIZE (their
mpz_t's _mp_size) and INTEGER, replaced in turn.")
(defvar *mpz-memo-next* 0 "The entry of *MPZ-MEMO* to replace next.")

(defun %mpz-memo-index (d)
  "The index in *MPZ-MEMO* of the entry for limb vector D, or NIL."
  (let ((memo *mpz-memo*))
    (loop for i of-type fixnum from 0 below (* 3 +mpz-memo-entries+) by 3
          when (eq (svref memo i) d) return i)))

(defun %mpz-memo-lookup (d size)
  "The integer limb vector D holds with _mp_size SIZE, if remembered, else NIL."
  (let ((i (%mpz-memo-index d)))
    (and i (eql (svref *mpz-memo* (1+ i)) size) (svref *mpz-memo* (+ i 2)))))

(defun %mpz-memo-store (d size n)
  "Remember that limb vector D holds integer N with _mp_size SIZE (NIL N: forget D)."
  (let ((memo *mpz-memo*)
        (i (or (%mpz-memo-index d)
               (and n (prog1 *mpz-memo-next*
                        (setf *mpz-memo-next*
                              (mod (+ *mpz-memo-next* 3) (* 3 +mpz-memo-entries+))))))))
    (when i
      (setf (svref memo i) (and n d)
            (svref memo (1+ i)) size
            (svref memo (+ i 2)) n))))

(defun %mpz-integer (z)
  "The integer the mpz_t at Z holds."
  (let* ((s (%mpz-struct z))
         (size (%mpz-size s)))
    (declare (type (signed-byte 32) size))
    (if (zerop size)
        0
        (let ((d (%mpz-d s))
              (count (abs size)))
          (cond ((not (typep d '%limbs))
                 (let ((n (loop for i below count
                                sum (ash (%ref d (* 8 i) :u64) (* 64 i)))))
                   (if (minusp size) (- n) n)))
                ((= count 1)
                 (if (minusp size) (- (aref d 0)) (aref d 0)))
                (t
                 (or (%mpz-memo-lookup d size)
                     (let ((n (%limbs-integer d count (minusp size))))
                       (%mpz-memo-store d size n)
                       n))))))))

(defun %mpz-limbs (s count)
  "The limb vector of the mpz_t instance S, made at least COUNT limbs long (a new one, zeroed, if
it is shorter: the value is then lost)."
  (let ((d (%mpz-d s)))
    (if (and (typep d '%limbs) (>= (length d) count))
        d
        (let ((new (make-array (max 1 count) :element-type '(unsigned-byte 64) :initial-element 0)))
          (setf (%mpz-d s) new
                (%mpz-alloc s) (length new))
          new))))

(defun %mpz-set (z n)
  "Store integer N into the mpz_t at Z; return Z.  A bignum's limbs are its SBCL digits (64 bits,
two's complement, least significant first), negated if it is negative, less high zero limbs."
  (declare (type integer n))
  (let ((s (%mpz-struct z)))
    (if (typep n 'fixnum)
        (let ((d (%mpz-limbs s 1)))
          (declare (type %limbs d))
          (setf (aref d 0) (abs n)
                (%mpz-size s) (signum n))
          (%mpz-memo-store d nil nil))
        (let* ((length (sb-bignum:%bignum-length n))
               (d (%mpz-limbs s length)))
          (declare (type bignum n) (type (integer 1 #.(ash 1 40)) length) (type %limbs d))
          (if (minusp n)
              (%negating-limbs (limb t)
                (dotimes (i length)
                  (setf (aref d i) (limb (sb-bignum:%bignum-ref n i)))))
              (dotimes (i length)
                (setf (aref d i) (sb-bignum:%bignum-ref n i))))
          (let* ((count (loop with k of-type fixnum = length
                              while (zerop (aref d (1- k))) do (decf k)
                              finally (return k)))
                 (size (if (minusp n) (- count) count)))
            (setf (%mpz-size s) size)
            (%mpz-memo-store d size n))))
    z))

(rt-define-external "__gmp_set_memory_functions" (alloc realloc free)
  ;; Limbs are Lisp vectors: the garbage collector reclaims them.
  (declare (ignore alloc realloc free))
  nil)

(rt-define-external "__gmpz_init" (z)
  (let ((s (%mpz-struct z)))
    (setf (%mpz-d s) (make-array 1 :element-type '(unsigned-byte 64) :initial-element 0)
          (%mpz-alloc s) 1
          (%mpz-size s) 0))
  nil)

(rt-define-external "__gmpz_clear" (z) (declare (ignore z)) nil)

;;; Setting and getting.

(rt-define-external "__gmpz_set" (r a) (%mpz-set r (%mpz-integer a)) nil)
(rt-define-external "__gmpz_set_si" (r v) (%mpz-set r (%wrap-s 64 v)) nil)
(rt-define-external "__gmpz_set_ui" (r v) (%mpz-set r (ldb (byte 64 0) v)) nil)

(rt-define-external "__gmpz_set_d" (r d)
  (let ((d (%double d)))
    (when (or (sb-ext:float-nan-p d) (sb-ext:float-infinity-p d))
      (%c-error "mpz_set_d: ~A is not finite" d))
    (%mpz-set r (truncate d))
    nil))

(rt-define-external "__gmpz_get_ui" (z) (ldb (byte 64 0) (abs (%mpz-integer z))))
(rt-define-external "__gmpz_get_si" (z) (%wrap-s 64 (%mpz-integer z)))
(rt-define-external "__gmpz_fits_ulong_p" (z) (if (<= 0 (%mpz-integer z) +ulong-max+) 1 0))
(rt-define-external "__gmpz_fits_slong_p" (z)
  (if (<= (- (expt 2 63)) (%mpz-integer z) (1- (expt 2 63))) 1 0))

(defun %integer-to-double-truncated (n)
  "GMP's mpz_get_d: N as a double, truncated toward zero (infinite past the double range)."
  (let* ((m (abs n)) (len (integer-length m)))
    (let ((d (cond ((<= len 53) (coerce m 'double-float))
                   ((> len 1024) sb-ext:double-float-positive-infinity)
                   (t (let ((shift (- len 53)))
                        (scale-float (coerce (ash m (- shift)) 'double-float) shift))))))
      (if (minusp n) (- d) d))))

(rt-define-external "__gmpz_get_d" (z) (%integer-to-double-truncated (%mpz-integer z)))

(rt-define-external "__gmpz_swap" (a b)
  (let ((a (%mpz-struct a)) (b (%mpz-struct b)))
    (rotatef (%mpz-alloc a) (%mpz-alloc b))
    (rotatef (%mpz-size a) (%mpz-size b))
    (rotatef (%mpz-d a) (%mpz-d b)))
  nil)

(rt-define-external "__gmpz_size" (z) (abs (%mpz-size (%mpz-struct z))))

(rt-define-external "__gmpz_getlimbn" (z n)
  (let ((s (%mpz-struct z)))
    (if (< -1 n (abs (%mpz-size s)))
        (let ((d (%mpz-d s)))
          (if (typep d '%limbs) (aref d n) (%ref d (* 8 n) :u64)))
        0)))

(rt-define-external "__gmpz_limbs_write" (z n)
  ;; The caller writes the limbs: what they held is forgotten.
  (let ((d (%mpz-limbs (%mpz-struct z) n)))
    (%mpz-memo-store d nil nil)
    d))

(rt-define-external "__gmpz_limbs_finish" (z s)
  ;; The first |S| limbs are the number (less its high zero limbs), negative if S is.
  (let* ((z (%mpz-struct z))
         (d (%mpz-d z))
         (count (loop with k = (abs s)
                      while (and (plusp k) (zerop (aref d (1- k)))) do (decf k)
                      finally (return k))))
    (setf (%mpz-size z) (if (minusp s) (- count) count))
    nil))

(defun %digit-string (n base)
  "N written in BASE as GMP's mpz_get_str writes it (BASE 2..36 lower case, -2..-36 upper case,
37..62 digits, upper then lower case letters)."
  (let ((digits (cond ((<= 2 base 36) "0123456789abcdefghijklmnopqrstuvwxyz")
                      ((<= -36 base -2) "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                      ((<= 37 base 62) "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
                      (t (%c-error "mpz_get_str: base ~D" base))))
        (b (abs base)) (m (abs n)) (chars '()))
    (loop do (multiple-value-bind (q r) (floor m b)
               (push (char digits r) chars)
               (setf m q))
          until (zerop m))
    (when (minusp n) (push #\- chars))
    (coerce chars 'string)))

(rt-define-external "__gmpz_get_str" (buf base z)
  (let ((bytes (%octets-z (%digit-string (%mpz-integer z) (if (zerop base) 10 base)))))
    (if buf
        (progn (%store-octets buf bytes :who "mpz_get_str") buf)
        (rt-make-ptr bytes 0))))

(rt-define-external "__gmpz_sizeinbase" (z base)
  ;; Exact (GMP's may be one more for a base that is not a power of 2).  In base 2, from the top
  ;; limb: make_integer_mpz asks it of every result.
  (let* ((s (%mpz-struct z))
         (count (abs (%mpz-size s)))
         (d (%mpz-d s)))
    (cond ((zerop count) 1)
          ((and (= base 2) (typep d '%limbs))
           (+ (* 64 (1- count)) (integer-length (aref d (1- count)))))
          (t (let ((m (abs (%mpz-integer z))))
               (if (= base 2) (integer-length m) (length (%digit-string m base))))))))

(rt-define-external "__gmpz_set_str" (z s base)
  ;; 0, or -1 if the string is not a number in BASE (0: by its prefix); white space is ignored.
  (let* ((chars (remove-if (lambda (c) (member c '(32 9 10 11 12 13)))
                           (map 'string #'code-char (%string-octets s "mpz_set_str"))))
         (negative (and (plusp (length chars)) (char= (char chars 0) #\-)))
         (digits (if negative (subseq chars 1) chars))
         (base (if (zerop base)
                   (cond ((and (> (length digits) 1) (char-equal (char digits 1) #\x)
                               (char= (char digits 0) #\0))
                          (setf digits (subseq digits 2)) 16)
                         ((and (> (length digits) 1) (char-equal (char digits 1) #\b)
                               (char= (char digits 0) #\0))
                          (setf digits (subseq digits 2)) 2)
                         ((and (> (length digits) 0) (char= (char digits 0) #\0)) 8)
                         (t 10))
                   base)))
    (if (and (plusp (length digits)) (<= 2 base 36)
             (every (lambda (c) (digit-char-p c base)) digits))
        (progn (%mpz-set z (let ((n (parse-integer digits :radix base))) (if negative (- n) n)))
               0)
        -1)))

;;; Arithmetic.

(macrolet ((def (name (&rest operands) form)
             ;; (NAME R OPERANDS...): R = FORM, the mpz operands read as integers (those named
             ;; with a trailing UI are unsigned longs, with EXP a bit count).
             `(rt-define-external ,name (r ,@operands)
                (let ,(loop for o in operands
                            unless (member o '(ui exp))
                              collect `(,o (%mpz-integer ,o)))
                  (%mpz-set r ,form)
                  nil))))
  (def "__gmpz_add" (a b) (+ a b))
  (def "__gmpz_sub" (a b) (- a b))
  (def "__gmpz_mul" (a b) (* a b))
  (def "__gmpz_add_ui" (a ui) (+ a (ldb (byte 64 0) ui)))
  (def "__gmpz_sub_ui" (a ui) (- a (ldb (byte 64 0) ui)))
  (def "__gmpz_mul_ui" (a ui) (* a (ldb (byte 64 0) ui)))
  (def "__gmpz_mul_si" (a ui) (* a (%wrap-s 64 ui)))
  (def "__gmpz_neg" (a) (- a))
  (def "__gmpz_abs" (a) (abs a))
  (def "__gmpz_com" (a) (lognot a))
  (def "__gmpz_and" (a b) (logand a b))
  (def "__gmpz_ior" (a b) (logior a b))
  (def "__gmpz_xor" (a b) (logxor a b))
  (def "__gmpz_mul_2exp" (a exp) (ash a exp))
  (def "__gmpz_fdiv_q_2exp" (a exp) (ash a (- exp)))
  (def "__gmpz_tdiv_q_2exp" (a exp) (let ((q (ash (abs a) (- exp)))) (if (minusp a) (- q) q)))
  (def "__gmpz_pow_ui" (a exp) (expt a exp))
  (def "__gmpz_gcd" (a b) (gcd a b)))

(rt-define-external "__gmpz_ui_pow_ui" (r base exp)
  (%mpz-set r (expt (ldb (byte 64 0) base) exp))
  nil)

(rt-define-external "__gmpz_addmul_ui" (r a ui)
  (%mpz-set r (+ (%mpz-integer r) (* (%mpz-integer a) (ldb (byte 64 0) ui))))
  nil)

(rt-define-external "__gmpz_submul_ui" (r a ui)
  (%mpz-set r (- (%mpz-integer r) (* (%mpz-integer a) (ldb (byte 64 0) ui))))
  nil)

(rt-define-external "__gmpz_addmul" (r a b)
  (%mpz-set r (+ (%mpz-integer r) (* (%mpz-integer a) (%mpz-integer b))))
  nil)

(rt-define-external "__gmpz_submul" (r a b)
  (%mpz-set r (- (%mpz-integer r) (* (%mpz-integer a) (%mpz-integer b))))
  nil)

(defun %mpz-divisor (d who)
  (if (zerop d) (%c-error "~A: division by zero" who) d))

(macrolet ((def (rounding &key q r qr)
             ;; The quotient, remainder and both of the division rounded by ROUNDING.
             `(progn
                ,@(when q
                    `((rt-define-external ,q (qz n d)
                        (%mpz-set qz (,rounding (%mpz-integer n) (%mpz-divisor (%mpz-integer d) ,q)))
                        nil)))
                ,@(when r
                    `((rt-define-external ,r (rz n d)
                        (%mpz-set rz (nth-value 1 (,rounding (%mpz-integer n)
                                                             (%mpz-divisor (%mpz-integer d) ,r))))
                        nil)))
                ,@(when qr
                    `((rt-define-external ,qr (qz rz n d)
                        (multiple-value-bind (q rem)
                            (,rounding (%mpz-integer n) (%mpz-divisor (%mpz-integer d) ,qr))
                          (%mpz-set qz q)
                          (%mpz-set rz rem))
                        nil))))))
  (def truncate :q "__gmpz_tdiv_q" :r "__gmpz_tdiv_r" :qr "__gmpz_tdiv_qr")
  (def floor :q "__gmpz_fdiv_q" :r "__gmpz_fdiv_r" :qr "__gmpz_fdiv_qr")
  (def ceiling :q "__gmpz_cdiv_q" :r "__gmpz_cdiv_r" :qr "__gmpz_cdiv_qr"))

(rt-define-external "__gmpz_divexact" (q n d)
  (%mpz-set q (truncate (%mpz-integer n) (%mpz-divisor (%mpz-integer d) "mpz_divexact")))
  nil)

(rt-define-external "__gmpz_fdiv_q_ui" (q n d)
  ;; Returns the remainder (non-negative).
  (multiple-value-bind (quotient rem) (floor (%mpz-integer n) (%mpz-divisor d "mpz_fdiv_q_ui"))
    (%mpz-set q quotient)
    rem))

(rt-define-external "__gmpz_tdiv_ui" (n d)
  (abs (rem (%mpz-integer n) (%mpz-divisor d "mpz_tdiv_ui"))))

(rt-define-external "__gmpz_fdiv_ui" (n d)
  (mod (%mpz-integer n) (%mpz-divisor d "mpz_fdiv_ui")))

;;; Comparisons and bits.

(rt-define-external "__gmpz_cmp" (a b) (signum (- (%mpz-integer a) (%mpz-integer b))))
(rt-define-external "__gmpz_cmpabs" (a b) (signum (- (abs (%mpz-integer a)) (abs (%mpz-integer b)))))
(rt-define-external "__gmpz_cmp_ui" (a ui) (signum (- (%mpz-integer a) (ldb (byte 64 0) ui))))
(rt-define-external "__gmpz_cmp_si" (a si) (signum (- (%mpz-integer a) (%wrap-s 64 si))))

(rt-define-external "__gmpz_cmp_d" (a d)
  (let ((d (%double d)) (n (%mpz-integer a)))
    (cond ((sb-ext:float-nan-p d) (%c-error "mpz_cmp_d: NaN"))
          ((sb-ext:float-infinity-p d) (if (plusp d) -1 1))
          (t (signum (- n (rational d)))))))

(rt-define-external "__gmpz_popcount" (a)
  (let ((n (%mpz-integer a))) (if (minusp n) +ulong-max+ (logcount n))))

(rt-define-external "__gmpz_scan1" (a start)
  ;; The index of the first 1 bit at START or above (two's complement), ULONG_MAX if none.
  (let ((n (ash (%mpz-integer a) (- start))))
    (if (zerop n) +ulong-max+ (+ start (1- (integer-length (logand n (- n))))))))

(rt-define-external "__gmpz_scan0" (a start)
  (let ((n (lognot (ash (%mpz-integer a) (- start)))))
    (if (zerop n) +ulong-max+ (+ start (1- (integer-length (logand n (- n))))))))

(rt-define-external "__gmpz_tstbit" (a bit) (if (logbitp bit (%mpz-integer a)) 1 0))
