;;;; Byte-code functions: bytecode.c is skipped, and its interpreter is here, compiled by SBCL.
;;;; It follows exec_byte_code opcode for opcode: the stack is a simple-vector whose slots the
;;;; MANY-calling functions (Ffuncall, Fconcat ...) receive pointers into, as in C, and every
;;;; operation that is not pure stack or control flow calls the translated function that C calls,
;;;; but for the cases done inline: those bytecode.c does inline (Badd1, Bsub1, Bnegate on fixnums,
;;;; Bcar, Bcdr, Bnth, Belt on conses, Bvarref, Bvarset of a plain value), and the cases of
;;;; Bsetcar, Bsetcdr, Baref and Baset on the operands whose result is plain (a cons, a vector and
;;;; an index within it), of the arithmetic and comparisons on integers and floats and of
;;;; Bstring_equal and Bstring_lessp on plain strings (bytecode-inline.lisp), with the translated
;;;; function's result; everything else, errors included, goes to that function.  Bswitch searches
;;;; its jump table as bytecode.c does; Bcall does Ffuncall's steps itself for byte-code and subrs
;;;; (FUNCALL-FROM-STACK), calling the translated functions for the backtrace frame and the rest.
;;;; A byte-code object is a plain vector the runtime marks (rt-make-byte-code-vector).

(in-package "EMACS2CL-GLUE")

(defconstant +compiled-constants+ 2 "COMPILED_CONSTANTS.")

(defun invalid (message &rest arguments)
  "error (MESSAGE, ARGUMENTS...): signal `error' with the formatted message."
  (c::|xsignal1| (lisp-symbol "error") (elisp-string (apply #'format nil message arguments))))

;;; A byte-code object compiled natively (native-comp.lisp) keeps its vector, whose bytecode slot
;;; becomes this string: the same bytes, and the compiled code that runs in their place.
(defstruct (native-byte-code-string
            (:include emacs2cl-runtime::rt-lisp-string)
            (:constructor make-native-byte-code-string
                (data size size-byte intervals code args-template maxdepth))
            (:copier nil))
  "The bytecode string of a natively compiled byte-code object.  CODE is the compiled function of
the arguments (VECTOR ARGS-TEMPLATE NARGS ARGS INDEX) as RUN-BYTE-CODE takes them; it serves the
calls whose ARGS-TEMPLATE and MAXDEPTH are those it was compiled for (every call of the object
and of the closures made from it)."
  (code nil :type function) args-template maxdepth)

(defun plain-vector-p (x)
  "VECTORP: a vector that is not a pseudovector."
  (and (simple-vector-p x) (not (rt-byte-code-vector-p x))))

(defun unibyte-string-p (x)
  (and (rt-lisp-string-p x) (minusp (emacs2cl-runtime::rt-lisp-string-size-byte x))))

(deftype small-list-index ()
  "The indexes for which Bnth and Belt walk a list inline: 0 to lisp.h's SMALL_LIST_LEN_MAX."
  '(integer 0 127))

(declaim (inline plain-value-p))
(defun plain-value-p (symbol)
  "Whether SYMBOL's value is its own (SYMBOL_PLAINVAL): not an alias, buffer-local or forwarded."
  (eql (rt-symbol-field symbol :redirect) emacs2cl-runtime::+symbol-plainval+))

(declaim (inline variable-value))
(defun variable-value (symbol)
  "Fsymbol_value (SYMBOL), a plain value read inline."
  (let ((value (if (and (symbolp symbol) (plain-value-p symbol))
                   (rt-symbol-field symbol :value)
                   emacs2cl-runtime::*unbound*)))
    (if (eq value emacs2cl-runtime::*unbound*) (c::|Fsymbol_value| symbol) value)))

(declaim (inline args-template-parts pushed-count pushed-argument-count push-arguments))
(defun args-template-parts (args-template)
  "Lexical ARGS-TEMPLATE's mandatory arguments, its arguments but &rest, and whether it has &rest
(bits 0-6, 8-14 and 7)."
  (declare (fixnum args-template))
  (values (logand args-template 127) (ash args-template -8) (logbitp 7 args-template)))

(defun pushed-count (args-template)
  "How many objects exec_byte_code pushes for the arguments of lexical ARGS-TEMPLATE: one per
argument but &rest, and the &rest list."
  (multiple-value-bind (mandatory nonrest rest) (args-template-parts args-template)
    (declare (ignore mandatory))
    (if rest (1+ nonrest) nonrest)))

(defun pushed-argument-count (args-template nargs)
  "How many objects exec_byte_code pushes for a function of lexical ARGS-TEMPLATE called with
NARGS arguments (the optional ones missing as nil, the &rest ones as one list); signals
wrong-number-of-arguments as it does."
  (declare (fixnum args-template nargs))
  (multiple-value-bind (mandatory nonrest rest) (args-template-parts args-template)
    (unless (and (<= mandatory nargs) (or rest (<= nargs nonrest)))
      (c::|Fsignal| (lisp-symbol "wrong-number-of-arguments")
                    (list (cons mandatory nonrest) nargs)))
    (pushed-count args-template)))

(defun push-arguments (args-template nargs args index stack)
  "Store into STACK from slot 1 the objects exec_byte_code pushes for a function of lexical
ARGS-TEMPLATE called with NARGS arguments, checked by PUSHED-ARGUMENT-COUNT (nil for each missing
optional one).  The arguments are the elements of simple-vector ARGS from INDEX on (a caller's
byte-code stack, Ffuncall's arguments: no consing), or, INDEX being NIL, the objects at pointer
ARGS."
  (declare (fixnum args-template nargs) (simple-vector stack) (type (or null fixnum) index))
  (multiple-value-bind (mandatory nonrest rest) (args-template-parts args-template)
    (declare (ignore mandatory))
    (flet ((arg (i)
             (declare (fixnum i))
             (if index
                 (svref args (+ index i))
                 (rt-mem (rt-ptr+ args (* 8 i)) :lisp))))
      (declare (inline arg))
      (loop for i of-type fixnum below (min nargs nonrest)
            do (setf (svref stack (1+ i)) (arg i)))
      (loop for i of-type fixnum from nargs below nonrest
            do (setf (svref stack (1+ i)) nil))
      (when rest
        (setf (svref stack (1+ nonrest))
              (loop for i of-type fixnum from nonrest below nargs collect (arg i)))))))

(defun jump-table-target (table key)
  "Bswitch: the pc that jump table TABLE maps KEY to, or NIL.  As bytecode.c: a linear search of
the first entries of an eq table of at most 5 (h->test.cmpfn NULL), else hash_lookup; a TABLE that
is no hash table (undefined in C) goes to Fgethash, which signals."
  (if (not (typep table 'c::|struct Lisp_Hash_Table|))
      (c::|Fgethash| key table nil)
      (let* ((n (c::|Lisp_Hash_Table.count| table))
             (i (if (and (<= n 5)
                         (null (c::|hash_table_test.cmpfn| (c::|Lisp_Hash_Table.test| table))))
                    (loop for i of-type fixnum from (1- n) downto 0
                          when (eq key (c::|HASH_KEY| table i)) return i
                          finally (return -1))
                    (c::|hash_lookup| table key nil))))
        (declare (fixnum n i))
        (if (>= i 0) (c::|HASH_VALUE| table i) nil))))

(defmacro opcode-case (op &body clauses)
  "CASE on byte-code opcode OP, where a key (:range FROM TO) stands for the opcodes FROM to TO: all
256 opcodes in one CASE, which SBCL compiles to one jump table."
  `(case ,op
     ,@(loop for (keys . body) in clauses
             collect (cons (if (and (consp keys) (eq (first keys) :range))
                               (loop for k from (second keys) to (third keys) collect k)
                               keys)
                           body))))

;;; The pure helpers of the opcodes, open-coded in RUN.
(declaim (inline car-of cdr-of nthcdr-of-conses))
(defun car-of (x) "CAR: wrong-type-argument listp for a non-list." (if (consp x) (car x) (c::|Fcar| x)))
(defun cdr-of (x) "CDR: wrong-type-argument listp for a non-list." (if (consp x) (cdr x) (c::|Fcdr| x)))
(defun nthcdr-of-conses (n list)
  "LIST after N cdrs, or the first non-cons on the way (Bnth's and Belt's walk)."
  (declare (fixnum n))
  (loop while (and (plusp n) (consp list)) do (setf list (cdr list)) (decf n))
  list)

(sb-ext:defglobal **native-compile-all** nil
  "Whether every byte-code function is compiled natively when it is first called (as the
environment variable EMACS2CL_NATIVE_COMPILE=all asks at start): what the tests use to run whole
files natively compiled.")

;;; What the interpreter and the native code (native-comp.lisp) both do around the opcodes.

(defun entry-count (specpdl specpdl-ptr)
  "The SPECPDL_INDEX () of a byte-code call's entry, whose specpdl and pointer were SPECPDL and
SPECPDL-PTR."
  (floor (rt-ptr-diff specpdl-ptr specpdl) +specbinding-size+))

(defun check-binding-stack (specpdl specpdl-ptr)
  "exec_byte_code's check at Breturn that the specpdl is where the call's entry left it (SPECPDL
and SPECPDL-PTR then): unbind down to it and signal the byte compiler's bug otherwise."
  (unless (rt-ptr= (c::|thread_state.m_specpdl_ptr| (thread)) specpdl-ptr)
    (let ((now (c::|SPECPDL_INDEX|)) (count (entry-count specpdl specpdl-ptr)))
      (unless (= now count)
        (when (> now count) (unbind-to count nil))
        (invalid "binding stack not balanced (serious byte compiler bug)")))))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun interpreter-clause (byte-op)
    "BYTE-OP's clause of INTERPRETER-DISPATCH, in RUN's terms (TOP, FETCH, FETCH2)."
    (let* ((inputs (byte-op-inputs byte-op))
           (body (byte-op-body byte-op))
           (code
             (if (eq (first inputs) :many)
                 ;; DISCARD (N - 1); TOP = FUNCTION (N, &TOP)
                 `(let* ((n ,(second inputs)) (base (- top (1- n))))
                    (macrolet ((args-ptr () '(stack-ptr stack base)))
                      (setf (svref stack base) ,body
                            top base)))
                 (let ((k (length inputs)))
                   `(let (,@(loop for v in (reverse inputs) for i from 0
                                  collect `(,v (svref stack (- top ,i)))))
                      (macrolet ((args-ptr () '(stack-ptr stack (- top ,(1- k)))))
                        ,(if (byte-op-result byte-op)
                             `(let ((r ,body)) (decf top ,(1- k)) (setf (svref stack top) r))
                             `(progn ,body (decf top ,k)))))))))
      `(,(byte-op-codes byte-op)
        (let ((op op))
          (declare (ignorable op))
          ,(let ((operand (byte-op-operand byte-op)))
             (if operand
                 `(let ((operand ,(case operand
                                    (:byte '(fetch))
                                    (:word '(fetch2))
                                    (t `(embedded-operand op ,(second operand))))))
                    ,code)
                 code)))))))

(defmacro interpreter-dispatch (op &body clauses)
  "OPCODE-CASE on OP over CLAUSES, then a clause for each entry of the table (bytecode-ops.lisp),
then the error of an invalid opcode."
  `(opcode-case ,op
     ,@clauses
     ,@(mapcar #'interpreter-clause *byte-ops*)
     (t (invalid "Invalid byte opcode: op=~D, ptr=~D" ,op (1- pc)))))

(defun exec-byte-code (bytestr vector maxdepth args-template nargs args)
  "exec_byte_code: run byte-code string BYTESTR with constants VECTOR and MAXDEPTH stack slots;
with a fixnum ARGS-TEMPLATE, the NARGS arguments at pointer ARGS are pushed first."
  ;; Arguments in a simple-vector of Lisp objects (a caller's byte-code stack, Ffuncall's
  ;; arguments, a block of them from alloca) are read from it as rt-mem would load them.
  (multiple-value-bind (words index) (and args-template (plusp nargs) (rt-word-at args))
    (if index
        (run-byte-code bytestr vector maxdepth args-template nargs words index)
        (run-byte-code bytestr vector maxdepth args-template nargs args nil))))

(declaim (inline native-code))
(defun native-code (bytestr args-template maxdepth)
  "The compiled code BYTESTR holds if it is a NATIVE-BYTE-CODE-STRING that serves calls with
ARGS-TEMPLATE and MAXDEPTH, else NIL."
  (and (native-byte-code-string-p bytestr)
       (eql args-template (native-byte-code-string-args-template bytestr))
       (eql maxdepth (native-byte-code-string-maxdepth bytestr))
       (native-byte-code-string-code bytestr)))

(defun run-byte-code (bytestr vector maxdepth args-template nargs args index)
  "EXEC-BYTE-CODE with the arguments as PUSH-ARGUMENTS takes them (ARGS and INDEX)."
  (declare (type (or null fixnum) index))
  (when **native-compile-all**
    (setf bytestr (compiled-on-call bytestr vector maxdepth args-template)))
  (let ((native (native-code bytestr args-template maxdepth)))
    (when native
      (return-from run-byte-code (funcall native vector args-template nargs args index))))
  (let* ((code (emacs2cl-runtime::rt-lisp-string-data bytestr))
         (consts vector)
         (pushed (if args-template (pushed-argument-count args-template nargs) 0))
         ;; Not filled with nil: every slot is written before it is read (slot 0 below, the
         ;; arguments by PUSH-ARGUMENTS, the others by the pushes).
         (stack (make-array (+ (the fixnum maxdepth) 2 pushed)))
         ;; SPECPDL_INDEX () on entry, kept as the specpdl and its pointer (made an index only
         ;; when needed: the binding stack is most often found balanced by the same place).
         (thread (thread))
         (specpdl (c::|thread_state.m_specpdl| thread))
         (specpdl-ptr (c::|thread_state.m_specpdl_ptr| thread))
         (unbound emacs2cl-runtime::*unbound*))
    (declare (type (simple-array (unsigned-byte 8) (*)) code) (simple-vector consts stack)
             (fixnum pushed))
    (setf (svref stack 0) vector)
    ;; The stack operations, as macros: RUN keeps TOP and PC in its own variables (registers), not
    ;; in EXEC-BYTE-CODE's frame that closures would reach through memory at every use.
    (macrolet ((fetch () `(prog1 (aref code pc) (incf pc)))
               (fetch2 () `(let ((lo (fetch))) (+ lo (ash (fetch) 8))))
               (spush (x) `(let ((x ,x)) (setf (svref stack (incf top)) x)))   ; X read before TOP moves
               (spop () `(prog1 (svref stack top) (decf top)))
               (stop () `(svref stack top))
               (set-top (x) `(setf (svref stack top) ,x))
               (embedded-operand (op base)
                 ;; The operand of the 8 opcodes from BASE: in the opcode, or in 1 or 2 bytes after.
                 `(let ((k (- ,op ,base))) (case k (6 (fetch)) (7 (fetch2)) (t k)))))
    (labels ((run (top pc)
               ;; Runs from PC with TOP until Breturn (:return) or the Bpophandler of the handler
               ;; its caller pushed (:pop); returns that, TOP and PC.  A handler's body runs in a
               ;; nested RUN inside the CATCH of its jmp_buf.
               (declare (fixnum top pc))
               (loop
                 (let ((op (fetch)))
                   (declare (type (unsigned-byte 8) op))
                   (interpreter-dispatch op
                     ((:range #o300 #o377) (spush (svref consts (- op #o300))))
                     ((:range 1 7)       ; Bstack_ref1..7
                      (spush (svref stack (- top (embedded-operand op 0)))))
                     ((:range #o40 #o47)
                      (let ((n (embedded-operand op #o40)))
                        (decf top n)
                        (set-top (funcall-from-stack stack top n))))
                     (#o60 (pop-handler)         ; Bpophandler
                      (return (values :pop top pc)))
                     ((#o61 #o62)                ; Bpushconditioncase, Bpushcatch
                      (let* ((h (c::|push_handler| (spop)
                                                   (if (= op #o62) +catcher+ +condition-case+)))
                             (dest (fetch2))
                             (saved-top top))
                        (multiple-value-bind (status new-top new-pc)
                            (with-setjmp (h)
                                (run top pc)
                              ;; A throw or signal came to H: continue at DEST with its value
                              ;; pushed.
                              (setf (svref stack (1+ saved-top))
                                    (c::|handler.val| (handler (pop-handler))))
                              (values :continue (1+ saved-top) dest))
                          (setf top new-top pc new-pc)
                          (when (eq status :return)
                            (return (values :return top pc))))))
                     (#o201 (spush (svref consts (fetch2))))
                     (#o202 (setf pc (fetch2)))
                     (#o203 (let* ((v1 (spop)) (to (fetch2))) (unless v1 (setf pc to))))
                     (#o204 (let* ((v1 (spop)) (to (fetch2))) (when v1 (setf pc to))))
                     (#o205 (let ((to (fetch2))) (if (stop) (decf top) (setf pc to))))
                     (#o206 (let ((to (fetch2))) (if (stop) (setf pc to) (decf top))))
                     (#o207 (return (values :return top pc)))
                     (#o210 (decf top))
                     (#o211 (spush (stop)))
                     (#o222 (unbind-to (entry-count specpdl specpdl-ptr) nil))
                     (#o252 (incf pc (- (fetch) 128)))
                     (#o253 (let ((off (- (fetch) 128))) (unless (spop) (incf pc off))))
                     (#o254 (let ((off (- (fetch) 128))) (when (spop) (incf pc off))))
                     (#o255 (let ((off (- (fetch) 128))) (if (stop) (decf top) (incf pc off))))
                     (#o256 (let ((off (- (fetch) 128))) (if (stop) (incf pc off) (decf top))))
                     (#o262 (let ((i (- top (fetch)))) (setf (svref stack i) (spop))))
                     (#o263 (let ((i (- top (fetch2)))) (setf (svref stack i) (spop))))
                     (#o266 (let ((n (fetch)))
                              (when (logbitp 7 n)
                                (setf n (logand n #x7f))
                                (setf (svref stack (- top n)) (stop)))
                              (decf top n)))
                     (#o267 (let* ((table (spop)) (v1 (spop))   ; Bswitch
                                   (to (jump-table-target table v1)))
                              (when to (setf pc to)))))))))
      (when args-template (push-arguments args-template nargs args index stack))
      (let ((top pushed) (pc 0))
        (declare (fixnum top pc))
        (loop (multiple-value-bind (status new-top new-pc) (run top pc)
                (setf top new-top pc new-pc)
                (when (eq status :return) (return))))
        (check-binding-stack specpdl specpdl-ptr)
        (svref stack top))))))

;;; Bcall: Ffuncall (N + 1, &TOP).  When the function is byte-code with lexical arguments or a
;;; subr, the steps of Ffuncall (and for byte-code, of funcall_lambda and fetch_and_exec_byte_code)
;;; are done here, with the arguments read from the caller's stack: the same backtrace frame,
;;; depth and checks, without the translated functions' generic dispatch and pointer arithmetic.

(declaim (inline direct-kind))
(defun direct-kind (f)
  "How a call runs definition F without a further step: :SUBR for a subr that funcall_subr runs,
:BYTE-CODE for byte-code that funcall_lambda hands to exec_byte_code (a lexical argument
template, its byte-code loaded, not a (FILE . POS) to fetch); else NIL."
  (cond ((typep f 'c::|struct Lisp_Subr|)
         (and (eql (c::|SUBR_NATIVE_COMPILED_DYNP| f) 0) :subr))
        ((rt-byte-code-vector-p f)
         (and (typep (svref f 0) 'emacs-fixnum) (rt-lisp-string-p (svref f 1)) :byte-code))))

(declaim (inline direct-callee))
(defun direct-callee (function)
  "What Ffuncall calls for FUNCTION (the definition of a non-nil symbol, through its aliases) if
it has a DIRECT-KIND; else NIL."
  (let ((f (if (and (symbolp function) function)
               (let ((f (rt-symbol-field function :function)))
                 (if (symbolp f) (c::|indirect_function| f) f))
               function)))
    (and (direct-kind f) f)))

(defmacro with-call-frame ((thread function args nargs) call otherwise)
  "Ffuncall's steps around CALL, the call of FUNCTION with its NARGS arguments at pointer ARGS in
THREAD (current_thread): maybe_quit, the eval depth, the backtrace frame, maybe_gc; the value of
CALL, or of the debugger on exit.  OTHERWISE (Ffuncall itself) when debug-on-next-call is on (the
debugger would run before the call) or max-lisp-eval-depth is reached (Ffuncall signals then):
otherwise no Lisp runs between the caller's choice of what to call and the call (maybe_quit only
signals, maybe_gc does nothing), as in Ffuncall."
  `(if (and (eql (emacs-global "debug_on_next_call") 0)
            (< (c::|thread_state.m_lisp_eval_depth| ,thread) (emacs-global "max_lisp_eval_depth")))
       (progn
         (c::|maybe_quit|)
         (incf (c::|thread_state.m_lisp_eval_depth| ,thread))
         (let* ((frame (push-backtrace-frame ,thread ,function ,args ,nargs))
                (value (progn (c::|maybe_gc|) ,call)))
           (decf (c::|thread_state.m_lisp_eval_depth| ,thread))
           (pop-backtrace-frame ,thread frame value)))
       ,otherwise))

(defun funcall-from-stack (stack index n)
  "Ffuncall (N + 1, &STACK[INDEX]), done here for a DIRECT-CALLEE (WITH-CALL-FRAME)."
  (declare (simple-vector stack) (fixnum index n))
  (let ((f (direct-callee (svref stack index))))
    (if f
        ;; C reads current_thread at each use; it is the same again once a call returns.
        (let ((thread (thread)) (args (stack-ptr stack (1+ index))))
          (with-call-frame (thread (svref stack index) args n)
            (if (simple-vector-p f)
                (run-byte-code (svref f 1) (svref f 2) (svref f 3) (svref f 0) n stack (1+ index))
                (c::|funcall_subr| f n args))
            (c::|Ffuncall| (1+ n) (stack-ptr stack index))))
        (c::|Ffuncall| (1+ n) (stack-ptr stack index)))))

(defun ffuncall (nargs args)
  "Ffuncall (NARGS, ARGS) where the translated C calls it (the rules put this in front of it):
with ARGS in a vector of Lisp objects (call1's array, mapcar's, apply's), FUNCALL-FROM-STACK's
path for a byte-code function or a subr, without the translated Ffuncall and funcall_lambda."
  (multiple-value-bind (words index) (rt-word-at args)
    (if index
        (funcall-from-stack words index (1- nargs))
        (c::|Ffuncall| nargs args))))

(rt-implement 'rt-ffuncall #'ffuncall)

(defun byte-code-arity (args-template)
  "get_byte_code_arity: (MIN . MAX) of lexical ARGS-TEMPLATE, MAX `many' with &rest."
  (multiple-value-bind (mandatory nonrest rest) (args-template-parts args-template)
    (cons mandatory (if rest (lisp-symbol "many") nonrest))))

(defun byte-code-primitive (bytestr vector maxdepth)
  "Fbyte_code: the `byte-code' that .elc files' top-level forms call."
  (unless (and (rt-lisp-string-p bytestr) (plain-vector-p vector) (typep maxdepth '(integer 0)))
    (invalid "Invalid byte-code"))
  (unless (unibyte-string-p bytestr)
    (setf bytestr (c::|Fstring_as_unibyte| bytestr)))
  (exec-byte-code bytestr vector maxdepth nil 0 nil))

(defun make-byte-code (nargs args)
  "Fmake_byte_code (MANY): a byte-code object of the NARGS objects at ARGS."
  (let ((items (rt-flist nargs args)))
    (destructuring-bind (arglist bytecode constants depth &rest more) items
      (declare (ignore more))
      (unless (and (or (integerp arglist) (listp arglist)) (unibyte-string-p bytecode)
                   (plain-vector-p constants) (typep depth '(integer 0)))
        (invalid "Invalid byte-code object"))
      (rt-make-byte-code-vector (coerce items 'simple-vector)))))

(defun make-closure (nargs args)
  "Fmake_closure (MANY): a copy of the byte-code object at ARGS[0] whose constant vector starts
with the NARGS - 1 objects after it."
  (destructuring-bind (proto &rest vars) (rt-flist nargs args)
    (unless (rt-byte-code-vector-p proto)
      (c::|wrong_type_argument| (lisp-symbol "byte-code-function-p") proto))
    (let ((constants (copy-seq (svref proto +compiled-constants+)))
          (copy (copy-seq proto)))
      (when (> (length vars) (length constants))
        (invalid "Closure vars do not fit in constvec"))
      (replace constants vars)
      (setf (svref copy +compiled-constants+) constants)
      (rt-make-byte-code-vector copy))))

(defun syms-of-bytecode ()
  "syms_of_bytecode: the subr `byte-code'."
  (c::|defsubr| (make-subr "byte-code" #'byte-code-primitive 3 3)))

(rt-implement 'rt-exec-byte-code #'exec-byte-code)
(rt-implement 'rt-get-byte-code-arity #'byte-code-arity)
(rt-implement 'rt-syms-of-bytecode #'syms-of-bytecode)
