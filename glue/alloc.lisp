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

(defun pseudovector-from-slots (tag slots)
  "What plain vector SLOTS becomes when its header is made TAG's (lread.c's `#^[...]'): an
instance of TAG's struct whose Lisp fields hold SLOTS' elements in order."
  (with-header (rt-fill-lisp-slots (rt-new (list :struct (struct-for-pvec tag (length slots)))) slots)))

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

(defun buffer-memory-full (nbytes)
  "buffer_memory_full: as any failing allocation (alloc.c without REL_ALLOC), memory_full."
  (memory-full nbytes))

(defun string-overflow ()
  "string_overflow: a string would be longer than Emacs allows."
  (c::|error| (rt-make-ptr (c-bytes "Maximum string size exceeded") 0)))

(defun display-malloc-warning ()
  "display_malloc_warning: show the warning that alloc.c's malloc_warning left in
pending_malloc_warning (`display-warning', type alloc, level :emergency), then clear it."
  (c::|call3| (lisp-symbol "display-warning") (lisp-symbol "alloc")
              (c::|build_string| (rt-box-value c::|pending_malloc_warning|))
              (lisp-symbol ":emergency"))
  (setf (rt-box-value c::|pending_malloc_warning|) nil))

(defun valid-lisp-object-p (object)
  "valid_lisp_object_p (a debugging aid): 1 if OBJECT is a Lisp object, 2 for the buffer
objects that are not Lisp objects (buffer_defaults, buffer_local_symbols), else 0."
  (cond ((or (eq object c::|buffer_defaults|) (eq object c::|buffer_local_symbols|)) 2)
        ((emacs2cl-runtime::lisp-object-p object) 1)
        (t 0)))

(defun build-symbol-with-pos (symbol position)
  "build_symbol_with_pos (30.x): a symbol with position, its struct Lisp_Symbol_With_Pos as alloc.c
fills it (SYM and POS, the Lisp slots after the header)."
  (let ((struct (find-symbol "struct Lisp_Symbol_With_Pos" "EMACS-C")))
    (unless struct
      (error 'rt-c-error :message "build_symbol_with_pos: this release has no struct Lisp_Symbol_With_Pos"))
    (let ((object (with-header (rt-new (list :struct struct)))))
      (setf (rt-vref object 0) symbol
            (rt-vref object 1) position)
      object)))

(rt-implement 'rt-buffer-memory-full #'buffer-memory-full)
(rt-implement 'rt-string-overflow #'string-overflow)
(rt-implement 'rt-display-malloc-warning #'display-malloc-warning)
(rt-implement 'rt-valid-lisp-object-p #'valid-lisp-object-p)
(rt-implement 'rt-build-symbol-with-pos #'build-symbol-with-pos)
(rt-implement 'rt-allocate-pseudovector #'allocate-pseudovector)
(rt-implement 'rt-pseudovector-from-slots #'pseudovector-from-slots)
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
      (emacs2cl-runtime::make-lisp-string (make-array length :element-type '(unsigned-byte 8) :initial-element init) length nil)
      (let* ((bytes (make-array 6 :element-type '(unsigned-byte 8)))
             (n (c::|CHAR_STRING| init (rt-make-ptr bytes 0)))
             (all (make-array (* n length) :element-type '(unsigned-byte 8))))
        (dotimes (i length) (replace all bytes :start1 (* i n) :end2 n))
        (emacs2cl-runtime::make-lisp-string all length t))))

(defun make-symbol-primitive (name)
  "Fmake_symbol, checking NAME is a string."
  (unless (rt-lisp-string-p name) (c::|wrong_type_argument| (lisp-symbol "stringp") name))
  (rt-fmake-symbol name))

(defun args-list (nargs args) (rt-flist nargs args))

(defun collect-garbage ()
  "What alloc.c's garbage_collect does around the collection itself, with SBCL collecting: count
it (gcs-done, gc-elapsed), run the finalizers of the finalizer objects found unreachable, then
post-gc-hook."
  (let ((start (get-internal-real-time)))
    (sb-ext:gc :full t)
    (sb-kernel:run-pending-finalizers)
    (incf (emacs-global "gcs_done"))
    (setf (emacs-global "Vgc_elapsed")
          (+ (let ((e (emacs-global "Vgc_elapsed"))) (if (floatp e) e 0d0))
             (/ (coerce (- (get-internal-real-time) start) 'double-float)
                internal-time-units-per-second)))
    (setf *bytes-consed-at-gc* (sb-ext:get-bytes-consed)))
  (run-doomed-finalizers)
  (c::|safe_run_hooks| (lisp-symbol "post-gc-hook")))

(defun garbage-collect ()
  "Fgarbage_collect: a full collection (COLLECT-GARBAGE), then alloc.c's report in its shape --
(NAME SIZE USED FREE) per kind of object.  SBCL does not count objects by Emacs's kinds: the
sizes are Emacs's, the counts what the runtime knows (the dynamic space in use, as conses)."
  (collect-garbage)
  (let ((used (floor (sb-kernel:dynamic-usage) 16)))
    (flet ((s (name) (lisp-symbol name)))
      (list (list (s "conses") 16 used 0) (list (s "symbols") 48 0 0) (list (s "strings") 32 0 0)
            (list (s "string-bytes") 1 0) (list (s "vectors") 16 0) (list (s "vector-slots") 8 0 0)
            (list (s "floats") 8 0 0) (list (s "intervals") 56 0 0) (list (s "buffers") 992 0)))))

(defvar *bytes-consed-at-gc* 0
  "SBCL's count of bytes consed at the last collection (or at the start of this process).")
(push (lambda () (setf *bytes-consed-at-gc* (sb-ext:get-bytes-consed))) sb-ext:*init-hooks*)

;;; SBCL gives the pages a collection of a generation above 1 freed back to the OS (gencgc.c's
;;; small_generation_limit), so that after a full collection (`garbage-collect', or one of SBCL's
;;; own of the older generations) the nursery is fresh memory again, each of its pages faulted in
;;; and zeroed by the kernel at its first use: allocating work (byte-compiled fib, 230 bytes a
;;; call) then took 1.7 times as long until the nursery had been used once.  Emacs keeps its heap
;;; (GNU's malloc arenas), and the image keeps the pages its collections free.
(defun keep-freed-pages ()
  "Have SBCL's collector keep the pages it frees, whichever generations it collected."
  (setf (sb-alien:extern-alien "small_generation_limit" (sb-alien:signed 8))
        (1+ sb-vm:+pseudo-static-generation+)))
(push 'keep-freed-pages sb-ext:*init-hooks*)

(defun garbage-collect-maybe (factor)
  "Fgarbage_collect_maybe: collect when more than gc-cons-threshold / FACTOR bytes were consed
since the last collection; t if it collected."
  (unless (and (integerp factor) (<= 0 factor emacs2cl-runtime::+most-positive-fixnum+))
    (c::|wrong_type_argument| (lisp-symbol "wholenump") factor))
  (when (and (>= factor 1)
             (> (- (sb-ext:get-bytes-consed) *bytes-consed-at-gc*)
                (floor (emacs-global "gc_cons_threshold") factor)))
    (collect-garbage)
    t))

;;; Finalizers (make-finalizer): SBCL's finalization says when a finalizer object became
;;; unreachable; its function then runs, as in alloc.c, after the next collection Emacs makes
;;; (`garbage-collect'), never inside SBCL's finalizer thread.

(defvar *doomed-finalizers* '() "Functions of unreachable finalizer objects, not run yet.")
(defvar *doomed-finalizers-lock* (sb-thread:make-mutex :name "doomed finalizers"))

(defun make-finalizer (function)
  "Fmake_finalizer: a finalizer object that runs FUNCTION once it is unreachable."
  (let ((f (with-header (rt-new '(:struct c::|struct Lisp_Finalizer|)))))
    (setf (c::|Lisp_Finalizer.function| f) function)
    (sb-ext:finalize f (lambda ()
                         (sb-thread:with-mutex (*doomed-finalizers-lock*)
                           (push function *doomed-finalizers*)))
                     :dont-save t)
    f))

(defun run-doomed-finalizers ()
  "run_finalizers: call each doomed finalizer's function with inhibit-quit bound, an error
reported as alloc.c's run_finalizer_handler reports it."
  (loop for function = (sb-thread:with-mutex (*doomed-finalizers-lock*) (pop *doomed-finalizers*))
        while function
        do (let ((count (c::|SPECPDL_INDEX|)))
             (specbind (lisp-symbol "inhibit-quit") t)
             (condition-case-calling
              t (lambda (err)
                  (c::|add_to_log| (rt-make-ptr (c-bytes "finalizer failed: %S") 0) err nil))
              (lambda () (c::|call0| function)))
             (unbind-to count nil))))

(defun memory-info ()
  "Fmemory_info: (TOTAL-RAM FREE-RAM TOTAL-SWAP FREE-SWAP) in KiB from sysinfo, nil if it fails."
  (sb-alien:with-alien ((si (sb-alien:array (sb-alien:unsigned 8) 112)))
    (let ((sap (sb-alien:alien-sap si)))
      (when (zerop (sb-alien:alien-funcall
                    (sb-alien:extern-alien "sysinfo" (function sb-alien:int sb-alien:system-area-pointer))
                    sap))
        ;; struct sysinfo on x86-64: totalram 32, freeram 40, totalswap 64, freeswap 72,
        ;; mem_unit 104.
        (let ((unit (sb-sys:sap-ref-32 sap 104)))
          (loop for offset in '(32 40 64 72)
                collect (floor (* (sb-sys:sap-ref-64 sap offset) unit) 1024)))))))

(defun memory-use-counts ()
  "Fmemory_use_counts: alloc.c's counters of objects consed (SBCL allocates: they stay as set)."
  (mapcar (lambda (name) (rt-mem (global-field-ptr name) :s64))
          '("cons_cells_consed" "floats_consed" "vector_cells_consed" "symbols_consed"
            "string_chars_consed" "intervals_consed" "strings_consed")))

(defun malloc-info ()
  "Fmalloc_info: glibc's malloc_info report on stderr."
  (finish-output *error-output*)
  (let ((stderr (sb-alien:extern-alien "stderr" sb-alien:system-area-pointer)))
    (unless (zerop (sb-alien:alien-funcall
                    (sb-alien:extern-alien "malloc_info" (function sb-alien:int sb-alien:int
                                                                   sb-alien:system-area-pointer))
                    0 stderr))
      (invalid "malloc_info failed")))
  nil)

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
    ("make-finalizer" ,#'make-finalizer 1 1)
    ("purecopy" ,#'identity 1 1)
    ("garbage-collect" ,#'garbage-collect 0 0)
    ("garbage-collect-maybe" ,#'garbage-collect-maybe 1 1)
    ("memory-info" ,#'memory-info 0 0)
    ("memory-use-counts" ,#'memory-use-counts 0 0)
    ("malloc-info" ,#'malloc-info 0 0)
    ("suspicious-object" ,#'identity 1 1))
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
  (defvar-lisp "memory-signal-data" "Vmemory_signal_data"
    (list (lisp-symbol "error") (elisp-string "Memory exhausted--use M-x save-some-buffers then exit and restart Emacs")))
  ;; Not purifying: docstrings read from source stay strings (lread.c puts 0 in their place while
  ;; purify-flag is non-nil, for Snarf-documentation to fill in from etc/DOC).
  (defvar-lisp "purify-flag" "Vpurify_flag" nil)
  ;; alloc.c's other DEFVARs, forwarded to their globals as there, with its initial values.
  (loop for (name global value) in '(("gc-cons-threshold" "gc_cons_threshold" 800000)
                                     ("pure-bytes-used" "pure_bytes_used" 0)
                                     ("cons-cells-consed" "cons_cells_consed" 0)
                                     ("floats-consed" "floats_consed" 0)
                                     ("vector-cells-consed" "vector_cells_consed" 0)
                                     ("symbols-consed" "symbols_consed" 0)
                                     ("string-chars-consed" "string_chars_consed" 0)
                                     ("intervals-consed" "intervals_consed" 0)
                                     ("strings-consed" "strings_consed" 0)
                                     ("gcs-done" "gcs_done" 0))
        do (defvar-forwarded name global :int value))
  ;; integer-width: bignum.c's init_bignum sets it at each start, after this.
  (defvar-forwarded "integer-width" "integer_width" :int 0)
  (defvar-forwarded "garbage-collection-messages" "garbage_collection_messages" :bool 0)
  (loop for (name global value) in `(("gc-cons-percentage" "Vgc_cons_percentage" 0.1d0)
                                     ("post-gc-hook" "Vpost_gc_hook" nil)
                                     ("memory-full" "Vmemory_full" nil)
                                     ("gc-elapsed" "Vgc_elapsed" 0d0))
        do (defvar-lisp name global value)))

(rt-implement 'rt-syms-of-alloc #'syms-of-alloc)

(defconstant +gc-default-threshold+ (* 100000 8) "GC_DEFAULT_THRESHOLD: 100000 words.")

(defun init-alloc-once ()
  "init_alloc_once: gc-cons-threshold's default, purify-flag t (until syms_of_alloc), and the
empty strings and vector that init_strings and init_vectors make."
  (setf (emacs-global "gc_cons_threshold") +gc-default-threshold+
        (emacs-global "Vpurify_flag") t
        (rt-box-value c::|empty_unibyte_string|) (rt-empty-string nil)
        (rt-box-value c::|empty_multibyte_string|) (rt-empty-string t)
        (rt-box-value c::|zero_vector|) (vector)))

(defun init-alloc ()
  "init_alloc (at each start): no garbage collection has been done yet."
  (setf (emacs-global "Vgc_elapsed") 0d0
        (emacs-global "gcs_done") 0))

(rt-implement 'rt-init-alloc-once #'init-alloc-once)
(rt-implement 'rt-init-alloc #'init-alloc)
;;; Bignums and overlays.

(defun make-bignum-bits (bits)
  "make_bignum_bits: the integer in bignum.c's mpz[0], BITS long; overflow-error beyond
integer-width (taken as at least 128), as there."
  (when (bignum-overflow-p bits)
    (c::|overflow_error|))
  (emacs2cl-runtime::%mpz-integer (rt-make-ptr (aref c::|mpz| 0) 0)))

(defun build-overlay (start end plist)
  "build_overlay: an overlay from marker START to marker END with properties PLIST."
  (let ((o (with-header (rt-new '(:struct c::|struct Lisp_Overlay|)))))
    (setf (c::|Lisp_Overlay.start| o) start
          (c::|Lisp_Overlay.end| o) end
          (c::|Lisp_Overlay.plist| o) plist
          (c::|Lisp_Overlay.next| o) nil)
    o))

(defconstant +bignum-vals+ 8)

(declaim (type simple-vector *bignum-vals*) (type fixnum *bignum-vals-next*))
(defvar *bignum-vals* (make-array (* 2 +bignum-vals+) :initial-element nil)
  "The mpz_t pointers BIGNUM-VAL made last: +BIGNUM-VALS+ entries of INTEGER and POINTER,
replaced in turn.  An arithmetic form asks for the same bignum more than once.")
(defvar *bignum-vals-next* 0 "The entry of *BIGNUM-VALS* to replace next.")

(defun bignum-val (integer)
  "bignum_val (&XBIGNUM (i)->value): a pointer to an mpz_t (bignum.c's struct) holding INTEGER,
for the runtime's GMP functions.  Emacs's is the bignum's own, which its callers only read
(`mpz_t const *`): one made for the same integer object a moment ago is given again."
  (let ((vals *bignum-vals*))
    (or (loop for i of-type fixnum from 0 below (* 2 +bignum-vals+) by 2
              when (eq (svref vals i) integer) return (svref vals (1+ i)))
        (let ((z (rt-make-ptr (rt-new '(:struct c::|struct __mpz_struct|)) 0))
              (i *bignum-vals-next*))
          (emacs2cl-runtime::%mpz-set z integer)
          (setf (svref vals i) integer
                (svref vals (1+ i)) z
                *bignum-vals-next* (mod (+ i 2) (* 2 +bignum-vals+)))
          z))))

(rt-implement 'rt-make-bignum-bits #'make-bignum-bits)
(rt-implement 'rt-bignum-val #'bignum-val)
(rt-implement 'rt-build-overlay #'build-overlay)

(defun inhibit-garbage-collection ()
  "inhibit_garbage_collection: bind gc-cons-threshold to the largest fixnum; the specpdl count
to unbind to."
  (let ((count (c::|SPECPDL_INDEX|)))
    (specbind (lisp-symbol "gc-cons-threshold") emacs2cl-runtime::+most-positive-fixnum+)
    count))

(rt-implement 'rt-fmake-string #'make-string-primitive)
(rt-implement 'rt-inhibit-garbage-collection #'inhibit-garbage-collection)
