"""All the units of a build as one program: each function once, header inlines included."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import ir


@dataclass(eq=False)
class Program:
    """UNITS in build order; FUNCTIONS maps Function.key to the first body read, so that a
    header inline that every unit carries a copy of is one function; COPIES lists the units
    that carry a body of each."""
    units: list
    functions: dict = field(default_factory=dict)
    copies: dict = field(default_factory=dict)

    @classmethod
    def from_units(cls, units) -> "Program":
        p = cls(list(units))
        for u in p.units:
            for f in u.functions:
                if f.key not in p.functions:
                    p.functions[f.key] = f
                    p.copies[f.key] = []
                p.copies[f.key].append(u.file)
        return p

    def find(self, name: str) -> list:
        """The functions called NAME (static ones of several files can share a name)."""
        return [f for f in self.functions.values() if f.name == name]

    def differing_copies(self) -> list:
        """The keys of functions whose copies in different units are not the same code (a
        header inline that a unit's macros change): these are not one function after all."""
        from .pretty import function_str
        out = []
        for key, units in self.copies.items():
            if len(units) > 1:
                bodies = [f for u in self.units if u.file in units for f in u.functions if f.key == key]
                texts = {function_str(f, lines=True, canonical=True) for f in bodies}
                if len(texts) > 1:
                    out.append(key)
        return out

    @property
    def bodies(self) -> int:
        return sum(len(u.functions) for u in self.units)


def walk(tree):
    """TREE and every tree inside it, depth first."""
    stack = [tree]
    while stack:
        t = stack.pop()
        if t is None:
            continue
        yield t
        if isinstance(t, ir.Expr):
            stack.extend(t.ops)
        elif isinstance(t, ir.Constructor):
            for i, v in t.elts:
                stack.append(i)
                stack.append(v)
        elif isinstance(t, ir.ComplexCst):
            stack.append(t.real)
            stack.append(t.imag)


def stmt_operands(s: ir.Stmt):
    """The top-level operands of a statement."""
    k = s.kind
    if k == "assign":
        return (s.lhs, *s.rhs)
    if k == "call":
        return (s.lhs, s.fn, *s.args)
    if k == "cond":
        return (s.lhs, s.rhs)
    if k == "switch":
        return (s.index, *(x for c in s.cases for x in (c.low, c.high, c.label)))
    if k == "return":
        return (s.value,)
    if k == "label":
        return (s.label,)
    if k == "goto":
        return (s.dest,)
    if k == "asm":
        return tuple(t for _, t in (*s.outputs, *s.inputs))
    return ()
