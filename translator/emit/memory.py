"""Places, loads, stores and addresses: GIMPLE's memory references as Lisp forms.

A struct-valued reference is resolved to a Ref (the object it lives in, and how to reach
it); a scalar-valued one to a Place (a form to read, a form to write).  See
docs/data-model.md for the representations.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..gimple import ir
from . import lisp
from .ctypes import ArrayKind, ComplexKind, IntKind, StructKind, Untranslatable, accessor, mem_type
from .operators import quote, wrap

G, R = lisp.cl, lisp.rt


@dataclass
class Obj:
    """An instance of the generated structure STRUCT (a struct or a union)."""
    form: object
    struct: str
    type: ir.Type


@dataclass
class View:
    """Bytes OFFSET.. of a union instance FORM, seen as TYPE (a struct member of a union)."""
    form: object
    offset: int
    type: ir.Type


@dataclass
class Shared:
    """A struct shared with Common Lisp (cons, symbol, vector, string ...): the Lisp object FORM
    and the field PATH taken into it so far (`u.s.car`)."""
    form: object
    struct: str
    path: str
    type: ir.Type


class Place:
    """A scalar lvalue: READ is a form giving its value, WRITE(v) a form storing V."""

    def __init__(self, read, write=None):
        self.read = read
        self._write = write

    def write(self, value):
        if self._write is not None:
            return self._write(value)
        return [G("setf"), self.read, value]


def plus(a, b):
    """A form for A + B, folded when both are integers."""
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    if a == 0:
        return b
    if b == 0:
        return a
    return [G("+"), a, b]


def byte_size(t: ir.Type) -> int:
    size = t.size if t.size is not None else t.base.size
    if size is None:
        raise Untranslatable("object of unknown size")
    return size // 8


class MemoryMixin:

    # -- descriptors ---------------------------------------------------------------------------

    def desc(self, t: ir.Type):
        """The runtime's descriptor of C type T, as data: :s32, (:struct |struct x|), (:array D N)."""
        k = self.types.kind(t)
        if isinstance(k, StructKind):
            return [lisp.Sym(":struct"), self.struct_symbol(t)]
        if isinstance(k, ArrayKind):
            return [lisp.Sym(":array"), self.desc(k.elt), k.n if k.n is not None else 0]
        if isinstance(k, ComplexKind):
            return lisp.Sym(":complex")
        return mem_type(k)

    def field_accessor(self, struct_type: ir.Type, f: ir.Field) -> lisp.Sym:
        self.struct_symbol(struct_type)
        return accessor(self.types.struct_name(struct_type), f.name, f.offset)

    def struct_symbol(self, t: ir.Type) -> lisp.Sym:
        name = self.types.struct_name(t)
        self.structs_used[name] = t.base
        return lisp.c(f"{'union' if self.types.is_union(t) else 'struct'} {name}")

    def new_instance(self, t: ir.Type):
        """A fresh, zeroed object for a struct- or array-typed variable."""
        return [R("rt-new"), quote(self.desc(t))]

    # -- struct references ---------------------------------------------------------------------

    def struct_ref(self, t: ir.Tree):
        """The Ref of a struct- or union-typed lvalue."""
        ty = t.type
        shared = self.rules.shared_struct(ty)
        code = t.code
        if isinstance(t, ir.Decl):
            return self.shared_or_obj(self.decl_value(t), ty)
        if code == "mem_ref":
            ptr, off = t.ops
            p = self.value(ptr)
            if off.value:
                p = [R("rt-ptr+"), p, off.value]
            if shared:
                # A pointer to a struct shared with CL is the Lisp object itself.
                if off.value:
                    raise Untranslatable(f"struct {shared} at an offset from a pointer")
                return Shared(self.value(ptr), shared, "", ty)
            return Obj([R("rt-obj"), p, quote(self.struct_symbol(ty))], self.types.struct_name(ty), ty)
        if code == "component_ref":
            base, field = t.ops[0], t.ops[1]
            return self.field_ref(self.struct_ref(base), field, t)
        if code == "array_ref":
            return self.element_ref(t)
        if code == "ssa_name":
            return self.shared_or_obj(self.ssa(t), ty)
        raise Untranslatable(f"struct value from {code}")

    def shared_or_obj(self, form, ty):
        shared = self.rules.shared_struct(ty)
        if shared:
            return Shared(form, shared, "", ty)
        return Obj(form, self.types.struct_name(ty), ty)

    def field_of(self, struct_type: ir.Type, field: ir.FieldDecl) -> ir.Field:
        for f in struct_type.base.fields:
            if f.name == field.name and f.offset == field.bitpos:
                return f
        raise Untranslatable(f"field {field.name} not in {self.types.struct_name(struct_type)}")

    def cell_offset(self, ref, f: ir.Field):
        """The byte offset of field F in the cells of the union REF lives in (REF a View, or a
        union instance itself), or None when REF is a struct instance with its own slots."""
        if isinstance(ref, View):
            return plus(ref.offset, f.offset // 8)
        if self.types.is_union(ref.type):
            return f.offset // 8
        return None

    def field_ref(self, ref, field: ir.FieldDecl, t: ir.Tree):
        """The struct Ref of a struct-typed field of REF."""
        if isinstance(ref, Shared):
            return Shared(ref.form, ref.struct, f"{ref.path}.{field.name}".lstrip("."), t.type)
        f = self.field_of(ref.type, field)
        off = self.cell_offset(ref, f)
        if off is not None:
            return View(ref.form, off, t.type)
        return Obj([self.field_accessor(ref.type, f), ref.form],
                   self.types.struct_name(t.type), t.type)

    def element_ref(self, t: ir.Tree):
        """The struct Ref of an array element of struct type."""
        arr, index = t.ops[0], t.ops[1]
        ty = t.type
        base = self.array_base(arr)
        i = self.value(index)
        if base[0] == "vector":
            return self.shared_or_obj([G("aref"), base[1], i], ty)
        if base[0] == "view":
            return View(base[1], plus(base[2], [G("*"), i, byte_size(ty)]), ty)
        return self.shared_or_obj([R("rt-obj"), [R("rt-ptr+"), base[1], plus(base[2], [G("*"), i, byte_size(ty)])],
                                   quote(self.struct_symbol(ty))], ty)

    # -- scalar places -------------------------------------------------------------------------

    def place(self, t: ir.Tree) -> Place:
        """The Place of a scalar lvalue (also Lisp objects and pointers)."""
        code = t.code
        if code == "ssa_name":
            if ("ssa", t.version) in self.split:
                return Place(self.ssa(t), lambda v: self.store(t, v, self.line))
            return Place(self.ssa(t))
        if isinstance(t, ir.Decl):
            return self.decl_place(t)
        kind = self.types.kind(t.type)
        if code == "component_ref":
            base, field = t.ops[0], t.ops[1]
            if isinstance(base, ir.Decl) and base.uid in self.scalarized:
                sym = self.scalarized[base.uid][field.name][0]
                return Place(sym, lambda v: [G("setq"), sym, v])
            ref = self.struct_ref(base)
            if isinstance(ref, Shared):
                return self.rules_place(ref, field.name, t)
            f = self.field_of(ref.type, field)
            off = self.cell_offset(ref, f)
            if off is not None:
                if f.bitfield and isinstance(kind, IntKind):
                    return self.bitfield_cell_place(ref.form, off, f, kind)
                return self.cell_place(ref.form, off, kind)
            acc = [self.field_accessor(ref.type, f), ref.form]
            if f.bitfield and isinstance(kind, IntKind):
                return Place(acc, lambda v: [G("setf"), acc, wrap(IntKind(f.size, kind.signed), v)])
            return Place(acc)
        if code == "array_ref":
            arr, index = t.ops[0], t.ops[1]
            if isinstance(arr, ir.Expr) and arr.code == "component_ref":
                ref = self.struct_ref(arr.ops[0])
                if isinstance(ref, Shared):
                    return self.rules_place(ref, arr.ops[1].name + "[]", t, index=self.value(index))
            base = self.array_base(arr)
            i = self.value(index)
            if base[0] == "vector":
                return self.element_place(base[1], i, kind)
            off = plus(base[2], [G("*"), i, byte_size(t.type)])
            if base[0] == "view":
                return self.cell_place(base[1], off, kind)
            return self.mem_place(base[1], off, kind)
        if code == "mem_ref":
            ptr, off = t.ops
            if isinstance(ptr, ir.Decl) and ptr.uid in self.outs:
                # `*p` of an out parameter, in the out entry: the variable holding its value, or
                # the two holding a byte pointer's parts (split_pointers).
                key = ("decl", ptr.uid)
                if key in self.split:
                    return Place(self.split_read(key), lambda val: self.split_write(key, val))
                v = self.locals.decl(ptr)
                return Place(v, lambda val: [G("setq"), v, val])
            if isinstance(ptr, ir.Expr) and ptr.code == "addr_expr" and off.value == 0 \
                    and isinstance(ptr.ops[0], ir.Decl):
                dk = self.types.kind(ptr.ops[0].type)
                if dk == kind:
                    return self.decl_place(ptr.ops[0])
                if isinstance(dk, IntKind) and isinstance(kind, IntKind):
                    # An integer variable seen as another integer type: GCC folds a small
                    # memcpy into `MEM <unsigned short> [&v]`, of the other signedness or of
                    # the variable's low bytes.  Each side keeps its own range.
                    width, whole = int(mem_type(kind).name[2:]), int(mem_type(dk).name[2:])
                    p = self.decl_place(ptr.ops[0])
                    if width == whole:
                        return Place(wrap(kind, p.read), lambda v: p.write(wrap(dk, v)))
                    if width < whole:
                        return Place(wrap(kind, p.read),
                                     lambda v: p.write(wrap(dk, [G("dpb"), v, [G("byte"), width, 0], p.read])))
            return self.mem_place(self.value(ptr), off.value, kind)
        if code in ("realpart_expr", "imagpart_expr"):
            inner = self.value(t.ops[0])
            k = self.types.kind(t.ops[0].type)
            if isinstance(k.part, IntKind):     # GCC's integer pair (docs/data-model.md)
                part = R("rt-pair-value" if code == "realpart_expr" else "rt-pair-flag")
            else:
                part = G("realpart" if code == "realpart_expr" else "imagpart")
            return Place([part, inner], lambda v: self.unsupported("store into part of a complex"))
        if code == "bit_field_ref":
            # GCC reads a byte or word holding several bit-fields at once (`row->enabled_p`
            # tested as `BIT_FIELD_REF <*row, 8, 1896> & 4`): the runtime assembles those bits
            # from the fields the layout places there.
            ref = self.struct_ref(t.ops[0])
            if isinstance(ref, View):
                pos = plus(t.ops[2].value, ref.offset * 8 if isinstance(ref.offset, int) else [G("*"), 8, ref.offset])
                bits = [R("rt-struct-bits"), ref.form, pos, t.ops[1].value, quote(lisp.Sym(":union"))]
                return Place(bits, lambda v: self.unsupported("store into a bit_field_ref"))
            where = [lisp.c(ref.struct), ref.path] if isinstance(ref, Shared) else [self.struct_symbol(ref.type)]
            bits = [R("rt-struct-bits"), ref.form, t.ops[2].value, t.ops[1].value, *map(quote, where)]
            return Place(bits, lambda v: self.unsupported("store into a bit_field_ref"))
        raise Untranslatable(f"{code} as an lvalue")

    def unsupported(self, what):
        raise Untranslatable(what)

    def element_place(self, vector, i, kind) -> Place:
        acc = [G("aref"), vector, i]
        if isinstance(kind, IntKind) and kind.bits <= 8:
            # 8-bit arrays are octet vectors, whatever the signedness of the element type.
            read = [R("rt-s8"), acc] if kind.signed else acc
            return Place(read, lambda v: [G("setf"), acc, [G("ldb"), [G("byte"), 8, 0], v]])
        return Place(acc)

    def bitfield_cell_place(self, union_form, byte_offset, f: ir.Field, kind) -> Place:
        """Bit-field F in union cells (ieee754_double's exponent): its bits inside the smallest
        unsigned unit from its first byte that holds them, read with ldb and written with dpb
        so that the other bits of the unit are kept."""
        bit = f.offset % 8
        width = next(w for w in (8, 16, 32, 64) if bit + f.size <= w)
        cell = [R("rt-cell"), union_form, byte_offset, quote(mem_type(IntKind(width, False)))]
        field = [G("byte"), f.size, bit]
        raw = [G("ldb"), field, cell]
        read = wrap(IntKind(f.size, True), raw) if kind.signed else raw
        return Place(read, lambda v: [G("setf"), cell, [G("dpb"), v, field, cell]])

    def cell_place(self, union_form, offset, kind) -> Place:
        form = [R("rt-cell"), union_form, offset, quote(mem_type(kind))]
        return Place(form)

    def mem_place(self, ptr_form, offset, kind) -> Place:
        if kind.aggregate:
            raise Untranslatable("aggregate through a pointer")
        p = ptr_form if offset == 0 else [R("rt-ptr+"), ptr_form, offset]
        return Place([R("rt-mem"), p, quote(mem_type(kind))])

    def rules_place(self, ref: Shared, field: str, t: ir.Tree, index=None) -> Place:
        path = f"{ref.path}.{field}".lstrip(".")
        tmpl = self.rules.field(ref.struct, path, ref.type)
        if tmpl is None:
            raise Untranslatable(f"field {path} of shared struct {ref.struct}")
        read = self.rules.instantiate(tmpl, ref.form, index)
        store = self.rules.field_store(ref.struct, path)
        if store is not None:
            return Place(read, lambda v: self.changing_store(ref.form, self.rules.instantiate(store, ref.form, index, v)))
        return Place(read)

    def array_base(self, arr: ir.Tree):
        """Where an array lvalue's elements are: ("vector", form) for a CL array, ("view",
        union_form, byte_offset) inside a union, ("ptr", pointer_form, byte_offset) in memory
        reached through a pointer."""
        code = arr.code
        if isinstance(arr, ir.Decl):
            return ("vector", self.decl_value(arr))
        if code == "component_ref":
            base, field = arr.ops[0], arr.ops[1]
            ref = self.struct_ref(base)
            if isinstance(ref, Shared):
                raise Untranslatable(f"array field {field.name} of shared struct {ref.struct}")
            f = self.field_of(ref.type, field)
            off = self.cell_offset(ref, f)
            if off is not None:
                return ("view", ref.form, off)
            return ("vector", [self.field_accessor(ref.type, f), ref.form])
        if code == "mem_ref":
            ptr, off = arr.ops
            return ("ptr", self.value(ptr), off.value)
        if code == "string_cst":
            return ("vector", self.literal(arr))
        if code == "array_ref":
            outer = self.array_base(arr.ops[0])
            i = self.value(arr.ops[1])
            if outer[0] == "vector":
                return ("vector", [G("aref"), outer[1], i])
            return (outer[0], outer[1], plus(outer[2], [G("*"), i, byte_size(arr.type)]))
        raise Untranslatable(f"array from {code}")

    # -- addresses -------------------------------------------------------------------------------

    def address(self, t: ir.Tree):
        """The pointer value of &T."""
        code = t.code
        if code == "function_decl":
            return self.function_ref(t)
        if isinstance(t, ir.Decl):
            k = self.types.kind(t.type)
            v = self.decl_value(t) if k.aggregate else self.decl_box(t)
            if isinstance(k, StructKind):
                return v        # a pointer to a whole struct is the instance (or Lisp object)
            return [R("rt-make-ptr"), v, 0]
        if code == "string_cst":
            return [R("rt-make-ptr"), self.literal(t), 0]
        if code == "mem_ref":
            ptr, off = t.ops
            p = self.value(ptr)
            return p if off.value == 0 else [R("rt-ptr+"), p, off.value]
        if code == "component_ref":
            base, field = t.ops[0], t.ops[1]
            ref = self.struct_ref(base)
            if isinstance(ref, Shared):
                tmpl = self.rules.field_address(ref.struct, f"{ref.path}.{field.name}".lstrip("."), ref.type)
                if tmpl is None:
                    raise Untranslatable(f"address of field {field.name} of shared struct {ref.struct}")
                return self.rules.instantiate(tmpl, ref.form, None)
            f = self.field_of(ref.type, field)
            k = self.types.kind(t.type)
            off = self.cell_offset(ref, f)
            if off is not None:
                return [R("rt-make-ptr"), ref.form, off]
            acc = [self.field_accessor(ref.type, f), ref.form]
            if isinstance(k, StructKind):
                return acc
            if isinstance(k, ArrayKind):
                return [R("rt-make-ptr"), acc, 0]
            if f.bitfield:
                raise Untranslatable("address of a bit-field")
            # From the address of the struct, not from the instance: when the struct is an
            # element of an array (`&pts[0].y`, `&p->y`), the pointer keeps the array as its
            # base, so that arithmetic on it can reach the next elements.
            return [R("rt-make-ptr"), self.address(base), f.offset // 8]
        if code == "array_ref":
            arr, index = t.ops[0], t.ops[1]
            if isinstance(arr, ir.Expr) and arr.code == "component_ref":
                ref = self.struct_ref(arr.ops[0])
                if isinstance(ref, Shared):
                    path = f"{ref.path}.{arr.ops[1].name}[]".lstrip(".")
                    tmpl = self.rules.field_address(ref.struct, path)
                    if tmpl is None:
                        raise Untranslatable(f"address of {path} of shared struct {ref.struct}")
                    return self.rules.instantiate(tmpl, ref.form, self.value(index))
            off = [G("*"), self.value(index), byte_size(t.type)]
            if isinstance(arr, ir.Expr) and arr.code == "array_ref":
                # An element of an inner array (`&grid[0][0]`): from the address of the inner
                # array, so that the pointer keeps the outer array as its base and can walk
                # across the rows.
                return [R("rt-make-ptr"), self.address(arr), off]
            base = self.array_base(arr)
            if base[0] == "vector":
                return [R("rt-make-ptr"), base[1], off]
            return [R("rt-make-ptr" if base[0] == "view" else "rt-ptr+"), base[1], plus(base[2], off)]
        if code == "label_decl":
            raise Untranslatable("address of a label (computed goto)")
        raise Untranslatable(f"address of {code}")
