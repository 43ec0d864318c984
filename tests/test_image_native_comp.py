"""Native compilation (glue/native-comp.lisp, issue 11): byte-code compiled by SBCL gives what
Debian's Emacs 28.2 gives.  The byte-code test files (tests/bytecode, tests/bytecode/fast-paths:
every opcode, handlers, switch tables, calls, backtraces, the edges of each inline path) run with
every function compiled on its first call (EMACS2CL_NATIVE_COMPILE=all), and `native-compile' of
functions -- byte-code, interpreted, closures, dynamic binding -- against Debian's own
`native-compile'."""
import io
from pathlib import Path

import pytest
from conftest import EMACS, batch, byte_compiled_by_emacs, translation28_dir

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

BYTECODE = Path(__file__).resolve().parent / "bytecode"


@pytest.mark.parametrize("sources", [sorted(BYTECODE.glob("*.el")),
                                     sorted((BYTECODE / "fast-paths").glob("*.el"))],
                         ids=["bytecode", "fast-paths"])
def test_byte_code_files_compiled_natively_run_as_in_emacs(image, tmp_path, sources):
    args = byte_compiled_by_emacs(sources, tmp_path)
    expected = batch(EMACS, *args)
    assert expected[0] == 0 and expected[1].count("\n") > 30
    status, out, err = batch(image, *args, timeout=600, env={"EMACS2CL_NATIVE_COMPILE": "all"})
    for want, got in zip(expected[1].splitlines(), out.splitlines()):
        assert got == want
    assert (status, out, err) == expected


NATIVE_COMPILE = r"""
(progn
  (setq native-comp-eln-load-path (list "%(tmp)s/") native-comp-deferred-compilation nil)
  (defun nc-fib (n) (if (< n 2) n (+ (nc-fib (- n 1)) (nc-fib (- n 2)))))
  (defun nc-handlers (x)
    (list (condition-case err (/ 10 x) (arith-error (list 'caught err)))
          (catch 'tag (when (> x 3) (throw 'tag 'thrown)) 'normal)
          (let ((log nil)) (ignore-errors (unwind-protect (car x) (push 'unwound log))) log)
          (condition-case err (mapcar (lambda (y) (if (eq y 2) (signal 'my-error (list y)) y)) '(1 2))
            (error (list 'from-c err)))))
  (define-error 'my-error "Mine")
  (defun nc-switch (x) (pcase x ('a 1) ('b 2) ('c 3) ("s" 4) ('1.5 5) ((pred consp) 6) (_ 0)))
  (defun nc-closures (l) (let ((n 0)) (list (mapcar (lambda (x) (setq n (+ n x)) (* x n)) l) n)))
  (defvar nc-special 1)
  (defun nc-dynamic (x) (let ((nc-special x) (case-fold-search nil)) (list (nc-read) (string-match "A" "a"))))
  (defun nc-read () nc-special)
  (defun nc-args (a &optional b &rest r) (list a b r))
  (let ((before (list (nc-fib 20) (nc-handlers 0) (nc-handlers 5) (mapcar #'nc-switch '(a b c "s" 1.5 (1) z))
                      (nc-closures '(1 2 3)) (nc-dynamic 7) nc-special (nc-args 1) (nc-args 1 2 3 4))))
    (dolist (f '(nc-fib nc-handlers nc-switch nc-closures nc-dynamic nc-read nc-args))
      (native-compile f))
    (native-compile '(lambda (x) (* x x)))
    (let ((after (list (nc-fib 20) (nc-handlers 0) (nc-handlers 5) (mapcar #'nc-switch '(a b c "s" 1.5 (1) z))
                       (nc-closures '(1 2 3)) (nc-dynamic 7) nc-special (nc-args 1) (nc-args 1 2 3 4))))
      (print (equal before after))
      (print after)
      (print (list (func-arity 'nc-args) (functionp 'nc-fib)
                   (condition-case err (nc-fib "x") (error err)))))))
"""


def test_native_compile_of_functions_agrees_with_emacs(image, tmp_path):
    """Each function natively compiled gives the values it gave before, and those of Debian's
    Emacs with its own native compilation; errors from compiled code are Emacs's.  (Not compared:
    a wrong number of arguments names the function's arity, (1 . 2), where Debian's names the
    native subr; docs/native-compilation.md.)"""
    form = NATIVE_COMPILE % {"tmp": tmp_path}
    expected = batch(EMACS, "--eval", form, cwd=str(tmp_path))
    assert expected[0] == 0 and "\nt\n" in expected[1], expected
    got = batch(image, "--eval", form, cwd=str(tmp_path))
    assert got[:2] == expected[:2], got[2]


def test_native_compile_says_what_it_cannot_do(image, tmp_path):
    """A file is not compiled yet: an elisp error saying so, reported as batch Emacs reports one."""
    (tmp_path / "f.el").write_text("(defun f () 1)\n")
    status, out, err = batch(image, "--eval", f'(native-compile "{tmp_path}/f.el")')
    assert status == 255
    assert 'Lisp error: (error "Native compilation of files is not supported yet")' in err


def test_every_function_of_the_byte_code_files_compiles(image, tmp_path):
    """No function of the byte-code test files stays byte-code: `native-compile' signals, naming
    the reason, for one it cannot compile (EMACS2CL_NATIVE_COMPILE=all leaves it byte-code)."""
    sources = sorted(BYTECODE.glob("*.el")) + sorted((BYTECODE / "fast-paths").glob("*.el"))
    args = byte_compiled_by_emacs(sources, tmp_path)
    compile_all = ("(let ((n 0)) (mapatoms (lambda (s) (when (and (fboundp s) (byte-code-function-p"
                   " (symbol-function s)) (string-match-p \"\\\\`\\\\(bcd?\\\\|cl\\\\|fp\\\\|ns\\\\|sw\\\\)-\""
                   " (symbol-name s))) (condition-case err (progn (native-compile s) (setq n (1+ n)))"
                   " (error (message \"%S: %S\" s err)))))) (message \"compiled %d\" n))")
    status, out, err = batch(image, *args, "--eval", compile_all)
    assert status == 0
    lines = err.splitlines()
    assert lines[-1].startswith("compiled ") and int(lines[-1].split()[1]) > 30, err[-2000:]
    assert not [line for line in lines if ": (error " in line], err[-2000:]


def test_an_image_built_with_every_preloaded_function_compiled(build28, tmp_path):
    """`emacs2cl image --native` (as --with-native-compilation=aot): the dump compiles every
    preloaded function, none stays byte-code, and the byte-code test files run as in Emacs."""
    from translator.image import build_image
    target, log = tmp_path / "emacs-native", io.StringIO()
    build_image(translation28_dir(build28), Path(build28.root) / "lisp", target, log=log,
                scope="preloaded", native=True)
    done = [line for line in log.getvalue().splitlines() if "native-compile: " in line]
    assert len(done) == 1 and " 0 stay byte-code" in done[0], log.getvalue()[-3000:]
    assert int(done[0].split("native-compile: ")[1].split()[0]) > 3000
    args = byte_compiled_by_emacs(sorted(BYTECODE.glob("*.el")), tmp_path)
    assert batch(str(target), *args) == batch(EMACS, *args)


def test_natively_compiled_functions_are_named_in_profiles(image, tmp_path):
    """Under EMACS2CL_PROFILE, a natively compiled function is a row of its own, named after its
    symbol, and EMACS2CL_PROFILE_DISASSEMBLE disassembles it. The loop runs long enough (about
    0.7 s) for the function to lead the samples: 40 calls took 8 ms once it compiled well."""
    report = tmp_path / "profile.txt"
    form = ("(progn (defun nc-spin (n) (let ((s 0)) (dotimes (i n) (setq s (+ s (* i i)))) s))"
            " (native-compile 'nc-spin) (dotimes (_ 2000) (nc-spin 100000)))")
    status, out, err = batch(image, "--eval", form,
                             env={"EMACS2CL_PROFILE": str(report), "EMACS2CL_PROFILE_DISASSEMBLE": "3"})
    assert status == 0, err
    text = report.read_text()
    assert '(EMACS2CL-GLUE::NATIVE "nc-spin")' in text
    assert ';;;; #<FUNCTION (EMACS2CL-GLUE::NATIVE "nc-spin")' in text
