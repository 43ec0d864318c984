;;;; alloc.c's constructors of Emacs's structures (pseudovectors, buffers, markers, intervals):
;;;; instances of the translation's structs, made the way alloc.c initializes them.  The
;;;; constructors of plain data (strings, symbols, lists, the C heap) are the runtime's.

(in-package "EMACS2CL-GLUE")

(defun struct-for-pvec (tag memlen)
  "The struct whose instances are pseudovectors of pvec_type TAG; with several (PVEC_FONT), the
one of MEMLEN words after the header."
  (let ((candidates (loop for name being the hash-keys of emacs2cl-runtime::*pseudovector-types*
                            using (hash-value code)
                          when (eql code tag) collect name)))
    (if (rest candidates)
        (or (find-if (lambda (name)
                       (= (ceiling (- (emacs2cl-runtime::%struct-size name) 8) 8) memlen))
                     candidates)
            (error 'rt-c-error :message (format nil "allocate_pseudovector: no struct of ~D words for pvec_type ~D"
                                                memlen tag)))
        (or (first candidates)
            (error 'rt-c-error :message (format nil "allocate_pseudovector: no struct for pvec_type ~D" tag))))))

(defun with-header (object)
  "OBJECT, a pseudovector instance, with its header's size word set as alloc.c sets it (code
that reads `header.size' of the struct itself, like CHAR_TABLE_EXTRA_SLOTS, sees it)."
  (let ((header (slot-value object (find-symbol (format nil "~a.header" (struct-tag object)) "EMACS-C"))))
    (setf (c::|vectorlike_header.size| header) (rt-vector-header-size object))
    object))

(defun struct-tag (object)
  "\"Lisp_Marker\" for an instance of |struct Lisp_Marker|."
  (let ((name (symbol-name (type-of object))))
    (subseq name (1+ (position #\Space name)))))

(defun allocate-pseudovector (memlen lisplen zerolen tag)
  "allocate_pseudovector: a fresh instance of TAG's struct.  Its Lisp fields are nil and the
others zero, which is what alloc.c's clearing of ZEROLEN words leaves (Qnil is 0)."
  (declare (ignore lisplen zerolen))
  (with-header (rt-new (list :struct (struct-for-pvec tag memlen)))))

(defun allocate-buffer ()
  "allocate_buffer: a fresh struct buffer (its fields set by get-buffer-create)."
  (with-header (rt-new '(:struct c::|struct buffer|))))

(defun make-marker ()
  "Fmake_marker: a marker that points nowhere."
  (with-header (rt-new '(:struct c::|struct Lisp_Marker|))))

(defun build-marker (buffer charpos bytepos)
  "build_marker: a marker at CHARPOS/BYTEPOS of BUFFER, first in BUFFER's chain of markers."
  (let ((m (make-marker))
        (text (c::|buffer.text| (rt-obj buffer 'c::|struct buffer|))))
    (setf (c::|Lisp_Marker.buffer| m) buffer
          (c::|Lisp_Marker.charpos| m) charpos
          (c::|Lisp_Marker.bytepos| m) bytepos
          (c::|Lisp_Marker.next| m) (c::|buffer_text.markers| (rt-obj text 'c::|struct buffer_text|)))
    (setf (c::|buffer_text.markers| (rt-obj text 'c::|struct buffer_text|)) m)
    m))

(defun make-interval ()
  "make_interval: a fresh, zeroed struct interval."
  (rt-new '(:struct c::|struct interval|)))

(defun memory-full (nbytes)
  "memory_full: signal `memory-full', as Emacs does when an allocation fails."
  (declare (ignore nbytes))
  (c::|xsignal| nil (emacs-global "Vmemory_signal_data")))

(rt-implement 'rt-allocate-pseudovector #'allocate-pseudovector)
(rt-implement 'rt-allocate-buffer #'allocate-buffer)
(rt-implement 'rt-fmake-marker #'make-marker)
(rt-implement 'rt-build-marker #'build-marker)
(rt-implement 'rt-make-interval #'make-interval)
(rt-implement 'rt-memory-full #'memory-full)
;;; Bool-vectors: the bits in an octet vector (so that both the byte and the word accesses of
;;; data.c and fns.c resolve through pointers), whole words long as in alloc.c.

(defun make-uninit-bool-vector (nbits)
  "make_uninit_bool_vector: a bool-vector of NBITS bits, all clear."
  (let ((v (rt-new '(:struct c::|struct Lisp_Bool_Vector|))))
    (setf (c::|Lisp_Bool_Vector.size| v) nbits
          (c::|Lisp_Bool_Vector.data| v)
          (make-array (* 8 (ceiling nbits 64)) :element-type '(unsigned-byte 8) :initial-element 0))
    (with-header v)))

(defun bool-vector-fill (v init)
  "bool_vector_fill: every bit of V set when INIT is non-nil, else clear; V."
  (let ((data (c::|Lisp_Bool_Vector.data| v)) (nbits (c::|Lisp_Bool_Vector.size| v)))
    (fill data 0)
    (when init
      (dotimes (i nbits) (set-bool-vector-bit v i)))
    v))

(defun set-bool-vector-bit (v i)
  "Set bit I of bool-vector V (bool_vector_set's true case)."
  (setf (ldb (byte 1 (mod i 8)) (aref (c::|Lisp_Bool_Vector.data| v) (floor i 8))) 1))

(defun make-bool-vector (length init)
  "Fmake_bool_vector."
  (unless (and (integerp length) (>= length 0))
    (c::|wrong_type_argument| (lisp-symbol "wholenump") length))
  (bool-vector-fill (make-uninit-bool-vector length) init))

(rt-implement 'rt-make-uninit-bool-vector #'make-uninit-bool-vector)
(rt-implement 'rt-bool-vector-fill #'bool-vector-fill)
(rt-implement 'rt-fmake-bool-vector #'make-bool-vector)
;;; ------------------------------------------------------------------------------------------
;;; alloc.c's primitives and variables (syms_of_alloc): alloc.c is not translated, so its
;;; DEFUNs are subrs made here around the runtime's constructors, defined by the translated
;;; defsubr like every other file's.

(defconstant +many+ -2 "MANY: a subr taking (nargs, args).")

(defun check-natnum (x)
  (unless (and (integerp x) (>= x 0)) (c::|wrong_type_argument| (lisp-symbol "wholenump") x))
  x)

(defun make-string-primitive (length init &optional multibyte)
  "Fmake_string: LENGTH copies of character INIT, multibyte when INIT is not ASCII or MULTIBYTE."
  (check-natnum length)
  (unless (and (integerp init) (<= 0 init #x3FFFFF)) (c::|wrong_type_argument| (lisp-symbol "characterp") init))
  (if (and (< init 128) (null multibyte))
      (rt-make-lisp-string (make-array length :element-type '(unsigned-byte 8) :initial-element init) length nil)
      (let* ((bytes (make-array 6 :element-type '(unsigned-byte 8)))
             (n (c::|CHAR_STRING| init (rt-make-ptr bytes 0)))
             (all (make-array (* n length) :element-type '(unsigned-byte 8))))
        (dotimes (i length) (replace all bytes :start1 (* i n) :end2 n))
        (rt-make-lisp-string all length t))))

(defun make-symbol-primitive (name)
  "Fmake_symbol, checking NAME is a string."
  (unless (rt-lisp-string-p name) (c::|wrong_type_argument| (lisp-symbol "stringp") name))
  (rt-fmake-symbol name))

(defun args-list (nargs args) (rt-flist nargs args))

(defun garbage-collect ()
  "Fgarbage_collect: a full collection by SBCL, then alloc.c's report in its shape -- (NAME SIZE
USED FREE) per kind of object.  SBCL does not count objects by Emacs's kinds: the sizes are
Emacs's, the counts what the runtime knows (the dynamic space in use, as conses)."
  (sb-ext:gc :full t)
  (let ((used (floor (sb-kernel:dynamic-usage) 16)))
    (flet ((s (name) (lisp-symbol name)))
      (list (list (s "conses") 16 used 0) (list (s "symbols") 48 0 0) (list (s "strings") 32 0 0)
            (list (s "string-bytes") 1 0) (list (s "vectors") 16 0) (list (s "vector-slots") 8 0 0)
            (list (s "floats") 8 0 0) (list (s "intervals") 56 0 0) (list (s "buffers") 992 0)))))

(defparameter *alloc-primitives*
  `(("cons" ,#'cons 2 2)
    ("list" ,#'args-list 0 ,+many+)
    ("vector" ,#'rt-fvector 0 ,+many+)
    ("make-list" ,(lambda (length init) (rt-fmake-list (check-natnum length) init)) 2 2)
    ("make-vector" ,(lambda (length init) (rt-make-vector (check-natnum length) init)) 2 2)
    ("make-string" ,#'make-string-primitive 2 3)
    ("make-symbol" ,#'make-symbol-primitive 1 1)
    ("make-marker" ,#'make-marker 0 0)
    ("make-bool-vector" ,#'make-bool-vector 2 2)
    ("bool-vector" ,(lambda (nargs args)
                      (let ((v (make-uninit-bool-vector nargs)) (items (rt-flist nargs args)))
                        (loop for x in items for i from 0
                              when x do (set-bool-vector-bit v i))
                        v))
     0 ,+many+)
    ("record" ,#'rt-frecord 1 ,+many+)
    ("make-record" ,(lambda (type slots init) (rt-fmake-record type (check-natnum slots) init)) 3 3)
    ("make-byte-code" ,#'make-byte-code 4 ,+many+)
    ("make-closure" ,#'make-closure 1 ,+many+)
    ("purecopy" ,#'identity 1 1)
    ("garbage-collect" ,#'garbage-collect 0 0))
  "alloc.c's DEFUNs the image provides: (NAME FUNCTION MIN-ARGS MAX-ARGS).")

(defun make-subr (name function min-args max-args)
  "A struct Aligned_Lisp_Subr as DEFUN's static initializer makes it."
  (let* ((aligned (rt-new '(:struct c::|struct Aligned_Lisp_Subr|)))
         (s (c::|Aligned_Lisp_Subr.s| aligned)))
    (setf (rt-cell (c::|Lisp_Subr.function| s) 0 :ptr) function
          (c::|Lisp_Subr.min_args| s) min-args
          (c::|Lisp_Subr.max_args| s) max-args
          (c::|Lisp_Subr.symbol_name| s) (rt-make-ptr (c-bytes name) 0)
          (c::|Lisp_Subr.doc| s) 0)
    aligned))

(defun syms-of-alloc ()
  "syms_of_alloc: alloc.c's primitives (*ALLOC-PRIMITIVES*) and the variables other code reads."
  (loop for (name function min max) in *alloc-primitives*
        do (c::|defsubr| (make-subr name function min max)))
  ;; memory_full signals (nil . memory-signal-data).
  (setf (emacs-global "Vmemory_signal_data")
        (list (lisp-symbol "error") (elisp-string "Memory exhausted--use M-x save-some-buffers then exit and restart Emacs")))
  ;; Not purifying: docstrings read from source stay strings (lread.c puts 0 in their place while
  ;; purify-flag is non-nil, for Snarf-documentation to fill in from etc/DOC).
  (defvar-lisp "purify-flag" "Vpurify_flag" nil)
  (loop for (name value) in '(("gc-cons-threshold" 800000) ("gc-cons-percentage" 0.1d0)
                               ("garbage-collection-messages" nil) ("post-gc-hook" nil)
                               ("memory-full" nil) ("gcs-done" 0) ("gc-elapsed" 0.0d0))
        do (defvar-plain name value)))

(rt-implement 'rt-syms-of-alloc #'syms-of-alloc)
;;; Bignums and overlays.

(defun make-bignum-bits (bits)
  "make_bignum_bits: the integer in bignum.c's mpz[0] (BITS long; a CL integer needs no
integer-width check to protect its storage)."
  (declare (ignore bits))
  (emacs2cl-runtime::%mpz-integer (rt-make-ptr (aref c::|mpz| 0) 0)))

(defun build-overlay (start end plist)
  "build_overlay: an overlay from marker START to marker END with properties PLIST."
  (let ((o (with-header (rt-new '(:struct c::|struct Lisp_Overlay|)))))
    (setf (c::|Lisp_Overlay.start| o) start
          (c::|Lisp_Overlay.end| o) end
          (c::|Lisp_Overlay.plist| o) plist
          (c::|Lisp_Overlay.next| o) nil)
    o))

(defun bignum-val (integer)
  "bignum_val (&XBIGNUM (i)->value): a pointer to a fresh mpz_t (bignum.c's struct) holding
INTEGER, for the runtime's GMP functions."
  (let ((z (rt-make-ptr (rt-new '(:struct c::|struct __mpz_struct|)) 0)))
    (emacs2cl-runtime::%mpz-set z integer)
    z))

(rt-implement 'rt-make-bignum-bits #'make-bignum-bits)
(rt-implement 'rt-bignum-val #'bignum-val)
(rt-implement 'rt-build-overlay #'build-overlay)

(defun inhibit-garbage-collection ()
  "inhibit_garbage_collection: bind gc-cons-threshold to the largest fixnum; the specpdl count
to unbind to."
  (let ((count (c::|SPECPDL_INDEX|)))
    (c::|specbind| (lisp-symbol "gc-cons-threshold") emacs2cl-runtime::+most-positive-fixnum+)
    count))

(rt-implement 'rt-fmake-string #'make-string-primitive)
(rt-implement 'rt-inhibit-garbage-collection #'inhibit-garbage-collection)
