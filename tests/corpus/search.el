;;; search.el --- corpus: the DEFUNs of search.c (and the regexp engine)  -*- lexical-binding: t -*-

;; string-match and the match data
(string-match "b" "abc")
(string-match "z" "abc")
(string-match "" "abc")
(string-match "^" "")
(list (string-match "\\(b\\)\\(c\\)" "abcd") (match-data))
(progn (string-match "l+" "hello") (list (match-beginning 0) (match-end 0)))
(progn (string-match "\\(x\\)?b" "ab") (list (match-beginning 1) (match-end 1) (match-data)))
(progn (string-match "a" "a") (match-beginning -1))  ; error
(string-match "o" "foo boo" 3)
(string-match "o" "foo" -1)
(string-match "o" "foo" 10)  ; error
(string-match "o" "foo" -10)  ; error
(string-match "a" 'sym)  ; error
(string-match 'a "a")  ; error
(let ((case-fold-search t)) (string-match "ABC" "xabc"))
(let ((case-fold-search nil)) (string-match "ABC" "xabc"))
(let ((case-fold-search t)) (string-match "[A-C]+" "xxabcz"))
(string-match "é" "café")
(progn (string-match "f\\(é\\)" "café") (match-data))
(string-match "." "é")
(progn (string-match "..$" "naïve") (match-beginning 0))
(string-match "[à-ü]+" "abcéèz")
(string-match "\\w+" "--héllo--")
(progn (string-match "\\w+" "--héllo--") (match-end 0))
(string-match "\351" "a\351")
(string-match "[[:digit:]]+" "abc123")
(string-match "[[:upper:]]" "abcDe")
(let ((case-fold-search nil)) (string-match "[[:upper:]]" "abcDe"))
(string-match "[[:space:]]" "ab\tc")
(string-match "[[:punct:]]" "ab,c")
(string-match "[[:alnum:]]+$" "--x1")
(string-match "[^a-z]" "abc1")
(string-match "[]a]" "]")
(string-match "[a-]" "-")
(string-match "\\bfoo\\b" "a foo b")
(string-match "\\bfoo\\b" "afoob")
(string-match "\\<b" "ab b")
(string-match "c\\>" "abc d")
(string-match "\\_<foo-bar\\_>" "x foo-bar y")
(string-match "\\`a" "ba")
(string-match "a\\'" "ba")
(string-match "\\s-" "ab c")
(string-match "\\S-+" "  ab")
(string-match "\\W" "ab-c")
(string-match "a*?" "aaa")
(progn (string-match "a+?" "aaa") (match-end 0))
(progn (string-match "a+" "aaa") (match-end 0))
(progn (string-match "<.*>" "<a><b>") (match-end 0))
(progn (string-match "<.*?>" "<a><b>") (match-end 0))
(string-match "ab?c" "ac")
(string-match "a\\{2,3\\}" "a aa aaaa")
(progn (string-match "a\\{2,3\\}" "aaaa") (match-end 0))
(string-match "a\\{3\\}" "aa")
(string-match "x\\|y" "aay")
(progn (string-match "\\(a\\|ab\\)\\(c\\|bcd\\)" "abcd") (match-data))
(progn (posix-string-match "\\(a\\|ab\\)\\(c\\|bcd\\)" "abcd") (match-data))
(progn (string-match "a\\|ab" "abc") (match-end 0))
(progn (posix-string-match "a\\|ab" "abc") (match-end 0))
(progn (string-match "\\(a\\)\\1" "xaa") (match-data))
(string-match "\\(ab\\)\\1" "abac")
(progn (string-match "\\(?:ab\\)+\\(c\\)" "ababc") (match-data))
(progn (string-match "\\(?2:a\\)\\(b\\)" "ab") (match-data))
(progn (string-match "\\(a\\)\\|\\(b\\)" "b") (match-data))
(string-match "\\(" "x")  ; error
(string-match "\\)" "x")  ; error
(string-match "[a" "x")  ; error
(string-match "a\\{2,1\\}" "x")  ; error
(string-match "\\{" "x")  ; error
(string-match "*a" "*a")
(string-match "+" "a+")
(string-match "\\(?:" "x")  ; error
(string-match "[[:nonsense:]]" "x")  ; error
(string-match "a\\{70000\\}" "x")  ; error
(string-match "\\9" "x")  ; error
(string-match "\\=" "x")
(string-match "\n" "a\nb")
(string-match "^b" "a\nb")
(string-match "a$" "a\nb")
(string-match "a.b" "a\nb")
(string-match "[\n]" "a\nb")
(string-match-p "b" "abc")
(progn (string-match "a" "a") (string-match-p "b" "xb") (match-end 0))

;; regexp-quote
(regexp-quote "a.b*c")
(regexp-quote "[x]^$\\+?")
(regexp-quote "plain")
(regexp-quote "")
(regexp-quote "é.")
(string-match (regexp-quote "1+1=2") "is 1+1=2?")
(regexp-quote 'a)  ; error

;; looking-at
(with-temp-buffer (insert "hello world") (goto-char 1) (looking-at "hel+"))
(with-temp-buffer (insert "hello world") (goto-char 1) (looking-at "world"))
(with-temp-buffer (insert "hello world") (goto-char 7) (list (looking-at "w\\(or\\)") (match-data t)))
(with-temp-buffer (insert "hello world") (goto-char 1) (looking-at "\\(a\\|ab\\)*") (match-end 0))
(with-temp-buffer (insert "abcd") (goto-char 1) (posix-looking-at "\\(a\\|ab\\)\\(c\\|bcd\\)") (match-data t))
(with-temp-buffer (insert "Hello") (goto-char 1) (let ((case-fold-search nil)) (looking-at "hello")))
(with-temp-buffer (insert "Hello") (goto-char 1) (let ((case-fold-search t)) (looking-at "hello")))
(with-temp-buffer (insert "hello") (goto-char 1) (looking-at "hello$"))
(with-temp-buffer (insert "hello") (goto-char 3) (looking-at "\\="))
(with-temp-buffer (insert "hello") (narrow-to-region 1 3) (goto-char 1) (looking-at "hel"))
(with-temp-buffer (insert "abc") (goto-char 1) (list (looking-at-p "a") (match-data t)))
(with-temp-buffer (insert "hello") (goto-char 1) (looking-at "\\("))  ; error
(with-temp-buffer (insert "hello") (looking-at 'x))  ; error
(with-temp-buffer (insert "hello world") (goto-char 7) (looking-back "hello " 1))

;; search-forward, search-backward
(with-temp-buffer (insert "one two one two") (goto-char 1) (list (search-forward "two") (point)))
(with-temp-buffer (insert "one two one two") (goto-char 1) (list (search-forward "two" nil nil 2) (point)))
(with-temp-buffer (insert "one two one two") (goto-char 1) (search-forward "three"))  ; error
(with-temp-buffer (insert "one two one two") (goto-char 1) (list (search-forward "three" nil t) (point)))
(with-temp-buffer (insert "one two one two") (goto-char 1) (list (search-forward "three" nil 'move) (point)))
(with-temp-buffer (insert "one two one two") (goto-char 1) (list (search-forward "two" 6 t) (point)))
(with-temp-buffer (insert "one two one two") (goto-char 1) (list (search-forward "three" 6 'move) (point)))
(with-temp-buffer (insert "one two one two") (goto-char 10) (search-forward "two" 5))  ; error
(with-temp-buffer (insert "one two one two") (list (search-backward "one") (point) (match-data t)))
(with-temp-buffer (insert "one two one two") (list (search-backward "one" nil nil 2) (point)))
(with-temp-buffer (insert "one two one two") (list (search-backward "zzz" nil t) (point)))
(with-temp-buffer (insert "one two one two") (goto-char 1) (list (search-forward "two" nil nil -1) (point)))  ; error
(with-temp-buffer (insert "One TWO") (goto-char 1) (let ((case-fold-search t)) (search-forward "two")))
(with-temp-buffer (insert "One TWO") (goto-char 1) (let ((case-fold-search nil)) (search-forward "two" nil t)))
(with-temp-buffer (insert "café au lait") (goto-char 1) (list (search-forward "é") (point) (match-beginning 0)))
(with-temp-buffer (insert "a.b.c") (goto-char 1) (search-forward ".") (point))
(with-temp-buffer (insert "abc") (goto-char 1) (search-forward ""))
(with-temp-buffer (insert "abc") (goto-char 1) (search-forward 'x))  ; error

;; re-search-forward, re-search-backward
(with-temp-buffer (insert "foo123bar456") (goto-char 1) (list (re-search-forward "[0-9]+") (match-string 0) (point)))
(with-temp-buffer (insert "foo123bar456") (goto-char 1) (let (acc) (while (re-search-forward "[0-9]+" nil t) (push (match-string 0) acc)) (nreverse acc)))
(with-temp-buffer (insert "foo123bar456") (list (re-search-backward "[a-z]+") (match-string 0) (point)))
(with-temp-buffer (insert "foo123bar456") (list (re-search-backward "[0-9]+") (match-string 0)))
(with-temp-buffer (insert "foo123bar456") (goto-char 1) (re-search-forward "x+"))  ; error
(with-temp-buffer (insert "foo123bar456") (goto-char 1) (re-search-forward "\\(bar\\)\\([0-9]\\)") (list (match-string 1) (match-string 2) (match-beginning 2) (match-data t)))
(with-temp-buffer (insert "line1\nline2\nline3") (goto-char 1) (let (acc) (while (re-search-forward "^line\\([0-9]\\)$" nil t) (push (match-string 1) acc)) acc))
(with-temp-buffer (insert "aaa") (goto-char 1) (let ((n 0)) (while (and (< n 10) (re-search-forward "a*" nil t)) (setq n (1+ n)) (unless (eobp) (goto-char (1+ (point))))) n))
(with-temp-buffer (insert "aaa") (goto-char 1) (re-search-forward "a*" nil t) (point))
(with-temp-buffer (insert "abc") (goto-char 1) (re-search-forward "\\(" nil t))  ; error
(with-temp-buffer (insert "abcabc") (goto-char 1) (list (re-search-forward "b" nil t 2) (point)))
(with-temp-buffer (insert "abcabc") (list (re-search-backward "b" nil t 2) (point)))
(with-temp-buffer (insert "abcabc") (goto-char 1) (list (re-search-forward "c" 3 t) (point)))
(with-temp-buffer (insert "word1 word2") (goto-char 1) (re-search-forward "\\bword2\\b") (match-beginning 0))
(with-temp-buffer (insert "abcd") (goto-char 1) (posix-search-forward "\\(a\\|ab\\)\\(c\\|bcd\\)") (match-data t))
(with-temp-buffer (insert "abcd") (posix-search-backward "b\\|bc") (match-data t))
(with-temp-buffer (insert "xéy") (goto-char 1) (re-search-forward "é\\(.\\)") (list (match-string 1) (match-data t) (point)))
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (goto-char (point-min)) (list (re-search-forward "o" nil t) (re-search-forward "l+" nil t)))
(with-temp-buffer (insert "ab ab") (goto-char 1) (re-search-forward "\\(ab\\) \\1") (match-data t))

;; replace-match in buffers
(with-temp-buffer (insert "hello world") (goto-char 1) (re-search-forward "world") (replace-match "there") (list (buffer-string) (point)))
(with-temp-buffer (insert "hello world") (goto-char 1) (re-search-forward "\\(hello\\) \\(world\\)") (replace-match "\\2 \\1") (buffer-string))
(with-temp-buffer (insert "hello world") (goto-char 1) (re-search-forward "world") (replace-match "[\\&]") (buffer-string))
(with-temp-buffer (insert "hello world") (goto-char 1) (re-search-forward "world") (replace-match "\\&" nil t) (buffer-string))
(with-temp-buffer (insert "hello world") (goto-char 1) (re-search-forward "\\(wor\\)ld") (replace-match "WOR" t t nil 1) (buffer-string))
(with-temp-buffer (insert "Hello") (goto-char 1) (let ((case-fold-search t)) (re-search-forward "hello")) (replace-match "goodbye") (buffer-string))
(with-temp-buffer (insert "HELLO") (goto-char 1) (let ((case-fold-search t)) (re-search-forward "hello")) (replace-match "goodbye") (buffer-string))
(with-temp-buffer (insert "HELLO") (goto-char 1) (let ((case-fold-search t)) (re-search-forward "hello")) (replace-match "goodbye" t) (buffer-string))
(with-temp-buffer (insert "hello") (goto-char 1) (re-search-forward "h\\(x\\)?") (replace-match "\\1" t) (buffer-string))
(with-temp-buffer (insert "hello") (goto-char 1) (re-search-forward "hello") (replace-match "\\?"))  ; error
(with-temp-buffer (insert "hello") (goto-char 1) (re-search-forward "hello") (replace-match "a\\\\b") (buffer-string))
(with-temp-buffer (insert "héllo") (goto-char 1) (re-search-forward "é") (replace-match "ee") (list (buffer-string) (point)))
(with-temp-buffer (insert "aaa") (goto-char 1) (while (re-search-forward "a" nil t) (replace-match "bb")) (buffer-string))
(with-temp-buffer (insert "abc") (goto-char 1) (re-search-forward "b") (erase-buffer) (condition-case e (replace-match "x") (error (car e))))

;; replace-match in strings
(progn (string-match "world" "hello world") (replace-match "there" nil nil "hello world"))
(progn (string-match "\\(\\w+\\) \\(\\w+\\)" "hello world") (replace-match "\\2 \\1" nil nil "hello world"))
(progn (string-match "o" "foo") (replace-match "0" nil nil "foo"))
(progn (string-match "\\(o\\)\\(o\\)" "foo") (replace-match "X" nil nil "foo" 2))
(progn (string-match "é" "café") (replace-match "e" nil nil "café"))
(progn (string-match "Abc" "Abc") (replace-match "xyz" nil nil "Abc"))
(progn (string-match "abc" "ABC x") (replace-match "xyz" nil nil "ABC x"))
(let ((case-fold-search t)) (string-match "abc" "ABC x") (replace-match "xyz" nil nil "ABC x"))
(progn (string-match "b" (propertize "abc" 'face 'bold)) (replace-match "X" nil nil (propertize "abc" 'face 'bold)))

;; match-data, set-match-data, match-data--translate
(progn (set-match-data '(1 3 5 7)) (list (match-beginning 0) (match-end 0) (match-beginning 1) (match-end 1) (match-data)))
(progn (set-match-data nil) (match-data))
(set-match-data 'x)  ; error
(progn (set-match-data '(1 3 nil nil 5 7)) (match-data))
(progn (string-match "\\(a\\)\\(x\\)?" "a") (match-data))
(progn (string-match "b" "abc") (let ((md (match-data))) (string-match "c" "abc") (set-match-data md) (match-beginning 0)))
(progn (string-match "b\\(c\\)" "abc") (match-data--translate 10) (match-data))
(progn (string-match "b" "abc") (match-data--translate -1) (match-data))
(progn (string-match "\\(b\\)" "abc") (let ((l (list 0 0 0 0 0 0))) (eq l (match-data t l))))
(progn (string-match "\\(b\\)" "abc") (match-data t (list 9 9 9 9 9 9 9)))
(with-temp-buffer (insert "abc") (goto-char 1) (re-search-forward "b") (let ((md (match-data))) (list (markerp (car md)) (mapcar #'marker-position md))))
(with-temp-buffer (insert "abc") (goto-char 1) (re-search-forward "b") (match-data t))
(with-temp-buffer (insert "abc") (goto-char 1) (re-search-forward "b") (match-data 'integers nil t))
(progn (string-match "b" "abc") (save-match-data (string-match "c" "abc")) (match-beginning 0))
(progn (string-match "\\(b\\)\\(c\\)" "abc") (list (match-string 0 "abc") (match-string 2 "abc") (match-string-no-properties 1 "abc")))
(with-temp-buffer (newline-cache-check))

;; subr.el helpers built on the regexp primitives
(replace-regexp-in-string "o" "0" "foo boo")
(replace-regexp-in-string "\\(o+\\)" "<\\1>" "foo boo")
(replace-regexp-in-string "o" (lambda (m) (upcase m)) "foo")
(replace-regexp-in-string "^" "> " "a\nb")
(replace-regexp-in-string "x" "y" "")
(replace-regexp-in-string "é" "e" "éclair")
(split-string "a b  c")
(split-string "a,b,,c" ",")
(split-string "a,b,,c" "," t)
(split-string "  two words " nil)
(split-string " a - b " "-" t "[ ]+")
(split-string "" ",")
(split-string "héllo wörld")
(string-trim "  hi  ")
(string-trim-left "xxhixx" "x+")
(string-trim-right "hi\n\n")
(string-prefix-p "ab" "abc")
(string-suffix-p "bc" "abc")

;; \= in a string: no buffer position (cc-mode's font-lock matchers, built when c-mode starts)
(string-match "\\(\\=\\|\\(\\=\\|[^\\]\\)[\n]\\)" "")
(string-match "a\\=" "xa")
