"""Printing the IR in a C-like notation close to GCC's own GIMPLE dumps."""
from __future__ import annotations

from . import ir


def type_str(t: ir.Type | None, depth: int = 0) -> str:
    """A C spelling of T: its typedef name, `struct tag`, or a composed type."""
    if t is None:
        return "?"
    quals = " ".join(t.quals)
    prefix = quals + " " if quals else ""
    if t.name:
        return prefix + t.name
    b = t.base
    code = b.code
    if b.tag and code in ("record_type", "union_type", "enumeral_type"):
        kind = {"record_type": "struct", "union_type": "union", "enumeral_type": "enum"}[code]
        return f"{prefix}{kind} {b.tag}"
    if b.tag:
        return prefix + b.tag
    if depth > 8:
        return prefix + code
    if code == "pointer_type":
        return f"{type_str(b.to, depth + 1)} *{(' ' + quals) if quals else ''}"
    if code == "array_type":
        hi = b.domain[1] if b.domain else None
        return f"{type_str(b.elt, depth + 1)}[{'' if hi is None else (hi if hi == 'vla' else hi + 1)}]"
    if code == "function_type":
        args = ", ".join(type_str(a, depth + 1) for a in b.args) + (", ..." if b.varargs else "")
        return f"{type_str(b.result, depth + 1)} ({args or 'void'})"
    if code == "integer_type":
        return f"{prefix}{'u' if b.unsigned else ''}int{b.precision}"
    if code in ("record_type", "union_type"):
        return f"{prefix}{'struct' if code == 'record_type' else 'union'} <anonymous {b.id}>"
    if code == "complex_type":
        return f"{prefix}complex {type_str(b.elt, depth + 1)}"
    return prefix + code


BINARY = {
    "plus_expr": "+", "minus_expr": "-", "mult_expr": "*", "pointer_plus_expr": "p+",
    "pointer_diff_expr": "p-", "trunc_div_expr": "/", "exact_div_expr": "/[ex]", "rdiv_expr": "/",
    "trunc_mod_expr": "%", "lshift_expr": "<<", "rshift_expr": ">>", "rrotate_expr": "r>>",
    "lrotate_expr": "r<<", "bit_and_expr": "&", "bit_ior_expr": "|", "bit_xor_expr": "^",
    "lt_expr": "<", "le_expr": "<=", "gt_expr": ">", "ge_expr": ">=", "eq_expr": "==",
    "ne_expr": "!=", "unlt_expr": "u<", "unle_expr": "u<=", "ungt_expr": "u>", "unge_expr": "u>=",
    "uneq_expr": "u==", "ltgt_expr": "<>", "truth_andif_expr": "&&", "truth_orif_expr": "||",
}
UNARY = {"negate_expr": "-", "bit_not_expr": "~", "truth_not_expr": "!", "indirect_ref": "*"}


class Printer:
    """Prints trees and statements.  With CANONICAL, what GCC numbers unit-wide (the uids of
    unnamed temporaries and labels, the counters in made-up names) is numbered in order of
    appearance or left out, so that two copies of one function in two units print the same."""

    def __init__(self, canonical: bool = False):
        self.canonical = canonical
        self.uids: dict = {}

    def uid(self, uid: int) -> int:
        return self.uids.setdefault(uid, len(self.uids)) if self.canonical else uid

    def decl(self, d: ir.Decl) -> str:
        return self.gcc_name(d.name) if d.name else f"D.{self.uid(d.uid)}"

    def gcc_name(self, name):
        """NAME, or in canonical mode without the unit-wide counter GCC appends to the names it
        makes up (`n.6`, `iftmp.1`: C names have no dot)."""
        if self.canonical and name and "." in name:
            return name[:name.rindex(".")] if name[name.rindex(".") + 1:].isdigit() else name
        return name

    def tree(self, t) -> str:
        """One operand in C-like notation."""
        if t is None:
            return "<nil>"
        code = t.code
        if code == "ssa_name":
            return f"{self.gcc_name(t.name) or ''}_{t.version}"
        if isinstance(t, ir.Decl):
            return self.decl(t)
        if code == "integer_cst":
            return str(t.value)
        if code == "real_cst":
            return t.hex
        if code == "string_cst":
            return '"' + t.data.rstrip(b"\0").decode("latin-1").encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
        if code in ("function_decl", "field_decl"):
            return t.name or f"<anonymous field @{t.bitpos}>"
        if code == "label_decl":
            return f"<bb {t.block}>" if t.block is not None else (t.name or f"L.{self.uid(t.uid)}")
        if code == "internal_fn":
            return f".{t.name}"
        if code == "unknown":
            return f"<unknown {t.what}>"
        if code == "constructor":
            if t.clobber:
                return "{CLOBBER}"
            return "{" + ", ".join((f"[{self.tree(i)}]=" if i is not None else "") + self.tree(v) for i, v in t.elts) + "}"
        if code == "complex_cst":
            return f"__complex__ ({self.tree(t.real)}, {self.tree(t.imag)})"
        ops = t.ops
        if code == "component_ref":
            base = ops[0]
            if isinstance(base, ir.Expr) and base.code == "mem_ref" and getattr(base.ops[1], "value", None) == 0:
                return f"{self.tree(base.ops[0])}->{self.tree(ops[1])}"
            return f"{self.tree(base)}.{self.tree(ops[1])}"
        if code == "mem_ref":
            off = ops[1].value if isinstance(ops[1], ir.IntegerCst) else self.tree(ops[1])
            return f"*{self.tree(ops[0])}" if off == 0 else f"MEM[{self.tree(ops[0])} + {off}B]"
        if code in ("array_ref", "array_range_ref"):
            return f"{self.tree(ops[0])}[{self.tree(ops[1])}]"
        if code == "addr_expr":
            return f"&{self.tree(ops[0])}"
        if code == "bit_field_ref":
            return f"BIT_FIELD_REF <{self.tree(ops[0])}, {self.tree(ops[1])}, {self.tree(ops[2])}>"
        if code in ("nop_expr", "convert_expr", "float_expr", "fix_trunc_expr"):
            return f"({type_str(t.type)}) {self.tree(ops[0])}"
        if code in BINARY and len(ops) == 2:
            return f"{self.tree(ops[0])} {BINARY[code]} {self.tree(ops[1])}"
        if code in UNARY and len(ops) == 1:
            return f"{UNARY[code]}{self.tree(ops[0])}"
        return f"{code.upper()} <{', '.join(self.tree(o) for o in ops)}>"


    def stmt(self, s: ir.Stmt) -> str:
        kind = s.kind
        if kind == "assign":
            lhs = self.tree(s.lhs)
            if len(s.rhs) == 1:
                rhs = self.tree(s.rhs[0])
                if s.code in UNARY:
                    rhs = UNARY[s.code] + rhs
                elif s.code in ("nop_expr", "convert_expr", "float_expr", "fix_trunc_expr", "view_convert_expr"):
                    rhs = f"({type_str(s.lhs.type)}) {rhs}"
                elif s.code not in ("ssa_name", "var_decl", "parm_decl", "integer_cst", "real_cst", "string_cst",
                                    "component_ref", "mem_ref", "array_ref", "addr_expr", "constructor",
                                    "bit_field_ref", "realpart_expr", "imagpart_expr"):
                    rhs = f"{s.code.upper()} <{rhs}>"
            elif len(s.rhs) == 2 and s.code in BINARY:
                rhs = f"{self.tree(s.rhs[0])} {BINARY[s.code]} {self.tree(s.rhs[1])}"
            else:
                rhs = f"{s.code.upper()} <{', '.join(self.tree(o) for o in s.rhs)}>"
            return f"{lhs} = {rhs};"
        if kind == "call":
            call = f"{self.tree(s.fn.ops[0]) if s.callee and s.fn.code == 'addr_expr' else self.tree(s.fn)} " \
                   f"({', '.join(self.tree(a) for a in s.args)});"
            flags = f"  [{' '.join(sorted(s.flags))}]" if s.flags - {"nothrow"} else ""
            return (f"{self.tree(s.lhs)} = " if s.lhs is not None else "") + call + flags
        if kind == "cond":
            return f"if ({self.tree(s.lhs)} {BINARY.get(s.code, s.code)} {self.tree(s.rhs)})"
        if kind == "switch":
            cases = []
            for c in s.cases:
                if c.low is None:
                    cases.append(f"default: {self.tree(c.label)}")
                elif c.high is None:
                    cases.append(f"case {self.tree(c.low)}: {self.tree(c.label)}")
                else:
                    cases.append(f"case {self.tree(c.low)} ... {self.tree(c.high)}: {self.tree(c.label)}")
            return f"switch ({self.tree(s.index)}) <{', '.join(cases)}>"
        if kind == "return":
            return "return;" if s.value is None else f"return {self.tree(s.value)};"
        if kind == "label":
            lab = s.label
            return f"{lab.name or f'<L{self.uid(lab.uid)}>'}:"
        if kind == "predict":
            return f"// predicted {'taken' if s.taken else 'not taken'} by predictor {s.predictor}"
        if kind == "goto":
            return f"goto {self.tree(s.dest)};"
        if kind == "nop":
            return "GIMPLE_NOP"
        if kind == "asm":
            ops = [", ".join(f'"{c}" ({self.tree(t)})' for c, t in group) for group in (s.outputs, s.inputs)]
            clobbers = ", ".join(f'"{c}"' for c in s.clobbers)
            return f'__asm__ {"volatile " if s.volatile else ""}("{s.template}" : {ops[0]} : {ops[1]} : {clobbers});'
        return f"<unknown statement {s.what}>"



def tree_str(t) -> str:
    """One operand in C-like notation."""
    return Printer().tree(t)


def stmt_str(s: ir.Stmt) -> str:
    return Printer().stmt(s)


def function_str(f: ir.Function, lines: bool = True, canonical: bool = False) -> str:
    """The whole function: signature, locals, then each block with its successors."""
    pr = Printer(canonical)
    params = ", ".join(f"{type_str(p.type)} {pr.decl(p)}" for p in f.params)
    out = [f"{type_str(f.type.base.result)} {f.name} ({params})  "
           f"// {f.file}:{f.line} [{' '.join(sorted(f.flags))}]", "{"]
    for v in f.locals:
        out.append(f"  {type_str(v.type)} {pr.decl(v)};")
    for b in f.blocks.values():
        if b.index == ir.ENTRY_BLOCK or b.index == ir.EXIT_BLOCK:
            if b.index == ir.ENTRY_BLOCK:
                out.append(f"  <entry> -> {', '.join(edge_str(e) for e in b.succs)}")
            continue
        out.append(f"  <bb {b.index}>:")
        for s in b.stmts:
            where = f"  [line {s.line}]" if lines and s.line else ""
            out.append(f"    {pr.stmt(s)}{where}")
        out.append(f"    -> {', '.join(edge_str(e) for e in b.succs) or '(none)'}")
    out.append("}")
    return "\n".join(out)


def edge_str(e: ir.Edge) -> str:
    dest = "<exit>" if e.dest == ir.EXIT_BLOCK else f"<bb {e.dest}>"
    return f"{dest} ({' '.join(sorted(e.flags))})" if e.flags else dest


def variable_str(v: ir.Variable) -> str:
    where = f"  // {v.file}:{v.line} [{' '.join(sorted(v.flags))}]" + (f" in {v.context}" if v.context else "")
    init = f" = {tree_str(v.init)}" if v.init is not None else ""
    return f"{type_str(v.type)} {v.name or f'D.{v.uid}'}{init};{where}"


def struct_str(t: ir.Type) -> str:
    b = t.base
    lines = [f"{type_str(t)}  // {b.size} bits"]
    for fl in b.fields:
        bits = f" : {fl.size}" if fl.bitfield else ""
        lines.append(f"  {type_str(fl.type)} {fl.name or '<anonymous>'}{bits};  // bit {fl.offset}, {fl.size} bits")
    return "\n".join(lines)
