;;;; The functions of the skipped files (and eval.c's setjmp users, the vfork users) that translated code
;;;; calls: emacs-src-rules/replaced-functions.sexp names each, with its reason.  Those whose
;;;; meaning the data model fixes are implemented; the others are declared (DEFINE-PENDING) so that
;;;; the translation compiles against them, and the image (issue 4) gives them their bodies.

(in-package "EMACS2CL-RUNTIME")


;;; allocation: the runtime allocates with SBCL
(defun rt-flist (nargs args)
  "Replaces Flist (MANY calling convention): a list of the NARGS objects at pointer ARGS."
  (loop for i below nargs collect (rt-mem (rt-ptr+ args (* 8 i)) :lisp)))
(define-pending rt-fmake-bool-vector (Fmake_bool_vector) "Replaces Fmake_bool_vector: allocation: the runtime allocates with SBCL.")
(define-pending rt-fmake-marker (Fmake_marker) "Replaces Fmake_marker: allocation: the runtime allocates with SBCL.")
(define-pending rt-fmake-string (Fmake_string) "Replaces Fmake_string: allocation: the runtime allocates with SBCL.")
(defun rt-fvector (nargs args)
  "Replaces Fvector (MANY calling convention): a simple-vector of the NARGS objects at ARGS."
  (coerce (rt-flist nargs args) 'simple-vector))
(define-pending rt-allocate-buffer (allocate_buffer) "Replaces allocate_buffer: allocation: the runtime allocates with SBCL.")
(defun rt-allocate-nil-vector (length)
  "Replaces allocate_nil_vector: a simple-vector of LENGTH nils."
  (make-array length :initial-element nil))
(define-pending rt-allocate-pseudovector (allocate_pseudovector) "Replaces allocate_pseudovector: allocation: the runtime allocates with SBCL.")
(defun rt-allocate-vector (length)
  "Replaces allocate_vector: a simple-vector of LENGTH nils (its struct Lisp_Vector)."
  (make-array length :initial-element nil))
(define-pending rt-bool-vector-fill (bool_vector_fill) "Replaces bool_vector_fill: allocation: the runtime allocates with SBCL.")
(define-pending rt-build-marker (build_marker) "Replaces build_marker: allocation: the runtime allocates with SBCL.")
(define-pending rt-build-overlay (build_overlay) "Replaces build_overlay: allocation: the runtime allocates with SBCL.")
(defun rt-listn (count &rest objects)
  "Replaces listn (varargs): the first COUNT of OBJECTS as a list."
  (subseq objects 0 count))
(define-pending rt-make-event-array (make_event_array) "Replaces make_event_array: allocation: the runtime allocates with SBCL.")
(define-pending rt-make-interval (make_interval) "Replaces make_interval: allocation: the runtime allocates with SBCL.")
(define-pending rt-make-uninit-bool-vector (make_uninit_bool_vector) "Replaces make_uninit_bool_vector: allocation: the runtime allocates with SBCL.")
(defun rt-make-vector (length init)
  "Replaces make_vector: a simple-vector of LENGTH elements, each INIT."
  (make-array length :initial-element init))
(defun rt-pure-cons (car cdr)
  "Replaces pure_cons: a cons (there is no pure storage)."
  (cons car cdr))
(defun rt-pure-listn (count &rest objects)
  "Replaces pure_listn: the first COUNT of OBJECTS as a list (there is no pure storage)."
  (subseq objects 0 count))
(defun rt-fpurecopy (object)
  "Replaces Fpurecopy: there is no pure storage, OBJECT itself."
  object)

;;; C heap: the runtime's raw blocks
(defun rt-xmalloc (size)
  "Replaces xmalloc: a raw block of SIZE bytes (zeroed)."
  (rt-malloc size))
(defun rt-xzalloc (size)
  "Replaces xzalloc: a zeroed raw block of SIZE bytes."
  (rt-malloc size))
(defun rt-xnmalloc (nitems item-size)
  "Replaces xnmalloc: a raw block for NITEMS items of ITEM-SIZE bytes."
  (rt-malloc (* nitems item-size)))
(defun rt-xfree (pointer)
  "Replaces xfree: nothing to do, SBCL reclaims what is unreachable."
  (declare (ignore pointer))
  nil)

;;; garbage collection: SBCL's collector
(define-pending rt-mark-object (mark_object) "Replaces mark_object: garbage collection: SBCL's collector.")
(define-pending rt-mark-objects (mark_objects) "Replaces mark_objects: garbage collection: SBCL's collector.")
(define-pending rt-mark-stack (mark_stack) "Replaces mark_stack: garbage collection: SBCL's collector.")
(defun rt-maybe-garbage-collect ()
  "Replaces maybe_garbage_collect: SBCL collects when it needs to."
  nil)
(define-pending rt-inhibit-garbage-collection (inhibit_garbage_collection) "Replaces inhibit_garbage_collection: garbage collection: SBCL's collector.")
(defun rt-staticpro (address)
  "Replaces staticpro: nothing to do, SBCL's collector sees every global."
  (declare (ignore address))
  nil)
(define-pending rt-survives-gc-p (survives_gc_p) "Replaces survives_gc_p: garbage collection: SBCL's collector.")
(define-pending rt-valid-lisp-object-p (valid_lisp_object_p) "Replaces valid_lisp_object_p: garbage collection: SBCL's collector.")
(define-pending rt-flush-stack-call-func1 (flush_stack_call_func1) "Replaces flush_stack_call_func1: garbage collection: SBCL's collector.")
(define-pending rt-display-malloc-warning (display_malloc_warning) "Replaces display_malloc_warning: garbage collection: SBCL's collector.")

;;; out of memory and size overflow: signalled by the runtime
(define-pending rt-memory-full (memory_full) "Replaces memory_full: out of memory and size overflow: signalled by the runtime.")
(define-pending rt-buffer-memory-full (buffer_memory_full) "Replaces buffer_memory_full: out of memory and size overflow: signalled by the runtime.")
(define-pending rt-string-overflow (string_overflow) "Replaces string_overflow: out of memory and size overflow: signalled by the runtime.")

;;; start-up of the replaced files: done by the runtime
(define-pending rt-init-alloc (init_alloc) "Replaces init_alloc: start-up of the replaced files: done by the runtime.")
(define-pending rt-init-alloc-once (init_alloc_once) "Replaces init_alloc_once: start-up of the replaced files: done by the runtime.")
(define-pending rt-syms-of-alloc (syms_of_alloc) "Replaces syms_of_alloc: start-up of the replaced files: done by the runtime.")
(define-pending rt-syms-of-bytecode (syms_of_bytecode) "Replaces syms_of_bytecode: start-up of the replaced files: done by the runtime.")
(define-pending rt-syms-of-comp (syms_of_comp) "Replaces syms_of_comp: start-up of the replaced files: done by the runtime.")
(define-pending rt-init-pdumper-once (init_pdumper_once) "Replaces init_pdumper_once: start-up of the replaced files: done by the runtime.")
(define-pending rt-syms-of-pdumper (syms_of_pdumper) "Replaces syms_of_pdumper: start-up of the replaced files: done by the runtime.")

;;; the bytecode interpreter: the runtime runs byte-code functions
(define-pending rt-exec-byte-code (exec_byte_code) "Replaces exec_byte_code: the bytecode interpreter: the runtime runs byte-code functions.")
(define-pending rt-get-byte-code-arity (get_byte_code_arity) "Replaces get_byte_code_arity: the bytecode interpreter: the runtime runs byte-code functions.")

;;; eval.c's catch and condition-case: hand-written on the runtime's setjmp (glue/nonlocal.lisp)
(define-pending rt-internal-catch (internal_catch) "Replaces internal_catch: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-catch-all (internal_catch_all) "Replaces internal_catch_all: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-lisp-condition-case (internal_lisp_condition_case) "Replaces internal_lisp_condition_case: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-condition-case (internal_condition_case) "Replaces internal_condition_case: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-condition-case-1 (internal_condition_case_1) "Replaces internal_condition_case_1: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-condition-case-2 (internal_condition_case_2) "Replaces internal_condition_case_2: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-condition-case-3 (internal_condition_case_3) "Replaces internal_condition_case_3: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-condition-case-4 (internal_condition_case_4) "Replaces internal_condition_case_4: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-condition-case-5 (internal_condition_case_5) "Replaces internal_condition_case_5: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")
(define-pending rt-internal-condition-case-n (internal_condition_case_n) "Replaces internal_condition_case_n: uses setjmp: hand-written on the runtime's setjmp in glue/nonlocal.lisp; translated, it is correct but slower (docs/data-model.md).")

;;; uses vfork: the runtime starts processes
(define-pending rt-sys-subshell (sys_subshell) "Replaces sys_subshell: uses vfork: the runtime starts processes.")
(define-pending rt-emacs-spawn (emacs_spawn) "Replaces emacs_spawn: uses vfork: the runtime starts processes.")

;;; 30.x
(define-pending rt-build-symbol-with-pos (build_symbol_with_pos) "Replaces build_symbol_with_pos: allocation: the runtime allocates with SBCL (30.x).")
(define-pending rt-hash-table-alloc-bytes (hash_table_alloc_bytes) "Replaces hash_table_alloc_bytes: allocation: the runtime allocates with SBCL (30.x).")
(define-pending rt-hash-table-free-bytes (hash_table_free_bytes) "Replaces hash_table_free_bytes: allocation: the runtime allocates with SBCL (30.x).")
(define-pending rt-pin-string (pin_string) "Replaces pin_string: allocation: strings do not move in the runtime (30.x).")
(define-pending rt-mark-c-stack (mark_c_stack) "Replaces mark_c_stack: garbage collection: SBCL's collector (30.x).")
(define-pending rt-init-bc-thread (init_bc_thread) "Replaces init_bc_thread: the bytecode interpreter's stack: the runtime's (30.x).")
(define-pending rt-free-bc-thread (free_bc_thread) "Replaces free_bc_thread: the bytecode interpreter's stack: the runtime's (30.x).")
(define-pending rt-mark-bytecode (mark_bytecode) "Replaces mark_bytecode: the bytecode interpreter's stack: the runtime's (30.x).")

;;; the obarray
(define-pending rt-intern-sym (intern_sym) "Replaces intern_sym: the obarray: a symbol interned in the initial obarray is a symbol of the ELISP package.")

;;; char-tables
(define-pending rt-fmake-char-table (Fmake_char_table) "Replaces Fmake_char_table: char-tables: made as their struct.")
(define-pending rt-make-uninit-sub-char-table (make_uninit_sub_char_table) "Replaces make_uninit_sub_char_table: char-tables: made as their struct.")
(define-pending rt-copy-char-table (copy_char_table) "Replaces copy_char_table: char-tables: made as their struct.")

;;; bignums
(define-pending rt-make-bignum-bits (make_bignum_bits) "Replaces make_bignum_bits: bignums: the integer in mpz[0] is the Lisp object.")

;;; a struct laid over bytes
(define-pending rt-do-casify-multibyte-string (do_casify_multibyte_string) "Replaces do_casify_multibyte_string: the runtime cases into a struct and copies the bytes.")
(define-pending rt-bignum-val (bignum_val) "Replaces bignum_val: bignums: an mpz_t holding the CL integer, for GMP's functions.")
