;;;; The number and string operations that the byte-code interpreter (bytecode.lisp) does inline
;;;; on the operands whose result is plain, with the value the translated function gives: each
;;;; returns NIL where it does not apply (a marker, a wrong type, a division by zero, a bignum
;;;; result beyond integer-width), and the caller then calls that function, which gives the result
;;;; or signals the error as in C.  Integers are CL integers and floats double-floats
;;;; (docs/data-model.md); the image runs with the floating-point traps off (floats.lisp), so CL's
;;;; double-float arithmetic gives C's IEEE results (infinities, NaNs).

(in-package "EMACS2CL-GLUE")

(declaim (inline bool))
(defun bool (x) "X as elisp's t or nil." (if x t nil))

(deftype emacs-fixnum ()
  "RT-FIXNUMP's range as a type, so that SBCL open-codes the test on the fast paths."
  `(integer ,(- -1 emacs2cl-runtime::+most-positive-fixnum+) ,emacs2cl-runtime::+most-positive-fixnum+))

(deftype exact-double-integer ()
  "The integers that a double-float holds exactly: C's (double) conversion and CL's float
contagion agree on them without a rounding question."
  '(integer -9007199254740992 9007199254740992))

(declaim (inline bignum-overflow-p))
(defun bignum-overflow-p (bits)
  "Whether make_bignum_bits signals overflow-error for an integer of BITS bits: beyond
integer-width, taken as at least 128."
  (and (< (emacs-global "integer_width") bits) (< 128 bits)))

(declaim (inline integer-result))
(defun integer-result (r)
  "Integer R as make_integer_mpz returns it (fixnum or bignum alike are CL integers), or NIL when
it signals overflow-error (mpz_sizeinbase (r, 2) bits beyond integer-width)."
  (declare (integer r))
  ;; The bits of |R| are those of R, or one more for a negative power of 2: (abs R) is made only
  ;; when that one bit decides.
  (if (or (typep r 'emacs-fixnum)
          (not (bignum-overflow-p (1+ (integer-length r))))
          (not (bignum-overflow-p (integer-length (abs r)))))
      r
      nil))

(declaim (inline float-operand))
(defun float-operand (x)
  "X as floatop_arith_driver's double (XFLOATINT), for a float or an integer it converts exactly;
else NIL."
  (typecase x
    (double-float x)
    (exact-double-integer (float x 1d0))
    (t nil)))

(defmacro define-arith (name op &key integer-guard (integer-op op))
  "NAME (X Y): arith_driver's result for two numbers X and Y under operator OP -- the integer
result when both are integers (after INTEGER-GUARD, a form on X and Y, allows: Adiv's
arith-error), the double-float one when one is a float (float_arith_driver) -- or NIL."
  `(progn
     (declaim (inline ,name))
     (defun ,name (x y)
       (cond ((and (typep x 'emacs-fixnum) (typep y 'emacs-fixnum))
              (and ,(or integer-guard t) (integer-result (,integer-op x y))))
             ((and (integerp x) (integerp y))
              (and ,(or integer-guard t) (integer-result (,integer-op x y))))
             ((or (typep x 'double-float) (typep y 'double-float))
              (let ((a (float-operand x)) (b (float-operand y)))
                (and a b (,op a b))))
             (t nil)))))

(defmacro truncating-quotient (x y)
  "C's integer division (mpz_tdiv_q): the quotient rounded toward zero."
  `(values (truncate ,x ,y)))

(define-arith arith-plus +)
(define-arith arith-minus -)
(define-arith arith-times *)
(define-arith arith-quo / :integer-guard (not (eql y 0)) :integer-op truncating-quotient)

(declaim (inline arith-rem))
(defun arith-rem (x y)
  "Frem (X, Y) for integers X and Y, Y not 0 (C's %, mpz_tdiv_r); else NIL."
  (and (integerp x) (integerp y) (not (eql y 0)) (rem x y)))

(declaim (inline integer-add))
(defun integer-add (x n)
  "Fadd1 (N 1), Fsub1 (N -1) and Fminus (X) (N 0, negating) on integer X; else NIL."
  (declare (type (integer -1 1) n))
  (typecase x
    (emacs-fixnum (integer-result (if (= n 0) (- x) (+ x n))))
    (integer (integer-result (if (= n 0) (- x) (+ x n))))
    (t nil)))

;;; Strings: string= and string< on two Lisp strings (not symbols, which the functions take
;;; by their names).

(declaim (inline string-bytes))
(defun string-bytes (s)
  "SBYTES (S)."
  (let ((n (emacs2cl-runtime::rt-lisp-string-size-byte s)))
    (if (minusp n) (emacs2cl-runtime::rt-lisp-string-size s) n)))

(defun octets-mismatch (d1 d2 n1 n2)
  "The first index below N1 and N2 where octet vectors D1 and D2 differ, else the lesser of N1
and N2 if they differ, else NIL (MISMATCH on their starts, without its generic element access)."
  (declare (type (simple-array (unsigned-byte 8) (*)) d1 d2) (fixnum n1 n2))
  (let ((n (min n1 n2)))
    (assert (and (<= n (length d1)) (<= n (length d2))))
    (dotimes (i n (if (= n1 n2) nil n))
      (unless (= (aref d1 i) (aref d2 i))
        (return i)))))

(defun string-equal-inline (s1 s2)
  "Fstring_equal (S1, S2) for two Lisp strings: same SCHARS, same SBYTES and the same bytes; else
(not both strings) :SLOW."
  (if (and (rt-lisp-string-p s1) (rt-lisp-string-p s2))
      (let ((n (string-bytes s1)))
        (bool (and (= (emacs2cl-runtime::rt-lisp-string-size s1)
                      (emacs2cl-runtime::rt-lisp-string-size s2))
                   (= n (string-bytes s2))
                   (not (octets-mismatch (emacs2cl-runtime::rt-lisp-string-data s1)
                                         (emacs2cl-runtime::rt-lisp-string-data s2)
                                         n n)))))
      :slow))

(defun string-lessp-inline (s1 s2)
  "Fstring_lessp (S1, S2) for two Lisp strings each of which is unibyte or ASCII (as many bytes
as characters): fetch_string_char_advance gives then each byte as the character, and the order
is that of the bytes, a prefix first; else :SLOW."
  (if (and (rt-lisp-string-p s1) (rt-lisp-string-p s2)
           (= (emacs2cl-runtime::rt-lisp-string-size s1) (string-bytes s1))
           (= (emacs2cl-runtime::rt-lisp-string-size s2) (string-bytes s2)))
      (let* ((d1 (emacs2cl-runtime::rt-lisp-string-data s1))
             (d2 (emacs2cl-runtime::rt-lisp-string-data s2))
             (n1 (emacs2cl-runtime::rt-lisp-string-size s1))
             (n2 (emacs2cl-runtime::rt-lisp-string-size s2))
             (i (octets-mismatch d1 d2 n1 n2)))
        (bool (and i (or (= i n1) (and (< i n2) (< (aref d1 i) (aref d2 i)))))))
      :slow))
