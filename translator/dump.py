"""Running GCC with the gimple_dump plugin over the files of a build, with a cache.

The plugin is built on first use against the installed GCC's plugin headers and cached by a
hash of its source and of the GCC version.  A dump is cached per build, plugin and file; it is
written by the plugin to a temporary name and renamed when complete, so an interrupted run
leaves no partial dump and a rerun resumes with the files not yet dumped.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import Emacs2clError
from .paths import cache_dir
from .rules import forms_named
from .sources import Build, BuildFile, require_tool

# GCC's messages in plain ASCII (no locale quotes), the same on every machine.
GCC_ENV = dict(os.environ, LC_ALL="C")
PLUGIN_SOURCE = Path(__file__).resolve().parent / "plugin" / "gimple_dump.cc"
_plugin_lock = threading.Lock()


def _gcc_output(args: list[str]) -> str:
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()


def plugin_path(gcc: str = "gcc") -> Path:
    """The plugin's shared object, built if this source and this GCC have not built it yet."""
    with _plugin_lock:
        require_tool(gcc, "gcc-12")
        version = _gcc_output([gcc, "-dumpfullversion"])
        include = Path(_gcc_output([gcc, "-print-file-name=plugin"])) / "include"
        if not (include / "gcc-plugin.h").exists():
            raise Emacs2clError(f"GCC plugin headers not found in {include}: install gcc-{version.split('.')[0]}-plugin-dev "
                                f"(scripts/setup installs everything emacs2cl needs)")
        source = PLUGIN_SOURCE.read_bytes()
        digest = hashlib.sha256(source + version.encode()).hexdigest()[:16]
        so = cache_dir() / "plugin" / digest / "gimple_dump.so"
        if so.exists():
            return so
        gxx = gcc[:-3] + "g++" if gcc.endswith("gcc") else "g++"
        require_tool(gxx, "g++-12")
        so.parent.mkdir(parents=True, exist_ok=True)
        tmp = so.with_suffix(f".{os.getpid()}.tmp")
        print(f"emacs2cl: building the GCC plugin ({so})", file=sys.stderr, flush=True)
        p = subprocess.run([gxx, "-shared", "-fPIC", "-fno-rtti", "-O2", f"-I{include}", str(PLUGIN_SOURCE),
                            "-o", str(tmp)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            first = next((ln for ln in p.stdout.splitlines() if "error" in ln), p.stdout.strip()[:200])
            raise Emacs2clError(f"building the GCC plugin failed: {first}")
        os.replace(tmp, so)
        return so


def compile_flags(command: list[str]) -> list[str]:
    """The build's compile command without output, dependency and debug/optimization options,
    with the flags build.sexp adds for the dump (and for the plain compile it is compared with)."""
    drop = {str(x) for f in forms_named("build.sexp", "drop-flags") for x in f}
    add = [str(x) for f in forms_named("build.sexp", "add-flags") for x in f]
    out, skip = [], False
    for arg in command[1:]:
        if skip:
            skip = False
        elif arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
        elif arg in ("-c", "-MMD", "-MD", "-MP") or arg in drop:
            pass
        else:
            out.append(arg)
    return [command[0], *add, *out]


def dump_command(f: BuildFile, plugin: Path, out: Path) -> list[str]:
    # -S -o /dev/null: the plugin exits before assembly, so no object file is wanted.
    return [*compile_flags(f.command), "-S", "-o", "/dev/null", f"-fplugin={plugin}",
            f"-fplugin-arg-gimple_dump-out={out}"]


def plain_command(f: BuildFile, obj: Path) -> list[str]:
    """`gcc -O0 -c` of F with the dump's flags: the peer the dump is measured against."""
    return [*compile_flags(f.command), "-c", "-o", str(obj)]


@dataclass
class DumpFailure:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def dump_dir(build: Build, plugin: Path) -> Path:
    return cache_dir() / "dumps" / build.key / plugin.parent.name


def gcc_error(stderr: str, returncode: int) -> str:
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for ln in lines:
        if "error:" in ln or "fatal" in ln:
            return ln
    return lines[-1] if lines else f"gcc exited with status {returncode}"


def run_dump(cmd: list[str], cwd, out: Path, name: str) -> Path:
    """Run a dump command; OUT exists after it, or Emacs2clError names NAME and GCC's error."""
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       errors="replace", env=GCC_ENV)
    if p.returncode != 0 or not out.exists():
        raise Emacs2clError(f"{name}: gcc failed: {gcc_error(p.stderr, p.returncode)}")
    return out


def dump_file(build: Build, f: BuildFile, plugin: Path) -> Path:
    """The dump of F, from the cache or made now; raises Emacs2clError if GCC rejects F."""
    out = dump_dir(build, plugin) / (f.name.replace("/", "__") + ".sx")
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    return run_dump(dump_command(f, plugin, out), f.directory, out, f.name)


def dump_source(c_file: str | os.PathLike, out: str | os.PathLike, flags=("-O0",), gcc: str = "gcc") -> Path:
    """Dump one C file outside any build (test fixtures, experiments); GCC errors raise."""
    c_file, out = Path(c_file), Path(out)
    cmd = [gcc, *flags, "-S", "-o", "/dev/null", f"-fplugin={plugin_path(gcc)}",
           f"-fplugin-arg-gimple_dump-out={out}", str(c_file)]
    return run_dump(cmd, None, out, c_file.name)


class Progress:
    """A one-line counter on stderr for long runs: "[12/71] data.c"."""

    def __init__(self, total: int, what: str, quiet: bool = False):
        self.total, self.done, self.what = total, 0, what
        self.quiet = quiet or total == 0
        self.tty = sys.stderr.isatty()
        self.lock = threading.Lock()
        self.start = time.monotonic()

    def step(self, name: str) -> None:
        with self.lock:
            self.done += 1
            if self.quiet:
                return
            msg = f"{self.what} [{self.done}/{self.total}] {name}"
            if self.tty:
                print(f"\r\033[K{msg}", end="", file=sys.stderr, flush=True)
            elif self.done == self.total or self.done % max(1, self.total // 10) == 0:
                print(msg, file=sys.stderr, flush=True)

    def finish(self) -> None:
        if not self.quiet:
            if self.tty:
                print("\r\033[K", end="", file=sys.stderr)
            print(f"{self.what}: {self.done} files in {time.monotonic() - self.start:.1f} s",
                  file=sys.stderr, flush=True)


def dump_all(build: Build, files: list[BuildFile], jobs: int | None = None,
             quiet: bool = False) -> tuple[dict[str, Path], list[DumpFailure]]:
    """Dump FILES in parallel; a file GCC rejects is a failure and the others go on."""
    plugin = plugin_path(build.files[0].command[0] if build.files else "gcc")
    progress = Progress(len(files), "dumping", quiet)
    dumps: dict[str, Path] = {}
    failures: list[DumpFailure] = []

    def one(f: BuildFile):
        try:
            dumps[f.name] = dump_file(build, f, plugin)
        except Emacs2clError as e:
            failures.append(DumpFailure(f.name, str(e).split(": ", 1)[1]))
        progress.step(f.name)

    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        list(pool.map(one, files))
    progress.finish()
    order = {f.name: i for i, f in enumerate(files)}
    return dict(sorted(dumps.items(), key=lambda kv: order[kv[0]])), sorted(failures, key=lambda x: order[x.file])
