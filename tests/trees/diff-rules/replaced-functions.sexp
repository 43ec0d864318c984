;; The replacement rules of tests/test_diff.py's synthetic pair.
(replace "make_widget" rt-make-widget "made by the runtime (matches only in the new side)")
(replace "removed_fn" rt-removed-fn "made by the runtime (matches only in the old side)")
