"""What each C type of the IR is in Common Lisp (docs/data-model.md), and the names of structs.

A Kind is a small frozen object the rest of the emitter dispatches on (by its class):
  IntKind(bits, signed)   integers, enums, bool
  FloatKind(bits)         32, 64 or 80
  ComplexKind(part)       _Complex of a float kind, or GCC's integer pairs of the overflow builtins
  LispKind()              Lisp_Object (the typedef named by the rules)
  PtrKind(target)         any data pointer (TARGET the IR's pointee type, or None)
  FnPtrKind()             pointer to function
  StructKind(name)        struct or union, by its CL structure name
  ArrayKind(elt, n)       n None when unknown (flexible array member)
  VoidKind(), FunctionKind()
Each kind's `cl_type()` is the Common Lisp type of its values, the one source of the type
declarations the emitter writes (docs/data-model.md, "Integer semantics").
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from ..gimple import ir
from . import lisp


class Kind:
    """A C type as the emitter sees it.  `aggregate`: a struct or array, a CL structure or
    vector that assignment copies.  `declared`: locals of the kind get a type declaration."""
    tag = "?"             # its name in messages
    aggregate = False
    declared = False

    def cl_type(self):
        """The Common Lisp type of the kind's values (as a form)."""
        return lisp.cl("t")

    def zero(self):
        """The initial value of a local of the kind (NIL: no object, the null pointer)."""
        return None


@dataclass(frozen=True)
class IntKind(Kind):
    tag = "int"
    bits: int
    signed: bool
    declared = True

    def cl_type(self):
        if self.bits == 1 and not self.signed:
            return lisp.cl("bit")
        return [lisp.cl("signed-byte" if self.signed else "unsigned-byte"), self.bits]

    def zero(self):
        return 0


@dataclass(frozen=True)
class FloatKind(Kind):
    tag = "float"
    bits: int
    declared = True

    def cl_type(self):
        # An 80-bit long double is a double-float (docs/data-model.md).
        return lisp.cl("single-float" if self.bits == 32 else "double-float")

    def zero(self):
        return lisp.SingleFloat(0.0) if self.bits == 32 else 0.0


@dataclass(frozen=True)
class ComplexKind(Kind):
    tag = "complex"
    part: Kind            # a FloatKind (a CL complex) or an IntKind (an integer pair: docs/data-model.md)


@dataclass(frozen=True)
class LispKind(Kind):
    tag = "lisp"


@dataclass(frozen=True)
class PtrKind(Kind):
    tag = "ptr"
    target: object = None  # the IR's pointee type, or None


@dataclass(frozen=True)
class FnPtrKind(Kind):
    tag = "fnptr"


@dataclass(frozen=True)
class StructKind(Kind):
    tag = "struct"
    name: str
    aggregate = True


@dataclass(frozen=True)
class ArrayKind(Kind):
    tag = "array"
    elt: object           # the IR's element type
    n: int | None
    aggregate = True


@dataclass(frozen=True)
class VoidKind(Kind):
    tag = "void"


@dataclass(frozen=True)
class FunctionKind(Kind):
    tag = "function"


POINTERS = (PtrKind, FnPtrKind)


class Untranslatable(Exception):
    """A construct outside the data model: WHAT names it; the function becomes a stub."""

    def __init__(self, what: str, line: int = 0):
        super().__init__(what)
        self.what, self.line = what, line


class TypeMap:
    """Kinds and struct names for the types of one program (all units share struct names)."""

    def __init__(self, lisp_object_typedef: str, alignment_members=()):
        self.lisp_typedef = lisp_object_typedef
        self.alignment_members = frozenset(alignment_members)
        self._anon_names: dict[int, str] = {}   # id(Type) -> derived name

    # -- kinds -----------------------------------------------------------------------------

    def kind(self, t: ir.Type | None) -> Kind:
        if t is None:
            return VoidKind()
        if t.name == self.lisp_typedef:
            return LispKind()
        b = t.base
        code = b.code
        if code in ("integer_type", "enumeral_type", "boolean_type"):
            return IntKind(b.precision, not b.unsigned)
        if code == "real_type":
            return FloatKind(b.precision)
        if code == "pointer_type" or code == "reference_type":
            to = t.to or b.to
            if to is not None and to.base.code == "function_type":
                return FnPtrKind()
            return PtrKind(to)
        if code in ("record_type", "union_type"):
            return StructKind(self.struct_name(b))
        if code == "array_type":
            dom = t.domain or b.domain
            n = None
            if dom and isinstance(dom[1], int):
                n = dom[1] - dom[0] + 1
            return ArrayKind(t.elt or b.elt, n)
        if code == "void_type":
            return VoidKind()
        if code == "complex_type":
            return ComplexKind(self.kind(b.elt))
        if code == "function_type":
            return FunctionKind()
        raise Untranslatable(f"type {code}")

    def is_union(self, t: ir.Type) -> bool:
        """Whether T has union storage.  A union whose other members only force its alignment
        (Emacs's `GCALIGNED_UNION_MEMBER`) is its one real member: a struct with those fields."""
        b = t.base
        if b.code != "union_type":
            return False
        return sum(1 for f in b.fields if f.name not in self.alignment_members) > 1

    # A union with more cells than this has one per byte: its list would fill the translation.
    UNION_CELLS_LISTED = 512

    def union_cell_offsets(self, t: ir.Type) -> list[int] | None:
        """The byte offsets the scalars of union T's members start at, through nested structs,
        unions and arrays (bit-fields: the byte their first bit is in), ascending: where the
        translation's field accesses write its cells (docs/data-model.md).  None when that is
        every byte (a char array member), too many to list, or a member's layout is not known."""
        size = (t.base.size or 0) // 8
        limit = min(size, self.UNION_CELLS_LISTED)
        offsets: set[int] = set()

        def walk(t: ir.Type, at: int) -> bool:
            b = t.base
            if b.code in ("record_type", "union_type"):
                for f in b.fields:
                    if f.offset is None:
                        return False
                    if f.bitfield:
                        offsets.add(at + f.offset // 8)
                    elif not walk(f.type, at + f.offset // 8):
                        return False
                return True
            if b.code == "array_type":
                k = self.kind(t)
                if k.n is None:         # a flexible array member: past the union's bytes
                    return True
                if not k.elt.base.size:
                    return False
                stride = k.elt.base.size // 8
                # Stops at a byte array's first elements: a cell per byte then.
                return all(walk(k.elt, at + i * stride) and len(offsets) < limit for i in range(k.n))
            if b.code == "complex_type":
                offsets.update((at, at + (b.size or 0) // 16))
                return True
            offsets.add(at)
            return True

        if not walk(t, 0) or len(offsets) >= limit or any(o >= size for o in offsets):
            return None
        return sorted(offsets)

    def is_lisp(self, t) -> bool:
        return t is not None and t.name == self.lisp_typedef

    # -- struct names ----------------------------------------------------------------------

    def struct_name(self, t: ir.Type) -> str:
        """`buffer` for struct buffer; a typedef's name for an anonymous struct it names; else
        the place where the anonymous struct is used (`Lisp_Symbol.u.s`)."""
        b = t.base
        if b.tag:
            return b.tag
        if b.name:
            return b.name
        name = self._anon_names.get(id(b))
        if name is None:
            # Used on its own (a local `struct { ... } x;`): named by a hash of its layout.
            text = ";".join(f"{f.name}:{f.offset}:{f.size}:{f.type.base.code}" for f in b.fields)
            name = f"anon-{hashlib.sha256(text.encode()).hexdigest()[:10]}"
            self._anon_names[id(b)] = name
        return name

    def name_anonymous(self, t: ir.Type, prefix: str | None = None) -> None:
        """Give the anonymous structs nested in T names from their place in T."""
        b = t.base
        if b.code not in ("record_type", "union_type"):
            return
        if prefix is None:
            if not (b.tag or b.name):
                return
            prefix = b.tag or b.name
        for f in b.fields:
            ft = f.type
            while ft.base.code == "array_type":
                ft = ft.base.elt
            inner = ft.base
            if inner.code in ("record_type", "union_type") and not (inner.tag or inner.name):
                if id(inner) not in self._anon_names:
                    # A typedef naming the anonymous struct (lispfwd) names it wherever it is
                    # used, so that its places in several structs are one type.
                    named = ft.name if ft.name and ft is not inner else None
                    self._anon_names[id(inner)] = named or f"{prefix}.{f.name or 'anon' + str(f.offset)}"
                    self.name_anonymous(inner, self._anon_names[id(inner)])


def struct_sym(name: str) -> lisp.Sym:
    return lisp.c(f"struct {name}")


def accessor(struct: str, field: str | None, offset: int) -> lisp.Sym:
    return lisp.c(f"{struct}.{field or f'@{offset}'}")


@lru_cache(maxsize=None)
def mem_type(kind: Kind) -> object:
    """The runtime's name of a scalar C type for loads and stores through a ptr."""
    if isinstance(kind, IntKind):
        bits = kind.bits
        width = 8 if bits <= 8 else 16 if bits <= 16 else 32 if bits <= 32 else 64 if bits <= 64 else 128
        return lisp.Sym(f":{'s' if kind.signed else 'u'}{width}")
    if isinstance(kind, FloatKind):
        return lisp.Sym({32: ":f32", 64: ":f64"}.get(kind.bits, ":f80"))
    if isinstance(kind, LispKind):
        return lisp.Sym(":lisp")
    if isinstance(kind, POINTERS):
        return lisp.Sym(":ptr")
    raise Untranslatable(f"memory access of {kind.tag}")
