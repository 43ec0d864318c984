(defun |Fcar| (|$list|)
  (declare (ignorable |$list|))
  (let* ((|$D1| nil)) (setq |$D1| (|CAR| |$list|)) (return-from |Fcar| |$D1|)))
