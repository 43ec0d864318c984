;;;; Reaching the translated C's state from Lisp: the current thread's handler list, the
;;;; specpdl, and Emacs's global variables.

(in-package "EMACS2CL-GLUE")

(declaim (inline thread))
(defun thread ()
  "The current thread's struct thread_state (C's current_thread)."
  (rt-obj (rt-box-value c::|current_thread|) 'c::|struct thread_state|))

(declaim (inline stack-ptr))
(defun stack-ptr (stack index)
  "A pointer to element INDEX of STACK, a simple-vector of Lisp objects (the byte-code stack
whose slots Ffuncall and a subr take as their arguments): RT-MAKE-PTR's case for such a base,
inline, since every call from byte-code or native code makes one."
  (declare (simple-vector stack) (fixnum index))
  (emacs2cl-runtime::%make-ptr stack (* 8 index)))

(defun handler (h)
  "The struct handler instance pointer H designates."
  (rt-obj h 'c::|struct handler|))

(defun handlerlist ()
  "C's handlerlist: the innermost catch or condition-case."
  (c::|thread_state.m_handlerlist| (thread)))

(defun (setf handlerlist) (h)
  (setf (c::|thread_state.m_handlerlist| (thread)) h))

(defun pop-handler ()
  "handlerlist = handlerlist->next; the handler popped."
  (let ((h (handlerlist)))
    (setf (handlerlist) (c::|handler.next| (handler h)))
    h))

(defmacro emacs-global (name)
  "The Emacs global variable NAME of struct emacs_globals (\"Vfoo\" for globals.f_Vfoo)."
  `(,(find-symbol (format nil "emacs_globals.f_~a" name) "EMACS-C") c::|globals|))

(defun global-field-ptr (name)
  "A pointer to Emacs's global variable NAME (\"Vfoo\", a field of struct emacs_globals)."
  (let* ((accessor (find-symbol (format nil "emacs_globals.f_~a" name) "EMACS-C"))
         (field (find accessor (emacs2cl-runtime::%c-info-fields (emacs2cl-runtime::%info-of c::|globals|))
                      :key #'emacs2cl-runtime::%c-field-name)))
    (rt-make-ptr c::|globals| (emacs2cl-runtime::%c-field-offset field))))

(defun defvar-plain (name value)
  "Elisp variable NAME, which no C global holds, declared special and set to VALUE (what a
replaced file's DEFVAR, or startup.el's defvar, leaves)."
  (let ((s (lisp-symbol name)))
    (c::|Fset| s value)
    (setf (rt-symbol-field s :declared-special) 1)))

(defun defvar-forwarded (name global kind value)
  "DEFVAR_INT, DEFVAR_BOOL or DEFVAR_LISP (KIND :int, :bool or :lisp) of elisp variable NAME,
forwarded to Emacs's global GLOBAL (\"foo\" or \"Vfoo\", a field of struct emacs_globals), and
GLOBAL = VALUE: what the DEFVARs of a replaced file's syms_of_ function do."
  (destructuring-bind (fwd-type struct defvar desc)
      (ecase kind
        (:int '(0 c::|struct Lisp_Intfwd| c::|defvar_int| :s64))
        (:bool '(1 c::|struct Lisp_Boolfwd| c::|defvar_bool| :u8))
        (:lisp '(2 c::|struct Lisp_Objfwd| c::|defvar_lisp| :lisp)))
    (let ((fwd (rt-new (list :struct struct)))
          (ptr (global-field-ptr global)))
      ;; Every struct Lisp_*fwd is its enum Lisp_Fwd_Type, then the pointer to the variable.
      (setf (rt-mem (rt-make-ptr fwd 0) :u32) fwd-type
            (rt-mem (rt-make-ptr fwd 8) :ptr) ptr)
      (funcall defvar fwd (rt-make-ptr (c-bytes name) 0))
      (setf (rt-mem ptr desc) value))))

(defun defvar-lisp (name global value)
  "DEFVAR_LISP (NAME, GLOBAL) and GLOBAL = VALUE."
  (defvar-forwarded name global :lisp value))

(defun lisp-symbol (name)
  "The elisp symbol NAME, as the reader interns it: the symbol of that name in ELISP (see
obarray.lisp), nil and t being CL's."
  (emacs2cl-runtime::elisp-symbol name))

(defun elisp-string (string)
  "A Lisp string of CL STRING's characters (multibyte when it has non-ASCII ones)."
  (emacs2cl-runtime::lisp-string-of string))

(defun c-bytes (string)
  "STRING as a NUL-terminated octet vector (UTF-8)."
  (let* ((bytes (sb-ext:string-to-octets string :external-format :utf-8))
         (v (make-array (1+ (length bytes)) :element-type '(unsigned-byte 8) :initial-element 0)))
    (replace v bytes)
    v))

(defun ptr-byte-pos (ptr)
  "PTR_BYTE_POS (buffer.h): the byte position of PTR, a pointer into the current buffer's text.
C subtracts the text's start from PTR whatever PTR points into: regex-emacs.c's `\\=' (at_dot)
does it for a pointer into the string it matches, where the difference is no position and the
match fails.  A pointer into another object than the text has no position here either: -1,
which no buffer position equals."
  (let* ((text (rt-obj (c::|buffer.text| (rt-obj (c::|thread_state.m_current_buffer| (thread))
                                                 'c::|struct buffer|))
                       'c::|struct buffer_text|))
         (byte (handler-case (rt-ptr-diff ptr (c::|buffer_text.beg| text))
                 (rt-c-error () nil))))
    (if byte
        (+ (- byte (if (<= byte (- (c::|buffer_text.gpt_byte| text) 1)) 0 (c::|buffer_text.gap_size| text)))
           1)
        -1)))

(rt-implement 'rt-ptr-byte-pos #'ptr-byte-pos)
