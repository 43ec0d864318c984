;;;; EMACS2CL_PROFILE=FILE: the image runs its command line under SBCL's statistical profiler
;;;; (sb-sprof, CPU time; the allocations with EMACS2CL_PROFILE_MODE=alloc) and writes the flat
;;;; and the call-graph report to FILE when Emacs exits -- where the time of a batch job goes,
;;;; down to the translated C functions and the runtime.

(in-package "EMACS2CL-GLUE")

(defun profile-report (file)
  "Stop the profiler and write its reports to FILE; with EMACS2CL_PROFILE_DISASSEMBLE=N, then the
disassembly of the N functions with the most samples of their own, each instruction annotated
with its samples (sb-sprof's disassembler note): where inside a large translated function (eval_sub)
the time goes."
  (sb-sprof:stop-profiling)
  (with-open-file (s file :direction :output :if-exists :supersede)
    (sb-sprof:report :type :flat :max 80 :stream s)
    (sb-sprof:report :type :graph :max 60 :stream s)
    (let ((n (ignore-errors
              (parse-integer (or (sb-ext:posix-getenv "EMACS2CL_PROFILE_DISASSEMBLE") "")))))
      (when n
        (let ((*standard-output* s))
          (dolist (name (top-profiled-functions n))
            (format s "~&~%;;;; ~S~%" name)
            (ignore-errors (disassemble name))))))))

(defun top-profiled-functions (n)
  "The N functions with the most samples of their own, in the flat report's order: their names,
or the compiled code of natively compiled elisp."
  (let ((names '()))
    ;; The flat report's rows, read back: sb-sprof keeps its per-function counts internal.
    (with-input-from-string (in (with-output-to-string (s)
                                  (sb-sprof:report :type :flat :max n :stream s)))
      (loop for line = (read-line in nil)
            while line
            ;; Nr, self count and %, total count and %, cumulative count and %, calls, name.
            do (let ((fields (ignore-errors
                              (with-input-from-string (l line)
                                (let ((*read-eval* nil))
                                  (loop repeat 9 collect (read l)))))))
                 (when (and (= (length fields) 9) (integerp (first fields)))
                   (let* ((name (ninth fields))
                          (native (gethash name *native-code-by-name*)))   ; compiled elisp
                     (cond ((and (symbolp name) (fboundp name)) (push name names))
                           (native (push native names))))))))
    (nreverse names)))

(defun profiled (thunk)
  "THUNK, run under the profiler when EMACS2CL_PROFILE names a report file: the report is written
by C's exit (kill-emacs), through the runtime's atexit functions."
  (let ((file (sb-ext:posix-getenv "EMACS2CL_PROFILE")))
    (when (and file (string/= file ""))
      (push (lambda () (profile-report file)) emacs2cl-runtime::**atexit-functions**)
      ;; EMACS2CL_PROFILE_MODE=alloc: where the allocations are made, rather than the time.
      (sb-sprof:start-profiling :max-samples 400000 :sample-interval 0.002 :threads :all
                                :mode (if (equal (sb-ext:posix-getenv "EMACS2CL_PROFILE_MODE") "alloc")
                                          :alloc :cpu)))
    (funcall thunk)))
