;;;; Char-tables.  chartab.c makes one as a plain vector whose header it then sets; a runtime
;;;; char-table is an instance of struct Lisp_Char_Table (or Lisp_Sub_Char_Table) from the start,
;;;; its flexible arrays (extras, a sub-table's contents) as long as the table needs.

(in-package "EMACS2CL-GLUE")

(defconstant +char-table-extra-slots-max+ 10 "CHAR_TABLE_EXTRA_SLOTS's limit (chartab.c).")

(defun make-char-table (purpose init)
  "Fmake_char_table: every slot INIT, the parent nil, PURPOSE's char-table-extra-slots extras."
  (unless (symbolp purpose) (c::|wrong_type_argument| (lisp-symbol "symbolp") purpose))
  (let* ((n (c::|Fget| purpose (lisp-symbol "char-table-extra-slots")))
         (extras (cond ((null n) 0)
                       ((not (and (integerp n) (>= n 0)))
                        (c::|wrong_type_argument| (lisp-symbol "wholenump") n))
                       ((> n +char-table-extra-slots-max+) (c::|args_out_of_range| n nil))
                       (t n)))
         (table (rt-new '(:struct c::|struct Lisp_Char_Table|))))
    (setf (c::|Lisp_Char_Table.defalt| table) init
          (c::|Lisp_Char_Table.parent| table) nil
          (c::|Lisp_Char_Table.purpose| table) purpose
          (c::|Lisp_Char_Table.ascii| table) init
          (c::|Lisp_Char_Table.contents| table) (make-array 64 :initial-element init)
          (c::|Lisp_Char_Table.extras| table) (make-array extras :initial-element init))
    (with-header table)))

(defun make-uninit-sub-char-table (depth min-char)
  "make_uninit_sub_char_table: a sub-char-table of DEPTH from MIN-CHAR, its slots nil."
  (let ((table (rt-new '(:struct c::|struct Lisp_Sub_Char_Table|))))
    (setf (c::|Lisp_Sub_Char_Table.depth| table) depth
          (c::|Lisp_Sub_Char_Table.min_char| table) min-char
          (c::|Lisp_Sub_Char_Table.contents| table)
          (make-array (aref c::|chartab_size| depth) :initial-element nil))
    (with-header table)))

(defun sub-char-table-p (x) (typep x 'c::|struct Lisp_Sub_Char_Table|))

(defun copy-sub-char-table (table)
  (let ((copy (make-uninit-sub-char-table (c::|Lisp_Sub_Char_Table.depth| table)
                                          (c::|Lisp_Sub_Char_Table.min_char| table))))
    (setf (c::|Lisp_Sub_Char_Table.contents| copy)
          (map 'simple-vector (lambda (v) (if (sub-char-table-p v) (copy-sub-char-table v) v))
               (c::|Lisp_Sub_Char_Table.contents| table)))
    copy))

(defun copy-char-table (table)
  "copy_char_table: a copy of TABLE whose sub-char-tables are copies too."
  (let ((copy (rt-new '(:struct c::|struct Lisp_Char_Table|))))
    (setf (c::|Lisp_Char_Table.defalt| copy) (c::|Lisp_Char_Table.defalt| table)
          (c::|Lisp_Char_Table.parent| copy) (c::|Lisp_Char_Table.parent| table)
          (c::|Lisp_Char_Table.purpose| copy) (c::|Lisp_Char_Table.purpose| table)
          (c::|Lisp_Char_Table.contents| copy)
          (map 'simple-vector (lambda (v) (if (sub-char-table-p v) (copy-sub-char-table v) v))
               (c::|Lisp_Char_Table.contents| table))
          (c::|Lisp_Char_Table.extras| copy) (copy-seq (c::|Lisp_Char_Table.extras| table)))
    (with-header copy)
    (setf (c::|Lisp_Char_Table.ascii| copy) (c::|chartab.c/char_table_ascii| copy))
    copy))

(rt-implement 'rt-fmake-char-table #'make-char-table)
(rt-implement 'rt-make-uninit-sub-char-table #'make-uninit-sub-char-table)
(rt-implement 'rt-copy-char-table #'copy-char-table)