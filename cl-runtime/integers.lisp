;;;; C integer semantics on CL integers: wraparound to a width, truncating division, rotates,
;;;; the overflow builtins.

(in-package "EMACS2CL-RUNTIME")

(defun %wrap-u (bits x)
  "X reduced modulo 2^BITS."
  (declare (type (integer 1) bits) (type integer x))
  (ldb (byte bits 0) x))

(defun %wrap-s (bits x)
  "X reduced to a BITS-wide two's complement value."
  (declare (type (integer 1) bits) (type integer x))
  (let ((v (ldb (byte bits 0) x)))
    (if (logbitp (1- bits) v) (- v (ash 1 bits)) v)))

(defmacro rt-wrap-u (bits x)
  "X (an integer) reduced modulo 2^BITS: the conversion to an unsigned C type of BITS bits.
BITS is a literal integer in translated code; the expansion then tests the common in-range case
first and uses LDB otherwise."
  (if (typep bits '(integer 1))
      (let ((v (gensym "V")))
        `(let ((,v ,x))
           (if (typep ,v '(unsigned-byte ,bits))
               ,v
               ;; A call, not an inline LDB: where the compiler can tell that an integer V
               ;; is always in range, this branch only sees non-integers, and an inline
               ;; (THE INTEGER V) would be a full WARNING about conflicting types.
               (the (unsigned-byte ,bits) (%wrap-u ,bits ,v)))))
      `(%wrap-u ,bits ,x)))

(defmacro rt-wrap-s (bits x)
  "X (an integer) reduced to a BITS-wide two's complement value: the conversion to a signed C
type of BITS bits (GCC's wraparound).  BITS is a literal integer in translated code."
  (if (typep bits '(integer 1))
      (let ((v (gensym "V")))
        `(let ((,v ,x))
           (if (typep ,v '(signed-byte ,bits))
               ,v
               (the (signed-byte ,bits) (%wrap-s ,bits ,v)))))   ; a call: see rt-wrap-u
      `(%wrap-s ,bits ,x)))

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

(defun rt-overflow (op bits signed a b)
  "GCC's __builtin_add_overflow / sub / mul (OP the symbol +, - or *): the exact result of A OP B
wrapped to the integer type of BITS bits, signed when SIGNED is 1 (or true), as the cons
(RESULT . FLAG); FLAG is 1 when the exact result does not fit that type, else 0."
  (declare (type (integer 1) bits) (type integer a b))
  (let* ((exact (ecase op (+ (+ a b)) (- (- a b)) (* (* a b))))
         (signed (and signed (not (eql signed 0))))
         (fits (if signed
                   (<= (- (ash 1 (1- bits))) exact (1- (ash 1 (1- bits))))
                   (<= 0 exact (1- (ash 1 bits))))))
    (cons (if signed (%wrap-s bits exact) (%wrap-u bits exact))
          (if fits 0 1))))
