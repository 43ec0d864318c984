(defun |internal_catch| (|$tag| |$func| |$arg|)
  (declare (ignorable |$tag| |$func| |$arg|))
  (let*
    ((|$D4| nil)
      (|$D3| 0)
      (|$D1| nil)
      (|$val.2| nil)
      (|$val| nil)
      (|$c| nil)
      (|$D5| nil)
      (|$D2| nil)
      (|$_6| nil))
    (declare (type (signed-byte 32) |$D3|))
    (rt-setjmp-frame
      (|$setjmp/frame| |$setjmp/receiver| |$setjmp/value|)
      (tagbody
        (case |$setjmp/receiver|
          ((nil)
            (setq |$D1| (|push_handler| |$tag| 0))
            (setq |$c| |$D1|)
            (setq |$D2| (rt-make-ptr (|handler.jmp| (rt-obj |$c| '|struct handler|)) 0))
            (go |B4|))
          (t (go |B4|)))
        |B4|
        (setq |$D3|
          (if |$setjmp/receiver|
            (progn (setq |$setjmp/receiver| nil) |$setjmp/value|)
            (rt-setjmp |$D2| |$setjmp/frame| 1)))
        (tagbody
          (when (= |$D3| 0)
            (setq |$D4| (funcall |$func| |$arg|))
            (setq |$val| |$D4|)
            (setf
              (|thread_state.m_handlerlist|
                (rt-obj
                  (rt-box-value (rt-external-variable "current_thread"))
                  '|struct thread_state|))
              (|handler.next| (rt-obj |$c| '|struct handler|)))
            (setq |$D5| |$val|)
            (go |B10|))
          (setq |$_6|
            (|thread_state.m_handlerlist|
              (rt-obj (rt-box-value (rt-external-variable "current_thread")) '|struct thread_state|)))
          (setq |$val.2| (|handler.val| (rt-obj |$_6| '|struct handler|)))
          (setf
            (|thread_state.m_handlerlist|
              (rt-obj (rt-box-value (rt-external-variable "current_thread")) '|struct thread_state|))
            (|handler.next| (rt-obj |$_6| '|struct handler|)))
          (setq |$D5| |$val.2|)
          (go |B10|)
          |B10|
          (return-from |internal_catch| |$D5|))))))
