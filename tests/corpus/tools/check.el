;;; check.el --- lint the differential corpus in Debian's Emacs  -*- lexical-binding: t -*-

;; Run as: emacs -Q --batch -l check.el FILE.el...
;; For each corpus FILE, prints one line per top-level form, as Emacs reads it:
;;   SPAN<TAB>file<TAB>n<TAB>start<TAB>end        (0-based character offsets)
;; then one line per problem:
;;   PROBLEM<TAB>id<TAB>symbol<TAB>reason
;; A problem is a symbol the form (macroexpanded with `macroexpand-all') refers to, as code or as
;; data, whose function or variable the image does not have: the image has only the C
;; primitives and what byte-run.el, backquote.el and subr.el define.  Functions of those three
;; files are followed into their source (in function position only): what they call must be
;; there too.  Also reported: global definitions or properties on names outside the corpus-
;; prefix, push/pop on generalized places (gv.el), buffers a form leaves behind.

(require 'macroexp)
(require 'cl-lib)

(defconst corpus-check--allowed '("byte-run" "backquote" "subr"))

(defconst corpus-check--exempt
  '((push gv-get macroexp-let* macroexp-copyable-p) ; only for generalized places (see hygiene)
    (pop gv-get macroexp-let* macroexp-copyable-p)
    (defun macroexp-warn-and-return)            ; only for an unknown `declare' property
    (defmacro macroexp-warn-and-return           ; the same
      lisp--el-font-lock-flush-elisp-buffers))   ; only when fboundp (lisp-mode loaded)
  "(FUNCTION CALLEE...): calls of the allowed files' FUNCTION to CALLEE that the corpus never
reaches.")

(defconst corpus-check--data-ok '(debug lisp-indent-function)
  "Symbols the corpus uses as data only (a condition name, a property name) although they
have a function in Emacs and none in the image.")

(defun corpus-check--allowed-file-p (file)
  (and file (member (file-name-base file) corpus-check--allowed)))

(defvar corpus-check--symbol-file-cache (make-hash-table :test 'equal))

(defun corpus-check--symbol-file (s type)
  "`symbol-file', remembered (it searches the whole `load-history')."
  (let* ((key (cons s type))
         (v (gethash key corpus-check--symbol-file-cache 'none)))
    (if (not (eq v 'none))
        v
      (puthash key (symbol-file s type) corpus-check--symbol-file-cache))))

(defvar corpus-check--defs (make-hash-table :test 'eq)
  "Function name -> its definition in the allowed files: (lambda ARGS . BODY), or a symbol (an
alias).")

(defun corpus-check--read-library (name)
  (let ((file (locate-file name load-path '(".el" ".el.gz"))))
    (unless file (error "Cannot find %s.el" name))
    (with-temp-buffer
      (insert-file-contents file)
      (goto-char (point-min))
      (condition-case nil
          (while t (corpus-check--note-def (read (current-buffer))))
        (end-of-file nil)))))

(defun corpus-check--note-def (form)
  (when (consp form)
    (pcase form
      (`(,(or 'defun 'defmacro 'defsubst) ,(and name (pred symbolp)) ,args . ,body)
       (puthash name `(lambda ,args . ,body) corpus-check--defs))
      (`(defalias ',(and name (pred symbolp)) ,def . ,_)
       (pcase def
         ((or `(function ,(and f (pred symbolp))) `(quote ,(and f (pred symbolp))))
          (puthash name f corpus-check--defs))
         ((or `(function (lambda . ,rest)) `(quote (lambda . ,rest)))
          (puthash name `(lambda . ,rest) corpus-check--defs))
         (`(cons 'macro (function (lambda . ,rest)))
          (puthash name `(lambda . ,rest) corpus-check--defs))
         (`(symbol-function ',(and f (pred symbolp)))
          (puthash name f corpus-check--defs))))
      (`(,(or 'progn 'eval-and-compile 'eval-when-compile 'with-no-warnings) . ,body)
       (mapc #'corpus-check--note-def body)))))

(defun corpus-check--c-variable-p (s)
  (integerp (get s 'variable-documentation)))

(defun corpus-check--function-problem (s)
  "Why the image lacks the function of S, or nil when it has it (or S has none)."
  (when (fboundp s)
    (let ((f (symbol-function s))
          (file (corpus-check--symbol-file s 'defun)))
      (cond ((special-form-p s) nil)
            ((corpus-check--allowed-file-p file) nil)
            ((and (subrp f) (not (subr-native-elisp-p f))) nil)
            ;; A primitive with an advice of preloaded Lisp (rename-buffer: uniquify).
            ((and (advice--p f) (subrp (advice--cd*r f))
                  (not (subr-native-elisp-p (advice--cd*r f))))
             nil)
            ((and (symbolp f) (not (corpus-check--function-problem f))) nil)
            ((autoloadp f) (format "autoloaded from %s" (nth 1 f)))
            (t (format "function defined in %s" (if file (file-name-base file) "?")))))))

(defun corpus-check--variable-problem (s)
  (when (and (or (boundp s) (special-variable-p s))
             (not (keywordp s)) (not (memq s '(nil t))))
    (let ((file (corpus-check--symbol-file s 'defvar)))
      (cond ((corpus-check--c-variable-p s) nil)
            ((corpus-check--allowed-file-p file) nil)
            ((string-prefix-p "corpus-" (symbol-name s)) nil)
            (t (format "variable defined in %s" (if file (file-name-base file) "?")))))))

;;; Walking expanded code.

(defvar corpus-check--calls nil "Symbols called (function position or #'sym) by the walk.")

(defun corpus-check--each (f l)
  "Call F on each element of L, which may be improper or no list at all."
  (while (consp l) (funcall f (car l)) (setq l (cdr l))))

(defun corpus-check--walk (form)
  "Record in `corpus-check--calls' the functions FORM, fully macroexpanded, calls."
  (cond
   ((not (consp form)) nil)
   ((not (symbolp (car form)))
    (when (eq (car-safe (car form)) 'lambda)
      (corpus-check--each #'corpus-check--walk (cddr (car form))))
    (corpus-check--each #'corpus-check--walk (cdr form)))
   (t
    (let ((head (car form)))
      (pcase head
        ('quote nil)
        ('function
         (let ((f (nth 1 form)))
           (cond ((symbolp f) (push f corpus-check--calls))
                 ((eq (car-safe f) 'lambda) (corpus-check--each #'corpus-check--walk (cddr f))))))
        ((or 'let 'let*)
         (corpus-check--each (lambda (b) (when (consp b) (corpus-check--each #'corpus-check--walk (cdr b))))
                            (nth 1 form))
         (corpus-check--each #'corpus-check--walk (cddr form)))
        ('condition-case
         (corpus-check--walk (nth 2 form))
         (corpus-check--each (lambda (h) (corpus-check--each #'corpus-check--walk (cdr-safe h)))
                             (nthcdr 3 form)))
        ('cond (corpus-check--each (lambda (c) (corpus-check--each #'corpus-check--walk c)) (cdr form)))
        ('setq (let ((l (cdr form)))
                 (while l (corpus-check--walk (nth 1 l)) (setq l (nthcdr 2 l)))))
        ((or 'defvar 'defconst) (corpus-check--each #'corpus-check--walk (nthcdr 2 form)))
        ('interactive nil)
        (_
         (unless (special-form-p head) (push head corpus-check--calls))
         (corpus-check--each #'corpus-check--walk (cdr form))))))))

(defun corpus-check--symbols (x acc)
  "Every symbol in X (any tree), consed onto ACC."
  (cond ((symbolp x) (cons x acc))
        ((consp x)
         (let ((acc acc))
           (while (consp x)
             (setq acc (corpus-check--symbols (car x) acc))
             (setq x (cdr x)))
           (if x (corpus-check--symbols x acc) acc)))
        ((and (vectorp x) (not (byte-code-function-p x)))
         (let ((acc acc))
           (mapc (lambda (e) (setq acc (corpus-check--symbols e acc))) x)
           acc))
        (t acc)))

(defvar corpus-check--deep-cache (make-hash-table :test 'eq)
  "Function of the allowed files -> list of (callee . path) problems found in its source.")

(defun corpus-check--expand (form)
  (condition-case err
      (macroexpand-all form)
    (error (list 'corpus-check--expansion-failed err))))

(defun corpus-check--deep (name)
  "Problems reachable from function NAME of the allowed files: list of (SYMBOL . WHY)."
  (let ((cached (gethash name corpus-check--deep-cache 'none)))
    (if (not (eq cached 'none))
        cached
      (puthash name nil corpus-check--deep-cache) ; cycles
      (let* ((def (gethash name corpus-check--defs))
             (problems nil))
        (cond
         ((null def)
          (unless (or (subrp (symbol-function name)) (special-form-p name))
            (push (cons name (format "no source found for %s" name)) problems)))
         ((symbolp def) (setq problems (corpus-check--callee-problems (list def) name)))
         (t
          (let ((corpus-check--calls nil))
            (corpus-check--walk (corpus-check--expand `(function ,def)))
            (setq problems (corpus-check--callee-problems corpus-check--calls name)))))
        (puthash name problems corpus-check--deep-cache)
        problems))))

(defun corpus-check--callee-problems (callees via)
  (let (problems)
    (dolist (c (delete-dups (copy-sequence callees)))
      (let ((why (corpus-check--function-problem c)))
        (cond
         ((memq c (cdr (assq via corpus-check--exempt))) nil)
         (why (push (cons c (format "%s (called by %s)" why via)) problems))
         ((and (fboundp c) (corpus-check--allowed-file-p (corpus-check--symbol-file c 'defun)))
          (dolist (p (corpus-check--deep c))
            (unless (assq (car p) problems) (push p problems))))
         ((not (fboundp c))
          (unless (string-prefix-p "corpus-" (symbol-name c))
            (push (cons c (format "void function (called by %s)" via)) problems))))))
    problems))

;;; Hygiene of unexpanded forms.

(defun corpus-check--hygiene (form)
  "Problems of FORM itself: list of (SYMBOL . WHY)."
  (let (problems)
    (cl-labels
        ((name-ok (s) (or (not (symbolp s)) (null s)
                          (string-prefix-p "corpus-" (symbol-name s))))
         (quoted (x) (and (memq (car-safe x) '(quote function)) (nth 1 x)))
         (walk (x)
           (when (consp x)
             (pcase x
               (`(,(or 'defvar 'defconst 'defun 'defmacro 'defsubst 'defvar-local) ,s . ,_)
                (unless (name-ok s)
                  (push (cons s "global definition outside the corpus- prefix") problems)))
               (`(,(or 'defalias 'fset 'put 'setplist 'function-put 'set 'set-default
                       'defvaralias 'make-variable-buffer-local)
                  ,(and q (guard (quoted q))) . ,_)
                (unless (or (name-ok (quoted q))
                            (memq (car x) '(set set-default make-variable-buffer-local)))
                  (push (cons (quoted q) (format "%s outside the corpus- prefix" (car x)))
                        problems)))
               (`(push ,_ ,(and place (guard (not (symbolp place)))))
                (push (cons 'push (format "generalized place %S needs gv.el" place))
                      problems))
               (`(pop ,(and place (guard (not (symbolp place)))))
                (push (cons 'pop (format "generalized place %S needs gv.el" place))
                      problems)))
             (while (consp x) (walk (car x)) (setq x (cdr x))))))
      (walk form))
    problems))

;;; Main.

(defun corpus-check--form (id form)
  (let ((expanded (corpus-check--expand form))
        (problems (corpus-check--hygiene form))
        (corpus-check--calls nil))
    (when (eq (car-safe expanded) 'corpus-check--expansion-failed)
      (push (cons 'macroexpand-all (format "expansion failed: %S" (nth 1 expanded))) problems))
    ;; Every symbol, code or data: its function and variable must exist in the image.
    (dolist (s (delete-dups (corpus-check--symbols (list form expanded) nil)))
      (let ((why (and (not (memq s corpus-check--data-ok))
                      (or (corpus-check--function-problem s)
                          (corpus-check--variable-problem s)))))
        (when why (push (cons s why) problems))))
    ;; What the functions of subr.el etc. it calls call in turn.
    (corpus-check--walk expanded)
    (dolist (c (delete-dups corpus-check--calls))
      (when (and (fboundp c) (corpus-check--allowed-file-p (corpus-check--symbol-file c 'defun)))
        (dolist (p (corpus-check--deep c)) (push p problems))))
    ;; Macros the unexpanded form uses: their expanders must work in the image.
    (dolist (s (delete-dups (corpus-check--symbols form nil)))
      (when (and (macrop s) (corpus-check--allowed-file-p (corpus-check--symbol-file s 'defun)))
        (dolist (p (corpus-check--deep s)) (push p problems))))
    ;; Buffers left behind.
    (let ((before (buffer-list)))
      (with-current-buffer (get-buffer-create "*corpus*")
        (condition-case nil (eval form t) (t nil)))
      (let ((b (get-buffer "*corpus*"))) (when b (kill-buffer b)))
      (dolist (b (buffer-list))
        (unless (memq b before)
          (push (cons 'buffer (format "leaves buffer %S" (buffer-name b))) problems)
          (kill-buffer b))))
    (dolist (p (delete-dups problems))
      (princ (format "PROBLEM\t%s\t%s\t%s\n" id (car p) (cdr p))))))

(dolist (lib corpus-check--allowed)
  (corpus-check--read-library (if (equal lib "subr") lib (concat "emacs-lisp/" lib))))

(let ((files command-line-args-left)
      (text-quoting-style 'curve))
  (setq command-line-args-left nil)
  (dolist (file files)
    (let ((stem (file-name-base file))
          (forms nil)
          (n 0))
      (with-temp-buffer
        (let ((coding-system-for-read 'utf-8))
          (insert-file-contents file))
        (goto-char (point-min))
        (set-syntax-table emacs-lisp-mode-syntax-table)
        (while (progn (forward-comment (buffer-size)) (not (eobp)))
          (let ((start (point)))
            (push (read (current-buffer)) forms)
            (setq n (1+ n))
            (princ (format "SPAN\t%s\t%d\t%d\t%d\n"
                           (file-name-nondirectory file) n (1- start) (1- (point)))))))
      (setq n 0)
      (dolist (form (nreverse forms))
        (setq n (1+ n))
        (let ((id (format "%s:%d" stem n)))
          (condition-case err
              (corpus-check--form id form)
            (error (princ (format "PROBLEM\t%s\tcheck.el\tthe check failed: %S\n" id err))))))))
  (princ "DONE\n"))
