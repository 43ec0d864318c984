;;; known-differences.sexp --- corpus forms on which the image may differ from Emacs 28.2
;;
;; Read by translator/corpus.py (load_known).  A sequence of entries, one per form:
;;
;;   ("ID" "REASON")
;;
;; ID is a corpus id, "<file stem>:<n>" (tests/corpus/README.md); REASON says why the image's
;; result differs and may differ (a string; \" and \\ escape as in elisp).  `;' starts a comment.
;; compare() reports the differences listed here apart from the others, never hides them, and
;; names the entries whose forms agree again ("stale").  Empty at the start: an entry is added
;; for each disagreement the image shows, with its reason.
