;;; calls.el --- edge cases of the byte-code interpreter's calls  -*- lexical-binding: t -*-
;; Byte-compiled by Debian's Emacs 28.2, then loaded by it and by the image: both print the same
;; lines (tests/test_image_bytecode_fast_paths.py).  glue/bytecode.lisp does Bcall itself when the
;; function is (or names) byte-code with lexical arguments or a subr, and calls Ffuncall
;; otherwise: each case is on the edge between the two (aliases, dynamic-binding byte-code,
;; interpreted closures, special forms, undefined and invalid functions, max-lisp-eval-depth,
;; the backtrace a call records and its debug-on-exit flag, errors and throws through calls,
;; redefinition between calls).

(defun cl-show (name f &rest arglists)
  "Apply F to each of ARGLISTS and print NAME, the arguments and the value or the error."
  (dolist (args arglists)
    (princ (format "%s %S => %S\n" name args
                   (condition-case err (apply f args) (error (list 'error err)))))))

(defun cl-add (a b) (+ a b))
(defalias 'cl-add-alias 'cl-add)
(defalias 'cl-add-alias2 'cl-add-alias)
(defalias 'cl-plus-alias '+)
(defun cl-deep (n) (if (= n 0) 0 (1+ (cl-deep (1- n)))))
(defun cl-thrower (tag v) (throw tag v))
(defun cl-signaller (x) (signal 'wrong-type-argument (list 'cl x)))
(defun cl-frames (a &optional b &rest c)
  "The functions and arguments of the innermost frames, from here out to cl-show's call."
  (let ((frames nil))
    (mapbacktrace (lambda (evald fun args flags)
                    (push (list evald fun args flags) frames))
                  #'cl-frames)
    (seq-take (nreverse frames) 3)))
(defun cl-frames-caller (x) (list 'caller (cl-frames x 2 3 4)))
(defun cl-redefined () 'first)
(defvar cl-dynamic-fn
  (let ((lexical-binding nil)) (byte-compile '(lambda (x &optional y) (list x y)))))
(defvar cl-interpreted-fn (eval '(lambda (x) (list 'interpreted x)) t))

(cl-show "call" (lambda (f a b) (funcall f a b))
         '(cl-add 1 2) '(cl-add-alias 1 2) '(cl-add-alias2 1 2) (list #'cl-add 3 4)
         (list (symbol-function 'cl-add) 5 6) '(+ 1 2) '(list 1 2) '(cl-undefined 1 2)
         '(nil 1 2) '(1 1 2) '("s" 1 2) '((lambda (a b) (- a b)) 5 1) '(cl-add 1 a)
         '(cl-add 1 2.5) '(cl-plus-alias 1 2) '(car 1 2) '(if 1 2) '(setq a 1) '(concat "a" "b")
         '(cons 1 2) (list (symbol-function 'cons) 1 2) '(1+ 1 2) '(+ 1 a) '(max 1 2.0)
         '(make-string 2 ?x) '(substring "abc" 1))
(cl-show "call-dynamic" (lambda (x) (list (funcall cl-dynamic-fn x) (funcall cl-dynamic-fn x 2)))
         '(1))
(cl-show "call-interpreted" (lambda (x) (funcall cl-interpreted-fn x)) '(1))
(cl-show "call-wrong-count" (lambda (f) (funcall f 1)) '(cl-add) (list #'cl-add))
(cl-show "depth" (lambda (n limit) (let ((max-lisp-eval-depth limit)) (cl-deep n)))
         '(10 100) '(150 100) '(1000 100) '(50 20) '(30 0))
(cl-show "depth-after-errors" (lambda (n) (cl-deep n)) '(500))
(cl-show "throw" (lambda (v) (catch 'cl-tag (list 'no (cl-thrower 'cl-tag v)))) '(1) '(x))
(cl-show "throw-none" (lambda (v) (cl-thrower 'cl-no-catch v)) '(1))
(cl-show "signal" (lambda (v) (condition-case e (cl-signaller v) (wrong-type-argument (list 'caught e))))
         '(1))
(cl-show "backtrace" (lambda (x) (cl-frames-caller x)) '(1) '("s"))
(cl-show "backtrace-direct" (lambda (x) (cl-frames x)) '(1))
(cl-show "redefine" (lambda ()
                      (let ((before (cl-redefined)))
                        (fset 'cl-redefined (lambda () 'second))
                        (list before (cl-redefined))))
         '())
(cl-show "unwind" (lambda (x)
                    (let ((log nil))
                      (list (catch 'cl-tag
                              (unwind-protect (cl-thrower 'cl-tag x) (push 'unwound log)))
                            log)))
         '(7))
;; A frame's debug-on-exit flag (backtrace-debug): the debugger is called as the call returns,
;; and its value is the call's.
(defun cl-debug-on-exit (x level) (backtrace-debug level t) (list 'ret x))
(defun cl-debug-caller (x level) (list 'caller (cl-debug-on-exit x level)))
(cl-show "debug-on-exit"
         (lambda (level)
           (let ((debugger (lambda (&rest a) (list 'debugged (car a) (cadr a)))))
             (cl-debug-caller 5 level)))
         '(0) '(1) '(2))
