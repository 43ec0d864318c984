"""The image's start-up sequence, read from emacs.c's main (28.2) and classified by
emacs-src-rules/startup.sexp."""
import pytest

from translator.startup import startup_forms, steps


@pytest.fixture(scope="module")
def program(build28):
    from translator.dump import dump_all
    from translator.gimple.program import Program
    from translator.gimple.reader import read_units
    files = [build28.file(f) for f in ("emacs.c", "cmds.c", "data.c", "lread.c", "process.c")]
    dumps, failures = dump_all(build28, files, quiet=True)
    assert not failures
    return Program.from_units(read_units(dumps.values()))


def test_steps_follow_main_and_are_classified(program):
    """Only functions the program defines, in main's order (emacs.c lines 1835, 1861, 2075,
    2089, 2103, 2116, 2121, 2129, 2291), build-only for *_once/syms_of_*, init_cmdargs skipped by
    its rule."""
    got = [(s.name, s.build_only, s.skipped is not None) for s in steps(program)]
    assert got == [("init_obarray_once", True, False), ("syms_of_data", True, False), ("init_cmdargs", False, True),
                   ("init_lread", False, False), ("syms_of_lread", True, False),
                   ("syms_of_cmds", True, False), ("syms_of_emacs", True, False),
                   ("syms_of_process", True, False), ("init_process_emacs", False, False)]


def test_startup_form_leaves_out_skipped_steps(program):
    from translator.emit import lisp
    (form,) = startup_forms(program)
    text = lisp.to_text(form)
    assert "init_cmdargs" not in text
    assert text.index("|syms_of_data| :build") < text.index("|init_lread| :each-start") < text.index("|emacs.c/syms_of_emacs| :build")


def test_startup_form_passes_the_arguments_a_rule_gives(program):
    """init_process_emacs (int sockfd) gets -1: the image is never a daemon given a socket."""
    from translator.emit import lisp
    (form,) = startup_forms(program)
    assert "(|init_process_emacs| :each-start -1)" in lisp.to_text(form)
