;;; fns.el --- corpus: the DEFUNs of fns.c  -*- lexical-binding: t -*-

;; identity, random
(identity 'x)
(identity '(1 2))
(identity)  ; error
(integerp (random))
(let ((r (random 10))) (and (>= r 0) (< r 10)))
(random 1)
(integerp (random 0))
(integerp (random "corpus-seed"))

;; length and friends
(length nil)
(length '(1 2 3))
(length [1 2])
(length "abc")
(length "héllo")
(length (make-bool-vector 9 nil))
(length '(1 . 2))  ; error
(length 'a)  ; error
(length 5)  ; error
(let ((l (list 1 2))) (setcdr (cdr l) l) (condition-case e (length l) (error (car e))))
(safe-length '(1 2 3))
(safe-length '(1 2 . 3))
(safe-length 'a)
(let ((l (list 1 2 3))) (setcdr (cddr l) l) (safe-length l))
(length< '(1 2) 3)
(length< '(1 2 3) 3)
(length> '(1 2 3) 2)
(length> "ab" 2)
(length= '(1 2) 2)
(length= [1 2 3] 2)
(length< '(1 2 . 3) 5)
(length= 'a 1)  ; error
(proper-list-p '(1 2 3))
(proper-list-p nil)
(proper-list-p '(1 . 2))
(proper-list-p [1 2])
(let ((l (list 1 2))) (setcdr (cdr l) l) (proper-list-p l))

;; strings: bytes, distance, comparison
(string-bytes "abc")
(string-bytes "é")
(string-bytes "héllo")
(string-bytes "\300")
(string-bytes (string-to-multibyte "\300"))
(string-bytes "€")
(string-bytes 'a)  ; error
(string-distance "kitten" "sitting")
(string-distance "abc" "abc")
(string-distance "" "abc")
(string-distance "héllo" "hello")
(string-distance "héllo" "hello" t)
(string-equal "abc" "abc")
(string-equal "abc" "ABC")
(string-equal 'abc "abc")
(string-equal "é" "é")
(string-equal "" "")
(string-equal 1 "1")  ; error
(string= "a" "a")
(compare-strings "abc" nil nil "abd" nil nil)
(compare-strings "abc" nil nil "abc" nil nil)
(compare-strings "abc" nil nil "ABC" nil nil t)
(compare-strings "abcdef" 1 3 "xbcx" 1 3)
(compare-strings "ab" nil nil "abc" nil nil)
(compare-strings "abc" nil nil "ab" nil nil)
(compare-strings "abc" 0 10 "abc" 0 10)
(compare-strings "abc" 4 nil "abc" nil nil)  ; error
(compare-strings "héllo" nil nil "hello" nil nil)
(string-lessp "abc" "abd")
(string-lessp "abd" "abc")
(string-lessp "ab" "abc")
(string-lessp "" "a")
(string-lessp 'a 'b)
(string-lessp "B" "a")
(string-lessp "é" "z")
(string-lessp 1 "a")  ; error
(string< "a" "b")
(string-version-lessp "foo2.png" "foo12.png")
(string-version-lessp "foo12" "foo2")
(string-version-lessp "a" "b")
(string-version-lessp "1.10" "1.9")
(string-version-lessp 'a "b")
(string-collate-lessp "a" "b" "POSIX")
(string-collate-equalp "abc" "abc" "POSIX")

;; append, concat, vconcat, copy-sequence
(append)
(append '(1 2) '(3 4))
(append '(1) nil '(2) '(3 . 4))
(append [1 2] nil)
(append "ab" nil)
(append '(1) 'a)
(append '(1) [2 3])
(append 1 nil)  ; error
(let ((l (list 1 2))) (eq (cdr (append '(0) l)) l))
(append (make-bool-vector 3 t) nil)
(concat)
(concat "ab" "cd")
(concat "ab" '(?c ?d) [?e])
(concat "h" "é" "llo")
(concat "a" nil "b")
(concat '(1000))
(concat "a" 'b)  ; error
(concat '(a))  ; error
(concat "\300" "é")
(multibyte-string-p (concat "a" "b"))
(vconcat)
(vconcat '(1 2) [3] "ab")
(vconcat nil)
(vconcat 'a)  ; error
(copy-sequence '(1 2 3))
(copy-sequence [1 2])
(copy-sequence "abc")
(copy-sequence nil)
(let ((l (list 1 2))) (eq l (copy-sequence l)))
(copy-sequence 'a)  ; error
(copy-sequence (propertize "ab" 'face 'bold))
(copy-sequence (bool-vector t nil))
(copy-sequence (record 'corpus-r 1))

;; unibyte/multibyte conversions
(string-make-multibyte "abc")
(multibyte-string-p (string-make-multibyte "abc"))
(string-make-multibyte "\351")
(string-make-unibyte "abc")
(string-make-unibyte "é")
(string-as-unibyte "é")
(string-as-unibyte "abc")
(string-as-multibyte "\303\251")
(string-as-multibyte "\351")
(string-to-multibyte "\351")
(string-to-multibyte "abc")
(multibyte-string-p (string-to-multibyte "abc"))
(string-to-unibyte "abc")
(string-to-unibyte (string-to-multibyte "\351"))
(string-to-unibyte "é")  ; error
(string-to-unibyte 1)  ; error

;; copy-alist, substring
(copy-alist '((a . 1) (b . 2)))
(let* ((a (list (cons 'a 1))) (c (copy-alist a))) (setcdr (car c) 9) (list a c))
(copy-alist '((a . 1) b))
(copy-alist nil)
(copy-alist 'x)  ; error
(substring "hello" 1)
(substring "hello" 1 3)
(substring "hello" -3)
(substring "hello" -3 -1)
(substring "hello" 0 0)
(substring "hello" 5)
(substring "hello" 6)  ; error
(substring "hello" 3 2)  ; error
(substring "hello" nil 2)
(substring "héllo" 1 3)
(substring [1 2 3 4] 1 3)
(substring '(1 2) 0)  ; error
(substring (propertize "hello" 'face 'bold) 1 3)
(substring-no-properties (propertize "hello" 'face 'bold) 1 3)
(substring-no-properties "hello" -2)
(substring-no-properties "hello" 2 10)  ; error

;; nth, nthcdr, elt
(nthcdr 0 '(1 2 3))
(nthcdr 2 '(1 2 3))
(nthcdr 5 '(1 2 3))
(nthcdr -1 '(1 2))
(nthcdr 2 '(1 . 2))  ; error
(nthcdr 1 'a)  ; error
(nth 0 '(a b c))
(nth 2 '(a b c))
(nth 3 '(a b c))
(nth -1 '(a b c))
(nth 1 [a b])  ; error
(nth 'x '(a))  ; error
(elt '(a b c) 1)
(elt [a b c] 2)
(elt "abc" 0)
(elt '(a b) 5)
(elt [a b] 5)  ; error
(elt [a b] -1)  ; error
(elt 'x 0)  ; error

;; member and assoc families
(member 2 '(1 2 3))
(member "b" '("a" "b"))
(member 2.0 '(1 2.0 3))
(member 4 '(1 2))
(member 1 '(2 . 3))  ; error
(member 1 'a)  ; error
(memq 'b '(a b c))
(memq "b" '("a" "b"))
(memq 1 '(1 2))
(memq 1.0 '(1.0 2.0))
(memql 1.0 '(1 1.0 2.0))
(memql 1 '(1.0 1))
(memql (expt 2 70) (list 1 (expt 2 70)))
(memq (expt 2 70) (list 1 (expt 2 70)))
(assq 'b '((a . 1) (b . 2)))
(assq 'c '((a . 1) (b . 2)))
(assq 'b '(x (b . 2)))
(assq 'a 'x)  ; error
(assoc "b" '(("a" . 1) ("b" . 2)))
(assoc 2.0 '((1 . a) (2.0 . b)))
(assoc "B" '(("a" . 1) ("b" . 2)) #'corpus-fns-undefined-test)  ; error
(assoc "B" '(("a" . 1) ("b" . 2)) (lambda (x y) (string-equal (downcase x) (downcase y))))
(assoc 3 '((1 . a) (5 . b)) #'<)
(rassq 2 '((a . 1) (b . 2)))
(rassq "x" '((a . "x")))
(rassoc "x" '((a . "x")))
(rassoc '(1) '((a 1) (b . 2)))
(rassq 'z 'x)  ; error

;; destructive and non-destructive removal, reversal
(delq 'a (list 'a 'b 'a 'c))
(delq 'z (list 'a 'b))
(delq nil (list nil 1 nil 2 nil))
(let ((l (list 1 2 3))) (delq 1 l) l)
(delq 'a 'b)  ; error
(delete "a" (list "a" "b" "a"))
(delete 2 [1 2 3 2])
(delete ?b "abcb")
(delete 1.0 (list 1 1.0 2))
(delete '(1) (list '(1) '(2)))
(nreverse (list 1 2 3))
(nreverse nil)
(nreverse [1 2 3])
(nreverse (copy-sequence "abc"))
(nreverse (bool-vector t nil nil))
(reverse '(1 2 3))
(reverse [1 2 3])
(reverse "héllo")
(reverse nil)
(reverse (bool-vector t nil nil))
(reverse '(1 . 2))  ; error
(reverse 'a)  ; error

;; sort
(sort (list 3 1 2) #'<)
(sort (list 3 1 2) #'>)
(sort (list "b" "a" "c") #'string<)
(sort (vector 3 1 2) #'<)
(sort nil #'<)
(sort (list '(1 . a) '(0 . b) '(1 . c) '(0 . d)) (lambda (x y) (< (car x) (car y))))
(sort (list 1 'a) #'<)  ; error
(sort '(1 2) nil)  ; error
(sort 'a #'<)  ; error
(let ((l (list 5 4 3 2 1))) (sort l #'<) (length l))

;; plists and symbol properties
(plist-get '(a 1 b 2) 'b)
(plist-get '(a 1 b 2) 'c)
(plist-get '(a 1 b) 'b)
(plist-get 'x 'a)
(plist-get '("a" 1) "a")
(plist-put (list 'a 1) 'b 2)
(plist-put (list 'a 1 'b 2) 'a 3)
(plist-put nil 'a 1)
(plist-put (list 'a 1 'b) 'c 2)  ; error
(let ((s (make-symbol "p"))) (put s 'color 'red) (list (get s 'color) (get s 'size)))
(get 'corpus-fns-noprops 'anything)
(get 1 'a)  ; error
(put 1 'a 2)  ; error
(let ((s (make-symbol "p"))) (put s 'a 1) (put s 'a 2) (symbol-plist s))
(lax-plist-get '("a" 1 "b" 2) "b")
(lax-plist-put (list "a" 1) "a" 2)
(lax-plist-put (list "a" 1) "b" 2)
(plist-member '(a nil b 2) 'a)
(plist-member '(a 1) 'z)
(plist-member '(a 1 . b) 'z)  ; error

;; eql, equal
(eql 1 1)
(eql 1.0 1.0)
(eql 1 1.0)
(eql 0.0 -0.0)
(eql 0.0e+NaN 0.0e+NaN)
(eql (expt 2 70) (expt 2 70))
(eql "a" "a")
(equal "a" "a")
(equal '(1 (2 [3 "x"])) '(1 (2 [3 "x"])))
(equal 1 1.0)
(equal 0.0 -0.0)
(equal "abc" (propertize "abc" 'face 'bold))
(equal [1 2] [1 2 3])
(equal (make-bool-vector 3 t) (make-bool-vector 3 t))
(equal (record 'r 1) (record 'r 1))
(equal "é" (string-to-multibyte "é"))
(equal "abc" (string-to-multibyte "abc"))
(equal (point-marker) (point-marker))
(equal-including-properties "abc" (propertize "abc" 'face 'bold))
(equal-including-properties (propertize "abc" 'face 'bold) (propertize "abc" 'face 'bold))
(equal-including-properties (propertize "abc" 'face '(a)) (propertize "abc" 'face '(a)))

;; fillarray, clear-string, nconc
(fillarray (make-vector 3 nil) 'x)
(fillarray (copy-sequence "abc") ?z)
(fillarray (make-bool-vector 3 nil) t)
(let ((ct (make-char-table 'corpus-x))) (fillarray ct 5) (aref ct ?q))
(fillarray '(1 2) 0)  ; error
(let ((s (copy-sequence "secret"))) (clear-string s) s)
(clear-string 'a)  ; error
(nconc)
(nconc (list 1 2) (list 3) nil (list 4))
(nconc nil (list 1))
(nconc (list 1) 'a)
(let ((a (list 1)) (b (list 2))) (nconc a b) a)
(nconc 'a (list 1))  ; error

;; mapping
(mapcar #'1+ '(1 2 3))
(mapcar #'identity "abc")
(mapcar #'not [t nil])
(mapcar #'car '((a) (b)))
(mapcar #'identity (bool-vector t nil))
(mapcar #'1+ 'a)  ; error
(mapcar (lambda (x) (* x x)) '(1 2 3))
(mapcar #'corpus-fns-undefined-function '(1))  ; error
(mapconcat #'symbol-name '(a b c) "-")
(mapconcat #'identity '("x" "y") "")
(mapconcat (lambda (c) (string (upcase c))) "abc" ".")
(mapconcat #'identity '("a" "b") ", ")
(mapconcat #'identity nil "-")
(mapconcat #'identity '(1 2) "-")  ; error
(let ((acc nil)) (list (mapc (lambda (x) (setq acc (cons x acc))) '(1 2 3)) acc))
(mapc #'ignore [1 2])
(mapcan (lambda (x) (list x x)) '(1 2))
(mapcan #'identity (list (list 1) nil (list 2 3)))
(mapcan (lambda (x) (and (> x 1) (list x))) [1 2 3])

;; features
(featurep 'corpus-fns-feature)
(progn (provide 'corpus-fns-feat1) (featurep 'corpus-fns-feat1))
(progn (provide 'corpus-fns-feat2 '(sub1 sub2)) (list (featurep 'corpus-fns-feat2 'sub1) (featurep 'corpus-fns-feat2 'sub3)))
(progn (provide 'corpus-fns-feat3) (require 'corpus-fns-feat3))
(provide "notasymbol")  ; error

;; widgets
(let ((w (list 'corpus-widget :a 1))) (widget-put w :b 2) (list (widget-get w :a) (widget-get w :b) w))
(widget-get (list 'corpus-widget :x 5) :y)
(widget-apply (list 'corpus-widget :f (lambda (w arg) (list (car w) arg))) :f 'hello)

;; base64
(base64-encode-string "hello")
(base64-encode-string "")
(base64-encode-string "a")
(base64-encode-string "ab")
(base64-encode-string (make-string 60 ?x))
(base64-encode-string (make-string 60 ?x) t)
(base64-encode-string "é")
(base64-encode-string (string-as-unibyte "é"))
(base64-encode-string "\351")
(base64url-encode-string "\377\376\375")
(base64url-encode-string "ab" t)
(base64url-encode-string "ab")
(base64-decode-string "aGVsbG8=")
(base64-decode-string "aGVsbG8")  ; error
(base64-decode-string "aGVsbG8" nil t)  ; error
(base64-decode-string "!!!")  ; error
(base64-decode-string "_-8" t)
(base64-decode-string "aGVs\nbG8=")
(with-temp-buffer (insert "hello") (list (base64-encode-region 1 6) (buffer-string)))
(with-temp-buffer (insert "aGVsbG8=") (list (base64-decode-region 1 9) (buffer-string)))
(with-temp-buffer (insert "hi") (base64url-encode-region 1 3 t) (buffer-string))
(with-temp-buffer (insert "é") (base64-encode-region 1 2))

;; hashing
(= (sxhash-equal "abc") (sxhash-equal (copy-sequence "abc")))
(= (sxhash-equal '(1 2)) (sxhash-equal (list 1 2)))
(= (sxhash-eql 1.5) (sxhash-eql 1.5))
(= (sxhash-eq 'a) (sxhash-eq 'a))
(integerp (sxhash-equal-including-properties (propertize "a" 'face 'bold)))
(= (sxhash-equal "a") (sxhash-equal-including-properties "a"))
(make-hash-table)
(make-hash-table :test 'equal :size 10)
(make-hash-table :test 'corpus-fns-no-such-test)  ; error
(make-hash-table :weakness 'key)
(make-hash-table :weakness 'sideways)  ; error
(make-hash-table :size -1)  ; error
(make-hash-table :bogus 1)  ; error
(let ((h (make-hash-table))) (puthash 'a 1 h) (puthash 'b 2 h) h)
(let ((h (make-hash-table :test 'equal))) (puthash "k" 1 h) (list (gethash "k" h) (gethash (copy-sequence "k") h)))
(let ((h (make-hash-table :test 'eq))) (puthash "k" 1 h) (gethash (copy-sequence "k") h))
(let ((h (make-hash-table :test 'eql))) (puthash 1.5 'x h) (gethash 1.5 h))
(let ((h (make-hash-table))) (gethash 'missing h 'default))
(let ((h (make-hash-table))) (puthash 'a 1 h) (puthash 'a 2 h) (list (gethash 'a h) (hash-table-count h)))
(let ((h (make-hash-table))) (puthash 'a 1 h) (remhash 'a h) (list (gethash 'a h) (hash-table-count h)))
(let ((h (make-hash-table))) (remhash 'nothing h))
(let ((h (make-hash-table))) (dotimes (i 100) (puthash i (* i i) h)) (list (hash-table-count h) (gethash 99 h)))
(let ((h (make-hash-table))) (puthash 1 'a h) (puthash 2 'b h) (puthash 3 'c h) (remhash 2 h) (puthash 4 'd h) h)
(let ((h (make-hash-table)) (acc nil)) (puthash 'x 1 h) (puthash 'y 2 h) (maphash (lambda (k v) (setq acc (cons (cons k v) acc))) h) (nreverse acc))
(let ((h (make-hash-table))) (puthash 'a 1 h) (clrhash h) (list (hash-table-count h) h))
(let* ((h (make-hash-table :test 'equal)) (c (progn (puthash "a" 1 h) (copy-hash-table h)))) (puthash "b" 2 c) (list (hash-table-count h) (hash-table-count c) (gethash "a" c)))
(hash-table-test (make-hash-table :test 'equal))
(hash-table-weakness (make-hash-table :weakness 'value))
(hash-table-weakness (make-hash-table))
(hash-table-size (make-hash-table :size 7))
(hash-table-rehash-size (make-hash-table))
(hash-table-rehash-threshold (make-hash-table))
(hash-table-p (make-hash-table))
(hash-table-p '(1))
(gethash 'a 'not-a-table)  ; error
(hash-table-count nil)  ; error
(progn (define-hash-table-test 'corpus-fns-ci (lambda (a b) (string= (downcase a) (downcase b))) (lambda (k) (sxhash-equal (downcase k))))
       (let ((h (make-hash-table :test 'corpus-fns-ci))) (puthash "ABC" 1 h) (list (gethash "abc" h) (hash-table-test h))))
(let ((h (make-hash-table :test 'equal))) (puthash '(1 2) 'list h) (puthash [1 2] 'vec h) (list (gethash (list 1 2) h) (gethash (vector 1 2) h)))

;; secure hashes
(md5 "")
(md5 "hello")
(md5 "hello" 1 3)
(secure-hash 'sha1 "abc")
(secure-hash 'sha224 "abc")
(secure-hash 'sha256 "abc")
(secure-hash 'sha384 "abc")
(secure-hash 'sha512 "abc")
(secure-hash 'md5 "abc")
(secure-hash 'sha1 "abc" nil nil t)
(secure-hash 'corpus-no-algo "abc")  ; error
(secure-hash-algorithms)
(with-temp-buffer (insert "hello") (md5 (current-buffer)))
(with-temp-buffer (insert "hello") (secure-hash 'sha1 (current-buffer) 2 4))
(with-temp-buffer (insert "hello") (buffer-hash))
(with-temp-buffer (buffer-hash))

;; buffer-line-statistics, string-search, object-intervals, line-number-at-pos
(with-temp-buffer (insert "a\nbbb\n\ncc") (buffer-line-statistics))
(with-temp-buffer (buffer-line-statistics))
(string-search "lo" "hello")
(string-search "x" "hello")
(string-search "" "hello")
(string-search "l" "hello" 3)
(string-search "l" "hello" 5)
(string-search "l" "hello" 6)  ; error
(string-search "é" "héllo")
(string-search "a" "ABA")
(string-search "l" "hello" -1)  ; error
(string-search 'a "a")  ; error
(object-intervals (propertize "abc" 'face 'bold))
(object-intervals (concat "a" (propertize "b" 'x 1) "c"))
(object-intervals "plain")
(with-temp-buffer (insert "ab" (propertize "cd" 'k 'v)) (object-intervals (current-buffer)))
(with-temp-buffer (insert "a\nb\nc") (goto-char (point-max)) (line-number-at-pos))
(with-temp-buffer (insert "a\nb\nc") (line-number-at-pos 3))
(with-temp-buffer (insert "a\nb\nc") (narrow-to-region 3 6) (list (line-number-at-pos 5) (line-number-at-pos 5 t)))
(with-temp-buffer (insert "abc") (line-number-at-pos 10))  ; error
