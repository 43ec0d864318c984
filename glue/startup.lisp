;;;; Start-up: what emacs.c's main does before it reads the command line -- the translation's
;;;; start-up sequence (rt-startup-steps), with the state alloc.c would have set up first -- and
;;;; the entry points the batch driver and the image use: reading, evaluating and loading elisp
;;;; through the translated reader, interpreter and `load'.

(in-package "EMACS2CL-GLUE")

(defvar *started* nil "True once the build-time start-up sequence has run in this image.")

(defun setup-alloc-globals ()
  "What alloc.c's init_alloc_once and init_strings would have set: the empty strings."
  (setf (rt-box-value c::|empty_unibyte_string|)
        (rt-make-lisp-string (make-array 0 :element-type '(unsigned-byte 8)) 0 nil)
        (rt-box-value c::|empty_multibyte_string|)
        (rt-make-lisp-string (make-array 0 :element-type '(unsigned-byte 8)) 0 t)))

(defun run-steps (phase &key (verbose nil))
  "Run the start-up steps of PHASE in emacs.c's order."
  (dolist (f (rt-startup-steps phase))
    (when verbose (format *error-output* "~&start-up: ~a~%" f) (finish-output *error-output*))
    (funcall f)))

(defun start-emacs (&key (verbose nil))
  "Initialize Emacs as temacs does when it is built: the alloc.c state, then every step of the
start-up sequence (init_*_once, syms_of_* ...)."
  (setf (rt-box-value c::|noninteractive|) 1)
  (setup-alloc-globals)
  (run-steps :build :verbose verbose)
  (setf *started* t))

(defun elisp-string (string)
  "A Lisp string of CL STRING's characters (multibyte when it has non-ASCII ones)."
  (let ((bytes (c-bytes-of string)))
    (rt-make-lisp-string bytes (length string) (/= (length bytes) (length string)))))

(defun elisp-read (string)
  "The first object read from STRING by the translated reader (read-from-string)."
  (car (c::|Fread_from_string| (elisp-string string) nil nil)))

(defun elisp-eval (form)
  "FORM evaluated by the translated interpreter with lexical binding (as --eval does)."
  (c::|Feval| form t))

(defun load-lisp-file (file)
  "Load FILE (a .el file) through the translated `load'."
  (c::|Fload| (elisp-string (namestring file)) nil t nil t))
