"""The emacs2cl command line."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys

from .errors import Emacs2clError


def _release_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("version", nargs="?", metavar="VERSION", help="an Emacs release: 28.2, 30.1 or 30.2")
    p.add_argument("--emacs-src", metavar="DIR", help="an Emacs source tree to use instead of a release")


def _jobs_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="parallel GCC runs and readers (default: the number of cores)")


def _checked_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--checked", action="store_true",
                   help="compile the translation under the checked policy, safety 3 everywhere "
                        "(docs/optimize-policy.md); an image's default name is then emacs-checked")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="emacs2cl", description="Translate GNU Emacs's C sources into Common Lisp.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("source", help="get, configure and list the build of an Emacs release")
    _release_args(p)
    p.add_argument("--files", action="store_true", help="print each build file with its compile command")

    p = sub.add_parser("dump", help="print the GIMPLE IR of a release, a file or a function")
    _release_args(p)
    _jobs_arg(p)
    p.add_argument("--file", metavar="F", help="only this build file (data.c or src/data.c)")
    p.add_argument("--function", metavar="NAME", help="only the function(s) called NAME")
    p.add_argument("--no-lines", action="store_true", help="leave out statement line numbers")

    p = sub.add_parser("translate", help="translate a release's C into Common Lisp, with a report")
    _release_args(p)
    _jobs_arg(p)
    p.add_argument("--out", metavar="DIR", help="where to write the translation (default: the cache)")

    p = sub.add_parser("compile", help="compile a translation with SBCL; errors and warnings per function")
    _release_args(p)
    _jobs_arg(p)
    _checked_arg(p)
    p.add_argument("--out", metavar="DIR", help="the translation to compile (default: the cache)")

    p = sub.add_parser("image", help="build an executable SBCL Emacs from a release's translation")
    _release_args(p)
    _jobs_arg(p)
    p.add_argument("--out", metavar="FILE", help="the executable to write (default: the cache's images/RELEASE/emacs)")
    _checked_arg(p)
    p.add_argument("--lisp", choices=("preloaded", "tests", "all"), default="tests",
                   help="which of lisp/'s files to byte-compile: the preloaded ones, also those the "
                        "test suite loads (default), or all of them as `make -C lisp` does")
    p.add_argument("--clean-lisp", action="store_true",
                   help="remove the .elc and generated Lisp files of the tree first, and make them again")
    p.add_argument("--native", action="store_true",
                   help="compile every preloaded function natively when the image is dumped (as Emacs's "
                        "--with-native-compilation=aot; docs/native-compilation.md); an image's default "
                        "name is then emacs-native")

    p = sub.add_parser("diff", help="what changed from one release to another: C, translation, rules, behaviour")
    p.add_argument("sides", nargs="*", metavar="OLD NEW",
                   help="two releases (28.2, 30.1, 30.2) or Emacs source trees (directories)")
    p.add_argument("--old-src", metavar="DIR", help="an Emacs source tree as the old side")
    p.add_argument("--new-src", metavar="DIR", help="an Emacs source tree as the new side")
    p.add_argument("--old-image", metavar="DIR", help="the old side's image directory (default: the cache's)")
    p.add_argument("--new-image", metavar="DIR", help="the new side's image directory (default: the cache's)")
    p.add_argument("--ir-diffs", type=int, default=20, metavar="N",
                   help="show the IR diff of this many changed functions (default 20)")
    _jobs_arg(p)
    p.add_argument("--out", metavar="DIR", help="where to write diff.md, diff.json, diff.html "
                                                "(default: the cache's diffs/OLD..NEW)")

    p = sub.add_parser("test", help="run Emacs's ERT suite (test/src) in the image and in the oracle, side by side")
    _release_args(p)
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="test files: data, data-tests, src/data-tests.el or a path (default: the whole test/src suite)")
    _jobs_arg(p)
    p.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                   help="time limit of each test file's process (default 600: the image is slow)")
    p.add_argument("--image", metavar="PATH", help="the image to test (default: the cache's images/RELEASE/emacs)")
    p.add_argument("--oracle", metavar="PATH", help="the GNU Emacs to compare with (default: emacs-src-rules/ert.sexp's)")
    p.add_argument("--known-failures", metavar="FILE", help="the known differences, each with its reason "
                                                            "(default: tests/ert/known-failures.sexp)")
    p.add_argument("--out", metavar="DIR", help="where to write results.json, report.txt and logs/ "
                                                "(default: the cache's ert/BUILD/)")

    p = sub.add_parser("run", help="run a release's image with Emacs's arguments")
    p.add_argument("version", metavar="VERSION", help="an Emacs release: 28.2, 30.1 or 30.2")
    p.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS", help="Emacs's arguments (e.g. -Q --batch --eval ...)")

    p = sub.add_parser("stats", help="count the files, functions, blocks, statements and codes")
    _release_args(p)
    _jobs_arg(p)
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    return ap


def _build(args):
    from . import sources
    if not args.version and not args.emacs_src:
        raise Emacs2clError("name a release (" + ", ".join(sources.known_releases()) + ") or --emacs-src DIR")
    return sources.prepare(args.version, args.emacs_src)


def _program(args, files=None):
    """Dump FILES (default: the whole build) and read them; returns (build, program, failures)."""
    from .dump import Progress, dump_all
    from .gimple.program import Program
    from .gimple.reader import read_units
    build = _build(args)
    files = files or build.files
    dumps, failures = dump_all(build, files, args.jobs)
    for x in failures:
        print(f"emacs2cl: {x}", file=sys.stderr)
    progress = Progress(len(dumps), "reading", quiet=len(dumps) < 8)
    units = read_units(list(dumps.values()), args.jobs, progress, labels=list(dumps))
    progress.finish()
    return build, Program.from_units(units), failures


def cmd_source(args) -> int:
    build = _build(args)
    print(f"Emacs {build.version}: {len(build.files)} build files in {build.root}  (key {build.key})")
    if args.files:
        for f in build.files:
            print(f"{f.name}\t{' '.join(f.command)}")
    return 0


def cmd_dump(args) -> int:
    from .gimple import pretty
    build = _build(args)
    files = [build.file(args.file)] if args.file else None
    _, program, failures = _program(args, files)
    if args.function:
        found = program.find(args.function)
        if not found and not failures:
            where = args.file or f"the {build.version} build"
            raise Emacs2clError(f"no function {args.function} in {where}")
        for f in found:
            print(f"// unit {f.unit}; bodies in {len(program.copies[f.key])} units")
            print(pretty.function_str(f, lines=not args.no_lines))
            print()
        return 1 if failures else 0
    for u in program.units:
        print(f"// ---- unit {u.file} (GCC {u.gcc}): {len(u.functions)} functions, {len(u.variables)} variables")
        for t in u.types:
            if t.main is None and t.code in ("record_type", "union_type") and t.fields:
                print(pretty.struct_str(t))
        for v in u.variables:
            print(pretty.variable_str(v))
        for f in u.functions:
            print(pretty.function_str(f, lines=not args.no_lines))
            print()
    return 1 if failures else 0


def cmd_stats(args) -> int:
    from . import stats
    build, program, failures = _program(args)
    counts = stats.collect(program, failures)
    counts["release"] = build.version
    counts["build"] = build.key
    if args.json:
        print(json.dumps(counts, indent=1))
    else:
        print(stats.render(counts, f"Emacs {build.version} ({build.key})"))
    return 1 if failures else 0


def cmd_translate(args) -> int:
    from .translate import translate
    build = _build(args)
    out, report, failures = translate(build, args.out, args.jobs)
    print(report.summary(), end="")
    print(f"translation in {out} (report.json, report.txt, emacs-c.asd)")
    return 1 if failures else 0


def cmd_compile(args) -> int:
    from .compile import compile_command, unusable
    from .translate import translate
    build = _build(args)
    out, _, failures = translate(build, args.out, args.jobs)
    result = compile_command(out, args.jobs, args.checked)
    print(f"compiled {out}: {result['summary']}")
    for m in result["messages"]:
        if m["kind"] != "style-warning":
            print(f"  {m['kind']}: {m['file']} {m['function']}: {m['message']}")
    for u in result["undefined_outside_runtime"]:
        print(f"  undefined function outside the runtime's interface: {u}")
    print("slowest: " + ", ".join(f"{x['function']} {x['seconds']} s" for x in result["slowest"]))
    return 1 if failures or result["errors"] or unusable(result) else 0


def cmd_image(args) -> int:
    from pathlib import Path
    from .compile import compile_command, unusable
    from .image import build_image, image_dir
    from .translate import translate
    build = _build(args)
    out, _, failures = translate(build, None, args.jobs)
    if failures:
        print(f"emacs2cl: warning: {len(failures)} files failed to dump; their functions are missing", file=sys.stderr)
    result = compile_command(out, args.jobs, args.checked)
    print(f"compiled {out}: {result['summary']}", file=sys.stderr)
    cause = unusable(result)
    if cause:
        raise Emacs2clError(f"no image built: {cause} (the compile section of {out / 'report.json'})")
    name = "emacs" + ("-checked" if args.checked else "") + ("-native" if args.native else "")
    target = Path(args.out) if args.out else image_dir(build.version) / name
    seconds = build_image(out, Path(build.root) / "lisp", target, jobs=args.jobs, scope=args.lisp,
                          clean_lisp=args.clean_lisp, native=args.native)
    print(f"image {target} ({target.stat().st_size / 2**20:.0f} MiB) built in {seconds:.0f} s")
    return 0


def cmd_diff(args) -> int:
    from pathlib import Path
    from . import diff, diff_render, sources
    from .paths import cache_dir, write_atomically
    old_spec, new_spec = diff.resolve_sides(args.sides, args.old_src, args.new_src, sources.known_releases())
    old, new = diff.load_sides(old_spec, new_spec, args.jobs, args.old_image, args.new_image)
    model = diff.compare(old, new, args.jobs, args.ir_diffs)
    out = Path(args.out) if args.out else cache_dir() / "diffs" / f"{old.label}..{new.label}"
    for name, text in (("diff.md", diff_render.markdown(model)), ("diff.json", diff_render.to_json(model)),
                       ("diff.html", diff_render.page(model))):
        write_atomically(out / name, text)
    print(diff_render.summary(model, out), end="")
    return 1 if old.failures or new.failures else 0


def cmd_test(args) -> int:
    from .ert.command import test_command
    if args.emacs_src and args.version:  # with a tree, the first positional is a file
        args.files.insert(0, args.version)
        args.version = None
    test_command(_build(args), args.files, args.image, args.oracle, args.jobs, args.timeout, args.out,
                 args.known_failures)
    return 0


def cmd_run(args) -> int:
    from . import sources
    from .ert.command import run_image
    sources.known_release(args.version)
    run_image(args.version, args.args)
    return 0  # not reached: the image replaces this process


COMMANDS = {"source": cmd_source, "dump": cmd_dump, "stats": cmd_stats, "translate": cmd_translate,
            "compile": cmd_compile, "image": cmd_image, "diff": cmd_diff,
            "test": cmd_test, "run": cmd_run}


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except Emacs2clError as e:
        print(f"emacs2cl: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("emacs2cl: interrupted (finished files are cached; run again to resume)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`emacs2cl dump ... | head`): not an error.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
