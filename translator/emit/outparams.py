"""Out parameters: a pointer parameter a function only loads and stores through (`*p`, `*p = v`),
and locals of its callers whose address is taken only to pass it there (inc_both (&from,
&from_byte) at each character of a sexp scan, forw_comment's four results, STRING_CHAR_ADVANCE's
`&p`, string_char_and_length's `&len`).

Such a function gets a second translation, its out entry (`NAME out`): each out parameter is
taken as the value it points to and its final value is returned after the C result, as
`(values RESULT OUT...)`.  A caller passing only its own locals there (whose address nothing
else takes) calls the out entry, and those locals are plain variables, not boxes: no box, no
pointer object, no store through a pointer per call.  An out parameter pointing to a byte pointer
is taken and returned as that pointer's parts (FunctionEmitter.split_pointers), and the local a
caller passes there is split (walked_pointers).  Every other call (a pointer into a
struct, a parameter passed on, a call through a function pointer) calls the function of the C
name, translated as before: in the out entry the parameter's value is a copy, which is the C
semantics only when nothing else can reach the variable while the callee runs, what the
callers' condition guarantees.  docs/data-model.md, "Pointers", says the same."""
from __future__ import annotations

from ..gimple import ir
from ..gimple.program import stmt_operands, walk
from .ctypes import FloatKind, FnPtrKind, IntKind, LispKind, PtrKind

# The kinds of value an out parameter can point to: scalars, held in one variable.
VALUE_KINDS = (IntKind, FloatKind, LispKind, PtrKind, FnPtrKind)


def address_of_decl(t):
    """The variable or parameter whose address tree T takes (`&x`), or None."""
    if isinstance(t, ir.Expr) and t.code == "addr_expr" and isinstance(t.ops[0], ir.Decl):
        return t.ops[0]
    return None


def out_entry_name(name):
    """The name of the out entry of the translated function NAME (a space cannot occur in a C
    name)."""
    return type(name)(f"{name.name} out", name.pkg)


def same_value_kind(a, b) -> bool:
    """True if a variable of kind A can hold what an out parameter of pointee kind B holds:
    the same integer or float type, or both Lisp objects, or both pointers (of any target: a
    `const` pointee is another type)."""
    if isinstance(a, PtrKind) or isinstance(b, PtrKind):
        return isinstance(a, PtrKind) and isinstance(b, PtrKind)
    return a == b


def out_parameters(fn: ir.Function, types, passed: set) -> tuple | None:
    """Per parameter of FN, the kind of what it points to if it is an out parameter, else
    None; None if FN has none.  PASSED holds the parameter positions some caller passes the
    address of a local at: the others would give an entry nobody calls.  A parameter is one if
    every use of it is `*p` of its pointee's type, as a load or as the target of a store, or a
    test against another out parameter (PAIR_TESTS): it is never assigned, passed on, compared
    otherwise or offset."""
    if fn.type.base.varargs or not passed:
        return None
    uses: dict = {}          # uid -> number of uses
    derefs: dict = {}        # uid -> number of `*p` uses of the pointee type
    other = set()            # assigned, or `&*p` (p itself)
    pairs = []               # the (uid, uid) of the tests `p == q` of two parameters
    params = {p.uid: p for i, p in enumerate(fn.params) if i in passed}

    def param(t):
        return t if isinstance(t, ir.Decl) and t.uid in params else None

    for s in fn.statements():
        if s.kind == "assign" and param(s.lhs):
            other.add(s.lhs.uid)
        if s.kind == "cond" and s.code in PAIR_TESTS and param(s.lhs) and param(s.rhs) and s.lhs.uid != s.rhs.uid:
            # validate_interval_range's `begin != end`: the out entry is only called with the
            # addresses of distinct locals, so two out parameters are never equal.
            pairs.append((s.lhs.uid, s.rhs.uid))
            continue
        for op in stmt_operands(s):
            for t in walk(op):
                if param(t):
                    uses[t.uid] = uses.get(t.uid, 0) + 1
                elif isinstance(t, ir.Expr) and t.code == "addr_expr" and isinstance(t.ops[0], ir.Expr) \
                        and t.ops[0].code == "mem_ref" and param(t.ops[0].ops[0]):
                    other.add(t.ops[0].ops[0].uid)
                elif isinstance(t, ir.Expr) and t.code == "mem_ref" and param(t.ops[0]) and t.ops[1].value == 0 \
                        and t.type.base.id == pointee(params[t.ops[0].uid]).base.id:
                    derefs[t.ops[0].uid] = derefs.get(t.ops[0].uid, 0) + 1

    def qualifies(p, kind):
        return isinstance(kind, VALUE_KINDS) and p.uid not in other and uses.get(p.uid, 0) > 0 \
            and uses.get(p.uid) == derefs.get(p.uid)

    kinds = {p.uid: types.kind(pointee(p)) if i in passed and pointee(p) is not None else None
             for i, p in enumerate(fn.params)}
    ok = {p.uid for p in fn.params if qualifies(p, kinds[p.uid])}
    # A parameter compared with another is one only if the other is one too.
    changed = True
    while changed:
        changed = False
        for a, b in pairs:
            if (a in ok) != (b in ok):
                ok.discard(a)
                ok.discard(b)
                changed = True
    out = tuple(kinds[p.uid] if p.uid in ok else None for p in fn.params)
    return out if any(k is not None for k in out) else None


# The tests of two out parameters against each other, and their constant value in an out entry.
PAIR_TESTS = {"eq_expr": False, "ne_expr": True}


def pointee(p: ir.Decl):
    """The type parameter P points to, or None if it is no pointer."""
    b = p.type.base
    return b.to if b.code == "pointer_type" else None


def addressed_locals_passed(fn: ir.Function, local_uids: set) -> dict:
    """Callee name -> the positions at which FN passes the address of one of its locals or
    parameters (LOCAL_UIDS) directly: what out_parameters' PASSED is made of."""
    out: dict = {}
    for s in fn.statements():
        if s.kind == "call" and s.callee is not None and not isinstance(s.fn, ir.InternalFn):
            for i, a in enumerate(s.args):
                d = address_of_decl(a)
                if d is not None and d.uid in local_uids:
                    out.setdefault(s.callee, set()).add(i)
    return out


def out_locals(fn: ir.Function, candidates: dict, entry_of) -> set:
    """The uids of the locals of FN (CANDIDATES: uid -> kind, its scalars whose address is
    taken) that can be plain variables: each taking of the address is an argument of a call
    (ENTRY_OF(call) gives the callee's out_parameters, or None) at an out parameter of the
    kind of the local, in a call whose every out argument is such a local, and at most once
    per call (two pointers to one variable are not two copies)."""
    calls = []               # (outs, {position: uid}) of the calls to a function with an out entry
    bad = set()

    def candidate(t):
        d = address_of_decl(t)
        return d.uid if d is not None and d.uid in candidates else None

    for s in fn.statements():
        outs = entry_of(s) if s.kind == "call" else None
        args = s.args if s.kind == "call" else ()
        taken = {}
        for i, a in enumerate(args):
            uid = candidate(a)
            if uid is not None:
                if outs is None or i >= len(outs) or outs[i] is None or not same_value_kind(candidates[uid], outs[i]) \
                        or uid in taken.values():
                    bad.add(uid)
                taken[i] = uid
        if outs is not None and any(outs):
            calls.append((outs, taken))
        # Any other taking of the address (not a direct argument) disqualifies the local.
        others = stmt_operands(s) if s.kind != "call" else \
            (s.lhs, s.fn, *(a for i, a in enumerate(args) if i not in taken))
        bad.update(uid for op in others for t in walk(op) if (uid := candidate(t)) is not None)
    # A call is made through the out entry only if every out argument is a plain local, so a
    # local beside one that is not stays a box too.
    changed = True
    while changed:
        changed = False
        for outs, taken in calls:
            if any(k is not None and taken.get(i) in bad | {None} for i, k in enumerate(outs)):
                for uid in taken.values():
                    if uid not in bad:
                        bad.add(uid)
                        changed = True
    return set(candidates) - bad
