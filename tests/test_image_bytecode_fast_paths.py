"""The byte-code interpreter's fast paths (glue/bytecode.lisp) against GNU Emacs 28.2:
tests/bytecode/fast-paths/fast-paths.el, byte-compiled by Debian's Emacs, then loaded by it and
by the image.  Each case sits on the edge of an inline path -- fixnum overflow at
most-positive-fixnum, markers, floats, NaN and bignums in arithmetic and comparisons, car and
cdr of non-lists, nth/elt past SMALL_LIST_LEN_MAX, aref/aset out of range or on strings,
bool-vectors, records and byte-code objects, variables that are aliases, buffer-local, watched,
constant or unbound, arguments missing, optional, &rest or too many -- so that both sides of
each path print the same values and the same errors; numbers-strings.el likewise for the number and
string fast paths (glue/bytecode-inline.lisp): bignums and integer-width, division by zero,
floats with integers, infinities and NaNs, unibyte, ASCII and multibyte strings, symbols; calls.el
for calls (Bcall done in glue for byte-code): aliases, other kinds of functions, errors, throws,
max-lisp-eval-depth, the backtrace frames; switch.el for Bswitch on eq, eql and equal jump
tables, small and large, keys found or not."""
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EMACS, batch

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

SOURCES = Path(__file__).resolve().parent / "bytecode" / "fast-paths"


# Each file and the fewest lines it prints (so that a file that stops early fails).
@pytest.mark.parametrize("name,lines", [("fast-paths.el", 150), ("numbers-strings.el", 3000),
                                        ("calls.el", 30), ("switch.el", 120)])
def test_fast_paths_agree_with_emacs(image, tmp_path, name, lines):
    source = SOURCES / name
    shutil.copy(source, tmp_path)
    subprocess.run([EMACS, "-Q", "--batch", "--eval", "(setq byte-compile-warnings nil)",
                    "-f", "batch-byte-compile", source.name],
                   cwd=tmp_path, check=True, capture_output=True, timeout=300)
    args = ["-l", str(tmp_path / (source.stem + ".elc"))]
    expected = batch(EMACS, *args)
    assert expected[0] == 0 and expected[1].count("\n") > lines, expected
    status, out, err = batch(image, *args)
    # Line by line first, so that a failure names the case.
    for want, got in zip(expected[1].splitlines(), out.splitlines()):
        assert got == want
    assert (status, out, err) == expected
