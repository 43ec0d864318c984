;;;; eval_sub's common cases, done here (the rules put this in front of it): a variable, and a call
;;;; of a subr, of lexical byte-code or of an interpreted closure, by a form whose function is
;;;; known before anything is evaluated.  Translated, eval_sub's fixed cost per form (the box and
;;;; pointer of `&original_args', the `argvals' array, the pointers `specpdl + count' and
;;;; `specpdl_ptr--' make) was three quarters of an interpreted loop's time.
;;;;
;;;; EVAL-SUB decides first, without side effects, whether the form is one of these; then it takes
;;;; eval_sub's steps in eval_sub's order, on the same data (the eval depth, the backtrace frame of
;;;; WITH-CALL-FRAME, the same arguments pointer set before the call), so that backtraces, the
;;;; debugger and non-local exits see what eval.c's would.  Anything else (a macro, an autoload,
;;;; a wrong number of arguments, a dotted argument list, debug-on-next-call, the eval depth at
;;;; its limit) is eval.c's eval_sub from its start.

(in-package "EMACS2CL-GLUE")

(defconstant +lexenv-walk-limit+ 256
  "The longest lexical environment walked here; a longer one (or a dotted one) is Fassq's, which
signals circular-list and quits as FOR_EACH_TAIL does.")

(declaim (inline lexical-or-variable-value))
(defun lexical-or-variable-value (symbol)
  "eval_sub of variable SYMBOL: its binding in the lexical environment
(Vinternal_interpreter_environment, an alist with symbols among its elements), or its value."
  (let ((env (emacs-global "Vinternal_interpreter_environment")))
    (when env
      (let ((binding (loop for tail = env then (cdr tail)
                           repeat +lexenv-walk-limit+
                           do (cond ((null tail) (return nil))
                                    ((not (consp tail)) (return (c::|Fassq| symbol env))))
                              (let ((element (car tail)))
                                (when (and (consp element) (eq (car element) symbol))
                                  (return element)))
                           finally (return (c::|Fassq| symbol env)))))
        (when binding
          (return-from lexical-or-variable-value (cdr binding))))))
  (variable-value symbol))

(declaim (inline form-callee))
(defun form-callee (name)
  "What eval_sub calls for a form whose car is NAME, when this file calls it: the definition of
symbol NAME through its aliases, and its DIRECT-KIND, or :LAMBDA for a list (lambda ...) or
(closure ...); else NIL (no definition, a cycle of aliases, a macro, an autoload, anything else)."
  (when (and (symbolp name) name)
    (let ((f (rt-symbol-field name :function)))
      ;; indirect_function's walk, which signals on a cycle: eval.c's eval_sub does then.
      (loop repeat 16 while (and (symbolp f) f) do (setf f (rt-symbol-field f :function)))
      (if (consp f)
          (let ((head (car f)))
            (and (or (eq head (load-time-value (lisp-symbol "lambda") t))
                     (eq head (load-time-value (lisp-symbol "closure") t)))
                 (values f :lambda)))
          (let ((kind (direct-kind f)))
            (and kind (values f kind)))))))

(declaim (inline proper-length))
(defun proper-length (list)
  "The length of LIST if it is a proper list (list_length's answer), else NIL."
  (loop for tail = list then (cdr tail)
        for n of-type fixnum from 0
        do (cond ((null tail) (return n))
                 ((not (consp tail)) (return nil))
                 ((> n 100000) (return nil)))))

(defconstant +level-slots+ 9
  "The slots of an eval level: a call's argument list (its frame's arguments until they are
evaluated), then up to 8 values (a subr takes up to 8 unless it takes MANY).")

;;; The slots of the call eval_sub makes at each eval depth, with a pointer to the first (the frame's
;;; *&original_args) and to the second (its evaluated arguments): element 3D, 3D + 1 and 3D + 2 of
;;; **EVAL-LEVELS** for depth D.  A call's slots are live while its frame is, and every call
;;; nested in it, from its arguments' evaluation to the callee's body, is at a greater depth
;;; (each eval_sub and funcall adds one; a throw restores the depth of its catch along with the
;;; specpdl), so that no two live calls share a level: eval_sub's `argvals' array, kept, instead
;;; of a new vector and two pointers per form.
(sb-ext:defglobal **eval-levels** (make-array 0))
(sb-ext:defglobal **eval-levels-thread** nil)
(declaim (simple-vector **eval-levels**))

(declaim (inline eval-level))
(defun eval-level (thread depth n)
  "The slots for a call at eval DEPTH of THREAD with N arguments, a pointer to slot 0 and one to
slot 1."
  (declare (fixnum depth n))
  (let ((levels **eval-levels**) (k (* 3 depth)))
    (if (and (<= n (1- +level-slots+)) (< (+ k 2) (length levels)) (eq thread **eval-levels-thread**))
        (values (svref levels k) (svref levels (+ k 1)) (svref levels (+ k 2)))
        (new-eval-level thread depth n))))

(defun new-eval-level (thread depth n)
  "EVAL-LEVEL's slots when its levels stop below DEPTH (made up to twice as many, the levels made
so far kept) or belong to another thread, or new ones for a call of more arguments."
  (declare (fixnum depth n))
  (cond ((> n (1- +level-slots+))
         (let ((slots (make-array (1+ n))))
           (values slots (stack-ptr slots 0) (stack-ptr slots 1))))
        (t
         (unless (eq thread **eval-levels-thread**)
           (setf **eval-levels** (make-array 0) **eval-levels-thread** thread))
         (let* ((old **eval-levels**)
                (levels (make-array (* 3 (max (1+ depth) (* 2 (floor (length old) 3)) 64)))))
           (replace levels old)
           (loop for k from (length old) below (length levels) by 3
                 do (let ((slots (make-array +level-slots+ :initial-element nil)))
                      (setf (svref levels k) slots
                            (svref levels (+ k 1)) (stack-ptr slots 0)
                            (svref levels (+ k 2)) (stack-ptr slots 1))))
           (setf **eval-levels** levels)
           (eval-level thread depth n)))))

(defun eval-sub (form)
  "eval_sub (FORM) (the rules put this in front of it): a variable, a self-evaluating object, or
a call whose FORM-CALLEE is known is evaluated here as eval.c does; anything else by eval.c."
  (cond ((symbolp form) (lexical-or-variable-value form))
        ((not (consp form)) form)
        (t
         (let ((original-args (cdr form)))
           (multiple-value-bind (f kind) (form-callee (car form))
             (let* ((n (and kind (proper-length original-args)))
                    (subr (and (eq kind :subr) (rt-obj f 'c::|struct Lisp_Subr|)))
                    (max (if subr (c::|Lisp_Subr.max_args| subr) 0))   ; UNEVALLED -1, MANY -2
                    (thread (thread)))
               (declare (fixnum max))
               (if (and n
                        (or (null subr)
                            (and (>= n (c::|Lisp_Subr.min_args| subr))
                                 (or (< max 0) (<= n max)))))
                   ;; eval_sub's steps: maybe_quit, maybe_gc, the depth, the frame, the call,
                   ;; the depth, debug-on-exit and the frame popped (WITH-CALL-FRAME's, in
                   ;; eval_sub's order: maybe_gc before the frame).
                   (if (and (eql (emacs-global "debug_on_next_call") 0)
                            (< (c::|thread_state.m_lisp_eval_depth| thread)
                               (emacs-global "max_lisp_eval_depth")))
                       (progn
                         (c::|maybe_quit|)
                         (c::|maybe_gc|)
                         (multiple-value-bind (slots unevalled evalled)
                             (eval-level thread (incf (c::|thread_state.m_lisp_eval_depth| thread)) n)
                           (setf (svref slots 0) original-args)
                           (let* ((frame (push-backtrace-frame thread (car form) unevalled -1))
                                  (value (call-form-callee f kind max original-args n slots
                                                           evalled thread frame)))
                             (decf (c::|thread_state.m_lisp_eval_depth| thread))
                             (pop-backtrace-frame thread frame value))))
                       (c::|eval_sub| form))
                   (c::|eval_sub| form))))))))

(defun call-form-callee (f kind max args n slots evalled thread frame)
  "The call eval_sub makes of F (FORM-CALLEE's KIND; for a subr, MAX its max_args) on ARGS, a
proper list of N forms: a special form's subr on ARGS; else each argument evaluated into SLOTS
(from slot 1, which EVALLED points to), the backtrace FRAME of THREAD given them, then the call."
  (declare (simple-vector slots) (fixnum max n))
  (let ((function (and (eq kind :subr) (rt-cell (c::|Lisp_Subr.function| f) 0 :ptr))))
    (if (eql max -1)   ; UNEVALLED
        (funcall function args)
        (progn
          (loop for tail = args then (cdr tail)
                for i of-type fixnum from 1 to n
                do (setf (svref slots i) (eval-sub (car tail))))
          (set-backtrace-frame-args thread frame evalled n)
          (flet ((arg (i) (if (< i n) (svref slots (1+ i)) nil)))
            (declare (inline arg))
            (case kind
              (:subr
               (case max
                 (-2 (funcall function n evalled))   ; MANY
                 (0 (funcall function))
                 (1 (funcall function (arg 0)))
                 (2 (funcall function (arg 0) (arg 1)))
                 (3 (funcall function (arg 0) (arg 1) (arg 2)))
                 (4 (funcall function (arg 0) (arg 1) (arg 2) (arg 3)))
                 (5 (funcall function (arg 0) (arg 1) (arg 2) (arg 3) (arg 4)))
                 (6 (funcall function (arg 0) (arg 1) (arg 2) (arg 3) (arg 4) (arg 5)))
                 (7 (funcall function (arg 0) (arg 1) (arg 2) (arg 3) (arg 4) (arg 5) (arg 6)))
                 (8 (funcall function (arg 0) (arg 1) (arg 2) (arg 3) (arg 4) (arg 5) (arg 6) (arg 7)))
                 (t (c::|emacs_abort|))))
              (:byte-code
               (run-byte-code (svref f 1) (svref f 2) (svref f 3) (svref f 0) n slots 1))
              (t (c::|eval.c/funcall_lambda| f n evalled))))))))

(rt-implement 'rt-eval-sub #'eval-sub)
