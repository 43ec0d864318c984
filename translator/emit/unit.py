"""A translation unit as a Lisp file: its globals, their initializers and its functions; and the
program-wide context that names things consistently across units."""
from __future__ import annotations

from dataclasses import dataclass

from ..gimple import ir
from ..gimple.program import Program, walk
from . import lisp, names
from .ctypes import ArrayKind, StructKind, TypeMap, Untranslatable, accessor
from .function import FunctionEmitter
from .loads import Memory, reuse_loads
from .operators import quote
from .outparams import addressed_locals_passed, out_entry_name, out_parameters
from .setjmp import calls_setjmp

G, R = lisp.cl, lisp.rt


def defsym_names(program: Program, rules) -> list:
    """The DEFSYM names by index, from the static table a rule names (lread.c's defsym_name)."""
    names = []
    if rules.defsym_table:
        unit, var = rules.defsym_table
        for v in (v for u in program.units if u.file == unit for v in u.variables):
            if v.name == var and v.init is not None and v.init.code == "constructor":
                for _, value in v.init.elts:
                    text = next((t.data for t in walk(value) if t.code == "string_cst"), b"")
                    names.append(text.rstrip(b"\0").decode("utf-8", "replace"))
    return names


class UnitInfo:
    """What the emitter needs to know about one unit beyond its functions."""

    def __init__(self, unit: ir.Unit):
        self.unit = unit
        self.file = unit.file
        self.variables = {v.uid: v for v in unit.variables}
        self.var_flags = {v.uid: v.flags for v in unit.variables}
        self.static_functions = {f.name for f in unit.functions if "public" not in f.flags and not f.in_header}
        # Function-scope statics can share a name within one function (Emacs's DEFVAR macros
        # each declare a `static struct Lisp_Objfwd o_fwd` in a block of syms_of_*): numbered.
        seen: dict = {}
        self.global_syms = {}
        for v in unit.variables:
            sym = names.global_sym(v.name, v.uid, unit.file, v.flags, v.context)
            if v.context:
                n = seen[sym.name] = seen.get(sym.name, 0) + 1
                if n > 1:
                    sym = lisp.c(f"{sym.name}.{n}")
            self.global_syms[v.uid] = sym


class ProgramContext:
    """Names and rules shared by every unit of a program."""

    def __init__(self, program: Program, rules):
        self.program, self.rules = program, rules
        self.types = TypeMap(rules.lisp_object_typedef, rules.alignment_members)
        self.structs_used: dict = {}
        self.units = {u.file: UnitInfo(u) for u in program.units}
        skipped = {u.file for u in program.units if rules.skip_files.get(u.file.rsplit("/", 1)[-1])}
        self.defined_functions = {f.name for f in program.functions.values() if f.in_header or f.unit not in skipped}
        # Functions only a skipped file defines: callable through a replacement rule alone.
        self.skipped_functions = {f.name: f.unit for f in program.functions.values()
                                  if f.unit in skipped and not f.in_header}
        self.defined_variables = {v.name for u in program.units for v in u.variables if "external" not in v.flags}
        self.public_functions: dict = {}
        for f in program.functions.values():
            if "public" in f.flags or f.in_header:
                self.public_functions.setdefault(f.name, f)
        self.parts: dict = {}                   # function key -> FunctionEmitter.parameter_parts()
        self.outs: dict = {}                    # function key -> out_entry()
        self.out_parts: dict = {}               # function key -> the out entry's parameter_parts()
        self._passed: dict | None = None        # callee name -> positions given a local's address
        self.defsym_names = defsym_names(program, rules)
        for u in program.units:
            for t in u.types:
                self.types.name_anonymous(t)
        self._bodies: dict = {}                 # id(function) -> its body after the passes
        self._union_members = frozenset(
            self.types.struct_name(m) for u in program.units for t in u.types
            if self.types.is_union(t) for m in union_member_structs(t))

    def body(self, fn: ir.Function) -> ir.Function:
        """FN as the emitter translates it: after the passes on its IR (loads.py), once."""
        out = self._bodies.get(id(fn))
        if out is None:
            mem = Memory(opaque=lambda t: self.types.is_union(t) or self.rules.shared_struct(t) is not None,
                         name=self.types.struct_name, in_union=self._union_members)
            out = self._bodies[id(fn)] = (fn, reuse_loads(fn, mem))
        return out[1]

    def translated_callee(self, name: str) -> bool:
        """True if a call by NAME calls a function of the translation (defined, and no rule
        replaces it)."""
        return name in self.defined_functions and self.rules.replacement(name) is None

    def callee(self, name: str, unit: UnitInfo) -> ir.Function | None:
        """The translated function that UNIT calls by NAME, or None."""
        if not self.translated_callee(name):
            return None
        return self.program.functions.get((unit.file, name)) if name in unit.static_functions \
            else self.public_functions.get(name)

    def parameter_parts(self, name: str, unit: UnitInfo):
        """The parts entry (FunctionEmitter.split_parameters) of the translated function that
        UNIT calls by NAME, or None."""
        fn = self.callee(name, unit)
        if fn is None:
            return None
        if fn.key not in self.parts:
            self.parts[fn.key] = None           # while it is decided: a recursive call
            self.parts[fn.key] = FunctionEmitter(fn, self.units[fn.unit], self).parameter_parts()
        return self.parts[fn.key]

    def out_entry(self, fn: ir.Function) -> tuple | None:
        """FN's out parameters (outparams.out_parameters): the pointee kind of each, None for
        the others; None if FN has no out entry."""
        if fn.key not in self.outs:
            if self._passed is None:
                self._passed = {}
                for f in self.program.functions.values():
                    local = {d.uid for d in f.locals} | {p.uid for p in f.params}
                    for callee, positions in addressed_locals_passed(f, local).items():
                        self._passed.setdefault(callee, set()).update(positions)
            self.outs[fn.key] = None if calls_setjmp(self.body(fn)) else \
                out_parameters(self.body(fn), self.types, self._passed.get(fn.name, set()))
        return self.outs[fn.key]

    def callee_out_entry(self, name: str, unit: UnitInfo) -> tuple | None:
        """out_entry of the translated function that UNIT calls by NAME."""
        fn = self.callee(name, unit)
        return self.out_entry(fn) if fn is not None else None

    def callee_out_parts(self, name: str, unit: UnitInfo):
        """The parts entry (FunctionEmitter.split_parameters) of the out entry of the translated
        function that UNIT calls by NAME: its pointer parameters taken as their parts."""
        fn = self.callee(name, unit)
        outs = self.out_entry(fn) if fn is not None else None
        if outs is None:
            return None
        if fn.key not in self.out_parts:
            self.out_parts[fn.key] = None       # while it is decided: a recursive call
            self.out_parts[fn.key] = FunctionEmitter(fn, self.units[fn.unit], self, outs).parameter_parts()
        return self.out_parts[fn.key]

    def builtin_symbol(self, index: int):
        """The form of the DEFSYM symbol of INDEX: NIL and T are Common Lisp's own
        (docs/data-model.md), a constant; any other is the runtime's symbol of the index."""
        name = self.defsym_names[index] if 0 <= index < len(self.defsym_names) else None
        return G(name) if name in ("nil", "t") else [R("rt-builtin-symbol"), index]

    def function_symbol(self, name: str, unit: UnitInfo, fn: ir.Function | None = None) -> lisp.Sym:
        if name in unit.static_functions:
            return lisp.c(f"{unit.file.rsplit('/', 1)[-1]}/{name}")
        return lisp.c(name)

    def global_symbol(self, d: ir.Decl, unit: UnitInfo) -> lisp.Sym:
        sym = unit.global_syms.get(d.uid)
        if sym is None:
            raise Untranslatable(f"variable {d.name} unknown to its unit")
        if "external" in unit.var_flags[d.uid] and sym.name not in self.defined_variables:
            return [R("rt-external-variable"), sym.name]   # the C library's (stderr, environ ...)
        return sym


@dataclass
class FunctionResult:
    """The outcome for one function: STATUS is translated, replaced or untranslated."""
    name: str
    file: str
    line: int
    status: str
    reason: str = ""
    reason_line: int = 0
    form: object = None
    # For a function with a parts entry (FunctionEmitter.split_parameters), which FORM defines:
    # its C name and its PartsEntry.
    parts: tuple | None = None
    # For a function with an out entry (outparams.py): its defun, and the PartsEntry saying which
    # pointer parameters it takes as their parts, if any.
    out_form: object = None
    out_parts: object = None


def union_member_structs(t: ir.Type):
    """The struct and union types union T holds, at any depth (through nested structs and
    arrays)."""
    seen, stack = [], [t]
    while stack:
        b = stack.pop().base
        while b.code == "array_type" and b.elt is not None:
            b = b.elt.base
        if b.code in ("record_type", "union_type") and all(b is not x for x in seen):
            seen.append(b)
            stack.extend(f.type for f in b.fields)
    return seen[1:]


def translate_function(fn: ir.Function, unit: UnitInfo, ctx: ProgramContext) -> FunctionResult:
    rule = ctx.rules.replaced_function(fn.name)
    if rule is not None:
        return FunctionResult(fn.name, fn.file, fn.line, "replaced", rule)
    e = FunctionEmitter(fn, unit, ctx)
    outs = ctx.out_entry(fn)
    sym = ctx.function_symbol(fn.name, unit, fn)
    try:
        form = e.defun()
        out = FunctionEmitter(fn, unit, ctx, outs) if outs else None
        out_form = out.defun() if out else None
        return FunctionResult(fn.name, fn.file, fn.line, "translated", form=form,
                              parts=(e.c_name, e.parts_entry) if e.parts_entry else None, out_form=out_form,
                              out_parts=out.parts_entry if out else None)
    except Untranslatable as x:
        line = x.line or e.line

        def stub(name):
            return [G("defun"), name, [G("&rest"), lisp.c("$args")], [G("declare"), [G("ignore"), lisp.c("$args")]],
                    [R("rt-untranslated"), fn.name, x.what, f"{fn.file}:{line}"]]
        return FunctionResult(fn.name, fn.file, fn.line, "untranslated", x.what, line, stub(sym),
                              out_form=stub(out_entry_name(sym)) if outs else None)


def ftype(fn: ir.Function, name, types: TypeMap, entry=None):
    """`(ftype (function PARAMS RESULT) NAME)` for FN, translated as function NAME: the C types
    of its parameters and result that are declared (docs/data-model.md), `t` and `*` for the
    others, so that every caller knows what an integer or float function returns.  ENTRY, for a
    parts entry, is its PartsEntry (FunctionEmitter.split_parameters)."""
    params = []
    for p, split in zip(fn.params, entry.params if entry else [False] * len(fn.params)):
        k = types.kind(p.type)
        params += [G("t"), G("fixnum")] if split else [k.cl_type() if k.declared else G("t")]
    if fn.type.base.varargs:
        params += [G("&rest"), G("t")]
    rk = types.kind(fn.type.base.result)
    if "noreturn" in fn.flags:
        result = G("nil")               # it never returns: its callers' code after it is dead
    elif entry and entry.result:
        result = [G("values"), G("t"), G("fixnum"), G("&optional")]
    else:
        result = [G("values"), rk.cl_type(), G("&optional")] if rk.declared else G("*")
    return [G("ftype"), [G("function"), params, result], name]


def out_ftype(fn: ir.Function, name, types: TypeMap, outs: tuple, entry=None):
    """ftype for out entry NAME of FN (outparams.py): an out parameter is the value it points
    to, and follows the C result in the values returned.  ENTRY, the out entry's PartsEntry,
    says which pointer parameters it takes as their parts (an out parameter's byte pointer is
    also returned so)."""
    params, returned = [], []
    for p, k, split in zip(fn.params, outs, entry.params if entry else [False] * len(fn.params)):
        if k is not None:
            returned += [G("t"), G("fixnum")] if split else [k.cl_type() if k.declared else G("t")]
        k = k if k is not None else types.kind(p.type)
        params += [G("t"), G("fixnum")] if split else [k.cl_type() if k.declared else G("t")]
    rk = types.kind(fn.type.base.result)
    if "noreturn" in fn.flags:
        result = G("nil")
    else:
        result = [G("values"), rk.cl_type() if rk.declared else G("t"), *returned, G("&optional")]
    return [G("ftype"), [G("function"), params, result], name]


class InitEmitter(FunctionEmitter):
    """Translates static initializers: the trees of a variable's DECL_INITIAL, outside any function."""

    def __init__(self, unit: UnitInfo, ctx: ProgramContext):
        fake = ir.Function("<init>", unit.file, 0, frozenset(), ir.Type(-1, "function_type"), None, (), (), {}, unit.file)
        super().__init__(fake, unit, ctx)

    def store_init(self, obj_form, t: ir.Type, init) -> list:
        """Forms filling aggregate OBJ_FORM of type T from constructor or string INIT."""
        k = self.types.kind(t)
        if init.code == "string_cst":
            return [[R("rt-copy-into"), obj_form, self.literal(init)]]
        if init.code != "constructor":
            raise Untranslatable(f"{init.code} initializing an aggregate")
        out = []
        if isinstance(k, ArrayKind):
            elt = k.elt
            ek = self.types.kind(elt)
            next_index = 0
            for idx, val in init.elts:
                if idx is None:
                    lo = hi = next_index
                elif idx.code == "range_expr":
                    lo, hi = idx.ops[0].value, idx.ops[1].value
                else:
                    lo = hi = idx.value
                next_index = hi + 1
                for i in range(lo, hi + 1):
                    if ek.aggregate and not self.rules.shared_struct(elt):
                        out += self.store_init([G("aref"), obj_form, i], elt, val)
                    else:
                        out.append(self.element_place(obj_form, i, ek).write(self.init_value(elt, val)))
            return out
        if isinstance(k, StructKind):
            self.struct_symbol(t)
            fields = list(t.base.fields)
            for n, (idx, val) in enumerate(init.elts):
                f = self.field_of(t, idx) if idx is not None else fields[n]
                ft = f.type
                fk = self.types.kind(ft)
                if self.types.is_union(t):
                    if fk.aggregate:
                        raise Untranslatable("aggregate initializer of a union member")
                    out.append(self.cell_place(obj_form, f.offset // 8, fk).write(self.init_value(ft, val)))
                    continue
                acc = [self.field_accessor(t, f), obj_form]
                if fk.aggregate and not self.rules.shared_struct(ft):
                    out += self.store_init(acc, ft, val)
                else:
                    out.append([G("setf"), acc, self.init_value(ft, val)])
            return out
        raise Untranslatable(f"initializer for {k.tag}")

    def init_value(self, t: ir.Type, init):
        """The value of a scalar initializer (GENERIC: constants, addresses, conversions)."""
        code = init.code
        if code in ("nop_expr", "convert_expr", "non_lvalue_expr"):
            return self.convert(self.types.kind(t), self.types.kind(init.ops[0].type), self.init_value(init.ops[0].type, init.ops[0]), 0)
        if code == "pointer_plus_expr":
            return [R("rt-ptr+"), self.init_value(init.ops[0].type, init.ops[0]), self.init_value(init.ops[1].type, init.ops[1])]
        if code == "constructor" and not init.elts:
            return self.types.kind(t).zero()
        return self.value(init)


def variable_forms(v: ir.Variable, unit: UnitInfo, ctx: ProgramContext, init_emitter: InitEmitter):
    """(definition, initialization forms) of a variable defined in UNIT."""
    sym = unit.global_syms[v.uid]
    k = ctx.types.kind(v.type)
    aggregate = k.aggregate and not ctx.rules.shared_struct(v.type)
    desc = init_emitter.desc(v.type)
    definition = [R("rt-define-global"), sym, quote(desc)]
    if v.init is None:
        return definition, []
    if aggregate:
        return definition, init_emitter.store_init(sym, v.type, v.init)
    return definition, [[G("setf"), [R("rt-box-value"), sym], init_emitter.init_value(v.type, v.init)]]


def struct_definition(name: str, t: ir.Type, ctx: ProgramContext, desc_of):
    """(rt-define-struct ...) or (rt-define-union ...) for the struct or union T."""
    b = t.base
    size = (b.size or 0) // 8
    sym = lisp.c(f"{'union' if ctx.types.is_union(b) else 'struct'} {name}")
    if ctx.types.is_union(b):
        offsets = ctx.types.union_cell_offsets(b)
        return [R("rt-define-union"), sym, size] + ([offsets] if offsets else [])
    fields = []
    for f in b.fields:
        d = desc_of(f.type)
        entry = [accessor(name, f.name, f.offset), f.offset // 8, d]
        if f.bitfield:
            k = ctx.types.kind(f.type)
            entry.append([lisp.Sym(":bits"), f.offset % 8 if f.offset is not None else 0, f.size, 1 if k.signed else 0])
        fields.append(entry)
    return [R("rt-define-struct"), sym, size, fields]
