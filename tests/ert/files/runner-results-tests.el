;;; runner-results-tests.el --- ERT's own results, for tests/test_ert.py  -*- lexical-binding: t -*-

(require 'ert)

(ert-deftest runner-passes () (should (equal (list 1 2) '(1 2))))
(ert-deftest runner-fails () (should (equal (+ 1 1) 3)))
(ert-deftest runner-signals () (car 'runner-not-a-list))
(ert-deftest runner-skips () (skip-unless (eq system-type 'runner-no-such-system)))
(ert-deftest runner-fails-as-expected () :expected-result :failed (should (null t)))
(ert-deftest runner-passes-unexpectedly () :expected-result :failed (should t))
(ert-deftest runner-expensive () :tags '(:expensive-test) (should t))
(ert-deftest runner-unstable () :tags '(:unstable) (should nil))

;;; runner-results-tests.el ends here
