;;;; data.c's arithmetic on integers where the translated C reaches it (the interpreter's `+', `<'
;;;; ...; the byte-code interpreter does its own inline, bytecode-inline.lisp): the rules put these
;;;; in front of bignum_arith_driver and arithcompare.  Translated, a bignum goes through the
;;;; runtime's mpz_t over CL integers at each step (an interpreted bignum loop took three times
;;;; as long as its byte-compiled twin); integers are CL integers (docs/data-model.md), so CL's
;;;; exact arithmetic gives GMP's result.  Anything else (a float or a marker among the
;;;; arguments, a division by zero, a result beyond integer-width) is data.c's, which converts,
;;;; signals or rounds as C does.

(in-package "EMACS2CL-GLUE")

(defun bignum-arith-driver (code nargs args argnum iaccum val)
  "bignum_arith_driver (CODE, NARGS, ARGS, ARGNUM, IACCUM, VAL) (the rules put this before it):
enum arithop CODE folded over VAL (combined with IACCUM unless ARGNUM is 0) and the arguments
after ARGS[ARGNUM], when they are all integers; the result as make_integer_mpz returns it."
  (declare (fixnum code nargs argnum))
  (multiple-value-bind (words index) (rt-word-at args)
    (or (and index (integerp val)
             (block fold
               (flet ((op (a b)
                        (case code
                          (0 (+ a b)) (1 (- a b)) (2 (* a b))
                          (3 (if (eql b 0) (return-from fold nil) (truncating-quotient a b)))
                          (4 (logand a b)) (5 (logior a b)) (6 (logxor a b))
                          (t (return-from fold nil)))))
                 (let ((accum (if (eql argnum 0) val (op iaccum val))))
                   (loop for i from (1+ argnum) below nargs
                         for x = (svref words (+ index i))
                         do (if (integerp x) (setf accum (op accum x)) (return-from fold nil)))
                   ;; C checks the width of the result only (make_integer_mpz).
                   (integer-result accum)))))
        (c::|data.c/bignum_arith_driver| code nargs args argnum iaccum val))))

(rt-implement 'rt-bignum-arith-driver #'bignum-arith-driver)

(defun arithcompare (num1 num2 comparison)
  "arithcompare (NUM1, NUM2, COMPARISON) (the rules put this before it): two integers compared
exactly; anything else is data.c's."
  (if (and (integerp num1) (integerp num2))
      (bool (case comparison
              (0 (= num1 num2)) (1 (/= num1 num2)) (2 (< num1 num2)) (3 (> num1 num2))
              (4 (<= num1 num2)) (5 (>= num1 num2))
              (t (return-from arithcompare (c::|arithcompare| num1 num2 comparison)))))
      (c::|arithcompare| num1 num2 comparison)))

(rt-implement 'rt-arithcompare #'arithcompare)
