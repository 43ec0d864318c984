"""Shared fixtures: a real Emacs 28.2 build, configured once per machine (cached), and the IR of
a few of its files, dumped by the real GCC and plugin."""
import pytest


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
