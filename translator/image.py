"""`emacs2cl image`: an executable SBCL Emacs built from a compiled translation -- the runtime,
the translation's fasls and the glue loaded, the start-up sequence run, the release's Lisp loaded
as loadup.el begins to (glue/batch.lisp says which files), and the whole saved with
save-lisp-and-die.  The image reads the release's lisp/ and etc/ from its tree at run time."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .errors import Emacs2clError
from .paths import cache_dir
from .sources import require_tool

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "translator" / "lisp" / "build-image.lisp"


def image_dir(label: str) -> Path:
    """Where the image of release (or tree) LABEL lives: <cache>/images/LABEL/."""
    return cache_dir() / "images" / label


# What Emacs's build generates with awk and make alone, which the preloaded files read: the
# charset maps (mule-conf.el) and the script and emoji tables (characters.el, composite.el).
GENERATED = [("admin/charsets", ["all"], "etc/charsets/8859-2.map"),
             ("admin/unidata", ["charscript.el", "emoji-zwj.el"], "lisp/international/emoji-zwj.el")]


def generated_data(tree: Path, log=sys.stderr) -> None:
    """Generate GENERATED's files in the release's TREE, unless they are there already."""
    for directory, targets, witness in GENERATED:
        if (tree / witness).exists():
            continue
        print(f"image: generate {' '.join(targets)} ({directory})", file=log, flush=True)
        p = subprocess.run(["make", "-C", str(tree / directory), *targets],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            last = (p.stderr.strip().splitlines() or [f"exit status {p.returncode}"])[-1]
            raise Emacs2clError(f"generating {directory} {' '.join(targets)} failed: {last}")


def build_image(translation: Path, lisp_dir: Path, output: Path, heap_mb: int = 4096,
                log=sys.stderr) -> float:
    """Build the executable OUTPUT from compiled TRANSLATION and the release's LISP_DIR; the
    seconds it took.  Progress goes to LOG; a failure raises Emacs2clError with SBCL's last line."""
    sbcl = require_tool("sbcl", "sbcl")
    generated_data(lisp_dir.parent, log)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    cmd = [sbcl, "--dynamic-space-size", str(heap_mb), "--control-stack-size", "64MB",
           "--script", str(DRIVER), str(ROOT / "cl-runtime"), str(ROOT / "glue"), str(translation),
           str(lisp_dir), str(partial)]
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in p.stdout:
        if line.startswith("step "):
            print(f"image: {line[5:].strip()} ({time.monotonic() - start:.0f} s)", file=log, flush=True)
    err = p.stderr.read()
    if p.wait() != 0 or not partial.exists():
        last = [l for l in err.strip().splitlines() if l.strip()][-1:] or [f"exit status {p.returncode}"]
        raise Emacs2clError(f"building the image failed: {last[0]}")
    os.replace(partial, output)
    return time.monotonic() - start
