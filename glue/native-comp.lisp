;;;; Native compilation: a byte-code function becomes Common Lisp that SBCL compiles.  The byte
;;;; compiler has already expanded macros, converted closures and laid out the stack, whose depth
;;;; at each pc is static: each instruction becomes the code of its opcode on stack slots whose
;;;; indexes are constants, jumps become GO in one TAGBODY, and a condition-case or catch body is
;;;; a nested TAGBODY inside the setjmp of its handler (docs/native-compilation.md says why from
;;;; byte-code).  The opcodes' semantics is the interpreter's: the table of bytecode-ops.lisp, and
;;;; the same helpers for calls, handlers and the binding stack.  The compiled function is kept in
;;;; the object's bytecode slot (NATIVE-BYTE-CODE-STRING), so the object stays the same function
;;;; for every caller and for `aref', `func-arity', `documentation' and printing.

(in-package "EMACS2CL-GLUE")

(define-condition not-compilable (error)
  ((reason :initarg :reason :reader not-compilable-reason))
  (:report (lambda (c stream) (write-string (not-compilable-reason c) stream)))
  (:documentation "Why a byte-code function cannot be compiled natively: it stays byte-code."))

(defun not-compilable (format &rest arguments)
  "Signal NOT-COMPILABLE with the reason FORMAT and ARGUMENTS say."
  (error 'not-compilable :reason (apply #'format nil format arguments)))

;;; ------------------------------------------------------------------------------------------
;;; Decoding: each instruction's opcode, operand and length.

(defstruct (insn (:constructor make-insn (pc op operand next)))
  "The instruction at PC: opcode OP, its OPERAND (or NIL), and the pc after it, NEXT."
  pc op operand next)

(defun operand-kind (op)
  "How opcode OP's operand is encoded, as BYTE-OP-OPERAND says, or :INVALID."
  (let ((entry (byte-op-of op)))
    (cond (entry (byte-op-operand entry))
          ((<= #o300 op #o377) nil)
          ((<= 1 op 7) '(:embedded 0))
          ((<= #o40 op #o47) '(:embedded #o40))
          ((member op '(#o61 #o62 #o201 #o202 #o203 #o204 #o205 #o206 #o263)) :word)
          ((member op '(#o252 #o253 #o254 #o255 #o256 #o262 #o266)) :byte)
          ((member op '(#o60 #o207 #o210 #o211 #o222 #o267)) nil)
          (t :invalid))))

(defun decode (code length)
  "The instructions of the first LENGTH octets of CODE, as a vector indexed by pc (NIL between
instructions)."
  (let ((insns (make-array length :initial-element nil))
        (pc 0))
    (flet ((byte-at (i)
             (if (< i length) (aref code i) (not-compilable "truncated instruction at ~D" pc))))
      (loop while (< pc length)
            do (let* ((op (aref code pc))
                      (kind (operand-kind op))
                      (operand nil) (next (1+ pc)))
                 (flet ((fetch-byte () (prog1 (byte-at next) (incf next)))
                        (fetch-word () (prog1 (+ (byte-at next) (ash (byte-at (1+ next)) 8))
                                         (incf next 2))))
                   (cond ((eq kind :invalid) (not-compilable "invalid opcode ~D at ~D" op pc))
                         ((eq kind :byte) (setf operand (fetch-byte)))
                         ((eq kind :word) (setf operand (fetch-word)))
                         ((consp kind)
                          (let ((k (- op (second kind))))
                            (setf operand (case k (6 (fetch-byte)) (7 (fetch-word)) (t k)))))
                         ((<= #o300 op) (setf operand (- op #o300)))))
                 (setf (svref insns pc) (make-insn pc op operand next)
                       pc next))))
    insns))

;;; ------------------------------------------------------------------------------------------
;;; The stack depth at each pc, and the jumps.

(defun insn-before (insns pc)
  "The instruction laid out just before PC, or NIL."
  (loop for p downfrom (1- pc) to 0 when (svref insns p) return it))

(defun relative-target (insn)
  "Where the relative jump INSN (BRgoto and the like, from Emacs 19) goes."
  (+ (insn-next insn) (insn-operand insn) -128))

(defun switch-targets (insns insn consts)
  "The pcs Bswitch INSN may jump to: the values of the jump table that the instruction before it
pushes as a constant, as the byte compiler emits it."
  (let ((before (insn-before insns (insn-pc insn))))
    (unless (and before (or (<= #o300 (insn-op before)) (= (insn-op before) #o201)))
      (not-compilable "switch at ~D without a constant jump table" (insn-pc insn)))
    (let ((table (svref consts (insn-operand before))))
      (unless (typep table 'c::|struct Lisp_Hash_Table|)
        (not-compilable "switch at ~D on a non-table" (insn-pc insn)))
      (loop for i below (c::|HASH_TABLE_SIZE| table)
            unless (eq (c::|HASH_KEY| table i) emacs2cl-runtime::*unbound*)
              collect (let ((to (c::|HASH_VALUE| table i)))
                        (unless (typep to 'fixnum)
                          (not-compilable "switch at ~D to ~S" (insn-pc insn) to))
                        to)))))

(defun successors (insn depth insns consts)
  "The (PC . DEPTH) pairs where control goes after INSN, run at stack top DEPTH."
  (let ((op (insn-op insn)) (operand (insn-operand insn)) (next (insn-next insn)))
    (flet ((next (d) (list (cons next d))))
      (cond ((<= #o300 op) (next (1+ depth)))
            ((<= 1 op 7) (next (1+ depth)))
            ((<= #o40 op #o47) (next (- depth operand)))
            (t
             (case op
               ((#o201 #o211) (next (1+ depth)))
               ((#o60 #o222) (next depth))
               ((#o61 #o62) (list (cons next (1- depth)) (cons operand depth)))
               (#o202 (list (cons operand depth)))
               ((#o203 #o204) (list (cons next (1- depth)) (cons operand (1- depth))))
               ((#o205 #o206) (list (cons next (1- depth)) (cons operand depth)))
               (#o207 '())
               (#o210 (next (1- depth)))
               (#o252 (list (cons (relative-target insn) depth)))
               ((#o253 #o254) (list (cons next (1- depth)) (cons (relative-target insn) (1- depth))))
               ((#o255 #o256) (list (cons next (1- depth)) (cons (relative-target insn) depth)))
               ((#o262 #o263) (next (1- depth)))
               (#o266 (next (- depth (logand operand #x7f))))
               (#o267 (cons (cons next (- depth 2))
                            (loop for to in (switch-targets insns insn consts)
                                  collect (cons to (- depth 2)))))
               (t (let* ((entry (byte-op-of op)) (inputs (byte-op-inputs entry)))
                    (next (+ depth
                             (if (byte-op-result entry) 1 0)
                             (- (if (eq (first inputs) :many)
                                    (eval-count (second inputs) op operand)
                                    (length inputs)))))))))))))

(defun eval-count (form op operand)
  "The value of a (:MANY FORM) count for opcode OP with OPERAND."
  (let ((sb-ext:*evaluator-mode* :interpret))
    (eval `(let ((op ,op) (operand ,operand)) (declare (ignorable op operand)) ,form))))

(defun depths (insns pushed size consts)
  "A vector of the stack top at each reachable pc (NIL elsewhere), from PUSHED at pc 0, each
within the SIZE slots of the stack; and the list of pcs that are jumped to."
  (let ((depths (make-array (length insns) :initial-element nil))
        (targets '())
        (work (list (cons 0 pushed))))
    (loop while work
          do (destructuring-bind (pc . depth) (pop work)
               (let ((insn (and (< -1 pc (length insns)) (svref insns pc))))
                 (unless insn (not-compilable "jump to ~D, no instruction" pc))
                 (unless (< -1 depth size) (not-compilable "stack depth ~D at ~D" depth pc))
                 (cond ((null (svref depths pc))
                        (setf (svref depths pc) depth)
                        (loop for (to . d) in (successors insn depth insns consts)
                              do (unless (= to (insn-next insn)) (pushnew to targets))
                                 (push (cons to d) work)))
                       ((/= (svref depths pc) depth)
                        (not-compilable "stack depth ~D and ~D at ~D" (svref depths pc) depth pc))))))
    (values depths targets)))

;;; ------------------------------------------------------------------------------------------
;;; Handler regions: the body of a condition-case or catch, from after its push to its pop.

(defun region-end (insns start dest)
  "The last pc of the handler body starting at START, whose handler code is at DEST: its
Bpophandler, or when the body only ends by a non-local exit (a `catch' around an endless loop:
the byte compiler leaves the unreachable pop out), the instruction before DEST."
  (let ((nesting 0) (last nil))
    (loop for pc from start below (length insns)
          for insn = (svref insns pc)
          when (and (= pc dest) (> dest start))
            do (return-from region-end last)
          when insn
            do (setf last pc)
               (case (insn-op insn)
                 ((#o61 #o62) (incf nesting))
                 (#o60 (if (zerop nesting) (return-from region-end pc) (decf nesting)))))
    (not-compilable "handler at ~D without its pop" start)))

(defun regions (insns depths)
  "The handler bodies of the reachable code, as (START . END) pcs (END its Bpophandler, or its
last instruction when it has none)."
  (loop for insn across insns
        when (and insn (svref depths (insn-pc insn)) (member (insn-op insn) '(#o61 #o62)))
          collect (cons (insn-next insn)
                        (region-end insns (insn-next insn) (insn-operand insn)))))

(defun innermost-region (pc regions)
  "The innermost of REGIONS that holds PC, or NIL."
  (let ((best nil))
    (loop for r in regions
          when (and (<= (car r) pc (cdr r)) (or (null best) (> (car r) (car best))))
            do (setf best r))
    best))

(defun check-jumps (insns depths regions consts)
  "Every jump goes to its own handler body or to one around it: a GO reaches its tag."
  (flet ((encloses-p (outer inner)
           (or (null outer) (and inner (<= (car outer) (car inner)) (<= (cdr inner) (cdr outer))))))
    (loop for insn across insns
          when (and insn (svref depths (insn-pc insn)))
            do (let ((from (innermost-region (insn-pc insn) regions)))
                 (loop for (to) in (successors insn (svref depths (insn-pc insn)) insns consts)
                       unless (or (= to (insn-next insn))
                                  (encloses-p (innermost-region to regions) from))
                         do (not-compilable "jump from ~D into the handler body of ~D"
                                            (insn-pc insn) to))))))

;;; ------------------------------------------------------------------------------------------
;;; Calls.

(defstruct (call-site (:constructor make-call-site ()) (:copier nil) (:predicate nil))
  "What a call in native code last found in the function cell of the symbol it calls: a byte-code
object compiled natively (FUNCTION) and its bytecode string (BYTESTR), which holds its code."
  (function nil) (bytestr nil))

(defun call-from-native (stack index n site)
  "FUNCALL-FROM-STACK for the call at SITE: when the symbol called still has the natively compiled
definition SITE found last, its code is called at once, without the tests of DIRECT-CALLEE and
RUN-BYTE-CODE.  A redefinition, an alias or advice puts another object in the function cell, which
the next call finds (and remembers if it is natively compiled too)."
  (declare (simple-vector stack) (fixnum index n) (type call-site site))
  (let* ((symbol (svref stack index))
         (definition (and symbol (symbolp symbol) (rt-symbol-field symbol :function))))
    (if (and definition
             (eq definition (call-site-function site))
             (eq (svref definition 1) (call-site-bytestr site)))
        (let ((thread (thread)) (args (stack-ptr stack (1+ index))))
          (with-call-frame (thread symbol args n)
            (funcall (native-byte-code-string-code (call-site-bytestr site))
                     (svref definition 2) (svref definition 0) n stack (1+ index))
            (funcall-from-stack stack index n)))
        (progn (remember-callee site definition)
               (funcall-from-stack stack index n)))))

(defun remember-callee (site definition)
  "Make SITE remember DEFINITION if it is byte-code compiled natively for its own argument template
and stack depth (what RUN-BYTE-CODE would call)."
  (when (and (rt-byte-code-vector-p definition) (typep (svref definition 0) 'emacs-fixnum)
             (native-code (svref definition 1) (svref definition 0) (svref definition 3)))
    (setf (call-site-function site) definition
          (call-site-bytestr site) (svref definition 1))))

;;; ------------------------------------------------------------------------------------------
;;; Code.

(defun stack-slot (i)
  "The code of stack slot I: a variable of the compiled function, which SBCL keeps in a register
or its frame.  The stack vector holds the slots only where a callee reads them through a pointer
(STORED-SLOTS before a call, ARGS-PTR)."
  (intern (format nil "S~D" i) "EMACS2CL-GLUE"))

(defun stored-slots (from count)
  "The code storing COUNT stack slots from slot FROM into the stack vector: the arguments a call
or a function of `many' arguments reads there."
  (loop for i from from below (+ from count)
        collect `(setf (svref stack ,i) ,(stack-slot i))))

(defun op-code (entry op operand depth)
  "The code of table ENTRY for opcode OP with OPERAND at stack top DEPTH."
  (let* ((inputs (byte-op-inputs entry))
         (many (eq (first inputs) :many))
         (n (if many (eval-count (second inputs) op operand) (length inputs)))
         (base (- depth (1- n)))
         (body `(macrolet ((args-ptr () '(progn ,@(stored-slots base n) (stack-ptr stack ,base))))
                  ,(byte-op-body entry))))
    `(let ((op ,op) (operand ,operand)
           ,@(if many
                 `((n ,n))
                 (loop for v in inputs for i from base collect `(,v ,(stack-slot i)))))
       (declare (ignorable op operand))
       ,(if (byte-op-result entry)
            `(setf ,(stack-slot base) ,body)
            body))))

(defun insn-code (insn depth switch-targets)
  "The statements of INSN at stack top DEPTH, but for a handler's push and pop."
  (let ((op (insn-op insn)) (operand (insn-operand insn)))
    (flet ((jump (to) `(go ,to)))
      (cond ((<= #o300 op) `((setf ,(stack-slot (1+ depth)) (svref consts ,operand))))
            ((<= 1 op 7) `((setf ,(stack-slot (1+ depth)) ,(stack-slot (- depth operand)))))
            ((<= #o40 op #o47)
             `(,@(stored-slots (- depth operand) (1+ operand))
               (setf ,(stack-slot (- depth operand))
                     (call-from-native stack ,(- depth operand) ,operand
                                       (load-time-value (make-call-site))))))
            (t
             (case op
               (#o201 `((setf ,(stack-slot (1+ depth)) (svref consts ,operand))))
               (#o211 `((setf ,(stack-slot (1+ depth)) ,(stack-slot depth))))
               (#o222 `((unbind-to (entry-count specpdl specpdl-ptr) nil)))
               (#o202 (list (jump operand)))
               ((#o203 #o205) `((unless ,(stack-slot depth) ,(jump operand))))
               ((#o204 #o206) `((when ,(stack-slot depth) ,(jump operand))))
               (#o207 `((return-from native-body ,(stack-slot depth))))
               (#o210 '())
               (#o252 (list (jump (relative-target insn))))
               ((#o253 #o255) `((unless ,(stack-slot depth) ,(jump (relative-target insn)))))
               ((#o254 #o256) `((when ,(stack-slot depth) ,(jump (relative-target insn)))))
               ((#o262 #o263) `((setf ,(stack-slot (- depth operand)) ,(stack-slot depth))))
               (#o266 (if (logbitp 7 operand)
                          `((setf ,(stack-slot (- depth (logand operand #x7f))) ,(stack-slot depth)))
                          '()))
               (#o267 `((case (jump-table-target ,(stack-slot depth) ,(stack-slot (1- depth)))
                          ((nil))
                          ,@(loop for to in (remove-duplicates switch-targets)
                                  collect `(,to ,(jump to)))
                          (t (invalid "switch to a pc the compiled code does not have")))))
               (t (list (op-code (byte-op-of op) op operand depth)))))))))

(defun handler-pops-only-p (insns regions pc)
  "Whether the Bpophandler at PC, outside the body of the handler it pops, follows the handler
code of an inner handler, with only Bpophandlers between: nested condition-cases that a signal
leaves for the innermost one's handler code, which pops the others (their bodies have been left,
as a signal leaves them; nothing between can signal)."
  (loop (let ((before (insn-before insns pc)))
          (cond ((some (lambda (r) (eql (insn-operand (insn-before insns (car r))) pc)) regions)
                 (return t))                    ; PC is a handler's code
                ((and before (= (insn-op before) #o60) (not (rassoc (insn-pc before) regions)))
                 (setf pc (insn-pc before)))    ; another such pop before it
                (t (return nil))))))

(defun range-code (insns depths targets regions start end consts)
  "The TAGBODY statements of the reachable instructions from pc START to END (exclusive), a
handler body inside them as one form."
  (let ((statements '()) (pc start))
    (loop while (< pc end)
          do (let ((insn (svref insns pc)) (depth (svref depths pc)))
               (cond ((or (null insn) (null depth)) (incf pc))
                     (t
                      (when (member pc targets) (push pc statements))
                      (case (insn-op insn)
                        ((#o61 #o62)
                         (let* ((body-start (insn-next insn))
                                (body-end (cdr (assoc body-start regions))))
                           (push `(let ((h (c::|push_handler|
                                            ,(stack-slot depth)
                                            ,(if (= (insn-op insn) #o62)
                                                 +catcher+
                                                 +condition-case+))))
                                    (with-setjmp (h)
                                        (progn
                                          (tagbody ,@(range-code insns depths targets regions
                                                                 body-start (1+ body-end) consts))
                                          (invalid "byte-code left a handler body without its pop"))
                                      (setf ,(stack-slot depth)
                                            (c::|handler.val| (handler (pop-handler))))
                                      (go ,(insn-operand insn))))
                                 statements)
                           (setf pc (insn-next (svref insns body-end)))))
                        (#o60
                         (push '(pop-handler) statements)
                         (cond ((rassoc pc regions)   ; the end of a handler body: out of it
                                (push `(go ,(insn-next insn)) statements))
                               ((not (handler-pops-only-p insns regions pc))
                                (not-compilable "a handler popped at ~D outside its body" pc)))
                         (setf pc (insn-next insn)))
                        (t (dolist (s (insn-code insn depth
                                                 (and (= (insn-op insn) #o267)
                                                      (switch-targets insns insn consts))))
                             (push s statements))
                           (setf pc (insn-next insn))))))))
    (nreverse statements)))

(defun byte-code-lambda (bytestr consts maxdepth args-template name)
  "The lambda form of the compiled code of byte-code string BYTESTR with constant vector CONSTS,
MAXDEPTH and ARGS-TEMPLATE (a fixnum, or NIL for dynamic binding): a function of the arguments
RUN-BYTE-CODE takes, doing what it does, named NAME (what profiles and backtraces of SBCL show)."
  (let* ((insns (decode (emacs2cl-runtime::rt-lisp-string-data bytestr) (string-bytes bytestr)))
         (pushed (if args-template (pushed-count args-template) 0))
         (size (+ maxdepth 2 pushed)))
    (multiple-value-bind (depths targets) (depths insns pushed size consts)
      (let ((regions (regions insns depths))
            (statements '()))
        (check-jumps insns depths regions consts)
        ;; A handler's pop goes on to the pc after it, in the enclosing body.
        (loop for (nil . end) in regions do (pushnew (insn-next (svref insns end)) targets))
        (setf statements (range-code insns depths targets regions 0 (length insns) consts))
        `(sb-int:named-lambda ,name (vector args-template nargs args index)
           (declare (optimize (speed 1) (safety 1) (debug 0))
                    (ignorable args-template nargs args index))
           (let* ((consts vector)
                  (stack (make-array ,size))
                  ,@(loop for i from 1 below size collect (stack-slot i))
                  (thread (thread))
                  (specpdl (c::|thread_state.m_specpdl| thread))
                  (specpdl-ptr (c::|thread_state.m_specpdl_ptr| thread))
                  (unbound emacs2cl-runtime::*unbound*))
             (declare (simple-vector consts) (type (simple-vector ,size) stack)
                      (ignorable unbound))
             (setf (svref stack 0) vector)
             ,@(when args-template (argument-pushing args-template))
             (let ((value (block native-body
                            (tagbody ,@statements)
                            (invalid "byte-code ran past its end"))))
               (unless (eq (c::|thread_state.m_specpdl_ptr| (thread)) specpdl-ptr)
                 (check-binding-stack specpdl specpdl-ptr))
               value)))))))

(defun argument-pushing (args-template)
  "The code that pushes the arguments of a function of lexical ARGS-TEMPLATE as PUSH-ARGUMENTS
does (after PUSHED-ARGUMENT-COUNT's check): unrolled for arguments in a caller's stack (INDEX
non-NIL: Bcall, Ffuncall from compiled code), else PUSH-ARGUMENTS itself."
  (multiple-value-bind (mandatory nonrest rest) (args-template-parts args-template)
    `((if index
          (let ((args args))
            (declare (simple-vector args) (fixnum index nargs))
            (unless (and (<= ,mandatory nargs) ,(if rest t `(<= nargs ,nonrest)))
              (pushed-argument-count args-template nargs))   ; signals
            ,@(loop for i below nonrest
                    collect `(setf ,(stack-slot (1+ i))
                                   ,(if (< i mandatory)
                                        `(svref args (+ index ,i))
                                        `(if (< ,i nargs) (svref args (+ index ,i)) nil))))
            ,@(when rest
                `((setf ,(stack-slot (1+ nonrest))
                        (loop for i of-type fixnum from ,nonrest below nargs
                              collect (svref args (+ index i)))))))
          (progn (pushed-argument-count args-template nargs)
                 (push-arguments args-template nargs args index stack)
                 ,@(loop for i from 1 to (pushed-count args-template)
                         collect `(setf ,(stack-slot i) (svref stack ,i))))))))

(defun compile-quietly (form)
  "SBCL's COMPILE of FORM, its notes and style warnings not printed; or NIL and what SBCL said
when it failed or warned (a warning in generated code is a bug of the compiler here: the function
stays byte-code)."
  (let ((warning nil) (said (make-string-output-stream)))
    (multiple-value-bind (function warnings-p failure-p)
        (let ((*error-output* said))
          (handler-bind ((warning (lambda (w)
                                    (unless (or warning (typep w 'style-warning))
                                      (setf warning (princ-to-string w)))
                                    (muffle-warning w))))
            (compile nil form)))
      (declare (ignore warnings-p))
      (if (or failure-p warning)
          (values nil (let ((text (or warning (get-output-stream-string said))))
                        (subseq (substitute #\Space #\Newline text) 0 (min 300 (length text)))))
          function))))

(defvar *visited* nil
  "While NATIVE-COMPILE-BYTE-CODE runs: the byte-code objects it has reached (constants may hold
each other).")

(defun native-compile-byte-code (object &optional (name "anonymous"))
  "Compile byte-code OBJECT natively, and the byte-code functions among its constants; OBJECT.
Signals NOT-COMPILABLE, saying why, for OBJECT itself (its inner functions that cannot be stay
byte-code).  NAME names it (a string: its symbol's name), and its inner functions after it."
  (let ((*visited* (or *visited* (make-hash-table :test 'eq)))
        (bytestr (svref object 1)) (consts (svref object +compiled-constants+))
        (maxdepth (svref object 3)) (template (svref object 0)))
    (setf (gethash object *visited*) t)
    (loop for c across consts
          when (and (rt-byte-code-vector-p c) (not (gethash c *visited*)))
            do (handler-case (native-compile-byte-code c (format nil "~A (inner)" name))
                 (not-compilable () nil)))
    (unless (native-byte-code-string-p bytestr)
      (setf (svref object 1)
            (native-string bytestr consts maxdepth (if (integerp template) template nil) name)))
    object))

(defvar *native-code-by-name* (make-hash-table :test 'equal :weakness :value :synchronized t)
  "The compiled code by name, (NATIVE NAME): what the profiler's report disassembles.")

(defun native-string (bytestr consts maxdepth args-template name)
  "The NATIVE-BYTE-CODE-STRING of byte-code string BYTESTR with constants CONSTS, MAXDEPTH and
ARGS-TEMPLATE (or NIL), its code named (NATIVE NAME); signals NOT-COMPILABLE."
  (unless (unibyte-string-p bytestr) (not-compilable "its bytecode is not loaded"))
  (multiple-value-bind (code warning)
      (compile-quietly (byte-code-lambda bytestr consts maxdepth args-template (list 'native name)))
    (unless code (not-compilable "SBCL could not compile its code: ~A" warning))
    (setf (gethash (list 'native name) *native-code-by-name*) code)
    (make-native-byte-code-string
     (emacs2cl-runtime::rt-lisp-string-data bytestr)
     (emacs2cl-runtime::rt-lisp-string-size bytestr)
     (emacs2cl-runtime::rt-lisp-string-size-byte bytestr)
     (emacs2cl-runtime::rt-lisp-string-intervals bytestr)
     code args-template maxdepth)))

(defvar *compiled-on-call* (make-hash-table :test 'eq :weakness :key :synchronized t)
  "Under **NATIVE-COMPILE-ALL**: each bytecode string run, its NATIVE-BYTE-CODE-STRING or :FAILED.")

(defun compiled-on-call (bytestr vector maxdepth args-template)
  "Under **NATIVE-COMPILE-ALL**, the bytecode string to run in BYTESTR's place: compiled for
VECTOR, MAXDEPTH and ARGS-TEMPLATE on its first run, or BYTESTR itself when it cannot be."
  (if (native-byte-code-string-p bytestr)
      bytestr
      (let ((known (gethash bytestr *compiled-on-call*)))
        (cond ((eq known :failed) bytestr)
              (known known)
              (t (setf (gethash bytestr *compiled-on-call*)
                       (handler-case (native-string bytestr vector maxdepth args-template
                                                    "compiled on call")
                         (not-compilable () :failed)))
                 (compiled-on-call bytestr vector maxdepth args-template))))))

(defun native-compile-preloaded (progress)
  "Compile natively every byte-code function that a symbol's function cell holds (and those
among their constants), as the image is dumped; PROGRESS (a FORMAT-like function) is told how
far it is, which functions stay byte-code and why, and the time it took."
  (let ((functions '()) (failed 0) (start (get-internal-real-time)))
    (do-symbols (s "ELISP")
      (let ((f (rt-symbol-field s :function)))
        (when (rt-byte-code-vector-p f) (push (cons s f) functions))))
    (setf functions (sort functions #'string< :key (lambda (e) (symbol-name (car e)))))
    (loop for (symbol . f) in functions
          for i from 1
          do (handler-case (native-compile-byte-code f (symbol-name symbol))
               (not-compilable (c)
                 (incf failed)
                 (funcall progress "native-compile: ~A stays byte-code: ~A" (symbol-name symbol)
                          (not-compilable-reason c))))
             (when (zerop (mod i 500))
               (funcall progress "native-compile ~D/~D" i (length functions))))
    (funcall progress "native-compile: ~D functions in ~D s, ~D stay byte-code"
             (- (length functions) failed)
             (round (- (get-internal-real-time) start) internal-time-units-per-second)
             failed)))

;;; ------------------------------------------------------------------------------------------
;;; Emacs's interface.

(defun native-compile (function-or-file &optional output)
  "`native-compile': compile FUNCTION-OR-FILE natively -- a function symbol (its definition
byte-compiled first when it is not byte-code), a byte-code object or a lambda form -- and return
the compiled function."
  (declare (ignore output))
  (let* ((symbol (and (symbolp function-or-file) function-or-file))
         (what (if symbol (format nil "`~A'" (symbol-name symbol)) "a function")))
    (when (rt-lisp-string-p function-or-file)
      (invalid "Native compilation of files is not supported yet"))
    (let ((byte-code (if symbol (c::|Findirect_function| symbol nil) function-or-file)))
      (unless (rt-byte-code-vector-p byte-code)
        (setf byte-code (c::|call1| (lisp-symbol "byte-compile") function-or-file))
        (when symbol (setf byte-code (c::|Findirect_function| symbol nil))))
      (unless (rt-byte-code-vector-p byte-code)
        (invalid "Native compilation of ~A failed: it does not compile to byte-code" what))
      (handler-case (native-compile-byte-code byte-code (if symbol (symbol-name symbol) "anonymous"))
        (not-compilable (c)
          (invalid "Native compilation of ~A failed: ~A" what (not-compilable-reason c)))))))

