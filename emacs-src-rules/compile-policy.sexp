;; How SBCL compiles particular translated functions (docs/optimize-policy.md).
;;
;; A function of more than 200 basic blocks is compiled for compilation speed: SBCL's speed 0,
;; integer wraparound by a call, the inline functions it calls not inlined.  (for-speed C-NAME
;; REASON) compiles such a function for speed all the same, where its time is a hot path's: with
;; SBCL's speed 1, wraparound inline and no inline function declined; the runtime's pointer
;; operations stay calls, so that its compile time stays within the per-function bound (10 s).

(for-speed "re_match_2_internal"
  "the regexp matcher, called at each position a search tries (8 s to compile instead of about 3; a search over xdisp.c takes a fifth less time)")
