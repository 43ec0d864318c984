"""The IR of small C files, run through the real GCC and the gimple_dump plugin, checked field
by field against what the C code must produce.

Each fixture in tests/fixtures/ covers one topic.  Lines that matter carry a marker comment
`/* @name */`; the tests look lines up by marker, never by number.  Block numbers are never
hard-coded either: blocks are found by the labels and statements they hold.
"""
from __future__ import annotations

import math
import re
import struct
import subprocess
from pathlib import Path

import pytest
import sexpdata

from translator.dump import dump_source
from translator.errors import Emacs2clError
from translator.gimple import ir, sexp
from translator.gimple.pretty import function_str
from translator.gimple.program import stmt_operands, walk
from translator.gimple.reader import read_unit

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The fixtures every coverage test reads; int128.c is apart: see test_int128_constants.
READABLE = ("arith", "calls", "control", "floats", "globals", "setjmp", "types")


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture(scope="session")
def dumps(tmp_path_factory) -> dict[str, Path]:
    """Every fixture dumped once by the real GCC with the plugin."""
    out = tmp_path_factory.mktemp("dumps")
    return {c.stem: dump_source(c, out / f"{c.stem}.sx") for c in sorted(FIXTURES.glob("*.c"))}


@pytest.fixture(scope="session")
def units(dumps) -> dict[str, ir.Unit]:
    return {name: read_unit(dumps[name]) for name in READABLE}


def source(fixture: str) -> str:
    return (FIXTURES / f"{fixture}.c").read_text()


def line_of(fixture: str, marker: str) -> int:
    """The line of FIXTURE that carries the comment `/* @MARKER */`."""
    pattern = re.compile(r"/\* @" + re.escape(marker) + r" \*/")
    hits = [i for i, text in enumerate(source(fixture).splitlines(), 1) if pattern.search(text)]
    assert len(hits) == 1, f"marker @{marker} found {len(hits)} times in {fixture}.c"
    return hits[0]


def fn(unit: ir.Unit, name: str) -> ir.Function:
    return the([f for f in unit.functions if f.name == name], f"function named {name}")


def variable(unit: ir.Unit, name: str) -> ir.Variable:
    return the([v for v in unit.variables if v.name == name], f"variable named {name}")


def declaration(unit: ir.Unit, name: str) -> ir.Declaration:
    return the([d for d in unit.declarations if d.name == name], f"declaration named {name}")


def stmts(f: ir.Function, kind: str, line: int | None = None) -> list:
    """The statements of F of KIND (at LINE if given), in block order."""
    return [s for s in f.statements() if s.kind == kind and (line is None or s.line == line)]


def assigns(f: ir.Function, code: str, line: int | None = None) -> list[ir.Assign]:
    return [s for s in stmts(f, "assign", line) if s.code == code]


def the(items: list, what: str = "statement"):
    assert len(items) == 1, f"expected one {what}, found {len(items)}: {items}"
    return items[0]


def trees(f: ir.Function, code: str) -> list:
    """Every tree of CODE in the operands of F's statements."""
    return [t for s in f.statements() for op in stmt_operands(s) for t in walk(op) if t.code == code]


def block_of(f: ir.Function, stmt: ir.Stmt) -> ir.Block:
    return the([b for b in f.blocks.values() if any(s is stmt for s in b.stmts)], "block")


def label_block(f: ir.Function, name: str) -> ir.Block:
    """The block that starts with the user label NAME."""
    return the([b for b in f.blocks.values() if b.stmts and b.stmts[0].kind == "label"
                and b.stmts[0].label.name == name], f"block of label {name}")


def succ(block: ir.Block, flag: str) -> ir.Edge:
    return the([e for e in block.succs if flag in e.flags], f"{flag} edge")


def first_real_stmt(block: ir.Block) -> ir.Stmt:
    """The first statement of BLOCK that is not a label."""
    return next(s for s in block.stmts if s.kind != "label")


def decl(t, code: str, name: str) -> None:
    assert isinstance(t, ir.Decl), t
    assert (t.code, t.name) == (code, name)


def int_type(t: ir.Type, precision: int, unsigned: bool) -> None:
    b = t.base
    assert b.code == "integer_type", b
    assert (b.precision, b.unsigned) == (precision, unsigned)


def cst(t, value: int, precision: int | None = None, unsigned: bool | None = None) -> None:
    assert isinstance(t, ir.IntegerCst), t
    assert t.value == value
    if precision is not None:
        assert (t.type.base.precision, t.type.base.unsigned) == (precision, unsigned)


def struct_type(unit: ir.Unit, tag: str, code: str = "record_type") -> ir.Type:
    return the([t for t in unit.types if t.code == code and t.tag == tag and t.main is None], f"{code} {tag}")


def named_type(unit: ir.Unit, name: str) -> ir.Type:
    return the([t for t in unit.types if t.name == name], f"type named {name}")


def fields(t: ir.Type) -> dict[str, ir.Field]:
    return {f.name: f for f in t.base.fields}


# ---------------------------------------------------------------------------------------------
# The unit and functions


def test_fixture_list_is_complete():
    assert {c.stem for c in FIXTURES.glob("*.c")} == set(READABLE) | {"int128"}


def test_unit_header(units):
    for name, u in units.items():
        assert u.file == str(FIXTURES / f"{name}.c")
        assert u.gcc.startswith("12."), u.gcc


def test_function_metadata(units):
    u = units["control"]
    f = fn(u, "classify")
    text = source("control").splitlines()
    assert text[f.line - 1].startswith("int classify (int x, int y)")
    assert f.file == u.file
    assert {"public", "static"} <= f.flags and "external" not in f.flags
    assert f.type.code == "function_type"
    int_type(f.type.result, 32, False)
    assert [p.name for p in f.params] == ["x", "y"]
    for p in f.params:
        assert p.code == "parm_decl"
        int_type(p.type, 32, False)
    assert f.result.code == "result_decl"
    int_type(f.result.type, 32, False)
    # Entry and exit blocks are there, entry first and exit last, both without statements.
    indexes = list(f.blocks)
    assert (indexes[0], indexes[-1]) == (ir.ENTRY_BLOCK, ir.EXIT_BLOCK)
    assert f.blocks[ir.ENTRY_BLOCK].stmts == () and f.blocks[ir.EXIT_BLOCK].stmts == ()
    # A static function is not public; the locals of a function are its declared variables.
    g = units["globals"]
    assert "public" not in fn(g, "Fcar").flags and "static" in fn(g, "Fcar").flags
    local_names = {v.name for v in fn(units["arith"], "add_sub_mul").locals}
    assert {"s", "d", "m"} <= local_names


# ---------------------------------------------------------------------------------------------
# Statement kinds


def test_statement_kinds(units):
    kinds = {s.kind for u in units.values() for f in u.functions for s in f.statements()}
    assert {"assign", "call", "cond", "return", "label", "predict", "switch", "goto"} <= kinds
    # There is no plain goto after pass "cfg": user_label's `goto again` is an edge.
    f = fn(units["control"], "user_label")
    assert stmts(f, "goto") == []
    goto_line = line_of("control", "goto_again")
    predict = the(stmts(f, "predict", goto_line))
    assert succ(block_of(f, predict), "fallthru").dest == label_block(f, "again").index


def test_return(units):
    f = fn(units["arith"], "copies")
    ret = the(stmts(f, "return"))
    d = the(assigns(f, "plus_expr"))
    assert ret.value.code == "var_decl" and ret.value.uid == d.lhs.uid
    assert ret.line == d.line
    # The return's block goes to the exit block, by an edge without flags.
    edge = the(list(block_of(f, ret).succs), "edge")
    assert (edge.dest, edge.flags) == (ir.EXIT_BLOCK, frozenset())
    # abort () is noreturn: nothing follows it, not even a return.
    assert stmts(fn(units["calls"], "die"), "return") == []


def test_predict(units):
    f = fn(units["control"], "classify")
    early = stmts(f, "predict")
    assert [p.line for p in early] == [line_of("control", "if_lt") + 1, line_of("control", "if_gt") + 1]
    # GCC 12's predict.def: PRED_TREE_EARLY_RETURN is 32 and PRED_GOTO 33, both "not taken".
    assert all(p.predictor == 32 and p.taken is False for p in early)
    goto = the(stmts(fn(units["control"], "user_label"), "predict"))
    assert (goto.predictor, goto.taken) == (33, False)


# ---------------------------------------------------------------------------------------------
# Assignment codes, each with its operands


def test_arithmetic_assignments(units):
    u = units["arith"]
    f = fn(u, "add_sub_mul")
    for marker, code in (("plus", "plus_expr"), ("minus", "minus_expr")):
        a = the(assigns(f, code, line_of("arith", marker)))
        decl(a.lhs, "var_decl", {"plus": "s", "minus": "d"}[marker])
        int_type(a.lhs.type, 64, False)
        decl(a.rhs[0], "parm_decl", "a")
        decl(a.rhs[1], "parm_decl", "b")
    m = the(assigns(f, "mult_expr", line_of("arith", "mult")))
    decl(m.rhs[0], "parm_decl", "a")
    cst(m.rhs[1], 7, 64, False)
    assert len(assigns(f, "bit_xor_expr", line_of("arith", "xor"))) == 2

    f = fn(u, "divisions")
    for marker, code in (("div", "trunc_div_expr"), ("mod", "trunc_mod_expr")):
        a = the(assigns(f, code, line_of("arith", marker)))
        assert [o.name for o in a.rhs] == ["a", "b"]

    f = fn(u, "negate_abs")
    n = the(assigns(f, "negate_expr", line_of("arith", "negate")))
    assert len(n.rhs) == 1
    decl(n.rhs[0], "parm_decl", "a")
    ab = the(assigns(f, "abs_expr", line_of("arith", "abs")))
    decl(ab.lhs, "var_decl", "m")
    decl(ab.rhs[0], "parm_decl", "a")

    # `a < b ? a : b` is folded to MIN_EXPR, `a > b ? a : b` to MAX_EXPR.
    for name, code, marker in (("min_of", "min_expr", "min"), ("max_of", "max_expr", "max")):
        a = the(assigns(fn(u, name), code, line_of("arith", marker)))
        assert sorted(o.name for o in a.rhs) == ["a", "b"]
        assert stmts(fn(u, name), "cond") == []

    r = the(assigns(fn(u, "rotate"), "rrotate_expr", line_of("arith", "rrotate")))
    assert [o.name for o in r.rhs] == ["x", "n"]
    int_type(r.lhs.type, 32, True)


def test_bitwise_assignments(units):
    f = fn(units["arith"], "bits")
    x = the(assigns(f, "bit_and_expr", line_of("arith", "and")))
    decl(x.rhs[0], "parm_decl", "a")
    cst(x.rhs[1], 255, 32, True)
    y = the(assigns(f, "bit_ior_expr", line_of("arith", "ior")))
    assert [o.name for o in y.rhs] == ["a", "b"]
    z = the(assigns(f, "bit_not_expr", line_of("arith", "not")))
    assert len(z.rhs) == 1 and z.rhs[0].name == "b"
    sl = the(assigns(f, "lshift_expr", line_of("arith", "lshift")))
    decl(sl.rhs[0], "parm_decl", "a")
    cst(sl.rhs[1], 3)
    sr = the(assigns(f, "rshift_expr", line_of("arith", "rshift")))
    decl(sr.rhs[0], "parm_decl", "b")
    cst(sr.rhs[1], 2)


def test_comparison_values(units):
    """`int e = x == y;`: the comparison is a boolean SSA name, then converted to int."""
    f = fn(units["arith"], "compares")
    for marker, code, var in (("eq", "eq_expr", "e"), ("ne", "ne_expr", "n"), ("lt", "lt_expr", "l"),
                              ("le", "le_expr", "le"), ("gt", "gt_expr", "g"), ("ge", "ge_expr", "ge")):
        line = line_of("arith", marker)
        c = the(assigns(f, code, line))
        assert isinstance(c.lhs, ir.SsaName)
        assert c.lhs.type.base.code == "boolean_type" and c.lhs.type.base.precision == 1
        assert [o.name for o in c.rhs] == ["x", "y"]
        conv = the(assigns(f, "nop_expr", line))
        assert isinstance(conv.rhs[0], ir.SsaName) and conv.rhs[0].version == c.lhs.version
        decl(conv.lhs, "var_decl", var)
        int_type(conv.lhs.type, 32, False)


def test_cond_expr_assignment(units):
    """`1 / x` folds to `(unsigned) x + 1 <= 2 ? x : 0`, a COND_EXPR on the right-hand side."""
    f = fn(units["arith"], "reciprocal")
    line = line_of("arith", "cond_expr")
    c = the(assigns(f, "cond_expr", line))
    assert len(c.rhs) == 3
    cond, then, other = c.rhs
    assert cond.type.base.code == "boolean_type"
    decl(then, "parm_decl", "x")
    cst(other, 0, 32, False)
    le = the(assigns(f, "le_expr", line))
    assert le.lhs.uid == cond.uid
    cst(le.rhs[1], 2, 32, True)
    assert stmts(f, "cond") == []


def test_pointer_assignments(units):
    f = fn(units["arith"], "pointers")
    pp = the(assigns(f, "pointer_plus_expr", line_of("arith", "pointer_plus")))
    decl(pp.lhs, "var_decl", "r")
    decl(pp.rhs[0], "parm_decl", "p")
    assert pp.rhs[0].type.code == "pointer_type"
    int_type(pp.rhs[0].type.to, 32, False)
    int_type(pp.rhs[1].type, 64, True)          # the offset is a sizetype
    line = line_of("arith", "pointer_diff")
    diff = the(assigns(f, "pointer_diff_expr", line))
    assert [o.name for o in diff.rhs] == ["q", "p"]
    int_type(diff.lhs.type, 64, False)
    ex = the(assigns(f, "exact_div_expr", line))
    assert ex.rhs[0].version == diff.lhs.version
    cst(ex.rhs[1], 4, 64, False)
    decl(ex.lhs, "var_decl", "d")
    m = the(assigns(f, "mem_ref", line_of("arith", "mem_ref")))
    ref = m.rhs[0]
    assert ref.code == "mem_ref" and ref.type.base.precision == 32
    decl(ref.ops[0], "var_decl", "r")
    cst(ref.ops[1], 0)
    assert ref.ops[1].type.code == "pointer_type"
    # arr[i] on a pointer parameter is pointer arithmetic and a mem_ref, not an array_ref.
    g = fn(units["arith"], "memory")
    line = line_of("arith", "pointer_index")
    assert assigns(g, "array_ref", line) == []
    assert len(assigns(g, "pointer_plus_expr", line)) == 1
    assert the(assigns(g, "mem_ref", line)).lhs.name == "b"


def test_memory_assignments(units):
    u = units["arith"]
    f = fn(u, "memory")
    pair = struct_type(u, "pair")
    for marker, name, bitpos, precision in (("component_ref", "first", 0, 32),
                                            ("component_ref_second", "second", 64, 64)):
        a = the(assigns(f, "component_ref", line_of("arith", marker)))
        ref = a.rhs[0]
        assert ref.code == "component_ref"
        base, field, offset = ref.ops
        assert base.code == "mem_ref"
        decl(base.ops[0], "parm_decl", "pp")
        assert isinstance(field, ir.FieldDecl)
        assert (field.name, field.bitpos, field.context) == (name, bitpos, pair)
        assert field.type.base.precision == precision
        assert offset is None
    ar = the(assigns(f, "array_ref", line_of("arith", "array_ref")))
    ref = ar.rhs[0]
    decl(ref.ops[0], "var_decl", "local")
    assert ref.ops[0].type.code == "array_type" and ref.ops[0].type.domain == (0, 3)
    cst(ref.ops[1], 2)
    ad = the(assigns(f, "addr_expr", line_of("arith", "addr")))
    decl(ad.lhs, "var_decl", "addr")
    inner = ad.rhs[0].ops[0]
    assert inner.code == "array_ref" and inner.ops[1].value == 1
    store = the(assigns(f, "var_decl", line_of("arith", "store_global")))
    decl(store.lhs, "var_decl", "g_counter")
    decl(store.rhs[0], "var_decl", "a")
    load = the(assigns(f, "var_decl", line_of("arith", "var_decl")))
    decl(load.rhs[0], "var_decl", "g_counter")
    assert load.rhs[0].uid == store.lhs.uid
    # The storage of `local` dies at the end of the function: a clobber.
    clobber = the([s for s in assigns(f, "constructor") if s.rhs[0].clobber])
    decl(clobber.lhs, "var_decl", "local")
    assert clobber.rhs[0].elts == ()


def test_copy_assignments(units):
    u = units["arith"]
    f = fn(u, "copies")
    p = the(assigns(f, "parm_decl", line_of("arith", "parm_decl")))
    decl(p.lhs, "var_decl", "x")
    decl(p.rhs[0], "parm_decl", "p")
    c = the(assigns(f, "integer_cst", line_of("arith", "integer_cst")))
    decl(c.lhs, "var_decl", "y")
    cst(c.rhs[0], 42, 32, False)
    # r = _1, an SSA name copied into a variable (the result of __builtin_add_overflow).
    g = fn(u, "overflow_copy")
    s = the(assigns(g, "ssa_name", line_of("arith", "ssa_copy")))
    decl(s.lhs, "var_decl", "r")
    real = the(assigns(g, "realpart_expr", line_of("arith", "ssa_copy")))
    assert isinstance(s.rhs[0], ir.SsaName) and s.rhs[0].version == real.lhs.version
    n = the(assigns(fn(u, "widen"), "nop_expr", line_of("arith", "nop")))
    int_type(n.lhs.type, 64, False)
    int_type(n.rhs[0].type, 32, False)


def test_constructor_and_string_assignments(units):
    u = units["arith"]
    f = fn(u, "make_pair")
    ctors = assigns(f, "constructor")
    init = the([s for s in ctors if not s.rhs[0].clobber])
    assert init.line == line_of("arith", "constructor")
    assert init.rhs[0].type is struct_type(u, "pair") and init.rhs[0].elts == ()
    clobber = the([s for s in ctors if s.rhs[0].clobber])
    assert clobber.lhs.uid == init.lhs.uid
    s = the(assigns(fn(u, "string_init"), "string_cst", line_of("arith", "string")))
    decl(s.lhs, "var_decl", "buf")
    assert s.rhs[0].data == b"hi\n\0"
    assert s.rhs[0].type.base.code == "array_type" and s.rhs[0].type.base.domain == (0, 3)


def test_float_assignments(units):
    f = fn(units["arith"], "floats")
    c = the(assigns(f, "real_cst", line_of("arith", "real_cst")))
    assert isinstance(c.rhs[0], ir.RealCst) and c.rhs[0].value == 2.5
    assert c.rhs[0].type.base.code == "real_type" and c.rhs[0].type.base.precision == 64
    fl = the(assigns(f, "float_expr", line_of("arith", "float")))
    decl(fl.rhs[0], "parm_decl", "i")
    assert fl.lhs.type.base.code == "real_type"
    d = the(assigns(f, "rdiv_expr", line_of("arith", "rdiv")))
    assert [o.name for o in d.rhs] == ["a", "b"]
    t = the(assigns(f, "fix_trunc_expr", line_of("arith", "fix_trunc")))
    decl(t.lhs, "var_decl", "t")
    decl(t.rhs[0], "parm_decl", "a")
    # __builtin_isgreater (a, b) is !(a unle b).
    g = fn(units["arith"], "not_greater")
    line = line_of("arith", "unle")
    u = the(assigns(g, "unle_expr", line))
    assert [o.name for o in u.rhs] == ["a", "b"]
    assert the(assigns(g, "bit_not_expr", line)).rhs[0].version == u.lhs.version


def test_complex_and_vector_assignments(units):
    u = units["arith"]
    f = fn(u, "complexes")
    z = the(assigns(f, "complex_expr", line_of("arith", "complex")))
    decl(z.lhs, "var_decl", "z")
    assert z.lhs.type.base.code == "complex_type" and z.lhs.type.base.elt.base.precision == 64
    assert [o.name for o in z.rhs] == ["re", "im"]
    for marker, code in (("realpart", "realpart_expr"), ("imagpart", "imagpart_expr")):
        a = the(assigns(f, code, line_of("arith", marker)))
        part = a.rhs[0]
        assert part.code == code and part.type.base.code == "real_type"
        decl(part.ops[0], "var_decl", "z")
    # v[2] on a vector: BIT_FIELD_REF <v, 32 bits, at bit 64>.
    b = the(assigns(fn(u, "vector_elt"), "bit_field_ref", line_of("arith", "bit_field_ref")))
    ref = b.rhs[0]
    assert ref.code == "bit_field_ref"
    decl(ref.ops[0], "parm_decl", "v")
    cst(ref.ops[1], 32)
    cst(ref.ops[2], 64)
    # (v4sf) v on a vector of ints: VIEW_CONVERT_EXPR.
    v = the(assigns(fn(u, "vector_cast"), "view_convert_expr", line_of("arith", "view_convert")))
    vc = v.rhs[0]
    assert vc.code == "view_convert_expr"
    assert vc.type.name == "v4sf" and vc.type.base.code == "vector_type"
    assert vc.type.base.elt.base.code == "real_type" and vc.type.base.size == 128
    decl(vc.ops[0], "parm_decl", "v")
    assert vc.ops[0].type.name == "v4si"


ASSIGN_CODES = """
component_ref nop_expr var_decl integer_cst plus_expr pointer_plus_expr ssa_name bit_and_expr
mem_ref parm_decl mult_expr constructor minus_expr lshift_expr bit_not_expr array_ref addr_expr
bit_field_ref bit_ior_expr pointer_diff_expr ne_expr rshift_expr eq_expr trunc_div_expr
negate_expr min_expr exact_div_expr max_expr realpart_expr float_expr imagpart_expr
trunc_mod_expr gt_expr lt_expr ge_expr real_cst bit_xor_expr fix_trunc_expr abs_expr le_expr
rdiv_expr complex_expr view_convert_expr rrotate_expr string_cst unle_expr cond_expr
""".split()


def test_assign_code_coverage(units):
    codes = {s.code for u in units.values() for f in u.functions for s in stmts(f, "assign")}
    assert set(ASSIGN_CODES) - codes == set()


# ---------------------------------------------------------------------------------------------
# Conditions and edges


def test_condition_true_and_false_edges(units):
    f = fn(units["control"], "classify")
    lt = the(stmts(f, "cond", line_of("control", "if_lt")))
    assert lt.code == "lt_expr"
    decl(lt.lhs, "parm_decl", "x")
    decl(lt.rhs, "parm_decl", "y")
    block = block_of(f, lt)
    assert block.stmts[-1] is lt
    assert {frozenset(e.flags) for e in block.succs} == {frozenset({"true_value"}), frozenset({"false_value"})}
    then = f.blocks[succ(block, "true_value").dest]
    minus_one = first_real_stmt(then)
    assert minus_one.kind == "assign" and minus_one.line == line_of("control", "if_lt") + 1
    cst(minus_one.rhs[0], -1, 32, False)
    other = f.blocks[succ(block, "false_value").dest]
    gt = first_real_stmt(other)
    assert gt.kind == "cond" and gt.code == "gt_expr" and gt.line == line_of("control", "if_gt")


def test_integer_condition_codes(units):
    f = fn(units["control"], "more_conds")
    for marker, code in (("if_le", "le_expr"), ("if_ge", "ge_expr"), ("if_eq", "eq_expr")):
        c = the(stmts(f, "cond", line_of("control", marker)))
        assert c.code == code
        assert (c.lhs.name, c.rhs.name) == ("a", "b")
    ne = the(stmts(f, "cond", line_of("control", "if_ne")))
    assert ne.code == "ne_expr"
    decl(ne.lhs, "parm_decl", "c")
    cst(ne.rhs, 0, 32, True)
    # The loop condition of a for: the true edge goes back to the body.
    g = fn(units["control"], "loop")
    c = the(stmts(g, "cond", line_of("control", "for")))
    assert c.code == "lt_expr" and (c.lhs.name, c.rhs.name) == ("i", "n")
    body = g.blocks[succ(block_of(g, c), "true_value").dest]
    assert the(assigns(g, "plus_expr", line_of("control", "for") + 1)) in body.stmts


def test_float_condition_codes(units):
    f = fn(units["floats"], "fcmp")
    for marker, code in (("ungt", "ungt_expr"), ("unordered", "unordered_expr"),
                         ("ordered", "ordered_expr"), ("unle", "unle_expr")):
        c = the(stmts(f, "cond", line_of("floats", marker)))
        assert c.code == code
        decl(c.lhs, "parm_decl", "a")
        decl(c.rhs, "parm_decl", "b")
        assert c.lhs.type.base.code == "real_type"


COND_CODES = "ne_expr eq_expr lt_expr gt_expr le_expr ge_expr ungt_expr unordered_expr ordered_expr".split()


def test_cond_code_coverage(units):
    codes = {s.code for u in units.values() for f in u.functions for s in stmts(f, "cond")}
    assert set(COND_CODES) - codes == set()


def test_edge_flags(units):
    flags = {fl for u in units.values() for f in u.functions for b in f.blocks.values()
             for e in b.succs for fl in e.flags}
    assert {"fallthru", "true_value", "false_value", "abnormal"} <= flags
    for u in units.values():
        for f in u.functions:
            for b in f.blocks.values():
                assert all(e.src == b.index and e.dest in f.blocks for e in b.succs)
            assert f.blocks[ir.ENTRY_BLOCK].succs[0].flags == {"fallthru"}
            assert f.blocks[ir.EXIT_BLOCK].succs == ()
            assert set(f.cfg.nodes) == set(f.blocks)


def test_switch(units):
    f = fn(units["control"], "sw")
    sw = the(stmts(f, "switch", line_of("control", "switch")))
    decl(sw.index, "parm_decl", "k")
    # The default case comes first, then the cases sorted by value.
    default, *cases = sw.cases
    assert (default.low, default.high) == (None, None)
    assert [(c.low.value, c.high.value if c.high else None) for c in cases] == [(-2, None), (1, None), (3, 7)]
    for c in cases:
        int_type(c.low.type, 32, False)
    block = block_of(f, sw)
    # Every case label names the block that starts with that label; the switch's edges to them
    # carry no flag at all.
    targets = {}
    for c in sw.cases:
        assert isinstance(c.label, ir.LabelDecl)
        target = f.blocks[c.label.block]
        first = target.stmts[0]
        assert first.kind == "label" and first.label.uid == c.label.uid
        targets[c.label.block] = first_real_stmt(target)
    assert {e.dest for e in block.succs} == set(targets)
    assert all(e.flags == frozenset() for e in block.succs)
    expected = {None: ("default", 40), -2: ("case_minus2", 30), 1: ("case1", 10), 3: ("case_range", 20)}
    for c in sw.cases:
        marker, value = expected[c.low.value if c.low else None]
        s = targets[c.label.block]
        assert s.kind == "assign" and s.line == line_of("control", marker)
        cst(s.rhs[0], value)
    # The case labels are statements too, with the line of the `case`.
    assert the(stmts(f, "label", line_of("control", "case1") - 1)).label.uid == cases[1].label.uid


def test_computed_goto(units):
    u = units["control"]
    f = fn(u, "dispatch")
    goto = the(stmts(f, "goto"))
    assert goto.dest.code == "var_decl"
    block = block_of(f, goto)
    names = ["op_add", "op_sub", "op_end"]
    assert {e.dest for e in block.succs} == {label_block(f, n).index for n in names}
    assert all(e.flags == {"abnormal"} for e in block.succs)
    # `&&op_end` in the function: an addr_expr of the label, which names its block.
    a = the(assigns(f, "addr_expr", line_of("control", "label_address")))
    label = a.rhs[0].ops[0]
    assert isinstance(label, ir.LabelDecl) and label.name == "op_end"
    assert label.block == label_block(f, "op_end").index
    assert label.uid == label_block(f, "op_end").stmts[0].label.uid
    assert label_block(f, "op_add").stmts[0].line == line_of("control", "op_add") - 1
    # The static table of label addresses belongs to the function; its labels are the same
    # label_decls (by uid) as the function's labels.
    table = variable(u, "table")
    assert table.context == "dispatch"
    assert table.type.base.domain == (0, 2)
    uids = {n: label_block(f, n).stmts[0].label.uid for n in names}
    got = [(i.value, v.code, v.ops[0].name, v.ops[0].uid, v.ops[0].block) for i, v in table.init.elts]
    assert got == [(k, "addr_expr", n, uids[n], label_block(f, n).index) for k, n in enumerate(names)]


def test_setjmp_abnormal_edges(units):
    f = fn(units["setjmp"], "catcher")
    call = the([c for c in stmts(f, "call", line_of("setjmp", "setjmp")) if c.callee == "_setjmp"])
    arg = the(list(call.args), "argument")
    assert arg.code == "addr_expr"
    decl(arg.ops[0], "var_decl", "env")
    dispatcher = the([c for c in stmts(f, "call") if c.callee == "ABNORMAL_DISPATCHER"])
    assert isinstance(dispatcher.fn, ir.InternalFn) and dispatcher.fn.name == "ABNORMAL_DISPATCHER"
    assert "noreturn" in dispatcher.flags
    cst(the(list(dispatcher.args), "argument"), 0)
    d_block = block_of(f, dispatcher)
    setjmp_block = block_of(f, call)
    # The dispatcher goes back to the setjmp call's block; every call that may longjmp, the
    # setjmp call itself included, has an abnormal edge to the dispatcher.
    assert [(e.dest, e.flags) for e in d_block.succs] == [(setjmp_block.index, {"abnormal"})]
    assert succ(setjmp_block, "abnormal").dest == d_block.index
    longjmp_call = the([c for c in stmts(f, "call", line_of("setjmp", "may_longjmp"))])
    assert longjmp_call.callee == "may_longjmp"
    assert succ(block_of(f, longjmp_call), "abnormal").dest == d_block.index
    assert succ(block_of(f, longjmp_call), "fallthru").dest != d_block.index


# ---------------------------------------------------------------------------------------------
# Calls


def test_direct_and_indirect_calls(units):
    u = units["calls"]
    call = the(stmts(fn(u, "direct"), "call", line_of("calls", "direct_call")))
    assert call.callee == "external_fn"
    assert call.fn.code == "addr_expr" and isinstance(call.fn.ops[0], ir.FunctionDecl)
    x, s = call.args
    decl(x, "parm_decl", "x")
    assert s.code == "addr_expr" and isinstance(s.ops[0], ir.StringCst)
    assert s.ops[0].data == b"direct\0"
    assert call.fntype.code == "function_type" and len(call.fntype.args) == 2
    d = declaration(u, "external_fn")
    assert d.builtin is None and "external" in d.flags
    assert d.type.args[1].code == "pointer_type" and d.type.args[1].to.quals == ("const",)

    # Through a function pointer parameter: no callee, fn is the parm_decl.
    call = the(stmts(fn(u, "indirect"), "call", line_of("calls", "indirect_parm")))
    assert call.callee is None
    decl(call.fn, "parm_decl", "f")
    assert call.fn.type.name == "unary" and call.fn.type.base.to.code == "function_type"
    assert call.fntype.code == "function_type"
    int_type(call.fntype.result, 64, False)
    assert [a.base.precision for a in call.fntype.args] == [64]
    # Through a pointer loaded from a struct field: fn is an SSA name.
    call = the(stmts(fn(u, "indirect_field"), "call", line_of("calls", "indirect_ssa")))
    assert call.callee is None and isinstance(call.fn, ir.SsaName)
    load = the(assigns(fn(u, "indirect_field"), "component_ref", line_of("calls", "indirect_ssa")))
    assert load.lhs.version == call.fn.version
    assert load.rhs[0].ops[1].name == "fn"
    # The address of a function.
    a = the(assigns(fn(u, "pick"), "addr_expr", line_of("calls", "fn_address")))
    assert isinstance(a.rhs[0].ops[0], ir.FunctionDecl) and a.rhs[0].ops[0].name == "twice"


def test_internal_functions(units):
    f = fn(units["calls"], "overflows")
    for marker, name in (("mul_overflow", "MUL_OVERFLOW"), ("add_overflow", "ADD_OVERFLOW"),
                         ("sub_overflow", "SUB_OVERFLOW")):
        line = line_of("calls", marker)
        call = the(stmts(f, "call", line))
        assert isinstance(call.fn, ir.InternalFn) and call.fn.name == name and call.callee == name
        assert call.fntype is None
        assert [a.name for a in call.args] == ["a", "b"]
        assert call.lhs.type.base.code == "complex_type"
        int_type(call.lhs.type.base.elt, 64, False)
        real = the(assigns(f, "realpart_expr", line))
        assert real.rhs[0].ops[0].uid == call.lhs.uid
        imag = the(assigns(f, "imagpart_expr", line))
        assert imag.rhs[0].ops[0].uid == call.lhs.uid
    g = fn(units["calls"], "sum_ints")
    va = the(stmts(g, "call", line_of("calls", "va_arg")))
    assert va.callee == "VA_ARG" and isinstance(va.fn, ir.InternalFn)
    ap, *rest = va.args
    assert ap.code == "addr_expr"
    decl(ap.ops[0], "var_decl", "ap")
    assert [r.code for r in rest] == ["integer_cst", "integer_cst"]
    int_type(va.lhs.type, 32, False)


def test_builtin_calls(units):
    u = units["calls"]
    f = fn(u, "stack")
    al = the(stmts(f, "call", line_of("calls", "alloca")))
    assert al.callee == "__builtin_alloca"
    decl(al.lhs, "var_decl", "p")
    int_type(the(list(al.args), "argument").type, 64, True)
    vla = the(stmts(f, "call", line_of("calls", "vla")))
    assert vla.callee == "__builtin_alloca_with_align" and "alloca_for_var" in vla.flags
    cst(vla.args[1], 8)
    vla_ptr = vla.lhs.type.base
    assert vla_ptr.code == "pointer_type" and vla_ptr.to.base.domain == (0, "vla")
    mc = the(stmts(f, "call", line_of("calls", "memcpy")))
    assert mc.callee == "memcpy" and mc.lhs is None
    decl(mc.args[0], "var_decl", "p")
    decl(mc.args[1], "parm_decl", "src")

    g = fn(u, "sum_ints")
    start = the(stmts(g, "call", line_of("calls", "va_start")))
    assert start.callee == "__builtin_va_start" and start.args[0].ops[0].name == "ap"
    cp = the(stmts(g, "call", line_of("calls", "va_copy")))
    assert cp.callee == "__builtin_va_copy" and [a.ops[0].name for a in cp.args] == ["aq", "ap"]
    end = the(stmts(g, "call", line_of("calls", "va_end")))
    assert end.callee == "__builtin_va_end" and end.args[0].ops[0].name == "ap"

    fa = the(stmts(fn(u, "frame"), "call", line_of("calls", "frame_address")))
    assert fa.callee == "__builtin_frame_address"
    cst(fa.args[0], 0)
    sb = the(stmts(fn(u, "sign"), "call", line_of("calls", "signbit")))
    assert sb.callee == "__builtin_signbit" and sb.args[0].name == "d"
    un = the(stmts(fn(u, "never"), "call", line_of("calls", "unreachable")))
    assert un.callee == "__builtin_unreachable" and "noreturn" in un.flags
    assert block_of(fn(u, "never"), un).succs == ()
    ab = the(stmts(fn(u, "die"), "call", line_of("calls", "abort")))
    assert ab.callee == "abort" and {"noreturn", "nothrow"} <= ab.flags

    expected = {
        "__builtin_alloca": "BUILT_IN_ALLOCA", "__builtin_alloca_with_align": "BUILT_IN_ALLOCA_WITH_ALIGN",
        "memcpy": "BUILT_IN_MEMCPY", "__builtin_va_start": "BUILT_IN_VA_START",
        "__builtin_va_end": "BUILT_IN_VA_END", "__builtin_va_copy": "BUILT_IN_VA_COPY",
        "__builtin_unreachable": "BUILT_IN_UNREACHABLE", "__builtin_frame_address": "BUILT_IN_FRAME_ADDRESS",
        "__builtin_signbit": "BUILT_IN_SIGNBIT", "abort": "BUILT_IN_ABORT", "external_fn": None,
    }
    assert {d.name: d.builtin for d in u.declarations} == expected
    assert "noreturn" in declaration(u, "abort").flags
    memcpy = declaration(u, "memcpy").type
    assert memcpy.code == "function_type" and len(memcpy.args) == 3 and memcpy.result.code == "pointer_type"
    # A declaration names only functions called without a body here.
    assert "twice" not in {d.name for d in u.declarations}


# ---------------------------------------------------------------------------------------------
# Types


def test_integer_types(units):
    t = struct_type(units["types"], "ints")
    expected = {"s8": (8, False), "u8": (8, True), "s16": (16, False), "u16": (16, True),
                "s32": (32, False), "u32": (32, True), "s64": (64, False), "u64": (64, True),
                "s128": (128, False), "u128": (128, True)}
    fs = fields(t)
    assert list(fs) == list(expected)
    for name, (precision, unsigned) in expected.items():
        int_type(fs[name].type, precision, unsigned)
        assert fs[name].type.size == precision and fs[name].size == precision
        assert not fs[name].bitfield


def test_integer_constants_at_type_limits(units):
    u = units["types"]
    expected = {"max_u64": (18446744073709551615, 64, True), "min_s64": (-9223372036854775808, 64, False),
                "max_u8": (255, 8, True), "min_s8": (-128, 8, False),
                "min_s16": (-32768, 16, False), "max_u16": (65535, 16, True)}
    for name, (value, precision, unsigned) in expected.items():
        a = the(assigns(fn(u, name), "integer_cst"))
        cst(a.rhs[0], value, precision, unsigned)


def test_int128_constants(dumps):
    u = read_unit(dumps["int128"])
    big = the(assigns(fn(u, "big128"), "integer_cst", line_of("int128", "big128")))
    cst(big.rhs[0], 2**100, 128, True)
    neg = the(assigns(fn(u, "neg128"), "integer_cst", line_of("int128", "neg128")))
    cst(neg.rhs[0], -(2**100), 128, False)


def test_bitfields_and_bool(units):
    u = units["types"]
    fs = fields(struct_type(u, "bits"))
    for name, width, unsigned in (("a", 3, True), ("b", 13, False), ("c", 1, True), ("d", 7, True)):
        assert fs[name].bitfield and fs[name].size == width
        int_type(fs[name].type, width, unsigned)
    assert not fs["flag"].bitfield and not fs["e"].bitfield
    b = fs["flag"].type.base
    assert (b.code, b.precision, b.unsigned, b.size) == ("boolean_type", 1, True, 8)
    # A bit-field read: the component_ref's field_decl has the narrow type and bit position.
    refs = [t for t in trees(fn(u, "use_types"), "field_decl") if t.name == "b" and t.context.tag == "bits"]
    assert refs and all(r.bitpos == 3 and r.type.base.precision == 13 for r in refs)


def test_enum(units):
    t = the([t for t in units["types"].types if t.code == "enumeral_type"], "enum")
    assert t.tag == "color"
    assert t.values == (("RED", 0), ("GREEN", 5), ("BLUE", 6), ("NEGATIVE", -3))
    assert (t.precision, t.unsigned, t.size) == (32, False, 32)


def test_floating_types(units):
    fs = fields(struct_type(units["types"], "floats"))
    for name, precision, size, cname in (("f", 32, 32, "float"), ("d", 64, 64, "double"),
                                         ("ld", 80, 128, "long double")):
        t = fs[name].type
        assert (t.code, t.precision, t.size, t.name) == ("real_type", precision, size, cname)
    cd = fs["cd"].type
    assert (cd.code, cd.size) == ("complex_type", 128)
    assert (cd.elt.code, cd.elt.precision) == ("real_type", 64)


def test_pointers_arrays_unions(units):
    u = units["types"]
    vec = struct_type(u, "vector")
    fs = fields(vec)
    assert fs["next"].type.code == "pointer_type" and fs["next"].type.to is vec
    small = fs["small"].type
    assert (small.code, small.domain, small.size) == ("array_type", (0, 3), 128)
    int_type(small.elt, 32, False)
    flex = fs["contents"]
    assert flex.type.code == "array_type" and flex.type.domain == (0, None)
    assert flex.type.size is None and flex.size is None
    assert (flex.type.elt.precision, flex.type.elt.name) == (8, "char")
    un = struct_type(u, "number", "union_type")
    assert [(f.name, f.offset, f.size) for f in un.fields] == [("i", 0, 64), ("d", 0, 64), ("bytes", 0, 64)]
    assert fields(un)["bytes"].type.domain == (0, 7)


def test_function_types(units):
    u = units["types"]
    varargs = declaration(u, "sum").type
    assert varargs.code == "function_type" and varargs.varargs and varargs.prototyped
    assert len(varargs.args) == 1
    int_type(varargs.args[0], 32, False)
    old = declaration(u, "oldstyle").type
    assert (old.varargs, old.prototyped, old.args) == (False, False, ())
    binop = named_type(u, "binop")
    assert binop.main is not None and binop.base.code == "pointer_type"
    ft = binop.base.to
    assert (ft.code, ft.varargs, ft.prototyped) == ("function_type", False, True)
    assert [a.base.precision for a in ft.args] == [32, 32]
    int_type(ft.result, 32, False)
    void_fn = fn(u, "max_u64").type
    assert (void_fn.args, void_fn.prototyped, void_fn.varargs) == ((), True, False)
    apply = fn(u, "apply")
    assert apply.type.args[0] is binop and apply.params[0].type is binop


def test_typedefs_and_qualifiers(units):
    u = units["types"]
    obj = named_type(u, "Obj")
    assert obj.main is not None and obj.main.main is None
    assert obj.base.code == "pointer_type" and obj.base.name is None
    target = obj.base.to
    assert (target.code, target.tag, target.incomplete, target.size) == ("record_type", "Lisp_X", True, None)
    ul = named_type(u, "ulong_t")
    assert ul.base.name == "long unsigned int"
    int_type(ul, 64, True)
    const_int = the([t for t in u.types if t.quals == ("const",) and t.base.code == "integer_type"], "const int")
    assert const_int.main.name == "int" and const_int.size == 32
    ci = the([p for p in fn(u, "use_types").params if p.name == "ci"], "param")
    assert ci.type.to is const_int


LAYOUT_PROGRAM = r"""
#include "{fixture}"
#include <stddef.h>
#include <stdio.h>
#include <string.h>

int sum (int n, ...) {{ return n; }}
int oldstyle () {{ return 0; }}

static void
bits_of (const char *s, const char *f, const unsigned char *p, size_t n)
{{
  long first = -1, count = 0;
  for (size_t i = 0; i < 8 * n; i++)
    if (p[i / 8] >> (i % 8) & 1)
      {{
        if (first < 0)
          first = i;
        count++;
      }}
  printf ("%s|%s|%ld|%ld\n", s, f, first, count);
}}

#define BITFIELD(S, F) \
  do {{ S x; memset (&x, 0, sizeof x); x.F = -1; \
       bits_of (#S, #F, (const unsigned char *) &x, sizeof x); }} while (0)
#define FIELD(S, F) \
  printf ("%s|%s|%ld|%ld\n", #S, #F, (long) (8 * offsetof (S, F)), (long) (8 * sizeof (((S *) 0)->F)))
#define FLEX(S, F) printf ("%s|%s|%ld|-\n", #S, #F, (long) (8 * offsetof (S, F)))
#define TYPE(T) printf ("%s||%ld|%ld\n", #T, (long) (8 * sizeof (T)), (long) (8 * _Alignof (T)))

int
main (void)
{{
{body}
  return 0;
}}
"""

# What C says each field is: (struct, field, kind) with kind "field", "bitfield" or "flex".
LAYOUT = [("struct ints", f, "field") for f in ("s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "s128", "u128")] \
    + [("struct bits", f, "bitfield") for f in ("a", "b", "c")] + [("struct bits", "flag", "field")] \
    + [("struct bits", "d", "bitfield"), ("struct bits", "e", "field")] \
    + [("struct floats", f, "field") for f in ("f", "d", "ld", "cd")] \
    + [("struct vector", f, "field") for f in ("size", "next", "small")] + [("struct vector", "contents", "flex")] \
    + [("union number", f, "field") for f in ("i", "d", "bytes")]
LAYOUT_TYPES = ["struct ints", "struct bits", "struct floats", "struct vector", "union number",
                "float", "double", "long double", "_Complex double", "enum color", "bool", "__int128"]


@pytest.fixture(scope="module")
def c_layout(tmp_path_factory) -> dict:
    """Offsets and sizes (in bits) as gcc computes them for a program that includes types.c."""
    body = [f"  {kind.upper()} ({s}, {f});" for s, f, kind in LAYOUT] + [f"  TYPE ({t});" for t in LAYOUT_TYPES]
    d = tmp_path_factory.mktemp("layout")
    src = d / "layout.c"
    src.write_text(LAYOUT_PROGRAM.format(fixture=FIXTURES / "types.c", body="\n".join(body)))
    subprocess.run(["gcc", "-O0", "-w", "-o", str(d / "layout"), str(src)], check=True)
    out = subprocess.run([str(d / "layout")], check=True, stdout=subprocess.PIPE, text=True).stdout
    result = {}
    for line in out.splitlines():
        s, f, a, b = line.split("|")
        result[s, f] = (int(a), None if b == "-" else int(b))
    return result


def test_layout_matches_gcc(units, c_layout):
    u = units["types"]
    for s, f, kind in LAYOUT:
        code, tag = s.split()
        field = fields(struct_type(u, tag, {"struct": "record_type", "union": "union_type"}[code]))[f]
        assert (field.offset, field.size) == c_layout[s, f], (s, f)
        assert field.bitfield == (kind == "bitfield"), (s, f)
    for s in LAYOUT_TYPES[:5]:
        code, tag = s.split()
        t = struct_type(u, tag, {"struct": "record_type", "union": "union_type"}[code])
        assert (t.size, t.align) == c_layout[s, ""], s
    by_name = {"float": "float", "double": "double", "long double": "long double",
               "_Complex double": "complex double", "bool": "_Bool", "__int128": "__int128"}
    for c_name, gcc_name in by_name.items():
        t = the([t for t in u.types if t.name == gcc_name and t.main is None], gcc_name)
        assert (t.size, t.align) == c_layout[c_name, ""], c_name
    enum = the([t for t in u.types if t.code == "enumeral_type"], "enum")
    assert (enum.size, enum.align) == c_layout["enum color", ""]


# ---------------------------------------------------------------------------------------------
# Constants


def test_real_constants(units):
    f = fn(units["floats"], "dconsts")

    def value(marker):
        return the(assigns(f, "real_cst", line_of("floats", marker))).rhs[0]

    assert value("tenth").value == 0.1
    assert value("big").value == 1e300
    assert value("neg").value == -2.75
    assert value("inf").value == math.inf
    nzero = value("nzero")
    assert nzero.value == 0.0 and math.copysign(1.0, nzero.value) == -1.0
    assert all(value(m).type.base.precision == 64 for m in ("tenth", "inf", "nzero"))
    fc = the(assigns(fn(units["floats"], "fconst"), "real_cst", line_of("floats", "float_tenth"))).rhs[0]
    assert fc.type.base.precision == 32
    assert fc.value == struct.unpack("f", struct.pack("f", 0.1))[0] and fc.value != 0.1
    ld = the(assigns(fn(units["floats"], "ldconst"), "real_cst", line_of("floats", "ld_tenth"))).rhs[0]
    assert ld.type.base.precision == 80
    # 0.1 rounded to the 64-bit significand of the x87 format: more digits than a double has.
    assert ld.hex == "0x0.cccccccccccccccdp-3"
    assert ld.value == 0.1                     # as a Python float, rounded to 53 bits


def test_nan_constant(units):
    nan = the(assigns(fn(units["floats"], "dconsts"), "real_cst", line_of("floats", "nan"))).rhs[0]
    assert math.isnan(nan.value)


# ---------------------------------------------------------------------------------------------
# Variables


def test_variables(units):
    u = units["globals"]
    subr = struct_type(u, "subr")
    assert [(f.name, f.offset, f.size) for f in subr.fields] == [
        ("fn", 0, 64), ("min_args", 64, 16), ("max_args", 80, 16), ("symbol_name", 128, 64), ("intspec", 192, 64)]

    scar = variable(u, "Scar")
    assert scar.type is subr and "static" in scar.flags and "public" not in scar.flags
    assert scar.line == next(i for i, t in enumerate(source("globals").splitlines(), 1) if "Scar =" in t)
    assert scar.context is None
    elts = {i.name: v for i, v in scar.init.elts}
    assert list(elts) == ["fn", "min_args", "max_args", "symbol_name", "intspec"]
    assert all(i.context is subr for i, _ in scar.init.elts)
    assert elts["fn"].code == "addr_expr" and isinstance(elts["fn"].ops[0], ir.FunctionDecl)
    assert elts["fn"].ops[0].name == "Fcar"
    cst(elts["min_args"], 1, 16, False)
    cst(elts["max_args"], 1, 16, False)
    assert elts["symbol_name"].ops[0].data == b"car\0"
    cst(elts["intspec"], 0)
    assert elts["intspec"].type.code == "pointer_type"

    subrs = variable(u, "subrs")
    assert subrs.type.code == "array_type" and subrs.type.domain == (0, 1) and subrs.type.elt is subr
    rows = []
    for index, row in subrs.init.elts:
        assert row.type is subr
        rows.append((index.value, {f.name: v for f, v in row.elts}))
    assert [r[0] for r in rows] == [0, 1]
    assert [v["fn"].ops[0].name for _, v in rows] == ["Fcar", "Fcons"]
    assert [(v["min_args"].value, v["max_args"].value) for _, v in rows] == [(1, 1), (2, 2)]
    assert [v["symbol_name"].ops[0].data for _, v in rows] == [b"car\0", b"cons\0"]
    assert "intspec" not in rows[0][1] and rows[1][1]["intspec"].ops[0].data == b"p\0"

    primes = variable(u, "primes")
    assert {"static", "readonly"} <= primes.flags and "public" not in primes.flags
    assert primes.type.base.domain == (0, 5)
    assert [(i.value, v.value) for i, v in primes.init.elts] == [(0, 2), (1, 3), (2, 5), (3, 7), (4, 11), (5, -13)]
    assert all(v.type.base.precision == 32 and not v.type.base.unsigned for _, v in primes.init.elts)

    counter = variable(u, "public_counter")
    assert {"public", "static"} <= counter.flags
    cst(counter.init, 42, 32, False)
    ext = variable(u, "extern_counter")
    assert {"external", "public"} <= ext.flags and ext.init is None
    greeting = variable(u, "greeting")
    assert greeting.init.data == b"hello\0" and greeting.type.base.domain == (0, 5) and "readonly" in greeting.flags
    ratio = variable(u, "ratio")
    assert ratio.init.value == 0.375
    # A char array with fewer initializers than elements: GCC turns the braced list into a
    # string_cst of the bytes given and a NUL (the rest of the array is zero).
    table = variable(u, "small_table")
    assert table.init.code == "string_cst" and table.init.data == b"\x01\xff\x00"
    assert table.type.domain == (0, 3)

    local = variable(u, "counter")
    assert local.context == "next_id" and "public" not in local.flags
    assert local.line == line_of("globals", "fn_static")
    cst(local.init, 100, 32, False)
    # The function reads it through a var_decl with the same uid.
    uses = [t for t in trees(fn(u, "next_id"), "var_decl") if t.name == "counter"]
    assert uses and all(t.uid == local.uid for t in uses)


def test_const_array_element_type(units):
    u = units["globals"]
    for name in ("primes", "greeting"):
        t = variable(u, name).type
        elt = t.elt or t.base.elt
        assert elt.quals == ("const",), name


# ---------------------------------------------------------------------------------------------
# Lines and tree codes


def test_line_numbers(units):
    u = units["arith"]
    checks = [("add_sub_mul", "plus_expr", "plus"), ("bits", "lshift_expr", "lshift"),
              ("memory", "addr_expr", "addr"), ("floats", "rdiv_expr", "rdiv")]
    for name, code, marker in checks:
        assert the(assigns(fn(u, name), code)).line == line_of("arith", marker)
    # A statement from a macro body has the line where the macro is used.
    plus = the(assigns(fn(u, "macro_use"), "plus_expr"))
    assert plus.line == line_of("arith", "macro_use")
    # A switch (its case labels are checked in test_switch).
    f = fn(units["control"], "sw")
    assert the(stmts(f, "switch")).line == line_of("control", "switch")
    # Calls.
    g = fn(units["calls"], "stack")
    assert [c.line for c in stmts(g, "call") if c.callee == "memcpy"] == \
        [line_of("calls", "memcpy"), line_of("calls", "memcpy") + 1]


TREE_CODES = """
ssa_name var_decl integer_cst addr_expr component_ref field_decl function_decl parm_decl mem_ref
label_decl array_ref constructor string_cst bit_field_ref real_cst realpart_expr imagpart_expr
view_convert_expr
""".split()


def test_tree_codes_in_operands(units):
    codes = set()
    for u in units.values():
        for f in u.functions:
            for s in f.statements():
                for op in stmt_operands(s):
                    for t in walk(op):
                        codes.add(t.code)
                        # Every typed tree carries a Type of the unit's table.
                        if t.type is not None:
                            assert t.type is u.types[t.type.id]
    assert set(TREE_CODES) - codes == set()
    assert "unknown" not in codes


def test_ssa_names_defined_once(units):
    """GCC's temporaries are SSA names already at -O0: each is set by one statement, and each
    use names a version the function sets, with the type of its definition."""
    for u in units.values():
        for f in u.functions:
            defs = {}
            for s in f.statements():
                lhs = s.lhs if s.kind in ("assign", "call") else None
                if isinstance(lhs, ir.SsaName):
                    assert lhs.version not in defs, (f.name, lhs.version)
                    defs[lhs.version] = lhs
            for s in f.statements():
                for op in stmt_operands(s):
                    for t in walk(op):
                        if isinstance(t, ir.SsaName):
                            assert t.version in defs, (f.name, t.version)
                            assert (t.type, t.name) == (defs[t.version].type, defs[t.version].name)
    versions = [a.lhs.version for a in stmts(fn(units["arith"], "compares"), "assign") if a.code.endswith("_expr")
                and isinstance(a.lhs, ir.SsaName)]
    assert len(versions) >= 6 and len(set(versions)) == len(versions)


def test_pretty_printer_runs(units):
    """Every function prints; a smoke check that the IR is whole (no None where a tree is due)."""
    for u in units.values():
        for f in u.functions:
            text = function_str(f)
            assert f.name in text


# ---------------------------------------------------------------------------------------------
# The fast S-expression parser against sexpdata


def _symbols_as_str(x):
    if isinstance(x, sexpdata.Symbol):
        return str(x)
    if isinstance(x, list):
        return [_symbols_as_str(y) for y in x]
    return x


def _nil_as_none(x):
    if x == "nil":
        return None
    if isinstance(x, list):
        return [_nil_as_none(y) for y in x]
    return x


def test_sexp_parse_matches_sexpdata(dumps):
    """sexp.parse reads what sexpdata.parse (text, nil=None, true=None) reads, with symbols as
    plain strings and `nil` as None: with nil=None, sexpdata keeps `nil` a Symbol('nil')."""
    text = dumps["calls"].read_text()
    ours = sexp.parse(text)
    theirs = _nil_as_none(_symbols_as_str(sexpdata.parse(text, nil=None, true=None)))
    assert ours == theirs
    assert ours[0][0] == "unit" and ours[-1][0] == "end"
    # The reader builds the same unit from either.
    a, b = read_unit(dumps["calls"]), read_unit(dumps["calls"], forms=theirs)
    assert [f.name for f in a.functions] == [f.name for f in b.functions]
    assert [function_str(f) for f in a.functions] == [function_str(f) for f in b.functions]


def test_unreadable_dump_raises(tmp_path):
    bad = tmp_path / "bad.sx"
    bad.write_text('(unit :version 1 :file "x.c" :gcc "12.2.0")\n(function "f"\n')
    with pytest.raises(Emacs2clError):
        read_unit(bad)
