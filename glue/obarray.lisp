;;;; The obarray.  lread.c's obarrays stay Emacs's vectors of buckets (translated), and the
;;;; initial obarray is also the ELISP package: intern_sym, which links a new symbol into a
;;;; bucket, is replaced here so that a symbol interned in the initial obarray is the CL symbol
;;;; of that name in ELISP.  CL code that names elisp::|foo| and elisp code that reads foo then
;;;; mean one symbol.

(in-package "EMACS2CL-GLUE")

(defconstant +symbol-interned+ 1 "SYMBOL_INTERNED.")
(defconstant +symbol-interned-in-initial-obarray+ 2 "SYMBOL_INTERNED_IN_INITIAL_OBARRAY.")
(defconstant +symbol-nowrite+ 1 "SYMBOL_NOWRITE of enum symbol_trapped_write.")
(defconstant +symbol-plainval+ 4 "SYMBOL_PLAINVAL.")

(defun initial-obarray () (rt-box-value c::|lread.c/initial_obarray|))

(defun package-symbol (symbol)
  "The symbol of ELISP that SYMBOL, being interned in the initial obarray, is: one of that
name already in ELISP (CL code named it first), else SYMBOL itself, imported.  CL's NIL and T
(DEFSYM's Qnil and Qt) are elisp's nil and t: their CL names, \"NIL\" and \"T\", are not their
elisp names, and elisp's symbols `NIL' and `T' are others."
  (let ((name (symbol-name symbol)))
    (cond ((member symbol '(nil t)) symbol)
          ((string= name "nil") nil)
          ((string= name "t") t)
          (t (multiple-value-bind (existing status) (find-symbol name "ELISP")
               (cond ((not status) (import symbol "ELISP") symbol)
                     (t existing)))))))   ; its fields are what CL code gave it (symbol-data)

(defun intern-sym (symbol obarray index)
  "intern_sym: link SYMBOL into bucket INDEX of OBARRAY, marked interned; a keyword interned in
the initial obarray is a constant whose value is itself.  In the initial obarray, the symbol
linked is SYMBOL's ELISP counterpart (PACKAGE-SYMBOL), and that is what is returned; nil and t
are CL's NIL and T, marked interned but not linked (a NULL `next' and the symbol nil would be
one)."
  (let ((initial (eq obarray (initial-obarray))))
    (when initial
      (setf symbol (package-symbol symbol))
      (when (member symbol '(nil t))
        (setf (rt-symbol-field symbol :interned) +symbol-interned-in-initial-obarray+)
        (return-from intern-sym symbol)))
    (setf (rt-symbol-field symbol :interned)
          (if initial +symbol-interned-in-initial-obarray+ +symbol-interned+))
    (when (and initial (plusp (length (symbol-name symbol))) (char= (char (symbol-name symbol) 0) #\:))
      (setf (rt-symbol-field symbol :trapped-write) +symbol-nowrite+
            (rt-symbol-field symbol :redirect) +symbol-plainval+
            (rt-symbol-field symbol :declared-special) 1
            (rt-symbol-field symbol :value) symbol))
    (let ((head (svref obarray index)))
      (setf (rt-symbol-field symbol :next) (if (symbolp head) head nil)
            (svref obarray index) symbol))
    symbol))

(rt-implement 'rt-intern-sym #'intern-sym)