;;;; Type descriptors (DESC): the C type of a load, a store, a field or an array element.
;;;
;;; A DESC is one of the keywords :s8 :u8 :s16 :u16 :s32 :u32 :s64 :u64 :s128 :u128 (integers),
;;; :f32 :f64 :f80 (floats; :f80 is long double, kept as a double-float), :lisp (a Lisp object),
;;; :ptr (a pointer), :complex; or (:struct NAME) for a struct or union defined by
;;; RT-DEFINE-STRUCT / RT-DEFINE-UNION; or (:array DESC N).
;;;
;;; This file also turns scalars into their bits as x86-64 stores them (little-endian integers,
;;; IEEE floats, the x87 80-bit format for long double) and back: that is what punning (unions,
;;; loads of another type, memcpy between representations) goes through.

(in-package "EMACS2CL-RUNTIME")

(deftype octets () '(simple-array (unsigned-byte 8) (*)))

(declaim (inline %int-desc-bits %signed-desc-p %float-desc-p %numeric-desc-p %pointer-desc-p))
(defun %int-desc-bits (desc)
  "The width of integer DESC, or NIL if DESC is not an integer type."
  (case desc
    ((:s8 :u8) 8) ((:s16 :u16) 16) ((:s32 :u32) 32) ((:s64 :u64) 64) ((:s128 :u128) 128)))

(defun %int-bits (desc)
  "The width of integer DESC."
  (ecase desc
    ((:s8 :u8) 8) ((:s16 :u16) 16) ((:s32 :u32) 32) ((:s64 :u64) 64) ((:s128 :u128) 128)))

(defun %signed-desc-p (desc)
  (case desc ((:s8 :s16 :s32 :s64 :s128) t)))

(defun %float-desc-p (desc)
  (case desc ((:f32 :f64 :f80) t)))

(defun %numeric-desc-p (desc)
  (case desc ((:s8 :u8 :s16 :u16 :s32 :u32 :s64 :u64 :s128 :u128 :f32 :f64 :f80) t)))

(defun %pointer-desc-p (desc)
  (case desc ((:lisp :ptr) t)))

(defun %aggregate-desc-p (desc)
  (and (consp desc) (member (car desc) '(:struct :array)) t))

(defun %desc-size (desc)
  "The size in bytes of C type DESC (sizeof)."
  (case desc
    ((:s8 :u8) 1) ((:s16 :u16) 2) ((:s32 :u32 :f32) 4) ((:s64 :u64 :f64 :lisp :ptr) 8)
    ((:s128 :u128 :f80 :complex) 16)
    (t (if (consp desc)
           (ecase (car desc)
             (:struct (%struct-size (second desc)))
             (:array (* (third desc) (%desc-size (second desc)))))
           (%c-error "not a C type descriptor: ~S" desc)))))

(declaim (inline %desc-mem-bits))
(defun %desc-mem-bits (desc)
  "How many bits a load or store of scalar DESC touches (80 for long double)."
  (case desc
    ((:s8 :u8) 8) ((:s16 :u16) 16) ((:s32 :u32 :f32) 32) ((:s64 :u64 :f64 :lisp :ptr) 64)
    ((:s128 :u128) 128) (:f80 80)
    (t (%c-error "not a scalar C type descriptor: ~S" desc))))

(defun %desc-zero (desc)
  "The zero value of scalar DESC: 0, 0d0, 0f0 or NIL."
  (case desc
    ((:s8 :u8 :s16 :u16 :s32 :u32 :s64 :u64 :s128 :u128) 0)
    ((:f64 :f80) 0d0)
    (:f32 0f0)
    ((:lisp :ptr :complex) nil)
    (t (%c-error "not a scalar C type descriptor: ~S" desc))))

(defun %desc-lisp-type (desc)
  "The CL type of the values of scalar DESC (T for pointers and Lisp objects)."
  (case desc
    (:s8 '(signed-byte 8)) (:u8 '(unsigned-byte 8))
    (:s16 '(signed-byte 16)) (:u16 '(unsigned-byte 16))
    (:s32 '(signed-byte 32)) (:u32 '(unsigned-byte 32))
    (:s64 '(signed-byte 64)) (:u64 '(unsigned-byte 64))
    (:s128 '(signed-byte 128)) (:u128 '(unsigned-byte 128))
    (:f32 'single-float) ((:f64 :f80) 'double-float)
    (t t)))

(defun %wrap-to-desc (v desc)
  "Integer V reduced to integer DESC."
  (let ((bits (%int-bits desc)))
    (if (%signed-desc-p desc) (%wrap-s bits v) (%wrap-u bits v))))

;;; Floats and their bits.

(defun %double-bits (x)
  (declare (type double-float x))
  (logior (ash (ldb (byte 32 0) (sb-kernel:double-float-high-bits x)) 32)
          (sb-kernel:double-float-low-bits x)))

(defun %bits-double (bits)
  (let ((hi (ldb (byte 32 32) bits)))
    (sb-kernel:make-double-float (if (logbitp 31 hi) (- hi (ash 1 32)) hi) (ldb (byte 32 0) bits))))

(defun %single-bits (x)
  (declare (type single-float x))
  (ldb (byte 32 0) (sb-kernel:single-float-bits x)))

(defun %bits-single (bits)
  (let ((b (ldb (byte 32 0) bits)))
    (sb-kernel:make-single-float (if (logbitp 31 b) (- b (ash 1 32)) b))))

(defun %encode-f80 (x)
  "The x87 80-bit extended format of double X, as an integer."
  (declare (type double-float x))
  (let ((sign (if (minusp (sb-kernel:double-float-high-bits x)) (ash 1 79) 0)))
    (cond ((sb-ext:float-nan-p x) (logior sign (ash #x7fff 64) #xC000000000000000))
          ((sb-ext:float-infinity-p x) (logior sign (ash #x7fff 64) #x8000000000000000))
          ((zerop x) sign)
          (t (multiple-value-bind (m e) (integer-decode-float (abs x))
               (let ((shift (- 64 (integer-length m))))
                 (logior sign (ash (+ e (- shift) 63 16383) 64) (ash m shift))))))))

(defun %decode-f80 (bits)
  "The double nearest to the x87 80-bit extended value BITS."
  (let* ((negative (logbitp 79 bits))
         (exp (ldb (byte 15 64) bits))
         (mant (ldb (byte 64 0) bits))
         (v (cond ((= exp #x7fff)
                   (if (zerop (ldb (byte 63 0) mant))
                       sb-ext:double-float-positive-infinity
                       (rt-nan)))
                  ((zerop mant) 0d0)
                  (t (let ((e (- exp 16383 63)))
                       (cond ((> (+ e 64) 1025) sb-ext:double-float-positive-infinity)
                             ((< (+ e 64) -1100) 0d0)
                             (t (coerce (* mant (expt 2 e)) 'double-float))))))))
    (if negative (- v) v)))

(defun %encode (v desc)
  "The bits (a non-negative integer of (%DESC-MEM-BITS DESC) bits) of value V stored as scalar
DESC.  A null pointer is 0; another pointer or Lisp object has no bits: RT-C-ERROR."
  (case desc
    ((:s8 :u8 :s16 :u16 :s32 :u32 :s64 :u64 :s128 :u128)
     (typecase v
       (integer (ldb (byte (%int-bits desc) 0) v))
       (double-float (ldb (byte (%int-bits desc) 0) (%double-bits v)))
       (single-float (ldb (byte (%int-bits desc) 0) (%single-bits v)))
       (null 0)
       (t (%c-error "cannot store ~A as the bytes of a ~(~A~)" (%describe v) desc))))
    (:f64 (typecase v
            (double-float (%double-bits v))
            (integer (ldb (byte 64 0) v))
            (real (%double-bits (coerce v 'double-float)))
            (t (%c-error "cannot store ~A as a double" (%describe v)))))
    (:f32 (typecase v
            (single-float (%single-bits v))
            (integer (ldb (byte 32 0) v))
            (real (%single-bits (coerce v 'single-float)))
            (t (%c-error "cannot store ~A as a float" (%describe v)))))
    (:f80 (typecase v
            (real (%encode-f80 (coerce v 'double-float)))
            (t (%c-error "cannot store ~A as a long double" (%describe v)))))
    ((:lisp :ptr) (if (null v)
                      0
                      (%c-error "a pointer or Lisp object (~A) has no bytes" (%describe v))))
    (t (%c-error "cannot view ~S as bytes" desc))))

(defun %decode (bits desc)
  "The value of scalar DESC whose bits are BITS (only the low bits DESC uses are looked at).
Zero bits read as a pointer are NULL (NIL); other bits are not a pointer: RT-C-ERROR."
  (case desc
    ((:u8 :u16 :u32 :u64 :u128) (ldb (byte (%int-bits desc) 0) bits))
    ((:s8 :s16 :s32 :s64 :s128) (%wrap-s (%int-bits desc) bits))
    (:f64 (%bits-double (ldb (byte 64 0) bits)))
    (:f32 (%bits-single bits))
    (:f80 (%decode-f80 (ldb (byte 80 0) bits)))
    ((:lisp :ptr) (if (zerop bits)
                      nil
                      (%c-error "the bytes #x~X are not a pointer or Lisp object" bits)))
    (t (%c-error "cannot view bytes as ~S" desc))))

(defun %convert (v from to)
  "Value V, stored as scalar FROM, read as scalar TO: integers are re-wrapped, integer and float
bits are reinterpreted; other mismatches give V."
  (cond ((eq from to) v)
        ((and (%int-desc-bits from) (%int-desc-bits to))
         (if (integerp v) (%wrap-to-desc v to) v))
        ((and (%numeric-desc-p from) (%numeric-desc-p to)
              (or (%int-desc-bits from) (%int-desc-bits to)))
         (if (realp v) (%decode (%encode v from) to) v))
        (t v)))

(defun %reinterpret (v to)
  "Value V, of a type known only from V itself (a box's, an element of a simple-vector), read as
scalar TO."
  (typecase v
    (integer (cond ((%int-desc-bits to) (%wrap-to-desc v to))
                   ((%float-desc-p to) (%decode v to))
                   (t v)))
    (double-float (if (%int-desc-bits to) (%decode (%double-bits v) to) v))
    (single-float (if (%int-desc-bits to) (%decode (%single-bits v) to) v))
    (t v)))

(defun %describe (x)
  "A short description of object X for error messages (never its contents)."
  (typecase x
    (null "NULL")
    (octets (format nil "a ~D-byte array" (length x)))
    (simple-vector (format nil "a ~D-element simple-vector" (length x)))
    (vector (format nil "a vector of ~D ~S" (length x) (array-element-type x)))
    (structure-object (format nil "an object of type ~S" (type-of x)))
    (function "a function")
    (cons "a cons")
    (t (format nil "~S" (type-of x)))))
