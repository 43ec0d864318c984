;; Emacs's build after temacs, as `emacs2cl image' runs it (translator/lisp_build.py), with the
;; image as $(EMACS): each rule names what the release's own Makefiles do -- a target, or a
;; variable read from the Makefile -- so that the steps follow each release.
;;
;; (awk DIRECTORY WITNESS TARGET...)  files Emacs's build makes with awk and make alone, before
;;                                    any Emacs runs: made unless WITNESS exists
;; (subdirs DIRECTORY TARGET)         the subdirs.el files (a shell script, no Emacs)
;; (dump-mode STAGE MODE)             loadup.el's --temacs=MODE for the bootstrap image and for
;;                                    the image itself
;; (files NAME DIRECTORY VARIABLE)    a set of files: a variable of DIRECTORY's Makefile
;; (autoloads DIRECTORY TARGET OLD)   the generated autoload files: make TARGET with $(EMACS),
;;                                    the prerequisites OLD taken as made (make -o)
;; (unidata DIRECTORY VARIABLE FILE)  the Unicode property tables: make $(VARIABLE)/FILE
;; (doc FILE CDIR CVARS LISPDIR LVARS)  the documentation file: make-docfile in CDIR over the files
;;                                    of CVARS, then in LISPDIR over those of LVARS (src/ variables)
;; (compile-options ARG...)           the arguments of lisp/Makefile's .el.elc rule
;; (no-compile REGEXP)                compile-main's test for files that are not compiled
;; (not-compiled FILE...)             files compile-main leaves out in this configuration
;; (test-files GLOB)                  the test suite whose `require's the image compiles
;; (run-time-files FILE...)           files a batch run loads by itself, compiled with the test
;;                                    suite's (and what they require)
;; (clean DIRECTORY TARGET)           the targets that remove what the steps generated

(awk "admin/charsets" "etc/charsets/8859-2.map" "all")
(awk "admin/unidata" "lisp/international/emoji-zwj.el" "charscript.el" "emoji-zwj.el")

;; src/Makefile: bootstrap-emacs runs `make -C ../lisp update-subdirs' first.
(subdirs "lisp" "update-subdirs")

;; src/Makefile: bootstrap-emacs is dumped by `temacs -l loadup --temacs=pbootstrap' (the Lisp
;; from source, load-path spliced with the subdirectories loadup.el names), emacs by
;; --temacs=pdump (the .elc where they are newer than their source).
(dump-mode bootstrap "pbootstrap")
(dump-mode final "pdump")

;; lisp/Makefile: compiled first by bootstrap-emacs, with the compiler interpreted.
(files compile-first "lisp" "COMPILE_FIRST")
;; src/Makefile: the preloaded files (lisp.mk, from loadup.el's `(load "...")' lines), compiled
;; by bootstrap-emacs before emacs is dumped; .el entries are loaded as source.
(files preloaded "src" "shortlisp")
;; src/Makefile: characters.elc depends on charscript.elc and emoji-zwj.elc, which loadup.el
;; loads from characters.el (emoji-zwj.el's eval-when-compile needs regexp-opt, not on the dump's
;; load-path: only its .elc loads there).
(files preloaded-prerequisites "src" "charscript:.el=.elc")
(files preloaded-prerequisites "src" "emoji-zwj:.el=.elc")
;; lisp/Makefile: compile-main's first files (bug#25556), and the directories it compiles.
(files main-first "lisp" "MAIN_FIRST")
(files lisp-dirs "lisp" "SUBDIRS_REL")

;; lisp/Makefile: `autoloads' makes loaddefs.el with batch-update-autoloads over SUBDIRS_ALMOST
;; (which also writes cl-loaddefs.el and every file a source's generated-autoload-file names),
;; after $(LOADDEFS) (cal-, diary-, hol-, mh- and tramp-loaddefs.el).  Its other prerequisite,
;; gen-lisp, generates leim's Quail tables and cedet's grammar parsers: not made here (their
;; outputs are not preloaded, and they take longer to make than the rest together).
(autoloads "lisp" "autoloads" "gen-lisp")

;; admin/unidata/Makefile: charprop.el and the uni-*.el tables it indexes (after compiling
;; unidata-gen.el).  The tables are char-tables printed as #^[...]: lread.c reads a vector and
;; makes it a char-table by storing its header (the field-store rule of shared-structs.sexp).
(unidata "admin/unidata" "unidir" "charprop.el")

;; src/Makefile's $(etc)/DOC, which loadup.el reads (Snarf-documentation) and `documentation'
;; looks up: make-docfile over the C files, then appending (-a) over the preloaded Lisp files.  Its
;; recipe is run without make, whose prerequisites are the object files.
(doc "etc/DOC" "src" ("SOME_MACHINE_OBJECTS" "obj") "lisp" ("shortlisp"))

;; lisp/Makefile: $(emacs) $(BYTE_COMPILE_FLAGS) -f batch-byte-compile FILE, EMACSLOADPATH empty.
(compile-options "-batch" "--no-site-file" "--no-site-lisp"
                 "--eval" "(setq load-prefer-newer t)" "-f" "batch-byte-compile")
(no-compile "^;.*[^a-zA-Z]no-byte-compile: *t")

(test-files "test/src/*.el")

;; An error in a batch run calls `debug' (backtrace-on-error-noninteractive): debug.el, whose
;; backtrace prints each frame with cl-prin1 (cl-print.el, autoloaded, so no `require' names it).
;; compile-main compiles both; loaded from source, cl-print needs more max-lisp-eval-depth than
;; call_debugger leaves it (100), and a runaway recursion's backtrace fails to print.
(run-time-files "emacs-lisp/debug.el" "emacs-lisp/cl-print.el")

;; lisp/Makefile: compile-targets leaves these out without native compilation ("Do not build
;; comp.el unless necessary not to exceed max-specpdl-size and max-lisp-eval-depth").
(not-compiled "emacs-lisp/comp.el" "emacs-lisp/comp-cstr.el")

;; What --clean-lisp runs: lisp/Makefile's bootstrap-clean (every .elc and generated .el) and
;; admin/unidata's gen-clean (its tables).
(clean "lisp" "bootstrap-clean")
(clean "admin/unidata" "gen-clean")
