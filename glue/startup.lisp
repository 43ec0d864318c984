;;;; Start-up when the image is built: what emacs.c's main does in temacs before loadup.el -- the
;;;; translation's start-up sequence (rt-startup-steps), alloc.c's init_alloc_once first among
;;;; them -- and reading, evaluating and loading elisp through the translated reader,
;;;; interpreter and `load'.  A started image runs main itself (image.lisp).

(in-package "EMACS2CL-GLUE")

(defvar *started* nil "True once the build-time start-up sequence has run in this image.")

(defun run-steps (&key (verbose nil))
  "Run the start-up steps in emacs.c's order, as temacs does."
  (dolist (f (rt-startup-steps))
    (when verbose (format *error-output* "~&start-up: ~a~%" f) (finish-output *error-output*))
    (funcall f)))

(defvar *lisp-dir* nil
  "The release's lisp/ directory the image was built from: the image's Lisp directory, where an
uninstalled Emacs finds its Lisp (the compiled-in installation directories do not exist).")

(defun setup-main-globals ()
  "What emacs.c's main sets before the start-up steps when temacs is run to be dumped
(`temacs --batch -l loadup'): batch mode, the working directory (init_buffer reads emacs_wd),
the locale, and the release's directories.  A started image runs main itself."
  (setf (rt-box-value c::|noninteractive|) 1
        (rt-box-value c::|build_details|) 1          ; no --no-build-details: system-name is set
        (rt-box-value c::|emacs_wd|) (rt-call-external "get_current_dir_name")
        (emacs-global "noninteractive1") 1)          ; elisp's `noninteractive'
  ;; main's locale: the environment's unless LC_ALL is C; curved quotes when it is UTF-8.
  (unless (equal (sb-ext:posix-getenv "LC_ALL") "C")
    (rt-call-external "setlocale" 6 (rt-make-ptr (c-bytes "") 0))   ; LC_ALL
    (c::|fixup_locale|))
  (setf (emacs-global "text_quoting_flag") (c::|emacs.c/using_utf8|))
  (set-release-directories))

(defun set-release-directories ()
  "The directories of the release's tree as the defaults of Emacs's search paths (the
environment variables EMACSLOADPATH, EMACSDATA, EMACSDOC, EMACSPATH), which init_lread,
init_callproc_1 and init_callproc read: the compiled-in installation directories do not exist."
  (when *lisp-dir*
    (let ((tree (merge-pathnames "../" *lisp-dir*)))
      (loop for (var dir) in '(("EMACSLOADPATH" "lisp") ("EMACSDATA" "etc") ("EMACSDOC" "etc")
                                ("EMACSPATH" "lib-src"))
            do (setenv var (path-with-default (sb-ext:posix-getenv var)
                                              ;; A directory as configure writes it, without the
                                              ;; final slash a CL directory's namestring has.
                                              (string-right-trim "/" (namestring (truename-or-self (merge-pathnames dir tree))))))))))

(defun path-with-default (value default)
  "A search path VALUE (a colon-separated environment variable) with DEFAULT in place of each
empty element, or DEFAULT alone when VALUE is unset or empty: what decode_env_path and init_lread
make of it when the default directories are DEFAULT, the release's tree's."
  (if (or (null value) (string= value ""))
      default
      (format nil "~{~a~^:~}" (loop for start = 0 then (1+ end)
                                    for end = (position #\: value :start start)
                                    for element = (subseq value start end)
                                    collect (if (string= element "") default element)
                                    while end))))

(defun setenv (var value)
  (rt-call-external "setenv" (rt-make-ptr (c-bytes var) 0) (rt-make-ptr (c-bytes value) 0) 1))

(defun truename-or-self (path)
  (or (ignore-errors (truename path)) path))

(defun start-emacs (&key (verbose nil) lisp-dir)
  "Initialize Emacs as temacs does when it is built: every step of the start-up sequence
(init_*_once, syms_of_* ...); LISP-DIR is the release's lisp/ directory."
  (setf *lisp-dir* (and lisp-dir (pathname lisp-dir)))
  (setup-main-globals)
  (run-steps :verbose verbose)
  (setf *started* t))

(defun elisp-read (string)
  "The first object read from STRING by the translated reader (read-from-string)."
  (car (c::|Fread_from_string| (elisp-string string) nil nil)))

(defun elisp-eval (form)
  "FORM evaluated by the translated interpreter with lexical binding (as --eval does)."
  (c::|Feval| form t))

(defun load-lisp-file (file)
  "Load FILE (a .el file) through the translated `load'."
  (c::|Fload| (elisp-string (namestring file)) nil t nil t))

;;; ------------------------------------------------------------------------------------------
;;; comp.c is skipped (native compilation is SBCL's, native-comp.lisp): its start-up makes
;;; `native-compile', and `native-comp-available-p', nil while the rest of comp.el's interface
;;; (`native-compile-async', .eln files) is missing.

(defun syms-of-comp ()
  "syms_of_comp: `native-comp-available-p' and `native-compile'."
  (c::|defsubr| (make-subr "native-comp-available-p" (lambda () nil) 0 0))
  (c::|defsubr| (make-subr "native-compile" #'native-compile 1 2)))

(rt-implement 'rt-syms-of-comp #'syms-of-comp)
