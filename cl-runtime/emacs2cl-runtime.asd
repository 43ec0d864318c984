;;;; The Common Lisp runtime that code translated from Emacs's C sources calls.
;;;; See docs/data-model.md (the contract) and README.md in this directory.

(defsystem "emacs2cl-runtime"
  :description "Runtime entry points (rt-...) for Common Lisp translated from GNU Emacs's C sources."
  :license "GPL-3.0-or-later"
  :serial t
  :components ((:file "package")
               (:file "errors")
               (:file "integers")
               (:file "floats")
               (:file "descs")
               (:file "boxes")
               (:file "structs")
               (:file "memory")
               (:file "objects")
               (:file "pointers")
               (:file "libc")
               (:file "varargs")
               (:file "translation")
               (:file "emacs")
               (:file "lisp-objects")
               (:file "replaced")
               (:file "alloc")
               ;; The C library for batch Emacs (after emacs.lisp, whose table of C library
               ;; variables they add to).
               (:file "libc-sys")
               (:file "libc-stdio")
               (:file "libc-files")
               (:file "libc-math")
               (:file "libc-time")
               (:file "libc-proc")
               (:file "libc-signals")
               (:file "libc-spawn")
               (:file "libc-tty")
               (:file "libc-net")
               (:file "nonlocal")
               (:file "libc-hash")
               (:file "libc-gmp")))
