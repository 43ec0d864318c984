"""`emacs2cl diff OLD NEW`: what changed from one Emacs release to the next, for the port.

Each side is translated (or its cached translation reused) with today's translator and rules;
the comparison works on the fingerprints each translation writes (functions.json: per function
its status and the digests of its normalized IR and of its Lisp), on the reports (stale rules,
skipped files), and on the behaviour results of each side's image when there are any.  The
result is a plain dict (the model) that translator/diff_render.py prints as Markdown, JSON and
HTML.  Everything in it is sorted, and it holds no time or cache path: the same inputs give the
same model.
"""
from __future__ import annotations

import difflib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import fingerprints
from .errors import Emacs2clError
from .paths import cache_dir

FORMAT = 1
STATUSES = ("translated", "replaced", "skipped", "untranslated")
# The Markdown and HTML show the IR diff of this many changed functions, each cut at DIFF_LINES.
IR_DIFFS = 20
DIFF_LINES = 60


# -- the two sides ---------------------------------------------------------------------------

@dataclass
class SideSpec:
    """A side as the user names it: a release, or a source tree."""
    release: str | None = None
    tree: str | None = None


def resolve_sides(names: list[str], old_src: str | None, new_src: str | None,
                  releases) -> tuple[SideSpec, SideSpec]:
    """OLD and NEW from the positional NAMES and --old-src/--new-src: the options fix their
    sides, the names fill the others in order.  A name that is not a release but a directory
    is a tree."""
    given = [SideSpec(tree=old_src) if old_src else None, SideSpec(tree=new_src) if new_src else None]
    free = [i for i, s in enumerate(given) if s is None]
    if len(names) != len(free):
        raise Emacs2clError("name two sides: OLD NEW, each a release (" + ", ".join(releases) +
                            ") or a tree (a directory, or --old-src/--new-src DIR)")
    for i, name in zip(free, names):
        if name not in releases and Path(name).is_dir():
            given[i] = SideSpec(tree=name)
        else:
            given[i] = SideSpec(release=name)
    return given[0], given[1]


@dataclass
class Side:
    """One release or tree, translated."""
    label: str                  # the release, or the tree's build key: names the output directory
    title: str                  # for people: "Emacs 30.1", "Emacs 99.1 (tree tests/trees/diff-old)"
    build: object
    functions: dict             # function id -> fingerprint (translator/fingerprints.py)
    units: dict                 # unit file -> the skip rule's reason, or ""
    stale: list                 # rules that match nothing in this side
    failures: list = field(default_factory=list)    # files GCC rejected
    image_dir: Path | None = None
    norm: fingerprints.Normalizer | None = None     # how its IR and Lisp were normalized
    translator: str = ""        # the digest of the translator and rules that translated it


def image_dir_for(label: str) -> Path:
    """Where the image of a release (or tree: its build key) keeps its behaviour results."""
    return cache_dir() / "images" / label


def load_side(spec: SideSpec, jobs: int | None, image_dir: str | None = None, role: str = "") -> Side:
    """Prepare and translate SPEC (the translation cache makes this quick when warm)."""
    from . import sources
    from .translate import translate
    build = sources.prepare(spec.release, spec.tree)
    label = spec.release or build.key
    title = f"Emacs {build.version}" + (f" (tree {spec.tree})" if spec.tree else "")
    print(f"emacs2cl: diff: {role} side: {title}", file=sys.stderr, flush=True)
    out, report, failures = translate(build, None, jobs)
    fp_file = out / fingerprints.FILE_NAME
    fp = fingerprints.load(fp_file.read_text()) if fp_file.exists() else None
    if fp is None:
        # Written by a translator that kept no fingerprints: translate again.
        (out / ".emacs2cl-inputs").unlink(missing_ok=True)
        out, report, failures = translate(build, None, jobs)
        fp = fingerprints.load((out / fingerprints.FILE_NAME).read_text())
    return Side(label, title, build, fp["functions"], fp["units"], list(report.stale),
                [str(x) for x in failures], Path(image_dir) if image_dir else image_dir_for(label),
                fingerprints.normalizer_of(fp), fp["translator"])


def load_sides(old: SideSpec, new: SideSpec, jobs: int | None, old_image: str | None = None,
               new_image: str | None = None) -> tuple[Side, Side]:
    """Both sides, translated by the same translator and rules: when they changed while the
    sides were loading (someone is working on them), the side made before is made again."""
    for _ in range(3):
        a = load_side(old, jobs, old_image, "old")
        b = load_side(new, jobs, new_image, "new")
        if a.translator == b.translator:
            return a, b
        print("emacs2cl: diff: the translator or its rules changed meanwhile: translating again",
              file=sys.stderr, flush=True)
    raise Emacs2clError("the translator or its rules keep changing: the two sides cannot be translated alike")


# -- counting ----------------------------------------------------------------------------------

def coverage(counts: dict) -> float | None:
    """Percent of the functions not skipped that are translated or replaced by a rule."""
    considered = sum(counts.get(s, 0) for s in STATUSES if s != "skipped")
    if not considered:
        return None
    return round(100.0 * (counts.get("translated", 0) + counts.get("replaced", 0)) / considered, 2)


def stats(records) -> dict:
    """Counts by status, the total and the coverage of fingerprint RECORDS."""
    c = Counter(r["status"] for r in records)
    out = {s: c.get(s, 0) for s in STATUSES}
    out["functions"] = sum(out.values())
    out["coverage"] = coverage(out)
    return out


def side_info(side: Side) -> dict:
    return {"label": side.label, "title": side.title, "version": side.build.version, "build": side.build.key,
            "units": len(side.units), "failures": side.failures, **stats(side.functions.values())}


def item(fid: str, rec: dict, **extra) -> dict:
    return {"id": fid, "name": rec["name"], "file": rec["file"], **extra}


def by_place(items: list) -> list:
    return sorted(items, key=lambda x: (x["file"], x["name"], x["id"]))


# -- the comparison ----------------------------------------------------------------------------

def compare_functions(old: Side, new: Side) -> dict:
    """Functions added, removed, moved, with changed C, changed status, changed Lisp."""
    o, n = old.functions, new.functions
    added = [item(k, n[k], status=n[k]["status"], reason=n[k]["reason"]) for k in n.keys() - o.keys()]
    removed = [item(k, o[k], status=o[k]["status"]) for k in o.keys() - n.keys()]
    c_changed, lisp_changed, moved = [], [], []
    newly = {s: [] for s in STATUSES}
    for k in o.keys() & n.keys():
        a, b = o[k], n[k]
        if a["file"] != b["file"]:
            moved.append(item(k, b, old_file=a["file"]))
        if a["ir"] != b["ir"]:
            c_changed.append(item(k, b, lisp_changed=a["lisp"] != b["lisp"], status_changed=a["status"] != b["status"]))
        if a["lisp"] != b["lisp"]:
            lisp_changed.append(item(k, b, c_changed=a["ir"] != b["ir"]))
        if a["status"] != b["status"]:
            newly[b["status"]].append(item(k, b, old=a["status"], new=b["status"], old_reason=a["reason"],
                                           new_reason=b["reason"], c_changed=a["ir"] != b["ir"]))
    return {"added": by_place(added), "removed": by_place(removed), "moved": by_place(moved),
            "c_changed": by_place(c_changed), "lisp_changed": by_place(lisp_changed),
            **{f"newly_{s}": by_place(v) for s, v in newly.items()}}


CHANGE_KINDS = ("added", "removed", "c_changed", "lisp_changed", "newly_untranslated", "newly_translated",
                "newly_replaced", "newly_skipped")


def compare_files(old: Side, new: Side, fns: dict) -> list:
    """Per file (unit or header): the functions of each side by status, coverage, and how many
    of each kind of change fall in it."""
    files = sorted(set(old.units) | set(new.units) | {r["file"] for s in (old, new) for r in s.functions.values()})
    rows = []
    for f in files:
        row = {"file": f, "header": f not in old.units and f not in new.units}
        for key, side in (("old", old), ("new", new)):
            recs = [r for r in side.functions.values() if r["file"] == f]
            present = f in side.units or bool(recs)
            row[key] = stats(recs) if present else None
            row[f"skipped_{key}"] = side.units.get(f, "")
        for kind in CHANGE_KINDS:
            row[kind] = sum(1 for x in fns[kind] if x["file"] == f)
        rows.append(row)
    return rows


def new_files_without_rules(old: Side, new: Side) -> list:
    """Units NEW has and OLD has not that no rule names: not skipped, no function replaced.
    The translator takes them as plain C, and someone should look at them."""
    out = []
    for f in sorted(set(new.units) - set(old.units)):
        recs = [r for r in new.functions.values() if r["file"] == f]
        if new.units[f] or any(r["status"] == "replaced" for r in recs):
            continue
        out.append({"file": f, "functions": len(recs),
                    "untranslated": sum(1 for r in recs if r["status"] == "untranslated")})
    return out


def compare_rules(old: Side, new: Side) -> dict:
    was = set(old.stale)
    return {"stale": list(new.stale), "newly_stale": [r for r in new.stale if r not in was],
            "no_longer_stale": [r for r in old.stale if r not in set(new.stale)]}


# -- behaviour: the results of each side's image ----------------------------------------------

RESULTS_SUFFIX = "-results.json"


def read_results(directory: Path | None) -> dict:
    """name -> parsed results file, for each *-results.json of DIRECTORY (corpus-results.json:
    the differential corpus; others: test results of the same shape)."""
    if directory is None or not directory.is_dir():
        return {}
    out = {}
    for p in sorted(directory.glob("*" + RESULTS_SUFFIX)):
        try:
            d = json.loads(p.read_text())
            out[p.name] = {"emacs": str(d.get("emacs", "")),
                           "results": {str(r["id"]): r for r in d.get("results", [])}}
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise Emacs2clError(f"{p}: not a results file ({{\"emacs\": ..., \"results\": [{{\"id\", \"form\", "
                                f"\"value\"}}]}}): {e}") from None
    return out


def compare_results(name: str, a: dict | None, b: dict | None) -> dict:
    """Counts of one results file side by side, and the forms whose value changed."""
    ra, rb = (a or {}).get("results", {}), (b or {}).get("results", {})
    summary = lambda d: None if d is None else {"emacs": d["emacs"], "forms": len(d["results"])}
    common = sorted(ra.keys() & rb.keys())
    changed = [{"id": i, "form": str(rb[i].get("form", "")), "old": str(ra[i].get("value", "")),
                "new": str(rb[i].get("value", ""))}
               for i in common if str(ra[i].get("value", "")) != str(rb[i].get("value", ""))]
    return {"name": name, "old": summary(a), "new": summary(b), "same": len(common) - len(changed),
            "changed": changed, "only_old": sorted(ra.keys() - rb.keys()),
            "only_new": sorted(rb.keys() - ra.keys())}


def compare_images(old: Side, new: Side) -> dict:
    ra, rb = read_results(old.image_dir), read_results(new.image_dir)
    notes = [f"no image for {s.title}" for s, r in ((old, ra), (new, rb)) if not r]
    return {"notes": notes, "results": [compare_results(n, ra.get(n), rb.get(n)) for n in sorted(ra.keys() | rb.keys())]}


# -- IR diffs ----------------------------------------------------------------------------------

def ir_diff_ids(fns: dict, limit: int) -> list:
    """Which changed functions get their IR diff shown: those whose status changed first."""
    first = [x["id"] for x in fns["c_changed"] if x["status_changed"]]
    rest = [x["id"] for x in fns["c_changed"] if not x["status_changed"]]
    return (first + rest)[:limit]


def normalized_texts(side: Side, fids: list, jobs: int | None) -> dict:
    """fid -> normalized IR text, reading only the units that hold FIDS."""
    from .dump import dump_all
    from .gimple.reader import read_units
    units = sorted({side.functions[f]["unit"] for f in fids})
    if not units:
        return {}
    dumps, _ = dump_all(side.build, [side.build.file(u) for u in units], jobs, quiet=True)
    wanted, out = set(fids), {}
    for u in read_units(list(dumps.values()), jobs):
        for f in u.functions:
            fid = fingerprints.function_id(f)
            if fid in wanted and fid not in out:
                out[fid] = fingerprints.normalized_ir(f, side.norm)
    return out


def ir_diffs(old: Side, new: Side, fids: list, jobs: int | None) -> list:
    if not fids:
        return []
    print(f"emacs2cl: diff: reading the IR of {len(fids)} changed functions", file=sys.stderr, flush=True)
    a, b = normalized_texts(old, fids, jobs), normalized_texts(new, fids, jobs)
    out = []
    for fid in fids:
        lines = list(difflib.unified_diff(a.get(fid, "").splitlines(), b.get(fid, "").splitlines(),
                                          f"{old.label}/{fid}", f"{new.label}/{fid}", lineterm="", n=2))
        if len(lines) > DIFF_LINES:
            lines = lines[:DIFF_LINES] + [f"... ({len(lines) - DIFF_LINES} more lines)"]
        out.append({"id": fid, "diff": "\n".join(lines)})
    return out


# -- all of it ---------------------------------------------------------------------------------

def headline(model: dict) -> dict:
    fns, rules = model["functions"], model["rules"]
    old_units, new_units = set(model["old_units"]), set(model["new_units"])
    return {"added": len(fns["added"]), "removed": len(fns["removed"]), "c_changed": len(fns["c_changed"]),
            "lisp_changed": len(fns["lisp_changed"]), "moved": len(fns["moved"]),
            "newly_untranslated": len(fns["newly_untranslated"]),
            "added_untranslated": sum(1 for x in fns["added"] if x["status"] == "untranslated"),
            "newly_translated": len(fns["newly_translated"]), "newly_replaced": len(fns["newly_replaced"]),
            "newly_skipped": len(fns["newly_skipped"]),
            "files_added": len(new_units - old_units), "files_removed": len(old_units - new_units),
            "new_files_without_rules": len(model["new_files_without_rules"]),
            "stale_rules": len(rules["stale"]), "newly_stale_rules": len(rules["newly_stale"]),
            "behaviour_changed": sum(len(r["changed"]) for r in model["images"]["results"])}


def compare(old: Side, new: Side, jobs: int | None = None, ir_limit: int = IR_DIFFS) -> dict:
    """The whole diff of OLD and NEW as a plain, deterministic dict."""
    fns = compare_functions(old, new)
    model = {"format": FORMAT, "old": side_info(old), "new": side_info(new),
             "old_units": sorted(old.units), "new_units": sorted(new.units),
             "functions": fns, "files": compare_files(old, new, fns),
             "new_files_without_rules": new_files_without_rules(old, new),
             "rules": compare_rules(old, new), "images": compare_images(old, new),
             "ir_diffs": ir_diffs(old, new, ir_diff_ids(fns, ir_limit), jobs)}
    model["headline"] = headline(model)
    return model
