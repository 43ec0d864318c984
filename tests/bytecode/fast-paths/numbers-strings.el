;;; numbers-strings.el --- edge cases of the byte-code interpreter's number and string fast paths  -*- lexical-binding: t -*-
;; Byte-compiled by Debian's Emacs 28.2, then loaded by it and by the image: both print the same
;; lines (tests/test_image_bytecode_fast_paths.py).  glue/bytecode-inline.lisp does Bplus, Bdiff,
;; Bmult, Bquo, Brem, Badd1, Bsub1, Bnegate and the comparisons inline on integers (bignums
;; included) and floats, and Bstring_equal and Bstring_lessp on unibyte or ASCII strings, and
;; calls the translated function otherwise: each case is on the edge between the two (bignum
;; results beyond integer-width, division by zero, markers, wrong types, floats with integers a
;; double does not hold, infinities and NaNs, multibyte strings, symbols).

(defun ns-show (name f &rest arglists)
  "Apply F to each of ARGLISTS and print NAME, the arguments and the value or the error."
  (dolist (args arglists)
    (princ (format "%s %S => %S\n" name args
                   (condition-case err (apply f args) (error (list 'error err)))))))

(defmacro ns-cases (name arglist body &rest arglists)
  "Show the byte-compiled (lambda ARGLIST BODY) on each of ARGLISTS."
  `(ns-show ,name (lambda ,arglist ,body) ,@(mapcar (lambda (a) `(list ,@a)) arglists)))

(with-temp-buffer
  (insert "hello world")
  (let* ((m (copy-marker 4)) (mpf most-positive-fixnum) (mnf most-negative-fixnum)
         (big (1+ most-positive-fixnum)) (big2 (* big big)) (nbig (- big2))
         (nan (/ 0.0 0.0)) (inf 1.0e+INF) (p53 (expt 2 53)) (p60 (expt 2 60))
         (numbers (list 0 1 -7 7 2 -2 mpf mnf big big2 nbig 1.5 -0.0 0.0 nan inf p53 (1+ p53)
                        p60 (1+ p60) m 'a nil)))
    ;; Each operation on each pair of operands.
    (dolist (op '(+ - * / %))
      (dolist (x numbers)
        (apply #'ns-show (symbol-name op)
               (pcase op
                 ('+ (lambda (x y) (+ x y))) ('- (lambda (x y) (- x y)))
                 ('* (lambda (x y) (* x y))) ('/ (lambda (x y) (/ x y)))
                 ('% (lambda (x y) (% x y))))
               (mapcar (lambda (y) (list x y)) numbers))))
    (dolist (x numbers)
      (ns-show "unary" (lambda (x) (list (condition-case e (1+ x) (error e))
                                         (condition-case e (1- x) (error e))
                                         (condition-case e (- x) (error e))))
               (list x)))
    (dolist (x numbers)
      (apply #'ns-show "compare"
             (lambda (x y) (list (= x y) (< x y) (> x y) (<= x y) (>= x y)))
             (mapcar (lambda (y) (list x y)) numbers)))
    ;; Bignum results beyond integer-width: overflow-error, as make_bignum_bits signals it.
    (ns-cases "times-width" (x y) (let ((integer-width 100)) (* x y))
              (big2 big2) (big big) (big2 2) (mpf mpf))
    (ns-cases "plus-width" (x y) (let ((integer-width 0)) (list (+ x y) (- x y) (1+ x) (- x)))
              (big2 big2) (big 1) (mpf 1) ((* big2 big2) 1))
    (ns-cases "width-big" (x) (let ((integer-width 0)) (* x x)) ((* big2 big2)))
    (ns-cases "quo-edges" (x y) (list (/ x y) (% x y)) (mnf -1) (-7 2) (7 -2) (-7 -2) (big2 -3)
              (nbig 7) (big2 big2))))

;; Strings: unibyte, ASCII multibyte, non-ASCII multibyte, with properties, empty, and symbols.
(let ((strings (list "" "a" "abc" "abd" "ab" "abc\0" (string-to-multibyte "abc")
                     (string-to-multibyte "ab") "\200" "\377" (string-to-multibyte "\200")
                     "é" "éa" "aé" "\x3fff80" (propertize "abc" 'face 'bold) 'abc 'ab nil 1)))
  (dolist (x strings)
    (apply #'ns-show "string"
           (lambda (x y) (list (condition-case e (string= x y) (error e))
                               (condition-case e (string< x y) (error e))))
           (mapcar (lambda (y) (list x y)) strings))))
