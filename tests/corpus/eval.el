;;; eval.el --- corpus: the DEFUNs of eval.c (the interpreter)  -*- lexical-binding: t -*-

;; special forms: and, or, if, cond, progn, prog1, setq, quote, function, while
(and)
(and 1 2 3)
(and 1 nil 3)
(or)
(or nil 2 3)
(or nil nil)
(let ((n 0)) (or (setq n (1+ n)) (setq n (+ n 10))) n)
(if t 'yes 'no)
(if nil 'yes 'no1 'no2)
(if nil 'yes)
(if)  ; error
(if t)  ; error
(cond ((= 1 2) 'a) ((= 1 1) 'b) (t 'c))
(cond (nil 1) (42))
(cond)
(cond (nil))
(cond (t))
(cond ((memq 'x '(a x b)) => 'ignored))  ; error
(cond a)  ; error
(progn)
(progn 1 2 3)
(prog1 1 2 3)
(prog1)  ; error
(prog2 1 2 3)
(let ((x 1)) (prog1 x (setq x 2)))
(let (a b) (setq a 1 b 2) (list a b))
(let (a) (setq a 1 b-corpus-free-var-not-set))  ; error
(setq)
(let ((x 1)) (setq x (1+ x) x (* x 10)) x)
(quote a)
(quote (1 2))
(quote a b)  ; error
(quote)  ; error
(function car)
(function (lambda (x) x))
(let ((i 0) (acc nil)) (while (< i 5) (setq acc (cons i acc)) (setq i (1+ i))) acc)
(while nil)
(let ((i 0)) (while (progn (setq i (1+ i)) (< i 3))) i)

;; let, let*, lexical and dynamic binding
(let ((x 1) (y 2)) (+ x y))
(let ((x 1)) (let ((x 2) (y x)) (list x y)))
(let ((x 1)) (let* ((x 2) (y x)) (list x y)))
(let (x (y) (z 3)) (list x y z))
(let ((x 1 2)) x)  ; error
(let ((1 2)) 1)  ; error
(let ((nil 1)) nil)  ; error
(let ((t 1)) t)  ; error
(let ((:kw 1)) :kw)  ; error
(let x 1)  ; error
(let* ((a 1) (b (+ a 1)) (c (* b 2))) (list a b c))
(let ((x 10)) (let ((f (lambda () x))) (let ((x 20)) (funcall f))))
(let ((x 10)) (let ((f (lambda () x))) (setq x 30) (funcall f)))
(let ((counter (let ((n 0)) (lambda () (setq n (1+ n)))))) (funcall counter) (funcall counter) (funcall counter))
(let ((fs nil)) (dolist (i '(1 2 3)) (push (lambda () i) fs)) (mapcar #'funcall fs))
(progn (defvar corpus-ev-dyn 'global) (defun corpus-ev-get-dyn () corpus-ev-dyn) (list (corpus-ev-get-dyn) (let ((corpus-ev-dyn 'bound)) (corpus-ev-get-dyn)) (corpus-ev-get-dyn)))
(progn (defvar corpus-ev-dyn2 1) (let ((f (let ((corpus-ev-dyn2 2)) (lambda () corpus-ev-dyn2)))) (funcall f)))
(progn (defvar corpus-ev-dyn3 'outer) (condition-case nil (let ((corpus-ev-dyn3 'inner)) (error "boom")) (error nil)) corpus-ev-dyn3)
(progn (defvar corpus-ev-dyn4 'outer) (catch 'out (let ((corpus-ev-dyn4 'inner)) (throw 'out corpus-ev-dyn4))))
(progn (defvar corpus-ev-dyn5 0) (let ((corpus-ev-dyn5 1)) (setq corpus-ev-dyn5 2)) corpus-ev-dyn5)
(progn (defvar corpus-ev-dyn6) (let ((corpus-ev-dyn6 5)) (list (boundp 'corpus-ev-dyn6) (special-variable-p 'corpus-ev-dyn6))))
(progn (defvar corpus-ev-dyn7) (list (boundp 'corpus-ev-dyn7) (special-variable-p 'corpus-ev-dyn7)))
(special-variable-p 'corpus-ev-never-defvared)
(special-variable-p 'fill-column)
(special-variable-p 1)  ; error
(let ((x 1)) (list (boundp 'x) (special-variable-p 'x)))
(let ((lexical-binding-test 1)) (eval 'lexical-binding-test t))  ; error
(let ((x 1)) (eval '(let ((x 2)) (list x)) t))
(eval 'x '((x . 42)))
(eval '(let ((y 1)) (lambda () y)) t)
(eval '(let ((y 1)) (lambda () y)) nil)
(eval '(function (lambda (z) z)) t)
(eval '(+ 1 2))
(eval)  ; error
(eval 'corpus-ev-unbound-var)  ; error
(eval '(corpus-ev-undefined-fn))  ; error
(eval '("not a function"))  ; error
(eval '((lambda (x) (* x x)) 7) t)
(eval '((closure (t) (x) x) 5))
(progn (defvar corpus-ev-d8 1) (let ((corpus-ev-d8 2)) (list corpus-ev-d8 (default-toplevel-value 'corpus-ev-d8))))
(progn (defvar corpus-ev-d9 1) (let ((corpus-ev-d9 2)) (set-default-toplevel-value 'corpus-ev-d9 3)) corpus-ev-d9)
(default-toplevel-value 'corpus-ev-never-bound-tl)  ; error
(progn (internal--define-uninitialized-variable 'corpus-ev-uninit) (list (special-variable-p 'corpus-ev-uninit) (boundp 'corpus-ev-uninit)))
(progn (defvar corpus-ev-nonspecial 1) (internal-make-var-non-special 'corpus-ev-nonspecial) (special-variable-p 'corpus-ev-nonspecial))
(let ((x 'lexical)) (dlet ((corpus-ev-dlet 'dyn)) (symbol-value 'corpus-ev-dlet)))

;; defvar, defconst, defvaralias
(defvar corpus-ev-dv1 1 "Doc.")
(progn (defvar corpus-ev-dv2 1) (defvar corpus-ev-dv2 2) corpus-ev-dv2)
(progn (defconst corpus-ev-dc1 1) (defconst corpus-ev-dc1 2) corpus-ev-dc1)
(defconst corpus-ev-dc2 'v "Doc.")
(defvar)  ; error
(defvar corpus-ev-dv3 1 "doc" 'extra)  ; error
(defconst corpus-ev-dc3)  ; error
(defvar nil 1)
(progn (defvar corpus-ev-dv4 (+ 1 2)) (list corpus-ev-dv4 (special-variable-p 'corpus-ev-dv4)))
(progn (defvar corpus-ev-base 1) (defvaralias 'corpus-ev-alias 'corpus-ev-base) (let ((corpus-ev-alias 5)) (list corpus-ev-base corpus-ev-alias)))
(defvaralias 'corpus-ev-alias2 nil)
(defvaralias 'nil 'corpus-ev-x)  ; error
(let ((a (make-symbol "corpus-ev-cyc-a")) (b (make-symbol "corpus-ev-cyc-b"))) (defvaralias b a) (list (condition-case e (defvaralias a b) (error e)) (condition-case e (indirect-variable b) (error e))))

;; catch and throw
(catch 'tag 1 2 3)
(catch 'tag (throw 'tag 'thrown) 'not-reached)
(catch 'outer (catch 'inner (throw 'outer 'from-inner)) 'not-reached)
(catch 'tag (catch 'tag (throw 'tag 1)) 2)
(throw 'no-such-catch 1)  ; error
(catch 'tag (mapc (lambda (x) (when (> x 2) (throw 'tag x))) '(1 2 3 4)))
(catch 1 (throw 1 'numeric-tag))
(catch "str" (throw "str" 1))  ; error
(let ((tag (list 'x))) (catch tag (throw tag 'same-object)))
(catch nil (throw nil 'nil-tag))  ; error
(catch 'a (catch 'b (unwind-protect (throw 'a 1) (throw 'b 2))))
(catch)  ; error

;; unwind-protect
(unwind-protect 1 2 3)
(let ((log nil)) (list (unwind-protect 'body (push 'cleanup log)) log))
(let ((log nil)) (list (condition-case nil (unwind-protect (error "x") (push 'cleaned log)) (error 'caught)) log))
(let ((log nil)) (list (catch 'tag (unwind-protect (throw 'tag 'thrown) (push 'cleaned log))) log))
(let ((log nil)) (catch 'tag (unwind-protect (unwind-protect (throw 'tag 1) (push 'inner log)) (push 'outer log))) log)
(condition-case e (unwind-protect (error "first") (error "second")) (error e))
(unwind-protect)  ; error

;; condition-case and signal
(condition-case nil (car 1) (error 'caught))
(condition-case e (car 1) (error e))
(condition-case e (car 1) (wrong-type-argument (list 'wta e)) (error 'generic))
(condition-case e (/ 1 0) (arith-error 'arith) (error 'generic))
(condition-case e (car 1) ((arith-error wrong-type-argument) (car e)))
(condition-case e (signal 'corpus-ev-err '(1 2)) (error 'not-an-error) (t (list 'caught-by-t e)))
(condition-case e (signal 'quit nil) (error 'error) (quit (list 'quit e)))
(condition-case e 42 (error 'no) (:success (list 'ok e)))
(condition-case e (car 1) (:success (list 'ok e)) (error 'failed))
(condition-case nil 'value)
(condition-case e (progn (error "Msg %d" 5)) (error (cadr e)))
(condition-case e (error "No args") (error e))
(condition-case e (user-error "User %s" 'error) (user-error e))
(condition-case e (signal 'error "not a list") (error e))
(condition-case e (signal 'wrong-type-argument '(x y)) (error e))
(condition-case e (signal nil '(error "nil-sig")) (error e))
(condition-case e (condition-case e2 (car 1) (arith-error 'inner)) (error (list 'outer e)))
(condition-case e (condition-case e2 (car 1) (error (/ 1 0))) (error (list 'outer e)))
(condition-case err (throw 'corpus-nowhere 1) (no-catch (cdr err)))
(progn (define-error 'corpus-ev-parent "Parent") (define-error 'corpus-ev-child "Child" 'corpus-ev-parent) (condition-case e (signal 'corpus-ev-child '(1)) (corpus-ev-parent (list 'parent-caught e))))
(progn (define-error 'corpus-ev-e2 "E2") (condition-case e (signal 'corpus-ev-e2 nil) (error (list 'error-caught e))))
(condition-case e (car 1) (debug 'debug-handler) (error 'error-handler))
(condition-case e (car 1) ((debug error) 'both))
(let ((debug-on-error nil)) (condition-case e (car 1) (error 'caught)))
(condition-case e (ignore-errors (car 1)) (error 'not-reached))
(condition-case-unless-debug e (car 1) (error (car e)))
(condition-case 1 (car 1) (error 'bad-var))  ; error
(condition-case e (car 1) 'bad-handler)  ; error
(signal 'corpus-ev-plain nil)  ; error
(signal 'error '("Plain error"))  ; error
(signal 'wrong-type-argument '(integerp "x"))  ; error
(signal)  ; error
(error "Formatted %s %d" 'error 42)  ; error
(error "With `quotes'")  ; error
(user-error "User %d" 1)  ; error
(ignore-errors (error "x") 'not-reached)
(ignore-errors 'fine)

;; funcall, apply, functionp, func-arity
(funcall #'+ 1 2 3)
(funcall '+)
(funcall (lambda (&rest args) args) 1 2)
(funcall (lambda (a &optional b) (list a b)) 1)
(funcall (lambda (a &optional b &rest c) (list a b c)) 1 2 3 4)
(funcall (lambda (a) a))  ; error
(funcall (lambda (a) a) 1 2)  ; error
(funcall 'car)  ; error
(funcall 'car 1 2)  ; error
(funcall 'if t 1 2)  ; error
(funcall 'when t 1)  ; error
(funcall 'corpus-ev-undefined-function)  ; error
(funcall "not a function")  ; error
(funcall nil)  ; error
(funcall '(lambda (x) (* 2 x)) 21)
(funcall '(closure ((y . 3) t) (x) (* x y)) 2)
(funcall)  ; error
(apply #'+ '(1 2 3))
(apply #'+ 1 2 '(3 4))
(apply #'+ 1 2 nil)
(apply #'list)  ; error
(apply #'+ 1 2)  ; error
(apply #'+ '(1 . 2))  ; error
(apply '(lambda (a b) (list b a)) '(1 2))
(apply #'apply #'+ '((1 2)))
(apply 'corpus-ev-undefined-fn '(1))  ; error
(list (functionp 'car) (functionp 'if) (functionp 'when) (functionp (lambda () 1)) (functionp '(lambda () 1)) (functionp "s") (functionp 'corpus-ev-no-fn) (functionp nil) (functionp #'funcall))
(list (functionp '(closure (t) () 1)) (functionp [1]) (functionp (symbol-function 'car)) (functionp 42))
(func-arity 'car)
(func-arity 'if)
(func-arity #'+)
(func-arity (lambda (a b &optional c) nil))
(func-arity (lambda (&rest r) r))
(func-arity '(lambda (a &optional b &rest c) nil))
(func-arity 'corpus-ev-no-such-function)  ; error
(progn (defalias 'corpus-ev-ar (lambda (x y) (+ x y))) (func-arity 'corpus-ev-ar))

;; commandp, autoload
(commandp 'car)
(commandp 'forward-char)
(commandp (lambda () (interactive) 1))
(commandp (lambda () 1))
(commandp "keyboard macro")
(commandp [?a ?b])
(commandp 'forward-char t)
(commandp '(lambda (x) (interactive "p") x))
(progn (autoload 'corpus-ev-autoloaded "corpus-ev-no-such-file") (symbol-function 'corpus-ev-autoloaded))
(progn (autoload 'corpus-ev-autoloaded2 "corpus-ev-no-such-file" "Doc." t 'macro) (list (symbol-function 'corpus-ev-autoloaded2) (commandp 'corpus-ev-autoloaded2) (functionp 'corpus-ev-autoloaded2)))
(progn (autoload 'corpus-ev-autoloaded3 "corpus-ev-no-such-file") (condition-case e (corpus-ev-autoloaded3) (error e)))
(progn (fset 'corpus-ev-defined (lambda () 1)) (autoload 'corpus-ev-defined "corpus-ev-file") (symbol-function 'corpus-ev-defined))
(autoload-do-load (symbol-function 'car) 'car)
(autoload 'corpus-ev-auto4 1)  ; error
(fetch-bytecode 'x)

;; macros
(progn (defmacro corpus-ev-m1 (x) (list 'quote x)) (corpus-ev-m1 (a b)))
(progn (defmacro corpus-ev-m2 (x) `(list ,x ,x)) (macroexpand '(corpus-ev-m2 (+ 1 2))))
(progn (defmacro corpus-ev-m3 (x) `(list ,x ,x)) (let ((n 0)) (corpus-ev-m3 (setq n (1+ n)))))
(progn (defmacro corpus-ev-m4 (&rest body) `(progn ,@(reverse body))) (let (acc) (corpus-ev-m4 (push 1 acc) (push 2 acc)) acc))
(progn (defmacro corpus-ev-m5 (x) `(corpus-ev-m6 ,x)) (defmacro corpus-ev-m6 (x) `(* ,x 2)) (list (macroexpand '(corpus-ev-m5 3)) (corpus-ev-m5 3)))
(macroexpand '(when a b))
(macroexpand '(unless a b c))
(macroexpand '(car x))
(macroexpand 'x)
(macroexpand '(corpus-ev-m7 x) '((corpus-ev-m7 . (lambda (x) (list 'quote x)))))
(macroexpand '(when a b) '((when . nil)))
(macroexpand '(push x corpus-ev-list))
(macroexpand '(dolist (x l) (print x)))
(progn (defmacro corpus-ev-m8 (a &optional b &rest c) `'(,a ,b ,c)) (list (corpus-ev-m8 1) (corpus-ev-m8 1 2 3 4)))
(progn (defmacro corpus-ev-m9 (x) (declare (indent 1)) x) (list (get 'corpus-ev-m9 'lisp-indent-function) (corpus-ev-m9 7)))
(progn (defmacro corpus-ev-m10 (x) x) (corpus-ev-m10))  ; error
(progn (defmacro corpus-ev-m11 () '(error "Expanded error")) (condition-case e (corpus-ev-m11) (error e)))
(let ((x 1) (l '(2 3))) `(a ,x ,@l b))
(let ((x 1)) `(a . ,x))
(let ((v 5)) `[1 ,v ,@(list 6 7)])
(let ((x 'inner)) `(1 `(2 ,(3 ,x))))
`(,@nil)
(let ((x 5)) `,x)

;; defun and lambda lists
(progn (defun corpus-ev-f1 (a &optional b &rest c) (list a b c)) (list (corpus-ev-f1 1) (corpus-ev-f1 1 2) (corpus-ev-f1 1 2 3 4)))
(progn (defun corpus-ev-f2 (x) "Docstring." (* x x)) (corpus-ev-f2 9))
(progn (defun corpus-ev-f3 () (interactive) 'cmd) (list (corpus-ev-f3) (commandp 'corpus-ev-f3)))
(progn (defun corpus-ev-f4 (n) (if (<= n 1) 1 (* n (corpus-ev-f4 (1- n))))) (corpus-ev-f4 20))
(progn (defun corpus-ev-f5 (n) (if (<= n 1) 1 (* n (corpus-ev-f5 (1- n))))) (corpus-ev-f5 30))
(progn (defun corpus-ev-f6 (x) x) (corpus-ev-f6))  ; error
(progn (defun corpus-ev-f7 (x) x) (corpus-ev-f7 1 2))  ; error
(progn (defun corpus-ev-f8 (&optional a) a) (corpus-ev-f8))
(progn (defun corpus-ev-f9 (x) (let ((y (* x 2))) (lambda (z) (+ x y z)))) (funcall (corpus-ev-f9 1) 10))
(defun corpus-ev-f10 (x) x)
(funcall '(lambda (&optional) 1))
(funcall '(lambda (&rest) 1))  ; error
((lambda (x) (+ x 1)) 1)
(let ((f (lambda (x) (+ x 1)))) (f 1))  ; error

;; recursion limits
(progn (defun corpus-ev-runaway (n) (1+ (corpus-ev-runaway n))) (condition-case e (corpus-ev-runaway 0) (error e)))
(let ((max-lisp-eval-depth 200)) (defun corpus-ev-runaway2 () (corpus-ev-runaway2)) (condition-case e (corpus-ev-runaway2) (error (car e))))
(progn (defun corpus-ev-deep (n) (if (= n 0) 0 (1+ (corpus-ev-deep (1- n))))) (corpus-ev-deep 100))
(progn (defvar corpus-ev-spec 0) (defun corpus-ev-specbind (n) (let ((corpus-ev-spec n)) (if (= n 0) 'bottom (corpus-ev-specbind (1- n))))) (corpus-ev-specbind 150))

;; hooks
(progn (defvar corpus-ev-hook nil) (let ((log nil)) (add-hook 'corpus-ev-hook (lambda () (push 'a log))) (add-hook 'corpus-ev-hook (lambda () (push 'b log)) t) (run-hooks 'corpus-ev-hook) (setq corpus-ev-hook nil) (nreverse log)))
(run-hooks 'corpus-ev-unbound-hook)
(progn (defvar corpus-ev-hook2 nil) (let ((log nil)) (setq corpus-ev-hook2 (lambda () (push 'single log))) (run-hooks 'corpus-ev-hook2) (setq corpus-ev-hook2 nil) log))
(progn (defvar corpus-ev-hook3 nil) (setq corpus-ev-hook3 (list (lambda (x) (list 'first x)) (lambda (x) (list 'second x)))) (prog1 (run-hook-with-args 'corpus-ev-hook3 1) (setq corpus-ev-hook3 nil)))
(progn (defvar corpus-ev-hook4 nil) (setq corpus-ev-hook4 (list (lambda (x) (and (> x 5) 'big)) (lambda (x) (and (> x 0) 'positive)))) (prog1 (list (run-hook-with-args-until-success 'corpus-ev-hook4 3) (run-hook-with-args-until-success 'corpus-ev-hook4 -1)) (setq corpus-ev-hook4 nil)))
(progn (defvar corpus-ev-hook5 nil) (setq corpus-ev-hook5 (list (lambda (x) (> x 0)) (lambda (x) (> x 5)))) (prog1 (list (run-hook-with-args-until-failure 'corpus-ev-hook5 3) (run-hook-with-args-until-failure 'corpus-ev-hook5 10)) (setq corpus-ev-hook5 nil)))
(progn (defvar corpus-ev-hook6 nil) (setq corpus-ev-hook6 (list #'car #'cdr)) (prog1 (run-hook-wrapped 'corpus-ev-hook6 (lambda (f x) (funcall f x) nil) '(1 2)) (setq corpus-ev-hook6 nil)))
(progn (defvar corpus-ev-hook7 nil) (setq corpus-ev-hook7 (list #'car #'cdr)) (prog1 (run-hook-wrapped 'corpus-ev-hook7 (lambda (f x) (funcall f x)) '(1 2)) (setq corpus-ev-hook7 nil)))
(progn (defvar corpus-ev-hook8 nil) (let ((log nil)) (with-temp-buffer (add-hook 'corpus-ev-hook8 (lambda () (push 'global log))) (add-hook 'corpus-ev-hook8 (lambda () (push 'local log)) nil t) (run-hooks 'corpus-ev-hook8) (setq-default corpus-ev-hook8 nil)) (nreverse log)))
(run-hook-with-args 'corpus-ev-unbound-hook2 1 2)

;; the backtrace, relative to a frame of the form's own
(progn (defun corpus-ev-bt1 (x) (backtrace-frame--internal #'list 0 #'corpus-ev-bt1)) (corpus-ev-bt1 5))
(progn (defun corpus-ev-bt2 (x) (let ((n 0)) (mapbacktrace (lambda (&rest _) (setq n (1+ n))) #'corpus-ev-bt2) (> n 0))) (corpus-ev-bt2 1))
(progn (defun corpus-ev-bt3 (x) (backtrace-eval 'x 0 #'corpus-ev-bt3)) (corpus-ev-bt3 'arg))  ; error
(progn (defun corpus-ev-bt4 (x) (backtrace--locals 0 #'corpus-ev-bt4)) (corpus-ev-bt4 'arg))  ; error

;; unbinding: an unwind form that binds and unbinds in turn, one that throws past bindings still
;; made, buffer-local and forwarded variables, and a specpdl grown past its first block
(progn (defvar corpus-ev-ub1 'top) (let ((log nil)) (let ((corpus-ev-ub1 'a)) (unwind-protect (push corpus-ev-ub1 log) (let ((corpus-ev-ub1 'b)) (unwind-protect (push corpus-ev-ub1 log) (push corpus-ev-ub1 log))) (push corpus-ev-ub1 log))) (list (nreverse log) corpus-ev-ub1)))
(progn (defvar corpus-ev-ub2 0) (list (catch 'x (let ((corpus-ev-ub2 1)) (unwind-protect (let ((corpus-ev-ub2 2)) corpus-ev-ub2) (let ((corpus-ev-ub2 3)) (throw 'x corpus-ev-ub2))))) corpus-ev-ub2))
(with-temp-buffer (set (make-local-variable 'fill-column) 33) (list (let ((fill-column 7)) (list fill-column (default-value 'fill-column))) fill-column (default-value 'fill-column)))
(with-temp-buffer (list (let ((fill-column 9)) (make-local-variable 'fill-column) (setq fill-column 11) (list fill-column (local-variable-p 'fill-column))) fill-column (local-variable-p 'fill-column)))
(with-temp-buffer (let ((b (current-buffer))) (list (let ((case-fold-search nil)) (with-temp-buffer (list case-fold-search (buffer-local-value 'case-fold-search b)))) case-fold-search)))
(list (let ((inhibit-modification-hooks t) (inhibit-read-only 'x)) (list inhibit-modification-hooks inhibit-read-only)) inhibit-modification-hooks inhibit-read-only)
(progn (defvar corpus-ev-ub3 0) (let ((deep nil)) (setq deep (lambda (n) (if (= n 0) corpus-ev-ub3 (let ((corpus-ev-ub3 n)) (unwind-protect (funcall deep (1- n)) (setq corpus-ev-ub3 (- corpus-ev-ub3))))))) (list (funcall deep 100) corpus-ev-ub3)))
;; forwarded variables bound and unbound as eval.c does: watched (its writes trapped), through an
;; alias, a bool given a non-boolean, left by a signal and by a throw (from byte-code:
;; tests/bytecode/dynamic.el)
(progn (defvar corpus-ev-fw1 nil) (setq corpus-ev-fw1 nil) (add-variable-watcher 'inhibit-read-only (lambda (s n o w) (push (list s n o w) corpus-ev-fw1))) (prog1 (list (let ((inhibit-read-only 4)) (setq inhibit-read-only 5) inhibit-read-only) inhibit-read-only (reverse corpus-ev-fw1)) (remove-variable-watcher 'inhibit-read-only (car (get-variable-watchers 'inhibit-read-only)))))
(progn (defvaralias 'corpus-ev-fw2 'inhibit-modification-hooks) (list (let ((corpus-ev-fw2 9)) (list corpus-ev-fw2 inhibit-modification-hooks)) corpus-ev-fw2 inhibit-modification-hooks))
(list (let ((inhibit-modification-hooks nil)) (let ((inhibit-modification-hooks 'x)) inhibit-modification-hooks)) inhibit-modification-hooks)
(list (condition-case e (let ((inhibit-modification-hooks 1) (inhibit-read-only 2)) (error "boom")) (error (list e inhibit-modification-hooks inhibit-read-only))) (catch 'x (let ((case-fold-search nil) (inhibit-modification-hooks 2)) (throw 'x (list case-fold-search inhibit-modification-hooks)))) case-fold-search inhibit-modification-hooks)
;; sets of forwarded and buffer-local variables: the binding in a buffer of one forwarded to a C
;; variable and local when set (wrap-prefix, as deactivate-mark) made and then set, another
;; buffer's, a defvar-local one let-bound, a forwarded one (making one local would make it so for
;; the forms after it)
(with-temp-buffer (setq wrap-prefix 'a) (list (local-variable-p 'wrap-prefix) wrap-prefix (default-value 'wrap-prefix) (progn (setq wrap-prefix 'b) wrap-prefix) (with-temp-buffer (list wrap-prefix (progn (setq wrap-prefix 'c) wrap-prefix))) wrap-prefix (default-value 'wrap-prefix)))
(progn (defvar-local corpus-ev-loc1 1) (with-temp-buffer (setq corpus-ev-loc1 2) (list corpus-ev-loc1 (default-value 'corpus-ev-loc1) (progn (setq corpus-ev-loc1 3) corpus-ev-loc1) (let ((corpus-ev-loc1 4)) (setq corpus-ev-loc1 5) corpus-ev-loc1) corpus-ev-loc1)))
(list (setq inhibit-read-only 'z) inhibit-read-only (setq inhibit-read-only nil) (set 'inhibit-read-only 4) (setq inhibit-read-only nil))

;; a form's function and arguments as eval_sub takes them: the definition fetched before the
;; arguments are evaluated, through aliases; subrs of fixed, optional, MANY and UNEVALLED
;; arguments; byte-code and interpreted closures called from interpreted code; what signals
(progn (defun corpus-ev-fn1 (x) (list 'old x)) (corpus-ev-fn1 (progn (defun corpus-ev-fn1 (x) (list 'new x)) 1)))
(progn (defalias 'corpus-ev-fn2 'car) (defalias 'corpus-ev-fn3 'corpus-ev-fn2) (list (corpus-ev-fn2 '(1 2)) (corpus-ev-fn3 '(3 4))))
(progn (fset 'corpus-ev-fn4 'corpus-ev-fn5) (fset 'corpus-ev-fn5 'corpus-ev-fn4) (corpus-ev-fn4 1))  ; error
(corpus-ev-undefined-function 1)  ; error
(list (substring "abcdef" 2) (substring "abcdef" 2 4) (+) (+ 1 2 3 4 5 6 7 8 9 10) (list) (concat "a" "b"))
(car)  ; error
(car '(1) 2)  ; error
(eval '(car . 1))  ; error
(eval '(+ 1 . 2))  ; error
(eval '(progn 1 . 2))  ; error
(progn (fset 'corpus-ev-bc1 (make-byte-code 513 (unibyte-string 1 1 68 135) [] 4)) (list (corpus-ev-bc1 1) (corpus-ev-bc1 1 (+ 1 1))))
(progn (fset 'corpus-ev-bc2 (make-byte-code 128 (unibyte-string 137 71 135) [] 2)) (list (corpus-ev-bc2) (corpus-ev-bc2 1 2 3 4 5 6 7 8 9 10)))
(progn (fset 'corpus-ev-bc3 (make-byte-code 513 (unibyte-string 1 1 68 135) [] 4)) (corpus-ev-bc3 1 2 3))  ; error
(progn (defun corpus-ev-cl1 (a &optional b &rest c) (list a b c)) (list (corpus-ev-cl1 1) (corpus-ev-cl1 1 2) (corpus-ev-cl1 1 2 3 4)))
(progn (defun corpus-ev-cl2 (a b) (list a b)) (corpus-ev-cl2 1))  ; error
(progn (fset 'corpus-ev-cl3 '(lambda (x) (list 'dynamic x))) (corpus-ev-cl3 (+ 2 3)))
(progn (fset 'corpus-ev-cl4 '(macro lambda (x) (list 'quote (list 'expanded x)))) (corpus-ev-cl4 (+ 2 3)))
(progn (fset 'corpus-ev-cl5 '(not-a-function x)) (corpus-ev-cl5 1))  ; error
(progn (fset 'corpus-ev-cl6 42) (corpus-ev-cl6 1))  ; error
(let ((x 1)) (list x (let ((x 2)) x) (let* ((y x) (x 3)) (list x y)) x))
(progn (defvar corpus-ev-dyn1 'global) (let ((f (lambda () corpus-ev-dyn1))) (list (funcall f) (let ((corpus-ev-dyn1 'bound)) (funcall f)))))
;; the frames of the backtrace while a call's arguments are evaluated (its unevaluated argument
;; list) and once they are (their values), for a subr, byte-code and a closure
(progn (defun corpus-ev-bt5 () (backtrace-frame--internal #'list 1 #'corpus-ev-bt5)) (list 1 (corpus-ev-bt5) (+ 2 3)))
(progn (defun corpus-ev-bt6 () (backtrace-frame--internal #'list 1 #'corpus-ev-bt6)) (funcall #'corpus-ev-bt6))
(progn (defun corpus-ev-bt7 (f) (funcall f)) (corpus-ev-bt7 (lambda () (backtrace-frame--internal #'list 1 #'corpus-ev-bt7))))
(progn (defun corpus-ev-bt8 (&rest _) (backtrace-frame--internal #'list 1 #'corpus-ev-bt8)) (fset 'corpus-ev-bt9 (make-byte-code 513 (unibyte-string 1 1 68 135) [] 4)) (corpus-ev-bt9 (corpus-ev-bt8 'x) 3))
(progn (defun corpus-ev-bt10 (a b) (backtrace-frame--internal #'list 0 #'corpus-ev-bt10)) (corpus-ev-bt10 (+ 1 1) (concat "a" "b")))
(progn (defun corpus-ev-bt11 () (let ((n 0)) (mapbacktrace (lambda (evald fun args flags) (when (eq fun 'corpus-ev-bt12) (setq n (list evald args)))) #'corpus-ev-bt11) n)) (defun corpus-ev-bt12 (x y) (list x y)) (corpus-ev-bt12 (+ 1 1) (corpus-ev-bt11)))
;; deep interpreted recursion, up to and past max-lisp-eval-depth, and a call after the error
(progn (defun corpus-ev-deep1 (n) (if (= n 0) 0 (1+ (corpus-ev-deep1 (1- n))))) (list (corpus-ev-deep1 150) (corpus-ev-deep1 10)))
(progn (defun corpus-ev-deep2 (n) (if (= n 0) 0 (1+ (corpus-ev-deep2 (1- n))))) (list (condition-case e (corpus-ev-deep2 5000) (error (car e))) (corpus-ev-deep2 20)))
