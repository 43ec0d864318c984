;;; lread.el --- corpus: the DEFUNs of lread.c (the reader)  -*- lexical-binding: t -*-

;; read-from-string: atoms
(read-from-string "foo")
(read-from-string "  foo bar")
(read-from-string "42")
(read-from-string "-42")
(read-from-string "+42")
(read-from-string "42.")
(read-from-string "1.5")
(read-from-string ".5")
(read-from-string "-.5")
(read-from-string "1e3")
(read-from-string "1.5e-3")
(read-from-string "1.0e+INF")
(read-from-string "-0.0e+NaN")
(read-from-string "123456789012345678901234567890")
(read-from-string "#x1F")
(read-from-string "#X1f")
(read-from-string "#o17")
(read-from-string "#b1010")
(read-from-string "#24r1k")
(read-from-string "#x-10")
(read-from-string "1+")
(read-from-string "+")
(read-from-string "-")
(read-from-string "1e")
(read-from-string "\\1")
(read-from-string "a\\ b")
(read-from-string "a\\(b")
(read-from-string ":kw")
(read-from-string "nil")
(read-from-string "é")
(read-from-string "#:unint")
(read-from-string "##")
(read-from-string "#_foo")
(let ((s (car (read-from-string "#:x")))) (list s (eq s (intern "x")) (intern-soft s)))
(read-from-string "?a")
(read-from-string "?\\n")
(read-from-string "?\\C-a")
(read-from-string "?\\M-a")
(read-from-string "?\\^?")
(read-from-string "?\\x41")
(read-from-string "?\\101")
(read-from-string "?\\u00e9")
(read-from-string "?\\N{U+1F600}")
(read-from-string "?\\s")
(read-from-string "?\\(")
(read-from-string "?é")
(read-from-string "?ab")  ; error
(read-from-string "?")  ; error

;; strings
(read-from-string "\"abc\"")
(read-from-string "\"a\\nb\\tc\"")
(read-from-string "\"\\x41\\101\\u00e9\"")
(read-from-string "\"\\xe9\"")
(read-from-string "\"\\351\"")
(read-from-string "\"\\u00e9\\351\"")
(read-from-string "\"a\\\nb\"")
(read-from-string "\"a\\ b\"")
(read-from-string "\"\\C-a\\^b\"")
(read-from-string "\"\\M-a\"")
(read-from-string "\"\\s\\d\\e\"")
(read-from-string "\"é\"")
(multibyte-string-p (car (read-from-string "\"abc\"")))
(multibyte-string-p (car (read-from-string "\"\\u0041\"")))
(read-from-string "\"\\N{LATIN SMALL LETTER E WITH ACUTE}\"")
(read-from-string "\"unterminated")  ; error

;; lists, vectors and other syntax
(read-from-string "(a b c)")
(read-from-string "(a . b)")
(read-from-string "(a b . c)")
(read-from-string "(a . b c)")  ; error
(read-from-string "(. a)")
(read-from-string "( )")
(read-from-string "(a (b (c)))")
(read-from-string "'a")
(read-from-string "#'car")
(read-from-string "`(a ,b ,@c)")
(read-from-string "[a (b) \"c\"]")
(read-from-string "[]")
(read-from-string "#s(corpus-rec 1 2)")
(read-from-string "#s(hash-table test equal data (a 1 b 2))")
(let ((h (car (read-from-string "#s(hash-table test equal data (\"k\" v))")))) (list (hash-table-p h) (gethash "k" h)))
(read-from-string "#&5\"\\37\"")
(read-from-string "#(\"abc\" 0 1 (face bold))")
(read-from-string "#1=(a . #1#)")
(let ((x (car (read-from-string "#1=(a . #1#)")))) (eq x (cdr x)))
(let ((x (car (read-from-string "(#1=(x) #1#)")))) (eq (car x) (cadr x)))
(read-from-string "#@00")
(read-from-string "(a ; comment\n b)")
(read-from-string "#!shebang\nfoo")
(read-from-string "#[(x) \"\\300\\207\" [x] 1]")
(read-from-string "")  ; error
(read-from-string "   ")  ; error
(read-from-string ")")  ; error
(read-from-string "]")  ; error
(read-from-string "(a")  ; error
(read-from-string "[a")  ; error
(read-from-string "#<buffer x>")  ; error
(read-from-string "#")  ; error
(read-from-string "#s(")  ; error
(read-from-string "#zz")  ; error
(read-from-string ",")  ; error

;; read-from-string positions
(read-from-string "a b c" 2)
(read-from-string "a b c" 2 3)
(read-from-string "(a b) c" 0 3)  ; error
(read-from-string "abc" -2)
(read-from-string "abc" 4)  ; error
(read-from-string "abc" 2 1)  ; error
(read-from-string 'notastring)  ; error

;; read from other streams
(read "(from string)")
(read "")  ; error
(with-temp-buffer (insert "(a b) c \"d\"") (goto-char 1) (list (read (current-buffer)) (point) (read (current-buffer)) (read (current-buffer)) (point)))
(with-temp-buffer (insert "  x") (goto-char 1) (condition-case e (list (read (current-buffer)) (read (current-buffer))) (error (list e (point)))))
(with-temp-buffer (insert "foo bar") (let ((m (copy-marker 4))) (list (read m) (marker-position m))))
(let ((chars (string-to-list "(lambda-stream 1)")) (unread nil)) (read (lambda (&optional ch) (if ch (push ch unread) (if unread (pop unread) (pop chars))))))
(read 'corpus-not-a-stream)  ; error
(read "?\\^I")

;; intern, intern-soft, unintern, mapatoms
(eq (intern "corpus-lr-sym") 'corpus-lr-sym)
(intern-soft "corpus-lr-never-interned-xyzzy")
(progn (intern "corpus-lr-interned") (intern-soft "corpus-lr-interned"))
(intern-soft 'car)
(intern-soft (make-symbol "car"))
(intern "")
(intern 'x)  ; error
(let ((ob (make-vector 7 0))) (list (eq (intern "foo" ob) 'foo) (eq (intern "foo" ob) (intern "foo" ob)) (intern-soft "foo" ob) (intern-soft "bar" ob)))
(let ((ob (make-vector 7 0))) (intern "a" ob) (intern "b" ob) (intern "c" ob) (let (l) (mapatoms (lambda (s) (push (symbol-name s) l)) ob) (sort l #'string<)))
(let ((ob (make-vector 7 0))) (intern "a" ob) (list (unintern "a" ob) (intern-soft "a" ob) (unintern "a" ob)))
(let ((ob (make-vector 7 0))) (let ((s (intern "x" ob))) (unintern s ob) (intern-soft "x" ob)))
(intern "x" [1 2])  ; error
(let ((ob (make-vector 7 0))) (intern "é" ob) (symbol-name (intern-soft "é" ob)))
(let ((n 0)) (mapatoms (lambda (_s) (setq n (1+ n)))) (> n 1000))
(let ((found nil)) (mapatoms (lambda (s) (when (eq s 'car) (setq found t)))) found)

;; eval-buffer, eval-region, load
(progn (defvar corpus-lr-eb nil) (with-temp-buffer (insert "(setq corpus-lr-eb (list 1 2))\n(setq corpus-lr-eb (cons 0 corpus-lr-eb))") (eval-buffer)) corpus-lr-eb)
(progn (defvar corpus-lr-er nil) (with-temp-buffer (insert "(setq corpus-lr-er 'first) (setq corpus-lr-er 'second)") (eval-region 1 27)) corpus-lr-er)
(with-temp-buffer (insert "(car 1)") (condition-case e (eval-buffer) (error e)))
(with-temp-buffer (insert "(list 1") (condition-case e (eval-buffer) (error e)))
(with-temp-buffer (insert ";; -*- lexical-binding: t -*-\n(defvar corpus-lr-lex nil)\n(setq corpus-lr-lex (let ((x 1)) (lambda () x)))") (eval-buffer) (functionp corpus-lr-lex))
(load "corpus-lread-no-such-file-xyzzy" t)
(load "corpus-lread-no-such-file-xyzzy")  ; error
(locate-file-internal "corpus-no-such-file" '("/corpus-no-such-dir"))
(lread--substitute-object-in-subtree (list 'a 'corpus-ph (vector 'corpus-ph)) 'corpus-ph t)
(let ((x (list 'a 'corpus-ph (vector 'corpus-ph)))) (lread--substitute-object-in-subtree x 'corpus-ph t) (list (eq (nth 1 x) x) (eq (aref (nth 2 x) 0) x)))

;; Symbols named T and NIL are not t and nil (case counts in elisp's names)
(list (eq 'T t) (symbol-name 'T) (eq (intern "T") 'T) (eq 'NIL nil) (symbol-name 'NIL))
(list (symbol-name (read "T")) (eq (read "T") t) (eq (read "t") t) (eq (read "NIL") nil))
