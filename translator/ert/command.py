"""`emacs2cl test` and `emacs2cl run`: the image and the oracle found (or a one-line error that
says what to do), the suite run, the report written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..errors import Emacs2clError
from ..image import image_dir
from ..paths import cache_dir, write_atomically
from . import report, run, suite


def image_path(version: str, image: str | None = None, hint: str = "") -> str:
    """IMAGE, or the release's image in the cache; an error saying how to build a missing one
    (and HINT)."""
    path = Path(image) if image else image_dir(version) / "emacs"
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise Emacs2clError(f"no image at {path}: build it with `emacs2cl image {version}`{hint}")
    return str(path)


def oracle_path(version: str, oracle: str | None) -> str:
    """ORACLE, or the one the rules name for VERSION, checked to be GNU Emacs VERSION."""
    name = oracle or suite.oracle_for(version)
    if not name:
        raise Emacs2clError(f"no oracle for Emacs {version} in emacs-src-rules/{suite.RULES}: "
                            f"name GNU Emacs built from the same tree with --oracle PATH")
    exe = run.require_executable(name, "oracle", "install the Debian package emacs-nox (scripts/setup does)"
                                 if not oracle else "name GNU Emacs with --oracle PATH")
    try:
        first = subprocess.run([exe, "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, timeout=60).stdout.splitlines()[:1]
    except (OSError, subprocess.TimeoutExpired) as e:
        raise Emacs2clError(f"oracle {exe} does not run: {e}") from None
    if first != [f"GNU Emacs {version}"]:
        raise Emacs2clError(f"oracle {exe} is not GNU Emacs {version} (--version: {(first or [''])[0]!r}): "
                            f"name GNU Emacs {version} with --oracle PATH")
    return exe


def test_command(build, names: list[str], image: str | None, oracle: str | None, jobs: int, timeout: float,
                 out: str | None, known_path: str | None) -> dict:
    """Run the suite (or NAMES) of BUILD's tree on both sides, write results.json and
    report.txt to OUT (default: the cache's ert/BUILD-KEY/), print the table; the document."""
    if timeout <= 0:
        raise Emacs2clError(f"--timeout {timeout:g}: give a positive number of seconds")
    if jobs < 1:
        raise Emacs2clError(f"-j {jobs}: give at least 1")
    tree = Path(build.root)
    image = image_path(build.version, image, "" if image else " (or name one with --image PATH)")
    oracle = oracle_path(build.version, oracle)
    known = report.load_known_failures(Path(known_path) if known_path else report.KNOWN_FAILURES)
    files = suite.suite_files(tree, names)
    outdir = Path(out) if out else cache_dir() / "ert" / build.key
    print(f"ert: {len(files)} test files of {tree / suite.rules().test_directory}, image {image}, oracle {oracle}, "
          f"{jobs} at a time, {timeout:g} s each", file=sys.stderr, flush=True)
    runs = run.run_suite(tree, files, image, oracle, jobs, timeout, outdir / "logs")
    doc = report.compare(files, runs, known)
    doc.update({"release": build.version, "tree": str(tree), "image": image, "oracle": oracle,
                "selector": suite.rules().selector, "timeout": timeout})
    text = report.table(doc)
    write_atomically(outdir / "results.json", report.to_json(doc))
    write_atomically(outdir / "report.txt", text)
    print(text, end="")
    print(f"results in {outdir} (results.json, report.txt, logs/)")
    return doc


def run_image(version: str, args: list[str]) -> None:
    """Exec the release's image with ARGS (never returns)."""
    image = image_path(version)
    os.execv(image, [image, *args])
