"""The image's start-up sequence: the initialization steps emacs.c's main runs, in its order,
read from main's IR and classified by emacs-src-rules/startup.sexp."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gimple import ir
from .rules import forms_named


@dataclass(frozen=True)
class Step:
    name: str
    file: str                   # where it is defined (a static one is named after its file)
    flags: frozenset
    build_only: bool            # under `if (!initialized)`: run when the image is built only
    skipped: str | None         # the reason a rule gives for not running it
    arguments: tuple = ()       # what the image passes for main's arguments, by a rule


def steps(program) -> list[Step]:
    """Main's direct calls to start-up functions that the program defines, in source order
    (the first call of each); empty when the program has no main (a partial translation)."""
    (pattern,) = forms_named("startup.sexp", "call-pattern")[0]
    (build_only,) = forms_named("startup.sexp", "build-only-pattern")[0]
    skips = dict(forms_named("startup.sexp", "skip"))
    arguments = {name: tuple(values) for name, values, _reason in forms_named("startup.sexp", "arguments")}
    mains = [f for f in program.find("main") if f.file == "emacs.c"]
    if not mains:
        return []
    defined = {}
    for f in program.functions.values():
        # A static function of emacs.c itself wins over another file's of the same name.
        if not f.in_header and (f.name not in defined or f.file == "emacs.c"):
            defined[f.name] = f
    calls = sorted((s.line, s.callee) for b in mains[0].blocks.values() for s in b.stmts
                   if isinstance(s, ir.Call) and s.callee and re.search(pattern, s.callee))
    out, seen = [], set()
    for _, name in calls:
        if name in seen or name not in defined:
            continue
        seen.add(name)
        f = defined[name]
        out.append(Step(name, f.file, f.flags, bool(re.search(build_only, name)), skips.get(name),
                        arguments.get(name, ())))
    return out


def startup_forms(program, rules=None) -> list:
    """start.lisp's record of the sequence for the image: (rt-define-startup '((FN :build ARG...)
    ...)) with the steps the rules do not skip, and the arguments a rule gives -- a step a rule
    replaces (syms_of_alloc) runs its replacement; nothing for a program without main."""
    from .emit import lisp
    from .emit.names import function_sym

    def function(s):
        rule = rules.replacement(s.name) if rules else None
        if rule is not None and isinstance(rule.template, lisp.Sym):
            return rule.template
        return function_sym(s.name, s.file, s.flags)
    run = [[function(s), lisp.cl(":build" if s.build_only else ":each-start"), *s.arguments]
           for s in steps(program) if not s.skipped]
    return [[lisp.rt("rt-define-startup"), [lisp.cl("quote"), run]]] if run else []
