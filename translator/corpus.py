"""The differential corpus: elisp forms run in an Emacs (Debian's, the oracle) and in the image,
compared on what they print (`prin1`) or the error they signal.

The corpus is tests/corpus/*.el, one file per area; each top-level form is one test, with the id
"<file stem>:<n>" (n counts the file's top-level forms from 1).  A form meant to signal an error
carries the comment "; error" after it, on the line where it ends (tests/corpus/README.md).

`run` evaluates forms through a generated elisp driver, `COMMAND -Q --batch -l driver.el`, that
reads each form with `read-from-string`, evaluates it with `(eval FORM t)` inside
`condition-case` in a fresh scratch buffer, and reports one line per form on stderr (see DRIVER
below).  A form that kills the process or runs past the timeout is recorded as such, and the run
goes on from the next form in a new process.

A result is {"id", "form", "value"}; value is a string:
  - the prin1 text of the form's value, or
  - "!error " followed by the prin1 text of the condition, (ERROR-SYMBOL . DATA), or
  - "!crashed (...)" / "!timeout (...)" when the process died or hung in that form.
prin1 never prints a "!" word followed by a space, so the three kinds cannot be confused.

    python -m translator.corpus --emacs CMD [--out results.json] [--against oracle.json]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import selectors
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "corpus"
KNOWN_DIFFERENCES = CORPUS_DIR / "known-differences.sexp"
MARK = "@@CORPUS@@"


@dataclass(frozen=True)
class Form:
    id: str
    text: str
    file: str
    start: int  # offset of the form's first character in the file's text
    end: int    # offset just past its last character
    expects_error: bool = False  # annotated "; error" on the line where the form ends


# ---------------------------------------------------------------------------------------------
# Splitting a file into its top-level forms.

class SplitError(ValueError):
    pass


_WS = " \t\n\r\f"
# Characters that end a symbol or number (lread.c's read1: "\"';()[]#`," and those <= SPC).
_TERM = set("\"';()[]#`,") | {"\u00a0"}


def _is_term(c: str) -> bool:
    return c <= " " or c in _TERM


def _skip_blank(text: str, i: int) -> int:
    n = len(text)
    while i < n:
        c = text[i]
        if c in _WS:
            i += 1
        elif c == ";":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        else:
            break
    return i


def _token_end(text: str, i: int) -> int:
    """End of the symbol or number starting at I; a backslash quotes the next character."""
    n = len(text)
    while i < n and not _is_term(text[i]):
        i += 2 if text[i] == "\\" else 1
    return min(i, n)


def _string_end(text: str, i: int) -> int:
    """TEXT[I] is the opening quote; the offset just past the closing one."""
    n = len(text)
    i += 1
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i + 1
        else:
            i += 1
    raise SplitError(f"unterminated string at offset {i}")


def _char_end(text: str, i: int) -> int:
    """TEXT[I] is `?`: the end of the character literal (?a, ?\\(, ?\\C-\\M-x, ?\\^?, ?\\N{...})."""
    n = len(text)
    i += 1
    if i >= n:
        raise SplitError("end of text after ?")
    if text[i] != "\\":
        return i + 1
    # An escape: consume it, then whatever continues it up to a terminator.
    while i < n:
        if text[i] == "\\":
            if text.startswith("\\N{", i):
                j = text.find("}", i)
                if j < 0:
                    raise SplitError("unterminated \\N{")
                i = j + 1
            else:
                i += 2
        elif text[i] <= " " or text[i] in "\"';()[]#`,":
            break
        else:
            i += 1
    return min(i, n)


def _datum_end(text: str, i: int) -> int:
    """The end of the datum starting at I (I at its first character, after blanks)."""
    n = len(text)
    if i >= n:
        raise SplitError("end of text where a datum was expected")
    c = text[i]
    if c in "([":
        close = ")" if c == "(" else "]"
        i += 1
        while True:
            i = _skip_blank(text, i)
            if i >= n:
                raise SplitError(f"missing {close!r}")
            if text[i] == close:
                return i + 1
            if text[i] in ")]":
                raise SplitError(f"{text[i]!r} where {close!r} was expected at offset {i}")
            i = _datum_end(text, i)
    if c in ")]":
        raise SplitError(f"unexpected {c!r} at offset {i}")
    if c == '"':
        return _string_end(text, i)
    if c == "?":
        return _char_end(text, i)
    if c in "'`":
        return _datum_end(text, _skip_blank(text, i + 1))
    if c == ",":
        j = i + 2 if text.startswith(",@", i) else i + 1
        return _datum_end(text, _skip_blank(text, j))
    if c == "#":
        nxt = text[i + 1:i + 2]
        if nxt == "'":
            return _datum_end(text, _skip_blank(text, i + 2))
        if nxt in ("(", "["):
            return _datum_end(text, i + 1)
        if text.startswith("#s(", i):
            return _datum_end(text, i + 2)
        if nxt == "&":
            j = i + 2
            while j < n and text[j].isdigit():
                j += 1
            if j < n and text[j] == '"':
                return _string_end(text, j)
            raise SplitError(f"bad bool-vector syntax at offset {i}")
        if nxt == "@":
            raise SplitError("#@ is not supported in the corpus")
        m = re.compile(r"#(\d+)([=#])").match(text, i)
        if m:
            if m.group(2) == "=":
                return _datum_end(text, _skip_blank(text, m.end()))
            return m.end()
        return _token_end(text, i + 2)  # #x1F, #b101, #:sym, ##, #_sym ...
    return _token_end(text, i)


def split_forms(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the top-level forms of TEXT, comments and blanks skipped."""
    spans = []
    i = _skip_blank(text, 0)
    while i < len(text):
        j = _datum_end(text, i)
        spans.append((i, j))
        i = _skip_blank(text, j)
    return spans


_ERROR_NOTE = re.compile(r"[ \t]*;+[ \t]*error\b")


def corpus_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    return sorted(corpus_dir.glob("*.el"))


def load_file(path: Path) -> list[Form]:
    text = path.read_text(encoding="utf-8")
    try:
        spans = split_forms(text)
    except SplitError as e:
        raise SplitError(f"{path}: {e}") from None
    forms = []
    for k, (s, e) in enumerate(spans, 1):
        nl = text.find("\n", e)
        rest = text[e:nl if nl >= 0 else len(text)]
        forms.append(Form(f"{path.stem}:{k}", text[s:e], path.name, s, e,
                          bool(_ERROR_NOTE.match(rest))))
    return forms


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> list[Form]:
    forms = []
    for path in corpus_files(corpus_dir):
        forms.extend(load_file(path))
    return forms


# ---------------------------------------------------------------------------------------------
# The driver.

def elisp_string(s: str) -> str:
    """S as an ASCII elisp string literal that reads back as S (non-ASCII as \\u escapes)."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif o < 0x80:
            out.append(ch)
        elif o <= 0xFFFF:
            out.append(f"\\u{o:04x}")
        else:
            out.append(f"\\U{o:08x}")
    out.append('"')
    return "".join(out)


# The driver uses only C primitives and what byte-run.el, backquote.el and subr.el define (the
# image loads nothing else).  Per form: a fresh buffer "*corpus*" is current, the match data is
# cleared, then (eval FORM t) runs inside condition-case; one line goes to stderr through
# `message` (unbuffered, so nothing is lost when the process dies):
#   @@CORPUS@@ ID v ESCAPED-PRIN1-OF-VALUE
#   @@CORPUS@@ ID e ESCAPED-PRIN1-OF-(ERROR-SYMBOL . DATA)
# ESCAPED: printable ASCII as itself, backslash as \\, any other character C as \xHEX; (so the
# record is one ASCII line, whatever the locale).  Before the first form: @@CORPUS@@-VERSION V;
# after the last: @@CORPUS@@-END.  `text-quoting-style' is fixed (curve) so that messages with
# quotes do not depend on the terminal; `load-file-name' and `load-true-file-name' are nil while a
# form runs (the reader puts the latter in end-of-file errors: it would name the driver).
DRIVER = r""";;; corpus driver generated by translator/corpus.py  -*- lexical-binding: t -*-
(let ((corpus--forms '(
FORMS))
      (corpus--esc
       (lambda (s)
         (mapconcat (lambda (c)
                      (cond ((eq c ?\\) "\\\\")
                            ((and (>= c 32) (< c 127)) (char-to-string c))
                            (t (format "\\x%x;" c))))
                    s "")))
      (corpus--say nil)
      ;; Built, so that the driver's text (which a backtrace may print) does not hold it.
      (corpus--mark (concat "@@COR" "PUS@@")))
  (setq corpus--say
        (lambda (s)
          (let ((message-log-max nil) (inhibit-message nil))
            (message "%s" s))))
  (setq text-quoting-style 'curve)
  (funcall corpus--say
           (concat corpus--mark "-VERSION "
                   (funcall corpus--esc (if (and (boundp 'emacs-version)
                                                 (stringp (symbol-value 'emacs-version)))
                                            (symbol-value 'emacs-version)
                                          "unknown"))))
  (while corpus--forms
    (let ((corpus--id (car (car corpus--forms)))
          (corpus--text (cdr (car corpus--forms)))
          (corpus--result nil))
      (setq corpus--forms (cdr corpus--forms))
      (condition-case nil
          (let ((b (get-buffer "*corpus*")))
            (if b (kill-buffer b)))
        (t nil))
      (set-buffer (get-buffer-create "*corpus*"))
      (set-match-data nil)
      (setq corpus--result
            (condition-case corpus--err
                (cons "v" (prin1-to-string
                           (let ((load-file-name nil) (load-true-file-name nil))
                             (eval (car (read-from-string corpus--text)) t))))
              (t (condition-case nil
                     (cons "e" (prin1-to-string corpus--err))
                   (t (cons "e" "(corpus-unprintable-error)"))))))
      (funcall corpus--say
               (concat corpus--mark " " corpus--id " " (car corpus--result) " "
                       (funcall corpus--esc (cdr corpus--result))))))
  (funcall corpus--say (concat corpus--mark "-END")))
"""


def driver_text(forms: list[Form]) -> str:
    entries = "\n".join(f"({elisp_string(f.id)} . {elisp_string(f.text)})" for f in forms)
    return DRIVER.replace("FORMS", entries)


def unescape(s: str) -> str:
    """Undo the driver's escaping.  A character Python cannot hold (a raw byte, #x3FFF80 and up,
    or a surrogate code) stays as its escape."""
    def sub(m):
        if m.group(0) == "\\\\":
            return "\\"
        code = int(m.group(1), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return m.group(0)
        return chr(code)
    return re.sub(r"\\\\|\\x([0-9a-f]+);", sub, s)


# ---------------------------------------------------------------------------------------------
# Running.

def _env(env: dict | None) -> dict:
    e = dict(os.environ)
    e.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    e.pop("EMACSLOADPATH", None)
    if env:
        e.update(env)
    return e


def _run_one(command: list[str], forms: list[Form], tmp: Path, form_timeout: float,
             startup_timeout: float, env: dict) -> tuple[dict, str | None, list[str]]:
    """Run FORMS in one process.  Returns ({id: value} for the forms that reported, the version
    or None when the driver never started, [the failure's value] or []).  The process is killed
    when the driver has not started after STARTUP_TIMEOUT seconds, or a form runs FORM_TIMEOUT
    seconds."""
    driver = tmp / "driver.el"
    driver.write_text(driver_text(forms), encoding="ascii")
    proc = subprocess.Popen(command + ["-Q", "--batch", "-l", str(driver)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    values: dict[str, str] = {}
    expected = {f.id for f in forms}
    version = None
    junk: list[str] = []
    ended = timed_out = False
    buf = b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    last = time.monotonic()
    try:
        while True:
            allowed = startup_timeout if version is None else form_timeout
            limit = allowed - (time.monotonic() - last)
            if limit <= 0:
                timed_out = True
                break
            if not sel.select(timeout=limit):
                continue
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for raw in lines:
                line = raw.decode("utf-8", errors="replace")
                k = line.find(MARK)
                if k < 0:
                    junk.append(line)
                    continue
                if k > 0:
                    junk.append(line[:k])
                rec = line[k + len(MARK):]
                if rec.startswith("-VERSION ") and version is None:
                    version = unescape(rec[len("-VERSION "):])
                    last = time.monotonic()
                elif rec.startswith("-END"):
                    ended = True
                elif rec.startswith(" "):
                    parts = rec[1:].split(" ", 2)
                    if (len(parts) == 3 and parts[1] in ("v", "e") and parts[0] in expected
                            and parts[0] not in values):
                        fid, kind, payload = parts
                        text = unescape(payload)
                        values[fid] = text if kind == "v" else "!error " + text
                        last = time.monotonic()
                    else:
                        junk.append(line)
                else:
                    junk.append(line)
    finally:
        sel.close()
        if not timed_out:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stderr.close()
    if buf:
        junk.append(buf.decode("utf-8", errors="replace"))
    status = proc.returncode
    if not ended:
        tail = " ".join(j.strip() for j in junk if j.strip())[-300:]
        why = (f"no result in {form_timeout:g} s" if timed_out
               else f"exit status {status}" + (f"; {tail}" if tail else ""))
        return values, version, [("!timeout" if timed_out else "!crashed") + f" ({why})"]
    return values, version, []


def run(command: list[str], forms: list[Form], *, form_timeout: float = 20.0,
        startup_timeout: float = 120.0, chunk_size: int | None = None,
        env: dict | None = None, progress=None) -> list[dict]:
    """Evaluate FORMS with COMMAND (e.g. ["emacs"]; run as COMMAND -Q --batch -l driver.el).
    Returns [{"id", "form", "value"}] in the order of FORMS (see the module's docstring)."""
    return run_with_version(command, forms, form_timeout=form_timeout,
                            startup_timeout=startup_timeout, chunk_size=chunk_size, env=env,
                            progress=progress)[1]


def run_with_version(command: list[str], forms: list[Form], *, form_timeout: float = 20.0,
                     startup_timeout: float = 120.0, chunk_size: int | None = None,
                     env: dict | None = None, progress=None) -> tuple[str | None, list[dict]]:
    """`run`, and the version the driver reported (the variable emacs-version), or None."""
    env = _env(env)
    values: dict[str, str] = {}
    version = None
    i = 0
    with tempfile.TemporaryDirectory(prefix="emacs2cl-corpus-") as tmp:
        while i < len(forms):
            batch = forms[i:i + chunk_size] if chunk_size else forms[i:]
            got, v, failure = _run_one(command, batch, Path(tmp), form_timeout,
                                       startup_timeout, env)
            version = version or v
            values.update(got)
            done = 0
            while done < len(batch) and batch[done].id in got:
                done += 1
            if failure:
                if v is None and not got:
                    # The driver never started: no form can run; say so for all of them.
                    for f in forms[i:]:
                        values[f.id] = f"!crashed (the driver did not start: {failure[0]})"
                    break
                if done < len(batch):
                    values[batch[done].id] = failure[0]
                    done += 1
            elif done < len(batch):
                # The driver ended without reporting a form: should not happen.
                values[batch[done].id] = "!crashed (no result reported)"
                done += 1
            i += done
            if progress:
                progress(i, len(forms))
    return version, [{"id": f.id, "form": f.text, "value": values[f.id]} for f in forms]


# ---------------------------------------------------------------------------------------------
# Known differences and comparison.

_ENTRY = re.compile(r'\(\s*"((?:[^"\\]|\\.)*)"\s+"((?:[^"\\]|\\.)*)"\s*\)\Z', re.DOTALL)


def _unquote(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s, flags=re.DOTALL)


def load_known(path: Path = KNOWN_DIFFERENCES) -> dict[str, str]:
    """tests/corpus/known-differences.sexp: a sequence of ("ID" "REASON") forms, `;` comments."""
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    known = {}
    for s, e in split_forms(text):
        m = _ENTRY.match(text[s:e])
        if not m:
            raise ValueError(f"{path}: not an (\"ID\" \"REASON\") entry: {text[s:e][:80]}")
        fid = _unquote(m.group(1))
        if fid in known:
            raise ValueError(f"{path}: {fid} listed twice")
        known[fid] = _unquote(m.group(2))
    return known


def _results(x) -> list[dict]:
    return x["results"] if isinstance(x, dict) else x


def compare(oracle, image, known: dict[str, str] | None = None) -> dict:
    """Compare two runs (lists of results, or the JSON documents holding them) on the ids they
    share.  Every disagreement is reported: under "known" when KNOWN (id -> reason) lists it,
    under "unknown" otherwise; "stale" lists the known ids that agree now, "missing" the ids of
    one run only."""
    known = load_known() if known is None else known
    a = {r["id"]: r for r in _results(oracle)}
    b = {r["id"]: r for r in _results(image)}
    ids = [i for i in a if i in b]
    agree = 0
    known_diffs, unknown_diffs, stale = [], [], []
    for fid in ids:
        if a[fid]["value"] == b[fid]["value"]:
            agree += 1
            if fid in known:
                stale.append(fid)
            continue
        d = {"id": fid, "form": a[fid]["form"], "oracle": a[fid]["value"],
             "image": b[fid]["value"]}
        if fid in known:
            d["reason"] = known[fid]
            known_diffs.append(d)
        else:
            unknown_diffs.append(d)
    total = len(ids)
    return {"total": total, "agree": agree,
            "percent": 100.0 * agree / total if total else 100.0,
            "known": known_diffs, "unknown": unknown_diffs, "stale": stale,
            "missing": sorted(set(a) ^ set(b))}


def summary(stats: dict, limit: int = 50) -> str:
    lines = [(f"agreement: {stats['percent']:.2f}% ({stats['agree']}/{stats['total']} forms); "
              f"known differences: {len(stats['known'])}; "
              f"unknown differences: {len(stats['unknown'])}")]
    for d in stats["unknown"][:limit]:
        lines.append(f"  {d['id']}: {d['form'][:100]!r}\n"
                     f"      expected {d['oracle'][:200]}\n      got      {d['image'][:200]}")
    if len(stats["unknown"]) > limit:
        lines.append(f"  ... and {len(stats['unknown']) - limit} more")
    if stats["stale"]:
        lines.append("known differences that agree now: " + " ".join(stats["stale"]))
    if stats["missing"]:
        lines.append(f"ids in one run only: {len(stats['missing'])}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m translator.corpus",
                                 description="Run the differential corpus in an Emacs or image.")
    ap.add_argument("--emacs", required=True,
                    help="the command, e.g. emacs or /path/to/image (run with -Q --batch -l)")
    ap.add_argument("--out", help="write the results as JSON here")
    ap.add_argument("--against", help="compare with these results (the oracle's JSON)")
    ap.add_argument("--corpus", default=str(CORPUS_DIR), help="the corpus directory")
    ap.add_argument("--only", help="a regexp: run only the ids it matches (e.g. '^(data|eval):')")
    ap.add_argument("--known", default=str(KNOWN_DIFFERENCES), help="the known differences")
    ap.add_argument("--form-timeout", type=float, default=20.0)
    ap.add_argument("--chunk-size", type=int, default=None,
                    help="at most this many forms per process (default: all)")
    args = ap.parse_args(argv)

    forms = load_corpus(Path(args.corpus))
    if args.only:
        forms = [f for f in forms if re.search(args.only, f.id)]
    command = shlex.split(args.emacs)
    t0 = time.monotonic()
    version, results = run_with_version(command, forms, form_timeout=args.form_timeout,
                                        chunk_size=args.chunk_size)
    elapsed = time.monotonic() - t0
    doc = {"emacs": f"{args.emacs} ({version or 'unknown version'})", "results": results}
    if args.out:
        Path(args.out).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
    errors = sum(r["value"].startswith("!error ") for r in results)
    failed = sum(r["value"].startswith(("!crashed ", "!timeout ")) for r in results)
    print(f"{len(results)} forms in {elapsed:.1f} s with {doc['emacs']}: "
          f"{errors} signaled errors, {failed} crashed or timed out")
    if args.against:
        oracle = json.loads(Path(args.against).read_text(encoding="utf-8"))
        stats = compare(oracle, doc, load_known(Path(args.known)))
        print(summary(stats))
        return 1 if stats["unknown"] else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
