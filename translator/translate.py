"""`emacs2cl translate`: a whole build's C as Common Lisp files, an ASDF system and a report.

The output directory holds, in load order:
  package.lisp        the package of the translation (C names, the runtime's symbols)
  structs.lisp        a structure for every struct and union the code uses
  globals.lisp        every global variable defined and proclaimed, so any file may refer to any
  inline-functions.lisp the small header inlines, declared inline (compiling a file loads it)
  header-inlines.lisp the other header inlines, once
  <file>.c.lisp       one per C file: its functions and its variables' initializers
  start.lisp          runs the initializers of static data
  emacs-c.asd         the ASDF system over them
  report.json, report.txt
  functions.json      per function: its identity across releases, status, IR and Lisp digests
Output is deterministic.  It is cached: the same dumps, rules and translator reuse it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections import Counter
from pathlib import Path

from . import __file__ as _pkg_file
from .dump import Progress, dump_all
from .emit import lisp
from .emit.clsymbols import CL_SYMBOLS
from .emit.ctypes import Untranslatable
from .emit.rulebook import Rules
from .emit.booleans import inline_truth_calls, truth_functions
from .emit.operators import quote
from .emit.unit import (InitEmitter, ProgramContext, ftype, out_ftype, struct_definition, translate_function,
                        variable_forms)
from .fingerprints import FILE_NAME as FINGERPRINTS, Fingerprints, normalizer
from .gimple import ir
from .gimple.program import Program, stmt_operands, walk
from .gimple.reader import read_units
from .paths import RULES_DIR, cache_dir, write_atomically
from .rules import forms_named, plist, rules_text, sym
from .report import Report
from .startup import startup_forms

G, R = lisp.cl, lisp.rt
HEADER = ";;; Translated from GNU Emacs {version} by emacs2cl: do not edit.\n"
PACKAGE = "emacs-c"
INITIALIZER_CHUNK = 200

# A header inline of at most this many atoms is declared inline, so that the units' calls to NILP,
# XCAR, SPECPDL_INDEX ... compile to its body as C's do; larger ones stay calls, since every
# inlined copy adds to SBCL's compile time.  120 takes in the per-character ones of the motion
# and search loops (inc_both, FETCH_CHAR_AS_MULTIBYTE, BYTE_POS_ADDR): forward-sexp -15%,
# regexp-scan -6%, the image +3 MiB.
INLINE_ATOMS = 120
# A larger one (up to INLINE_MAX_ATOMS) is declared inline too when the code its inlined copies add
# is small: its atoms times the calls to it in the program at most INLINE_BUDGET (as GCC inlines a
# function called once whatever its size): string_char_and_length at each character of a
# multibyte search, CHAR_LEADING_CODE at each character a fastmap tests (regexp-scan -7%,
# forward-sexp -10%, forward-word +3%; the translation's compile 91 s -> 112 s on 2 cores, the
# image +2 MiB).
INLINE_MAX_ATOMS = 600
INLINE_BUDGET = 30000
# A static function of a unit of at most this many atoms is declared inline in its unit
# (unit_inlinable): the per-character predicates of syntax.c's scanners.
UNIT_INLINE_ATOMS = 60


def atoms(form) -> int:
    """How many atoms FORM has: its size, as far as inlining it costs."""
    return sum(atoms(x) for x in form) if isinstance(form, (list, tuple)) else 1


def called(form, names: set) -> set:
    """Which of NAMES FORM calls."""
    if not isinstance(form, (list, tuple)) or not form:
        return set()
    found = {form[0]} & names if isinstance(form[0], lisp.Sym) else set()
    return found.union(*(called(x, names) for x in form))


def inlinable(form, *others, calls: int = 0) -> bool:
    """True if the translated header inline FORM (a DEFUN) is small, or small for the CALLS the
    program makes to it (INLINE_BUDGET), and not recursive (OTHERS: the names it is called by
    when FORM is a parts entry, and its out entry's)."""
    n = atoms(form)
    small = n <= INLINE_ATOMS or (n <= INLINE_MAX_ATOMS and n * calls <= INLINE_BUDGET)
    return small and not called(form[3:], {form[1], *others})


def call_counts(program) -> Counter:
    """How many calls to each function name the statements of PROGRAM's functions make."""
    counts = Counter()
    for f in program.functions.values():
        for s in f.statements():
            if isinstance(s, ir.Call) and s.callee is not None:
                counts[s.callee] += 1
    return counts


def unit_inlinable(f, r) -> bool:
    """True if translated function F (result R) of a unit is declared inline in it: a small static
    function (syntax.c's SYNTAX_FLAGS_PREFIX, syntax_multibyte ...), inlined into the unit's
    callers as GCC does, whether or not the C says `inline`.  Not one with a parts entry (its
    callers call the entry by a compiler macro)."""
    return r.status == "translated" and r.form is not None and not f.in_header and "public" not in f.flags \
        and not r.parts and not large_function(r.form) and atoms(r.form) <= UNIT_INLINE_ATOMS \
        and inlinable(r.form, *entry_names(r))


def entry_names(r) -> list:
    """The names of the other entries of the function of result R: its out entry's."""
    return [r.out_form[1]] if r.out_form is not None else []


def callees_first(defuns: dict) -> list:
    """The names of DEFUNS (name -> form) in an order where each comes after those it calls,
    else in their order."""
    out, seen = [], set()

    def visit(name, path):
        if name in seen or name in path:
            return
        for callee in sorted(called(defuns[name][3:], set(defuns) - {name}), key=lambda s: s.name):
            visit(callee, path | {name})
        seen.add(name)
        out.append(name)

    for name in defuns:
        visit(name, frozenset())
    return out


def inlined(form):
    """Header inline DEFUN FORM as it is declared inline: its locals IGNORABLE, since a local the
    C leaves unread (make_fixed_natnum's int0) is otherwise a style warning at every call."""
    body = form[-1]
    if not (isinstance(body, list) and body[:1] == [G("let*")]):
        return form
    names = [b[0] for b in body[1]]
    return [*form[:-1], [body[0], body[1], [G("declare"), [G("ignorable"), *names]], *body[2:]]]


def unquoted(form):
    """The datum FORM, `(quote X)` or a keyword, evaluates to."""
    return form[1] if isinstance(form, list) and form[:1] == [G("quote")] else form


def large_function(form) -> bool:
    """True if DEFUN FORM is a large function (emit/function.py), compiled for compilation speed or,
    by a rule of compile-policy.sexp, for speed: either way it inlines none of the functions it
    calls, since SBCL's compile time is superlinear in a function's size."""
    declare = form[3] if len(form) > 3 else None
    return isinstance(declare, list) and declare[:1] == [G("declare")] \
        and any(isinstance(d, list) and d[:1] == [G("optimize")]
                and ([G("compilation-speed"), 3] in d or [G("compilation-speed"), 2] in d)
                for d in declare[1:])


def declining_inlines(form, inline: set, entries: dict):
    """DEFUN FORM with the inline functions it calls declared NOTINLINE if it is a large function:
    inlining into those would cost compile time.  For a function with a parts entry (ENTRIES: C
    name -> entry), the entry is declared NOTINLINE, not the C name, so that a call still goes to
    the entry with a split pointer passed as its parts (NOTINLINE on the C name would make the
    pointer at each call)."""
    if not large_function(form):
        return form
    declare = form[3]
    names = {entries.get(n, n) for n in called(form[4:], inline)}
    if not names:
        return form
    return [*form[:3], [*declare, [G("notinline"), *sorted(names, key=lambda s: s.name)]], *form[4:]]


def lisp_name(unit_file: str) -> str:
    """data.c -> data.c.lisp: no C file can take the name of a fixed output (package.lisp ...)."""
    return Path(unit_file).name + ".lisp"


def text_of(forms, version: str, comment: str = "") -> str:
    parts = [HEADER.format(version=version)]
    if comment:
        parts.append(f";;; {comment}\n")
    parts.append(f"\n(in-package :{PACKAGE})\n")
    for f in forms:
        parts.append("\n" + (f.text if isinstance(f, lisp.Raw) else lisp.to_text(f)) + "\n")
    return "".join(parts)


# What takes no part in a translation, so that changing it keeps the cached ones: the ERT
# runner (translator/ert/) and the Lisp build of the image (its steps, rules and report).
NOT_TRANSLATING = ("ert", "ert.sexp", "image.py", "lisp_build.py", "elc_report.py", "lisp-build.sexp")


def translator_digest() -> str:
    """A hash of what translates: the rules and the translator's source."""
    h = hashlib.sha256()
    for p in sorted(Path(RULES_DIR).glob("*.sexp")):
        if p.name not in NOT_TRANSLATING:
            h.update(rules_text(p.name).encode())
    src = Path(_pkg_file).parent
    for p in sorted(src.rglob("*.py")):
        if p.relative_to(src).parts[0] not in NOT_TRANSLATING:
            h.update(p.read_bytes())
    return h.hexdigest()


def inputs_digest(dumps: dict, translator: str | None = None) -> str:
    """A hash of everything a translation depends on: dumps, rules, translator source."""
    h = hashlib.sha256()
    for name, path in sorted(dumps.items()):
        h.update(name.encode())
        h.update(Path(path).read_bytes())
    h.update((translator or translator_digest()).encode())
    return h.hexdigest()


class Translation:
    """Translates a Program; the results go to files through write()."""

    def __init__(self, program: Program, rules: Rules, version: str, docstrings: dict | None = None):
        self.program, self.rules, self.version = program, rules, version
        self.docstrings = docstrings or {}
        self.defuns = Defuns()
        self.ctx = ProgramContext(program, rules)
        self.report = Report(version)
        self.fingerprints = Fingerprints(version, normalizer(program, rules, version))
        self.files: dict[str, str] = {}
        self.globals: dict = {}                 # symbol -> its (rt-define-global ...), the first
        self.ftypes: list = []                  # (ftype ...) of each translated function
        self.parts_entries: list = []           # (rt-define-parts-entry ...) of each that has one

    def run(self, progress: Progress | None = None) -> None:
        ctx, rules = self.ctx, self.rules
        package = self.package_text()      # first: it decides which CL names are shadowed
        referenced = self.referenced_variables()
        unit_files = []
        header_forms, inline_forms = [], []
        # The header inlines first: which are declared inline decides how the rest is compiled.
        headers = {f.key: translate_function(f, ctx.units[f.unit], ctx)
                   for f in self.program.functions.values() if f.in_header}
        calls = call_counts(self.program)
        inline = {r.form[1] for r in headers.values() if r.status == "translated"
                  and inlinable(r.form, r.parts and r.parts[0], *entry_names(r), calls=calls[r.name])}
        # An out entry is inline where the function of the C name is.
        inline |= {r.out_form[1] for r in headers.values() if r.out_form is not None and r.form[1] in inline
                   and inlinable(r.out_form, r.form[1], calls=calls[r.name])}
        # A call by the C name of a function with a parts entry goes to the entry (its compiler
        # macro), which is what is declared inline.
        entries = {r.parts[0]: r.form[1] for r in headers.values() if r.parts and r.form[1] in inline}
        inline_called = inline | set(entries)
        truths = truth_functions([r.form for r in headers.values() if r.status == "translated"], inline)
        for u in self.program.units:
            ui = ctx.units[u.file]
            skipped = rules.skip_files.get(Path(u.file).name)
            forms, inits = [], []
            init = InitEmitter(ui, ctx)
            for v in u.variables:
                if "external" in v.flags or (skipped and (u.file, v.name) not in referenced):
                    continue
                try:
                    definition, init_forms = variable_forms(v, ui, ctx, init)
                    self.globals.setdefault(definition[1], definition)
                    inits.extend(init_forms)
                    self.report.variable(u.file, v.name, "translated")
                except Untranslatable as x:
                    self.report.variable(u.file, v.name, "untranslated", x.what)
            if skipped:
                self.report.skipped_file(u.file, skipped, [f.name for f in u.functions if not f.in_header])
            self.fingerprints.unit(u.file, skipped)
            first_function, results = len(forms), []
            for f in u.functions:
                if skipped and not f.in_header:
                    self.fingerprints.function(f, "skipped", f"file {u.file}: {skipped}", None)
                    continue
                if self.program.functions.get(f.key) is not f:
                    continue            # a header inline's copy: translated once, with the first
                results.append((f, headers[f.key] if f.in_header else translate_function(f, ui, ctx)))
            local = {}
            for f, r in results:
                if unit_inlinable(f, r):
                    local[r.form[1]] = r.form
                    if r.out_form is not None and inlinable(r.out_form, r.form[1]):
                        local[r.out_form[1]] = r.out_form
            unit_inline, unit_truths = inline_called | set(local), truths
            if local:
                unit_truths = {**truths, **truth_functions(local.values(), set(local))}
            hoisted = {}

            def finished(form):
                """FORM with the calls it inlines decided: none in a large function, truth
                functions' tests in the others."""
                if form is None:
                    return None
                if large_function(form):
                    return declining_inlines(form, unit_inline, entries)
                return inline_truth_calls(form, unit_truths)

            for f, r in results:
                r.form, r.out_form = finished(r.form), finished(r.out_form)
                self.report.function(r, u.file)
                if r.status == "translated" and r.parts:
                    name, entry = r.parts
                    self.ftypes += [ftype(f, name, ctx.types), ftype(f, r.form[1], ctx.types, entry)]
                    self.parts_entries.append([R("rt-define-parts-entry"), name, r.form[1],
                                               [G(":parts" if x else ":whole") for x in entry.params],
                                               G(":parts" if entry.result else ":whole")])
                elif r.status == "translated":
                    self.ftypes.append(ftype(f, r.form[1], ctx.types))
                if r.status == "translated" and r.out_form is not None:
                    self.ftypes.append(out_ftype(f, r.out_form[1], ctx.types, ctx.out_entry(f), r.out_parts))
                # Printed once here, for the fingerprint and the file alike.
                text = lisp.to_text(r.form) if r.form is not None else None
                self.fingerprints.function(f, r.status, r.reason, text)
                if text is None:
                    continue
                for form in (r.form, r.out_form):
                    if form is None:
                        pass
                    elif f.in_header and form[1] in inline:
                        inline_forms += [[G("declaim"), [G("inline"), form[1]]], inlined(form)]
                    elif form[1] in local:
                        hoisted[form[1]] = inlined(form)
                    else:
                        (header_forms if f.in_header else forms).append(
                            lisp.Raw(text) if form is r.form else form)
            if hoisted:
                # Before every function of the unit, callees first, so that each call is inlined.
                ordered = callees_first(hoisted)
                forms[first_function:first_function] = [[G("declaim"), [G("inline"), *ordered]], *(hoisted[n] for n in ordered)]
            if not skipped:
                forms.extend(self.defuns.definitions(u, ui, ctx, self.docstrings))
            # Initializers in chunks: one lambda of thousands of stores (lread.c's table of DEFSYM
            # names) is slow for SBCL to compile.
            for n in range(0, len(inits), INITIALIZER_CHUNK):
                key = u.file if n == 0 else f"{u.file}#{n // INITIALIZER_CHUNK}"
                forms.append([R("rt-define-initializer"), key, [G("lambda"), [], *inits[n:n + INITIALIZER_CHUNK]]])
            unit_files.append((u.file, forms))
            if progress:
                progress.step(u.file)
        self.files["inline-functions.lisp"] = text_of(
            inline_forms, self.version,
            "The small inline functions of Emacs's headers, declared inline: loaded before any unit is compiled.")
        self.files["header-inlines.lisp"] = text_of(header_forms, self.version, "The inline functions of Emacs's headers, once for all units.")
        for file, forms in unit_files:
            self.files[lisp_name(file)] = text_of(forms, self.version, f"From {file}.")
        self.files["structs.lisp"] = text_of(self.struct_forms(), self.version, "The structs and unions the translated code uses.")
        variables = sorted(self.globals, key=lambda s: s.name)
        definitions = [self.globals[v] for v in variables]
        self.files["globals.lisp"] = text_of(
            [[G("declaim"), [lisp.Sym("sb-ext:global"), *variables]],
             [G("declaim"), *sorted(self.ftypes, key=lambda f: f[2].name)],
             *sorted(self.parts_entries, key=lambda f: f[1].name),
             *definitions,
             # Bound from here on, each to its one object (a box, a struct, an array), which is
             # changed in place and never replaced: a reference is a load, without the checks
             # of boundness and of type.
             [G("eval-when"), [lisp.Sym(":load-toplevel"), lisp.Sym(":execute")],
              [G("proclaim"), quote([lisp.Sym("sb-ext:always-bound"), *variables])]],
             [G("declaim"), *([G("type"), [R("rt-global-type"), unquoted(d[2])], d[1]] for d in definitions)]],
            self.version, "Every global variable, defined, and the type of every translated function, "
                          "proclaimed before any file refers to one; the functions of the C names of "
                          "those with a parts entry.")
        self.files["start.lisp"] = text_of([*self.defsym_forms(), [R("rt-run-initializers")],
                                            *startup_forms(self.program, self.rules)], self.version,
                                           "Static data, once every file is loaded.")
        self.files["package.lisp"] = package
        self.files["emacs-c.asd"] = self.system_text([lisp_name(f) for f, _ in unit_files])
        self.report.stale_rules(self.rules)

    def defsym_forms(self) -> list:
        """Running the initializer of the unit with the table of DEFSYM names (a rule names it)
        and registering the names, before the other units' data, which name builtin symbols."""
        if not self.rules.defsym_table:
            return []
        unit, name = self.rules.defsym_table
        ui = self.ctx.units.get(unit)
        v = next((v for v in ui.unit.variables if v.name == name), None) if ui else None
        if v is None or v.init is None:
            return []
        self.rules.used.add(("defsym-table",))
        return [[R("rt-run-initializers"), unit], [R("rt-register-defsym-names"), ui.global_syms[v.uid]]]

    def referenced_variables(self) -> set:
        """(unit, name) of the variables that functions or initializers of other units use."""
        out = set()
        defined = {}
        for u in self.program.units:
            for v in u.variables:
                if "external" not in v.flags and "public" in v.flags:
                    defined.setdefault(v.name, u.file)
        for u in self.program.units:
            trees = [t for f in u.functions for s in f.statements() for op in stmt_operands(s) for t in walk(op)]
            trees += [t for v in u.variables for t in walk(v.init)]
            for t in trees:
                if t.code == "var_decl" and t.name in defined and defined[t.name] != u.file:
                    out.add((defined[t.name], t.name))
        return out

    def struct_forms(self) -> list:
        """Definitions of every struct used, and of the structs they contain, in dependency order."""
        ctx = self.ctx
        emitter = InitEmitter(next(iter(ctx.units.values())), ctx)
        done, order = set(), []

        def visit(name, t):
            if name in done:
                return
            done.add(name)
            for f in t.base.fields:
                inner = f.type.base
                while inner.code == "array_type":
                    inner = (inner.elt or inner).base
                if inner.code in ("record_type", "union_type") and not self.rules.shared_struct(inner):
                    visit(ctx.types.struct_name(inner), inner)
            order.append((name, t))

        pending = dict(ctx.structs_used)
        for name in sorted(pending):
            visit(name, pending[name])
        forms = []
        for name, t in order:
            try:
                forms.append(struct_definition(name, t, ctx, emitter.desc))
            except Untranslatable as x:
                forms.append(lisp.Raw(f";; struct {name} not defined: {x.what}"))
        return forms + self.pseudovector_forms({name for name, _ in order}) + self.lisp_type_forms()

    def enum_values(self, names) -> dict:
        """The values the IR's enums give to NAMES (enum constants of Emacs's headers)."""
        values = {}
        for u in self.program.units:
            for t in u.types:
                values.update((n, v) for n, v in t.base.values if n in names)
        return values

    def lisp_type_forms(self) -> list:
        """The value of each `enum Lisp_Type` constant, with the objects that have it."""
        values = self.enum_values(self.rules.lisp_types)
        pairs = [[values[n], lisp.Sym(":" + kind)] for n, kind in sorted(self.rules.lisp_types.items()) if n in values]
        for n in values:
            self.rules.used.add(("lisp-type", n))
        return [[R("rt-define-lisp-types"), quote(pairs)]] if pairs else []

    def pseudovector_forms(self, defined: set) -> list:
        """Which structs are pseudovectors of which `enum pvec_type` value (rules name them;
        the values come from the IR)."""
        values = self.enum_values(self.rules.pseudovectors)
        forms = []
        for pvec, tags in sorted(self.rules.pseudovectors.items()):
            if pvec in values:
                self.rules.used.add(("pseudovector", pvec))
                for tag in tags:
                    kind = sym(tag)
                    if kind:        # :integer -- objects of a CL type, not of a struct
                        forms.append([R("rt-define-pseudovector"), quote(lisp.cl(kind[1:])), values[pvec]])
                    elif tag in defined:
                        forms.append([R("rt-define-pseudovector"), quote(lisp.c(f"struct {tag}")), values[pvec]])
        return forms

    def package_text(self) -> str:
        cl_names = CL_SYMBOLS
        c_names = {d.name for u in self.program.units for d in u.functions} | \
                  {v.name for u in self.program.units for v in u.variables if v.name}
        shadow = sorted(n for n in c_names if n.upper() == n and n in cl_names)
        lisp.SHADOWED.clear()
        lisp.SHADOWED.update(shadow)
        form = [G("defpackage"), lisp.Sym(":" + PACKAGE),
                [lisp.Sym(":documentation"), f"GNU Emacs {self.version}'s C functions and variables, translated."],
                [lisp.Sym(":use"), lisp.Sym(":common-lisp"), lisp.Sym(":emacs2cl-runtime")],
                [lisp.Sym(":shadow"), *shadow]]
        return HEADER.format(version=self.version) + "\n" + lisp.to_text(form) + "\n"

    def system_text(self, unit_files: list[str]) -> str:
        components = ["package", "structs", "globals", "inline-functions", "header-inlines", *[f[:-5] for f in unit_files], "start"]
        comps = " ".join(f'(:file "{c}")' for c in components)
        return (HEADER.format(version=self.version) +
                f'\n(asdf:defsystem "emacs-c"\n  :description "GNU Emacs {self.version}\'s C, translated to Common Lisp"\n'
                f'  :depends-on ("emacs2cl-runtime")\n  :serial t\n  :components ({comps}))\n')

    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(self.files.items()):
            write_atomically(out / name, text)
        write_atomically(out / "report.json", self.report.to_json())
        write_atomically(out / "report.txt", self.report.summary())
        write_atomically(out / FINGERPRINTS, self.fingerprints.to_json())


class Defuns:
    """The elisp-visible definition of each DEFUN, read from its static subr struct."""

    def __init__(self):
        self.subr_type = next((t for (t,) in forms_named("defuns.sexp", "subr-type")), None)
        self.paths = {sym(key): fields for key, *fields in forms_named("defuns.sexp", "subr-path")}
        limits = plist(forms_named("defuns.sexp", "max-args")[0])
        self.many, self.unevalled = limits["many"], limits["unevalled"]

    def field(self, init, path):
        for name in path:
            if init is None or init.code != "constructor":
                return None
            init = next((v for i, v in init.elts if i is not None and getattr(i, "name", None) == name), None)
        return init

    def definitions(self, unit, ui, ctx, docs: dict) -> list:
        out = []
        for v in unit.variables:
            if v.init is None or v.type.base.tag != self.subr_type:
                continue
            fn = self.field(v.init, self.paths[":function"])
            if fn is not None and fn.code == "constructor" and fn.elts:
                fn = fn.elts[0][1]
            fdecl = fn.ops[0] if fn is not None and fn.code == "addr_expr" else None
            name = self.field(v.init, self.paths[":name"])
            lo, hi = self.field(v.init, self.paths[":min"]), self.field(v.init, self.paths[":max"])
            if fdecl is None or name is None or name.code != "addr_expr" or lo is None or hi is None:
                continue
            lisp_name = name.ops[0].data.rstrip(b"\0").decode("utf-8", "replace")
            max_args = {self.many: lisp.Sym(":many"), self.unevalled: lisp.Sym(":unevalled")}.get(hi.value, hi.value)
            out.append([R("rt-define-subr"), lisp_name, ctx.function_symbol(fdecl.name, ui), lo.value, max_args,
                        docs.get(("F", lisp_name), "")])
        return out


def translate(build, out: Path | None, jobs: int | None, quiet: bool = False) -> tuple[Path, Report | None, list]:
    """Translate BUILD into OUT (default: the cache); returns (out, report, dump failures)."""
    dumps, failures = dump_all(build, build.files, jobs, quiet=quiet)
    translator = translator_digest()
    digest = inputs_digest({k: str(v) for k, v in dumps.items()}, translator)
    default = cache_dir() / "translations" / build.key
    out = Path(out) if out else default
    stamp = out / ".emacs2cl-inputs"
    if stamp.exists() and stamp.read_text() == digest:
        if not quiet:
            print(f"emacs2cl: translation of {build.key} is up to date in {out}", file=sys.stderr)
        return out, Report.from_json((out / "report.json").read_text()), failures
    progress = Progress(len(dumps), "reading", quiet=quiet)
    units = read_units(list(dumps.values()), jobs, progress, labels=list(dumps))
    progress.finish()
    program = Program.from_units(units)
    t = Translation(program, Rules.load(), build.version, build.docstrings())
    t.fingerprints.translator = translator
    progress = Progress(len(units), "translating", quiet=quiet)
    t.run(progress)
    progress.finish()
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    t.write(tmp)
    write_atomically(tmp / ".emacs2cl-inputs", digest)
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return out, t.report, failures
