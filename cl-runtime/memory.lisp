;;;; Making, copying and zeroing C objects; raw blocks from malloc; globals.
;;;
;;; Arrays: char arrays (signed or not) are octet vectors; other integer arrays specialized
;;; vectors; float and double arrays single-/double-float vectors; arrays of pointers, Lisp
;;; objects, 128-bit integers, long doubles and complexes simple-vectors; arrays of structs (and
;;; of arrays) simple-vectors of fresh elements.  The latter are remembered with their element
;;; descriptor, so that a pointer into one is told apart from a pointer into a simple-vector of
;;; Lisp objects that happen to be C struct instances: an element struct or union points to its
;;; array (its %C-OBJECT-ARRAY slot), an array of arrays is kept in a weak table.
;;;
;;; Raw blocks: rt-malloc returns a pointer to a %RAW-BLOCK whose representation is fixed by its
;;; first typed use (%MATERIALIZE): an octet vector when it is used as bytes, a simple-vector
;;; when it holds pointers or Lisp objects, a simple-vector of struct instances when it is used
;;; as structs.  Until then it reads as zeros.

(in-package "EMACS2CL-RUNTIME")

;;; Arrays of aggregates.  Weak tables take a global lock on each lookup, so only arrays of
;;; arrays, which are rare, are looked up in one; the elements of an array of structs are fresh
;;; instances that point back to it.

(sb-ext:defglobal **aggregate-vectors**
    (make-hash-table :test 'eq :weakness :key :synchronized t))

(defun %register-vector (vector elt-desc)
  "Remember that simple-vector VECTOR, whose elements are fresh (or not made yet: see %ELT), is a
C array whose elements are of aggregate ELT-DESC."
  (if (eq (car elt-desc) :struct)
      (loop for e across vector when (%c-object-p e) do (setf (%c-object-array e) vector))
      (setf (gethash vector **aggregate-vectors**) elt-desc))
  vector)

(declaim (inline %vector-elt-desc))
(defun %vector-elt-desc (v)
  "The element descriptor of simple-vector V if it is a C array of structs or arrays, else NIL
(a vector of Lisp objects, pointers or other scalars)."
  (declare (type simple-vector v))
  (and (plusp (length v))
       (let ((e (svref v 0)))
         (typecase e
           (%c-object (and (eq (%c-object-array e) v) (%c-info-desc (%info-of e))))
           ;; An array of arrays has arrays of one length from first to last element: a Lisp
           ;; vector holding a vector first (the byte-code stack) rarely does, and is told apart
           ;; without the table's lock.
           (vector (let ((last (svref v (1- (length v)))))
                     (and (vectorp last) (= (length last) (length e))
                          (values (gethash v **aggregate-vectors**)))))
           (array (values (gethash v **aggregate-vectors**)))))))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun %scalar-array-form (elt n)
    "The form making a fresh array of N elements of scalar descriptor ELT, or NIL if ELT is not
a scalar (an array of aggregates has fresh elements)."
    (case elt
      ((:u8 :s8) `(make-array ,n :element-type '(unsigned-byte 8) :initial-element 0))
      (:s16 `(make-array ,n :element-type '(signed-byte 16) :initial-element 0))
      (:u16 `(make-array ,n :element-type '(unsigned-byte 16) :initial-element 0))
      (:s32 `(make-array ,n :element-type '(signed-byte 32) :initial-element 0))
      (:u32 `(make-array ,n :element-type '(unsigned-byte 32) :initial-element 0))
      (:s64 `(make-array ,n :element-type '(signed-byte 64) :initial-element 0))
      (:u64 `(make-array ,n :element-type '(unsigned-byte 64) :initial-element 0))
      (:f64 `(make-array ,n :element-type 'double-float :initial-element 0d0))
      (:f32 `(make-array ,n :element-type 'single-float :initial-element 0f0))
      ((:s128 :u128 :f80 :lisp :ptr :complex) `(make-array ,n :initial-element ',(%desc-zero elt))))))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun %array-lisp-type (elt)
    "The CL type of the arrays of elements of descriptor ELT that RT-NEW makes."
    (let ((scalar (%scalar-array-form elt 0)))
      (if scalar
          `(simple-array ,(or (second (getf (cddr scalar) :element-type)) t) (*))
          'simple-vector))))

(deftype rt-new-type (desc)
  "The CL type of the objects (rt-new 'DESC) makes, for a struct or array DESC."
  (ecase (first desc)
    (:struct (second desc))
    (:array (%array-lisp-type (second desc)))))

(define-compiler-macro rt-new (&whole whole desc)
  (let ((d (and (consp desc) (eq (car desc) 'quote) (second desc))))
    (cond ((null d) whole)
          ((keywordp d) (%desc-zero d))
          ((and (consp d) (eq (car d) :struct) (symbolp (second d)))
           `(funcall ',(%ctor-symbol (second d))))
          ((and (consp d) (eq (car d) :array) (keywordp (second d)) (typep (third d) '(integer 0)))
           ;; A local array (eval_sub's argvals) is made inline, not by a dispatch on ELT.
           (or (%scalar-array-form (second d) (third d)) whole))
          (t whole))))

(defun %new-array (elt n)
  (declare (type (integer 0) n))
  (macrolet ((scalar-cases ()
               `(case elt
                  ,@(loop for e in '(:u8 :s8 :s16 :u16 :s32 :u32 :s64 :u64 :f64 :f32
                                     :s128 :u128 :f80 :lisp :ptr :complex)
                          collect `(,e ,(%scalar-array-form e 'n)))
                  (t (let ((v (make-array n)))
                       (dotimes (i n) (setf (svref v i) (rt-new elt)))
                       (%register-vector v elt))))))
    (scalar-cases)))

(defun rt-new (desc)
  "A fresh, zeroed object of C type DESC: an instance for (:struct NAME), an array for
(:array DESC N) (see memory.lisp for the representations; N = 0 gives an empty vector), the
zero value for a scalar."
  (cond ((atom desc) (%desc-zero desc))
        ((eq (car desc) :struct) (funcall (the function (%c-info-ctor (%info (second desc))))))
        ((eq (car desc) :array) (%new-array (second desc) (third desc)))
        (t (%c-error "rt-new: not a C type descriptor: ~S" desc))))

;;; Large local integer arrays (styled_format's 22 KB sprintf buffer, at each `format') are taken
;;; from a pool and given back when their function exits (the translator writes the
;;; UNWIND-PROTECT): a C local array lives only during its function's call.  Per descriptor (the
;;; literal of the call site: EQ, else EQUAL) a few free arrays are kept.

(sb-ext:defglobal **local-arrays** '()
  "The free local arrays: a list of entries (DESC . ARRAYS).")

(defconstant +local-arrays-kept+ 4 "How many free arrays are kept per descriptor.")

(defun %local-array-entry (desc)
  (or (assoc desc **local-arrays** :test #'eq)
      (assoc desc **local-arrays** :test #'equal)))

(defun rt-take-local-array (desc)
  "An array for a local array of C type DESC, (:array ELT N) with an integer ELT: one given back
by RT-GIVE-LOCAL-ARRAY, as that call left it, or a new one.  Not zeroed again: a C local array
without an initializer has no defined contents, and an initializer is code of its own (`x = {}'
is RT-ZERO-INTO); zeroing styled_format's 22 KB buffer at each `format' was a sixth of the time
of scripts/bench-elisp's hash-table item."
  (let ((entry (%local-array-entry desc)))
    (if (and entry (cdr entry))
        (pop (cdr entry))
        (rt-new desc))))

(defun rt-give-local-array (desc v)
  "Give back array V, made by RT-TAKE-LOCAL-ARRAY for DESC, when the function whose local it is
exits; returns NIL."
  (let ((entry (or (%local-array-entry desc)
                   (let ((e (list desc))) (push e **local-arrays**) e))))
    (when (< (length (cdr entry)) +local-arrays-kept+)
      (push v (cdr entry))))
  nil)

;;; An array of structs made from a raw block (%MATERIALIZE) gets its elements when they are first
;;; reached, not all at once: regex-emacs.c's fail stack is an alloca'd array of 400 unions per
;;; match, of which a match uses a few.  An element not made yet is 0 in the vector (a C array of
;;; structs never holds an integer); element 0 is always made, since it tells the vector's element
;;; type (%VECTOR-ELT-DESC).  Whatever reads an element of an array of aggregates goes through
;;; %ELT, except where a missing element reads as what it stands for (zeros: copying, zeroing).

(declaim (inline %elt))
(defun %elt (v i)
  "Element I of simple-vector V, a C array of aggregates, made now if it was not yet."
  (let ((e (svref v i)))
    (if (eql e 0) (%make-elt v i) e)))

(defun %make-elt (v i)
  (let ((e (rt-new (%c-info-desc (%info-of (svref v 0))))))
    (setf (%c-object-array e) v
          (svref v i) e)))

(defun %copy-elt (d i s j)
  "Element J of array of aggregates S copied into element I of D (C's assignment)."
  (let ((from (svref s j)))
    (cond ((not (eql from 0)) (rt-copy-into (%elt d i) from))
          ((not (eql (svref d i) 0)) (rt-zero-into (svref d i))))))

;;; Copies (C's by-value semantics: pointers and Lisp objects inside are shared).

(defstruct (%view (:constructor rt-view (union offset desc)))
  "Bytes OFFSET.. of a union instance seen as a struct (or array) of type DESC."
  (union nil :type %c-union)
  (offset 0 :type fixnum)
  desc)

(setf (documentation 'rt-view 'function)
      "The struct (or array) of C type DESC that occupies bytes OFFSET.. of union instance UNION,
as an object RT-COPY-INTO and RT-COPY accept: copying into it writes the union's cells, copying
from it reads them.")

(defun rt-copy (x)
  "A copy of X with C's by-value semantics: a fresh struct or union instance or array, nested
structs and arrays copied too, pointers and Lisp objects inside shared.  Any other X is returned
as it is."
  (typecase x
    (%c-struct (funcall (the function (%c-info-copy (%info-of x))) x))
    (%c-union (if (%c-union-pinned x)
                  (%union-assign (funcall (the function (%c-info-ctor (%info-of x)))) x)
                  ;; Nothing pinned (a specpdl entry copied by unbind_to): the cells copied.
                  (let ((new (copy-structure x)))
                    (setf (%c-object-array new) nil ; a copy is in no array
                          (%c-union-cells new) (copy-seq (%c-union-cells x))
                          (%c-union-descs new) (copy-seq (%c-union-descs x)))
                    new)))
    (simple-vector (let ((elt (%vector-elt-desc x)))
                     (if elt
                         (%register-vector (map 'simple-vector #'rt-copy x) elt)
                         (copy-seq x))))
    (vector (copy-seq x))
    (%view (%cells-to-object (%view-union x) (%view-offset x) (%view-desc x)))
    (t x)))

(defun rt-copy-into (dest src)
  "Copy the contents of SRC into DEST (C's struct or array assignment) and return DEST.  Both are
of the same type, except that an octet vector SRC may be shorter than DEST (a char array
initialized from a string literal): the rest of DEST is left as it is.  Either may be an
RT-VIEW of a union."
  (cond ((eq dest src) dest)
        ((%view-p src)
         (if (%view-p dest)
             (%object-to-cells (%view-union dest) (%view-offset dest) (%view-desc dest)
                               (rt-copy src))
             (rt-copy-into dest (rt-copy src))))
        (t
         (typecase dest
           (%c-struct
            (unless (%same-c-type-p src dest)
              (%c-error "rt-copy-into: cannot copy ~A into ~A" (%describe src) (%describe dest)))
            (funcall (the function (%c-info-copy-into (%info-of dest))) dest src))
           (%c-union
            (unless (%same-c-type-p src dest)
              (%c-error "rt-copy-into: cannot copy ~A into ~A" (%describe src) (%describe dest)))
            (%union-assign dest src))
           (%view
            (%object-to-cells (%view-union dest) (%view-offset dest) (%view-desc dest) src)
            dest)
           (octets
            (unless (typep src 'octets)
              (%c-error "rt-copy-into: cannot copy ~A into ~A" (%describe src) (%describe dest)))
            (replace dest src)
            dest)
           (simple-vector
            (unless (simple-vector-p src)
              (%c-error "rt-copy-into: cannot copy ~A into ~A" (%describe src) (%describe dest)))
            (if (%vector-elt-desc dest)
                (loop for i below (min (length dest) (length src)) do (%copy-elt dest i src i))
                (replace dest src))
            dest)
           (vector
            (unless (and (vectorp src) (equal (array-element-type src) (array-element-type dest)))
              (%c-error "rt-copy-into: cannot copy ~A into ~A" (%describe src) (%describe dest)))
            (replace dest src)
            dest)
           (t (%c-error "rt-copy-into: ~A is not a struct, union or array" (%describe dest)))))))

(defun %zero-like (x)
  (typecase x (integer 0) (double-float 0d0) (single-float 0f0) (t nil)))

(defun rt-zero-into (dest)
  "Set every field or element of struct, union or array DEST to zero (C's `= {0}` on an existing
object); return DEST."
  (typecase dest
    (%c-struct (funcall (the function (%c-info-zero (%info-of dest))) dest))
    (%c-union (let ((descs (%c-union-descs dest)) (cells (%c-union-cells dest)))
                ;; A pinned instance stays where the pointers to it are, zeroed.
                (dotimes (i (length descs) dest)
                  (let ((d (svref descs i)))
                    (cond ((consp d) (rt-zero-into (svref cells i)))
                          ((eq d :pinned))
                          (t (setf (svref descs i) nil (svref cells i) nil)))))))
    (%view (%object-to-cells (%view-union dest) (%view-offset dest) (%view-desc dest)
                             (rt-new (%view-desc dest)))
           dest)
    (simple-vector (if (%vector-elt-desc dest)
                       (loop for x across dest unless (eql x 0) do (rt-zero-into x))
                       (loop for i below (length dest)
                             do (setf (svref dest i) (%zero-like (svref dest i)))))
                   dest)
    ((vector double-float) (fill dest 0d0))
    ((vector single-float) (fill dest 0f0))
    (vector (fill dest 0))
    (t (%c-error "rt-zero-into: ~A is not a struct, union or array" (%describe dest)))))

;;; Structs inside unions (RT-VIEW): the union's cells hold the struct's scalars at their offsets,
;;; as the translation's own field accesses into a union member do.

(defun %cells-to-object (union offset desc)
  (if (atom desc)
      (rt-cell union offset desc)
      (ecase (car desc)
        (:struct
         (let* ((info (%info (second desc))))
           (if (%c-info-union-p info)
               (let ((new (%union-expand (funcall (the function (%c-info-ctor info))))))
                 (%union-expand union)
                 (%check-unpinned union offset (%c-info-size info))
                 (replace (%c-union-cells new) (%c-union-cells union) :start2 offset)
                 (replace (%c-union-descs new) (%c-union-descs union) :start2 offset)
                 new)
               (let ((new (funcall (the function (%c-info-ctor info)))))
                 (loop for f across (%c-info-fields info)
                       for d = (%c-field-desc f)
                       unless (%fam-desc-p d)
                         do (let ((v (%cells-to-object union (+ offset (%c-field-offset f)) d)))
                              (if (%aggregate-desc-p d)
                                  (rt-copy-into (funcall (%c-field-reader f) new) v)
                                  (funcall (%c-field-writer f)
                                           (if (and (%c-field-bitfield f) (integerp v))
                                               (if (%c-field-signed f)
                                                   (%wrap-s (%c-field-nbits f) v)
                                                   (%wrap-u (%c-field-nbits f) v))
                                               v)
                                           new))))
                 new))))
        (:array
         (let* ((elt (second desc)) (size (%desc-size elt)) (new (rt-new desc)))
           (dotimes (i (length new) new)
             (let ((v (%cells-to-object union (+ offset (* i size)) elt)))
               (if (%aggregate-desc-p elt)
                   (rt-copy-into (aref new i) v)
                   (setf (aref new i) (if (typep new 'octets) (ldb (byte 8 0) v) v))))))))))

(defun %object-to-cells (union offset desc value)
  (if (atom desc)
      (setf (rt-cell union offset desc) value)
      (ecase (car desc)
        (:struct
         (let ((info (%info (second desc))))
           (if (%c-info-union-p info)
               (progn (%union-expand union)
                      (%union-expand value)
                      (%check-unpinned union offset (%c-info-size info))
                      (%check-unpinned value 0 (%c-info-size info))
                      (replace (%c-union-cells union) (%c-union-cells value) :start1 offset)
                      (replace (%c-union-descs union) (%c-union-descs value) :start1 offset))
               (loop for f across (%c-info-fields info)
                     for d = (%c-field-desc f)
                     unless (%fam-desc-p d)
                       do (%object-to-cells union (+ offset (%c-field-offset f)) d
                                            (funcall (%c-field-reader f) value))))))
        (:array
         (let ((elt (second desc)) (size (%desc-size (second desc))))
           (dotimes (i (length value))
             (%object-to-cells union (+ offset (* i size)) elt
                               (let ((v (aref value i)))
                                 (if (and (typep value 'octets) (eq elt :s8)) (rt-s8 v) v)))))))))

;;; Struct members of unions that the code points to: pinned instances (structs.lisp).

(defun %pinned-in (union start end)
  "The offsets of the instances pinned in UNION that overlap bytes START..END."
  (let ((descs (%c-union-descs union)))
    (declare (type fixnum start end))
    ;; Nothing is pinned in nearly every union: that is decided by its flag, without a scan.
    (when (and (%c-union-pinned union)
               (loop for i of-type fixnum from start below end
                     thereis (%pinned-desc-p (svref descs i))))
      (remove-duplicates
       (loop for i from start below end
             for d = (svref descs i)
             when (%pinned-desc-p d) collect (nth-value 1 (%union-pin union i)))))))

(defun %check-unpinned (union offset size)
  (when (%pinned-in union offset (+ offset size))
    (%c-error "a union nested in ~A at offset ~D overlaps a struct member pointed to"
              (%describe union) offset)))

(defun %pin (union offset obj)
  "Make OBJ, a struct instance, the storage of bytes OFFSET.. of UNION."
  (%union-expand union)                 ; pinned cells are by byte offset
  (let ((descs (%c-union-descs union)) (cells (%c-union-cells union)))
    ;; Every pinned cell is written here (or copied from a union whose flag is set): the flag
    ;; first, so that no pinned cell is ever in a union whose flag is false.
    (setf (%c-union-pinned union) t)
    (setf (svref descs offset) (%c-info-desc (%info-of obj)) (svref cells offset) obj)
    (loop for i from (1+ offset) below (+ offset (%object-size obj))
          do (setf (svref descs i) :pinned (svref cells i) offset))
    obj))

(defun %union-member (union offset name)
  "The instance of struct NAME at byte OFFSET of union instance UNION, which a pointer to that
member designates: made from the union's bytes on the first such use and pinned there, so that
the union's cells and the pointers to the instance see one storage."
  (let* ((info (%info name)) (size (%c-info-size info)))
    (when (or (%c-info-union-p info) (> (+ offset size) (%union-size union)))
      (%c-error "rt-obj: no ~A at offset ~D of ~A" name offset (%describe union)))
    (multiple-value-bind (obj k) (%union-pin union offset)
      (when (and obj (eql k offset) (%instance-of-p obj name))
        (return-from %union-member obj)))
    (when (%pinned-in union offset (+ offset size))
      (%c-error "rt-obj: ~A at offset ~D of ~A overlaps another struct member pointed to"
                name offset (%describe union)))
    (let ((obj (%cells-to-object union offset (%c-info-desc info))))
      (%union-expand union)
      (fill (%c-union-descs union) nil :start offset :end (+ offset size))
      (fill (%c-union-cells union) nil :start offset :end (+ offset size))
      (%pin union offset obj))))

(defun %union-assign (dest src)
  "Union assignment DEST = SRC (same type): DEST's cells become SRC's; an instance pinned in SRC
is copied, and one pinned in DEST stays pinned (pointers hold it) with SRC's bytes there."
  (unless (or (%c-union-pinned dest) (%c-union-pinned src))
    ;; Nothing pinned on either side (a specpdl entry copied by unbind_to): the cells, a cell
    ;; per byte on both sides or the cells of their type's map on both.
    (unless (eq (null (%c-union-map dest)) (null (%c-union-map src)))
      (%union-expand dest)
      (%union-expand src))
    (replace (the simple-vector (%c-union-cells dest)) (the simple-vector (%c-union-cells src)))
    (replace (the simple-vector (%c-union-descs dest)) (the simple-vector (%c-union-descs src)))
    (return-from %union-assign dest))
  ;; SRC's pinned cells, if any, land in DEST (and are replaced by copies below).
  (%union-expand dest)
  (%union-expand src)
  (setf (%c-union-pinned dest) t)
  (let* ((n (length (%c-union-cells dest)))
         (kept (loop for k in (%pinned-in dest 0 n)
                     for obj = (svref (%c-union-cells dest) k)
                     collect (list k obj (%cells-to-object src k (%c-info-desc (%info-of obj)))))))
    (replace (%c-union-cells dest) (%c-union-cells src))
    (replace (%c-union-descs dest) (%c-union-descs src))
    (loop for i below n
          when (consp (svref (%c-union-descs dest) i))
            do (setf (svref (%c-union-cells dest) i) (rt-copy (svref (%c-union-cells dest) i))))
    (loop for (k obj contents) in kept
          for size = (%object-size obj)
          do (let ((there (%pinned-in dest k (+ k size))))
               (unless (or (null there)
                           (and (equal there (list k))
                                (%same-c-type-p (svref (%c-union-cells dest) k) obj)))
                 (%c-error "union assignment: a struct member pointed to in ~A overlaps another in ~A"
                           (%describe dest) (%describe src))))
             (fill (%c-union-descs dest) nil :start k :end (+ k size))
             (fill (%c-union-cells dest) nil :start k :end (+ k size))
             (%pin dest k (rt-copy-into obj contents)))
    dest))

;;; String literals.

(defun rt-octets (hex)
  "A fresh octet vector from the hexadecimal string HEX (two digits per byte)."
  (let* ((n (floor (length hex) 2))
         (v (make-array n :element-type '(unsigned-byte 8))))
    (dotimes (i n v)
      (setf (aref v i) (parse-integer hex :start (* 2 i) :end (+ 2 (* 2 i)) :radix 16)))))

;;; Globals.

(deftype rt-global-type (desc)
  "The CL type of the value of a global variable RT-DEFINE-GLOBAL defines for a C variable of
type DESC: its one object, which is changed in place and never replaced."
  (if (%aggregate-desc-p desc) `(rt-new-type ,desc) 'rt-box))

(defmacro rt-define-global (name desc)
  "Define the global variable NAME (with SB-EXT:DEFINE-LOAD-TIME-GLOBAL, so the value is made at
load time only) for a C variable of type DESC: a fresh RT-NEW object for a struct or array, else
a box holding the zero of DESC.  Evaluating it again keeps the existing value."
  (let ((d (%unquote desc)))
    `(sb-ext:define-load-time-global ,name
         ,(if (%aggregate-desc-p d)
              `(rt-new ',d)
              `(rt-make-box ,(%desc-zero d))))))

;;; Raw blocks.

(defstruct (%raw-block (:constructor %make-raw-block (size)))
  "A block of SIZE bytes from malloc or alloca, whose representation (DATA) is fixed by its first
typed use.  A block whose first use is as bytes at an offset K > 0 is split there (SPLIT is
(K . DATA of bytes K..SIZE)): C code carves one allocation into parts of different types
(styled_format's array of struct info followed by bytes), and each part gets its own
representation.  CLEARED lists the regions (START . END) that memset cleared inside the block
while it was undecided: such a region is where a part starts, so a first use as bytes inside one
splits at its START (styled_format clears its bytes, then marks some of them).  The part after
a split may itself be a raw block with parts of its own (%CARVE-FOR-COPY).  KIND tells what DATA
was made, so that an access through a pointer into the block finds its place in one memory read:
:WORDS (Lisp objects or pointers: eval_sub's block of a subr's arguments), or the layout of the
elements when DATA is an array of struct or union instances (no flexible array member), so that
finding the element a pointer designates is a compare and a division (%ARRAY-ELEMENT: the
specpdl, regex-emacs.c's fail stack); NIL otherwise (not made yet, bytes)."
  (size 0 :type (integer 0))
  (data nil)
  (split nil)
  (cleared nil :type list)
  (kind nil :type (or null (eql :words) %c-info))
  (site nil)                            ; the RT-ALLOCA-SITE of an alloca'd block, to go back to
  (start nil))                          ; the pointer to its start RT-ALLOCA-AT gives, made once

(defmethod print-object ((b %raw-block) stream)
  (print-unreadable-object (b stream :identity t)
    (format stream "raw block of ~D bytes~@[ as ~A~]" (%raw-block-size b)
            (and (%raw-block-data b) (%describe (%raw-block-data b))))))

(defun %raw-resolve (block off how)
  "Where byte OFF of raw block BLOCK is, materializing as HOW (see %MATERIALIZE) the part it falls
in: (values DATA OFFSET-IN-DATA)."
  (declare (type %raw-block block))
  (let ((split (%raw-block-split block)))
    (cond ((and split (>= off (car split)) (%raw-block-p (cdr split)))
           (%raw-resolve (cdr split) (- off (car split)) how))
          ((and split (>= off (car split)))
           (values (cdr split) (- off (car split))))
          ((or (%raw-block-data block) split (<= off 0) (>= off (%raw-block-size block))
               ;; A first use as words or structs inside the block is an array used from an
               ;; element on (specpdl = pdlvec + 1): the whole block is that array.
               (not (eq how :bytes)))
           (values (%materialize block how) off))
          (t ;; First use inside the block: the part from OFF on (or from the start of a
           ;; region cleared before, around OFF) is its own object.
           (let* ((start (loop for (b . e) in (%raw-block-cleared block)
                               when (and (< 0 b) (<= b off) (< off e)) minimize b into m
                               finally (return (or m off))))
                  (tail (%make-raw-block (- (%raw-block-size block) start))))
             (setf (%raw-block-split block) (cons start (%materialize tail how)))
             (values (cdr (%raw-block-split block)) (- off start)))))))

(defun %materialize (block how)
  "The data of raw block BLOCK, made now if it has none: HOW is :bytes (an octet vector), :words
(a simple-vector, 8 bytes an element) or (:struct NAME) (a simple-vector of instances; a struct
with a flexible array member gets one instance whose member takes the rest of the block)."
  (declare (type %raw-block block))
  (or (%raw-block-data block)
      (let* ((split (%raw-block-split block))
             (size (if split (car split) (%raw-block-size block))))
        (when (and split (eq how :bytes) (typep (cdr split) '(simple-array (unsigned-byte 8) (*))))
          ;; Bytes before bytes: one vector again, as if the block had never been split.
          (let ((whole (make-array (%raw-block-size block) :element-type '(unsigned-byte 8)
                                                           :initial-element 0)))
            (replace whole (cdr split) :start1 size)
            (setf (%raw-block-split block) nil)
            (return-from %materialize (setf (%raw-block-data block) whole))))
        (setf (%raw-block-data block)
              (cond ((eq how :bytes) (make-array size :element-type '(unsigned-byte 8)
                                                      :initial-element 0))
                    ;; SIZE is a fixnum: the rounding is a shift, not a generic CEILING (a
                    ;; fresh block of a subr's arguments is made words at each call).
                    ((eq how :words) (setf (%raw-block-kind block) :words)
                                     (make-array (ash (+ (the fixnum size) 7) -3)
                                                 :initial-element nil))
                    ((and (consp how) (eq (car how) :struct))
                     (let* ((info (%info (second how)))
                            (ssize (max 1 (%c-info-size info)))
                            (fam (%c-info-fam info)))
                       (if fam
                           (let ((obj (rt-new how))
                                 (elt (second (%c-field-desc fam))))
                             (funcall (%c-field-writer fam)
                                      (rt-new (list :array elt
                                                    (max 0 (floor (- size (%c-field-offset fam))
                                                                  (max 1 (%desc-size elt))))))
                                      obj)
                             (%register-vector (vector obj) how))
                           (let ((v (make-array (max 1 (floor (the fixnum size) ssize)) :initial-element 0))
                                 (e (rt-new how)))
                             ;; The other elements are made when reached (%ELT).
                             (setf (%c-object-array e) v (svref v 0) e)
                             (when (plusp (%c-info-size info))
                               (setf (%raw-block-kind block) info))
                             v))))
                    (t (%c-error "cannot use a raw block as ~S" how)))))))

(defun %split-bytes (block at)
  "Split the octets that are BLOCK's data (its bytes 0..K, K its split or its size) at AT, 0 < AT
< K: BLOCK keeps bytes 0..AT, and the rest of BLOCK becomes a raw block of its own, the split's
part, whose data is bytes AT..K and whose own split is BLOCK's old one.  That part is returned."
  (let* ((data (%raw-block-data block))
         (split (%raw-block-split block))
         (tail (%make-raw-block (- (%raw-block-size block) at))))
    (setf (%raw-block-data tail) (subseq data at)
          (%raw-block-split tail) (and split (cons (- (car split) at) (cdr split)))
          (%raw-block-data block) (subseq data 0 at)
          (%raw-block-split block) (cons at tail))
    tail))

(defun %carve-for-copy (block off n how)
  "Make bytes OFF..OFF+N of raw block BLOCK a part of their own represented as HOW (see
%MATERIALIZE), when a copy of objects that are not bytes (structs holding pointers, Lisp objects)
lands there while those bytes are octets all zero (never written, or written as zeros):
C code serializes different things into one block (bidi.c's bidi_shelve_cache: a count, then an
array of struct bidi_it, then more scalars), and an untouched region reads the same in any
representation.  Bytes on either side stay octets.  True when BLOCK was carved."
  (flet ((untouched-bytes-p (data off)
           (and (typep data 'octets) (plusp n) (<= (+ off n) (length data))
                (not (find-if #'plusp data :start off :end (+ off n))))))
    (let ((split (%raw-block-split block)))
      (if (and split (>= off (car split)))
          (let ((part (cdr split)) (poff (- off (car split))))
            (cond ((%raw-block-p part) (%carve-for-copy part poff n how))
                  ((untouched-bytes-p part poff)
                   ;; Octets after a split become a raw block of their own, to be carved.
                   (let ((tail (%make-raw-block (- (%raw-block-size block) (car split)))))
                     (setf (%raw-block-data tail) part (cdr split) tail)
                     (%carve-for-copy tail poff n how)))))
          (when (untouched-bytes-p (%raw-block-data block) off)
            (when (plusp off) (setf block (%split-bytes block off)))
            (when (< n (length (%raw-block-data block))) (%split-bytes block n))
            (setf (%raw-block-data block) nil)
            (%materialize block how)
            t)))))

(defun rt-malloc (n)
  "malloc (N): a pointer to a fresh raw block of N bytes (zeroed), whose representation is fixed
by its first typed use."
  (rt-make-ptr (%make-raw-block n) 0))

;;; An alloca'd block lives until its function exits; then it goes back to the pool of its call
;;; site, which gives it to the next call asking for a block of that size, as it was left (its data
;;; made, of that site's representation: docs/data-model.md).  regex-emacs.c's matcher allocates
;;; its fail stack, 400 unions, at each position it tries.

(defstruct (rt-alloca-site (:constructor %make-alloca-site ()))
  "The free blocks of one call site of alloca (the translation's LOAD-TIME-VALUE)."
  (free '() :type list))

(defun rt-make-alloca-site ()
  "A new call site of alloca, with no free blocks."
  (%make-alloca-site))

(defconstant +alloca-blocks-kept+ 4 "How many free blocks a call site keeps.")

(defun %take-alloca-block (site n)
  "A raw block of N bytes that SITE was given back, else a new one of SITE."
  (declare (type rt-alloca-site site))
  (let ((free (rt-alloca-site-free site)))
    ;; A call site nearly always asks for one size: its first free block.
    (if (and free (= (%raw-block-size (first free)) n))
        (pop (rt-alloca-site-free site))
        (let ((b (find n free :key #'%raw-block-size)))
          (cond (b (setf (rt-alloca-site-free site) (delete b free :count 1)))
                (t (setf b (%make-raw-block n) (%raw-block-site b) site)))
          b))))

(defmacro rt-alloca-at (site n blocks)
  "alloca (N) at call site SITE: a pointer to a block of N bytes, one SITE was given back or a new
one, pushed onto the place BLOCKS, which the function gives back (RT-GIVE-ALLOCA-BLOCKS) when it
exits."
  (let ((b (gensym "BLOCK")))
    `(let ((,b (%take-alloca-block ,site ,n)))
       (push ,b ,blocks)
       (%alloca-block-start ,b))))

(defun %alloca-block-start (b)
  "The pointer to the start of alloca'd block B: one for the block's life, as a box has (the
regexp matcher's fail stack, at each position a search tries, makes none).  A pointer's base and
offset never change, and what it remembers having found stays what it designates: a block keeps
its representation when its site takes it again."
  (or (%raw-block-start b) (setf (%raw-block-start b) (rt-make-ptr b 0))))

(defun rt-give-alloca-blocks (blocks)
  "Give BLOCKS (taken by RT-ALLOCA-AT) back to their call sites; returns NIL."
  (dolist (b blocks)
    (let ((site (%raw-block-site b)))
      (when (< (length (rt-alloca-site-free site)) +alloca-blocks-kept+)
        (push b (rt-alloca-site-free site)))))
  nil)

(declaim (inline rt-alloca-words))
(defun rt-alloca-words (n &rest align)
  "alloca (N) where the translation knows the block holds Lisp objects or pointers
(SAFE_ALLOCA_LISP): a pointer to a fresh simple-vector of its words, what the block's first such
use would make of a raw block, so that each access is a vector's (not a raw block's)."
  (declare (ignore align) (type (integer 0) n))
  (rt-make-ptr (make-array (ash (+ n 7) -3) :initial-element nil) 0))

(defun rt-free (p)
  "free (P): nothing (the garbage collector reclaims blocks)."
  (declare (ignore p))
  nil)
