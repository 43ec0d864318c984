;; Where the DEFUN macro's static struct keeps a primitive's function, arity and Lisp name, so
;; that each DEFUN also gets its elisp-visible definition: (subr-type TAG) names the struct,
;; (subr-path KEY FIELD...) the fields leading to each datum, (max-args :many N :unevalled N)
;; the values of lisp.h's `enum maxargs' for `&rest' and special-form primitives (GCC folds the
;; enum into constants, so the IR does not carry it).
(subr-type "Aligned_Lisp_Subr")
(subr-path :function "s" "function")
(subr-path :min "s" "min_args")
(subr-path :max "s" "max_args")
(subr-path :name "s" "symbol_name")
(max-args :many -2 :unevalled -1)
