"""setjmp: a function whose IR has abnormal edges (docs/data-model.md, "Non-local exits").

GCC gives each returns-twice call a block of its own (a receiver), one block calling
`.ABNORMAL_DISPATCHER (0)` with an abnormal edge to every receiver, and an abnormal edge from
every call that may longjmp to that dispatcher.  The translation drops the edges into the
dispatcher (a longjmp is a `throw` to the activation's frame) and makes the dispatcher the
function's first node: the body runs again after each longjmp and goes from there to the
receiver the jmp_buf names.  A receiver inside loops is reached through a resume check at the
head of each of them, so that a reducible CFG stays reducible.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..gimple import ir
from . import cfg, lisp
from .ctypes import Untranslatable

G, R = lisp.cl, lisp.rt

# The C library's setjmp family, by the name GCC calls (glibc's macros expand `setjmp` to
# `_setjmp` and `sigsetjmp` to `__sigsetjmp`), and the runtime function that does each.
SETJMP = {"setjmp": "rt-setjmp", "_setjmp": "rt-setjmp", "sigsetjmp": "rt-sigsetjmp", "__sigsetjmp": "rt-sigsetjmp"}
DISPATCHER = "ABNORMAL_DISPATCHER"

# What rt-setjmp-frame binds: `/` cannot occur in a C name, so no local collides with these.
FRAME, RECEIVER, VALUE = lisp.c("$setjmp/frame"), lisp.c("$setjmp/receiver"), lisp.c("$setjmp/value")


@dataclass
class SetjmpShape:
    """How a function with setjmp calls is structured.  GRAPH is the CFG the structurer walks:
    the abnormal edges dropped, the dispatcher first, a resume check node before each loop
    header with a receiver inside (REDIRECT maps the header to it).  RESUME maps the dispatcher
    and each check node to (normal successor, {next node: [receiver numbers]})."""
    dispatcher: int
    receivers: dict                      # receiver block -> its number, from 1
    calls: dict                          # the setjmp call statement -> its receiver number
    graph: nx.DiGraph
    redirect: dict = field(default_factory=dict)
    resume: dict = field(default_factory=dict)


def first_statement(b: ir.Block):
    return next((s for s in b.stmts if s.kind not in ("label", "predict", "nop")), None)


def calls_setjmp(fn: ir.Function) -> bool:
    """True if FN has a setjmp shape (setjmp_shape), or one it cannot have (an abnormal edge
    setjmp_shape reports untranslated)."""
    try:
        return setjmp_shape(fn) is not None
    except Untranslatable:
        return True


def setjmp_shape(fn: ir.Function) -> SetjmpShape | None:
    """The shape of FN's setjmp calls, or None if it has no abnormal edge; raises Untranslatable
    for abnormal edges that are not setjmp's."""
    abnormal = [e for b in fn.blocks.values() for e in b.succs if "abnormal" in e.flags]
    if not abnormal:
        return None
    dispatchers = [b.index for b in fn.blocks.values()
                   if any(s.kind == "call" and s.callee == DISPATCHER for s in b.stmts)]
    for e in abnormal:
        last = fn.blocks[e.src].stmts[-1] if fn.blocks[e.src].stmts else None
        if last is not None and last.kind == "goto":
            raise Untranslatable("computed goto", last.line)
    if len(dispatchers) != 1:
        raise Untranslatable(f"abnormal edges with {len(dispatchers)} dispatchers", first_line(fn, abnormal))
    (x,) = dispatchers
    call = first_statement(fn.blocks[x])
    if call is None or call.callee != DISPATCHER or [a.value for a in call.args] != [0]:
        raise Untranslatable("abnormal dispatcher of computed gotos", first_line(fn, abnormal))
    for e in abnormal:
        if e.dest != x and e.src != x:
            raise Untranslatable("abnormal edge that is not setjmp's", first_line(fn, [e]))
    receivers, calls = {}, {}
    for e in fn.blocks[x].succs:
        s = first_statement(fn.blocks[e.dest])
        if s is None or s.kind != "call":
            raise Untranslatable("non-local goto (to a label from a nested function)", s.line if s else fn.line)
        if s.callee not in SETJMP:
            raise Untranslatable(f"returns-twice call to {s.callee or 'a function pointer'}", s.line)
        receivers[e.dest] = len(receivers) + 1
        calls[s] = receivers[e.dest]
    plain = nx.DiGraph()
    plain.add_nodes_from(b for b in fn.cfg.nodes if b != x)
    plain.add_edges_from((u, v) for u, v, flags in fn.cfg.edges(data="flags")
                         if "abnormal" not in flags and x not in (u, v))
    (first,) = plain.successors(ir.ENTRY_BLOCK)
    shape = SetjmpShape(x, receivers, calls, plain)
    resume_paths(shape, first, max(fn.blocks) + 1)
    return shape


def first_line(fn: ir.Function, edges) -> int:
    for e in edges:
        s = fn.blocks[e.src].stmts
        if s:
            return s[-1].line
    return fn.line


def resume_paths(shape: SetjmpShape, first: int, next_id: int) -> None:
    """Make SHAPE.graph the structurer's CFG: ENTRY -> dispatcher -> first block, and from the
    dispatcher to each receiver, through a check node before the header of each loop around it
    (outermost first) that takes every edge the header had."""
    g, x = shape.graph, shape.dispatcher
    analysis = cfg.analyze(g)
    # Irreducible: the structurer makes one tagbody, in which any block can be reached.
    loops = cfg.natural_loops(g, analysis) if analysis.reducible else {}
    g.remove_edge(ir.ENTRY_BLOCK, first)
    g.add_edge(ir.ENTRY_BLOCK, x)
    g.add_edge(x, first)
    paths = {}
    for r in shape.receivers:
        around = sorted((h for h, body in loops.items() if r in body), key=lambda h: -len(loops[h]))
        for h in around:
            if h not in shape.redirect:
                shape.redirect[h] = next_id
                next_id += 1
        paths[r] = [shape.redirect[h] for h in around] + [r]
    for h, c in shape.redirect.items():
        for u in list(g.predecessors(h)):
            g.remove_edge(u, h)
            g.add_edge(u, c)
        g.add_edge(c, h)
        shape.resume[c] = (h, {})
    shape.resume[x] = (shape.redirect.get(first, first), {})
    for r, path in paths.items():
        for node, nxt in zip([x, *path], path):
            g.add_edge(node, nxt)
            shape.resume[node][1].setdefault(nxt, []).append(shape.receivers[r])


class NonlocalMixin:
    """The parts of FunctionEmitter for functions that call setjmp."""

    def setjmp_frame(self, body: list) -> list:
        """BODY run in the activation's setjmp frame (the function's locals are outside)."""
        return [[R("rt-setjmp-frame"), [FRAME, RECEIVER, VALUE], *body]]

    def resume_dispatch(self, node: int, branch) -> list:
        """The code of the dispatcher or of a loop's resume check: on with the normal flow when
        no longjmp is being resumed, else towards the receiver it came to."""
        normal, onward = self.shape.resume[node]
        keys = {normal: [None]}
        for target, numbers in onward.items():
            keys.setdefault(target, []).extend(numbers)
        if len(keys) == 1:
            return branch(normal)
        clauses = [[k, *branch(target)] for target, k in keys.items()]
        clauses[-1][0] = G("t")
        return [[G("case"), RECEIVER, *clauses]]

    def setjmp_call(self, s: ir.Call, args: list):
        """The value of setjmp call S (ARGS its arguments' forms): the longjmp's value when the
        activation resumes here, else the runtime's setjmp, which records where it is."""
        number = self.shape.calls.get(s) if self.shape else None
        if number is None:
            raise Untranslatable(f"{s.callee} outside a block of its own", s.line)
        record = [R(SETJMP[s.callee]), *args, FRAME, number]
        return [G("if"), RECEIVER, [G("progn"), [G("setq"), RECEIVER, None], VALUE], record]
