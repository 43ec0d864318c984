;; Build files whose functions are not translated: Common Lisp supplies what they do.
;; (skip-file FILE REASON).  Their variables that other files use are still translated (data,
;; not machinery), and the functions other files call are replaced (replaced-functions.sexp).
(skip-file "alloc.c" "the allocator and garbage collector: SBCL allocates and collects")
(skip-file "bytecode.c" "the bytecode interpreter: SBCL compiles; byte-code functions are handled by the runtime")
(skip-file "pdumper.c" "the portable dumper: the image is saved with save-lisp-and-die")
(skip-file "comp.c" "native compilation through libgccjit: SBCL compiles natively")
