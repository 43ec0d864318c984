;; C structs whose objects are Common Lisp objects (docs/data-model.md), and how the field paths
;; of each map to runtime operations.  $obj is the Lisp object, $index an array index.

;; The typedef of a Lisp object: values of this type are plain CL objects.
(lisp-object-typedef "Lisp_Object")

;; A constant Lisp object in static data: LISPSYM_INITIALLY (Qfoo) is the byte offset of Qfoo in
;; lread.c's lispsym array made into a pointer to union Lisp_X.  (lisp-symbol-offset POINTEE
;; SIZEOF-LISP-SYMBOL): such a constant is builtin symbol offset / size.
(lisp-symbol-offset "Lisp_X" 48)

;; (shared-struct TAG LISP-TYPE)
(shared-struct "Lisp_Cons" cons)
(shared-struct "Lisp_Float" double-float)
(shared-struct "Lisp_Symbol" symbol)
(shared-struct "Lisp_String" rt-lisp-string)
(shared-struct "Lisp_Vector" simple-vector)

;; (vector-struct TAG REASON): a struct of Lisp objects after a vector header that C keeps in a
;; plain Lisp vector and reaches by casting the vector's pointer: its objects are those vectors
;; (simple-vectors), and the Kth field after the header is element K.
(vector-struct "saved_window" "window.c keeps each window of a window configuration in a vector of VECSIZE (struct saved_window) slots and casts it (SAVED_WINDOW_N)")

;; (field TAG PATH PLACE-TEMPLATE): reading and writing the field.
(field "Lisp_Cons" "u.s.car" (car $obj))
(field "Lisp_Cons" "u.s.u.cdr" (cdr $obj))
(field "Lisp_Cons" "u.s.u.chain" (rt-dead-field $obj "chain"))
(field "Lisp_Float" "u.data" (rt-float-data $obj))
(field "Lisp_Float" "u.chain" (rt-dead-field $obj "chain"))
(field "Lisp_Symbol" "u.s.gcmarkbit" (rt-symbol-field $obj :gcmarkbit))
(field "Lisp_Symbol" "u.s.redirect" (rt-symbol-field $obj :redirect))
(field "Lisp_Symbol" "u.s.trapped_write" (rt-symbol-field $obj :trapped-write))
(field "Lisp_Symbol" "u.s.interned" (rt-symbol-field $obj :interned))
(field "Lisp_Symbol" "u.s.declared_special" (rt-symbol-field $obj :declared-special))
(field "Lisp_Symbol" "u.s.pinned" (rt-symbol-field $obj :pinned))
(field "Lisp_Symbol" "u.s.name" (rt-symbol-field $obj :name))
(field "Lisp_Symbol" "u.s.val.value" (rt-symbol-field $obj :value))
(field "Lisp_Symbol" "u.s.val.alias" (rt-symbol-field $obj :value))
(field "Lisp_Symbol" "u.s.val.blv" (rt-symbol-field $obj :value))
(field "Lisp_Symbol" "u.s.val.fwd" (rt-symbol-field $obj :value))
(field "Lisp_Symbol" "u.s.val.fwd.fwdptr" (rt-symbol-field $obj :value))
(field "Lisp_Symbol" "u.s.function" (rt-symbol-field $obj :function))
(field "Lisp_Symbol" "u.s.plist" (rt-symbol-field $obj :plist))
(field "Lisp_Symbol" "u.s.next" (rt-symbol-field $obj :next))
(field "Lisp_String" "u.s.size" (rt-string-field $obj :size))
(field "Lisp_String" "u.s.size_byte" (rt-string-field $obj :size-byte))
(field "Lisp_String" "u.s.intervals" (rt-string-field $obj :intervals))
(field "Lisp_String" "u.s.data" (rt-string-field $obj :data))
(field "Lisp_String" "u.next" (rt-dead-field $obj "next"))
(field "Lisp_Vector" "header.size" (rt-vector-header-size $obj))
(field "Lisp_Vector" "contents[]" (rt-vref $obj $index))

;; (field-store TAG PATH TEMPLATE): a store into the field that may make the object another one.
;; TEMPLATE, with $obj and $value, stores and gives the object that stands for $obj after it; the
;; translator puts that back into the variable $obj was read from and into its copies
;; (docs/data-model.md).  lread.c makes a vector it has read a char-table (`#^[...]') by storing
;; its header: a CL vector cannot become the char-table's struct.
(field-store "Lisp_Vector" "header.size" (rt-store-vector-header $obj $value))

;; (field-address TAG PATH POINTER-TEMPLATE): &field, for fields whose address C takes.
(field-address "Lisp_Cons" "u.s.car" (rt-make-ptr $obj 0))
(field-address "Lisp_Cons" "u.s.u.cdr" (rt-make-ptr $obj 8))
(field-address "Lisp_Vector" "contents[]" (rt-vref-ptr $obj $index))
(field-address "Lisp_Symbol" "u.s.val.value" (rt-symbol-value-ptr $obj))
(field-address "Lisp_Vector" "contents" (rt-vref-ptr $obj 0))

;; Union members that exist only to align the union (GCALIGNED_UNION_MEMBER): a union whose
;; other members are one is that member, a struct (`union Aligned_Lisp_Subr` is its `s`).
(alignment-member "gcaligned")
