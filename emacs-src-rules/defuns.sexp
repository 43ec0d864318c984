;; Where the DEFUN macro's static struct keeps a primitive's function, arity and Lisp name, so
;; that each DEFUN also gets its elisp-visible definition: (subr-type TAG) names the struct,
;; (subr-path KEY FIELD...) the fields leading to each datum, (max-args-enum MANY UNEVALLED)
;; the enum constants that max_args takes for `&rest' and special-form primitives.
(subr-type "Aligned_Lisp_Subr")
(subr-path :function "s" "function")
(subr-path :min "s" "min_args")
(subr-path :max "s" "max_args")
(subr-path :name "s" "symbol_name")
(max-args-enum "MANY" "UNEVALLED")
