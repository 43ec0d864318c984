;; How an Emacs tree is configured and compiled for the GIMPLE dump.

;; A minimal configuration: no X, no optional libraries, no native compilation, no dumping
;; (pdumper.c is then nearly empty).  --without-all also turns off threads and modules.
(configure "--without-all" "--without-x" "--with-x-toolkit=no" "--without-gnutls"
           "--without-native-compilation" "--with-dumping=none")

;; The generated headers that src/*.c needs, and nothing more: (directory target ...).
(make "lib")
(make "lib-src" "make-docfile" "make-fingerprint")
(make "src" "globals.h" "dmpstruct.h" "buildobj.h")

;; Prints the object files of the build, run in src/.
(list-objects "print-objs: ; @echo $(ALLOBJS)")

;; Debian's "+1" tarballs lack the GFDL manuals.  configure of 30.x wants their Makefile.in and
;; runs `make -C doc/emacs doc-emacsver`: a stub is enough, nothing in src/ uses them.
(doc-stub "doc/emacs/Makefile.in" "all:\ndoc-emacsver:\n")
(doc-stub "doc/lispref/Makefile.in" "all:\n")
(doc-stub "doc/lispintro/Makefile.in" "all:\n")

;; Flags for the dump, in place of the build's own optimization and debug flags.
;; -O0: the dump is taken right after pass "cfg", before any optimization, so the level only
;;   changes what the preprocessor sees; -O0 keeps __OPTIMIZE__ undefined, so glibc's headers
;;   do not substitute inline string functions, and it compiles fastest.
;; -DDEFINE_KEY_OPS_AS_MACROS=0: at -O0 lisp.h would otherwise define XCAR, EQ, XFIXNUM ... as
;;   macros that expand to bit operations on the tagged word; kept as calls to lisp.h's inline
;;   functions, each primitive stays visible by name, so the translator maps it to the runtime.
;; -g0: no debug information is needed; statement lines come from GIMPLE locations.
(drop-flags "-O" "-O1" "-O2" "-O3" "-Os" "-Og" "-g" "-g1" "-g2" "-g3" "-ggdb" "-ggdb3")
(add-flags "-O0" "-g0" "-DDEFINE_KEY_OPS_AS_MACROS=0")
