;;;; alloc.c's constructors of strings and symbols, and its C heap functions, on SBCL's heap
;;;; (emacs-src-rules/replaced-functions.sexp names what each replaces).  Strings hold Emacs's
;;;; internal bytes (docs/data-model.md); these follow alloc.c's choice between unibyte and
;;;; multibyte exactly, since string printing and comparison depend on it.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; Strings.

(defun bytes-from (contents nbytes)
  "A fresh octet vector of the NBYTES bytes at pointer CONTENTS."
  (let ((v (make-array nbytes :element-type '(unsigned-byte 8) :initial-element 0)))
    (when (plusp nbytes)
      (rt-memcpy (rt-make-ptr v 0) contents nbytes))
    v))

(defun multibyte-length (bytes i end)
  "character.h's MULTIBYTE_LENGTH: the length of the valid multibyte sequence at I, or 0."
  (flet ((cont (k) (and (< (+ i k) end) (= (logand (aref bytes (+ i k)) #xC0) #x80))))
    (let ((b (aref bytes i)))
      (cond ((zerop (logand b #x80)) 1)
            ((not (cont 1)) 0)
            ((= (logand b #xE0) #xC0) 2)
            ((not (cont 2)) 0)
            ((= (logand b #xF0) #xE0) 3)
            ((not (cont 3)) 0)
            ((= (logand b #xF8) #xF0) 4)
            ((not (cont 4)) 0)
            ((and (= b #xF8) (= (logand (aref bytes (+ i 1)) #xF0) #x80)) 5)
            (t 0)))))

(defun parse-as-multibyte (bytes)
  "character.c's parse_str_as_multibyte: (values NCHARS NBYTES) of BYTES read as multibyte
text, an invalid byte counting as one raw-byte character of two bytes."
  (let ((end (length bytes)) (chars 0) (nbytes 0) (i 0))
    (loop while (< i end)
          do (let ((n (multibyte-length bytes i end)))
               (incf chars)
               (if (plusp n) (progn (incf nbytes n) (incf i n)) (progn (incf nbytes 2) (incf i)))))
    (values chars nbytes)))

(sb-ext:defglobal **empty-unibyte-string** (rt-make-lisp-string #() 0 nil)
  "empty_unibyte_string: every empty unibyte string alloc.c makes is this one object.")
(sb-ext:defglobal **empty-multibyte-string** (rt-make-lisp-string #() 0 t)
  "empty_multibyte_string: every empty multibyte string alloc.c makes is this one object.")

(defun rt-empty-string (multibyte)
  "alloc.c's empty_multibyte_string if MULTIBYTE is true, else empty_unibyte_string."
  (if multibyte **empty-multibyte-string** **empty-unibyte-string**))

(defun make-lisp-string (bytes nchars multibyte)
  "A Lisp string of BYTES as alloc.c's make_uninit_*string makes it: a new one, or when there
are no bytes, the one empty string of its kind (print-circle shows the sharing: #1=\"\")."
  (if (zerop (length bytes))
      (rt-empty-string multibyte)
      (rt-make-lisp-string bytes nchars multibyte)))

(defun rt-make-unibyte-string (contents length)
  "Replaces make_unibyte_string: a unibyte string of the LENGTH bytes at CONTENTS."
  (make-lisp-string (bytes-from contents length) length nil))

(defun rt-make-multibyte-string (contents nchars nbytes)
  "Replaces make_multibyte_string: a multibyte string of NCHARS characters in the NBYTES bytes
at CONTENTS."
  (make-lisp-string (bytes-from contents nbytes) nchars t))

(defun rt-make-string-from-bytes (contents nchars nbytes)
  "Replaces make_string_from_bytes: multibyte unless NCHARS = NBYTES."
  (make-lisp-string (bytes-from contents nbytes) nchars (/= nchars nbytes)))

(defun rt-make-string (contents nbytes)
  "Replaces make_string: the NBYTES bytes at CONTENTS, multibyte when they hold non-ASCII
characters that are all valid multibyte sequences, else unibyte."
  (let ((bytes (bytes-from contents nbytes)))
    (multiple-value-bind (nchars multibyte-nbytes) (parse-as-multibyte bytes)
      (if (or (= nbytes nchars) (/= nbytes multibyte-nbytes))
          (make-lisp-string bytes nbytes nil)
          (make-lisp-string bytes nchars t)))))

(defun count-chars (bytes)
  "chars_in_text: the characters of multibyte BYTES."
  (values (parse-as-multibyte bytes)))

(defun rt-make-specified-string (contents nchars nbytes multibyte)
  "Replaces make_specified_string: NCHARS (counted when negative) characters in NBYTES bytes,
multibyte when MULTIBYTE is true (a C bool)."
  (let* ((bytes (bytes-from contents nbytes))
         (multibyte (and multibyte (/= multibyte 0))))
    (make-lisp-string bytes (if (minusp nchars) (if multibyte (count-chars bytes) nbytes) nchars)
                      multibyte)))

(defun rt-make-pure-string (data nchars nbytes multibyte)
  "Replaces make_pure_string: there is no pure storage, as make_specified_string."
  (rt-make-specified-string data nchars nbytes multibyte))

(defun rt-make-pure-c-string (data nchars)
  "Replaces make_pure_c_string: a unibyte string of the NCHARS ASCII bytes at DATA."
  (rt-make-unibyte-string data nchars))

(defun rt-make-uninit-string (length)
  "Replaces make_uninit_string: a unibyte string of LENGTH zero bytes."
  (make-lisp-string (make-array length :element-type '(unsigned-byte 8) :initial-element 0) length nil))

(defun rt-make-uninit-multibyte-string (nchars nbytes)
  "Replaces make_uninit_multibyte_string: a multibyte string of NCHARS characters in NBYTES
zero bytes (multibyte even when they are equal, as alloc.c leaves it)."
  (when (minusp nchars) (%c-error "make_uninit_multibyte_string: negative length ~D" nchars))
  (make-lisp-string (make-array nbytes :element-type '(unsigned-byte 8) :initial-element 0) nchars t))

;;; ------------------------------------------------------------------------------------------
;;; Symbols.

(defconstant +symbol-uninterned+ 0 "SYMBOL_UNINTERNED.")

(defun lisp-string-name (name)
  "The CL string of Lisp string NAME's characters: UTF-8 when multibyte (Emacs's encoding for
Unicode characters), one character per byte when unibyte."
  (let ((data (rt-lisp-string-data name)) (n (rt-string-bytes name)))
    (if (minusp (rt-lisp-string-size-byte name))
        (map 'string #'code-char (subseq data 0 n))
        (handler-case (sb-ext:octets-to-string data :end n :external-format :utf-8)
          (error () (map 'string #'code-char (subseq data 0 n)))))))

(defun rt-init-symbol (symbol name)
  "Replaces init_symbol: SYMBOL's fields as a fresh symbol named by Lisp string NAME has them:
no value (Qunbound), no function, no properties, plain, uninterned."
  (let ((d (symbol-data symbol)))
    (setf (symbol-data-name d) name (symbol-data-plist d) nil
          (symbol-data-redirect d) +symbol-plainval+ (symbol-data-value d) *unbound*
          (symbol-data-function d) nil (symbol-data-next d) nil (symbol-data-gcmarkbit d) 0
          (symbol-data-interned d) +symbol-uninterned+ (symbol-data-trapped-write d) 0
          (symbol-data-declared-special d) 0 (symbol-data-pinned d) 0)
    nil))

(defun rt-fmake-symbol (name)
  "Replaces Fmake_symbol: a fresh uninterned CL symbol named by Lisp string NAME.  (The glue
interns it into the ELISP package when Emacs interns it in its obarray.)"
  (let ((symbol (make-symbol (lisp-string-name name))))
    (rt-init-symbol symbol name)
    symbol))

;;; ------------------------------------------------------------------------------------------
;;; Lists.

(defun rt-fmake-list (length init)
  "Replaces Fmake_list: a list of LENGTH elements, each INIT (LENGTH checked by the caller's
elisp contract: a natural number)."
  (make-list length :initial-element init))

;;; ------------------------------------------------------------------------------------------
;;; The C heap.

(defun rt-xrealloc (block size)
  "Replaces xrealloc: a new raw block of SIZE bytes holding the first bytes of BLOCK (a fresh
block when BLOCK is NULL)."
  (let ((new (rt-malloc size)))
    (when block
      (rt-memcpy new block (min size (block-size block))))
    new))

(defun block-size (p)
  "How many bytes pointer P can reach in its block."
  (let ((base (rt-ptr-base p)))
    (- (if (%raw-block-p base) (%raw-block-size base) (%object-size base)) (rt-ptr-offset p))))

(defun rt-xnrealloc (block nitems item-size)
  "Replaces xnrealloc: xrealloc for NITEMS items of ITEM-SIZE bytes."
  (rt-xrealloc block (* nitems item-size)))

(defun rt-xstrdup (string)
  "Replaces xstrdup: a copy of the NUL-terminated bytes at STRING."
  (let* ((n (1+ (rt-strlen string))) (p (rt-malloc n)))
    (rt-memcpy p string n)
    p))

(defun rt-xlispstrdup (string)
  "Replaces xlispstrdup: a NUL-terminated copy of Lisp string STRING's bytes."
  (let* ((n (rt-string-bytes string)) (p (rt-malloc (1+ n))))
    (rt-memcpy p (rt-make-ptr (rt-lisp-string-data string) 0) n)
    p))

(defun rt-dupstring (pointer-to-string new)
  "Replaces dupstring: *POINTER-TO-STRING becomes a copy of NEW (a C string, or NULL)."
  (setf (rt-mem pointer-to-string :ptr) (and new (rt-xstrdup new)))
  nil)

;;; The C library's allocator, for code that calls it directly.
(rt-define-external "malloc" (size) (rt-malloc size))
(rt-define-external "calloc" (n size) (rt-malloc (* n size)))
(rt-define-external "realloc" (block size) (rt-xrealloc block size))
(rt-define-external "free" (block) (declare (ignore block)) nil)

(defun rt-xpalloc (block nitems-ptr nitems-incr-min nitems-max item-size)
  "Replaces xpalloc: grow BLOCK (NULL for a new one) of *NITEMS-PTR items of ITEM-SIZE bytes by
about half, at least NITEMS-INCR-MIN items, at most NITEMS-MAX when that is not negative; stores
the new count in *NITEMS-PTR.  The sizes are alloc.c's, so that code relying on the count sees
the same numbers."
  (let* ((n0 (if block (rt-mem nitems-ptr :s64) 0))
         (n (+ n0 (ash n0 -1)))
         (default-mxfast (* 64 8 1/4)))
    (when (and (<= 0 nitems-max) (< nitems-max n)) (setf n nitems-max))
    (let ((nbytes (* n item-size)))
      (when (< nbytes default-mxfast)
        (setf n (floor default-mxfast item-size) nbytes (- default-mxfast (mod default-mxfast item-size))))
      (when (< (- n n0) nitems-incr-min)
        (setf n (+ n0 nitems-incr-min))
        (when (and (<= 0 nitems-max) (< nitems-max n))
          (error 'rt-c-error :message "xpalloc: memory exhausted"))
        (setf nbytes (* n item-size)))
      (let ((new (rt-xrealloc block nbytes)))
        (setf (rt-mem nitems-ptr :s64) n)
        new))))

(defun rt-xputenv (string)
  "Replaces xputenv: putenv (STRING), the C library's."
  (unless (zerop (rt-call-external "putenv" string))
    (error 'rt-c-error :message "xputenv: out of memory"))
  nil)

(defun rt-record-xmalloc (size)
  "Replaces record_xmalloc (SAFE_ALLOCA's large case): a raw block of SIZE bytes.  Nothing is
recorded on the specpdl to free it: SBCL reclaims it, and SAFE_FREE's unbind_to then has
nothing to run."
  (rt-malloc size))

(defun rt-free-cons (cons)
  "Replaces free_cons: nothing, SBCL reclaims the cons once it is unreachable."
  (declare (ignore cons))
  nil)

;;; ------------------------------------------------------------------------------------------
;;; Bignums: CL integers.  bignum.c computes in mpz_t variables (libc-gmp.lisp) and converts
;;; at these points.

(defun rt-make-bignum-str (digits base)
  "Replaces make_bignum_str: the integer the NUL-terminated DIGITS spell in BASE."
  (let ((s (%c-string digits "make_bignum_str")))
    (parse-integer s :radix base)))



(defun rt-resize-string-data (string cidx-byte clen new-clen)
  "Replaces resize_string_data: make room in STRING for a character of NEW-CLEN bytes in place of
the one of CLEN bytes at byte CIDX-BYTE (aset of a character of another width); a pointer to
where the new character goes."
  (let* ((old (rt-lisp-string-data string))
         (nbytes (rt-string-bytes string))
         (new-nbytes (+ nbytes (- new-clen clen)))
         (new (make-array (1+ new-nbytes) :element-type '(unsigned-byte 8) :initial-element 0)))
    (replace new old :end1 cidx-byte)
    (replace new old :start1 (+ cidx-byte new-clen) :start2 (+ cidx-byte clen) :end2 nbytes)
    (setf (rt-lisp-string-data string) new
          (rt-lisp-string-size-byte string) new-nbytes)
    (rt-make-ptr new cidx-byte)))

;;; Records.

(defun rt-frecord (nargs args)
  "Replaces Frecord (MANY): a record of the NARGS objects at ARGS, the type first."
  (%make-record (coerce (rt-flist nargs args) 'simple-vector)))

(defun rt-fmake-record (type slots init)
  "Replaces Fmake_record: a record of TYPE with SLOTS slots, each INIT."
  (let ((v (make-array (1+ slots) :initial-element init)))
    (setf (svref v 0) type)
    (%make-record v)))
