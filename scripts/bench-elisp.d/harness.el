;;; harness.el --- times one item of scripts/bench-elisp inside the Emacs running it  -*- lexical-binding: t -*-

;; Always loaded from source: it calls the item (interpreted, byte-compiled or native-compiled,
;; as the driver loaded items.el) once to warm up, then RUNS times, each call timed by
;; `float-time' around it alone, and prints the times and the value of the last call on lines
;; of their own that the driver reads back.  A garbage collection before each timed call (not
;; timed) makes the times those of the item's work rather than of when a collection falls.

(defun bench-elisp-run (item runs)
  "Call `bench-item/ITEM' once untimed, then RUNS times timed; print the times and its value."
  (let ((fn (intern (format "bench-item/%s" item))) (times nil) (value nil))
    (funcall fn)
    (dotimes (_ runs)
      (garbage-collect)
      (let ((start (float-time)))
        (setq value (funcall fn))
        (push (- (float-time) start) times)))
    (princ (format "\nBENCH-TIMES %s\nBENCH-VALUE %s\n"
                   (mapconcat (lambda (s) (format "%.6f" s)) (nreverse times) " ")
                   (prin1-to-string value)))))

(defun bench-elisp-native-compile ()
  "Natively compile each byte-compiled function of items.el (those named bench-...); print how
many and the seconds it took."
  (let ((functions nil) (start (float-time)))
    (mapatoms (lambda (s)
                (when (and (fboundp s) (string-prefix-p "bench-" (symbol-name s))
                           (byte-code-function-p (symbol-function s)))
                  (push s functions))))
    (mapc #'native-compile functions)
    (princ (format "\nBENCH-COMPILED %d %.6f\n" (length functions) (- (float-time) start)))))

;;; harness.el ends here
