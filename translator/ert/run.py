"""One Emacs process per test file and side, in parallel, each with a time limit; what its
driver wrote (driver.el's lines) and how it ended, read into the file's result:

    {"file", "status", "message", "seconds", "exit", "signal", "stderr" (its last lines),
     "reached_ert", "tests": {NAME: {"result", "expected", "seconds", "condition"}}}

status is finished (ERT's run ended), timeout (killed at the limit), crashed (it died by a
signal, or exited while a test ran) or error (it exited otherwise without finishing: the file
did not load, or ERT failed outside the tests); message says why.  Tests are in the order ERT
ran them, the one running at a timeout or crash with that as its result, those selected but
never started "not-run".  The oracle's results are cached by the oracle's executable, the
test file, the driver and the rules.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from ..paths import cache_dir, write_atomically
from . import suite
from .report import describe

STDERR_LINES = 12
RESULT_FORMAT = 1


def _fields(line: str) -> list[str]:
    return line.rstrip("\n").split("\t")


def read_events(text: str) -> dict:
    """driver.el's lines: {"loaded", "selected", "started" (the test running), "last" (the test
    that ended last), "ended": {name: result}, "finished", "aborted" (the run ended before its
    last test, after a test that quit or left by a non-local exit), "error"}."""
    ev = {"loaded": False, "selected": [], "started": None, "last": None, "ended": {}, "finished": False,
          "aborted": False, "error": None}
    for line in text.splitlines():
        f = _fields(line)
        kind = f[0]
        if kind == "loaded":
            ev["loaded"] = True
        elif kind == "selected" and len(f) >= 2:
            ev["selected"].append(f[1])
        elif kind == "started" and len(f) >= 2:
            ev["started"] = f[1]
        elif kind == "ended" and len(f) >= 6:
            name, result, expected, seconds, condition = f[1:6]
            ev["ended"][name] = {"result": result, "expected": expected == "t",
                                 "seconds": float(seconds), "condition": condition}
            ev["started"], ev["last"] = None, name
        elif kind == "finished":
            ev["finished"] = True
            ev["aborted"] = len(f) >= 2 and f[1] == "t"
        elif kind == "error" and len(f) >= 2:
            ev["error"] = f[1]
    return ev


def _stderr_tail(text: str) -> list[str]:
    return [ln[:300] for ln in text.splitlines() if ln.strip()][-STDERR_LINES:]


def classify(ev: dict, returncode: int | None, timed_out: bool, stderr: str, timeout: float) -> dict:
    """The status of a file's run and its tests' results, from its events and how it ended."""
    tail = _stderr_tail(stderr)
    running = ev["started"]
    tests = dict(ev["ended"])
    sig = None
    if returncode is not None and returncode < 0:
        try:
            sig = signal.Signals(-returncode).name
        except ValueError:
            sig = str(-returncode)
    if ev["finished"]:
        status, message = "finished", f"ERT aborted the run after {ev['last']}" if ev["aborted"] else ""
    elif timed_out:
        status = "timeout"
        where = (f"in {running}" if running else
                 f"after {ev['last']} ended (in ERT's listener)" if ev["last"] else
                 "before the first test (in ERT's listener)" if ev["selected"] else
                 "before ERT selected the tests" if ev["loaded"] else "loading the file")
        message = f"timed out after {timeout:g} s {where}"
    elif sig or running:
        status = "crashed"
        how = f"killed by {sig}" if sig else f"exit status {returncode}"
        message = f"{how} in {running}" if running else how
    else:
        status = "error"
        uncaught = [ln for ln in stderr.splitlines() if ln.startswith(suite.rules().uncaught_error)]
        message = (f"ERT stopped by {ev['error']}" if ev["error"] else uncaught[-1][:300] if uncaught else
                   tail[-1] if tail else f"exit status {returncode}, nothing on stderr")
    if running:
        tests[running] = {"result": status, "expected": False, "seconds": None, "condition": message}
    for name in ev["selected"]:
        tests.setdefault(name, {"result": "not-run", "expected": False, "seconds": None, "condition": ""})
    return {"status": status, "message": message, "exit": returncode, "signal": sig,
            "reached_ert": bool(ev["selected"]) or bool(ev["ended"]), "stderr": tail, "tests": tests}


# The processes running now, killed when the run is interrupted; none starts after that.
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()
_stopping = threading.Event()


def _kill_group(p: subprocess.Popen) -> None:
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def kill_running() -> None:
    with _running_lock:
        _stopping.set()
        for p in _running:
            _kill_group(p)


def run_file(emacs: list[str], tree: Path, test: suite.TestFile, timeout: float, log: Path | None = None) -> dict:
    """Run TEST's file in EMACS; its result (the module's docstring)."""
    with tempfile.TemporaryDirectory(prefix="emacs2cl-ert-") as tmp:
        tmp = Path(tmp)
        results = tmp / "results"
        (tmp / "tmp").mkdir()
        argv, env = suite.command(emacs, tree, test, results, tmp / "tmp")
        start = time.monotonic()
        timed_out = False
        with open(tmp / "stderr", "w+b") as err:
            # A session of its own, so that the whole group (a test's subprocesses too) is
            # killed at the limit; stdout and stderr go to one file, as make's log has them.
            p = subprocess.Popen(argv, env=env, cwd=suite.test_directory(tree), stdin=subprocess.DEVNULL,
                                 stdout=err, stderr=err, start_new_session=True)
            with _running_lock:
                _running.add(p)
                if _stopping.is_set():
                    _kill_group(p)
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                _kill_group(p)
                p.wait()
            finally:
                _kill_group(p)  # what a test left running too
                with _running_lock:
                    _running.discard(p)
            if _stopping.is_set():  # killed by kill_running: no result
                raise KeyboardInterrupt
            seconds = time.monotonic() - start
            err.seek(0)
            output = err.read().decode("utf-8", errors="replace")
        events = results.read_text(encoding="utf-8", errors="replace") if results.exists() else ""
    if log:
        write_atomically(log, output)
    out = {"file": test.id, "seconds": round(seconds, 2)}
    out.update(classify(read_events(events), None if timed_out else p.returncode, timed_out, output, timeout))
    return out


# ---------------------------------------------------------------------------------------------
# The oracle's cache.

def _file_digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_executable_digest = cache(_file_digest)  # tens of MB: once per run


def oracle_key(oracle: str, test: suite.TestFile) -> str:
    """The oracle executable, the test file's contents, the driver and the rules of the run."""
    r = suite.rules()
    h = hashlib.sha256()
    for part in (str(RESULT_FORMAT), _executable_digest(os.path.realpath(oracle)), _file_digest(str(test.path)),
                 _file_digest(str(suite.DRIVER)), test.id, r.selector, json.dumps(r.environment, sort_keys=True),
                 " ".join(r.options)):
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:32]


def cached_oracle_run(oracle: str, tree: Path, test: suite.TestFile, timeout: float, log: Path | None) -> dict:
    """run_file in the oracle, from the cache when it ran this file before; a run that timed
    out is not kept (a longer limit may finish it)."""
    path = cache_dir() / "ert" / "oracle" / f"{oracle_key(oracle, test)}.json"
    if path.exists():
        try:
            result = json.loads(path.read_text())
            result["cached"] = True
            return result
        except ValueError:
            pass
    result = run_file([oracle], tree, test, timeout, log)
    if result["status"] != "timeout":
        write_atomically(path, json.dumps(result, indent=1))
    return result


# ---------------------------------------------------------------------------------------------
# Both sides of a suite, in parallel.

def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run_suite(tree: Path, files: list[suite.TestFile], image: str, oracle: str, jobs: int, timeout: float,
              logs: Path | None = None, progress=sys.stderr) -> dict[str, dict[str, dict]]:
    """{"oracle": {file id: result}, "image": {...}}: every file run on both sides, JOBS
    processes at a time, the oracle's first, then the image's, largest files first.  Interrupted
    (KeyboardInterrupt, SIGTERM), it kills the processes it started and keeps no result of
    theirs."""
    out: dict[str, dict[str, dict]] = {"oracle": {}, "image": {}}
    lock = threading.Lock()
    total = 2 * len(files)

    def one(side: str, test: suite.TestFile) -> None:
        log = logs / side / (test.id.replace("/", "__") + ".log") if logs else None
        if side == "oracle":
            result = cached_oracle_run(oracle, tree, test, timeout, log)
        else:
            result = run_file([image], tree, test, timeout, log)
        with lock:
            out[side][test.id] = result
            done = len(out["oracle"]) + len(out["image"])
            if progress:
                counts = {}
                for t in result["tests"].values():
                    counts[describe(t)] = counts.get(describe(t), 0) + 1
                what = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no tests"
                extra = "" if result["status"] == "finished" else f" [{result['status']}: {result['message'][:120]}]"
                cached = " (cached)" if result.get("cached") else ""
                print(f"ert [{done}/{total}] {side} {test.id}: {what} in {result['seconds']:.0f} s{cached}{extra}",
                      file=progress, flush=True)

    order = sorted(files, key=lambda t: -t.path.stat().st_size)
    # The oracle first: it is quick, and cached for the next run even if this one is stopped.
    work = [("oracle", t) for t in order] + [("image", t) for t in order]
    _stopping.clear()
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    # Killed (SIGTERM) as when interrupted: the processes are in sessions of their own, and a
    # test that hangs would outlive the run.
    terminate = signal.signal(signal.SIGTERM, _interrupt) if threading.current_thread() is threading.main_thread() else None
    try:
        for f in [pool.submit(one, side, t) for side, t in work]:
            f.result()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        kill_running()
        raise
    finally:
        if terminate is not None:
            signal.signal(signal.SIGTERM, terminate)
    pool.shutdown()
    return {side: {t.id: out[side][t.id] for t in files} for side in out}


def require_executable(path: str, what: str, fix: str) -> str:
    """PATH as an executable (a command name is looked up), else an error that says FIX."""
    from ..errors import Emacs2clError
    found = shutil.which(path) if os.sep not in path else (path if os.access(path, os.X_OK) and os.path.isfile(path) else None)
    if not found:
        raise Emacs2clError(f"{what} {path} not found: {fix}")
    return found
