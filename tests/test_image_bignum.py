"""Bignum arithmetic (bignum.c and data.c over the runtime's GMP, cl-runtime/libc-gmp.lisp)
against GNU Emacs 28.2: values at the limb boundaries (2^62, 2^63, 2^64, negative), each
operation's operands and results round-tripping through mpz_t, the same bignum used as several
operands of one form (glue's bignum-val gives its mpz_t again) and a spigot's chain of results."""
import pytest
from conftest import EMACS, assert_prints_as_emacs

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

VALUES = ("(list (expt 3 200) (- (expt 7 90)) (1+ most-positive-fixnum) (1- most-negative-fixnum)"
          " (- (1+ most-positive-fixnum)) (expt 2 63) (- (expt 2 63)) (expt 2 64) (1- (expt 2 64))"
          " (- (expt 2 64)) (expt 2 128) (1- (expt 2 128)) most-positive-fixnum most-negative-fixnum"
          " 0 1 -1 12345)")


def pairwise(body):
    """A form that applies BODY (over X and Y) to each pair of VALUES."""
    return f"(let ((vals {VALUES})) (mapcar (lambda (x) (mapcar (lambda (y) {body}) vals)) vals))"


FORMS = {
    "add-sub-mul": pairwise("(list (+ x y) (- x y) (* x y) (+ x y x) (* x y x) (- x y y))"),
    "division": pairwise("(if (= y 0) 'zero (list (/ x y) (% x y) (mod x y) (floor x y)"
                         " (ceiling x y) (round x y) (truncate x y)))"),
    "logical": pairwise("(list (logand x y) (logior x y) (logxor x y) (logand x y x)"
                        " (< x y) (= x y) (>= x y) (max x y) (min x y) (eql x (+ y 0)))"),
    "unary": f"(mapcar (lambda (x) (list (ash x -3) (ash x 70) (lognot x) (logcount x) (abs x)"
             f" (- x) (1+ x) (1- x) (float x) (truncate (float x)) (number-to-string x)"
             f" (format \"%x %X %o %d\" (abs x) (abs x) (abs x) x) (string-to-number (number-to-string x))"
             f" (string-to-number (format \"%x\" (abs x)) 16) (expt x 3) (zerop x)))"
             f" {VALUES})",
    "same-operand-chain": "(let ((x (expt 10 40)) (acc nil)) (dotimes (i 11)"
                          " (setq x (/ (- (* x x 7) (* 3 x) x) (+ (expt 10 38) i)))"
                          " (push (list (% x 1000003) (logcount x) (* x -1 x) (- x x)) acc)) (list x acc))",
    "spigot": "(let ((q 1) (r 0) (tt 1) (k 1) (nn 3) (l 3) (digits nil))"
              " (while (< (length digits) 60)"
              " (if (< (+ (* 4 q) r (- tt)) (* nn tt))"
              " (let ((nr (* 10 (- r (* nn tt))))) (push nn digits)"
              " (setq nn (- (/ (* 10 (+ (* 3 q) r)) tt) (* 10 nn)) q (* q 10) r nr))"
              " (let ((nr (* (+ (* 2 q) r) l)) (nn2 (/ (+ (* q (+ (* 7 k) 2)) (* r l)) (* tt l))))"
              " (setq q (* q k) tt (* tt l) l (+ l 2) k (1+ k) nn nn2 r nr))))"
              " (list (mapconcat #'number-to-string (nreverse digits) \"\") (logcount q) (% tt 997)))",
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_bignums_agree_with_emacs(image, name):
    assert_prints_as_emacs(image, FORMS[name])
