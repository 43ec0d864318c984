"""Shared fixtures: a real Emacs 28.2 build, configured once per machine (cached), the IR of a
few of its files, dumped by the real GCC and plugin, and the SBCL Emacs image built from the
whole 28.2 translation (EMACS2CL_IMAGE names one already built), with `batch` to run either
Emacs the same way."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The oracle: Debian's GNU Emacs 28.2.
EMACS = shutil.which("emacs")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current translator instead of comparing")

EMACS_FILES = ("src/cmds.c", "src/data.c", "src/lread.c")


@pytest.fixture(scope="session")
def build28():
    from translator import sources
    return sources.prepare("28.2")


@pytest.fixture(scope="session")
def emacs28(build28):
    """(dumps, program) for EMACS_FILES of 28.2."""
    from translator.dump import dump_all
    from translator.gimple.program import Program
    from translator.gimple.reader import read_units
    dumps, failures = dump_all(build28, [build28.file(f) for f in EMACS_FILES], quiet=True)
    assert failures == []
    return dumps, Program.from_units(read_units(dumps.values()))


def translation28_dir(build28):
    """The compiled 28.2 translation (translated and compiled first when it is not)."""
    from translator.compile import compile_command
    from translator.translate import translate
    out, _, failures = translate(build28, None, 2)
    assert not failures
    if not (out / "fasl" / "eval.c.fasl").exists():
        result = compile_command(out, 2)
        assert result["errors"] == 0 and not result["undefined_outside_runtime"]
    return out


@pytest.fixture(scope="session")
def image(build28, tmp_path_factory):
    """The image's executable: EMACS2CL_IMAGE, else one built for this session."""
    if os.environ.get("EMACS2CL_IMAGE"):
        return os.environ["EMACS2CL_IMAGE"]
    from translator.image import build_image
    target = tmp_path_factory.mktemp("image") / "emacs"
    build_image(translation28_dir(build28), Path(build28.root) / "lisp", target)
    return str(target)


def batch(executable, *args, timeout=300, cwd="/tmp", env=None, input=None):
    """(status, stdout, stderr) of `EXECUTABLE -Q --batch ARGS...` in CWD, LC_ALL=C.UTF-8, with
    INPUT (a string) on its stdin if given."""
    p = subprocess.run([executable, "-Q", "--batch", *args], input=input, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, errors="backslashreplace", timeout=timeout, cwd=cwd,
                       env={**os.environ, "LC_ALL": "C.UTF-8", **(env or {})})
    return p.returncode, p.stdout, p.stderr


def byte_compiled_by_emacs(sources, directory):
    """Copy the .el files SOURCES into DIRECTORY and byte-compile them there with Debian's Emacs;
    the arguments that load the .elc files, in order."""
    for f in sources:
        shutil.copy(f, directory)
    subprocess.run([EMACS, "-Q", "--batch", "--eval", "(setq byte-compile-warnings nil)",
                    "-f", "batch-byte-compile", *[Path(f).name for f in sources]],
                   cwd=directory, check=True, capture_output=True, timeout=300)
    return [a for f in sources for a in ("-l", str(Path(directory) / (Path(f).stem + ".elc")))]


def emacs2cl(*args, env=None, cache=None):
    """The command line `emacs2cl ARGS` of this checkout, run in a subprocess (CACHE: its
    XDG_CACHE_HOME); the CompletedProcess, with text stdout and stderr."""
    e = dict(os.environ, **(env or {}))
    if cache:
        e["XDG_CACHE_HOME"] = str(cache)
    return subprocess.run([sys.executable, "-m", "translator.cli", *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=e, cwd=Path(__file__).parent.parent)


def assert_prints_as_emacs(executable, form):
    """`(prin1 FORM)' in EXECUTABLE gives Emacs's exit status, stdout and stderr, Emacs's
    status being 0."""
    form = f"(prin1 {form})"
    expected = batch(EMACS, "--eval", form)
    assert expected[0] == 0, expected
    assert batch(executable, "--eval", form) == expected
