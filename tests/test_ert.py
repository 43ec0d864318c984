"""`emacs2cl test` (translator/ert/): Emacs's own ERT suite run in the image and in GNU Emacs.

- The runner on small ERT files of tests/ert/files -- every kind of ERT result, a file that
  signals while loading, a test that never ends, one that ends its Emacs -- in the oracle and
  in the image: the same results, as ERT and the processes gave them.
- CI_FILES, test/src files that are quick in the image, on both sides: every difference must
  be listed in tests/ert/known-failures.sexp with its reason.  The whole suite is
  scripts/bench-ert.
- The command line's own errors, and `emacs2cl run`.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import EMACS, emacs2cl

from translator.ert import report, run, suite

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

FILES = Path(__file__).resolve().parent / "ert" / "files"

# Quick in the image and covering the interpreter, data.c, fns.c, buffers, characters, coding
# systems, text properties and redisplay in batch (the minibuffer's window, bidi.c's cache)
# (chosen from scripts/bench-ert's per-file times).
CI_FILES = ("src/alloc-tests.el", "src/callint-tests.el", "src/casefiddle-tests.el", "src/chartab-tests.el",
            "src/coding-tests.el", "src/floatfns-tests.el", "src/marker-tests.el", "src/textprop-tests.el",
            "src/xdisp-tests.el")

# A limit no file of the runner's needs, but for the one that hangs.
ORACLE_TIMEOUT, IMAGE_TIMEOUT = 120, 900


def _run_files(emacs: str, tree: Path, timeout: float) -> dict:
    """The runner's files run in EMACS, two at a time; the one that hangs last, with a limit of
    three times what the image took for runner-results-tests.el (loading ert, the file, and
    running it), at least TIMEOUT."""
    tests = {p.name: suite.TestFile(p.name, p) for p in sorted(FILES.glob("*.el"))}
    hang = tests.pop("runner-hang-tests.el")
    with ThreadPoolExecutor(2) as pool:
        out = dict(zip(tests, pool.map(lambda t: run.run_file([emacs], tree, t, IMAGE_TIMEOUT), tests.values())))
    out[hang.id] = run.run_file([emacs], tree, hang, max(timeout, 3 * out["runner-results-tests.el"]["seconds"]))
    return out


@pytest.fixture(scope="module")
def tree(build28):
    return Path(build28.root)


@pytest.fixture(scope="module", params=["oracle", "image"])
def runner_results(request, tree):
    """(side, {file name: run_file's result}) of the runner's files."""
    if request.param == "oracle":
        return "oracle", _run_files(EMACS, tree, 5)
    return "image", _run_files(request.getfixturevalue("image"), tree, 60)


def _results(r: dict) -> dict:
    return {name: (t["result"], t["expected"]) for name, t in r["tests"].items()}


def test_ert_results_as_ert_gives_them(runner_results):
    """Passed, failed (a `should' or an error), skipped, failed as expected, passed unexpectedly;
    the selector of `make check' leaves out the expensive and unstable tests."""
    side, runs = runner_results
    r = runs["runner-results-tests.el"]
    assert (r["status"], r["exit"], r["message"]) == ("finished", 1, ""), r
    assert _results(r) == {
        "runner-fails": ("failed", False),
        "runner-fails-as-expected": ("failed", True),
        "runner-passes": ("passed", True),
        "runner-passes-unexpectedly": ("passed", False),
        "runner-signals": ("failed", False),
        "runner-skips": ("skipped", True)}
    assert r["tests"]["runner-signals"]["condition"] == "(wrong-type-argument listp runner-not-a-list)"
    assert r["tests"]["runner-fails"]["condition"].startswith("(ert-test-failed ((should (equal (+ 1 1) 3)) :form (equal 2 3)")


def test_a_file_that_signals_while_loading(runner_results):
    side, runs = runner_results
    r = runs["runner-load-error-tests.el"]
    assert (r["status"], r["exit"], r["reached_ert"], r["tests"]) == ("error", 255, False, {}), r
    assert r["message"] == 'Debugger entered--Lisp error: (error "runner-load-error-tests: signalled while loading")'


def test_a_test_that_hangs(runner_results):
    """Killed at the limit: the test that was running timed out, the next one did not run."""
    side, runs = runner_results
    r = runs["runner-hang-tests.el"]
    assert (r["status"], r["exit"]) == ("timeout", None), r
    assert r["message"].startswith("timed out after ") and r["message"].endswith(" s in runner-hang-2-loops")
    assert _results(r) == {"runner-hang-1-passes": ("passed", True), "runner-hang-2-loops": ("timeout", False),
                           "runner-hang-3-after": ("not-run", False)}


def test_a_test_that_ends_its_emacs(runner_results):
    side, runs = runner_results
    r = runs["runner-kill-tests.el"]
    assert (r["status"], r["exit"], r["message"]) == ("crashed", 7, "exit status 7 in runner-kill-2-exits"), r
    assert _results(r) == {"runner-kill-1-passes": ("passed", True), "runner-kill-2-exits": ("crashed", False),
                           "runner-kill-3-after": ("not-run", False)}


def test_a_process_killed_by_a_signal():
    """What the driver wrote, and a process that died by SIGSEGV in the second test."""
    events = run.read_events("loaded\nselected\ta\nselected\tb\nselected\tc\nstarted\ta\n"
                             "ended\ta\tpassed\tt\t0.010\t\nstarted\tb\n")
    r = run.classify(events, -11, False, "line 1\n\nlast line\n", 60)
    assert (r["status"], r["signal"], r["message"], r["stderr"]) == (
        "crashed", "SIGSEGV", "killed by SIGSEGV in b", ["line 1", "last line"])
    assert _results(r) == {"a": ("passed", True), "b": ("crashed", False), "c": ("not-run", False)}


def test_comparison_and_known_failures():
    """Each test side by side; a difference is known when the known failures list its test or
    its file; an entry whose tests agree is stale; the headline counts the oracle's passes."""
    def file_run(status, tests, reached=True):
        return {"status": status, "message": "m", "seconds": 1.0, "exit": 0, "signal": None, "stderr": [],
                "reached_ert": reached,
                "tests": {n: {"result": r, "expected": e, "seconds": 0.0, "condition": ""} for n, r, e in tests}}
    files = [suite.TestFile("src/a-tests.el", Path("a")), suite.TestFile("src/b-tests.el", Path("b")),
             suite.TestFile("src/x-tests.el", Path("x"), excluded="not built")]
    runs = {"oracle": {"src/a-tests.el": file_run("finished", [("t1", "passed", True), ("t2", "passed", True),
                                                              ("t3", "failed", True)]),
                       "src/b-tests.el": file_run("finished", [("u1", "passed", True)]),
                       "src/x-tests.el": file_run("finished", [("x1", "passed", True)])},
             "image": {"src/a-tests.el": file_run("finished", [("t1", "passed", True), ("t2", "failed", False),
                                                             ("t3", "failed", True)]),
                       "src/b-tests.el": file_run("error", [], reached=False),
                       "src/x-tests.el": file_run("error", [], reached=False)}}
    known = {"src/a-tests.el:t1": "agrees now", "src/b-tests.el": "b does not load"}
    doc = report.compare(files, runs, known)
    diffs = {(f["file"], t["name"]): t["known"] for f in doc["files"] for t in f["tests"] if t["differs"]}
    assert diffs == {("src/a-tests.el", "t2"): None, ("src/b-tests.el", "u1"): "b does not load",
                     ("src/x-tests.el", "x1"): None}
    assert doc["stale_known"] == ["src/a-tests.el:t1"]
    s = doc["summary"]
    assert (s["oracle_passes"], s["image_passes_too"], s["percent"], s["files"], s["excluded_files"]) == (4, 2, 50.0, 2, 1)
    assert report.headline(doc).startswith("the image passes 2 of the 4 tests the oracle passes (50.0%) in 2 files")


def test_ci_files_differ_only_as_known(build28, image, tmp_path):
    """CI_FILES in the image and in Debian's Emacs: every difference is a known failure."""
    from translator.ert.command import test_command
    doc = test_command(build28, list(CI_FILES), image, None, 2, IMAGE_TIMEOUT, str(tmp_path), None)
    assert doc["summary"]["oracle_passes"] > 0
    new = [(f["file"], t["name"], report.describe(t["oracle"]), report.describe(t["image"]),
            t["image"]["condition"][:100]) for f in doc["files"] for t in f["tests"] if t["differs"] and not t["known"]]
    assert new == [], "differences not in tests/ert/known-failures.sexp"
    assert (tmp_path / "results.json").exists() and (tmp_path / "report.txt").read_text().endswith(report.headline(doc) + "\n")


# ---------------------------------------------------------------------------------------------
# The command line.

def test_missing_image_says_how_to_build_it(build28, tmp_path):
    p = emacs2cl("test", "28.2", "alloc-tests", "--image", str(tmp_path / "emacs"))
    assert p.returncode == 1
    assert p.stderr.splitlines() == [f"emacs2cl: error: no image at {tmp_path / 'emacs'}: build it with `emacs2cl image 28.2`"]


def test_an_oracle_of_another_release(build28, image, tmp_path):
    other = tmp_path / "emacs-27"
    other.write_text("#!/bin/sh\necho 'GNU Emacs 27.1'\n")
    other.chmod(0o755)
    p = emacs2cl("test", "28.2", "alloc-tests", "--image", image, "--oracle", str(other))
    assert p.returncode == 1
    assert p.stderr.splitlines() == [f"emacs2cl: error: oracle {other} is not GNU Emacs 28.2 (--version: 'GNU Emacs 27.1'): "
                                     "name GNU Emacs 28.2 with --oracle PATH"]


def test_unknown_test_file(build28, image):
    p = emacs2cl("test", "28.2", "no-such-tests", "--image", image)
    assert p.returncode == 1
    (line,) = p.stderr.splitlines()
    assert line.startswith("emacs2cl: error: no test file no-such-tests: neither a file nor one of ")


def test_run_passes_arguments_and_status(image, tmp_path):
    """`emacs2cl run 28.2 ARGS` is the cache's image run with ARGS, its status passed through."""
    (tmp_path / "emacs2cl" / "images" / "28.2").mkdir(parents=True)
    os.symlink(image, tmp_path / "emacs2cl" / "images" / "28.2" / "emacs")
    p = emacs2cl("run", "28.2", "-Q", "--batch", "--eval", "(progn (princ (+ 1 2)) (kill-emacs 3))", cache=tmp_path)
    assert (p.returncode, p.stdout) == (3, "3")


def test_run_without_image(tmp_path):
    p = emacs2cl("run", "28.2", "--batch", cache=tmp_path)
    assert p.returncode == 1
    assert p.stderr.splitlines() == [f"emacs2cl: error: no image at {tmp_path}/emacs2cl/images/28.2/emacs: "
                                     "build it with `emacs2cl image 28.2`"]
