"""The back end on real Emacs 28.2 files (cmds.c, data.c, lread.c): what it translates, replaces
and refuses, deterministic output, the structuring of control flow, and golden Lisp for a few
functions (regenerate with `pytest tests/test_translate.py --update-golden`, then review the diff)."""
import re
from pathlib import Path

import networkx as nx
import pytest

from translator.emit import cfg, lisp
from translator.emit.rulebook import Rule, Rules
from translator.gimple import ir
from translator.translate import Translation

from conftest import translation28_dir

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def translation(emacs28, build28):
    _, program = emacs28
    t = Translation(program, Rules.load(), "28.2", build28.docstrings())
    t.run()
    return t


def entry(t, name):
    (e,) = [e for e in t.report.functions if e.name == name]
    return e


def test_statuses(translation):
    assert entry(translation, "Fcar").status == "translated"
    assert entry(translation, "Fforward_char").status == "translated"
    assert entry(translation, "arith_driver").status == "translated"
    xcons = entry(translation, "XCONS")
    assert (xcons.status, xcons.file) == ("replaced", "cmds.c") and "struct Lisp_Cons" in xcons.reason
    counts = translation.report.counts()
    assert counts.get("untranslated", 0) == 0, translation.report.untranslated()
    assert counts["translated"] > 400


def test_files_and_system(translation):
    files = translation.files
    assert {"package.lisp", "structs.lisp", "globals.lisp", "header-inlines.lisp", "cmds.c.lisp", "data.c.lisp",
            "lread.c.lisp", "start.lisp", "emacs-c.asd"} <= set(files)
    asd = files["emacs-c.asd"]
    assert ':depends-on ("emacs2cl-runtime")' in asd
    assert (asd.index('"inline-functions"') < asd.index('"header-inlines"') < asd.index('"cmds.c"')
            < asd.index('"data.c"') < asd.index('"start"'))
    # A header inline is defined once and nowhere else: a small one (XCAR) declared inline in
    # inline-functions.lisp, which compiling each file loads first, and so is a larger one called
    # from one place (CHAR_TABLE_REF_ASCII, from CHAR_TABLE_REF); one too large for its calls
    # would be in header-inlines.lisp (test_inlining_budget).
    inline, header = files["inline-functions.lisp"], files["header-inlines.lisp"]
    assert inline.count("(defun |XCAR| ") == 1 and "(declaim (inline |XCAR|))" in inline
    assert not any("(defun |XCAR| " in text for name, text in files.items() if name != "inline-functions.lisp")
    assert inline.count("(defun |CHAR_TABLE_REF_ASCII| ") == 1 and "(declaim (inline |CHAR_TABLE_REF_ASCII|))" in inline
    # A large function (read1) is compiled for compilation speed, with wraparound as calls.
    read1 = defun_text(translation, "lread.c.lisp", "lread.c/read1")
    assert "(compilation-speed 3)" in read1 and "(rt-wrap-u-call " in read1 and "(rt-wrap-u " not in read1
    assert "(rt-wrap-s-call " not in defun_text(translation, "data.c.lisp", "data.c/arith_driver")
    # Replaced primitives are expanded by their rule where they are called.
    # A large function (read1) does not inline them: inlining costs compile time it was spared.
    assert re.search(r"\(notinline\s[^)]*\|NILP\|", read1)
    assert "(defun |CONSP|" not in header + inline
    assert re.search(r"\(if\s+\(cl:consp [^()]*\)\s+1\s+0\)", header + inline)


def test_for_speed_rule(emacs28, build28):
    """A large function that a for-speed rule names (compile-policy.sexp) keeps SBCL's speed and
    wraparound inline, and declines the inline functions it calls as any large function does; the
    rule is counted as used, and one that names no function of the release is reported stale."""
    _, program = emacs28
    rules = Rules.load()
    rules.for_speed["read1"] = "a test of the rule"
    t = Translation(program, rules, "28.2", build28.docstrings())
    t.run()
    read1 = defun_text(t, "lread.c.lisp", "lread.c/read1")
    assert "(optimize (compilation-speed 2) (speed 1))" in read1
    assert "(rt-wrap-u " in read1 and "(rt-wrap-u-call " not in read1
    assert re.search(r"\(notinline\s[^)]*\|NILP\|", read1)
    assert "for-speed read1" not in t.report.stale
    assert "for-speed re_match_2_internal" in t.report.stale      # regex-emacs.c is not translated here


def test_inlining_budget():
    """A header inline is declared inline when it is small, or when its size times the calls to it
    stays within the budget (a larger one called once); never one too large, whatever its calls,
    nor a recursive one."""
    from translator.translate import INLINE_ATOMS, INLINE_BUDGET, INLINE_MAX_ATOMS, inlinable

    def defun(name, atoms, calls=()):
        body = [[lisp.cl("f"), *([0] * (atoms - 3 - len(calls)))], *[[lisp.c(c)] for c in calls]]
        return [lisp.cl("defun"), lisp.c(name), [], *body]

    small, large, huge = defun("s", INLINE_ATOMS), defun("l", 300), defun("h", INLINE_MAX_ATOMS + 1)
    assert inlinable(small, calls=10**6)
    assert inlinable(large, calls=1) and inlinable(large, calls=INLINE_BUDGET // 300)
    assert not inlinable(large, calls=INLINE_BUDGET // 300 + 1)
    assert not inlinable(huge, calls=1)
    assert not inlinable(defun("r", 50, calls=["r"]), calls=1)


def test_truth_values(translation):
    """A C truth value tested is a Lisp boolean (translator/emit/booleans.py): CHAR_TABLE_REF_ASCII's
    `!SUB_CHAR_TABLE_P (x)` and `NILP (val)` take the callees' tests, and no 0/1 is complemented
    or compared with 0; a unit's small static predicates are declared inline before their
    callers (unit_inlinable)."""
    files = translation.files
    ref = defun_text(translation, "inline-functions.lisp", "CHAR_TABLE_REF_ASCII")
    assert "(|NILP| " not in ref and "(|SUB_CHAR_TABLE_P| " not in ref and "(lognot " not in ref
    assert re.search(r"\(unless \(let \(\(\|\$x\| \|\$val\|\)\)\s+\(declare[^\n]*\)\s+\(cl:eq \|\$x\| nil\)\)", ref)
    data = files["data.c.lisp"]
    assert "(rt-wrap-u 1 (lognot" not in data
    # data.c's static BOOLFWDP: declared inline before it and every function of the unit, and
    # each test of a call of it is its test.
    declaim = data.index("(declaim\n  (inline\n    |data.c/BOOLFWDP|")
    assert declaim < data.index("(defun |data.c/BOOLFWDP| ") < data.index("(defun |Fboundp| ")
    assert "(|data.c/BOOLFWDP| " not in data


def test_out_entries(translation):
    """Locals passed by address only to out parameters are plain variables, and the call goes
    to the callee's out entry (translator/emit/outparams.py): Fintern's three results of
    oblookup_considering_shorthand, the first a byte pointer (`char **out`) taken and returned
    as its parts, which Fintern keeps split; the function of the C name (here its parts entry)
    stays for the other callers."""
    lread = translation.files["lread.c.lisp"]
    entry = defun_text(translation, "lread.c.lisp", "lread.c/oblookup_considering_shorthand out")
    assert re.search(r"\(values \|\$D1\|\s+\|\$out\.base\|\s+\|\$out\.off\|\s+\|\$size_out\|\s+"
                     r"\|\$size_byte_out\|\)", entry)
    assert "(rt-mem |$size_out|" not in entry
    assert re.search(r"\(defun \|lread.c/oblookup_considering_shorthand parts\|\s", lread)   # its parts entry
    intern = defun_text(translation, "lread.c.lisp", "Fintern")
    assert "(|lread.c/oblookup_considering_shorthand out|" in intern
    assert "rt-make-box" not in intern and "(setq |$longhand_bytes| |$out#3|)" in intern
    assert "(setq |$longhand.base| |$out#0| |$longhand.off| |$out#1|)" in intern


def test_the_matchers_pointers_stay_split(build28):
    """What regex-emacs.c's search and matcher do at each position tried, without making a
    pointer or a block: string_char_and_length's out entry takes the byte pointer as its parts;
    the matcher, a large function compiled for speed (compile-policy.sexp), declares STRING_CHAR's
    parts entry NOTINLINE, not STRING_CHAR (a call by the C name still goes to the entry); `dfail`,
    only copied from and to `d`, is split like it; so is the pattern pointer `p`, which
    EXTRACT_NUMBER_AND_INCR (&p) passes to an out entry taking and returning it as its parts; its
    fail stack comes from the pool of its alloca site."""
    out = translation28_dir(build28)

    def defun(file, name):
        text = (out / file).read_text()
        start = re.search(rf"\(defun \|{re.escape(name)}\|\s", text).start()
        return text[start:text.find("\n\n", start)]

    entry = defun("inline-functions.lisp", "string_char_and_length out")
    assert entry.startswith("(defun |string_char_and_length out| (|$p.base| |$p.off| |$length|)")
    search = defun("regex-emacs.c.lisp", "re_search_2 parts")
    assert re.search(r"\(multiple-value-bind\s+\(\|\$arg#0\.base\| \|\$arg#0\.off\|\)\s+"
                     r"\(rt-ptr-parts \(rt-ptr-of \|\$d\.base\| \|\$d\.off\|\)\)\s+"
                     r"\(multiple-value-bind\s+\(\|\$result#\| \|\$out#0\|\)\s+"
                     r"\(\|string_char_and_length out\|\s+\|\$arg#0\.base\|\s+\|\$arg#0\.off\|", search)
    matcher = defun("regex-emacs.c.lisp", "regex-emacs.c/re_match_2_internal parts")
    assert "(optimize (compilation-speed 2) (speed 1))" in matcher
    notinline = re.search(r"\(notinline([^)]*)\)", matcher).group(1)
    assert "|STRING_CHAR parts|" in notinline and "|STRING_CHAR|" not in notinline
    assert "(|STRING_CHAR| " in matcher
    assert "|$dfail.base|" in matcher and "(setq |$dfail| " not in matcher
    assert re.search(r"\(\|regex-emacs.c/extract_number_and_incr out\| \|\$p\.base\| \|\$p\.off\|\)\s+"
                     r"\(setq \|\$p\.base\| \|\$out#0\| \|\$p\.off\| \|\$out#1\|\)", matcher)
    assert "(setq |$p| " not in matcher
    assert "(rt-alloca-at (load-time-value (rt-make-alloca-site))" in matcher
    assert "(rt-give-alloca-blocks |$alloca#|)" in matcher


def test_out_parameters_tested_against_each_other(build28):
    """validate_interval_range tests `begin != end`: always true in its out entry, which only the
    addresses of two distinct locals reach (set_text_properties' &start and &end);
    Ftext_properties_at passes &position twice, to the function of the C name."""
    text = (translation28_dir(build28) / "textprop.c.lisp").read_text()

    def defun(name):
        start = re.search(rf"\(defun \|{re.escape(name)}\|\s", text).start()
        return text[start:text.find("\n\n", start)]

    validate = defun("validate_interval_range out")
    assert "(unless t (go " in validate and "(rt-ptr= |$begin| |$end|)" not in validate
    assert "(|validate_interval_range out| |$object| |$start| |$end| 0)" in defun("set_text_properties")
    assert "(|validate_interval_range out|" not in defun("Ftext_properties_at")


def test_defun_definitions(translation, build28):
    data = translation.files["data.c.lisp"]
    car_doc = build28.docstrings()[("F", "car")]
    assert car_doc.startswith("Return the car of LIST.")
    assert '(rt-define-subr "car" |Fcar| 1 1' in data
    assert '(rt-define-subr "+" |Fplus| 0 :many' in data
    eval_doc = translation.files["lread.c.lisp"]
    assert '(rt-define-subr "read" |Fread| 0 1' in eval_doc


def test_output_is_deterministic(emacs28, translation, build28):
    _, program = emacs28
    again = Translation(program, Rules.load(), "28.2", build28.docstrings())
    again.run()
    assert again.files == translation.files


def test_stale_rules_are_reported(emacs28):
    _, program = emacs28
    rules = Rules.load()
    rules.replacements["no_such_function"] = rules.replacements["XCONS"]
    t = Translation(program, rules, "28.2")
    t.run()
    assert "replace no_such_function" in t.report.stale
    assert "replace XCONS" not in t.report.stale


def test_a_front_stands_before_a_function_still_translated(emacs28):
    """A `front' rule (grow_specpdl's, Ffuncall's) sends every direct call to the runtime's
    function, and the C body is translated too, for the front to call; the function's address
    (Fcar's subr) is still the translation's."""
    _, program = emacs28
    rules = Rules.load()
    rules.replacements["Fcar"] = Rule("Fcar", lisp.rt("rt-fcar-front"), "a test", front=True)
    t = Translation(program, rules, "28.2")
    t.run()
    assert entry(t, "Fcar").status == "translated"
    data, lread = t.files["data.c.lisp"], t.files["lread.c.lisp"]
    assert "(defun |Fcar| " in data
    assert "(rt-fcar-front " in lread and "(|Fcar| " not in lread
    assert "(function |Fcar|)" in data and "(function rt-fcar-front)" not in data + lread
    assert "replace Fcar" not in t.report.stale


def defun_text(translation, file, name):
    text = translation.files[file]
    start = re.search(rf"\(defun \|{re.escape(name)}\|\s", text).start()
    end = text.find("\n\n", start)
    return text[start:end if end > 0 else None] + "\n"


def test_a_translation_digest_hashes_the_rules_it_was_read_with(tmp_path, monkeypatch):
    """A process that read the rules before a rules file changed (a test session) stamps its
    translation with the digest of the rules it used, not of the changed file: the next
    `emacs2cl image` then sees the translation is stale."""
    from translator import paths, rules, translate
    for p in Path(paths.RULES_DIR).glob("*.sexp"):
        (tmp_path / p.name).write_text(p.read_text())
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    monkeypatch.setattr(translate, "RULES_DIR", tmp_path)
    rules.rules_text.cache_clear()
    rules.read_forms.cache_clear()
    try:
        read = rules.forms_named("replaced-functions.sexp", "replace")
        digest = translate.translator_digest()
        (tmp_path / "replaced-functions.sexp").write_text(";; changed after it was read\n")
        assert translate.translator_digest() == digest
        assert rules.forms_named("replaced-functions.sexp", "replace") == read
        rules.rules_text.cache_clear()
        assert translate.translator_digest() != digest      # a new process sees the change
    finally:
        rules.rules_text.cache_clear()
        rules.read_forms.cache_clear()


@pytest.mark.parametrize("file, name", [("data.c.lisp", "Fcar"), ("data.c.lisp", "Fsetcar"),
                                        ("cmds.c.lisp", "Fforward_char"), ("inline-functions.lisp", "XCAR")])
def test_golden(translation, request, file, name):
    path = GOLDEN / f"{name}.lisp"
    text = defun_text(translation, file, name)
    if request.config.getoption("--update-golden"):
        path.write_text(text)
    assert text == path.read_text()


def graph(edges, n):
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return g


def shape_of(forms):
    """The Lisp text of structured code, with the block names left in."""
    return lisp.to_text([lisp.cl("progn"), *forms], width=1000)


def structure(g):
    code = lambda b: [[lisp.cl("stmt"), b]]

    def terminate(b, branch):
        succs = sorted(g.successors(b))
        if not succs or succs == [ir.EXIT_BLOCK]:
            return [[lisp.cl("return")]]
        if len(succs) == 1:
            return branch(succs[0])
        return [[lisp.cl("if"), [lisp.cl("test"), b], [lisp.cl("progn"), *branch(succs[0])], [lisp.cl("progn"), *branch(succs[1])]]]
    return shape_of(cfg.Structurer(g, code, terminate).body())


def test_structuring_a_loop_with_an_exit():
    # 0 entry, 1 exit; 2 -> 3 (loop header) -> 4 -> 3 back, 3 -> 5 -> exit.
    text = structure(graph([(0, 2), (2, 3), (3, 4), (4, 3), (3, 5), (5, 1)], 6))
    assert text == ("(progn (stmt 2) (tagbody |L3| (stmt 3) (if (test 3) (progn (stmt 4) (go |L3|)) "
                    "(progn (stmt 5) (return)))))")


def test_structuring_a_diamond():
    # 2 -> 3 | 4 -> 5 (a merge node) -> exit.
    text = structure(graph([(0, 2), (2, 3), (2, 4), (3, 5), (4, 5), (5, 1)], 6))
    assert text == ("(progn (tagbody (stmt 2) (if (test 2) (progn (stmt 3) (go |B5|)) "
                    "(progn (stmt 4) (go |B5|))) |B5| (stmt 5) (return)))")


def test_a_run_of_joins_stays_flat():
    # Three if-else diamonds in a row: 2 -> 3|4 -> 5 -> 6|7 -> 8 -> 9|10 -> 11 -> exit.
    edges = [(0, 2), (11, 1)]
    for top in (2, 5, 8):
        edges += [(top, top + 1), (top, top + 2), (top + 1, top + 3), (top + 2, top + 3)]
    text = structure(graph(edges, 12))
    assert text.count("tagbody") == 1
    assert text.index("|B5|") < text.index("|B8|") < text.index("|B11|")


def test_irreducible_graph_falls_back_to_one_tagbody():
    # Two entries into the cycle 3 <-> 4.
    g = graph([(0, 2), (2, 3), (2, 4), (3, 4), (4, 3), (3, 1), (4, 1)], 5)
    assert not cfg.analyze(g).reducible
    text = structure(g)
    assert text.startswith("(progn (tagbody (go |L2|) |L2| (stmt 2)")


def test_a_store_that_may_change_the_object_rebinds_its_copies(translation):
    """lread.c's `#^[': `tmp = read_vector (...); XSETPVECTYPE (XVECTOR (tmp), PVEC_CHAR_TABLE);
    return tmp;' -- the header store (the field-store rule) gives the char-table, which goes back
    into the variable it was stored through and into its copies, tmp among them."""
    text = defun_text(translation, "lread.c.lisp", "lread.c/read1")
    stores = re.findall(r"\(rt-store-changing-object\s*\(([^()]*)\)\s*\(rt-store-vector-header\s+(\S+)", text)
    assert len(stores) == 2                     # #^[ (a char-table) and #[ (a byte-code object)
    for places, target in stores:
        places = places.split()
        assert places[0] == target and len(set(places)) == len(places)
        # The vector read_vector returned, which `return tmp' returns, is among them.
        assert set(places) & set(re.findall(r"\(setq (\S+) \(\|lread.c/read_vector\|", text))
    assert "(setf (rt-vector-header-size" not in text


def test_every_runtime_symbol_the_translation_uses_is_in_the_runtime_interface(translation):
    """Translated code may only call Common Lisp, itself, and entry points the runtime exports."""
    import subprocess
    runtime = Path(__file__).parent.parent / "cl-runtime"
    out = subprocess.run(["sbcl", "--noinform", "--non-interactive", "--eval", "(require :asdf)",
                          "--eval", f'(push #p"{runtime}/" asdf:*central-registry*)',
                          "--eval", '(let ((*error-output* (make-broadcast-stream))) (asdf:load-system "emacs2cl-runtime"))',
                          "--eval", '(do-external-symbols (s "EMACS2CL-RUNTIME") (format t "~a~%" (symbol-name s)))'],
                         stdout=subprocess.PIPE, text=True, check=True).stdout.split()
    used = set()
    for text in translation.files.values():
        used.update(m.upper() for m in re.findall(r"(?<![|\w-])(rt-[a-z0-9+=%-]+)", text))
    assert used and used <= set(out), sorted(used - set(out))


def test_translated_defuns_run_in_sbcl(build28, tmp_path):
    """The whole way: alloc.c (for its data), cmds.c, data.c and lread.c of 28.2 translated,
    loaded with ASDF, started, and data.c's DEFUNs called through their elisp definitions: car,
    cdr, eq and arithmetic run the translated C (Fcar -> CAR -> XCAR, Fplus -> arith_driver with
    its overflow checks ...) on CL objects."""
    import subprocess
    from translator.dump import dump_all
    from translator.gimple.program import Program
    from translator.gimple.reader import read_units
    dumps, failures = dump_all(build28, [build28.file(f) for f in ("alloc.c", "cmds.c", "data.c", "lread.c")], quiet=True)
    assert not failures
    t = Translation(Program.from_units(read_units(dumps.values())), Rules.load(), "28.2", build28.docstrings())
    t.run()
    t.write(tmp_path / "emacs-c")
    runtime = Path(__file__).parent.parent / "cl-runtime"
    script = f'''
(require :asdf)
(push #p"{runtime}/" asdf:*central-registry*)
(push #p"{tmp_path}/emacs-c/" asdf:*central-registry*)
(let ((*standard-output* (make-broadcast-stream)) (*error-output* (make-broadcast-stream)))
  (handler-bind ((warning #'muffle-warning)) (asdf:load-system "emacs-c")))
(defun elisp (name &rest args) (apply (find-symbol name "ELISP") args))
(let ((*print-pretty* nil)) (format t "~s~%" (list (elisp "car" '(1 . 2)) (elisp "car" nil) (elisp "cdr" '(1 2 3)) (elisp "eq" 'a 'a)
                       (elisp "eq" 'a 'b) (elisp "+" 1 2 3) (elisp "*" 2 1.5d0) (elisp "-" 10 3 4.5d0)
                       (mapcar (lambda (x) (symbol-name (elisp "type-of" x))) (list 1 'a '(1) 1.5d0 (vector 1)))
                       (emacs2cl-runtime:rt-builtin-symbol 0)
                       (symbol-name (emacs2cl-runtime:rt-builtin-symbol 2))
                       (handler-case (progn (elisp "car" 5) :no-error) (error () :error)))))
'''
    p = subprocess.run(["sbcl", "--dynamic-space-size", "4096", "--control-stack-size", "64MB", "--script", "/dev/stdin"],
                       input=script, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip().splitlines()[-1] == \
        '(1 NIL (2 3) T NIL 6 3.0d0 2.5d0 ("integer" "symbol" "cons" "float" "vector") NIL "unbound" :ERROR)'
