"""C truth values (0 or 1 in an int or a `_Bool`) as Lisp booleans where a test uses them.

C writes a condition as an integer: `!NILP (x) && y < z` is a 0/1 value of NILP, its
complement, a conjunction of two 0/1 values, then a test of the result against 0.  Emitted as
written, SBCL makes each 0/1 (SETcc, MOVZX, a tag shift) and tests it again: it does not
simplify `(/= (if c 1 0) 0)` to `c`.  Here a 0/1 value is made as `(if TEST 1 0)`, and a test
of a value takes TEST back out of it, so a comparison whose only use is a branch is never made
into an integer.  Every rewrite is an identity on the values involved (`(/= (if c 1 0) 0)` is
`c`); the 0/1 operands of `!`, `&`, `|`, `^` are those whose C type is a 1-bit unsigned
integer (`_Bool`), which the translation keeps in 0..1."""
from __future__ import annotations

from . import lisp

G, R = lisp.cl, lisp.rt
IF, NOT, NE = G("if"), G("not"), G("/=")


def is_bool_kind(kind) -> bool:
    """True if values of KIND are 0 or 1 (C's `_Bool`, and one-bit unsigned bit-fields)."""
    return getattr(kind, "bits", None) == 1 and not getattr(kind, "signed", True)


def bool_value(test):
    """The C value (1 or 0) of Lisp boolean TEST."""
    if isinstance(test, list) and len(test) == 2 and test[0] == NOT:
        return [IF, test[1], 0, 1]
    return [IF, test, 1, 0]


def is_bool_value(form) -> bool:
    """True if FORM is a 0/1 value made by bool_value."""
    return isinstance(form, list) and len(form) == 4 and form[0] == IF and {form[2], form[3]} == {0, 1}


def negation(test):
    """The Lisp boolean that is true when TEST is false."""
    if isinstance(test, list) and len(test) == 2 and test[0] == NOT:
        return test[1]
    if isinstance(test, list) and len(test) == 3 and test[0] == NE and test[2] == 0:
        return [G("="), test[1], 0]
    return [NOT, test]


def as_test(form):
    """A Lisp boolean form true when integer FORM is not 0 (C's test of a value)."""
    if isinstance(form, int) and not isinstance(form, bool):
        return G("t") if form else None
    if isinstance(form, list) and form:
        head = form[0]
        if head == IF and len(form) == 4 and isinstance(form[2], int) and isinstance(form[3], int):
            then, other = form[2] != 0, form[3] != 0
            if then and not other:
                return form[1]
            if other and not then:
                return negation(form[1])
        if head == R("rt-bool") and len(form) == 2:
            return form[1]
    return [NE, form, 0]


def bool_not(a):
    """`!a` / `~a` of a 0/1 value A, as a 0/1 value."""
    return bool_value(negation(as_test(a)))


def bool_logic(code: str, a, b):
    """A 0/1 value for bit_and/ior/xor_expr (or truth_and/or/xor_expr) of 0/1 (or any, for the
    truth_ codes) values A and B."""
    ta, tb = as_test(a), as_test(b)
    if code in ("bit_and_expr", "truth_and_expr", "truth_andif_expr"):
        return bool_value([G("and"), ta, tb])
    if code in ("bit_ior_expr", "truth_or_expr", "truth_orif_expr"):
        return bool_value([G("or"), ta, tb])
    # xor: true when exactly one is.
    return bool_value([IF, ta, negation(tb), tb])


BOOL_LOGIC_CODES = ("bit_and_expr", "bit_ior_expr", "bit_xor_expr")
TRUTH_CODES = ("truth_and_expr", "truth_andif_expr", "truth_or_expr", "truth_orif_expr", "truth_xor_expr")


def truth_functions(defuns, inline: set) -> dict:
    """For the DEFUN forms of INLINE functions whose body only computes a 0/1 value of one
    expression (NILP, BUFFERP, SUB_CHAR_TABLE_P ...): name -> (parameters, their declarations,
    the Lisp boolean test of the value).  A test of a call of one (`!NILP (x)`) then takes
    the test itself (inline_truth_calls): SBCL, inlining the function, still makes the 0/1."""
    found = {}
    for form in defuns:
        name, params = form[1], form[2]
        if name not in inline or not isinstance(params, list) or any(p.name.startswith("&") for p in params):
            continue
        decls = [d for d in form[3][1:] if d[:1] == [G("type")]] if form[3][:1] == [G("declare")] else []
        body = form[-1]
        if not (isinstance(body, list) and body[:1] == [G("let*")] and len(body[1]) == 1):
            continue
        var, steps = body[1][0][0], [x for x in body[2:] if x[:1] != [G("declare")]]
        if [G("declare"), [G("type"), G("bit"), var]] not in body[2:] or len(steps) != 2 \
                or steps[0][:2] != [G("setq"), var] or steps[1] != [G("return-from"), name, var]:
            continue
        expr = steps[0][2]
        if _free_locals(expr) - set(params) or _has_transfer(expr):
            continue
        found[name] = (params, decls, as_test(expr))
    # A test may call another (SUB_CHAR_TABLE_P's PSEUDOVECTORP): take those in, innermost first.
    for _ in range(4):
        found = {n: (p, d, inline_truth_calls(t, found)) for n, (p, d, t) in found.items()}
    return found


def inline_truth_calls(form, table: dict):
    """FORM with each test `(/= (F args) 0)` / `(= (F args) 0)` of a call of a function of
    TABLE (truth_functions) replaced by F's test on ARGS."""
    if not isinstance(form, list) or not form or form[0] == G("quote"):
        return form
    form = [inline_truth_calls(x, table) for x in form]
    if len(form) == 3 and form[0] in (NE, G("=")) and form[2] == 0 and isinstance(form[1], list) \
            and form[1] and form[1][0] in table and len(form[1]) - 1 == len(table[form[1][0]][0]):
        params, decls, test = table[form[1][0]]
        bound = [G("let"), [[p, a] for p, a in zip(params, form[1][1:])],
                 [G("declare"), [G("ignorable"), *params], *decls], test]
        return bound if form[0] == NE else negation(bound)
    return form


def _free_locals(form) -> set:
    """The C locals and parameters ($-named symbols) FORM refers to."""
    if isinstance(form, lisp.Sym):
        return {form} if form.pkg == "c" and form.name.startswith("$") else set()
    if isinstance(form, list):
        return set().union(*(_free_locals(x) for x in form))
    return set()


def _has_transfer(form) -> bool:
    """True if FORM transfers control (go, return-from) or binds: it cannot move into a caller."""
    if isinstance(form, list) and form:
        return form[0] in (G("go"), G("return-from"), G("tagbody"), G("block")) \
            or any(_has_transfer(x) for x in form)
    return False
