"""The rules of emacs-src-rules/ as the emitter uses them.

Rules name Emacs things; the emitter's code names none.  A template is an S-expression in which
`$1`, `$2` ... stand for a call's arguments, `$obj` for a shared struct's Lisp object and `$index`
for an array index; symbols starting with `rt-` are the runtime's, the others Common Lisp's.
"""
from __future__ import annotations

from dataclasses import dataclass, field


from ..rules import forms_named, sym
from . import lisp


def to_form(x):
    """A template read by sexpdata as an emitter form (symbols still unresolved for $ names)."""
    if isinstance(x, list):
        return [to_form(y) for y in x]
    name = sym(x)
    if name is None:
        return x
    if name.startswith("$"):
        return ("$", name[1:])
    if name.startswith("rt-"):
        return lisp.rt(name)
    if name.startswith(":"):
        return lisp.Sym(name)
    return lisp.cl(name)


def substitute(template, env: dict):
    if isinstance(template, tuple) and template and template[0] == "$":
        return env[template[1]]
    if isinstance(template, list):
        return [substitute(t, env) for t in template]
    return template


@dataclass
class Rule:
    name: str
    template: object         # a form, or a runtime symbol for a plain replacement
    reason: str
    front: bool = False      # the C body is translated too: the replacement calls it when it must


@dataclass
class Rules:
    """Every rule of a rules directory; an empty Rules translates plain C."""
    lisp_object_typedef: str = "Lisp_Object"
    lisp_symbol_offset: tuple = ()                        # (pointee tag, sizeof struct Lisp_Symbol)
    alignment_members: tuple = ()                         # union members that only align
    untag_sources: frozenset = frozenset()                # functions giving a tagged word as a pointer
    defsym_table: tuple = ()                              # (unit, variable) of the DEFSYM names
    pseudovectors: dict = field(default_factory=dict)     # PVEC name -> struct tags
    lisp_types: dict = field(default_factory=dict)        # Lisp_Type enum name -> kind
    skip_files: dict = field(default_factory=dict)        # file name -> reason
    replacements: dict = field(default_factory=dict)      # C function -> Rule
    shared: dict = field(default_factory=dict)            # struct tag -> Lisp type
    vector_structs: dict = field(default_factory=dict)    # struct tag -> reason (also in shared)
    fields: dict = field(default_factory=dict)            # (struct, path) -> template
    addresses: dict = field(default_factory=dict)         # (struct, path) -> template
    stores: dict = field(default_factory=dict)            # (struct, path) -> template
    for_speed: dict = field(default_factory=dict)         # large C function -> reason
    used: set = field(default_factory=set)                # names of the rules that matched

    @classmethod
    def load(cls) -> "Rules":
        r = cls()
        for (typedef,) in forms_named("shared-structs.sexp", "lisp-object-typedef"):
            r.lisp_object_typedef = typedef
        for tag, size in forms_named("shared-structs.sexp", "lisp-symbol-offset"):
            r.lisp_symbol_offset = (tag, size)
        r.alignment_members = tuple(n for f in forms_named("shared-structs.sexp", "alignment-member") for n in f)
        r.lisp_types = {name: sym(kind) for name, kind in forms_named("primitives.sexp", "lisp-type")}
        r.pseudovectors = {name: tuple(tags) for name, *tags in forms_named("pseudovectors.sexp", "pseudovector")}
        r.defsym_table = next((tuple(f) for f in forms_named("primitives.sexp", "defsym-table")), ())
        r.untag_sources = frozenset(n for f in forms_named("primitives.sexp", "untag-source") for n in f)
        for name, reason in forms_named("skip-files.sexp", "skip-file"):
            r.skip_files[name] = reason
        for f in ("replaced-functions.sexp", "primitives.sexp"):
            for name, template, reason in forms_named(f, "replace"):
                r.replacements[name] = Rule(name, to_form(template), reason)
        for name, template, reason in forms_named("replaced-functions.sexp", "front"):
            r.replacements[name] = Rule(name, to_form(template), reason, front=True)
        for tag, lisp_type in forms_named("shared-structs.sexp", "shared-struct"):
            r.shared[tag] = sym(lisp_type)
        for tag, reason in forms_named("shared-structs.sexp", "vector-struct"):
            r.vector_structs[tag] = reason
            r.shared[tag] = "simple-vector"
        for tag, path, template in forms_named("shared-structs.sexp", "field"):
            r.fields[(tag, path)] = to_form(template)
        for tag, path, template in forms_named("shared-structs.sexp", "field-address"):
            r.addresses[(tag, path)] = to_form(template)
        for tag, path, template in forms_named("shared-structs.sexp", "field-store"):
            r.stores[(tag, path)] = to_form(template)
        for name, reason in forms_named("compile-policy.sexp", "for-speed"):
            r.for_speed[name] = reason
        return r

    # -- queries of the emitter ----------------------------------------------------------------

    def shared_struct(self, t) -> str | None:
        """The tag of T's struct if it is one shared with Common Lisp."""
        if t is None:
            return None
        b = t.base
        if b.code in ("record_type", "union_type") and b.tag in self.shared:
            self.used.add(("shared-struct", b.tag))
            return b.tag
        return None

    def field(self, struct: str, path: str, struct_type=None):
        tmpl = self.fields.get((struct, path))
        if tmpl is not None:
            self.used.add(("field", struct, path))
            return tmpl
        k = self.vector_struct_element(struct, path, struct_type)
        return None if k is None else [lisp.rt("rt-vref"), ("$", "obj"), k]

    def field_store(self, struct: str, path: str):
        """The template of a store into the field that may change the object (with $obj and
        $value; it gives the object standing for $obj after the store), or None."""
        tmpl = self.stores.get((struct, path))
        if tmpl is not None:
            self.used.add(("field-store", struct, path))
        return tmpl

    def field_address(self, struct: str, path: str, struct_type=None):
        tmpl = self.addresses.get((struct, path))
        if tmpl is not None:
            self.used.add(("field-address", struct, path))
            return tmpl
        k = self.vector_struct_element(struct, path, struct_type)
        return None if k is None else [lisp.rt("rt-vref-ptr"), ("$", "obj"), k]

    def vector_struct_element(self, struct: str, path: str, struct_type) -> int | None:
        """The element of a vector-struct's vector that holds its field PATH (a direct field
        after the header), from STRUCT_TYPE's layout; None for any other struct or path."""
        if struct not in self.vector_structs or struct_type is None:
            return None
        fields = struct_type.base.fields
        for f in fields[1:]:
            if f.name == path:
                return (f.offset - fields[1].offset) // 64
        return None

    def instantiate(self, template, obj, index, value=None):
        return substitute(template, {"obj": obj, "index": index, "value": value})

    def compiled_for_speed(self, name: str) -> bool:
        """True if large function NAME is compiled for speed all the same (compile-policy.sexp)."""
        if name in self.for_speed:
            self.used.add(("for-speed", name))
            return True
        return False

    def replacement(self, name: str) -> Rule | None:
        rule = self.replacements.get(name)
        if rule is not None:
            self.used.add(("replace", name))
        return rule

    def replaced_function(self, name: str) -> str | None:
        """The reason a function's body is not translated (a rule gives its replacement); None
        also for a function a front stands before, whose body its front calls."""
        rule = self.replacement(name)
        return f"{rule.reason} (replaced by rule {name})" if rule and not rule.front else None

    def instantiate_call(self, rule: Rule, args: list):
        if isinstance(rule.template, lisp.Sym):
            return [rule.template, *args]
        return substitute(rule.template, {str(i + 1): a for i, a in enumerate(args)})

    def function_object(self, rule: Rule):
        if isinstance(rule.template, lisp.Sym):
            return [lisp.cl("function"), rule.template]
        from .ctypes import Untranslatable
        raise Untranslatable(f"address of {rule.name}, which a rule replaces by an expansion")
