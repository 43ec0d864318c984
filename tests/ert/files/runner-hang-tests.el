;;; runner-hang-tests.el --- a test that never ends  -*- lexical-binding: t -*-

(require 'ert)

(ert-deftest runner-hang-1-passes () (should t))
(ert-deftest runner-hang-2-loops () (while t))
(ert-deftest runner-hang-3-after () (should t))

;;; runner-hang-tests.el ends here
