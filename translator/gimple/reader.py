"""Reading the plugin's S-expressions (with sexpdata) into the IR of ir.py."""
from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import Emacs2clError
from . import ir, sexp

FORMAT_VERSION = 1

# The decl codes that share one shape: (CODE TYPE NAME UID).
DECL_CODES = frozenset({"var_decl", "parm_decl", "result_decl", "const_decl"})


def _plist(items, start: int) -> dict:
    return {items[i][1:]: items[i + 1] for i in range(start, len(items) - 1, 2)}


def _flags(items) -> frozenset:
    return frozenset(items or ())


class UnitReader:
    """Builds one Unit from the parsed forms of one dump."""

    def __init__(self, path: str):
        self.path = path
        self.types: list[ir.Type] = []

    # -- types ---------------------------------------------------------------------------------

    def read_types(self, forms) -> None:
        raw = [f for f in forms if f[0] == "type"]
        self.types = [ir.Type(f[1], f[2]) for f in raw]
        for index, (f, t) in enumerate(zip(raw, self.types)):
            if t.id != index:
                raise ValueError(f"type {t.id} where type {index} was expected")
            p = _plist(f, 3)
            ty = self.type
            t.name, t.tag = p.get("name"), p.get("tag")
            t.size, t.align = p.get("size"), p.get("align")
            t.quals = tuple(p.get("quals") or ())
            if "main" in p:
                t.main = ty(p["main"])
            t.precision = p.get("precision")
            t.unsigned = bool(p.get("unsigned"))
            t.values = tuple((n, v) for n, v in p.get("values") or ())
            t.elt = ty(p.get("elt"))
            t.to = ty(p.get("to"))
            if "domain" in p:
                lo, hi = p["domain"]
                t.domain = (lo, hi)
            t.fields = tuple(ir.Field(n, ty(tid), off, size, bf is not None) for n, tid, off, size, bf in p.get("fields") or ())
            t.result = ty(p.get("result"))
            t.args = tuple(ty(a) for a in p.get("args") or ())
            t.varargs = bool(p.get("varargs"))
            t.prototyped = bool(p.get("prototyped"))
            t.incomplete = bool(p.get("incomplete"))
            t.unknown = bool(p.get("unknown"))

    def type(self, tid):
        return None if tid is None else self.types[tid]

    # -- trees ---------------------------------------------------------------------------------

    def tree(self, x):
        if x is None:
            return None
        make = self._tree_makers.get(x[0])
        if make is not None:
            return make(self, x)
        tree = self.tree
        return ir.Expr(x[0], self.type(x[1]), tuple([tree(o) for o in x[2:]]))

    _tree_makers = {
        "ssa_name": lambda r, x: ir.SsaName(r.types[x[1]], x[2], x[3]),
        **{code: (lambda r, x: ir.Decl(x[0], r.types[x[1]], x[2], x[3])) for code in DECL_CODES},
        "integer_cst": lambda r, x: ir.IntegerCst(r.types[x[1]], x[2]),
        "function_decl": lambda r, x: ir.FunctionDecl(r.types[x[1]], x[2]),
        "field_decl": lambda r, x: ir.FieldDecl(r.types[x[1]], x[2], r.types[x[3]], x[4]),
        "label_decl": lambda r, x: ir.LabelDecl(x[2], x[3], x[4]),
        "string_cst": lambda r, x: ir.StringCst(r.types[x[1]], bytes.fromhex(x[2])),
        "real_cst": lambda r, x: ir.RealCst(r.types[x[1]], x[2]),
        "constructor": lambda r, x: ir.Constructor(r.types[x[1]], bool(x[2]),
                                                   tuple([(r.tree(i), r.tree(v)) for i, v in x[3]])),
        "complex_cst": lambda r, x: ir.ComplexCst(r.types[x[1]], r.tree(x[2]), r.tree(x[3])),
        "internal_fn": lambda r, x: ir.InternalFn(x[2]),
        "unknown": lambda r, x: ir.Unknown(x[1], r.type(x[2])),
    }

    # -- statements ----------------------------------------------------------------------------

    def stmt(self, s):
        make = self._stmt_makers.get(s[0])
        if make is None:
            raise ValueError(f"unexpected statement ({s[0]} ...)")
        return make(self, s)

    _stmt_makers = {
        "assign": lambda r, s: ir.Assign(s[1], s[2], r.tree(s[3]), tuple([r.tree(o) for o in s[4:]])),
        "call": lambda r, s: ir.Call(s[1], r.tree(s[2]), r.tree(s[3]), r.type(s[4]),
                                     tuple([r.tree(a) for a in s[5]]), _flags(s[6])),
        "cond": lambda r, s: ir.Cond(s[1], s[2], r.tree(s[3]), r.tree(s[4])),
        "label": lambda r, s: ir.Label(s[1], r.tree(s[2])),
        "return": lambda r, s: ir.Return(s[1], r.tree(s[2])),
        "predict": lambda r, s: ir.Predict(s[1], s[2], s[3] == "taken"),
        "switch": lambda r, s: ir.Switch(s[1], r.tree(s[2]), tuple([ir.Case(r.tree(lo), r.tree(hi), r.tree(lab))
                                                                    for lo, hi, lab in s[3]])),
        "goto": lambda r, s: ir.Goto(s[1], r.tree(s[2])),
        "nop": lambda r, s: ir.Nop(s[1]),
        "asm": lambda r, s: ir.Asm(s[1], s[2], bool(s[3]), tuple([(c, r.tree(t)) for c, t in s[4] or ()]),
                                   tuple([(c, r.tree(t)) for c, t in s[5] or ()]), tuple(s[6] or ())),
        "unknown_stmt": lambda r, s: ir.UnknownStmt(s[1], s[2]),
    }

    # -- top level -----------------------------------------------------------------------------

    def function(self, f, unit: str) -> ir.Function:
        p = _plist(f, 2)
        tree, stmt = self.tree, self.stmt
        blocks = {}
        for b in p["blocks"]:
            index = b[1]
            succs = tuple([ir.Edge(index, dest, _flags(flags)) for dest, flags in b[3] or ()])
            blocks[index] = ir.Block(index, succs, tuple([stmt(s) for s in b[5] or ()]))
        return ir.Function(f[1], p["file"], p["line"], _flags(p["flags"]), self.types[p["type"]],
                           tree(p["result"]), tuple(tree(x) for x in p["params"] or ()),
                           tuple(tree(x) for x in p["locals"] or ()), blocks, unit)

    def variable(self, f) -> ir.Variable:
        p = _plist(f, 2)
        return ir.Variable(f[1], p["uid"], p["file"], p["line"], _flags(p["flags"]), self.type(p["type"]),
                           p.get("context"), self.tree(p.get("init")))

    def declaration(self, f) -> ir.Declaration:
        p = _plist(f, 2)
        return ir.Declaration(f[1], self.type(p["type"]), p["file"], p["line"], _flags(p["flags"]), p.get("builtin"))

    def unit(self, forms) -> ir.Unit:
        if not forms or forms[0][0] != "unit":
            raise ValueError("does not start with (unit ...)")
        head = _plist(forms[0], 1)
        if head.get("version") != FORMAT_VERSION:
            raise ValueError(f"dump format {head.get('version')}, this reader reads {FORMAT_VERSION}")
        if forms[-1][0] != "end":
            raise ValueError("truncated: no (end ...) form")
        self.read_types(forms)
        u = ir.Unit(head["file"], head["gcc"], types=self.types)
        for f in forms[1:-1]:
            head = f[0]
            if head == "function":
                u.functions.append(self.function(f, u.file))
            elif head == "variable":
                u.variables.append(self.variable(f))
            elif head == "declaration":
                u.declarations.append(self.declaration(f))
            elif head != "type":
                raise ValueError(f"unexpected top-level form ({head} ...)")
        return u


def parse_dump(text: str) -> list:
    """The top-level forms of a dump (symbols as plain strings: see sexp.py)."""
    return sexp.parse(text)


class _NoGC:
    """The cyclic collector off while millions of acyclic objects are made: it would scan them
    again and again for nothing (reading 28.2 takes twice as long with it on)."""

    def __enter__(self):
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        if self.was_enabled:
            gc.enable()


def _read_forms(path: str) -> list:
    with _NoGC(), open(path, encoding="utf-8", errors="surrogateescape") as f:
        return parse_dump(f.read())


def read_unit(path: str | os.PathLike, forms: list | None = None) -> ir.Unit:
    """The IR of one dump file (from FORMS if already parsed); a malformed or unreadable dump
    raises Emacs2clError naming the file."""
    path = str(path)
    try:
        with _NoGC():
            return UnitReader(path).unit(_read_forms(path) if forms is None else forms)
    except OSError as e:
        raise Emacs2clError(f"cannot read dump {path}: {e.strerror}") from None
    except (ValueError, IndexError, KeyError, TypeError, AttributeError) as e:
        raise Emacs2clError(f"malformed dump {path}: {type(e).__name__}: {e}") from None


def read_units(paths, jobs: int | None = None, progress=None, labels=None) -> list[ir.Unit]:
    """Read many dumps, in the order given.  Worker processes parse the text while this process
    builds the IR from what they return: IR objects are slower to pickle than to build."""
    with _NoGC():
        paths = [str(p) for p in paths]
        units = _read_units(paths, jobs, progress, labels or [Path(p).name for p in paths])
    gc.freeze()  # the IR lives as long as the program: keep the collector from scanning it
    return units


def _read_units(paths: list[str], jobs: int | None, progress, labels: list[str]) -> list[ir.Unit]:
    jobs = min(jobs or os.cpu_count() or 1, len(paths))
    results: list = [None] * len(paths)
    if jobs <= 1:
        for i, p in enumerate(paths):
            results[i] = read_unit(p)
            if progress:
                progress.step(labels[i])
        return results
    # Largest first, so that no worker is left with a big file at the end.
    order = sorted(range(len(paths)), key=lambda i: -os.path.getsize(paths[i]))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {i: pool.submit(_read_forms, paths[i]) for i in order}
        for i in order:
            try:
                forms = futures[i].result()
            except OSError as e:
                raise Emacs2clError(f"cannot read dump {paths[i]}: {e.strerror}") from None
            except ValueError as e:
                raise Emacs2clError(f"malformed dump {paths[i]}: {e}") from None
            results[i] = read_unit(paths[i], forms)
            if progress:
                progress.step(labels[i])
    return results
