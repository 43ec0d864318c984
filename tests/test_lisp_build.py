"""Emacs's build steps after temacs, run by the image (translator/lisp_build.py): the image
built by `emacs2cl image` (the `image` fixture) has made its own subdirs.el files, loaddefs.el
and cl-loaddefs.el, Unicode property tables and .elc files, and preloads those .elc; each is
checked against Debian's Emacs 28.2 running the same elisp."""
import shutil
from pathlib import Path

import pytest
from conftest import EMACS, batch

from translator.lisp_build import LispBuild

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")


def value(executable, form):
    """The printed value of FORM in EXECUTABLE, failing with its stderr."""
    status, out, err = batch(executable, "--eval", f"(prin1 {form})")
    assert status == 0, err
    return out


def both(image, form):
    return value(image, form), value(EMACS, form)


# Relative to the Lisp directory of each Emacs: the image's tree's lisp/, Debian's installed one.
LOAD_PATH = """(let ((lisp (expand-file-name "../lisp/" data-directory)))
  (delq nil (mapcar (lambda (d) (and (string-prefix-p lisp (file-name-as-directory d))
                                     (file-relative-name d lisp)))
                    load-path)))"""


def test_load_path_is_emacs_s(image):
    """load-path as normal-top-level makes it from each directory's subdirs.el (written by
    update-subdirs): the same directories, in the same order, as Debian's Emacs."""
    ours, gnu = both(image, LOAD_PATH)
    assert ours == gnu
    assert '"calc"' in ours and '"org"' in ours and '"obsolete"' in ours


def test_load_path_honours_emacsloadpath(image, tmp_path):
    """EMACSLOADPATH set to a directory and an empty element: that directory, then the image's
    Lisp directory (the default, as decode_env_path puts it in place of the empty element)."""
    env = {"EMACSLOADPATH": f"{tmp_path}:"}
    status, out, err = batch(image, "--eval", "(prin1 (list (car load-path) (file-exists-p (expand-file-name \"subr.el\" (cadr load-path)))))", env=env)
    assert (status, out) == (0, f'("{tmp_path}" t)'), err


@pytest.mark.parametrize("form", [
    "(progn (require 'cl-lib) (cl-subseq [1 2 3] 1))",  # cl-extra, autoloaded from cl-loaddefs.el
    "(progn (require 'cl-lib) (cl-remove-if #'cl-oddp '(1 2 3 4)))",  # cl-seq
    "(progn (require 'org) (featurep 'org))",    # its sources read \N{NAME}: uni-name.el
    "(progn (require 'calc) (featurep 'calc))",
    "(progn (require 'url-util) (url-hexify-string \"a b/é\"))",
    # From loaddefs.el: an autoload (its docstring, which GNU's DOC holds, left out).
    "(let ((f (symbol-function 'calendar))) (list (car f) (nth 1 f) (nth 3 f) (nth 4 f)))",
], ids=["cl-subseq", "cl-remove-if", "org", "calc", "url-util", "loaddefs-autoload"])
def test_generated_autoloads_and_load_path_reach_lisp(image, form):
    """What loaddefs.el, cl-loaddefs.el and the full load-path make reachable, as in Emacs."""
    ours, gnu = both(image, form)
    assert ours == gnu


CHARACTER_PROPERTIES = """(let (out)
  (dolist (c '(?A ?z ?0 ?\\s ?é ?ß ?ǅ ?ǆ ?Ω ?Σ ?ς ?ﬁ ?א ?ا ?٣ ?中 ?가 ?€ ?( ?] ?\\x300 ?½ ?\\x1F600 ?\\x10FFFD
               ?\\x10FFFF))
    (dolist (p '(general-category name old-name canonical-combining-class bidi-class decomposition
                 decimal-digit-value digit-value numeric-value mirrored uppercase lowercase titlecase
                 special-uppercase special-lowercase special-titlecase mirroring paired-bracket
                 bracket-type))
      (push (list c p (get-char-code-property c p)) out)))
  (nreverse out))"""


def test_unicode_properties_agree_with_emacs(image):
    """The tables unidata-gen.el made with the image (uni-*.el, charprop.el) give Emacs's values."""
    ours, gnu = both(image, CHARACTER_PROPERTIES)
    assert ours == gnu


def test_documentation_comes_from_etc_doc(image):
    """etc/DOC, made by make-docfile as src/Makefile makes it and read by loadup.el's
    Snarf-documentation: a primitive's and a preloaded variable's documentation as in Emacs."""
    ours, gnu = both(image, "(list (documentation 'car) (documentation-property 'load-path 'variable-documentation))")
    assert ours == gnu


def test_image_preloads_its_own_elc(image):
    """loadup.el loaded the .elc files the image compiled: preloaded functions are byte-code,
    and load-history names the .elc."""
    out = value(image, "(list (byte-code-function-p (symbol-function 'file-name-sans-extension))"
                       " (file-name-nondirectory (symbol-file 'file-name-sans-extension)))")
    assert out == '(t "files.elc")'


def test_ert_loads_compiled(image):
    """(require 'ert) loads ert.elc, which the image compiled (the test suite's files are in
    the default set), not its source."""
    out = value(image, "(progn (require 'ert) (list (file-name-nondirectory (symbol-file 'ert-run-tests-batch))"
                       " (byte-code-function-p (symbol-function 'ert-run-tests-batch))))")
    assert out == '("ert.elc" t)'


# Real files whose .elc the image makes byte-identical to Debian's Emacs's.
IDENTICAL = ["emacs-lisp/seq.el", "emacs-lisp/subr-x.el", "emacs-lisp/ring.el", "thingatpt.el"]


def test_elc_identical_to_emacs(image, build28, tmp_path):
    """Each of IDENTICAL, byte-compiled by the image and by Debian's Emacs in two copies: the
    same bytes.  Then the image loads its own .elc and runs it as Emacs runs Emacs's."""
    lisp = Path(build28.root) / "lisp"
    for side in ("image", "emacs"):
        (tmp_path / side).mkdir()
        for f in IDENTICAL:
            shutil.copy(lisp / f, tmp_path / side)
    names = [Path(f).name for f in IDENTICAL]
    for side, executable in (("image", image), ("emacs", EMACS)):
        status, _, err = batch(executable, "-f", "batch-byte-compile", *names, cwd=tmp_path / side)
        assert status == 0, err
    for name in names:
        elc = Path(name).with_suffix(".elc")
        assert (tmp_path / "image" / elc).read_bytes() == (tmp_path / "emacs" / elc).read_bytes(), name
    use = "(progn (load (expand-file-name \"ring.elc\")) (let ((r (make-ring 3))) (dolist (x '(1 2 3 4)) (ring-insert r x)) (ring-elements r)))"
    assert batch(image, "--eval", f"(prin1 {use})", cwd=tmp_path / "image")[:2] == \
        batch(EMACS, "--eval", f"(prin1 {use})", cwd=tmp_path / "emacs")[:2]


def test_test_requirements_follow_requires_and_package_autoloads(build28):
    """The files the test suite loads, worked out from the sources: ert and what it requires,
    and cl-lib's autoloaded files (named by cl-loaddefs.el, which the image generated); the
    batch debugger's (the run-time-files, and backtrace.el, which debug.el requires)."""
    files = LispBuild(Path(build28.root)).test_requirements()
    for f in ("emacs-lisp/ert.el", "emacs-lisp/cl-lib.el", "emacs-lisp/pp.el",
              "emacs-lisp/debug.el", "emacs-lisp/cl-print.el", "emacs-lisp/backtrace.el"):
        assert f in files
    if (Path(build28.root) / "lisp" / "emacs-lisp" / "cl-loaddefs.el").exists():
        assert "emacs-lisp/cl-extra.el" in files and "emacs-lisp/cl-seq.el" in files
