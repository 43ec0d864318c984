;;;; The glue's package.  It refers to the translated C by the names the translator gives
;;;; (c::|push_handler|, c::|struct handler| ...) through the local nickname C.

(defpackage "EMACS2CL-GLUE"
  (:use "COMMON-LISP" "EMACS2CL-RUNTIME")
  (:local-nicknames ("C" "EMACS-C"))
  (:export
   ;; variables.lisp
   "ELISP-VALUE" "DEFINE-ELISP-VARIABLE-MACROS" "WITH-ELISP-BINDINGS"
   ;; startup.lisp
   "START-EMACS" "LOAD-LISP-FILE" "ELISP-EVAL" "ELISP-READ"
   ;; image.lisp
   "TOPLEVEL" "PREPARE-EMACS" "BUILD-IMAGE"))

(defpackage "ELISP"
  (:use)
  (:documentation "Elisp's symbols (its obarray): each named as in Emacs, case kept.  nil and t
are CL's NIL and T."))
