"""The Common Lisp runtime (cl-runtime/): its own tests, run by SBCL, all pass; loading it with
ASDF is clean."""
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "cl-runtime"


def sbcl(*args, timeout=600):
    return subprocess.run(["sbcl", "--noinform", "--non-interactive", *args], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout)


def test_runtime_tests_pass():
    p = sbcl("--load", str(RUNTIME / "tests" / "run.lisp"))
    lines = [ln for ln in p.stdout.splitlines() if ln.strip()]
    assert lines, p.stdout
    m = re.fullmatch(r"(\d+) passed, (\d+) failed", lines[-1])
    assert m, p.stdout[-3000:]
    assert int(m.group(2)) == 0, p.stdout[-6000:]
    assert int(m.group(1)) > 400
    assert p.returncode == 0, p.stdout[-3000:]


def test_runtime_loads_without_warnings():
    p = sbcl("--eval", "(require :asdf)",
             "--eval", f'(push #p"{RUNTIME}/" asdf:*central-registry*)',
             "--eval", '(asdf:load-system "emacs2cl-runtime" :force t)',
             "--eval", '(format t "~&loaded ~D exports~%" (let ((n 0)) (do-external-symbols (s "EMACS2CL-RUNTIME") (declare (ignorable s)) (incf n)) n))')
    assert p.returncode == 0, p.stdout[-3000:]
    assert "loaded" in p.stdout, p.stdout[-3000:]
    assert not re.search(r"WARNING", p.stdout), p.stdout[-6000:]
