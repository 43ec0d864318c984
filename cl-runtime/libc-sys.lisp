;;;; The C library for batch Emacs, part 1: what the other libc-*.lisp files build on -- calls
;;;; into the real C library, errno, C strings and buffers behind pointers, C structs known by
;;;; name -- and the process's end: exit, _exit, atexit, abort; the variable environ.
;;;
;;; The C library functions the translated code calls (RT-CALL-EXTERNAL) are Lisp functions in
;;; the table of libc.lisp, defined with RT-DEFINE-EXTERNAL.  Those with an effect outside the
;;; process's Lisp data (files, stdio, time zones, locales, libm) call glibc itself, which is in
;;; the SBCL process, through SB-ALIEN: they have glibc's results and errno by construction.
;;; Strings and buffers are copied between the Lisp objects a pointer designates and pinned octet
;;; vectors handed to C.
;;;
;;; errno is one box (RT-BOX) for the process: "__errno_location" returns it, and a function that
;;; fails stores glibc's errno into it (%SET-ERRNO).
;;;
;;; C structs the C library fills (struct stat, struct tm, struct passwd ...) are the
;;; translation's own: the runtime finds the struct type by its C name ("struct stat") among the
;;; types the loaded translation registered, and writes and reads fields through RT-MEM at their
;;; glibc x86-64 offsets, so that whatever a pointer designates (an instance, a field of
;;; another struct, an element of an array) is filled.

(in-package "EMACS2CL-RUNTIME")

;;; ------------------------------------------------------------------------------------------
;;; Calling glibc.

(defmacro %c-call (name result &rest typed-args)
  "Call the C library function NAME (a string) returning alien type RESULT, with TYPED-ARGS, each
(ALIEN-TYPE VALUE): a direct SB-ALIEN call into the process's glibc.  The type %SAP-ARG
stands for SB-SYS:SYSTEM-AREA-POINTER."
  (flet ((alien-type (type) (if (eq type '%sap-arg) 'sb-sys:system-area-pointer type)))
    `(sb-alien:alien-funcall
      (sb-alien:extern-alien ,name (function ,(alien-type result)
                                             ,@(mapcar (lambda (a) (alien-type (first a)))
                                                       typed-args)))
      ,@(mapcar #'second typed-args))))

(sb-ext:defglobal **errno** (rt-make-box 0))

(declaim (inline %set-errno %errno))
(defun %set-errno (n)
  "Set errno to N."
  (setf (rt-box-value **errno**) n))

(defun %errno ()
  "The value of errno."
  (rt-box-value **errno**))

(defmacro %c-syscall (name result &rest typed-args)
  "As %C-CALL, for a function that returns -1 and sets errno on failure: errno is copied into the
runtime's errno then."
  (let ((r (gensym "R")))
    `(let ((,r (%c-call ,name ,result ,@typed-args)))
       (when (eql ,r -1)
         (%set-errno (sb-alien:get-errno)))
       ,r)))

(declaim (inline %null-sap-p))
(defun %null-sap-p (sap)
  (zerop (sb-sys:sap-int sap)))

(defconstant +null-sap-int+ 0)

(defmacro %null-sap ()
  "A null system-area pointer."
  `(sb-sys:int-sap +null-sap-int+))

(rt-define-external "__errno_location" () **errno**)

(defun %clear-c-errno ()
  "Set glibc's own errno (not the runtime's) to 0, for a call that reports errors in errno
alone."
  (setf (sb-sys:signed-sap-ref-32 (%c-call "__errno_location" sb-sys:system-area-pointer) 0) 0))

(defconstant +eintr+ 4)
(defconstant +ebadf+ 9)
(defconstant +enomem+ 12)
(defconstant +einval+ 22)
(defconstant +enotty+ 25)
(defconstant +erange+ 34)
(defconstant +enosys+ 38)
(defconstant +eoverflow+ 75)

;;; ------------------------------------------------------------------------------------------
;;; C strings and buffers behind pointers.

(defun %string-octets (p who)
  "A fresh octet vector of the bytes of the NUL-terminated string at P (without the NUL)."
  (multiple-value-bind (v off) (%octets-of p who)
    (subseq v off (%string-end v off who))))

(defun %c-string-z (p who)
  "A fresh octet vector of the NUL-terminated string at P, NUL included; NIL for NULL."
  (and p
       (multiple-value-bind (v off) (%octets-of p who)
         (let* ((end (%string-end v off who))
                (z (make-array (1+ (- end off)) :element-type '(unsigned-byte 8) :initial-element 0)))
           (replace z v :start2 off :end2 end)
           z))))

(defun %octets-z (bytes)
  "A fresh octet vector of BYTES (octets or a Lisp string, encoded in UTF-8) and a NUL."
  (let* ((b (if (stringp bytes) (sb-ext:string-to-octets bytes :external-format :utf-8) bytes))
         (z (make-array (1+ (length b)) :element-type '(unsigned-byte 8) :initial-element 0)))
    (replace z b)
    z))

(defun %new-c-string (bytes)
  "A pointer to a fresh NUL-terminated copy of BYTES (octets or a Lisp string, in UTF-8)."
  (rt-make-ptr (%octets-z bytes) 0))

(defmacro %with-c-strings (bindings &body body)
  "Bind each VAR of BINDINGS ((VAR POINTER-FORM WHO) ...) to a system-area pointer to a pinned
NUL-terminated copy of the C string POINTER-FORM designates (a null SAP for NULL), around BODY."
  (let ((vecs (loop for b in bindings collect (gensym (symbol-name (first b))))))
    `(let ,(loop for (nil form who) in bindings for v in vecs
                 collect `(,v (%c-string-z ,form ,(or who "C string"))))
       (sb-sys:with-pinned-objects ,vecs
         (let ,(loop for (var) in bindings for v in vecs
                     collect `(,var (if ,v (sb-sys:vector-sap ,v) (%null-sap))))
           ,@body)))))

(defun %octet-target (p n)
  "If the N bytes at P are bytes of an octet vector, that vector and the offset; else NIL."
  (when (rt-ptr-p p)
    (let ((b (rt-ptr-base p)) (o (rt-ptr-offset p)))
      (when (%raw-block-p b)
        (setf (values b o) (%raw-resolve b o :bytes)))
      (when (and (typep b 'octets) (<= 0 o) (<= (+ o n) (length b)))
        (return-from %octet-target (values b o)))))
  (when (and (typep p 'octets) (<= n (length p)))
    (return-from %octet-target (values p 0)))
  (ignore-errors
   (multiple-value-bind (v off) (%octets-of p "buffer")
     (and (<= (+ off n) (length v)) (values v off)))))

(defun %load-octets (p n who)
  "The N bytes at P: an octet vector and the offset they start at (P's own vector when it is one,
else a fresh copy read through RT-MEM)."
  (cond ((zerop n) (values (make-array 0 :element-type '(unsigned-byte 8)) 0))
        (t (%nonnull p who)
           (multiple-value-bind (v off) (%octet-target p n)
             (if v
                 (values v off)
                 (let ((copy (make-array n :element-type '(unsigned-byte 8))))
                   (dotimes (i n (values copy 0))
                     (setf (aref copy i) (rt-mem (rt-ptr+ p i) :u8)))))))))

(defun %store-octets (p src &key (start 0) (end (length src)) (who "store"))
  "Copy bytes START..END of octet vector SRC to the memory at P."
  (let ((n (- end start)))
    (when (plusp n)
      (%nonnull p who)
      (multiple-value-bind (v off) (%octet-target p n)
        (cond (v (replace v src :start1 off :start2 start :end2 end))
              ((and (rt-ptr-p p) (rt-box-p (rt-ptr-base p)) (zerop (rt-ptr-offset p)))
               ;; A whole scalar variable (getrandom (&v, sizeof v, 0)): its value is the bytes,
               ;; little-endian, as the C library wrote them.
               (setf (rt-box-value (rt-ptr-base p))
                     (loop for i from (1- end) downto start
                           for value = (aref src i) then (logior (ash value 8) (aref src i))
                           finally (return value))))
              (t (loop for i from 0 below n
                       do (setf (rt-mem (rt-ptr+ p i) :u8) (aref src (+ start i))))))))
    p))

(defun %call-with-output-buffer (p n who function)
  (let ((n (max 0 n)))
    (multiple-value-bind (v off) (if (plusp n) (%octet-target p n) nil)
      (if v
          ;; P's own bytes: C writes there directly.
          (sb-sys:with-pinned-objects (v)
            (funcall function (sb-sys:sap+ (sb-sys:vector-sap v) off)))
          (let ((buf (make-array (max 1 n) :element-type '(unsigned-byte 8) :initial-element 0)))
            (let ((vals (multiple-value-list
                         (sb-sys:with-pinned-objects (buf)
                           (funcall function (sb-sys:vector-sap buf))))))
              (let ((count (first vals)))
                (when (and (integerp count) (plusp count))
                  (%store-octets p buf :end (min count n) :who who)))
              (values-list vals)))))))

(defmacro %with-output-buffer ((sap p n who) &body body)
  "Bind SAP to a buffer of N bytes for C to write into, around BODY, and return BODY's values:
the bytes at P themselves (pinned) when they are an octet vector's, else a temporary buffer of
which as many bytes as BODY's first value says (NIL or negative: none) are then copied to P."
  `(%call-with-output-buffer ,p ,n ,who (lambda (,sap) ,@body)))

(defun %call-with-out-scalar (p desc function)
  (let ((cell (make-array 16 :element-type '(unsigned-byte 8) :initial-element 0)))
    (multiple-value-prog1 (sb-sys:with-pinned-objects (cell)
                            (funcall function (sb-sys:vector-sap cell)))
      (when p (setf (%ref p 0 desc) (%octets-load cell 0 desc))))))

(defmacro %with-out-scalar ((sap p desc) &body body)
  "Bind SAP to a pinned cell for C to store a scalar of type DESC into, around BODY; then copy
the scalar to where P points (unless P is NULL); BODY's values."
  `(%call-with-out-scalar ,p ,desc (lambda (,sap) ,@body)))

(defun %sap-string-octets (sap)
  "A fresh octet vector of the NUL-terminated C string at SAP (C memory), without the NUL."
  (let ((n (loop for i from 0 when (zerop (sb-sys:sap-ref-8 sap i)) return i)))
    (let ((v (make-array n :element-type '(unsigned-byte 8))))
      (dotimes (i n v) (setf (aref v i) (sb-sys:sap-ref-8 sap i))))))

(defun %sap-c-string (sap)
  "A pointer to a fresh Lisp copy (NUL-terminated) of the C string at SAP, or NIL if SAP is null."
  (if (%null-sap-p sap) nil (%new-c-string (%sap-string-octets sap))))

;;; ------------------------------------------------------------------------------------------
;;; C structs by name, fields by offset.

(sb-ext:defglobal **c-types-by-name** (make-hash-table :test 'equal :synchronized t))

(defun %c-type (cname)
  "The symbol naming the struct or union type whose C name is CNAME (\"struct stat\") among those
the loaded translation defined (the most recently registered if several are); RT-C-ERROR if
none is."
  (let ((cached (gethash cname **c-types-by-name**)))
    (if (and cached (gethash cached **c-types**))
        cached
        (let ((found nil))
          (maphash (lambda (k v) (declare (ignore v))
                     (when (string= (symbol-name k) cname) (setf found k)))
                   **c-types**)
          (unless found
            (%c-error "~A is not defined: load the translation's structs first" cname))
          (setf (gethash cname **c-types-by-name**) found)))))

(defun %new-c-struct (cname)
  "A fresh zeroed instance of the translation's struct CNAME (\"struct tm\")."
  (rt-new (list :struct (%c-type cname))))

(defun %ref (p offset desc)
  "The scalar of type DESC at byte OFFSET from pointer P (setf-able)."
  (rt-mem (rt-ptr+ p offset) desc))

(defun (setf %ref) (value p offset desc)
  (setf (rt-mem (rt-ptr+ p offset) desc) value))

(defun %fill-fields (p fields)
  "Store the fields FIELDS, a list of (OFFSET DESC VALUE), at pointer P; return P."
  (loop for (offset desc value) in fields
        do (setf (%ref p offset desc) value))
  p)

(defun %call-with-out-struct (p size fields function)
  (let ((buf (make-array size :element-type '(unsigned-byte 8) :initial-element 0)))
    (let ((r (sb-sys:with-pinned-objects (buf)
               (funcall function (sb-sys:vector-sap buf)))))
      (when (eql r 0)
        (loop for (offset desc) in fields
              do (setf (%ref p offset desc) (%octets-load buf offset desc))))
      r)))

(defmacro %with-out-struct ((sap p size fields) &body body)
  "Bind SAP to a pinned zeroed buffer of SIZE bytes for C to fill a struct into, around BODY
(whose value is C's result); if it is 0, copy the fields FIELDS, a list of (OFFSET DESC), from
the buffer to the struct P points to.  BODY's value."
  `(%call-with-out-struct ,p ,size ,fields (lambda (,sap) ,@body)))

(defun %store-string-field (p offset bytes size)
  "Store BYTES and a NUL in the char array of SIZE bytes at byte OFFSET from P (truncated)."
  (let* ((n (min (length bytes) (1- size)))
         (z (make-array (1+ n) :element-type '(unsigned-byte 8) :initial-element 0)))
    (replace z bytes :end1 n)
    (%store-octets (rt-ptr+ p offset) z)))

;;; ------------------------------------------------------------------------------------------
;;; The end of the process.

(sb-ext:defglobal **atexit-functions** '())

(rt-define-external "atexit" (function)
  (push function **atexit-functions**)
  0)

(defun %flush-all-output ()
  "Flush the Lisp standard streams and every C stdio output stream."
  (dolist (s (list *standard-output* *error-output*))
    (ignore-errors (finish-output s)))
  (%c-call "fflush" sb-alien:int (sb-sys:system-area-pointer (%null-sap))))

(defun %exit-process (status)
  (sb-ext:exit :code (ldb (byte 8 0) status) :abort t))

(rt-define-external "exit" (status)
  ;; C's exit: the functions registered with atexit, last first; then the streams are flushed;
  ;; then the process ends (without unwinding the translated frames).
  (loop while **atexit-functions**
        do (funcall (pop **atexit-functions**)))
  (%flush-all-output)
  (%exit-process status))

(rt-define-external "_exit" (status)
  (%exit-process status))

(rt-define-external "abort" ()
  (rt-abort))

;;; ------------------------------------------------------------------------------------------
;;; The process's environment (glibc's, which tzset, localtime and subprocesses read).

(rt-define-external "setenv" (name value overwrite)
  (%with-c-strings ((n name "setenv") (v value "setenv"))
    (prog1 (%c-syscall "setenv" sb-alien:int (%sap-arg n) (%sap-arg v) (sb-alien:int overwrite))
      (%refresh-environ))))              ; environ shows the change, as in C

(rt-define-external "unsetenv" (name)
  (%with-c-strings ((n name "unsetenv"))
    (prog1 (%c-syscall "unsetenv" sb-alien:int (%sap-arg n))
      (%refresh-environ))))

(rt-define-external "putenv" (string)
  ;; glibc keeps the pointer it is given: here a copy in C memory (never freed), so a later
  ;; change to STRING in place is not seen.  (emacs_setenv_TZ changes its "TZ=..." string in
  ;; place; the runtime's time functions do not depend on it: they set TZ themselves from the
  ;; timezone_t they are given.)
  (%with-c-strings ((s string "putenv"))
    (let ((copy (%c-call "strdup" sb-sys:system-area-pointer (%sap-arg s))))
      (if (%null-sap-p copy)
          (progn (%set-errno +enomem+) -1)
          (prog1 (%c-syscall "putenv" sb-alien:int (%sap-arg copy))
            (%refresh-environ))))))

;;; environ: a vector of pointers to "NAME=VALUE" strings, then NULL.

(defun %environ-vector ()
  "A fresh environ: a simple-vector of pointers to NUL-terminated copies of the process's
environment strings (their bytes), and NIL."
  (let ((env (sb-alien:extern-alien "environ" sb-sys:system-area-pointer)))
    (coerce (append (loop for i from 0
                          for s = (sb-sys:sap-ref-sap env (* 8 i))
                          until (%null-sap-p s)
                          collect (%new-c-string (%sap-string-octets s)))
                    (list nil))
            'simple-vector)))

(sb-ext:defglobal **environ** (rt-make-box nil))

(defun %refresh-environ ()
  (setf (rt-box-value **environ**) (%environ-vector)))

(%refresh-environ)
(setf (gethash "environ" *external-variables*) **environ**)

(defun %reinit-libc-sys ()
  "At the start of a saved core: the environment is the new process's, errno is 0, no atexit
function is registered."
  (%refresh-environ)
  (%set-errno 0)
  (setf **atexit-functions** '()))

(pushnew '%reinit-libc-sys sb-ext:*init-hooks*)
