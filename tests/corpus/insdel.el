;;; insdel.el --- corpus: insertion and deletion (insdel.c, through editfns.c's DEFUNs)  -*- lexical-binding: t -*-

;; inserting and deleting at the edges, in the middle, repeatedly
(with-temp-buffer (insert "abc") (goto-char 1) (insert "X") (goto-char (point-max)) (insert "Y") (buffer-string))
(with-temp-buffer (dotimes (i 5) (insert (number-to-string i))) (buffer-string))
(with-temp-buffer (dotimes (_ 1000) (insert "ab")) (list (buffer-size) (point) (buffer-substring 999 1003)))
(with-temp-buffer (dotimes (i 200) (goto-char (1+ (/ (buffer-size) 2))) (insert (+ ?a (% i 26)))) (list (buffer-size) (buffer-substring 95 106)))
(with-temp-buffer (insert (make-string 5000 ?x)) (delete-region 10 4990) (list (buffer-size) (buffer-string)))
(with-temp-buffer (insert "0123456789") (goto-char 5) (delete-region 3 8) (list (point) (buffer-string)))
(with-temp-buffer (insert "0123456789") (goto-char 2) (delete-region 3 8) (list (point) (buffer-string)))
(with-temp-buffer (insert "0123456789") (goto-char 10) (delete-region 3 8) (list (point) (buffer-string)))
(with-temp-buffer (insert "abc") (delete-region 2 2) (buffer-string))
(with-temp-buffer (insert "héllo wörld") (goto-char 8) (insert "ß") (delete-region 2 3) (list (buffer-string) (point) (buffer-size) (position-bytes (point-max))))
(with-temp-buffer (insert "日本語") (goto-char 2) (insert "x") (list (buffer-string) (char-after 3) (position-bytes 3)))
(with-temp-buffer (insert "a😀b") (list (buffer-size) (char-after 2) (position-bytes 3) (progn (delete-region 2 3) (buffer-string))))
(with-temp-buffer (set-buffer-multibyte nil) (insert "abc" 200) (list (buffer-string) (char-after 4) (multibyte-string-p (buffer-string))))
(with-temp-buffer (insert "abc") (set-buffer-multibyte nil) (insert "\351") (set-buffer-multibyte t) (list (buffer-string) (buffer-size)))
(with-temp-buffer (insert "é") (set-buffer-multibyte nil) (list (buffer-size) (buffer-string)))

;; markers move with the text
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 4))) (delete-region 2 6) (marker-position m)))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 4))) (delete-region 1 3) (marker-position m)))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 4))) (delete-region 5 7) (marker-position m)))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 4)) (n (copy-marker 4 t))) (goto-char 4) (insert "XYZ") (list (marker-position m) (marker-position n))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 1))) (goto-char 1) (insert "!!") (list (marker-position m) (point))))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 7))) (goto-char 7) (insert "!!") (marker-position m)))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 7 t))) (goto-char 7) (insert "!!") (marker-position m)))

;; read-only buffers and text
(with-temp-buffer (insert "abc") (setq buffer-read-only t) (condition-case e (insert "x") (error e)))
(with-temp-buffer (insert "abc") (setq buffer-read-only t) (condition-case e (delete-region 1 2) (error (car e))))
(with-temp-buffer (insert "abc") (setq buffer-read-only t) (let ((inhibit-read-only t)) (insert "x")) (buffer-string))
(with-temp-buffer (insert "abc") (setq buffer-read-only t) (barf-if-buffer-read-only))  ; error
(with-temp-buffer (insert "abc") (barf-if-buffer-read-only))
(with-temp-buffer (insert "ab" (propertize "cd" 'read-only t) "ef"))  ; error
(with-temp-buffer (insert "abcdef") (put-text-property 3 5 'read-only t) (condition-case e (progn (goto-char 4) (insert "x")) (error e)))
(with-temp-buffer (insert "abcdef") (put-text-property 3 5 'read-only t) (condition-case e (progn (goto-char 5) (insert "x")) (error (car e))))
(with-temp-buffer (insert "abcdef") (put-text-property 3 5 'read-only t) (goto-char 3) (insert "x") (buffer-string))
(with-temp-buffer (insert "abcdef") (put-text-property 3 5 'read-only t) (condition-case e (delete-region 2 4) (error (car e))))
(with-temp-buffer (insert "abcdef") (put-text-property 3 5 'read-only t) (let ((inhibit-read-only t)) (delete-region 2 4)) (buffer-string))
(with-temp-buffer (insert "abcdef") (put-text-property 3 5 'read-only t) (goto-char 7) (insert "x") (buffer-string))

;; modification state and change hooks
(with-temp-buffer (list (buffer-modified-p) (progn (insert "a") (buffer-modified-p)) (progn (set-buffer-modified-p nil) (buffer-modified-p))))
(with-temp-buffer (let ((t0 (buffer-modified-tick)) (c0 (buffer-chars-modified-tick))) (insert "abc") (list (> (buffer-modified-tick) t0) (> (buffer-chars-modified-tick) c0))))
(with-temp-buffer (insert "abc") (let ((t0 (buffer-modified-tick)) (c0 (buffer-chars-modified-tick))) (put-text-property 1 2 'face 'bold) (list (> (buffer-modified-tick) t0) (= (buffer-chars-modified-tick) c0))))
(with-temp-buffer
  (let ((log nil))
    (add-hook 'before-change-functions (lambda (b e) (push (list 'before b e) log)) nil t)
    (add-hook 'after-change-functions (lambda (b e l) (push (list 'after b e l) log)) nil t)
    (insert "hello")
    (delete-region 2 4)
    (goto-char 2) (insert "XY")
    (nreverse log)))
(with-temp-buffer
  (let ((log nil))
    (add-hook 'after-change-functions (lambda (b e l) (push (list b e l) log)) nil t)
    (insert "abcdef")
    (subst-char-in-region 1 7 ?c ?C)
    (nreverse log)))
(with-temp-buffer
  (let ((log nil))
    (add-hook 'after-change-functions (lambda (b e l) (push (list b e l) log)) nil t)
    (let ((inhibit-modification-hooks t)) (insert "quiet"))
    (insert "!")
    log))
(with-temp-buffer
  (let ((n 0))
    (add-hook 'first-change-hook (lambda () (setq n (1+ n))) nil t)
    (insert "a") (insert "b")
    (set-buffer-modified-p nil)
    (insert "c")
    n))
(with-temp-buffer
  (let ((log nil))
    (insert "abcdef")
    (put-text-property 3 5 'modification-hooks (list (lambda (b e) (push (list 'mod b e) log))))
    (delete-region 3 4)
    (goto-char 1) (insert "z")
    (nreverse log)))
(with-temp-buffer
  (let ((log nil))
    (insert "abcdef")
    (put-text-property 3 5 'insert-in-front-hooks (list (lambda (b e) (push (list 'front b e) log))))
    (put-text-property 3 5 'insert-behind-hooks (list (lambda (b e) (push (list 'behind b e) log))))
    (goto-char 3) (insert "1")
    (goto-char 6) (insert "2")
    (nreverse log)))
(with-temp-buffer
  (let ((log nil))
    (add-hook 'after-change-functions (lambda (b e l) (push (list b e l) log)) nil t)
    (combine-after-change-calls (insert "a") (insert "b"))
    (nreverse log)))
(with-temp-buffer
  (let ((log nil))
    (add-hook 'before-change-functions (lambda (_b _e) (error "Hook failed")) nil t)
    (list (condition-case e (insert "x") (error e)) (buffer-string) before-change-functions)))

;; undo records (buffer-undo-list)
(with-temp-buffer (buffer-enable-undo) (insert "ab") (delete-region 1 2) buffer-undo-list)
(with-temp-buffer (buffer-enable-undo) (insert "ab") (undo-boundary) (insert "c") buffer-undo-list)
(with-temp-buffer buffer-undo-list)
(with-temp-buffer (insert "x") buffer-undo-list)
