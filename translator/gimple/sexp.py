"""A fast reader for the S-expressions the plugin writes.

It returns what `sexpdata.parse(text, nil=None, true=None)` returns, except that symbols are
plain interned strings instead of sexpdata.Symbol, and the symbol `nil` is None.
sexpdata's own parser reads about 3 MB/s, which is 13 s for the 40 MB dump of Emacs 28.2;
this one reads about 10 MB/s.  tests/test_sexp.py checks on real dumps that both agree.

The dump uses a subset of the syntax: lists, integers, symbols, `nil`, and strings whose only
escapes are the ones sexpdata undoes (\\", \\\\, \\n, \\t, \\r, \\b, \\f).
"""
import re
import sys

# The last alternative, a lone quote, is a string that never ends.
TOKEN = re.compile(r'[()]|"(?:[^"\\]|\\.)*"|[^\s()"]+|"')
ESCAPE = re.compile(r"\\(.)", re.S)
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(s: str) -> str:
    return ESCAPE.sub(lambda m: _UNESCAPE.get(m.group(1), m.group(1)), s)


def parse(text: str) -> list:
    """The top-level forms of TEXT; raises ValueError on unbalanced parentheses."""
    stack: list = []
    cur: list = []
    atoms: dict = {}
    for tok in TOKEN.findall(text):
        c = tok[0]
        if c == "(":
            stack.append(cur)
            cur = []
        elif c == ")":
            if not stack:
                raise ValueError("unbalanced ')'")
            done = cur
            cur = stack.pop()
            cur.append(done)
        elif c == '"':
            if len(tok) == 1:
                raise ValueError("a string does not end")
            s = tok[1:-1]
            cur.append(_unescape(s) if "\\" in s else s)
        else:
            v = atoms.get(tok)
            if v is None:
                if tok == "nil":
                    cur.append(None)
                    continue
                v = int(tok) if c.isdigit() or (c == "-" and tok[1:2].isdigit()) else sys.intern(tok)
                atoms[tok] = v
            cur.append(v)
    if stack:
        raise ValueError("unbalanced '(': the text ends inside a list")
    return cur
