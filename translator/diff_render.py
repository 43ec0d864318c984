"""The diff model of translator/diff.py as Markdown, JSON, and one self-contained HTML page.

The Markdown and the HTML are made from one document: a list of blocks (headings, paragraphs,
tables, lists, preformatted text, the chart) whose text parts are plain strings or Code; each
format only prints blocks.  The HTML has its CSS inline and its chart as inline SVG: it opens
from a file anywhere, with no script and no network.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass

# Long lists are cut in Markdown and HTML (diff.json has everything).
MAX_ROWS = 200


@dataclass(frozen=True)
class Code:
    text: str


@dataclass
class Block:
    kind: str                   # h2, h3, p, table, list, pre, chart
    parts: list = None          # h2, h3, p: parts; list: one parts list per item
    header: list = None         # table
    rows: list = None           # table: one list of cells (parts) per row
    text: str = ""              # pre


def h(level, *parts):
    return Block(f"h{level}", list(parts))


def para(*parts):
    return Block("p", list(parts))


def table(header, rows):
    return Block("table", header=header, rows=rows)


def bullets(items):
    return Block("list", items)


def pct(x) -> str:
    return "-" if x is None else f"{x:.2f}%"


def arrow(a, b) -> str:
    """"a -> b", or a alone when it did not change."""
    return str(a) if a == b else f"{a} → {b}"


def cut(items: list, what: str = "") -> tuple[list, list]:
    """ITEMS cut at MAX_ROWS, and a paragraph saying how many were left out."""
    if len(items) <= MAX_ROWS:
        return items, []
    return items[:MAX_ROWS], [para(f"... and {len(items) - MAX_ROWS} more{what} (diff.json lists all).")]


def short(text: str, n: int = 160) -> str:
    return text if len(text) <= n else text[:n - 3] + "..."


# -- the document ------------------------------------------------------------------------------

def headline_lines(m: dict) -> list[str]:
    """The headline counts as lines of text: the command's summary and the report's top."""
    c, o, n = m["headline"], m["old"]["title"], m["new"]["title"]
    lines = [f"functions added {c['added']} ({c['added_untranslated']} untranslated), removed {c['removed']}, "
             f"C changed {c['c_changed']}, moved to another file {c['moved']}",
             f"emitted Lisp changed {c['lisp_changed']}",
             f"newly untranslated {c['newly_untranslated']}, newly translated {c['newly_translated']}, "
             f"newly covered by a rule {c['newly_replaced']}, newly skipped {c['newly_skipped']}",
             f"coverage {pct(m['old']['coverage'])} in {o}, {pct(m['new']['coverage'])} in {n}",
             f"files added {c['files_added']} ({c['new_files_without_rules']} that no rule covers), "
             f"removed {c['files_removed']}",
             f"stale rules in {n}: {c['stale_rules']} ({c['newly_stale_rules']} newly stale)"]
    images = m["images"]
    if images["results"]:
        lines.append(f"behaviour: {c['behaviour_changed']} forms whose result changed")
    lines += [f"behaviour: {note}" for note in images["notes"]]
    return lines


def sides_table(m: dict) -> Block:
    o, n = m["old"], m["new"]
    rows = [["build", Code(o["build"]), Code(n["build"])], ["build files", o["units"], n["units"]],
            ["functions", o["functions"], n["functions"]], ["translated", o["translated"], n["translated"]],
            ["replaced by a rule", o["replaced"], n["replaced"]], ["skipped (file skipped by a rule)", o["skipped"], n["skipped"]],
            ["untranslated", o["untranslated"], n["untranslated"]],
            ["coverage (translated or replaced, of the functions not skipped)", pct(o["coverage"]), pct(n["coverage"])],
            ["files GCC rejected", len(o["failures"]), len(n["failures"])]]
    return table(["", o["title"], n["title"]], [[str(c) if isinstance(c, int) else c for c in r] for r in rows])


def by_file(items: list, mark=None) -> Block:
    """ITEMS as one line per file: `file` (n): names; MARK(item) may flag a name."""
    files: dict = {}
    for x in items:
        files.setdefault(x["file"], []).append(x)
    lines = []
    for f, xs in sorted(files.items()):
        parts = [Code(f), f" ({len(xs)}): "]
        for i, x in enumerate(xs):
            parts += ([", "] if i else []) + [Code(x["name"])] + ([mark(x)] if mark and mark(x) else [])
        lines.append(parts)
    return bullets(lines)


def status_section(title: str, items: list, reason_title: str, reason_key: str) -> list:
    rows = [[Code(x["name"]), Code(x["file"]), x["old"], short(x[reason_key]) or "-", "yes" if x["c_changed"] else "no"]
            for x in items]
    shown, more = cut(rows)
    return [h(2, f"{title} ({len(items)})"),
            *([table(["function", "file", "was", reason_title, "C changed"], shown)] if items else [para("None.")]),
            *more]


def list_section(title: str, items: list, note: str = "", mark=None) -> list:
    out = [h(2, f"{title} ({len(items)})")]
    if note and items:
        out.append(para(note))
    out.append(by_file(items, mark) if items else para("None."))
    return out


def files_section(m: dict) -> list:
    rows = []
    for r in m["files"]:
        o, n = r["old"], r["new"]
        fo = "-" if o is None else (f"{o['functions']} (skipped)" if r["skipped_old"] else str(o["functions"]))
        fn = "-" if n is None else (f"{n['functions']} (skipped)" if r["skipped_new"] else str(n["functions"]))
        rows.append([Code(r["file"]), arrow(fo, fn), arrow(pct(o and o["coverage"]), pct(n and n["coverage"])),
                     *[str(r[k]) for k in ("added", "removed", "c_changed", "lisp_changed", "newly_untranslated",
                                           "newly_translated", "newly_replaced")]])
    return [h(2, f"Files ({len(m['files'])})"),
            para("Build files and the headers whose inline functions they share; a header inline is counted "
                 "under its header."),
            table(["file", "functions", "coverage", "added", "removed", "C changed", "Lisp changed",
                   "newly untranslated", "newly translated", "newly covered by a rule"], rows),
            Block("chart")]


def rules_section(m: dict) -> list:
    r, n = m["rules"], m["new"]["title"]
    out = [h(2, "Rules"), h(3, f"New files no rule covers ({len(m['new_files_without_rules'])})")]
    out.append(table(["file", "functions", "untranslated"],
                     [[Code(x["file"]), str(x["functions"]), str(x["untranslated"])] for x in m["new_files_without_rules"]])
               if m["new_files_without_rules"] else para("None."))
    for title, rules in ((f"Rules that match nothing in {n}", r["stale"]), ("Of these, newly stale", r["newly_stale"]),
                         (f"Stale in {m['old']['title']}, matching again in {n}", r["no_longer_stale"])):
        out += [h(3, f"{title} ({len(rules)})"), bullets([[Code(x)] for x in rules]) if rules else para("None.")]
    return out


def behaviour_section(m: dict) -> list:
    images = m["images"]
    out = [h(2, "Behaviour"),
           para("From the results files (", Code("*-results.json"), ") of each release's image directory: the "
                "differential corpus (", Code("corpus-results.json"), ") and any test results.")]
    out += [para(note[0].upper() + note[1:] + ".") for note in images["notes"]]
    o, n = m["old"]["title"], m["new"]["title"]
    for r in images["results"]:
        a, b = r["old"], r["new"]
        out += [h(3, r["name"]),
                table(["", o, n], [["produced by", a["emacs"] if a else "-", b["emacs"] if b else "-"],
                                   ["forms", str(a["forms"]) if a else "-", str(b["forms"]) if b else "-"],
                                   ["same result", str(r["same"]), str(r["same"])],
                                   ["result changed", str(len(r["changed"])), str(len(r["changed"]))],
                                   ["only in this release", str(len(r["only_old"])), str(len(r["only_new"]))]])]
        if r["changed"]:
            shown, more = cut([[Code(x["id"]), Code(short(x["form"])), Code(short(x["old"])), Code(short(x["new"]))]
                               for x in r["changed"]], " forms")
            out += [para("Forms whose result changed:"), table(["id", "form", o, n], shown), *more]
    return out


def ir_section(m: dict) -> list:
    if not m["ir_diffs"]:
        return []
    out = [h(2, f"IR of changed functions (the first {len(m['ir_diffs'])})"),
           para("Normalized IR (no line numbers, GCC's numbering canonical): the functions whose status changed "
                "first, then the others in file order.")]
    for d in m["ir_diffs"]:
        out += [h(3, Code(d["id"])), Block("pre", text=d["diff"] or "(no textual difference)")]
    return out


def document(m: dict) -> list:
    f = m["functions"]
    untranslated_added = [x for x in f["added"] if x["status"] == "untranslated"]
    doc = [Block("h1", [f"emacs2cl diff: {m['old']['title']} → {m['new']['title']}"]),
           bullets([[line] for line in headline_lines(m)]), sides_table(m),
           *status_section("Newly untranslated", f["newly_untranslated"], "construct", "new_reason")]
    if untranslated_added:
        doc += [para(f"Added functions the translator does not translate ({len(untranslated_added)}):"),
                table(["function", "file", "construct"],
                      [[Code(x["name"]), Code(x["file"]), short(x["reason"])] for x in untranslated_added])]
    doc += [*status_section("Newly translated", f["newly_translated"], "why it was not", "old_reason"),
            *status_section("Newly covered by a rule", f["newly_replaced"], "rule", "new_reason"),
            *status_section("Newly skipped", f["newly_skipped"], "rule", "new_reason"),
            *list_section("Functions added", f["added"]),
            *list_section("Functions removed", f["removed"]),
            *list_section("C changed", f["c_changed"], "Compared on the normalized IR: a function that only moved "
                          "lines is not changed.  † the emitted Lisp changed too.",
                          lambda x: "†" if x["lisp_changed"] else ""),
            *list_section("Emitted Lisp changed without a C change", [x for x in f["lisp_changed"] if not x["c_changed"]],
                          "What the function calls or uses changed (a callee's rule, a struct, a variable)."),
            *list_section("Moved to another file", f["moved"], "Listed under the new file."),
            *files_section(m), *rules_section(m), *behaviour_section(m), *ir_section(m)]
    return doc


# -- Markdown ----------------------------------------------------------------------------------

def md_parts(parts) -> str:
    out = []
    for p in parts if isinstance(parts, list) else [parts]:
        if isinstance(p, Code):
            fence = "``" if "`" in p.text else "`"
            out.append(f"{fence}{p.text}{fence}" if p.text else "")
        else:
            out.append(str(p))
    return "".join(out)


def md_cell(parts) -> str:
    return md_parts(parts).replace("|", "\\|").replace("\n", " ")


def markdown(m: dict) -> str:
    out = []
    for b in document(m):
        if b.kind in ("h1", "h2", "h3"):
            out.append("#" * int(b.kind[1]) + " " + md_parts(b.parts))
        elif b.kind == "p":
            out.append(md_parts(b.parts))
        elif b.kind == "list":
            out.append("\n".join("- " + md_parts(x) for x in b.parts))
        elif b.kind == "table":
            lines = ["| " + " | ".join(md_cell(c) for c in b.header) + " |",
                     "|" + "---|" * len(b.header)]
            lines += ["| " + " | ".join(md_cell(c) for c in r) + " |" for r in b.rows]
            out.append("\n".join(lines))
        elif b.kind == "pre":
            out.append("```diff\n" + b.text + "\n```")
    return "\n\n".join(out) + "\n"


# -- JSON --------------------------------------------------------------------------------------

def to_json(m: dict) -> str:
    return json.dumps(m, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


# -- HTML --------------------------------------------------------------------------------------

CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; } h3 { margin-bottom: .3em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ddd; padding: .2em .5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { font: 12.5px ui-monospace, monospace; background: #f6f6f6; padding: 0 .2em; }
pre { background: #f6f6f6; padding: .6em; overflow-x: auto; font-size: 12.5px; }
pre .add { color: #066a14; } pre .del { color: #a11; } pre .hunk { color: #555; }
svg text { font: 11px system-ui, sans-serif; } .legend-old { fill: #7a9cc6; } .legend-new { fill: #e08a2c; }
"""


def html_parts(parts) -> str:
    out = []
    for p in parts if isinstance(parts, list) else [parts]:
        out.append(f"<code>{html.escape(p.text)}</code>" if isinstance(p, Code) else html.escape(str(p)))
    return "".join(out)


def html_pre(text: str) -> str:
    lines = []
    for ln in text.splitlines():
        cls = "hunk" if ln.startswith("@@") else "add" if ln.startswith("+") else "del" if ln.startswith("-") else ""
        esc = html.escape(ln)
        lines.append(f'<span class="{cls}">{esc}</span>' if cls else esc)
    return "<pre>" + "\n".join(lines) + "</pre>"


def chart(m: dict) -> str:
    """Per-file coverage of both releases as horizontal bar pairs, one row per file that has
    functions not skipped in either release."""
    rows = [r for r in m["files"] if (r["old"] and r["old"]["coverage"] is not None)
            or (r["new"] and r["new"]["coverage"] is not None)]
    label_w, bar_w, row_h, top = 190, 420, 24, 44
    height = top + row_h * len(rows) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 80}" height="{height}" '
           f'role="img" aria-label="coverage per file">']
    for k, (side, cls) in enumerate((("old", "legend-old"), ("new", "legend-new"))):
        out.append(f'<rect x="{label_w}" y="{6 + 16 * k}" width="12" height="10" class="{cls}"/>'
                   f'<text x="{label_w + 16}" y="{15 + 16 * k}">{html.escape(m[side]["title"])}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        moved = (r["old"] and r["old"]["coverage"]) != (r["new"] and r["new"]["coverage"])
        weight = ' font-weight="bold"' if moved else ""
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end"{weight}>{html.escape(r["file"])}</text>')
        for k, (side, cls) in enumerate((("old", "legend-old"), ("new", "legend-new"))):
            cov = r[side]["coverage"] if r[side] else None
            yy = y + k * 10
            if cov is None:
                what = "skipped" if r[side] else "absent"
                out.append(f'<text x="{label_w + 2}" y="{yy + 9}" fill="#888">{what}</text>')
                continue
            w = round(bar_w * cov / 100, 1)
            out.append(f'<rect x="{label_w}" y="{yy}" width="{w}" height="9" class="{cls}">'
                       f'<title>{html.escape(r["file"])}: {pct(cov)}</title></rect>'
                       f'<text x="{label_w + w + 4}" y="{yy + 9}">{pct(cov)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def page(m: dict) -> str:
    title = f"emacs2cl diff: {m['old']['title']} → {m['new']['title']}"
    body = []
    for b in document(m):
        if b.kind in ("h1", "h2", "h3"):
            body.append(f"<{b.kind}>{html_parts(b.parts)}</{b.kind}>")
        elif b.kind == "p":
            body.append(f"<p>{html_parts(b.parts)}</p>")
        elif b.kind == "list":
            body.append("<ul>\n" + "\n".join(f"<li>{html_parts(x)}</li>" for x in b.parts) + "\n</ul>")
        elif b.kind == "table":
            head = "".join(f"<th>{html_parts(c)}</th>" for c in b.header)
            rows = "\n".join("<tr>" + "".join(f"<td>{html_parts(c)}</td>" for c in r) + "</tr>" for r in b.rows)
            body.append(f"<table>\n<tr>{head}</tr>\n{rows}\n</table>")
        elif b.kind == "pre":
            body.append(html_pre(b.text))
        elif b.kind == "chart":
            body.append("<h3>Coverage per file</h3>\n" + chart(m))
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def summary(m: dict, out_dir) -> str:
    """What the command prints: where the reports are and the headline."""
    return "\n".join([f"{m['old']['title']} -> {m['new']['title']}: reports in {out_dir} (diff.md, diff.json, diff.html)",
                      *("  " + line for line in headline_lines(m))]) + "\n"
