;;; buffer.el --- corpus: the DEFUNs of buffer.c  -*- lexical-binding: t -*-

;; current-buffer, set-buffer, names
(bufferp (current-buffer))
(buffer-name)
(buffer-name (current-buffer))
(buffer-name 'x)  ; error
(let ((b (get-buffer-create "corpus-buf-1"))) (prog1 (list (buffer-name b) (bufferp b) (buffer-live-p b)) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-buf-2"))) (kill-buffer b) (list (buffer-name b) (buffer-live-p b) b))
(let ((b (get-buffer-create "corpus-buf-3"))) (prog1 (eq b (get-buffer-create "corpus-buf-3")) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-buf-4"))) (prog1 (list (eq b (get-buffer "corpus-buf-4")) (eq b (get-buffer b))) (kill-buffer b)))
(get-buffer "corpus-buf-does-not-exist")
(get-buffer 'x)  ; error
(get-buffer-create "")  ; error
(get-buffer-create 'x)  ; error
(let ((b (get-buffer-create "corpus-buf-é"))) (prog1 (buffer-name b) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-buf-5"))) (set-buffer b) (prog1 (buffer-name) (kill-buffer b)))
(set-buffer "corpus-buf-no-such")  ; error
(set-buffer 42)  ; error
(let ((b (get-buffer-create "corpus-buf-6"))) (kill-buffer b) (condition-case e (set-buffer b) (error e)))
(with-temp-buffer (let ((b (current-buffer))) (with-current-buffer "*corpus*" (list (eq (current-buffer) b) (buffer-name)))))
(buffer-live-p nil)
(buffer-live-p "*corpus*")
(let ((b (get-buffer-create "corpus-buf-7"))) (prog1 (and (memq b (buffer-list)) t) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-buf-8"))) (kill-buffer b) (memq b (buffer-list)))
(with-temp-buffer (list (buffer-file-name) (buffer-base-buffer)))
(get-file-buffer "/corpus/no/such/file")
(get-file-buffer 1)  ; error

;; generate-new-buffer-name, rename-buffer
(generate-new-buffer-name "corpus-gnb-unused")
(let ((b (get-buffer-create "corpus-gnb"))) (prog1 (generate-new-buffer-name "corpus-gnb") (kill-buffer b)))
(let ((b (get-buffer-create "corpus-gnb2")) (c (get-buffer-create "corpus-gnb2<2>"))) (prog1 (generate-new-buffer-name "corpus-gnb2") (kill-buffer b) (kill-buffer c)))
(let ((b (get-buffer-create "corpus-gnb3"))) (prog1 (generate-new-buffer-name "corpus-gnb3" "corpus-gnb3") (kill-buffer b)))
(generate-new-buffer-name 'x)  ; error
(let ((b (generate-new-buffer "corpus-gen"))) (prog1 (buffer-name b) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-ren-1"))) (with-current-buffer b (rename-buffer "corpus-ren-2")) (prog1 (list (buffer-name b) (get-buffer "corpus-ren-1")) (kill-buffer b)))
(let ((a (get-buffer-create "corpus-ren-3")) (b (get-buffer-create "corpus-ren-4")))
  (prog1 (with-current-buffer b (condition-case e (rename-buffer "corpus-ren-3") (error e)))
    (kill-buffer a) (kill-buffer b)))
(let ((a (get-buffer-create "corpus-ren-5")) (b (get-buffer-create "corpus-ren-6")))
  (prog1 (with-current-buffer b (rename-buffer "corpus-ren-5" t))
    (kill-buffer a) (kill-buffer b)))
(with-temp-buffer (rename-buffer ""))  ; error
(with-temp-buffer (rename-buffer 'x))  ; error

;; kill-buffer
(kill-buffer "corpus-buf-never-existed")  ; error
(let ((b (get-buffer-create "corpus-kill-1"))) (list (kill-buffer b) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-kill-2"))) (with-current-buffer b (add-hook 'kill-buffer-hook (lambda () (put 'corpus-kill-2 'ran t)) nil t)) (kill-buffer b) (get 'corpus-kill-2 'ran))
(let ((b (get-buffer-create "corpus-kill-3"))) (with-current-buffer b (add-hook 'kill-buffer-query-functions (lambda () nil) nil t)) (prog1 (list (kill-buffer b) (buffer-live-p b)) (with-current-buffer b (setq kill-buffer-query-functions nil)) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-kill-4"))) (set-buffer b) (kill-buffer) (list (buffer-live-p b) (bufferp (current-buffer))))

;; modification flags and ticks
(with-temp-buffer (buffer-modified-p))
(with-temp-buffer (insert "x") (buffer-modified-p))
(with-temp-buffer (insert "x") (set-buffer-modified-p nil) (buffer-modified-p))
(with-temp-buffer (set-buffer-modified-p t) (buffer-modified-p))
(with-temp-buffer (restore-buffer-modified-p 'autosaved) (buffer-modified-p))
(with-temp-buffer (insert "x") (restore-buffer-modified-p nil) (buffer-modified-p))
(with-temp-buffer (integerp (buffer-modified-tick)))
(with-temp-buffer (let ((a (buffer-modified-tick))) (insert "abc") (- (buffer-modified-tick) a)))
(with-temp-buffer (let ((a (buffer-chars-modified-tick))) (insert "a") (delete-region 1 2) (> (buffer-chars-modified-tick) a)))
(buffer-modified-p 'x)  ; error
(with-temp-buffer (force-mode-line-update))

;; buffer-local variables
(with-temp-buffer (setq fill-column 12) (list (buffer-local-value 'fill-column (current-buffer)) (with-temp-buffer fill-column)))
(progn (defvar corpus-buf-v1 'default) (let ((b (get-buffer-create "corpus-blv"))) (with-current-buffer b (set (make-local-variable 'corpus-buf-v1) 'local)) (prog1 (list (buffer-local-value 'corpus-buf-v1 b) corpus-buf-v1) (kill-buffer b))))
(buffer-local-value 'corpus-buf-unbound (current-buffer))  ; error
(buffer-local-value 'fill-column 'x)  ; error
(progn (defvar corpus-buf-v2 1) (with-temp-buffer (set (make-local-variable 'corpus-buf-v2) 2) (assq 'corpus-buf-v2 (buffer-local-variables))))
(progn (defvar corpus-buf-v3 1) (with-temp-buffer (assq 'corpus-buf-v3 (buffer-local-variables))))
(with-temp-buffer (setq fill-column 20) (assq 'fill-column (buffer-local-variables)))
(with-temp-buffer (list (assq 'buffer-read-only (buffer-local-variables)) (assq 'major-mode (buffer-local-variables))))
(with-temp-buffer (listp (buffer-local-variables)))
(progn (defvar corpus-buf-v4 'g) (with-temp-buffer (set (make-local-variable 'corpus-buf-v4) 'l) (setq fill-column 5) (kill-all-local-variables) (list corpus-buf-v4 fill-column (local-variable-p 'corpus-buf-v4))))
(progn (defvar corpus-buf-v5 'g) (put 'corpus-buf-v5 'permanent-local t) (with-temp-buffer (set (make-local-variable 'corpus-buf-v5) 'l) (kill-all-local-variables) corpus-buf-v5))
(with-temp-buffer (let ((ran nil)) (add-hook 'change-major-mode-hook (lambda () (setq ran t)) nil t) (kill-all-local-variables) ran))
(with-temp-buffer (list major-mode mode-name))
(with-temp-buffer (set-buffer-major-mode (current-buffer)) major-mode)
(set-buffer-major-mode 'x)  ; error

;; erase-buffer, multibyteness, swapping text, undo
(with-temp-buffer (insert "abc") (narrow-to-region 2 3) (erase-buffer) (list (buffer-string) (point-min) (point-max)))
(with-temp-buffer (insert "abc") (setq buffer-read-only t) (condition-case e (erase-buffer) (error (car e))))
(with-temp-buffer enable-multibyte-characters)
(with-temp-buffer (set-buffer-multibyte nil) enable-multibyte-characters)
(with-temp-buffer (insert "aé") (set-buffer-multibyte nil) (list (buffer-size) (append (buffer-string) nil)))
(with-temp-buffer (set-buffer-multibyte nil) (insert 195 169) (set-buffer-multibyte t) (list (buffer-size) (buffer-string)))
(with-temp-buffer (set-buffer-multibyte nil) (insert 233) (set-buffer-multibyte t) (list (buffer-size) (char-after 1)))
(with-temp-buffer (insert "é") (set-buffer-multibyte 'to) (list (buffer-size) (buffer-string)))
(let ((a (get-buffer-create "corpus-swap-a")) (b (get-buffer-create "corpus-swap-b")))
  (with-current-buffer a (insert "text of a") (goto-char 3))
  (with-current-buffer b (insert "b"))
  (with-current-buffer a (buffer-swap-text b))
  (prog1 (list (with-current-buffer a (list (buffer-string) (point))) (with-current-buffer b (list (buffer-string) (point))))
    (kill-buffer a) (kill-buffer b)))
(with-temp-buffer (buffer-enable-undo) buffer-undo-list)
(with-temp-buffer (buffer-enable-undo) (insert "a") (listp buffer-undo-list))
(buffer-enable-undo "corpus-no-such-buffer")  ; error

;; indirect buffers
(let* ((base (get-buffer-create "corpus-base"))
       (ind (progn (with-current-buffer base (insert "shared")) (make-indirect-buffer base "corpus-ind"))))
  (with-current-buffer ind (goto-char (point-max)) (insert " text"))
  (prog1 (list (with-current-buffer base (buffer-string)) (eq (buffer-base-buffer ind) base) (buffer-base-buffer base))
    (kill-buffer ind) (kill-buffer base)))
(let* ((base (get-buffer-create "corpus-base2")) (ind (make-indirect-buffer base "corpus-ind2")))
  (kill-buffer base)
  (buffer-live-p ind))
(make-indirect-buffer "corpus-no-base" "corpus-ind3")  ; error
(let ((base (get-buffer-create "corpus-base4"))) (prog1 (condition-case e (make-indirect-buffer base "corpus-base4") (error e)) (kill-buffer base)))

;; bury-buffer-internal
(let ((b (get-buffer-create "corpus-bury"))) (bury-buffer-internal b) (prog1 (eq b (car (last (buffer-list)))) (kill-buffer b)))

;; overlays
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 1 6))) (list (overlayp o) (overlay-start o) (overlay-end o) (eq (overlay-buffer o) (current-buffer)))))
(with-temp-buffer (insert "hello world") (make-overlay 1 6))
(let (o) (with-temp-buffer (insert "hello") (setq o (make-overlay 2 4))) (list o (overlay-start o) (overlay-buffer o)))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 4 2))) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 0 100))) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello") (make-overlay 'a 2))  ; error
(with-temp-buffer (insert "hello") (let ((o (make-overlay 1 3))) (overlay-put o 'face 'bold) (overlay-put o 'priority 5) (list (overlay-get o 'face) (overlay-get o 'nothing) (overlay-properties o))))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 1 3))) (overlay-put o 'category 'corpus-ov-cat) (put 'corpus-ov-cat 'face 'italic) (overlay-get o 'face)))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 1 3))) (move-overlay o 2 5) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 1 3))) (move-overlay o 5 2) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 1 3))) (delete-overlay o) (list (overlay-start o) (overlay-end o) (overlay-buffer o) (overlayp o))))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 1 3))) (delete-overlay o) (move-overlay o 2 3) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello") (make-overlay 1 2) (make-overlay 2 3) (delete-all-overlays) (overlays-in 1 6))
(with-temp-buffer (insert "hello world") (let ((a (make-overlay 1 6)) (b (make-overlay 3 8))) (list (length (overlays-at 4)) (length (overlays-at 7)) (length (overlays-at 10)))))
(with-temp-buffer (insert "hello world") (let ((a (make-overlay 1 6)) (b (make-overlay 3 8))) (overlay-put a 'name 'a) (overlay-put b 'name 'b) (mapcar (lambda (o) (overlay-get o 'name)) (overlays-at 4 t))))
(with-temp-buffer (insert "hello world") (let ((a (make-overlay 1 6)) (b (make-overlay 3 8))) (overlay-put a 'priority 10) (overlay-put a 'name 'a) (overlay-put b 'name 'b) (mapcar (lambda (o) (overlay-get o 'name)) (overlays-at 4 t))))
(with-temp-buffer (insert "hello world") (make-overlay 1 3) (make-overlay 5 5) (make-overlay 8 10) (sort (mapcar #'overlay-start (overlays-in 2 8)) #'<))
(with-temp-buffer (insert "hello world") (make-overlay 12 12) (length (overlays-in 12 12)))
(with-temp-buffer (insert "hello world") (make-overlay 3 5) (make-overlay 7 9) (list (next-overlay-change 1) (next-overlay-change 3) (next-overlay-change 5) (next-overlay-change 9)))
(with-temp-buffer (insert "hello world") (make-overlay 3 5) (make-overlay 7 9) (list (previous-overlay-change 12) (previous-overlay-change 7) (previous-overlay-change 3)))
(with-temp-buffer (insert "hello world") (make-overlay 3 5) (let ((l (overlay-lists))) (list (consp l) (length (car l)))))
(with-temp-buffer (insert "hello") (overlay-recenter 3))
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 3 6))) (goto-char 1) (insert "XX") (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 3 6))) (goto-char 3) (insert "XX") (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 3 6 nil t nil))) (goto-char 3) (insert "XX") (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 3 6 nil nil t))) (goto-char 6) (insert "XX") (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 3 6))) (delete-region 2 8) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 3 6))) (overlay-put o 'evaporate t) (delete-region 3 6) (overlay-buffer o)))
(with-temp-buffer (insert "abc") (let ((o (make-overlay 1 2))) (overlay-put o 'x 1) (overlay-put o 'x 2) (overlay-properties o)))
(overlay-start 'x)  ; error
(overlay-get 'x 'y)  ; error
(overlayp nil)

;; more buffers and overlays
(bufferp (other-buffer))
(not (eq (other-buffer (current-buffer)) (current-buffer)))
(let ((b (get-buffer-create "corpus-buf-9"))) (prog1 (buffer-local-value 'major-mode b) (kill-buffer b)))
(let ((b (get-buffer-create "corpus-buf-10"))) (kill-buffer b) (condition-case e (buffer-local-value 'fill-column b) (error (car e))))
(let ((ran nil)) (let ((buffer-list-update-hook (list (lambda () (setq ran t))))) (kill-buffer (get-buffer-create "corpus-buf-11"))) ran)
(let ((ran nil)) (let ((buffer-list-update-hook (list (lambda () (setq ran t))))) (kill-buffer (get-buffer-create "corpus-buf-12" t))) ran)
(let ((b (get-buffer-create "corpus-buf-13"))) (prog1 (with-current-buffer b (rename-buffer "corpus-buf-14")) (kill-buffer b)))
(let* ((base (get-buffer-create "corpus-base5")) (ind (make-indirect-buffer base "corpus-ind5")))
  (with-current-buffer base (insert "abc") (put-text-property 1 2 'face 'bold))
  (prog1 (with-current-buffer ind (list (buffer-string) (buffer-size)))
    (kill-buffer ind) (kill-buffer base)))
(let* ((base (get-buffer-create "corpus-base6")) (ind (make-indirect-buffer base "corpus-ind6")))
  (with-current-buffer base (setq fill-column 11))
  (prog1 (list (buffer-local-value 'fill-column ind) (buffer-live-p ind)) (kill-buffer base)))
(let* ((base (get-buffer-create "corpus-base7")) (ind (make-indirect-buffer base "corpus-ind7" t)))
  (with-current-buffer base (setq fill-column 13))
  (prog1 (buffer-local-value 'fill-column ind) (kill-buffer ind) (kill-buffer base)))
(let* ((base (get-buffer-create "corpus-base8")) (ind (make-indirect-buffer base "corpus-ind8")))
  (kill-buffer base) (list (buffer-live-p base) (buffer-live-p ind)))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 2 4))) (list (overlay-put o 'p 1) (overlay-put o 'p nil) (overlay-properties o))))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 2 4))) (erase-buffer) (list (overlay-start o) (overlay-end o) (eq (overlay-buffer o) (current-buffer)))))
(with-temp-buffer (insert "hello") (let ((o (make-overlay 2 4)) (b (get-buffer-create "corpus-ov-other"))) (with-current-buffer b (insert "other text")) (move-overlay o 1 3 b) (prog1 (list (overlay-start o) (buffer-name (overlay-buffer o)) (overlays-in 1 6)) (kill-buffer b))))
(with-temp-buffer (insert "hello") (let ((b (get-buffer-create "corpus-ov-other2"))) (with-current-buffer b (insert "x")) (prog1 (condition-case e (make-overlay 1 2 b) (error (car e))) (kill-buffer b))))
(with-temp-buffer (insert "hello") (let ((m (copy-marker 2))) (with-temp-buffer (insert "abc") (condition-case e (make-overlay m 3) (error (car e))))))
(with-temp-buffer (insert "hello world") (make-overlay 1 1) (make-overlay 6 6) (length (overlays-in 1 12)))
(with-temp-buffer (insert "hello world") (make-overlay 12 12) (list (length (overlays-in 11 12)) (length (overlays-in 12 12)) (length (overlays-at 12))))
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (make-overlay 5 5) (length (overlays-in 4 4)))
(with-temp-buffer (insert "hello world") (make-overlay 3 5) (list (next-overlay-change 12) (previous-overlay-change 1)))
(with-temp-buffer (insert "hello world") (let ((o (make-overlay 3 5))) (overlay-put o 'invisible t) (list (next-single-char-property-change 1 'invisible) (get-char-property 3 'invisible))))
(with-temp-buffer (insert "hello world") (dotimes (i 10) (overlay-put (make-overlay (1+ i) (+ 2 i)) 'n i)) (mapcar (lambda (o) (overlay-get o 'n)) (sort (overlays-in 1 12) (lambda (a b) (< (overlay-start a) (overlay-start b))))))
(with-temp-buffer (insert "hello world") (dotimes (i 10) (make-overlay (1+ i) (+ 2 i))) (delete-all-overlays) (list (overlays-in 1 12) (next-overlay-change 1)))
(with-temp-buffer (insert "abc") (let ((o (make-overlay 1 4))) (overlay-put o 'face 'bold) (list (get-char-property 2 'face) (get-pos-property 2 'face) (text-properties-at 2))))
(with-temp-buffer (insert "abc") (let ((a (make-overlay 1 4)) (b (make-overlay 1 4))) (overlay-put a 'face 'a-face) (overlay-put b 'face 'b-face) (overlay-put a 'priority 1) (get-char-property 2 'face)))
(with-temp-buffer (insert "abc") (let ((a (make-overlay 1 4)) (b (make-overlay 2 3))) (overlay-put a 'face 'outer) (overlay-put b 'face 'inner) (list (get-char-property 1 'face) (get-char-property 2 'face))))
(with-temp-buffer (insert "abcdef") (let ((o (make-overlay 2 5))) (goto-char 3) (insert "XYZ") (transpose-regions 1 2 3 4) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "héllo") (let ((o (make-overlay 2 4))) (list (buffer-substring (overlay-start o) (overlay-end o)) (progn (goto-char 1) (insert "ü") (list (overlay-start o) (overlay-end o))))))
(with-temp-buffer (insert "abc") (set-buffer-multibyte nil) (let ((o (make-overlay 1 3))) (set-buffer-multibyte t) (list (overlay-start o) (overlay-end o))))
(with-temp-buffer (insert "abc") (let ((o (make-overlay 1 3))) (overlay-put o 'a 1) (let ((c (copy-overlay o))) (list (overlay-start c) (overlay-end c) (overlay-get c 'a) (eq c o)))))
(with-temp-buffer (insert "abc") (let ((o (make-overlay 1 3))) (remove-overlays) (overlay-buffer o)))
(with-temp-buffer (insert "abcdef") (let ((o (make-overlay 1 7))) (overlay-put o 'k 'v) (remove-overlays 3 5 'k 'v) (sort (mapcar (lambda (x) (list (overlay-start x) (overlay-end x))) (overlays-in 1 7)) (lambda (a b) (< (car a) (car b))))))
