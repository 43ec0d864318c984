"""The test files of an Emacs tree and how each is run (emacs-src-rules/ert.sexp)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import Emacs2clError
from ..rules import forms_named

DRIVER = Path(__file__).resolve().parent / "driver.el"
RULES = "ert.sexp"


@dataclass(frozen=True)
class Rules:
    """emacs-src-rules/ert.sexp."""
    test_directory: str           # relative to the tree: EMACS_TEST_DIRECTORY
    suite: tuple[str, str]        # (directory under the test directory, glob)
    selector: str                 # an ERT selector, elisp text
    environment: dict[str, str]
    options: tuple[str, ...]
    excluded: dict[str, str]      # file id -> reason
    oracles: dict[str, str]       # release -> executable
    uncaught_error: str           # how a line of stderr telling an uncaught error starts


def _one(name: str) -> list:
    forms = forms_named(RULES, name)
    if len(forms) != 1:
        raise Emacs2clError(f"emacs-src-rules/{RULES}: expected one ({name} ...) form, found {len(forms)}")
    return forms[0]


@cache
def rules() -> Rules:
    return Rules(test_directory=_one("test-directory")[0],
                 suite=tuple(_one("suite")),
                 selector=_one("selector")[0],
                 environment={k: v for k, v in forms_named(RULES, "environment")},
                 options=tuple(_one("options")),
                 excluded={f: reason for f, reason in forms_named(RULES, "exclude")},
                 oracles={r: exe for r, exe, _ in forms_named(RULES, "oracle")},
                 uncaught_error=_one("uncaught-error")[0])


@dataclass(frozen=True)
class TestFile:
    """One ERT file: ID is its path relative to the test directory ("src/data-tests.el"), or its
    own path when it lies outside."""
    id: str
    path: Path
    excluded: str | None = None   # the rule's reason when its feature is not built


def test_directory(tree: Path) -> Path:
    return Path(tree) / rules().test_directory


def _test_file(tree: Path, path: Path) -> TestFile:
    path = path.resolve()
    try:
        fid = str(path.relative_to(test_directory(tree).resolve()))
    except ValueError:
        fid = str(path)
    return TestFile(fid, path, rules().excluded.get(fid))


def suite_files(tree: Path, names: list[str] | None = None) -> list[TestFile]:
    """The files NAMES name -- a path, or a name under the suite's directory ("data",
    "data-tests", "data-tests.el", "src/data-tests.el") -- or, with none, the whole suite of
    TREE."""
    tdir = test_directory(tree)
    subdir, pattern = rules().suite
    if not names:
        if not (tdir / subdir).is_dir():
            raise Emacs2clError(f"{tdir / subdir}: no such directory: not an Emacs tree with its tests")
        return [_test_file(tree, p) for p in sorted((tdir / subdir).glob(pattern))]
    out = []
    for name in names:
        stem = name if name.endswith(".el") else name + ".el"
        suffix = pattern.lstrip("*")  # "data" is data-tests.el
        for candidate in (Path(name), tdir / stem, tdir / subdir / stem, tdir / subdir / (name + suffix)):
            if candidate.is_file():
                out.append(_test_file(tree, candidate))
                break
        else:
            raise Emacs2clError(f"no test file {name}: neither a file nor one of {tdir / subdir}/{pattern}")
    return out


def command(emacs: list[str], tree: Path, test: TestFile, results: Path, tmp: Path) -> tuple[list[str], dict]:
    """The argv and environment that run TEST's file in EMACS (a command, as a list), as
    test/Makefile.in runs it, with driver.el loaded after it writing to RESULTS.  TMP is the
    process's own TMPDIR: the oracle and the image may run the same file at once, and a test's
    temporary files must not meet another's."""
    r = rules()
    tdir = str(test_directory(tree))
    argv = [*emacs, *r.options, "-L", os.pathsep + tdir, "-l", "ert", "-l", str(test.path), "-l", str(DRIVER),
            "--batch", "--eval", f"(ert-run-tests-batch-and-exit (quote {r.selector}))"]
    env = {**os.environ, **r.environment, "EMACS_TEST_DIRECTORY": tdir,
           "EMACS2CL_ERT_RESULTS": str(results), "TMPDIR": str(tmp)}
    for var in ("EMACSDATA", "EMACSDOC", "EMACSPATH", "GREP_OPTIONS", "XDG_CONFIG_HOME"):  # Makefile.in's unexport
        env.pop(var, None)
    return argv, env


def oracle_for(release: str) -> str | None:
    """The executable of the oracle the rules name for RELEASE (a command name or path)."""
    return rules().oracles.get(release)
