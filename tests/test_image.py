"""The image end to end (issue 4): built from the whole 28.2 translation by the code of
`emacs2cl image`, then run like `emacs --batch` and compared with Debian's Emacs 28.2 -- the
buffer-local example of the issue, bad input, and the differential corpus of the areas CI runs
(CI_AREAS), whose every disagreement must be listed in tests/corpus/known-differences.sexp.
EMACS2CL_IMAGE names an already built image instead (then the whole corpus runs in
test_corpus.py too)."""
import subprocess
from pathlib import Path

import pytest
from batch_cases import called_functions, oracle_function_kinds, without_unrecorded_frames
from conftest import EMACS, batch, byte_compiled_by_emacs, translation28_dir

from translator import corpus

# The corpus areas CI runs in the image: the interpreter, data.c and fns.c (the full corpus is
# test_corpus.py's, with EMACS2CL_IMAGE set).
CI_AREAS = ("eval", "data", "fns", "format", "character")

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")


BUFFER_LOCAL = """
(progn
  (defvar global 73)
  (defun corpus-f (local argument) (+ local argument global))
  (let ((b (get-buffer-create " corpus-local")) (results nil))
    (with-current-buffer b
      (make-local-variable 'global)
      (setq global 0)
      (push (corpus-f 1 2) results))
    (push (corpus-f 1 2) results)
    (with-current-buffer b (push (let ((global 10)) (corpus-f 1 2)) results)
                           (push (corpus-f 1 2) results))
    (push (let ((global 20)) (corpus-f 1 2)) results)
    (push global results)
    (prin1 (reverse results))))
"""


def test_buffer_local_example_agrees_with_emacs(image):
    """The issue's example: a buffer-local binding seen in its buffer only, and let binding the
    right one."""
    assert batch(image, "--eval", BUFFER_LOCAL) == batch(EMACS, "--eval", BUFFER_LOCAL)
    assert batch(image, "--eval", BUFFER_LOCAL)[1] == "(3 76 13 3 23 73)"


@pytest.mark.parametrize("args", [
    ["--eval", "(progn (princ \"a\") (message \"b\") (kill-emacs 3))"],
    ["--eval", "(car"],                                   # a reader error
    ["--eval", "(corpus-no-such-function)"],              # void function
    ["--eval", "(signal 'foo nil)"],
    ["--eval", "(progn (defun corpus-r (n) (1+ (corpus-r n))) (corpus-r 1))"],  # runaway recursion
    ["-l", "corpus-no-such-file"],
    ["--eval", "(kill-emacs 256)"],
], ids=["streams", "reader-error", "void-function", "signal-foo", "recursion", "missing-file",
        "kill-emacs-256"])
def test_bad_input_and_exit_codes_agree_with_emacs(image, args):
    """Exit status, stdout and stderr equal: the message, or debug.el's "Debugger entered--Lisp
    error: ..." and the backtrace's frames, but for those Debian's native-compiled Lisp does not
    record (batch_cases.without_unrecorded_frames); a runaway recursion's frames depend on
    max-lisp-eval-depth, which differs (batch_cases.DEPTH_DEPENDENT): its first line only."""
    status, out, err = batch(image, *args)
    e_status, e_out, e_err = batch(EMACS, *args)
    assert (status, out) == (e_status, e_out)
    if "max-lisp-eval-depth" in e_err:
        assert err.lstrip("\n").split("\n")[0] == e_err.lstrip("\n").split("\n")[0]
    else:
        assert without_unrecorded_frames(err, oracle_function_kinds(EMACS, called_functions(err))) == e_err


def test_binding_stack_overflow_stops_with_one_line(image):
    """A byte-compiled recursion deeper than max-specpdl-size, uncaught: grow_specpdl signals with
    specpdl_ptr past the end of the full specpdl, and the batch debugger's specbind writes there
    again at each signal.  Debian's Emacs 28.2 aborts here (a heap corruption, status 134); the
    image stops with one line and status 255, not SBCL's backtrace of nested errors."""
    form = ("(progn (defun corpus-d (n) (if (= n 0) 0 (1+ (corpus-d (1- n))))) (byte-compile 'corpus-d)"
            " (setq max-lisp-eval-depth 20000) (corpus-d 5000))")
    status, out, err = batch(image, "--eval", form)
    assert (status, out) == (255, "")
    assert err.startswith("emacs2cl: internal error: ") and err.count("\n") == 1, err[-2000:]


# c-mode on a C function: cc-mode's regexps (`\\=' in a string included), syntax tables and text
# properties, all through translated C.
C_MODE = r"""
(with-temp-buffer
  (insert "/* A comment.  */\n#include <stdio.h>\n\nstatic int\ncount (const char *s, int c)\n{\nint n = 0;\nfor (; *s; s++)\nif (*s == c)\n{\nn++;\n}\nelse\ncontinue;\nreturn n;\n}\n\nstruct point { int x, y; };\n\nint\nmain (void)\n{\nstruct point p = { 1, 2 };\nswitch (p.x)\n{\ncase 1:\nprintf (\"%d\\n\", count (\"abc\", 'a'));\nbreak;\ndefault:\nreturn 1;\n}\nreturn 0;\n}\n")
  (c-mode)
  (let ((out nil))
    (indent-region (point-min) (point-max))
    (push (buffer-string) out)
    (goto-char (point-min))
    (search-forward "n++")
    (push (list (point) (mapcar #'car (c-guess-basic-syntax))) out)
    (c-beginning-of-defun)
    (push (point) out)
    (c-end-of-defun)
    (push (point) out)
    (goto-char (point-min))
    (search-forward "case 1")
    (push (mapcar #'car (c-guess-basic-syntax)) out)
    (goto-char (point-min))
    (let ((n 0)) (while (ignore-errors (c-end-of-defun) (< n 20)) (setq n (1+ n))) (push (list n (point)) out))
    (goto-char (point-min))
    (search-forward "{ 1")
    (push (nth 0 (syntax-ppss)) out)
    (prin1 (nreverse out))))
"""


def test_c_mode_indents_and_moves_as_in_emacs(image):
    """c-mode in a buffer of C: indent-region's text and the text properties cc-mode leaves,
    c-guess-basic-syntax, c-beginning-of-defun and c-end-of-defun, syntax-ppss, as in Emacs.
    (The corpus cannot call c-mode: it refuses autoloaded functions.)"""
    status, out, err = batch(image, "--eval", C_MODE)
    assert (status, out) == batch(EMACS, "--eval", C_MODE)[:2], err
    assert "  return 0;\n}" in out


BYTECODE = Path(__file__).resolve().parent / "bytecode"


def test_byte_compiled_files_run_as_in_emacs(image, tmp_path):
    """tests/bytecode/*.el, byte-compiled by Debian's Emacs 28.2, then loaded by it and by the
    image: the same output, line for line.  They run bytecode.c's opcodes (stack, variables,
    calls, handlers, switch tables, buffer operations, closures made by make-closure, argument
    templates and dynamic-binding arglists) through the image's interpreter of them."""
    args = byte_compiled_by_emacs(sorted(BYTECODE.glob("*.el")), tmp_path)
    expected = batch(EMACS, *args)
    assert expected[0] == 0 and expected[1].count("\n") > 30
    assert batch(image, *args) == expected


def test_corpus_areas_agree_with_emacs(image):
    forms = [f for f in corpus.load_corpus() if f.id.split(":")[0] in CI_AREAS]
    oracle = corpus.run([EMACS], forms)
    got = corpus.run([image], forms)
    known = {k: v for k, v in corpus.load_known().items() if k.split(":")[0] in CI_AREAS}
    stats = corpus.compare(oracle, got, known)
    print(corpus.summary(stats))
    assert stats["unknown"] == [], corpus.summary(stats)


CL_SIDE = """
(in-package "EMACS2CL-GLUE")
(prepare-emacs (pathname "{lisp}/"))
(elisp-eval (elisp-read "(defvar global 73)"))
(define-elisp-variable-macros elisp::|global|)
(defun f (local argument) (+ local argument elisp::|global|))
(let ((b (c::|Fget_buffer_create| (elisp-string "corpus-b") nil)) (other (c::|Fcurrent_buffer|)))
  (c::|Fset_buffer| b)
  (c::|Fmake_local_variable| 'elisp::|global|)
  (setf elisp::|global| 0)
  (format t "~&RESULT ~s~%"
          (list (f 1 2)
                (progn (c::|Fset_buffer| other) (f 1 2))
                (with-elisp-bindings ((elisp::|global| 10)) (f 1 2))
                (progn (c::|Fset_buffer| b) (with-elisp-bindings ((elisp::|global| 20)) (f 1 2)))
                (f 1 2)
                (progn (c::|Fset_buffer| other) elisp::|global|))))
"""


def test_cl_code_sees_elisp_bindings_through_symbol_macros(build28):
    """The issue's buffer-local example written in CL: a function reading elisp's `global'
    through the glue's symbol macro sees 0 in the buffer where it is local and 73 elsewhere,
    and with-elisp-bindings binds the binding elisp's let would."""
    out = translation28_dir(build28)
    root = Path(__file__).resolve().parent.parent
    script = (f'(defvar cl-user::*runtime* "{root}/cl-runtime/") (defvar cl-user::*glue* "{root}/glue/")'
              f'(defvar cl-user::*translation* "{out}/") (load "{root}/translator/lisp/load-image.lisp")'
              + CL_SIDE.replace("{lisp}", str(Path(build28.root) / "lisp")))
    p = subprocess.run(["sbcl", "--dynamic-space-size", "4096", "--control-stack-size", "64MB",
                        "--script", "/dev/stdin"],
                       input=script, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    lines = [l for l in p.stdout.splitlines() if l.startswith("RESULT ")]
    assert lines, p.stdout[-2000:] + p.stderr[-2000:]
    assert lines[-1] == "RESULT (3 76 13 23 3 73)"
