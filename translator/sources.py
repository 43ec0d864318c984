"""Emacs sources in, a configured tree with its build's file list and compile commands out.

A release comes from Debian's source package (version pinned in emacs-src-rules/releases.sexp);
a tree the user names is copied into the cache, so that configuring it leaves the user's
directory alone.  Every step leaves a stamp, so an interrupted run resumes where it stopped, and
the result is recorded in build.json, written last and atomically.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Emacs2clError
from .paths import RULES_DIR, cache_dir, write_atomically
from .rules import forms_named, plist

BUILD_FORMAT = 2


@dataclass(frozen=True)
class Release:
    """An Emacs release that Debian's source packages carry."""
    version: str
    debian: str
    suite: str

    @property
    def orig_tarball(self) -> str:
        upstream = self.debian.split(":", 1)[-1].rsplit("-", 1)[0]
        return f"emacs_{upstream}.orig.tar.xz"


@dataclass
class BuildFile:
    """One C file of the build and the exact command that compiles it."""
    name: str             # path relative to the tree, e.g. "src/data.c"
    directory: str        # absolute directory the command runs in
    command: list[str]    # argv, as the build runs it

    @property
    def stem(self) -> str:
        return Path(self.name).name


@dataclass
class Build:
    """A configured Emacs tree ready to compile file by file."""
    key: str              # cache key: release (or tree) and configuration
    version: str          # Emacs's version, from configure.ac
    root: str             # the configured tree
    configure: list[str]
    files: list[BuildFile] = field(default_factory=list)
    doc: str = ""         # the DOC file make-docfile writes: doc strings of DEFUNs and DEFVARs

    def docstrings(self) -> dict:
        """Doc strings by ("F" or "V", Lisp name), from the DOC file."""
        out = {}
        if self.doc and Path(self.doc).exists():
            for entry in Path(self.doc).read_bytes().split(b"\x1f")[1:]:
                head, _, text = entry.partition(b"\n")
                if head[:1] in (b"F", b"V"):
                    out[(head[:1].decode(), head[1:].decode(errors="replace"))] = text.decode(errors="replace")
        return out

    def file(self, name: str) -> BuildFile:
        """The build file called NAME ("data.c" or "src/data.c")."""
        for f in self.files:
            if f.name == name or f.stem == name:
                return f
        raise Emacs2clError(f"{name} is not a file of the {self.key} build "
                            f"({len(self.files)} files; `emacs2cl stats` lists them)")

    def to_json(self) -> str:
        return json.dumps({"format": BUILD_FORMAT, "key": self.key, "version": self.version,
                           "root": self.root, "configure": self.configure, "doc": self.doc,
                           "files": [vars(f) for f in self.files]}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Build":
        d = json.loads(text)
        if d.get("format") != BUILD_FORMAT:
            raise ValueError("old build format")
        return cls(d["key"], d["version"], d["root"], d["configure"],
                   [BuildFile(**f) for f in d["files"]], d["doc"])


def log(msg: str) -> None:
    print(f"emacs2cl: {msg}", file=sys.stderr, flush=True)


def known_releases() -> dict[str, Release]:
    out = {}
    for form in forms_named("releases.sexp", "release"):
        props = plist(form[1:])
        out[form[0]] = Release(form[0], props["debian"], props["suite"])
    return out


def known_release(version: str) -> Release:
    """The release called VERSION, or an error listing the known ones."""
    releases = known_releases()
    if version not in releases:
        raise Emacs2clError(f"unknown Emacs release {version!r}; known releases: "
                            f"{', '.join(releases)} (or give a tree with --emacs-src DIR)")
    return releases[version]


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        raise Emacs2clError(f"{name} not found: install the Debian package {package} "
                            f"(scripts/setup installs everything emacs2cl needs)")
    return path


def run(cmd: list[str], cwd: Path, what: str, env: dict | None = None) -> str:
    """Run CMD in CWD; on failure raise an error naming WHAT and the last line it printed."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, errors="replace", env=env)
    except FileNotFoundError:
        raise Emacs2clError(f"{what}: {cmd[0]} not found") from None
    if p.returncode != 0:
        lines = [ln for ln in p.stdout.splitlines() if ln.strip()]
        errors = [ln for ln in lines if "error" in ln.lower()]
        last = (errors or lines or ["(no output)"])[-1].strip()
        raise Emacs2clError(f"{what} failed (exit {p.returncode}) in {cwd}: {last}")
    return p.stdout


# ---------------------------------------------------------------------------------------------
# Getting the sources.

def fetch_release(release: Release) -> Path:
    """The upstream tarball of RELEASE, downloaded with apt-get once."""
    dl = cache_dir() / "downloads" / release.version
    tarball = dl / release.orig_tarball
    if tarball.exists():
        return tarball
    require_tool("apt-get", "apt")
    dl.mkdir(parents=True, exist_ok=True)
    log(f"downloading Debian source package emacs={release.debian}")
    # The .dsc of some releases answers 404 while the tarballs download; apt keeps what it got,
    # so the exit status alone does not decide.  The tarball is moved into place when complete.
    p = subprocess.run(["apt-get", "source", "--download-only", "-qq", f"emacs={release.debian}"],
                       cwd=dl, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if not tarball.exists():
        last = (p.stdout.strip().splitlines() or ["(no output)"])[-1]
        raise Emacs2clError(f"could not download emacs={release.debian} "
                            f"(needs the deb-src line for {release.suite}; scripts/setup adds it): {last}")
    return tarball


def tree_fingerprint(root: Path) -> str:
    """A hash of the names, sizes and times of the files of a tree (not their contents)."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in (".git",))
        for name in sorted(filenames):
            p = os.path.join(dirpath, name)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            h.update(f"{os.path.relpath(p, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def config_hash() -> str:
    """A hash of the build rules: a tree configured under other rules is another tree."""
    return hashlib.sha256((RULES_DIR / "build.sexp").read_bytes()).hexdigest()[:8]


def emacs_version(tree: Path) -> str:
    try:
        text = (tree / "configure.ac").read_text(errors="replace")
    except OSError:
        raise Emacs2clError(f"{tree} is not an Emacs source tree (no configure.ac)") from None
    m = re.search(r"AC_INIT\(\s*\[?GNU Emacs\]?\s*,\s*\[?([0-9][0-9.]*)", text)
    if not m:
        raise Emacs2clError(f"{tree}/configure.ac does not name an Emacs version")
    return m.group(1)


def unpack(tarball: Path, dest: Path) -> None:
    require_tool("tar", "tar")
    tmp = dest.with_name(dest.name + ".unpacking")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    log(f"unpacking {tarball.name}")
    run(["tar", "-xf", str(tarball), "-C", str(tmp)], tmp, f"unpacking {tarball}")
    (top,) = [p for p in tmp.iterdir()]
    top.rename(dest)
    tmp.rmdir()


def copy_tree(src: Path, dest: Path) -> None:
    tmp = dest.with_name(dest.name + ".copying")
    shutil.rmtree(tmp, ignore_errors=True)
    log(f"copying {src} into the cache")
    shutil.copytree(src, tmp, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    tmp.rename(dest)


# ---------------------------------------------------------------------------------------------
# Configuring and listing the build.

def step(tree: Path, name: str, action) -> None:
    """Run ACTION once per tree: a stamp file records that it finished."""
    stamp = tree / f".emacs2cl-{name}"
    if stamp.exists():
        return
    action()
    stamp.touch()


def configure_tree(tree: Path) -> list[str]:
    flags = [str(x) for f in forms_named("build.sexp", "configure") for x in f]

    def stubs():
        for rel, text in forms_named("build.sexp", "doc-stub"):
            p = tree / rel
            if not p.exists():
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(text)

    def autogen():
        if not (tree / "configure").exists():
            require_tool("autoconf", "autoconf")
            require_tool("automake", "automake")
            log("running autogen.sh")
            run(["./autogen.sh", "autoconf"], tree, "autogen.sh")

    def configure():
        require_tool("gcc", "gcc-12")
        require_tool("make", "make")
        if not shutil.which("makeinfo"):
            # configure refuses to go on without makeinfo unless the manual looks built.
            (tree / "info").mkdir(exist_ok=True)
            (tree / "info" / "emacs").touch()
        log(f"configuring: ./configure {' '.join(flags)}")
        run(["./configure", *flags], tree, "configure")

    def headers():
        for directory, *targets in forms_named("build.sexp", "make"):
            log(f"generating headers: make -C {directory} {' '.join(targets)}")
            run(["make", f"-j{os.cpu_count() or 1}", "-C", directory, *targets], tree,
                f"make -C {directory}")

    step(tree, "doc-stubs", stubs)
    step(tree, "autogen", autogen)
    step(tree, "configured", configure)
    step(tree, "headers", headers)
    return flags


def compile_commands(tree: Path) -> list[BuildFile]:
    """Each object file of the build with the command make runs for it."""
    src = tree / "src"
    (rule,) = forms_named("build.sexp", "list-objects")[0]
    objs = run(["make", "-s", "--eval", rule, "print-objs"], src, "listing the build's objects").split()
    out = []
    # One `make -n` for all objects: each prints its compile line, in order.
    text = run(["make", "-n", "V=1", *objs], src, "asking make for compile commands")
    by_source = {}
    for ln in text.splitlines():
        words = ln.split()
        if not (words and re.search(r"(^|[-/])(gcc|cc|clang)(-[0-9.]+)?$", words[0]) and "-c" in words):
            continue
        argv = shlex.split(ln)
        sources = [a for a in argv if a.endswith((".c", ".m"))]
        if sources:
            by_source[sources[-1]] = argv
    for obj in objs:
        name = obj[:-2] + ".c"
        if name not in by_source:
            if (src / (obj[:-2] + ".m")).exists():
                continue  # Objective-C (NextStep) is outside a C translator
            raise Emacs2clError(f"make printed no compile command for {obj}")
        out.append(BuildFile(f"src/{name}", str(src), by_source[name]))
    return out


def make_doc(tree: Path, files: list[BuildFile], out: Path) -> None:
    """Run the build's make-docfile over its C files, as `make` does for etc/DOC."""
    tool = tree / "lib-src" / "make-docfile"
    text = subprocess.run([str(tool), "-d", str(tree / "src"), *[Path(f.name).name for f in files]],
                          cwd=tree / "src", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if text.returncode != 0:
        raise Emacs2clError(f"make-docfile failed: {text.stderr.decode(errors='replace').strip()[-200:]}")
    write_atomically(out, text.stdout)


def prepare(version: str | None = None, emacs_src: str | None = None) -> Build:
    """A configured Emacs tree, from the cache when it is there, with its build recorded."""
    if emacs_src:
        src = Path(emacs_src).resolve()
        if not src.is_dir():
            raise Emacs2clError(f"--emacs-src {emacs_src}: no such directory")
        ver = emacs_version(src)
        key = f"tree-{ver}-{tree_fingerprint(src)}-{config_hash()}"
    else:
        release = known_release(version)
        ver = version
        key = f"{version}-{config_hash()}"
    base = cache_dir() / "src" / key
    build_json = base / "build.json"
    if build_json.exists():
        try:
            return Build.from_json(build_json.read_text())
        except (ValueError, KeyError):
            pass  # an older format: prepare again
    tree = base / "tree"
    if not tree.exists():
        if emacs_src:
            copy_tree(src, tree)
        else:
            unpack(fetch_release(release), tree)
    flags = configure_tree(tree)
    files = compile_commands(tree)
    build = Build(key, emacs_version(tree), str(tree), flags, files, str(base / "DOC"))
    make_doc(tree, files, Path(build.doc))
    write_atomically(build_json, build.to_json())
    log(f"{key}: {len(build.files)} build files recorded in {build_json}")
    return build
