;;;; The Lisp objects that are not CL's own (docs/data-model.md, "Lisp objects"): Lisp strings with
;;;; Emacs's internal bytes, the fields of struct Lisp_Symbol kept for each CL symbol, the DEFSYM
;;;; symbols, and the Lisp slots of vectors.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; Strings.

(defstruct (rt-lisp-string (:constructor %make-lisp-string (data size size-byte))
                           (:copier nil) (:predicate %lisp-string-p))
  "An Emacs string: DATA holds its bytes in Emacs's internal encoding followed by a NUL (as
alloc.c lays them out), SIZE its number of characters, SIZE-BYTE its number of bytes or -1 when
it is unibyte, INTERVALS its text properties."
  (data (make-array 1 :element-type '(unsigned-byte 8) :initial-element 0)
   :type (simple-array (unsigned-byte 8) (*)))
  (size 0 :type fixnum)
  (size-byte -1 :type fixnum)
  (intervals nil))

(defmethod print-object ((s rt-lisp-string) stream)
  (print-unreadable-object (s stream :type t)
    (format stream "~S" (map 'string #'code-char (subseq (rt-lisp-string-data s) 0
                                                         (min 60 (rt-string-bytes s)))))))

(defun rt-string-bytes (s)
  "SBYTES: the number of bytes of Lisp string S."
  (if (minusp (rt-lisp-string-size-byte s)) (rt-lisp-string-size s) (rt-lisp-string-size-byte s)))

(defun rt-make-lisp-string (bytes nchars multibyte)
  "A Lisp string holding a copy of the octet vector BYTES (Emacs's internal encoding): NCHARS
characters, multibyte when MULTIBYTE is true (else unibyte: NCHARS is the number of bytes)."
  (let* ((n (length bytes))
         (data (make-array (1+ n) :element-type '(unsigned-byte 8) :initial-element 0)))
    (replace data bytes)
    (%make-lisp-string data nchars (if multibyte n -1))))

;;; Inline: STRINGP is a type test, and a constant argument folds (a static function inlined
;;; with Qnil, as callproc.c's delete_temp_file under `if (STRINGP (tempfile))', is dead code,
;;; not a type conflict SBCL warns of).
(declaim (inline rt-lisp-string-p))
(defun rt-lisp-string-p (x)
  "STRINGP: whether X is a Lisp string."
  (%lisp-string-p x))

(defun rt-string-field (s field)
  "A field of struct Lisp_String for Lisp string S: :size, :size-byte, :intervals, or :data (a
pointer to its bytes)."
  (ecase field
    (:size (rt-lisp-string-size s))
    (:size-byte (rt-lisp-string-size-byte s))
    (:intervals (rt-lisp-string-intervals s))
    (:data (rt-make-ptr (rt-lisp-string-data s) 0))))

;;; Translated code names the field by a constant (SCHARS, SDATA, STRING_MULTIBYTE run per
;;; character in fns.c's loops): the access is then the slot's own accessor, and :data a pointer
;;; made inline, not a call that dispatches on the keyword and then on the pointer's base.
(define-compiler-macro rt-string-field (&whole whole s field)
  (case (%unquote field)
    (:size `(rt-lisp-string-size ,s))
    (:size-byte `(rt-lisp-string-size-byte ,s))
    (:intervals `(rt-lisp-string-intervals ,s))
    (:data `(%make-ptr (rt-lisp-string-data ,s) 0))
    (t whole)))

(defun (setf rt-string-field) (value s field)
  "Store into a field of Lisp string S.  Storing :data takes a pointer to bytes: the octet vector
it points to the start of becomes the string's bytes; bytes elsewhere (inside an array, in a raw
block) are copied, as many as the size fields already stored say."
  (ecase field
    (:size (setf (rt-lisp-string-size s) value))
    (:size-byte (setf (rt-lisp-string-size-byte s) value))
    (:intervals (setf (rt-lisp-string-intervals s) value))
    (:data (let ((base (if (rt-ptr-p value) (rt-ptr-base value) value)))
             (setf (rt-lisp-string-data s)
                   (if (and (typep base '(simple-array (unsigned-byte 8) (*)))
                            (or (not (rt-ptr-p value)) (zerop (rt-ptr-offset value))))
                       base
                       ;; AUTO_STRING_WITH_LEN (cmd_str, cmd, cmdsize) over `procbuf + 1', whose
                       ;; compound literal stores the sizes before the data.
                       (let* ((size-byte (rt-lisp-string-size-byte s))
                              (n (if (minusp size-byte) (rt-lisp-string-size s) size-byte))
                              (bytes (make-array (1+ n) :element-type '(unsigned-byte 8)
                                                        :initial-element 0)))
                         (when (plusp n) (rt-memcpy (%make-ptr bytes 0) value n))
                         bytes)))
             value))))

;;; ------------------------------------------------------------------------------------------
;;; Symbols: the fields of struct Lisp_Symbol, for each CL symbol.

(defconstant +symbol-plainval+ 4 "SYMBOL_PLAINVAL of lisp.h's enum symbol_redirect.")

(defstruct (symbol-data (:constructor %make-symbol-data (name)) (:include rt-box))
  "What struct Lisp_Symbol holds beyond the CL symbol.  VALUE is the val union: the value, the
alias, the buffer-local value or the forwarding, as REDIRECT says; it is the box's value, so that
a pointer to the symbol-data is &val.value (RT-SYMBOL-VALUE-PTR).  IDENTITY is the symbol's
identity number (RT-XLI), once asked for."
  ;; The bit-fields, of their C widths: symbol-bit-fields assembles them at every variable access
  ;; (XSYMBOL (sym)->u.s.redirect) with no generic arithmetic.
  (gcmarkbit 0 :type bit) (redirect +symbol-plainval+ :type (unsigned-byte 3))
  (trapped-write 0 :type (unsigned-byte 2)) (interned 0 :type (unsigned-byte 2))
  (declared-special 0 :type bit) (pinned 0 :type bit)
  name (function nil) (plist nil) (next nil) (identity nil))

(defvar *unbound* nil
  "Qunbound once the DEFSYM symbols are registered: the value of a symbol without one.")

;;; An elisp symbol (of the package ELISP, or uninterned) has no value as a CL variable: its
;;; value cell holds its symbol-data, reached in two loads and a type check, where the
;;; property list took a call (SYMBOL-PLIST) at every field of every symbol.  NIL and T, and any
;;; CL symbol that has a value of its own, keep theirs on the property list.
(declaim (inline symbol-data))
(defun symbol-data (symbol)
  "SYMBOL's struct Lisp_Symbol fields, made on first use (its value then Qunbound, as
init_symbol does)."
  (let ((v (and (boundp symbol) (symbol-value symbol))))
    (if (symbol-data-p v) v (%symbol-data-elsewhere symbol))))

(defun %symbol-data-elsewhere (symbol)
  (or (%symbol-property symbol 'symbol-data)
      (let ((d (%make-symbol-data (lisp-string-of (symbol-name symbol)))))
        (setf (symbol-data-value d) *unbound*)
        (if (boundp symbol)
            (setf (get symbol 'symbol-data) d)
            (setf (symbol-value symbol) d)))))

;;; Translated code names the field by a constant: the access is then the slot's own accessor.
(defun %symbol-data-accessor (field)
  (case field
    (:gcmarkbit 'symbol-data-gcmarkbit) (:redirect 'symbol-data-redirect)
    (:trapped-write 'symbol-data-trapped-write) (:interned 'symbol-data-interned)
    (:declared-special 'symbol-data-declared-special) (:pinned 'symbol-data-pinned)
    (:name 'symbol-data-name) (:value 'symbol-data-value) (:function 'symbol-data-function)
    (:plist 'symbol-data-plist) (:next 'symbol-data-next)))

(define-compiler-macro rt-symbol-field (&whole whole symbol field)
  (let ((accessor (%symbol-data-accessor (%unquote field))))
    (if accessor `(,accessor (symbol-data ,symbol)) whole)))

(define-compiler-macro (setf rt-symbol-field) (&whole whole value symbol field)
  (let ((accessor (%symbol-data-accessor (%unquote field))))
    (if accessor `(setf (,accessor (symbol-data ,symbol)) ,value) whole)))

(defun rt-symbol-field (symbol field)
  "A field of struct Lisp_Symbol for CL symbol SYMBOL: :gcmarkbit :redirect :trapped-write
:interned :declared-special :pinned :name :value :function :plist or :next."
  (let ((d (symbol-data symbol)))
    (ecase field
      (:gcmarkbit (symbol-data-gcmarkbit d)) (:redirect (symbol-data-redirect d))
      (:trapped-write (symbol-data-trapped-write d)) (:interned (symbol-data-interned d))
      (:declared-special (symbol-data-declared-special d)) (:pinned (symbol-data-pinned d))
      (:name (symbol-data-name d)) (:value (symbol-data-value d))
      (:function (symbol-data-function d)) (:plist (symbol-data-plist d)) (:next (symbol-data-next d)))))

(defun (setf rt-symbol-field) (value symbol field)
  "Store VALUE into a field of struct Lisp_Symbol for SYMBOL."
  (let ((d (symbol-data symbol)))
    (ecase field
      (:gcmarkbit (setf (symbol-data-gcmarkbit d) value)) (:redirect (setf (symbol-data-redirect d) value))
      (:trapped-write (setf (symbol-data-trapped-write d) value)) (:interned (setf (symbol-data-interned d) value))
      (:declared-special (setf (symbol-data-declared-special d) value)) (:pinned (setf (symbol-data-pinned d) value))
      (:name (setf (symbol-data-name d) value)) (:value (setf (symbol-data-value d) value))
      (:function (setf (symbol-data-function d) value)) (:plist (setf (symbol-data-plist d) value))
      (:next (setf (symbol-data-next d) value)))))

(declaim (inline symbol-bit-fields))
(defun symbol-bit-fields (symbol)
  "The first word of SYMBOL's struct Lisp_Symbol as lisp.h lays out its bit-fields: gcmarkbit:1,
redirect:3, trapped_write:2, interned:2, declared_special:1, pinned:1."
  (let ((d (symbol-data symbol)))
    (logior (symbol-data-gcmarkbit d)
            (ash (symbol-data-redirect d) 1)
            (ash (symbol-data-trapped-write d) 4)
            (ash (symbol-data-interned d) 6)
            (ash (symbol-data-declared-special d) 8)
            (ash (symbol-data-pinned d) 9))))

(defun lisp-string-of (name)
  "A unibyte or multibyte Lisp string for CL string NAME (UTF-8, which is Emacs's internal
encoding for Unicode characters)."
  (let ((bytes (sb-ext:string-to-octets name :external-format :utf-8)))
    (rt-make-lisp-string bytes (length name) (/= (length bytes) (length name)))))

;;; ------------------------------------------------------------------------------------------
;;; Identity numbers (XLI): what Emacs hashes and orders objects by.  A symbol keeps its number
;;; with its fields (eq hash tables are mostly keyed by symbols); other objects in a weak table,
;;; in front of which the last two objects asked for are remembered, since a weak table takes a
;;; global lock on each lookup (store_symval_forwarding orders two pointers by identity on every
;;; assignment to a forwarded variable).

(defvar *identities* (make-hash-table :test 'eq :weakness :key)
  "Object (not a symbol) -> its identity number (XLI), made on first request.")
(defvar *next-identity* 0)
(sb-ext:defglobal **recent-identities** (vector (cons nil 0) (cons nil 0))
  "(OBJECT . NUMBER) of the last two objects RT-XLI looked up in *IDENTITIES*.")

(defun %new-identity ()
  (* 8 (incf *next-identity*)))

(defun rt-xli (x)
  "XLI: a stand-in for the tagged word of object X, for what Emacs does with it -- hashing and
ordering by identity.  A fixnum stands for itself; another object gets a number unique to it
for as long as it lives (a multiple of 8, as addresses are)."
  (typecase x
    (integer x)
    (symbol (let ((d (symbol-data x)))
              (or (symbol-data-identity d) (setf (symbol-data-identity d) (%new-identity)))))
    (t (let* ((recent **recent-identities**)
              (a (svref recent 0)) (b (svref recent 1)))
         (cond ((eq (car a) x) (cdr a))
               ((eq (car b) x) (cdr b))
               (t (let ((n (or (gethash x *identities*)
                               (setf (gethash x *identities*) (%new-identity)))))
                    (setf (svref recent 1) a
                          (svref recent 0) (cons x n))
                    n)))))))

;;; ------------------------------------------------------------------------------------------
;;; The DEFSYM symbols: lread.c's defsym_name table gives the name of each index.

(sb-ext:defglobal **defsym-symbols** #()
  "The symbol of each DEFSYM index, from rt-register-defsym-names.")
(declaim (type simple-vector **defsym-symbols**))

(defun elisp-symbol (name)
  "The elisp symbol named NAME: CL's NIL and T for nil and t, else interned in ELISP."
  (cond ((string= name "nil") nil)
        ((string= name "t") t)
        (t (intern name (elisp-package)))))

(defun rt-register-defsym-names (names)
  "Make the DEFSYM symbols from NAMES, a sequence of pointers to the NUL-terminated names
(lread.c's defsym_name): index I becomes the symbol named by entry I."
  (setf **defsym-symbols**
        (map 'simple-vector
             (lambda (p)
               (let* ((bytes (rt-ptr-base p)) (start (rt-ptr-offset p))
                      (end (position 0 bytes :start start)))
                 (let ((name (sb-ext:octets-to-string bytes :start start :end end :external-format :utf-8)))
                   ;; Qunbound is uninterned (lread.c's define_symbol): a program's `unbound' is
                   ;; another symbol.
                   (if (string= name "unbound") (make-symbol name) (elisp-symbol name)))))
             names))
  (setf *unbound* (and (> (length **defsym-symbols**) 2) (svref **defsym-symbols** 2)))
  (length **defsym-symbols**))

(declaim (inline rt-builtin-symbol))
(defun rt-builtin-symbol (index)
  "builtin_lisp_symbol (INDEX): the DEFSYM symbol of INDEX."
  (let ((symbols **defsym-symbols**))
    (if (and (typep index 'fixnum) (< -1 index (length symbols)))
        (svref symbols index)
        (%unregistered-defsym index))))

(defun %unregistered-defsym (index)
  (%c-error "builtin_lisp_symbol (~D): the DEFSYM names are not registered" index))

;;; ------------------------------------------------------------------------------------------
;;; Records (PVEC_RECORD): no C struct describes them, so the runtime's: a type and slots.

(defstruct (rt-record (:constructor %make-record (slots)) (:copier nil) (:predicate %record-p)
                      (:conc-name %record-))
  "An elisp record (`record', `make-record', #s(...)): SLOTS, the type first."
  (slots #() :type simple-vector))

(defmethod print-object ((r rt-record) stream)
  (print-unreadable-object (r stream :type t) (format stream "~S" (%record-slots r))))

;;; ------------------------------------------------------------------------------------------
;;; Vectors: the Lisp slots of a vector, or of a pseudovector after its header.

(defconstant +vector-header-bytes+ 8 "The size of union vectorlike_header.")

(defun %vref (v index)
  (cond ((simple-vector-p v) (svref v index))
        ((%record-p v) (svref (%record-slots v) index))
        (t (let* ((offset (+ +vector-header-bytes+ (* 8 index)))
                  (field (%field-at (%info-of v) offset)))
             (rt-mem (rt-make-ptr v offset)
                     (if (and field (member (%c-field-kind field) '(:int :float))) :u64 :lisp))))))

;;; Inline: AREF of a plain vector (Faref, the byte-code's constants) is then one SVREF.
(declaim (inline rt-vref))
(defun rt-vref (v index)
  "XVECTOR (V)->contents[INDEX]: element INDEX of a simple-vector, or the INDEX-th Lisp slot
after the header of a pseudovector structure.  A slot over data that is not a Lisp object (a
sub-char-table's depth and min_char, which its header counts as a slot: LISP-SLOT-COUNT) is
that word as an integer, so that equal words are eq, as internal_equal, which compares every
slot, finds them in C."
  (if (simple-vector-p v) (svref v index) (%vref v index)))

(defun (setf rt-vref) (value v index)
  "Store VALUE as XVECTOR (V)->contents[INDEX]."
  (cond ((simple-vector-p v) (setf (svref v index) value))
        ((%record-p v) (setf (svref (%record-slots v) index) value))
        (t (setf (rt-mem (rt-make-ptr v (+ +vector-header-bytes+ (* 8 index))) :lisp) value))))

(defun rt-vref-ptr (v index)
  "&XVECTOR (V)->contents[INDEX]."
  (cond ((simple-vector-p v) (rt-make-ptr v (* 8 index)))
        ((%record-p v) (rt-make-ptr (%record-slots v) (* 8 index)))
        (t (rt-make-ptr v (+ +vector-header-bytes+ (* 8 index))))))
;;; ------------------------------------------------------------------------------------------
;;; Pseudovectors: structures of the translation that are Lisp objects of a `enum pvec_type`.

(defvar *pseudovector-types* (make-hash-table :test 'eq)
  "Structure name -> its pvec_type value.")

(sb-ext:defglobal **compiled-pvec** nil
  "The pvec_type of byte-code objects (declared under SIMPLE-VECTOR), asked per PSEUDOVECTORP of
a plain vector.")

(defun rt-define-pseudovector (struct code)
  "Declare that instances of the structure named STRUCT are pseudovectors of pvec_type CODE (the
translation's structs.lisp does this for each struct the rules name); STRUCT INTEGER declares
the code of bignums."
  (let ((info (car (get struct '%info-cell))))
    (when info (setf (%c-info-pvec info) :unknown)))   ; looked up again on next use
  (when (eq struct 'simple-vector)
    (setf **compiled-pvec** code))
  (setf (gethash struct *pseudovector-types*) code))

;;; Byte-code objects (PVEC_COMPILED) are plain vectors that `make-byte-code' or the reader's
;;; XSETPVECTYPE marked: a CL vector cannot change type in place, so the mark is kept beside it.
(defvar *byte-code-vectors* (make-hash-table :test 'eq :weakness :key :synchronized t)
  "The simple-vectors that are byte-code objects.")

;;; A weak table's lookup takes SBCL's global lock, and every call of a byte-code function and every
;;; AREF of a vector asks whether a vector is one: the few vectors found to be one last, and the few
;;; found not to be, are asked first, and before them the last of each, inline (a recursion calls
;;; one function, a loop indexes one vector).  Each answer stays true until a vector is marked.
(sb-ext:defglobal **recent-byte-code** (make-array 8 :initial-element 0))
(sb-ext:defglobal **recent-plain-vectors** (make-array 8 :initial-element 0))
(sb-ext:defglobal **recent-next** 0)
(sb-ext:defglobal **last-byte-code** 0)
(sb-ext:defglobal **last-plain-vector** 0)
(declaim (type simple-vector **recent-byte-code** **recent-plain-vectors**)
         (type (mod 8) **recent-next**))

(defun rt-make-byte-code-vector (v)
  "Mark simple-vector V a byte-code object (XSETPVECTYPE (v, PVEC_COMPILED)); V."
  (setf (gethash v *byte-code-vectors*) t)
  (nsubstitute 0 v **recent-plain-vectors**)   ; no longer plain
  (when (eq v **last-plain-vector**)
    (setf **last-plain-vector** 0))
  v)

(defun %remember-vector (recent v)
  (setf (svref recent **recent-next**) v
        **recent-next** (mod (1+ **recent-next**) 8)))

(defun %byte-code-vector-p (v)
  "RT-BYTE-CODE-VECTOR-P of simple-vector V, past the last answers."
  (let ((answer
          (cond ((loop for x across **recent-byte-code** thereis (eq x v)) t)
                ((loop for x across **recent-plain-vectors** thereis (eq x v)) nil)
                ((and (plusp (hash-table-count *byte-code-vectors*)) (gethash v *byte-code-vectors*))
                 (%remember-vector **recent-byte-code** v)
                 t)
                (t (%remember-vector **recent-plain-vectors** v)
                   nil))))
    (if answer (setf **last-byte-code** v) (setf **last-plain-vector** v))
    answer))

(declaim (inline rt-byte-code-vector-p))
(defun rt-byte-code-vector-p (v)
  "Whether V is a simple-vector marked a byte-code object."
  (and (simple-vector-p v)
       (cond ((eq v **last-byte-code**) t)
             ((eq v **last-plain-vector**) nil)
             (t (%byte-code-vector-p v)))))

(defun pseudovector-code (object)
  "OBJECT's pvec_type value, or NIL if it is no pseudovector: a structure the translation
declared one, a bignum (an integer outside the fixnum range, declared under INTEGER), or a
byte-code vector (declared under SIMPLE-VECTOR)."
  (typecase object
    (simple-vector (and (rt-byte-code-vector-p object) (values (gethash 'simple-vector *pseudovector-types*))))
    ;; A C struct's code is kept in its layout: TYPE-OF costs a global lookup.
    (%c-object (let ((info (%info-of object)))
                 (if (eq (%c-info-pvec info) :unknown)
                     (setf (%c-info-pvec info) (values (gethash (%c-info-name info) *pseudovector-types*)))
                     (%c-info-pvec info))))
    (structure-object (values (gethash (type-of object) *pseudovector-types*)))
    (integer (and (not (rt-fixnump object)) (values (gethash 'integer *pseudovector-types*))))))

(defun %pseudovector-p (object code)
  (typecase object
    ;; A plain vector is a pseudovector only as a byte-code object: other codes need not ask.
    (simple-vector (and (eql code **compiled-pvec**) (rt-byte-code-vector-p object)))
    (rt-lisp-string nil)
    (t (eql (pseudovector-code object) code))))

;;; Inline: most objects asked (a fixnum checked for MARKERP by arith_driver, a cons, a symbol, a
;;; string) are no pseudovector, which their type tells without a call.
(declaim (inline rt-pseudovector-p))
(defun rt-pseudovector-p (object code)
  "PSEUDOVECTORP: whether OBJECT is a pseudovector of pvec_type CODE."
  (and (typep object '(or simple-vector structure-object integer))
       (not (typep object '(signed-byte 62)))
       (%pseudovector-p object code)))

;;; With a constant code that one struct of the translation has (structs.lisp, loaded before
;;; the units are compiled, declares them), the type test of that struct: SUB_CHAR_TABLE_P,
;;; BUFFERP, MARKERP ... per character in syntax.c's scans.
(define-compiler-macro rt-pseudovector-p (&whole whole object code)
  (let ((type (and (integerp code) (%pseudovector-struct code))))
    (if type `(typep ,object ',type) whole)))

(defun %pseudovector-struct (code)
  "The structure type whose instances, and only they, are the pseudovectors of pvec_type CODE, if
it is one C struct of the translation (no other type declared with CODE, no subtypes)."
  (let ((types (loop for type being the hash-keys of *pseudovector-types* using (hash-value c)
                     when (eql c code) collect type)))
    (when (and (= (length types) 1)
               (find-class (first types) nil)
               (subtypep (first types) '%c-struct)
               (null (sb-mop:class-direct-subclasses (find-class (first types)))))
      (first types))))

(defun rt-vectorlike-p (object)
  "VECTORLIKEP: a plain vector or a pseudovector."
  ;; A string or a fixnum answers without PSEUDOVECTOR-CODE's TYPE-OF and hash lookup (concat
  ;; asks this of each argument), as in %PSEUDOVECTOR-P.
  (or (simple-vector-p object)
      (and (typep object '(or structure-object integer))
           (not (typep object '(or rt-lisp-string (signed-byte 62))))
           (pseudovector-code object)
           t)))

;;; The header word of a vector (union vectorlike_header's size), as lisp.h encodes it on 64-bit
;;; hosts: a plain vector's length; for a pseudovector PSEUDOVECTOR_FLAG, its pvec_type above
;;; PSEUDOVECTOR_AREA_BITS, then the number of its words that are not Lisp objects, then the
;;; number of Lisp objects after the header.

(defconstant +pseudovector-flag+ (expt 2 62) "PSEUDOVECTOR_FLAG (PTRDIFF_MAX - PTRDIFF_MAX / 2).")
(defconstant +pseudovector-size-bits+ 12 "PSEUDOVECTOR_SIZE_BITS.")
(defconstant +pseudovector-area-bits+ 24 "PSEUDOVECTOR_AREA_BITS (size and rest bits).")

(defun lisp-array-field-p (field)
  (let ((desc (%c-field-desc field)))
    (and (consp desc) (eq (first desc) :array) (eq (second desc) :lisp))))

(defun lisp-slot-count (object)
  "How many Lisp objects follow the header of pseudovector OBJECT, contiguously: its Lisp_Object
fields and the elements of its arrays of them (a flexible array member counting the elements
the instance has, as PVSIZE does for a char-table's extra slots).  When the last member is an
array of Lisp objects after other data, every word up to its end counts: such a pseudovector is
made as a vector of that many slots given its type (lisp.h's make_uninit_sub_char_table, whose
depth and min_char word print.c and chartab.c skip as SUB_CHAR_TABLE_OFFSET)."
  (let* ((offset +vector-header-bytes+) (count 0)
         (fields (sort (coerce (%c-info-fields (%info-of object)) 'list) #'< :key #'%c-field-offset))
         (last (car (last fields))))
    (when (and last (lisp-array-field-p last) (> (%c-field-offset last) offset)
               (some (lambda (f) (and (>= (%c-field-offset f) offset) (not (eq f last))
                                      (not (eq (%c-field-desc f) :lisp))))
                     fields))
      (return-from lisp-slot-count
        (+ (floor (- (%c-field-offset last) offset) 8) (length (funcall (%c-field-reader last) object)))))
    (loop for f in fields
          when (> (%c-field-offset f) offset) do (loop-finish)
          when (= (%c-field-offset f) offset)
            do (cond ((eq (%c-field-desc f) :lisp) (incf count) (incf offset 8))
                     ((lisp-array-field-p f)
                      (let ((n (length (funcall (%c-field-reader f) object))))
                        (incf count n) (incf offset (* 8 n))))
                     (t (loop-finish))))
    count))

(defun slots-header (code length)
  "The header word of a pseudovector of pvec_type CODE whose LENGTH slots are all Lisp objects."
  (logior +pseudovector-flag+ (ash code +pseudovector-area-bits+) length))

(defun rt-vector-header-size (v)
  "XVECTOR (V)->header.size for a plain vector or a pseudovector structure."
  (cond
    ((simple-vector-p v)
     (if (rt-byte-code-vector-p v) (slots-header (pseudovector-code v) (length v)) (length v)))
    ((%record-p v)
     (slots-header (or (pseudovector-code v) (%c-error "records are not declared pseudovectors"))
                   (length (%record-slots v))))
    ((integerp v)                       ; a bignum: no slots
     (logior +pseudovector-flag+
             (ash (or (pseudovector-code v) (%c-error "~A is not a pseudovector" v)) +pseudovector-area-bits+)))
    (t
      (let* ((lisp (lisp-slot-count v))
             (words (ceiling (- (%c-info-size (%info-of v)) +vector-header-bytes+) 8))
             (rest (max 0 (- words lisp))))
        (logior +pseudovector-flag+
                (ash (or (pseudovector-code v) (%c-error "~A is not a pseudovector" v)) +pseudovector-area-bits+)
                (ash rest +pseudovector-size-bits+)
                lisp)))))

(define-pending rt-pseudovector-from-slots (code slots)
  "A fresh pseudovector of pvec_type CODE whose struct's Lisp fields after the header hold the
elements of simple-vector SLOTS (RT-FILL-LISP-SLOTS), its header set as alloc.c sets it: what
a plain vector becomes when its header is made CODE's (RT-STORE-VECTOR-HEADER).")

(defun rt-store-vector-header (v value)
  "Store VALUE into XVECTOR (V)->header.size and return the object that stands for V after it.
Only the allocator sets a vector's header, and the runtime's objects carry theirs, but lread.c
retypes a plain vector it has read (XSETPVECTYPE): into a byte-code object (`#[...]'), which
stays the vector, marked; or into a pseudovector whose objects are a struct (`#^[...]', a
char-table), which a CL vector cannot become: the result is then a new instance of that struct
holding the vector's elements (RT-PSEUDOVECTOR-FROM-SLOTS), and the translated code rebinds the
variables that held V (RT-STORE-CHANGING-OBJECT)."
  (cond
    ((eql value (rt-vector-header-size v)) v)
    ((not (and (simple-vector-p v) (logbitp 62 value)
               (= (ldb (byte +pseudovector-area-bits+ 0) value) (length v))))
     (%c-error "cannot store the header ~D into ~A" value v))
    (t (let ((code (ldb (byte 6 +pseudovector-area-bits+) value)))
         (if (eql code (gethash 'simple-vector *pseudovector-types*))
             (rt-make-byte-code-vector v)
             (rt-pseudovector-from-slots code v))))))

(defmacro rt-store-changing-object ((place &rest copies) store)
  "Run STORE, a store into the object in PLACE that returns the object standing for it after
(RT-STORE-VECTOR-HEADER), and when that is a new object put it in PLACE and in each of the
places COPIES that still holds the old one (the variables of the function connected to PLACE by
assignments: the translator lists them).  Returns the object."
  (let ((old (gensym "OLD")) (new (gensym "NEW")))
    `(let* ((,old ,place) (,new ,store))
       (unless (eq ,new ,old)
         (setf ,place ,new)
         ,@(loop for c in copies collect `(when (eq ,c ,old) (setf ,c ,new))))
       ,new)))

(defun rt-fill-lisp-slots (object slots)
  "Store the elements of simple-vector SLOTS into the Lisp fields of struct instance OBJECT that
follow the vector header, in the order of their offsets: one per Lisp_Object field, as many as
an array of them has, and the rest into a flexible array member (a fresh vector).  The fields
must be Lisp objects up to the last element.  Returns OBJECT."
  (let* ((i 0) (n (length slots)) (info (%info-of object)) (fam (%c-info-fam info)))
    (dolist (f (sort (remove-if (lambda (f) (< (%c-field-offset f) +vector-header-bytes+))
                                (coerce (%c-info-fields info) 'list))
                     #'< :key #'%c-field-offset))
      (when (= i n) (return))
      (cond ((eq (%c-field-desc f) :lisp)
             (funcall (%c-field-writer f) (svref slots i) object)
             (incf i))
            ((and (eq f fam) (lisp-array-field-p f))
             (funcall (%c-field-writer f) (subseq slots i) object)
             (setf i n))
            ((lisp-array-field-p f)
             (let ((array (funcall (%c-field-reader f) object)))
               (replace array slots :start2 i)
               (incf i (min (length array) (- n i)))))
            (t (return))))
    (unless (= i n)
      (%c-error "~D slots do not fit the Lisp fields of ~A" n (type-of object)))
    object))

;;; ------------------------------------------------------------------------------------------
;;; The Lisp_Type of an object (XTYPE), from its CL type.

(defvar *lisp-types* '()
  "(VALUE . KIND) for each enum Lisp_Type constant, from rt-define-lisp-types.")

(defun rt-define-lisp-types (pairs)
  "Record the value of each enum Lisp_Type constant: PAIRS of (VALUE KIND), KIND one of
:symbol :even-fixnum :odd-fixnum :string :vectorlike :cons :float."
  (setf *lisp-types* (loop for (value kind) in pairs collect (cons value kind))))

(defun lisp-object-p (object)
  "Whether OBJECT is a Lisp object of the data model (docs/data-model.md): a symbol, a cons, a
float, an integer, a Lisp string, a vector, a record or a pseudovector."
  (typecase object
    ((or symbol cons double-float integer rt-lisp-string) t)
    (t (rt-vectorlike-p object))))

(defun lisp-kind (object)
  "Which kind of Lisp_Type OBJECT has."
  (typecase object
    (symbol :symbol)
    (cons :cons)
    (double-float :float)
    (integer (cond ((not (rt-fixnump object)) :vectorlike)   ; a bignum is a pseudovector
                   ((evenp object) :even-fixnum)
                   (t :odd-fixnum)))
    (rt-lisp-string :string)
    (t (if (rt-vectorlike-p object)
           :vectorlike
           (%c-error "XTYPE: ~A is not a Lisp object" object)))))

(defun rt-lisp-type (object)
  "XTYPE: the enum Lisp_Type value of OBJECT."
  (let ((kind (lisp-kind object)))
    (or (car (rassoc kind *lisp-types*))
        (%c-error "XTYPE: the enum Lisp_Type values are not registered (~A)" kind))))

(defun rt-taggedp (object tag)
  "TAGGEDP: whether OBJECT's Lisp_Type is TAG."
  (eql (rt-lisp-type object) tag))

;;; ------------------------------------------------------------------------------------------
;;; Local structs of the shared types (AUTO_STRING, AUTO_CONS: a struct Lisp_String or
;;; Lisp_Cons on the C stack, made into a Lisp object by its address).

(defun rt-new-shared (lisp-type)
  "A fresh object of LISP-TYPE for a local struct shared with CL, its fields then set by the
translated code: an empty Lisp string, or a cons of nils."
  (ecase lisp-type
    (rt-lisp-string (rt-make-lisp-string (make-array 0 :element-type '(unsigned-byte 8)) 0 nil))
    (cons (cons nil nil))))
