"""`emacs2cl diff` on a synthetic pair of trees (tests/trees/diff-old -> diff-new) whose every
difference is known, under the rules of tests/trees/diff-rules.  From old to new:

  a.c       removed_fn removed (a rule replaced it: that rule goes stale); added_fn added;
            changed_fn's C changed; moved_fn only moved down (not a change); calls_gc now calls
            gc_count of the skipped gc.c, which no rule replaces (newly untranslated);
            frame_user no longer uses __builtin_frame_address (newly translated); counter became
            external, so read_counter's Lisp changed while its C did not
  gc.c      skipped by a rule; make_widget moved out of it into the new widget.c, where a rule
            replaces it (newly covered by a rule; that rule was stale and matches again)
  old.c     removed with old_only
  fresh.c   new, no rule names it
  inl.h     a header inline both use, unchanged
  rules     skip-file nosuch.c is stale in both
"""
import json
import shutil
from pathlib import Path

import pytest

from test_errors import emacs2cl
from translator import diff
from translator.errors import Emacs2clError

TREES = Path(__file__).parent / "trees"
OLD, NEW = TREES / "diff-old", TREES / "diff-new"
RULES = Path(__file__).parent.parent / "emacs-src-rules"
OUTPUTS = ("diff.md", "diff.json", "diff.html")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """The cache and a rules directory: the real rules, with the pair's own replace and skip
    rules (and none of Emacs's primitives or structs) in place of the real ones."""
    base = tmp_path_factory.mktemp("diff")
    rules = base / "rules"
    rules.mkdir()
    for p in RULES.glob("*.sexp"):
        shutil.copy(p, rules)
    for p in (TREES / "diff-rules").glob("*.sexp"):
        shutil.copy(p, rules)
    return {"cache": base / "cache", "rules": rules, "base": base}


def run_diff(env, out, *args):
    p = emacs2cl("diff", *args, "--out", str(out), "-j", "2", cache=env["cache"],
                 env={"EMACS2CL_RULES": str(env["rules"])})
    assert p.returncode == 0, p.stderr
    return p


@pytest.fixture(scope="module")
def first(env):
    """The first run: both sides translated from cold."""
    out = env["base"] / "out1"
    p = run_diff(env, out, str(OLD), str(NEW))
    return p, out, json.loads((out / "diff.json").read_text())


@pytest.fixture(scope="module")
def model(first):
    return first[2]


def ids(items):
    return [x["id"] for x in items]


def test_functions_added_removed_moved(model):
    f = model["functions"]
    assert [(x["id"], x["file"], x["status"]) for x in f["added"]] == [
        ("added_fn", "a.c", "translated"), ("fresh_fn", "fresh.c", "translated")]
    assert [(x["id"], x["file"], x["status"]) for x in f["removed"]] == [
        ("removed_fn", "a.c", "replaced"), ("old_only", "old.c", "translated")]
    assert [(x["id"], x["old_file"], x["file"]) for x in f["moved"]] == [("make_widget", "gc.c", "widget.c")]


def test_c_changed_on_normalized_ir(model):
    f = model["functions"]
    # moved_fn only moved lines; make_widget only moved files: neither changed.
    assert ids(f["c_changed"]) == ["calls_gc", "changed_fn", "frame_user"]
    assert all(x["lisp_changed"] for x in f["c_changed"])
    assert [x["status_changed"] for x in f["c_changed"]] == [True, False, True]


def test_lisp_changed(model):
    f = model["functions"]
    assert [(x["id"], x["c_changed"]) for x in f["lisp_changed"]] == [
        ("calls_gc", True), ("changed_fn", True), ("frame_user", True), ("read_counter", False)]


def test_status_changes(model):
    f = model["functions"]
    (x,) = f["newly_untranslated"]
    assert (x["id"], x["old"], x["new"], x["c_changed"]) == ("calls_gc", "translated", "untranslated", True)
    assert x["new_reason"] == "call to gc_count of skipped file gc.c, which no rule replaces"
    (x,) = f["newly_translated"]
    assert (x["id"], x["old"], x["old_reason"]) == ("frame_user", "untranslated", "__builtin_frame_address")
    (x,) = f["newly_replaced"]
    assert (x["id"], x["file"], x["old"], x["c_changed"]) == ("make_widget", "widget.c", "skipped", False)
    assert "replaced by rule make_widget" in x["new_reason"]
    assert f["newly_skipped"] == []


def test_files(model):
    rows = {r["file"]: r for r in model["files"]}
    assert sorted(rows) == ["a.c", "fresh.c", "gc.c", "inl.h", "old.c", "widget.c"]
    a = rows["a.c"]
    assert a["old"] == {"functions": 8, "translated": 6, "replaced": 1, "skipped": 0, "untranslated": 1, "coverage": 87.5}
    assert a["new"] == {"functions": 8, "translated": 7, "replaced": 0, "skipped": 0, "untranslated": 1, "coverage": 87.5}
    assert {k: a[k] for k in diff.CHANGE_KINDS} == {
        "added": 1, "removed": 1, "c_changed": 3, "lisp_changed": 4, "newly_untranslated": 1,
        "newly_translated": 1, "newly_replaced": 0, "newly_skipped": 0}
    assert rows["fresh.c"]["old"] is None and rows["fresh.c"]["new"]["coverage"] == 100.0
    assert rows["old.c"]["new"] is None and rows["old.c"]["removed"] == 1
    assert rows["gc.c"]["skipped_old"] == rows["gc.c"]["skipped_new"] == "stands for the garbage collector"
    assert rows["gc.c"]["old"]["skipped"] == 2 and rows["gc.c"]["new"]["coverage"] is None
    assert rows["widget.c"]["newly_replaced"] == 1
    assert rows["inl.h"]["header"] and not rows["a.c"]["header"]
    assert (model["old"]["coverage"], model["new"]["coverage"]) == (90.0, 90.91)


def test_new_files_and_rules(model):
    assert model["new_files_without_rules"] == [{"file": "fresh.c", "functions": 1, "untranslated": 0}]
    assert model["rules"] == {"stale": ["replace removed_fn", "skip-file nosuch.c"],
                              "newly_stale": ["replace removed_fn"], "no_longer_stale": ["replace make_widget"]}


def test_headline(model):
    assert model["headline"] == {
        "added": 2, "removed": 2, "c_changed": 3, "lisp_changed": 4, "moved": 1, "newly_untranslated": 1,
        "added_untranslated": 0, "newly_translated": 1, "newly_replaced": 1, "newly_skipped": 0,
        "files_added": 2, "files_removed": 1, "new_files_without_rules": 1, "stale_rules": 2,
        "newly_stale_rules": 1, "behaviour_changed": 0}


def test_ir_diffs(model):
    d = {x["id"]: x["diff"] for x in model["ir_diffs"]}
    assert list(d) == ["calls_gc", "frame_user", "changed_fn"]   # status changes first
    assert "\n-    D.0 = x + 1;\n+    D.0 = x + 2;\n" in d["changed_fn"]
    assert "-    D.0 = __builtin_frame_address (0);" in d["frame_user"]


def test_no_images(model):
    assert model["images"] == {"notes": [f"no image for Emacs 99.1 (tree {OLD})", f"no image for Emacs 99.2 (tree {NEW})"],
                               "results": []}


def test_markdown_and_html(first):
    p, out, model = first
    md = (out / "diff.md").read_text()
    assert md.startswith("# emacs2cl diff: Emacs 99.1 ")
    assert "## Newly untranslated (1)" in md and "| `calls_gc` | `a.c` | translated |" in md
    assert "- `a.c` (3): `calls_gc`†, `changed_fn`†, `frame_user`†" in md
    assert "### Of these, newly stale (1)\n\n- `replace removed_fn`" in md
    page = (out / "diff.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<svg" in page
    # Self-contained: no script, nothing loaded from elsewhere (the one URL is SVG's namespace).
    assert "<script" not in page and "src=" not in page and "href=" not in page
    assert page.count("http") == 1
    # The chart: a bar per side for each file with functions that are not skipped.
    assert page.count('<title>a.c: 87.50%</title>') == 2 and "<title>fresh.c: 100.00%</title>" in page
    assert "reports in " in p.stdout and "newly untranslated 1, newly translated 1" in p.stdout
    assert "translating" in p.stderr    # progress while it translates


def test_determinism_and_warm_cache(env, first):
    """A second run, from the warm cache, writes the same bytes."""
    _, out1, _ = first
    out2 = env["base"] / "out2"
    p = run_diff(env, out2, str(OLD), str(NEW))
    assert p.stderr.count("is up to date") == 2 and "translating" not in p.stderr
    for name in OUTPUTS:
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name


def results_file(path: Path, emacs: str, results: list):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"emacs": emacs, "results": [dict(zip(("id", "form", "value"), r)) for r in results]}))


def test_images(env, first):
    """Results of both images: the old one where the cache keeps it, the new one named."""
    old_label = first[2]["old"]["label"]
    old_dir = env["cache"] / "emacs2cl" / "images" / old_label
    new_dir = env["base"] / "new-image"
    results_file(old_dir / "corpus-results.json", "image 99.1", [
        ("basic.el:1", "(+ 1 2)", "3"), ("basic.el:2", "(changed-fn 1)", "2"),
        ("basic.el:3", "(frame-user)", "(error \"untranslated\")"), ("basic.el:4", "(removed-fn 1)", "0")])
    results_file(new_dir / "corpus-results.json", "image 99.2", [
        ("basic.el:1", "(+ 1 2)", "3"), ("basic.el:2", "(changed-fn 1)", "3"),
        ("basic.el:3", "(frame-user)", "nil"), ("basic.el:5", "(added-fn 4)", "2")])
    results_file(new_dir / "ert-results.json", "image 99.2", [("data-tests:1", "(ert 'car)", "passed")])
    outs = []
    for n in (1, 2):
        out = env["base"] / f"images{n}"
        # The old side named with --old-src this time: the same side, the same report.
        run_diff(env, out, "--old-src", str(OLD), str(NEW), "--new-image", str(new_dir))
        outs.append(out)
    for name in OUTPUTS:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    m = json.loads((outs[0] / "diff.json").read_text())
    assert m["images"]["notes"] == []
    corpus, ert = m["images"]["results"]
    assert corpus == {"name": "corpus-results.json", "old": {"emacs": "image 99.1", "forms": 4},
                      "new": {"emacs": "image 99.2", "forms": 4}, "same": 1,
                      "changed": [{"id": "basic.el:2", "form": "(changed-fn 1)", "old": "2", "new": "3"},
                                  {"id": "basic.el:3", "form": "(frame-user)", "old": "(error \"untranslated\")",
                                   "new": "nil"}],
                      "only_old": ["basic.el:4"], "only_new": ["basic.el:5"]}
    assert ert["name"] == "ert-results.json" and ert["old"] is None and ert["new"]["forms"] == 1
    assert m["headline"]["behaviour_changed"] == 2
    md = (outs[0] / "diff.md").read_text()
    assert "| `basic.el:2` | `(changed-fn 1)` | `2` | `3` |" in md
    assert "no image for" not in md.lower()


def test_two_sides_are_needed(env):
    p = emacs2cl("diff", "30.1", cache=env["cache"])
    assert p.returncode == 1
    assert p.stderr.strip() == ("emacs2cl: error: name two sides: OLD NEW, each a release (28.2, 30.1, 30.2) "
                                "or a tree (a directory, or --old-src/--new-src DIR)")


def test_resolve_sides():
    releases = ["28.2", "30.1", "30.2"]
    assert diff.resolve_sides(["30.1", "30.2"], None, None, releases) == (
        diff.SideSpec(release="30.1"), diff.SideSpec(release="30.2"))
    assert diff.resolve_sides([str(NEW)], str(OLD), None, releases) == (
        diff.SideSpec(tree=str(OLD)), diff.SideSpec(tree=str(NEW)))
    assert diff.resolve_sides(["30.2"], None, str(NEW), releases) == (
        diff.SideSpec(release="30.2"), diff.SideSpec(tree=str(NEW)))
    with pytest.raises(Emacs2clError):
        diff.resolve_sides(["30.1", "30.2"], str(OLD), None, releases)


def test_sides_are_translated_alike(monkeypatch):
    """When the translator changes between the two sides' translations, the first is made again."""
    made = iter(["t1", "t2", "t2", "t2"])
    monkeypatch.setattr(diff, "load_side", lambda spec, *a: diff.Side(spec.release, "", None, {}, {}, [],
                                                                      translator=next(made)))
    old, new = diff.load_sides(diff.SideSpec("1"), diff.SideSpec("2"), 1)
    assert (old.label, old.translator, new.translator) == ("1", "t2", "t2")
    monkeypatch.setattr(diff, "load_side", lambda spec, *a: diff.Side("", "", None, {}, {}, [], translator=spec.release))
    with pytest.raises(Emacs2clError, match="keep changing"):
        diff.load_sides(diff.SideSpec("1"), diff.SideSpec("2"), 1)
