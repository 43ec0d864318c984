;;;; The entry points that emacs-src-rules/ name: what lisp.h's tagged-word primitives, the
;;;; fields of the structs shared with CL, and the functions of the skipped files (alloc.c,
;;;; bytecode.c, pdumper.c, comp.c, and the setjmp users) become.  Those whose meaning is fixed by
;;;; the data model alone are implemented here; those that need the image's object model (Lisp
;;;; strings with intervals, pseudovector types, the specpdl, non-local exits) are declared with
;;;; DEFINE-PENDING: calling one signals RT-NOT-IMPLEMENTED naming it, until issue 4 gives it a body.

(in-package "EMACS2CL-RUNTIME")

(define-condition rt-not-implemented (error)
  ((name :initarg :name :reader not-implemented-name))
  (:report (lambda (c stream)
             (format stream "the runtime entry point ~(~A~) is declared but not implemented yet"
                     (not-implemented-name c))))
  (:documentation "Signalled by an entry point of the runtime's Emacs interface that is declared
(so translated code compiles against it) but has no implementation yet."))

(defvar *declared-entry-points* '()
  "The names of the entry points DEFINE-PENDING declared, for RT-UNIMPLEMENTED-ENTRY-POINTS.")

(defmacro define-pending (name c-arguments doc)
  "Declare entry point NAME (taking C-ARGUMENTS, for the record) with DOC; calling it signals
RT-NOT-IMPLEMENTED until the glue gives it an implementation (RT-IMPLEMENT).  The declared
function object itself then calls the implementation, since static data (a DEFUN's struct
Lisp_Subr) may hold it from before the glue was loaded."
  `(progn
     (pushnew ',name *declared-entry-points*)
     (defun ,name (&rest args)
       ,(format nil "~A~%~%Declared here; the glue implements it (rt-implement), else it signals ~
RT-NOT-IMPLEMENTED.  C arguments: ~(~A~)." doc c-arguments)
       (let ((implementation (get ',name 'implementation)))
         (if implementation
             (apply implementation args)
             (error 'rt-not-implemented :name ',name))))))

(defun rt-unimplemented-entry-points ()
  "The entry points declared with DEFINE-PENDING that have no implementation (RT-IMPLEMENT) yet,
sorted by name: what translated code may still reach only to signal RT-NOT-IMPLEMENTED."
  (sort (remove-if (lambda (name) (get name 'implementation)) (copy-list *declared-entry-points*))
        #'string< :key #'symbol-name))

(defun rt-implement (name function)
  "Make FUNCTION the implementation of the runtime entry point NAME that DEFINE-PENDING declared
(the glue implements those that need the translation's structs)."
  (setf (get name 'implementation) function
        (fdefinition name) function)
  name)

;;; ------------------------------------------------------------------------------------------
;;; The tagged word and type predicates.

(declaim (inline rt-bool))
(defun rt-bool (x)
  "A C bool from a Lisp truth value: 1 or 0."
  (if x 1 0))

(defconstant +most-positive-fixnum+ (1- (expt 2 61))
  "Emacs's most-positive-fixnum on 64-bit hosts (62-bit fixnums).")

(declaim (inline rt-fixnump))
(defun rt-fixnump (x)
  "Whether X is an integer in Emacs's fixnum range."
  (typep x '(signed-byte 62)))

(declaim (inline rt-fixnum-raw))
(defun rt-fixnum-raw (x)
  "XFIXNUM_RAW: a fixnum is its own value.  Emacs also reads the value of an object it has not
tested yet and then drops it (arith_driver reads its first argument so); C then gets the
object's word shifted, here it gets 0, so that the C integer variable the value lands in
(declared (signed-byte 64), docs/data-model.md) holds an integer.  (Not a number of the object:
SXHASH of a bignum walks its digits, at each bignum operation of pidigits.)"
  (if (typep x '(signed-byte 64)) x 0))

(defun rt-ufixnum-raw (x)
  "XUFIXNUM_RAW: the bits of fixnum X read as a 62-bit unsigned number."
  (ldb (byte 62 0) x))

(defun rt-xil (i)
  "XIL: a tagged word made from an integer has no meaning for CL objects: signals RT-C-ERROR."
  (%c-error "XIL (~D): an integer cannot be made into a Lisp object" i))

(defvar +dead-object+ (make-symbol "DEAD-OBJECT")
  "The value of dead_object (): no Lisp object is EQ to it.")

(defun rt-dead-object ()
  "dead_object (): a value that is not a live Lisp object."
  +dead-object+)

(defun rt-make-float (x)
  "make_float: the double-float of X."
  (coerce x 'double-float))

(sb-ext:defglobal **zero-vector** (vector)
  "alloc.c's zero_vector: every vector of no elements is this one, so (eq [] (vector)) holds and
print-circle shares it (as in the .elc files the byte compiler writes).")

(defun %vector (length init)
  "A simple-vector of LENGTH elements, each INIT, as alloc.c allocates vectors: the empty one is
**ZERO-VECTOR**."
  (if (zerop length) **zero-vector** (make-array length :initial-element init)))

(defun rt-make-nil-vector (n)
  "make_nil_vector: a simple-vector of N nils."
  (%vector n nil))

(defun rt-float-data (f)
  "XFLOAT_DATA: a float is its own data."
  f)

(defun (setf rt-float-data) (value f)
  "Floats are immutable: storing into one (only the allocator does) signals RT-C-ERROR."
  (declare (ignore value))
  (%c-error "cannot store into float ~A" f))

(defun rt-dead-field (object field)
  "A field of a shared struct that only the garbage collector uses (a free list's chain)."
  (%c-error "field ~A of ~A exists only for the C garbage collector" field object))

;;; ------------------------------------------------------------------------------------------
;;; Pointers and integers (docs/data-model.md, "Pointers").

(defstruct (int-pointer (:constructor %int-pointer (value)))
  "A C pointer made from an integer: it converts back to the same integer."
  (value 0 :type integer :read-only t))

(defun rt-int-pointer (n)
  "(T *) N: NULL for 0, else a pointer that is only ever converted back or compared."
  (if (zerop n) nil (%int-pointer n)))

(defun rt-pointer-integer (p)
  "(uintptr_t) P: 0 for NULL, the integer of an int-pointer, else a number unique to P's
object plus P's offset, for hashing and ordering by address."
  (cond ((null p) 0)
        ((int-pointer-p p) (int-pointer-value p))
        ((rt-ptr-p p) (+ (rt-xli (rt-ptr-base p)) (rt-ptr-offset p)))
        (t (rt-xli p))))

(defun rt-struct-bits (object bit-position size struct &optional path)
  "BIT_FIELD_REF <OBJECT, SIZE, BIT-POSITION>: SIZE bits from BIT-POSITION of a struct instance,
assembled from the fields its layout places there (GCC reads several bit-fields at once this
way).  STRUCT names OBJECT's struct; PATH is the member the bits are read from when the struct
is one shared with CL (only Lisp_Symbol's u.s, whose bit-fields the runtime keeps)."
  (declare (notinline symbol-bit-fields))  ; defined in lisp-objects.lisp
  (cond ((null path)
         (multiple-value-bind (byte bit) (floor bit-position 8)
           (ldb (byte size bit) (%bytes-load object byte (ceiling (+ bit size) 8)))))
        ((%symbol-bits-path-p struct path)
         (ldb (byte size bit-position) (symbol-bit-fields object)))
        (t (error 'rt-not-implemented :name 'rt-struct-bits))))

(defun %symbol-bits-path-p (struct path)
  (and (string= (string struct) "Lisp_Symbol") (equal path "u.s")))

;;; Translated code names the struct and the member by constants: the choice is made when the
;;; code is compiled (a symbol's redirect is read this way on every variable access).  Bits of
;;; a generated struct that only integer fields cover are read from those fields' slots:
;;; produce_chars reads coding->src_multibyte and its neighbours as one byte at each character.
(define-compiler-macro rt-struct-bits (&whole whole object bit-position size struct &optional path)
  (let ((struct (%unquote struct)) (path (%unquote path)))
    (cond ((and (symbolp struct) (stringp path) (%symbol-bits-path-p struct path))
           `(ldb (byte ,size ,bit-position) (symbol-bit-fields ,object)))
          ((and (null path) (symbolp struct) (typep bit-position 'fixnum) (typep size '(integer 1 64)))
           (let ((pieces (%struct-bits-pieces struct bit-position size)))
             (if (eq pieces :general)
                 whole
                 (let ((o (gensym "O")))
                   `(let ((,o ,object))
                      (if (typep ,o ',struct)
                          (logior 0 ,@(loop for (accessor from width shift) in pieces
                                            collect `(ash (ldb (byte ,width ,from) (,accessor ,o)) ,shift)))
                          (locally (declare (notinline rt-struct-bits))
                            (rt-struct-bits ,o ,bit-position ,size ',struct))))))))
          (t whole))))

(defun %struct-bits-pieces (struct bit-position size)
  "How RT-STRUCT-BITS of bits BIT-POSITION.. (SIZE of them) of an instance of STRUCT reads them
from integer fields: a list of (ACCESSOR FROM WIDTH SHIFT), WIDTH bits from bit FROM of the
field shifted SHIFT bits into the result (bits no field covers are padding, 0); or :GENERAL if
STRUCT is not a defined struct or a field there is not an integer (a nested struct, an array)."
  (let ((info (car (get struct '%info-cell))))
    (if (or (null info) (%c-info-union-p info))
        :general
        (let* ((lo bit-position) (hi (+ bit-position size))
               (fields (%struct-fields-in info (floor lo 8) (- (ceiling hi 8) (floor lo 8)))))
          (loop for f in fields
                for pos = (%c-field-bitpos f)
                for a = (max lo pos) and b = (min hi (+ pos (%c-field-nbits f)))
                unless (eq (%c-field-kind f) :int) return :general
                when (< a b) collect (list (%c-field-name f) (- a pos) (- b a) (- a lo)))))))

;;; The C library's variables (stdin, stdout, stderr ...): translated code refers to one that no
;;; translated unit defines through rt-external-variable, which gives its box.

(defvar *external-variables*
  (let ((table (make-hash-table :test 'equal)))
    ;; FILE * streams are int-pointers naming the file descriptor's stream to the C library
    ;; functions the runtime provides.
    (loop for (name fd) in '(("stdin" 0) ("stdout" 1) ("stderr" 2))
          do (setf (gethash name table) (rt-make-box (rt-int-pointer (+ fd 1)))))
    table)
  "C library variable name -> its box.")

(defun rt-external-variable (name)
  "The box of the C library's variable NAME; signals RT-C-ERROR for one the runtime lacks."
  (or (gethash name *external-variables*)
      (%c-error "C library variable ~A is not available in the runtime" name)))

;;; ------------------------------------------------------------------------------------------
;;; Declared for the image (issue 4).

(sb-ext:defglobal **pointer-fixnums** (make-hash-table :weakness :value :synchronized t))
(sb-ext:defglobal **next-pointer-fixnum** 0)

(defun rt-pointer-fixnum (pointer)
  "make_pointer_integer: POINTER kept in a Lisp fixnum (Emacs passes a C pointer through Lisp
code this way, e.g. map_keymap's data through map_char_table): a fresh fixnum that
RT-FIXNUM-POINTER turns back into POINTER while POINTER lives."
  (let ((n (incf **next-pointer-fixnum**)))
    (setf (gethash n **pointer-fixnums**) pointer)
    n))

(defun rt-fixnum-pointer (object)
  "XFIXNUMPTR / xmint_pointer: the C pointer RT-POINTER-FIXNUM kept in fixnum OBJECT."
  (multiple-value-bind (pointer found) (gethash object **pointer-fixnums**)
    (unless found
      (%c-error "XFIXNUMPTR (~A): not a pointer kept in a fixnum" object))
    pointer))

(defun rt-symbol-value-ptr (symbol)
  "&XSYMBOL (SYMBOL)->u.s.val.value: a pointer to the value cell of SYMBOL's struct Lisp_Symbol
fields (its SYMBOL-DATA, a box whose value is that cell)."
  (declare (notinline symbol-data))     ; defined in lisp-objects.lisp
  (rt-make-ptr (symbol-data symbol) 0))
