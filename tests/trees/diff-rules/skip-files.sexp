;; The skip rules of tests/test_diff.py's synthetic pair.
(skip-file "gc.c" "stands for the garbage collector")
(skip-file "nosuch.c" "no side has this file: stale in both")
