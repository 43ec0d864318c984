"""Char-tables read from their printed form (`#^[...]`, which lread.c reads as a vector and then
makes a char-table by storing its header: docs/data-model.md), and the Unicode property tables
the image build generates with admin/unidata/unidata-gen.el (uni-*.el, charprop.el) as Emacs
uses them: character properties, case conversion, widths, names.  Each case against GNU Emacs
28.2."""
import pytest
from conftest import EMACS, assert_prints_as_emacs

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")

# A char-table with extra slots, a parent, single characters, ranges across sub-char-tables of
# every depth and a default, so that its printed form nests #^^[...] at depths 1 to 3.
TABLE = ("(let ((ct (progn (put 'e2c-test 'char-table-extra-slots 2) (make-char-table 'e2c-test 'dflt))))"
         " (set-char-table-range ct '(?a . ?z) 'lower) (set-char-table-range ct ?é 'e-acute)"
         " (set-char-table-range ct '(#x4e00 . #x9fff) 'han) (set-char-table-range ct #x10fffd 'last)"
         " (set-char-table-extra-slot ct 0 'slot0) (set-char-table-extra-slot ct 1 \"slot1\")"
         " (set-char-table-parent ct (make-char-table 'e2c-test 'from-parent)) (set-char-table-range ct ?Z nil)"
         " ct)")

PROBES = "(list ?a ?m ?z ?A ?Z ?é #x4e00 #x7000 #x9fff #xa000 #x10fffd #x10fffe 0 #x3fff80)"

FORMS = {
    # print, read back: a char-table again, equal, the same values and slots.
    "read-round-trip":
        f"(let* ((ct {TABLE}) (text (prin1-to-string ct)) (back (car (read-from-string text))))"
        " (list (char-table-p back) (equal back ct) (eq back ct) (char-table-subtype back)"
        "  (char-table-extra-slot back 0) (char-table-extra-slot back 1)"
        "  (char-table-p (char-table-parent back)) (char-table-range back nil)"
        f"  (mapcar (lambda (c) (char-table-range back c)) {PROBES})"
        f"  (mapcar (lambda (c) (aref back c)) {PROBES})"
        "  (equal (prin1-to-string back) text) (length text)))",
    "read-round-trip-after-set":
        f"(let* ((back (car (read-from-string (prin1-to-string {TABLE})))))"
        " (set-char-table-range back '(?b . ?d) 'changed) (aset back #x4e01 'one)"
        f" (list (mapcar (lambda (c) (char-table-range back c)) (list ?a ?b ?c ?d ?e #x4e00 #x4e01 #x4e02))"
        "  (let (n) (map-char-table (lambda (k v) (push (cons k v) n)) back) (length n))))",
    # A char-table inside other objects, several in one text, and read from a buffer.
    "read-inside-list":
        "(let* ((ct (make-char-table 'test 0)) (_ (set-char-table-range ct '(?0 . ?9) 'digit))"
        " (x (car (read-from-string (prin1-to-string (list 'a ct (vector ct) ct))))))"
        " (list (car x) (char-table-p (nth 1 x)) (char-table-p (aref (nth 2 x) 0))"
        "  (char-table-range (nth 3 x) ?5) (equal (nth 1 x) (nth 3 x)) (eq (nth 1 x) (nth 3 x))))",
    "read-from-buffer":
        "(let ((ct (make-char-table 'test 'x))) (aset ct ?q 'q)"
        " (with-temp-buffer (prin1 ct (current-buffer)) (goto-char (point-min))"
        "  (let ((back (read (current-buffer)))) (list (char-table-p back) (aref back ?q) (aref back ?r) (point)))))",
    # What lread.c refuses.
    "read-errors":
        "(mapcar (lambda (s) (condition-case e (read s) (error e)))"
        " '(\"#^[1 2 3]\" \"#^[]\" \"#^^[9 0 1]\" \"#^^[]\" \"#^x\" \"#^^x\"))",
    # A byte-code object is still a vector marked so (the other header store of the reader).
    "read-byte-code":
        "(let ((f (read \"#[(x) \\\"\\\\300\\\\207\\\" [x] 1]\"))) (list (byte-code-function-p f) (vectorp f) (aref f 0)))",
    # The Unicode property tables (each property's values: tests/test_lisp_build.py).
    "char-code-property-descriptions":
        "(list (char-code-property-description 'general-category 'Lu)"
        " (char-code-property-description 'bidi-class 'AL)"
        " (mapcar (lambda (p) (char-table-p (unicode-property-table-internal p)))"
        "  '(general-category name decomposition mirroring bidi-class lowercase uppercase titlecase)))",
    "names":
        "(list (char-from-name \"LATIN SMALL LETTER DZ\") (char-from-name \"GREEK SMALL LETTER FINAL SIGMA\")"
        " (char-from-name \"latin small letter a with acute\" t) (char-from-name \"NO SUCH CHARACTER\")"
        " (read \"?\\\\N{GREEK CAPITAL LETTER OMEGA}\") (read \"\\\"\\\\N{U+1F600}\\\\N{SNOWMAN}\\\"\"))",
    # Case pairs that come only from uni-lowercase.el and uni-uppercase.el (characters.el sets
    # few itself), and special casing from uni-special-*.el.
    "case-conversion":
        "(mapcar (lambda (c) (list c (upcase c) (downcase c) (capitalize (string c)) (upcase (string c))"
        "  (downcase (string c)) (upcase-initials (string c))))"
        " (list ?ǆ ?ǅ ?Ǆ ?ǉ ?ǌ ?ǳ ?ς ?σ ?Σ ?ϐ ?ϑ ?ϕ ?ϖ ?ϰ ?ϱ ?ϵ ?ѐ ?Ѐ ?ә ?Ӛ ?ӏ ?ԁ ?ꙁ ?ß ?ẞ ?ﬁ ?ﬀ ?ŉ ?ǰ ?ΐ ?İ ?ı ?ſ ?K ?Å ?ǅ ?ⓐ ?Ⓐ ?ꭰ ?Ꭰ ?𐐨 ?𐐀 ?ა ?Ა))",
    "case-strings":
        "(list (upcase \"straße ﬁne ǆungla ǈ\") (capitalize \"ǆungla ǉubljana ﬁsh straße\")"
        " (downcase \"ΣΑΣ ΑΣ Σ\") (upcase-initials \"ǆ ǉ ǌ\") (upcase \"ꞵꞷ ⱥⱦ\") (downcase \"ȺȾ ꞴꞶ\"))",
    "case-tables":
        "(list (aref (standard-case-table) ?Ǆ) (aref (case-table-get-table (standard-case-table) 'up) ?ǆ)"
        " (with-temp-buffer (insert \"ǆemal ǅ ǆ\") (upcase-region (point-min) (point-max)) (buffer-string))"
        " (with-temp-buffer (insert \"ǅ ǆ ǌ\") (capitalize-region (point-min) (point-max)) (buffer-string)))",
    "char-width":
        "(list (mapcar #'char-width (list ?a ?é #x0301 #x200b ?中 ?가 #x1f600 ?ｱ ?Ａ ?ᄀ #x3000 ?\\t #xad #xfeff))"
        " (string-width \"日本語 abc ﾃｽﾄ 😀\") (truncate-string-to-width \"日本語テキスト\" 7))",
    "categories-and-syntax":
        "(list (mapcar (lambda (c) (aref unicode-category-table c)) (list ?A ?é ?5 ?中 #x0301 ?\\s #x2028))"
        " (mapcar (lambda (c) (char-syntax c)) (list ?« ?» ?（ ?） ?、 ?—))"
        " (mapcar (lambda (c) (category-set-mnemonics (char-category-set c))) (list ?a ?é ?中 ?あ ?가)))",
    "print-integers-as-characters":
        "(let ((print-integers-as-characters t)) (prin1-to-string (list ?a ?é ?中 #x0301 #x7f 10 #x200b)))",
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_char_tables_and_unicode_properties_agree_with_emacs(image, name):
    assert_prints_as_emacs(image, FORMS[name])
