"""From a function's control-flow graph to structured Common Lisp.

SBCL's compile time grows about as n^2.2 with the number of tags in one tagbody, so a large C
function cannot be one flat tagbody.  For a reducible CFG this follows Ramsey's "Beyond Relooper"
(2022): walk the dominator tree; a loop header becomes `(tagbody Lx ...)` with `(go Lx)` for its
back edges; a node that several forward edges reach (a merge node) is emitted after a
`(block Bx ...)` holding the code that branches to it, with `(return-from Bx)` for those
branches; any other branch target is dominated by its only predecessor and is emitted in place.
Every path ends in an explicit branch or return, so falling off the end of a construct never
decides where control goes.  An irreducible CFG falls back to one tagbody with a tag per block.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import networkx as nx

from ..gimple import ir
from . import lisp

G = lisp.cl


@dataclass
class Shape:
    """The facts about a CFG that structuring needs."""
    rpo: dict            # block -> reverse postorder number
    idom: dict           # block -> immediate dominator
    children: dict       # block -> dominator-tree children
    loop_headers: set
    merge_nodes: set
    reducible: bool


def analyze(g: nx.DiGraph, entry: int = ir.ENTRY_BLOCK, exit: int = ir.EXIT_BLOCK) -> Shape:
    order = list(nx.dfs_postorder_nodes(g, entry))
    order.reverse()
    rpo = {b: i for i, b in enumerate(order)}
    idom = nx.immediate_dominators(g, entry)
    children: dict = {b: [] for b in rpo}
    for b in order:
        if b != entry:
            children[idom[b]].append(b)

    def dominates(a, b):
        while b != a and idom.get(b, b) != b:
            b = idom[b]
        return a == b

    loop_headers, reducible = set(), True
    forward_preds: dict = {b: 0 for b in rpo}
    for u, v in g.edges():
        if u not in rpo or v not in rpo or v == exit:
            continue
        if rpo[v] <= rpo[u]:            # a retreating edge
            if dominates(v, u):
                loop_headers.add(v)
            else:
                reducible = False
        else:
            forward_preds[v] += 1
    merge = {b for b, n in forward_preds.items() if n >= 2}
    return Shape(rpo, idom, children, loop_headers, merge, reducible)


def label(prefix: str, b: int) -> lisp.Sym:
    return lisp.c(f"{prefix}{b}")


class Structurer:
    """Emits the body of a function.  CODE(b) gives the forms of block B's statements other than
    its last control statement; TERMINATE(b, branch) gives the forms that end block B, calling
    BRANCH(target) for the code that transfers control to each successor."""

    def __init__(self, g: nx.DiGraph, code: Callable, terminate: Callable):
        self.g, self.code, self.terminate = g, code, terminate
        self.shape = analyze(g)

    def body(self) -> list:
        """The forms of the whole function (starting at the entry block)."""
        if not self.shape.reducible:
            return self.flat()
        (first,) = [e for e in self.g.successors(ir.ENTRY_BLOCK)] or [None]
        if first is None:
            return []
        return self.tree(first, ())

    # -- Ramsey's translation ----------------------------------------------------------------

    def tree(self, x: int, context: tuple) -> list:
        s = self.shape
        merges = sorted((c for c in s.children[x] if c in s.merge_nodes), key=lambda c: -s.rpo[c])
        if x in s.loop_headers:
            inner = self.within(x, merges, context + (("loop", x),))
            return [[G("tagbody"), label("L", x), [G("progn"), *inner]]]
        return self.within(x, merges, context)

    def within(self, x: int, merges: list, context: tuple) -> list:
        if merges:
            y, rest = merges[0], merges[1:]
            inner = self.within(x, rest, context + (("block", y),))
            return [[G("block"), label("B", y), *inner], *self.tree(y, context)]
        return [*self.code(x), *self.terminate(x, lambda target: self.branch(x, target, context))]

    def branch(self, source: int, target: int, context: tuple) -> list:
        s = self.shape
        if target == ir.EXIT_BLOCK:
            return []
        if s.rpo[target] <= s.rpo[source]:
            assert ("loop", target) in context, (source, target)
            return [[G("go"), label("L", target)]]
        if target in s.merge_nodes:
            assert ("block", target) in context, (source, target)
            return [[G("return-from"), label("B", target), None]]
        return self.tree(target, context)

    # -- fallback -----------------------------------------------------------------------------

    def flat(self) -> list:
        """One tagbody, a tag per block, in reverse postorder."""
        order = sorted(self.shape.rpo, key=self.shape.rpo.get)
        body: list = []
        for b in order:
            if b in (ir.ENTRY_BLOCK, ir.EXIT_BLOCK):
                continue
            body.append(label("L", b))
            body.extend(self.code(b))
            body.extend(self.terminate(b, lambda t: [] if t == ir.EXIT_BLOCK else [[G("go"), label("L", t)]]))
        first = next(iter(self.g.successors(ir.ENTRY_BLOCK)), None)
        return [[G("tagbody"), [G("go"), label("L", first)], *body]] if first is not None else []
