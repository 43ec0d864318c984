;;;; EMACS2CL_PROFILE=FILE: the image runs its command line under SBCL's statistical profiler
;;;; (sb-sprof, CPU time) and writes the flat and the call-graph report to FILE when Emacs exits --
;;;; where the time of a batch job goes, down to the translated C functions and the runtime.

(in-package "EMACS2CL-GLUE")

(defun profile-report (file)
  "Stop the profiler and write its reports to FILE."
  (sb-sprof:stop-profiling)
  (with-open-file (s file :direction :output :if-exists :supersede)
    (sb-sprof:report :type :flat :max 80 :stream s)
    (sb-sprof:report :type :graph :max 60 :stream s)))

(defun profiled (thunk)
  "THUNK, run under the profiler when EMACS2CL_PROFILE names a report file: the report is written
by C's exit (kill-emacs), through the runtime's atexit functions."
  (let ((file (sb-ext:posix-getenv "EMACS2CL_PROFILE")))
    (when (and file (string/= file ""))
      (push (lambda () (profile-report file)) emacs2cl-runtime::**atexit-functions**)
      (sb-sprof:start-profiling :max-samples 400000 :mode :cpu :sample-interval 0.002 :threads :all))
    (funcall thunk)))
