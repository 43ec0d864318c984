(defun |Fforward_char| (|$n|)
  (declare (ignorable |$n|))
  (let* ((|$D1| nil)) (setq |$D1| (|cmds.c/move_point| |$n| 1)) (return-from |Fforward_char| |$D1|)))
