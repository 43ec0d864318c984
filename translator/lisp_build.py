"""Emacs's own build steps after temacs, run by the image (never by another Emacs): the files the
release's Makefiles generate and the .elc files they compile, written where Emacs's build writes
them -- in the configured tree, which is keyed by release and configuration.

What each step runs comes from the release's Makefiles through emacs-src-rules/lisp-build.sexp;
translator/image.py runs the steps in Emacs's order.  Like make, a step whose outputs are newer
than their sources does nothing, so a rerun resumes; a file that fails to compile is reported and
the others go on, and it is not tried again until its source or the image changes (the record is
lisp-build.json beside the tree)."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import Emacs2clError
from .paths import write_atomically
from .rules import forms_named, sym

COMPILE_TIMEOUT = 900   # seconds for one file: a compile that hangs is reported and skipped


def rule(head: str) -> list:
    """The one form HEAD of lisp-build.sexp, without its head."""
    (form,) = forms_named("lisp-build.sexp", head)
    return form


def rules(head: str) -> list[list]:
    return forms_named("lisp-build.sexp", head)


def files_rules(name: str) -> list[tuple[str, str]]:
    """(directory, variable) of each `files' rule NAME."""
    found = [(form[1], form[2]) for form in rules("files") if sym(form[0]) == name]
    if not found:
        raise Emacs2clError(f"lisp-build.sexp has no (files {name} ...) rule")
    return found


def files_rule(name: str) -> tuple[str, str]:
    """(directory, variable) of the one `files' rule NAME."""
    (found,) = files_rules(name)
    return found


def make_value(tree: Path, directory: str, variable: str) -> list[str]:
    """The words of VARIABLE as DIRECTORY's Makefile (in the configured TREE) computes it."""
    p = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(tree / directory),
                        "--eval", f"emacs2cl-print: ; @echo $({variable})", "emacs2cl-print"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        last = (p.stderr.strip().splitlines() or [f"exit status {p.returncode}"])[-1]
        raise Emacs2clError(f"reading $({variable}) from {directory}/Makefile failed: {last}")
    return p.stdout.split()


@dataclass
class Compiled:
    """The outcome of compiling one file: STATUS is compiled, failed or timeout."""
    file: str              # relative to lisp/, as "emacs-lisp/seq.el"
    status: str
    seconds: float         # wall-clock
    message: str = ""
    cpu: float = 0.0       # CPU seconds of the compiling process
    source_mtime: float = 0.0
    image: str = ""        # the fingerprint of the image that compiled it


@dataclass
class Record:
    """lisp-build.json: what the steps made in the tree, and the last run's step times."""
    compiled: dict[str, dict] = field(default_factory=dict)
    steps: dict[str, dict] = field(default_factory=dict)    # step -> wall and CPU seconds
    generated: dict[str, dict] = field(default_factory=dict)  # step -> status, image, seconds
    loaded: list[str] = field(default_factory=list)            # what loadup.el loaded, last dump


class LispBuild:
    """Emacs's build steps after temacs in the configured TREE; progress lines go to LOG."""

    def __init__(self, tree: Path, jobs: int = 2, log=sys.stderr):
        self.tree = tree
        self.lisp = tree / "lisp"
        self.jobs = max(1, jobs)
        self.log = log
        self.record_path = tree.parent / "lisp-build.json"
        try:
            self.record = Record(**json.loads(self.record_path.read_text()))
        except (OSError, ValueError, TypeError):
            self.record = Record()

    def say(self, text: str) -> None:
        print(f"image: {text}", file=self.log, flush=True)

    def save(self) -> None:
        write_atomically(self.record_path, json.dumps(asdict(self.record), indent=1, sort_keys=True))

    # -- Steps without an Emacs ------------------------------------------------------------------

    def make(self, directory: str, targets: list[str], what: str, emacs: Path | None = None,
             extra: list[str] = (), timeout: float | None = None) -> None:
        """make TARGETS in DIRECTORY (with EMACS as $(EMACS)); an error names WHAT."""
        cmd = ["make", f"-j{self.jobs}", "-C", str(self.tree / directory), *extra, *targets]
        if emacs:
            cmd.append(f"EMACS={emacs}")
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             errors="replace", env=emacs_env())
        killed = threading.Event()
        timer = threading.Timer(timeout or 0, lambda: (killed.set(), p.kill()))
        if timeout:
            timer.start()
        tail: deque[str] = deque(maxlen=20)
        start = time.monotonic()
        for line in p.stdout:
            line = line.rstrip()
            if not line or line.startswith("make"):
                continue
            tail.append(line)
            if emacs and PROGRESS.match(line):   # the GEN/ELC/INFO lines of Emacs's Makefiles
                self.say(f"{what}: {line.strip()} ({time.monotonic() - start:.0f} s)")
        status = p.wait()
        timer.cancel()
        if killed.is_set():
            raise Emacs2clError(f"{what}: no result after {timeout:.0f} s")
        if status != 0:
            raise Emacs2clError(f"{what} failed: {failure_line(chr(10).join(tail), status)}")

    def awk_generated(self) -> None:
        """The files Emacs's build makes with awk (charset maps, script and emoji tables)."""
        for directory, witness, *targets in rules("awk"):
            if not (self.tree / witness).exists():
                self.say(f"generate {' '.join(targets)} ({directory})")
                self.make(directory, targets, f"generating {directory} {' '.join(targets)}")

    def update_subdirs(self) -> None:
        """The subdirs.el files of lisp/ (build-aux/update-subdirs, which rewrites only changes)."""
        directory, target = rule("subdirs")
        self.make(directory, [target], "update-subdirs")

    def clean(self) -> None:
        """Remove what the steps generated (the Makefiles' own clean targets) and their record."""
        for directory, target in rules("clean"):
            self.say(f"clean: make -C {directory} {target}")
            self.make(directory, [target], f"make -C {directory} {target}")
        for p in (self.tree / "src").glob("bootstrap-emacs*"):
            p.unlink()
        self.record = Record()
        self.save()

    def stale(self, files: list[str], fingerprint: str) -> list[str]:
        """Those of FILES whose .elc is missing or older than the source, unless they failed
        to compile before with the same source and image."""
        out = []
        for f in files:
            el = self.lisp / f
            elc = el.with_suffix(".elc")
            if elc.exists() and elc.stat().st_mtime >= el.stat().st_mtime:
                continue
            old = self.record.compiled.get(f)
            if old and old["status"] != "compiled" and old["image"] == fingerprint \
                    and old["source_mtime"] == el.stat().st_mtime:
                continue
            out.append(f)
        return out

    def generated_missing(self, fingerprint: str) -> list[str]:
        """The generation steps whose output is missing and that did not fail with this image."""
        out = []
        for step, witness in (("autoloads", "loaddefs.el"), ("unidata", "international/charprop.el")):
            old = self.record.generated.get(step, {})
            if not (self.lisp / witness).exists() and old.get("image") != fingerprint:
                out.append(step)
        return out

    def make_doc(self) -> None:
        """etc/DOC, as src/Makefile's recipe makes it (make-docfile, Emacs's tool): the C files'
        docstrings, then those of the preloaded Lisp that exists (each .elc that compiled)."""
        out, c_dir, c_vars, lisp_dir, lisp_vars = rule("doc")
        tool = self.tree / "lib-src" / "make-docfile"
        c_files = [f for v in c_vars for f in make_value(self.tree, "src", v)]
        lisp_files = [f for v in lisp_vars for f in make_value(self.tree, "src", v)
                      if (self.tree / lisp_dir / f).exists()]
        target = self.tree / out
        partial = target.with_name(target.name + ".partial")
        with open(partial, "wb") as f:
            first = subprocess.run([str(tool), "-d", str(self.tree / c_dir), *c_files], stdout=f,
                                   stderr=subprocess.PIPE, text=True)
        second = subprocess.run([str(tool), "-a", str(partial), "-d", str(self.tree / lisp_dir), *lisp_files],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for p in (first, second):
            if p.returncode != 0:
                raise Emacs2clError(f"make-docfile failed: {(p.stderr.strip().splitlines() or [p.returncode])[-1]}")
        os.replace(partial, target)

    # -- Which files ------------------------------------------------------------------------------

    def lisp_files(self, name: str) -> list[str]:
        """The `files' rule NAME's .el files, relative to lisp/ (the .elc a Makefile names are
        turned into their sources; .el entries, loaded as source, are left out)."""
        out = []
        for directory, variable in files_rules(name):
            for word in make_value(self.tree, directory, variable):
                # Relative to lisp/ (shortlisp's), or to the Makefile's directory when it says
                # so (../lisp/...).
                if word.startswith(("./", "../", "/")):
                    word = os.path.relpath(self.tree / directory / word, self.lisp)
                if word.endswith(".elc"):
                    out.append(os.path.normpath(word[:-1]))
                elif name == "main-first":
                    out.append(os.path.normpath(word))
        return [f for f in out if (self.lisp / f).exists()]

    def preloaded_files(self) -> list[str]:
        """The preloaded files (src/Makefile's shortlisp) that loadup.el loads in this
        configuration, once a dump has shown which (RECORD-LOADED); all of them before."""
        files = self.lisp_files("preloaded")
        loaded = [f for f in files if f in self.record.loaded]
        # A dump whose load-history names none of them recorded nothing (C's LOADHIST_ATTACH
        # records only once `initialized'): all of them, rather than none.
        return loaded or files

    def record_loaded(self, emacs: Path) -> None:
        """Remember which of lisp/'s files EMACS, just dumped, has loaded (its load-history)."""
        p = subprocess.run([str(emacs), "-batch", "--eval",
                            "(dolist (e load-history) (when (stringp (car e)) (princ (car e)) (terpri)))"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=emacs_env(), timeout=300)
        root = str(self.lisp) + "/"
        self.record.loaded = sorted({re.sub(r"\.elc?$", ".el", line[len(root):]) for line in p.stdout.splitlines()
                                     if line.startswith(root)})
        self.save()

    def main_files(self) -> list[str]:
        """compile-main's files: MAIN_FIRST, then each directory's *.el that does not say
        no-byte-compile (unless it has an .elc already), as lisp/Makefile lists them."""
        no_compile = re.compile(rule("no-compile")[0], re.M)
        skip = {os.path.normpath(f) for f in rule("not-compiled")}
        out = self.lisp_files("main-first")
        for d in make_value(self.tree, *files_rule("lisp-dirs")):
            for el in sorted((self.lisp / d).glob("*.el")):
                rel = os.path.relpath(el, self.lisp)
                if rel in out or rel in skip or el.name.startswith("."):
                    continue
                if not el.with_suffix(".elc").exists() and no_compile.search(el.read_text(errors="replace")):
                    continue
                out.append(rel)
        return out

    def test_requirements(self) -> list[str]:
        """The files the test suite loads: each test file's top-level `require's (and `load's),
        followed through the files they name, and through the autoloads of a package's own
        loaddefs file that one of them loads (cl-lib's cl-loaddefs.el: cl-extra, cl-seq ...);
        and the run-time-files (what a batch run loads by itself), with what they load."""
        (pattern,) = rule("test-files")
        seeds = sorted(self.tree.glob(pattern))
        dirs = self.load_dirs()
        found: dict[str, None] = {f: None for f in rule("run-time-files") if (self.lisp / f).exists()}
        todo = list(seeds) + [self.lisp / f for f in found]
        while todo:
            file = todo.pop()
            text = file.read_text(errors="replace")
            names = TOP_LEVEL_LOAD.findall(text) + PACKAGE_LOADDEFS.findall(text)
            if file.name.endswith("-loaddefs.el"):
                names += AUTOLOAD_FILE.findall(text)
            for name in names:
                el = find_library(dirs, name)
                if el is None:
                    continue
                rel = os.path.relpath(el, self.lisp)
                if rel not in found:
                    found[rel] = None
                    todo.append(el)
        # Loaded, but not compiled: lisp/Makefile's compile-main leaves them out too.
        no_compile = re.compile(rule("no-compile")[0], re.M)
        return [f for f in found if not no_compile.search((self.lisp / f).read_text(errors="replace"))]

    def load_dirs(self) -> list[Path]:
        """lisp/ and the directories its subdirs.el puts on load-path, in that order."""
        subdirs = self.lisp / "subdirs.el"
        names = re.findall(r'"([^"]+)"', subdirs.read_text()) if subdirs.exists() else []
        return [self.lisp] + [self.lisp / n for n in names]

    # -- Steps the image runs ---------------------------------------------------------------------

    def compile(self, emacs: Path, fingerprint: str, files: list[str], what: str) -> list[Compiled]:
        """Byte-compile FILES (relative to lisp/) with EMACS, each in its own process as
        lisp/Makefile does, JOBS at a time; those whose .elc is newer than the source, or which
        failed before with the same source and image, are left alone."""
        todo = self.stale(files, fingerprint)
        if not todo:
            return []
        self.say(f"{what}: {len(todo)} files, {self.jobs} at a time")
        options = rule("compile-options")
        done = []

        def one(f: str) -> Compiled:
            el = self.lisp / f
            start = time.monotonic()
            status, output, cpu = run_process([str(emacs), *options, f], self.lisp, COMPILE_TIMEOUT)
            if status is None:
                result = Compiled(f, "timeout", 0.0, f"no result after {COMPILE_TIMEOUT} s")
            elif status == 0 and el.with_suffix(".elc").exists():
                result = Compiled(f, "compiled", 0.0)
            else:
                result = Compiled(f, "failed", 0.0, failure_line(output, status))
            result.seconds = round(time.monotonic() - start, 2)
            result.cpu = round(cpu, 2)
            result.source_mtime = el.stat().st_mtime
            result.image = fingerprint
            return result

        with ThreadPoolExecutor(self.jobs) as pool:
            for future in as_completed([pool.submit(one, f) for f in todo]):
                result = future.result()
                done.append(result)
                self.record.compiled[result.file] = asdict(result)
                note = "" if result.status == "compiled" else f" {result.status.upper()}: {result.message}"
                self.say(f"{what} [{len(done)}/{len(todo)}] {result.file} "
                         f"({result.seconds:.1f} s, {result.cpu:.1f} s CPU){note}")
        self.save()
        failed = [r for r in done if r.status != "compiled"]
        if failed:
            self.say(f"{what}: {len(failed)} of {len(done)} files failed: "
                     + ", ".join(r.file for r in failed))
        return done

    def autoloads(self, emacs: Path, fingerprint: str) -> None:
        """loaddefs.el and the other generated autoload files, unless loaddefs.el exists."""
        directory, target, *old = rule("autoloads")
        if "autoloads" in self.generated_missing(fingerprint):
            self.generate("autoloads", directory, [target], emacs, fingerprint,
                          [x for o in old for x in ("-o", o)])

    def unidata(self, emacs: Path, fingerprint: str) -> None:
        """charprop.el and the uni-*.el tables, unless charprop.el exists."""
        directory, variable, file = rule("unidata")
        if "unidata" in self.generated_missing(fingerprint):
            (where,) = make_value(self.tree, directory, variable)
            self.generate("unidata", directory, [f"{where}/{file}"], emacs, fingerprint, [])

    def generate(self, step: str, directory: str, targets: list[str], emacs: Path, fingerprint: str,
                 extra: list[str]) -> None:
        """make TARGETS in DIRECTORY with EMACS; a failure is reported and recorded, and the
        build goes on without the files (loadup.el falls back, as Emacs's does)."""
        self.say(f"{step}: make -C {directory} {' '.join(targets)} with the bootstrap image")
        start = time.monotonic()
        try:
            self.make(directory, targets, step, emacs, extra, timeout=3600)
            status = "made"
        except Emacs2clError as e:
            self.say(f"{step} FAILED: {e}")
            status = str(e)
        self.record.generated[step] = {"status": status, "image": fingerprint,
                                       "seconds": round(time.monotonic() - start, 1)}
        self.save()


PROGRESS = re.compile(r"^\s*(GEN|ELC|INFO|SCRAPE)\b")

# A `require' or `load' at the start of a line (or right inside eval-when-compile or
# eval-and-compile there): what loading the file loads, unlike those inside functions.
TOP_LEVEL_LOAD = re.compile(r"^\((?:(?:eval-when-compile|eval-and-compile)\s+\()?(?:require|load)\s+"
                            r"(?:'|\(quote\s+|\")([^\s()\"']+)", re.M)
# A package's own autoload file, which it loads wherever (cl-lib: (unless (load "cl-loaddefs" ...)).
PACKAGE_LOADDEFS = re.compile(r'\(load\s+"([^"]*-loaddefs)"')
AUTOLOAD_FILE = re.compile(r"^\(autoload '[^\s]+ \"([^\"]+)\"", re.M)


def find_library(dirs: list[Path], name: str) -> Path | None:
    """NAME's .el as `load' finds it on DIRS (NAME may have a directory part or a suffix)."""
    name = re.sub(r"\.elc?$", "", name)
    for d in dirs:
        el = d / f"{name}.el"
        if el.exists():
            return el
    return None


def failure_line(output: str, status: int) -> str:
    """The line of a failed compile's output that says why: the first error, else the last."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    for ln in lines:
        if "Error:" in ln or ln.startswith("Debugger entered") or "error" in ln.split(":")[0].lower():
            return ln[:300]
    return (lines[-1] if lines else f"exit status {status}")[:300]


def run_process(cmd: list[str], cwd: Path, timeout: float) -> tuple[int | None, str, float]:
    """Run CMD in CWD with the environment of EMACS_ENV: (exit status, or None when it ran over
    TIMEOUT seconds and was killed; its output, stderr included; its CPU seconds)."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         errors="replace", env=emacs_env())
    killed = threading.Event()
    timer = threading.Timer(timeout, lambda: (killed.set(), p.kill()))
    timer.start()
    output = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    timer.cancel()
    return (None if killed.is_set() else p.returncode), output, usage.ru_utime + usage.ru_stime


def emacs_env() -> dict:
    """The environment lisp/Makefile runs Emacs in: EMACSLOADPATH empty (the image's own
    load-path), EMACSDATA, EMACSDOC and EMACSPATH unexported."""
    env = {k: v for k, v in os.environ.items() if k not in ("EMACSDATA", "EMACSDOC", "EMACSPATH")}
    env["EMACSLOADPATH"] = ""
    return env
