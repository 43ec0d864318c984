"""Counting what a build's GIMPLE contains: the `emacs2cl stats` report."""
from __future__ import annotations

from collections import Counter

from .gimple import ir
from .gimple.program import Program, stmt_operands, walk


def collect(program: Program, failed: list) -> dict:
    """Counts over the distinct functions of PROGRAM (a header inline once), and over the
    variables of every unit.  Unknown codes are listed on their own."""
    kinds, assign_codes, cond_codes, tree_codes = Counter(), Counter(), Counter(), Counter()
    edge_flags, internal, builtins, type_codes = Counter(), Counter(), Counter(), Counter()
    unknown = Counter()
    blocks = stmts = indirect = 0
    header_fns = sum(1 for f in program.functions.values() if f.in_header)
    builtin_names = {d.name for u in program.units for d in u.declarations if d.builtin}

    def count_tree(t):
        for x in walk(t):
            tree_codes[x.code] += 1
            if isinstance(x, ir.Unknown):
                unknown[f"tree {x.what}"] += 1

    for f in program.functions.values():
        for b in f.blocks.values():
            blocks += 1
            for e in b.succs:
                edge_flags.update(e.flags or ("plain",))
            for s in b.stmts:
                stmts += 1
                kinds[s.kind] += 1
                if s.kind == "assign":
                    assign_codes[s.code] += 1
                elif s.kind == "cond":
                    cond_codes[s.code] += 1
                elif s.kind == "call":
                    callee = s.callee
                    if isinstance(s.fn, ir.InternalFn):
                        internal[callee] += 1
                    elif callee is None:
                        indirect += 1
                    elif callee in builtin_names:
                        builtins[callee] += 1
                elif s.kind == "unknown_stmt":
                    unknown[f"statement {s.what}"] += 1
                for op in stmt_operands(s):
                    count_tree(op)
    for u in program.units:
        for v in u.variables:
            count_tree(v.init)
        for t in u.types:
            type_codes[t.base.code] += 1
            if t.base.unknown:
                unknown[f"type {t.base.code}"] += 1

    def table(c: Counter) -> dict:
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    return {
        "files": len(program.units),
        "failed_files": [str(x) for x in failed],
        "functions": len(program.functions),
        "function_bodies": program.bodies,
        "header_inlines": header_fns,
        "header_inlines_differing": [f"{file}:{name}" for file, name in program.differing_copies()],
        "variables": sum(len(u.variables) for u in program.units),
        "blocks": blocks,
        "statements": stmts,
        "indirect_calls": indirect,
        "statement_kinds": table(kinds),
        "assign_codes": table(assign_codes),
        "cond_codes": table(cond_codes),
        "tree_codes": table(tree_codes),
        "edge_flags": table(edge_flags),
        "internal_functions": table(internal),
        "builtins": table(builtins),
        "type_codes": table(type_codes),
        "unknown": table(unknown),
    }


def render(s: dict, title: str) -> str:
    """The counts as text, most frequent first."""
    out = [f"GIMPLE of {title}",
           f"  files           {s['files']}" + (f"  ({len(s['failed_files'])} rejected by GCC)" if s["failed_files"] else ""),
           f"  functions       {s['functions']}  ({s['function_bodies']} bodies; "
           f"{s['header_inlines']} header inlines counted once)",
           f"  variables       {s['variables']}",
           f"  header inlines whose copies differ between units: {len(s['header_inlines_differing'])}"
           + "".join(f"\n    {x}" for x in s["header_inlines_differing"]),
           f"  basic blocks    {s['blocks']}",
           f"  statements      {s['statements']}",
           f"  indirect calls  {s['indirect_calls']}"]
    for key, label in (("statement_kinds", "statement kinds"), ("assign_codes", "assignment codes"),
                       ("cond_codes", "condition codes"), ("tree_codes", "tree codes in operands"),
                       ("edge_flags", "edge flags"), ("internal_functions", "internal functions"),
                       ("builtins", "builtins called"), ("type_codes", "type codes")):
        items = s[key]
        out.append(f"{label} ({len(items)}):")
        out.append("  " + ", ".join(f"{k} {v}" for k, v in items.items()))
    if s["unknown"]:
        out.append(f"UNKNOWN codes ({len(s['unknown'])}):")
        out.extend(f"  {k}: {v}" for k, v in s["unknown"].items())
    else:
        out.append("unknown codes: none")
    for x in s["failed_files"]:
        out.append(f"rejected by GCC: {x}")
    return "\n".join(out)
