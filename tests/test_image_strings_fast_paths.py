"""The runtime's fast paths under strings, formatting, hash tables and arithmetic against GNU
Emacs 28.2: string comparison per character through `&charidx' (boxes read and written through
their pointer), STRING fields by constant, pointer loops (`p < end'), the pooled local arrays of
`format' (styled_format's sprintf buffer: nested and unwound by an error), PSEUDOVECTORP by type,
`list'/`vector' from the argument vector, and arith_driver on bignums and markers.  Each form
prints the same in the image as in `emacs -Q --batch'."""
import pytest
from conftest import EMACS, batch

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

FORMS = r"""
(dolist (p '(("abc" "abd") ("abc" "abc") ("ab" "abc") ("abc" "ab") ("" "a") ("a" "")
             ("é" "e") ("e" "é") ("aé" "aê") ("日本" "日本語") ("x\200" "x\201")
             (abc abd) ("DHRYSTONE PROGRAM, 1'ST STRING" "DHRYSTONE PROGRAM, 2'ND STRING")))
  (print (list (string< (car p) (cadr p)) (string= (car p) (cadr p))
               (string-lessp (cadr p) (car p))
               (and (stringp (car p)) (compare-strings (car p) nil nil (cadr p) nil nil)))))
(print (let ((s "") (parts nil))
         (dotimes (i 300)
           (setq s (concat (substring s (max 0 (- (length s) 40))) (number-to-string i) ","))
           (push (format "%d:%s" i (upcase (substring s (max 0 (- (length s) 5))))) parts))
         (list (length (mapconcat #'identity parts ";")) s)))
(print (list (concat "a" "é" (string 200) "\200") (string-to-multibyte "a\300b")
             (string-as-multibyte "a\300b") (string-bytes (concat "é" "\300"))
             (length (concat (make-string 3000 ?x) "é"))))
(print (list (format "%5d|%-6s|%x|%c|%S|%.3f|%e|%g" 42 "ab" 255 ?é '(a "b") 3.14159 1e10 0.0001)
             (format "%s" (format "%s-%s" (format "%d" 1) (format "%S" "q")))
             (length (format "%s" (make-string 30000 ?z)))
             (format "%-300d|" 7)
             (format "%.50f" 1.5)
             (condition-case e (format "%d" "x") (error e))
             (format "after the error %d %s" 3 'ok)))
(print (let ((hs (make-hash-table :test 'equal)) (keys nil))
         (dotimes (i 300) (puthash (format "k%d-%s" i (make-string (% i 9) ?é)) i hs))
         (dotimes (i 100) (remhash (format "k%d-%s" (* 3 i) (make-string (% (* 3 i) 9) ?é)) hs))
         (maphash (lambda (k v) (when (< v 20) (push (cons k v) keys))) hs)
         (list (hash-table-count hs) (gethash "k5-ééééé" hs) (gethash "k6-" hs 'none)
               (sort keys (lambda (a b) (< (cdr a) (cdr b)))))))
(print (list (* (expt 2 70) 3) (+ (expt 2 62) 1 -1) (- (expt 2 61) (expt 2 62)) (/ (expt 10 30) 7)
             (+ 1 (expt 2 80)) (* 1 2 (expt 3 50)) (% (expt 7 30) 1000) (+ 1.5 (expt 2 70))
             (with-temp-buffer (insert "abcdef") (goto-char 3) (+ (point-marker) 1 (expt 2 64)))
             (condition-case e (+ 1 'a) (error e)) (condition-case e (* (expt 2 70) "x") (error e))))
(print (list (markerp 1) (markerp (expt 2 70)) (bufferp "x") (bufferp (current-buffer))
             (byte-code-function-p (vector 1 2)) (byte-code-function-p (byte-compile (lambda (x) x)))
             (bignump (expt 2 61)) (bignump (1- (expt 2 61))) (bignump (- (expt 2 61)))
             (bignump (- -1 (expt 2 61))) (fixnump most-positive-fixnum) (fixnump (1+ most-positive-fixnum))
             (hash-table-p (make-hash-table)) (hash-table-p [1]) (recordp (record 'a 1))
             (char-table-p (make-char-table 'x)) (char-table-p "s")))
(print (list (list 1 2 3) (apply #'list (number-sequence 1 10)) (vector 'a "b" 3) (apply #'vector '(1 2))
             (funcall #'list) (funcall #'vector)))
(print (list (string-match "b+" "aabbbc") (match-end 0) (search-forward-regexp "x" nil t)
             (with-temp-buffer (insert (make-string 2000 ?a) "needle" (make-string 2000 ?b))
                               (goto-char 1) (list (search-forward "needle" nil t)
                                                   (search-backward "aaneed" nil t)))))
"""


def test_strings_fast_paths_agree_with_emacs(image):
    args = ["--eval", f"(progn {FORMS} (terpri))"]
    expected = batch(EMACS, *args)
    assert expected[0] == 0 and expected[1].count("\n") > 20, expected
    got = batch(image, *args)
    for want, line in zip(expected[1].splitlines(), got[1].splitlines()):
        assert line == want
    assert got == expected
