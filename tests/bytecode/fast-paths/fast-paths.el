;;; fast-paths.el --- edge cases of the byte-code interpreter's fast paths  -*- lexical-binding: t -*-
;; Byte-compiled by Debian's Emacs 28.2, then loaded by it and by the image: both print the same
;; lines (tests/test_image_bytecode_fast_paths.py; not
;; among ../*.el, which test_image.py runs together).  glue/bytecode.lisp does some opcodes inline
;; on fixnums, conses, vectors and plain symbol values, and calls the translated function
;; otherwise: each case is on the edge between the two (fixnum overflow, markers, floats,
;; bignums, wrong types, indexes out of range, variables that are not plain).

(defun fp-show (name f &rest arglists)
  "Apply F to each of ARGLISTS (from apply's argument array) and print NAME, the arguments and
the value or the error."
  (dolist (args arglists)
    (let ((print-length 8))   ; the long list
      (princ (format "%s %S => %S\n" name args
                   (condition-case err (apply f args) (error (list 'error err))))))))

(defmacro fp-cases (name arglist body &rest arglists)
  "Show the byte-compiled (lambda ARGLIST BODY) on each of ARGLISTS."
  `(fp-show ,name (lambda ,arglist ,body) ,@(mapcar (lambda (a) `(list ,@a)) arglists)))

(defun fp-identity (x) x)
(defvar fp-big (1+ most-positive-fixnum))
(defvar fp-plain 1)
(defvar fp-target 2)
(defvaralias 'fp-alias 'fp-target)
(defvar fp-local 3)
(defvar fp-watched 4)
(defvar fp-watch-log nil)
(add-variable-watcher 'fp-watched (lambda (&rest args) (push args fp-watch-log)))
(defvar fp-unbound)

(with-temp-buffer
  (insert "hello world")
  (let ((m (copy-marker 4)) (mpf most-positive-fixnum) (mnf most-negative-fixnum)
        (nan (/ 0.0 0.0)) (long (number-sequence 0 200)) (s "abc")
        (bc (symbol-function 'fp-identity)) (rec (record 'fp-rec 1 2))
        (ct (make-char-table 'fp 'z)) (bv (make-bool-vector 3 t)))
    ;; Badd1, Bsub1, Bnegate: a fixnum whose result is one, else Fadd1/Fsub1/Fminus.
    (fp-cases "add1" (x) (1+ x) (0) (-1) (mpf) ((1- mpf)) (mnf) (1.5) (m) ('a) (nil) (fp-big))
    (fp-cases "sub1" (x) (1- x) (0) (mnf) ((1+ mnf)) (mpf) (1.5) (m) ('a) ((- fp-big)))
    (fp-cases "negate" (x) (- x) (0) (7) (mnf) (mpf) (-0.0) (m) ('a) (fp-big))
    ;; Bplus, Bdiff: two fixnums and a fixnum sum, else Fplus/Fminus.
    (fp-cases "plus" (x y) (+ x y) (1 2) (mpf 0) (mpf 1) (mnf -1) (mpf mnf) (1 1.5) (m 1) (1 m)
              (1 'a) ('a 1) (nil 1) (fp-big -1) (1 nan))
    (fp-cases "diff" (x y) (- x y) (1 2) (mnf 1) (mnf 0) (mpf -1) (0 mnf) (1.5 1) (m 1) (1 'a)
              ("s" 1) (fp-big 1))
    ;; Beqlsign, Bgtr, Blss, Bleq, Bgeq: two fixnums, else arithcompare.
    (fp-cases "compare" (x y) (list (= x y) (> x y) (< x y) (<= x y) (>= x y))
              (1 2) (2 1) (3 3) (mpf mnf) (mnf mpf) (1 1.0) (1.5 1) (1 nan) (m 4) (m 5) (fp-big mpf)
              (mpf fp-big))
    (fp-cases "lss-wrong" (x y) (< x y) (1 'a) ('a 1) (nil 1) (1 "s"))
    (fp-cases "eqlsign-wrong" (x y) (= x y) (1 'a) ([1] 1))
    ;; Bcar, Bcdr, Bcar_safe, Bcdr_safe, Bsetcar, Bsetcdr: conses, else the function.
    (fp-cases "car-cdr" (x) (list (car-safe x) (cdr-safe x) (car x) (cdr x))
              ('(1 . 2)) (nil) ('(a b)))
    (fp-cases "car" (x) (car x) (1) ("s") ([1]) ('a))
    (fp-cases "cdr" (x) (cdr x) (1) ('a))
    (fp-cases "setcar" (c v) (list (setcar c v) c) ((cons 1 2) 'x) (nil 'x) (1 'x) ([1] 'x))
    (fp-cases "setcdr" (c v) (list (setcdr c v) c) ((cons 1 2) 'x) (nil 'x) ("s" 'x))
    ;; Bnth, Belt: an index from 0 to 127 into a list, else Fnth/Felt.
    (fp-cases "nth" (n l) (nth n l)
              (0 '(a b c)) (2 '(a b c)) (3 '(a b c)) (127 long) (128 long) (200 long) (-1 '(a b))
              (1.0 '(a b)) ('a '(a b)) (1 '(a . b)) (2 '(a . b)) (5 '(a . b)) (0 nil) (3 nil)
              (1 'x) (0 'x) (1 [1 2]) (fp-big '(a b)))
    (fp-cases "elt" (l n) (elt l n)
              ('(a b c) 0) ('(a b c) 2) ('(a b c) 3) (long 127) (long 128) ('(a b) -1) ('(a . b) 1)
              ('(a . b) 2) ('(a b) 1.0) ('(a b) 'x) ([1 2] 1) ([1 2] 2) (s 1) (nil 0) ('x 0)
              (bc 1) (bv 1) ('(a b) fp-big))
    ;; Baref, Baset: a vector and a fixnum index within it, else Faref/Faset.
    (fp-cases "aref" (a i) (aref a i)
              ([1 2 3] 0) ([1 2 3] 2) ([1 2 3] 3) ([1 2 3] -1) ([] 0) ([1 2 3] 1.0) ([1 2 3] 'a)
              ([1 2 3] fp-big) ([1 2 3] nil) (s 1) (s 3) (bc 0) (bc 1) (rec 1) (rec 3) (ct ?a)
              (bv 2) (bv 3) ('x 0) (nil 0) ('(1 2) 0))
    (fp-cases "aset" (a i v) (list (aset a i v) a)
              ((vector 1 2 3) 0 'x) ((vector 1 2 3) 2 'x) ((vector 1 2 3) 3 'x)
              ((vector 1 2 3) -1 'x) ([] 0 'x) ((vector 1 2 3) 1.0 'x) ((vector 1 2 3) fp-big 'x)
              ((copy-sequence "abc") 1 ?z) ((copy-sequence "abc") 1 'x) (bc 0 'x)
              ((record 'r 1 2) 1 'x) ((make-bool-vector 2 nil) 1 t) ('x 0 'x) (nil 0 'x))
    ;; Beq.
    (fp-cases "eq" (x y) (eq x y) (1 1) (mpf mpf) ('a 'a) (1 1.0) ((list 1) (list 1)) (nil nil))
    ;; Bvarref, Bvarset: a symbol whose value is plain, else symbol-value/set.
    (fp-cases "varref" () (list fp-plain fp-alias fp-local fp-watched case-fold-search fill-column
                                (condition-case err fp-unbound (error err)))
              ())
    (fp-cases "varset" (v) (list (setq fp-plain v) (setq fp-alias v) (setq fp-watched v)
                                 (setq fill-column v) fp-plain fp-target fp-watched fill-column
                                 (default-value 'fill-column) fp-watch-log)
              (40) ('x))
    (set (make-local-variable 'fp-local) 'local)
    (setq fp-unbound 5)
    (fp-cases "varset-local" (v) (list fp-local (setq fp-local v) fp-local
                                       (default-value 'fp-local) fp-unbound)
              (30))
    (fp-cases "let-dynamic" (v) (let ((fp-plain v) (fp-local v)) (list fp-plain fp-local))
              (10))
    (fp-cases "varset-constant" (v) (setq nil v) (1))
    (fp-cases "varset-keyword" (v) (set :k v) (1))
    (makunbound 'fp-plain)
    (fp-cases "varref-unbound" () fp-plain ())
    ;; The arguments pushed: from a caller's byte-code stack, from apply's list, missing
    ;; optional ones, &rest lists, and the wrong number.
    (let ((f1 (lambda (a &optional b c) (list a b c)))
          (f2 (lambda (a &rest r) (list a r)))
          (f3 (lambda (a b &optional c &rest r) (list a b c r)))
          (f4 (lambda (a b c d e f g h i j) (list j i h g f e d c b a))))
      (fp-cases "call" (f) (list (funcall f 1) (funcall f 1 2) (funcall f 1 2 3)) (f1))
      (fp-cases "call-rest" (f) (list (funcall f 1) (funcall f 1 2) (funcall f 1 2 3 4 5)) (f2))
      (fp-cases "call-optional-rest" (f) (list (funcall f 1 2) (funcall f 1 2 3) (funcall f 1 2 3 4 5))
                (f3))
      (fp-cases "call-ten" (f) (funcall f 1 2 3 4 5 6 7 8 9 10) (f4))
      (fp-cases "call-too-few" (f) (funcall f) (f1) (f2) (f3))
      (fp-cases "call-too-many" (f) (funcall f 1 2 3 4) (f1))
      (fp-show "apply" f3 '(1 2) '(1 2 3) '(1 2 3 4 5 6) '(1))
      (fp-cases "mapcar" (f) (mapcar f '(1 2 3)) (f1) (f2)))))
