;;; lexical.el --- lexical and dynamic binding when loaded  -*- lexical-binding: t -*-

(defvar corpus-batch-dynamic 'global)
(defun corpus-batch-show () corpus-batch-dynamic)
(let ((corpus-batch-dynamic 'let-bound)
      (counter (let ((n 0)) (lambda () (setq n (1+ n))))))
  (funcall counter)
  (princ (format "%S %S\n" (corpus-batch-show) (funcall counter))))
