;;; switch.el --- edge cases of the byte-code interpreter's Bswitch  -*- lexical-binding: t -*-
;; Byte-compiled by Debian's Emacs 28.2, then loaded by it and by the image: both print the same
;; lines (tests/test_image_bytecode_fast_paths.py).  glue/bytecode.lisp does Bswitch as bytecode.c
;; does: a linear search of an eq jump table of at most 5 entries, hash_lookup otherwise (eql and
;; equal tables, more entries); each case is a key found or not in one kind of table.

(defun sw-show (name f keys)
  (dolist (k keys)
    (princ (format "%s %S => %S\n" name k (condition-case e (funcall f k) (error (list 'error e)))))))

(defun sw-eq-small (x) (cond ((eq x 'a) 1) ((eq x 'b) 2) ((eq x 'c) 3) ((eq x nil) 4) (t 'other)))
(defun sw-eq-five (x)
  (pcase x ('a 1) ('b 2) ('c 3) ('d 4) ('e 5) (_ 'other)))
(defun sw-eq-big (x)
  (pcase x ('a 1) ('b 2) ('c 3) ('d 4) ('e 5) ('f 6) ('g 7) ('h 8) (_ 'other)))
(defun sw-eql (x) (cond ((eql x 1.5) 'float) ((eql x 2) 'two) ((eql x -1.0) 'minus) (t 'other)))
(defun sw-equal (x)
  (cond ((equal x "foo") 'foo) ((equal x "bar") 'bar) ((equal x '(1 2)) 'list) (t 'other)))
(defun sw-fixnums (x) (pcase x (1 'one) (2 'two) (3 'three) (4 'four) (5 'five) (6 'six) (_ 'other)))

(let ((keys (list 'a 'b 'c 'd 'e 'f 'h 'z nil t 1 2 6 7 1.5 -1.0 2.0 "foo" "bar" (list 1 2)
                  (1+ most-positive-fixnum))))
  (sw-show "eq-small" #'sw-eq-small keys)
  (sw-show "eq-five" #'sw-eq-five keys)
  (sw-show "eq-big" #'sw-eq-big keys)
  (sw-show "eql" #'sw-eql keys)
  (sw-show "equal" #'sw-equal keys)
  (sw-show "fixnums" #'sw-fixnums keys)
  ;; The functions use Bswitch (a jump table among their constants).
  (princ (format "tables %S\n"
                 (mapcar (lambda (f)
                           (let ((found nil))
                             (mapc (lambda (c) (when (hash-table-p c) (setq found t)))
                                   (aref (symbol-function f) 2))
                             found))
                         '(sw-eq-small sw-eq-five sw-eq-big sw-eql sw-equal sw-fixnums)))))
