;;;; The package of the runtime.  Every exported name starts with `rt-` (so it contains a `-`
;;;; and can never collide with a C name, which the translation writes between bars).

(defpackage "EMACS2CL-RUNTIME"
  (:use "COMMON-LISP")
  (:export
   ;; errors.lisp
   "RT-C-ERROR" "RT-C-ERROR-MESSAGE" "RT-UNTRANSLATED-FUNCTION" "RT-UNTRANSLATED"
   "RT-UNREACHABLE" "RT-ABORT" "RT-EXPECT" "RT-LISP-OBJECT"
   ;; integers.lisp
   "RT-WRAP-S" "RT-WRAP-U" "RT-DIV" "RT-REM" "RT-ROTATE" "RT-OVERFLOW" "RT-S8"
   ;; floats.lisp
   "RT-FLOAT-TRUNCATE" "RT-UNORDERED-P" "RT-NAN" "RT-NAN-SINGLE" "RT-SIGNBIT" "RT-ISNAN"
   "RT-INIT-FLOATING-POINT"
   ;; boxes.lisp
   "RT-BOX" "RT-BOX-P" "RT-MAKE-BOX" "RT-BOX-VALUE"
   ;; structs.lisp
   "RT-DEFINE-STRUCT" "RT-DEFINE-UNION" "RT-CELL"
   ;; memory.lisp
   "RT-NEW" "RT-COPY" "RT-COPY-INTO" "RT-ZERO-INTO" "RT-OCTETS" "RT-VIEW"
   "RT-MALLOC" "RT-ALLOCA" "RT-FREE" "RT-DEFINE-GLOBAL"
   ;; pointers.lisp
   "RT-PTR" "RT-PTR-P" "RT-PTR-BASE" "RT-PTR-OFFSET" "RT-MAKE-PTR" "RT-PTR+" "RT-PTR="
   "RT-PTR-COMPARE" "RT-PTR-DIFF" "RT-PTR-MIN" "RT-PTR-MAX" "RT-MEM" "RT-OBJ"
   ;; libc.lisp
   "RT-MEMCPY" "RT-MEMMOVE" "RT-MEMSET" "RT-MEMCMP" "RT-MEMCHR" "RT-STRLEN" "RT-STRNLEN"
   "RT-STRCMP" "RT-STRNCMP" "RT-STRCHR" "RT-STRRCHR" "RT-STRCPY" "RT-STPCPY"
   "RT-CALL-EXTERNAL" "RT-EXTERNAL-FUNCTION" "RT-DEFINE-EXTERNAL"
   ;; varargs.lisp
   "RT-VA-START" "RT-VA-ARG" "RT-VA-END" "RT-VA-COPY"))
