"""`emacs2cl test`: Emacs's own ERT suite, run in the image and in the oracle side by side.

One Emacs process per test file and side, run as test/Makefile.in's `make check` runs it (what
is Emacs-specific -- selector, environment, options, the files of features the minimal
configuration leaves out, the oracle -- is emacs-src-rules/ert.sexp), with driver.el loaded
after the test file to write each test's result as it happens.

- `suite.py`: the rules, the test files of a tree, and the command line of one run;
- `run.py`: one process per file and side, in parallel with a time limit, its events read
  into a file result; the oracle's results cached;
- `report.py`: both sides compared test for test, the known failures, the JSON and the table.

A test's result on one side is ERT's (passed, failed, skipped, quit, aborted, with `expected`
as ERT counts it), or what happened to its file's process: error (the file did not load or ERT
failed outside any test), timeout (the test running at the time limit), crashed (the test
running when the process died), not-run (after a timeout or crash), absent (ERT ran the file
but did not select the test).
"""
