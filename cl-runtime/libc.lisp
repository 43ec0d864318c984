;;;; The C library functions translated code calls on pointers, and the table of other C library
;;;; functions (RT-CALL-EXTERNAL).
;;;
;;; The string functions need bytes: the base of each pointer must be an octet vector (or a raw
;;; block, which then becomes one).  memcpy, memmove, memset and memcmp work in the
;;; representation of the objects: bytes between octet vectors, whole elements between vectors
;;; of one kind, whole structs (copied as by assignment), and otherwise byte by byte through the
;;; scalars of each side (objects.lisp), which fails (RT-C-ERROR) on a non-null pointer or a
;;; Lisp object.

(in-package "EMACS2CL-RUNTIME")

(defun %nonnull (p who)
  (when (null p)
    (%c-error "~A: null pointer" who)))

(defun %octets-of (p who)
  "The octet vector and offset pointer P designates (a raw block becomes an octet vector)."
  (%nonnull p who)
  (multiple-value-bind (base off) (rt-ptr-parts p)
    (loop until (typep base 'octets)
          do (if (%raw-block-p base)
                 (setf (values base off) (%raw-resolve base off :bytes))
                 (multiple-value-bind (child coff) (%descend base off)
                   (unless child
                     (%c-error "~A: ~A is not a byte string" who (%describe base)))
                   (setf base child off coff))))
    (unless (<= 0 off (length base))
      (%c-error "~A: offset ~D is outside ~A" who off (%describe base)))
    (values base off)))

(defun %string-end (v off who)
  (declare (type octets v) (type fixnum off))
  (or (position 0 v :start off)
      (%c-error "~A: the string at offset ~D of ~A has no terminating NUL" who off (%describe v))))

;;; Strings.

(defun rt-strlen (s)
  "strlen (S)."
  (multiple-value-bind (v off) (%octets-of s "strlen")
    (- (%string-end v off "strlen") off)))

(defun rt-strnlen (s n)
  "strnlen (S, N)."
  (multiple-value-bind (v off) (%octets-of s "strnlen")
    (let* ((end (min (length v) (+ off n)))
           (pos (position 0 v :start off :end end)))
      (cond (pos (- pos off))
            ((<= (+ off n) (length v)) n)
            (t (%c-error "strnlen: the string at offset ~D of ~A has no NUL within ~D bytes"
                         off (%describe v) n))))))

(defun %strcmp (a b limit who)
  (multiple-value-bind (va ao) (%octets-of a who)
    (multiple-value-bind (vb bo) (%octets-of b who)
      (declare (type octets va vb) (type fixnum ao bo))
      (loop for i of-type fixnum from 0
            while (or (null limit) (< i limit))
            do (unless (and (< (+ ao i) (length va)) (< (+ bo i) (length vb)))
                 (%c-error "~A: a string has no terminating NUL" who))
               (let ((ca (aref va (+ ao i))) (cb (aref vb (+ bo i))))
                 (cond ((/= ca cb) (return (- ca cb)))
                       ((zerop ca) (return 0))))
            finally (return 0)))))

(defun rt-strcmp (a b)
  "strcmp (A, B): negative, 0 or positive (the difference of the first differing bytes, as
unsigned chars)."
  (%strcmp a b nil "strcmp"))

(defun rt-strncmp (a b n)
  "strncmp (A, B, N)."
  (%strcmp a b n "strncmp"))

(defun rt-strchr (s c)
  "strchr (S, C): a pointer to the first byte C (converted to unsigned char) in string S, or NIL;
C = 0 finds the terminating NUL."
  (multiple-value-bind (v off) (%octets-of s "strchr")
    (let* ((c (ldb (byte 8 0) c))
           (end (%string-end v off "strchr"))
           (pos (if (zerop c) end (position c v :start off :end end))))
      (and pos (rt-ptr+ s (- pos off))))))

(defun rt-strrchr (s c)
  "strrchr (S, C): a pointer to the last byte C in string S, or NIL."
  (multiple-value-bind (v off) (%octets-of s "strrchr")
    (let* ((c (ldb (byte 8 0) c))
           (end (%string-end v off "strrchr"))
           (pos (if (zerop c) end (position c v :start off :end end :from-end t))))
      (and pos (rt-ptr+ s (- pos off))))))

(defun rt-strcpy (dst src)
  "strcpy (DST, SRC): DST."
  (let ((n (rt-strlen src)))
    (rt-memmove dst src (1+ n))
    dst))

(defun rt-stpcpy (dst src)
  "stpcpy (DST, SRC): a pointer to the NUL written at the end of DST."
  (let ((n (rt-strlen src)))
    (rt-memmove dst src (1+ n))
    (rt-ptr+ dst n)))

;;; Memory.

(defun %region (obj off n)
  "The innermost object that bytes OFF..OFF+N-1 of OBJ lie inside, and their offset in it."
  (loop (multiple-value-bind (child coff) (%descend obj off)
          (if (and child (<= (+ coff n) (or (%object-size child) -1)))
              (setf obj child off coff)
              (return (values obj off))))))

(defun %representation-like (obj off n)
  "How a raw block receiving N bytes from OFF in OBJ is best represented (see %MATERIALIZE)."
  (multiple-value-bind (o) (%region obj off n)
    (typecase o
      (simple-vector (let ((e (%vector-elt-desc o)))
                       (cond ((null e) :words)
                             ((eq (car e) :struct) e)
                             (t :bytes))))
      ((or %c-struct %c-union) (list :struct (%c-info-name (%info-of o))))
      (t :bytes))))

(defun %vector-unit (v)
  "The element size of vector V and a key telling its kind (element type, or struct element)."
  (typecase v
    (simple-vector (let ((e (%vector-elt-desc v)))
                     (if e (values (%vector-stride v e) e) (values 8 :words))))
    (vector (let ((d (%typed-vector-desc v)))
              (and d (values (%desc-size d) d))))))

(defun %copy-chunks (dst doff src soff n)
  "Copy N bytes through the bytes of the scalars of each side, reading everything first (so
overlapping regions are safe)."
  (let ((chunks (loop for i from 0 below n by 8
                      collect (%bytes-load src (+ soff i) (min 8 (- n i))))))
    (loop for i from 0 below n by 8
          for bits in chunks
          do (%bytes-store dst (+ doff i) (min 8 (- n i)) bits))))

(defun %copy-struct-range (d s off n)
  "Copy bytes OFF..OFF+N between two instances D and S of one struct type: each field wholly
inside the range as by assignment (a Lisp object or pointer has no bytes to copy), the rest
(padding, bit-fields, fields the range cuts) through the bytes of their scalars."
  (let ((end (+ off n)) (pos off))
    (loop for f across (%c-info-fields (%info-of d))
          for start = (%c-field-offset f)
          for extent = (%c-field-extent f)
          when (and extent (plusp extent) (not (%c-field-bitfield f))
                    (<= pos start) (<= (+ start extent) end))
            do (when (> start pos) (%copy-chunks d pos s pos (- start pos)))
               (let ((reader (%c-field-reader f)))
                 (if (member (%c-field-kind f) '(:struct :array))
                     (rt-copy-into (funcall reader d) (funcall reader s))
                     (funcall (%c-field-writer f) (funcall reader s) d)))
               (setf pos (+ start extent)))
    (when (< pos end) (%copy-chunks d pos s pos (- end pos)))))

(defun %raw-part (base off)
  "BASE and OFF, or the raw block that is the part of raw block BASE after its split where OFF
falls (recursively), and the offset in it."
  (loop for split = (and (%raw-block-p base) (%raw-block-split base))
        while (and split (>= off (car split)) (%raw-block-p (cdr split)))
        do (setf off (- off (car split)) base (cdr split)))
  (values base off))

(defun %copy-memory (dst src n who)
  (declare (type integer n))
  (when (zerop n) (return-from %copy-memory dst))
  (%nonnull dst who)
  (%nonnull src who)
  (when (minusp n) (%c-error "~A: negative size ~D" who n))
  (multiple-value-bind (db doff) (multiple-value-call #'%raw-part (rt-ptr-parts dst))
    (multiple-value-bind (sb soff) (multiple-value-call #'%raw-part (rt-ptr-parts src))
      ;; A copy across the split of a split raw block is two copies, one per part.
      (flet ((split-at (b off)
               (let ((split (and (%raw-block-p b) (%raw-block-split b))))
                 (and split (< off (car split) (+ off n)) (- (car split) off)))))
        (let ((k (or (split-at sb soff) (split-at db doff))))
          (when k
            (%copy-memory dst src k who)
            (%copy-memory (rt-ptr+ dst k) (rt-ptr+ src k) (- n k) who)
            (return-from %copy-memory dst))))
      (when (%raw-block-p sb)
        (if (or (%raw-block-data sb) (%raw-block-split sb))
            (setf (values sb soff) (%raw-resolve sb soff :bytes))
            (progn (%bytes-bounds sb soff n who)
                   (%set-memory db doff 0 n who)   ; a fresh block reads as zeros
                   (return-from %copy-memory dst))))
      (when (%raw-block-p db)
        (let ((how (%representation-like sb soff n)))
          (when (and (not (eq how :bytes)) (%carve-for-copy db doff n how))
            (return-from %copy-memory (%copy-memory dst src n who)))
          (setf (values db doff) (%raw-resolve db doff how))))
      (if (and (typep db 'octets) (typep sb 'octets))
          (progn (%bytes-bounds db doff n who)
                 (%bytes-bounds sb soff n who)
                 (replace db sb :start1 doff :end1 (+ doff n) :start2 soff))
          (multiple-value-bind (d do) (%region db doff n)
            (multiple-value-bind (s so) (%region sb soff n)
              (%bytes-bounds d do n who)
              (%bytes-bounds s so n who)
              (cond
                ;; Whole structs or unions of one type: struct assignment.
                ((and (typep d '(or %c-struct %c-union)) (eql do 0) (eql so 0)
                      (%same-c-type-p d s) (= n (%object-size d)))
                 (rt-copy-into d s))
                ;; Part of a struct into the same part of another of its type (make_parent_window
                ;; copies a window's fields after its header).
                ((and (typep d '%c-struct) (eql do so) (%same-c-type-p d s) (not (eq d s)))
                 (%copy-struct-range d s do n))
                ;; Whole elements between vectors of one kind.
                ((and (vectorp d) (vectorp s)
                      (multiple-value-bind (du dk) (%vector-unit d)
                        (multiple-value-bind (su sk) (%vector-unit s)
                          (when (and du (eql du su) (equal dk sk)
                                     (zerop (mod do du)) (zerop (mod so du)) (zerop (mod n du)))
                            (let ((d0 (floor do du)) (s0 (floor so du)) (count (floor n du)))
                              (if (or (eq dk :words) (keywordp dk))
                                  (replace d s :start1 d0 :end1 (+ d0 count) :start2 s0)
                                  (if (and (eq d s) (> d0 s0))
                                      (loop for i from (1- count) downto 0
                                            do (%copy-elt d (+ d0 i) s (+ s0 i)))
                                      (dotimes (i count) (%copy-elt d (+ d0 i) s (+ s0 i)))))
                              t))))))
                (t (%copy-chunks d do s so n))))))))
  dst)

(defun rt-memcpy (dst src n)
  "memcpy (DST, SRC, N): DST."
  (%copy-memory dst src n "memcpy"))

(defun rt-memmove (dst src n)
  "memmove (DST, SRC, N): DST (overlapping regions are copied correctly)."
  (%copy-memory dst src n "memmove"))

(defun %set-memory (base off c n who)
  (let ((c (ldb (byte 8 0) c)))
    (when (%raw-block-p base)
      (if (and (null (%raw-block-data base)) (null (%raw-block-split base)) (zerop c))
          (progn (%bytes-bounds base off n who)
                 (when (and (plusp off) (plusp n))
                   (push (cons off (+ off n)) (%raw-block-cleared base)))
                 (return-from %set-memory))
          (setf (values base off) (%raw-resolve base off :bytes))))
    (if (typep base 'octets)
        (progn (%bytes-bounds base off n who)
               (fill base c :start off :end (+ off n)))
        (multiple-value-bind (d do) (%region base off n)
          (%bytes-bounds d do n who)
          (cond ((and (zerop c) (eql do 0) (eql n (%object-size d))
                      (typep d '(or %c-struct %c-union vector)))
                 (rt-zero-into d))
                ((and (vectorp d)
                      (multiple-value-bind (du dk) (%vector-unit d)
                        (when (and du (zerop (mod do du)) (zerop (mod n du))
                                   (or (keywordp dk) (and (eq dk :words) (zerop c))))
                          (let ((start (floor do du)) (end (floor (+ do n) du)))
                            (if (eq dk :words)
                                (loop for i from start below end
                                      do (setf (svref d i) (%zero-like (svref d i))))
                                (fill d (%decode (loop with b = 0 repeat du
                                                       do (setf b (logior (ash b 8) c))
                                                       finally (return b))
                                                 dk)
                                      :start start :end end)))
                          t))))
                (t (loop for i from 0 below n by 8
                         for k = (min 8 (- n i))
                         do (%bytes-store d (+ do i) k
                                          (loop with b = 0 repeat k
                                                do (setf b (logior (ash b 8) c))
                                                finally (return b))))))))))

(defun rt-memset (p c n)
  "memset (P, C, N): P."
  (unless (zerop n)
    (%nonnull p "memset")
    (multiple-value-bind (base off) (rt-ptr-parts p)
      (%set-memory base off c n "memset")))
  p)

(defun rt-memcmp (a b n)
  "memcmp (A, B, N): negative, 0 or positive (the difference of the first differing bytes)."
  (when (zerop n) (return-from rt-memcmp 0))
  (%nonnull a "memcmp")
  (%nonnull b "memcmp")
  (multiple-value-bind (ab ao) (rt-ptr-parts a)
    (multiple-value-bind (bb bo) (rt-ptr-parts b)
      (if (and (typep ab 'octets) (typep bb 'octets))
          (let ((n n))
            (declare (type octets ab bb) (type fixnum ao bo n))
            (unless (and (<= 0 ao) (<= (+ ao n) (length ab)) (<= 0 bo) (<= (+ bo n) (length bb)))
              (%bytes-bounds ab ao n "memcmp")
              (%bytes-bounds bb bo n "memcmp"))
            ;; Within bounds, checked above: a loop on octets, not MISMATCH's generic one
            ;; (compile_pattern compares the regexp with each cached one at each search).
            (locally (declare (optimize speed (safety 0)))
              (loop for i of-type fixnum from ao below (+ ao n)
                    for j of-type fixnum from bo
                    for x = (aref ab i) and y = (aref bb j)
                    unless (= x y) return (- x y)
                    finally (return 0))))
          (loop for i from 0 below n by 8
                for k = (min 8 (- n i))
                for x = (%bytes-load ab (+ ao i) k)
                for y = (%bytes-load bb (+ bo i) k)
                unless (= x y)
                  do (return (loop for j below k
                                   for cx = (ldb (byte 8 (* 8 j)) x)
                                   for cy = (ldb (byte 8 (* 8 j)) y)
                                   unless (= cx cy) do (return (- cx cy))))
                finally (return 0))))))

(defun rt-memchr (p c n)
  "memchr (P, C, N): a pointer to the first byte C (as unsigned char) in the N bytes at P, or NIL."
  (when (zerop n) (return-from rt-memchr nil))
  (%nonnull p "memchr")
  (let ((c (ldb (byte 8 0) c)))
    (multiple-value-bind (base off) (rt-ptr-parts p)
      (let ((i (if (typep base 'octets)
                   (progn (%bytes-bounds base off n "memchr")
                          (let ((pos (position c base :start off :end (+ off n))))
                            (and pos (- pos off))))
                   (loop for i below n
                         when (= c (%bytes-load base (+ off i) 1)) do (return i)))))
        (and i (rt-ptr+ p i))))))

;;; Other C library functions, by name.

;;; A call with a constant name (what the translation writes) goes through a cell made once, at
;;; load time, for that name: it holds the function once it is defined, so the call costs a
;;; memory read instead of a hash lookup and a spread of the arguments.

(sb-ext:defglobal **externals** (make-hash-table :test 'equal :synchronized t))
(sb-ext:defglobal **external-cells** (make-hash-table :test 'equal :synchronized t))
(sb-ext:defglobal **external-functions** (make-hash-table :test 'equal :synchronized t))

(defstruct (%external-cell (:constructor %make-external-cell (name)))
  "The C library function NAME's Lisp implementation (FUNCTION, NIL until it is defined), for the
calls that name it."
  (name "" :type string :read-only t)
  (function nil :type (or null function)))

(defun %external-cell (name)
  "The cell of C library function NAME (the same one for the same NAME)."
  (or (gethash name **external-cells**)
      (setf (gethash name **external-cells**)
            (let ((cell (%make-external-cell name)))
              (setf (%external-cell-function cell) (gethash name **externals**))
              cell))))

(defun %resolve-external (cell)
  "The implementation of CELL's function, looked up now if the cell has none yet; RT-C-ERROR if
the runtime lacks it."
  (or (%external-cell-function cell)
      (setf (%external-cell-function cell) (gethash (%external-cell-name cell) **externals**))
      (%c-error "C library function ~A is not available in the runtime" (%external-cell-name cell))))

(defmacro rt-define-external (name lambda-list &body body)
  "Define the Lisp implementation of the C library function NAME (a string) that RT-CALL-EXTERNAL
dispatches to: a function of LAMBDA-LIST doing BODY, taking and returning C values."
  (let ((f (gensym "F")))
    `(let ((,f (lambda ,lambda-list ,@body)))
       (setf (gethash ,name **externals**) ,f
             (%external-cell-function (%external-cell ,name)) ,f)
       ,name)))

(defun rt-call-external (name &rest args)
  "Call the C library function NAME (a string: one no translated unit defines) with ARGS, through
the runtime's table of Lisp implementations (RT-DEFINE-EXTERNAL); one it lacks signals
RT-C-ERROR."
  (apply (the function (%resolve-external (%external-cell name))) args))

(define-compiler-macro rt-call-external (&whole whole name &rest args)
  (if (stringp name)
      (let ((cell (gensym "CELL")))
        `(let ((,cell (load-time-value (%external-cell ,name) t)))
           (funcall (the function (or (%external-cell-function ,cell) (%resolve-external ,cell)))
                    ,@args)))
      whole))

(defun rt-external-function (name)
  "The function object standing for C library function NAME (a function pointer to it): it calls
RT-CALL-EXTERNAL.  The same object for the same NAME, so that function pointers compare equal."
  (or (gethash name **external-functions**)
      (setf (gethash name **external-functions**)
            (let ((cell (%external-cell name)))
              (lambda (&rest args) (apply (the function (%resolve-external cell)) args))))))

(defun %c-string (p who)
  "The Lisp string of the NUL-terminated UTF-8 bytes at P."
  (multiple-value-bind (v off) (%octets-of p who)
    (sb-ext:octets-to-string v :start off :end (%string-end v off who) :external-format :utf-8)))

(rt-define-external "getenv" (name)
  (let ((value (sb-ext:posix-getenv (%c-string name "getenv"))))
    (and value
         (let* ((bytes (sb-ext:string-to-octets value :external-format :utf-8))
                (v (make-array (1+ (length bytes)) :element-type '(unsigned-byte 8)
                                                   :initial-element 0)))
           (replace v bytes)
           (rt-make-ptr v 0)))))

(rt-define-external "abs" (x) (%wrap-s 32 (abs x)))
(rt-define-external "labs" (x) (%wrap-s 64 (abs x)))
(rt-define-external "llabs" (x) (%wrap-s 64 (abs x)))

