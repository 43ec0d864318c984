"""scripts/bench-elisp (issue 10): a tiny run of two of its items in Debian's Emacs and in the image
checks the table's and the JSON's shape, that both Emacsen print the same values, and that a run
over the time limit and bad input are reported, not fatal.  The whole suite is the script's."""
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import EMACS

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "bench-elisp"
CONFIGS = ["gnu-interp", "gnu-byte", "gnu-native", "image-interp", "image-byte", "image-native"]

pytestmark = pytest.mark.skipif(EMACS is None, reason="Debian's emacs is not installed")


def bench(*args, env=None):
    return subprocess.run([str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, env={**os.environ, **(env or {})}, timeout=600)


def test_two_items_agree_and_are_tabulated(image, tmp_path):
    out = tmp_path / "bench.json"
    p = bench("--only", "fib,pcase", "--runs", "1", "--json", str(out), image)
    assert p.returncode == 0, p.stderr
    data = json.loads(out.read_text())
    assert data["configs"] == CONFIGS and data["runs"] == 1
    assert [r["item"] for r in data["items"]] == ["fib", "pcase"]
    for row in data["items"]:
        configs = CONFIGS if data["native_comp"] else [c for c in CONFIGS if c != "gnu-native"]
        for c in configs:
            assert len(row["results"][c]["times"]) == 1, (row["item"], c, row["results"][c])
        values = {row["results"][c]["value"] for c in configs}
        assert row["values_agree"] and len(values) == 1
        assert row["ratio_interp"] > 0 and row["ratio_byte"] > 0
        # The image's native tier compiled the functions of items.elc (those of every item).
        count, seconds = row["results"]["image-native"]["compiled"]
        assert count > 20 and seconds > 0
    assert data["items"][0]["results"]["gnu-interp"]["value"].isdigit()  # a Fibonacci number
    lines = p.stdout.splitlines()
    assert lines[0].split()[:2] == ["item", "GNU"]
    assert [line.split()[0] for line in lines[2:4]] == ["fib", "pcase"]
    assert all(line.endswith("same") for line in lines[2:4])
    assert "geometric mean: interpreted" in lines[4] and "native-compiled" in lines[4]
    assert lines[5].startswith("the image's native-compile of items.elc: ")


def test_a_run_over_the_time_limit_is_reported_and_the_rest_goes_on(image, tmp_path):
    out = tmp_path / "bench.json"
    p = bench("--only", "fib", "--runs", "1", "--timeout", "0.01", "--json", str(out), image)
    assert p.returncode == 0, p.stderr
    row = json.loads(out.read_text())["items"][0]
    assert row["results"]["image-interp"] == {"error": "timeout (0.01 s)"}
    assert row["ratio_interp"] is None
    assert "fib image-interp: timeout (0.01 s)" in p.stdout


def test_bad_input_is_a_one_line_error(image, tmp_path):
    p = bench("--only", "no-such-item", image)
    assert p.returncode == 1 and p.stderr.startswith("bench-elisp: no item no-such-item (items: fib,")
    p = bench("--only", "regexp-scan", image, env={"XDG_CACHE_HOME": str(tmp_path)})
    assert p.returncode == 1
    assert p.stderr == f"bench-elisp: no src/xdisp.c of a configured 28.2 tree under {tmp_path}/emacs2cl/src (emacs2cl source 28.2 makes it)\n"
    p = bench("--only", "fib", str(tmp_path / "no-image"))
    assert p.returncode == 1 and p.stderr.startswith("bench-elisp: no image at ")
