;;;; The opcodes of bytecode.c whose effect is on values only: each takes its inputs from the top of
;;;; the stack and pushes one result or none.  Their semantics has one home, this table: the
;;;; interpreter (bytecode.lisp) expands each entry into a clause of its opcode dispatch, and the
;;;; native compiler (native-comp.lisp) into the code of each instruction.  The opcodes that move
;;;; the stack or the pc otherwise (constants, stack-ref, dup, discard, calls, gotos, handlers,
;;;; switch, return) are each executor's own.
;;;;
;;;; An entry's BODY sees its inputs as variables (the last one the top of the stack), `op', the
;;;; operand as `operand' when the opcode has one, the constant vector as `consts', and the macro
;;;; (ARGS-PTR), a pointer to the stack slot of the first input, for the functions that take their
;;;; arguments as C's (N, &TOP) -- MANY functions, and the slow path of an inline fast path, which
;;;; leaves the inputs on the stack as C does.

(in-package "EMACS2CL-GLUE")

(eval-when (:compile-toplevel :load-toplevel :execute)
(defstruct (byte-op (:constructor make-byte-op (codes operand inputs result body)))
  "An opcode of the table.  CODES: its opcodes.  OPERAND: NIL, :BYTE, :WORD (the bytes after the
opcode), or (:EMBEDDED BASE): the 8 opcodes from BASE carry 0-5 in the opcode, or 1 or 2 bytes
after (bytecode.c's FETCH / FETCH2 for BASE+6 and BASE+7).  INPUTS: the variables bound to the
objects it pops, or (:MANY COUNT) for COUNT objects, COUNT a form on `op' and `operand'.
RESULT: whether BODY's value is pushed."
  codes operand inputs result body)

(defvar *byte-ops* '()
  "The table, in definition order: a list of BYTE-OP."))

(defmacro define-byte-ops (&body entries)
  "Set the table to ENTRIES, each (CODES OPERAND INPUTS RESULT BODY) as BYTE-OP's slots; CODES is a
code, a list of codes or (:range FROM TO)."
  (flet ((codes (spec)
           (cond ((integerp spec) (list spec))
                 ((eq (first spec) :range) (loop for k from (second spec) to (third spec) collect k))
                 (t spec))))
    `(eval-when (:compile-toplevel :load-toplevel :execute)
       (setf *byte-ops*
             (list ,@(loop for (codes operand inputs result body) in entries
                           collect `(make-byte-op ',(codes codes) ',operand ',inputs ',result
                                                  ',body)))))))

(defun byte-op-of (code)
  "The table's entry for opcode CODE, or NIL."
  (find code *byte-ops* :key #'byte-op-codes :test #'member))

(defmacro compare-numbers (test comparison x y)
  "The comparison opcodes: TEST on two integers inline, else arithcompare (X, Y, COMPARISON)."
  `(cond ((and (typep ,x 'emacs-fixnum) (typep ,y 'emacs-fixnum)) (bool (,test ,x ,y)))
         ((and (integerp ,x) (integerp ,y)) (bool (,test ,x ,y)))   ; arithcompare: exact
         (t (c::|arithcompare| ,x ,y ,comparison))))

(defmacro inline-or-slow (result slow)
  "An inline fast path RESULT (bytecode-inline.lisp), or the translated function's SLOW form."
  `(or ,result ,slow))

(define-byte-ops
  ;; (codes operand inputs result body)
  ((:range #o10 #o17) (:embedded #o10) () t           ; Bvarref: inline a plain value
   (variable-value (svref consts operand)))
  ((:range #o20 #o27) (:embedded #o20) (value) nil    ; Bvarset: likewise, set_internal otherwise
   (let ((sym (svref consts operand)))
     (if (and (symbolp sym) (not (eq value unbound)) (plain-value-p sym)
              (eql (rt-symbol-field sym :trapped-write) 0))   ; SYMBOL_UNTRAPPED_WRITE
         (setf (rt-symbol-field sym :value) value)
         (c::|Fset| sym value))))
  ((:range #o30 #o37) (:embedded #o30) (value) nil (specbind (svref consts operand) value))
  ((:range #o50 #o57) (:embedded #o50) () nil (unbind-to (- (c::|SPECPDL_INDEX|) operand) nil))
  (#o70 nil (n list) t (if (typep n 'small-list-index)   ; Bnth
                           (car-of (nthcdr-of-conses n list))
                           (c::|Fnth| n list)))
  (#o71 nil (x) t (bool (symbolp x)))
  (#o72 nil (x) t (bool (consp x)))
  (#o73 nil (x) t (bool (rt-lisp-string-p x)))
  (#o74 nil (x) t (bool (listp x)))
  (#o75 nil (x y) t (bool (eq x y)))
  (#o76 nil (x y) t (c::|Fmemq| x y))
  (#o77 nil (x) t (bool (null x)))
  (#o100 nil (x) t (car-of x))
  (#o101 nil (x) t (cdr-of x))
  (#o102 nil (x y) t (cons x y))
  (#o103 nil (x) t (list x))
  ((#o104 #o105 #o106) nil (:many (- op #o102)) t (rt-flist n (args-ptr)))
  (#o107 nil (x) t (c::|Flength| x))
  (#o110 nil (array index) t                           ; Baref
   (if (and (simple-vector-p array) (typep index 'fixnum) (< -1 index (length array)))
       ;; A plain vector or a byte-code object (Faref's VECTORP and COMPILEDP cases: AREF).
       (svref array index)
       (c::|Faref| array index)))
  (#o111 nil (array index value) t                     ; Baset
   (if (and (simple-vector-p array) (typep index 'fixnum) (< -1 index (length array))
            (not (rt-byte-code-vector-p array)))
       (setf (svref array index) value)   ; PURE_P is false
       (c::|Faset| array index value)))
  (#o112 nil (x) t (c::|Fsymbol_value| x))
  (#o113 nil (x) t (c::|Fsymbol_function| x))
  (#o114 nil (x y) t (c::|Fset| x y))
  (#o115 nil (x y) t (c::|Ffset| x y))
  (#o116 nil (x y) t (c::|Fget| x y))
  (#o117 nil (x y z) t (c::|Fsubstring| x y z))
  ((#o120 #o121 #o122) nil (:many (- op #o116)) t (c::|Fconcat| n (args-ptr)))
  (#o123 nil (x) t (inline-or-slow (integer-add x -1) (c::|Fsub1| x)))
  (#o124 nil (x) t (inline-or-slow (integer-add x 1) (c::|Fadd1| x)))
  (#o125 nil (x y) t (compare-numbers = 0 x y))     ; ARITH_EQUAL
  (#o126 nil (x y) t (compare-numbers > 3 x y))     ; ARITH_GRTR
  (#o127 nil (x y) t (compare-numbers < 2 x y))     ; ARITH_LESS
  (#o130 nil (x y) t (compare-numbers <= 4 x y))    ; ARITH_LESS_OR_EQUAL
  (#o131 nil (x y) t (compare-numbers >= 5 x y))    ; ARITH_GRTR_OR_EQUAL
  (#o132 nil (x y) t (inline-or-slow (arith-minus x y) (c::|Fminus| 2 (args-ptr))))
  (#o133 nil (x) t (inline-or-slow (integer-add x 0) (c::|Fminus| 1 (args-ptr))))
  (#o134 nil (x y) t (inline-or-slow (arith-plus x y) (c::|Fplus| 2 (args-ptr))))
  (#o135 nil (x y) t (progn x y (c::|Fmax| 2 (args-ptr))))
  (#o136 nil (x y) t (progn x y (c::|Fmin| 2 (args-ptr))))
  (#o137 nil (x y) t (inline-or-slow (arith-times x y) (c::|Ftimes| 2 (args-ptr))))
  (#o140 nil () t (c::|Fpoint|))
  ((#o141 #o162) nil () nil (c::|record_unwind_current_buffer|))
  (#o142 nil (x) t (c::|Fgoto_char| x))
  (#o143 nil (x) t (progn x (c::|Finsert| 1 (args-ptr))))
  (#o144 nil () t (c::|Fpoint_max|))
  (#o145 nil () t (c::|Fpoint_min|))
  (#o146 nil (x) t (c::|Fchar_after| x))
  (#o147 nil () t (c::|Ffollowing_char|))
  (#o150 nil () t (c::|Fprevious_char|))
  (#o151 nil () t (c::|Fcurrent_column|))
  (#o152 nil (x) t (c::|Findent_to| x nil))
  (#o154 nil () t (c::|Feolp|))
  (#o155 nil () t (c::|Feobp|))
  (#o156 nil () t (c::|Fbolp|))
  (#o157 nil () t (c::|Fbobp|))
  (#o160 nil () t (c::|Fcurrent_buffer|))
  (#o161 nil (x) t (c::|Fset_buffer| x))
  (#o164 nil () t (c::|call0| (lisp-symbol "interactive-p")))
  (#o165 nil (x) t (c::|Fforward_char| x))
  (#o166 nil (x) t (c::|Fforward_word| x))
  (#o167 nil (x y) t (c::|Fskip_chars_forward| x y))
  (#o170 nil (x y) t (c::|Fskip_chars_backward| x y))
  (#o171 nil (x) t (c::|Fforward_line| x))
  (#o172 nil (x) t (c::|Fchar_syntax| x))
  (#o173 nil (x y) t (c::|Fbuffer_substring| x y))
  (#o174 nil (x y) t (c::|Fdelete_region| x y))
  (#o175 nil (x y) t (c::|Fnarrow_to_region| x y))
  (#o176 nil () t (c::|Fwiden|))
  (#o177 nil (x) t (c::|Fend_of_line| x))
  (#o212 nil () nil (c::|record_unwind_protect_excursion|))
  (#o213 nil (x) t (let ((count1 (c::|SPECPDL_INDEX|)))   ; obsolete since 24.1
                     (c::|record_unwind_protect| #'c::|restore_window_configuration|
                                                 (c::|Fcurrent_window_configuration| nil))
                     (unbind-to count1 (c::|Fprogn| x))))
  (#o214 nil () nil (c::|record_unwind_protect| #'c::|save_restriction_restore|
                                                (c::|save_restriction_save|)))
  (#o215 nil (x y) t (internal-catch x #'c::|eval_sub| y))   ; Bcatch, obsolete since 25
  (#o216 nil (handler) nil (c::|record_unwind_protect|
                            (if (/= 0 (c::|FUNCTIONP| handler)) #'c::|call0| #'c::|Fprogn|)
                            handler))
  (#o217 nil (var body handlers) t                     ; obsolete since 25
   (internal-lisp-condition-case var body handlers))
  (#o220 nil (x) t (progn (c::|CHECK_STRING| x)        ; obsolete since 24.1
                          (c::|temp_output_buffer_setup|
                           (rt-make-ptr (emacs2cl-runtime::rt-lisp-string-data x) 0))
                          (emacs-global "Vstandard_output")))
  (#o221 nil (x y) t (progn (c::|temp_output_buffer_show| x)
                            (unbind-to (1- (c::|SPECPDL_INDEX|)) nil)
                            y))
  (#o223 nil (x y z) t (c::|Fset_marker| x y z))
  (#o224 nil (x) t (c::|Fmatch_beginning| x))
  (#o225 nil (x) t (c::|Fmatch_end| x))
  (#o226 nil (x) t (c::|Fupcase| x))
  (#o227 nil (x) t (c::|Fdowncase| x))
  (#o230 nil (x y) t (let ((r (string-equal-inline x y)))   ; Bstring_equal
                       (if (eq r :slow) (c::|Fstring_equal| x y) r)))
  (#o231 nil (x y) t (let ((r (string-lessp-inline x y)))   ; Bstring_lessp
                       (if (eq r :slow) (c::|Fstring_lessp| x y) r)))
  (#o232 nil (x y) t (c::|Fequal| x y))
  (#o233 nil (x y) t (c::|Fnthcdr| x y))
  (#o234 nil (sequence n) t (if (and (consp sequence) (typep n 'small-list-index))   ; Belt
                                (car-of (nthcdr-of-conses n sequence))
                                (c::|Felt| sequence n)))
  (#o235 nil (x y) t (c::|Fmember| x y))
  (#o236 nil (x y) t (c::|Fassq| x y))
  (#o237 nil (x) t (c::|Fnreverse| x))
  (#o240 nil (cell value) t (if (consp cell)
                                (setf (car cell) value)   ; PURE_P is false
                                (c::|Fsetcar| cell value)))
  (#o241 nil (cell value) t (if (consp cell)
                                (setf (cdr cell) value)
                                (c::|Fsetcdr| cell value)))
  (#o242 nil (x) t (if (consp x) (car x) nil))
  (#o243 nil (x) t (if (consp x) (cdr x) nil))
  (#o244 nil (x y) t (progn x y (c::|Fnconc| 2 (args-ptr))))
  (#o245 nil (x y) t (inline-or-slow (arith-quo x y) (c::|Fquo| 2 (args-ptr))))
  (#o246 nil (x y) t (inline-or-slow (arith-rem x y) (c::|Frem| x y)))
  (#o247 nil (x) t (bool (typep x '(or integer double-float))))
  (#o250 nil (x) t (bool (integerp x)))
  (#o257 :byte (:many operand) t (rt-flist n (args-ptr)))
  (#o260 :byte (:many operand) t (c::|Fconcat| n (args-ptr)))
  (#o261 :byte (:many operand) t (c::|Finsert| n (args-ptr))))
