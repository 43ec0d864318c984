"""From a function's control-flow graph to structured Common Lisp.

SBCL's compile time grows about as n^2.2 with the number of tags in one tagbody, so a large C
function cannot be one flat tagbody.  For a reducible CFG this follows Ramsey's "Beyond Relooper"
(2022): walk the dominator tree; a loop header becomes `(tagbody Lx ...)` with `(go Lx)` for its
back edges; a node that several forward edges reach (a merge node) is emitted after the code
that branches to it, under a tag `Bx` of the tagbody of its immediate dominator, reached by
`(go Bx)`; any other branch target is dominated by its only predecessor and is emitted in place.
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


def progn_of(forms: list):
    """One form for FORMS, never a bare symbol (a tagbody would take it for a tag)."""
    return [G("progn"), *forms]


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
        """The code of X's dominator subtree.  Ramsey nests one `block` per merge child; here
        X and its merge children share one tagbody instead (a tag per merge child, in reverse
        postorder), which keeps the nesting shallow when a node has hundreds of merge children
        (a big switch), where nested blocks exhaust SBCL's stack."""
        s = self.shape
        merges = sorted((c for c in s.children[x] if c in s.merge_nodes), key=lambda c: s.rpo[c])
        loop = x in s.loop_headers
        inner = context + tuple(("block", y) for y in merges) + ((("loop", x),) if loop else ())
        body = [*self.code(x), *self.terminate(x, lambda target: self.branch(x, target, inner))]
        if not merges and not loop:
            return body
        tagbody = [G("tagbody")]
        if loop:
            tagbody.append(label("L", x))
        tagbody.append(progn_of(body))
        outer = context + ((("loop", x),) if loop else ())
        for i, y in enumerate(merges):
            tagbody.append(label("B", y))
            # Code of a merge child may branch to the merge children after it.
            tagbody.append(progn_of(self.tree(y, outer + tuple(("block", z) for z in merges[i + 1:]))))
        return [tagbody]

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
