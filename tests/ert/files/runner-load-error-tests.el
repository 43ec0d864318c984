;;; runner-load-error-tests.el --- a test file that signals while loading  -*- lexical-binding: t -*-

(require 'ert)

(ert-deftest runner-never-defined-1 () (should t))
(error "runner-load-error-tests: signalled while loading")

;;; runner-load-error-tests.el ends here
