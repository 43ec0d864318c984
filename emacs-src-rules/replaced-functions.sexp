;; Functions whose C body is not translated: the runtime implements each (docs/data-model.md).
;; (replace C-NAME TEMPLATE REASON): a runtime symbol is called with the C arguments; a template
;; uses $1, $2 ... for them.  (front C-NAME TEMPLATE REASON) is a replacement that the C body is
;; translated for too: the runtime's function stands before its direct calls, doing the common
;; case itself and calling the translation for the rest; its address (a DEFUN's subr) is still
;; the translation's.  A function that calls setjmp is translated (docs/data-model.md,
;; "Non-local exits") unless a rule here replaces it.

;; allocation: the runtime allocates with SBCL
(replace "Fcons" (cons $1 $2) "allocation: the runtime allocates with SBCL")
(replace "list1" (list $1) "allocation: the runtime allocates with SBCL")
(replace "list2" (list $1 $2) "allocation: the runtime allocates with SBCL")
(replace "list3" (list $1 $2 $3) "allocation: the runtime allocates with SBCL")
(replace "list4" (list $1 $2 $3 $4) "allocation: the runtime allocates with SBCL")
(replace "list5" (list $1 $2 $3 $4 $5) "allocation: the runtime allocates with SBCL")
(replace "make_float" (rt-make-float $1) "allocation: the runtime allocates with SBCL")
(replace "Flist" rt-flist "allocation: the runtime allocates with SBCL")
(replace "Fmake_bool_vector" rt-fmake-bool-vector "allocation: the runtime allocates with SBCL")
(replace "Fmake_list" rt-fmake-list "allocation: the runtime allocates with SBCL")
(replace "Fmake_marker" rt-fmake-marker "allocation: the runtime allocates with SBCL")
(replace "Fmake_record" rt-fmake-record "allocation: the runtime allocates with SBCL")
(replace "Fmake_string" rt-fmake-string "allocation: the runtime allocates with SBCL")
(replace "Fmake_symbol" rt-fmake-symbol "allocation: the runtime allocates with SBCL")
(replace "Frecord" rt-frecord "allocation: the runtime allocates with SBCL")
(replace "Fvector" rt-fvector "allocation: the runtime allocates with SBCL")
(replace "allocate_buffer" rt-allocate-buffer "allocation: the runtime allocates with SBCL")
(replace "allocate_nil_vector" rt-allocate-nil-vector "allocation: the runtime allocates with SBCL")
(replace "allocate_pseudovector" rt-allocate-pseudovector "allocation: the runtime allocates with SBCL")
(replace "allocate_vector" rt-allocate-vector "allocation: the runtime allocates with SBCL")
(replace "bool_vector_fill" rt-bool-vector-fill "allocation: the runtime allocates with SBCL")
(replace "build_marker" rt-build-marker "allocation: the runtime allocates with SBCL")
(replace "build_overlay" rt-build-overlay "allocation: the runtime allocates with SBCL")
(replace "listn" rt-listn "allocation: the runtime allocates with SBCL")
(replace "make_event_array" rt-make-event-array "allocation: the runtime allocates with SBCL")
(replace "make_formatted_string" rt-make-formatted-string "allocation: the runtime allocates with SBCL")
(replace "make_interval" rt-make-interval "allocation: the runtime allocates with SBCL")
(replace "make_multibyte_string" rt-make-multibyte-string "allocation: the runtime allocates with SBCL")
(replace "make_pure_c_string" rt-make-pure-c-string "allocation: the runtime allocates with SBCL")
(replace "make_pure_string" rt-make-pure-string "allocation: the runtime allocates with SBCL")
(replace "make_specified_string" rt-make-specified-string "allocation: the runtime allocates with SBCL")
(replace "make_string" rt-make-string "allocation: the runtime allocates with SBCL")
(replace "make_string_from_bytes" rt-make-string-from-bytes "allocation: the runtime allocates with SBCL")
(replace "make_unibyte_string" rt-make-unibyte-string "allocation: the runtime allocates with SBCL")
(replace "make_uninit_bool_vector" rt-make-uninit-bool-vector "allocation: the runtime allocates with SBCL")
(replace "make_uninit_multibyte_string" rt-make-uninit-multibyte-string "allocation: the runtime allocates with SBCL")
(replace "make_uninit_string" rt-make-uninit-string "allocation: the runtime allocates with SBCL")
(replace "make_vector" rt-make-vector "allocation: the runtime allocates with SBCL")
(replace "pure_cons" rt-pure-cons "allocation: the runtime allocates with SBCL")
(replace "pure_listn" rt-pure-listn "allocation: the runtime allocates with SBCL")
(replace "resize_string_data" rt-resize-string-data "allocation: the runtime allocates with SBCL")
(replace "init_symbol" rt-init-symbol "allocation: the runtime allocates with SBCL")
(replace "free_cons" rt-free-cons "allocation: the runtime allocates with SBCL")
(replace "Fpurecopy" rt-fpurecopy "allocation: the runtime allocates with SBCL")
(replace "build_symbol_with_pos" rt-build-symbol-with-pos "allocation: the runtime allocates with SBCL (30.x)")
(replace "hash_table_alloc_bytes" rt-hash-table-alloc-bytes "allocation: the runtime allocates with SBCL (30.x)")
(replace "hash_table_free_bytes" rt-hash-table-free-bytes "allocation: the runtime allocates with SBCL (30.x)")
(replace "pin_string" rt-pin-string "allocation: strings do not move in the runtime (30.x)")

;; C heap: the runtime's raw blocks
(replace "xmalloc" rt-xmalloc "C heap: the runtime's raw blocks")
(replace "xzalloc" rt-xzalloc "C heap: the runtime's raw blocks")
(replace "xrealloc" rt-xrealloc "C heap: the runtime's raw blocks")
(replace "xnmalloc" rt-xnmalloc "C heap: the runtime's raw blocks")
(replace "xnrealloc" rt-xnrealloc "C heap: the runtime's raw blocks")
(replace "xpalloc" rt-xpalloc "C heap: the runtime's raw blocks")
(replace "xfree" rt-xfree "C heap: the runtime's raw blocks")
(replace "xstrdup" rt-xstrdup "C heap: the runtime's raw blocks")
(replace "xlispstrdup" rt-xlispstrdup "C heap: the runtime's raw blocks")
(replace "dupstring" rt-dupstring "C heap: the runtime's raw blocks")
(replace "record_xmalloc" rt-record-xmalloc "C heap: the runtime's raw blocks")
(replace "xputenv" rt-xputenv "C heap: the runtime's raw blocks")

;; garbage collection: SBCL's collector
(replace "mark_object" rt-mark-object "garbage collection: SBCL's collector")
(replace "mark_objects" rt-mark-objects "garbage collection: SBCL's collector")
(replace "mark_stack" rt-mark-stack "garbage collection: SBCL's collector")
(replace "maybe_garbage_collect" rt-maybe-garbage-collect "garbage collection: SBCL's collector")
(replace "inhibit_garbage_collection" rt-inhibit-garbage-collection "garbage collection: SBCL's collector")
(replace "staticpro" rt-staticpro "garbage collection: SBCL's collector")
(replace "survives_gc_p" rt-survives-gc-p "garbage collection: SBCL's collector")
(replace "valid_lisp_object_p" rt-valid-lisp-object-p "garbage collection: SBCL's collector")
(replace "flush_stack_call_func1" rt-flush-stack-call-func1 "garbage collection: SBCL's collector")
(replace "display_malloc_warning" rt-display-malloc-warning "garbage collection: SBCL's collector")
(replace "mark_c_stack" rt-mark-c-stack "garbage collection: SBCL's collector (30.x)")

;; out of memory and size overflow: signalled by the runtime
(replace "memory_full" rt-memory-full "out of memory and size overflow: signalled by the runtime")
(replace "buffer_memory_full" rt-buffer-memory-full "out of memory and size overflow: signalled by the runtime")
(replace "string_overflow" rt-string-overflow "out of memory and size overflow: signalled by the runtime")

;; start-up of the replaced files: done by the runtime
(replace "init_alloc" rt-init-alloc "start-up of the replaced files: done by the runtime")
(replace "init_alloc_once" rt-init-alloc-once "start-up of the replaced files: done by the runtime")
(replace "syms_of_alloc" rt-syms-of-alloc "start-up of the replaced files: done by the runtime")
(replace "syms_of_bytecode" rt-syms-of-bytecode "start-up of the replaced files: done by the runtime")
(replace "syms_of_comp" rt-syms-of-comp "start-up of the replaced files: done by the runtime")
(replace "init_pdumper_once" rt-init-pdumper-once "start-up of the replaced files: done by the runtime")
(replace "syms_of_pdumper" rt-syms-of-pdumper "start-up of the replaced files: done by the runtime")

;; the bytecode interpreter: the runtime runs byte-code functions
(replace "exec_byte_code" rt-exec-byte-code "the bytecode interpreter: the runtime runs byte-code functions")
(replace "get_byte_code_arity" rt-get-byte-code-arity "the bytecode interpreter: the runtime runs byte-code functions")
(replace "init_bc_thread" rt-init-bc-thread "the bytecode interpreter's stack: the runtime's (30.x)")
(replace "free_bc_thread" rt-free-bc-thread "the bytecode interpreter's stack: the runtime's (30.x)")
(replace "mark_bytecode" rt-mark-bytecode "the bytecode interpreter's stack: the runtime's (30.x)")

;; eval.c's catch and condition-case: hand-written, faster than their translation (which works:
;; tests/test_setjmp.py translates and compiles them)
(replace "internal_catch" rt-internal-catch "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_catch_all" rt-internal-catch-all "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_lisp_condition_case" rt-internal-lisp-condition-case "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_condition_case" rt-internal-condition-case "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_condition_case_1" rt-internal-condition-case-1 "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_condition_case_2" rt-internal-condition-case-2 "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_condition_case_3" rt-internal-condition-case-3 "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_condition_case_4" rt-internal-condition-case-4 "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_condition_case_5" rt-internal-condition-case-5 "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")
(replace "internal_condition_case_n" rt-internal-condition-case-n "uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md)")

;; eval.c's backtrace frame, which every call records: hand-written on a cache of the specpdl's
;; entries (glue/frames.lisp, which checks it against eval.c's readers of the frame when an image
;; is built); translated, it is correct but reaches the entry through a new pointer each time
(replace "record_in_backtrace" rt-record-in-backtrace "the backtrace frame of every call: hand-written in glue/frames.lisp on a cache of the specpdl's entries; translated, it is correct but slower")
;; The same cache for every push and pop of the specpdl: translated, `specpdl_ptr++' and
;; `*--specpdl_ptr' make a pointer that finds its entry by a division, and unbind_to's copy of
;; the entry is a new union at each call (114 ns for a record_unwind_protect_ptr and its unbind_to)
(front "grow_specpdl" rt-grow-specpdl "each push onto the specpdl: glue/frames.lisp moves specpdl_ptr over its cache of entries, and calls the translated grow_specpdl when the specpdl must grow")
;; A let of a variable forwarded to a C variable (inhibit-modification-hooks at each buffer
;; change): translated, 280 ns for the binding and its unbinding
(front "specbind" rt-specbind "each binding: glue/frames.lisp binds a variable forwarded to a variable of struct emacs_globals itself (and unbind_to unbinds it), and calls the translated specbind for the rest")
;; ... and a set of one, or of a buffer-local variable whose binding is loaded (deactivate-mark
;; at each buffer change): translated, a tenth of an insertion's time
(front "set_internal" rt-set-internal "each set: glue/frames.lisp stores a variable forwarded to a variable of struct emacs_globals, or a buffer-local one whose binding for the current buffer is loaded, and calls the translated set_internal for the rest")
;; ... and the entry of record_unwind_protect_ptr (the regexp matcher's, at each position a search
;; tries): translated, 37 ns with its unbinding
(front "record_unwind_protect_ptr" rt-record-unwind-protect-ptr "each unwind function with a pointer argument (the regexp matcher's at each position it tries): glue/frames.lisp writes the entry on its cache of the specpdl's entries, and calls the translated function at the end of a full specpdl")
(replace "unbind_to" rt-unbind-to "every unbinding: hand-written in glue/frames.lisp on the cache of the specpdl's entries; translated, it is correct but slower")
;; A property at a position where there is nothing to find (forward-word's Fconstrain_to_field
;; asks four times per word): translated, SAFE_ALLOCA, overlays_at, sort_overlays and
;; validate_interval_range cost 300 ns a lookup
(front "get_char_property_and_overlay" rt-get-char-property-and-overlay "each char property lookup: glue/textprop.lisp looks up the text property itself in the current buffer when it has no overlays, and calls the translated function for the rest")
(front "Ftext_properties_at" rt-text-properties-at "each text property lookup from C: glue/textprop.lisp answers nil in the current buffer when it has no intervals, and calls the translated function for the rest")
;; The interpreter's step (Fprogn, Fsetq, Fif, Fwhile, Flet, apply_lambda and eval_sub itself
;; evaluate each form with it): translated, the box and pointer of `&original_args', the
;; `argvals' array and the pointers `specpdl + count' and `specpdl_ptr--' make cost three
;; quarters of an interpreted loop's time
(front "eval_sub" rt-eval-sub "each form the interpreter evaluates: glue/eval.lisp evaluates a variable, and a call of a subr, lexical byte-code or an interpreted closure, in eval_sub's steps, and calls the translated eval_sub for the rest")
;; The interpreter's arithmetic on integers (`+' ... reach arith_driver, `<' ... arithcompare):
;; translated, each bignum step goes through the runtime's mpz_t (an interpreted bignum loop three
;; times as long as its byte-compiled twin, whose opcodes do it inline)
(front "bignum_arith_driver" rt-bignum-arith-driver "arithmetic past a fixnum: glue/arith.lisp folds integer arguments with CL's integers, and calls the translated function for a float, a marker, a division by zero or a result beyond integer-width")
(front "arithcompare" rt-arithcompare "each numeric comparison from C: glue/arith.lisp compares two integers itself, and calls the translated function for the rest")
;; A funcall from C (mapcar, apply, call1, run-hooks) takes the path a byte-code call takes
;; (glue/bytecode.lisp's funcall-from-stack): translated, Ffuncall and funcall_lambda cost a
;; quarter of a mapcar over closures
(front "Ffuncall" rt-ffuncall "funcall from C: glue/bytecode.lisp takes the byte-code interpreter's path to a byte-code function or a subr, and calls the translated Ffuncall for the rest")

;; uses vfork: the runtime starts processes
(replace "sys_subshell" rt-sys-subshell "uses vfork: the runtime starts processes")
(replace "emacs_spawn" rt-emacs-spawn "uses vfork: the runtime starts processes")

;; signals: SBCL's handlers only note a signal's arrival (cl-runtime/libc-signals.lisp); the handler
;; translated code installed runs at a safe point, and Emacs's own is where it processes pending signals
(replace "process_pending_signals" rt-process-pending-signals "signals: the handlers of the signals that arrived run here, then what the C does")

;; socket addresses: process.c lays struct sockaddr_in, sockaddr_in6 and sockaddr_un over struct
;; sockaddr (DECLARE_POINTER_ALIAS), which the data model does not alias; the glue works on the bytes
(replace "conv_sockaddr_to_lisp" rt-conv-sockaddr-to-lisp "structs laid over one another: the glue reads the socket address's bytes")
(replace "conv_lisp_to_sockaddr" rt-conv-lisp-to-sockaddr "structs laid over one another: the glue writes the socket address's bytes")
(replace "network_interface_list" rt-network-interface-list "structs laid over one another: the glue reads the socket addresses' bytes")

;; the obarray: Emacs's initial obarray is also the ELISP package
(replace "intern_sym" rt-intern-sym "the obarray: a symbol interned in the initial obarray is a symbol of the ELISP package")

;; char-tables: C makes a plain vector and then sets its header to make it a char-table; in the
;; runtime a char-table is its struct from the start
(replace "Fmake_char_table" rt-fmake-char-table "char-tables: made as their struct, not as a vector whose header changes")
(replace "make_uninit_sub_char_table" rt-make-uninit-sub-char-table "char-tables: made as their struct, not as a vector whose header changes")
(replace "copy_char_table" rt-copy-char-table "char-tables: made as their struct, not as a vector whose header changes")

;; bignums: a bignum is a CL integer (docs/data-model.md); bignum.c computes in mpz_t variables
;; (the runtime's GMP over CL integers), and these convert at the boundary
(replace "make_bignum_bits" rt-make-bignum-bits "bignums: the integer in mpz[0] is the Lisp object")
(replace "make_bignum_str" rt-make-bignum-str "bignums: the integer the digits spell is the Lisp object")
(replace "bignum_val" rt-bignum-val "bignums: an mpz_t holding the CL integer, for GMP's functions")

;; casefiddle.c writes each cased character through a struct casing_str_buf laid over its output
;; bytes (a cast of char * to struct *), which the data model does not alias
(replace "do_casify_multibyte_string" rt-do-casify-multibyte-string "a struct laid over bytes: the runtime cases into a struct and copies the bytes")

;; pointers into different objects: C subtracts them (undefined behaviour, whose garbage Emacs
;; relies on), where the runtime signals
(replace "PTR_BYTE_POS" rt-ptr-byte-pos "pointers into different objects: regex-emacs.c's \\= (at_dot) asks the buffer position of a pointer into the string it matches, which has none")
