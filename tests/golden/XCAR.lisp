(defun |XCAR| (|$c|)
  (declare (ignorable |$c|))
  (let* ((|$D1| nil)) (setq |$D1| (cl:car |$c|)) (return-from |XCAR| |$D1|)))
