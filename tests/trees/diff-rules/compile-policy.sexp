;; The pair's compile policy: none (emacs-src-rules/compile-policy.sexp names Emacs's functions).
