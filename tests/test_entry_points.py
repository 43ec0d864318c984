"""Every runtime entry point that the translation may call is implemented (issue 9, item 2): with
the runtime, the whole 28.2 translation and the glue loaded, the entry points declared with
define-pending that still have no implementation are listed, and none may remain; and what elisp
sees of some of them agrees with Debian's Emacs."""
import subprocess
from pathlib import Path

import pytest
from conftest import EMACS, batch, translation28_dir

def test_no_entry_point_is_left_unimplemented(build28):
    out = translation28_dir(build28)
    root = Path(__file__).resolve().parent.parent
    script = (f'(defvar cl-user::*runtime* "{root}/cl-runtime/") (defvar cl-user::*glue* "{root}/glue/")'
              f'(defvar cl-user::*translation* "{out}/") (load "{root}/translator/lisp/load-image.lisp")'
              '(format t "~&UNIMPLEMENTED~{ ~a~}~%" (emacs2cl-runtime:rt-unimplemented-entry-points))')
    p = subprocess.run(["sbcl", "--dynamic-space-size", "4096", "--script", "/dev/stdin"],
                       input=script, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=600)
    lines = [l for l in p.stdout.splitlines() if l.startswith("UNIMPLEMENTED")]
    assert lines, p.stdout[-2000:] + p.stderr[-2000:]
    unimplemented = set(lines[-1].split()[1:])
    assert unimplemented == set()


# What elisp sees of some of them, against Debian's Emacs: the empty vector of init_vectors
# (accessible-keymaps' first prefix), make_event_array with no events (this-command-keys in
# batch), a collection counted in gcs-done and gc-elapsed, syms_of_alloc's variables, syms_of_comp's
# subr.  (Debian's Emacs is built with native compilation and the portable dumper, this
# configuration without: native-comp-available-p and pdumper-stats are left out.)
ELISP_SEEN = """
(prin1 (list (accessible-keymaps (make-sparse-keymap))
             (this-command-keys)
             (let ((n gcs-done)) (garbage-collect) (- gcs-done n))
             (floatp gc-elapsed)
             (mapcar #'special-variable-p '(gc-cons-threshold memory-signal-data integer-width gcs-done
                                            purify-flag garbage-collection-messages))
             gc-cons-threshold integer-width purify-flag (car memory-signal-data)
             (subrp (symbol-function 'native-comp-available-p))
             (bufferp (get-buffer "*Messages*"))))
"""


@pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")
def test_entry_points_as_elisp_sees_them(image):
    expected = batch(EMACS, "--eval", ELISP_SEEN)
    assert expected[0] == 0 and expected[1].startswith("(")
    assert batch(image, "--eval", ELISP_SEEN) == expected
