"""Arithmetic, comparisons and conversions: GIMPLE's assignment codes as Lisp forms.

Every integer result is reduced to its C type (docs/data-model.md, "Integer semantics") by
`rt-wrap-s` / `rt-wrap-u`, which the runtime expands to `ldb` and friends."""
from __future__ import annotations

from . import lisp
from .booleans import BOOL_LOGIC_CODES, TRUTH_CODES, as_test, bool_logic, bool_not, bool_value, is_bool_kind, is_bool_value, negation
from .ctypes import (POINTERS, ComplexKind, FloatKind, IntKind, LispKind, PtrKind, VoidKind,
                     Untranslatable)

G, R = lisp.cl, lisp.rt


def quote(x):
    if isinstance(x, lisp.Sym) and x.name.startswith(":"):
        return x                      # keywords evaluate to themselves
    return [G("quote"), x]


def float_type(bits: int):
    return quote(G("single-float") if bits == 32 else G("double-float"))

COMPARE = {"lt_expr": "<", "le_expr": "<=", "gt_expr": ">", "ge_expr": ">=", "eq_expr": "=", "ne_expr": "/="}
# Unordered comparisons of floats: true when either operand is a NaN.
UNORDERED = {"unlt_expr": "<", "unle_expr": "<=", "ungt_expr": ">", "unge_expr": ">=", "uneq_expr": "="}


def wrap(kind, form):
    """FORM reduced to integer KIND."""
    bits, signed = kind.bits, kind.signed
    if bits == 1 and not signed:
        return [R("rt-wrap-u"), 1, form]
    return [R("rt-wrap-s" if signed else "rt-wrap-u"), bits, form]


def small_constant(form, bits: int):
    """FORM, or if it is an integer constant, its representative of least magnitude modulo 2^BITS:
    GIMPLE writes `p - 8` as `p + 18446744073709551608` in sizetype, and the negative form keeps
    SBCL's arithmetic on fixnums where wraparound makes no difference."""
    if isinstance(form, int) and not isinstance(form, bool) and form >= 1 << (bits - 1):
        return form - (1 << bits)
    return form


class OperatorsMixin:
    def builtin_symbol_constant(self, to, form):
        """LISPSYM_INITIALLY (Qfoo) in static data: an integer constant made into a pointer to
        the Lisp object union is the builtin symbol at that byte offset (the rules say which
        union and the size of a symbol)."""
        rule = self.rules.lisp_symbol_offset
        pointee = to.target if isinstance(to, PtrKind) else None
        if not (rule and isinstance(form, int) and pointee is not None and pointee.base.tag == rule[0]):
            return None
        self.rules.used.add(("lisp-symbol-offset",))
        if form % rule[1]:
            raise Untranslatable(f"pointer constant {form} is not a builtin symbol", getattr(self, "line", 0))
        return self.ctx.builtin_symbol(form // rule[1])

    """Turns (code, operand forms, operand kinds) into a value form of the result kind."""

    def arith(self, code: str, kind, args: list, arg_kinds: list, line: int):
        if code in COMPARE or code in UNORDERED or code in ("ordered_expr", "unordered_expr", "ltgt_expr"):
            return bool_value(self.compare(code, args, arg_kinds))
        if isinstance(kind, IntKind):
            return self.int_arith(code, kind, args, arg_kinds, line)
        if isinstance(kind, FloatKind):
            return self.float_arith(code, kind, args, line)
        if isinstance(kind, POINTERS):
            if code == "pointer_plus_expr":
                return [R("rt-ptr+"), args[0], small_constant(args[1], 64)]
            if code in ("min_expr", "max_expr"):
                return [R("rt-ptr-min" if code == "min_expr" else "rt-ptr-max"), *args]
        if isinstance(kind, ComplexKind):
            if code == "complex_expr":
                return [G("complex"), *args] if isinstance(kind.part, FloatKind) else [R("rt-make-pair"), *args]
            if code in ("plus_expr", "minus_expr", "mult_expr", "rdiv_expr", "negate_expr") \
                    and isinstance(kind.part, FloatKind):
                op = {"plus_expr": "+", "minus_expr": "-", "mult_expr": "*", "rdiv_expr": "/", "negate_expr": "-"}[code]
                return [G(op), *args]
        raise Untranslatable(f"{code} on {kind.tag}", line)

    def compare(self, code: str, args: list, arg_kinds: list):
        """A Lisp boolean form for a comparison of two operands of the given kinds."""
        k = arg_kinds[0]
        a, b = args
        if code == "ordered_expr":
            return [G("not"), [R("rt-unordered-p"), a, b]]
        if code == "unordered_expr":
            return [R("rt-unordered-p"), a, b]
        if code == "ltgt_expr":
            return [G("and"), [G("not"), [R("rt-unordered-p"), a, b]], [G("/="), a, b]]
        if code in UNORDERED:
            return [G("or"), [R("rt-unordered-p"), a, b], [G(UNORDERED[code]), a, b]]
        op = COMPARE[code]
        if isinstance(k, POINTERS):
            if code == "eq_expr":
                return [R("rt-ptr="), a, b]
            if code == "ne_expr":
                return [G("not"), [R("rt-ptr="), a, b]]
            return [R("rt-ptr-compare"), lisp.Sym(":" + op), a, b]
        if isinstance(k, LispKind):
            if code == "eq_expr":
                return [G("eq"), a, b]
            if code == "ne_expr":
                return [G("not"), [G("eq"), a, b]]
            raise Untranslatable(f"ordered comparison ({op}) of Lisp objects")
        if isinstance(k, IntKind) and code in ("eq_expr", "ne_expr") and 0 in (a, b):
            # A test of a value (`if (x)`, `!x`): x itself if it is a truth value.
            test = as_test(b if a == 0 else a)
            return test if code == "ne_expr" else negation(test)
        if isinstance(k, (IntKind, FloatKind)):
            return [G(op), a, b]
        raise Untranslatable(f"comparison of {k.tag}")

    def int_arith(self, code: str, kind, args: list, arg_kinds: list, line: int):
        bits = kind.bits
        a = args[0]
        b = args[1] if len(args) > 1 else None
        simple = {"plus_expr": "+", "minus_expr": "-", "mult_expr": "*"}
        if code in simple:
            # Wrapped modulo 2^bits: a constant's smallest representative gives the same value.
            return wrap(kind, [G(simple[code]), small_constant(a, bits), small_constant(b, bits)])
        if code == "negate_expr":
            return wrap(kind, [G("-"), a])
        if code == "abs_expr" or code == "absu_expr":
            return wrap(kind, [G("abs"), a])
        if code in ("trunc_div_expr", "exact_div_expr"):
            return wrap(kind, [R("rt-div"), a, b])
        if code == "trunc_mod_expr":
            return wrap(kind, [R("rt-rem"), a, b])
        if code in ("floor_div_expr", "ceil_div_expr", "round_div_expr", "floor_mod_expr", "ceil_mod_expr", "round_mod_expr"):
            op = {"floor_div_expr": "floor", "ceil_div_expr": "ceiling", "round_div_expr": "round",
                  "floor_mod_expr": "mod"}.get(code)
            if op is None:
                raise Untranslatable(code, line)
            return wrap(kind, [G("values"), [G(op), a, b]])
        if code in TRUTH_CODES or (code in BOOL_LOGIC_CODES and is_bool_kind(kind)
                                   and all(is_bool_kind(k) for k in arg_kinds)):
            return bool_logic(code, a, b)
        if code in ("bit_not_expr", "truth_not_expr") and (code == "truth_not_expr" or is_bool_kind(kind)):
            # `!x` of a _Bool (GIMPLE: `~x` in the 1-bit type), or of any integer.
            return bool_not(a)
        if code == "bit_and_expr":
            return [G("logand"), a, b] if self.same_width(kind, arg_kinds) else wrap(kind, [G("logand"), a, b])
        if code == "bit_ior_expr":
            return wrap(kind, [G("logior"), a, b])
        if code == "bit_xor_expr":
            return wrap(kind, [G("logxor"), a, b])
        if code == "bit_not_expr":
            return wrap(kind, [G("lognot"), a])
        if code == "lshift_expr":
            return wrap(kind, [G("ash"), a, b])
        if code == "rshift_expr":
            # The operand is already in range for its type: ash is arithmetic for a negative
            # (signed) value and logical for a non-negative one.
            return [G("ash"), a, [G("-"), b]]
        if code in ("lrotate_expr", "rrotate_expr"):
            return [R("rt-rotate"), bits, a, b if code == "lrotate_expr" else [G("-"), b]]
        if code in ("min_expr", "max_expr"):
            return [G("min" if code == "min_expr" else "max"), a, b]
        if code == "pointer_diff_expr":
            return wrap(kind, [R("rt-ptr-diff"), a, b])
        raise Untranslatable(f"{code} on integers", line)

    @staticmethod
    def same_width(kind, arg_kinds) -> bool:
        return all(k == kind for k in arg_kinds)

    def float_arith(self, code: str, kind, args: list, line: int):
        # IEEE semantics (infinities, NaNs) come from the runtime turning SBCL's float traps off.
        ops = {"plus_expr": "+", "minus_expr": "-", "mult_expr": "*", "rdiv_expr": "/"}
        if code in ops:
            return [G(ops[code]), *args]
        if code == "negate_expr":
            return [G("-"), args[0]]
        if code == "abs_expr":
            return [G("abs"), args[0]]
        if code in ("min_expr", "max_expr"):
            return [G("min" if code == "min_expr" else "max"), *args]
        raise Untranslatable(f"{code} on floats", line)

    def convert(self, to, frm, form, line: int):
        """FORM, of kind FRM, converted to kind TO (nop_expr, convert_expr, float_expr, fix_trunc_expr)."""
        t, f = type(to), type(frm)
        if t is IntKind and f is IntKind:
            if to.bits >= frm.bits and (to.signed or not frm.signed) and (to.signed == frm.signed or to.bits > frm.bits):
                return form       # every value of FRM is a value of TO
            if is_bool_value(form):
                return form       # 0 or 1 in any integer type
            return wrap(to, form)
        if t is FloatKind and f is IntKind:
            return [G("coerce"), form, float_type(to.bits)]
        if t is FloatKind and f is FloatKind:
            if to.bits == frm.bits or (to.bits >= 64 and frm.bits >= 64):
                return form
            return [G("coerce"), form, float_type(to.bits)]
        if t is IntKind and f is FloatKind:
            return wrap(to, [R("rt-float-truncate"), form])
        if t in POINTERS and f in POINTERS:
            return form
        if t in POINTERS and f is IntKind:
            sym = self.builtin_symbol_constant(to, form)
            if sym is not None:
                return sym
            return None if form == 0 else [R("rt-int-pointer"), form]
        if t is IntKind and f in POINTERS:
            return wrap(to, [R("rt-pointer-integer"), form])
        if t is LispKind and f is LispKind:
            return form
        if t is LispKind or f is LispKind:
            raise Untranslatable(f"conversion between Lisp_Object and {frm.tag if t is LispKind else to.tag}", line)
        if t is ComplexKind and f is ComplexKind:
            return form
        if t is VoidKind:
            return form
        raise Untranslatable(f"conversion from {frm.tag} to {to.tag}", line)
