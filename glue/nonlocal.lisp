;;;; Non-local exits: eval.c's catch and condition-case, hand-written on the runtime's setjmp
;;;; (rt-with-setjmp).  The translator translates them too (docs/data-model.md, "Non-local exits"),
;;;; but these are faster while every pointer to a struct handler goes through rt-obj's slow path;
;;;; the rules replace them.  push_handler (translated) links a struct handler into handlerlist;
;;;; unwind_to_catch (translated) unwinds the specpdl -- running unwind-protect forms and undoing
;;;; let-bindings -- then longjmps to the handler's jmp_buf, back to the frame that pushed it.

(in-package "EMACS2CL-GLUE")

(defconstant +catcher+ 0 "CATCHER of enum handlertype.")
(defconstant +condition-case+ 1 "CONDITION_CASE of enum handlertype.")
(defconstant +catcher-all+ 2 "CATCHER_ALL of enum handlertype.")

(defmacro with-setjmp ((h) body &body after-longjmp)
  "`if (sys_setjmp (h->jmp)) AFTER-LONGJMP else BODY': the value of BODY, or of AFTER-LONGJMP
when a longjmp comes to H's jmp_buf while BODY runs."
  `(rt-with-setjmp ((c::|handler.jmp| (handler ,h))) ,body ,@after-longjmp))

(defun run-with-handler (h body-function on-longjmp)
  "The common shape: BODY-FUNCTION's value, popping H; after a _longjmp to H, pop it and call
ON-LONGJMP with the value unwind_to_catch left in it."
  (with-setjmp (h)
      (multiple-value-prog1 (funcall body-function)
        (setf (handlerlist) (c::|handler.next| (handler h))))
    (funcall on-longjmp (c::|handler.val| (handler (pop-handler))))))

(defun internal-catch (tag function arg)
  "internal_catch: FUNCTION (ARG) inside a catch for TAG."
  (run-with-handler (c::|push_handler| tag +catcher+)
                    (lambda () (funcall function arg))
                    #'identity))

(defun internal-catch-all (function argument on-exit)
  "internal_catch_all: FUNCTION (ARGUMENT), catching every throw and signal; then ON-EXIT (type,
value)."
  (let ((h (c::|push_handler_nosignal| t +catcher-all+)))
    (with-setjmp (h)
        (multiple-value-prog1 (funcall function argument)
          (setf (handlerlist) (c::|handler.next| (handler h))))
      (let ((type (c::|handler.nonlocal_exit| (handler h)))
            (val (c::|handler.val| (handler h))))
        (setf (handlerlist) (c::|handler.next| (handler h)))
        (funcall on-exit type val)))))

(defun condition-case-calling (handlers hfun body &optional (hfun-args '()))
  "internal_condition_case_*: BODY (a thunk) under a condition-case for HANDLERS; on a signal,
HFUN (error, HFUN-ARGS...)."
  (run-with-handler (c::|push_handler| handlers +condition-case+)
                    body
                    (lambda (err) (apply hfun err hfun-args))))

(defun internal-lisp-condition-case (var bodyform handlers)
  "internal_lisp_condition_case: the special form condition-case, as eval.c does it: one
handler per clause (the first clause innermost), :success clauses run on normal return."
  (let ((old (handlerlist)) (success nil) (clauses '()))
    (unless (symbolp var) (c::|wrong_type_argument| (lisp-symbol "symbolp") var))
    (dolist (tem handlers)
      (unless (or (null tem) (and (consp tem) (or (symbolp (car tem)) (consp (car tem)))))
        (c::|xsignal1| (lisp-symbol "error")
                       (c::|concat2| (elisp-string "Invalid condition handler: ")
                                     (c::|Fprin1_to_string| tem t))))
      (if (and (consp tem) (eq (car tem) (lisp-symbol ":success")))
          (setf success (cdr tem))
          (push tem clauses)))
    ;; CLAUSES is now last first: push handlers from the last clause, so the first is innermost.
    (labels ((bind-and-run (value body)
               (if (null var)
                   (c::|Fprogn| body)
                   (let ((handler-var var) (env (emacs-global "Vinternal_interpreter_environment")))
                     (when env
                       (setf value (cons (cons var value) env)
                             handler-var (lisp-symbol "internal-interpreter-environment")))
                     (let ((count (c::|SPECPDL_INDEX|)))
                       (specbind handler-var value)
                       (unbind-to count (c::|Fprogn| body))))))
             (try (remaining)
               (if (null remaining)
                   (let ((result (c::|eval_sub| bodyform)))
                     (setf (handlerlist) old)
                     (if success (bind-and-run result success) result))
                   (let* ((clause (car remaining))
                          (condition (if (consp clause) (car clause) nil))
                          (h (c::|push_handler| (if (consp condition) condition (list condition))
                                                +condition-case+)))
                     (with-setjmp (h)
                         (try (cdr remaining))
                       (let ((value (c::|handler.val| (handler (handlerlist)))))
                         (setf (handlerlist) old)
                         (bind-and-run value (cdr clause))))))))
      (try clauses))))

;;; The runtime's entry points for the replaced functions.
(rt-implement 'rt-internal-catch #'internal-catch)
(rt-implement 'rt-internal-catch-all #'internal-catch-all)
(rt-implement 'rt-internal-lisp-condition-case #'internal-lisp-condition-case)
(rt-implement 'rt-internal-condition-case
              (lambda (bfun handlers hfun) (condition-case-calling handlers hfun bfun)))
(rt-implement 'rt-internal-condition-case-1
              (lambda (bfun arg handlers hfun)
                (condition-case-calling handlers hfun (lambda () (funcall bfun arg)))))
(rt-implement 'rt-internal-condition-case-2
              (lambda (bfun a1 a2 handlers hfun)
                (condition-case-calling handlers hfun (lambda () (funcall bfun a1 a2)))))
(rt-implement 'rt-internal-condition-case-3
              (lambda (bfun a1 a2 a3 handlers hfun)
                (condition-case-calling handlers hfun (lambda () (funcall bfun a1 a2 a3)))))
(rt-implement 'rt-internal-condition-case-4
              (lambda (bfun a1 a2 a3 a4 handlers hfun)
                (condition-case-calling handlers hfun (lambda () (funcall bfun a1 a2 a3 a4)))))
(rt-implement 'rt-internal-condition-case-5
              (lambda (bfun a1 a2 a3 a4 a5 handlers hfun)
                (condition-case-calling handlers hfun (lambda () (funcall bfun a1 a2 a3 a4 a5)))))
(rt-implement 'rt-internal-condition-case-n
              (lambda (bfun nargs args handlers hfun)
                (condition-case-calling handlers hfun (lambda () (funcall bfun nargs args))
                                        (list nargs args))))
