;;;; eval.c's specpdl moved over a cache of its entries: the backtrace frame of a call
;;;; (record_in_backtrace, which the rules replace by this) and Ffuncall's `specpdl_ptr--', every
;;;; push (grow_specpdl's `specpdl_ptr++', which the rules put this in front of) and unbind_to
;;;; (replaced too).
;;;;
;;;; Translated, each of these reaches its specpdl entry through a new pointer (`specpdl_ptr++',
;;;; `*--specpdl_ptr'), which the runtime resolves to its union by a division and a search, and
;;;; tests the end of the block by pointer arithmetic, which allocates: record_in_backtrace took
;;;; 32 ns, for every form eval_sub evaluates and every funcall, and a record_unwind_protect_ptr
;;;; with its unbind_to 114 ns.  Here the entries of the current specpdl block are cached, each
;;;; with a pointer that has already found it, so that a frame is five cell stores and two slot
;;;; stores, and specpdl_ptr is always left on a pointer that has found its entry (what specbind,
;;;; record_unwind_protect and unbind_to reach next).  CHECK-BACKTRACE-FRAME reads the frame back
;;;; through eval.c's own readers when an image is built, so backtraces, the debugger and
;;;; unbind_to see the entry eval.c would have written.

(in-package "EMACS2CL-GLUE")

;;; The layout of a backtrace entry (union specbinding's member bt), as eval.c's
;;; record_in_backtrace writes it: its kind byte, the byte holding the debug_on_exit bit, and
;;; the function, argument pointer and argument count.
(defconstant +specbinding-size+ 40
  "sizeof (union specbinding): SPECPDL_INDEX's divisor, Ffuncall's specpdl_ptr--.")
(defconstant +backtrace-kind+ 7 "SPECPDL_BACKTRACE.")
(defconstant +bt-debug-on-exit-offset+ 1)
(defconstant +bt-function-offset+ 8)
(defconstant +bt-args-offset+ 16)
(defconstant +bt-nargs-offset+ 24)

(eval-when (:compile-toplevel :load-toplevel :execute)   ; the global below is made at compile time
  (defstruct (specpdl-cache (:constructor make-specpdl-cache (block entries)))
    "The entries of one specpdl block: for the element at byte offset I * +specbinding-size+, a
pointer to it that has found its union, and the union (element 2I and 2I + 1 of ENTRIES, made on
first use)."
    (block nil)
    (entries #() :type simple-vector)))

(sb-ext:defglobal **specpdl-cache** (make-specpdl-cache nil #()))
(declaim (type specpdl-cache **specpdl-cache**))

(declaim (inline specpdl-cache-size))
(defun specpdl-cache-size (cache)
  "The number of entries of CACHE's block."
  (ash (length (specpdl-cache-entries cache)) -1))

(declaim (inline specpdl-cache-for))
(defun specpdl-cache-for (block)
  "The cache of specpdl BLOCK (a raw block)."
  (let ((cache **specpdl-cache**))
    (if (eq (specpdl-cache-block cache) block)
        cache
        (new-specpdl-cache block))))

(defun new-specpdl-cache (block)
  "The cache of specpdl BLOCK, made when the specpdl has grown into a new block (or another
thread's specpdl is current): as many entries as the block has, up to the end grow_specpdl
tests (specpdl + specpdl_size)."
  (let* ((thread (thread))
         (end (rt-ptr+ (c::|thread_state.m_specpdl| thread)
                       (* +specbinding-size+ (c::|thread_state.m_specpdl_size| thread))))
         (count (floor (rt-ptr-diff end (rt-make-ptr block 0)) +specbinding-size+)))
    (setf **specpdl-cache**
          (make-specpdl-cache block (make-array (* 2 count) :initial-element nil)))))

(defun specpdl-entry-slow (cache i)
  "The pointer to entry I of CACHE's block and its union, made and remembered."
  (let* ((ptr (rt-make-ptr (specpdl-cache-block cache) (* i +specbinding-size+)))
         (union (rt-obj ptr 'c::|union specbinding|))
         (entries (specpdl-cache-entries cache)))
    (setf (svref entries (* 2 i)) ptr
          (svref entries (1+ (* 2 i))) union)
    (values ptr union)))

(declaim (inline entry-index))
(defun entry-index (ptr)
  "The index in its block of the specpdl entry PTR designates (the block's element size divides
the offset: SBCL divides by a constant with a multiplication when compiling for speed)."
  (declare (optimize (speed 3)) (sb-ext:muffle-conditions sb-ext:compiler-note))
  (truncate (the (unsigned-byte 62) (rt-ptr-offset ptr)) +specbinding-size+))

(declaim (inline specpdl-entry))
(defun specpdl-entry (cache i)
  "The pointer to entry I of CACHE's block, and that entry's union."
  (declare (type (and fixnum unsigned-byte) i))
  (let* ((entries (specpdl-cache-entries cache))
         (ptr (svref entries (* 2 i))))
    (if ptr
        (values ptr (svref entries (1+ (* 2 i))))
        (specpdl-entry-slow cache i))))

;;; specpdl_ptr moved over the cache: grow_specpdl's `specpdl_ptr++' and unbind_to's and
;;; Ffuncall's `specpdl_ptr--' leave it on a pointer that has found its entry.

(declaim (inline advance-specpdl-ptr))
(defun advance-specpdl-ptr (thread cache i)
  "grow_specpdl for THREAD, whose specpdl_ptr is entry I of CACHE: the next entry, or a larger
block (eval.c's grow_specpdl) when this one is full."
  (declare (type c::|struct thread_state| thread) (type (and fixnum unsigned-byte) i))
  (if (< (1+ i) (specpdl-cache-size cache))
      (setf (c::|thread_state.m_specpdl_ptr| thread) (values (specpdl-entry cache (1+ i))))
      (c::|eval.c/grow_specpdl|))
  nil)

(declaim (inline retreat-specpdl-ptr))
(defun retreat-specpdl-ptr (thread)
  "`--specpdl_ptr' for THREAD: its new value, and the entry's union when the cache has it."
  (declare (type c::|struct thread_state| thread))
  (let* ((ptr (c::|thread_state.m_specpdl_ptr| thread))
         (j (1- (entry-index ptr))))
    (if (and (>= j 0) (= (rt-ptr-offset ptr) (* (1+ j) +specbinding-size+)))
        (multiple-value-bind (here entry) (specpdl-entry (specpdl-cache-for (rt-ptr-base ptr)) j)
          (setf (c::|thread_state.m_specpdl_ptr| thread) here)
          (values here entry))
        (values (setf (c::|thread_state.m_specpdl_ptr| thread) (rt-ptr+ ptr (- +specbinding-size+)))
                nil))))

(declaim (inline specpdl-position))
(defun specpdl-position (thread)
  "The cache of the block THREAD's specpdl_ptr points into, and the index of its entry there."
  (declare (type c::|struct thread_state| thread))
  (let ((ptr (c::|thread_state.m_specpdl_ptr| thread)))
    (values (specpdl-cache-for (rt-ptr-base ptr)) (entry-index ptr))))

(declaim (inline next-specpdl-entry))
(defun next-specpdl-entry (thread)
  "The cache, the index and the union of the entry at THREAD's specpdl_ptr, which a push writes
before ADVANCE-SPECPDL-PTR; NIL past the end of a full specpdl, where grow_specpdl leaves
specpdl_ptr when it signals that the specpdl is full (the debugger's bindings then go there,
which eval.c's functions push)."
  (declare (type c::|struct thread_state| thread))
  (multiple-value-bind (cache i) (specpdl-position thread)
    (when (< i (specpdl-cache-size cache))
      (values cache i (nth-value 1 (specpdl-entry cache i))))))

(defun grow-specpdl ()
  "grow_specpdl (the rules put this before it): specpdl_ptr moves to its next entry."
  (let ((thread (thread)))
    (multiple-value-bind (cache i) (specpdl-position thread)
      (advance-specpdl-ptr thread cache i))))

(rt-implement 'rt-grow-specpdl #'grow-specpdl)

;;; The binding of a variable forwarded to a C variable of struct emacs_globals (DEFVAR_BOOL,
;;; DEFVAR_LISP) that no watcher traps, and its unbinding: what insdel.c does with
;;; inhibit-modification-hooks and friends at each change.  Translated, each goes through
;;; find_symbol_value, do_specbind, set_internal, set_default_internal and store_symval_forwarding,
;;; copying a struct lispfwd at each step (280 ns for a binding and its unbinding).  The entry is
;;; eval.c's SPECPDL_LET: the value of that enum constant, which depends on the configuration, is
;;; read from an entry eval.c's own specbind writes when an image is built (CHECK-GLOBAL-BINDING,
;;; which also checks these functions against eval.c's).

(defconstant +symbol-forwarded+ 3 "SYMBOL_FORWARDED of lisp.h's enum symbol_redirect.")
(defconstant +let-symbol-offset+ 8 "union specbinding's let.symbol.")
(defconstant +let-old-value-offset+ 16 "let.old_value.")
(defconstant +let-where-offset+ 24 "let.where.")
(defconstant +let-saved-value-offset+ 32 "let.saved_value.")

(sb-ext:defglobal **specpdl-let** -1
  "SPECPDL_LET, once CHECK-GLOBAL-BINDING has read it; -1 before, when SPECBIND always calls
eval.c's specbind.")
(declaim (type fixnum **specpdl-let**))

(declaim (inline global-fwd global-forwarding))
(defun global-fwd (fwd)
  "FWD, a forwarding (lispfwd's fwdptr), if it is a struct Lisp_Boolfwd or Lisp_Objfwd to a
variable of struct emacs_globals, whose store is the store alone (store_symval_forwarding);
else NIL."
  (flet ((global-p (p) (and (rt-ptr-p p) (eq (rt-ptr-base p) c::|globals|))))
    (typecase fwd
      (c::|struct Lisp_Boolfwd| (and (global-p (c::|Lisp_Boolfwd.boolvar| fwd)) fwd))
      (c::|struct Lisp_Objfwd| (and (global-p (c::|Lisp_Objfwd.objvar| fwd)) fwd)))))

(defun global-forwarding (symbol)
  "The GLOBAL-FWD of SYMBOL if its value is forwarded to a variable of struct emacs_globals and
no watcher traps its writes (so that set_internal would only store it); else NIL."
  (and (symbolp symbol)
       (eql (rt-symbol-field symbol :redirect) +symbol-forwarded+)
       (eql (rt-symbol-field symbol :trapped-write) 0)
       (global-fwd (rt-symbol-field symbol :value))))

(declaim (inline forwarded-value (setf forwarded-value)))
(defun forwarded-value (fwd)
  "The value of the variable FWD (GLOBAL-FORWARDING's) forwards to, as do_symval_forwarding
reads it."
  (if (typep fwd 'c::|struct Lisp_Boolfwd|)
      (if (eql 0 (rt-mem (c::|Lisp_Boolfwd.boolvar| fwd) :u8)) nil t)
      (rt-mem (c::|Lisp_Objfwd.objvar| fwd) :lisp)))

(defun (setf forwarded-value) (value fwd)
  "Store VALUE into the variable FWD forwards to, as store_symval_forwarding does."
  (if (typep fwd 'c::|struct Lisp_Boolfwd|)
      (setf (rt-mem (c::|Lisp_Boolfwd.boolvar| fwd) :u8) (if value 1 0))
      (setf (rt-mem (c::|Lisp_Objfwd.objvar| fwd) :lisp) value))
  value)

(defun specbind (symbol value)
  "specbind (SYMBOL, VALUE) (the rules put this before it): a variable GLOBAL-FORWARDING
forwards gets eval.c's SPECPDL_LET entry and its new value here; any other binding is eval.c's
specbind's."
  (let ((fwd (global-forwarding symbol)))
    (if (or (null fwd) (eq value emacs2cl-runtime::*unbound*) (minusp **specpdl-let**))
        (c::|specbind| symbol value)
        (let ((thread (thread)))
          (multiple-value-bind (cache i entry) (next-specpdl-entry thread)
            (if (null cache)
                (c::|specbind| symbol value)
                (progn
                  (rt-store-cells c::|union specbinding| entry
                    (0 :u8 **specpdl-let**)
                    (+let-symbol-offset+ :lisp symbol)
                    (+let-old-value-offset+ :lisp (forwarded-value fwd))
                    (+let-where-offset+ :lisp (c::|Fcurrent_buffer|))
                    (+let-saved-value-offset+ :lisp nil))
                  (advance-specpdl-ptr thread cache i)
                  (setf (forwarded-value fwd) value)
                  nil)))))))

(rt-implement 'rt-specbind #'specbind)

;;; set_internal of such a variable, and of a buffer-local one whose binding for the current
;;; buffer is the one loaded (deactivate-mark, which insdel.c sets at each change): the store
;;; alone.  Anything else (a watcher, another buffer's binding loaded, the default one, a
;;; variable forwarded into the buffer) goes to data.c's set_internal.

(defconstant +symbol-localized+ 2 "SYMBOL_LOCALIZED of lisp.h's enum symbol_redirect.")

(declaim (inline blv-fwd))
(defun blv-fwd (symbol)
  "The struct Lisp_Buffer_Local_Value of buffer-local SYMBOL, and its forwarding (NIL for none)."
  (let ((blv (rt-obj (rt-symbol-field symbol :value) 'c::|struct Lisp_Buffer_Local_Value|)))
    (values blv (c::|lispfwd.fwdptr| (c::|Lisp_Buffer_Local_Value.fwd| blv)))))

(defun set-loaded-binding (symbol newval where)
  "If SYMBOL is buffer-local with its current buffer's own binding loaded (WHERE nil or that
buffer), no watcher, and forwarded to nothing or to GLOBAL-FWD's kind of variable, store NEWVAL
there as set_internal does and return T; else NIL."
  (when (eql (rt-symbol-field symbol :trapped-write) 0)
    (multiple-value-bind (blv fwd) (blv-fwd symbol)
      (let ((buffer (c::|Fcurrent_buffer|))
            (valcell (c::|Lisp_Buffer_Local_Value.valcell| blv)))
        (when (and (or (null where) (eq where buffer))
                   (eq (c::|Lisp_Buffer_Local_Value.where| blv) buffer)
                   (not (eq valcell (c::|Lisp_Buffer_Local_Value.defcell| blv)))
                   (consp valcell)
                   (or (null fwd) (global-fwd fwd)))
          (setf (cdr valcell) newval)
          (when fwd (setf (forwarded-value fwd) newval))
          t)))))

(defun set-internal (symbol newval where bindflag)
  "set_internal (SYMBOL, NEWVAL, WHERE, BINDFLAG) (the rules put this before it): a variable
GLOBAL-FORWARDING forwards, and one SET-LOADED-BINDING sets, are stored here; any other set is
data.c's set_internal's."
  (unless (and (symbolp symbol) (not (eq newval emacs2cl-runtime::*unbound*))
               (let ((redirect (rt-symbol-field symbol :redirect)))
                 (cond ((eql redirect +symbol-forwarded+)
                        (let ((fwd (global-forwarding symbol)))
                          (when fwd (setf (forwarded-value fwd) newval) t)))
                       ((eql redirect +symbol-localized+)
                        (set-loaded-binding symbol newval where)))))
    (c::|set_internal| symbol newval where bindflag))
  nil)

(rt-implement 'rt-set-internal #'set-internal)

(defconstant +specpdl-unwind-ptr+ 2 "SPECPDL_UNWIND_PTR.")
(defconstant +unwind-ptr-func-offset+ 8 "union specbinding's unwind_ptr.func.")
(defconstant +unwind-ptr-arg-offset+ 16 "unwind_ptr.arg.")

(defun record-unwind-protect-ptr (function arg)
  "record_unwind_protect_ptr (FUNCTION, ARG) (the rules put this before it): its entry written on
the cache of the specpdl's entries, as SPECBIND writes a binding; past the end of a full specpdl,
eval.c's own (CHECK-UNWIND-PTR checks that both write the same entry)."
  (let ((thread (thread)))
    (multiple-value-bind (cache i entry) (next-specpdl-entry thread)
      (if (null cache)
          (c::|record_unwind_protect_ptr| function arg)
          (progn
            (rt-store-cells c::|union specbinding| entry
              (0 :u8 +specpdl-unwind-ptr+)
              (+unwind-ptr-func-offset+ :ptr function)
              (+unwind-ptr-arg-offset+ :ptr arg))
            (advance-specpdl-ptr thread cache i)
            nil)))))

(rt-implement 'rt-record-unwind-protect-ptr #'record-unwind-protect-ptr)

(defun run-unwind-ptr (entry)
  "If ENTRY, a union specbinding just popped, is a SPECPDL_UNWIND_PTR (record_unwind_protect_ptr:
two at each regexp search, unfreeze_pattern's and unwind_re_match's), call its function on its
argument as do_one_unbind does and return T; else NIL."
  (when (eql (rt-load-cell c::|union specbinding| entry 0 :u8) +specpdl-unwind-ptr+)
    (funcall (rt-load-cell c::|union specbinding| entry +unwind-ptr-func-offset+ :ptr)
             (rt-load-cell c::|union specbinding| entry +unwind-ptr-arg-offset+ :ptr))
    t))

(defun unbind-global-binding (entry)
  "If ENTRY, a union specbinding just popped, is the SPECPDL_LET of a variable GLOBAL-FORWARDING
forwards, give the variable its old value back (what do_one_unbind would do, through
set_default_internal and set_internal) and return T; else NIL."
  (and (eql (rt-load-cell c::|union specbinding| entry 0 :u8) **specpdl-let**)
       (let ((fwd (global-forwarding (rt-load-cell c::|union specbinding| entry +let-symbol-offset+ :lisp)))
             (old (rt-load-cell c::|union specbinding| entry +let-old-value-offset+ :lisp)))
         (when (and fwd (not (eq old emacs2cl-runtime::*unbound*)))
           (setf (forwarded-value fwd) old)
           t))))

(declaim (inline push-backtrace-frame))
(defun push-backtrace-frame (thread function args nargs)
  "record_in_backtrace (FUNCTION, ARGS, NARGS) for THREAD (current_thread): the entry at
specpdl_ptr becomes FUNCTION's frame and specpdl_ptr moves past it.  Returns the entry's index in
its block, which POP-BACKTRACE-FRAME takes."
  (declare (type c::|struct thread_state| thread))
  (multiple-value-bind (cache i) (specpdl-position thread)
    (multiple-value-bind (here entry) (specpdl-entry cache i)
      (declare (ignore here))
      (rt-store-cells c::|union specbinding| entry
        (0 :u8 +backtrace-kind+)
        (+bt-debug-on-exit-offset+ :u8
         (logand (rt-load-cell c::|union specbinding| entry +bt-debug-on-exit-offset+ :u8) #xFE))
        (+bt-function-offset+ :lisp function)
        (+bt-args-offset+ :ptr args)
        (+bt-nargs-offset+ :s64 nargs))
      (setf (c::|thread_state.stack_top| thread) args))
    (advance-specpdl-ptr thread cache i)
    i))

(declaim (inline set-backtrace-frame-args))
(defun set-backtrace-frame-args (thread i args nargs)
  "set_backtrace_args (specpdl + count, ARGS, NARGS) for the frame PUSH-BACKTRACE-FRAME made as
entry I of THREAD's specpdl: its evaluated arguments, once eval_sub has them."
  (declare (type c::|struct thread_state| thread) (type (and fixnum unsigned-byte) i))
  (let ((cache (specpdl-cache-for (rt-ptr-base (c::|thread_state.m_specpdl_ptr| thread)))))
    (rt-store-cells c::|union specbinding| (nth-value 1 (specpdl-entry cache i))
      (+bt-args-offset+ :ptr args)
      (+bt-nargs-offset+ :s64 nargs))))

(declaim (inline pop-backtrace-frame))
(defun pop-backtrace-frame (thread i value)
  "The end of Ffuncall for the frame PUSH-BACKTRACE-FRAME made as entry I: the debugger called on
exit if `debug' asked for it on that frame (backtrace_debug_on_exit), then specpdl_ptr--.  Returns
VALUE, or the debugger's value."
  (declare (type c::|struct thread_state| thread) (type (and fixnum unsigned-byte) i))
  ;; The entry is found again from specpdl_ptr's block: the specpdl may have grown meanwhile.
  (let* ((ptr (c::|thread_state.m_specpdl_ptr| thread))
         (cache (specpdl-cache-for (rt-ptr-base ptr))))
    (multiple-value-bind (here entry) (specpdl-entry cache i)
      (unless (zerop (logand 1 (rt-load-cell c::|union specbinding| entry +bt-debug-on-exit-offset+ :u8)))
        (setf value (c::|call_debugger| (list (lisp-symbol "exit") value))))
      ;; specpdl_ptr-- from entry I + 1, where the call left it, is the pointer to entry I.
      (if (and (< (1+ i) (specpdl-cache-size cache))
               (eq (c::|thread_state.m_specpdl_ptr| thread)
                   (svref (specpdl-cache-entries cache) (* 2 (1+ i)))))
          (setf (c::|thread_state.m_specpdl_ptr| thread) here)
          (retreat-specpdl-ptr thread)))
    value))

(defun record-in-backtrace (function args nargs)
  "record_in_backtrace (the rules replace it by this): FUNCTION's frame, with its NARGS arguments
at pointer ARGS; returns SPECPDL_INDEX () before it."
  (1- (push-backtrace-frame (thread) function args nargs)))

(rt-implement 'rt-record-in-backtrace #'record-in-backtrace)

;;; unbind_to.

(defconstant +set-internal-unbind+ 2 "enum Set_Internal_Bind's SET_INTERNAL_UNBIND.")

;;; unbind_to's local `union specbinding this_binding', into which it copies an entry before
;;; do_one_unbind unbinds it: one per such unbinding under way, made once (an unbinding runs
;;; Lisp, which can unbind in turn).
(sb-ext:defglobal **unbind-copies** (make-array 8 :initial-element nil))
(sb-ext:defglobal **unbind-depth** 0)
(declaim (type simple-vector **unbind-copies**) (type (and fixnum unsigned-byte) **unbind-depth**))

(defun unbind-copy (depth)
  "The union specbinding of the unbind_to at nesting DEPTH."
  (let ((copies **unbind-copies**))
    (when (>= depth (length copies))
      (setf copies (setf **unbind-copies** (replace (make-array (* 2 depth) :initial-element nil)
                                                    copies))))
    (or (svref copies depth)
        (setf (svref copies depth) (rt-new '(:struct c::|union specbinding|))))))

(declaim (inline specpdl-ptr-at-p))
(defun specpdl-ptr-at-p (thread count)
  "specpdl_ptr == specpdl + COUNT, for THREAD."
  (let ((ptr (c::|thread_state.m_specpdl_ptr| thread))
        (specpdl (c::|thread_state.m_specpdl| thread)))
    (if (and (rt-ptr-p ptr) (rt-ptr-p specpdl) (eq (rt-ptr-base ptr) (rt-ptr-base specpdl)))
        (= (rt-ptr-offset ptr) (+ (rt-ptr-offset specpdl) (* count +specbinding-size+)))
        (rt-ptr= ptr (rt-ptr+ specpdl (* count +specbinding-size+))))))

(defun unbind-to (count value)
  "unbind_to (COUNT, VALUE) (the rules replace it by this): the specpdl's entries above COUNT
unbound, the last first, each popped before it is unbound (an error there does not unbind it
again, and the Lisp it runs may push onto the specpdl): by RUN-UNWIND-PTR or
UNBIND-GLOBAL-BINDING, or copied for eval.c's do_one_unbind (UNBIND-COPY-OF); a quit that came
meanwhile is kept.  Returns VALUE."
  (declare (type fixnum count))
  (let ((quitf (c::|emacs_globals.f_Vquit_flag| c::|globals|)))
    (setf (c::|emacs_globals.f_Vquit_flag| c::|globals|) nil)
    (loop until (specpdl-ptr-at-p (thread) count)
          do (multiple-value-bind (ptr entry) (retreat-specpdl-ptr (thread))
               (unless (and entry (or (run-unwind-ptr entry) (unbind-global-binding entry)))
                 (unbind-copy-of (or entry (rt-obj ptr 'c::|union specbinding|))))))
    (when (and (null (c::|emacs_globals.f_Vquit_flag| c::|globals|)) quitf)
      (setf (c::|emacs_globals.f_Vquit_flag| c::|globals|) quitf))
    value))

(defun unbind-copy-of (entry)
  "eval.c's do_one_unbind of a copy of ENTRY, just popped, in the union of its nesting depth (an
entry RUN-UNWIND-PTR or UNBIND-GLOBAL-BINDING unbinds needs none: they read it before any Lisp
runs)."
  (let* ((depth **unbind-depth**)
         (copy (unbind-copy depth)))
    (rt-copy-into copy entry)
    (setf **unbind-depth** (1+ depth))
    (unwind-protect (c::|eval.c/do_one_unbind| copy 1 +set-internal-unbind+)
      (setf **unbind-depth** depth))))

(rt-implement 'rt-unbind-to #'unbind-to)

(defun check-global-binding ()
  "Set **SPECPDL-LET** from the entry eval.c's specbind writes for a plain variable, then check
that SPECBIND and UNBIND-TO bind and unbind a DEFVAR_BOOL and a DEFVAR_LISP variable as eval.c's
specbind and do_one_unbind do: the same entry, the same values while bound and after.  The
offsets above are eval.c's, which a release could change: run when an image is built
(PREPARE-EMACS); signals an error if they differ."
  (let ((thread (thread))
        (count (c::|SPECPDL_INDEX|))
        (kind -1))
    (labels ((last-entry ()
             (let ((u (rt-obj (rt-ptr+ (c::|thread_state.m_specpdl_ptr| thread) (- +specbinding-size+))
                              'c::|union specbinding|)))
               (list (rt-cell u 0 :u8) (rt-cell u +let-symbol-offset+ :lisp)
                     (rt-cell u +let-old-value-offset+ :lisp) (rt-cell u +let-where-offset+ :lisp)
                     (rt-cell u +let-saved-value-offset+ :lisp))))
           (bound (bind symbol value)
             ;; The entry, the value while bound and the value after, with BIND's binding.
             (funcall bind symbol value)
             (list (last-entry) (elisp-value symbol)
                   (progn (unbind-to count nil) (elisp-value symbol)))))
      (setf **specpdl-let** -1)
      (c::|specbind| (rt-fmake-symbol (elisp-string "check-global-binding")) 1)
      (setf kind (first (last-entry)))
      (unbind-to count nil)
      (dolist (name '("inhibit-modification-hooks" "inhibit-read-only"))
        (let* ((symbol (lisp-symbol name))
               (value (if (elisp-value symbol) nil t))
               (theirs (bound #'c::|specbind| symbol value))
               (ours (progn (setf **specpdl-let** kind) (bound #'specbind symbol value))))
          (setf **specpdl-let** -1)
          (unless (and (global-forwarding symbol) (equal ours theirs) (eql (first (first ours)) kind))
            (error "the binding of ~a in glue/frames.lisp is not eval.c's: ~s, not ~s" name ours theirs))))
      (setf **specpdl-let** kind))))

(defun check-set-internal ()
  "Check that SET-INTERNAL sets a DEFVAR_LISP variable, and a buffer-local one forwarded to one
(deactivate-mark) whose binding is loaded, as data.c's set_internal does: the same value, default
value, C variable and locality after.  Run when an image is built (PREPARE-EMACS), in the current
buffer, which it leaves as it was; signals an error otherwise."
  (dolist (name '("inhibit-read-only" "deactivate-mark"))
    (let* ((symbol (lisp-symbol name))
           (old (elisp-value symbol))
           (local (c::|Flocal_variable_p| symbol nil)))
      (flet ((state (set value)
               (funcall set symbol value nil 0)
               (list (elisp-value symbol) (c::|Fdefault_value| symbol)
                     (c::|Flocal_variable_p| symbol nil)
                     (forwarded-value
                      (if (eql (rt-symbol-field symbol :redirect) +symbol-forwarded+)
                          (rt-symbol-field symbol :value)
                          (nth-value 1 (blv-fwd symbol)))))))
        ;; The first set makes deactivate-mark's binding in the buffer; each set of the value
        ;; compared comes after one of another value.
        (let ((theirs (progn (state #'c::|set_internal| (list 'first))
                             (state #'c::|set_internal| (list 'second))))
              (ours (progn (state #'c::|set_internal| (list 'first))
                           (state #'set-internal (list 'second)))))
          (c::|set_internal| symbol old nil 0)
          (unless local (c::|Fkill_local_variable| symbol))
          (unless (equal ours theirs)
            (error "set_internal of ~a in glue/frames.lisp is not data.c's: ~s, not ~s"
                   name ours theirs)))))))

(defun check-unwind-ptr ()
  "Check that UNBIND-TO runs the entry eval.c's record_unwind_protect_ptr pushes as do_one_unbind
does (RUN-UNWIND-PTR's offsets are eval.c's), and that eval.c's do_one_unbind runs the entry
RECORD-UNWIND-PROTECT-PTR pushes (its kind and offsets are eval.c's): each function called once,
on its argument.  Run when an image is built (PREPARE-EMACS); signals an error otherwise."
  (let ((count (c::|SPECPDL_INDEX|))
        (arg (list 'arg))
        (calls '()))
    (c::|record_unwind_protect_ptr| (lambda (a) (push a calls)) arg)
    (unbind-to count nil)
    (record-unwind-protect-ptr (lambda (a) (push (list a) calls)) arg)
    (multiple-value-bind (ptr entry) (retreat-specpdl-ptr (thread))
      (unbind-copy-of (or entry (rt-obj ptr 'c::|union specbinding|))))
    (unless (and (equal calls (list (list arg) arg)) (= (c::|SPECPDL_INDEX|) count))
      (error "the entry of record_unwind_protect_ptr in glue/frames.lisp is not eval.c's: ~
              its functions got ~s, not ~s" calls (list (list arg) arg)))))

(defun check-backtrace-frame ()
  "Signal an error unless the frame PUSH-BACKTRACE-FRAME makes reads back through eval.c's own
readers as record_in_backtrace's does: the entry backtrace_top finds, its function, arguments and
count, its debug_on_exit flag as set_backtrace_debug_on_exit sets it, and the SPECPDL_INDEX ()
returned.  The layout above is eval.c's, which a release could change: run when an image is
built (PREPARE-EMACS), on an entry of the live specpdl, which it restores."
  (let* ((thread (thread))
         (start (c::|thread_state.m_specpdl_ptr| thread))
         (count (c::|SPECPDL_INDEX|))
         (function (lisp-symbol "check-backtrace-frame"))
         (args (stack-ptr (vector 1 2) 0)))
    (unwind-protect
         (let* ((i (push-backtrace-frame thread function args 2))
                (top (c::|backtrace_top|))
                (entry (nth-value 1 (specpdl-entry (specpdl-cache-for (rt-ptr-base start)) i)))
                (read (list (c::|SPECPDL_INDEX|)
                            (rt-ptr-diff top start)
                            (c::|backtrace_function| top)
                            (c::|backtrace_args| top)
                            (c::|eval.c/backtrace_nargs| top)
                            (c::|eval.c/backtrace_debug_on_exit| top)
                            (c::|thread_state.stack_top| thread)
                            (progn (c::|eval.c/set_backtrace_debug_on_exit| top 1)
                                   (logand 1 (rt-cell entry +bt-debug-on-exit-offset+ :u8)))))
                (expected (list (+ count 1) 0 function args 2 0 args 1)))
           (unless (and (= i (1+ count)) (equalp read expected))
             (error "the backtrace frame of glue/frames.lisp is not eval.c's: its readers give ~s, ~
                     not ~s"
                    read expected)))
      (setf (c::|thread_state.m_specpdl_ptr| thread) start))))
