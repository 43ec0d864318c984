"""The command line of `emacs --batch`: invocations and what Debian's Emacs 28.2 does with them.

INVOCATIONS lists (name, arguments); OBSERVED holds, for each name, the standard output, the
standard error and the exit status that Debian's `emacs` produced, recorded by running

    python tests/batch_cases.py --record      # runs /usr/bin/emacs (or $EMACS), rewrites OBSERVED

and never written by hand.  Every case runs in tests/corpus/batch/ (the files it loads are
there), with stdin from /dev/null and LC_ALL=C.UTF-8; the directory's absolute path is recorded
as "{batch}".

`run_batch_case(executable, case)` runs a case with another executable (the image takes the same
arguments) and `compare_batch_case` checks it against the record.  By default the frames of a
backtrace (the indented lines after "Debugger entered--Lisp error: ...", which name functions of
startup.el such as `command-line-1`) are not compared, only the error line itself, the other
output and the status; `strict=True` compares stderr byte for byte; `kinds=` compares it byte for
byte but for what Debian's native compilation leaves out of its backtraces
(`without_unrecorded_frames`).
"""
from __future__ import annotations

import os
import pprint
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BATCH_DIR = Path(__file__).resolve().parent / "corpus" / "batch"

INVOCATIONS: list[tuple[str, list[str]]] = [
    ("no-arguments", ["-Q", "--batch"]),
    ("eval-princ-message-kill-emacs",
     ["-Q", "--batch", "--eval", '(progn (princ "a") (message "b") (kill-emacs 3))']),
    ("eval-reader-error", ["-Q", "--batch", "--eval", "(car"]),
    ("eval-void-function", ["-Q", "--batch", "--eval", "(corpus-batch-no-such-function)"]),
    ("eval-signal-foo", ["-Q", "--batch", "--eval", "(signal 'foo nil)"]),
    ("eval-runaway-recursion",
     ["-Q", "--batch", "--eval",
      "(progn (defun corpus-batch-f (n) (1+ (corpus-batch-f n))) (corpus-batch-f 1))"]),
    ("eval-wrong-type", ["-Q", "--batch", "--eval", '(+ 1 "a")']),
    ("eval-error-function", ["-Q", "--batch", "--eval", '(error "Custom %s" "message")']),
    ("eval-user-error", ["-Q", "--batch", "--eval", '(user-error "Oops")']),
    ("eval-throw", ["-Q", "--batch", "--eval", "(throw 'corpus-tag 1)"]),
    ("eval-signal-quit", ["-Q", "--batch", "--eval", "(signal 'quit nil)"]),
    ("eval-value-not-printed", ["-Q", "--batch", "--eval", "(+ 1 2)"]),
    ("eval-sequence",
     ["-Q", "--batch", "--eval", '(princ "one\\n")', "--eval", '(princ "two\\n")']),
    ("eval-error-stops-the-rest",
     ["-Q", "--batch", "--eval", '(princ "one\\n")', "--eval", "(car 1)",
      "--eval", '(princ "never\\n")']),
    ("print-and-message-streams",
     ["-Q", "--batch", "--eval",
      ('(progn (print (quote (a "b"))) (message "to %s" "stderr") (princ "princ") (terpri)'
       ' (prin1 "prin1") (message "second"))')]),
    ("message-after-partial-line",
     ["-Q", "--batch", "--eval", '(progn (princ "partial") (message "msg") (princ "rest\\n"))']),
    ("error-after-partial-line",
     ["-Q", "--batch", "--eval", '(progn (princ "partial") (car 1))']),
    ("eval-multibyte",
     ["-Q", "--batch", "--eval", '(progn (princ "héllo\\n") (message "wörld %c" ?é))']),
    ("kill-emacs-no-argument", ["-Q", "--batch", "--eval", '(progn (princ "x") (kill-emacs))']),
    ("kill-emacs-255", ["-Q", "--batch", "--eval", "(kill-emacs 255)"]),
    ("kill-emacs-256", ["-Q", "--batch", "--eval", "(kill-emacs 256)"]),
    ("load-file", ["-Q", "--batch", "-l", "hello.el"]),
    ("load-file-then-funcall", ["-Q", "--batch", "-l", "hello.el", "-f", "corpus-batch-greet"]),
    ("load-file-then-eval",
     ["-Q", "--batch", "-l", "hello.el", "--eval", "(corpus-batch-greet)"]),
    ("funcall-error", ["-Q", "--batch", "-l", "hello.el", "-f", "corpus-batch-fail"]),
    ("funcall-undefined", ["-Q", "--batch", "-f", "corpus-batch-undefined"]),
    ("load-missing-file", ["-Q", "--batch", "-l", "corpus-batch-missing.el"]),
    ("load-missing-absolute-file", ["-Q", "--batch", "-l", "/nonexistent-corpus-dir/missing.el"]),
    ("load-error", ["-Q", "--batch", "-l", "error.el"]),
    ("load-kill-emacs", ["-Q", "--batch", "-l", "exit.el"]),
    ("load-lexical-binding", ["-Q", "--batch", "-l", "lexical.el"]),
    ("load-reader-error", ["-Q", "--batch", "-l", "unterminated.el"]),
]

# BEGIN OBSERVED (written by `python tests/batch_cases.py --record`; do not edit)
OBSERVED: dict[str, dict] = {'no-arguments': {'stdout': '', 'stderr': '', 'status': 0},
 'eval-princ-message-kill-emacs': {'stdout': 'a', 'stderr': '\nb\n', 'status': 3},
 'eval-reader-error': {'stdout': '',
                       'stderr': 'Debugger entered--Lisp error: (end-of-file)\n'
                                 '  command-line-1(("--eval" "(car"))\n'
                                 '  command-line()\n'
                                 '  normal-top-level()\n'
                                 '\n',
                       'status': 255},
 'eval-void-function': {'stdout': '',
                        'stderr': 'Debugger entered--Lisp error: (void-function '
                                  'corpus-batch-no-such-function)\n'
                                  '  (corpus-batch-no-such-function)\n'
                                  '  command-line-1(("--eval" "(corpus-batch-no-such-function)"))\n'
                                  '  command-line()\n'
                                  '  normal-top-level()\n'
                                  '\n',
                        'status': 255},
 'eval-signal-foo': {'stdout': '',
                     'stderr': 'Debugger entered--Lisp error: (foo)\n'
                               '  signal(foo nil)\n'
                               '  command-line-1(("--eval" "(signal \'foo nil)"))\n'
                               '  command-line()\n'
                               '  normal-top-level()\n'
                               '\n',
                     'status': 255},
 'eval-runaway-recursion': {'stdout': '',
                            'stderr': 'Debugger entered--Lisp error: (error "Lisp nesting exceeds '
                                      '‘max-lisp-eval-depth’")\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '...\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (1+ (corpus-batch-f n))\n'
                                      '  corpus-batch-f(1)\n'
                                      '  (progn (defun corpus-batch-f (n) (1+ (corpus-batch-f n))) '
                                      '(corpus-batch-f 1))\n'
                                      '  command-line-1(("--eval" "(progn (defun corpus-batch-f '
                                      '(n) (1+ (corpus-batch..."))\n'
                                      '  command-line()\n'
                                      '  normal-top-level()\n'
                                      '\n',
                            'status': 255},
 'eval-wrong-type': {'stdout': '',
                     'stderr': 'Debugger entered--Lisp error: (wrong-type-argument '
                               'number-or-marker-p "a")\n'
                               '  +(1 "a")\n'
                               '  command-line-1(("--eval" "(+ 1 \\"a\\")"))\n'
                               '  command-line()\n'
                               '  normal-top-level()\n'
                               '\n',
                     'status': 255},
 'eval-error-function': {'stdout': '',
                         'stderr': 'Debugger entered--Lisp error: (error "Custom message")\n'
                                   '  error("Custom %s" "message")\n'
                                   '  command-line-1(("--eval" "(error \\"Custom %s\\" '
                                   '\\"message\\")"))\n'
                                   '  command-line()\n'
                                   '  normal-top-level()\n'
                                   '\n',
                         'status': 255},
 'eval-user-error': {'stdout': '',
                     'stderr': 'Debugger entered--Lisp error: (user-error "Oops")\n'
                               '  user-error("Oops")\n'
                               '  command-line-1(("--eval" "(user-error \\"Oops\\")"))\n'
                               '  command-line()\n'
                               '  normal-top-level()\n'
                               '\n',
                     'status': 255},
 'eval-throw': {'stdout': '',
                'stderr': 'Debugger entered--Lisp error: (no-catch corpus-tag 1)\n'
                          '  throw(corpus-tag 1)\n'
                          '  command-line-1(("--eval" "(throw \'corpus-tag 1)"))\n'
                          '  command-line()\n'
                          '  normal-top-level()\n'
                          '\n',
                'status': 255},
 'eval-signal-quit': {'stdout': '',
                      'stderr': 'Debugger entered--Lisp error: (quit)\n'
                                '  signal(quit nil)\n'
                                '  command-line-1(("--eval" "(signal \'quit nil)"))\n'
                                '  command-line()\n'
                                '  normal-top-level()\n'
                                '\n',
                      'status': 255},
 'eval-value-not-printed': {'stdout': '', 'stderr': '', 'status': 0},
 'eval-sequence': {'stdout': 'one\ntwo\n', 'stderr': '', 'status': 0},
 'eval-error-stops-the-rest': {'stdout': 'one\n',
                               'stderr': '\n'
                                         'Debugger entered--Lisp error: (wrong-type-argument listp '
                                         '1)\n'
                                         '  car(1)\n'
                                         '  command-line-1(("--eval" "(princ \\"one\\\\n\\")" '
                                         '"--eval" "(car 1)" "--eval" "(princ '
                                         '\\"never\\\\n\\")"))\n'
                                         '  command-line()\n'
                                         '  normal-top-level()\n'
                                         '\n',
                               'status': 255},
 'print-and-message-streams': {'stdout': '\n(a "b")\nprinc\n"prin1"',
                               'stderr': '\nto stderr\n\nsecond\n',
                               'status': 0},
 'message-after-partial-line': {'stdout': 'partialrest\n', 'stderr': '\nmsg\n', 'status': 0},
 'error-after-partial-line': {'stdout': 'partial',
                              'stderr': '\n'
                                        'Debugger entered--Lisp error: (wrong-type-argument listp '
                                        '1)\n'
                                        '  car(1)\n'
                                        '  (progn (princ "partial") (car 1))\n'
                                        '  command-line-1(("--eval" "(progn (princ \\"partial\\") '
                                        '(car 1))"))\n'
                                        '  command-line()\n'
                                        '  normal-top-level()\n'
                                        '\n',
                              'status': 255},
 'eval-multibyte': {'stdout': 'héllo\n', 'stderr': '\nwörld é\n', 'status': 0},
 'kill-emacs-no-argument': {'stdout': 'x', 'stderr': '', 'status': 0},
 'kill-emacs-255': {'stdout': '', 'stderr': '', 'status': 255},
 'kill-emacs-256': {'stdout': '', 'stderr': '', 'status': 0},
 'load-file': {'stdout': 'hello from hello.el\n\n(printed "list" 1.5)\n"prin1 without newline"\n',
               'stderr': '\nmessage from hello.el\n',
               'status': 0},
 'load-file-then-funcall': {'stdout': 'hello from hello.el\n'
                                      '\n'
                                      '(printed "list" 1.5)\n'
                                      '"prin1 without newline"\n'
                                      'greetings from -f\n',
                            'stderr': '\nmessage from hello.el\n\ngreet: 42\n',
                            'status': 0},
 'load-file-then-eval': {'stdout': 'hello from hello.el\n'
                                   '\n'
                                   '(printed "list" 1.5)\n'
                                   '"prin1 without newline"\n'
                                   'greetings from -f\n',
                         'stderr': '\nmessage from hello.el\n\ngreet: 42\n',
                         'status': 0},
 'funcall-error': {'stdout': 'hello from hello.el\n'
                             '\n'
                             '(printed "list" 1.5)\n'
                             '"prin1 without newline"\n',
                   'stderr': '\n'
                             'message from hello.el\n'
                             '\n'
                             'Debugger entered--Lisp error: (error "Failing on purpose: corpus")\n'
                             '  error("Failing on purpose: %s" corpus)\n'
                             '  corpus-batch-fail()\n'
                             '  command-line-1(("-l" "hello.el" "-f" "corpus-batch-fail"))\n'
                             '  command-line()\n'
                             '  normal-top-level()\n'
                             '\n',
                   'status': 255},
 'funcall-undefined': {'stdout': '',
                       'stderr': 'Debugger entered--Lisp error: (void-function '
                                 'corpus-batch-undefined)\n'
                                 '  corpus-batch-undefined()\n'
                                 '  command-line-1(("-f" "corpus-batch-undefined"))\n'
                                 '  command-line()\n'
                                 '  normal-top-level()\n'
                                 '\n',
                       'status': 255},
 'load-missing-file': {'stdout': '',
                       'stderr': 'Debugger entered--Lisp error: (file-missing "Cannot open load '
                                 'file" "No such file or directory" "corpus-batch-missing.el")\n'
                                 '  command-line-1(("-l" "corpus-batch-missing.el"))\n'
                                 '  command-line()\n'
                                 '  normal-top-level()\n'
                                 '\n',
                       'status': 255},
 'load-missing-absolute-file': {'stdout': '',
                                'stderr': 'Debugger entered--Lisp error: (file-missing "Cannot '
                                          'open load file" "No such file or directory" '
                                          '"/nonexistent-corpus-dir/missing.el")\n'
                                          '  command-line-1(("-l" '
                                          '"/nonexistent-corpus-dir/missing.el"))\n'
                                          '  command-line()\n'
                                          '  normal-top-level()\n'
                                          '\n',
                                'status': 255},
 'load-error': {'stdout': 'before the error\n',
                'stderr': '\n'
                          'Debugger entered--Lisp error: (wrong-type-argument listp not-a-list)\n'
                          '  car(not-a-list)\n'
                          '  load-with-code-conversion("{batch}/error.el" "{batch}/error.el" nil '
                          't)\n'
                          '  command-line-1(("-l" "error.el"))\n'
                          '  command-line()\n'
                          '  normal-top-level()\n'
                          '\n',
                'status': 255},
 'load-kill-emacs': {'stdout': 'exiting with 7\n', 'stderr': '', 'status': 7},
 'load-lexical-binding': {'stdout': 'let-bound 2\n', 'stderr': '', 'status': 0},
 'load-reader-error': {'stdout': 'first form read\n',
                       'stderr': '\n'
                                 'Debugger entered--Lisp error: (end-of-file '
                                 '"{batch}/unterminated.el")\n'
                                 '  read(#<buffer  *load*>)\n'
                                 '  load-with-code-conversion("{batch}/unterminated.el" '
                                 '"{batch}/unterminated.el" nil t)\n'
                                 '  command-line-1(("-l" "unterminated.el"))\n'
                                 '  command-line()\n'
                                 '  normal-top-level()\n'
                                 '\n',
                       'status': 255}}
# END OBSERVED


def cases() -> list[dict]:
    """The recorded cases: {"name", "args", "stdout", "stderr", "status"}."""
    return [{"name": name, "args": args, **OBSERVED[name]}
            for name, args in INVOCATIONS if name in OBSERVED]


def batch_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMACS")}
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    return env


def run_batch_case(executable: str | list[str], case: dict, timeout: float = 120) -> dict:
    """Run CASE's arguments with EXECUTABLE (a path or a command list) in a copy of
    tests/corpus/batch.  Returns {"stdout", "stderr", "status"}, the batch directory written as
    {batch}.  The copy's path has the same short length wherever the checkout is: Emacs's
    backtraces cut strings at 50 characters, file names included."""
    command = [executable] if isinstance(executable, str) else list(executable)
    with tempfile.TemporaryDirectory(prefix="e2c-", dir="/tmp") as tmp:
        batch_dir = Path(tmp) / "batch"
        shutil.copytree(BATCH_DIR, batch_dir)
        p = subprocess.run(command + case["args"], cwd=batch_dir, env=batch_env(),
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                           check=False)

    def text(b: bytes) -> str:
        return b.decode("utf-8", errors="backslashreplace").replace(str(batch_dir), "{batch}")
    return {"stdout": text(p.stdout), "stderr": text(p.stderr), "status": p.returncode}


_FRAMES = re.compile(r"^(Debugger entered--Lisp error: .*\n)(?:  .*\n|\.\.\.\n)*", re.MULTILINE)
# A backtrace's line for a call of a function: "  NAME(ARGS...)" (a form being evaluated is
# "  (FORM)" instead).
_CALL_FRAME = re.compile(r"^  ([^\s(]+)\(")

# Cases whose backtrace's frames depend on max-lisp-eval-depth, 800 in Emacs built without native
# compilation (the image's configuration) and 1600 in Debian's (eval.c, init_eval_once): their
# frames are not compared, only the error line.
DEPTH_DEPENDENT = {"eval-runaway-recursion"}


def normalize_stderr(text: str) -> str:
    """STDERR without the frames of backtraces (kept: the "Debugger entered--Lisp error: ..."
    line)."""
    return _FRAMES.sub(r"\1", text)


def oracle_function_kinds(executable: str, names) -> dict[str, str]:
    """What each function of NAMES is in EXECUTABLE (Debian's Emacs) started with -Q: "primitive"
    (a subr of C), "native" (native-compiled Lisp) or "lisp" (anything else, or undefined)."""
    names = sorted(set(names))
    if not names:
        return {}
    form = ("(dolist (n command-line-args-left) (let ((f (indirect-function (intern n))))"
            " (princ (format \"%s %s\\n\" n (cond ((subr-native-elisp-p f) \"native\")"
            " ((subrp f) \"primitive\") (t \"lisp\")))))) (setq command-line-args-left nil)")
    p = subprocess.run([executable, "-Q", "--batch", "--eval", form, *names], env=batch_env(),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, check=True)
    return dict(line.split(" ", 1) for line in p.stdout.splitlines())


def called_functions(stderr: str) -> set[str]:
    """The names of the functions whose calls a backtrace in STDERR shows."""
    return {m.group(1) for m in map(_CALL_FRAME.match, stderr.splitlines()) if m}


def without_unrecorded_frames(stderr: str, kinds: dict[str, str]) -> str:
    """STDERR without the backtrace frames Debian's Emacs does not show: a primitive's call from
    a function it has native-compiled (its preloaded Lisp is; native code calls a primitive
    directly, not through funcall, so no frame records the call).  KINDS: oracle_function_kinds."""
    lines = stderr.split("\n")
    kept = []
    for i, line in enumerate(lines):
        m, caller = _CALL_FRAME.match(line), _CALL_FRAME.match(lines[i + 1]) if i + 1 < len(lines) else None
        if m and caller and kinds.get(m.group(1)) == "primitive" and kinds.get(caller.group(1)) == "native":
            continue
        kept.append(line)
    return "\n".join(kept)


def compare_batch_case(got: dict, case: dict, strict: bool = False,
                       kinds: dict[str, str] | None = None) -> list[str]:
    """What differs between GOT (from `run_batch_case`) and the recorded CASE: [] when nothing.
    With KINDS (oracle_function_kinds of GOT's frames), the whole of stderr is compared, but for
    the frames the oracle does not record (without_unrecorded_frames) and the frames of
    DEPTH_DEPENDENT cases."""
    diffs = []
    if got["status"] != case["status"]:
        diffs.append(f"exit status {got['status']}, expected {case['status']}")
    if got["stdout"] != case["stdout"]:
        diffs.append(f"stdout {got['stdout']!r}, expected {case['stdout']!r}")
    want, have = case["stderr"], got["stderr"]
    if kinds is not None:
        have = without_unrecorded_frames(have, kinds)
    if not strict and (kinds is None or case.get("name") in DEPTH_DEPENDENT):
        want, have = normalize_stderr(want), normalize_stderr(have)
    if have != want:
        diffs.append(f"stderr {have!r}, expected {want!r}")
    return diffs


def _record(executable: str) -> None:
    observed = {}
    for name, args in INVOCATIONS:
        got = run_batch_case(executable, {"args": args})
        observed[name] = got
        print(f"{name}: status {got['status']}", file=sys.stderr)
    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    body = ("OBSERVED: dict[str, dict] = "
            + pprint.pformat(observed, width=100, sort_dicts=False) + "\n")
    new = re.sub(r"(# BEGIN OBSERVED[^\n]*\n).*?(# END OBSERVED)",
                 lambda m: m.group(1) + body + m.group(2), text, flags=re.DOTALL)
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/batch_cases.py --record   (runs $EMACS or emacs)")
    _record(os.environ.get("EMACS", "emacs"))
