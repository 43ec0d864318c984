;;;; casefiddle.c's do_casify_multibyte_string, which lays a struct casing_str_buf over its output
;;;; bytes to case each character in place (a cast the data model does not alias): here each
;;;; character is cased into a struct of its own, whose bytes are then appended.

(in-package "EMACS2CL-GLUE")

(defun casify-multibyte-string (ctx string)
  "do_casify_multibyte_string: STRING (multibyte) with each character cased by CTX."
  (let ((src (rt-make-ptr (emacs2cl-runtime::rt-lisp-string-data string) 0))
        (out (make-array 0 :element-type '(unsigned-byte 8) :adjustable t :fill-pointer 0))
        (nchars 0))
    (loop for size downfrom (rt-string-field string :size) above 0
          do (let* ((len (rt-make-box 0))
                    (ch (c::|string_char_and_length| src (rt-make-ptr len 0)))
                    (buf (rt-new '(:struct c::|struct casing_str_buf|))))
               (setf src (rt-ptr+ src (rt-box-value len)))
               (c::|casefiddle.c/case_character| buf ctx ch (if (> size 1) src nil))
               (incf nchars (c::|casing_str_buf.len_chars| buf))
               (loop for i below (c::|casing_str_buf.len_bytes| buf)
                     do (vector-push-extend (aref (c::|casing_str_buf.data| buf) i) out))))
    (rt-make-lisp-string (coerce out '(simple-array (unsigned-byte 8) (*))) nchars t)))

(rt-implement 'rt-do-casify-multibyte-string #'casify-multibyte-string)
