"""Functions that call setjmp (docs/data-model.md, "Non-local exits"; translator/emit/setjmp.py):
how their CFG is structured, the shapes that stay untranslated and why, and Emacs 28.2's own
setjmp users (eval.c, keyboard.c, editfns.c) translated -- eval.c's too, which the rules replace
by the glue's for speed -- and compiled by SBCL without warnings, with golden Lisp for
internal_catch (regenerate with `--update-golden`, then review the diff).
tests/exec/nonlocal.c runs setjmp and longjmp natively and translated (test_execution.py)."""
import re
import subprocess
from pathlib import Path

import pytest

from translator.dump import dump_all, dump_source
from translator.emit import cfg
from translator.emit.rulebook import Rules
from translator.emit.setjmp import setjmp_shape
from translator.gimple.program import Program
from translator.gimple.reader import read_unit, read_units
from translator.translate import Translation

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
SETJMP_USERS = ["internal_catch", "internal_catch_all", "internal_lisp_condition_case", "internal_condition_case",
                "internal_condition_case_1", "internal_condition_case_2", "internal_condition_case_3",
                "internal_condition_case_4", "internal_condition_case_5", "internal_condition_case_n",
                "read_char", "command_loop", "Freplace_buffer_contents"]


def translate_c(tmp_path, source: str, rules=None) -> Translation:
    c = tmp_path / "t.c"
    c.write_text(source)
    t = Translation(Program.from_units([read_unit(dump_source(c, tmp_path / "t.sx", ("-O0", "-std=gnu11")))]),
                    rules or Rules(), "test")
    t.run()
    return t


def test_receivers_in_loops_are_reached_through_the_loop_heads(tmp_path):
    """A setjmp in a loop: the dispatcher goes to the receiver through a check at the loop's
    head, so the structured CFG stays reducible (no flat tagbody)."""
    source = (ROOT / "tests" / "exec" / "nonlocal.c").read_text()
    t = translate_c(tmp_path, source)
    assert t.report.counts() == {"translated": len(t.report.functions)}
    fn = next(f for u in t.program.units for f in u.functions if f.name == "loop_setjmp")
    shape = setjmp_shape(fn)
    assert len(shape.receivers) == 1 and len(shape.redirect) == 1
    assert cfg.analyze(shape.graph).reducible
    text = t.files["t.c.lisp"]
    body = text[text.index("(defun |loop_setjmp| "):text.index("\n\n", text.index("(defun |loop_setjmp| "))]
    assert "(rt-setjmp-frame" in body and "(go |L" in body and body.count("(case |$setjmp/receiver|") == 2
    nested = text[text.index("(defun |nested| "):]
    assert "(rt-setjmp (rt-make-ptr |t.c/outer_env| 0) |$setjmp/frame| 1)" in nested
    assert "(rt-setjmp (rt-make-ptr |t.c/inner_env| 0) |$setjmp/frame| 2)" in nested


UNTRANSLATABLE = r"""
#include <unistd.h>
extern void helper (void);
int spawn (void) { pid_t p = vfork (); if (p == 0) { helper (); _exit (0); } helper (); return p > 0; }
int nonlocal (int x)
{
  __label__ out;
  void inner (void) { if (x) goto out; }
  inner ();
  return 0;
 out:
  return 1;
}
int computed (int i)
{
  static void *labels[] = { &&a, &&b };
  goto *labels[i & 1];
 a: return 1;
 b: return 2;
}
"""


def test_other_abnormal_edges_are_reported_untranslated(tmp_path):
    """vfork (also returns twice), a non-local goto from a nested function and a computed goto
    have abnormal edges too: each function is a stub naming the construct."""
    t = translate_c(tmp_path, UNTRANSLATABLE)
    reasons = {e.name: e.reason for e in t.report.functions if e.status == "untranslated"}
    assert reasons == {"spawn": "returns-twice call to vfork",
                       "nonlocal": "non-local goto (to a label from a nested function)",
                       "inner": "address of a label (computed goto)",
                       "computed": "computed goto"}


EVAL_C_HANDLERS = SETJMP_USERS[:10]


@pytest.fixture(scope="module")
def emacs_dumps(build28):
    """eval.c, keyboard.c and editfns.c of 28.2, with callproc.c and sysdep.c (the users of vfork)."""
    files = ("eval.c", "keyboard.c", "editfns.c", "callproc.c", "sysdep.c")
    dumps, failures = dump_all(build28, [build28.file(f) for f in files], quiet=True)
    assert not failures
    return read_units(dumps.values())


@pytest.fixture(scope="module")
def emacs_setjmp_users(emacs_dumps, build28):
    """Those files translated with the rules, less the rules replacing eval.c's catch and
    condition-case by the glue's (docs/data-model.md): every setjmp user is translated."""
    rules = Rules.load()
    for name in EVAL_C_HANDLERS:
        del rules.replacements[name]
    t = Translation(Program.from_units(emacs_dumps), rules, "28.2", build28.docstrings())
    t.run()
    return t


def test_rules_replace_only_eval_c_handlers_and_vfork_users(emacs_dumps):
    """With the rules as they are, eval.c's catch and condition-case are the glue's (faster), and
    vfork's users the runtime's; the other setjmp users (read_char, command_loop,
    Freplace_buffer_contents) are translated."""
    t = Translation(Program.from_units(emacs_dumps), Rules.load(), "28.2")
    t.run()
    status = {e.name: e.status for e in t.report.functions}
    assert [n for n in SETJMP_USERS if status[n] == "replaced"] == EVAL_C_HANDLERS
    assert all(status[n] == "translated" for n in SETJMP_USERS[10:])
    assert status["emacs_spawn"] == status["sys_subshell"] == "replaced"


def defun_text(t, name):
    """The defun of C function NAME (external, or static with its file's prefix) in T's files."""
    pattern = re.compile(r"^\(defun \|(?:[^|/]+/)?%s\|[ \n]" % re.escape(name), re.M)
    for text in t.files.values():
        m = pattern.search(text)
        if m:
            end = text.find("\n\n", m.start())
            return text[m.start():end if end > 0 else None] + "\n"
    raise KeyError(name)


def test_emacs_setjmp_users_are_translated(emacs_setjmp_users):
    status = {e.name: e.status for e in emacs_setjmp_users.report.functions}
    for name in SETJMP_USERS + ["top_level_1", "recursive_edit_1", "command_loop_2"]:
        assert status[name] == "translated", name


def test_emacs_setjmp_users_compile_without_warnings(emacs_setjmp_users, tmp_path):
    """SBCL compiles them (read_char's 716 blocks included) with no error or warning, and each in
    less than 20 s."""
    t = emacs_setjmp_users
    t.write(tmp_path)
    (tmp_path / "setjmp-users.lisp").write_text(
        "(in-package :emacs-c)\n" + "\n".join(defun_text(t, n) for n in SETJMP_USERS))
    result = tmp_path / "result.sexp"
    p = subprocess.run(["sbcl", "--dynamic-space-size", "4096", "--control-stack-size", "64MB", "--script",
                        str(ROOT / "translator" / "lisp" / "compile-files.lisp"), str(ROOT / "cl-runtime"),
                        str(tmp_path), str(tmp_path), str(result), "setjmp-users.lisp"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=900)
    assert p.returncode == 0, p.stderr[-2000:]
    lines = result.read_text().splitlines()
    conditions = [l for l in lines if l.startswith("(:CONDITION")]
    assert conditions == []
    times = {l.split('"')[3]: int(l.rsplit(" ", 1)[1].rstrip(")")) for l in lines if l.startswith("(:FORM")}
    assert {n.split("/")[-1] for n in times} == set(SETJMP_USERS)
    assert max(times.values()) < 20000, times


def test_golden_internal_catch(emacs_setjmp_users, request):
    path = GOLDEN / "internal_catch.lisp"
    text = defun_text(emacs_setjmp_users, "internal_catch")
    if request.config.getoption("--update-golden"):
        path.write_text(text)
    assert text == path.read_text()
