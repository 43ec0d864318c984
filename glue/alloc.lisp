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

(setf (fdefinition 'rt-allocate-pseudovector) #'allocate-pseudovector
      (fdefinition 'rt-allocate-buffer) #'allocate-buffer
      (fdefinition 'rt-fmake-marker) #'make-marker
      (fdefinition 'rt-build-marker) #'build-marker
      (fdefinition 'rt-make-interval) #'make-interval
      (fdefinition 'rt-memory-full) #'memory-full)

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
      (dotimes (i nbits) (setf (ldb (byte 1 (mod i 8)) (aref data (floor i 8))) 1)))
    v))

(defun make-bool-vector (length init)
  "Fmake_bool_vector."
  (unless (and (integerp length) (>= length 0))
    (c::|wrong_type_argument| (lisp-symbol "wholenump") length))
  (bool-vector-fill (make-uninit-bool-vector length) init))

(setf (fdefinition 'rt-make-uninit-bool-vector) #'make-uninit-bool-vector
      (fdefinition 'rt-bool-vector-fill) #'bool-vector-fill
      (fdefinition 'rt-fmake-bool-vector) #'make-bool-vector)
