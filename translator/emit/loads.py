"""Loads reused within a basic block (a pass on a function's IR, before it is emitted).

GCC's GIMPLE at -O0 reads memory again at each use: `specpdl_ptr->bt.kind = ...;
specpdl_ptr->bt.function = ...` loads the global `current_thread` and its field
`m_specpdl_ptr` once per line, and the translation checks each struct access it makes.  This pass
gives a load of a scalar field, through a pointer or of a variable, the SSA name an earlier load
of the same place in the same block holds, when nothing between the two can have changed that
place (`p->x` through the variable p, or through an SSA name loaded from it, is one place while p
keeps its value).  The loads of variables this leaves unused go; the others stay, foldable into
their one use.  What can change a place, in the data model (docs/data-model.md):

- a call, an asm, a computed goto: anything;
- a store through a pointer (`*p = v`), an array element, a bit-field reference, a whole
  aggregate: any place;
- a store to a variable: its loads;
- a store to field F of a struct (through any pointer): the loads whose path names F, since a
  struct field is its own slot, which no store to another field reaches; through a union: also
  every load from a struct type that is a member of a union (a member pointed to is pinned in
  its union, and the union's cells are its fields).

Loads through unions, of volatile places, of aggregates and of the structs the rules map onto
Common Lisp objects are left alone.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..gimple import ir
from ..gimple.program import stmt_operands, walk

# Calls that read and write no memory (GCC's internal arithmetic, branch hints).
_PURE_CALLS = frozenset({"ADD_OVERFLOW", "SUB_OVERFLOW", "MUL_OVERFLOW", "__builtin_expect"})


@dataclass(frozen=True)
class Memory:
    """What the pass needs to know of the program's types: OPAQUE(type) tells a struct or union
    whose fields are not plain slots (a union, a struct the rules map onto a Lisp object);
    NAME(type) a struct's name; IN_UNION the names of the struct types a union holds, at any
    depth."""
    opaque: object
    name: object
    in_union: frozenset


def _volatile(t) -> bool:
    return t is not None and "volatile" in (t.quals or ())


def _scalar(t) -> bool:
    return t is not None and t.base.code in ("integer_type", "enumeral_type", "boolean_type",
                                             "pointer_type", "real_type")


def _field_id(mem: Memory, f: ir.FieldDecl):
    return (mem.name(f.context), f.name if f.name is not None else f.bitpos)


def _variable(t) -> bool:
    """True if T is a scalar variable whose loads the pass follows."""
    return isinstance(t, ir.Decl) and t.code in ("var_decl", "parm_decl") and _scalar(t.type) \
        and not _volatile(t.type)


def _components(t):
    """The (struct or union, field) of each component_ref of the chain T, outermost first."""
    while isinstance(t, ir.Expr) and t.code == "component_ref":
        yield t.ops[0], t.ops[1]
        t = t.ops[0]


class _Block:
    """What one basic block has loaded so far: AVAIL maps a field load's key to the SSA name
    holding its value; VIA maps the SSA name of a variable's load to ("via", uid) while the
    variable keeps that value, so that `_9 = p; _9->x` and `p->x` are one place."""

    def __init__(self, mem: Memory):
        self.mem, self.avail, self.via = mem, {}, {}

    def path(self, t):
        """(base, fields, struct names) of a chain of component_refs T, or None: BASE is ("ssa",
        version) or ("via", uid) for `p->...`, ("decl", uid) for `v. ...`."""
        mem = self.mem
        if _volatile(t.type):
            return None
        fields, names = [], []
        for inner, f in _components(t):
            if not isinstance(f, ir.FieldDecl) or inner.type is None or mem.opaque(inner.type) \
                    or _volatile(f.type) or _volatile(inner.type):
                return None
            fields.append(_field_id(mem, f))
            names.append(mem.name(inner.type))
            t = inner
        if not fields:
            return None
        if isinstance(t, ir.Expr) and t.code == "mem_ref" and isinstance(t.ops[1], ir.IntegerCst) \
                and t.ops[1].value == 0:
            p = t.ops[0]
            if isinstance(p, ir.SsaName):
                base = self.via.get(p.version, ("ssa", p.version))
            elif _variable(p):
                base = ("via", p.uid)
            else:
                return None
        elif isinstance(t, ir.Decl) and not _volatile(t.type):
            base = ("decl", t.uid)
        else:
            return None
        return base, tuple(reversed(fields)), frozenset(names)

    def load_key(self, t):
        """What identifies the place a field load reads, or None if it is not reused."""
        if isinstance(t, ir.Expr) and t.code == "component_ref" and _scalar(t.type):
            p = self.path(t)
            if p is not None:
                return ("field",) + p
        return None

    def clear(self):
        self.avail.clear()
        self.via.clear()

    def store(self, lhs) -> None:
        """Forget what a store into LHS may change."""
        if isinstance(lhs, ir.SsaName):
            return
        if _variable(lhs):
            uid = lhs.uid
            for v in [v for v, b in self.via.items() if b[1] == uid]:
                del self.via[v]
            for key in [k for k in self.avail if k[1] in (("via", uid), ("decl", uid))]:
                del self.avail[key]
            return
        if isinstance(lhs, ir.Expr) and lhs.code == "component_ref" and _scalar(lhs.type) \
                and isinstance(lhs.ops[1], ir.FieldDecl):
            field = _field_id(self.mem, lhs.ops[1])
            through_union = any(inner.type is not None and inner.type.base.code == "union_type"
                                for inner, _ in _components(lhs))
            for key in list(self.avail):
                if field in key[2] or through_union and key[3] & self.mem.in_union:
                    del self.avail[key]
            return
        self.clear()

    def statement(self, s: ir.Stmt) -> None:
        """Forget what statement S (not a load) may change."""
        k = s.kind
        if k == "call":
            if s.callee not in _PURE_CALLS:
                self.clear()
            if s.lhs is not None:
                self.store(s.lhs)
        elif k in ("asm", "goto", "unknown_stmt"):
            self.clear()
        elif k == "assign":
            self.store(s.lhs)


def reuse_loads(fn: ir.Function, mem: Memory) -> ir.Function:
    """FN with each field load that repeats an earlier one in its block removed, its SSA name
    replaced everywhere by the earlier load's, and the loads of variables left unused removed
    (FN itself if there is no such load)."""
    same: dict[int, ir.SsaName] = {}            # SSA version -> the name holding its value

    def resolve(t):
        if isinstance(t, ir.SsaName) and t.version in same:
            return same[t.version]
        if isinstance(t, ir.Expr) and any(isinstance(o, (ir.SsaName, ir.Expr)) for o in t.ops):
            ops = tuple(resolve(o) for o in t.ops)
            if any(a is not b for a, b in zip(ops, t.ops)):
                return replace(t, ops=ops)
        return t

    dropped: set[int] = set()                   # id() of the statements removed
    for b in fn.blocks.values():
        block = _Block(mem)
        for s in b.stmts:
            if s.kind == "assign" and isinstance(s.lhs, ir.SsaName) and len(s.rhs) == 1:
                rhs = resolve(s.rhs[0])
                if _variable(rhs):
                    block.via[s.lhs.version] = ("via", rhs.uid)
                    continue
                key = block.load_key(rhs)
                if key is not None:
                    earlier = block.avail.get(key)
                    if earlier is not None and earlier.type.base is s.lhs.type.base:
                        same[s.lhs.version] = earlier
                        dropped.add(id(s))
                    else:
                        block.avail[key] = s.lhs
                    continue
            block.statement(s)
    if not same:
        return fn
    blocks = {i: replace(b, stmts=tuple(_rewrite(s, resolve) for s in b.stmts if id(s) not in dropped))
              for i, b in fn.blocks.items()}
    return replace(fn, blocks=_without_unused_variable_loads(blocks))


def _without_unused_variable_loads(blocks: dict) -> dict:
    """BLOCKS without the loads of variables into SSA names nothing uses (what the reused field
    loads read through)."""
    used: set[int] = set()
    for b in blocks.values():
        for s in b.stmts:
            ops = stmt_operands(s)
            if s.kind in ("assign", "call") and isinstance(s.lhs, ir.SsaName):
                ops = ops[1:]
            used.update(t.version for op in ops for t in walk(op) if isinstance(t, ir.SsaName))

    def unused(s):
        return s.kind == "assign" and isinstance(s.lhs, ir.SsaName) and s.lhs.version not in used \
            and len(s.rhs) == 1 and _variable(s.rhs[0])
    return {i: replace(b, stmts=tuple(s for s in b.stmts if not unused(s))) for i, b in blocks.items()}


def _rewrite(s: ir.Stmt, resolve):
    k = s.kind
    if k == "assign":
        return replace(s, lhs=resolve(s.lhs), rhs=tuple(resolve(o) for o in s.rhs))
    if k == "call":
        return replace(s, lhs=resolve(s.lhs), fn=resolve(s.fn), args=tuple(resolve(o) for o in s.args))
    if k == "cond":
        return replace(s, lhs=resolve(s.lhs), rhs=resolve(s.rhs))
    if k == "switch":
        return replace(s, index=resolve(s.index))
    if k == "return":
        return replace(s, value=resolve(s.value))
    if k == "goto":
        return replace(s, dest=resolve(s.dest))
    if k == "asm":
        return replace(s, outputs=tuple((c, resolve(t)) for c, t in s.outputs),
                       inputs=tuple((c, resolve(t)) for c, t in s.inputs))
    return s
