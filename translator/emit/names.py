"""Common Lisp names for C things, derived mechanically so that they never collide.

- a function or variable with external linkage keeps its C name: `|Fcar|`, `|Vprint_length|`;
- a static one is prefixed with its file: `|data.c/helper|`; a function-scope static with its
  file and function: `|data.c/Ffoo/counter|`;
- a header inline keeps its name: every unit's copy is one function;
- locals and parameters are `|$name|` (numbered `|$name.2|` when a function has two), GCC's
  unnamed temporaries `|$D1|`..., SSA names `|$_5|` or `|$name_5|`.
C names cannot contain `$`, `.`, `/` or spaces, so none of these collide with each other or
with the generated struct names (`|struct buffer|`, `|buffer.name|`).
"""
from __future__ import annotations

from pathlib import Path

from ..gimple import ir
from . import lisp


def function_sym(name: str, file: str, flags: frozenset) -> lisp.Sym:
    if "public" in flags or file.endswith(".h"):
        return lisp.c(name)
    return lisp.c(f"{Path(file).name}/{name}")


def global_sym(v_name: str | None, uid: int, unit_file: str, flags: frozenset, context: str | None) -> lisp.Sym:
    name = v_name or f"D{uid}"
    if context:
        return lisp.c(f"{Path(unit_file).name}/{context}/{name}")
    if "public" in flags or "external" in flags:
        return lisp.c(name)
    return lisp.c(f"{Path(unit_file).name}/{name}")


def strip_counter(name: str) -> str:
    """GCC's made-up names carry a unit-wide counter (`iftmp.1`): left out, so that a function's
    translation does not change when another function of its unit does."""
    if "." in name and name[name.rindex(".") + 1:].isdigit():
        return name[:name.rindex(".")]
    return name


class Locals:
    """The local names of one function, in order of first appearance."""

    def __init__(self):
        self.by_uid: dict[int, lisp.Sym] = {}
        self.used: set[str] = set()
        self.temps = 0

    def _fresh(self, base: str) -> lisp.Sym:
        name, n = f"${base}", 1
        while name in self.used:
            n += 1
            name = f"${base}.{n}"
        self.used.add(name)
        return lisp.c(name)

    def decl(self, d: ir.Decl) -> lisp.Sym:
        s = self.by_uid.get(d.uid)
        if s is None:
            if d.name:
                s = self._fresh(strip_counter(d.name))
            else:
                self.temps += 1
                s = self._fresh(f"D{self.temps}")
            self.by_uid[d.uid] = s
        return s

    def part(self, owner: lisp.Sym, field: str) -> lisp.Sym:
        """The variable holding field FIELD of the struct local named OWNER (scalar_fields)."""
        return self._fresh(f"{owner.name[1:]}.{field}")

    def ssa(self, t: ir.SsaName) -> lisp.Sym:
        base = strip_counter(t.name) if t.name else ""
        return lisp.c(f"${base}_{t.version}")
