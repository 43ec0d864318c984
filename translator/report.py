"""The translation report: for every file and function, what became of it and why."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field


@dataclass
class Entry:
    name: str
    file: str                   # the unit whose translation holds it
    line: int
    status: str                 # translated, replaced, skipped, untranslated
    reason: str = ""            # the rule (replaced, skipped) or the construct (untranslated)
    where: str = ""             # file:line of the construct that stopped it


@dataclass
class Report:
    version: str
    functions: list = field(default_factory=list)
    variables: list = field(default_factory=list)
    skipped_files: dict = field(default_factory=dict)   # file -> reason
    stale: list = field(default_factory=list)           # rules that matched nothing
    compile: dict = field(default_factory=dict)         # filled by `emacs2cl compile`

    def function(self, r, unit_file: str) -> None:
        where = f"{r.file}:{r.reason_line}" if r.status == "untranslated" else ""
        self.functions.append(Entry(r.name, unit_file, r.line, r.status, r.reason, where))

    def variable(self, unit_file: str, name, status: str, reason: str = "") -> None:
        self.variables.append(Entry(name or "", unit_file, 0, status, reason))

    def skipped_file(self, file: str, reason: str, functions: list) -> None:
        self.skipped_files[file] = reason
        for name in functions:
            self.functions.append(Entry(name, file, 0, "skipped", f"file {file}: {reason}"))

    def stale_rules(self, rules) -> None:
        used = rules.used
        for name in rules.replacements:
            if ("replace", name) not in used:
                self.stale.append(f"replace {name}")
        for (tag, path) in rules.fields:
            if ("field", tag, path) not in used:
                self.stale.append(f"field {tag} {path}")
        for (tag, path) in rules.addresses:
            if ("field-address", tag, path) not in used:
                self.stale.append(f"field-address {tag} {path}")
        for (tag, path) in rules.stores:
            if ("field-store", tag, path) not in used:
                self.stale.append(f"field-store {tag} {path}")
        for tag in rules.shared:
            if ("shared-struct", tag) not in used:
                self.stale.append(f"shared-struct {tag}")
        for name in rules.lisp_types:
            if ("lisp-type", name) not in used:
                self.stale.append(f"lisp-type {name}")
        for pvec in rules.pseudovectors:
            if ("pseudovector", pvec) not in used:
                self.stale.append(f"pseudovector {pvec}")
        for name in rules.for_speed:
            if ("for-speed", name) not in used:
                self.stale.append(f"for-speed {name}")
        for file in rules.skip_files:
            if file not in self.skipped_files:
                self.stale.append(f"skip-file {file}")

    # -- summaries -------------------------------------------------------------------------------

    def counts(self) -> dict:
        return dict(Counter(e.status for e in self.functions))

    def untranslated(self) -> list:
        return [e for e in self.functions if e.status == "untranslated"]

    def summary(self) -> str:
        c = self.counts()
        total = sum(c.values())
        considered = total - c.get("skipped", 0)
        bad = c.get("untranslated", 0)
        out = [f"Translation of GNU Emacs {self.version}",
               f"  functions: {total}",
               f"    translated    {c.get('translated', 0)}",
               f"    replaced      {c.get('replaced', 0)}  (by a rule)",
               f"    skipped       {c.get('skipped', 0)}  (in {len(self.skipped_files)} files a rule skips)",
               f"    untranslated  {bad}  ({100.0 * bad / max(considered, 1):.2f}% of the functions not skipped)",
               f"  variables: {len(self.variables)} ({sum(1 for v in self.variables if v.status != 'translated')} untranslated)"]
        reasons = Counter(e.reason for e in self.untranslated())
        if reasons:
            out.append("untranslated, by construct:")
            out.extend(f"  {n:5d}  {r}" for r, n in reasons.most_common())
            out.append("untranslated functions:")
            out.extend(f"  {e.name} ({e.where}): {e.reason}" for e in sorted(self.untranslated(), key=lambda e: (e.file, e.name)))
        bad_vars = [v for v in self.variables if v.status != "translated"]
        if bad_vars:
            out.append("untranslated variables:")
            out.extend(f"  {v.name} ({v.file}): {v.reason}" for v in bad_vars)
        for file, reason in sorted(self.skipped_files.items()):
            out.append(f"skipped file {file}: {reason}")
        if self.stale:
            out.append(f"stale rules (match nothing in {self.version}): {len(self.stale)}")
            out.extend(f"  {s}" for s in self.stale)
        if self.compile:
            out.append(f"compiled with SBCL: {self.compile.get('summary', '')}")
        return "\n".join(out) + "\n"

    def by_file(self) -> dict:
        files = defaultdict(Counter)
        for e in self.functions:
            files[e.file][e.status] += 1
        return {f: dict(c) for f, c in sorted(files.items())}

    def to_json(self) -> str:
        d = asdict(self)
        d["counts"] = self.counts()
        d["by_file"] = self.by_file()
        return json.dumps(d, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Report":
        d = json.loads(text)
        r = cls(d["version"], [Entry(**e) for e in d["functions"]], [Entry(**e) for e in d["variables"]],
                d["skipped_files"], d["stale"], d.get("compile", {}))
        return r
