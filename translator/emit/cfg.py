"""From a function's control-flow graph to structured Common Lisp.

SBCL's compile time grows about as n^2.2 with the number of tags in one tagbody, so a large C
function cannot be one flat tagbody.  For a reducible CFG this follows Ramsey's "Beyond Relooper"
(2022): walk the dominator tree; a loop header becomes `(tagbody Lx ...)` with `(go Lx)` for its
back edges; a node that several forward edges reach (a merge node) is emitted after the code
that branches to it, under a tag `Bx` reached by `(go Bx)` (see Structurer.sections); any other
branch target is dominated by its only predecessor and is emitted in place.
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


def natural_loops(g: nx.DiGraph, shape: Shape) -> dict:
    """Loop header -> the blocks of its natural loop (those of all its back edges), for a
    reducible G whose SHAPE analyze gave."""
    loops: dict = {}
    for u, h in g.edges():
        if h in shape.loop_headers and u in shape.rpo and shape.rpo[h] <= shape.rpo[u]:
            body = loops.setdefault(h, {h})
            stack = [u]
            while stack:
                n = stack.pop()
                if n not in body:
                    body.add(n)
                    stack.extend(g.predecessors(n))
    return loops


def wrap_sections(sections: list) -> list:
    """Forms for tagbody SECTIONS: in a tagbody of their own when they hold tags."""
    if any(isinstance(x, lisp.Sym) for x in sections):
        return [[G("tagbody"), *sections]]
    return sections


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
        first = next(iter(self.g.successors(ir.ENTRY_BLOCK)), None)
        if first is None:
            return []
        return self.tree(first, ())

    # -- Ramsey's translation, with tagbody sections ---------------------------------------------

    def tree(self, x: int, context: tuple) -> list:
        """Forms for X's dominator subtree, to stand where X's code goes."""
        return wrap_sections(self.sections(x, context))

    def sections(self, x: int, context: tuple) -> list:
        """X's subtree as the contents of a tagbody: X's code, then each merge child under its
        tag `By`, in reverse postorder, with the merge children's own sections spliced in.
        Ramsey nests a `block` per merge child, so a run of N joins (each if-else's join being
        the next one's dominator) nests N deep, which costs SBCL stack and time; tags of one
        tagbody keep such runs flat.  A loop header is one `(tagbody Lx ...)` form: its back
        edges `(go Lx)` must be inside it."""
        s = self.shape
        if x in s.loop_headers:
            inner = self.plain_sections(x, context + (("loop", x),))
            return [[G("tagbody"), label("L", x), *inner]]
        return self.plain_sections(x, context)

    def plain_sections(self, x: int, context: tuple) -> list:
        s = self.shape
        merges = sorted((c for c in s.children[x] if c in s.merge_nodes), key=lambda c: s.rpo[c])
        inner = context + tuple(("block", y) for y in merges)
        out = [*self.code(x), *self.terminate(x, lambda target: self.branch(x, target, inner))]
        for y in merges:
            out.append(label("B", y))
            out.extend(self.sections(y, inner))
        return out

    def branch(self, source: int, target: int, context: tuple) -> list:
        s = self.shape
        if target == ir.EXIT_BLOCK:
            return []
        if s.rpo[target] <= s.rpo[source]:
            assert ("loop", target) in context, (source, target)
            return [[G("go"), label("L", target)]]
        if target in s.merge_nodes:
            assert ("block", target) in context, (source, target)
            return [[G("go"), label("B", target)]]
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
