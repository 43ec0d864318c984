;;; marker.el --- corpus: the DEFUNs of marker.c  -*- lexical-binding: t -*-

(make-marker)
(list (marker-buffer (make-marker)) (marker-position (make-marker)))
(with-temp-buffer (insert "hello") (let ((m (make-marker))) (set-marker m 3) (list (marker-position m) (eq (marker-buffer m) (current-buffer)))))
(with-temp-buffer (insert "hello") (let ((m (make-marker))) (set-marker m 100) (marker-position m)))
(with-temp-buffer (insert "hello") (let ((m (make-marker))) (set-marker m -5) (marker-position m)))
(with-temp-buffer (insert "hello") (let ((m (make-marker))) (set-marker m 3) (set-marker m nil) (list (marker-position m) (marker-buffer m))))
(with-temp-buffer (insert "hello") (let ((m (make-marker))) (set-marker m 3) m))
(let (m) (with-temp-buffer (insert "hello") (setq m (copy-marker 3))) (list (marker-position m) (marker-buffer m) m))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 2)) (n (make-marker))) (set-marker n m) (marker-position n)))
(let ((b (get-buffer-create "corpus-mk-1"))) (with-current-buffer b (insert "abcdef")) (let ((m (set-marker (make-marker) 4 b))) (prog1 (list (marker-position m) (buffer-name (marker-buffer m))) (kill-buffer b))))
(let ((b (get-buffer-create "corpus-mk-2"))) (with-current-buffer b (insert "abcdef")) (let ((m (set-marker (make-marker) 4 b))) (kill-buffer b) (list (marker-position m) (marker-buffer m))))
(with-temp-buffer (insert "hello") (set-marker (make-marker) 'x))  ; error
(set-marker 'notamarker 1)  ; error
(marker-position 1)  ; error
(marker-buffer "x")  ; error
(with-temp-buffer (insert "hello") (copy-marker 3))
(with-temp-buffer (insert "hello") (list (marker-position (copy-marker 10)) (marker-position (copy-marker 0))))
(copy-marker nil)
(copy-marker 'x)  ; error
(with-temp-buffer (insert "hello") (let ((m (copy-marker (copy-marker 2)))) (marker-position m)))
(with-temp-buffer (insert "hello") (list (marker-insertion-type (copy-marker 2)) (marker-insertion-type (copy-marker 2 t))))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 2))) (set-marker-insertion-type m t) (goto-char 2) (insert "x") (list (marker-insertion-type m) (marker-position m))))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 2 t))) (set-marker-insertion-type m nil) (goto-char 2) (insert "x") (marker-position m)))
(marker-insertion-type 1)  ; error
(with-temp-buffer (insert "hello") (let ((m (copy-marker 3))) (list (buffer-has-markers-at 3) (buffer-has-markers-at 4))))
(with-temp-buffer (insert "hello") (buffer-has-markers-at 3))
(with-temp-buffer (insert "héllo") (let ((m (copy-marker 3))) (goto-char 2) (insert "ü") (list (marker-position m) (char-after m))))
(with-temp-buffer (insert "héllo") (let ((m (copy-marker 4))) (delete-region 1 3) (marker-position m)))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 3))) (list (+ m 1) (= m 3) (< m 4) (1+ m) (max m 1))))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 3))) (narrow-to-region 4 6) (list (marker-position m) (progn (goto-char m) (point)))))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 3))) (erase-buffer) (marker-position m)))
(with-temp-buffer (insert "hello") (let ((m (point-marker))) (goto-char 1) (list (marker-position m) (point))))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 3))) (equal m (copy-marker 3))))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 3)) (n (make-marker))) (list (equal m n) (eq m (copy-marker m)))))
(with-temp-buffer (insert "abc") (let ((ms (mapcar #'copy-marker '(1 2 3 4)))) (goto-char 2) (insert "XY") (mapcar #'marker-position ms)))
(with-temp-buffer (insert "abc") (let ((ms (mapcar (lambda (p) (copy-marker p t)) '(1 2 3 4)))) (goto-char 2) (insert "XY") (mapcar #'marker-position ms)))
(with-temp-buffer (insert "abcdef") (let ((ms (mapcar #'copy-marker '(1 2 3 4 5 6 7)))) (delete-region 3 5) (mapcar #'marker-position ms)))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 3))) (transpose-regions 1 3 4 6) (marker-position m)))
(with-temp-buffer (insert "abcdef") (set-marker (mark-marker) 4) (delete-region 1 3) (marker-position (mark-marker)))
