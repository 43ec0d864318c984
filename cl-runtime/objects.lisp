;;;; C objects as memory: their sizes, the sub-objects at a byte offset, and their bytes.
;;;
;;; A pointer is a base object and a byte offset.  The same address can be named from an outer
;;; object or an inner one (a struct and its first field, a vector of structs and one of them, a
;;; raw block and its data): %DESCEND goes one level in, and pointer comparison looks for an
;;; object both pointers reach.
;;;
;;; %BYTES-LOAD and %BYTES-STORE read and write N bytes at an offset of any object as a
;;; little-endian integer, as x86-64 memory would hold them, by splicing the bits of the scalars
;;; that overlap (fields and bit-fields, elements, union cells).  Loads and stores that do not
;;; match the object's own scalars, and memcpy/memset/memcmp between different representations,
;;; go through them.  Pointers and Lisp objects have no bytes, except NULL, which is zero.

(in-package "EMACS2CL-RUNTIME")

(defun %typed-vector-desc (v)
  "The element descriptor of a specialized numeric vector V (octet vectors are :u8), else NIL."
  (typecase v
    (octets :u8)
    ((simple-array (signed-byte 16) (*)) :s16)
    ((simple-array (unsigned-byte 16) (*)) :u16)
    ((simple-array (signed-byte 32) (*)) :s32)
    ((simple-array (unsigned-byte 32) (*)) :u32)
    ((simple-array (signed-byte 64) (*)) :s64)
    ((simple-array (unsigned-byte 64) (*)) :u64)
    ((simple-array double-float (*)) :f64)
    ((simple-array single-float (*)) :f32)
    ((simple-array (signed-byte 8) (*)) :s8)
    (t nil)))

(defun %vector-stride (v elt-desc)
  "The bytes per element of V, a C array of aggregates ELT-DESC.  A struct with a flexible array
member made from a raw block is alone in its vector, and its stride is its whole extent."
  (if (and (= (length v) 1) (eq (car elt-desc) :struct)
           (%c-info-fam (%info (second elt-desc))))
      (max 1 (%object-size (svref v 0)))
      (%desc-size elt-desc)))

(defun %object-size (obj)
  "The size in bytes of the C object OBJ, or NIL if it is not one (a struct with a flexible array
member counts the member's elements)."
  (typecase obj
    (%c-struct (let* ((info (%info-of obj)) (fam (%c-info-fam info)))
                 (if fam
                     (max (%c-info-size info)
                          (+ (%c-field-offset fam)
                             (or (%object-size (funcall (%c-field-reader fam) obj)) 0)))
                     (%c-info-size info))))
    (%c-union (%union-size obj))
    (octets (length obj))
    (simple-vector (let ((e (%vector-elt-desc obj)))
                     (* (length obj) (if e (%vector-stride obj e) 8))))
    (%raw-block (%raw-block-size obj))
    (rt-box 8)
    (cons 16)
    (vector (let ((d (%typed-vector-desc obj)))
              (and d (* (length obj) (%desc-size d)))))
    (t nil)))

(defun %descend (obj off)
  "The sub-object of OBJ that byte OFF is strictly inside of, and the offset in it; NIL if none:
the data of a raw block, an element of an array of structs or arrays, a nested struct or array
field of a struct, a struct member pinned in a union."
  (declare (type fixnum off))
  (typecase obj
    (%raw-block (let ((split (%raw-block-split obj)))
                  (if (and split (>= off (car split)))
                      (if (%raw-block-p (cdr split))
                          (%descend (cdr split) (- off (car split)))
                          (values (cdr split) (- off (car split))))
                      (let ((d (%raw-block-data obj))) (and d (values d off))))))
    (simple-vector
     (let ((e (%vector-elt-desc obj)))
       (when e
         (let ((s (%vector-stride obj e)))
           (when (plusp s)
             (let ((i (floor off s)))
               (when (< -1 i (length obj))
                 (values (%elt obj i) (- off (* i s))))))))))
    (%c-union (when (< -1 off (%union-size obj))
                (multiple-value-bind (pinned k) (%union-pin obj off)
                  (and pinned (values pinned (- off k))))))
    (%c-struct
     (let ((f (%field-at (%info-of obj) off)))
       (when (and f (member (%c-field-kind f) '(:struct :array)))
         (let ((child (funcall (the function (%c-field-reader f)) obj))
               (coff (- off (%c-field-offset f))))
           (when (< coff (or (%c-field-extent f) (%object-size child) 0))
             (values child coff))))))
    (t nil)))

(defun %chain (base off)
  "The list of (OBJECT . OFFSET) naming the address BASE+OFF, from BASE inward."
  (let ((chain (list (cons base off))))
    (loop (multiple-value-bind (child coff) (%descend base off)
            (if child
                (progn (push (cons child coff) chain) (setf base child off coff))
                (return (nreverse chain)))))))

(defun %common-offsets-walk (abase aoff bbase boff)
  (let ((bchain (%chain bbase boff)))
    (loop for (obj . off) in (%chain abase aoff)
          for hit = (assoc obj bchain :test #'eq)
          when hit do (return (values off (cdr hit) t)))))

(declaim (inline %rememberable-pair-p))
(defun %rememberable-pair-p (a b)
  "True if what holds what between objects A and B can be remembered: neither is a raw block nor
an octet vector, whose bytes may be split into new vectors."
  (not (or (%raw-block-p a) (%raw-block-p b) (typep a 'octets) (typep b 'octets))))

;;; The last few answers of %COMMON-OFFSETS for two different bases, each an immutable vector
;;; #(ABASE AOFF BBASE BOFF A B FOUND): the same pointers are compared again and again
;;; (store_symval_forwarding asks whether a DEFVAR's variable lies in buffer_defaults at every
;;; binding).  An answer stays true: a sub-object stays in its place, and one made later (an
;;; element made when first reached, an instance pinned in a union) is new, so it is neither
;;; base of an earlier question nor between an earlier base and its sub-objects.  Raw blocks and
;;; octet vectors are not remembered: a raw block's bytes may be split into new vectors.
(sb-ext:defglobal **common-offsets-memo** (make-array 4 :initial-element #(nil 0 nil 0 0 0 nil)))
(sb-ext:defglobal **common-offsets-next** 0)
(declaim (type (simple-vector 4) **common-offsets-memo**) (type (mod 4) **common-offsets-next**))

(defun %common-offsets (abase aoff bbase boff)
  "Offsets of addresses ABASE+AOFF and BBASE+BOFF in one object both reach: (values A B T), or
NIL if they are in different objects."
  (cond
    ((eq abase bbase) (values aoff boff t))
    ((not (%rememberable-pair-p abase bbase))
     (%common-offsets-walk abase aoff bbase boff))
    (t
      (let ((memo **common-offsets-memo**))
        (dotimes (i 4)
          (let ((e (svref memo i)))
            (declare (type (simple-vector 7) e))
            (when (and (eq (svref e 0) abase) (eq (svref e 2) bbase)
                       (eql (svref e 1) aoff) (eql (svref e 3) boff))
              (return-from %common-offsets
                (and (svref e 6) (values (svref e 4) (svref e 5) t))))))
        (multiple-value-bind (a b found) (%common-offsets-walk abase aoff bbase boff)
          (let ((i **common-offsets-next**))
            (setf (svref memo i) (vector abase aoff bbase boff a b found)
                  **common-offsets-next** (mod (1+ i) 4)))
          (and found (values a b t)))))))

;;; The answers of %LOCATE for the last few pairs of objects, for the same reason and with the same
;;; exceptions as those of %COMMON-OFFSETS: store_symval_forwarding orders a DEFVAR's variable (in
;;; `globals') and `&buffer_defaults' at every binding, which walks every field of `globals'.
(sb-ext:defglobal **locate-memo** (make-array 4 :initial-element #(nil nil nil)))
(sb-ext:defglobal **locate-next** 0)
(declaim (type (simple-vector 4) **locate-memo**) (type (mod 4) **locate-next**))

(defun %locate (target container)
  "The byte offset of object TARGET inside object CONTAINER, searching its sub-objects (raw block
data, elements of arrays of aggregates, nested struct and array fields), or NIL.  Used only to
order pointers whose bases are not on one chain (a pointer from an element instance and one from
its array), since it walks the container (the last few answers are remembered)."
  (if (not (%rememberable-pair-p target container))
      (%locate-walk target container)
      (let ((memo **locate-memo**))
        (dotimes (i 4)
          (let ((e (svref memo i)))
            (declare (type (simple-vector 3) e))
            (when (and (eq (svref e 0) target) (eq (svref e 1) container))
              (return-from %locate (svref e 2)))))
        (let ((k (%locate-walk target container))
              (i **locate-next**))
          (setf (svref memo i) (vector target container k)
                **locate-next** (mod (1+ i) 4))
          k))))

(defun %locate-walk (target container &optional (depth 0))
  (cond ((eq target container) 0)
        ((> depth 16) nil)
        (t (typecase container
             (%raw-block (let ((d (%raw-block-data container)))
                           (and d (%locate-walk target d (1+ depth)))))
             (simple-vector
              (let ((e (%vector-elt-desc container)))
                (when e
                  (let ((s (%vector-stride container e)))
                    (loop for i below (length container)
                          for k = (%locate-walk target (svref container i) (1+ depth))
                          when k return (+ (* i s) k))))))
             (%c-struct
              (let ((info (%info-of container)))
                (when (%may-hold-p info target)
                  (loop for f across (%c-info-fields info)
                        when (member (%c-field-kind f) '(:struct :array))
                          do (let ((k (%locate-walk target (funcall (the function (%c-field-reader f)) container)
                                               (1+ depth))))
                               (when k (return (+ (%c-field-offset f) k))))))))
             (t nil)))))

;;; Bytes.

(defun %bytes-bounds (obj off n who)
  (let ((size (%object-size obj)))
    (unless (and (>= off 0) (>= n 0) (or (null size) (<= (+ off n) size)))
      (%c-error "~A: ~D bytes at offset ~D are outside ~A (~D bytes)" who n off (%describe obj)
                size))))

(defun %struct-fields-in (info off n)
  "The fields of struct INFO overlapping bytes OFF..OFF+N-1, each once, in order."
  (let* ((map (%byte-map info))
         (fields (loop for b from (max 0 off) below (min (+ off n) (length map))
                       append (svref map b)))
         (fam (%c-info-fam info)))
    (when (and fam (> (+ off n) (%c-field-offset fam)))
      (setf fields (append fields (list fam))))
    (remove-duplicates fields :test #'eq :from-end t)))

(defun %field-bits (obj f)
  (let ((v (funcall (the function (%c-field-reader f)) obj)))
    (if (eq (%c-field-kind f) :int)
        (ldb (byte (%c-field-nbits f) 0) v)
        (%encode v (%c-field-desc f)))))

(defun %field-from-bits (bits f)
  (cond ((%c-field-bitfield f)
         (if (%c-field-signed f) (%wrap-s (%c-field-nbits f) bits) (%wrap-u (%c-field-nbits f) bits)))
        (t (%decode bits (%c-field-desc f)))))

(defun %word-bits (x)
  (typecase x
    (integer (ldb (byte 64 0) x))
    (double-float (%double-bits x))
    (single-float (%single-bits x))
    (null 0)
    (t (%c-error "~A (a pointer or Lisp object) has no bytes" (%describe x)))))

(defun %word-from-bits (bits old)
  (typecase old
    (double-float (%decode bits :f64))
    (single-float (%decode bits :f32))
    (t (cond ((and (null old) (zerop bits)) nil)
             ((and (integerp old) (minusp old)) (%wrap-s 64 bits))
             (t (ldb (byte 64 0) bits))))))

(defun %bytes-load (obj off n)
  "The N bytes at byte OFF of object OBJ as a little-endian unsigned integer."
  (declare (type fixnum off n))
  (let* ((lo (* 8 off)) (hi (* 8 (+ off n))) (acc 0))
    (flet ((unit (bits pos nbits)
             (let ((a (max lo pos)) (b (min hi (+ pos nbits))))
               (when (< a b)
                 (setf acc (dpb (ldb (byte (- b a) (- a pos)) bits) (byte (- b a) (- a lo)) acc)))))
           (overlaps (pos nbits) (< (max lo pos) (min hi (+ pos nbits)))))
      (typecase obj
        (octets
         (%bytes-bounds obj off n "load")
         (loop for i from (1- n) downto 0
               do (setf acc (logior (ash acc 8) (aref obj (+ off i))))))
        (%raw-block
         (if (or (%raw-block-data obj) (%raw-block-split obj))
             (multiple-value-bind (d doff) (%raw-resolve obj off :bytes)
               (setf acc (%bytes-load d doff n)))
             (%bytes-bounds obj off n "load")))
        (%c-struct
         (let ((info (%info-of obj)))
           (unless (%c-info-fam info) (%bytes-bounds obj off n "load"))
           (dolist (f (%struct-fields-in info off n))
             (let ((fo (%c-field-offset f)))
               (case (%c-field-kind f)
                 ((:struct :array)
                  (let* ((child (funcall (the function (%c-field-reader f)) obj))
                         (a (max off fo))
                         (b (min (+ off n) (+ fo (or (%c-field-extent f) (%object-size child))))))
                    (when (< a b)
                      (unit (%bytes-load child (- a fo) (- b a)) (* 8 a) (* 8 (- b a))))))
                 (t (when (overlaps (%c-field-bitpos f) (%c-field-nbits f))
                      (unit (%field-bits obj f) (%c-field-bitpos f) (%c-field-nbits f)))))))))
        (%c-union (setf acc (%union-bytes-load obj off n)))
        (simple-vector
         (%bytes-bounds obj off n "load")
         (let ((e (%vector-elt-desc obj)))
           (if e
               (let ((s (%vector-stride obj e)))
                 (loop for i from (floor off s) to (floor (1- (+ off n)) s)
                       for start = (* i s)
                       for a = (max off start) for b = (min (+ off n) (+ start s))
                       when (< a b)
                         do (unit (%bytes-load (%elt obj i) (- a start) (- b a)) (* 8 a) (* 8 (- b a)))))
               (loop for i from (floor off 8) to (floor (1- (+ off n)) 8)
                     do (unit (%word-bits (svref obj i)) (* 64 i) 64)))))
        (rt-box
         (%bytes-bounds obj off n "load")
         (unit (%word-bits (rt-box-value obj)) 0 64))
        (cons
         (%c-error "load: the bytes of a cons are Lisp objects"))
        (vector
         (let ((d (%typed-vector-desc obj)))
           (unless d (%c-error "load: ~A is not C memory" (%describe obj)))
           (%bytes-bounds obj off n "load")
           (let ((s (%desc-size d)))
             (loop for i from (floor off s) to (floor (1- (+ off n)) s)
                   do (unit (%encode (aref obj i) d) (* 8 s i) (* 8 s))))))
        (t (%c-error "load: ~A is not C memory" (%describe obj)))))
    acc))

(defun %bytes-store (obj off n bits)
  "Store the N bytes of little-endian integer BITS at byte OFF of object OBJ."
  (declare (type fixnum off n) (type integer bits))
  (let* ((lo (* 8 off)) (hi (* 8 (+ off n))))
    (flet ((put (old pos nbits)
             ;; OLD, the bits of a unit at bits [POS, POS+NBITS), with the stored range's part
             ;; replaced.
             (let ((a (max lo pos)) (b (min hi (+ pos nbits))))
               (if (< a b)
                   (dpb (ldb (byte (- b a) (- a lo)) bits) (byte (- b a) (- a pos)) old)
                   old)))
           (overlaps (pos nbits) (< (max lo pos) (min hi (+ pos nbits)))))
      (typecase obj
        (octets
         (%bytes-bounds obj off n "store")
         (dotimes (i n) (setf (aref obj (+ off i)) (ldb (byte 8 (* 8 i)) bits))))
        (%raw-block
         (multiple-value-bind (data doff) (%raw-resolve obj off :bytes)
           (%bytes-store data doff n bits)))
        (%c-struct
         (let ((info (%info-of obj)))
           (unless (%c-info-fam info) (%bytes-bounds obj off n "store"))
           (dolist (f (%struct-fields-in info off n))
             (let ((fo (%c-field-offset f)))
               (case (%c-field-kind f)
                 ((:struct :array)
                  (let* ((child (funcall (the function (%c-field-reader f)) obj))
                         (a (max off fo))
                         (b (min (+ off n) (+ fo (or (%c-field-extent f) (%object-size child))))))
                    (when (< a b)
                      (%bytes-store child (- a fo) (- b a)
                                    (ldb (byte (* 8 (- b a)) (* 8 (- a off))) bits)))))
                 (t (let ((pos (%c-field-bitpos f)) (nbits (%c-field-nbits f)))
                      (when (overlaps pos nbits)
                        (funcall (the function (%c-field-writer f))
                                 (%field-from-bits (put (%field-bits obj f) pos nbits) f)
                                 obj)))))))))
        (%c-union (%union-bytes-store obj off n bits))
        (simple-vector
         (%bytes-bounds obj off n "store")
         (let ((e (%vector-elt-desc obj)))
           (if e
               (let ((s (%vector-stride obj e)))
                 (loop for i from (floor off s) to (floor (1- (+ off n)) s)
                       for start = (* i s)
                       for a = (max off start) for b = (min (+ off n) (+ start s))
                       when (< a b)
                         do (%bytes-store (%elt obj i) (- a start) (- b a)
                                          (ldb (byte (* 8 (- b a)) (* 8 (- a off))) bits))))
               (loop for i from (floor off 8) to (floor (1- (+ off n)) 8)
                     for old = (svref obj i)
                     do (setf (svref obj i)
                              (%word-from-bits (put (%word-bits old) (* 64 i) 64) old))))))
        (rt-box
         (%bytes-bounds obj off n "store")
         (let* ((old (rt-box-value obj))
                (new (put (%word-bits old) 0 64)))
           (setf (rt-box-value obj)
                 (typecase old
                   ((or float null) (%word-from-bits new old))
                   (t (cond ((and (= off 0) (= n 8) (not (logbitp 63 new))) new)
                            ((and (= off 0) (= n 8) (minusp old)) (%wrap-s 64 new))
                            (t (%c-error "store: ~D bytes into a boxed integer whose C type is ~
                                          unknown (~S)" n old))))))))
        (cons
         (%c-error "store: the bytes of a cons are Lisp objects"))
        (vector
         (let ((d (%typed-vector-desc obj)))
           (unless d (%c-error "store: ~A is not C memory" (%describe obj)))
           (%bytes-bounds obj off n "store")
           (let ((s (%desc-size d)))
             (loop for i from (floor off s) to (floor (1- (+ off n)) s)
                   do (setf (aref obj i)
                            (%decode (put (%encode (aref obj i) d) (* 8 s i) (* 8 s)) d))))))
        (t (%c-error "store: ~A is not C memory" (%describe obj)))))
    bits))

;;; Unions as bytes: each written cell holds a scalar at its offset.

(defun %union-bytes-load (u off n)
  ;; The cells of a union with a cell map are read where they are: a read of a cell never written
  ;; (or written with another type) comes here, and must not cost a cell per byte.
  (let* ((cells (%c-union-cells u)) (descs (%c-union-descs u))
         (size (%union-size u)) (lo (* 8 off)) (hi (* 8 (+ off n))) (acc 0))
    (unless (and (>= off 0) (<= (+ off n) size))
      (%c-error "load: ~D bytes at offset ~D are outside ~A (~D bytes)" n off (%describe u) size))
    (loop for c from (max 0 (- off 15)) below (min (+ off n) size)
          for i = (%union-index u c)
          for d = (and (>= i 0) (svref descs i))
          when (and d (not (%pinned-desc-p d)))
            do (let* ((pos (* 8 c)) (nbits (%desc-mem-bits d))
                      (a (max lo pos)) (b (min hi (+ pos nbits))))
                 (when (< a b)
                   (let ((bits (%encode (svref cells i) d)))
                     (setf acc (dpb (ldb (byte (- b a) (- a pos)) bits) (byte (- b a) (- a lo)) acc))))))
    ;; The bytes of pinned instances are theirs (a union with one has a cell per byte).
    (when (%c-union-pinned u)
      (loop for i from off below (+ off n)
            when (%pinned-desc-p (svref descs i))
              do (multiple-value-bind (obj k) (%union-pin u i)
                   (setf acc (dpb (%bytes-load obj (- i k) 1) (byte 8 (* 8 (- i off))) acc)))))
    acc))

(defun %union-bytes-store (u off n bits)
  (%union-expand u)
  (let* ((cells (%c-union-cells u)) (descs (%c-union-descs u))
         (size (length cells)) (lo (* 8 off)) (hi (* 8 (+ off n)))
         (covered (make-array n :element-type 'bit :initial-element 0)))
    (unless (and (>= off 0) (<= (+ off n) size))
      (%c-error "store: ~D bytes at offset ~D are outside ~A (~D bytes)" n off (%describe u) size))
    (loop for i from off below (+ off n)
          when (%pinned-desc-p (svref descs i))
            do (multiple-value-bind (obj k) (%union-pin u i)
                 (%bytes-store obj (- i k) 1 (ldb (byte 8 (* 8 (- i off))) bits))
                 (setf (sbit covered (- i off)) 1)))
    (loop for c from (max 0 (- off 15)) below (min (+ off n) size)
          for d = (svref descs c)
          when (and d (not (%pinned-desc-p d)))
            do (let* ((pos (* 8 c)) (nbits (%desc-mem-bits d))
                      (a (max lo pos)) (b (min hi (+ pos nbits))))
                 (when (< a b)
                   (setf (svref cells c)
                         (%decode (dpb (ldb (byte (- b a) (- a lo)) bits) (byte (- b a) (- a pos))
                                       (%encode (svref cells c) d))
                                  d))
                   (loop for byte from (floor (- a lo) 8) below (ceiling (- b lo) 8)
                         do (setf (sbit covered byte) 1)))))
    (dotimes (i n)
      (when (zerop (sbit covered i))
        (setf (svref cells (+ off i)) (ldb (byte 8 (* 8 i)) bits)
              (svref descs (+ off i)) :u8)))
    bits))
