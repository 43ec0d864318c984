;;; driver.el --- emacs2cl's ERT driver: every test's result, written as it happens  -*- lexical-binding: t -*-

;; `emacs2cl test' loads this file after ert and a test file, in GNU Emacs and in the image
;; alike, then runs the suite as test/Makefile.in does:
;;
;;   EMACS ... -l ert -l FILE-tests -l driver.el --eval '(ert-run-tests-batch-and-exit (quote SELECTOR))'
;;
;; It only listens: `ert-run-tests' gets a listener that writes each event to the file named by
;; $EMACS2CL_ERT_RESULTS, then passes it on to ERT's own batch listener, so that stderr, the
;; exit status and the run are those of `make check'.  A line is appended as soon as its event
;; happens, so that a process that crashes or hangs still tells which test was running and
;; which ones finished.  Lines, fields separated by a TAB:
;;
;;   loaded                                 this file is loaded: the test file loaded
;;   selected NAME                          one per test the selector selects, before any runs
;;   started NAME
;;   ended NAME RESULT EXPECTED SECONDS CONDITION
;;   finished ABORTED                       the run ended (ABORTED is t or nil)
;;   error CONDITION                        an error outside the tests stopped the run
;;
;; NAME is the test's symbol-name; CONDITION is printed by prin1 on one line (newlines and
;; control characters escaped, cut short); RESULT is passed, failed, skipped, quit or aborted (ERT's
;; result types); EXPECTED is t when ERT counts the result as expected (a test declared
;; `:expected-result :failed' that fails is), else nil.

(require 'ert)

(defvar emacs2cl-ert-results (getenv "EMACS2CL_ERT_RESULTS")
  "The file this driver appends its lines to.")

(defvar emacs2cl-ert--started nil
  "The `float-time' at which the running test started.")

(defun emacs2cl-ert--print (object &optional limit)
  "OBJECT printed by prin1 on one line, cut to LIMIT characters."
  (let* ((print-escape-newlines t) (print-escape-control-characters t)
         (print-length 10) (print-level 5) (print-circle nil) (print-quoted t)
         (text (prin1-to-string object)))
    (if (and limit (> (length text) limit)) (concat (substring text 0 limit) "...") text)))

(defun emacs2cl-ert--name (test)
  "TEST's name as a string.  Not printed: a test can leave the printer in a state that adds to
the next text it prints (print-tests.el's error-message-string-circular does in Emacs 28)."
  (let ((name (ert-test-name test)))
    (if (symbolp name) (symbol-name name) (emacs2cl-ert--print name))))

(defun emacs2cl-ert--write (&rest fields)
  "Append FIELDS to the results file, as one line."
  (when emacs2cl-ert-results
    ;; Whatever the test left in these must not change how the line is written.
    (let ((coding-system-for-write 'utf-8-unix) (file-name-handler-alist nil)
          (write-region-annotate-functions nil) (write-region-post-annotation-function nil)
          (create-lockfiles nil) (write-region-inhibit-fsync t) (inhibit-quit t))
      (write-region (concat (mapconcat #'identity fields "\t") "\n") nil
                    emacs2cl-ert-results t 'silent))))

(defun emacs2cl-ert--result-type (result)
  (cond ((ert-test-passed-p result) "passed")
        ((ert-test-skipped-p result) "skipped")
        ((ert-test-failed-p result) "failed")
        ((ert-test-quit-p result) "quit")
        ((ert-test-aborted-with-non-local-exit-p result) "aborted")
        (t (symbol-name (type-of result)))))

(defun emacs2cl-ert--record (event args)
  "Write the line of EVENT, called with ARGS as ERT calls a listener."
  (pcase event
    ('run-started
     (mapc (lambda (test) (emacs2cl-ert--write "selected" (emacs2cl-ert--name test)))
           (ert--stats-tests (car args))))
    ('test-started
     (setq emacs2cl-ert--started (float-time))
     (emacs2cl-ert--write "started" (emacs2cl-ert--name (nth 1 args))))
    ('test-ended
     (let ((test (nth 1 args)) (result (nth 2 args)))
       (emacs2cl-ert--write
        "ended" (emacs2cl-ert--name test)
        (emacs2cl-ert--result-type result)
        (if (ert-test-result-expected-p test result) "t" "nil")
        (format "%.3f" (- (float-time) emacs2cl-ert--started))
        (if (ert-test-result-with-condition-p result)
            (emacs2cl-ert--print (ert-test-result-with-condition-condition result) 300)
          ""))))
    ('run-ended
     (emacs2cl-ert--write "finished" (if (nth 1 args) "t" "nil")))))

(defun emacs2cl-ert--run-tests (run-tests selector listener &rest args)
  "Around `ert-run-tests': LISTENER's events written first; an error outside the tests
written before it goes on, since `ert-run-tests-batch-and-exit' kills Emacs in an unwind form
and so never prints it.  Inside a test, ERT binds `debug-on-error' and gets the test's errors
through `debugger', which Emacs calls only when no handler takes the error: this one, with
`debug' among its conditions, leaves that as it was."
  (condition-case-unless-debug err
      (apply run-tests selector
             (lambda (event &rest event-args)
               (emacs2cl-ert--record event event-args)
               (apply listener event event-args))
             args)
    (error (emacs2cl-ert--write "error" (emacs2cl-ert--print err 300))
           (signal (car err) (cdr err)))))

(advice-add 'ert-run-tests :around #'emacs2cl-ert--run-tests)

(emacs2cl-ert--write "loaded")

;;; driver.el ends here
