;;;; Elisp variables seen from CL.  DEFVAR_LISP and friends need nothing here: the translated
;;;; defvar_lisp makes the symbol forward to the C global (struct emacs_globals's field), so the
;;;; C code and elisp share one storage.  What CL code needs is to name an elisp variable and get
;;;; its current binding -- buffer-local, let-bound or global -- as elisp code would: a symbol
;;;; macro on the elisp symbol does that through the translated symbol-value and set.

(in-package "EMACS2CL-GLUE")

(defun elisp-value (symbol)
  "The value of elisp variable SYMBOL as elisp sees it now (symbol-value)."
  (c::|Fsymbol_value| symbol))

(defun (setf elisp-value) (value symbol)
  "Set elisp variable SYMBOL as `set' does (its buffer-local binding if it has one here)."
  (c::|Fset| symbol value))

(defmacro define-elisp-variable-macros (&rest symbols)
  "Make each of SYMBOLS (elisp symbols) a symbol macro for its elisp value, so that CL code
reading or setf-ing it sees the current elisp binding."
  `(progn ,@(loop for s in symbols collect `(define-symbol-macro ,s (elisp-value ',s)))))

(defmacro with-elisp-bindings (bindings &body body)
  "Run BODY with each (SYMBOL VALUE) of BINDINGS bound as elisp's `let' binds it (specbind: the
buffer-local binding when SYMBOL has one in the current buffer), unbound after BODY however it
exits."
  (let ((count (gensym "COUNT")))
    `(let ((,count (c::|SPECPDL_INDEX|)))
       ,@(loop for (s v) in bindings collect `(specbind ',s ,v))
       (unwind-protect (progn ,@body)
         (unbind-to ,count nil)))))
