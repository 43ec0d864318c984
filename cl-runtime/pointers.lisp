;;;; Pointers: a base object and a byte offset (docs/data-model.md, "Pointers"); loads and stores
;;;; through them (RT-MEM) and the struct a pointer designates (RT-OBJ).
;;;
;;; A pointer value is NIL (NULL), an RT-PTR, or an object itself (a struct or union instance, an
;;; array, a box, a function) meaning a pointer to its start.  RT-PTRs are immutable.

(in-package "EMACS2CL-RUNTIME")

(declaim (inline %make-ptr))
(defstruct (rt-ptr (:constructor %make-ptr (base offset))
                   (:copier nil))
  "A C pointer that is not simply a whole object: BASE, the object pointed into, and OFFSET, a
byte offset from its start (it may be outside the object, as C allows transiently)."
  (base nil :read-only t)
  (offset 0 :type fixnum :read-only t)
  ;; What the pointer designates, once found, so that the walk from BASE is done once per
  ;; pointer, not once per access: the struct or union instance RT-OBJ found as an element of a C
  ;; array of them (specpdl_ptr->bt.function after specpdl_ptr->bt.kind), or the place
  ;; (HOLDER . KEY) a load or store found (%RESOLVE-PLACE: *objvar of a DEFVAR).  Both stay valid
  ;; for the pointer's life: BASE and OFFSET never change, an element stays at its place in its
  ;; array and a nested struct in its field (copies and sorts move contents, not instances).
  (target nil))

(setf (documentation 'rt-ptr-p 'function) "True if X is an RT-PTR."
      (documentation 'rt-ptr-base 'function) "The object pointer P points into."
      (documentation 'rt-ptr-offset 'function) "The byte offset of pointer P from its base's start.")

(declaim (inline rt-make-box))
(defun rt-make-box (value)
  "A fresh box holding VALUE, with its pointer (`&x': an address-taken local is boxed because
its address is taken)."
  (let ((b (%make-box value)))
    (setf (rt-box-ptr b) (%make-ptr b 0))
    b))

(defmethod print-object ((p rt-ptr) stream)
  (print-unreadable-object (p stream :type t)
    (format stream "~A ~@D" (%describe (rt-ptr-base p)) (rt-ptr-offset p))))

(declaim (inline %offset))
(defun %offset (n)
  "Integer N as a byte offset: N is taken modulo 2^64 as a signed 64-bit value, so that the huge
unsigned sizetype GIMPLE uses for a negative offset is negative."
  (if (typep n 'fixnum) n (%wrap-s 64 n)))

(defun rt-make-ptr (base offset)
  "A pointer OFFSET bytes from the start of object BASE (OFFSET taken modulo 2^64 as signed).  If
BASE is itself an RT-PTR the offsets add up; NIL with offset 0 is NIL."
  (let ((offset (%offset offset)))
    (typecase base
      (rt-ptr (%make-ptr (rt-ptr-base base) (+ (rt-ptr-offset base) offset)))
      (rt-box (if (eql offset 0)
                  (or (rt-box-ptr base) (setf (rt-box-ptr base) (%make-ptr base 0)))
                  (%make-ptr base offset)))
      (null (if (zerop offset)
                nil
                (%c-error "rt-make-ptr: offset ~D from a null pointer" offset)))
      (t (%make-ptr base offset)))))

(declaim (inline rt-ptr+))
(defun rt-ptr+ (p n)
  "Pointer P plus N bytes (GIMPLE's pointer_plus_expr).  N is taken modulo 2^64 as a signed
64-bit value (a negative offset comes as a huge unsigned one).  P is NIL (NULL: only NULL + 0 is
allowed, and is NULL), an RT-PTR, or an object meaning a pointer to its start."
  (let ((n (%offset n)))
    (cond ((eql n 0) p)
          ((rt-ptr-p p) (%make-ptr (rt-ptr-base p) (+ (rt-ptr-offset p) n)))
          ((null p) (%c-error "rt-ptr+: arithmetic on a null pointer (NULL + ~D)" n))
          (t (%make-ptr p n)))))

;;; Translated code writes a negative constant offset as GIMPLE's unsigned one (p + 2^64 - 40):
;;; it is made a fixnum when the code is compiled, not reduced through bignums at each call.
(define-compiler-macro rt-ptr+ (&whole whole p n)
  (cond ((%unsigned-offset-form-p n)
         ;; The offset is taken modulo 2^64 as signed: reduced as signed at once, a negative one
         ;; (GIMPLE's sizetype `(sizetype) i - 1') is a fixnum, never a bignum.
         `(rt-ptr+ ,p ,(%offset-form n)))
        ((%split-form-p p)
         `(rt-ptr-of ,(second p) (+ ,(third p) ,(%offset-form n))))
        ((and (integerp n) (not (typep n 'fixnum)) (typep (%offset n) 'fixnum))
         `(rt-ptr+ ,p ,(%offset n)))
        (t whole)))

(declaim (inline %box-at))
(defun %box-at (p)
  "The box P points at the start of (`&x' of a local whose address is taken), else NIL."
  (and (rt-ptr-p p) (eql (rt-ptr-offset p) 0)
       (let ((b (rt-ptr-base p))) (and (rt-box-p b) b))))

;;; Pointers held in two variables: the translation keeps a byte pointer local (`char *p') as
;;; its base and its offset (docs/data-model.md, "Pointers"), so that `p++', `p < end' and `*p'
;;; make no RT-PTR; one is made where the value leaves the variables.

(declaim (inline rt-ptr-of rt-ptr-parts))
(defun rt-ptr-of (base offset)
  "The pointer value whose parts (RT-PTR-PARTS) are BASE and OFFSET: NULL (NIL) or an object
meaning a pointer to its start (a struct instance, a Lisp object) itself at offset 0; else an
RT-PTR, as RT-MAKE-PTR makes them (a pointer into memory -- a raw block, an array -- is always
one, and a box has its own)."
  (declare (type fixnum offset))
  (cond ((and (eql offset 0) (not (or (rt-box-p base) (%raw-block-p base) (arrayp base)))) base)
        ((and base (not (rt-box-p base))) (%make-ptr base offset))
        (t (rt-make-ptr base offset))))

(defun rt-ptr-parts (p)
  "The base and the byte offset of pointer value P, as two values: an RT-PTR's, else P itself
(NULL, or an object meaning a pointer to its start) and 0."
  (if (rt-ptr-p p) (values (rt-ptr-base p) (rt-ptr-offset p)) (values p 0)))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun %split-form-p (form)
    "True if FORM is (RT-PTR-OF BASE OFFSET)."
    (and (consp form) (eq (car form) 'rt-ptr-of) (= (length form) 3)))

  (defun %compact-p (env)
    "True where the code is compiled for compilation speed (the translation's large functions):
runtime operations are then calls, not inline code (SBCL's time is superlinear in a function's
size: regex_compile's pointer comparisons inline had doubled its compile time)."
    (sb-c::policy env (> compilation-speed speed)))

  (defun %pointer-plus-form-p (form)
    "True if FORM is (RT-PTR+ P N)."
    (and (consp form) (eq (car form) 'rt-ptr+) (= (length form) 3)))

  (defun %parts-foldable-p (a b)
    "True if the parts of pointer form A or B come without making a pointer: a split pointer,
or a pointer plus an offset (grow_specpdl's `specpdl_ptr == specpdl + specpdl_size')."
    (flet ((foldable (p) (or (%split-form-p p) (%pointer-plus-form-p p))))
      (or (foldable a) (foldable b))))

  (defun %parts-forms (p)
    "A form giving the parts of pointer form P as two values."
    (if (%split-form-p p) `(values ,(second p) ,(third p)) `(rt-ptr-parts ,p)))

  (defun %unsigned-offset-form-p (n)
    "True if offset form N is (RT-WRAP-U 64 X)."
    (and (consp n) (eq (first n) 'rt-wrap-u) (eql (second n) 64) (= (length n) 3)))

  (defun %offset-form (n)
    "A form for byte offset N (see %OFFSET), folded when N is a constant."
    (cond ((integerp n)
           (let ((m (ldb (byte 64 0) n))) (if (logbitp 63 m) (- m (ash 1 64)) m)))
          ((%unsigned-offset-form-p n) `(rt-wrap-s 64 ,(third n)))
          (t `(%offset ,n)))))

;;; `p = p + n' with p split is `(multiple-value-setq (b o) (rt-ptr-parts (rt-ptr+ (rt-ptr-of b
;;; o) n)))': the offset plus N, with no pointer made.  (An offset from NULL signals its error
;;; where the pointer is used, not where it is computed.)
(define-compiler-macro rt-ptr-parts (&whole whole p &environment env)
  (multiple-value-bind (call result) (%entry-call-form p env)
    (cond ((null p) `(values nil 0))
          ((%split-form-p p) `(values ,(second p) ,(third p)))
          ((eq result :parts) call)
          ((%pointer-plus-form-p p)
           (let ((b (gensym "B")) (o (gensym "O")))
             `(multiple-value-bind (,b ,o) (rt-ptr-parts ,(second p))
                (values ,b (+ ,o ,(%offset-form (third p)))))))
          (t whole))))

;;; A translated function whose byte pointer parameters are split takes them as their parts,
;;; and one returning a byte pointer returns its parts (its parts entry), so that a caller
;;; holding a split pointer passes it, and one splitting the value gets it, without a pointer
;;; being made (a search calls string_char_and_length at each character, a motion
;;; BYTE_POS_ADDR).

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun %parts-entry-call (entry params args)
    "A call of parts entry ENTRY with argument forms ARGS of the C function, each evaluated
once in order, a :PARTS one (PARAMS) given as its base and offset."
    (let ((vars (loop for p in params
                      collect (if (eq p :parts) (list (gensym "B") (gensym "O")) (list (gensym "A"))))))
      (labels ((bind (params args more)
                 (if (null params)
                     `(,entry ,@(apply #'append vars))
                     (let ((v (first more)) (inner (bind (rest params) (rest args) (rest more))))
                       (if (eq (first params) :parts)
                           `(multiple-value-bind ,v (rt-ptr-parts ,(first args)) ,inner)
                           `(let ((,(first v) ,(first args))) ,inner))))))
        (bind params args vars))))

  (defun %entry-call-form (form env)
    "For FORM, a call by name of a function with a parts entry that ENV does not declare
NOTINLINE, the call of the entry (values: the entry's, the kind of result); else NIL."
    (when (and (consp form) (symbolp (car form)))
      (destructuring-bind (&optional entry params result) (get (car form) '%parts-entry)
        (when (and entry (= (length (cdr form)) (length params))
                   (not (sb-c::fun-lexically-notinline-p (car form) env)))
          (values (%parts-entry-call entry params (cdr form)) result)))))

  (defun %c-value-form (call result)
    "The C function's value from CALL of its parts entry, whose RESULT is :PARTS or :WHOLE."
    (if (eq result :parts)
        (let ((b (gensym "B")) (o (gensym "O")))
          `(multiple-value-bind (,b ,o) ,call (rt-ptr-of ,b ,o)))
        call)))

(defmacro rt-define-parts-entry (name entry params result)
  "Define NAME, a translated C function that its parts entry ENTRY implements: ENTRY takes each
pointer parameter marked :PARTS in PARAMS (the others :WHOLE) as its base and offset, and with
RESULT :PARTS returns the byte pointer as its base and offset (docs/data-model.md, \"Pointers\").
NAME takes the C arguments and returns the C value; a call by name is compiled as a call of
ENTRY, a split pointer argument passed without making a pointer, and RT-PTR-PARTS of a call
gets the parts ENTRY returns."
  (let ((args (loop repeat (length params) collect (gensym "ARG"))))
    `(progn
       (eval-when (:compile-toplevel :load-toplevel :execute)
         (setf (get ',name '%parts-entry) '(,entry ,params ,result)))
       (define-compiler-macro ,name (&whole whole &rest args &environment env)
         (declare (ignore args))
         (multiple-value-bind (call result) (%entry-call-form whole env)
           (if call (%c-value-form call result) whole)))
       (defun ,name ,args
         ,(%c-value-form (%parts-entry-call entry params args) result)))))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun %by-parts (a b one-base other &key (null-base t))
    "The expansion of an operation on pointer forms A and B from their parts: (ONE-BASE AO BO)
on the offsets when both have one base (NULL too if NULL-BASE), else (OTHER PA PB) on the
pointers made again."
    (let ((ab (gensym "AB")) (ao (gensym "AO")) (bb (gensym "BB")) (bo (gensym "BO")))
      `(multiple-value-bind (,ab ,ao) (rt-ptr-parts ,a)
         (declare (type fixnum ,ao))
         (multiple-value-bind (,bb ,bo) (rt-ptr-parts ,b)
           (declare (type fixnum ,bo))
           (if ,(if null-base `(eq ,ab ,bb) `(and ,ab (eq ,ab ,bb)))
               ,(funcall one-base ao bo)
               ,(funcall other `(rt-ptr-of ,ab ,ao) `(rt-ptr-of ,bb ,bo))))))))

;;; Comparisons.

(declaim (inline %same-base-p))
(defun %same-base-p (a b)
  "True if A and B are RT-PTRs into one base: the common case of comparing and subtracting,
decided without the general search for a common object."
  (and (rt-ptr-p a) (rt-ptr-p b) (eq (rt-ptr-base a) (rt-ptr-base b))))

(declaim (inline rt-ptr=))
(defun rt-ptr= (a b)
  "C's pointer ==: true if A and B are the same address.  NIL (NULL) only equals NIL; an object
equals a pointer to its start; pointers named from an outer and an inner object (a struct and
its first member, an array of structs and one element) compare by address."
  (cond ((eq a b) t)
        ((or (null a) (null b)) nil)
        ;; Two pointers into one array (grow_specpdl's specpdl_ptr == specpdl + size).
        ((%same-base-p a b) (= (rt-ptr-offset a) (rt-ptr-offset b)))
        (t (%ptr=-slow a b))))

(define-compiler-macro rt-ptr= (&whole whole a b &environment env)
  (cond
    ;; `fastmap != NULL', tested at each position re_search_2 tries.
    ((and (null b) (%split-form-p a))
     (let ((base (gensym "BASE")) (off (gensym "OFF")))
       `(let ((,base ,(second a)) (,off ,(third a)))
          (and (null ,base) (= ,off 0)))))
    ((not (%parts-foldable-p a b)) whole)
    ((%compact-p env)
     `(multiple-value-call #'%ptr=-parts ,(%parts-forms a) ,(%parts-forms b)))
    (t (%by-parts a b (lambda (x y) `(= ,x ,y)) (lambda (p q) `(%ptr=-slow ,p ,q))))))

(defun %ptr=-parts (ab ao bb bo)
  "RT-PTR= of the pointers of parts AB, AO and BB, BO."
  (declare (type fixnum ao bo))
  (if (eq ab bb) (= ao bo) (%ptr=-slow (rt-ptr-of ab ao) (rt-ptr-of bb bo))))

(defun %ptr=-slow (a b)
  (multiple-value-bind (ab ao) (rt-ptr-parts a)
    (multiple-value-bind (bb bo) (rt-ptr-parts b)
      (cond ((eq ab bb) (= ao bo))
            ;; An address with no object (NULL) is no object's.
            ((or (null ab) (null bb)) nil)
            (t (multiple-value-bind (x y found) (%common-offsets ab ao bb bo)
                 (and found (= x y))))))))

;;; The last two pairs of bases found unrelated (neither holds the other), with their identity
;;; numbers: store_symval_forwarding orders a DEFVAR's variable (in `globals') and
;;; `&buffer_defaults' twice at every binding of a forwarded variable.  The answer stays true,
;;; for the reason the answers of %COMMON-OFFSETS do (objects.lisp); raw blocks and octet
;;; vectors are not remembered.
(sb-ext:defglobal **unrelated-bases** (make-array 2 :initial-element #(nil nil 0 0)))
(declaim (type (simple-vector 2) **unrelated-bases**))

(defun %common-or-error (a b who &optional by-identity)
  "Offsets of pointers A and B in one common object.  Unrelated ones signal RT-C-ERROR, or with
BY-IDENTITY are ordered by their objects' identity numbers (RT-XLI), NULL below every object."
  (cond ((and (null a) (null b)) (values 0 0))
        ((and by-identity (null a)) (values 0 1))
        ((and by-identity (null b)) (values 1 0))
        ((or (null a) (null b))
         (%c-error "~A: a null pointer and a non-null pointer are not ordered" who))
        (t (multiple-value-bind (ab ao) (rt-ptr-parts a)
             (multiple-value-bind (bb bo) (rt-ptr-parts b)
               (when by-identity
                 (loop for e across **unrelated-bases**
                       do (let ((e e))
                            (declare (type (simple-vector 4) e))
                            (when (and (eq (svref e 0) ab) (eq (svref e 1) bb))
                              (return-from %common-or-error (values (svref e 2) (svref e 3)))))))
               (multiple-value-bind (x y found) (%common-offsets ab ao bb bo)
                 (cond (found (values x y))
                       ((%locate ab bb) (values (+ (%locate ab bb) ao) bo))
                       ((%locate bb ab) (values ao (+ (%locate bb ab) bo)))
                       (by-identity
                        (let ((x (rt-xli ab)) (y (rt-xli bb)))
                          (when (%rememberable-pair-p ab bb)
                            (let ((memo **unrelated-bases**))
                              (setf (svref memo 1) (svref memo 0)
                                    (svref memo 0) (vector ab bb x y))))
                          (values x y)))
                       (t (%c-error "~A: pointers into different objects (~A and ~A)" who
                                    (%describe ab) (%describe bb))))))))))

(declaim (inline %order))
(defun %order (op x y)
  "Offsets X and Y compared by OP (:<, :<=, :>, :>=, := or :/=)."
  (ecase op
    (:< (< x y)) (:<= (<= x y)) (:> (> x y)) (:>= (>= x y)) (:= (= x y)) (:/= (/= x y))))

(defun rt-ptr-compare (op a b)
  "C's pointer <, <=, >, >= (OP is :<, :<=, :> or :>=): by offset for pointers into one object;
pointers into unrelated objects are ordered by the objects' identity numbers (RT-XLI) -- a
total order in which no pointer into one object falls between two pointers into another, which
is what C code testing whether a pointer is inside an object relies on."
  (multiple-value-bind (x y) (if (%same-base-p a b)
                                  (values (rt-ptr-offset a) (rt-ptr-offset b))
                                  (%common-or-error a b "rt-ptr-compare" t))
    (%order op x y)))

(defun rt-ptr-diff (a b)
  "A - B in bytes, for pointers into the same object (else RT-C-ERROR)."
  (if (%same-base-p a b)
      (- (rt-ptr-offset a) (rt-ptr-offset b))
      (multiple-value-bind (x y) (%common-or-error a b "rt-ptr-diff")
        (- x y))))

;;; Translated code names the comparison by a constant: pointers into one base (a loop's
;;; `p < end') are then compared inline, and only others take the search for a common object.
(define-compiler-macro rt-ptr-compare (&whole whole op a b &environment env)
  (let ((cmp (cdr (assoc (%unquote op)
                         '((:< . <) (:<= . <=) (:> . >) (:>= . >=) (:= . =) (:/= . /=))))))
    (cond ((null cmp) whole)
          ((and (%parts-foldable-p a b) (%compact-p env))
           `(multiple-value-call #'%ptr-compare-parts ,op ,(%parts-forms a) ,(%parts-forms b)))
          ((%compact-p env) whole)
          ((%parts-foldable-p a b)
           (%by-parts a b (lambda (x y) `(,cmp ,x ,y))
                      (lambda (p q) `(locally (declare (notinline rt-ptr-compare))
                                       (rt-ptr-compare ,op ,p ,q)))
                      :null-base nil))
          (t
           (let ((x (gensym "A")) (y (gensym "B")))
             `(let ((,x ,a) (,y ,b))
                (if (%same-base-p ,x ,y)
                    (,cmp (rt-ptr-offset ,x) (rt-ptr-offset ,y))
                    (locally (declare (notinline rt-ptr-compare)) (rt-ptr-compare ,op ,x ,y)))))))))

(define-compiler-macro rt-ptr-diff (&whole whole a b &environment env)
  (cond
    ((and (%parts-foldable-p a b) (%compact-p env))
     `(multiple-value-call #'%ptr-diff-parts ,(%parts-forms a) ,(%parts-forms b)))
    ((%compact-p env) whole)
    ((%parts-foldable-p a b)
     (%by-parts a b (lambda (x y) `(- ,x ,y))
                (lambda (p q) `(locally (declare (notinline rt-ptr-diff)) (rt-ptr-diff ,p ,q)))
                :null-base nil))
    (t
      (let ((x (gensym "A")) (y (gensym "B")))
        `(let ((,x ,a) (,y ,b))
           (if (%same-base-p ,x ,y)
               (- (rt-ptr-offset ,x) (rt-ptr-offset ,y))
               (locally (declare (notinline rt-ptr-diff)) (rt-ptr-diff ,x ,y))))))))

(defun %ptr-compare-parts (op ab ao bb bo)
  "RT-PTR-COMPARE of the pointers of parts AB, AO and BB, BO."
  (declare (type fixnum ao bo))
  (if (and ab (eq ab bb))
      (%order op ao bo)
      (locally (declare (notinline rt-ptr-compare))
        (rt-ptr-compare op (rt-ptr-of ab ao) (rt-ptr-of bb bo)))))

(defun %ptr-diff-parts (ab ao bb bo)
  "RT-PTR-DIFF of the pointers of parts AB, AO and BB, BO."
  (declare (type fixnum ao bo))
  (if (and ab (eq ab bb))
      (- ao bo)
      (locally (declare (notinline rt-ptr-diff)) (rt-ptr-diff (rt-ptr-of ab ao) (rt-ptr-of bb bo)))))

(defun rt-ptr-min (a b)
  "The lower of pointers A and B (into the same object)."
  (if (rt-ptr-compare :<= a b) a b))

(defun rt-ptr-max (a b)
  "The higher of pointers A and B (into the same object)."
  (if (rt-ptr-compare :>= a b) a b))

;;; Loads and stores.

(declaim (inline %mem-bytes))
(defun %mem-bytes (desc)
  ;; Declared, so that the division is a shift, not a call to the generic CEILING.
  (the (integer 1 16) (ceiling (the (integer 8 128) (%desc-mem-bits desc)) 8)))

(declaim (inline %check-scalar-desc))
(defun %check-scalar-desc (desc who)
  (unless (or (%numeric-desc-p desc) (%pointer-desc-p desc))
    (%c-error "~A: ~S is not the type of a scalar that can be loaded or stored through a pointer"
              who desc)))

(defun %octets-bounds (v off who desc)
  (%c-error "~A: ~(~S~) at offset ~D is outside ~A" who desc off (%describe v)))

(declaim (sb-ext:maybe-inline %octets-load %octets-store))
(defun %octets-load (v off desc)
  (declare (type octets v) (type fixnum off))
  (let ((size (%mem-bytes desc)))
    (unless (and (>= off 0) (<= (+ off size) (length v)))
      (%octets-bounds v off "rt-mem load" desc))
    (sb-sys:with-pinned-objects (v)
      (let ((sap (sb-sys:vector-sap v)))
        (ecase desc
          (:u8 (aref v off))
          (:s8 (sb-sys:signed-sap-ref-8 sap off))
          (:u16 (sb-sys:sap-ref-16 sap off))
          (:s16 (sb-sys:signed-sap-ref-16 sap off))
          (:u32 (sb-sys:sap-ref-32 sap off))
          (:s32 (sb-sys:signed-sap-ref-32 sap off))
          (:u64 (sb-sys:sap-ref-64 sap off))
          (:s64 (sb-sys:signed-sap-ref-64 sap off))
          (:u128 (logior (sb-sys:sap-ref-64 sap off) (ash (sb-sys:sap-ref-64 sap (+ off 8)) 64)))
          (:s128 (logior (sb-sys:sap-ref-64 sap off)
                         (ash (sb-sys:signed-sap-ref-64 sap (+ off 8)) 64)))
          (:f32 (sb-sys:sap-ref-single sap off))
          (:f64 (sb-sys:sap-ref-double sap off))
          (:f80 (%decode-f80 (logior (sb-sys:sap-ref-64 sap off)
                                     (ash (sb-sys:sap-ref-16 sap (+ off 8)) 64))))
          ((:lisp :ptr) (%decode (sb-sys:sap-ref-64 sap off) desc)))))))

(defun %octets-store (v off desc value)
  (declare (type octets v) (type fixnum off))
  (let ((size (%mem-bytes desc)))
    (unless (and (>= off 0) (<= (+ off size) (length v)))
      (%octets-bounds v off "rt-mem store" desc))
    (let ((bits (if (or (integerp value) (not (%int-desc-bits desc)))
                    value
                    (%encode value desc))))
      (sb-sys:with-pinned-objects (v)
        (let ((sap (sb-sys:vector-sap v)))
          (ecase desc
            ((:u8 :s8) (setf (aref v off) (ldb (byte 8 0) bits)))
            ((:u16 :s16) (setf (sb-sys:sap-ref-16 sap off) (ldb (byte 16 0) bits)))
            ((:u32 :s32) (setf (sb-sys:sap-ref-32 sap off) (ldb (byte 32 0) bits)))
            ((:u64 :s64) (setf (sb-sys:sap-ref-64 sap off) (ldb (byte 64 0) bits)))
            ((:u128 :s128) (setf (sb-sys:sap-ref-64 sap off) (ldb (byte 64 0) bits)
                                 (sb-sys:sap-ref-64 sap (+ off 8)) (ldb (byte 64 64) bits)))
            (:f32 (if (typep value 'single-float)
                      (setf (sb-sys:sap-ref-single sap off) value)
                      (setf (sb-sys:sap-ref-32 sap off) (%encode value :f32))))
            (:f64 (if (typep value 'double-float)
                      (setf (sb-sys:sap-ref-double sap off) value)
                      (setf (sb-sys:sap-ref-64 sap off) (%encode value :f64))))
            (:f80 (let ((b (%encode value :f80)))
                    (setf (sb-sys:sap-ref-64 sap off) (ldb (byte 64 0) b)
                          (sb-sys:sap-ref-16 sap (+ off 8)) (ldb (byte 16 64) b))))
            ((:lisp :ptr) (setf (sb-sys:sap-ref-64 sap off) (%encode value desc)))))))
    value))

(defun %aligned-index (v off elt-size who desc)
  "The index of the element of V starting at OFF, or NIL when OFF is not at an element start."
  (multiple-value-bind (i r) (floor off elt-size)
    (when (zerop r)
      (unless (< -1 i (length v))
        (%c-error "~A: ~(~S~) at offset ~D is outside ~A" who desc off (%describe v)))
      i)))

(defun %load (base off desc)
  "The scalar of type DESC at byte OFF of object BASE."
  (declare (type fixnum off))
  (typecase base
    (octets (%octets-load base off desc))
    (simple-vector
     (let ((e (%vector-elt-desc base)))
       (if e
           (let* ((s (%vector-stride base e)) (i (floor off s)))
             (unless (< -1 i (length base))
               (%c-error "rt-mem load: ~(~S~) at offset ~D is outside ~A" desc off (%describe base)))
             (if (<= (+ (- off (* i s)) (%mem-bytes desc)) s)
                 (%load (%elt base i) (- off (* i s)) desc)
                 ;; Across elements (GCC turns a small memcpy into one wide load).
                 (%decode (%bytes-load base off (%mem-bytes desc)) desc)))
           (let ((i (%aligned-index base off (if (= (%desc-size desc) 16) 16 8) "rt-mem load" desc)))
             (if i
                 (%reinterpret (svref base i) desc)
                 (%decode (%bytes-load base off (%mem-bytes desc)) desc))))))
    (%c-struct (%struct-load base off desc))
    (%c-union
     (unless (< -1 off (%union-size base))
       (%c-error "rt-mem load: offset ~D is outside ~A" off (%describe base)))
     (rt-cell base off desc))
    (rt-box
     (if (eql off 0)
         (%reinterpret (rt-box-value base) desc)
         (%decode (%bytes-load base off (%mem-bytes desc)) desc)))
    (%raw-block
     (multiple-value-bind (data doff) (%raw-resolve base off (if (%pointer-desc-p desc) :words :bytes))
       (%load data doff desc)))
    (cons (case off
            (0 (car base))
            (8 (cdr base))
            (t (%c-error "rt-mem load: offset ~D of a cons (only 0, the car, and 8, the cdr)" off))))
    (vector
     (let ((d (%typed-vector-desc base)))
       (unless d
         (%c-error "rt-mem load: ~A is not C memory" (%describe base)))
       (let ((i (and (= (%desc-size desc) (%desc-size d))
                     (%aligned-index base off (%desc-size d) "rt-mem load" desc))))
         (if i
             (%convert (aref base i) d desc)
             (%decode (%bytes-load base off (%mem-bytes desc)) desc)))))
    (t (%c-error "rt-mem load: cannot load ~(~S~) from ~A" desc (%describe base)))))

(defun %within-field-p (f off desc)
  "Whether the access of scalar DESC at byte OFF lies inside aggregate field F (a wide load or
store from a folded memcpy may span several fields: it then goes through the bytes)."
  (let ((extent (%c-field-extent f)))
    (or (null extent) (<= (+ (- off (%c-field-offset f)) (%mem-bytes desc)) extent))))

(defun %struct-load (obj off desc)
  (let* ((info (%info-of obj))
         (f (%field-at info off)))
    (cond ((null f)
           (unless (< -1 off (%c-info-size info))
             (%c-error "rt-mem load: offset ~D is outside ~S (~D bytes)" off (type-of obj)
                       (%c-info-size info)))
           (%decode (%bytes-load obj off (%mem-bytes desc)) desc))
          ((and (member (%c-field-kind f) '(:struct :array)) (%within-field-p f off desc))
           (%load (funcall (the function (%c-field-reader f)) obj) (- off (%c-field-offset f)) desc))
          ((and (= off (%c-field-offset f)) (not (%c-field-bitfield f))
                (= (%desc-size desc) (%c-field-size f)))
           (%convert (funcall (the function (%c-field-reader f)) obj) (%c-field-desc f) desc))
          (t (%decode (%bytes-load obj off (%mem-bytes desc)) desc)))))

(defun %store (base off desc value)
  "Store VALUE as the scalar of type DESC at byte OFF of object BASE."
  (declare (type fixnum off))
  (typecase base
    (octets (%octets-store base off desc value))
    (simple-vector
     (let ((e (%vector-elt-desc base)))
       (if e
           (let* ((s (%vector-stride base e)) (i (floor off s)))
             (unless (< -1 i (length base))
               (%c-error "rt-mem store: ~(~S~) at offset ~D is outside ~A" desc off (%describe base)))
             (if (<= (+ (- off (* i s)) (%mem-bytes desc)) s)
                 (%store (%elt base i) (- off (* i s)) desc value)
                 (%bytes-store base off (%mem-bytes desc) (%encode value desc))))
           (let* ((s (if (= (%desc-size desc) 16) 16 8))
                  (i (%aligned-index base off s "rt-mem store" desc)))
             (if (and i (or (%pointer-desc-p desc) (= (%desc-size desc) s)))
                 (setf (svref base i) value)
                 (%bytes-store base off (%mem-bytes desc) (%encode value desc)))))))
    (%c-struct (%struct-store base off desc value))
    (%c-union
     (unless (< -1 off (%union-size base))
       (%c-error "rt-mem store: offset ~D is outside ~A" off (%describe base)))
     (setf (rt-cell base off desc) value))
    (rt-box
     (if (eql off 0)
         (let ((old (rt-box-value base)))
           (setf (rt-box-value base)
                 ;; A Lisp object or a pointer is stored as it is: only scalars are bits.
                 (cond ((%pointer-desc-p desc) value)
                       ((and (floatp old) (integerp value))
                        (%decode value (if (typep old 'double-float) :f64 :f32)))
                       ((and (integerp old) (floatp value)) (%encode value desc))
                       (t value))))
         (%bytes-store base off (%mem-bytes desc) (%encode value desc))))
    (%raw-block
     (multiple-value-bind (data doff) (%raw-resolve base off (if (%pointer-desc-p desc) :words :bytes))
       (%store data doff desc value)))
    (cons (case off
            (0 (setf (car base) value))
            (8 (setf (cdr base) value))
            (t (%c-error "rt-mem store: offset ~D of a cons (only 0, the car, and 8, the cdr)" off))))
    (vector
     (let ((d (%typed-vector-desc base)))
       (unless d
         (%c-error "rt-mem store: ~A is not C memory" (%describe base)))
       (let ((i (and (= (%desc-size desc) (%desc-size d))
                     (%aligned-index base off (%desc-size d) "rt-mem store" desc))))
         (if (and i (realp value))
             (setf (aref base i) (%convert value desc d))
             (%bytes-store base off (%mem-bytes desc) (%encode value desc))))))
    (t (%c-error "rt-mem store: cannot store ~(~S~) into ~A" desc (%describe base))))
  value)

(defun %struct-store (obj off desc value)
  (let* ((info (%info-of obj))
         (f (%field-at info off)))
    (cond ((null f)
           (unless (< -1 off (%c-info-size info))
             (%c-error "rt-mem store: offset ~D is outside ~S (~D bytes)" off (type-of obj)
                       (%c-info-size info)))
           (%bytes-store obj off (%mem-bytes desc) (%encode value desc)))
          ((and (member (%c-field-kind f) '(:struct :array)) (%within-field-p f off desc))
           (%store (funcall (the function (%c-field-reader f)) obj) (- off (%c-field-offset f))
                   desc value))
          ((and (= off (%c-field-offset f)) (not (%c-field-bitfield f))
                (= (%desc-size desc) (%c-field-size f)))
           (let ((fdesc (%c-field-desc f)))
             (when (and (%numeric-desc-p fdesc) (not (realp value)))
               (%c-error "rt-mem store: ~A into the ~(~S~) field ~A of ~S" (%describe value) fdesc
                         (%c-field-name f) (type-of obj)))
             (funcall (the function (%c-field-writer f)) (%convert value desc fdesc) obj)))
          (t (%bytes-store obj off (%mem-bytes desc) (%encode value desc))))))

(defun %deref (p desc who)
  (%check-scalar-desc desc who)
  (when (null p)
    (%c-error "~A: null pointer dereference (~(~S~))" who desc))
  (rt-ptr-parts p))

;;; Places: what a load or store through an RT-PTR reaches.  A field of a struct or a cell of a
;;; union is remembered on the pointer (its TARGET), so that the next access through it is a
;;; check and a slot access; an element of a vector of words (a malloc'd Lisp_Object array) is
;;; found without the general walk, not remembered (such pointers are mostly made for one access).

(defun %resolve-place (base off desc)
  "The place byte OFF of object BASE is for a load or store of scalar DESC, as (values HOLDER
KEY), when it is one the general walk would reach and that stays there for BASE's life: a scalar
field of a struct instance whose descriptor is DESC (KEY the %C-FIELD), a cell of a union
instance (KEY its offset: RT-CELL handles any scalar DESC, and instances pinned later), an
element of a simple-vector of Lisp objects or pointers for DESC :lisp or :ptr (KEY its index);
reached from BASE through nested struct fields, elements of arrays of aggregates, a raw block's
data (made words now for a pointer DESC if the block is fresh) and instances pinned in unions.
NIL otherwise: the access takes the general walk."
  (declare (type fixnum off))
  (loop
    (typecase base
      (%c-struct
       (let ((f (%field-at (%info-of base) off)))
         (when (and f (eq (%c-field-desc f) desc) (eql off (%c-field-offset f))
                    (not (%c-field-bitfield f)))
           (return (values base f)))))
      (%c-union
       (when (and (< -1 off (%union-size base))
                  (not (and (%c-union-pinned base)
                            (%pinned-desc-p (svref (%c-union-descs base) off)))))
         (return (values base off))))
      (simple-vector
       (unless (%vector-elt-desc base)
         (return (and (%pointer-desc-p desc) (not (logtest off 7))
                      (< -1 (ash off -3) (length base))
                      (values base (ash off -3))))))
      (%raw-block
       ;; A first use of a fresh block as pointers or Lisp objects makes it words, as the general
       ;; walk would (%RAW-RESOLVE): SAFE_ALLOCA_LISP's block of arguments.
       (when (and (%pointer-desc-p desc) (null (%raw-block-data base)) (null (%raw-block-split base)))
         (%materialize base :words)))
      (t (return nil)))
    (multiple-value-bind (child coff) (%descend base off)
      (if child (setf base child off coff) (return nil)))))

(declaim (inline %raw-words-index))
(defun %raw-words-index (b off)
  "The index of the word at byte OFF of raw block B when B's data is a vector of words (Lisp
objects or pointers) and B is not split, made so now if B is fresh (as %RESOLVE-PLACE would);
else NIL."
  (declare (type %raw-block b) (type fixnum off))
  (when (and (null (%raw-block-data b)) (null (%raw-block-split b)))
    (%materialize b :words))
  ;; A block made words stays words (and is never split after): its KIND says so.
  (and (eq (%raw-block-kind b) :words) (null (%raw-block-split b))
       (not (logtest off 7))
       (< -1 (ash off -3) (length (the simple-vector (%raw-block-data b))))
       (ash off -3)))

(defun %raw-word-at (b off)
  "The data vector and index (values WORDS I) of the word at byte OFF of raw block B when its data
is a vector of words (%RAW-WORDS-INDEX), else NIL.  Out of line, called for the rarer base of a
Lisp object's load or store, a block (%WORD-AT, %RAW-WORD-PLACE)."
  (declare (type %raw-block b) (type fixnum off))
  (let ((i (%raw-words-index b off)))
    (and i (values (%raw-block-data b) i))))

(declaim (inline %place-fits-p))
(defun %place-fits-p (place desc)
  "True if PLACE, a remembered (HOLDER . KEY), is where a load or store of DESC goes."
  (if (%c-union-p (car place))
      (or (%numeric-desc-p desc) (%pointer-desc-p desc))
      (eq (%c-field-desc (cdr place)) desc)))

(declaim (inline %struct-head))
(defun %struct-head (obj desc)
  "The field of struct instance OBJ at its start when a load or store of DESC through a pointer
to OBJ goes to it (%HEAD-FIELD, of the same descriptor), else NIL."
  (let ((f (%head-field (%info-of obj))))
    (and f (eq (%c-field-desc f) desc) f)))

(defun %place (p desc)
  "The place (values HOLDER KEY) pointer P designates for a load or store of DESC (see
%RESOLVE-PLACE): the one remembered on P if it fits DESC, else found now (and remembered when it
is a field or a union cell); or a box (KEY 0) for a pointer DESC at its start; NIL if there is
none.  P may also be a struct instance itself (a pointer to its start)."
  (cond ((rt-ptr-p p)
         (let ((known (rt-ptr-target p)))
           (cond
             ((and (consp known) (%place-fits-p known desc))
              (values (car known) (cdr known)))
             ;; *pp for a local pointer pp whose address is taken (a box).
             ((and (%box-at p) (%pointer-desc-p desc))
              (values (rt-ptr-base p) 0))
             (t
               (multiple-value-bind (holder key)
                   (and (or (%numeric-desc-p desc) (%pointer-desc-p desc))
                        (%resolve-place (rt-ptr-base p) (rt-ptr-offset p) desc))
                 (when (%c-object-p holder)
                   (setf (rt-ptr-target p) (cons holder key)))
                 (values holder key))))))
        ;; *(enum Lisp_Fwd_Type *) fwd: the first field of a struct, through the struct itself.
        ((%c-struct-p p)
         (let ((f (%struct-head p desc)))
           (when f (values p f))))))

(declaim (inline %remembered-field))
(defun %remembered-field (p desc)
  "The struct instance and field (values HOLDER FIELD) that pointer P remembers, when they are
where a load or store of DESC goes (%PLACE's first case, without its multiple values); else NIL:
*XOBJFWD (valcontents)->objvar, a DEFVAR's variable, at each specbind and symbol-value."
  (let ((known (and (rt-ptr-p p) (rt-ptr-target p))))
    (when (and (consp known) (%c-struct-p (car known)))
      (let ((f (cdr known)))
        (declare (type %c-field f))
        (when (eq (%c-field-desc f) desc)
          (values (car known) f))))))

(declaim (inline %raw-word-place))
(defun %raw-word-place (p desc)
  "The vector and index (values WORDS I) of the word a load or store of pointer DESC at P reaches
when P points into a raw block made words (or fresh: made words now, as %PLACE would), else NIL:
eval_sub's SAFE_ALLOCA_LISP of a subr's arguments, a fresh block at each call, stored into by
eval_sub and read by Fplus as args[i], without %PLACE's cases before it."
  (when (and (rt-ptr-p p) (%pointer-desc-p desc) (%raw-block-p (rt-ptr-base p)))
    (%raw-word-at (rt-ptr-base p) (rt-ptr-offset p))))

(defun %mem-load (p desc)
  ;; Through a pointer to a whole struct (XFWDTYPE, at every specbind and symbol-value of a
  ;; DEFVAR): its first field, found once per type.
  (when (%c-struct-p p)
    (let ((f (%struct-head p desc)))
      (when f (return-from %mem-load (funcall (the function (%c-field-reader f)) p)))))
  (multiple-value-bind (holder f) (%remembered-field p desc)
    (when holder
      (return-from %mem-load (funcall (the function (%c-field-reader f)) holder))))
  (multiple-value-bind (words i) (%raw-word-place p desc)
    (when words
      (return-from %mem-load (svref words i))))
  (multiple-value-bind (holder key) (%place p desc)
    (typecase holder
      (null (multiple-value-bind (base off) (%deref p desc "rt-mem load")
              (%load base off desc)))
      (%c-struct (funcall (the function (%c-field-reader key)) holder))
      (%c-union (rt-cell holder key desc))
      (rt-box (rt-box-value holder))
      (t (svref holder key)))))

(defun %load-through-object (p desc)
  "%MEM-LOAD of DESC through P, an object meaning a pointer to its start: a struct's first field
of DESC first (XFWDTYPE's `*(enum Lisp_Fwd_Type *) fwd', several times at each specbind and
unbind of a DEFVAR), without %MEM-LOAD's other cases."
  (let ((f (and (%c-struct-p p) (%c-info-head (%info-of p)))))
    (if (and (%c-field-p f) (eq (%c-field-desc f) desc))
        (funcall (the function (%c-field-reader f)) p)
        (%mem-load p desc))))

(defun %mem-store (p desc value)
  (multiple-value-bind (holder f) (%remembered-field p desc)
    (when (and holder (or (realp value) (not (%numeric-desc-p desc))))
      (funcall (the function (%c-field-writer f)) value holder)
      (return-from %mem-store value)))
  (multiple-value-bind (words i) (%raw-word-place p desc)
    (when words
      (return-from %mem-store (setf (svref words i) value))))
  (multiple-value-bind (holder key) (%place p desc)
    (typecase holder
      (null (multiple-value-bind (base off) (%deref p desc "rt-mem store")
              (%store base off desc value)))
      (%c-struct
       (when (and (%numeric-desc-p desc) (not (realp value)))
         (%c-error "rt-mem store: ~A into the ~(~S~) field ~A of ~S" (%describe value) desc
                   (%c-field-name key) (type-of holder)))
       (funcall (the function (%c-field-writer key)) value holder))
      (%c-union (setf (rt-cell holder key desc) value))
      (rt-box (setf (rt-box-value holder) value))
      (t (setf (svref holder key) value)))
    value))

(defun rt-mem (p desc)
  "The scalar of C type DESC (a keyword: an integer, float, :lisp or :ptr descriptor) stored at
pointer P (setf-able: C's *P as an lvalue).  The base object of P decides: an octet vector holds
little-endian bytes; a specialized vector its elements; a simple-vector 8-byte values (or the
elements of an array of structs); a struct instance its fields by offset (nested structs and
arrays included); a union its cells; a box its value; a cons its car (0) and cdr (8); a raw block
is given a representation first.  Errors (NULL, no such field, out of bounds) signal RT-C-ERROR."
  (%mem-load p desc))

;;; Fast paths: with a constant descriptor, a load or store of bytes in an octet vector is done
;;; inline.

(declaim (inline %raw-octets))
(defun %raw-octets (b)
  "The octet vector that raw block B is, if it was made bytes and not split, else NIL."
  (and (%raw-block-p b) (null (%raw-block-split b))
       (let ((d (%raw-block-data b))) (and (typep d 'octets) d))))

;;; The fast paths' fallback for a pointer whose base is not an octet vector: a malloc'd block
;;; made bytes (regex-emacs.c's compiled pattern) and a box (`*charidx` of `&charidx`) are still
;;; reached without the general walk.
(defun %mem-load-bytes (p desc)
  (let* ((b (rt-ptr-base p)) (d (%raw-octets b)))
    (cond (d (%octets-load d (rt-ptr-offset p) desc))
          ((%box-at p) (%load b 0 desc))
          (t (%mem-load p desc)))))

(defun %mem-store-bytes (p desc value)
  (let* ((b (rt-ptr-base p)) (d (%raw-octets b)))
    (cond (d (%octets-store d (rt-ptr-offset p) desc value) value)
          ((%box-at p) (%store b 0 desc value) value)
          (t (%mem-store p desc value)))))

(defmacro %octets-load-or (b o size ref miss)
  "REF of the SIZE bytes at offset O of B when B is an octet vector holding them, else MISS."
  `(if (and (typep ,b 'octets) (<= 0 ,o (- (length ,b) ,size)))
       (sb-sys:with-pinned-objects (,b) (,ref (sb-sys:vector-sap ,b) ,o))
       ,miss))

(defmacro %octets-store-or (b o size setter v float miss)
  "Store V (a FLOAT, else an integer wrapped to SIZE bytes) with SETTER at offset O of B when B
is an octet vector holding those bytes, and return V; else MISS."
  `(if (and (typep ,b 'octets) (<= 0 ,o (- (length ,b) ,size)))
       (progn (sb-sys:with-pinned-objects (,b)
                (setf (,setter (sb-sys:vector-sap ,b) ,o)
                      ,(if float v `(ldb (byte ,(* 8 size) 0) ,v))))
              ,v)
       ,miss))

(defmacro %define-octet-access (desc size loader storer ref setter &key float)
  (let ((bytes-loader (intern (format nil "~A-BYTES" loader)))
        (bytes-storer (intern (format nil "~A-BYTES" storer)))
        ;; The values a box holds that read back as they are through DESC (%reinterpret).
        (same (or float (if (member desc '(:u8 :u16 :u32 :u64))
                            `(unsigned-byte ,(* 8 size))
                            `(signed-byte ,(* 8 size))))))
  `(progn
     ;; The fallback of a pointer into a raw block made bytes (buffer text, malloc'd by
     ;; alloc_buffer_text), one call reading DESC's bytes directly (%OCTETS-LOAD, inline, does
     ;; not fold its case of the descriptor: a table lookup per byte); and of `*p' with p
     ;; `&x' of a boxed local (fns.c's `fetch_string_char_advance (s, &charidx, &byteidx)', per
     ;; character), the box's value when it reads back unchanged.
     (defun ,bytes-loader (p)
       (let* ((b (rt-ptr-base p)) (d (%raw-octets b)))
         (cond (d (let ((o (rt-ptr-offset p)))
                    (%octets-load-or d o ,size ,ref (%octets-load d o ,desc))))
               ((and (%box-at p) (typep (rt-box-value b) ',same))
                (rt-box-value b))
               (t (%mem-load-bytes p ,desc)))))
     ;; A store of V (a number of DESC's kind) into a box keeps V as it is unless the box holds
     ;; a number of the other kind (then %STORE converts the bits).
     (defun ,bytes-storer (p v)
       (let ((b (rt-ptr-base p)))
         (if (and (%box-at p) (not (,(if float 'integerp 'floatp) (rt-box-value b))))
             (setf (rt-box-value b) v)
             (%mem-store-bytes p ,desc v))))
     (declaim (inline ,loader ,storer))
     (defun ,loader (p)
       (if (rt-ptr-p p)
           (let ((b (rt-ptr-base p)) (o (rt-ptr-offset p)))
             ,(if (< size 4)
                  `(%octets-load-or b o ,size ,ref (,bytes-loader p))
                  ;; `*charpos' of inc_both (&from, &from_byte), per character: a box first.
                  `(if (and (rt-box-p b) (eql o 0) (typep (rt-box-value b) ',same))
                       (rt-box-value b)
                       (%octets-load-or b o ,size ,ref (,bytes-loader p)))))
           (%load-through-object p ,desc)))
     (defun ,storer (p v)
       (if (and (rt-ptr-p p) ,(if float `(typep v ',float) '(integerp v)))
           (let ((b (rt-ptr-base p)) (o (rt-ptr-offset p)))
             ,(if (< size 4)
                  `(%octets-store-or b o ,size ,setter v ,float (,bytes-storer p v))
                  ;; As ,BYTES-STORER does it for a box.
                  `(if (and (rt-box-p b) (eql o 0)
                            (not (,(if float 'integerp 'floatp) (rt-box-value b))))
                       (setf (rt-box-value b) v)
                       (%octets-store-or b o ,size ,setter v ,float (,bytes-storer p v)))))
           (%mem-store p ,desc v))))))

;;; `*(p + n)', the most common access in the translated C (GIMPLE folds `p[i]' into it): with
;;; the base an octet vector, done at offset + N without making the pointer P + N.  Anything else
;;; makes it and takes the paths above.
(defun %mem-load-at (p n desc)
  (let ((d (and (rt-ptr-p p) (typep n 'fixnum) (%raw-octets (rt-ptr-base p)))))
    (if d
        (%octets-load d (+ (rt-ptr-offset p) n) desc)
        (let ((q (rt-ptr+ p n)))
          (if (rt-ptr-p q) (%mem-load-bytes q desc) (%mem-load q desc))))))

(defun %mem-store-at (p n desc value)
  (let ((d (and (rt-ptr-p p) (typep n 'fixnum) (%raw-octets (rt-ptr-base p)))))
    (if d
        (progn (%octets-store d (+ (rt-ptr-offset p) n) desc value) value)
        (let ((q (rt-ptr+ p n)))
          (if (rt-ptr-p q) (%mem-store-bytes q desc value) (%mem-store q desc value))))))

(defmacro %define-octet-access-at (desc size loader storer ref setter &key float)
  `(progn
     (declaim (inline ,loader ,storer))
     (defun ,loader (p n)
       (if (and (rt-ptr-p p) (typep n 'fixnum))
           (let ((b (rt-ptr-base p)) (o (+ (rt-ptr-offset p) n)))
             (%octets-load-or b o ,size ,ref (%mem-load-at p n ,desc)))
           (%mem-load-at p n ,desc)))
     (defun ,storer (p n v)
       (if (and (rt-ptr-p p) (typep n 'fixnum) ,(if float `(typep v ',float) '(integerp v)))
           (let ((b (rt-ptr-base p)) (o (+ (rt-ptr-offset p) n)))
             (%octets-store-or b o ,size ,setter v ,float (%mem-store-at p n ,desc v)))
           (%mem-store-at p n ,desc v)))))

(%define-octet-access-at :u8 1 %load-u8-at %store-u8-at sb-sys:sap-ref-8 sb-sys:sap-ref-8)
(%define-octet-access-at :s8 1 %load-s8-at %store-s8-at sb-sys:signed-sap-ref-8 sb-sys:sap-ref-8)
(%define-octet-access-at :u16 2 %load-u16-at %store-u16-at sb-sys:sap-ref-16 sb-sys:sap-ref-16)
(%define-octet-access-at :s16 2 %load-s16-at %store-s16-at sb-sys:signed-sap-ref-16 sb-sys:sap-ref-16)
(%define-octet-access-at :u32 4 %load-u32-at %store-u32-at sb-sys:sap-ref-32 sb-sys:sap-ref-32)
(%define-octet-access-at :s32 4 %load-s32-at %store-s32-at sb-sys:signed-sap-ref-32 sb-sys:sap-ref-32)

(%define-octet-access :u8 1 %load-u8 %store-u8 sb-sys:sap-ref-8 sb-sys:sap-ref-8)
(%define-octet-access :s8 1 %load-s8 %store-s8 sb-sys:signed-sap-ref-8 sb-sys:sap-ref-8)
(%define-octet-access :u16 2 %load-u16 %store-u16 sb-sys:sap-ref-16 sb-sys:sap-ref-16)
(%define-octet-access :s16 2 %load-s16 %store-s16 sb-sys:signed-sap-ref-16 sb-sys:sap-ref-16)
(%define-octet-access :u32 4 %load-u32 %store-u32 sb-sys:sap-ref-32 sb-sys:sap-ref-32)
(%define-octet-access :s32 4 %load-s32 %store-s32 sb-sys:signed-sap-ref-32 sb-sys:sap-ref-32)
(%define-octet-access :u64 8 %load-u64 %store-u64 sb-sys:sap-ref-64 sb-sys:sap-ref-64)
(%define-octet-access :s64 8 %load-s64 %store-s64 sb-sys:signed-sap-ref-64 sb-sys:sap-ref-64)
(%define-octet-access :f32 4 %load-f32 %store-f32 sb-sys:sap-ref-single sb-sys:sap-ref-single
                      :float single-float)
(%define-octet-access :f64 8 %load-f64 %store-f64 sb-sys:sap-ref-double sb-sys:sap-ref-double
                      :float double-float)

;;; Through a split pointer (RT-PTR-OF BASE OFFSET), from its parts: inline when BASE is an
;;; octet vector; a raw block made bytes (buffer text, a compiled regexp) is one call, with the
;;; descriptor's case folded away; anything else makes the pointer and takes the paths above.
(defmacro %define-split-access (desc size loader storer ref setter &key float)
  (let ((load-miss (intern (format nil "~A-MISS" loader)))
        (store-miss (intern (format nil "~A-MISS" storer)))
        (type (if (member desc '(:u8 :u16 :u32 :u64))
                  `(unsigned-byte ,(* 8 size))
                  `(signed-byte ,(* 8 size)))))
    `(progn
       ;; Its C type below 8 bytes (8 bytes of words may read a pointer), so that a use of the
       ;; value (`fastmap[c] != 0' at each character re_search_2 skips) is open-coded, not
       ;; generic arithmetic.
       ,@(when (< size 8)
           `((declaim (ftype (function (t fixnum) (values ,type &optional)) ,load-miss))))
       ;; DESC's bytes read or written directly first: the general %OCTETS-LOAD and
       ;; %OCTETS-STORE, which signal an access out of bounds, find DESC's size and case by a
       ;; table lookup (the matcher's calls, at each byte of its pattern and text).
       (defun ,load-miss (b o)
         (declare (type fixnum o))
         (let ((d (or (%raw-octets b) b)))
           (%octets-load-or
            d o ,size ,ref
            (if (typep d 'octets)
                (%octets-load d o ,desc)
                (let ((p (rt-ptr-of b o)))
                  (if (rt-ptr-p p) (%mem-load-bytes p ,desc) (%mem-load p ,desc)))))))
       (defun ,store-miss (b o v)
         (declare (type fixnum o))
         (let ((d (or (%raw-octets b) b)))
           (flet ((general ()
                    (if (typep d 'octets)
                        (progn (%octets-store d o ,desc v) v)
                        (let ((p (rt-ptr-of b o)))
                          (if (rt-ptr-p p) (%mem-store-bytes p ,desc v) (%mem-store p ,desc v))))))
             (if ,(if float `(typep v ',float) '(integerp v))
                 (%octets-store-or d o ,size ,setter v ,float (general))
                 (general)))))
       (declaim (inline ,loader ,storer))
       (defun ,loader (b o)
         (declare (type fixnum o))
         (let ((d (or (%raw-octets b) b)))
           (%octets-load-or d o ,size ,ref (,load-miss b o))))
       (defun ,storer (b o v)
         (declare (type fixnum o))
         (let ((d (or (%raw-octets b) b)))
           (if ,(if float `(typep v ',float) '(integerp v))
               (%octets-store-or d o ,size ,setter v ,float (,store-miss b o v))
               (,store-miss b o v)))))))

(%define-split-access :u8 1 %load-u8-of %store-u8-of sb-sys:sap-ref-8 sb-sys:sap-ref-8)
(%define-split-access :s8 1 %load-s8-of %store-s8-of sb-sys:signed-sap-ref-8 sb-sys:sap-ref-8)
(%define-split-access :u16 2 %load-u16-of %store-u16-of sb-sys:sap-ref-16 sb-sys:sap-ref-16)
(%define-split-access :s16 2 %load-s16-of %store-s16-of sb-sys:signed-sap-ref-16 sb-sys:sap-ref-16)
(%define-split-access :u32 4 %load-u32-of %store-u32-of sb-sys:sap-ref-32 sb-sys:sap-ref-32)
(%define-split-access :s32 4 %load-s32-of %store-s32-of sb-sys:signed-sap-ref-32 sb-sys:sap-ref-32)
(%define-split-access :u64 8 %load-u64-of %store-u64-of sb-sys:sap-ref-64 sb-sys:sap-ref-64)
(%define-split-access :s64 8 %load-s64-of %store-s64-of sb-sys:signed-sap-ref-64 sb-sys:sap-ref-64)

;;; And a Lisp object or pointer in a simple-vector of them (Lisp vectors, arrays of pointers) or
;;; in a box (`Lisp_Object *begin' of validate_interval_range (object, &start, &end, ...)),
;;; inline; in a block from malloc or alloca made one (eval_sub's SAFE_ALLOCA_LISP of a subr's
;;; arguments, which Fplus reads as args[i]), with one call: the loaders are inlined at thousands
;;; of places, and their size is SBCL's compile time (Fcall_interactively).

(declaim (inline %vector-word-at))
(defun %vector-word-at (b o)
  "The simple-vector and the index of the Lisp object or pointer at byte O of base B, when B is a
simple-vector of them (not of structs); else NIL."
  (declare (type fixnum o))
  (and (simple-vector-p b) (not (logtest o 7)) (< -1 (ash o -3) (length b)) (not (%vector-elt-desc b))
       (values b (ash o -3))))

(defun %word-at (b o)
  "The simple-vector and the index of the Lisp object or pointer at byte O of base B, when B is a
simple-vector of them (not of structs) or a raw block made one; else NIL."
  (declare (type fixnum o))
  (if (%raw-block-p b) (%raw-word-at b o) (%vector-word-at b o)))

(defun rt-word-at (p)
  "The simple-vector and the index of the Lisp object or pointer that pointer P designates, when
its base is a vector of them (a byte-code stack, a local Lisp_Object array, a block of them from
alloca); else NIL: what reads a C function's array of arguments without a pointer per element."
  (and (rt-ptr-p p) (%word-at (rt-ptr-base p) (rt-ptr-offset p))))

(macrolet ((def (desc loader storer loader-at storer-at slow-loader slow-storer)
             `(progn
                (defun ,slow-loader (p n)
                  ;; *XOBJFWD (valcontents)->objvar, a DEFVAR's variable in `globals', at each
                  ;; specbind and symbol-value: the field the pointer remembers, without a walk.
                  (when (eql n 0)
                    (multiple-value-bind (holder f) (%remembered-field p ,desc)
                      (when holder
                        (return-from ,slow-loader (funcall (the function (%c-field-reader f)) holder)))))
                  (multiple-value-bind (v i)
                      (and (typep n 'fixnum)
                           (multiple-value-bind (b o) (rt-ptr-parts p) (%word-at b (+ o n))))
                    (if i (svref v i) (%mem-load (rt-ptr+ p n) ,desc))))
                (defun ,slow-storer (p n value)
                  (when (eql n 0)
                    (multiple-value-bind (holder f) (%remembered-field p ,desc)
                      (when holder
                        (funcall (the function (%c-field-writer f)) value holder)
                        (return-from ,slow-storer value))))
                  (multiple-value-bind (v i)
                      (and (typep n 'fixnum)
                           (multiple-value-bind (b o) (rt-ptr-parts p) (%word-at b (+ o n))))
                    (if i (setf (svref v i) value) (%mem-store (rt-ptr+ p n) ,desc value))))
                (declaim (inline ,loader ,storer ,loader-at ,storer-at))
                (defun ,loader (p)
                  (multiple-value-bind (v i)
                      (and (rt-ptr-p p) (%vector-word-at (rt-ptr-base p) (rt-ptr-offset p)))
                    (if i
                        (svref v i)
                        (let ((box (%box-at p)))
                          (if box (rt-box-value box) (,slow-loader p 0))))))
                (defun ,storer (p value)
                  (multiple-value-bind (v i)
                      (and (rt-ptr-p p) (%vector-word-at (rt-ptr-base p) (rt-ptr-offset p)))
                    (if i
                        (setf (svref v i) value)
                        (let ((box (%box-at p)))
                          (if box (setf (rt-box-value box) value) (,slow-storer p 0 value))))))
                ;; At P + N, without making that pointer.
                (defun ,loader-at (p n)
                  (multiple-value-bind (v i)
                      (and (rt-ptr-p p) (typep n 'fixnum)
                           (%vector-word-at (rt-ptr-base p) (+ (rt-ptr-offset p) n)))
                    (if i (svref v i) (,slow-loader p n))))
                (defun ,storer-at (p n value)
                  (multiple-value-bind (v i)
                      (and (rt-ptr-p p) (typep n 'fixnum)
                           (%vector-word-at (rt-ptr-base p) (+ (rt-ptr-offset p) n)))
                    (if i (setf (svref v i) value) (,slow-storer p n value)))))))
  (def :lisp %load-lisp %store-lisp %load-lisp-at %store-lisp-at %load-lisp-slow %store-lisp-slow)
  (def :ptr %load-pointer %store-pointer %load-pointer-at %store-pointer-at
    %load-pointer-slow %store-pointer-slow))

(defun %fast-access (desc)
  "The inline loader and storer for constant DESC, if there are."
  (case desc
    (:u8 (values '%load-u8 '%store-u8)) (:s8 (values '%load-s8 '%store-s8))
    (:u16 (values '%load-u16 '%store-u16)) (:s16 (values '%load-s16 '%store-s16))
    (:u32 (values '%load-u32 '%store-u32)) (:s32 (values '%load-s32 '%store-s32))
    (:u64 (values '%load-u64 '%store-u64)) (:s64 (values '%load-s64 '%store-s64))
    (:f32 (values '%load-f32 '%store-f32)) (:f64 (values '%load-f64 '%store-f64))
    (:lisp (values '%load-lisp '%store-lisp)) (:ptr (values '%load-pointer '%store-pointer))))

(defun %constant-desc (form)
  (cond ((keywordp form) form)
        ((and (consp form) (eq (car form) 'quote) (keywordp (second form))) (second form))))

(defun %fast-access-at (desc)
  "The inline loader and storer at pointer + offset for constant DESC, if there are."
  (case desc
    (:u8 (values '%load-u8-at '%store-u8-at)) (:s8 (values '%load-s8-at '%store-s8-at))
    (:u16 (values '%load-u16-at '%store-u16-at)) (:s16 (values '%load-s16-at '%store-s16-at))
    (:u32 (values '%load-u32-at '%store-u32-at)) (:s32 (values '%load-s32-at '%store-s32-at))
    (:lisp (values '%load-lisp-at '%store-lisp-at)) (:ptr (values '%load-pointer-at '%store-pointer-at))))

(defun %constant-offset (form)
  "FORM, an offset, as a fixnum if it is a constant GIMPLE writes unsigned (p + 2^64 - 1)."
  (if (and (integerp form) (typep (%offset form) 'fixnum)) (%offset form) form))

(defun %fast-access-of (desc)
  "The inline loader and storer through a split pointer's parts for constant DESC, if there are."
  (case desc
    (:u8 (values '%load-u8-of '%store-u8-of)) (:s8 (values '%load-s8-of '%store-s8-of))
    (:u16 (values '%load-u16-of '%store-u16-of)) (:s16 (values '%load-s16-of '%store-s16-of))
    (:u32 (values '%load-u32-of '%store-u32-of)) (:s32 (values '%load-s32-of '%store-s32-of))
    (:u64 (values '%load-u64-of '%store-u64-of)) (:s64 (values '%load-s64-of '%store-s64-of))))

(defun %split-parts (p)
  "The base and offset forms of pointer form P when it is a split pointer (RT-PTR-OF) or one
plus an offset, else NIL."
  (cond ((%split-form-p p) (values (second p) (third p)))
        ((and (%pointer-plus-form-p p) (%split-form-p (second p)))
         (values (second (second p)) `(+ ,(third (second p)) ,(%offset-form (third p)))))))

(defun %out-of-line (accessor)
  "The out-of-line function of split pointer ACCESSOR (%DEFINE-SPLIT-ACCESS)."
  (intern (format nil "~A-MISS" accessor) "EMACS2CL-RUNTIME"))

(define-compiler-macro rt-mem (&whole whole p desc &environment env)
  (let ((of (and (%split-parts p) (%fast-access-of (%constant-desc desc))))
        (at (and (%pointer-plus-form-p p) (%fast-access-at (%constant-desc desc))))
        (loader (%fast-access (%constant-desc desc))))
    (cond (of (multiple-value-bind (b o) (%split-parts p)
                `(,(if (%compact-p env) (%out-of-line of) of) ,b ,o)))
          (at `(,at ,(second p) ,(%constant-offset (third p))))
          (loader `(,loader ,p))
          (t whole))))

(define-setf-expander rt-mem (p desc &environment env)
  (let ((tp (gensym "P")) (tv (gensym "V")) (d (%constant-desc desc)))
    (multiple-value-bind (loader-at storer-at)
        (and d (%pointer-plus-form-p p) (%fast-access-at d))
      (cond ((and d (%split-parts p) (%fast-access-of d))
             (multiple-value-bind (loader-of storer-of) (%fast-access-of d)
               (when (%compact-p env)
                 (setf loader-of (%out-of-line loader-of) storer-of (%out-of-line storer-of)))
               (multiple-value-bind (b o) (%split-parts p)
                 (let ((tb (gensym "B")) (to (gensym "O")))
                   (values (list tb to) (list b o) (list tv)
                           `(,storer-of ,tb ,to ,tv)
                           `(,loader-of ,tb ,to))))))
            (storer-at
             (let ((tn (gensym "N")))
               (values (list tp tn) (list (second p) (%constant-offset (third p))) (list tv)
                       `(,storer-at ,tp ,tn ,tv)
                       `(,loader-at ,tp ,tn))))
            (d
             (let ((storer (nth-value 1 (%fast-access d))))
               (values (list tp) (list p) (list tv)
                       (if storer `(,storer ,tp ,tv) `(%mem-store ,tp ,d ,tv))
                       `(rt-mem ,tp ,d))))
            (t
             (let ((td (gensym "D")))
               (values (list tp td) (list p desc) (list tv)
                       `(%mem-store ,tp ,td ,tv)
                       `(rt-mem ,tp ,td))))))))

;;; The struct a pointer designates.

(declaim (inline %element-at))
(defun %element-at (v off size)
  "The element of V, a C array of aggregates of SIZE bytes each, that starts at byte OFF, made now
if it was not yet; NIL when OFF is not at the start of one of V's elements."
  (declare (type simple-vector v) (type fixnum off) (type (and fixnum (integer 1)) size))
  (multiple-value-bind (i r) (floor off size)
    (and (zerop r) (< -1 i (length v)) (%elt v i))))

(declaim (inline %raw-block-element))
(defun %raw-block-element (b off name size)
  "The element of type NAME that starts at byte OFF of raw block B when B was made an array of
NAME (its %RAW-BLOCK-KIND is NAME's layout): a compare and a division by SIZE, the element's size
(NIL: the layout's; a constant where it is inlined for one type).  Else NIL."
  (declare (type %raw-block b) (type fixnum off))
  (let ((info (%raw-block-kind b)))
    (and (%c-info-p info) (eq (%c-info-name info) name)
         (%element-at (%raw-block-data b) off (or size (%c-info-size info))))))

(declaim (inline %array-element))
(defun %array-element (base off name)
  "The element of type NAME that starts at byte OFF of BASE, when BASE is a C array of structs
or unions whose elements are of type NAME (or a raw block made into one), else NIL: the common
case of a pointer into an array of structs (the specpdl), without the general walk.  A raw block
remembers its elements' layout (%RAW-BLOCK-KIND): a compare and a division."
  (declare (type fixnum off))
  (if (%raw-block-p base)
      (%raw-block-element base off name nil)
      (when (and (simple-vector-p base) (plusp (length base)))
        (let ((e (svref base 0)))
          (when (and (%c-object-p e) (eq (%c-object-array e) base))
            (let ((info (%info-of e)))
              (when (and (eq (%c-info-name info) name) (null (%c-info-fam info))
                         (plusp (%c-info-size info)))
                (%element-at base off (%c-info-size info)))))))))

(declaim (inline %block-element))
(defun %block-element (p name size)
  "When pointer P points into a raw block made an array of struct or union NAME, of SIZE bytes
(%RAW-BLOCK-ELEMENT), the element it designates, remembered in P; else NIL."
  (and (rt-ptr-p p) (%raw-block-p (rt-ptr-base p))
       (let ((e (%raw-block-element (rt-ptr-base p) (rt-ptr-offset p) name size)))
         (when e (setf (rt-ptr-target p) e))
         e)))

(defun %obj-slow (p name)
  (when (null p)
    (%c-error "rt-obj: null pointer dereference (~A)" name))
  (when (rt-ptr-p p)
    (let ((e (rt-ptr-target p)))
      (when (%instance-of-p e name)
        (return-from %obj-slow e))))
  (multiple-value-bind (base off) (rt-ptr-parts p)
    (let ((e (%array-element base off name)))
      (when e
        (when (rt-ptr-p p) (setf (rt-ptr-target p) e))
        (return-from %obj-slow e)))
    ;; A nested struct, a raw block's data and a struct member pinned in a union stay where they
    ;; are too: the instance found is remembered whatever the way to it.
    (let ((e (loop
               (when (and (eql off 0) (%instance-of-p base name))
                 (return base))
               (if (%raw-block-p base)
                   (setf (values base off) (%raw-resolve base off (list :struct name)))
                   (multiple-value-bind (child coff) (%descend base off)
                     (cond (child (setf base child off coff))
                           ((%c-union-p base) (return (%union-member base off name)))
                           (t (%c-error "rt-obj: no ~A at offset ~D of ~A" name off
                                        (%describe base)))))))))
      (when (rt-ptr-p p) (setf (rt-ptr-target p) e))
      e)))

(defun rt-obj (p name)
  "The instance of struct or union type NAME that pointer P designates: P itself if it is one;
for an RT-PTR, the instance at its offset (an element of an array of structs, a nested struct
field, a raw block given the representation of an array of NAME).  NULL signals RT-C-ERROR."
  (if (%instance-of-p p name)
      p
      (%obj-slow p name)))

(defun %union-type-p (name)
  "True if NAME is defined as a C union (when the code naming it is compiled)."
  (let ((info (car (get name '%info-cell))))
    (and info (%c-info-union-p info))))

(define-compiler-macro rt-obj (&whole whole p name &environment env)
  (if (and (consp name) (eq (car name) 'quote) (symbolp (second name)))
      (let ((v (gensym "P")) (e (gensym "E")) (type (second name)))
        (if (and (%union-type-p type) (sb-c:policy env (> speed 0)))
            ;; A union: inline, what the pointer remembers, or P itself if it is no RT-PTR, is
            ;; checked to be the instance, so that the specpdl's entries reached through
            ;; specpdl_ptr (record_in_backtrace's five specpdl_ptr->bt.*, specbind's) take no call.
            ;; Unions are named by few rt-objs (114 in Emacs), structs by many (32000: init_tty has
            ;; 237), mostly the instance itself: for them, and in a function compiled for
            ;; compilation speed, this check inline makes the compile 1.5 to 2 times as long.
            ;; Then a fresh pointer into a block made an array of the union (specpdl_ptr after
            ;; specpdl_ptr++, specpdl + count) finds its element inline, dividing by the union's
            ;; size, a constant here: no call, and no division instruction.
            `(let* ((,v ,p)
                    (,e (if (rt-ptr-p ,v) (rt-ptr-target ,v) ,v)))
               (if (typep ,e ',type)
                   ,e
                   (or (%block-element ,v ',type ,(%struct-size type))
                       (%obj-slow ,v ',type))))
            ;; Inline, only the check that P is the instance itself; the call checks what the
            ;; pointer remembers first.
            `(let ((,v ,p))
               (if (typep ,v ',type) ,v (%obj-slow ,v ',type)))))
      whole))
