;; How `emacs2cl test' runs Emacs's own ERT suite: as test/Makefile.in's `make check' runs each
;; test file (one Emacs per file), in the image and in the oracle alike.

;; The directory EMACS_TEST_DIRECTORY names (test/Makefile.in: $(srcdir)), and the suite under
;; it that is run when no file is named: the tests of src/'s C (the part emacs2cl translates).
(test-directory "test")
(suite "src" "*-tests.el")

;; test/Makefile.in's SELECTOR_DEFAULT for a build without native compilation
;; (HAVE_NATIVE_COMP=no, as build.sexp configures): the selector of `make check'.  Both Emacsen
;; run the same selector, so that their results compare test for test.
(selector "(not (or (tag :expensive-test) (tag :unstable) (tag :nativecomp)))")

;; The environment of each test's Emacs (test/Makefile.in's `emacs' and %.log rules):
;; HOME=$(TEST_HOME), LANG=C, an empty EMACSLOADPATH; EMACS_TEST_DIRECTORY is set to the
;; test directory above.
(environment "HOME" "/nonexistent")
(environment "LANG" "C")
(environment "EMACSLOADPATH" "")

;; EMACSOPT before the test's own arguments; `-L :DIR' (append DIR, the test directory, to
;; load-path) follows them.
(options "--no-init-file" "--no-site-file" "--no-site-lisp")

;; Test files of features the minimal configuration (build.sexp: --without-all ...) does not
;; build: the image has none of their primitives, so they run but stay out of the headline.
;; (exclude FILE REASON), FILE relative to the test directory.
(exclude "src/comp-tests.el" "native compilation (libgccjit): configured --without-native-compilation; SBCL compiles natively")
(exclude "src/thread-tests.el" "threads: --without-all turns them off")
(exclude "src/json-tests.el" "native JSON (libjansson): --without-all")
(exclude "src/lcms-tests.el" "colour management (liblcms2): --without-all")
(exclude "src/inotify-tests.el" "file notification (inotify): --without-all")
(exclude "src/xml-tests.el" "libxml2 parsing: --without-all")
(exclude "src/emacs-module-tests.el" "dynamic modules: --without-all turns them off (test/Makefile.in leaves this file out when HAVE_MODULES is no)")

;; The GNU Emacs that is the reference for a release: (oracle RELEASE EXECUTABLE REASON).
(oracle "28.2" "emacs" "Debian's emacs-nox 28.2, built from the same upstream release")

;; How a batch Emacs prints an error nothing handled (debug.el's batch output, Emacs 28: one
;; line, then the backtrace): when a file does not load, its message is the line that starts so.
(uncaught-error "Debugger entered--Lisp error: ")
