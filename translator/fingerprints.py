"""Per-function fingerprints of a translation: functions.json, next to report.json.

For every function of a build (those of skipped files too) it records how the function is
identified across releases, where it is, what became of it, and two digests: of its normalized
IR and of its emitted Lisp.  `emacs2cl diff` compares two of these files instead of keeping the
IR of two releases in memory; digests rather than texts keep the file small.

Both digests are taken of texts from which what merely names the release is taken out (see
Normalizer), so that a function the release did not touch keeps its digests.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from .emit import lisp
from .emit.unit import defsym_names
from .gimple import ir
from .gimple.pretty import function_str
from .gimple.program import walk
from .paths import cache_dir

FORMAT = 1
FILE_NAME = "functions.json"


def function_id(f: ir.Function) -> str:
    """What identifies F across releases: its name if it is external (the linker makes that
    unique, and it survives a move to another file), else its file and name (a static function
    belongs to its unit, a header inline to its header)."""
    if f.in_header:
        return f"{f.file}:{f.name}"
    if "public" in f.flags:
        return f.name
    return f"{f.unit}:{f.name}"


def home_file(f: ir.Function) -> str:
    """The file a function is counted under: its header for a header inline (the unit holding
    its first copy changes with unrelated edits), else its unit."""
    return f.file if f.in_header else f.unit


# The runtime's "symbol of DEFSYM index N" (cl-runtime/lisp-objects.lisp): a C function a rule
# replaces by it takes an index into the table of DEFSYM names the rules point at.
SYMBOL_OF_INDEX = "rt-builtin-symbol"
_ANONYMOUS = re.compile(r"<anonymous \d+>")


@dataclass
class Normalizer:
    """Takes out of a function's IR or Lisp text what only names the release:
    - DEFSYM indices, read as the names they stand for: each release numbers its table of DEFSYM
      names anew, and a symbol inserted early would otherwise change every function naming a
      later one;
    - the configured tree's directory (configure writes it into the load path), which is in
      the cache and named after the release;
    - the version as a path component (/usr/local/share/emacs/30.1/etc).
    In Lisp, C strings are octet vectors written in hex: they are read as text first; and line
    breaks are taken out, since a longer or shorter number moves them."""
    version: str = ""
    calls: tuple = ()               # the C functions that take a DEFSYM index
    names: list = field(default_factory=list)    # DEFSYM index -> name

    def __post_init__(self):
        self.ir_call = re.compile(r"\b(" + "|".join(map(re.escape, self.calls)) + r") \((\d+)\)") if self.calls else None
        self.lisp_call = re.compile(r"\(" + SYMBOL_OF_INDEX + r"\s+(\d+)\)")
        self.octets = re.compile(r'rt-octets\s+"([0-9a-f]*)"')
        self.tree = re.compile(re.escape(str(cache_dir() / "src")) + r"/[^/\"\s]+/tree")
        self.version_dir = f"/{self.version}/" if self.version else None

    def name(self, index: str) -> str:
        i = int(index)
        return f"<{self.names[i]}>" if i < len(self.names) else index

    def release_names(self, text: str) -> str:
        text = self.tree.sub("<tree>", text)
        return text.replace(self.version_dir, "/<version>/") if self.version_dir else text

    def ir(self, text: str) -> str:
        if self.ir_call is not None:
            text = self.ir_call.sub(lambda m: f"{m[1]} ({self.name(m[2])})", text)
        return self.release_names(text)

    def lisp(self, text: str) -> str:
        text = self.octets.sub(lambda m: "rt-octets " + repr(bytes.fromhex(m[1])), text)
        if self.names:
            text = self.lisp_call.sub(lambda m: f"({SYMBOL_OF_INDEX} {self.name(m[1])})", text)
        return " ".join(self.release_names(text).split())

    def to_dict(self) -> dict:
        return {"version": self.version, "calls": list(self.calls), "names": self.names}


def normalizer(program, rules, version: str) -> Normalizer:
    """The Normalizer of PROGRAM: its DEFSYM names come from the table a rule names, and the calls
    that index it are those a rule replaces by the runtime's symbol of an index."""
    calls = tuple(sorted(name for name, rule in rules.replacements.items()
                         if isinstance(rule.template, list) and rule.template[:1] == [lisp.rt(SYMBOL_OF_INDEX)]))
    return Normalizer(version, calls, defsym_names(program, rules))


def normalized_ir(f: ir.Function, norm: Normalizer | None = None) -> str:
    """F's IR as text without anything that moves when unrelated code moves: statement lines,
    the definition's file and line, GCC's unit-wide numbering (canonical printing), the ids of
    anonymous types; and with NORM, without what names the release."""
    text = function_str(f, lines=False, canonical=True)
    head, _, body = text.partition("\n")
    head = head.replace(f"  // {f.file}:{f.line} [", "  // [", 1)
    text = _ANONYMOUS.sub("<anonymous>", head + "\n" + body)
    return norm.ir(text) if norm else text


def digest(text: str | None) -> str:
    return hashlib.sha256(text.encode()).hexdigest() if text is not None else ""


class Fingerprints:
    """Collects the fingerprint of each function while a Translation runs."""

    def __init__(self, version: str, norm: Normalizer | None = None):
        self.version = version
        self.norm = norm or Normalizer(version)
        self.translator = ""        # translate.translator_digest(): what made the translation
        self.functions: dict[str, dict] = {}
        self.units: dict[str, str] = {}          # unit file -> the skip rule's reason, or ""

    def unit(self, file: str, skipped: str | None) -> None:
        self.units[file] = skipped or ""

    def function(self, f: ir.Function, status: str, reason: str, lisp_text: str | None) -> None:
        fid = function_id(f)
        if fid in self.functions:
            return      # a second body under one id (never for valid C): the first one counts
        self.functions[fid] = {"name": f.name, "unit": f.unit, "file": home_file(f), "line": f.line,
                               "status": status, "reason": reason, "ir": digest(normalized_ir(f, self.norm)),
                               "lisp": digest(self.norm.lisp(lisp_text) if lisp_text is not None else None)}

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "version": self.version, "translator": self.translator, "units": self.units,
                           "normalizer": self.norm.to_dict(), "functions": self.functions},
                          sort_keys=True, separators=(",", ":"))


def load(text: str) -> dict | None:
    """The fingerprints of a functions.json, or None if it has another format."""
    d = json.loads(text)
    return d if d.get("format") == FORMAT else None


def normalizer_of(fp: dict) -> Normalizer:
    """The Normalizer a functions.json was made with."""
    n = fp["normalizer"]
    return Normalizer(n["version"], tuple(n["calls"]), n["names"])
