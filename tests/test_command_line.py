"""Emacs's command line in the image, against Debian's Emacs 28.2: the image runs emacs.c's `main`
as translated, which handles --version, --help, --chdir, --batch, --script, -nw ..., then
startup.el's normal-top-level, command-line and command-line-1 (-l, --eval, -f, -L, files, --),
and kill-emacs.  Each case runs in both, in a fresh directory with the same files, and stdout,
stderr (whole, backtraces included) and the exit status are compared.

Known differences, each left out of the comparison where it shows:
- Debian's preloaded Lisp is native-compiled: a primitive it calls gets no backtrace frame
  (batch_cases.without_unrecorded_frames drops those frames from the image's output);
- --help lists --module-assertions and --dump-file in Debian's Emacs only: the image's
  configuration builds neither modules nor the portable dumper (emacs-src-rules/build.sexp);
- Debian's site-start.d files load unless -Q (or --no-site-file) is given: cases pass -Q.
"""
import os
import pty
import select
import subprocess
import termios
import time
from pathlib import Path

import pytest
from batch_cases import batch_env, called_functions, oracle_function_kinds, without_unrecorded_frames
from conftest import EMACS

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

# The lines of Debian's --help for what the image's configuration does not build: the option
# each begins with, and why.
HELP_NOT_BUILT = {
    "--module-assertions": "dynamic modules: configured --without-all",
    "--dump-file": "the portable dumper: configured --with-dumping=none",
}

SCRIPT = """#!/usr/bin/emacs --script
;; -*- lexical-binding: t -*-
(princ (format "script: %S %S %S\\n" noninteractive command-line-args-left (length command-line-args)))
(message "to stderr")
(setq command-line-args-left nil)
"""

LIBRARY = """(princ "loading lmod\\n")
(defun lmod-show ()
  (princ (format "args-left %S\\n" command-line-args-left))
  (setq command-line-args-left (cdr command-line-args-left)))
(provide 'lmod)
"""

HOOK = ("(progn (add-hook 'kill-emacs-hook (lambda () (princ \"kill-emacs-hook\\n\")))"
        " (add-hook 'emacs-startup-hook (lambda () (princ \"emacs-startup-hook\\n\")))"
        " (princ (format \"after-init-time %S\\n\" (and after-init-time t))))")

SWITCH = ("(push (cons \"--greet\" (lambda (switch) (princ (format \"%s %S\\n\" switch command-line-args-left))))"
          " command-switch-alist)")
FUNCTIONS = ("(add-hook 'command-line-functions"
             " (lambda () (when (equal argi \"xyz\") (princ (format \"handled %s\\n\" argi)) t)))")

CASES = {
    "version": ["--version"],
    "version-after-other-options": ["-Q", "--version"],
    "eval-noninteractive-and-args": ["-Q", "--batch", "--eval",
                                     "(princ (format \"%S %S\" noninteractive (cdr command-line-args)))"],
    "load-and-funcall": ["-Q", "--batch", "-l", "lib/lmod.el", "-f", "lmod-show", "extra", "--eval", "(princ 1)"],
    "directory-then-require": ["-Q", "--batch", "-L", "lib", "--eval",
                               "(progn (require 'lmod) (princ (file-name-nondirectory (directory-file-name (car load-path)))))"],
    "file-argument-visits": ["-Q", "--batch", "visit.txt", "--eval",
                             "(princ (format \"%S %S\" (buffer-name) (buffer-string)))"],
    "double-dash-makes-files": ["-Q", "--batch", "--eval", "(princ 1)", "--", "--eval", "--eval",
                                "(princ (buffer-name))"],
    "chdir": ["--chdir", "lib", "-Q", "--batch", "--eval", "(princ (file-name-nondirectory (directory-file-name default-directory)))"],
    "chdir-missing": ["--chdir", "no-such-dir", "-Q", "--batch"],
    "script": ["-Q", "--script", "script.el", "a", "b"],
    "unknown-option": ["-Q", "--batch", "--frobnicate"],
    "hooks": ["-Q", "--batch", "--eval", HOOK],
    "hook-then-kill-emacs-status": ["-Q", "--batch", "--eval", HOOK, "--eval", "(kill-emacs 7)"],
    "command-switch-alist-and-command-line-functions": ["-Q", "--batch", "--eval", SWITCH, "--greet",
                                                        "--eval", FUNCTIONS, "xyz"],
    "minibuffer-reads-stdin-at-its-end": ["-Q", "--batch", "--eval", "(princ (read-from-minibuffer \"q: \"))"],
    "error-backtrace": ["-Q", "--batch", "--eval", "(progn (defun f (x) (car x)) (f 1))"],
    "error-in-funcall": ["-Q", "--batch", "-l", "lib/lmod.el", "-f", "no-such-function"],
    "error-loading-missing": ["-Q", "--batch", "-l", "no-such-file"],
    "kill-emacs-minus-one": ["-Q", "--batch", "--eval", "(kill-emacs -1)"],
    "no-batch-stdin-not-a-tty": ["-Q"],
}


def files(directory: Path) -> Path:
    (directory / "lib").mkdir(parents=True)
    (directory / "lib" / "lmod.el").write_text(LIBRARY)
    (directory / "script.el").write_text(SCRIPT)
    (directory / "visit.txt").write_text("visited\n")
    return directory


def run(executable: str, args: list[str], directory: Path) -> tuple[int, str, str]:
    """(status, stdout, stderr) of EXECUTABLE ARGS in DIRECTORY, stdin /dev/null, with
    DIRECTORY and the executable's name written {dir} and {emacs} in what it prints."""
    p = subprocess.run([executable, *args], cwd=directory, env=batch_env(), stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=300)

    def text(b: bytes) -> str:
        return b.decode("utf-8", errors="backslashreplace").replace(str(directory), "{dir}").replace(executable, "{emacs}")
    return p.returncode, text(p.stdout), text(p.stderr)


@pytest.fixture(scope="module")
def both(image, tmp_path_factory):
    """Run a case's arguments in Debian's Emacs and in the image, each in its own directory."""
    def go(args):
        return [run(exe, args, files(tmp_path_factory.mktemp(side)))
                for exe, side in ((EMACS, "emacs"), (image, "image"))]
    return go


@pytest.mark.parametrize("name", CASES)
def test_command_line_as_emacs(both, name):
    expected, got = both(CASES[name])
    kinds = oracle_function_kinds(EMACS, called_functions(got[2]))
    assert (got[0], got[1], without_unrecorded_frames(got[2], kinds)) == expected


def test_help_as_emacs(both):
    """--help prints main's usage message and exits 0, as in Emacs but for the lines of what the
    configuration does not build (HELP_NOT_BUILT)."""
    expected, got = both(["--help"])
    kept = "".join(line for line in expected[1].splitlines(keepends=True)
                   if not line.startswith(tuple(HELP_NOT_BUILT)))
    assert expected[1].count("\n") - kept.count("\n") == len(HELP_NOT_BUILT)
    assert got == (expected[0], kept, expected[2])
    assert got[0] == 0 and got[1].startswith("Usage: {emacs} [OPTION-OR-FILENAME]...")


def in_terminal(executable: str, args: list[str], seconds: float = 60) -> tuple[int, str, list, list]:
    """Run EXECUTABLE ARGS on a new pseudo-terminal (TERM=xterm) without input: (status, what it
    printed, the terminal's modes before, and after it ended)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(batch_env(), TERM="xterm")
        os.execv(executable, [executable, *args])
    before = termios.tcgetattr(fd)
    out, end, status = b"", time.monotonic() + seconds, None
    while status is None and time.monotonic() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                pass
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(code)
    after = termios.tcgetattr(fd)
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return status, out.decode("utf-8", errors="replace"), before, after


def test_without_batch_on_a_terminal_fails_clearly(image):
    """Without --batch, on a terminal, main starts the terminal (init_display), which the image
    cannot do yet: one line naming what is missing, a non-zero status, the terminal's modes as
    they were -- never a silent exit 0 or a hang."""
    status, out, before, after = in_terminal(image, ["-Q", "-nw"])
    assert status not in (None, 0)
    lines = out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("emacs: "), out
    assert after == before
