"""The front end on real Emacs 28.2 sources: cmds.c and data.c through the real GCC and plugin."""
import re
from pathlib import Path

import sexpdata

from translator.gimple import ir, pretty, sexp
from translator.gimple.program import walk


def source_line(build, name: str, pattern: str) -> int:
    """The 1-based line of the first match of PATTERN in build file NAME."""
    text = (Path(build.root) / name).read_text(errors="replace")
    m = re.search(pattern, text, re.M)
    assert m, pattern
    return text.count("\n", 0, m.start()) + 1


def unit(program, name):
    (u,) = [u for u in program.units if u.file == name]
    return u


def fn(program, name):
    (f,) = program.find(name)
    return f


def test_build_records_compile_commands(build28):
    assert build28.version == "28.2"
    names = [f.name for f in build28.files]
    assert len(names) == 71 and "src/data.c" in names and "src/eval.c" in names
    data = build28.file("data.c")
    assert data.command[0] == "gcc" and "-Demacs" in data.command and data.command[-1] == "data.c"
    assert (Path(data.directory) / "globals.h").exists()  # the generated headers are there


def test_defun_body_and_line(build28, emacs28):
    _, program = emacs28
    car = fn(program, "Fcar")
    assert car.file == "data.c" and "public" in car.flags
    assert car.line == source_line(build28, "src/data.c", r"^DEFUN \(\"car\"")  # where the DEFUN macro expands
    (param,) = car.params
    assert (param.code, param.name, param.type.name) == ("parm_decl", "list", "Lisp_Object")
    assert param.type.base.code == "pointer_type"
    calls = [s for s in car.statements() if s.kind == "call"]
    # lisp.h's CAR stays a call by name (-DDEFINE_KEY_OPS_AS_MACROS=0).
    assert [c.callee for c in calls] == ["CAR"] and calls[0].args[0].name == "list"
    assert calls[0].line == source_line(build28, "src/data.c", r"^  return CAR \(list\);")
    assert [e.dest for e in car.blocks[ir.ENTRY_BLOCK].succs] == [2]
    assert set(car.cfg.predecessors(ir.EXIT_BLOCK)) == {3}


def test_header_inline_is_one_function(emacs28):
    _, program = emacs28
    xcar = fn(program, "XCAR")
    assert xcar.file == "lisp.h" and xcar.in_header and "inline" in xcar.flags
    assert program.copies[xcar.key] == ["cmds.c", "data.c", "lread.c"]
    bodies = [f for u in program.units for f in u.functions if f.name == "XCAR"]
    assert len(bodies) == 3 and bodies[0].unit != bodies[1].unit
    assert pretty.function_str(bodies[0], canonical=True) == pretty.function_str(bodies[1], canonical=True)
    assert program.differing_copies() == []
    (load,) = [s for s in xcar.statements() if s.kind == "assign" and s.code == "component_ref"]
    car_field = load.rhs[0].ops[1]
    assert (car_field.code, car_field.name, car_field.bitpos) == ("field_decl", "car", 0)


def test_struct_layout(emacs28):
    _, program = emacs28
    data = unit(program, "data.c")
    (cons,) = [t for t in data.types if t.tag == "Lisp_Cons" and t.main is None]
    (u,) = cons.fields
    assert (u.name, u.offset, u.size, cons.size) == ("u", 0, 128, 128)
    s = {f.name: f for f in u.type.base.fields}["s"].type.base
    assert [(f.name, f.offset, f.size) for f in s.fields] == [("car", 0, 64), ("u", 64, 64)]
    (sym,) = [t for t in data.types if t.tag == "Lisp_Symbol" and t.main is None]
    flags = {f.name: f for f in sym.fields[0].type.base.fields}["s"].type.base.fields
    bitfields = [(f.name, f.size) for f in flags if f.bitfield]
    assert bitfields == [("gcmarkbit", 1), ("redirect", 3), ("trapped_write", 2), ("interned", 2),
                         ("declared_special", 1), ("pinned", 1)]
    assert [f.offset for f in flags[:3]] == [0, 1, 4]


def test_subr_initializer(emacs28):
    """The DEFUN's static subr: function pointer, arity and name."""
    _, program = emacs28
    (scar,) = [v for v in unit(program, "data.c").variables if v.name == "Scar"]
    trees = list(walk(scar.init))
    assert any(t.code == "function_decl" and t.name == "Fcar" for t in trees)
    assert any(t.code == "string_cst" and t.data == b"car\0" for t in trees)
    ints = [t.value for t in trees if t.code == "integer_cst"]
    assert ints.count(1) >= 2  # min_args and max_args of `car`


def test_no_unknown_codes(emacs28):
    _, program = emacs28
    for u in program.units:
        for f in u.functions:
            for s in f.statements():
                assert s.kind != "unknown_stmt", (f.name, s)
        for v in u.variables:
            assert not any(t.code == "unknown" for t in walk(v.init)), v.name
        assert not any(t.unknown for t in u.types)


def strip_symbols(x):
    """sexpdata's data as the reader's: symbols as plain strings, the symbol nil as None."""
    if isinstance(x, list):
        return [strip_symbols(y) for y in x]
    if isinstance(x, sexpdata.Symbol):
        return None if x == sexpdata.Symbol("nil") else str(x)
    return x


def test_sexpdata_reads_the_dump_as_the_reader_does(emacs28):
    dumps, _ = emacs28
    text = Path(dumps["src/cmds.c"]).read_text()
    assert strip_symbols(sexpdata.parse(text, nil=None, true=None)) == sexp.parse(text)


def test_dump_is_deterministic(build28, emacs28, tmp_path):
    """GCC and the plugin run again on data.c write the same bytes."""
    from translator.dump import GCC_ENV, dump_command, plugin_path
    import subprocess
    dumps, _ = emacs28
    f = build28.file("data.c")
    out = tmp_path / "again.sx"
    subprocess.run(dump_command(f, plugin_path(), out), cwd=f.directory, check=True, env=GCC_ENV)
    assert out.read_bytes() == Path(dumps["src/data.c"]).read_bytes()


def test_defsym_name_table(build28, emacs28):
    """lread.c's table of DEFSYM names: entry N is the symbol whose index globals.h defines as N."""
    _, program = emacs28
    (table,) = [v for v in unit(program, "lread.c").variables if v.name == "defsym_name"]
    assert {"static", "readonly"} <= table.flags and table.type.base.code == "array_type"
    names = [next(t.data for t in walk(v) if t.code == "string_cst") for _, v in table.init.elts]
    assert [i.value for i, _ in table.init.elts] == list(range(len(names)))
    globals_h = (Path(build28.root) / "src" / "globals.h").read_text()
    index = {m[1]: int(m[2]) for m in re.finditer(r"^#define iQ(\w+) (\d+)$", globals_h, re.M)}
    assert len(names) == len(index) > 1000 and table.type.base.domain == (0, len(names) - 1)
    for sym, lisp_name in (("nil", b"nil"), ("t", b"t"), ("error", b"error"), ("car", b"car"),
                           ("wrong_type_argument", b"wrong-type-argument")):
        assert names[index[sym]] == lisp_name + b"\0"
