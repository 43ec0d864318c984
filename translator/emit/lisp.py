"""Common Lisp forms as Python values, and a deterministic printer for them.

A form is a Sym, an int, a float, a str (a Lisp string), bytes (an octet vector literal),
a Raw (text printed as is), or a list/tuple of forms.  Symbols carry their package so that the
printer can write each one readably and unambiguously:

- `cl`: Common Lisp's own symbols, written in lower case (`defun`, `let`);
- `rt`: the runtime's exported symbols (translator/emit writes them bare: the package of the
  translation uses the runtime's), always containing `-` or `%` so that they never collide
  with a C name;
- `c`: C names and the names derived from them, written with bars (`|Fcar|`, `|buffer.name|`).
"""
from __future__ import annotations

import math


class Sym:
    __slots__ = ("name", "pkg")

    def __init__(self, name: str, pkg: str = "cl"):
        self.name, self.pkg = name, pkg

    def __eq__(self, other):
        return isinstance(other, Sym) and self.name == other.name and self.pkg == other.pkg

    def __hash__(self):
        return hash((self.name, self.pkg))

    def __repr__(self):
        return f"Sym({self.name!r}, {self.pkg!r})"


class Raw:
    """Text written into the output as it is (a reader conditional, a comment)."""
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def cl(name: str) -> Sym:
    return Sym(name, "cl")


def rt(name: str) -> Sym:
    assert "-" in name or "%" in name, name
    return Sym(name, "rt")


def c(name: str) -> Sym:
    return Sym(name, "c")


# Symbols of the `c` package that collide with Common Lisp's: the package definition shadows
# them, and CL's own symbol of that name is then written with its package prefix.
SHADOWED: set[str] = set()


def _bars(name: str) -> str:
    return "|" + name.replace("\\", "\\\\").replace("|", "\\|") + "|"


def _sym(s: Sym) -> str:
    if s.pkg == "c":
        return _bars(s.name)
    if s.pkg == "cl":
        if s.name.startswith(":"):
            return s.name
        return ("cl:" + s.name) if s.name.upper() in SHADOWED else s.name
    return s.name


def _string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _float(x: float, suffix: str = "d0") -> str:
    if math.isnan(x):
        return "(rt-nan)" if suffix == "d0" else "(rt-nan-single)"
    if math.isinf(x):
        return ("sb-ext:double-float-" if suffix == "d0" else "sb-ext:single-float-") + \
               ("positive-infinity" if x > 0 else "negative-infinity")
    text = repr(x)
    mantissa, _, exp = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}{suffix[0]}{exp or '0'}"


class SingleFloat(float):
    """A float to be written as a Lisp single-float."""


# How many arguments stay on the first line when a form is broken over lines.
DISTINGUISHED = {"defun": 2, "lambda": 1, "let": 1, "let*": 1, "if": 1, "block": 1, "return-from": 1,
                 "case": 1, "tagbody": 1, "when": 1, "unless": 1, "setq": 1, "setf": 1, "flet": 1,
                 "rt-define-struct": 2, "rt-define-global": 1, "defparameter": 1, "rt-define-subr": 4}


def write(form, out: list, indent: int = 0, width: int = 100) -> None:
    """Append the printed FORM to OUT (a list of strings), broken over lines within WIDTH."""
    flat = _flat(form)
    if flat is not None and (len(flat) + indent <= width or not isinstance(form, (list, tuple)) or len(form) < 2):
        out.append(flat)
        return
    head, *rest = form
    keep = DISTINGUISHED.get(head.name, 0) if isinstance(head, Sym) else 0
    out.append("(")
    write(head, out, indent + 1, width)
    column = indent + 1 + len(_flat(head) or "")
    for i, x in enumerate(rest):
        fx = _flat(x) if i < keep else None
        if fx is not None and column + 1 + len(fx) <= width:
            out.append(" " + fx)
            column += 1 + len(fx)
            continue
        out.append("\n" + " " * (indent + 2))
        write(x, out, indent + 2, width)
        column = width  # what follows goes on its own line
    out.append(")")


def _flat(form):
    """FORM on one line, or None if it holds a nested list longer than a line anyway."""
    if isinstance(form, Sym):
        return _sym(form)
    if isinstance(form, bool):
        raise TypeError("bool is not a Lisp form")
    if isinstance(form, int):
        return str(form)
    if isinstance(form, SingleFloat):
        return _float(form, "f0")
    if isinstance(form, float):
        return _float(form)
    if isinstance(form, str):
        return _string(form)
    if isinstance(form, (bytes, bytearray)):
        return "#.(rt-octets \"" + bytes(form).hex() + "\")"
    if isinstance(form, Raw):
        return form.text
    if form is None:
        return "nil"
    if isinstance(form, (list, tuple)):
        if len(form) == 2 and form[0] == QUOTE:
            inner = _flat(form[1])
            return None if inner is None else "'" + inner
        parts = []
        total = 0
        for x in form:
            p = _flat(x)
            if p is None:
                return None
            parts.append(p)
            total += len(p) + 1
            if total > 400:
                return None
        return "(" + " ".join(parts) + ")"
    raise TypeError(f"not a Lisp form: {form!r}")


QUOTE = Sym("quote", "cl")


def to_text(form, width: int = 100) -> str:
    out: list = []
    write(form, out, 0, width)
    return "".join(out)
