;;; data.el --- corpus: the DEFUNs of data.c  -*- lexical-binding: t -*-
;; One test per top-level form; see translator/corpus.py.

;; eq, null
(eq 'a 'a)
(eq 'a 'b)
(eq 1 1)
(eq "a" "a")
(let ((s "a")) (eq s s))
(eq nil '())
(eq most-positive-fixnum most-positive-fixnum)
(eq (1+ most-positive-fixnum) (1+ most-positive-fixnum))
(eq ?a 97)
(eq)  ; error
(eq 1 2 3)  ; error
(null nil)
(null '())
(null 0)
(null "")
(null (list))

;; type-of and the type predicates
(type-of 1)
(type-of -1)
(type-of (1+ most-positive-fixnum))
(type-of 1.5)
(type-of 'a)
(type-of nil)
(type-of t)
(type-of :kw)
(type-of "str")
(type-of "é")
(type-of '(1))
(type-of [1 2])
(type-of (make-bool-vector 3 t))
(type-of (make-char-table 'corpus-table))
(type-of (record 'corpus-rec 1 2))
(type-of (make-record 'corpus-rec 2 nil))
(type-of (symbol-function 'car))
(type-of (make-hash-table))
(type-of (current-buffer))
(type-of (point-marker))
(type-of (make-overlay 1 1))
(type-of (lambda (x) x))
(type-of 'car)
(list (consp '(1)) (consp nil) (consp [1]) (consp "a"))
(list (atom 1) (atom nil) (atom '(1)) (atom [1]) (atom "x"))
(list (listp nil) (listp '(1 . 2)) (listp [1]) (listp 'a))
(list (nlistp nil) (nlistp 1) (nlistp '(a)))
(list (symbolp 'a) (symbolp nil) (symbolp :k) (symbolp "a") (symbolp 1))
(list (keywordp :a) (keywordp 'a) (keywordp nil) (keywordp ":a") (keywordp (intern ":b")))
(list (vectorp [1]) (vectorp []) (vectorp "a") (vectorp '(1)) (vectorp (make-bool-vector 1 nil)))
(list (recordp (record 'r)) (recordp [r]) (recordp nil))
(list (stringp "") (stringp 'a) (stringp ?a) (stringp (make-string 2 ?x)))
(list (multibyte-string-p "abc") (multibyte-string-p "é") (multibyte-string-p (string-to-multibyte "abc")) (multibyte-string-p 'a))
(list (char-table-p (make-char-table 'corpus-x)) (char-table-p [1]) (char-table-p nil))
(list (vector-or-char-table-p [1]) (vector-or-char-table-p (make-char-table 'corpus-x)) (vector-or-char-table-p "x"))
(list (bool-vector-p (make-bool-vector 0 nil)) (bool-vector-p [t nil]) (bool-vector-p nil))
(list (arrayp [1]) (arrayp "a") (arrayp (make-bool-vector 2 nil)) (arrayp (make-char-table 'corpus-x)) (arrayp '(1)) (arrayp nil))
(list (sequencep nil) (sequencep '(1)) (sequencep [1]) (sequencep "a") (sequencep 1) (sequencep (make-bool-vector 2 t)))
(list (bufferp (current-buffer)) (bufferp "*corpus*") (bufferp nil))
(list (markerp (point-marker)) (markerp (make-marker)) (markerp 1))
(list (subrp (symbol-function 'car)) (subrp 'car) (subrp (symbol-function 'if)) (subrp (lambda () 1)))
(list (byte-code-function-p (symbol-function 'car)) (byte-code-function-p nil) (byte-code-function-p (lambda () 1)))
(list (module-function-p (symbol-function 'car)) (module-function-p nil))
(list (user-ptrp nil) (user-ptrp 1))
(list (char-or-string-p ?a) (char-or-string-p "a") (char-or-string-p 'a) (char-or-string-p -1) (char-or-string-p (max-char)) (char-or-string-p (1+ (max-char))))
(list (integerp 1) (integerp 1.0) (integerp (1+ most-positive-fixnum)) (integerp nil) (integerp ?a))
(list (integer-or-marker-p 1) (integer-or-marker-p (point-marker)) (integer-or-marker-p 1.0))
(list (natnump 0) (natnump 1) (natnump -1) (natnump 1.0) (natnump (1+ most-positive-fixnum)) (natnump (1- most-negative-fixnum)))
(list (numberp 1) (numberp 1.5) (numberp "1") (numberp (1+ most-positive-fixnum)))
(list (number-or-marker-p 1) (number-or-marker-p 1.5) (number-or-marker-p (point-marker)) (number-or-marker-p 'a))
(list (floatp 1.0) (floatp 1) (floatp 1.0e+INF) (floatp 0.0e+NaN))
(list (threadp nil) (mutexp nil) (condition-variable-p nil) (threadp 1))
(consp)  ; error
(consp 1 2)  ; error

;; car, cdr and friends
(car '(a b c))
(car nil)
(car '(nil))
(car 'a)  ; error
(car [1 2])  ; error
(car "abc")  ; error
(cdr '(a b c))
(cdr '(a . b))
(cdr nil)
(cdr 1)  ; error
(car-safe '(a b))
(car-safe 'a)
(car-safe nil)
(cdr-safe '(a b))
(cdr-safe "x")
(let ((l (list 1 2 3))) (setcar l 'x) l)
(let ((l (list 1 2 3))) (setcdr l '(y)) l)
(let ((l (list 1 2 3))) (list (setcar (cdr l) 'z) l))
(setcar nil 1)  ; error
(setcdr 'a 1)  ; error
(let ((l (list 1))) (setcdr l l) (list (car l) (car (cdr (cdr l)))))
(car '(1 2) '(3))  ; error

;; symbols: boundp, fboundp, makunbound, fmakunbound, symbol-function, plist, name, fset, defalias
(boundp 'corpus-data-never-bound)
(boundp nil)
(boundp t)
(boundp :keyword)
(boundp 'most-positive-fixnum)
(boundp 1)  ; error
(fboundp 'car)
(fboundp 'if)
(fboundp 'when)
(fboundp 'corpus-data-no-function)
(fboundp nil)
(fboundp "car")  ; error
(progn (defvar corpus-data-v1 10) (makunbound 'corpus-data-v1) (boundp 'corpus-data-v1))
(progn (defvar corpus-data-v2 10) (makunbound 'corpus-data-v2) (condition-case e corpus-data-v2 (error e)))
(makunbound nil)  ; error
(makunbound t)  ; error
(makunbound 'most-positive-fixnum)  ; error
(progn (fset 'corpus-data-f1 (lambda () 1)) (fmakunbound 'corpus-data-f1) (fboundp 'corpus-data-f1))
(progn (fset 'corpus-data-f2 #'car) (list (corpus-data-f2 '(5 6)) (symbol-function 'corpus-data-f2)))
(fmakunbound nil)  ; error
(fmakunbound t)  ; error
(symbol-function 'corpus-data-undefined)
(symbol-function 'car)
(symbol-function 'if)
(symbol-function nil)
(symbol-function "car")  ; error
(progn (fset 'corpus-data-f3 '(lambda (x) (* x 2))) (list (corpus-data-f3 4) (symbol-function 'corpus-data-f3)))
(progn (fset 'corpus-data-f4 'corpus-data-f5) (fset 'corpus-data-f5 #'1+) (list (indirect-function 'corpus-data-f4) (corpus-data-f4 1)))
(fset nil 'car)  ; error
(fset 'corpus-data-f6 nil)
(progn (defalias 'corpus-data-f7 #'cdr "Doc.") (list (corpus-data-f7 '(1 2)) (symbol-function 'corpus-data-f7)))
(defalias 'corpus-data-f8 (lambda (x) (+ x 100)))
(progn (defalias 'corpus-data-f9 (lambda (x) (+ x 100))) (corpus-data-f9 1))
(symbol-plist (make-symbol "fresh"))
(let ((s (make-symbol "p"))) (setplist s '(a 1 b 2)) (symbol-plist s))
(let ((s (make-symbol "p"))) (put s 'k 'v) (put s 'k2 'v2) (symbol-plist s))
(setplist "x" nil)  ; error
(symbol-name 'foo)
(symbol-name nil)
(symbol-name :kw)
(symbol-name (make-symbol "with space"))
(symbol-name (intern "é"))
(symbol-name "foo")  ; error
(symbol-name 'foo 'bar)  ; error

;; subrs
(subr-arity (symbol-function 'car))
(subr-arity (symbol-function 'cons))
(subr-arity (symbol-function '+))
(subr-arity (symbol-function 'if))
(subr-arity (symbol-function 'substring))
(subr-arity 'car)  ; error
(subr-name (symbol-function 'car))
(subr-name (symbol-function 'setq))
(subr-name (symbol-function 'string-equal))
(subr-name 'car)  ; error
(subr-native-elisp-p (symbol-function 'car))
(interactive-form 'car)
(interactive-form (lambda () (interactive "p") 1))
(interactive-form '(lambda (x) (interactive (list 1)) x))
(interactive-form (lambda () 1))
(interactive-form 'corpus-data-undefined)
(command-modes (lambda () (interactive "p" corpus-data-mode) 1))

;; symbol values, set, indirect-variable
(symbol-value 'most-positive-fixnum)
(symbol-value nil)
(symbol-value t)
(symbol-value :kw)
(symbol-value 'corpus-data-unbound)  ; error
(symbol-value 1)  ; error
(progn (defvar corpus-data-v3 nil) (set 'corpus-data-v3 42) (symbol-value 'corpus-data-v3))
(set nil 1)  ; error
(set t 1)  ; error
(set :kw 1)  ; error
(set :kw :kw)
(set 'most-positive-fixnum 1)  ; error
(set "x" 1)  ; error
(indirect-variable 'corpus-data-plain)
(progn (defvar corpus-data-base 5) (defvaralias 'corpus-data-alias 'corpus-data-base) (list (indirect-variable 'corpus-data-alias) corpus-data-alias))
(progn (defvar corpus-data-base2 5) (defvaralias 'corpus-data-alias2 'corpus-data-base2) (setq corpus-data-alias2 9) corpus-data-base2)
(indirect-variable 3)

;; variable watchers
(progn (defvar corpus-data-w1 0)
       (let ((log nil))
         (add-variable-watcher 'corpus-data-w1 (lambda (sym new op where) (setq log (cons (list sym new op where) log))))
         (setq corpus-data-w1 1)
         (let ((corpus-data-w1 2)) nil)
         (makunbound 'corpus-data-w1)
         (nreverse log)))
(progn (defvar corpus-data-w2 0)
       (let ((f (lambda (&rest _) nil)))
         (add-variable-watcher 'corpus-data-w2 f)
         (add-variable-watcher 'corpus-data-w2 f)
         (prog1 (length (get-variable-watchers 'corpus-data-w2))
           (remove-variable-watcher 'corpus-data-w2 f))))
(progn (defvar corpus-data-w3 0)
       (let ((f (lambda (&rest _) nil)))
         (add-variable-watcher 'corpus-data-w3 f)
         (remove-variable-watcher 'corpus-data-w3 f)
         (get-variable-watchers 'corpus-data-w3)))
(get-variable-watchers 'corpus-data-nowatch)
(add-variable-watcher 1 'ignore)  ; error

;; default values and buffer-local variables
(default-boundp 'fill-column)
(default-boundp 'corpus-data-nodefault)
(default-value 'fill-column)
(default-value 'corpus-data-nodefault)  ; error
(progn (defvar corpus-data-d1 1) (set-default 'corpus-data-d1 2) (default-value 'corpus-data-d1))
(set-default 'nil 3)  ; error
(with-temp-buffer (setq fill-column 33) (list fill-column (default-value 'fill-column) (local-variable-p 'fill-column)))
(with-temp-buffer (list (local-variable-p 'fill-column) (local-variable-if-set-p 'fill-column)))
(progn (defvar corpus-data-l1 'global)
       (with-temp-buffer
         (make-local-variable 'corpus-data-l1)
         (setq corpus-data-l1 'local)
         (list corpus-data-l1 (default-value 'corpus-data-l1) (local-variable-p 'corpus-data-l1)
               (with-temp-buffer corpus-data-l1))))
(progn (defvar corpus-data-l2 'global)
       (with-temp-buffer
         (set (make-local-variable 'corpus-data-l2) 'local)
         (kill-local-variable 'corpus-data-l2)
         (list corpus-data-l2 (local-variable-p 'corpus-data-l2))))
(progn (defvar corpus-data-l3 1)
       (make-variable-buffer-local 'corpus-data-l3)
       (with-temp-buffer
         (setq corpus-data-l3 2)
         (list corpus-data-l3 (default-value 'corpus-data-l3) (local-variable-p 'corpus-data-l3)
               (local-variable-if-set-p 'corpus-data-l3))))
(progn (defvar corpus-data-l4 'g)
       (with-temp-buffer
         (set (make-local-variable 'corpus-data-l4) 'l)
         (let ((corpus-data-l4 'let-bound))
           (list corpus-data-l4 (default-value 'corpus-data-l4)))))
(progn (defvar corpus-data-l5 'g)
       (with-temp-buffer
         (set (make-local-variable 'corpus-data-l5) 'l)
         (list (variable-binding-locus 'corpus-data-l5) (variable-binding-locus 'corpus-data-undefined-x))))
(progn (defvar corpus-data-l6 'g)
       (with-temp-buffer
         (make-local-variable 'corpus-data-l6)
         (setq-default corpus-data-l6 'new-default)
         (list corpus-data-l6 (default-value 'corpus-data-l6))))
(progn (defvar corpus-data-l7 0)
       (defun corpus-data-l7-fn (a) (+ a corpus-data-l7))
       (with-temp-buffer
         (make-local-variable 'corpus-data-l7)
         (setq corpus-data-l7 100)
         (list (corpus-data-l7-fn 1)
               (with-temp-buffer (corpus-data-l7-fn 1))
               (let ((corpus-data-l7 50)) (corpus-data-l7-fn 1)))))
(make-local-variable nil)  ; error
(make-local-variable 'most-positive-fixnum)  ; error
(make-variable-buffer-local 1)  ; error
(kill-local-variable 'corpus-data-never-local)
(local-variable-p 'fill-column 'not-a-buffer)  ; error

;; indirect-function
(indirect-function 'car)
(indirect-function 'corpus-data-undef)
(indirect-function nil)
(indirect-function 5)
(progn (fset 'corpus-data-if1 'corpus-data-if2) (fset 'corpus-data-if2 'corpus-data-if1) (condition-case e (indirect-function 'corpus-data-if1) (error (car e))))

;; aref, aset
(aref [1 2 3] 0)
(aref [1 2 3] 2)
(aref [1 2 3] 3)  ; error
(aref [1 2 3] -1)  ; error
(aref "abc" 1)
(aref "héllo" 1)
(aref "héllo" 2)
(aref (make-bool-vector 3 t) 1)
(aref '(1 2) 0)  ; error
(aref [1] 'x)  ; error
(let ((v (vector 1 2 3))) (aset v 1 'b) v)
(let ((s (copy-sequence "abc"))) (aset s 0 ?X) s)
(let ((s (copy-sequence "abc"))) (aset s 1 ?é) (list s (multibyte-string-p s)))
(let ((s (copy-sequence "héllo"))) (aset s 1 ?e) s)
(let ((b (make-bool-vector 4 nil))) (aset b 2 t) b)
(let ((v (vector 1))) (aset v 1 2))  ; error
(aset "abc" 0 ?x)
(let ((s (copy-sequence "abc"))) (aset s 0 'x))  ; error
(let ((ct (make-char-table 'corpus-x 0))) (aset ct ?a 1) (list (aref ct ?a) (aref ct ?b)))
(let ((r (record 'corpus-r 1 2))) (aset r 1 'x) r)

;; arithmetic comparison
(= 1 1)
(= 1 1.0)
(= 1 2)
(= 1 1 1 1)
(= 1 1 2)
(= 1)
(=)  ; error
(= 'a 1)  ; error
(= (point-min-marker) 1)
(< 1 2)
(< 1 2 3)
(< 1 3 2)
(< 1.5 2)
(< 2 1.5)
(> 3 2 1)
(> 3 2 2)
(<= 1 1 2)
(<= 2 1)
(>= 2 2 1)
(>= 1 2)
(/= 1 2)
(/= 1 1)
(/= 1.0 1)
(< 0.0e+NaN 1)
(= 0.0e+NaN 0.0e+NaN)
(= 0.0 -0.0)
(< most-positive-fixnum (1+ most-positive-fixnum))
(= (expt 2 70) (* (expt 2 35) (expt 2 35)))
(< 1 "2")  ; error

;; numbers and strings
(number-to-string 42)
(number-to-string -7)
(number-to-string 1.5)
(number-to-string 1.0)
(number-to-string 100.0)
(number-to-string 1e20)
(number-to-string 1e21)
(number-to-string 0.1)
(number-to-string 1e-5)
(number-to-string (/ 1.0 3))
(number-to-string -0.0)
(number-to-string 1.0e+INF)
(number-to-string -1.0e+INF)
(number-to-string 0.0e+NaN)
(number-to-string (expt 2 70))
(number-to-string 'a)  ; error
(string-to-number "42")
(string-to-number "  42")
(string-to-number "-42abc")
(string-to-number "abc")
(string-to-number "1.5")
(string-to-number "1e3")
(string-to-number ".5")
(string-to-number "ff" 16)
(string-to-number "FF" 16)
(string-to-number "777" 8)
(string-to-number "101" 2)
(string-to-number "z" 36)  ; error
(string-to-number "10" 1)  ; error
(string-to-number "10" 17)  ; error
(string-to-number "99999999999999999999999")
(string-to-number "1.5" 16)
(string-to-number "+5")
(string-to-number "")
(string-to-number 'a)  ; error

;; arithmetic
(+)
(+ 1)
(+ 1 2 3)
(+ 1 2.0)
(+ most-positive-fixnum 1)
(+ 'a 1)  ; error
(+ ?a 1)
(+ (point-min-marker) 1)
(-)
(- 5)
(- 5 3)
(- 5 3 1)
(- most-negative-fixnum)
(- 1.5)
(*)
(* 2 3 4)
(* 2 2.5)
(* most-positive-fixnum most-positive-fixnum)
(/ 10 3)
(/ -10 3)
(/ 10 -3)
(/ 10.0 4)
(/ 10 4.0)
(/ 5)
(/ 0.5)
(/ 10 0)  ; error
(/ 10.0 0)
(/ -1.0 0)
(/ 0.0 0)
(/ 100 2 5)
(/ (expt 10 30) (expt 10 28))
(% 10 3)
(% -10 3)
(% 10 -3)
(% 10 0)  ; error
(% 10.0 3)  ; error
(mod 10 3)
(mod -10 3)
(mod 10 -3)
(mod 10.5 3)
(mod -10.5 3)
(mod 10 0)  ; error
(mod (expt 2 70) 7)
(max 1 2 3)
(max 1 2.0)
(max 3.0 1)
(max 1)
(max)  ; error
(max 'a 1)  ; error
(min 1 2 3)
(min -1 -1.0)
(min 1 0.0e+NaN)
(max 0.0e+NaN 1)

;; bitwise
(logand)
(logand 12 10)
(logand -1 255)
(logand 12 10 8)
(logior)
(logior 12 10)
(logior 1 2 4)
(logxor 12 10)
(logxor 12 10 1)
(logand 1.0 1)  ; error
(logcount 0)
(logcount 255)
(logcount -1)
(logcount -8)
(logcount (expt 2 70))
(ash 1 10)
(ash 1024 -3)
(ash -1 -1)
(ash -8 -1)
(ash 1 64)
(ash 1 -1)
(ash 1.0 1)  ; error
(1+ 1)
(1+ 1.5)
(1+ most-positive-fixnum)
(1+ 'a)  ; error
(1- 0)
(1- most-negative-fixnum)
(1- 0.5)
(lognot 0)
(lognot 5)
(lognot -1)
(lognot (expt 2 70))
(byteorder)

;; bool vectors
(make-bool-vector 5 t)
(make-bool-vector 0 nil)
(make-bool-vector 10 nil)
(bool-vector t nil t t)
(bool-vector-count-population (bool-vector t nil t t))
(bool-vector-count-population (make-bool-vector 100 t))
(bool-vector-not (bool-vector t nil t))
(let ((b (make-bool-vector 3 nil))) (bool-vector-not (bool-vector t nil t) b) b)
(bool-vector-union (bool-vector t nil nil) (bool-vector nil nil t))
(bool-vector-intersection (bool-vector t t nil) (bool-vector nil t t))
(bool-vector-exclusive-or (bool-vector t t nil) (bool-vector nil t t))
(bool-vector-set-difference (bool-vector t t nil) (bool-vector nil t t))
(bool-vector-union (bool-vector t) (bool-vector t nil))  ; error
(bool-vector-subsetp (bool-vector t nil) (bool-vector t t))
(bool-vector-subsetp (bool-vector t t) (bool-vector t nil))
(bool-vector-count-consecutive (bool-vector t t nil t) t 0)
(bool-vector-count-consecutive (bool-vector t t nil t) nil 2)
(bool-vector-count-consecutive (bool-vector t t nil t) t 3)
(bool-vector-count-consecutive (make-bool-vector 70 t) t 1)
(let ((b (make-bool-vector 3 nil))) (bool-vector-union (bool-vector t nil nil) (bool-vector nil t nil) b))
(length (make-bool-vector 17 nil))
(vconcat (bool-vector t nil t))
;; number-to-string of fixnums at the edges (C's sprintf of `%ld')
(list (number-to-string 0) (number-to-string most-positive-fixnum) (number-to-string most-negative-fixnum) (number-to-string -1) (number-to-string 1000000007))
;; arithmetic past the fixnums with several arguments, floats, markers, division by zero and
;; integer-width (arith_driver's bignum_arith_driver), and comparisons of integers
(list (+ (expt 2 70) 1 2 3) (- (expt 2 70) (expt 2 69) 1) (* (expt 2 40) (expt 2 40) 3) (/ (expt 2 80) 3 -7) (/ (- (expt 2 80)) 7) (logand (expt 2 70) (1- (expt 2 71))) (logior (expt 2 70) 5) (logxor (- (expt 2 70)) 12345) (+ most-positive-fixnum 1) (- most-negative-fixnum 1))
(list (+ (expt 2 70) 1.5) (* (expt 2 70) 0.5 2) (- (expt 2 70) 1 0.5))
(/ (expt 2 70) 0)  ; error
(/ (expt 2 70) 2 0)  ; error
(with-temp-buffer (insert "abc") (list (+ (expt 2 70) (point-marker)) (* (expt 2 70) (point-min-marker))))
(let ((integer-width 70)) (* (expt 2 100) (expt 2 100)))  ; error
(let ((integer-width 70)) (list (* (expt 2 100) (expt 2 100) 0) (- (* (expt 2 100) (expt 2 100)) (* (expt 2 100) (expt 2 100)))))  ; error
(let ((integer-width 70)) (* (expt 2 100) (expt 2 100) 0))
(list (< (expt 2 70) (expt 2 71)) (= (expt 2 70) (expt 2 70)) (> (- (expt 2 70)) 1) (<= 1 2 (expt 2 70)) (>= (expt 2 70) 1.0e30) (/= (expt 2 70) (1+ (expt 2 70))) (< 1 2.5) (= 1 1.0) (< 0.0e+NaN 1) (> most-positive-fixnum (1- most-positive-fixnum)))
(with-temp-buffer (insert "abc") (list (< (point-min-marker) 2 (point-max-marker)) (= (point-marker) 4)))
(< 1 'a)  ; error
;; the same vectors asked about in turn (the runtime remembers the last answers): a plain one, one read as byte-code, one with byte-code's slots
(let* ((v (vector 1 2 3)) (f (read "#[257 \"\\300\\207\" [7] 2]"))) (list (aref v 0) (byte-code-function-p v) (aref f 0) (byte-code-function-p f) (funcall f 1) (aref v 1) (byte-code-function-p (vector 257 "\207" [] 1)) (byte-code-function-p f) (byte-code-function-p v) (aref f 2)))
