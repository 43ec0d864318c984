;;; dynamic.el --- byte-code cases, dynamic binding  -*- lexical-binding: nil -*-
;; Arguments are bound as special variables (funcall_lambda), not pushed on the stack.

(defvar bcd-seen nil)

(defun bcd-callee () (list bcd-a bcd-b))

(defun bcd-args (bcd-a &optional bcd-b)
  (bcd-callee))

(defun bcd-setq (x)
  (setq bcd-seen (cons x bcd-seen))
  (let ((y (* x 2)))
    (list x y bcd-seen)))

(defun bcd-old-catch (tag)
  (catch tag (throw 'outer 1)))

(prin1 (list (bcd-args 1) (bcd-args 1 2) (bcd-setq 3) (bcd-setq 4)
             (catch 'outer (bcd-old-catch 'inner))
             (condition-case e (bcd-args) (error e))))
(terpri)

;; Variables forwarded to C variables, bound by byte-code's varbind: a DEFVAR_LISP and a
;; DEFVAR_BOOL, left normally, by a signal and by a throw.
(defun bcd-forwarded (how)
  (let ((inhibit-read-only 'bc) (inhibit-modification-hooks 0))
    (cond ((eq how 'signal) (error "bcd %S" inhibit-modification-hooks))
          ((eq how 'throw) (throw 'bcd (list inhibit-read-only inhibit-modification-hooks)))
          (t (list inhibit-read-only (symbol-value 'inhibit-read-only) inhibit-modification-hooks)))))

(prin1 (list (bcd-forwarded 'normal) (condition-case e (bcd-forwarded 'signal) (error e))
             (catch 'bcd (bcd-forwarded 'throw)) inhibit-read-only inhibit-modification-hooks))
(terpri)
