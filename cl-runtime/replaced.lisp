;;;; The functions of the skipped files (and eval.c's setjmp users, the vfork users) that translated code
;;;; calls: emacs-src-rules/replaced-functions.sexp names each, with its reason.  Those whose
;;;; meaning the data model fixes are implemented here; those that need the translation's structs
;;;; or functions are declared (DEFINE-PENDING) so that the translation compiles against them, and
;;;; the glue implements them (RT-IMPLEMENT).

(in-package "EMACS2CL-RUNTIME")


;;; allocation: the runtime allocates with SBCL
(defun rt-flist (nargs args)
  "Replaces Flist (MANY calling convention): a list of the NARGS objects at pointer ARGS."
  (multiple-value-bind (words start)
      (and (plusp nargs) (multiple-value-call #'%word-at (rt-ptr-parts args)))
    (if (and start (<= (+ start nargs) (length words)))
        ;; The arguments in a vector of Lisp objects (the byte-code stack, funcall's args, a
        ;; block of them from alloca): read directly, not through a pointer made per element.
        (loop for i from start repeat nargs collect (svref words i))
        (loop for i below nargs collect (rt-mem (rt-ptr+ args (* 8 i)) :lisp)))))
(define-pending rt-fmake-bool-vector (Fmake_bool_vector) "Replaces Fmake_bool_vector: allocation: the runtime allocates with SBCL.")
(define-pending rt-fmake-marker (Fmake_marker) "Replaces Fmake_marker: allocation: the runtime allocates with SBCL.")
(define-pending rt-fmake-string (Fmake_string) "Replaces Fmake_string: allocation: the runtime allocates with SBCL.")
(defun rt-fvector (nargs args)
  "Replaces Fvector (MANY calling convention): a simple-vector of the NARGS objects at ARGS."
  (if (zerop nargs) **zero-vector** (coerce (rt-flist nargs args) 'simple-vector)))
(define-pending rt-allocate-buffer (allocate_buffer) "Replaces allocate_buffer: allocation: the runtime allocates with SBCL.")
(defun rt-allocate-nil-vector (length)
  "Replaces allocate_nil_vector: a simple-vector of LENGTH nils."
  (%vector length nil))
(define-pending rt-allocate-pseudovector (allocate_pseudovector) "Replaces allocate_pseudovector: allocation: the runtime allocates with SBCL.")
(defun rt-allocate-vector (length)
  "Replaces allocate_vector: a simple-vector of LENGTH nils (its struct Lisp_Vector)."
  (%vector length nil))
(define-pending rt-bool-vector-fill (bool_vector_fill) "Replaces bool_vector_fill: allocation: the runtime allocates with SBCL.")
(define-pending rt-build-marker (build_marker) "Replaces build_marker: allocation: the runtime allocates with SBCL.")
(define-pending rt-build-overlay (build_overlay) "Replaces build_overlay: allocation: the runtime allocates with SBCL.")
(defun rt-listn (count &rest objects)
  "Replaces listn (varargs): the first COUNT of OBJECTS as a list."
  (subseq objects 0 count))
(defconstant +char-meta+ #x8000000 "CHAR_META, the meta modifier bit of a character event.")
(defun rt-make-event-array (nargs args)
  "Replaces make_event_array (MANY calling convention): the NARGS events at ARGS as a unibyte
string when each is a character in 0..127 after its meta bit and the bits above it are dropped
(meta then sets the byte's 8th bit), else as a vector."
  (let ((events (rt-flist nargs args)))
    (if (every (lambda (e) (and (rt-fixnump e) (< (logand e (1- +char-meta+)) #o200))) events)
        (make-lisp-string (map '(vector (unsigned-byte 8))
                                  (lambda (e) (logior (logand e #x7f) (if (logtest e +char-meta+) #x80 0)))
                                  events)
                             nargs nil)
        (coerce events 'simple-vector))))
(define-pending rt-make-interval (make_interval) "Replaces make_interval: allocation: the runtime allocates with SBCL.")
(define-pending rt-make-uninit-bool-vector (make_uninit_bool_vector) "Replaces make_uninit_bool_vector: allocation: the runtime allocates with SBCL.")
(defun rt-make-vector (length init)
  "Replaces make_vector: a simple-vector of LENGTH elements, each INIT."
  (%vector length init))
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

;;; garbage collection: SBCL's collector.  alloc.c's mark phase is not translated: the translated
;;; functions that call the marking functions (mark_specpdl, mark_kboards, mark_threads and
;;; mark_one_thread, sweep_weak_table) are called by alloc.c's garbage_collect only.  SBCL's
;;; collector traces every reachable object itself, so marking one has nothing to do.
(defun rt-mark-object (object)
  "Replaces mark_object: nothing to mark, SBCL's collector keeps every reachable object."
  (declare (ignore object))
  nil)
(defun rt-mark-objects (objects count)
  "Replaces mark_objects: nothing to mark, SBCL's collector keeps every reachable object."
  (declare (ignore objects count))
  nil)
(defun rt-mark-stack (bottom end)
  "Replaces mark_stack (the C stack between BOTTOM and END, conservatively): SBCL's collector
scans its own stacks."
  (declare (ignore bottom end))
  nil)
(defun rt-maybe-garbage-collect ()
  "Replaces maybe_garbage_collect: SBCL collects when it needs to."
  nil)
(define-pending rt-inhibit-garbage-collection (inhibit_garbage_collection) "Replaces inhibit_garbage_collection: garbage collection: SBCL's collector.")
(defun rt-staticpro (address)
  "Replaces staticpro: nothing to do, SBCL's collector sees every global."
  (declare (ignore address))
  nil)
(defun rt-survives-gc-p (object)
  "Replaces survives_gc_p: true -- an object the runtime can still reach survives, since SBCL
frees only unreachable ones.  Its one caller, fns.c's sweep_weak_table, runs in alloc.c's
collection only, which SBCL's replaces: the entries of a weak hash table are never swept (weak
tables hold their entries as strong ones do).  A C bool: 1."
  (declare (ignore object))
  1)
(define-pending rt-valid-lisp-object-p (valid_lisp_object_p) "Replaces valid_lisp_object_p: garbage collection: SBCL's collector.")
(defun rt-flush-stack-call-func1 (func arg)
  "Replaces flush_stack_call_func1: FUNC (ARG).  (The C marks the stack's end for its collector's
conservative scan; SBCL's needs nothing.)"
  (funcall func arg))
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
;; pdumper.c's start-up is all under HAVE_PDUMPER, which a build configured --with-dumping=none
;; (emacs-src-rules/build.sexp) leaves undefined: such an Emacs has no pdumper-stats and no
;; dump-emacs-portable.
(defun rt-init-pdumper-once ()
  "Replaces init_pdumper_once: nothing, as in an Emacs built without the portable dumper."
  nil)
(defun rt-syms-of-pdumper ()
  "Replaces syms_of_pdumper: nothing, as in an Emacs built without the portable dumper."
  nil)

;;; the bytecode interpreter: the runtime runs byte-code functions
(define-pending rt-exec-byte-code (exec_byte_code) "Replaces exec_byte_code: the bytecode interpreter: the runtime runs byte-code functions.")
(define-pending rt-get-byte-code-arity (get_byte_code_arity) "Replaces get_byte_code_arity: the bytecode interpreter: the runtime runs byte-code functions.")

;;; eval.c's backtrace frame: hand-written on a cache of the specpdl's entries (glue/frames.lisp)
(define-pending rt-record-in-backtrace (record_in_backtrace) "Replaces record_in_backtrace: the backtrace frame of every call: hand-written in glue/frames.lisp on a cache of the specpdl's entries; translated, it is correct but slower.")

;;; eval.c's specpdl pointer: moved over the same cache of entries (glue/frames.lisp)
(define-pending rt-grow-specpdl (grow_specpdl) "Stands before grow_specpdl (which it calls when the specpdl must grow): each push onto the specpdl moves specpdl_ptr to the next entry of glue/frames.lisp's cache.")
(define-pending rt-specbind (symbol value) "Stands before specbind (which it calls for what it does not do itself): a variable forwarded to a C variable of struct emacs_globals is bound on glue/frames.lisp's cache of the specpdl's entries.")
(define-pending rt-record-unwind-protect-ptr (function arg) "Stands before record_unwind_protect_ptr (which it calls at the end of a full specpdl): the entry is written on glue/frames.lisp's cache of the specpdl's entries.")
(define-pending rt-set-internal (symbol newval where bindflag) "Stands before set_internal (which it calls for what it does not do itself): a variable forwarded to a C variable of struct emacs_globals, or a buffer-local one whose binding is loaded, is stored by glue/frames.lisp.")
(define-pending rt-unbind-to (count value) "Replaces unbind_to: hand-written in glue/frames.lisp on the cache of the specpdl's entries; translated, it is correct but slower.")

;;; textprop.c's lookups at a position where there is nothing to find (glue/textprop.lisp)
(define-pending rt-get-char-property-and-overlay (position prop object overlay) "Stands before get_char_property_and_overlay (which it calls for what it does not do itself): in the current buffer without overlays, the text property is looked up directly.")
(define-pending rt-text-properties-at (position object) "Stands before Ftext_properties_at's direct calls (which it calls for what it does not do itself): nil in the current buffer without intervals.")

;;; eval.c's eval_sub: its common cases (glue/eval.lisp)
(define-pending rt-eval-sub (form) "Stands before eval_sub's direct calls (which it calls for what it does not do itself): a variable, and a call of a subr, lexical byte-code or an interpreted closure, are evaluated by glue/eval.lisp.")

;;; data.c's arithmetic on integers (glue/arith.lisp)
(define-pending rt-bignum-arith-driver (code nargs args argnum iaccum val) "Stands before bignum_arith_driver (which it calls for what it does not do itself): integer arguments are folded with CL's integers.")
(define-pending rt-arithcompare (num1 num2 comparison) "Stands before arithcompare (which it calls for what it does not do itself): two integers are compared directly.")

;;; eval.c's funcall from C: the byte-code interpreter's path (glue/bytecode.lisp)
(define-pending rt-ffuncall (nargs args) "Stands before Ffuncall's direct calls (which it calls for what it does not do itself): a call whose arguments are in a vector of Lisp objects takes the byte-code interpreter's path to a byte-code function or a subr.")

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

;;; signals
(define-pending rt-process-pending-signals (process_pending_signals) "Replaces process_pending_signals: the handlers of the signals that arrived run at this safe point, then what the C does.")

;;; socket addresses
(define-pending rt-conv-sockaddr-to-lisp (conv_sockaddr_to_lisp) "Replaces conv_sockaddr_to_lisp: structs laid over one another: the glue reads the socket address's bytes.")
(define-pending rt-conv-lisp-to-sockaddr (conv_lisp_to_sockaddr) "Replaces conv_lisp_to_sockaddr: structs laid over one another: the glue writes the socket address's bytes.")
(define-pending rt-network-interface-list (network_interface_list) "Replaces network_interface_list: structs laid over one another: the glue reads the socket addresses' bytes.")

;;; 30.x
(define-pending rt-build-symbol-with-pos (build_symbol_with_pos) "Replaces build_symbol_with_pos: allocation: the runtime allocates with SBCL (30.x).")
(defun rt-hash-table-alloc-bytes (nbytes)
  "Replaces hash_table_alloc_bytes (30.x): a raw block of NBYTES bytes, NULL for 0 (alloc.c
also counts them toward consing, which SBCL does itself)."
  (if (zerop nbytes) nil (rt-malloc nbytes)))
(defun rt-hash-table-free-bytes (pointer nbytes)
  "Replaces hash_table_free_bytes (30.x): nothing to do, SBCL reclaims what is unreachable."
  (declare (ignore pointer nbytes))
  nil)
(defun rt-pin-string (string)
  "Replaces pin_string (30.x), which keeps a unibyte string's bytes from moving so that C can
hold a pointer into them (the bytecode interpreter's pc): a pointer into a Lisp string's bytes is
a pointer to their octet vector, which stays valid wherever SBCL's collector moves it."
  (unless (rt-lisp-string-p string)
    (%c-error "pin_string: ~A is not a string" string))
  nil)
(defun rt-mark-c-stack (bottom end)
  "Replaces mark_c_stack (30.x): SBCL's collector scans its own stacks."
  (declare (ignore bottom end))
  nil)
;; The bytecode interpreter's stack of a thread (struct bc_thread_state) is C memory that only
;; bytecode.c's exec_byte_code uses; the runtime's interpreter (the glue) keeps its operands and
;; frames in CL's own stack, so there is no such stack to make, free or mark.
(defun rt-init-bc-thread (bc)
  "Replaces init_bc_thread (30.x): the runtime's interpreter needs no C stack in BC."
  (declare (ignore bc))
  nil)
(defun rt-free-bc-thread (bc)
  "Replaces free_bc_thread (30.x): BC holds no C stack to free."
  (declare (ignore bc))
  nil)
(defun rt-mark-bytecode (bc)
  "Replaces mark_bytecode (30.x): BC holds no C stack; SBCL's collector sees the interpreter's."
  (declare (ignore bc))
  nil)

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

;;; pointers into different objects
(define-pending rt-ptr-byte-pos (PTR_BYTE_POS) "Replaces PTR_BYTE_POS: a pointer outside the current buffer's text has no byte position.")
