"""`emacs2cl compile`: the translation compiled by SBCL in parallel processes, with every error
and warning attributed to its function, and the functions still undefined checked against the
runtime's interface."""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from .errors import Emacs2clError
from .gimple import sexp
from .paths import write_atomically
from .report import Report
from .sources import require_tool

DRIVER = Path(__file__).resolve().parent / "lisp" / "compile-files.lisp"
RUNTIME = Path(__file__).resolve().parent.parent / "cl-runtime"


def balance(files: list[Path], n: int) -> list[list[str]]:
    """FILES split in N groups of about equal size, largest first."""
    groups: list[list] = [[] for _ in range(n)]
    sizes = [0] * n
    for f in sorted(files, key=lambda p: -p.stat().st_size):
        i = sizes.index(min(sizes))
        groups[i].append(f.name)
        sizes[i] += f.stat().st_size
    return [g for g in groups if g]


def compile_translation(out: Path, jobs: int, heap_mb: int = 4096, progress=None, checked: bool = False) -> dict:
    """Compile the unit files of translation OUT; returns the compile section of the report.
    CHECKED: under the checked policy (docs/optimize-policy.md), safety 3 whatever a function
    declares."""
    sbcl = require_tool("sbcl", "sbcl")
    fixed = {"package.lisp", "structs.lisp", "globals.lisp", "start.lisp"}
    files = [p for p in sorted(out.glob("*.lisp")) if p.name not in fixed]
    fasl = out / "fasl"
    fasl.mkdir(exist_ok=True)
    events = []
    procs = []
    start = time.monotonic()
    # The runtime is compiled once, before the parallel processes: ASDF deletes a fasl before
    # rewriting it, so processes compiling the same system at once load each other's missing files.
    p = subprocess.run([sbcl, "--dynamic-space-size", str(heap_mb), "--script", str(DRIVER), str(RUNTIME), str(out), str(fasl), os.devnull],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise Emacs2clError(f"SBCL failed to load the runtime: {(p.stderr.strip().splitlines() or [p.returncode])[-1]}")
    with tempfile.TemporaryDirectory() as tmp:
        for n, group in enumerate(balance(files + [out / "structs.lisp"], max(1, jobs))):
            result = Path(tmp) / f"result-{n}.sexp"
            cmd = [sbcl, "--dynamic-space-size", str(heap_mb), "--control-stack-size", "64MB", "--script", str(DRIVER), str(RUNTIME), str(out),
                   str(fasl), str(result), *group]
            env = {**os.environ, "EMACS2CL_POLICY": "checked" if checked else "default"}
            procs.append((subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env),
                          result, group))
        peak_rss = 0
        for p, result, group in procs:
            err = p.stderr.read()
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            peak_rss = max(peak_rss, usage.ru_maxrss // 1024)
            if not result.exists():
                raise Emacs2clError(f"SBCL failed before compiling {group[0]}: {err.strip().splitlines()[-1:] or p.returncode}")
            for line in result.read_text(errors="replace").splitlines():
                try:
                    (form,) = sexp.parse(line)
                except ValueError:
                    continue
                events.append([form[0].lower(), *form[1:]])
            if p.returncode != 0:
                done = [e for e in events if e[0] in (":form", ":file")]
                last = f"after {done[-1][2] if done[-1][0] == ':form' else 'file ' + done[-1][1]}" if done else "at the start"
                events.append([":condition", group[-1], "<process>", ":error",
                               f"SBCL died {last} (files {', '.join(group)}): {err.strip()[-200:]}"])
    wall = time.monotonic() - start
    result = summarize(events, wall, out, checked)
    result["peak_rss_mb"] = peak_rss
    return result


def summarize(events: list, wall: float, out: Path, checked: bool = False) -> dict:
    exports = {e[1] for e in events if e[0] == ":runtime-export"}
    defined = set()
    for f in out.glob("*.lisp"):
        defined.update(m.group(1) for m in re.finditer(r"^\(defun \|([^|]+)\|", f.read_text(errors="replace"), re.M))
    conditions = defaultdict(Counter)
    messages = []
    for e in events:
        if e[0] == ":condition":
            _, file, name, kind, text = e
            kind = kind.lower()[1:]
            conditions[kind][name] += 1
            messages.append({"file": file, "function": name, "kind": kind, "message": " ".join(text.split())[:300]})
    undefined = sorted({e[2] for e in events if e[0] == ":undefined"} - defined)
    not_runtime = [u for u in undefined if u.upper() not in exports]
    times = sorted(((e[3] / 1000, e[2], e[1]) for e in events if e[0] == ":form"), reverse=True)
    failed = [e[1] for e in events if e[0] == ":file" and str(e[2]).lower() == ":failed"]
    counts = {k: sum(v.values()) for k, v in conditions.items()}
    return {
        "policy": "checked" if checked else "default",
        "wall_seconds": round(wall, 1),
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "style_warnings": counts.get("style-warning", 0),
        "files_failed": failed,
        "undefined_functions": undefined,
        "undefined_outside_runtime": not_runtime,
        "slowest": [{"function": n, "file": f, "seconds": round(t, 2)} for t, n, f in times[:10]],
        "functions_over_20s": [n for t, n, f in times if t > 20],
        "messages": messages,
        "summary": (("under the checked policy: " if checked else "") + f"{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
                    f"{counts.get('style-warning', 0)} style warnings in {wall:.0f} s; "
                    + (f"{len(failed)} files failed to compile; " if failed else "")
                    + f"{len(undefined)} undefined functions ({len(not_runtime)} outside the runtime's interface)"),
    }


def unusable(result: dict) -> str | None:
    """Why a compiled translation (RESULT, the compile section of the report) cannot make an
    image, in one line, or None: a file that failed to compile, or a function that the
    translation calls and that neither it nor the runtime's interface defines (every command of
    such an image would fail on it)."""
    if result["files_failed"]:
        return f"files failed to compile: {', '.join(result['files_failed'])}"
    names = result["undefined_outside_runtime"]
    if names:
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        return f"functions called but defined nowhere: {', '.join(names[:5])}{more}"
    return None


def compile_command(out: Path, jobs: int, checked: bool = False) -> dict:
    result = compile_translation(out, jobs, checked=checked)
    report_path = out / "report.json"
    report = Report.from_json(report_path.read_text())
    report.compile = result
    write_atomically(report_path, report.to_json())
    write_atomically(out / "report.txt", report.summary())
    return result
