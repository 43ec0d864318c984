"""Window configurations in the image against GNU Emacs 28.2: window.c keeps each saved window
in a plain vector that it casts to struct saved_window (a vector-struct rule), and
make_parent_window copies part of a struct window with memcpy."""
import pytest
from conftest import EMACS, assert_prints_as_emacs

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

FORMS = {
    "predicate": "(window-configuration-p (current-window-configuration))",
    "excursion-restores-split":
        "(list (save-window-excursion (split-window) (length (window-list))) (length (window-list)))",
    "excursion-restores-buffer":
        "(progn (save-window-excursion (switch-to-buffer (get-buffer-create \"other\")))"
        " (buffer-name (window-buffer)))",
    "set-configuration":
        "(let ((c (current-window-configuration))) (split-window) (split-window nil nil t)"
        " (let ((n (length (window-list)))) (set-window-configuration c) (list n (length (window-list)))))",
    "restored-after-error":
        "(progn (condition-case nil (save-window-excursion (split-window) (error \"x\")) (error nil))"
        " (length (window-list)))",
    "compare":
        "(let ((a (current-window-configuration))) (list (compare-window-configurations a"
        " (current-window-configuration)) (progn (split-window) (compare-window-configurations a"
        " (current-window-configuration)))))",
    "frame": "(eq (window-configuration-frame (current-window-configuration)) (selected-frame))",
    "point-restored":
        "(with-current-buffer (window-buffer) (insert \"abc\\ndef\\n\") (goto-char 2)"
        " (let ((c (current-window-configuration))) (goto-char (point-max))"
        " (set-window-configuration c) (window-point)))",
    "window-sizes":
        "(progn (split-window) (split-window nil nil t) (mapcar (lambda (w) (list (window-total-height w)"
        " (window-total-width w))) (window-list)))",
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_window_configurations_agree_with_emacs(image, name):
    assert_prints_as_emacs(image, FORMS[name])
