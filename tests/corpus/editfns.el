;;; editfns.el --- corpus: the DEFUNs of editfns.c  -*- lexical-binding: t -*-

;; char-to-string, byte-to-string, string-to-char
(char-to-string ?a)
(char-to-string ?é)
(char-to-string #x1F600)
(char-to-string (max-char))
(char-to-string #x3FFFE9)
(char-to-string -1)  ; error
(char-to-string 'a)  ; error
(byte-to-string 65)
(byte-to-string 233)
(byte-to-string 256)  ; error
(string-to-char "abc")
(string-to-char "")
(string-to-char "é")
(string-to-char "\351")
(string-to-char 'a)  ; error

;; point, goto-char, point-min/max, buffer-size
(point)
(with-temp-buffer (insert "hello") (point))
(with-temp-buffer (insert "hello") (goto-char 3) (point))
(with-temp-buffer (insert "hello") (goto-char 100))
(with-temp-buffer (insert "hello") (goto-char 100) (point))
(with-temp-buffer (insert "hello") (goto-char -5) (point))
(with-temp-buffer (insert "hello") (goto-char 2.5))  ; error
(with-temp-buffer (insert "hello") (goto-char 'x))  ; error
(with-temp-buffer (insert "hello") (let ((m (copy-marker 3))) (goto-char m) (point)))
(with-temp-buffer (insert "héllo") (goto-char 3) (list (point) (char-after)))
(with-temp-buffer (insert "hello") (list (point-min) (point-max) (buffer-size)))
(with-temp-buffer (insert "héllo") (list (buffer-size) (position-bytes (point-max))))
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (list (point-min) (point-max) (buffer-size)))
(let ((b (get-buffer-create "corpus-editfns-b1"))) (with-current-buffer b (insert "abc")) (prog1 (buffer-size b) (kill-buffer b)))
(buffer-size 'nope)  ; error
(with-temp-buffer (insert "hello") (list (point-min-marker) (point-max-marker)))
(with-temp-buffer (insert "hello") (point-marker))
(with-temp-buffer (insert "hello") (goto-char 2) (marker-position (point-marker)))
(point-min 1)  ; error

;; gap, bytes and positions
(with-temp-buffer (insert "abc") (gap-position))
(with-temp-buffer (insert "abc") (goto-char 2) (insert "x") (gap-position))
(with-temp-buffer (integerp (gap-size)))
(with-temp-buffer (insert "aéb") (list (position-bytes 1) (position-bytes 2) (position-bytes 3) (position-bytes 4)))
(with-temp-buffer (insert "aéb") (position-bytes 10))
(with-temp-buffer (insert "aéb") (list (byte-to-position 1) (byte-to-position 2) (byte-to-position 3) (byte-to-position 4) (byte-to-position 5)))
(with-temp-buffer (insert "aéb") (byte-to-position 100))
(with-temp-buffer (insert "abc") (byte-to-position 0))

;; characters around point
(with-temp-buffer (insert "abc") (goto-char 2) (list (following-char) (preceding-char)))
(with-temp-buffer (list (following-char) (preceding-char)))
(with-temp-buffer (insert "abc") (list (char-after 1) (char-after 3) (char-after 4) (char-after 0)))
(with-temp-buffer (insert "abc") (list (char-before 1) (char-before 2) (char-before 4) (char-before 5)))
(with-temp-buffer (insert "abc") (goto-char 2) (list (char-after) (char-before)))
(with-temp-buffer (insert "é€") (list (char-after 1) (char-after 2) (char-before 3)))
(with-temp-buffer (insert "abc") (char-after 'x))  ; error
(with-temp-buffer (insert "abc") (narrow-to-region 2 3) (list (char-after 1) (char-after 2) (char-before 3)))
(with-temp-buffer (list (bobp) (eobp) (bolp) (eolp)))
(with-temp-buffer (insert "ab\ncd") (goto-char 3) (list (bobp) (eobp) (bolp) (eolp)))
(with-temp-buffer (insert "ab\ncd") (goto-char 4) (list (bobp) (eobp) (bolp) (eolp)))
(with-temp-buffer (insert "ab\ncd") (list (bobp) (eobp) (bolp) (eolp)))

;; line positions
(with-temp-buffer (insert "one\ntwo\nthree") (goto-char 6) (list (line-beginning-position) (line-end-position)))
(with-temp-buffer (insert "one\ntwo\nthree") (goto-char 6) (list (line-beginning-position 2) (line-end-position 2)))
(with-temp-buffer (insert "one\ntwo\nthree") (goto-char 6) (list (line-beginning-position 0) (line-end-position 0)))
(with-temp-buffer (insert "one\ntwo\nthree") (goto-char 6) (list (line-beginning-position 10) (line-end-position -10)))
(with-temp-buffer (insert "one\ntwo") (narrow-to-region 2 6) (goto-char 5) (list (line-beginning-position) (line-end-position)))
(with-temp-buffer (insert "abc") (line-beginning-position 'x))  ; error

;; the mark and the region
(with-temp-buffer (insert "hello") (set-marker (mark-marker) 2) (goto-char 5) (list (region-beginning) (region-end)))
(with-temp-buffer (insert "hello") (set-marker (mark-marker) 5) (goto-char 2) (list (region-beginning) (region-end)))
(with-temp-buffer (insert "hello") (condition-case e (region-beginning) (error e)))
(with-temp-buffer (markerp (mark-marker)))
(with-temp-buffer (marker-position (mark-marker)))

;; save-excursion, save-current-buffer, save-restriction
(with-temp-buffer (insert "hello") (goto-char 2) (save-excursion (goto-char 5) (insert "X")) (list (point) (buffer-string)))
(with-temp-buffer (insert "hello") (goto-char 4) (save-excursion (goto-char 1) (insert "XX")) (point))
(with-temp-buffer (insert "hello") (goto-char 3) (condition-case nil (save-excursion (goto-char 5) (error "x")) (error nil)) (point))
(let ((b1 (get-buffer-create "corpus-ed-se1")))
  (unwind-protect
      (with-temp-buffer
        (let ((here (current-buffer)))
          (save-excursion (set-buffer b1) (insert "in b1"))
          (list (eq (current-buffer) here) (with-current-buffer b1 (buffer-string)))))
    (kill-buffer b1)))
(let ((b1 (get-buffer-create "corpus-ed-sc1")))
  (unwind-protect
      (with-temp-buffer
        (let ((here (current-buffer)))
          (list (save-current-buffer (set-buffer b1) (buffer-name)) (eq (current-buffer) here))))
    (kill-buffer b1)))
(with-temp-buffer
  (let ((b (get-buffer-create "corpus-ed-sc2")))
    (save-current-buffer (set-buffer b) (kill-buffer b))
    (buffer-live-p (current-buffer))))
(with-temp-buffer (insert "hello world") (save-restriction (narrow-to-region 1 6) (buffer-string)))
(with-temp-buffer (insert "hello world") (save-restriction (narrow-to-region 1 6)) (buffer-string))
(with-temp-buffer (insert "hello world") (narrow-to-region 3 8) (save-restriction (widen) (insert "X")) (list (point-min) (point-max) (buffer-string)))
(with-temp-buffer (insert "hello world") (save-restriction (narrow-to-region 7 12) (goto-char (point-min)) (insert ">>")) (buffer-string))
(with-temp-buffer (insert "abcdef") (narrow-to-region 2 5) (save-restriction (narrow-to-region 3 4) (list (point-min) (point-max))))

;; narrowing
(with-temp-buffer (insert "hello world") (narrow-to-region 7 12) (list (buffer-string) (point) (bobp)))
(with-temp-buffer (insert "hello world") (narrow-to-region 12 7) (buffer-string))
(with-temp-buffer (insert "hello") (narrow-to-region 0 100))  ; error
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (widen) (buffer-string))
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (goto-char 1) (point))
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (narrow-to-region 1 5))
(with-temp-buffer (insert "hello") (narrow-to-region 'a 2))  ; error
(with-temp-buffer (widen))

;; insert
(with-temp-buffer (insert "a" "b" ?c) (buffer-string))
(with-temp-buffer (insert) (buffer-string))
(with-temp-buffer (insert 'a))  ; error
(with-temp-buffer (insert "é" ?€ "x") (list (buffer-string) (point) (buffer-size)))
(with-temp-buffer (insert "abc") (goto-char 2) (insert "XY") (list (buffer-string) (point)))
(with-temp-buffer (insert (propertize "ab" 'face 'bold)) (buffer-string))
(with-temp-buffer (insert "\351") (list (buffer-string) (char-after 1)))
(with-temp-buffer (set-buffer-multibyte nil) (insert "é") (list (buffer-string) (buffer-size)))
(with-temp-buffer (insert (propertize "a" 'face 'bold)) (goto-char 2) (insert-and-inherit "b") (buffer-string))
(with-temp-buffer (insert (propertize "a" 'face 'bold)) (goto-char 2) (insert "b") (buffer-string))
(with-temp-buffer (insert "abc") (let ((m (copy-marker 2))) (goto-char 2) (insert "X") (marker-position m)))
(with-temp-buffer (insert "abc") (let ((m (copy-marker 2))) (goto-char 2) (insert-before-markers "X") (marker-position m)))
(with-temp-buffer (insert (propertize "a" 'face 'bold)) (let ((m (copy-marker 2))) (goto-char 2) (insert-before-markers-and-inherit "b") (list (marker-position m) (buffer-string))))
(with-temp-buffer (insert-char ?x 3) (buffer-string))
(with-temp-buffer (insert-char ?é 2) (buffer-string))
(with-temp-buffer (insert-char ?x) (buffer-string))
(with-temp-buffer (insert-char ?x 0) (buffer-string))
(with-temp-buffer (insert-char ?x -2) (buffer-string))
(with-temp-buffer (insert-char "x" 2))  ; error
(with-temp-buffer (insert-byte 65 2) (buffer-string))
(with-temp-buffer (insert-byte 233 1) (list (buffer-string) (char-after 1)))
(with-temp-buffer (insert-byte 256 1))  ; error

;; buffer-substring and buffer-string
(with-temp-buffer (insert "hello world") (buffer-substring 1 6))
(with-temp-buffer (insert "hello world") (buffer-substring 6 1))
(with-temp-buffer (insert "hello world") (buffer-substring 1 100))  ; error
(with-temp-buffer (insert "hello world") (buffer-substring 0 3))  ; error
(with-temp-buffer (insert "héllo") (buffer-substring 2 4))
(with-temp-buffer (insert "ab" (propertize "cd" 'face 'bold)) (buffer-substring 2 4))
(with-temp-buffer (insert "ab" (propertize "cd" 'face 'bold)) (buffer-substring-no-properties 2 4))
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (list (buffer-string) (buffer-substring 1 6)))  ; error
(with-temp-buffer (buffer-string))
(with-temp-buffer (insert "x") (buffer-substring 'a 2))  ; error
(with-temp-buffer (insert "hello") (let ((m (copy-marker 2)) (n (copy-marker 4))) (buffer-substring m n)))

;; insert-buffer-substring, compare-buffer-substrings
(let ((src (get-buffer-create "corpus-ed-src")))
  (unwind-protect
      (progn (with-current-buffer src (insert "source text"))
             (with-temp-buffer (insert "[") (insert-buffer-substring src 1 7) (insert "]") (buffer-string)))
    (kill-buffer src)))
(let ((src (get-buffer-create "corpus-ed-src2")))
  (unwind-protect
      (progn (with-current-buffer src (insert "abc"))
             (with-temp-buffer (insert-buffer-substring src) (buffer-string)))
    (kill-buffer src)))
(with-temp-buffer (insert-buffer-substring "corpus-ed-no-such-buffer"))  ; error
(let ((src (get-buffer-create "corpus-ed-src3")))
  (unwind-protect
      (progn (with-current-buffer src (insert "abc"))
             (with-temp-buffer (insert-buffer-substring src 2 10)))
    (kill-buffer src)))  ; error
(with-temp-buffer (insert "abcabd") (compare-buffer-substrings nil 1 4 nil 4 7))
(with-temp-buffer (insert "abcabc") (compare-buffer-substrings nil 1 4 nil 4 7))
(with-temp-buffer (insert "abcABC") (let ((case-fold-search t)) (compare-buffer-substrings nil 1 4 nil 4 7)))
(with-temp-buffer (insert "abcABC") (let ((case-fold-search nil)) (compare-buffer-substrings nil 1 4 nil 4 7)))
(with-temp-buffer (insert "abcab") (compare-buffer-substrings nil 1 4 nil 4 6))
(with-temp-buffer (insert "abc") (compare-buffer-substrings nil 1 10 nil 1 2))  ; error

;; replace-buffer-contents
(let ((src (get-buffer-create "corpus-ed-rbc")))
  (unwind-protect
      (progn (with-current-buffer src (insert "hello brave world"))
             (with-temp-buffer (insert "hello world") (goto-char 7)
                               (list (replace-buffer-contents src) (buffer-string) (point))))
    (kill-buffer src)))
(let ((src (get-buffer-create "corpus-ed-rbc2")))
  (unwind-protect
      (progn (with-current-buffer src (insert "same"))
             (with-temp-buffer (insert "same") (list (replace-buffer-contents src) (buffer-string))))
    (kill-buffer src)))

;; subst-char-in-region, translate-region-internal, transpose-regions
(with-temp-buffer (insert "a-b-c") (subst-char-in-region 1 6 ?- ?_) (buffer-string))
(with-temp-buffer (insert "a-b-c") (subst-char-in-region 2 4 ?- ?+) (buffer-string))
(with-temp-buffer (insert "aéa") (subst-char-in-region 1 4 ?a ?ö) (buffer-string))  ; error
(with-temp-buffer (insert "abc") (subst-char-in-region 1 10 ?a ?b))  ; error
(with-temp-buffer (insert "abcabc") (translate-region-internal 1 7 (let ((s (make-string 256 0))) (dotimes (i 256) (aset s i i)) (aset s ?a ?z) s)) (buffer-string))
(with-temp-buffer (insert "hello world") (transpose-regions 1 6 7 12) (buffer-string))
(with-temp-buffer (insert "ab cde") (transpose-regions 1 3 4 7) (buffer-string))
(with-temp-buffer (insert "héllo wörld") (transpose-regions 1 6 7 12) (buffer-string))
(with-temp-buffer (insert "abcdef") (transpose-regions 1 3 2 4))  ; error
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 2))) (transpose-regions 1 3 4 7) (marker-position m)))
(with-temp-buffer (insert "abcdef") (let ((m (copy-marker 2))) (transpose-regions 1 3 4 7 t) (marker-position m)))

;; delete-region, delete-and-extract-region
(with-temp-buffer (insert "hello world") (delete-region 1 7) (buffer-string))
(with-temp-buffer (insert "hello world") (delete-region 7 1) (buffer-string))
(with-temp-buffer (insert "hello world") (delete-region 1 100))  ; error
(with-temp-buffer (insert "hello world") (goto-char 9) (delete-region 1 7) (point))
(with-temp-buffer (insert "héllo") (delete-region 2 3) (buffer-string))
(with-temp-buffer (insert "hello") (delete-and-extract-region 2 4))
(with-temp-buffer (insert "hello") (list (delete-and-extract-region 4 2) (buffer-string)))
(with-temp-buffer (insert "hello") (delete-and-extract-region 3 3))
(with-temp-buffer (insert "a" (propertize "bc" 'face 'bold)) (delete-and-extract-region 2 4))
(with-temp-buffer (insert "hello") (narrow-to-region 2 4) (delete-region 1 3))  ; error

;; fields
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (list (field-beginning 4) (field-end 4)))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (list (field-string 4) (field-string-no-properties 4)))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (list (field-string 1) (field-string 7)))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (delete-field 4) (buffer-string))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (list (field-beginning 3) (field-end 3) (field-beginning 6) (field-end 6)))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (list (field-beginning 3 t) (field-end 6 t)))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (constrain-to-field 7 4))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (constrain-to-field 1 4))
(with-temp-buffer (insert "ab" (propertize "cde" 'field 'f1) "gh") (goto-char 1) (constrain-to-field nil 4) (point))
(with-temp-buffer (insert "plain text") (list (field-beginning 5) (field-end 5) (field-string 5)))
(with-temp-buffer (insert "ab" (propertize "cd" 'field 'boundary) "ef") (list (field-beginning 4) (field-end 4)))

;; get-pos-property
(with-temp-buffer (insert "ab" (propertize "cd" 'p 1) "ef") (list (get-pos-property 3 'p) (get-pos-property 4 'p) (get-pos-property 5 'p)))
(with-temp-buffer (insert "abcdef") (let ((o (make-overlay 2 4))) (overlay-put o 'q 'ov) (list (get-pos-property 2 'q) (get-pos-property 3 'q) (get-pos-property 4 'q))))
(with-temp-buffer (insert "abcdef") (let ((o (make-overlay 2 4 nil t nil))) (overlay-put o 'q 'ov) (list (get-pos-property 2 'q) (get-pos-property 4 'q))))

;; message and friends (batch: to stderr), ngettext
(message "corpus message %d" 42)
(message "%s" "plain")
(message nil)
(message "")
(message "%S" '(a "b"))
(message "with é")
(message-box "box %s" 'x)
(message-or-box "mob %d" 1)
(current-message)
(message 'notastring)  ; error
(ngettext "file" "files" 1)
(ngettext "file" "files" 2)
(ngettext "file" "files" 0)
(ngettext "file" "files" 'x)  ; error

;; propertize
(propertize "abc" 'face 'bold)
(propertize "abc" 'face 'bold 'help-echo "hi")
(propertize "abc")
(propertize "abc" 'face)  ; error
(propertize 'abc 'face 'bold)  ; error
(let ((s "abc")) (eq s (propertize s 'a 1)))
(propertize (propertize "abc" 'a 1) 'b 2)
(propertize "" 'a 1)

;; char-equal
(char-equal ?a ?a)
(char-equal ?a ?A)
(let ((case-fold-search nil)) (char-equal ?a ?A))
(char-equal ?a ?b)
(char-equal ?1 ?1)
(char-equal 'a ?a)  ; error

;; users and the process (only their types: the values depend on the machine)
(natnump (emacs-pid))
(integerp (user-uid))
(integerp (user-real-uid))
(integerp (group-gid))
(integerp (group-real-gid))
(stringp (system-name))
