;;;; C structs and unions as CL structures, with their layouts.
;;;
;;; (rt-define-struct NAME SIZE FIELDS) defines the structure type NAME (a subtype of %C-STRUCT)
;;; with one slot per field, whose accessor is the field's accessor symbol, and records the
;;; layout (offset, descriptor, bit-field position) so that a pointer into an instance resolves
;;; (pointers.lisp, objects.lisp).  (rt-define-union NAME SIZE) defines a union: its storage is
;;; a cell per byte offset, read and written with RT-CELL.  Both register NAME, so that
;;; (rt-new '(:struct NAME)) makes an instance.
;;;
;;; Nothing is interned in the caller's package: the structure's slots are named by the given
;;; accessor symbols, and its constructor by a symbol of this package derived from NAME.

(in-package "EMACS2CL-RUNTIME")

(defstruct (%c-object (:constructor nil) (:copier nil) (:predicate %c-object-p) (:conc-name nil))
  "The supertype of the structures generated for C structs and unions.  Every instance points to
the cell holding its type's layout, so that finding it is one memory read, and an element of a C
array of structs or unions to that array (memory.lisp), so that telling a C array from a Lisp
vector of struct instances is one memory read too."
  (%c-object-cell (list nil) :type cons :read-only t)
  (%c-object-array nil :type (or null simple-vector)))

(defstruct (%c-struct (:include %c-object) (:constructor nil) (:copier nil)
                      (:predicate %c-struct-p))
  "The supertype of the structures generated for C structs.")

(defstruct (%c-union (:include %c-object) (:constructor nil) (:copier nil)
                     (:predicate %c-union-p) (:conc-name nil))
  "The supertype of the structures generated for C unions: a value (and the descriptor it was
written with) per cell.  MAP, when not NIL, gives the cell of each byte offset (-1 for a byte no
member's scalar starts at, which has none); NIL means a cell per byte offset (%UNION-EXPAND).
PINNED is true once a struct member was pinned in it (or it got the cells of a union that had
one, see %PIN): while it is false, no cell is a pinned one, so that copying and assigning a union
(unbind_to's copy of a specpdl entry) copies the cells without looking at each for a pinned
instance.  A union with PINNED true has a cell per byte."
  (%c-union-cells #() :type simple-vector)
  (%c-union-descs #() :type simple-vector)
  (%c-union-map nil :type (or null (simple-array fixnum (*))))
  (%c-union-pinned nil))

(defstruct (%c-field (:constructor %make-c-field))
  "One field of a struct's layout."
  (name nil :type symbol)               ; its accessor
  (offset 0 :type fixnum)               ; in bytes
  (desc nil)
  (kind nil :type (member :int :float :obj :struct :array))
  (extent 0 :type (or null fixnum))     ; bytes covered; NIL for a flexible array member
  (bitpos 0 :type fixnum)               ; in bits from the start of the struct
  (nbits 0 :type fixnum)
  (bitfield nil)
  (signed nil)
  (size 0 :type fixnum)                 ; sizeof its type, for a scalar
  (reader nil :type (or null function)) ; (lambda (obj))
  (writer nil :type (or null function))) ; (lambda (value obj))

(defstruct (%c-info (:constructor %make-c-info))
  "What the runtime knows of a struct or union type."
  (name nil :type symbol)
  (desc nil :type cons)                 ; (:struct NAME), the descriptor of its instances
  (size 0 :type fixnum)
  (union-p nil)
  (fields #() :type simple-vector)
  (byte-map nil :type (or null simple-vector)) ; byte offset -> fields covering it (built lazily)
  (fam nil)                             ; the flexible array member, if any
  (reach nil :type list)                ; (ARRAYS-P . NAMES) nested in it (built lazily)
  (head :unknown)                       ; its scalar field at offset 0, or NIL (%HEAD-FIELD)
  (pvec :unknown)                       ; its pvec_type code, or NIL (lisp-objects.lisp)
  (ctor nil :type (or null function))
  (copy nil :type (or null function))   ; (lambda (src)) -> a deep copy
  (copy-into nil :type (or null function)) ; (lambda (dst src))
  (zero nil :type (or null function)))  ; (lambda (obj))

;;; The layouts by name.  A layout is found from its name on hot paths (a descriptor's size, an
;;; array's stride), so it is kept on the name's property list too: a synchronized table takes a
;;; lock on every lookup.  The table lists the types (libc-sys.lisp searches them by C name).
(sb-ext:defglobal **c-types** (make-hash-table :test 'eq :synchronized t))

(declaim (inline %symbol-property))
(defun %symbol-property (symbol indicator)
  "(GET SYMBOL INDICATOR), without a call when INDICATOR is SYMBOL's first property (the runtime
gives the symbols it keeps data on that property first, and usually only)."
  (let ((plist (symbol-plist symbol)))
    (if (eq (car plist) indicator) (cadr plist) (get symbol indicator))))

(defun %info-cell (name)
  "The cell (a cons whose car is the layout) that the instances of struct or union NAME share."
  (or (get name '%info-cell)
      (setf (get name '%info-cell) (list nil))))

(declaim (inline %info))
(defun %info (name)
  "The layout of struct or union NAME."
  (or (car (%symbol-property name '%info-cell)) (%undefined-c-type name)))

(defun %undefined-c-type (name)
  (%c-error "struct or union ~S is not defined (no rt-define-struct or rt-define-union)" name))

(declaim (inline %info-of %same-c-type-p %instance-of-p))
(defun %info-of (obj)
  "The layout of the type of struct or union instance OBJ."
  (declare (type %c-object obj))
  (or (car (%c-object-cell obj)) (%info (type-of obj))))

(defun %same-c-type-p (a b)
  "True if A and B are instances of the same struct or union type."
  (and (%c-object-p a) (%c-object-p b) (eq (%c-object-cell a) (%c-object-cell b))))

(defun %instance-of-p (x name)
  "True if X is an instance of the struct or union type NAME."
  (and (%c-object-p x)
       (let ((info (car (%c-object-cell x))))
         (if info (eq (%c-info-name info) name) (eq (type-of x) name)))))

(defun %struct-size (name)
  (%c-info-size (%info name)))

(defun %ctor-symbol (name)
  "The constructor of struct or union NAME: a symbol of this package, so that nothing is interned
in the caller's."
  (let ((pkg (symbol-package name)))
    (intern (format nil "%NEW ~A::~A" (if pkg (package-name pkg) "#") (symbol-name name))
            "EMACS2CL-RUNTIME")))

;;; Field specs: (ACCESSOR BYTE-OFFSET DESC) or (ACCESSOR BYTE-OFFSET DESC (:bits BIT BITS SIGNED)).

(defun %parse-field-spec (spec)
  (destructuring-bind (accessor offset desc &optional bits) spec
    (unless (and (symbolp accessor) (typep offset '(integer 0)))
      (error "bad field spec ~S" spec))
    (when bits
      (unless (and (consp bits) (eq (first bits) :bits) (= (length bits) 4))
        (error "bad bit-field spec ~S" spec)))
    (list accessor offset (%unquote desc) (and bits (rest bits)))))

(defun %unquote (form)
  (if (and (consp form) (eq (car form) 'quote)) (second form) form))

(defun %desc-kind (desc)
  (cond ((%int-desc-bits desc) :int)
        ((%float-desc-p desc) :float)
        ((member desc '(:lisp :ptr :complex)) :obj)
        ((and (consp desc) (eq (car desc) :struct)) :struct)
        ((and (consp desc) (eq (car desc) :array)) :array)
        (t (error "not a C type descriptor: ~S" desc))))

(defun %fam-desc-p (desc)
  (and (consp desc) (eq (car desc) :array) (eql (third desc) 0)))

(defun %slot-initform (desc)
  (ecase (%desc-kind desc)
    ((:int :float :obj) (%desc-zero desc))
    (:struct `(funcall ',(%ctor-symbol (second desc))))
    (:array `(rt-new ',desc))))

(defun %slot-lisp-type (desc)
  "The CL type of a struct field of DESC: a field holds an object of its representation, so that
SBCL compiles an access to an element of an array field (a char-table's contents) as one on a
simple-vector or a specialized vector, not through the generic AREF.  A flexible array member
(N = 0) of scalars may be kept in another representation (a bool-vector's words are bytes), so
it is only known to be a vector; one of Lisp objects or pointers is a simple-vector."
  (if (eq (%desc-kind desc) :array)
      (cond ((not (eql (third desc) 0)) (%array-lisp-type (second desc)))
            ((member (second desc) '(:lisp :ptr)) 'simple-vector)
            ((%scalar-array-form (second desc) 0) '(simple-array * (*)))
            (t 'simple-vector))
      (%desc-lisp-type desc)))

(defmacro rt-define-struct (name size fields)
  "Define the structure type NAME for a C struct of SIZE bytes.  FIELDS is a list of
(ACCESSOR BYTE-OFFSET DESC) or (ACCESSOR BYTE-OFFSET DESC (:bits BIT-OFFSET-IN-BYTE BIT-SIZE
SIGNED)); ACCESSOR becomes a setf-able accessor.  A new instance has every field zero: 0, 0d0,
0f0, NIL for pointers and Lisp objects, a fresh instance for a nested struct, a fresh array for
an array.  The layout is recorded so that pointers into instances resolve."
  (let* ((ctor (%ctor-symbol name))
         (specs (mapcar #'%parse-field-spec (%unquote fields)))
         (dst (make-symbol "DST")) (src (make-symbol "SRC")) (obj (make-symbol "OBJ")))
    `(progn
       (defstruct (,name (:include %c-struct)
                         (:constructor ,ctor
                             (&aux (%c-object-cell (load-time-value (%info-cell ',name)))))
                         (:copier nil)
                         (:predicate nil) (:conc-name nil))
         ,@(loop for (acc nil desc) in specs
                 collect `(,acc ,(%slot-initform desc) :type ,(%slot-lisp-type desc))))
       (%register-c-type
        ',name ,size nil ',specs
        #',ctor
        (lambda (,src)
          (declare (type ,name ,src))
          ;; A fresh instance (in no array, its nested structs and arrays fresh, an empty
          ;; flexible array member) given SRC's contents: an inline allocation, where
          ;; COPY-STRUCTURE is a generic one (struct lispfwd is copied at every specbind).
          (let ((,dst (,ctor)))
            ,@(loop for (acc nil desc) in specs
                    for kind = (%desc-kind desc)
                    unless (%fam-desc-p desc)
                      collect (if (member kind '(:struct :array))
                                  `(rt-copy-into (,acc ,dst) (,acc ,src))
                                  `(setf (,acc ,dst) (,acc ,src))))
            ,dst))
        (lambda (,dst ,src)
          (declare (type ,name ,dst ,src))
          ,@(loop for (acc nil desc) in specs
                  for kind = (%desc-kind desc)
                  unless (%fam-desc-p desc)
                    collect (if (member kind '(:struct :array))
                                `(rt-copy-into (,acc ,dst) (,acc ,src))
                                `(setf (,acc ,dst) (,acc ,src))))
          ,dst)
        (lambda (,obj)
          (declare (type ,name ,obj))
          ,@(loop for (acc nil desc) in specs
                  for kind = (%desc-kind desc)
                  collect (if (member kind '(:struct :array))
                              `(rt-zero-into (,acc ,obj))
                              `(setf (,acc ,obj) ,(%desc-zero desc))))
          ,obj))
       ',name)))

(defmacro rt-define-union (name size &optional offsets)
  "Define the structure type NAME for a C union of SIZE bytes.  Its storage is a cell per byte
offset in OFFSETS (the offsets its members' scalars start at; every offset if not given), read and
written with RT-CELL; an unwritten cell reads as zero."
  (let ((ctor (%ctor-symbol name))
        (ncells (if offsets (length offsets) size)))
    `(progn
       ;; The slots' accessors are named as the supertypes': they are not defined again.
       (defstruct (,name (:include %c-union) (:copier nil) (:predicate nil) (:conc-name nil)
                         (:constructor ,ctor
                             (&aux (%c-union-cells (make-array ,ncells :initial-element nil))
                                   (%c-union-descs (make-array ,ncells :initial-element nil))
                                   (%c-union-map
                                    ,(and offsets `(load-time-value (%union-cell-map ',name ,size ',offsets) t)))
                                   (%c-object-cell (load-time-value (%info-cell ',name)))))))
       (%register-c-type ',name ,size t nil #',ctor nil nil nil)
       ',name)))

(defun %register-c-type (name size union-p specs ctor copy copy-into zero)
  "Record the layout of struct or union NAME (its fields' readers and writers are the accessor
functions and their setf functions, which the DEFSTRUCT defined)."
  (let ((fields
          (loop for (acc offset desc bits) in specs
                for kind = (%desc-kind desc)
                collect (%make-c-field
                         :name acc :offset offset :desc desc :kind kind
                         :extent nil
                         :bitpos (+ (* 8 offset) (if bits (first bits) 0))
                         :nbits (cond (bits (second bits))
                                      ((member kind '(:int :float)) (%desc-mem-bits desc))
                                      (t 64))
                         :bitfield (and bits t)
                         :signed (if bits (eql (third bits) 1) (%signed-desc-p desc))
                         :size (if (member kind '(:int :float :obj)) (%desc-size desc) 0)
                         :reader (fdefinition acc) :writer (fdefinition `(setf ,acc))))))
    (let ((info (%make-c-info :name name :desc (list :struct name) :size size :union-p union-p
                              :fields (coerce fields 'simple-vector)
                              :fam (let ((last (car (last fields))))
                                     (and last (%fam-desc-p (%c-field-desc last)) last))
                              :ctor ctor :copy copy :copy-into copy-into :zero zero)))
      (setf (gethash name **c-types**) info
            (car (%info-cell name)) info))
    name))

(defun %byte-map (info)
  "For each byte offset of the struct, the list of its fields covering that byte (in order).
Built on first use, when every struct a field nests is defined."
  (or (%c-info-byte-map info)
      (let* ((size (%c-info-size info))
             (fields (%c-info-fields info))
             (map (make-array size :initial-element nil)))
        (loop for i from 0 below (length fields)
              for f = (svref fields i)
              for start = (%c-field-offset f)
              for next = (let ((next nil))
                           (loop for g across fields
                                 for o = (%c-field-offset g)
                                 when (and (> o start) (or (null next) (< o next)))
                                   do (setf next o))
                           next)
              for extent = (cond ((%c-field-bitfield f)
                                  (ceiling (- (+ (%c-field-bitpos f) (%c-field-nbits f)) (* 8 start)) 8))
                                 ((%fam-desc-p (%c-field-desc f)) nil)
                                 (t (let ((e (%desc-size (%c-field-desc f))))
                                      (if (and next (not (%c-field-bitfield f))) (min e (- next start)) e))))
              do (setf (%c-field-extent f) extent)
                 (when extent
                   (loop for b from start below (min size (+ start extent))
                         do (push f (svref map b)))))
        (dotimes (b size) (setf (svref map b) (nreverse (svref map b))))
        (setf (%c-info-byte-map info) map))))

(defun %reach (info)
  "What an instance of struct INFO holds by value, through nested struct and array fields at any
depth: (ARRAYS-P . NAMES), ARRAYS-P true if it holds arrays, NAMES the struct and union types of
the instances it holds, or :ANY if a type it nests is not defined.  Built on first use, when
every struct a field nests is defined."
  (or (%c-info-reach info)
      (setf (%c-info-reach info)
            (let ((arrays nil) (names '()))
              (labels ((walk (desc)
                         (when (consp desc)
                           (ecase (car desc)
                             (:struct
                              (let ((nested (car (get (second desc) '%info-cell))))
                                (cond ((eq names :any))
                                      ((null nested) (setf names :any arrays t))
                                      ((not (member (second desc) names))
                                       (push (second desc) names)
                                       (let ((r (%reach nested)))
                                         (when (car r) (setf arrays t))
                                         (if (eq (cdr r) :any)
                                             (setf names :any)
                                             (dolist (n (cdr r)) (pushnew n names))))))))
                             (:array (setf arrays t) (walk (second desc)))))))
                (loop for f across (%c-info-fields info) do (walk (%c-field-desc f))))
              (cons arrays names)))))

(defun %may-hold-p (info x)
  "False when no instance of struct INFO can hold object X by value (see %REACH): X is not a
struct, union or array, or not of a type it nests."
  (let ((reach (%reach info)))
    (typecase x
      (%c-object (or (eq (cdr reach) :any)
                     (member (%c-info-name (%info-of x)) (cdr reach) :test #'eq)))
      (array (car reach))
      (t nil))))

(declaim (inline %head-field))
(defun %head-field (info)
  "The field of struct INFO at offset 0 when it is a scalar that is not a bit-field (what a load
or store through a pointer to the whole struct reaches: XFWDTYPE's `*(enum Lisp_Fwd_Type *)
fwd'), else NIL.  Found once per type."
  (let ((h (%c-info-head info)))
    (if (eq h :unknown) (%find-head-field info) h)))

(defun %find-head-field (info)
  (setf (%c-info-head info)
        (let* ((map (%byte-map info))
               (f (and (plusp (length map)) (car (svref map 0)))))
          (and f (not (%c-info-union-p info)) (eql (%c-field-offset f) 0)
               (not (%c-field-bitfield f)) (member (%c-field-kind f) '(:int :float :obj))
               f))))

(defun %field-at (info off)
  "The field of struct INFO covering byte OFF (the first one, for bit-fields sharing a byte), or
the flexible array member when OFF is past the other fields; NIL if none."
  (let ((map (%byte-map info)))
    (or (and (< -1 off (length map)) (car (svref map off)))
        (let ((fam (%c-info-fam info)))
          (and fam (>= off (%c-field-offset fam))
               (or (>= off (length map)) (null (svref map off)))
               fam)))))

;;; Unions.

;;; Not on the name's property list, whose first property is its layout's cell (%INFO-CELL).
(sb-ext:defglobal **union-cell-maps** (make-hash-table :test 'eq :synchronized t))

(defun %union-cell-map (name size offsets)
  "The map of union NAME of SIZE bytes whose cells are at OFFSETS (ascending): byte offset ->
cell.  One per type (its constructor is inlined where it is called), made at load time."
  (or (gethash name **union-cell-maps**)
      (let ((map (make-array size :element-type 'fixnum :initial-element -1)))
        (loop for off in offsets for i from 0 do (setf (aref map off) i))
        (setf (gethash name **union-cell-maps**) map))))

(declaim (inline %union-size %union-index))
(defun %union-size (union)
  "The size in bytes of union instance UNION."
  (let ((map (%c-union-map union)))
    (if map (length map) (length (%c-union-cells union)))))

(defun %union-index (union offset)
  "The cell of byte OFFSET of UNION, or -1 if it has none (only when it has a cell map)."
  (declare (type fixnum offset))
  (let ((map (%c-union-map union)))
    (if map (aref map offset) offset)))

(defun %union-expand (union)
  "Give UNION a cell per byte offset, holding what its cells held, and return it: what reaches
a byte no member's scalar starts at (a byte copy, a read across cells, a pinned member) works on
the bytes.  A union that has one already is returned as it is."
  (let ((map (%c-union-map union)))
    (when map
      (let* ((size (length map))
             (cells (make-array size :initial-element nil))
             (descs (make-array size :initial-element nil))
             (old-cells (%c-union-cells union))
             (old-descs (%c-union-descs union)))
        (dotimes (off size)
          (let ((i (aref map off)))
            (when (>= i 0)
              (setf (svref cells off) (svref old-cells i)
                    (svref descs off) (svref old-descs i)))))
        (setf (%c-union-cells union) cells
              (%c-union-descs union) descs
              (%c-union-map union) nil)))
    union))

;;; A struct member of a union that the code points to as a whole
;;; (`&coding->spec.iso_2022.cmp_status') is an instance pinned in the union (memory.lisp,
;;; %UNION-MEMBER): the cell at its offset holds the instance, with its descriptor
;;; (:struct NAME); the cells of its other bytes hold :PINNED and that offset.  Every access to
;;; those bytes goes through the instance, so that the pointers to it and the union agree.

(declaim (inline %pinned-desc-p))
(defun %pinned-desc-p (d)
  "True if a union cell's descriptor D is a byte of a pinned instance."
  (or (eq d :pinned) (consp d)))

(defun %union-pin (union offset)
  "The instance pinned over byte OFFSET of UNION and its offset in the union, or NIL."
  ;; Only a union flagged pinned has pinned cells, and it has a cell per byte.
  (when (%c-union-pinned union)
    (let ((d (svref (%c-union-descs union) offset))
          (cells (%c-union-cells union)))
      (cond ((eq d :pinned) (let ((k (svref cells offset))) (values (svref cells k) k)))
            ((consp d) (values (svref cells offset) offset))))))

(declaim (inline %cell rt-cell (setf rt-cell)))
(defun %cell (union offset desc)
  (let ((i (%union-index union offset)))
    (if (and (>= i 0) (eq (svref (%c-union-descs union) i) desc))
        (svref (%c-union-cells union) i)
        (%cell-read-slow union offset desc))))

(defun rt-cell (union offset desc)
  "The scalar of type DESC at byte OFFSET of union instance UNION (setf-able).  An unwritten cell
reads as the zero of DESC (or the bytes of the cells overlapping it); a cell written with
another type is reinterpreted (integer and float bits, integer widths)."
  (%cell union offset desc))

;;; With a constant numeric DESC, the value is declared of DESC's type, so that the translated
;;; code's arithmetic on it (record_in_backtrace's bit clear of a specpdl entry's kind byte)
;;; compiles to machine operations, not generic ones.
(define-compiler-macro rt-cell (&whole whole union offset desc)
  (if (and (keywordp desc) (%numeric-desc-p desc))
      `(the ,(%desc-lisp-type desc) (%cell ,union ,offset ,desc))
      whole))

(defun (setf rt-cell) (value union offset desc)
  ;; Inline, the store into the cell of a union without a pinned member (record_in_backtrace's
  ;; five, specbind's); a byte without a cell, a pinned union and a struct descriptor take the
  ;; call, whose code each of the thousands of stores would otherwise carry.
  (let ((i (%union-index union offset)))
    (if (and (>= i 0) (atom desc) (not (%c-union-pinned union)))
        (setf (svref (%c-union-descs union) i) desc
              (svref (%c-union-cells union) i) value)
        (%set-cell-slow value union offset desc))))

(defun %set-cell-slow (value union offset desc)
  (let ((i (%union-index union offset)))
    (when (< i 0)
      (%union-expand union)
      (setf i offset))
    (if (%pinned-desc-p (svref (%c-union-descs union) i))
        (multiple-value-bind (obj k) (%union-pin union offset)
          (%store obj (- offset k) desc value)
          value)
        (progn
          ;; DESC is a scalar descriptor (a constant keyword where the translation inlines this,
          ;; so the test is folded away); a struct descriptor in a cell reads as a pinned
          ;; instance, which needs a cell per byte.
          (when (consp desc)
            (%union-expand union)
            (setf i offset (%c-union-pinned union) t))
          (setf (svref (%c-union-descs union) i) desc
                (svref (%c-union-cells union) i) value)))))

(defun %cell-read-slow (union offset desc)
  (let* ((i (%union-index union offset))
         (d (and (>= i 0) (svref (%c-union-descs union) i)))
         (v (and (>= i 0) (svref (%c-union-cells union) i))))
    (cond ((%pinned-desc-p d)
           (multiple-value-bind (obj k) (%union-pin union offset)
             (%load obj (- offset k) desc)))
          ((not (%numeric-desc-p desc))
           v)
          ((and d (not (%numeric-desc-p d)))
           v)
          ((and d (>= (%desc-size d) (%desc-size desc)))
           (%convert v d desc))
          (t (%decode (%union-bytes-load union offset (ceiling (%desc-mem-bits desc) 8)) desc)))))

;;; A union whose type is known where the code is compiled (glue/frames.lisp's specpdl entries, at
;;; every call): its cells found from the type's map then, so that an access is a check that the
;;; instance still has that map and a vector access, not a lookup of the map per access.

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun %compile-time-cells (type offsets)
    "The map of union TYPE if it is defined (the translation is loaded) and has a cell at each of
OFFSETS (constant forms), with those cells; else NIL."
    (let ((map (gethash type **union-cell-maps**)))
      (when map
        (let ((cells (mapcar (lambda (off) (let ((o (eval off))) (and (< -1 o (length map)) (aref map o))))
                             offsets)))
          (when (every (lambda (i) (and i (>= i 0))) cells)
            (values map cells)))))))

(defmacro %has-map-p (union type)
  "True if UNION still has the cell map of its union TYPE (not a cell per byte)."
  (let ((map (gensym "MAP")))
    `(let ((,map (%c-union-map ,union)))
       (and ,map (eq ,map (load-time-value (gethash ',type **union-cell-maps**) t))))))

(defmacro %map-cells (vector map)
  "VECTOR, the cells or the descriptors of a union that has cell MAP, declared of their length:
one check of the length, after which each cell at a constant index is reached unchecked."
  `(the (simple-vector ,(1+ (reduce #'max map))) ,vector))

(defmacro rt-store-cells (type union &rest stores)
  "Store each (OFFSET DESC VALUE) of STORES, in order, into UNION, an instance of union TYPE, as
(SETF RT-CELL) does; each OFFSET and DESC a constant.  Each VALUE is evaluated before any store."
  (assert (every (lambda (store) (keywordp (second store))) stores))
  (let ((u (gensym "U")) (vals (loop repeat (length stores) collect (gensym "V"))))
    (multiple-value-bind (map cells) (%compile-time-cells type (mapcar #'first stores))
      `(let ((,u ,union) ,@(mapcar (lambda (v s) (list v (third s))) vals stores))
         ,(let ((slow `(setf ,@(loop for (off desc) in stores for v in vals
                                     append `((rt-cell ,u ,off ,desc) ,v)))))
            (if map
                ;; A cell's descriptor is stored only when it changes: an entry of the specpdl is
                ;; most often written as the same kind of entry as before, and a load is cheaper
                ;; than a store with its write barrier (a frame's five cells: 5 ns to 2).
                `(if (%has-map-p ,u ,type)
                     (let ((cells (%map-cells (%c-union-cells ,u) ,map))
                           (descs (%map-cells (%c-union-descs ,u) ,map)))
                       ,@(loop for (nil desc) in stores for v in vals for i in cells
                               collect `(unless (eq (svref descs ,i) ,desc)
                                          (setf (svref descs ,i) ,desc))
                               collect `(setf (svref cells ,i) ,v)))
                     ,slow)
                slow))
         nil))))

(defmacro rt-load-cell (type union offset desc)
  "RT-CELL of UNION, an instance of union TYPE, at OFFSET as DESC."
  (let ((u (gensym "U")))
    (multiple-value-bind (map cells) (%compile-time-cells type (list offset))
      (if map
          `(let ((,u ,union))
             (if (and (%has-map-p ,u ,type)
                      (eq (svref (%map-cells (%c-union-descs ,u) ,map) ,(first cells)) ,desc))
                 ,(if (%numeric-desc-p desc)
                      `(the ,(%desc-lisp-type desc) (svref (%map-cells (%c-union-cells ,u) ,map) ,(first cells)))
                      `(svref (%map-cells (%c-union-cells ,u) ,map) ,(first cells)))
                 (rt-cell ,u ,offset ,desc)))
          `(rt-cell ,union ,offset ,desc)))))

;;; Printing: the type and identity, and a few scalar fields; never nested objects (no cycles).

(defmethod print-object ((x %c-struct) stream)
  (print-unreadable-object (x stream :identity t)
    (let ((info (gethash (type-of x) **c-types**)))
      (prin1 (type-of x) stream)
      (when info
        (loop with n = 0
              for f across (%c-info-fields info)
              when (and (member (%c-field-kind f) '(:int :float)) (< n 6))
                do (incf n)
                   (format stream " ~A=~S" (symbol-name (%c-field-name f))
                           (funcall (%c-field-reader f) x)))))))

(defmethod print-object ((x %c-union) stream)
  (print-unreadable-object (x stream :identity t)
    (format stream "~S (~D bytes)" (type-of x) (%union-size x))))
