"""Both sides compared test for test: the JSON document, the per-file table, the headline.

A known failure is an entry ("FILE:TEST" "REASON") -- or ("FILE" "REASON") for every test of a
file -- in the known-failures file (tests/ert/known-failures.sexp, read as the corpus's
known differences are); a difference it lists is "known", any other is "new", and an entry
whose tests agree again is "stale"."""
from __future__ import annotations

import json
from pathlib import Path

from ..corpus import load_known

KNOWN_FAILURES = Path(__file__).resolve().parent.parent.parent / "tests" / "ert" / "known-failures.sexp"
REPORT_FORMAT = 1
ERT_RESULTS = ("passed", "failed", "skipped", "quit", "aborted")


def side_result(run: dict, name: str) -> dict:
    """NAME's result in one side's RUN of its file, or what kept it from running."""
    if name in run["tests"]:
        return run["tests"][name]
    if not run["reached_ert"]:
        return {"result": run["status"], "expected": False, "seconds": None, "condition": run["message"]}
    return {"result": "absent", "expected": False, "seconds": None, "condition": ""}


def passes(r: dict) -> bool:
    """ERT counts the result as expected, and the test was not skipped."""
    return r["expected"] and r["result"] in ("passed", "failed")


def category(r: dict) -> str:
    """pass (as expected), fail (ERT's unexpected results), skip, or other (not ERT's)."""
    if r["result"] == "skipped":
        return "skip"
    if r["result"] in ERT_RESULTS:
        return "pass" if r["expected"] else "fail"
    return "other"


def _counts(results: list[dict]) -> dict:
    c = {"pass": 0, "fail": 0, "skip": 0, "other": 0}
    for r in results:
        c[category(r)] += 1
    return c


def _side_summary(run: dict, results: list[dict]) -> dict:
    keep = ("status", "seconds", "exit", "signal", "message", "stderr")
    return {**{k: run.get(k) for k in keep}, "cached": bool(run.get("cached")), "counts": _counts(results)}


def compare(files, runs: dict, known: dict[str, str]) -> dict:
    """The report's document for FILES (suite.TestFile) from run_suite's RUNS."""
    out_files = []
    used_known = set()
    for tf in files:
        o_run, i_run = runs["oracle"][tf.id], runs["image"][tf.id]
        names = list(o_run["tests"]) + [n for n in i_run["tests"] if n not in o_run["tests"]]
        tests = []
        for name in names:
            o, i = side_result(o_run, name), side_result(i_run, name)
            differs = (o["result"], o["expected"]) != (i["result"], i["expected"])
            key = next((k for k in (f"{tf.id}:{name}", tf.id) if k in known), None)
            if differs and key:
                used_known.add(key)
            tests.append({"name": name, "oracle": o, "image": i, "differs": differs,
                          "known": known[key] if differs and key else None})
        out_files.append({"file": tf.id, "excluded": tf.excluded,
                          "oracle": _side_summary(o_run, [t["oracle"] for t in tests]),
                          "image": _side_summary(i_run, [t["image"] for t in tests]),
                          "tests": tests})
    ran = {f["file"] for f in out_files}
    stale = sorted(k for k in known if k not in used_known and k.split(":", 1)[0] in ran)
    return {"format": REPORT_FORMAT, "files": out_files, "summary": summarize(out_files), "stale_known": stale}


def summarize(files: list[dict]) -> dict:
    """The headline's numbers, over the files the rules do not exclude."""
    counted = [f for f in files if not f["excluded"]]
    tests = [t for f in counted for t in f["tests"]]
    oracle_passes = [t for t in tests if passes(t["oracle"])]
    both = [t for t in oracle_passes if passes(t["image"])]
    diffs = [t for t in tests if t["differs"]]
    return {"files": len(counted), "excluded_files": len(files) - len(counted),
            "oracle_passes": len(oracle_passes), "image_passes_too": len(both),
            "percent": round(100 * len(both) / len(oracle_passes), 1) if oracle_passes else None,
            "image_only_passes": sum(1 for t in tests if passes(t["image"]) and not passes(t["oracle"])),
            "crashed_or_timed_out": sum(1 for t in tests if t["image"]["result"] in ("crashed", "timeout")),
            "files_not_finished": sorted(f["file"] for f in counted if f["image"]["status"] != "finished"),
            "differences": len(diffs), "new_differences": sum(1 for t in diffs if t["known"] is None),
            "oracle_seconds": round(sum(f["oracle"]["seconds"] for f in counted), 1),
            "image_seconds": round(sum(f["image"]["seconds"] for f in counted), 1)}


def headline(doc: dict) -> str:
    s = doc["summary"]
    pct = f"{s['percent']}%" if s["percent"] is not None else "-"
    line = (f"the image passes {s['image_passes_too']} of the {s['oracle_passes']} tests the oracle passes ({pct}) "
            f"in {s['files']} files ({s['excluded_files']} excluded by the rules); "
            f"{s['crashed_or_timed_out']} tests crashed or timed out")
    if s["files_not_finished"]:
        line += f"; {len(s['files_not_finished'])} files did not finish in the image"
    return line + f"; {s['differences']} differences, {s['new_differences']} new"


def to_json(doc: dict) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def _status(side: dict) -> str:
    return "" if side["status"] == "finished" else side["status"]


def table(doc: dict) -> str:
    """The per-file table (counts both ways, the times of both processes), then the tests
    whose results differ, file by file."""
    w = max([28] + [len(f["file"]) + (8 if f["excluded"] else 0) for f in doc["files"]])
    head = (f"{'file':<{w}} {'tests':>5} | {'oracle: pass':>12} {'fail':>4} {'skip':>4} {'other':>5} {'s':>6} "
            f"| {'image: pass':>11} {'fail':>4} {'skip':>4} {'other':>5} {'s':>7} {'x':>6} | {'diff':>4} {'new':>4}")
    lines = [head, "-" * len(head)]
    totals = {"oracle": {"pass": 0, "fail": 0, "skip": 0, "other": 0, "s": 0.0},
              "image": {"pass": 0, "fail": 0, "skip": 0, "other": 0, "s": 0.0}}
    for f in doc["files"]:
        o, i = f["oracle"], f["image"]
        diffs = [t for t in f["tests"] if t["differs"]]
        new = [t for t in diffs if t["known"] is None]
        ratio = f"{i['seconds'] / o['seconds']:.0f}" if o["seconds"] else "-"
        name = f["file"] + (" (excl.)" if f["excluded"] else "")
        lines.append(f"{name:<{w}} {len(f['tests']):>5} | {o['counts']['pass']:>12} {o['counts']['fail']:>4} "
                     f"{o['counts']['skip']:>4} {o['counts']['other']:>5} {o['seconds']:>6.1f} "
                     f"| {i['counts']['pass']:>11} {i['counts']['fail']:>4} {i['counts']['skip']:>4} "
                     f"{i['counts']['other']:>5} {i['seconds']:>7.1f} {ratio:>6} | {len(diffs):>4} {len(new):>4}"
                     + (f"  {_status(i)}" if _status(i) else "") + (f"  oracle {_status(o)}" if _status(o) else ""))
        if not f["excluded"]:
            for side in ("oracle", "image"):
                for k in ("pass", "fail", "skip", "other"):
                    totals[side][k] += f[side]["counts"][k]
                totals[side]["s"] += f[side]["seconds"]
    o, i = totals["oracle"], totals["image"]
    ratio = f"{i['s'] / o['s']:.0f}" if o["s"] else "-"
    s = doc["summary"]
    lines += ["-" * len(head),
              f"{'total (not excluded)':<{w}} {'':>5} | {o['pass']:>12} {o['fail']:>4} {o['skip']:>4} {o['other']:>5} "
              f"{o['s']:>6.1f} | {i['pass']:>11} {i['fail']:>4} {i['skip']:>4} {i['other']:>5} {i['s']:>7.1f} "
              f"{ratio:>6} | {s['differences']:>4} {s['new_differences']:>4}", ""]
    for f in doc["files"]:
        diffs = [t for t in f["tests"] if t["differs"]]
        problems = [f"{side} {f[side]['status']}: {f[side]['message']}" for side in ("oracle", "image")
                    if f[side]["message"]]
        if not diffs and not problems:
            continue
        lines.append(f"{f['file']}" + (f"  (excluded: {f['excluded']})" if f["excluded"] else ""))
        lines += [f"  {p[:300]}" for p in problems]
        for side in ("oracle", "image"):
            if f[side]["status"] == "crashed":
                lines += [f"    {side} stderr: {ln[:200]}" for ln in f[side]["stderr"][-3:]]
        for t in diffs:
            lines.append(f"  {t['name']}: oracle {describe(t['oracle'])}, image {describe(t['image'])}"
                         + (f"  [known: {t['known']}]" if t["known"] else "  [new]"))
            if t["image"]["condition"] and t["image"]["result"] in ERT_RESULTS:
                lines.append(f"      {t['image']['condition'][:200]}")
    if doc["stale_known"]:
        lines += ["", "known failures that agree now (stale): " + ", ".join(doc["stale_known"])]
    lines += ["", headline(doc)]
    return "\n".join(lines) + "\n"


def describe(r: dict) -> str:
    """A test's result in words: ERT's, with its expectation when ERT's differs from the
    result's own ("failed (expected)", "passed (unexpected)")."""
    if r["result"] == "failed" and r["expected"]:
        return "failed (expected)"
    if r["result"] == "passed" and not r["expected"]:
        return "passed (unexpected)"
    return r["result"]


def load_known_failures(path: Path = KNOWN_FAILURES) -> dict[str, str]:
    return load_known(path)
