;;;; Tests of the runtime, in plain Lisp: (CHECK FORM) passes when FORM is true,
;;;; (CHECK-ERROR FORM [TYPE] [TEXT]) when FORM signals a condition of TYPE (RT-C-ERROR by
;;;; default) whose message contains TEXT.  Run with tests/run.lisp.
;;;
;;; This package plays the part of a translation's package: the struct names and accessors are
;;; its symbols, written with bars as the translator writes them.

(defpackage "EMACS2CL-RUNTIME-TESTS"
  (:use "COMMON-LISP" "EMACS2CL-RUNTIME")
  (:export "RUN"))

(in-package "EMACS2CL-RUNTIME-TESTS")

;;; The harness.

(defvar *passed* 0)
(defvar *failed* 0)
(defvar *tests* '())
(defvar *current* nil)

(defun fail (form why)
  (incf *failed*)
  (format t "~&FAIL in ~A: ~S~%  ~A~%" *current* form why))

(defmacro check (form)
  `(handler-case (if ,form (incf *passed*) (fail ',form "was false"))
     (error (e) (fail ',form (format nil "signalled ~S: ~A" (type-of e) e)))))

(defmacro check-error (form &optional (type 'rt-c-error) text)
  `(handler-case (progn ,form (fail ',form "signalled nothing"))
     (,type (e)
       (let ((message (princ-to-string e)))
         (if (or (null ,text) (search ,text message))
             (incf *passed*)
             (fail ',form (format nil "message ~S lacks ~S" message ,text)))))
     (error (e) (fail ',form (format nil "signalled ~S instead: ~A" (type-of e) e)))))

(defmacro deftest (name &body body)
  `(progn (defun ,name () ,@body)
          (setf *tests* (append (remove ',name *tests*) (list ',name)))))

(defun run ()
  (setf *passed* 0 *failed* 0)
  (dolist (test *tests*)
    (let ((*current* test))
      (handler-case (funcall test)
        (error (e) (fail test (format nil "the test itself signalled ~S: ~A" (type-of e) e))))))
  (format t "~&~D passed, ~D failed~%" *passed* *failed*)
  (zerop *failed*))

(defun octets (&rest bytes)
  (make-array (length bytes) :element-type '(unsigned-byte 8) :initial-contents bytes))

(defun bytes-of (v start end)
  (coerce (subseq v start end) 'list))

;;; The structs the tests use.

(rt-define-struct |struct inner| 8
  ((|inner.x| 0 :s32)
   (|inner.y| 4 :u16)))

(rt-define-struct |struct outer| 48
  ((|outer.a| 0 :s8)
   (|outer.flags| 1 :u32 (:bits 0 3 0))
   (|outer.sflag| 1 :s32 (:bits 3 4 1))
   (|outer.in| 4 (:struct |struct inner|))
   (|outer.arr| 12 (:array :s16 4))
   (|outer.d| 24 :f64)
   (|outer.p| 32 :ptr)
   (|outer.obj| 40 :lisp)))

(rt-define-struct |struct vec| 8
  ((|vec.n| 0 :s64)
   (|vec.data| 8 (:array :s32 0))))

(rt-define-struct |struct strs| 24
  ((|strs.name| 0 (:array :s8 16))
   (|strs.f| 16 :f32)
   (|strs.g| 20 :u32)))

(rt-define-union |union pun| 8)

(rt-define-struct |struct holder| 16
  ((|holder.tag| 0 :s32)
   (|holder.u| 8 (:struct |union pun|))))

(rt-define-struct |struct __va_list_tag| 24
  ((|__va_list_tag.gp_offset| 0 :u32)
   (|__va_list_tag.fp_offset| 4 :u32)
   (|__va_list_tag.overflow_arg_area| 8 :ptr)
   (|__va_list_tag.reg_save_area| 16 :ptr)))

(rt-define-global |g_inner| '(:struct |struct inner|))
(rt-define-global |g_count| ':s32)
(rt-define-global |g_table| '(:array :u16 5))

;;; Integers.

(defun %modular-s32+ (a b)
  (declare (type (signed-byte 32) a b))
  (rt-wrap-s 32 (+ a b)))
(defun %modular-s64* (a b)
  (declare (type (signed-byte 64) a b))
  (rt-wrap-s 64 (* a b)))
(defun %modular-u64-shift (a)
  (declare (type (unsigned-byte 64) a))
  (rt-wrap-u 64 (ash a 4)))
(defun %modular-untyped (a b) (rt-wrap-s 32 (- a b)))

(deftest integers-wrap-modular
  ;; The modular expansion on declared word operands, and on undeclared ones of any size.
  (check (= (%modular-s32+ #x7FFFFFFF 1) (- (expt 2 31))))
  (check (= (%modular-s32+ -1 -1) -2))
  (check (= (%modular-s64* (expt 2 62) 4) 0))
  (check (= (%modular-s64* (1- (expt 2 63)) 3) (- (expt 2 63) 3)))
  (check (= (%modular-u64-shift (1- (expt 2 64))) (- (expt 2 64) 16)))
  (check (= (%modular-untyped (- (expt 2 31)) 1) (1- (expt 2 31))))
  (check (= (%modular-untyped (expt 2 70) -5) 5))
  (check (= (let ((a (expt 2 100))) (rt-wrap-u 64 (logior a 7))) 7)))

(deftest integers-wrap
  (check (= (rt-wrap-u-call 8 -1) 255))
  (check (= (rt-wrap-s-call 8 255) -1))
  (check (= (rt-wrap-s-call 64 (expt 2 63)) (- (expt 2 63))))
  (check (= (rt-wrap-u 8 255) 255))
  (check (= (rt-wrap-u 8 256) 0))
  (check (= (rt-wrap-u 8 -1) 255))
  (check (= (rt-wrap-s 8 127) 127))
  (check (= (rt-wrap-s 8 128) -128))
  (check (= (rt-wrap-s 8 255) -1))
  (check (= (rt-wrap-s 8 -129) 127))
  (check (= (rt-wrap-u 16 65536) 0))
  (check (= (rt-wrap-u 16 -2) 65534))
  (check (= (rt-wrap-s 16 32768) -32768))
  (check (= (rt-wrap-s 16 -32769) 32767))
  (check (= (rt-wrap-u 32 (expt 2 32)) 0))
  (check (= (rt-wrap-u 32 -1) #xFFFFFFFF))
  (check (= (rt-wrap-s 32 #x80000000) (- (expt 2 31))))
  (check (= (rt-wrap-s 32 #xFFFFFFFF) -1))
  (check (= (rt-wrap-s 32 (* 65536 65536)) 0))
  (check (= (rt-wrap-u 64 (expt 2 64)) 0))
  (check (= (rt-wrap-u 64 -1) (1- (expt 2 64))))
  (check (= (rt-wrap-s 64 (expt 2 63)) (- (expt 2 63))))
  (check (= (rt-wrap-s 64 (1- (expt 2 64))) -1))
  (check (= (rt-wrap-s 64 (1- (expt 2 63))) (1- (expt 2 63))))
  (check (= (rt-wrap-u 128 (expt 2 128)) 0))
  (check (= (rt-wrap-u 128 -1) (1- (expt 2 128))))
  (check (= (rt-wrap-s 128 (expt 2 127)) (- (expt 2 127))))
  (check (= (rt-wrap-s 128 (+ (expt 2 128) 5)) 5))
  (check (= (rt-wrap-u 1 3) 1))
  (check (= (rt-wrap-s 1 1) -1))
  (check (= (rt-wrap-s 5 16) -16))
  (let ((bits 8))                       ; not a literal: the function path
    (check (= (rt-wrap-s bits 200) -56))
    (check (= (rt-wrap-u bits -56) 200)))
  ;; The inline expansions (fixnums masked inline, others by a call) agree with LDB at every
  ;; width, for fixnums and bignums of both signs.
  (let ((values (list 0 1 -1 2 -2 127 128 255 256 -128 -129 (1- (expt 2 31)) (expt 2 31)
                      (- (expt 2 31)) (1- (expt 2 32)) most-positive-fixnum most-negative-fixnum
                      (1+ most-positive-fixnum) (1- most-negative-fixnum) (expt 2 63)
                      (1- (expt 2 64)) (- (expt 2 64)) (expt 2 100) (- 5 (expt 2 100)))))
    (macrolet ((agree (bits)
                 `(dolist (x values)
                    (let* ((u (ldb (byte ,bits 0) x))
                           (s (if (logbitp ,(1- bits) u) (- u (expt 2 ,bits)) u)))
                      (check (= (rt-wrap-u ,bits x) u))
                      (check (= (rt-wrap-s ,bits x) s))
                      (check (= (rt-wrap-u-call ,bits x) u))
                      (check (= (rt-wrap-s-call ,bits x) s))))))
      (agree 1) (agree 8) (agree 16) (agree 32) (agree 62) (agree 63) (agree 64) (agree 128))))

(deftest integers-division
  (check (= (rt-div 7 2) 3))
  (check (= (rt-div -7 2) -3))
  (check (= (rt-div 7 -2) -3))
  (check (= (rt-div -7 -2) 3))
  (check (= (rt-rem 7 2) 1))
  (check (= (rt-rem -7 2) -1))
  (check (= (rt-rem 7 -2) 1))
  (check (= (rt-rem -7 -2) -1))
  (check (= (rt-rem -8 2) 0))
  (check (= (rt-wrap-s 32 (rt-div (- (expt 2 31)) -1)) (- (expt 2 31))))
  (check-error (rt-div 1 0) rt-c-error "division by zero")
  (check-error (rt-rem 1 0) rt-c-error "remainder by zero")
  (let ((zero 0)) (check-error (rt-div 5 zero))))

(deftest integers-rotate
  (check (= (rt-rotate 8 #x81 1) #x03))
  (check (= (rt-rotate 8 #x81 -1) #xC0))
  (check (= (rt-rotate 8 #x81 8) #x81))
  (check (= (rt-rotate 8 #x81 0) #x81))
  (check (= (rt-rotate 32 #x12345678 8) #x34567812))
  (check (= (rt-rotate 32 #x12345678 -8) #x78123456))
  (check (= (rt-rotate 64 1 -1) (expt 2 63)))
  (check (= (rt-rotate 64 (expt 2 63) 1) 1))
  (check (= (rt-rotate 16 #xABCD 20) #xBCDA)))

(defun pair-of (pair)
  "Integer pair PAIR as the cons (VALUE . FLAG)."
  (cons (rt-pair-value pair) (rt-pair-flag pair)))

(deftest integer-pairs
  ;; 2 * value + flag: a fixnum for a value under 2^61, whatever its sign.
  (dolist (v (list 0 1 -1 (1- (expt 2 60)) (- (expt 2 60)) (expt 2 63) (- (expt 2 64))))
    (dolist (f '(0 1))
      (check (equal (pair-of (rt-make-pair v f)) (cons v f)))))
  (check (typep (rt-make-pair (- (expt 2 60)) 1) 'fixnum)))

(deftest integers-overflow
  (let ((max64 (1- (expt 2 63))))
    (check (equal (pair-of (rt-overflow '+ 64 1 max64 1)) (cons (- (expt 2 63)) 1)))
    (check (equal (pair-of (rt-overflow '+ 64 1 max64 0)) (cons max64 0)))
    (check (equal (pair-of (rt-overflow '- 64 1 (- (expt 2 63)) 1)) (cons max64 1)))
    (check (equal (pair-of (rt-overflow '* 64 1 max64 2)) (cons -2 1))))
  (check (equal (pair-of (rt-overflow '+ 32 1 1 2)) '(3 . 0)))
  (check (equal (pair-of (rt-overflow '- 32 0 0 1)) (cons #xFFFFFFFF 1)))
  (check (equal (pair-of (rt-overflow '- 32 0 5 3)) '(2 . 0)))
  (check (equal (pair-of (rt-overflow '* 32 1 65536 65536)) '(0 . 1)))
  (check (equal (pair-of (rt-overflow '* 32 1 -2 3)) '(-6 . 0)))
  (check (equal (pair-of (rt-overflow '+ 8 0 200 100)) '(44 . 1)))
  (check (equal (pair-of (rt-overflow '+ 64 0 (1- (expt 2 64)) 1)) '(0 . 1)))
  ;; Operands of another type than the result: the exact result decides.
  (check (equal (pair-of (rt-overflow '+ 32 0 -1 1)) '(0 . 0)))
  (check (equal (pair-of (rt-overflow '* 128 1 (expt 2 64) (expt 2 64))) (cons 0 1))))

(deftest integers-overflow-open-coded
  ;; The compiler macro's open-coded test and the function agree at the edges of each type.
  (let ((edges (list 0 1 -1 (1- (expt 2 31)) (- (expt 2 31)) (expt 2 32) (1- (expt 2 63))
                     (- (expt 2 63)) (1- (expt 2 64)) (expt 2 62))))
    (dolist (a edges)
      (dolist (b edges)
        (check (equal (pair-of (rt-overflow '+ 64 1 a b)) (pair-of (funcall #'rt-overflow '+ 64 1 a b))))
        (check (equal (pair-of (rt-overflow '- 32 1 a b)) (pair-of (funcall #'rt-overflow '- 32 1 a b))))
        (check (equal (pair-of (rt-overflow '* 64 1 a b)) (pair-of (funcall #'rt-overflow '* 64 1 a b))))
        (check (equal (pair-of (rt-overflow '* 64 0 a b)) (pair-of (funcall #'rt-overflow '* 64 0 a b))))
        (check (equal (pair-of (rt-overflow '+ 32 0 a b)) (pair-of (funcall #'rt-overflow '+ 32 0 a b))))))
    (check (equal (pair-of (rt-overflow '* 64 1 (expt 2 32) (expt 2 31))) (cons (- (expt 2 63)) 1)))
    (check (equal (pair-of (rt-overflow '+ 64 0 (1- (expt 2 64)) 1)) (cons 0 1)))))

(deftest integers-s8
  (check (= (rt-s8 0) 0))
  (check (= (rt-s8 127) 127))
  (check (= (rt-s8 128) -128))
  (check (= (rt-s8 255) -1)))

;;; Floats.

(deftest floats-ieee
  (rt-init-floating-point)
  (rt-init-floating-point)
  (check (null (getf (sb-int:get-floating-point-modes) :traps)))
  (let ((zero 0d0) (big 1d308))
    (check (sb-ext:float-infinity-p (/ 1d0 zero)))
    (check (plusp (/ 1d0 zero)))
    (check (minusp (/ -1d0 zero)))
    (check (sb-ext:float-nan-p (/ zero zero)))
    (check (= (rt-isnan (/ zero zero)) 1))
    (check (sb-ext:float-infinity-p (* big 10d0))))
  (check (sb-ext:float-nan-p (rt-nan)))
  (check (typep (rt-nan) 'double-float))
  (check (= (ldb (byte 32 0) (sb-kernel:double-float-high-bits (rt-nan))) #x7ff80000))
  (check (typep (rt-nan-single) 'single-float))
  (check (sb-ext:float-nan-p (rt-nan-single)))
  (check (= (rt-isnan 1d0) 0))
  (check (= (rt-isnan 1) 0))
  (check (rt-unordered-p (rt-nan) 1d0))
  (check (rt-unordered-p 1d0 (rt-nan-single)))
  (check (not (rt-unordered-p 1d0 2d0)))
  (check (not (= (rt-nan) (rt-nan)))))

(deftest floats-sign-and-truncate
  (check (= (rt-signbit -0d0) 1))
  (check (= (rt-signbit 0d0) 0))
  (check (= (rt-signbit -1f0) 1))
  (check (= (rt-signbit 2f0) 0))
  (check (= (rt-signbit (- (rt-nan))) 1))
  (check (= (rt-signbit -3) 1))
  (check (= (rt-float-truncate 2.7d0) 2))
  (check (= (rt-float-truncate -2.7d0) -2))
  (check (= (rt-float-truncate -0.5d0) 0))
  (check (= (rt-float-truncate 2.5f0) 2))
  (check (= (rt-float-truncate 1d300) (truncate 1d300)))
  (check (= (rt-float-truncate (rt-nan)) (- (expt 2 63))))
  (check (= (rt-float-truncate sb-ext:double-float-positive-infinity) (- (expt 2 63)))))

;;; Boxes.

(deftest boxes
  (let ((b (rt-make-box 5)))
    (check (rt-box-p b))
    (check (= (rt-box-value b) 5))
    (setf (rt-box-value b) 7)
    (check (= (rt-box-value b) 7))
    (let ((p (rt-make-ptr b 0)))
      (check (= (rt-mem p :s32) 7))
      (setf (rt-mem p :s32) -9)
      (check (= (rt-box-value b) -9))
      (check (= (rt-mem p :u32) (- (expt 2 32) 9)))
      (check (rt-ptr= p b))
      (check (not (rt-ptr= p (rt-make-box 0)))))
    (setf (rt-box-value b) 1d0)
    (check (= (rt-mem (rt-make-ptr b 0) :u64) #x3FF0000000000000))
    (check (search "RT-BOX" (prin1-to-string b)))))

;;; `*p' with p `&x' of a box, through the inline loaders and storers of a constant descriptor
;;; (fetch_string_char_advance's charidx and byteidx): the box's value as it is when it reads
;;; back unchanged, else through %LOAD and %STORE's conversions.
(deftest boxes-fast-paths
  (let* ((b (rt-make-box 300)) (p (rt-make-ptr b 0)))
    (check (eq p (rt-make-ptr b 0)))
    (check (= (rt-mem p :s64) 300))
    (check (= (rt-mem p :u8) 44))
    (check (= (rt-mem p :s8) 44))
    (setf (rt-mem p :s64) -5)
    (check (= (rt-box-value b) -5))
    (check (= (rt-mem p :s64) -5))
    (check (= (rt-mem p :u64) (- (expt 2 64) 5)))
    (check (= (rt-mem p :u16) (- (expt 2 16) 5)))
    (setf (rt-mem p :u8) 255)
    (check (= (rt-mem p :s8) -1))
    (setf (rt-box-value b) 1d0)
    (check (= (rt-mem p :u64) #x3FF0000000000000))
    (setf (rt-mem p :s64) #x4000000000000000)
    (check (eql (rt-box-value b) 2d0))
    (check (eql (rt-mem p :f64) 2d0))
    (setf (rt-box-value b) 0)
    (setf (rt-mem p :f64) 1d0)
    (check (eql (rt-box-value b) #x3FF0000000000000)))
  (let ((d (emacs2cl-runtime::symbol-data (gensym))))
    (check (eq (rt-make-ptr d 0) (rt-make-ptr d 0))))
  (check (null (rt-make-ptr nil 0)))
  (let ((v (make-array 3 :element-type '(unsigned-byte 8))))
    (check (rt-ptr-p (rt-make-ptr v 0)))
    (check (not (eq (rt-make-ptr v 0) (rt-make-ptr v 0))))))

;;; Comparing pointers with a constant operator: one base inline, others by the general search.
(deftest pointer-compare-inline
  (let* ((v (make-array 6 :element-type '(unsigned-byte 8))) (p (rt-make-ptr v 1)) (q (rt-ptr+ p 3))
         (w (make-array 1 :element-type '(unsigned-byte 8))))
    (check (rt-ptr-compare :< p q))
    (check (rt-ptr-compare :<= p p))
    (check (not (rt-ptr-compare :> p q)))
    (check (rt-ptr-compare :>= q p))
    (check (rt-ptr-compare := p (rt-make-ptr v 1)))
    (check (rt-ptr-compare :/= p q))
    (check (rt-ptr-compare :< v q))
    (check (= (rt-ptr-diff q p) 3))
    (check (= (rt-ptr-diff q v) 4))
    (check (rt-ptr-compare :< (rt-ptr+ p -1) p))
    (check (eq (rt-ptr-compare :< p (rt-make-ptr w 0))
               (< (rt-xli v) (rt-xli w))))
    (check-error (rt-ptr-diff p (rt-make-ptr w 0)))
    (let ((op :<)) (check (rt-ptr-compare op p q)))))

;;; A byte pointer held as two variables (RT-PTR-OF, RT-PTR-PARTS), as the translation keeps
;;; `char *p': the same values and errors as through RT-PTRs.
(deftest split-pointers
  (let* ((v (rt-new '(:array :u8 8))) (b v) (o 0)
         (w (make-array 4 :element-type '(unsigned-byte 8)))
         (raw (rt-malloc 6)) (rb nil) (ro 0)
         (box (rt-make-box 7)))
    (declare (type fixnum o ro))
    (check (and (rt-ptr-p (rt-ptr-of v 0)) (eq (rt-ptr-base (rt-ptr-of v 0)) v)))
    (check (and (rt-ptr-p (rt-ptr-of (rt-ptr-base raw) 0)) (eql (rt-ptr-offset (rt-ptr-of (rt-ptr-base raw) 0)) 0)))
    (let ((c (list 1))) (check (eq (rt-ptr-of c 0) c)))   ; a Lisp object: itself
    (check (null (rt-ptr-of nil 0)))
    (check (eq (rt-ptr-of box 0) (rt-make-ptr box 0)))  ; a box's pointer, never the box
    (check (equal (multiple-value-list (rt-ptr-parts nil)) '(nil 0)))
    (check (equal (multiple-value-list (rt-ptr-parts (rt-make-ptr v 3))) (list v 3)))
    (check-error (rt-ptr-of nil 2) rt-c-error "null pointer")
    ;; p++ and *p = i, then the bytes read back through the parts and through a made pointer.
    (dotimes (i 8)
      (setf (rt-mem (rt-ptr-of b o) :u8) (+ 250 i))
      (multiple-value-setq (b o) (rt-ptr-parts (rt-ptr+ (rt-ptr-of b o) 1))))
    (check (and (eq b v) (= o 8)))
    (check (= (rt-mem (rt-ptr+ (rt-ptr-of b o) -8) :u8) 250))
    (check (= (rt-mem (rt-ptr+ (rt-ptr-of b o) -1) :s8) 1))          ; 257 wrapped
    (check (= (rt-mem (rt-ptr+ (rt-ptr-of b o) -3) :s8) -1))          ; 255
    (check (= (rt-mem (rt-ptr-of v 4) :u32) (rt-mem (rt-make-ptr v 4) :u32)))
    (setf (rt-mem (rt-ptr+ (rt-ptr-of b o) -6) :s16) -2)
    (check (equal (bytes-of v 2 4) '(#xFE #xFF)))
    (check-error (rt-mem (rt-ptr-of b o) :u8) rt-c-error "outside")
    (check-error (setf (rt-mem (rt-ptr-of b o) :u8) 1) rt-c-error "outside")
    ;; Comparisons and differences, on one base and across bases, against NULL.
    (check (rt-ptr-compare :< (rt-ptr-of v 1) (rt-ptr-of b o)))
    (check (not (rt-ptr-compare :>= (rt-ptr-of v 1) (rt-make-ptr v 8))))
    (check (rt-ptr= (rt-ptr-of b o) (rt-make-ptr v 8)))
    (check (rt-ptr= (rt-ptr-of v 0) v))
    (check (not (rt-ptr= (rt-ptr-of b o) nil)))
    (check (rt-ptr= (rt-ptr-of nil 0) nil))
    (check (= (rt-ptr-diff (rt-ptr-of b o) (rt-ptr-of v 2)) 6))
    (check (= (rt-ptr-diff (rt-ptr-of b o) v) 8))
    (check (eq (rt-ptr-compare :< (rt-ptr-of v 0) (rt-ptr-of w 0)) (< (rt-xli v) (rt-xli w))))
    (check-error (rt-ptr-diff (rt-ptr-of v 1) (rt-ptr-of w 0)))
    ;; A pointer plus an offset compared without making it (`specpdl_ptr == specpdl + size').
    (let ((p3 (rt-make-ptr v 3)) (raw0 raw))
      (check (rt-ptr= (rt-make-ptr v 8) (rt-ptr+ p3 5)))
      (check (not (rt-ptr= (rt-ptr+ p3 4) (rt-make-ptr v 8))))
      (check (not (rt-ptr= (rt-ptr+ p3 0) (rt-make-ptr w 3))))
      (check (rt-ptr= nil (rt-ptr+ nil 0)))
      (check (rt-ptr= v (rt-ptr+ p3 -3)))
      (check (rt-ptr-compare :< p3 (rt-ptr+ p3 1)))
      (check (rt-ptr-compare :>= (rt-ptr+ raw0 2) (rt-ptr+ raw0 2)))
      (check (= (rt-ptr-diff (rt-ptr+ p3 4) p3) 4))
      (check (eq (rt-ptr-compare :< (rt-ptr+ p3 1) (rt-make-ptr w 0)) (< (rt-xli v) (rt-xli w)))))
    ;; A raw block made bytes (buffer text): loads and stores through its parts.
    (multiple-value-setq (rb ro) (rt-ptr-parts raw))
    (setf (rt-mem (rt-ptr+ (rt-ptr-of rb ro) 2) :u8) 9)
    (check (= (rt-mem (rt-ptr+ raw 2) :u8) 9))
    (check (= (rt-mem (rt-ptr-of rb 2) :u8) 9))
    (setf (rt-mem (rt-ptr-of rb 1) :u16) #x1234)
    (check (= (rt-mem (rt-ptr+ raw 1) :u16) #x1234))
    (check-error (rt-mem (rt-ptr-of rb 6) :u8) rt-c-error "outside")
    ;; A box's value through the parts of its pointer.
    (multiple-value-bind (bb bo) (rt-ptr-parts (rt-make-ptr box 0))
      (check (= (rt-mem (rt-ptr-of bb bo) :u8) 7))
      (setf (rt-mem (rt-ptr-of bb bo) :u8) 8)
      (check (= (rt-box-value box) 8)))
    ;; The generic paths agree (descriptors known only at run time).
    (let ((desc :u8))
      (check (= (rt-mem (rt-ptr-of v 0) desc) 250)))))

;;; The same through the calls a function compiled for compilation speed makes instead.
(deftest split-pointers-compact
  (locally (declare (optimize (compilation-speed 3) (speed 0)))
    (let* ((v (rt-new '(:array :u8 8))) (b v) (o 0) (w (make-array 2 :element-type '(unsigned-byte 8)))
           (raw (rt-malloc 4)))
      (declare (type fixnum o))
      (setf (rt-mem (rt-ptr-of b 3) :u8) 200)
      (check (= (rt-mem (rt-ptr+ (rt-ptr-of b o) 3) :u8) 200))
      (check (= (rt-mem (rt-ptr-of b 3) :s8) -56))
      (setf (rt-mem (rt-ptr-of (rt-ptr-base raw) 1) :u16) 513)
      (check (= (rt-mem (rt-ptr+ raw 1) :u16) 513))
      (check-error (rt-mem (rt-ptr-of b 8) :u8) rt-c-error "outside")
      (multiple-value-setq (b o) (rt-ptr-parts (rt-ptr+ (rt-ptr-of b o) 5)))
      (check (rt-ptr-compare :> (rt-ptr-of b o) (rt-ptr-of v 4)))
      (check (not (rt-ptr-compare :< (rt-ptr-of b o) (rt-ptr-of v 4))))
      (check (rt-ptr= (rt-ptr-of b o) (rt-make-ptr v 5)))
      (check (not (rt-ptr= (rt-ptr-of b o) nil)))
      (check (= (rt-ptr-diff (rt-ptr-of b o) v) 5))
      (check (eq (rt-ptr-compare :< (rt-ptr-of v 0) (rt-ptr-of w 0)) (< (rt-xli v) (rt-xli w))))
      (check-error (rt-ptr-diff (rt-ptr-of b o) (rt-ptr-of w 0))))))

;;; Lisp objects at P + N: in a simple-vector of them, in a malloc'd or alloca'd block made one,
;;; and elsewhere (a struct's field, a box) through the general paths.
(deftest word-access-at
  (let* ((v (vector 1 2 3 4))
         (raw (rt-malloc 32))
         (o (rt-new '(:struct |struct outer|)))
         (pv (rt-make-ptr v 8))
         (box (rt-make-box 'x))
         (cells (list (list 1 2) (list 3))))
    (check (eql (rt-mem (rt-ptr+ pv 16) :lisp) 4))
    (setf (rt-mem (rt-ptr+ pv -8) :lisp) 'a)
    (check (eq (svref v 0) 'a))
    (loop for i from 0 below 4 do (setf (rt-mem (rt-ptr+ raw (* i 8)) :lisp) (nth (mod i 2) cells)))
    (check (eq (rt-mem (rt-ptr+ raw 24) :lisp) (second cells)))
    (check (eq (rt-mem (rt-ptr+ (rt-ptr+ raw 8) 8) :lisp) (first cells)))
    (check (eq (rt-mem (rt-make-ptr raw 16) :lisp) (first cells)))
    (setf (rt-mem (rt-ptr+ (rt-make-ptr o 0) 40) :lisp) 'obj)   ; a struct's field
    (check (eq (|outer.obj| o) 'obj))
    (check (eq (rt-mem (rt-ptr+ (rt-make-ptr o 32) 8) :lisp) 'obj))
    (check (eq (rt-mem (rt-ptr+ (rt-make-ptr box 0) 0) :lisp) 'x))
    (let ((n (- (expt 2 64) 8)))                                 ; GIMPLE's unsigned -8
      (check (eql (rt-mem (rt-ptr+ pv n) :lisp) 'a)))))

;;; Parts entries: a translated function taking a split byte pointer as its base and offset,
;;; returning one as two values; the function of the C name takes and returns pointers.
(defun |skip_a parts| (base off n)
  (declare (type fixnum off n))
  (loop while (and (< off n) (= (aref base off) 97)) do (incf off))
  (values base off))
(rt-define-parts-entry |skip_a| |skip_a parts| (:parts :whole) :parts)

(deftest parts-entries
  (let ((v (rt-octets "61616263")) (b nil) (o 0))
    (declare (type fixnum o))
    ;; The C name: a pointer in, a pointer out (a function pointer calls this).
    (let ((p (funcall '|skip_a| (rt-make-ptr v 0) 4)))
      (check (and (rt-ptr-p p) (eq (rt-ptr-base p) v) (eql (rt-ptr-offset p) 2))))
    ;; By name, compiled: split arguments passed, the parts taken, no pointer between.
    (check (equal (macroexpand-1 '(rt-ptr-parts (|skip_a| (rt-ptr-of b o) 4)))
                  '(rt-ptr-parts (|skip_a| (rt-ptr-of b o) 4))))      ; a compiler macro, not a macro
    (let ((expansion (funcall (compiler-macro-function 'rt-ptr-parts)
                              '(rt-ptr-parts (|skip_a| (rt-ptr-of b o) 4)) nil)))
      (check (search "|skip_a parts|" (prin1-to-string expansion)))
      (check (not (search "RT-PTR-OF #" (prin1-to-string expansion)))))   ; no pointer made
    (setf b v o 1)
    (multiple-value-setq (b o) (rt-ptr-parts (|skip_a| (rt-ptr-of b o) 4)))
    (check (and (eq b v) (eql o 2)))
    (let ((p (|skip_a| (rt-ptr-of v 0) 1)))
      (check (and (rt-ptr-p p) (eql (rt-ptr-offset p) 1))))
    ;; NOTINLINE: the function of the C name, same results.
    (locally (declare (notinline |skip_a|))
      (multiple-value-bind (b2 o2) (rt-ptr-parts (|skip_a| (rt-ptr-of v 0) 4))
        (check (and (eq b2 v) (eql o2 2)))))))

;;; Large local arrays: taken from the pool zeroed, given back on exit.
(deftest local-array-pool
  (let* ((desc (list :array :s8 2000))
         (a (rt-take-local-array desc))
         (b (rt-take-local-array desc)))
    (check (typep a '(simple-array (unsigned-byte 8) (2000))))
    (check (not (eq a b)))
    (check (every #'zerop b))                   ; a new one is zeroed
    (setf (aref a 7) 9)
    (check (null (rt-give-local-array desc a)))
    (let ((c (rt-take-local-array (copy-list desc))))
      (check (eq c a))
      ;; As its last user left it: a C local array without an initializer has no contents.
      (check (= (aref c 7) 9))
      (check (not (eq (rt-take-local-array desc) a)))
      (rt-give-local-array desc c))
    (rt-give-local-array desc b))
  (let ((v (rt-take-local-array '(:array :s32 300))))
    (check (typep v '(simple-array (signed-byte 32) (300))))
    (rt-give-local-array '(:array :s32 300) v)))

;;; alloca's blocks: one site's free blocks of the size asked for, as their last user left them.
(deftest alloca-pool
  (let* ((site (rt-make-alloca-site))
         (other (rt-make-alloca-site))
         (taken '())
         (a (rt-alloca-at site 64 taken))
         (b (rt-alloca-at site 64 taken))
         (first-two (list (rt-ptr-base a) (rt-ptr-base b))))
    (check (not (eq (rt-ptr-base a) (rt-ptr-base b))))
    (check (equal taken (reverse first-two)))
    (setf (rt-mem (rt-ptr+ a 8) :s64) 42)
    (check (null (rt-give-alloca-blocks taken)))
    (let* ((again '())
           (c (rt-alloca-at site 64 again))
           (d (rt-alloca-at site 64 again)))
      (check (and (member (rt-ptr-base c) first-two) (member (rt-ptr-base d) first-two)))
      (check (eql 0 (rt-ptr-offset c)))
      ;; A block's pointer to its start is made once: the block is taken again, not the pointer.
      (check (and (member c (list a b)) (member d (list a b))))
      ;; As its last user left it: alloca gives memory no contents.
      (check (= 42 (rt-mem (rt-ptr+ (if (eq (rt-ptr-base c) (rt-ptr-base a)) c d) 8) :s64)))
      ;; Another size, or another site, gets a block of its own.
      (check (not (member (rt-ptr-base (rt-alloca-at site 32 again)) first-two)))
      (check (not (member (rt-ptr-base (rt-alloca-at other 64 again)) first-two))))))

;;; Structs.

(deftest struct-instances
  (let ((o (rt-new '(:struct |struct outer|)))
        (o2 (funcall #'rt-new '(:struct |struct outer|))))
    (check (typep o '|struct outer|))
    (check (typep o2 '|struct outer|))
    (check (= (|outer.a| o) 0))
    (check (eql (|outer.d| o) 0d0))
    (check (null (|outer.p| o)))
    (check (null (|outer.obj| o)))
    (check (typep (|outer.in| o) '|struct inner|))
    (check (not (eq (|outer.in| o) (|outer.in| o2))))
    (check (typep (|outer.arr| o) '(simple-array (signed-byte 16) (4))))
    (check (not (eq (|outer.arr| o) (|outer.arr| o2))))
    (setf (|outer.a| o) -5 (|inner.x| (|outer.in| o)) 42)
    (check (= (|outer.a| o) -5))
    (check (= (|inner.x| (|outer.in| o)) 42))
    (check (= (|inner.x| (|outer.in| o2)) 0))
    (let ((text (prin1-to-string o)))
      (check (search "struct outer" text))
      (check (eql 0 (search "#<" text))))
    (setf (|outer.p| o) (rt-make-ptr o 0))  ; a cycle must still print
    (check (stringp (prin1-to-string o)))))

(deftest struct-layout-through-pointers
  (let* ((o (rt-new '(:struct |struct outer|)))
         (in (|outer.in| o)))
    (setf (|inner.x| in) 42 (|inner.y| in) #xBEEF
          (aref (|outer.arr| o) 1) -3
          (|outer.d| o) 1.5d0
          (|outer.obj| o) '(a b))
    (check (= (rt-mem (rt-make-ptr o 4) :s32) 42))
    (check (= (rt-mem (rt-ptr+ o 8) :u16) #xBEEF))
    (check (= (rt-mem (rt-make-ptr o 14) :s16) -3))
    (check (= (rt-mem (rt-make-ptr o 14) :u16) 65533))
    (check (= (rt-mem (rt-make-ptr o 24) :f64) 1.5d0))
    (check (= (rt-mem (rt-make-ptr o 24) :u64) #x3FF8000000000000))
    (check (equal (rt-mem (rt-make-ptr o 40) :lisp) '(a b)))
    (check (null (rt-mem (rt-make-ptr o 32) :ptr)))
    ;; Stores land in the fields.
    (setf (rt-mem (rt-make-ptr o 4) :s32) -7)
    (check (= (|inner.x| in) -7))
    (check (= (rt-mem (rt-make-ptr o 4) :u32) (- (expt 2 32) 7)))
    (setf (rt-mem (rt-make-ptr o 4) :u32) #xFFFFFFFE)
    (check (= (|inner.x| in) -2))
    (setf (rt-mem (rt-make-ptr o 16) :s16) 300)
    (check (= (aref (|outer.arr| o) 2) 300))
    (setf (rt-mem (rt-make-ptr o 32) :ptr) (rt-make-ptr in 0))
    (check (rt-ptr= (|outer.p| o) in))
    (setf (rt-mem (rt-make-ptr o 24) :u64) #x4000000000000000)
    (check (= (|outer.d| o) 2d0))
    ;; Bytes inside a field, and padding.
    (setf (|inner.x| in) #x11223344)
    (check (= (rt-mem (rt-make-ptr o 5) :u8) #x33))
    (check (= (rt-mem (rt-make-ptr o 6) :u16) #x1122))
    (setf (rt-mem (rt-make-ptr o 7) :u8) #xAA)
    (check (= (|inner.x| in) (rt-wrap-s 32 #xAA223344)))
    (check (= (rt-mem (rt-make-ptr o 2) :u16) 0))
    ;; Errors.
    (check-error (rt-mem (rt-make-ptr o 48) :s32) rt-c-error "outside")
    (check-error (rt-mem (rt-make-ptr o -4) :s32) rt-c-error "outside")
    (check-error (rt-mem (rt-make-ptr o 40) :s32) rt-c-error "no bytes")
    (check-error (rt-mem nil :s32) rt-c-error "null pointer")
    (check-error (setf (rt-mem nil :lisp) 1) rt-c-error "null pointer")))

(deftest struct-bit-fields
  (let ((o (rt-new '(:struct |struct outer|))))
    (setf (|outer.flags| o) 5 (|outer.sflag| o) -3)
    ;; flags in bits 0-2, sflag in bits 3-6 of byte 1: 5 | (13 << 3)
    (check (= (rt-mem (rt-make-ptr o 1) :u8) 109))
    (check (= (rt-mem (rt-make-ptr o 0) :u16) (* 256 109)))
    (setf (rt-mem (rt-make-ptr o 1) :u8) #b1010110)
    (check (= (|outer.flags| o) 6))
    (check (= (|outer.sflag| o) -6))
    (setf (rt-mem (rt-make-ptr o 0) :s8) -1)
    (check (= (|outer.a| o) -1))
    (check (= (|outer.flags| o) 6))))

(deftest struct-bits-from-fields
  ;; rt-struct-bits with constant bits reads integer fields' slots (its compiler macro); the
  ;; general path (notinline) assembles the same bits from the layout.
  (let ((o (rt-new '(:struct |struct outer|))))
    (setf (|outer.a| o) -2 (|outer.flags| o) 5 (|outer.sflag| o) -3 (|inner.x| (|outer.in| o)) 7)
    (macrolet ((agree (pos size)
                 `(check (= (rt-struct-bits o ,pos ,size '|struct outer|)
                            (locally (declare (notinline rt-struct-bits))
                              (rt-struct-bits o ,pos ,size '|struct outer|))))))
      (agree 8 8) (agree 0 16) (agree 3 7) (agree 10 3) (agree 0 32) (agree 16 16)
      (agree 0 64))                     ; over the nested struct: the general path
    (check (= (rt-struct-bits o 8 8 '|struct outer|) 109))
    (check (equal (emacs2cl-runtime::%struct-bits-pieces '|struct outer| 8 8) '((|outer.flags| 0 3 0) (|outer.sflag| 0 4 3))))
    (check (eq (emacs2cl-runtime::%struct-bits-pieces '|struct outer| 0 64) :general))))

(deftest struct-obj
  (let* ((o (rt-new '(:struct |struct outer|)))
         (in (|outer.in| o)))
    (check (eq (rt-obj o '|struct outer|) o))
    (check (eq (rt-obj (rt-make-ptr o 0) '|struct outer|) o))
    (check (eq (rt-obj (rt-make-ptr o 4) '|struct inner|) in))
    (check (eq (funcall #'rt-obj (rt-make-ptr o 4) '|struct inner|) in))
    (check-error (rt-obj nil '|struct outer|) rt-c-error "null pointer dereference")
    (check-error (rt-obj (rt-make-ptr o 8) '|struct inner|) rt-c-error "no ")
    (let ((v (rt-new '(:array (:struct |struct inner|) 3))))
      (check (simple-vector-p v))
      (check (every (lambda (x) (typep x '|struct inner|)) v))
      (check (eq (rt-obj (rt-make-ptr v 16) '|struct inner|) (aref v 2)))
      (check (eq (rt-obj (rt-ptr+ (rt-make-ptr v 0) 8) '|struct inner|) (aref v 1)))
      (setf (|inner.y| (aref v 1)) 77)
      (check (= (rt-mem (rt-make-ptr v 12) :u16) 77))
      (setf (rt-mem (rt-make-ptr v 16) :s32) -1)
      (check (= (|inner.x| (aref v 2)) -1)))))

(deftest struct-arrays-and-lisp-vectors
  ;; A C array of structs and a Lisp vector of the same instances: only the array is C memory
  ;; of structs (its elements point back to it); the vector holds Lisp objects.
  (let* ((a (rt-new '(:array (:struct |struct inner|) 3)))
         (lisp (vector (aref a 0) (aref a 1) (aref a 2)))
         (copy (rt-copy (aref a 1)))
         (block (rt-malloc 24)))
    (check (eq (rt-obj (rt-make-ptr a 8) '|struct inner|) (aref a 1)))
    (check (eq (rt-mem (rt-make-ptr lisp 8) :lisp) (aref a 1)))
    (setf (rt-mem (rt-make-ptr lisp 16) :lisp) copy)
    (check (eq (aref lisp 2) copy))
    (check-error (rt-obj (rt-make-ptr lisp 8) '|struct inner|) rt-c-error "no ")
    ;; A copy of an element, and a copy of the array's elements, are in no array but their own.
    (check (equal (list (|inner.x| copy) (|inner.y| copy)) (list 0 0)))
    (let ((v (vector copy (aref a 0))))
      (check (eq (rt-mem (rt-make-ptr v 0) :lisp) copy)))
    (let ((b (rt-copy a)))
      (check (eq (rt-obj (rt-make-ptr b 16) '|struct inner|) (aref b 2)))
      (check (not (eq (aref b 2) (aref a 2)))))
    ;; A raw block used as an array of structs (the specpdl: pdlvec + 1).
    (let ((e1 (rt-obj (rt-ptr+ block 8) '|struct inner|)))
      (check (typep e1 '|struct inner|))
      (check (eq (rt-obj (rt-ptr+ block 8) '|struct inner|) e1))
      (check (eq (rt-obj (rt-ptr+ (rt-ptr+ block 8) 8) '|struct inner|)
                 (rt-obj (rt-ptr+ block 16) '|struct inner|)))
      (check (not (eq (rt-obj block '|struct inner|) e1)))
      (check-error (rt-obj (rt-ptr+ block 4) '|struct inner|) rt-c-error "no "))
    ;; Pointers into unrelated structs are ordered by identity; one inside the other by offset.
    (let ((o (rt-new '(:struct |struct outer|))) (h (rt-new '(:struct |struct holder|))))
      (check (not (eq (rt-ptr-compare :< (rt-make-ptr o 8) h) (rt-ptr-compare :< h (rt-make-ptr o 8)))))
      (check (rt-ptr-compare :< (rt-make-ptr o 2) (|outer.in| o)))
      (check (rt-ptr-compare :> (rt-make-ptr (|outer.in| o) 2) (rt-make-ptr o 5))))))

(deftest constant-offsets-fold
  ;; GIMPLE's unsigned -40 becomes the fixnum -40 when the code is compiled.
  (check (equal (funcall (compiler-macro-function 'rt-ptr+) '(rt-ptr+ p 18446744073709551576) nil)
                '(rt-ptr+ p -40)))
  (let ((v (rt-new '(:array :u8 64))))
    (check (= (rt-ptr-offset (funcall (compile nil '(lambda (p) (rt-ptr+ p 18446744073709551576)))
                                      (rt-make-ptr v 48)))
              8))
    (check (= (rt-ptr-offset (funcall #'rt-ptr+ (rt-make-ptr v 48) 18446744073709551576)) 8))
    (check (= (rt-ptr-offset (rt-make-ptr (rt-make-ptr v 48) 18446744073709551576)) 8))))

(deftest symbol-fields-by-constant
  ;; The compiler macro's direct slot access and the function agree.
  (let ((sym (make-symbol "fld")))
    (setf (rt-symbol-field sym :plist) '(a 1))
    (check (equal (funcall #'rt-symbol-field sym :plist) '(a 1)))
    (funcall #'(setf rt-symbol-field) 'cdr sym :function)
    (check (eq (rt-symbol-field sym :function) 'cdr))
    (let ((field :redirect))
      (setf (rt-symbol-field sym field) 3)
      (check (= (rt-symbol-field sym :redirect) 3)))))

(deftest struct-copies
  (let* ((o (rt-new '(:struct |struct outer|)))
         (target (rt-new '(:struct |struct inner|))))
    (setf (|outer.a| o) 3 (|inner.x| (|outer.in| o)) 9 (aref (|outer.arr| o) 3) 4
          (|outer.p| o) (rt-make-ptr target 0) (|outer.obj| o) (list 1 2))
    (let ((c (rt-copy o)))
      (check (typep c '|struct outer|))
      (check (not (eq c o)))
      (check (= (|outer.a| c) 3))
      (check (= (|inner.x| (|outer.in| c)) 9))
      (check (not (eq (|outer.in| c) (|outer.in| o))))
      (check (not (eq (|outer.arr| c) (|outer.arr| o))))
      (check (= (aref (|outer.arr| c) 3) 4))
      (check (eq (|outer.p| c) (|outer.p| o)))
      (check (eq (|outer.obj| c) (|outer.obj| o)))
      (setf (|inner.x| (|outer.in| c)) 10)
      (check (= (|inner.x| (|outer.in| o)) 9)))
    (let* ((d (rt-new '(:struct |struct outer|)))
           (d-in (|outer.in| d)))
      (check (eq (rt-copy-into d o) d))
      (check (eq (|outer.in| d) d-in))
      (check (= (|inner.x| d-in) 9))
      (check (eq (rt-zero-into d) d))
      (check (= (|inner.x| d-in) 0))
      (check (null (|outer.p| d)))
      (check (every #'zerop (|outer.arr| d))))
    (check-error (rt-copy-into o target) rt-c-error "cannot copy")))

(deftest struct-flexible-array-member
  (let* ((p (rt-malloc (+ 8 (* 4 10))))
         (v (rt-obj p '|struct vec|)))
    (check (typep v '|struct vec|))
    (check (= (length (|vec.data| v)) 10))
    (setf (rt-mem p :s64) 5)
    (check (= (|vec.n| v) 5))
    (setf (rt-mem (rt-ptr+ p 44) :s32) 9)
    (check (= (aref (|vec.data| v) 9) 9))
    (check-error (rt-mem (rt-ptr+ p 48) :s32) rt-c-error "outside")
    (setf (rt-mem (rt-ptr+ p 16) :s32) -2)
    (check (= (aref (|vec.data| v) 2) -2))
    (check (eq (rt-obj p '|struct vec|) v))))

(deftest structs-intern-nothing
  (let* ((pkg (or (find-package "E2CL-SCRATCH") (make-package "E2CL-SCRATCH" :use '())))
         (name (intern "struct scratch" pkg))
         (a (intern "scratch.a" pkg))
         (b (intern "scratch.b" pkg))
         (before (let ((n 0)) (do-symbols (s pkg) (declare (ignore s)) (incf n)) n)))
    (let ((*package* pkg))
      (eval `(rt-define-struct ,name 16 ((,a 0 :s32) (,b 8 :lisp)))))
    (check (= before (let ((n 0)) (do-symbols (s pkg) (declare (ignore s)) (incf n)) n)))
    (let ((x (rt-new (list :struct name))))
      (check (typep x name))
      (check (= (funcall a x) 0))
      (funcall (fdefinition (list 'setf b)) :v x)
      (check (eq (rt-mem (rt-make-ptr x 8) :lisp) :v)))))

;;; Unions.

(deftest unions
  (let ((u (rt-new '(:struct |union pun|))))
    (check (typep u '|union pun|))
    (check (= (rt-cell u 0 :s32) 0))
    (check (eql (rt-cell u 0 :f64) 0d0))
    (check (null (rt-cell u 0 :ptr)))
    (setf (rt-cell u 0 :f64) 1d0)
    (check (= (rt-cell u 0 :u64) #x3FF0000000000000))
    (check (= (rt-cell u 0 :s64) #x3FF0000000000000))
    (check (eql (rt-cell u 0 :f64) 1d0))
    (check (= (rt-cell u 4 :u32) #x3FF00000))
    (setf (rt-cell u 0 :s64) -1)
    (check (= (rt-cell u 0 :u64) (1- (expt 2 64))))
    (check (sb-ext:float-nan-p (rt-cell u 0 :f64)))
    (setf (rt-cell u 0 :u64) #x4000000000000000)
    (check (eql (rt-cell u 0 :f64) 2d0))
    (setf (rt-cell u 0 :u64) #x1122334455667788)
    (check (= (rt-cell u 0 :u32) #x55667788))
    (check (= (rt-cell u 4 :u32) #x11223344))
    (setf (rt-cell u 0 :ptr) (rt-make-ptr u 0))
    (check (rt-ptr= (rt-cell u 0 :ptr) u))
    ;; Through pointers.
    (let ((v (rt-new '(:struct |union pun|))))
      (setf (rt-mem (rt-make-ptr v 0) :f64) 0.5d0)
      (check (= (rt-mem (rt-make-ptr v 0) :u64) #x3FE0000000000000))
      (check-error (rt-mem (rt-make-ptr v 8) :u8) rt-c-error "outside")
      (let ((c (rt-copy v)))
        (check (not (eq c v)))
        (setf (rt-cell c 0 :f64) 3d0)
        (check (eql (rt-cell v 0 :f64) 0.5d0))
        (rt-copy-into v c)
        (check (eql (rt-cell v 0 :f64) 3d0))
        (rt-zero-into v)
        (check (= (rt-cell v 0 :u64) 0))))
    (check (search "union pun" (prin1-to-string u)))))

(deftest unions-in-structs-and-views
  (let ((h (rt-new '(:struct |struct holder|))))
    (setf (rt-mem (rt-make-ptr h 8) :f64) 1d0)
    (check (= (rt-cell (|holder.u| h) 0 :u64) #x3FF0000000000000))
    (check (= (rt-mem (rt-make-ptr h 12) :u32) #x3FF00000)))
  (let ((u (rt-new '(:struct |union pun|)))
        (in (rt-new '(:struct |struct inner|))))
    (setf (|inner.x| in) -4 (|inner.y| in) 9)
    (rt-copy-into (rt-view u 0 '(:struct |struct inner|)) in)
    (check (= (rt-cell u 0 :s32) -4))
    (check (= (rt-cell u 4 :u16) 9))
    (let ((back (rt-copy (rt-view u 0 '(:struct |struct inner|)))))
      (check (typep back '|struct inner|))
      (check (= (|inner.x| back) -4))
      (check (= (|inner.y| back) 9)))
    (let ((other (rt-new '(:struct |struct inner|))))
      (rt-copy-into other (rt-view u 0 '(:struct |struct inner|)))
      (check (= (|inner.y| other) 9)))))

;;; New objects, copies, literals.

(deftest new-objects
  (check (eql (rt-new :s32) 0))
  (check (eql (rt-new :f64) 0d0))
  (check (eql (rt-new :f32) 0f0))
  (check (null (rt-new :ptr)))
  (check (null (funcall #'rt-new :lisp)))
  (check (typep (rt-new '(:array :u8 4)) '(simple-array (unsigned-byte 8) (4))))
  (check (typep (rt-new '(:array :s8 4)) '(simple-array (unsigned-byte 8) (4))))
  (check (typep (rt-new '(:array :s16 3)) '(simple-array (signed-byte 16) (3))))
  (check (typep (rt-new '(:array :u16 3)) '(simple-array (unsigned-byte 16) (3))))
  (check (typep (rt-new '(:array :s32 3)) '(simple-array (signed-byte 32) (3))))
  (check (typep (rt-new '(:array :u32 3)) '(simple-array (unsigned-byte 32) (3))))
  (check (typep (rt-new '(:array :s64 3)) '(simple-array (signed-byte 64) (3))))
  (check (typep (rt-new '(:array :u64 3)) '(simple-array (unsigned-byte 64) (3))))
  (check (typep (rt-new '(:array :f64 3)) '(simple-array double-float (3))))
  (check (typep (rt-new '(:array :f32 3)) '(simple-array single-float (3))))
  (check (equalp (rt-new '(:array :ptr 3)) #(nil nil nil)))
  (check (simple-vector-p (rt-new '(:array :lisp 2))))
  (check (= (length (rt-new '(:array :s32 0))) 0))
  (check (typep (funcall #'rt-new '(:array :u8 2)) '(simple-array (unsigned-byte 8) (2))))
  (let ((m (rt-new '(:array (:array :s32 2) 3))))
    (check (= (length m) 3))
    (check (typep (aref m 0) '(simple-array (signed-byte 32) (2))))
    (setf (aref (aref m 1) 1) 5)
    (check (= (rt-mem (rt-make-ptr m 12) :s32) 5))
    (let ((c (rt-copy m)))
      (check (not (eq (aref c 1) (aref m 1))))
      (check (= (aref (aref c 1) 1) 5)))))

(deftest array-copies
  (let ((a (rt-new '(:array :u8 6))))
    (check (eq (rt-copy-into a (rt-octets "616263")) a))
    (check (equal (bytes-of a 0 6) '(97 98 99 0 0 0)))
    (let ((c (rt-copy a)))
      (check (not (eq c a)))
      (check (equalp c a)))
    (rt-zero-into a)
    (check (every #'zerop a)))
  (let ((v (rt-new '(:array (:struct |struct inner|) 2)))
        (w (rt-new '(:array (:struct |struct inner|) 2))))
    (setf (|inner.x| (aref v 1)) 8)
    (rt-copy-into w v)
    (check (= (|inner.x| (aref w 1)) 8))
    (check (not (eq (aref w 1) (aref v 1))))
    (rt-zero-into w)
    (check (= (|inner.x| (aref w 1)) 0)))
  (let ((s (rt-new '(:struct |struct strs|))))
    (rt-copy-into (|strs.name| s) (rt-octets "4869210000"))
    (check (= (rt-strlen (rt-make-ptr s 0)) 3))
    (check (= (rt-mem (rt-make-ptr s 1) :s8) 105))))

(deftest octet-literals
  (check (equalp (rt-octets "48690a00ff") (octets 72 105 10 0 255)))
  (check (typep (rt-octets "") '(simple-array (unsigned-byte 8) (0))))
  (check (not (eq (rt-octets "00") (rt-octets "00")))))

(deftest globals
  (check (typep |g_inner| '|struct inner|))
  (check (rt-box-p |g_count|))
  (check (= (rt-box-value |g_count|) 0))
  (check (typep |g_table| '(simple-array (unsigned-byte 16) (5))))
  (setf (rt-box-value |g_count|) 12 (|inner.x| |g_inner|) 3)
  (eval '(rt-define-global |g_count| :s32))
  (eval '(rt-define-global |g_inner| '(:struct |struct inner|)))
  (check (= (rt-box-value |g_count|) 12))
  (check (= (|inner.x| |g_inner|) 3)))

;;; Pointers.

(deftest pointer-arithmetic
  (let* ((v (rt-new '(:array :u8 16)))
         (p (rt-make-ptr v 8)))
    (check (rt-ptr-p p))
    (check (eq (rt-ptr-base p) v))
    (check (= (rt-ptr-offset p) 8))
    (check (= (rt-ptr-offset (rt-ptr+ p (- (expt 2 64) 8))) 0))
    (check (= (rt-ptr-offset (rt-ptr+ p (- (expt 2 64) 1))) 7))
    (check (= (rt-ptr-offset (rt-ptr+ p -3)) 5))
    (check (= (rt-ptr-offset (rt-ptr+ p 4)) 12))
    (check (eq (rt-ptr+ p 0) p))
    (check (= (rt-ptr-offset (rt-make-ptr v (- (expt 2 64) 1))) -1))
    (check (= (rt-ptr-offset (rt-make-ptr p 2)) 10))
    (check (eq (rt-ptr-base (rt-make-ptr p 2)) v))
    (check (null (rt-ptr+ nil 0)))
    (check (null (rt-ptr+ nil (expt 2 64))))
    (check-error (rt-ptr+ nil 8) rt-c-error "null pointer")
    (check (eq (rt-ptr-base (rt-ptr+ v 3)) v))
    (check (= (rt-ptr-diff (rt-ptr+ p (- (expt 2 64) 8)) p) -8))
    (check (= (rt-ptr-diff (rt-make-ptr v 10) v) 10))
    (check (search "RT-PTR" (prin1-to-string p)))))

(deftest raw-block-split
  ;; A block carved into a struct array and bytes after it (styled_format's info + discarded):
  ;; the bytes used first, then the structs.
  (let* ((p (rt-malloc 40)) (bytes (rt-ptr+ p 32)))
    (setf (rt-mem (rt-ptr+ bytes 1) :u8) 7)
    (check (= (rt-mem (rt-ptr+ bytes 1) :u8) 7))
    (check (= (rt-mem bytes :u8) 0))
    (setf (rt-mem p :s64) 5 (rt-mem (rt-ptr+ p 8) :s64) 6)
    (check (= (rt-mem (rt-ptr+ p 8) :s64) 6))
    (check (= (rt-mem (rt-ptr+ bytes 1) :u8) 7))
    ;; The bytes cleared first (memset with 0, which decides nothing) and then used from inside:
    ;; the split is where the cleared part starts.
    (let* ((q (rt-malloc 48)) (qbytes (rt-ptr+ q 32)))
      (rt-memset qbytes 0 16)
      (setf (rt-mem (rt-ptr+ qbytes 5) :u8) 1)
      (check (typep (rt-obj (rt-ptr+ q 24) '|struct inner|) '|struct inner|))
      (check (= (rt-mem qbytes :u8) 0))
      (check (= (rt-mem (rt-ptr+ qbytes 5) :u8) 1))
      (check (= (rt-mem (rt-ptr+ qbytes 15) :u8) 0)))
    ;; Bytes on both sides of the split are one vector again.
    (let ((q (rt-malloc 16)))
      (setf (rt-mem (rt-ptr+ q 8) :u8) 1 (rt-mem q :u8) 2)
      (check (= (rt-strlen q) 1))
      (check (= (rt-mem (rt-ptr+ q 8) :u8) 1)))))

;; A block that C fills with a count, then an array of structs holding pointers and Lisp
;; objects, then a scalar (bidi.c's bidi_shelve_cache), and reads back the same way: the bytes used
;; first are carved where the structs land, since those bytes were never written.
(deftest raw-block-carved-for-structs
  (let* ((cache (rt-malloc 96))
         (e0 (rt-obj cache '|struct outer|))
         (e1 (rt-obj (rt-ptr+ cache 48) '|struct outer|))
         (count (rt-make-box 2))
         (tail (rt-make-box 77))
         (blob (rt-malloc 112)))
    (setf (|outer.p| e0) e1 (|outer.obj| e1) 'some-object (|outer.d| e1) 2.5d0)
    (rt-memcpy blob (rt-make-ptr count 0) 8)
    (rt-memcpy (rt-ptr+ blob 8) cache 96)
    (rt-memcpy (rt-ptr+ blob 104) (rt-make-ptr tail 0) 8)
    (let ((back (rt-malloc 96)) (count2 (rt-make-box 0)) (tail2 (rt-make-box 0)))
      (rt-memcpy (rt-make-ptr count2 0) blob 8)
      (rt-memcpy back (rt-ptr+ blob 8) 96)
      (rt-memcpy (rt-make-ptr tail2 0) (rt-ptr+ blob 104) 8)
      (check (= (rt-box-value count2) 2))
      (check (= (rt-box-value tail2) 77))
      (check (= (rt-mem blob :s64) 2))
      (check (eq (|outer.p| (rt-obj back '|struct outer|)) e1))
      (check (eq (|outer.obj| (rt-obj (rt-ptr+ back 48) '|struct outer|)) 'some-object))
      (check (= (|outer.d| (rt-obj (rt-ptr+ blob 56) '|struct outer|)) 2.5d0))))
  ;; Bytes written before are not carved: a pointer still has no bytes to store there.
  (let* ((o (rt-new '(:struct |struct outer|)))
         (blob (rt-malloc 64)))
    (setf (|outer.p| o) o)
    (setf (rt-mem (rt-ptr+ blob 40) :u8) 1)
    (check-error (rt-memcpy (rt-ptr+ blob 8) o 48) rt-c-error "has no bytes")))

(deftest pointer-comparisons
  (let* ((o (rt-new '(:struct |struct outer|)))
         (v (rt-new '(:array :u8 4)))
         (w (rt-new '(:array :u8 4))))
    (check (rt-ptr= o (rt-make-ptr o 0)))
    (check (rt-ptr= (rt-make-ptr o 0) o))
    (check (rt-ptr= (rt-make-ptr v 2) (rt-ptr+ (rt-make-ptr v 1) 1)))
    (check (not (rt-ptr= (rt-make-ptr v 2) (rt-make-ptr v 3))))
    (check (not (rt-ptr= (rt-make-ptr v 0) (rt-make-ptr w 0))))
    (check (rt-ptr= nil nil))
    (check (not (rt-ptr= nil (rt-make-ptr v 0))))
    (check (not (rt-ptr= o nil)))
    (check (rt-ptr= #'car #'car))
    (check (not (rt-ptr= #'car #'cdr)))
    ;; The same address from an outer and an inner object.
    (check (rt-ptr= (rt-make-ptr o 4) (|outer.in| o)))
    (check (rt-ptr= (rt-make-ptr o 14) (rt-make-ptr (|outer.arr| o) 2)))
    (check (not (rt-ptr= (rt-make-ptr o 16) (rt-make-ptr (|outer.arr| o) 2))))
    (check (rt-ptr-compare :< (rt-make-ptr (|outer.arr| o) 0) (rt-make-ptr o 14)))
    (check (= (rt-ptr-diff (rt-make-ptr o 14) (rt-make-ptr (|outer.arr| o) 0)) 2))
    (check (rt-ptr-compare :< (rt-make-ptr v 1) (rt-make-ptr v 2)))
    (check (rt-ptr-compare :<= (rt-make-ptr v 2) (rt-make-ptr v 2)))
    (check (rt-ptr-compare :> (rt-make-ptr v 3) v))
    (check (rt-ptr-compare :>= (rt-make-ptr v 3) (rt-make-ptr v 3)))
    (check (not (rt-ptr-compare :> (rt-make-ptr v 1) (rt-make-ptr v 2))))
    ;; Unrelated objects are ordered by identity: consistently, and never interleaved (the
    ;; test C code makes for `p is inside object X').
    (check (not (eq (rt-ptr-compare :< (rt-make-ptr v 0) (rt-make-ptr w 0))
                    (rt-ptr-compare :< (rt-make-ptr w 0) (rt-make-ptr v 0)))))
    (check (not (and (rt-ptr-compare :> (rt-make-ptr v 2) (rt-make-ptr w 0))
                     (rt-ptr-compare :< (rt-make-ptr v 2) (rt-make-ptr w 8)))))
    (check-error (rt-ptr-diff (rt-make-ptr v 0) (rt-make-ptr w 0)) rt-c-error "different")
    (check (rt-ptr-compare :< nil (rt-make-ptr w 0)))      ; NULL is below every object
    (check (not (rt-ptr-compare :< (rt-make-ptr w 0) nil)))
    (check (eq (rt-ptr-base (rt-ptr-min (rt-make-ptr v 3) (rt-make-ptr v 1))) v))
    (check (= (rt-ptr-offset (rt-ptr-min (rt-make-ptr v 3) (rt-make-ptr v 1))) 1))
    (check (= (rt-ptr-offset (rt-ptr-max (rt-make-ptr v 3) (rt-make-ptr v 1))) 3))
    (let ((a (rt-new '(:array (:struct |struct inner|) 3))))
      (check (rt-ptr= (rt-make-ptr a 8) (aref a 1)))
      (check (rt-ptr= (aref a 2) (rt-make-ptr a 16)))
      (check (= (rt-ptr-diff (rt-make-ptr (aref a 2) 4) (rt-make-ptr a 0)) 20)))))

(deftest octet-loads-and-stores
  (let* ((v (rt-new '(:array :u8 24)))
         (p (rt-make-ptr v 0)))
    (setf (rt-mem (rt-ptr+ p 1) :u16) #xBEEF)
    (check (equal (bytes-of v 1 3) '(#xEF #xBE)))
    (check (= (rt-mem (rt-ptr+ p 1) :u16) #xBEEF))
    (check (= (rt-mem (rt-ptr+ p 1) :s16) (- #xBEEF 65536)))
    (setf (rt-mem (rt-ptr+ p 3) :s32) -2)
    (check (equal (bytes-of v 3 7) '(#xFE #xFF #xFF #xFF)))
    (check (= (rt-mem (rt-ptr+ p 3) :s32) -2))
    (check (= (rt-mem (rt-ptr+ p 3) :u32) #xFFFFFFFE))
    (setf (rt-mem (rt-ptr+ p 7) :u64) #x0102030405060708)
    (check (equal (bytes-of v 7 15) '(8 7 6 5 4 3 2 1)))
    (check (= (rt-mem (rt-ptr+ p 7) :u64) #x0102030405060708))
    (check (= (rt-mem (rt-ptr+ p 8) :u8) 7))
    (let ((desc :u64))                  ; the generic path agrees with the inline one
      (check (= (rt-mem (rt-ptr+ p 7) desc) #x0102030405060708)))
    (setf (rt-mem (rt-ptr+ p 15) :f64) 1.5d0)
    (check (equal (bytes-of v 15 23) '(0 0 0 0 0 0 #xF8 #x3F)))
    (check (= (rt-mem (rt-ptr+ p 15) :f64) 1.5d0))
    (setf (rt-mem (rt-ptr+ p 9) :s64) -1)
    (check (= (rt-mem (rt-ptr+ p 9) :u64) (1- (expt 2 64))))
    (setf (rt-mem (rt-ptr+ p 1) :f32) -2f0)
    (check (= (rt-mem (rt-ptr+ p 1) :u32) #xC0000000))
    (check (= (rt-mem (rt-ptr+ p 1) :f32) -2f0))
    (setf (rt-mem (rt-ptr+ p 0) :u8) 255)
    (check (= (rt-mem p :s8) -1))
    (setf (rt-mem p :s8) -128)
    (check (= (aref v 0) 128))
    ;; The generic path (a descriptor known only at run time) agrees with the inline one.
    (let ((desc2 :s32))
      (setf (rt-mem (rt-ptr+ p 3) desc2) -5)
      (check (= (rt-mem (rt-ptr+ p 3) :s32) -5)))
    (setf (rt-mem (rt-ptr+ p 2) :u128) (1- (expt 2 100)))
    (check (= (rt-mem (rt-ptr+ p 2) :u128) (1- (expt 2 100))))
    (setf (rt-mem (rt-ptr+ p 2) :s128) -3)
    (check (= (rt-mem (rt-ptr+ p 2) :s128) -3))
    (setf (rt-mem (rt-ptr+ p 4) :f80) 1.25d0)
    (check (= (rt-mem (rt-ptr+ p 4) :f80) 1.25d0))
    (check (equal (bytes-of v 4 14) '(0 0 0 0 0 0 0 #xA0 #xFF #x3F)))
    (setf (rt-mem (rt-ptr+ p 4) :f80) -1d-310)
    (check (= (rt-mem (rt-ptr+ p 4) :f80) -1d-310))
    (setf (rt-mem p :ptr) nil)
    (check (null (rt-mem p :ptr)))
    (check-error (setf (rt-mem p :ptr) (rt-make-ptr v 0)) rt-c-error "no bytes")
    (check-error (rt-mem (rt-ptr+ p 21) :u32) rt-c-error "outside")
    (check-error (rt-mem (rt-ptr+ p -1) :u8) rt-c-error "outside")
    (check-error (setf (rt-mem (rt-ptr+ p 24) :u8) 1) rt-c-error "outside")))

(deftest typed-vector-loads-and-stores
  (let* ((v (rt-new '(:array :s32 4)))
         (p (rt-make-ptr v 0)))
    (setf (aref v 0) #x01020304 (aref v 2) -7)
    (check (= (rt-mem (rt-ptr+ p 8) :s32) -7))
    (check (= (rt-mem (rt-ptr+ p 8) :u32) (- (expt 2 32) 7)))
    (check (= (rt-mem (rt-ptr+ p 1) :u8) 3))
    (check (= (rt-mem p :u16) #x0304))
    (check (= (rt-mem p :u64) #x01020304))
    (setf (rt-mem (rt-ptr+ p 4) :u32) #xFFFFFFFF)
    (check (= (aref v 1) -1))
    (setf (rt-mem (rt-ptr+ p 3) :u8) #x80)
    (check (= (aref v 0) (rt-wrap-s 32 #x80020304)))
    (check-error (rt-mem (rt-ptr+ p 16) :s32) rt-c-error "outside"))
  (let* ((d (rt-new '(:array :f64 2)))
         (p (rt-make-ptr d 8)))
    (setf (rt-mem p :f64) 2.5d0)
    (check (= (aref d 1) 2.5d0))
    (check (= (rt-mem p :u64) #x4004000000000000)))
  (let* ((l (rt-new '(:array :lisp 4)))
         (p (rt-make-ptr l 16)))
    (setf (rt-mem p :lisp) :x)
    (check (eq (aref l 2) :x))
    (check (eq (rt-mem (rt-ptr+ p -16) :lisp) nil))
    (check (eq (rt-mem (rt-make-ptr l 16) :lisp) :x)))
  (let ((c (cons 1 2)))
    (check (= (rt-mem (rt-make-ptr c 0) :lisp) 1))
    (check (= (rt-mem (rt-make-ptr c 8) :lisp) 2))
    (setf (rt-mem (rt-make-ptr c 8) :lisp) 3)
    (check (= (cdr c) 3))))

;;; Raw blocks.

;;; Pointers walked over a C array of unions (the specpdl: a malloc'd block made one from its
;;; second element, walked by specpdl_ptr++ and --): each new pointer finds its element through
;;; the layout the block keeps, and remembers it.
(deftest pointers-walk-arrays-of-unions
  (let* ((block (rt-malloc 32))
         (specpdl (rt-ptr+ block 8))
         (p specpdl)
         (e1 (rt-obj p '|union pun|)))
    (check (typep e1 '|union pun|))
    (check (eq (emacs2cl-runtime::%raw-block-kind (rt-ptr-base block))
               (emacs2cl-runtime::%info '|union pun|)))
    (check (eq (emacs2cl-runtime::rt-ptr-target p) e1))
    (let* ((q (rt-ptr+ p 8))
           (e2 (rt-obj q '|union pun|)))
      (check (typep e2 '|union pun|))
      (check (not (eq e2 e1)))
      (check (eq (emacs2cl-runtime::rt-ptr-target q) e2))
      (let ((back (rt-ptr+ q -8)) (fwd (rt-ptr+ p 8)))
        (check (eq (rt-obj back '|union pun|) e1))
        (check (eq (rt-obj fwd '|union pun|) e2))
        (check (eq (funcall #'rt-obj (rt-ptr+ fwd 8) '|union pun|)
                   (rt-obj (rt-ptr+ block 24) '|union pun|)))
        ;; Comparisons and differences are by base and offset, whatever the pointers remember.
        (check (rt-ptr= back p))
        (check (rt-ptr= fwd q))
        (check (not (rt-ptr= fwd back)))
        (check (rt-ptr-compare :< back fwd))
        (check (rt-ptr-compare :> fwd specpdl))
        (check (= (rt-ptr-diff fwd specpdl) 8))
        (check (= (rt-ptr-diff back block) 8)))
      ;; A cell written through one pointer is read through another.
      (setf (rt-cell (rt-obj q '|union pun|) 0 :u8) 7)
      (check (= (rt-mem (rt-ptr+ p 8) :u8) 7))
      (check (= (rt-cell (rt-obj (rt-ptr+ (rt-ptr+ q 8) -8) '|union pun|) 0 :u8) 7))
      ;; One past the end, and an offset inside an element, designate no element.
      (let ((end (rt-ptr+ q 16)))
        (check (= (rt-ptr-diff end block) 32))
        (check-error (rt-obj end '|union pun|) rt-c-error ""))
      (check-error (rt-obj (rt-ptr+ q 4) '|union pun|) rt-c-error "")
      ;; Element 0 (pdlvec[0]) is its own instance.
      (check (not (eq (rt-obj block '|union pun|) e1)))))
  ;; A grown block (xrealloc, xpalloc) is a new block whose elements hold the old contents;
  ;; pointers into the old block keep designating the old elements.
  (let* ((old (rt-malloc 16))
         (p (rt-ptr+ old 8))
         (e (rt-obj p '|union pun|)))
    (setf (rt-cell e 0 :s64) 42)
    (let* ((new (emacs2cl-runtime::rt-xrealloc old 32))
           (np (rt-ptr+ new 8))
           (ne (rt-obj np '|union pun|)))
      (check (not (eq ne e)))
      (check (= (rt-cell ne 0 :s64) 42))
      (check (eq (rt-obj p '|union pun|) e))
      (check (eq (rt-obj (rt-ptr+ (rt-ptr+ p 8) -8) '|union pun|) e))
      (check (typep (rt-obj (rt-ptr+ np 8) '|union pun|) '|union pun|))
      (check (not (rt-ptr= np p)))
      (setf (rt-cell ne 0 :s64) 43)
      (check (= (rt-cell e 0 :s64) 42))))
  ;; A C array of structs as a CL vector.
  (let* ((v (rt-new '(:array (:struct |struct inner|) 3)))
         (p (rt-make-ptr v 0)))
    (check (eq (rt-obj p '|struct inner|) (aref v 0)))
    (check (eq (rt-obj (rt-ptr+ p 16) '|struct inner|) (aref v 2))))
  ;; A block of Lisp objects (a subr's arguments) through a fresh pointer per element.
  (let ((args (rt-malloc 24)))
    (setf (rt-mem (rt-ptr+ args 8) :lisp) 'b)
    (check (eq (emacs2cl-runtime::%raw-block-kind (rt-ptr-base args)) :words))
    (check (eq (rt-mem (rt-ptr+ args 8) :lisp) 'b))
    (check (null (rt-mem (rt-ptr+ args 16) :lisp)))
    (check (null (rt-mem args :lisp)))
    (setf (rt-mem args :ptr) (rt-ptr+ args 16))
    (check (rt-ptr= (rt-mem args :ptr) (rt-ptr+ args 16))))
  ;; A load through a pointer to a whole struct reaches its first field (XFWDTYPE), of that
  ;; field's type; another type goes through the bytes.
  (let ((in (rt-new '(:struct |struct inner|)))
        (o (rt-new '(:struct |struct outer|))))
    (setf (|inner.x| in) -5)
    (check (= (funcall #'rt-mem in :s32) -5))
    (check (= (funcall #'rt-mem in :u8) 251))
    (check (= (funcall #'rt-mem in :u32) (ldb (byte 32 0) -5)))
    (setf (|outer.a| o) -2 (|outer.flags| o) 5)
    (check (= (funcall #'rt-mem o :s8) -2))
    (check (= (funcall #'rt-mem o :u16) (+ (ash 5 8) 254)))))

(deftest raw-blocks
  (let ((p (rt-malloc 16)))
    (check (rt-ptr-p p))
    (check (= (rt-mem (rt-ptr+ p 4) :u32) 0))
    (setf (rt-mem (rt-ptr+ p 4) :u32) #x01020304)
    (check (= (rt-mem (rt-ptr+ p 4) :u8) 4))
    (check (= (rt-mem (rt-ptr+ p 5) :u16) #x0203))
    (check (null (rt-free p))))
  (let ((p (rt-malloc 24)))
    (setf (rt-mem (rt-ptr+ p 8) :lisp) '(x))
    (check (equal (rt-mem (rt-ptr+ p 8) :lisp) '(x)))
    (check (null (rt-mem p :lisp)))
    (setf (rt-mem (rt-ptr+ p 16) :ptr) p)
    (check (rt-ptr= (rt-mem (rt-ptr+ p 16) :ptr) p)))
  (let* ((p (rt-malloc (* 3 8)))
         (a (rt-obj p '|struct inner|))
         (b (rt-obj (rt-ptr+ p 8) '|struct inner|))
         (c (rt-obj (rt-ptr+ p 16) '|struct inner|)))
    (check (typep a '|struct inner|))
    (check (not (eq a b)))
    (check (not (eq b c)))
    (check (eq (rt-obj (rt-ptr+ p 8) '|struct inner|) b))
    (setf (|inner.y| b) 300)
    (check (= (rt-mem (rt-ptr+ p 12) :u16) 300))
    (check (rt-ptr= (rt-ptr+ p 8) b))
    (check (= (rt-ptr-diff (rt-make-ptr c 0) p) 16)))
  (let ((p (rt-malloc 16)))
    (rt-memset p 0 16)                  ; zeros do not fix the representation
    (check (typep (rt-obj p '|struct inner|) '|struct inner|)))
  (let ((p (rt-malloc 8)))
    (check (= (rt-strlen p) 0))
    (check-error (rt-obj p '|struct inner|) rt-c-error "no struct inner")))

;;; The C library.

(deftest memory-functions-on-bytes
  (let ((a (rt-octets "0102030405060708"))
        (b (rt-new '(:array :u8 8))))
    (let ((dst (rt-make-ptr b 1)))
      (check (eq (rt-memcpy dst (rt-make-ptr a 2) 4) dst)))
    (check (equal (bytes-of b 0 8) '(0 3 4 5 6 0 0 0)))
    (check (= (rt-memcmp (rt-make-ptr b 1) (rt-make-ptr a 2) 4) 0))
    (check (minusp (rt-memcmp (rt-make-ptr b 0) (rt-make-ptr a 0) 8)))
    (check (plusp (rt-memcmp (rt-make-ptr a 0) (rt-make-ptr b 0) 8)))
    (check (= (rt-memcmp (rt-make-ptr a 0) (rt-make-ptr b 0) 0) 0))
    (check (= (rt-memcmp (rt-make-ptr a 7) (rt-make-ptr b 7) 1) 8))
    (check-error (rt-memcmp (rt-make-ptr a 4) (rt-make-ptr b 0) 5) rt-c-error "outside")
    (rt-memmove (rt-make-ptr a 1) (rt-make-ptr a 0) 4)
    (check (equal (bytes-of a 0 8) '(1 1 2 3 4 6 7 8)))
    (rt-memmove (rt-make-ptr a 0) (rt-make-ptr a 1) 4)
    (check (equal (bytes-of a 0 8) '(1 2 3 4 4 6 7 8)))
    (let ((dst (rt-make-ptr b 2)))
      (check (eq (rt-memset dst #x1AB 3) dst)))
    (check (equal (bytes-of b 0 8) '(0 3 #xAB #xAB #xAB 0 0 0)))
    (check (rt-ptr= (rt-memchr (rt-make-ptr b 0) #xAB 8) (rt-make-ptr b 2)))
    (check (null (rt-memchr (rt-make-ptr b 0) 9 8)))
    (check-error (rt-memcpy (rt-make-ptr b 6) (rt-make-ptr a 0) 4) rt-c-error "outside")
    (check-error (rt-memcpy nil (rt-make-ptr a 0) 4) rt-c-error "null pointer")))

(deftest memory-functions-across-representations
  ;; Struct instances, whole: struct assignment.
  (let ((x (rt-new '(:struct |struct outer|)))
        (y (rt-new '(:struct |struct outer|))))
    (setf (|inner.x| (|outer.in| x)) 5 (|outer.obj| x) :lisp-object)
    (check (eq (rt-memcpy y x 48) y))
    (check (= (|inner.x| (|outer.in| y)) 5))
    (check (eq (|outer.obj| y) :lisp-object))
    (check (not (eq (|outer.in| y) (|outer.in| x))))
    (rt-memset y 0 48)
    (check (null (|outer.obj| y)))
    (check (= (|inner.x| (|outer.in| y)) 0))
    ;; A nested struct through a pointer to its field.
    (rt-memcpy (rt-make-ptr y 4) (rt-make-ptr x 4) 8)
    (check (= (|inner.x| (|outer.in| y)) 5))
    (check (= (rt-memcmp (rt-make-ptr y 4) (rt-make-ptr x 4) 8) 0)))
  ;; A struct to bytes and back.
  (let ((in (rt-new '(:struct |struct inner|)))
        (bytes (rt-new '(:array :u8 8))))
    (setf (|inner.x| in) -2 (|inner.y| in) #x1234)
    (rt-memcpy (rt-make-ptr bytes 0) in 8)
    (check (equal (bytes-of bytes 0 8) '(#xFE #xFF #xFF #xFF #x34 #x12 0 0)))
    (let ((back (rt-new '(:struct |struct inner|))))
      (rt-memcpy back (rt-make-ptr bytes 0) 8)
      (check (= (|inner.x| back) -2))
      (check (= (|inner.y| back) #x1234))
      (check (= (rt-memcmp back in 8) 0))
      (setf (|inner.y| back) #x1235)
      (check (plusp (rt-memcmp back in 8)))))
  ;; Vectors of Lisp objects: whole elements.
  (let ((a (vector 1 :b "c" nil))
        (b (make-array 4 :initial-element nil)))
    (rt-memcpy (rt-make-ptr b 8) (rt-make-ptr a 0) 24)
    (check (equalp b (vector nil 1 :b "c"))))
  ;; Integer vectors.
  (let ((v (rt-new '(:array :s32 4))))
    (rt-memset (rt-make-ptr v 0) 1 16)
    (check (every (lambda (x) (= x #x01010101)) v))
    (rt-memset (rt-make-ptr v 4) 255 8)
    (check (equal (coerce v 'list) (list #x01010101 -1 -1 #x01010101)))
    (rt-memset (rt-make-ptr v 1) 0 2)
    (check (= (aref v 0) #x01000001)))
  ;; Arrays of structs.
  (let ((a (rt-new '(:array (:struct |struct inner|) 3))))
    (dotimes (i 3) (setf (|inner.x| (aref a i)) (1+ i)))
    (rt-memmove (rt-make-ptr a 8) (rt-make-ptr a 0) 16)
    (check (equal (map 'list #'|inner.x| a) '(1 1 2)))
    (check (= 3 (length (remove-duplicates (coerce a 'list) :test #'eq))))
    (rt-memset (rt-make-ptr a 8) 0 16)
    (check (equal (map 'list #'|inner.x| a) '(1 0 0))))
  ;; Into a fresh raw block: it takes the representation of the source.
  (let ((in (rt-new '(:struct |struct inner|)))
        (p (rt-malloc 8)))
    (setf (|inner.y| in) 4)
    (rt-memcpy p in 8)
    (check (= (|inner.y| (rt-obj p '|struct inner|)) 4))
    (check (not (eq (rt-obj p '|struct inner|) in))))
  (let ((p (rt-malloc 8)) (q (rt-malloc 8)))
    (rt-memcpy p (rt-octets "0102030405060708") 8)
    (rt-memcpy q p 8)
    (check (= (rt-mem q :u64) #x0807060504030201)))
  ;; Pointers and Lisp objects have no bytes.
  (let ((o (rt-new '(:struct |struct outer|))))
    (setf (|outer.obj| o) :x)
    (check-error (rt-memcpy (rt-new '(:array :u8 48)) o 48) rt-c-error "no bytes")))

(deftest string-functions
  (let ((s (rt-octets "68656c6c6f00"))          ; "hello"
        (t2 (rt-octets "68656c7000"))           ; "help"
        (buf (rt-new '(:array :u8 16))))
    (check (= (rt-strlen (rt-make-ptr s 0)) 5))
    (check (= (rt-strlen (rt-make-ptr s 2)) 3))
    (check (= (rt-strnlen (rt-make-ptr s 0) 3) 3))
    (check (= (rt-strnlen (rt-make-ptr s 0) 10) 5))
    (check (= (rt-strcmp (rt-make-ptr s 0) (rt-make-ptr s 0)) 0))
    (check (minusp (rt-strcmp (rt-make-ptr s 0) (rt-make-ptr t2 0))))
    (check (plusp (rt-strcmp (rt-make-ptr t2 0) (rt-make-ptr s 0))))
    (check (plusp (rt-strcmp (rt-make-ptr s 0) (rt-make-ptr s 5))))
    (check (= (rt-strncmp (rt-make-ptr s 0) (rt-make-ptr t2 0) 3) 0))
    (check (minusp (rt-strncmp (rt-make-ptr s 0) (rt-make-ptr t2 0) 4)))
    (check (= (rt-ptr-offset (rt-strchr (rt-make-ptr s 0) (char-code #\l))) 2))
    (check (= (rt-ptr-offset (rt-strrchr (rt-make-ptr s 0) (char-code #\l))) 3))
    (check (null (rt-strchr (rt-make-ptr s 0) (char-code #\z))))
    (check (= (rt-ptr-offset (rt-strchr (rt-make-ptr s 0) 0)) 5))
    (check (eq (rt-ptr-base (rt-strchr (rt-make-ptr s 1) (char-code #\o))) s))
    (let ((d (rt-make-ptr buf 1)))
      (check (eq (rt-strcpy d (rt-make-ptr s 0)) d)))
    (check (equal (bytes-of buf 0 8) '(0 104 101 108 108 111 0 0)))
    (let ((end (rt-stpcpy (rt-make-ptr buf 0) (rt-make-ptr t2 0))))
      (check (= (rt-ptr-diff end (rt-make-ptr buf 0)) 4))
      (check (= (rt-mem end :u8) 0)))
    (check-error (rt-strlen (rt-octets "6162")) rt-c-error "NUL")
    (check-error (rt-strlen nil) rt-c-error "null pointer")
    (check-error (rt-strlen (rt-new '(:struct |struct inner|))) rt-c-error "not a byte string")))

;;; Errors, externals, varargs.

(deftest errors
  (check-error (rt-unreachable))
  (check-error (rt-abort) rt-c-error "abort")
  (check (= (rt-expect 3 1) 3))
  (check-error (rt-untranslated "Fcar" "asm statement" "data.c:12") rt-untranslated-function
               "Fcar was not translated from C: asm statement (data.c:12)")
  (check (string= (handler-case (rt-untranslated "f" "w" "x.c:1")
                    (rt-untranslated-function (e) (princ-to-string e)))
                  "f was not translated from C: w (x.c:1)"))
  (check-error (rt-lisp-object (rt-make-ptr (rt-octets "00") 0) :lisp-cons) rt-c-error
               "pointer to a shared struct")
  (check (string= (rt-c-error-message (make-condition 'rt-c-error :message "m")) "m")))

(deftest externals
  (check (equal (rt-call-external "abs" -5) 5))
  (check (= (rt-call-external "abs" (- (expt 2 31))) (- (expt 2 31))))
  (check (= (rt-call-external "labs" -5) 5))
  (let ((path (sb-ext:posix-getenv "PATH"))
        (p (rt-call-external "getenv" (rt-octets "5041544800"))))
    (check (and path p))
    (check (= (rt-strlen p) (length (sb-ext:string-to-octets path :external-format :utf-8)))))
  (check (null (rt-call-external "getenv" (rt-octets "4e4f5f535543485f56415249414255455f313233343500"))))
  (check-error (rt-call-external "frobnicate" 1) rt-c-error
               "C library function frobnicate is not available in the runtime")
  (rt-define-external "twice" (x) (* 2 x))
  (check (= (rt-call-external "twice" 21) 42))
  (check (eq (rt-external-function "twice") (rt-external-function "twice")))
  (check (= (funcall (rt-external-function "twice") 4) 8))
  (check (functionp (rt-external-function "not_yet_defined"))))

(defun sum-ints (n &rest $varargs)
  ;; What a translated `int sum (int n, ...)` does with an x86-64 va_list: an array of one
  ;; struct __va_list_tag, passed as &ap.
  (let ((ap (rt-new '(:array (:struct |struct __va_list_tag|) 1))))
    (rt-va-start (rt-make-ptr ap 0) $varargs)
    (prog1 (loop repeat n sum (rt-va-arg (rt-make-ptr ap 0)))
      (rt-va-end (rt-make-ptr ap 0)))))

(defun take-two (ap)
  (list (rt-va-arg ap) (rt-va-arg ap)))

(deftest varargs
  (check (= (sum-ints 3 1 2 3) 6))
  (check (= (sum-ints 0) 0))
  (check-error (sum-ints 2 1) rt-c-error "no more")
  (let ((box (rt-make-box nil)))
    (rt-va-start (rt-make-ptr box 0) (list 1 2 3 4))
    (check (= (rt-va-arg (rt-make-ptr box 0)) 1))
    (let ((copy (rt-make-box nil)))
      (rt-va-copy (rt-make-ptr copy 0) (rt-make-ptr box 0))
      (check (equal (take-two (rt-make-ptr box 0)) '(2 3)))  ; the callee consumes the caller's
      (check (= (rt-va-arg (rt-make-ptr box 0)) 4))
      (check (= (rt-va-arg (rt-make-ptr copy 0)) 2)))
    (rt-va-end (rt-make-ptr box 0))
    (check-error (rt-va-arg (rt-make-ptr box 0)) rt-c-error "no more"))
  (let ((tag (rt-new '(:struct |struct __va_list_tag|))))
    (rt-va-start tag '(:a))
    (check (eq (rt-va-arg tag) :a)))
  (check-error (rt-va-arg (rt-make-ptr (rt-make-box nil) 0)) rt-c-error "va_start")
  (check-error (rt-va-start (rt-make-ptr (rt-make-box nil) 0) 0) rt-c-error "&rest"))

;;; More mixing of representations.

;;; Cells only where |struct inner|'s fields and a word at 0 start: the tests below reach the other
;;; bytes too (a u32 at 4, byte copies), which give the union a cell per byte first.
(rt-define-union |union wide| 16 (0 8 12))
(rt-define-union |union wide-bytes| 16)

(deftest unions-as-bytes
  (let ((u (rt-new '(:struct |union wide|))))
    (setf (rt-cell u 0 :u64) 5)
    (rt-memcpy u (rt-octets "0102030405060708090a0b0c0d0e0f10") 16)
    (check (= (rt-cell u 0 :u64) #x0807060504030201))
    (check (= (rt-cell u 8 :u64) #x100F0E0D0C0B0A09))
    (check (= (rt-cell u 4 :u32) #x08070605))
    (let ((b (rt-new '(:array :u8 16))))
      (rt-memcpy b u 16)
      (check (equal (coerce b 'list) (loop for i from 1 to 16 collect i))))
    (let ((v (rt-view u 8 '(:struct |struct inner|))))
      (rt-zero-into v)
      (check (= (rt-cell u 8 :s32) 0))
      (check (= (rt-cell u 0 :u64) #x0807060504030201)))))

(deftest union-cells-known-when-compiled
  ;; RT-STORE-CELLS and RT-LOAD-CELL (the specpdl's backtrace frames): the cells found from the
  ;; type's map when the code is compiled, the same values as RT-CELL's, and RT-CELL's way once
  ;; the instance has a cell per byte.
  (let ((u (rt-new '(:struct |union wide|))))
    (rt-store-cells |union wide| u (0 :u64 9) (8 :lisp 'fn) (12 :s32 -4))
    (check (= (rt-cell u 0 :u64) 9))
    (check (eq (rt-cell u 8 :lisp) 'fn))
    (check (= (rt-load-cell |union wide| u 12 :s32) -4))
    (check (= (rt-load-cell |union wide| u 0 :u8) 9))     ; another type: RT-CELL reinterprets
    (setf (rt-cell u 4 :u32) 1)                            ; a byte without a cell: a cell per byte
    (rt-store-cells |union wide| u (0 :u8 3) (12 :s32 5))
    (check (= (rt-cell u 0 :u64) (logior 3 (ash 1 32))))
    (check (= (rt-load-cell |union wide| u 12 :s32) 5))
    (check (eq (rt-load-cell |union wide| u 8 :lisp) 'fn))))

(deftest union-members-pointed-to
  ;; &u.member as a whole struct (coding.c's &coding->spec.iso_2022.cmp_status): one instance,
  ;; made from the union's bytes, that the union's cells and the pointers to it share.
  (let ((u (rt-new '(:struct |union wide|))))
    (setf (rt-cell u 0 :u32) 7 (rt-cell u 8 :s32) -3 (rt-cell u 12 :u16) 5)
    (let ((in (rt-obj (rt-make-ptr u 8) '|struct inner|)))
      (check (typep in '|struct inner|))
      (check (eq (rt-obj (rt-make-ptr u 8) '|struct inner|) in))
      (check (and (= (|inner.x| in) -3) (= (|inner.y| in) 5)))
      (setf (|inner.x| in) 11)
      (check (= (rt-cell u 8 :s32) 11))
      (check (= (rt-mem (rt-make-ptr u 8) :s32) 11))
      (setf (rt-cell u 12 :u16) 6)
      (check (= (|inner.y| in) 6))
      (check (= (rt-cell u 0 :u32) 7))
      (check (= (rt-cell u 8 :u64) (logior 11 (ash 6 32))))
      (let ((b (rt-new '(:array :u8 16))))
        (rt-memcpy b u 16)
        (check (equal (coerce (subseq b 8 14) 'list) '(11 0 0 0 6 0))))
      (rt-memcpy (rt-make-ptr u 8) (rt-octets "0200000003") 5)
      (check (and (= (|inner.x| in) 2) (= (|inner.y| in) 3)))
      ;; Copies of the union have their own instance; assigning keeps the one pointed to.
      (let ((c (rt-copy u)))
        (check (not (eq (rt-obj (rt-make-ptr c 8) '|struct inner|) in)))
        (setf (rt-cell c 8 :s32) 40)
        (check (= (|inner.x| in) 2))
        (rt-copy-into u c)
        (check (eq (rt-obj (rt-make-ptr u 8) '|struct inner|) in))
        (check (= (|inner.x| in) 40)))
      (rt-zero-into u)
      (check (eq (rt-obj (rt-make-ptr u 8) '|struct inner|) in))
      (check (and (= (|inner.x| in) 0) (= (rt-cell u 0 :u32) 0)))
      (check-error (rt-obj (rt-make-ptr u 4) '|struct inner|) rt-c-error "overlaps")
      (check-error (rt-obj (rt-make-ptr u 12) '|struct vec|) rt-c-error "no "))))

(deftest raw-block-zeros-and-odds
  (let ((in (rt-new '(:struct |struct inner|))))
    (setf (|inner.x| in) 9)
    (rt-memcpy in (rt-malloc 8) 8)      ; an unused block reads as zeros
    (check (= (|inner.x| in) 0)))
  (check (rt-ptr-p (let ((blocks '())) (rt-alloca-at (rt-make-alloca-site) 16 blocks))))
  (check (= (rt-rotate 8 -128 1) 1))
  (check (= (rt-rotate 8 -1 3) -1)))

;;; Replacements of alloc.c functions.

(deftest alloc-replacements
  (let ((args (rt-make-ptr (vector 'a 'b 'c) 0)))
    (check (equal (rt-flist 3 args) '(a b c)))
    (check (equal (rt-flist 2 (rt-ptr+ args 8)) '(b c)))
    (check (equalp (rt-fvector 3 args) #(a b c))))
  (check (equalp (rt-make-vector 3 7) #(7 7 7)))
  (check (equalp (rt-allocate-vector 2) #(nil nil)))
  (check (equal (rt-listn 2 'x 'y 'z) '(x y)))
  (check (equal (rt-pure-cons 1 2) '(1 . 2)))
  (let ((p (rt-xnmalloc 4 8)))
    (setf (rt-mem (rt-ptr+ p 24) :s64) -5)
    (check (= (rt-mem (rt-ptr+ p 24) :s64) -5))
    (check (= (rt-mem p :s64) 0))
    (check (null (rt-xfree p))))
  (check (eq (rt-fpurecopy 'q) 'q))
  (check-error (rt-internal-catch 'tag nil nil) rt-not-implemented))

(deftest event-arrays
  ;; Characters 0..127, with the meta bit (#x8000000) as the 8th bit, make a unibyte string.
  (let ((s (rt-make-event-array 3 (rt-make-ptr (vector 97 (logior #x8000000 98) 127) 0))))
    (check (rt-lisp-string-p s))
    (check (= (rt-string-field s :size-byte) -1))
    (check (equalp (subseq (emacs2cl-runtime::rt-lisp-string-data s) 0 3) #(97 226 127))))
  (check (equalp (rt-make-event-array 2 (rt-make-ptr (vector 97 200) 0)) #(97 200)))
  (check (equalp (rt-make-event-array 2 (rt-make-ptr (vector 97 'f1) 0)) #(97 f1)))
  (check (= (rt-string-field (rt-make-event-array 0 (rt-make-ptr (vector) 0)) :size) 0)))

(deftest collector-entry-points
  ;; SBCL's collector traces and frees: the marking functions have nothing to do.
  (check (null (rt-mark-object '(a))))
  (check (null (rt-mark-objects (rt-make-ptr (vector 1 2) 0) 2)))
  (check (null (rt-mark-stack nil nil)))
  (check (null (rt-mark-c-stack nil nil)))
  (check (rt-survives-gc-p (list 1)))
  (check (null (rt-hash-table-alloc-bytes 0)))
  (let ((p (rt-hash-table-alloc-bytes 16)))
    (setf (rt-mem (rt-ptr+ p 8) :s64) 3)
    (check (= (rt-mem (rt-ptr+ p 8) :s64) 3))
    (check (null (rt-hash-table-free-bytes p 16))))
  (check (null (rt-pin-string (rt-make-lisp-string (rt-octets "61") 1 nil))))
  (check-error (rt-pin-string 3))
  (check (null (rt-init-bc-thread nil)))
  (check (null (rt-init-pdumper-once)))
  (check (null (rt-syms-of-pdumper))))

(deftest entry-points-declared-and-implemented
  ;; The runtime alone leaves the glue's entry points unimplemented; RT-IMPLEMENT removes one.
  (let ((pending (rt-unimplemented-entry-points)))
    (check (member 'rt-internal-catch pending))
    (check (not (member 'rt-mark-object pending)))
    (check (equal pending (sort (copy-list pending) #'string< :key #'symbol-name)))))

;;; setjmp and longjmp.  A jmp_buf here is 200 bytes, as glibc's struct __jmp_buf_tag.

(defun jmp-buf () (rt-ptr+ (make-array 200 :element-type '(unsigned-byte 8) :initial-element 0) 0))

(defun longjmp (env value) (rt-call-external "longjmp" env value))

(defun deep-longjmp (depth env value)
  (if (> depth 0) (1+ (deep-longjmp (1- depth) env value)) (longjmp env value)))

(defun setjmp-twice (env n)
  "Calls setjmp at two sites (receivers 1 and 2); a longjmp from N frames down to ENV."
  (let ((trace '()) (result 0))
    (rt-setjmp-frame (frame receiver value)
      (when (or (null receiver) (eql receiver 1))
        (setf result (if receiver (progn (setf receiver nil) value) (rt-setjmp env frame 1)))
        (push (list 1 result) trace)
        (when (eql result 0) (deep-longjmp n env 0)))
      (setf result (if receiver (progn (setf receiver nil) value) (rt-setjmp env frame 2)))
      (push (list 2 result) trace)
      (when (< result 3) (deep-longjmp n env (1+ result)))
      (return-from setjmp-twice (reverse trace)))))

(defun escape-after-return (env)
  (rt-setjmp-frame (frame receiver value)
    (return-from escape-after-return (rt-setjmp env frame 1))))

(defun mask-after-jump (jump savemask)
  "(value mask) after sigsetjmp (env, SAVEMASK) with mask #b101, the mask set to #b111, and
JUMP (env, 4)."
  (let ((env (jmp-buf)))
    (setf emacs2cl-runtime::**signal-mask** #b101)
    (rt-setjmp-frame (frame receiver value)
      (when receiver
        (return-from mask-after-jump (list value emacs2cl-runtime::**signal-mask**)))
      (rt-sigsetjmp env savemask frame 1)
      (setf emacs2cl-runtime::**signal-mask** #b111)
      (rt-call-external jump env 4))))

(rt-define-struct |struct jmp_buf_tag| 200
  ((|jmp_buf_tag.jmpbuf| 0 (:array :s64 8))
   (|jmp_buf_tag.mask_was_saved| 64 :s32)
   (|jmp_buf_tag.saved_mask| 72 (:array :u64 16))))

(deftest setjmp-longjmp
  ;; longjmp with 0 comes back with 1; the second site, receiver 2, is resumed with each value.
  (check (equal (setjmp-twice (jmp-buf) 3) '((1 0) (1 1) (2 0) (2 1) (2 2) (2 3))))
  ;; The same with glibc's jmp_buf as the translation's structs have it (an array of one).
  (let ((env (rt-new '(:array (:struct |struct jmp_buf_tag|) 1))))
    (check (equal (setjmp-twice (rt-make-ptr env 0) 2) '((1 0) (1 1) (2 0) (2 1) (2 2) (2 3))))
    (check (eql (aref (|jmp_buf_tag.jmpbuf| (svref env 0)) 1) 2)))
  (let ((env (jmp-buf)))
    (check (eql (escape-after-return env) 0))
    (check-error (longjmp env 5) rt-c-error "has returned"))
  (check-error (longjmp (jmp-buf) 1) rt-c-error "no setjmp")
  ;; A copy of a jmp_buf goes where the original does.
  (let ((a (jmp-buf)) (b (jmp-buf)))
    (check (equal (rt-with-setjmp (a) (progn (rt-memcpy b a 200) (longjmp b 7) :no) :yes) :yes)))
  ;; sigsetjmp saves the signal mask when asked; siglongjmp and longjmp restore it, _longjmp not.
  (let ((saved emacs2cl-runtime::**signal-mask**))
    (unwind-protect
         (progn
           (check (equal (mask-after-jump "siglongjmp" 1) '(4 #b101)))
           (check (equal (mask-after-jump "longjmp" 1) '(4 #b101)))
           (check (equal (mask-after-jump "_longjmp" 1) '(4 #b111)))
           (check (equal (mask-after-jump "siglongjmp" 0) '(4 #b111))))
      (setf emacs2cl-runtime::**signal-mask** saved))))

;;; Lisp objects.

(deftest lisp-strings
  (let ((s (rt-make-lisp-string (rt-octets "68c3a9") 2 t)))
    (check (rt-lisp-string-p s))
    (check (not (rt-lisp-string-p "x")))
    (check (= (rt-string-field s :size) 2))
    (check (= (rt-string-field s :size-byte) 3))
    (check (= (rt-string-bytes s) 3))
    ;; SDATA walks the bytes, NUL-terminated.
    (let ((p (rt-string-field s :data)))
      (check (= (rt-mem p :u8) #x68))
      (check (= (rt-mem (rt-ptr+ p 2) :u8) #xa9))
      (check (= (rt-mem (rt-ptr+ p 3) :u8) 0))
      (check (= (rt-strlen p) 3)))
    (setf (rt-string-field s :size) 1)
    (check (= (rt-string-field s :size) 1)))
  (let ((u (rt-make-lisp-string (rt-octets "ff00") 2 nil)))
    (check (= (rt-string-field u :size-byte) -1))
    (check (= (rt-string-bytes u) 2))))

(deftest symbol-fields
  (let ((sym (make-symbol "fresh")))
    (check (eql (rt-symbol-field sym :redirect) 4))
    (check (null (rt-symbol-field sym :function)))
    (setf (rt-symbol-field sym :function) 'car
          (rt-symbol-field sym :plist) '(a 1))
    (check (eq (rt-symbol-field sym :function) 'car))
    (check (equal (rt-symbol-field sym :plist) '(a 1)))
    (check (rt-lisp-string-p (rt-symbol-field sym :name)))
    (check (= (rt-string-field (rt-symbol-field sym :name) :size) 5))
    ;; &XSYMBOL (sym)->u.s.val.value: loads and stores of Lisp objects reach the value as they
    ;; are (a fixnum stored over a float is the fixnum, not the float's bits).
    (setf (rt-symbol-field sym :value) 1.5d0)
    (let ((p (rt-symbol-value-ptr sym)))
      (check (eql (rt-mem p :lisp) 1.5d0))
      (setf (rt-mem p :lisp) 3)
      (check (eql (rt-symbol-field sym :value) 3))
      (check (rt-ptr= p (rt-symbol-value-ptr sym))))))

(deftest box-holding-lisp-objects
  (let ((b (rt-make-box 2.5d0)))
    (setf (rt-mem (rt-make-ptr b 0) :lisp) 7)
    (check (eql (rt-box-value b) 7))
    (check (eql (rt-mem (rt-make-ptr b 0) :lisp) 7))
    (setf (rt-mem (rt-make-ptr b 0) :ptr) 'x)
    (check (eq (rt-mem (rt-make-ptr b 0) :ptr) 'x))
    (check (eq (rt-mem (rt-make-ptr b 0) :lisp) 'x))
    (setf (rt-mem (rt-make-ptr b 0) :ptr) nil)
    (check (null (rt-box-value b)))))

(deftest defsym-symbols
  (flet ((name (text) (rt-make-ptr (rt-octets (format nil "~{~2,'0x~}00" (map 'list #'char-code text))) 0)))
    (check (= (rt-register-defsym-names (vector (name "nil") (name "t") (name "unbound") (name "car")))
              4))
    (check (null (rt-builtin-symbol 0)))
    (check (eq (rt-builtin-symbol 1) t))
    (check (string= (symbol-name (rt-builtin-symbol 3)) "car"))
    (check (eq (symbol-package (rt-builtin-symbol 3)) (find-package "ELISP")))
    ;; A fresh symbol's value is Qunbound.
    (check (eq (rt-symbol-field (make-symbol "v") :value) (rt-builtin-symbol 2)))
    (check-error (rt-builtin-symbol 99))))

(rt-define-struct |pv test| 24 ((|pv.header| 0 :s64) (|pv.a| 8 :lisp) (|pv.b| 16 :lisp)))

(deftest vector-slots
  (let ((v (vector 1 2 3)))
    (check (= (rt-vref v 2) 3))
    (setf (rt-vref v 0) 'x)
    (check (eq (svref v 0) 'x))
    (check (eq (rt-mem (rt-vref-ptr v 0) :lisp) 'x)))
  (let ((pv (rt-new '(:struct |pv test|))))
    (setf (rt-vref pv 1) 'second)
    (check (eq (|pv.b| pv) 'second))
    (setf (|pv.a| pv) 'first)
    (check (eq (rt-vref pv 0) 'first))
    (check (eq (rt-mem (rt-vref-ptr pv 1) :lisp) 'second))
    (check (not (rt-vectorlike-p pv)))
    (rt-define-pseudovector '|pv test| 7)
    (check (rt-vectorlike-p pv))
    (check (rt-pseudovector-p pv 7))
    (check (not (rt-pseudovector-p pv 8)))
    ;; Compiled once the code is declared by one struct: that struct's type test.
    (check (equal (funcall (compiler-macro-function 'rt-pseudovector-p) '(rt-pseudovector-p x 7) nil)
                  '(typep x '|pv test|)))
    (let ((f (compile nil '(lambda (x) (rt-pseudovector-p x 7)))))
      (check (funcall f pv))
      (check (not (funcall f (vector 1))))
      (check (not (funcall f nil))))
    (check (rt-vectorlike-p (vector)))
    (check (not (rt-pseudovector-p (vector 1) 7)))
    (check (not (rt-vectorlike-p '(1))))
    ;; A byte-code object is a plain vector marked so: PSEUDOVECTORP with its code only.
    (let ((old (gethash 'simple-vector emacs2cl-runtime::*pseudovector-types*))
          (bc (rt-make-byte-code-vector (vector 0 "" (vector) 1))))
      (unwind-protect
           (progn
             (rt-define-pseudovector 'simple-vector 30)
             (check (rt-pseudovector-p bc 30))
             (check (not (rt-pseudovector-p bc 7)))
             (check (not (rt-pseudovector-p (vector 0 "" (vector) 1) 30)))
             (check (eql (emacs2cl-runtime::pseudovector-code bc) 30)))
        (if old
            (rt-define-pseudovector 'simple-vector old)
            (progn (remhash 'simple-vector emacs2cl-runtime::*pseudovector-types*)
                   (setf emacs2cl-runtime::**compiled-pvec** nil)))))
    ;; The answers remembered last (a plain vector's, then a byte-code object's) follow a marking.
    (let ((v (vector 0 "" (vector) 1))
          (bc (rt-make-byte-code-vector (vector 0 "" (vector) 2))))
      (check (not (rt-byte-code-vector-p v)))
      (check (not (rt-byte-code-vector-p v)))
      (check (rt-byte-code-vector-p bc))
      (rt-make-byte-code-vector v)
      (check (rt-byte-code-vector-p v))
      (check (rt-byte-code-vector-p bc))
      (check (not (rt-byte-code-vector-p (vector 0 "" (vector) 1)))))
    ;; header.size: the flag, pvec 7, no other words, 2 Lisp slots.
    (check (= (rt-vector-header-size pv) (logior (expt 2 62) (ash 7 24) 2)))
    (check (= (rt-vector-header-size (vector 1 2 3)) 3))))

(rt-define-struct |table test| 48 ((|table.header| 0 :s64) (|table.a| 8 :lisp)
                                   (|table.pair| 16 (:array :lisp 2)) (|table.extras| 32 (:array :lisp 0))))

(rt-define-struct |sub test| 16 ((|sub.header| 0 :s64) (|sub.depth| 8 :s32) (|sub.min| 12 :s32)
                                 (|sub.contents| 16 (:array :lisp 0))))

(deftest vector-slots-over-integers
  ;; A sub-char-table's depth and min_char word is a slot (internal_equal compares it): its word.
  (let ((sub (rt-new '(:struct |sub test|))))
    (setf (|sub.depth| sub) 3 (|sub.min| sub) #x4e00 (|sub.contents| sub) (vector 'x 'y))
    (check (eql (rt-vref sub 0) (logior 3 (ash #x4e00 32))))
    (check (eq (rt-vref sub 2) 'y))))

(deftest vector-header-stores
  (rt-define-pseudovector '|table test| 9)
  ;; Lisp fields after the header take a vector's elements in order; a flexible array the rest.
  (let ((table (rt-fill-lisp-slots (rt-new '(:struct |table test|)) (vector 'a 'p0 'p1 'e0 'e1))))
    (check (eq (|table.a| table) 'a))
    (check (equalp (|table.pair| table) #(p0 p1)))
    (check (equalp (|table.extras| table) #(e0 e1)))
    (check (= (rt-vector-header-size table) (logior (expt 2 62) (ash 9 24) 5))))
  (check-error (rt-fill-lisp-slots (rt-new '(:struct |pv test|)) (vector 1 2 3)) rt-c-error "do not fit")
  ;; Storing a plain vector's own header keeps it; another type's is a new object, made by the
  ;; glue's implementation of rt-pseudovector-from-slots (not loaded here).
  (let ((v (vector 1 2)))
    (check (eq (rt-store-vector-header v 2) v))
    (check-error (rt-store-vector-header v 3) rt-c-error "cannot store the header")
    (check-error (rt-store-vector-header v (logior (expt 2 62) (ash 9 24) 2)) rt-not-implemented))
  ;; The translated store rebinds the variable and those of its copies that hold the old object.
  (let* ((old (vector 1)) (new (vector 2)) (a old) (b old) (c (vector 3)))
    (check (eq (rt-store-changing-object (a b c) (progn (check (eq a old)) new)) new))
    (check (and (eq a new) (eq b new) (not (eq c new))))
    (check (eq (rt-store-changing-object (a b) a) new))))

(deftest lisp-types
  (rt-define-lisp-types '((0 :symbol) (2 :even-fixnum) (6 :odd-fixnum) (4 :string) (5 :vectorlike)
                          (3 :cons) (7 :float)))
  (check (= (rt-lisp-type 'a) 0))
  (check (= (rt-lisp-type nil) 0))
  (check (= (rt-lisp-type 4) 2))
  (check (= (rt-lisp-type -3) 6))
  (check (= (rt-lisp-type (expt 2 70)) 5))
  (check (= (rt-lisp-type '(1)) 3))
  (check (= (rt-lisp-type 1.5d0) 7))
  (check (= (rt-lisp-type (vector)) 5))
  (check (= (rt-lisp-type (rt-make-lisp-string (rt-octets "61") 1 nil)) 4))
  (check (rt-taggedp '(1) 3))
  (check (not (rt-taggedp 'a 3)))
  (check-error (rt-lisp-type #\a)))

;;; Places remembered on pointers (pointers.lisp, %PLACE): the second access through a pointer
;;; reuses what the first found, and sees what was written by any other route.

(rt-define-struct |struct kv| 16 ((|kv.key| 0 :s64) (|kv.tag| 8 :s64)))

(defun mem-set (p desc value)
  "*P = VALUE through the general entry point (DESC not constant)."
  (setf (rt-mem p desc) value))

(defun remembers-p (p) (consp (emacs2cl-runtime::rt-ptr-target p)))

(deftest pointer-places-fields
  (let* ((o (rt-new '(:struct |struct outer|)))
         (p (rt-make-ptr o 40))                        ; &o->obj
         (q (rt-make-ptr o 40))                        ; another pointer to it
         (d (rt-make-ptr o 24))                        ; &o->d
         (x (rt-make-ptr o 4)))                        ; &o->in.x
    ;; A store then a load through the same pointer.
    (setf (rt-mem p :lisp) 'a)
    (check (remembers-p p))
    (check (eq (rt-mem p :lisp) 'a))
    (check (eq (|outer.obj| o) 'a))
    ;; Two pointers to one field; and the field written directly.
    (check (eq (rt-mem q :lisp) 'a))
    (setf (rt-mem q :lisp) 'b)
    (check (eq (rt-mem p :lisp) 'b))
    (setf (|outer.obj| o) 'c)
    (check (and (eq (rt-mem p :lisp) 'c) (eq (rt-mem q :lisp) 'c)))
    ;; A field of a nested struct; through funcall, so not the compiler macro's inline path.
    (setf (rt-mem x :s32) -5)
    (check (= (funcall #'rt-mem x :s32) -5))
    (check (= (|inner.x| (|outer.in| o)) -5))
    ;; Another type through a remembered pointer takes the general walk, as before.
    (check (= (funcall #'rt-mem x :u32) (- (expt 2 32) 5)))
    (check (= (rt-mem x :u16) (- (expt 2 16) 5)))
    (check (= (funcall #'rt-mem x :s32) -5))
    (setf (rt-mem d :f64) 2.5d0)
    (check (eql (rt-mem d :f64) 2.5d0))
    (check (= (funcall #'rt-mem d :u64) #x4004000000000000))
    ;; A struct's nested instance is copied into, not replaced: the pointer still reaches it.
    (let ((o2 (rt-new '(:struct |struct outer|))))
      (setf (|inner.x| (|outer.in| o2)) 99 (|outer.obj| o2) 'z)
      (rt-copy-into o o2)
      (check (= (funcall #'rt-mem x :s32) 99))
      (check (eq (rt-mem p :lisp) 'z)))
    ;; The checks of the general path stay: a Lisp object into an integer field.
    (check-error (mem-set x :s32 'sym) rt-c-error "into the")
    ;; A struct instance as a pointer to its start.
    (let ((in (rt-new '(:struct |struct inner|))))
      (setf (|inner.x| in) 7)
      (check (= (funcall #'rt-mem in :s32) 7))
      (mem-set in :s32 8)
      (check (= (|inner.x| in) 8))
      (check (= (funcall #'rt-mem in :u8) 8)))))

(deftest pointer-places-arrays-of-structs
  ;; &v[1].tag, then the element's contents replaced by memcpy and by qsort: the element stays
  ;; in its place, and the remembered place with it.
  (let* ((v (rt-new '(:array (:struct |struct kv|) 3)))
         (p (rt-make-ptr v 24)))                       ; &v[1].tag
    (loop for i below 3 do (setf (|kv.key| (aref v i)) (- 10 i) (|kv.tag| (aref v i)) i))
    (check (= (rt-mem p :s64) 1))
    (check (remembers-p p))
    (rt-memcpy (rt-make-ptr v 16) (rt-make-ptr v 0) 16) ; v[1] = v[0]
    (check (= (rt-mem p :s64) 0))
    (setf (|kv.tag| (aref v 1)) 1)
    (rt-call-external "qsort" v 3 16 (lambda (a b) (- (|kv.key| (rt-obj a '|struct kv|))
                                                    (|kv.key| (rt-obj b '|struct kv|)))))
    (check (equal (map 'list #'|kv.tag| v) '(2 0 1)))
    (check (= (rt-mem p :s64) 0))
    (setf (rt-mem p :s64) 42)
    (check (= (|kv.tag| (aref v 1)) 42)))
  ;; The same through a malloc'd block made an array of structs by its first use.
  (let* ((b (rt-malloc 48))
         (p (rt-ptr+ b 24)))
    (check (eq (rt-obj b '|struct kv|) (rt-obj b '|struct kv|)))
    (setf (rt-mem p :s64) 5)
    (check (= (rt-mem p :s64) 5))
    (check (= (|kv.tag| (rt-obj (rt-ptr+ b 16) '|struct kv|)) 5))
    (check (remembers-p p))))

(deftest pointer-places-unions
  ;; A pointer into a union's cells, then a struct member pinned over them: the remembered cell
  ;; reaches the pinned instance.
  (let* ((u (rt-new '(:struct |union wide|)))
         (p (rt-make-ptr u 8)))
    (setf (rt-mem p :s32) 3)
    (check (remembers-p p))
    (check (= (rt-mem p :s32) 3))
    (check (= (funcall #'rt-mem p :u64) 3))
    (check (= (rt-cell u 8 :s32) 3))
    (let ((in (rt-obj (rt-make-ptr u 8) '|struct inner|)))
      (check (= (|inner.x| in) 3))
      (setf (rt-mem p :s32) 4)
      (check (= (|inner.x| in) 4))
      (setf (|inner.x| in) 6)
      (check (= (rt-mem p :s32) 6))
      (check (= (funcall #'rt-mem (rt-make-ptr u 8) :s32) 6))))
  ;; A union in a struct, through the struct.
  (let* ((h (rt-new '(:struct |struct holder|)))
         (p (rt-make-ptr h 8)))
    (setf (rt-mem p :lisp) 'x)
    (check (eq (rt-cell (|holder.u| h) 0 :lisp) 'x))
    (check (eq (rt-mem p :lisp) 'x))))

(deftest pointer-places-boxes-and-vectors
  (let* ((box (rt-make-box nil)) (p (rt-make-ptr box 0)))
    (mem-set p :ptr 'q)
    (check (eq (rt-box-value box) 'q))
    (check (eq (funcall #'rt-mem p :ptr) 'q)))
  (let* ((b (rt-malloc 24)) (p (rt-ptr+ b 8)))
    (mem-set p :lisp 'w)
    (check (eq (funcall #'rt-mem p :lisp) 'w))
    (check (eq (funcall #'rt-mem (rt-ptr+ b 8) :lisp) 'w))))

(deftest pointer-comparisons-repeated
  ;; The same comparison asked again gets the same answer (remembered, objects.lisp).
  (let* ((o (rt-new '(:struct |struct outer|)))
         (other (rt-new '(:struct |struct outer|)))
         (a (rt-make-ptr o 8))
         (in (|outer.in| o)))
    (dotimes (i 3)
      (check (rt-ptr= (rt-make-ptr o 4) in))
      (check (rt-ptr-compare :< in a))
      (check (= (rt-ptr-diff a in) 4))
      (check (not (rt-ptr= a (rt-make-ptr other 8))))
      (check (eq (rt-ptr-compare :< a other) (rt-ptr-compare :< (rt-make-ptr o 0) other))))))

;;; The header inlines with a constant field or a common object: the same answers as the
;;; general functions.
(deftest lisp-object-fast-paths
  (let ((s (rt-make-lisp-string (rt-octets "6162") 2 nil))
        (f 'rt-string-field))
    (check (= (rt-string-field s :size) 2 (funcall f s :size)))
    (check (= (rt-string-field s :size-byte) -1 (funcall f s :size-byte)))
    (check (null (rt-string-field s :intervals)))
    (let ((p (rt-string-field s :data)))
      (check (rt-ptr-p p))
      (check (eq (rt-ptr-base p) (emacs2cl-runtime::rt-lisp-string-data s)))
      (check (= (rt-mem (rt-ptr+ p 1) :u8) 98)))
    (check-error (rt-string-field 'a :size) error))
  (check (rt-fixnump 5))
  (check (rt-fixnump (- (expt 2 61))))
  (check (not (rt-fixnump (expt 2 61))))
  (check (not (rt-fixnump 1.0d0)))
  (check (= (rt-fixnum-raw 7) 7))
  (check (= (rt-fixnum-raw (expt 2 70)) 0))
  (check (= (rt-fixnum-raw 'a) 0))
  (dolist (x (list 5 'a '(1) (rt-make-lisp-string (rt-octets "61") 1 nil) 1d0 (vector 1)
                  (expt 2 61)))
    (check (eq (rt-pseudovector-p x 3) (funcall 'rt-pseudovector-p x 3)))
    (check (eq (rt-pseudovector-p x 3) (eql (emacs2cl-runtime::pseudovector-code x) 3)))))

;;; The package.

(deftest exported-symbols
  (let ((missing '()) (count 0))
    (do-external-symbols (s "EMACS2CL-RUNTIME")
      (incf count)
      (unless (and (search "RT-" (symbol-name s)) (find #\- (symbol-name s)))
        (push (list s "bad name") missing))
      (unless (or (documentation s 'function) (documentation s 'type)
                  (documentation s 'structure) (documentation s 'variable))
        (push (list s "no docstring") missing)))
    (check (> count 60))
    (check (null missing))
    (when missing (format t "~&  undocumented or badly named: ~S~%" missing)))
  (check (null (package-nicknames "EMACS2CL-RUNTIME"))))

;;; A union's cells at its members' offsets (|union wide|) against a cell per byte (|union
;;; wide-bytes|): the same reads after the same accesses, in any order.

(defun union-cell-count (u) (length (emacs2cl-runtime::%c-union-cells u)))

(deftest union-cells-at-member-offsets
  (let ((u (rt-new '(:struct |union wide|))))
    (check (= (union-cell-count u) 3))
    (setf (rt-cell u 0 :lisp) 'x (rt-cell u 8 :s32) -1 (rt-cell u 12 :u16) 7)
    (check (= (rt-cell u 8 :s32) -1))
    ;; Made, copied and assigned as three cells while only those bytes are reached, whichever
    ;; code made them (a constructor call compiled in, as the translation's locals are).
    (let ((c (rt-copy u))
          (d (funcall (compile nil '(lambda () (rt-new '(:struct |union wide|)))))))
      (rt-copy-into d u)
      (dolist (x (list c d))
        (check (= (union-cell-count x) 3))
        (check (and (eq (rt-cell x 0 :lisp) 'x) (= (rt-cell x 8 :s32) -1)
                    (= (rt-cell x 12 :u16) 7)))))
    ;; Another byte read: from the cells over it.  Written: a cell per byte, the contents kept.
    (check (= (rt-cell u 10 :u16) #xFFFF))
    (check (= (union-cell-count u) 3))
    (setf (rt-cell u 4 :u32) 5)
    (check (= (union-cell-count u) 16))
    (check (and (eq (rt-cell u 0 :lisp) 'x) (= (rt-cell u 8 :s32) -1) (= (rt-cell u 12 :u16) 7)
                (= (rt-cell u 4 :u32) 5) (= (rt-cell u 10 :u16) #xFFFF)))
    ;; Assigned into one of three cells and from it.
    (let ((d (rt-new '(:struct |union wide|))))
      (setf (rt-cell d 12 :u16) 1)
      (rt-copy-into d u)
      (check (and (= (rt-cell d 8 :s32) -1) (= (rt-cell d 12 :u16) 7)))
      (let ((e (rt-new '(:struct |union wide|))))
        (rt-copy-into u e)
        (check (and (= (rt-cell u 8 :s32) 0) (null (rt-cell u 0 :lisp)))))))
  (let ((state (sb-ext:seed-random-state 20261207))
        (accesses '((0 :u64) (0 :u32) (0 :u8) (0 :f64) (0 :s32) (4 :u32) (8 :s32) (8 :u64)
                    (8 :f64) (12 :u16) (12 :u32) (10 :u16) (13 :u8) (14 :s16) (1 :u8))))
    (dotimes (round 40)
      (let ((cells (rt-new '(:struct |union wide|)))
            (bytes (rt-new '(:struct |union wide-bytes|))))
        (dotimes (step 12)
          (destructuring-bind (off desc) (nth (random (length accesses) state) accesses)
            (case (random 4 state)
              ((0 1) (let ((v (if (eq desc :f64)
                                  (float (random 1000 state) 1d0)
                                  (random (expt 2 (* 8 (emacs2cl-runtime::%desc-size desc)))
                                          state))))
                       (when (member desc '(:s32 :s16)) (setf v (- v (expt 2 15))))
                       (setf (rt-cell cells off desc) v (rt-cell bytes off desc) v)))
              (2 (check (eql (rt-cell cells off desc) (rt-cell bytes off desc))))
              (3 (setf cells (rt-copy cells) bytes (rt-copy bytes))))))
        (let ((a (rt-new '(:array :u8 16))) (b (rt-new '(:array :u8 16))))
          (rt-memcpy a cells 16)
          (rt-memcpy b bytes 16)
          (check (equalp a b)))))))

;;; A union's "something was pinned" flag: copies and assignments of unions without a pinned
;;; member copy the cells; every way a pinned cell gets into a union sets the flag.

(defun pinned-flag (u) (emacs2cl-runtime::%c-union-pinned u))

(deftest union-pinned-flag
  (let ((u (rt-new '(:struct |union wide|))))
    (check (not (pinned-flag u)))
    (setf (rt-cell u 0 :u32) 7 (rt-cell u 8 :s32) -3 (rt-cell u 12 :u16) 5)
    ;; A copy of a union with nothing pinned: the same cells, still unflagged.
    (let ((c (rt-copy u)))
      (check (not (pinned-flag c)))
      (check (and (= (rt-cell c 0 :u32) 7) (= (rt-cell c 8 :s32) -3)))
      (setf (rt-cell c 0 :u32) 8)
      (check (= (rt-cell u 0 :u32) 7)))
    (let ((in (rt-obj (rt-make-ptr u 8) '|struct inner|)))
      (check (pinned-flag u))
      (check (equal (emacs2cl-runtime::%pinned-in u 0 16) '(8)))
      ;; A copy after the pin: its own instance, with the contents.
      (let ((c (rt-copy u)))
        (check (pinned-flag c))
        (let ((cin (rt-obj (rt-make-ptr c 8) '|struct inner|)))
          (check (not (eq cin in)))
          (check (and (= (|inner.x| cin) -3) (= (|inner.y| cin) 5)))
          (setf (|inner.x| cin) 1)
          (check (= (|inner.x| in) -3))))
      ;; Assigned into an unflagged union (unbind_to's this_binding = *specpdl_ptr): the
      ;; destination gets the flag and an instance of its own.
      (let ((d (rt-new '(:struct |union wide|))))
        (rt-copy-into d u)
        (check (pinned-flag d))
        (check (= (rt-cell d 8 :s32) -3))
        (setf (rt-cell d 8 :s32) 12)
        (check (= (|inner.x| in) -3))
        (check (= (|inner.x| (rt-obj (rt-make-ptr d 8) '|struct inner|)) 12))
        ;; And from it into another: still right.
        (let ((e (rt-new '(:struct |union wide|))))
          (rt-copy-into e d)
          (check (= (rt-cell e 8 :s32) 12))
          (check (not (eq (rt-obj (rt-make-ptr e 8) '|struct inner|)
                          (rt-obj (rt-make-ptr d 8) '|struct inner|))))))
      ;; An unflagged union assigned into a pinned one: the pinned instance stays, refilled.
      (let ((s (rt-new '(:struct |union wide|))))
        (setf (rt-cell s 8 :s32) 99)
        (rt-copy-into u s)
        (check (eq (rt-obj (rt-make-ptr u 8) '|struct inner|) in))
        (check (= (|inner.x| in) 99))
        (check (not (pinned-flag s))))))
  ;; Two unflagged unions: the cells, the flag stays off.
  (let ((a (rt-new '(:struct |union wide|))) (b (rt-new '(:struct |union wide|))))
    (setf (rt-cell a 0 :lisp) 'x (rt-cell a 8 :f64) 2d0)
    (rt-copy-into b a)
    (check (not (pinned-flag b)))
    (check (and (eq (rt-cell b 0 :lisp) 'x) (= (rt-cell b 8 :f64) 2d0))))
  ;; A union in a struct and in an array of unions, pinned, then the whole copied.
  (let ((h (rt-new '(:struct |struct holder|))))
    (setf (rt-cell (|holder.u| h) 0 :s32) 4)
    (let ((in (rt-obj (rt-make-ptr h 8) '|struct inner|)))
      (check (= (|inner.x| in) 4))
      (let* ((c (rt-copy h)) (cu (|holder.u| c)))
        (check (pinned-flag cu))
        (check (not (eq (rt-obj (rt-make-ptr c 8) '|struct inner|) in)))
        (check (= (rt-cell cu 0 :s32) 4)))))
  (let ((v (rt-new '(:array (:struct |union wide|) 3))))
    (setf (rt-cell (aref v 1) 0 :s32) 6)
    (let ((in (rt-obj (rt-make-ptr v 16) '|struct inner|)))
      (check (pinned-flag (aref v 1)))
      (check (not (pinned-flag (aref v 0))))
      (let ((w (rt-copy v)))
        (check (pinned-flag (aref w 1)))
        (check (= (rt-cell (aref w 1) 0 :s32) 6))
        (check (not (eq (rt-obj (rt-make-ptr w 16) '|struct inner|) in)))))))

;;; rt-obj's inline check of the instance a pointer remembers (for a union, in functions not
;;; compiled for compilation speed), and the call otherwise: the same answers for each.

(defun check-rt-obj-remembered (type other)
  "Through pointers into an array of TYPE, with rt-obj compiled at speed 1 and 0; OTHER is the
other of |struct kv| and |union wide|, both 16 bytes: a pointer into an array of unions that
remembers an instance of OTHER (the union, or a struct member pinned in it) is walked again."
  (let ((v (rt-new `(:array (:struct ,type) 3)))
        (u (rt-new '(:array (:struct |union wide|) 3))))
    (dolist (speed '(1 0))
      (let ((f (compile nil `(lambda (p) (declare (optimize (speed ,speed))) (rt-obj p ',type))))
            (p (rt-make-ptr v 16)))
        (check (eq (funcall f p) (aref v 1)))   ; found, remembered
        (check (eq (funcall f p) (aref v 1)))   ; remembered
        (setf (rt-mem p :s64) 3)                ; a place remembered instead
        (check (eq (funcall f p) (aref v 1)))
        (check (= (rt-mem (rt-make-ptr v 16) :s64) 3))
        (check (eq (funcall f (aref v 2)) (aref v 2)))
        (check-error (funcall f nil) rt-c-error "null")
        (let* ((q (rt-make-ptr u 16))
               (o (rt-obj q other)))
          (check (typep (funcall f q) type))
          (check (eq (funcall f q) (funcall f q)))
          (check (eq (rt-obj q other) o))
          (check (eq (rt-obj q '|union wide|) (aref u 1))))))))

(deftest rt-obj-remembered
  (check-rt-obj-remembered '|union wide| '|struct kv|)
  (check-rt-obj-remembered '|struct kv| '|union wide|))

;;; The words of a block from alloca (SAFE_ALLOCA_LISP), through a new pointer per element.

(deftest raw-block-words-place
  (let ((p (rt-malloc 24)))
    (setf (rt-mem (rt-ptr+ p 8) :lisp) 'b (rt-mem p :lisp) 'a)
    (check (equalp (emacs2cl-runtime::%raw-block-data (rt-ptr-base p)) #(a b nil)))
    (check (eq (rt-mem (rt-ptr+ p 8) :lisp) 'b))
    (check (eq (rt-mem p :lisp) 'a))
    (check (null (rt-mem (rt-ptr+ p 16) :ptr)))
    (check (equal (rt-flist 3 p) '(a b nil)))
    (check-error (rt-mem (rt-ptr+ p 24) :lisp)))
  ;; A block first used as bytes is not words.
  (let ((p (rt-malloc 16)))
    (setf (rt-mem p :u32) 5)
    (check (= (rt-mem p :u64) 5))
    (check (null (rt-mem (rt-ptr+ p 8) :ptr)))))

;;; Ordering pointers from objects not on one chain, again and again (store_symval_forwarding's
;;; objvar against &buffer_defaults): the same answers each time, remembered or not.

(deftest pointer-compare-across-objects
  (let* ((o (rt-new '(:struct |struct outer|)))
         (in (|outer.in| o))
         (arr (|outer.arr| o))
         (other (rt-new '(:struct |struct outer|))))
    (dotimes (i 6)
      ;; A nested struct's pointer and its container's: ordered by their offsets in it.
      (check (rt-ptr-compare :< (rt-make-ptr o 0) (rt-make-ptr in 0)))
      (check (rt-ptr-compare :> (rt-make-ptr o 40) (rt-make-ptr in 4)))
      (check (= (rt-ptr-diff (rt-make-ptr in 4) (rt-make-ptr o 0)) 8))
      (check (= (rt-ptr-diff (rt-make-ptr arr 4) (rt-make-ptr o 0)) 16))
      (check (rt-ptr-compare :< (rt-make-ptr in 0) (rt-make-ptr arr 0)))
      ;; Unrelated objects: by identity, the same way each time.
      (check (eq (rt-ptr-compare :< (rt-make-ptr o 8) (rt-make-ptr other 0))
                 (< (rt-xli o) (rt-xli other))))
      (check (eq (rt-ptr-compare :< (rt-make-ptr other 0) (rt-make-ptr o 8))
                 (< (rt-xli other) (rt-xli o))))
      (check-error (rt-ptr-diff (rt-make-ptr o 8) (rt-make-ptr other 0))))))
