;; The image's build: emacs.c's main calls the initialization functions of the other files in an
;; order that matters (comments in main say why).  When the image is built, the glue runs them as
;; temacs does before loadup.el (glue/startup.lisp's start-emacs); a started image runs main
;; itself (glue/image.lisp), which calls those of each start.  The translator reads that order
;; from main's IR -- every direct call whose callee matches CALL-PATTERN, in source order -- so
;; that the image follows each release; these rules only classify the calls.
;;
;; (call-pattern REGEXP)       which callees of main are start-up steps
;; (build-only-pattern REGEXP) steps under `if (!initialized)': run once when the image is built
;;                             (what temacs does before it is dumped), not again at each start
;; (skip NAME REASON)          a step the build does not run
;; (arguments NAME (VALUE...) REASON)  what the image passes for a step's parameters (main's locals)

(call-pattern "^((init|syms_of|keys_of|globals_of)_[a-z0-9_]+|set_initial_environment)$")
(build-only-pattern "(_once$|^syms_of_|^keys_of_)")

(skip "init_heap" "SBCL owns the heap")
(skip "init_standard_fds" "SBCL opened the standard streams")
(skip "init_cmdargs" "temacs's command line is not the image's: main calls init_cmdargs at each start")
(skip "init_display" "temacs runs in batch mode: no terminal is initialized")
(arguments "init_process_emacs" (-1) "sockfd: the socket systemd passes a daemon; temacs is never one")
(skip "init_sys_modes" "temacs runs in batch mode: the terminal is not put in raw mode")
