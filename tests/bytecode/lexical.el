;;; lexical.el --- byte-code cases, lexical binding  -*- lexical-binding: t -*-
;; Byte-compiled by Debian's Emacs 28.2, then loaded by it and by the image: both print the
;; same lines (tests/test_bytecode.py).  Each case exercises opcodes of bytecode.c.

(defvar bc-dynamic 10)

(defun bc-arith (a b)
  (list (+ a b) (- a b) (* a b) (/ a b) (% a b) (1+ a) (1- b) (- a) (max a b) (min a b)
        (= a b) (< a b) (> a b) (<= a b) (>= a b) (/ 7.0 a) (* a 1.5)))

(defun bc-lists (x)
  (let ((l (list x (1+ x) (* 2 x))))
    (list (car l) (cdr l) (nth 1 l) (nthcdr 2 l) (elt l 2) (length l) (memq x l)
          (member (1+ x) l) (assq 'b '((a . 1) (b . 2))) (nreverse (copy-sequence l))
          (cons 1 2) (list 1) (list 1 2) (list 1 2 3) (list 1 2 3 4) (list 1 2 3 4 5 6 7 8 9)
          (car-safe 'z) (cdr-safe '(1 . 2)) (nconc (list 1) (list 2)) (consp l) (listp nil)
          (symbolp 'a) (stringp "s") (numberp 1.5) (integerp (expt 2 70)) (not x) (eq x x))))

(defun bc-indexed (n l)
  ;; Variable indexes: Bnth and Belt, not the car/cdr chains constant ones compile to.
  (list (nth n l) (elt l n) (nthcdr n l) (aref (vconcat l) n) (nth (1+ n) l)))

(defun bc-setters ()
  (let ((c (cons 1 2)) (v (make-vector 3 0)))
    (setcar c 'a) (setcdr c 'b) (aset v 1 'x)
    (list c v (aref v 1))))

(defun bc-strings (s)
  (list (concat s "b") (concat s "b" "c") (concat s "b" "c" "d") (concat s "1" "2" "3" "4" "5")
        (substring s 0 1) (string= s "abc") (string< s "b") (upcase s) (downcase "ABC")
        (equal s "abc") (format "%s-%d" s 42)))

(defun bc-optional (a &optional b c)
  (list a b c))

(defun bc-rest (a &rest more)
  (list a more))

(defun bc-loop (n)
  (let ((sum 0) (i 0))
    (while (< i n)
      (setq sum (+ sum i))
      (setq i (1+ i)))
    sum))

(defun bc-dolist (l)
  (let (out)
    (dolist (x l (nreverse out))
      (push (* x x) out))))

(defun bc-recursion (n)
  (if (<= n 1) 1 (* n (bc-recursion (1- n)))))

(defun bc-closure (n)
  (let ((count n))
    (list (lambda () (setq count (1+ count)))
          (lambda () count))))

(defun bc-use-closure ()
  (let* ((fs (bc-closure 5)) (inc (car fs)) (get (cadr fs)))
    (funcall inc) (funcall inc)
    (list (funcall get) (mapcar (lambda (x) (* x 10)) '(1 2 3)))))

(defun bc-switch (x)
  (pcase x
    ('a 1) ('b 2) ('c 3) ('d 4) ('e 5) ('f 6) ("str" 7)
    (_ 'other)))

(defun bc-cond (x)
  (cond ((eq x 1) 'one) ((and (numberp x) (> x 10)) 'big) (t 'small)))

(defun bc-condition-case (x)
  (condition-case err
      (/ 10 x)
    (arith-error (list 'caught (car err)))
    (error (list 'other err))))

(defun bc-catch (x)
  (catch 'done
    (dolist (i '(1 2 3 4 5))
      (when (= i x) (throw 'done (* i 100))))
    'none))

(defun bc-unwind ()
  (let ((log nil))
    (condition-case nil
        (unwind-protect
            (progn (push 'body log) (error "boom"))
          (push 'cleanup log))
      (error (push 'handled log)))
    (nreverse log)))

(defun bc-dynamic-let ()
  (let ((bc-dynamic 20))
    (bc-read-dynamic)))

(defun bc-read-dynamic () bc-dynamic)

(defun bc-buffer ()
  (with-temp-buffer
    (insert "hello world")
    (insert "!" "?")
    (goto-char (point-min))
    (forward-char 2)
    (let ((p1 (point)) (c (following-char)) (a (char-after 1)))
      (save-excursion
        (goto-char (point-max))
        (insert "+"))
      (save-restriction
        (narrow-to-region 1 6)
        (setq c (list c (buffer-substring (point-min) (point-max)) (point-max))))
      (forward-word 1)
      (skip-chars-forward " ")
      (list p1 c a (point) (bolp) (eolp) (bobp) (eobp) (preceding-char)
            (progn (end-of-line) (point)) (progn (forward-line 0) (point))
            (buffer-string) (current-column) (char-syntax ?a)
            (progn (delete-region 1 3) (buffer-string)) (bufferp (current-buffer))))))

(defun bc-match ()
  (when (string-match "\\(b+\\)c" "aabbbcd")
    (list (match-beginning 0) (match-end 1))))

(defun bc-apply ()
  (list (apply #'+ 1 2 '(3 4)) (funcall #'list 1 2) (mapconcat #'symbol-name '(a b) ",")
        (symbol-value 'bc-dynamic) (get 'bc-prop 'p) (progn (put 'bc-prop 'p 5) (get 'bc-prop 'p))
        (fboundp 'bc-apply) (functionp (symbol-function 'bc-apply))))

(defun bc-arity-error ()
  (condition-case err (funcall #'bc-optional) (error err)))

(defun bc-type-error ()
  (condition-case err (car 5) (error err)))

;; One condition-case of several clauses is a handler per clause: the code of the one that caught
;; pops the others, after their bodies.
(defun bc-clauses (x)
  (condition-case err
      (cond ((eq x 1) (/ 1 0)) ((eq x 2) (car 5)) ((eq x 3) bc-no-such-variable) ((eq x 4) (error "e"))
            (t (list 'ok x)))
    (arith-error (list 'arith err)) (wrong-type-argument (list 'wta err))
    (void-variable (list 'void err)) (error (list 'other err))))

;; A catch around an endless loop: its body ends only by the throw, and has no pop.
(defun bc-catch-loop (n)
  (catch 'done (let ((i 0)) (while t (setq i (1+ i)) (when (> i n) (throw 'done (list 'thrown i)))))))

;; A callee redefined, advised, made an alias and unbound between calls: compiled code that
;; remembers what a call found must see each change.
(defun bc-callee (x) (* x 2))
(defun bc-caller (x) (list (bc-callee x) (bc-callee (1+ x))))
(defun bc-advice (f x) (list 'advised (funcall f x)))
(defun bc-redefined ()
  (let ((r (list (bc-caller 1) (bc-caller 2) (bc-caller 3))))
    (defalias 'bc-callee (lambda (x) (+ x 100)))
    (push (bc-caller 1) r)
    (advice-add 'bc-callee :around #'bc-advice)
    (push (bc-caller 1) r)
    (advice-remove 'bc-callee #'bc-advice)
    (push (bc-caller 1) r)
    (defalias 'bc-other (lambda (x) (- x)))
    (defalias 'bc-callee 'bc-other)
    (push (bc-caller 1) r)
    (fmakunbound 'bc-callee)
    (push (condition-case err (bc-caller 1) (error (list 'error err))) r)
    (nreverse r)))

;; Byte-code called from C: mapcar, apply, sort, a hook, maphash, mapconcat call closures,
;; functions of optional and rest arguments, and primitives; an error and a throw leave them.
(defvar bc-hook nil)
(defun bc-from-c (n)
  (let* ((k 10) (add (lambda (x) (+ x k n))) (h (make-hash-table)) (log nil))
    (puthash 'a 1 h) (puthash 'b 2 h)
    (add-hook 'bc-hook (lambda (x) (push (list 'hook x) log)))
    (add-hook 'bc-hook #'bc-rest)
    (run-hook-with-args 'bc-hook n)
    (maphash (lambda (key v) (push (cons key (funcall add v)) log)) h)
    (prog1
        (list (mapcar add '(1 2 3)) (mapcar #'bc-optional '(1 2)) (mapcar #'1+ '(1 2))
              (apply add '(5)) (apply #'bc-rest 1 2 '(3)) (sort (list 3 1 2) (lambda (a b) (> a b)))
              (mapconcat (lambda (x) (number-to-string (funcall add x))) '(1 2) "+")
              (condition-case err (mapcar (lambda (x) (/ k x)) '(1 0)) (arith-error (list 'caught err)))
              (catch 'out (mapc (lambda (x) (when (> x 1) (throw 'out (list 'thrown x)))) '(1 2 3)))
              (nreverse log))
      (setq bc-hook nil))))

(dolist (case '((bc-arith 7 3) (bc-arith 7.5 2) (bc-lists 4) (bc-indexed 1 (a b c)) (bc-setters) (bc-strings "abc")
                (bc-optional 1) (bc-optional 1 2 3) (bc-rest 1) (bc-rest 1 2 3) (bc-loop 100)
                (bc-dolist (1 2 3)) (bc-recursion 20) (bc-recursion 30) (bc-use-closure)
                (bc-switch a) (bc-switch f) (bc-switch "str") (bc-switch z)
                (bc-cond 1) (bc-cond 50) (bc-cond 2) (bc-condition-case 2)
                (bc-condition-case 0) (bc-condition-case nil) (bc-catch 3) (bc-catch 9)
                (bc-unwind) (bc-dynamic-let) (bc-read-dynamic) (bc-buffer) (bc-match) (bc-apply)
                (bc-arity-error) (bc-type-error) (bc-clauses 1) (bc-clauses 2) (bc-clauses 3)
                (bc-clauses 4) (bc-clauses 5) (bc-catch-loop 7) (bc-redefined) (bc-from-c 3)))
  (prin1 (list (car case) (condition-case err (apply (car case) (cdr case)) (error (list 'error err)))))
  (terpri))

(prin1 (list (byte-code-function-p (symbol-function 'bc-loop))
             (func-arity 'bc-optional) (func-arity 'bc-rest) (aref (symbol-function 'bc-rest) 0)))
(terpri)
