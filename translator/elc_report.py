"""Are the image's .elc files the ones GNU Emacs makes?  For each .elc the image compiled in a
release's tree (lisp-build.json lists them), the oracle -- Debian's Emacs 28.2 -- compiles the
same source in a copy of the tree (in the cache, for this report only: the product never uses
it), and the two files are compared byte for byte; a difference is classified by the first
kind that explains it (KINDS).  `scripts/bench-elc` runs it:

    python -m translator.elc_report [VERSION] [-j N] [--out DIR]

It writes elc-report.json and elc-report.txt (default: the image's directory in the cache) and
prints the summary."""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import Emacs2clError
from .lisp_build import COMPILE_TIMEOUT, Record, failure_line, rule
from .paths import cache_dir, write_atomically

ORACLE = "emacs"


def oracle_version() -> str:
    p = subprocess.run([ORACLE, "--version"], stdout=subprocess.PIPE, text=True)
    return p.stdout.splitlines()[0] if p.stdout else "unknown"


def copy_tree(lisp: Path, dest: Path) -> None:
    """DEST: a copy of the tree's LISP directory (its sources, generated ones included, and the
    other files a compile may read) without .elc, refreshed where a source changed; the tree's
    .dir-locals.el beside it, since the compiles read it (fill-column of generated docstrings)."""
    sources = [p for p in lisp.rglob("*") if p.is_file() and p.suffix != ".elc"]
    for src in sources + [p for p in lisp.parent.glob(".dir-locals*.el")]:
        out = (dest / src.relative_to(lisp)) if src.is_relative_to(lisp) else dest.parent / src.name
        if out.exists() and out.stat().st_mtime_ns == src.stat().st_mtime_ns:
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, out)


def compile_with(emacs: str, lisp: Path, files: list[str], jobs: int, env: dict) -> dict[str, str]:
    """Byte-compile FILES (relative to LISP) with EMACS as lisp/Makefile does; file -> "" when
    it compiled, else why not."""
    options = rule("compile-options")

    def one(f: str) -> tuple[str, str]:
        elc = (lisp / f).with_suffix(".elc")
        if elc.exists() and elc.stat().st_mtime >= (lisp / f).stat().st_mtime:
            return f, ""
        try:
            p = subprocess.run([emacs, *options, f], cwd=lisp, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace", env=env,
                               timeout=COMPILE_TIMEOUT)
        except subprocess.TimeoutExpired:
            return f, f"no result after {COMPILE_TIMEOUT} s"
        return f, "" if p.returncode == 0 and elc.exists() else failure_line(p.stdout, p.returncode)

    with ThreadPoolExecutor(max(1, jobs)) as pool:
        return dict(pool.map(one, files))


# The kinds of difference, each a test on (image's bytes, oracle's bytes) and what it means; the
# first that holds names the difference.
def _without(pattern: bytes):
    rx = re.compile(pattern)
    return lambda ours, theirs: rx.sub(b"", ours) == rx.sub(b"", theirs)


KINDS = [
    ("file name", "the oracle compiled a copy of the tree: a file name the source embeds at "
                  "compile time is the copy's", None),
    ("uninterned symbols", "only the printing of uninterned symbols (#:x, #N=) differs",
     _without(rb"#[0-9]+[=#]|#:")),
    ("docstring offsets", "only the (#$ . N) positions of docstrings differ: an earlier "
                          "docstring or form has another length", _without(rb"\(#\$ \. [0-9]+\)")),
]


def classify(ours: bytes, theirs: bytes, tree_lisp: Path, copy_lisp: Path) -> tuple[str, str]:
    """(kind, detail) of a difference between the image's and the oracle's .elc."""
    if ours == theirs.replace(str(copy_lisp).encode(), str(tree_lisp).encode()):
        return KINDS[0][0], ""
    for name, _, test in KINDS[1:]:
        if test(ours, theirs):
            return name, ""
    return "other", first_difference(ours, theirs)


def first_difference(ours: bytes, theirs: bytes, width: int = 60) -> str:
    """The text around the first byte where OURS and THEIRS differ."""
    n = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    show = lambda b: b[max(0, n - width // 2):n + width].decode("utf-8", "backslashreplace")
    return f"at byte {n}: image {show(ours)!r} / oracle {show(theirs)!r}"


def report(tree: Path, jobs: int, out: Path, log=sys.stderr) -> dict:
    """Compile and compare; write OUT/elc-report.json and .txt; the report."""
    lisp = tree / "lisp"
    record = Record(**json.loads((tree.parent / "lisp-build.json").read_text()))
    files = sorted(f for f, r in record.compiled.items() if r["status"] == "compiled"
                   and (lisp / f).with_suffix(".elc").exists())
    if not files:
        raise Emacs2clError(f"the image compiled no .elc in {tree} (build it: emacs2cl image)")
    copy = cache_dir() / "oracle-elc" / tree.parent.name / "lisp"
    print(f"bench-elc: copying {lisp} to {copy}", file=log, flush=True)
    copy_tree(lisp, copy)
    print(f"bench-elc: compiling {len(files)} files with {ORACLE} ({oracle_version()})", file=log, flush=True)
    env = {**os.environ, "EMACSLOADPATH": str(copy)}
    oracle_failed = compile_with(ORACLE, copy, files, jobs, env)
    rows = []
    for f in files:
        ours = (lisp / f).with_suffix(".elc").read_bytes()
        theirs_path = (copy / f).with_suffix(".elc")
        if oracle_failed[f] or not theirs_path.exists():
            rows.append({"file": f, "result": "oracle failed", "kind": "", "detail": oracle_failed[f]})
            continue
        theirs = theirs_path.read_bytes()
        if ours == theirs:
            rows.append({"file": f, "result": "identical", "kind": "", "detail": ""})
        else:
            kind, detail = classify(ours, theirs, lisp, copy)
            rows.append({"file": f, "result": "different", "kind": kind, "detail": detail})
    failed = sorted(f for f, r in record.compiled.items() if r["status"] != "compiled")
    identical = sum(r["result"] == "identical" for r in rows)
    kinds: dict[str, int] = {}
    for r in rows:
        if r["result"] == "different":
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    result = {"tree": str(tree), "oracle": oracle_version(), "compiled": len(files),
              "identical": identical, "failed_in_image": failed,
              "kinds": kinds, "meaning": {k: m for k, m, _ in KINDS}, "files": rows}
    write_atomically(out / "elc-report.json", json.dumps(result, indent=1))
    write_atomically(out / "elc-report.txt", render(result))
    return result


def render(r: dict) -> str:
    lines = [summary(r), ""]
    for kind, n in sorted(r["kinds"].items(), key=lambda kv: -kv[1]):
        lines.append(f"{n:5d} {kind}: {r['meaning'].get(kind, 'not explained yet')}")
    lines.append("")
    for row in r["files"]:
        if row["result"] != "identical":
            lines.append(f"{row['result']:14s} {row['kind']:20s} {row['file']} {row['detail']}")
    for f in r["failed_in_image"]:
        lines.append(f"{'image failed':14s} {'':20s} {f}")
    return "\n".join(lines) + "\n"


def summary(r: dict) -> str:
    pct = 100.0 * r["identical"] / r["compiled"] if r["compiled"] else 0.0
    return (f"{r['compiled']} .elc made by the image, {r['identical']} byte-identical to "
            f"{r['oracle']}'s ({pct:.1f}%); {len(r['failed_in_image'])} files the image failed to compile")


def main(argv=None) -> int:
    from .sources import prepare
    from .image import image_dir
    ap = argparse.ArgumentParser(prog="bench-elc", description=__doc__.split("\n\n")[0])
    ap.add_argument("version", nargs="?", default="28.2")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", metavar="DIR", help="where to write the report (default: the image's directory)")
    args = ap.parse_args(argv)
    try:
        build = prepare(args.version)
        out = Path(args.out) if args.out else image_dir(build.version)
        r = report(Path(build.root), args.jobs, out)
    except Emacs2clError as e:
        print(f"bench-elc: {e}", file=sys.stderr)
        return 1
    print(summary(r))
    print(f"report: {out / 'elc-report.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
