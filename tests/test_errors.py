"""Bad input: one clear line, a non-zero exit, and the rest of the batch goes on."""
import re
import subprocess
from pathlib import Path

import pytest
from conftest import emacs2cl

from translator.dump import dump_source
from translator.errors import Emacs2clError
from translator.gimple.reader import read_unit

SMALL_TREE = Path(__file__).parent / "trees" / "small"


def error_lines(p):
    return [ln for ln in p.stderr.splitlines() if "error" in ln]


def test_gcc_rejects_a_file_and_the_batch_goes_on(tmp_path):
    p = emacs2cl("stats", "--emacs-src", str(SMALL_TREE), cache=tmp_path)
    assert p.returncode == 1
    (line,) = [ln for ln in p.stderr.splitlines() if "failed" in ln]
    assert line.startswith("emacs2cl: src/bad.c: gcc failed: bad.c:1:") and "error: expected expression" in line
    assert "files           1  (1 rejected by GCC)" in p.stdout
    assert "functions       1" in p.stdout  # good.c's `twice`
    dumps = list(tmp_path.glob("emacs2cl/dumps/*/*/*"))
    assert [d.name for d in dumps] == ["src__good.c.sx"]  # nothing partial left for bad.c


def test_dump_of_the_good_file_of_a_tree(tmp_path):
    p = emacs2cl("dump", "--emacs-src", str(SMALL_TREE), "--file", "good.c", "--function", "twice", cache=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "int twice (int x)" in p.stdout and " = x * 2;  [line 1]" in p.stdout


def test_unknown_release_lists_the_known_ones():
    p = emacs2cl("stats", "27.1")
    assert p.returncode == 1
    assert p.stderr.strip().splitlines() == [
        "emacs2cl: error: unknown Emacs release '27.1'; known releases: 28.2, 30.1, 30.2 "
        "(or give a tree with --emacs-src DIR)"]


def test_unknown_file_of_a_build(tmp_path):
    p = emacs2cl("dump", "--emacs-src", str(SMALL_TREE), "--file", "nosuch.c", cache=tmp_path)
    assert p.returncode == 1
    (line,) = error_lines(p)
    assert re.fullmatch(r"emacs2cl: error: nosuch\.c is not a file of the tree-99\.1-\w+-\w+ build "
                        r"\(2 files; `emacs2cl stats` lists them\)", line), line


def test_not_an_emacs_tree(tmp_path):
    p = emacs2cl("source", "--emacs-src", str(tmp_path))
    assert p.returncode == 1
    assert p.stderr.strip() == f"emacs2cl: error: {tmp_path} is not an Emacs source tree (no configure.ac)"


def test_missing_tool_is_named(tmp_path):
    """With an empty cache and no apt-get on PATH, fetching a release says what to install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    p = emacs2cl("source", "28.2", env={"PATH": str(bin_dir)}, cache=tmp_path / "cache")
    assert p.returncode == 1
    assert p.stderr.strip().splitlines()[-1] == ("emacs2cl: error: apt-get not found: install the Debian package apt "
                                                 "(scripts/setup installs everything emacs2cl needs)")


def test_missing_compiler_is_named(tmp_path):
    c = tmp_path / "x.c"
    c.write_text("int x;\n")
    with pytest.raises(Emacs2clError, match=r"^no-such-gcc not found: install the Debian package gcc-12"):
        dump_source(c, tmp_path / "x.sx", gcc="no-such-gcc")


def test_gcc_error_through_dump_source(tmp_path):
    c = tmp_path / "bad.c"
    c.write_text("int f (void) { return undeclared; }\n")
    with pytest.raises(Emacs2clError) as e:
        dump_source(c, tmp_path / "bad.sx")
    assert str(e.value).startswith("bad.c: gcc failed: ") and "error: 'undeclared' undeclared" in str(e.value)
    assert "\n" not in str(e.value)
    assert list(tmp_path.iterdir()) == [c]  # no dump, no temporary file


@pytest.mark.parametrize("cut, message", [(0.5, "unbalanced '('"), (-8, "truncated: no (end ...) form")])
def test_malformed_dump(tmp_path, cut, message):
    c = tmp_path / "ok.c"
    c.write_text("int f (int a) { return a + 1; }\nint g = 3;\n")
    text = dump_source(c, tmp_path / "ok.sx").read_text()
    end = text.rindex("(end ")
    broken = tmp_path / "broken.sx"
    broken.write_text(text[:int(len(text) * cut)] if cut > 0 else text[:end] + "\n")
    with pytest.raises(Emacs2clError, match=r"^malformed dump .*broken.sx: .*" + message.replace("(", r"\(").replace(")", r"\)")):
        read_unit(broken)


def test_compile_status_says_what_the_report_says(tmp_path):
    """A file compile-file compiles cleanly is not counted as failed (its status once read back as
    COMMON-LISP:NIL, which listed every file of a clean 28.2 compile as failed); a warning is
    reported and muffled, so its file compiled; a file with an error failed, the error is
    reported, and the summary says so."""
    from translator.compile import compile_translation, unusable
    header = "(in-package :e2c-status-test)\n"
    (tmp_path / "package.lisp").write_text("(defpackage :e2c-status-test (:use :common-lisp))\n")
    (tmp_path / "structs.lisp").write_text(header)
    (tmp_path / "globals.lisp").write_text(header)
    (tmp_path / "clean.lisp").write_text(header + "(defun clean (x) (1+ x))\n")
    (tmp_path / "warned.lisp").write_text(header + "(defun warned (x) (+ x no-such-variable))\n")
    (tmp_path / "broken.lisp").write_text(header + "(defun broken (x) (let ((1 x)) x))\n")
    result = compile_translation(tmp_path, 2)
    kinds = sorted((m["kind"], m["file"], m["function"]) for m in result["messages"] if m["kind"] != "style-warning")
    # SBCL's "caught ERROR" for a malformed form is no CL ERROR: it was once left out of the
    # report while its file failed.
    assert kinds == [("error", "broken.lisp", "BROKEN"), ("warning", "warned.lisp", "WARNED")]
    assert (result["errors"], result["warnings"], result["files_failed"]) == (1, 1, ["broken.lisp"])
    assert result["summary"].startswith("1 errors, 1 warnings, ")
    assert "; 1 files failed to compile; " in result["summary"]
    assert unusable(result) == "files failed to compile: broken.lisp"     # no image is built from it


def test_a_translation_calling_what_nothing_defines_makes_no_image(tmp_path):
    """A function the compiled translation calls that neither it nor the runtime's interface
    defines makes every command of an image fail ("Cannot open load file: debug" once): the
    compile names it and `emacs2cl image` stops with that one line (compile.unusable) instead
    of building the image.  A clean translation is usable."""
    from translator.compile import compile_translation, unusable
    header = "(in-package :e2c-undefined-test)\n"
    (tmp_path / "package.lisp").write_text("(defpackage :e2c-undefined-test (:use :common-lisp))\n")
    (tmp_path / "structs.lisp").write_text(header)
    (tmp_path / "globals.lisp").write_text(header)
    (tmp_path / "caller.lisp").write_text(header + "(defun caller (x) (|missing_in_c| x))\n")
    result = compile_translation(tmp_path, 1)
    assert result["undefined_outside_runtime"] == ["missing_in_c"]
    assert unusable(result) == "functions called but defined nowhere: missing_in_c"
    (tmp_path / "caller.lisp").write_text(header + "(defun caller (x) (1+ x))\n")
    assert unusable(compile_translation(tmp_path, 1)) is None


@pytest.mark.parametrize("checked, outcome", [(False, "UNCHECKED"), (True, "CHECKED")])
def test_checked_policy_overrides_what_a_function_declares(tmp_path, checked, outcome):
    """`emacs2cl compile --checked` (docs/optimize-policy.md): a function that declares safety 0
    trusts its declarations under the default policy and checks them under the checked one."""
    from translator.compile import compile_translation
    header = "(in-package :e2c-policy-test)\n"
    (tmp_path / "package.lisp").write_text("(defpackage :e2c-policy-test (:use :common-lisp))\n")
    (tmp_path / "structs.lisp").write_text(header)
    (tmp_path / "globals.lisp").write_text(header)
    (tmp_path / "unsafe.lisp").write_text(
        header + "(defun unsafe (x) (declare (optimize (safety 0)) (fixnum x))\n"
                 "  (if (typep x 'fixnum) :unchecked :impossible))\n")
    result = compile_translation(tmp_path, 1, checked=checked)
    assert result["errors"] == 0 and result["policy"] == ("checked" if checked else "default")
    run = subprocess.run(["sbcl", "--script"], input=(
        f'(load "{tmp_path}/package.lisp") (load "{tmp_path}/fasl/unsafe.fasl")\n'
        '(princ (handler-case (funcall (find-symbol "UNSAFE" :e2c-policy-test) "a")'
        ' (type-error () :checked)))\n'), capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == outcome, run.stderr
