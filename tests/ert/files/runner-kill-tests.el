;;; runner-kill-tests.el --- a test that ends its Emacs  -*- lexical-binding: t -*-

(require 'ert)

(ert-deftest runner-kill-1-passes () (should t))
(ert-deftest runner-kill-2-exits () (kill-emacs 7))
(ert-deftest runner-kill-3-after () (should t))

;;; runner-kill-tests.el ends here
