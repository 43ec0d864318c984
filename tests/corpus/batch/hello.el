;;; hello.el --- loaded by the batch command-line tests (tests/batch_cases.py)  -*- lexical-binding: t -*-

(princ "hello from hello.el\n")
(message "message from %s" "hello.el")
(print '(printed "list" 1.5))
(prin1 "prin1 without newline")
(terpri)

(defun corpus-batch-greet ()
  "Called with -f: print to stdout and to stderr."
  (princ "greetings from -f\n")
  (message "greet: %d" 42))

(defun corpus-batch-fail ()
  "Called with -f: signal an error."
  (error "Failing on purpose: %s" 'corpus))
