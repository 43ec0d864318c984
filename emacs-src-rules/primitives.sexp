;; Inline primitives of lisp.h and the other headers that work on the tagged word, each replaced
;; by what it means for Common Lisp objects (docs/data-model.md).  Inlines above these (NILP,
;; XCAR, CHECK_STRING ...) are translated like any C and call these.
;; (replace C-NAME TEMPLATE REASON): $1, $2 ... stand for the call's arguments; a bare runtime
;; symbol is called with the arguments as they are.

;; The tagged word itself.
(replace "XLI" rt-xli "the tagged word as an integer: a per-object identity number, for ordering and hashing")
(replace "XIL" rt-xil "an integer as a tagged word: has no meaning for CL objects (signals)")
(replace "XLP" $1 "the object as a C pointer: the object itself")
(replace "make_lisp_ptr" $1 "a C pointer as a tagged object: the object itself")
(replace "make_lisp_symbol" $1 "a symbol struct as a Lisp object: the CL symbol itself")
(replace "builtin_lisp_symbol" (rt-builtin-symbol $1) "the DEFSYM symbol of an index into lread.c's defsym_name table")
;; (defsym-table UNIT VARIABLE): the static table of DEFSYM names the runtime registers at start.
(defsym-table "lread.c" "defsym_name")
(replace "XTYPE" (rt-lisp-type $1) "the Lisp_Type of an object, from its CL type")
(replace "TAGGEDP" (rt-bool (rt-taggedp $1 $2)) "whether an object has a Lisp_Type, from its CL type")
(replace "dead_object" (rt-dead-object) "a value that is no object")
(replace "XHASH" (rt-xli $1) "the tagged word as a hash: the identity number")

;; (untag-source NAME): NAME gives an object's tagged word as a C pointer; the macro XUNTAG turns
;; that into a struct pointer through integer arithmetic on the tag, `(T *) ((uintptr_t) XLP (a)
;; - TAG)`, which the translator recognizes and keeps as the object itself.
(untag-source "XLP")

;; Type predicates.
(replace "EQ" (rt-bool (eq $1 $2)) "identity of CL objects")
(replace "CONSP" (rt-bool (consp $1)) "CL cons")
(replace "FLOATP" (rt-bool (floatp $1)) "CL double-float")
(replace "SYMBOLP" (rt-bool (symbolp $1)) "CL symbol")
(replace "STRINGP" (rt-bool (rt-lisp-string-p $1)) "the runtime's Lisp string")
(replace "VECTORLIKEP" (rt-bool (rt-vectorlike-p $1)) "a simple-vector or a pseudovector structure")
(replace "FIXNUMP" (rt-bool (rt-fixnump $1)) "a CL integer in Emacs's fixnum range")
(replace "PSEUDOVECTORP" (rt-bool (rt-pseudovector-p $1 $2)) "the pseudovector type of a structure")

;; Fixnums are CL integers.
(replace "make_fixnum" $1 "fixnums are CL integers")
(replace "make_ufixnum" $1 "fixnums are CL integers")
(replace "XFIXNUM_RAW" (rt-fixnum-raw $1) "fixnums are CL integers (and any object an integer: a C integer variable holds it)")
(replace "XUFIXNUM_RAW" (rt-ufixnum-raw $1) "the fixnum's bits read as unsigned")

;; From an object to its struct: the object itself.
(replace "XCONS" $1 "a cons is its own struct Lisp_Cons")
;; Translated, XSETCAR and XSETCDR store through xcar_addr's and xcdr_addr's pointer into the
;; cons: a pointer made, and the runtime's slow store through it, at each lexical setq, setcdr
;; and nconc.
(replace "XSETCAR" (progn (setf (car $1) $2) nil) "a cons's car, set as CL's")
(replace "XSETCDR" (progn (setf (cdr $1) $2) nil) "a cons's cdr, set as CL's")
(replace "XFLOAT" $1 "a float is its own struct Lisp_Float")
(replace "XSTRING" $1 "a Lisp string is its own struct Lisp_String")
(replace "XSYMBOL" $1 "a symbol is its own struct Lisp_Symbol")
(replace "XBARE_SYMBOL" $1 "a symbol is its own struct Lisp_Symbol (30.x)")
(replace "make_lisp_symbol_internal" $1 "a symbol struct as a Lisp object: the CL symbol itself (30.x)")
(replace "XVECTOR" $1 "a vector or pseudovector is its own struct Lisp_Vector")
(replace "xvector_contents_addr" (rt-vref-ptr $1 $2) "&XVECTOR (a)->contents[i], which lisp.h computes from the header's size in bytes: the vector's Lisp slots (a CL vector has no header)")
(replace "XBIGNUM" $1 "a bignum is a CL integer")
(replace "XBOOL_VECTOR" $1 "the object is the struct")
(replace "XBUFFER" $1 "the object is the struct")
(replace "XCHAR_TABLE" $1 "the object is the struct")
(replace "XSUB_CHAR_TABLE" $1 "the object is the struct")
(replace "XCONDVAR" $1 "the object is the struct")
(replace "XMUTEX" $1 "the object is the struct")
(replace "XTHREAD" $1 "the object is the struct")
(replace "XFINALIZER" $1 "the object is the struct")
(replace "XFONT_OBJECT" $1 "the object is the struct")
(replace "XFONT_SPEC" $1 "the object is the struct")
(replace "XHASH_TABLE" $1 "the object is the struct")
(replace "XMARKER" $1 "the object is the struct")
(replace "XOVERLAY" $1 "the object is the struct")
(replace "XPROCESS" $1 "the object is the struct")
(replace "XSUBR" $1 "the object is the struct")
(replace "XTERMINAL" $1 "the object is the struct")
(replace "XUSER_PTR" $1 "the object is the struct")
(replace "XWINDOW" $1 "the object is the struct")
(replace "XFIXNUMPTR" (rt-fixnum-pointer $1) "a C pointer kept in a fixnum")
(replace "make_pointer_integer" (rt-pointer-fixnum $1) "a C pointer kept in a fixnum")
(replace "make_pointer_integer_unsafe" (rt-pointer-fixnum $1) "a C pointer kept in a fixnum")
(replace "xmint_pointer" (rt-fixnum-pointer $1) "a C pointer kept in a fixnum or a user-ptr")

;; Pure storage (read-only memory filled at dump time) does not exist in SBCL.
(replace "PURE_P" 0 "whether memory is pure: nothing is")

;; Vectors made by lisp.h inlines that fill the allocator's memory.
(replace "make_nil_vector" (rt-make-nil-vector $1) "allocation: a CL simple-vector")
(replace "make_uninit_vector" (rt-make-nil-vector $1) "allocation: a CL simple-vector")

;; (lisp-type ENUM-NAME KIND): which objects have each value of lisp.h's `enum Lisp_Type'
;; (XTYPE, TAGGEDP).  KIND is one of symbol, even-fixnum, odd-fixnum, string, vectorlike, cons,
;; float; a bignum, a pseudovector in Emacs, is vectorlike.
(lisp-type "Lisp_Symbol" symbol)
(lisp-type "Lisp_Int0" even-fixnum)
(lisp-type "Lisp_Int1" odd-fixnum)
(lisp-type "Lisp_String" string)
(lisp-type "Lisp_Vectorlike" vectorlike)
(lisp-type "Lisp_Cons" cons)
(lisp-type "Lisp_Float" float)
