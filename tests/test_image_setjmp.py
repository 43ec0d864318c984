"""The C functions that call setjmp, translated (docs/data-model.md, "Non-local exits"), run in
the image and compared with Debian's Emacs 28.2: replace-buffer-contents (editfns.c; its
comparison longjmps out of compareseq when its time limit passes), read-event, read-char and
read-key (keyboard.c's read_char) from unread-command-events and from stdin, keyboard macros
(execute-kbd-macro -> command_loop_2 -> command_loop_1 -> read_key_sequence -> read_char), and
catch and condition-case (eval.c's, hand-written in the glue on the runtime's setjmp)."""
import pytest
from conftest import EMACS, batch

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")


def same_as_emacs(image, *args, input=""):
    """Exit status and stdout of the image equal Emacs's for ARGS, and so does the first line of
    stderr (an error's message; Emacs's backtrace frames name startup.el's functions, which the
    image does not have).  Returns Emacs's stdout."""
    status, out, err = batch(image, *args, input=input)
    e_status, e_out, e_err = batch(EMACS, *args, input=input)
    assert (status, out) == (e_status, e_out), err[-3000:]
    assert err.lstrip("\n").split("\n")[0] == e_err.lstrip("\n").split("\n")[0]
    return e_out


# -- replace-buffer-contents -------------------------------------------------------------------

# Replaces DEST's text by SOURCE's with replace-buffer-contents and ARGS (MAX-SECS, MAX-COSTS),
# point in the middle and 20 markers spread over DEST; prints the result, the text (its length
# and ends when long), point and the markers' positions.
REPLACE = """
(defun rbc (dest source &rest args)
  (with-temp-buffer
    (insert source)
    (let ((src (current-buffer)))
      (with-temp-buffer
        (insert dest)
        (goto-char (/ (point-max) 2))
        (let* ((markers (let (ms) (dotimes (i 20) (push (copy-marker (1+ (/ (* i (point-max)) 20))) ms)) ms))
               (result (apply #'replace-buffer-contents src args))
               (text (buffer-string)))
          (prin1 (list result
                       (if (> (length text) 80)
                           (list (length text) (substring text 0 10) (substring text -10))
                         text)
                       (point) (mapcar #'marker-position markers)))
          (terpri))))))
"""

REPLACE_CASES = """
(rbc "foo BAR baz qux" "foo bar baz qux")
(rbc "the quick brown fox jumps over the lazy dog" "a quick brown cat jumped over two lazy dogs")
(rbc "" "abc")
(rbc "abc" "")
(rbc "" "")
(rbc "abcdefghijklmnopqrstuvwxyz0123456789" "0123456789abcdefghijklmnopqrstuvwxyz")
(rbc "\u00e9t\u00e9 \u00e0 la plage" "hiver \u00e0 la montagne")
(rbc "a\\nb\\nc\\nd\\ne\\nf\\n" "a\\nB\\nc\\nd\\nE\\nf\\ng\\n")
(rbc (mapconcat #'number-to-string (number-sequence 1 300) " ")
     (mapconcat #'number-to-string (number-sequence 1 300 2) " "))
"""


def test_replace_buffer_contents_agrees_with_emacs(image):
    """Non-destructive replacement: the same text, point and markers as Emacs's diff leaves."""
    out = same_as_emacs(image, "--eval", f"(progn {REPLACE} {REPLACE_CASES})")
    assert out.count("\n(t ") + 1 == REPLACE_CASES.count("(rbc ")


def test_replace_buffer_contents_limits_agree_with_emacs(image):
    """MAX-COSTS makes compareseq take its heuristic (suboptimal diffs, markers elsewhere); a
    MAX-SECS that has passed makes buffer_chars_equal longjmp out of compareseq after 65536
    comparisons (a common run of 70000 characters), and the function falls back to delete and
    insert and returns nil; without the limit the same buffers are diffed (t)."""
    cases = """
(rbc "abcdefghijklmnopqrstuvwxyz0123456789" "0123456789abcdefghijklmnopqrstuvwxyz" nil 1)
(rbc "abcdefghijklmnopqrstuvwxyz0123456789" "0123456789abcdefghijklmnopqrstuvwxyz" nil 0)
(rbc (mapconcat #'number-to-string (number-sequence 1 300) " ")
     (mapconcat #'number-to-string (number-sequence 1 300 2) " ") nil 5)
(rbc (concat (make-string 70000 ?x) "abc") (concat (make-string 70000 ?x) "xyz") 0)
(rbc (concat (make-string 70000 ?x) "abc") (concat (make-string 70000 ?x) "xyz"))
(rbc (concat (make-string 70000 ?x) "abc") (concat (make-string 70000 ?x) "xyz") 1000)
"""
    out = same_as_emacs(image, "--eval", f"(progn {REPLACE} {cases})")
    lines = out.splitlines()
    assert lines[3].startswith("(nil (70003 ") and lines[4].startswith("(t (70003 ")


def test_replace_buffer_contents_ert_cases_agree_with_emacs(image):
    """The cases of test/src/editfns-tests.el: text properties kept, a narrowed destination,
    a marker after the region, multibyte text (bug#31837); and the errors."""
    form = r"""
(progn
  (with-temp-buffer
    (insert #("source" 2 4 (prop 7)))
    (let ((source (current-buffer)))
      (with-temp-buffer
        (insert "before dest after")
        (let ((marker (set-marker (make-marker) 14)))
          (save-restriction
            (narrow-to-region 8 12)
            (prin1 (replace-buffer-contents source)))
          (prin1 (list (eq (marker-buffer marker) (current-buffer)) (marker-position marker))))
        (prin1 (list (buffer-string) (point))))
      (prin1 (buffer-string))))
  (terpri)
  (switch-to-buffer "a")
  (insert-char ?\N{U+2323})
  (insert "1234")
  (switch-to-buffer "b")
  (insert-char ?\N{U+2323})
  (insert "5678")
  (prin1 (list (replace-buffer-contents "a") (buffer-substring-no-properties (point-min) (point-max))))
  (terpri)
  (prin1 (list (condition-case e (replace-buffer-contents "b") (error e))
               (condition-case e (replace-buffer-contents "no such buffer") (error e))
               (condition-case e (replace-buffer-contents "a" nil 'x) (error e))
               (condition-case e (replace-buffer-contents "a" 'soon) (error e))
               (let ((dead (get-buffer-create "dead")))
                 (kill-buffer dead)
                 (condition-case e (replace-buffer-contents dead) (error e))))))
"""
    out = same_as_emacs(image, "--eval", form)
    assert '#("before source after" 9 11 (prop 7))' in out


# -- read_char ----------------------------------------------------------------------------------

@pytest.mark.parametrize("form", [
    "(let ((unread-command-events (list ?x ?y ?z))) (list (read-char) (read-event) (read-key)))",
    "(let ((unread-command-events (list ?y ?\\C-a ?\\M-x ?\\S-\\C-b))) (list (read-key) (read-char) (read-event) (read-event)))",
    "(let ((unread-command-events (list 'f1 ?a '(t . ?b) 'up))) (list (read-event) (read-char) (read-char-exclusive) (read-key)))",
    "(let ((unread-command-events (list 'f1 ?a))) (list (condition-case e (read-char) (error e)) unread-command-events (read-event)))",
    "(let ((unread-command-events (list ?a ?b))) (list (read-event \"prompt: \") (read-char \"p2\" t) last-input-event))",
    "(let ((unread-command-events (listify-key-sequence (kbd \"C-x C-f\")))) "
    "(list (read-key-sequence \"x\") (this-command-keys)))",
    "(let ((unread-command-events (list ?\\C-g))) (condition-case e (read-char) (quit (list 'quit e))))",
], ids=["chars", "modifiers", "symbols", "non-character", "prompt", "key-sequence", "quit"])
def test_read_events_from_unread_command_events_agree_with_emacs(image, form):
    """read_char takes unread-command-events first: characters, modifiers, symbols, (t . EVENT),
    a non-character for read-char (an error, the event kept), prompts in batch mode."""
    same_as_emacs(image, "--eval", f"(prin1 {form})")


def test_read_char_reads_stdin_in_batch_mode(image):
    """In batch mode read_char gets each byte of stdin (kbd_buffer_get_event's getchar, in this
    configuration) after unread-command-events, and kills Emacs with status 1 at end of file.
    Debian's Emacs is built with D-Bus, inotify and threads, which compile that getchar out: its
    read-char in batch mode waits in pselect on no descriptor forever (measured).  The expected
    values are those of GNU Emacs built from the same configured 28.2 tree (`make -C src temacs`,
    run as `temacs -Q --batch`), checked by hand: too slow to build here.  read-from-minibuffer,
    which reads a line of stdin in both, is compared with Debian's Emacs."""
    form = ("(progn (prin1 (list (read-char) (read-event) (read-char)"
            " (let ((unread-command-events (list ?x))) (list (read-char) (read-char)))))"
            " (terpri) (prin1 (read-char)) (prin1 'end))")
    assert batch(image, "--eval", form, input="ab\ncd") == (0, "(97 98 10 (120 99))\n100end", "")
    assert batch(image, "--eval", form, input="ab\nc") == (1, "(97 98 10 (120 99))\n", "")
    status, out, err = batch(image, "--eval", "(prin1 (read-key))", input="")
    assert (status, out) == (1, "")
    line = "(prin1 (list (read-from-minibuffer \"\") (read-from-minibuffer \"\")))"
    same_as_emacs(image, "--eval", line, input="first line\nsecond\n")


# -- keyboard macros ------------------------------------------------------------------------------

@pytest.mark.parametrize("keys", [
    '(kbd "abc")',
    '"xyz"',
    '[?a ?b return ?c]',
    '(kbd "hello SPC world C-a C-d C-e !")',
    '(kbd "one RET two RET C-p C-k")',
    '(kbd "abc C-b C-b C-t")',
    '(kbd "C-u 3 x")',
    '(kbd "a C-f b")',
])
def test_keyboard_macros_agree_with_emacs(image, keys):
    """execute-kbd-macro runs the keys through the command loop (command_loop_2, command_loop_1,
    read_key_sequence, read_char): self-insert, motion, kill and transpose commands, prefix
    arguments; an error in a command ends the macro and propagates (batch mode)."""
    form = (f"(with-temp-buffer (execute-kbd-macro {keys}) "
            "(prin1 (list (buffer-string) (point) executing-kbd-macro)))")
    same_as_emacs(image, "--eval", form)


def test_keyboard_macro_count_and_last_macro_agree_with_emacs(image):
    form = r"""
(with-temp-buffer
  (execute-kbd-macro "ab" 3)
  (setq last-kbd-macro (kbd "C-a x"))
  (call-last-kbd-macro 2)
  (let ((n 0)) (execute-kbd-macro "z" 0 (lambda () (< (setq n (1+ n)) 4))))
  (prin1 (list (buffer-string) (point))))
"""
    same_as_emacs(image, "--eval", form)


# -- catch and condition-case -----------------------------------------------------------------------

def test_catch_and_condition_case_agree_with_emacs(image):
    """internal_catch and internal_lisp_condition_case on the runtime's setjmp: throws through
    nested catches and handlers, unwind-protect on the way, :success, errors in handlers,
    deep recursion, handlers' order, and a bad handler (its message prints it)."""
    form = r"""
(progn
  (defun deep (n tag) (if (= n 0) (throw tag 'deep) (1+ (deep (1- n) tag))))
  (defvar log nil)
  (prin1
   (list
    (catch 'a (catch 'b (throw 'a 1)) 2)
    (catch 'a (catch 'b (throw 'b 1)) 2)
    (catch 'x (deep 200 'x))
    (let ((r nil)) (list (catch 'x (unwind-protect (throw 'x 1) (push 'unwound r))) r))
    (condition-case e (signal 'wrong-type-argument '(a b)) (arith-error 'arith) (error (list 'error e)))
    (condition-case e (/ 1 0) (arith-error (list 'arith e)) (error 'error))
    (condition-case v (+ 1 2) (:success (* v 10)) (error 'no))
    (condition-case nil (condition-case nil (car 1) (arith-error 'inner)) (wrong-type-argument 'outer))
    (condition-case e (condition-case nil (car 1) (error (cdr 1))) (error (list 'second e)))
    (catch 'c (condition-case nil (throw 'c 'through) (error 'caught)))
    (condition-case e (catch 'c (car 1)) (error (car e)))
    (ignore-errors (car 1))
    (let ((debug-on-error nil)) (condition-case e (eval '(undefined-fn 1)) (void-function (cadr e))))
    (condition-case e (eval '(condition-case nil 1 (42 2))) (error e))
    (let ((i 0)) (dotimes (_ 1000) (catch 'x (condition-case nil (progn (setq i (1+ i)) (throw 'x i)) (error nil)))) i))))
"""
    same_as_emacs(image, "--eval", form)
