;; How SBCL compiles particular translated functions (docs/optimize-policy.md).
;;
;; A function of more than 200 basic blocks is compiled for compilation speed: SBCL's speed 0,
;; integer wraparound by a call, the inline functions it calls not inlined.  (for-speed C-NAME
;; REASON) compiles such a function for speed all the same, where its time is a hot path's: with
;; SBCL's speed 1 and wraparound inline; the runtime's pointer operations stay calls and the
;; inline functions stay declined, so that its compile time stays within the per-function bound
;; (10 s).

(for-speed "re_match_2_internal"
  "the regexp matcher, called at each position a search tries (6 s to compile instead of about 3; a search over xdisp.c takes a fifth less time)")

(for-speed "styled_format"
  "`format' and `format-message', called per string built (under 4 s to compile; the hash-table and string-build items of scripts/bench-elisp take 4 to 8% less time)")
