;;;; C integer semantics on CL integers: wraparound to a width, truncating division, rotates,
;;;; the overflow builtins.

(in-package "EMACS2CL-RUNTIME")

(defun %wrap-u (bits x)
  "X reduced modulo 2^BITS."
  (declare (type (integer 1) bits) (type integer x))
  (if (typep x 'fixnum)
      (cond ((< bits sb-vm:n-fixnum-bits) (logand x (1- (ash 1 bits))))
            ((>= x 0) x)
            (t (ldb (byte bits 0) x)))
      (ldb (byte bits 0) x)))

(defun %wrap-s (bits x)
  "X reduced to a BITS-wide two's complement value."
  (declare (type (integer 1) bits) (type integer x))
  (cond ((not (typep x 'fixnum))
         (let ((v (ldb (byte bits 0) x)))
           (if (logbitp (1- bits) v) (- v (ash 1 bits)) v)))
        ((>= bits sb-vm:n-fixnum-bits) x) ; a fixnum is in range of every width from its own up
        (t (let ((v (logand x (1- (ash 1 bits)))))
             (if (logbitp (1- bits) v) (- v (ash 1 bits)) v)))))

;;; In the expansions below, a value out of range is reduced by a call, not an inline LDB: where
;;; the compiler can tell that an integer V is always in range, that branch only sees
;;; non-integers, and an inline (THE INTEGER V) would be a full WARNING about conflicting types.
;;; The exception is an unsigned type's fixnum (a negative value, as (lognot 1) is, or a
;;; truncation), masked inline.  A signed type's fixnum out of range is an overflow, which is
;;; rare: folded inline, the result of an overflowing constant would be a style warning wherever
;;; the compiler sees it used as an index.
;;;
;;; An operation SBCL computes modulo 2^64 (+ - * the logical operations, a shift by a constant)
;;; whose operands are machine words -- what a local's type declaration says of a C integer of
;;; up to 64 bits (docs/data-model.md) -- is wrapped as modular arithmetic: LOGAND with the mask,
;;; and MASK-SIGNED-FIELD for a signed type, which SBCL compiles to word instructions with no
;;; call and no bignum.  The operands' types are tested first; where they are declared the test
;;; is folded away, and where they are not, an operand outside a word takes the general path.

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defparameter *modular-operators* '(+ - * logand logior logxor lognot)
    "The operators whose wraparound RT-WRAP-S and RT-WRAP-U open-code as modular arithmetic.")

  (defun %word-operand-p (a)
    "Whether form A is a symbol, an integer constant, or a wraparound to at most 64 bits (whose
  value is a machine word: re_search_2's `(sizetype) startpos - 1', `(rt-wrap-u 64 (+ (rt-wrap-u 64
  startpos) -1))', is then word arithmetic, not a generic + and a bignum)."
    (or (symbolp a) (integerp a)
        (and (consp a) (member (first a) '(rt-wrap-s rt-wrap-u)) (typep (second a) '(integer 1 64)))))

  (defun %modular-form-p (x)
    "Whether X is a call of a modular operator (or ASH by a constant count below 64) whose
  operands are symbols, integer constants or wraparounds to a word (%WORD-OPERAND-P)."
    (and (consp x)
         (every #'%word-operand-p (rest x))
         (or (and (member (first x) *modular-operators*) (<= 1 (length (rest x)) 2))
             (and (eq (first x) 'ash) (= (length x) 3) (symbolp (second x))
                  (typep (third x) '(integer -63 63))))))

  (defun %modular-expansion (bits x reduce general)
    "The expansion of RT-WRAP-S or RT-WRAP-U of BITS (<= 64) on X: REDUCE applied to the
  operation on word operands, else GENERAL applied to the operation."
    (let* ((vars (loop for a in (rest x) collect (if (integerp a) a (gensym "A"))))
           (bindings (loop for a in (rest x) for v in vars when (symbolp v) collect (list v a)))
           (op (cons (first x) vars)))
      `(let ,bindings
         (if (and ,@(loop for (v) in bindings collect `(typep ,v '(or sb-vm:signed-word sb-vm:word))))
             ,(funcall reduce `(logand ,op ,(1- (ash 1 bits))))
             ,(funcall general op)))))

  (defun %wrap-u-expansion (bits x)
    (let ((v (gensym "V")))
      `(let ((,v ,x))
         (typecase ,v
           ((unsigned-byte ,bits) ,v)
           ,@(when (< bits sb-vm:n-fixnum-bits)
               `((fixnum (logand ,v ,(1- (ash 1 bits))))))
           (t (the (unsigned-byte ,bits) (%wrap-u ,bits ,v)))))))

  (defun %wrap-s-expansion (bits x)
    (let ((v (gensym "V")))
      `(let ((,v ,x))
         (if (typep ,v '(signed-byte ,bits))
             ,v
             (the (signed-byte ,bits) (%wrap-s ,bits ,v)))))))

(defmacro rt-wrap-u (bits x)
  "X (an integer) reduced modulo 2^BITS: the conversion to an unsigned C type of BITS bits.
BITS is a literal integer in translated code; the expansion then tests the common in-range case
first and masks a fixnum inline, or is modular arithmetic (see above)."
  (cond ((not (typep bits '(integer 1))) `(%wrap-u ,bits ,x))
        ((and (<= bits 64) (%modular-form-p x))
         (%modular-expansion bits x #'identity (lambda (op) (%wrap-u-expansion bits op))))
        (t (%wrap-u-expansion bits x))))

(defmacro rt-wrap-s (bits x)
  "X (an integer) reduced to a BITS-wide two's complement value: the conversion to a signed C
type of BITS bits (GCC's wraparound).  BITS is a literal integer in translated code; the
expansion is then inline, or modular arithmetic (see above)."
  (cond ((not (typep bits '(integer 1))) `(%wrap-s ,bits ,x))
        ((and (<= bits 64) (%modular-form-p x))
         (%modular-expansion bits x (lambda (m) `(sb-c::mask-signed-field ,bits ,m))
                             (lambda (op) (%wrap-s-expansion bits op))))
        (t (%wrap-s-expansion bits x))))

(defun rt-wrap-u-call (bits x)
  "RT-WRAP-U as a function call: translated functions too large for SBCL to compile quickly with
inline wraparound checks use this."
  (%wrap-u bits x))

(defun rt-wrap-s-call (bits x)
  "RT-WRAP-S as a function call (see RT-WRAP-U-CALL)."
  (%wrap-s bits x))

(defun %division-by-zero (op a)
  (%c-error "integer ~A by zero (~D ~A 0)" op a (if (string= op "division") "/" "%")))

(declaim (inline rt-div rt-rem rt-s8))
(defun rt-div (a b)
  "C's integer A / B: truncates toward zero.  Division by zero signals RT-C-ERROR."
  (if (eql b 0)
      (%division-by-zero "division" a)
      (values (truncate a b))))

(defun rt-rem (a b)
  "C's integer A % B: the remainder has the sign of the dividend A.  B = 0 signals RT-C-ERROR."
  (if (eql b 0)
      (%division-by-zero "remainder" a)
      (rem a b)))

(defun rt-s8 (x)
  "An octet X (0..255) read as a signed char (-128..127)."
  (declare (type (integer -128 255) x))
  (if (>= x 128) (- x 256) x))

(defun rt-rotate (bits x n)
  "X rotated left by N bits within BITS bits (N negative: rotated right).  X is taken modulo
2^BITS and the result is unsigned, except that a negative X (a value of a signed type) gives a
signed result."
  (declare (type (integer 1) bits) (type integer x n))
  (let* ((u (ldb (byte bits 0) x))
         (n (mod n bits))
         (r (if (zerop n)
                u
                (logior (ldb (byte bits 0) (ash u n)) (ash u (- n bits))))))
    (if (minusp x) (%wrap-s bits r) r)))

;;; With BITS a constant of at most 64 (what the translation writes), inline code on an
;;; (unsigned-byte BITS) that SBCL does with modular arithmetic: no bignum is made for the shift
;;; (sxhash_combine's rotate at each hash of a string or a list).
(define-compiler-macro rt-rotate (&whole whole bits x n)
  (if (and (integerp bits) (<= 1 bits 64))
      (let ((xv (gensym "X")) (u (gensym "U")) (k (gensym "K")) (r (gensym "R")))
        `(let* ((,xv ,x)
                (,u (ldb (byte ,bits 0) ,xv))
                (,k (mod ,n ,bits))
                (,r (logior (ldb (byte ,bits 0) (ash ,u ,k)) (ash ,u (- ,k ,bits)))))
           (declare (type integer ,xv) (type (unsigned-byte ,bits) ,u ,r)
                    (type (integer 0 ,(1- bits)) ,k))
           (if (minusp ,xv) (%wrap-s ,bits ,r) ,r)))
      whole))

(declaim (inline rt-make-pair rt-pair-value rt-pair-flag))
(defun rt-make-pair (value flag)
  "GCC's integer pair of VALUE and FLAG (0 or 1), the value of ADD_OVERFLOW and the like: the
integer 2 * VALUE + FLAG (docs/data-model.md), a fixnum for any VALUE under 2^61 in magnitude."
  (declare (type integer value) (type bit flag))
  (+ (* 2 value) flag))

(defun rt-pair-value (pair)
  "The value of integer pair PAIR (REALPART_EXPR)."
  (declare (type integer pair))
  ;; A fixnum, nearly always: its case is a shift inline, not a call of the generic ASH
  ;; (count_size_as_multibyte adds with overflow at each byte of a string concat copies).
  (if (typep pair 'fixnum) (ash pair -1) (ash pair -1)))

(defun rt-pair-flag (pair)
  "The flag of integer pair PAIR, 0 or 1 (IMAGPART_EXPR)."
  (declare (type integer pair))
  (if (typep pair 'fixnum) (logand pair 1) (logand pair 1)))

(defun rt-overflow (op bits signed a b)
  "GCC's __builtin_add_overflow / sub / mul (OP the symbol +, - or *): the exact result of A OP B
wrapped to the integer type of BITS bits, signed when SIGNED is 1 (or true), and a flag, 1 when
the exact result does not fit that type, else 0, as an integer pair (RT-MAKE-PAIR)."
  (declare (type (integer 1) bits) (type integer a b))
  (let* ((exact (ecase op (+ (+ a b)) (- (- a b)) (* (* a b))))
         (signed (and signed (not (eql signed 0))))
         (fits (if signed
                   (< (integer-length exact) bits)
                   (and (>= exact 0) (<= (integer-length exact) bits)))))
    (rt-make-pair (if signed (%wrap-s bits exact) (%wrap-u bits exact))
                  (if fits 0 1))))

;;; Translated code names the operation, the width and the signedness by constants: the test
;;; of the result's range is then open-coded.
(define-compiler-macro rt-overflow (&whole whole op bits signed a b)
  (let ((op (and (constantp op) (eval op))) (signed (if (constantp signed) (eval signed) :unknown)))
    (if (and (member op '(+ - *)) (typep bits '(integer 1)) (member signed '(0 1 t nil)))
        (let ((exact (gensym "EXACT"))
              (type (if (member signed '(0 nil)) `(unsigned-byte ,bits) `(signed-byte ,bits))))
          `(let ((,exact (,op ,a ,b)))
             (rt-make-pair (,(if (member signed '(0 nil)) 'rt-wrap-u 'rt-wrap-s) ,bits ,exact)
                           (if (typep ,exact ',type) 0 1))))
        whole)))
