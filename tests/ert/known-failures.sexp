;;; known-failures.sexp --- ERT tests of Emacs 28.2 on which the image may differ from Emacs
;;
;; Read by translator/ert/report.py (`emacs2cl test', scripts/bench-ert, tests/test_ert.py).
;; A sequence of entries:
;;
;;   ("FILE:TEST" "REASON")    one test: FILE relative to test/, TEST its name as prin1 prints it
;;   ("FILE" "REASON")         every test of FILE
;;
;; REASON says why the image's result differs (a string; \" and \\ escape as in elisp).  `;'
;; starts a comment.  The report marks a difference listed here "known", any other "new", and
;; names the entries whose tests agree again ("stale").

("src/textprop-tests.el:textprop-tests-format"
 "styled_format (editfns.c) reads bytes of its info array at offsets the runtime does not model: rt-mem load outside a simple-vector (being fixed)")
