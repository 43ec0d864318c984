;;;; The glue between a translation of Emacs's C and the runtime: what makes the translated code an
;;;; Emacs -- the elisp package, the setjmp users, the obarray, start-up
;;;; and the image.  It needs a translation's system, "emacs-c" (emacs2cl image loads one).

(asdf:defsystem "emacs2cl-glue"
  :description "Glue that makes a translation of GNU Emacs's C into an Emacs running on SBCL"
  :depends-on ("emacs2cl-runtime" "emacs-c" "sb-sprof")
  :serial t
  :components ((:file "package")
               (:file "c-access")
               (:file "frames")
               (:file "nonlocal")
               (:file "bytecode-inline")
               (:file "arith")
               (:file "bytecode-ops")
               (:file "bytecode")
               (:file "eval")
               (:file "native-comp")
               (:file "alloc")
               (:file "obarray")
               (:file "chartab")
               (:file "textprop")
               (:file "casefiddle")
               (:file "variables")
               (:file "startup")
               (:file "process")
               (:file "network")
               (:file "profile")
               (:file "image")))
