"""One C function as one `defun`: locals, statements, and the structured control flow."""
from __future__ import annotations

from dataclasses import dataclass

from ..gimple import ir
from ..gimple.program import walk, stmt_operands
from . import lisp
from .calls import ALLOCA_BLOCKS, CallsMixin
from .booleans import as_test, bool_value
from .cfg import Structurer
from .ctypes import (POINTERS, ArrayKind, ComplexKind, IntKind, LispKind, PtrKind, StructKind,
                     Untranslatable)
from .memory import MemoryMixin, Shared, byte_size
from .names import Locals
from .outparams import PAIR_TESTS, address_of_decl, out_entry_name, out_locals
from .setjmp import NonlocalMixin, calls_setjmp, setjmp_shape
from .operators import OperatorsMixin, quote

G, R = lisp.cl, lisp.rt

# Assignment codes whose single operand is the value itself.
SINGLE = {"ssa_name", "var_decl", "parm_decl", "result_decl", "integer_cst", "real_cst", "string_cst",
          "component_ref", "mem_ref", "array_ref", "addr_expr", "constructor", "realpart_expr",
          "imagpart_expr", "complex_cst", "bit_field_ref", "view_convert_expr", "const_decl"}
CONVERSIONS = {"nop_expr", "convert_expr", "float_expr", "fix_trunc_expr"}
LARGE_FUNCTION_BLOCKS = 200
# The operations on a pointer that a split one (split_pointers) does without a pointer object.
WALKING_CODES = {"pointer_plus_expr", "pointer_diff_expr", "lt_expr", "le_expr", "gt_expr", "ge_expr",
                 "eq_expr", "ne_expr"}
# The statements copying a variable (mark_copies).
COPY_CODES = {"ssa_name", "var_decl", "parm_decl"}
# A local integer array of at least this many bytes is taken from the runtime's pool and given
# back when the function returns or unwinds (docs/data-model.md): styled_format's 22 KB sprintf
# buffer was a fresh array at each `format'.
POOLED_ARRAY_BYTES = 1024
WRAP_CALLS = {R("rt-wrap-s"): R("rt-wrap-s-call"), R("rt-wrap-u"): R("rt-wrap-u-call")}


def replace_heads(form, table: dict):
    """FORM with the heads of its subforms that TABLE names replaced."""
    if isinstance(form, list):
        return [table.get(x, x) if i == 0 and isinstance(x, lisp.Sym) else replace_heads(x, table)
                for i, x in enumerate(form)]
    return form


@dataclass(frozen=True)
class LazyObject:
    """The declared type of a local made at its first use (lazy_locals): NIL until then."""
    made: object
    declared = True

    def cl_type(self):
        return [G("or"), G("null"), self.made]


@dataclass(frozen=True)
class PointerOffset:
    """The declared type of the offset half of a split pointer (split_pointers)."""
    declared = True

    def cl_type(self):
        return G("fixnum")


@dataclass(frozen=True)
class PartsEntry:
    """How a function's parts entry (FunctionEmitter.split_parameters) differs from the C
    function: PARAMS, per parameter, true if taken as its base and offset; RESULT, true if the
    byte pointer returned is returned as its base and offset (two values)."""
    params: tuple
    result: bool


def parts_entry_name(name: lisp.Sym) -> lisp.Sym:
    """The name of the function taking split pointer parameters as their parts (split_parameters)
    for the translated function NAME: a space cannot occur in a C name."""
    return lisp.Sym(f"{name.name} parts", name.pkg)


def type_declarations(typed) -> list:
    """`(type TYPE SYM...)` for the (SYM, kind) pairs of TYPED whose kind is declared (C's
    integers and floats, docs/data-model.md), one per type in order of first appearance."""
    by_type: dict = {}
    for sym, kind in typed:
        if kind.declared:
            t = kind.cl_type()
            by_type.setdefault(repr(t), (t, []))[1].append(sym)
    return [[G("type"), t, *syms] for t, syms in by_type.values()]


# The trees that designate a part of the object in their first operand.
STRUCT_PARTS = frozenset({"component_ref", "array_ref", "array_range_ref", "bit_field_ref", "realpart_expr",
                          "imagpart_expr", "view_convert_expr"})


class FunctionEmitter(OperatorsMixin, MemoryMixin, CallsMixin, NonlocalMixin):
    """Translates FN of UNIT; CTX is the translation of the whole program (names, rules)."""

    def __init__(self, fn: ir.Function, unit, ctx, outs: tuple | None = None):
        """OUTS, for the out entry (outparams.py): per parameter, the kind it points to if it is
        an out parameter, else None."""
        self.unit, self.ctx = unit, ctx
        self.types, self.rules = ctx.types, ctx.rules
        self.structs_used = ctx.structs_used
        self.locals = Locals()
        self.ssa_names: dict = {}                # symbol -> kind
        self.ssa_versions: dict = {}             # symbol -> SSA version
        self.local_uids = {d.uid for d in fn.locals if "static" not in self.unit.var_flags.get(d.uid, ())}
        self.local_uids |= {p.uid for p in fn.params}
        if fn.result is not None:
            self.local_uids.add(fn.result.uid)
        self.fn = ctx.body(fn)
        self.outs = {p.uid: k for p, k in zip(fn.params, outs or ()) if k is not None}
        self.plain_outs: set = set()             # locals passed only to out parameters (outparams.py)
        self.boxed: set = set()
        self.changed_structs: set = set()
        self.addressed_structs: set = set()
        self.lazy: set = set()
        self.scalarized: dict = {}               # uid -> {field name: (variable, kind)}
        self.pooled: dict = {}                   # uid -> type of the pooled local arrays
        self.split: dict = {}                    # ("decl", uid) or ("ssa", version) -> (base, offset)
        self.split_seen: set = set()             # the keys of the split variables used
        self.parts_result = False                # returns a byte pointer as its parts (returns_parts)
        self.parts_entry: PartsEntry | None = None
        self.line = fn.line
        self.shape = None
        self.changing_stores: list = []          # the variable lists of rt-store-changing-object
        self.alloca_blocks = False               # takes blocks from alloca's pools (pooled_alloca)

    # -- the defun -----------------------------------------------------------------------------

    def defun(self):
        """(defun ...) for the function; raises Untranslatable for what the model lacks."""
        fn = self.fn
        self.boxed = self.scalar_boxes()
        self.changed_structs, self.addressed_structs = self.changed_struct_variables()
        self.scalarized = self.scalar_fields()
        self.lazy = self.lazy_locals()
        self.pooled = self.pooled_arrays()
        self.tagged = self.untag_idiom()
        self.inline = self.single_use_temporaries()
        self.inlined: dict = {}
        name = self.c_name = self.ctx.function_symbol(fn.name, self.unit, fn)
        self.parts_entry = self.decide_parts()
        if self.outs:
            name = out_entry_name(name)
        elif self.parts_entry:
            name = parts_entry_name(name)
        self.name = name                         # the block a return leaves
        params = []
        for p in fn.params:
            params += self.split[("decl", p.uid)] if ("decl", p.uid) in self.split_params else [self.locals.decl(p)]
        lambda_list = list(params)
        if fn.type.base.varargs:
            lambda_list += [G("&rest"), lisp.c("$varargs")]
        if self.shape is None:
            body = Structurer(fn.cfg, self.block_code, self.terminate).body()
        else:
            body = self.setjmp_frame(Structurer(self.shape.graph, self.shaped_code, self.shaped_terminate).body())
        self.add_copies(body)
        bindings, typed, typed_params = [], [], []
        entry = []

        def split_variables(parts):
            """Bind and declare the base and offset variables of a split pointer."""
            bindings.extend([[parts[0], None], [parts[1], 0]])
            typed.append((parts[1], PointerOffset()))

        for p in fn.params:
            sym = self.locals.by_uid[p.uid]
            if ("decl", p.uid) in self.split_params:
                typed_params.append((self.split[("decl", p.uid)][1], PointerOffset()))
            elif ("decl", p.uid) in self.split:
                split_variables(self.split[("decl", p.uid)])
                entry.append(self.split_write(("decl", p.uid), sym))
            elif p.uid in self.boxed:
                bindings.append([sym, [R("rt-make-box"), sym]])
            elif p.uid in self.changed_structs and self.by_value_struct(p.type):
                # The caller passes its struct without a copy (argument): C's by-value copy is
                # made here, by the one function that changes it.
                bindings.append([sym, [R("rt-copy"), sym]])
        for d in [*fn.locals, *([fn.result] if fn.result is not None else [])]:
            for sym, kind in self.scalarized.get(d.uid, {}).values():
                bindings.append([sym, kind.zero()])
                typed.append((sym, kind))
            if ("decl", d.uid) in self.split:
                split_variables(self.split[("decl", d.uid)])
            elif d.uid in self.local_uids and d.uid in self.locals.by_uid and d.uid not in self.scalarized:
                sym = self.locals.by_uid[d.uid]
                bindings.append([sym, None if d.uid in self.lazy else self.initial(d)])
                if d.uid in self.lazy:
                    typed.append((sym, LazyObject(self.lazy_type(d))))
                elif d.uid not in self.boxed:
                    typed.append((sym, self.types.kind(d.type)))
        for sym, kind in sorted(self.ssa_names.items(), key=lambda kv: kv[0].name):
            bindings.append([sym, kind.zero()])
            if self.ssa_versions[sym] not in self.tagged | self.untag_objects:
                typed.append((sym, kind))
        for parts in sorted((self.split[k] for k in self.split_seen if k[0] == "ssa"),
                            key=lambda parts: parts[0].name):
            split_variables(parts)
        body = [*entry, *body]
        declare = [G("declare"), [G("ignorable"), *params]] if params else None
        param_types = type_declarations([(self.locals.by_uid[p.uid], self.types.kind(p.type))
                                         for p in fn.params if p.uid not in self.boxed and p.uid not in self.outs
                                         and ("decl", p.uid) not in self.split_params]
                                        + [(self.locals.by_uid[p.uid], self.outs[p.uid]) for p in fn.params
                                           if p.uid in self.outs and ("decl", p.uid) not in self.split_params]
                                        + typed_params)
        if param_types:
            declare = [*(declare or [G("declare")]), *param_types]
        local_types = type_declarations(typed)
        pooled = [(self.locals.by_uid[u], t) for u, t in sorted(self.pooled.items())
                  if u in self.locals.by_uid]
        given_back = [[G("when"), sym, [R("rt-give-local-array"), self.new_instance(t)[1], sym]] for sym, t in pooled]
        if self.alloca_blocks:
            bindings.append([ALLOCA_BLOCKS, None])
            given_back.append([R("rt-give-alloca-blocks"), ALLOCA_BLOCKS])
        if given_back:
            # Given back on every exit: a return, a signal or throw unwinding through, a longjmp.
            body = [[G("unwind-protect"), [G("progn"), *body], *given_back]]
        if bindings:
            form = [G("let*"), bindings, *([[G("declare"), *local_types]] if local_types else []), *body]
        else:
            form = [G("progn"), *body]
        if len(fn.blocks) > LARGE_FUNCTION_BLOCKS and self.rules.compiled_for_speed(fn.name):
            # A hot large function (emacs-src-rules/compile-policy.sexp): SBCL's speed 1 and
            # integer wraparound inline; the runtime's pointer operations stay calls (compilation
            # speed above speed) and the inline functions it calls are declined, as in any large
            # function, which keeps its compile time within bounds (the regexp matcher: 6 s).
            declare = [*(declare or [G("declare")]),
                       [G("optimize"), [G("compilation-speed"), 2], [G("speed"), 1]]]
        elif len(fn.blocks) > LARGE_FUNCTION_BLOCKS:
            # SBCL's optimizer is superlinear in a function's size; beyond this size it is told
            # to favour compilation speed, and integer wraparound is a call instead of inline
            # code (regex_compile: 13 s -> 8 s; styled_format: 21 s -> 7 s).  The runtime's
            # compiler macros see the policy and call their operations instead of inlining them
            # (regex_compile's 273 pointer differences took 3 of its 8 s).
            declare = [*(declare or [G("declare")]),
                       [G("optimize"), [G("compilation-speed"), 3], [G("speed"), 0]]]
            form = replace_heads(form, WRAP_CALLS)
        return [G("defun"), name, lambda_list, *([declare] if declare else []), form]

    def initial(self, d: ir.Decl):
        k = self.types.kind(d.type)
        shared = self.rules.shared_struct(d.type) if isinstance(k, StructKind) else None
        if shared:
            # A local struct Lisp_String or Lisp_Cons (AUTO_STRING, AUTO_CONS): a fresh object
            # of the Lisp type, whose fields the code then fills.
            v = [R("rt-new-shared"), [G("quote"), lisp.Sym(self.rules.shared[shared], "rt")]]
        elif d.uid in self.pooled:
            v = [R("rt-take-local-array"), self.new_instance(d.type)[1]]
        elif k.aggregate and not self.rules.shared_struct(d.type):
            v = self.new_instance(d.type)
        else:
            v = k.zero()
        return [R("rt-make-box"), v] if d.uid in self.boxed else v

    def scalar_fields(self) -> dict:
        """The struct locals used only field by field, each field a scalar (no address taken, no
        whole copy, no bit-field, no union): each field is a variable of its own, declared with
        its type, and the struct is never made (FOR_EACH_TAIL's `struct for_each_tail_internal`
        in Fassq, Fmemq ...).  A whole assignment of `{}` zeroes the variables."""
        candidates = {}
        for d in self.fn.locals:
            if d.uid in self.local_uids and isinstance(self.types.kind(d.type), StructKind) \
                    and not self.rules.shared_struct(d.type) and not self.types.is_union(d.type):
                candidates[d.uid] = d
        if not candidates:
            return {}
        used: dict = {uid: {} for uid in candidates}
        bad = set(self.addressed_structs)

        def visit(t):
            if isinstance(t, ir.Decl):
                bad.add(t.uid)
            elif isinstance(t, ir.Expr):
                base = t.ops[0] if t.ops else None
                if t.code == "component_ref" and isinstance(base, ir.Decl) and base.uid in candidates:
                    try:
                        f = self.field_of(base.type, t.ops[1]) if t.ops[1].name else None
                    except Untranslatable:
                        f = None
                    if f is None or f.bitfield or self.types.kind(f.type).aggregate:
                        bad.add(base.uid)
                    else:
                        used[base.uid][f.name] = self.types.kind(f.type)
                    rest = t.ops[2:]
                else:
                    rest = t.ops
                for o in rest:
                    visit(o)
            elif isinstance(t, ir.Constructor):
                for i, v in t.elts:
                    visit(i)
                    visit(v)

        for s in self.fn.statements():
            ops = stmt_operands(s)
            if s.kind == "assign" and isinstance(s.lhs, ir.Decl) and s.lhs.uid in candidates \
                    and s.code == "constructor" and (s.rhs[0].clobber or not s.rhs[0].elts):
                ops = ops[1:]                  # `x = {}` or the end of x's lifetime
            for op in ops:
                visit(op)
        out = {}
        for uid, fields in used.items():
            if uid in bad:
                continue
            owner = self.locals.decl(candidates[uid])
            out[uid] = {name: (self.locals.part(owner, name), kind) for name, kind in sorted(fields.items())}
        return out

    def split_pointers(self) -> dict:
        """The byte pointers (to a 1-byte integer: `char *`, `unsigned char *`) held in variables
        as two, base and offset (docs/data-model.md, "Pointers"): locals and parameters whose
        address is not taken and SSA names not folded into their use, keyed ("decl", uid) or
        ("ssa", version) -> (base symbol, offset symbol).  The loops walking bytes (`p++`,
        `p < end`, `*p`) then make no pointer object per step; a pointer is made only where the
        value leaves the variables (a call's argument, a store, a conversion).  Not in a function
        calling setjmp, whose locals its shape saves and restores."""
        if self.shape is not None:
            return {}
        walked = self.walked_pointers()
        folded = self.inline | self.tagged | self.untag_objects
        out = {}
        for d in [*self.fn.params, *self.fn.locals]:
            if ("decl", d.uid) in walked and d.uid in self.local_uids and d.uid not in self.boxed \
                    and d.uid not in self.outs \
                    and self.byte_pointer(d.type):
                out[("decl", d.uid)] = self.split_parts(self.locals.decl(d))
        for key, t in walked.items():
            if key[0] == "ssa" and t.version not in folded and self.byte_pointer(t.type):
                out[key] = self.split_parts(self.locals.ssa(t))
        # In an out entry, an out parameter pointing to a byte pointer (the matcher's
        # EXTRACT_NUMBER_AND_INCR (&p), STRING_CHAR_ADVANCE (&p)) holds that byte pointer: taken
        # and returned as its parts, so that a caller walking it split makes no pointer per call.
        for p in self.fn.params:
            if p.uid in self.outs and self.byte_pointer_kind(self.outs[p.uid]):
                out[("decl", p.uid)] = self.split_parts(self.locals.decl(p))
        return out

    @property
    def split_params(self) -> set:
        """The keys of the parameters passed as their parts (split_parameters)."""
        if not self.parts_entry:
            return set()
        return {("decl", p.uid) for p, split in zip(self.fn.params, self.parts_entry.params) if split}

    def returns_parts(self) -> bool:
        """True if the function returns a byte pointer, given as its parts by its parts entry
        (split_parameters): a caller splitting the value (BYTE_POS_ADDR's, at each character
        FETCH_MULTIBYTE_CHAR reads) then gets it without a pointer object being made."""
        return self.shape is None and not self.fn.type.base.varargs and not self.outs \
            and self.byte_pointer(self.fn.type.base.result)

    def split_parameters(self) -> PartsEntry | None:
        """The function's parts entry, when a byte pointer parameter is split (split_pointers)
        or it returns one (returns_parts): the function NAME parts (parts_entry_name), taking
        each split pointer parameter as its base and offset, so that a caller holding a split
        pointer passes it without making a pointer object (string_char_and_length at each
        character of a search), and returning a byte pointer as two values.  The function of the
        C name takes the C arguments and calls it (the runtime's rt-define-parts-entry, which
        also sends every call by name to the parts entry).  An out entry (outparams.py) takes
        its split pointers as their parts itself, as its callers know (calls.out_call)."""
        if self.fn.type.base.varargs or self.shape is not None:
            return None
        flags = tuple(("decl", p.uid) in self.split for p in self.fn.params)
        return PartsEntry(flags, self.parts_result) if any(flags) or self.parts_result else None

    def decide_parts(self) -> PartsEntry | None:
        """The setjmp shape, the split pointers and the parts entry (split_parameters), once the
        addressed scalars and the folded SSA names are known."""
        self.shape = setjmp_shape(self.fn)
        self.parts_result = self.returns_parts()
        self.split = self.split_pointers()
        return self.split_parameters()

    def parameter_parts(self) -> PartsEntry | None:
        """split_parameters, decided before the function is translated: what its callers'
        walked_pointers count on (ProgramContext.parameter_parts)."""
        self.boxed = self.scalar_boxes()
        self.inline = self.tagged = self.untag_objects = set()   # SSA names only: no parameter is one
        return self.decide_parts()

    def split_parts(self, owner):
        """The base and offset variables of the split pointer named OWNER."""
        return self.locals.part(owner, "base"), self.locals.part(owner, "off")

    def walked_pointers(self) -> dict:
        """The variables ("decl", uid) and SSA names ("ssa", version) that are dereferenced, added
        to, compared or subtracted somewhere, each key -> its tree: those a split saves a pointer
        object for.  One only passed on (FETCH_MULTIBYTE_CHAR's p, from BYTE_POS_ADDR to
        STRING_CHAR) stays whole: split, each use would make it again."""
        def key(t):
            if isinstance(t, ir.SsaName):
                return ("ssa", t.version)
            if isinstance(t, ir.Decl):
                return ("decl", t.uid)
            return None

        out = {}

        def mark(trees):
            # A test against NULL (`if (p)') is as cheap on a whole pointer.
            if not any(getattr(t, "code", None) == "integer_cst" and t.value == 0 for t in trees):
                out.update((key(t), t) for t in trees if key(t))

        for s in self.fn.statements():
            if s.kind == "assign" and s.code in WALKING_CODES:
                mark(s.rhs)
            elif s.kind == "cond":
                mark([s.lhs, s.rhs])
            elif s.kind == "call" and s.callee is not None and not isinstance(s.fn, ir.InternalFn):
                # An argument the callee takes as its parts is passed without making a pointer,
                # and so is the local `&x` passes to an out parameter taken as its parts.
                outs = self.out_call_entry(s)
                entry = self.ctx.callee_out_parts(s.callee, self.unit) if outs \
                    else self.ctx.parameter_parts(s.callee, self.unit)
                if entry:
                    mark([a.ops[0] if outs and outs[i] is not None else a
                          for i, (a, split) in enumerate(zip(s.args, entry.params)) if split])
            elif s.kind == "return" and s.value is not None and self.parts_result:
                mark([s.value])                 # returned as its parts
            for op in stmt_operands(s):
                for t in walk(op):
                    if isinstance(t, ir.Expr) and t.code == "mem_ref":
                        mark(t.ops[:1])
                    elif isinstance(t, ir.Expr) and t.code in WALKING_CODES:
                        mark(t.ops)
        self.mark_copies(out, key)
        return out

    def mark_copies(self, walked: dict, key):
        """Add to WALKED the pointers used only as the source of copies into walked ones and
        copied from or to one (the matcher's `dfail = d` at each operation, `d = dfail` on
        failure): split, such a copy makes no pointer."""
        copies, used = [], set()
        for s in self.fn.statements():
            if s.kind == "assign" and s.code in COPY_CODES and len(s.rhs) == 1 and key(s.lhs) and key(s.rhs[0]):
                copies.append((s.lhs, s.rhs[0]))
                continue
            defined = getattr(s, "lhs", None) if s.kind in ("assign", "call") else None
            for op in stmt_operands(s):
                if op is not None and not (op is defined and key(op)):
                    used.update(key(t) for t in walk(op) if key(t))
        changed = True
        while changed:
            changed = False
            for dst, src in copies:
                for x, y in ((dst, src), (src, dst)):
                    kx = key(x)
                    if kx not in walked and key(y) in walked and kx not in used \
                            and all(key(d) in walked for d, s2 in copies if key(s2) == kx):
                        walked[kx] = x
                        changed = True

    def byte_pointer(self, t) -> bool:
        return self.byte_pointer_kind(self.types.kind(t))

    def byte_pointer_kind(self, k) -> bool:
        """True if K is the kind of a pointer to a 1-byte integer (`char *`, `unsigned char *`)."""
        target = self.types.kind(k.target) if isinstance(k, PtrKind) and k.target is not None else None
        return isinstance(target, IntKind) and target.bits == 8

    def split_read(self, key):
        """The pointer value of split variable KEY."""
        self.split_seen.add(key)
        return [R("rt-ptr-of"), *self.split[key]]

    def split_write(self, key, value):
        self.split_seen.add(key)
        return [G("multiple-value-setq"), list(self.split[key]), [R("rt-ptr-parts"), value]]

    def lazy_locals(self) -> set:
        """The uids of the locals that are objects made at their first use, not on entry: boxes
        of address-taken scalars and struct and array locals.  Many are used on one path only
        (eval_sub's `Lisp_Object argvals[8]` and the box of `original_args` on the path of a
        function call, not of a symbol or a constant: most of its calls)."""
        out = set()
        for d in [*self.fn.locals, *([self.fn.result] if self.fn.result is not None else [])]:
            if d.uid not in self.local_uids:
                continue
            k = self.types.kind(d.type)
            if d.uid in self.boxed or k.aggregate and not self.rules.shared_struct(d.type):
                out.add(d.uid)
        return out

    def lazy_type(self, d: ir.Decl):
        """The CL type of the object lazy local D holds once made: a box, or what rt-new makes."""
        if d.uid in self.boxed:
            return R("rt-box")
        return [R("rt-new-type"), self.desc(d.type)]

    def pooled_arrays(self) -> dict:
        """The lazy locals (uid -> type) that are integer arrays of POOLED_ARRAY_BYTES or more: a C
        local array lives only during its function's call, so one given back on exit can serve
        the next call."""
        out = {}
        for d in self.fn.locals:
            if d.uid in self.lazy:
                k = self.types.kind(d.type)
                if isinstance(k, ArrayKind) and k.n and isinstance(self.types.kind(k.elt), IntKind) \
                        and d.type.size is not None \
                        and d.type.size // 8 >= POOLED_ARRAY_BYTES:
                    out[d.uid] = d.type
        return out

    def untag_idiom(self) -> set:
        """SSA names holding a Lisp object's tagged word as an integer on the way back to a C
        pointer: XUNTAG's `(T *) ((uintptr_t) XLP (a) - TAG)`.  Objects carry no tag here, so
        the idiom is the identity, and these names simply hold the object."""
        sources = self.rules.untag_sources
        objects, tagged = set(), set()
        self.untagged_pointers = set()
        self.untag_objects = objects
        if not sources:
            return tagged
        stmts = list(self.fn.statements())
        changed = True
        while changed:
            changed = False
            for s in stmts:
                lhs = getattr(s, "lhs", None)
                if not isinstance(lhs, ir.SsaName) or lhs.version in tagged or lhs.version in objects:
                    continue
                if s.kind == "call" and s.callee in sources:
                    objects.add(lhs.version)
                    changed = True
                elif s.kind == "assign" and isinstance(self.types.kind(lhs.type), IntKind):
                    ops = [o for o in s.rhs if isinstance(o, ir.SsaName)]
                    if s.code in ("nop_expr", "convert_expr") and ops and ops[0].version in objects:
                        tagged.add(lhs.version)
                        changed = True
                    elif s.code in ("plus_expr", "minus_expr", "bit_and_expr") and len(ops) == 1 \
                            and ops[0].version in tagged and any(o.code == "integer_cst" for o in s.rhs):
                        tagged.add(lhs.version)
                        changed = True
                elif s.kind == "assign" and s.code == "pointer_plus_expr" and isinstance(s.rhs[0], ir.SsaName) \
                        and s.rhs[0].version in objects and is_tag_offset(s.rhs[1]):
                    # GCC folds XUNTAG into `XLP (a) p+ -TAG`: the object, as a pointer.
                    self.untagged_pointers.add(lhs.version)
                    objects.add(lhs.version)
                    changed = True
        return tagged

    def single_use_temporaries(self) -> set:
        """SSA names whose value can be computed where it is used: defined and used once, in one
        block, with nothing between the two that could change what the definition reads (no call,
        no store); a call's value only when used by the next statement.  GIMPLE's three-address
        code makes a temporary of every intermediate value; folding them back into expressions
        leaves SBCL a few variables instead of hundreds, which is most of its compile time on a
        large function."""
        uses: dict = {}
        for b in self.fn.blocks.values():
            for j, st in enumerate(b.stmts):
                ops = stmt_operands(st)
                if st.kind in ("assign", "call") and isinstance(st.lhs, ir.SsaName):
                    ops = ops[1:]
                for op in ops:
                    for t in walk(op):
                        if isinstance(t, ir.SsaName):
                            uses[t.version] = (b.index, j) if t.version not in uses else None
        out = set()
        for b in self.fn.blocks.values():
            stmts = b.stmts
            for i, st in enumerate(stmts):
                if st.kind not in ("assign", "call") or not isinstance(st.lhs, ir.SsaName):
                    continue
                v = st.lhs.version
                site = uses.get(v)
                if site is None or site[0] != b.index or site[1] <= i or v in self.tagged or v in self.untagged_pointers:
                    continue
                if isinstance(self.types.kind(st.lhs.type), (StructKind, ArrayKind, ComplexKind)):
                    continue
                j = site[1]
                if st.kind == "call":
                    if j == i + 1:
                        out.add(v)
                elif all(x.kind == "assign" and isinstance(x.lhs, ir.SsaName) for x in stmts[i + 1:j]):
                    out.add(v)
        return out

    def addressed_scalars(self) -> set:
        """The uids of scalar locals whose address is taken: they live in boxes."""
        out = set()
        for s in self.fn.statements():
            for op in stmt_operands(s):
                for t in walk(op):
                    d = address_of_decl(t)
                    if d is not None and d.uid in self.local_uids and not self.types.kind(d.type).aggregate:
                        out.add(d.uid)
        return out

    def scalar_boxes(self) -> set:
        """The uids of the scalar locals that live in boxes: those whose address is taken, but
        for those passed only to out parameters (self.plain_outs, set here)."""
        boxed = self.addressed_scalars()
        if boxed and not calls_setjmp(self.fn):
            candidates = {d.uid: self.types.kind(d.type) for d in [*self.fn.params, *self.fn.locals] if d.uid in boxed}

            def entry_of(s):
                if s.callee is None or isinstance(s.fn, ir.InternalFn):
                    return None
                return self.ctx.callee_out_entry(s.callee, self.unit)

            self.plain_outs = out_locals(self.fn, candidates, entry_of)
        return boxed - self.plain_outs

    def changed_struct_variables(self) -> tuple:
        """The uids of the locals and parameters that this function stores into (whole or a part)
        or whose address it takes, and of those whose address it takes.  A struct argument is
        passed without a copy when it is a local of the caller whose address is not taken
        (nothing else can change it while the callee runs), and a parameter in the first set is
        copied on entry: so a struct passed by value is copied only by a function that changes
        it (SYMBOL_FWD's `struct lispfwd`, passed down through BUFFER_OBJFWDP and XFWDTYPE,
        is not)."""
        def base(t):
            while isinstance(t, ir.Expr) and t.code in STRUCT_PARTS:
                t = t.ops[0]
            return t

        out, addressed = set(), set()
        for s in self.fn.statements():
            stored = [s.lhs] if s.kind in ("assign", "call") else \
                [t for _, t in s.outputs] if s.kind == "asm" else []
            for t in stored:
                d = base(t)
                if isinstance(d, ir.Decl) and not (s.kind == "assign" and s.code == "constructor"
                                                   and s.rhs and getattr(s.rhs[0], "clobber", False)):
                    out.add(d.uid)
            for op in stmt_operands(s):
                for t in walk(op):
                    if isinstance(t, ir.Expr) and t.code == "addr_expr":
                        d = base(t.ops[0])
                        if isinstance(d, ir.Decl):
                            addressed.add(d.uid)
        return {u for u in out | addressed if u in self.local_uids}, addressed & self.local_uids

    def by_value_struct(self, t) -> bool:
        """True if a value of C type T is a struct instance of the translation, copied when C
        copies it (not a struct shared with CL, which is a Lisp object)."""
        return isinstance(self.types.kind(t), StructKind) and not self.rules.shared_struct(t)

    # -- blocks --------------------------------------------------------------------------------

    def block_code(self, b: int) -> list:
        stmts = self.fn.blocks[b].stmts
        if stmts and stmts[-1].kind in ("cond", "switch", "return", "goto"):
            stmts = stmts[:-1]
        out = []
        for s in stmts:
            self.line = s.line or self.line
            out.extend(self.statement(s))
        return out

    def shaped_code(self, b: int) -> list:
        """block_code, where the dispatcher and resume checks of a setjmp shape have none."""
        return [] if b in self.shape.resume else self.block_code(b)

    def shaped_terminate(self, b: int, branch) -> list:
        """terminate in a function with setjmp calls: the dispatcher and the resume checks go on
        towards a receiver; an edge to a loop header goes to its resume check."""
        if b in self.shape.resume:
            return self.resume_dispatch(b, branch)
        return self.terminate(b, lambda t: branch(self.shape.redirect.get(t, t)))

    def terminate(self, b: int, branch) -> list:
        block = self.fn.blocks[b]
        last = block.stmts[-1] if block.stmts else None
        succs = block.succs
        if self.shape is not None:
            succs = [e for e in succs if "abnormal" not in e.flags]   # a longjmp is a throw
        if any("eh" in e.flags for e in succs):
            raise Untranslatable("exception edge", last.line if last else 0)
        if last is not None and last.kind == "cond":
            self.line = last.line or self.line
            (t,) = [e.dest for e in succs if "true_value" in e.flags]
            (f,) = [e.dest for e in succs if "false_value" in e.flags]
            if self.out_pair(last):
                test = G("t") if PAIR_TESTS[last.code] else G("nil")
            else:
                test = self.compare(last.code, [self.value(last.lhs), self.value(last.rhs)],
                                    [self.types.kind(last.lhs.type), self.types.kind(last.rhs.type)])
            # Every path ends in an explicit transfer (go, return-from, a call that does not
            # return), so `(if c A B)` is `(when c A) B`: nesting only the shorter branch keeps a
            # chain of checks (`if (bad) error (); ...`) flat instead of ever deeper.
            then, other = branch(t), branch(f)
            if len(then) <= len(other):
                return [[G("when"), test, *then], *other]
            return [[G("unless"), test, *other], *then]
        if last is not None and last.kind == "switch":
            self.line = last.line or self.line
            return [self.switch(last, branch)]
        if last is not None and last.kind == "return":
            self.line = last.line or self.line
            value = self.value(last.value) if last.value is not None else None
            if self.parts_result:
                value = [R("rt-ptr-parts"), value]
            return [[G("return-from"), self.name, self.returned(value)]]
        if last is not None and last.kind == "goto":
            raise Untranslatable("computed goto", last.line)
        if len(succs) == 1:
            if succs[0].dest == ir.EXIT_BLOCK:       # falls off the end of a void function
                return [[G("return-from"), self.name, self.returned(None)]]
            return branch(succs[0].dest)
        if not succs:
            return []
        raise Untranslatable(f"block with {len(succs)} successors", last.line if last else 0)

    def out_pair(self, s) -> bool:
        """True if cond S tests two out parameters against each other (outparams.PAIR_TESTS)."""
        return s.code in PAIR_TESTS and all(isinstance(t, ir.Decl) and t.uid in self.outs for t in (s.lhs, s.rhs)) \
            and s.lhs.uid != s.rhs.uid

    def returned(self, value):
        """The form returning VALUE: in an out entry, with the out parameters' values after it."""
        if not self.outs:
            return value
        outs = []
        for p in self.fn.params:
            if p.uid in self.outs and ("decl", p.uid) in self.split_params:
                outs += self.split[("decl", p.uid)]       # a byte pointer, as its parts
            elif p.uid in self.outs:
                outs.append(self.locals.by_uid[p.uid])
        return [G("values"), value, *outs]

    def switch(self, s: ir.Switch, branch):
        index = self.value(s.index)
        arms: dict = {}          # target block -> [(low, high)]
        default = None
        for c in s.cases:
            target = c.label.block
            if c.low is None:
                default = target
            else:
                arms.setdefault(target, []).append((c.low.value, c.high.value if c.high is not None else c.low.value))
        small = all(hi - lo < 32 for ranges in arms.values() for lo, hi in ranges)
        if small:
            clauses = [[[v for lo, hi in ranges for v in range(lo, hi + 1)], *branch(t)] for t, ranges in arms.items()]
            clauses.append([G("t"), *(branch(default) if default is not None else [])])
            return [G("case"), index, *clauses]
        var = lisp.c("$switch")
        clauses = [[[G("or"), *[[G("<="), lo, var, hi] for lo, hi in ranges]], *branch(t)] for t, ranges in arms.items()]
        clauses.append([G("t"), *(branch(default) if default is not None else [])])
        return [G("let"), [[var, index]], [G("cond"), *clauses]]

    # -- statements ----------------------------------------------------------------------------

    def statement(self, s) -> list:
        kind = s.kind
        if kind in ("assign", "call") and isinstance(s.lhs, ir.SsaName) and s.lhs.version in self.inline:
            # Computed where it is used (see single_use_temporaries).
            self.inlined[s.lhs.version] = (self.call_value(s) if kind == "call" else
                                           self.rhs_value(s.code, self.types.kind(s.lhs.type), s.rhs, s.line))
            return []
        if kind == "assign":
            return self.assign(s)
        if kind == "call":
            return [self.call(s)]
        if kind in ("label", "predict", "nop"):
            return []
        if kind == "asm":
            if s.template.strip() == "" and not s.outputs and not s.inputs:
                return []                      # a compiler barrier
            raise Untranslatable("asm statement", s.line)
        raise Untranslatable(f"{kind} statement", s.line)

    def assign(self, s: ir.Assign) -> list:
        lhs, code, rhs = s.lhs, s.code, s.rhs
        if code == "constructor" and rhs[0].clobber:
            return []                          # the end of a variable's lifetime
        if isinstance(lhs, ir.Decl) and lhs.uid in self.scalarized:
            return [[G("setq"), sym, kind.zero()] for sym, kind in self.scalarized[lhs.uid].values()]
        kind = self.types.kind(lhs.type)
        if kind.aggregate and not self.rules.shared_struct(lhs.type):
            return [self.aggregate_assign(lhs, rhs[0], kind)]
        if isinstance(lhs, ir.SsaName) and (lhs.version in self.tagged or lhs.version in self.untagged_pointers):
            # A step of the untag idiom (see untag_idiom): the name keeps the object.
            (src,) = [o for o in rhs if isinstance(o, ir.SsaName)]
            return [[G("setq"), self.ssa(lhs), self.ssa(src)]]
        value = self.rhs_value(code, kind, rhs, s.line)
        return [self.store(lhs, value, s.line)]

    def rhs_value(self, code, kind, rhs, line):
        tagged = [o for o in rhs if isinstance(o, ir.SsaName) and o.version in self.tagged]
        if tagged:
            if code in CONVERSIONS and isinstance(kind, PtrKind):
                return self.value(tagged[0])       # the end of the untag idiom: the object
            raise Untranslatable("the tagged word of a Lisp object used as an integer", line)
        if code == "pointer_plus_expr" and is_tag_offset(rhs[1]) and (
                isinstance(self.types.kind(rhs[0].type), LispKind)
                or isinstance(rhs[0], ir.SsaName) and rhs[0].version in self.untag_objects):
            # XUNTAG folded into `a p+ -TAG` on a Lisp_Object (a pointer type in these builds).
            return self.value(rhs[0])
        if code in SINGLE:
            return self.value(rhs[0])
        if code in CONVERSIONS:
            return self.convert(kind, self.types.kind(rhs[0].type), self.value(rhs[0]), line)
        if code == "cond_expr":
            c, a, b = rhs
            return [G("if"), self.truth(c), self.value(a), self.value(b)]
        return self.arith(code, kind, [self.value(x) for x in rhs], [self.types.kind(x.type) for x in rhs], line)

    def truth(self, t):
        """A Lisp boolean for a C condition operand (a comparison tree or a value)."""
        if isinstance(t, ir.Expr) and len(t.ops) == 2 and t.type is not None and t.code.endswith("_expr") \
                and t.code in ("lt_expr", "le_expr", "gt_expr", "ge_expr", "eq_expr", "ne_expr", "unordered_expr",
                               "ordered_expr", "unlt_expr", "unle_expr", "ungt_expr", "unge_expr", "uneq_expr", "ltgt_expr"):
            return self.compare(t.code, [self.value(o) for o in t.ops], [self.types.kind(o.type) for o in t.ops])
        return as_test(self.value(t))

    def aggregate_assign(self, lhs, rhs, kind):
        if isinstance(kind, ArrayKind) and any(t.code == "mem_ref" for t in (lhs, rhs)):
            # An array reached through a pointer: GCC folds `memcpy (buf, src, N)` with a
            # constant N into `MEM <char[N]> [&buf] = MEM <char[N]> [src]`.  Copied as bytes.
            if rhs.code == "constructor" and not rhs.elts:
                return [R("rt-memset"), self.address(lhs), 0, byte_size(lhs.type)]
            if rhs.code == "constructor":
                raise Untranslatable("aggregate constructor in code", self.line)
            size = byte_size(rhs.type if rhs.code == "string_cst" else lhs.type)
            return [R("rt-memcpy"), self.address(lhs), self.address(rhs), size]
        if lhs.code == "component_ref" and isinstance(self.struct_ref(lhs), Shared):
            raise Untranslatable("storing a whole member of a shared struct", self.line)
        dest = self.aggregate(lhs)
        if rhs.code == "constructor":
            if rhs.elts:
                raise Untranslatable("aggregate constructor in code", self.line)
            return [R("rt-zero-into"), dest]
        if isinstance(lhs, ir.Decl) and lhs.uid in self.local_uids and lhs.uid not in self.addressed_structs \
                and self.fresh_aggregate(rhs):
            # A fresh instance (shared_member_copy) becomes the local's object: no pointer holds
            # the one it replaces.
            return [G("setq"), self.locals.decl(lhs), self.aggregate(rhs)]
        return [R("rt-copy-into"), dest, self.aggregate(rhs)]

    def fresh_aggregate(self, t) -> bool:
        """True if aggregate() of T makes a new instance (a member of a shared struct)."""
        if t.code != "component_ref" or isinstance(self.types.kind(t.type), ArrayKind):
            return False
        ref = self.struct_ref(t)
        return isinstance(ref, Shared) and bool(ref.path) and not hasattr(ref, "offset")

    def aggregate(self, t):
        """A form for the object holding struct- or array-valued T."""
        k = self.types.kind(t.type)
        if isinstance(k, ArrayKind):
            if t.code == "string_cst":
                return self.literal(t)
            base = self.array_base(t)
            if base[0] == "vector":
                return base[1]
            raise Untranslatable("array value in memory", self.line)
        ref = self.struct_ref(t)
        if hasattr(ref, "offset"):
            return [R("rt-view"), ref.form, ref.offset, quote(self.desc(t.type))]
        if isinstance(ref, Shared) and ref.path:
            return self.shared_member_copy(ref, t.type)
        return ref.form

    def shared_member_copy(self, ref: Shared, struct_type):
        """A struct-valued member of a struct shared with CL (Lisp_Symbol's u.s.val.fwd) as a
        fresh instance whose fields are read through the rules."""
        if struct_type.base.code != "record_type":
            raise Untranslatable(f"union {ref.path} of shared struct {ref.struct}", self.line)
        obj = lisp.Sym("$member", "c")
        sets = [[G("setf"), [self.field_accessor(struct_type, f), obj], self.rules_place(ref, f.name, None).read]
                for f in struct_type.base.fields if f.name]
        return [G("let"), [[obj, self.new_instance(struct_type)]], *sets, obj]

    def store(self, lhs, value, line):
        k = self.types.kind(lhs.type)
        if k.aggregate and not self.rules.shared_struct(lhs.type):
            if lhs.code == "component_ref" and isinstance(self.struct_ref(lhs), Shared):
                raise Untranslatable("storing a whole member of a shared struct", line)
            return [R("rt-copy-into"), self.aggregate(lhs), value]
        if lhs.code == "ssa_name":
            if ("ssa", lhs.version) in self.split:
                return self.split_write(("ssa", lhs.version), value)
            sym = self.ssa(lhs)
            return [G("setq"), sym, value]
        return self.place(lhs).write(value)

    def changing_store(self, obj, store):
        """A store that may make the object in OBJ another one (a rule's field-store): STORE
        gives the object standing for it after, which goes back into OBJ's variable and into
        its copies (add_copies fills them in once the whole body is known)."""
        if not (isinstance(obj, lisp.Sym) or isinstance(obj, list) and obj[:1] == [R("rt-box-value")]
                and isinstance(obj[1], lisp.Sym)):
            raise Untranslatable("a store that may change the object, into an object not in a variable", self.line)
        places = [obj]
        self.changing_stores.append(places)
        return [R("rt-store-changing-object"), places, store]

    def add_copies(self, body):
        """Complete each changing store's variables with the variables connected to its own by
        assignments `(setq a b)` anywhere in BODY: the copies that may hold the object when the
        store changes it (the runtime rebinds those that do)."""
        if not self.changing_stores:
            return
        parent: dict = {}

        def find(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        def walk_forms(form):
            if isinstance(form, list):
                if form[:1] == [G("setq")]:
                    for a, b in zip(form[1::2], form[2::2]):
                        if isinstance(a, lisp.Sym) and isinstance(b, lisp.Sym) and a.pkg == b.pkg == "c":
                            parent.setdefault(a, a)
                            parent.setdefault(b, b)
                            parent[find(a)] = find(b)
                for x in form:
                    walk_forms(x)

        walk_forms(body)
        for places in self.changing_stores:
            var = places[0][1] if isinstance(places[0], list) else places[0]
            places.extend(sorted((v for v in parent if v != var and find(v) == find(var)), key=lambda s: s.name))

    # -- values --------------------------------------------------------------------------------

    def ssa(self, t: ir.SsaName):
        if t.version in self.inlined:
            return self.inlined[t.version]
        if ("ssa", t.version) in self.split:
            return self.split_read(("ssa", t.version))
        sym = self.locals.ssa(t)
        if sym not in self.ssa_names:
            self.ssa_names[sym] = self.types.kind(t.type)
            self.ssa_versions[sym] = t.version
        return sym

    def is_local(self, d: ir.Decl) -> bool:
        return d.code != "var_decl" or d.uid in self.local_uids

    def local_object(self, d: ir.Decl):
        """The variable of local D, or for a lazy one the form making its object on first use."""
        sym = self.locals.decl(d)
        if d.uid in self.lazy:
            return [G("or"), sym, [G("setq"), sym, self.initial(d)]]
        return sym

    def decl_box(self, d: ir.Decl):
        if self.is_local(d):
            return self.local_object(d)
        return self.ctx.global_symbol(d, self.unit)

    def decl_value(self, d: ir.Decl):
        if ("decl", d.uid) in self.split:
            return self.split_read(("decl", d.uid))
        k = self.types.kind(d.type)
        aggregate = k.aggregate and not self.rules.shared_struct(d.type)
        if self.is_local(d):
            if d.uid in self.boxed:
                return [R("rt-box-value"), self.local_object(d)]
            return self.local_object(d)
        sym = self.ctx.global_symbol(d, self.unit)
        return sym if aggregate else [R("rt-box-value"), sym]

    def decl_place(self, d: ir.Decl):
        from .memory import Place
        v = self.decl_value(d)
        if ("decl", d.uid) in self.split:
            return Place(v, lambda val: self.split_write(("decl", d.uid), val))
        if isinstance(v, lisp.Sym):
            return Place(v, lambda val: [G("setq"), v, val])
        return Place(v)

    def value(self, t):
        """The rvalue form of operand T."""
        if t is None:
            return None
        code = t.code
        if code == "ssa_name":
            return self.ssa(t)
        if isinstance(t, ir.Decl):
            if code == "const_decl":
                raise Untranslatable("const_decl", self.line)
            return self.decl_value(t)
        if code == "integer_cst":
            k = self.types.kind(t.type)
            if isinstance(k, POINTERS):
                if t.value == 0:
                    return None
                sym = self.builtin_symbol_constant(k, t.value)
                if sym is not None:
                    return sym
                return [R("rt-int-pointer"), t.value]   # a sentinel like (char *) -1
            if isinstance(k, LispKind):
                raise Untranslatable("integer constant as a Lisp_Object", self.line)
            return t.value
        if code == "real_cst":
            k = self.types.kind(t.type)
            v = t.value
            return lisp.SingleFloat(v) if k.bits == 32 else v
        if code == "addr_expr":
            return self.address(t.ops[0])
        if code == "function_decl":
            return self.function_ref(t)
        if code == "string_cst":
            return self.literal(t)
        if code == "constructor":
            k = self.types.kind(t.type)
            if not t.elts and k.aggregate:
                return self.new_instance(t.type)
            raise Untranslatable("constructor as a value", self.line)
        if code in ("component_ref", "mem_ref", "array_ref", "realpart_expr", "imagpart_expr", "bit_field_ref"):
            k = self.types.kind(t.type)
            if k.aggregate and not self.rules.shared_struct(t.type):
                return self.aggregate(t)
            return self.place(t).read
        if code in ("lt_expr", "le_expr", "gt_expr", "ge_expr", "eq_expr", "ne_expr"):
            return bool_value(self.truth(t))
        raise Untranslatable(f"{code} as an operand", self.line)

    def literal(self, t: ir.StringCst):
        return [G("load-time-value"), [R("rt-octets"), t.data.hex()], G("t")]

    def function_ref(self, f: ir.FunctionDecl):
        repl = self.rules.replacement(f.name)
        if repl is not None and not repl.front:
            return self.rules.function_object(repl)
        if f.name in self.ctx.defined_functions:
            return [G("function"), self.ctx.function_symbol(f.name, self.unit)]
        if f.name in self.ctx.skipped_functions:
            raise Untranslatable(f"address of {f.name} of skipped file {self.ctx.skipped_functions[f.name]}, "
                                 f"which no rule replaces", self.line)
        return [R("rt-external-function"), f.name]


def is_tag_offset(t) -> bool:
    """An integer constant that is minus a Lisp_Type tag (1 to 7) as a pointer offset."""
    return t.code == "integer_cst" and (t.value % 2**64) >= 2**64 - 7
