"""Reading the data files of emacs-src-rules/: S-expression forms, read with sexpdata."""
from functools import cache
from pathlib import Path

import sexpdata

from .errors import Emacs2clError
from .paths import RULES_DIR


def sym(x) -> str | None:
    """The name of symbol X, or None when X is not a symbol."""
    return x.value() if isinstance(x, sexpdata.Symbol) else None


def plist(items) -> dict:
    """A dict from a list of alternating :keyword value items."""
    out = {}
    for key, value in zip(items[0::2], items[1::2]):
        name = sym(key)
        if not name or not name.startswith(":"):
            raise ValueError(f"expected a :keyword, got {key!r}")
        out[name[1:]] = value
    return out


@cache
def rules_text(name: str) -> str:
    """The text of emacs-src-rules/NAME, read once per process: what the rules are read from and
    what a translation's digest hashes (translate.translator_digest), so that a process that read
    the rules before a file changed (a test session) does not stamp its translation with the
    new file's digest."""
    path = Path(RULES_DIR) / name
    try:
        return path.read_text()
    except OSError as e:
        raise Emacs2clError(f"cannot read rules file {path}: {e.strerror}") from None


@cache
def read_forms(name: str) -> tuple:
    """The top-level forms of emacs-src-rules/NAME, each a list whose head is a symbol."""
    path = Path(RULES_DIR) / name
    text = rules_text(name)
    try:
        forms = sexpdata.parse(text, nil=None, true=None)
    except Exception as e:  # sexpdata raises several unrelated types
        raise Emacs2clError(f"{path}: not valid S-expressions: {e}") from None
    return tuple(forms)


def forms_named(name: str, head: str) -> list[list]:
    """The forms of rules file NAME whose head is HEAD, without the head."""
    return [list(f[1:]) for f in read_forms(name) if f and sym(f[0]) == head]
