"""`emacs2cl image`: an executable SBCL Emacs built from a compiled translation as Emacs builds
itself after temacs (src/Makefile, lisp/Makefile, admin/unidata), every step run by our own
images -- never by another Emacs:

1. subdirs.el files (update-subdirs) and the files awk makes;
2. the bootstrap image: the runtime, the translation's fasls and the glue loaded, the start-up
   sequence run, loadup.el loaded with --temacs=pbootstrap (the Lisp from source), and the whole
   saved with save-lisp-and-die (build-image.lisp);
3. with the bootstrap image: compile-first (the byte compiler compiling itself, interpreted),
   the generated autoload files (loaddefs.el, cl-loaddefs.el ...), the Unicode property tables
   (uni-*.el, charprop.el), and the preloaded files' .elc;
4. the image itself: loadup.el with --temacs=pdump, which loads those .elc;
5. with the image: the rest of the chosen .elc (SCOPES).

Steps 2-3 run only when one of their outputs is missing or older than its source, so a rebuild
after a change to the runtime or glue dumps the image from the .elc already made (delete them,
or use --clean-lisp, to make them again).  The image reads the release's lisp/ and etc/ from its
tree at run time."""
from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

from .errors import Emacs2clError
from .lisp_build import LispBuild, rules
from .paths import cache_dir
from .sources import require_tool

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "translator" / "lisp" / "build-image.lisp"

# Which .elc step 5 makes: the preloaded and compile-first files only (steps 2-3 make those),
# and the files the test suite loads, or the whole of lisp/ as `make -C lisp` compiles it.
SCOPES = ("preloaded", "tests", "all")


def image_dir(label: str) -> Path:
    """Where the image of release (or tree) LABEL lives: <cache>/images/LABEL/."""
    return cache_dir() / "images" / label


def fingerprint(translation: Path) -> str:
    """What the images built from TRANSLATION and this checkout's runtime and glue are: a hash
    of their sources and of the translation's fasls (names, sizes, times)."""
    h = hashlib.sha256()
    for top in (ROOT / "cl-runtime", ROOT / "glue", ROOT / "translator" / "lisp"):
        for p in sorted(top.rglob("*")):
            if p.is_file() and p.suffix in (".lisp", ".asd"):
                h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes())
    for p in sorted((translation / "fasl").glob("*.fasl")):
        st = p.stat()
        h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def dump(translation: Path, lisp_dir: Path, output: Path, dump_mode: str, heap_mb: int = 4096,
         log=sys.stderr, what: str = "dump", native: bool = False) -> float:
    """Build the executable OUTPUT (atomically) as loadup.el dumps in DUMP_MODE, with every
    preloaded function compiled natively if NATIVE; its seconds.  Progress goes to LOG; a failure
    raises Emacs2clError with the error that stopped it."""
    sbcl = require_tool("sbcl", "sbcl")
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    cmd = [sbcl, "--dynamic-space-size", str(heap_mb), "--control-stack-size", "64MB",
           "--script", str(DRIVER), str(ROOT / "cl-runtime"), str(ROOT / "glue"), str(translation),
           str(lisp_dir), str(partial), dump_mode]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                         env={**os.environ, "EMACS2CL_NATIVE_AOT": "1" if native else ""})
    tail = deque(maxlen=20)
    for line in p.stdout:
        line = line.rstrip("\n")
        if line.startswith("step ") or line.startswith("Loading "):
            text = line[5:] if line.startswith("step ") else line
            print(f"image: {what}: {text.strip()} ({time.monotonic() - start:.0f} s)", file=log, flush=True)
        elif line.strip():
            tail.append(line)
    if p.wait() != 0 or not partial.exists():
        errors = [l for l in tail if l.startswith("emacs2cl:")] or list(tail)[-1:] or [f"exit status {p.returncode}"]
        raise Emacs2clError(f"{what} failed: {errors[-1].removeprefix('emacs2cl: image: ')}")
    os.replace(partial, output)
    return time.monotonic() - start


def build_image(translation: Path, lisp_dir: Path, output: Path, heap_mb: int = 4096,
                log=sys.stderr, jobs: int = 2, scope: str = "tests", clean_lisp: bool = False,
                native: bool = False) -> float:
    """Build the executable OUTPUT from compiled TRANSLATION and the release's LISP_DIR as Emacs's
    build does (the module's docstring lists the steps), its preloaded functions compiled
    natively if NATIVE; the seconds it took.  Each step's time goes into the tree's
    lisp-build.json."""
    if scope not in SCOPES:
        raise Emacs2clError(f"unknown scope {scope!r}: one of {', '.join(SCOPES)}")
    tree = lisp_dir.parent
    steps = LispBuild(tree, jobs, log)
    if clean_lisp:
        steps.clean()
    modes = {str(stage): str(mode) for stage, mode in rules("dump-mode")}
    key = fingerprint(translation)
    start = time.monotonic()
    times: dict[str, dict] = {}

    def timed(name, action):
        """Run ACTION; its wall-clock seconds and the CPU seconds of the processes it ran."""
        t, cpu = time.monotonic(), children_cpu()
        result = action()
        times[name] = {"seconds": round(time.monotonic() - t, 1), "cpu": round(children_cpu() - cpu, 1)}
        return result

    timed("generate (awk)", steps.awk_generated)
    timed("update-subdirs", steps.update_subdirs)
    first = steps.lisp_files("compile-first")
    preloaded = steps.lisp_files("preloaded-prerequisites") + steps.preloaded_files()
    if steps.stale(first + preloaded, key) or steps.generated_missing(key):
        bootstrap = tree / "src" / "bootstrap-emacs"
        timed("bootstrap image", lambda: bootstrap_image(translation, lisp_dir, bootstrap, key,
                                                         modes["bootstrap"], heap_mb, log))
        steps.record_loaded(bootstrap)
        timed("compile-first", lambda: steps.compile(bootstrap, key, first, "compile-first"))
        timed("autoloads", lambda: steps.autoloads(bootstrap, key))
        timed("unidata", lambda: steps.unidata(bootstrap, key))
        timed("compile preloaded", lambda: steps.compile(bootstrap, key, preloaded, "compile preloaded"))
    timed("DOC", steps.make_doc)
    partial = output.with_name(output.name + ".dumped")
    timed("dump", lambda: dump(translation, lisp_dir, partial, modes["final"], heap_mb, log, native=native))
    steps.record_loaded(partial)
    if scope != "preloaded":
        rest = steps.test_requirements() if scope == "tests" else steps.main_files()
        timed(f"compile {scope}", lambda: steps.compile(partial, key, rest, f"compile {scope}"))
    os.replace(partial, output)
    total = time.monotonic() - start
    steps.record.steps = {**times, "total": {"seconds": round(total, 1), "cpu": round(sum(t["cpu"] for t in times.values()), 1)}}
    steps.save()
    print("image: steps (wall/CPU seconds): " + ", ".join(f"{k} {v['seconds']:.0f}/{v['cpu']:.0f}" for k, v in times.items()),
          file=log, flush=True)
    return total


def children_cpu() -> float:
    """The user and system CPU seconds of this process's finished children."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def bootstrap_image(translation: Path, lisp_dir: Path, output: Path, key: str, dump_mode: str,
                    heap_mb: int, log) -> None:
    """The bootstrap image at OUTPUT (in the tree's src/, where Emacs's build puts
    bootstrap-emacs), reused when it was built from the same runtime, glue and translation."""
    stamp = output.with_name(output.name + ".fingerprint")
    if output.exists() and stamp.exists() and stamp.read_text().strip() == key:
        print(f"image: bootstrap image {output} is up to date", file=log, flush=True)
        return
    dump(translation, lisp_dir, output, dump_mode, heap_mb, log, what="bootstrap image")
    stamp.write_text(key + "\n")
