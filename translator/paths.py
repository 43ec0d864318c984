"""Where emacs2cl keeps its data: the rules shipped with it and the user's cache."""
import os
import tempfile
from pathlib import Path

RULES_DIR = Path(os.environ.get("EMACS2CL_RULES") or Path(__file__).resolve().parent.parent / "emacs-src-rules")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/emacs2cl, by default ~/.cache/emacs2cl."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "emacs2cl"


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write DATA to PATH so that readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
