"""Files written so a crash cannot half-write them, and files set aside, never deleted."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BAD_PATTERN = "{name}.bad-{stamp}"


def atomic_write(path: Path, content: bytes) -> None:
    """Replace `path` with `content` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600; give it the mode the old file had, or a new file's usual
        # mode, so that an exported routine can be read by whoever it is shared with.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)  # read the umask: the only way is to set it and put it back
        os.umask(mask)
        return 0o666 & ~mask


def set_aside(
    path: Path,
    *,
    into: Path | None = None,
    pattern: str = BAD_PATTERN,
    companions: Sequence[str] = (),
) -> Path:
    """Move `path` to a name with the local time in it and return where; never delete it.

    By default <name>.bad-<YYYYmmdd-HHMMSS> beside it; `into` another folder (made if need be),
    `pattern` another name ({name}, {stem} and {stamp}). Two in one second are numbered
    (<stamp>-2), so neither is lost. `companions` are suffixes of files that belong with it and
    move along (SQLite finds a database's -wal by its name). OSError if it cannot be moved.
    """
    folder = into or path.parent
    stamp = time.strftime("%Y%m%d-%H%M%S")

    def target(tag: str) -> Path:
        return folder / pattern.format(name=path.name, stem=path.stem, stamp=tag)

    kept = target(stamp)
    n = 1
    while kept.exists() or any(kept.with_name(kept.name + s).exists() for s in companions):
        n += 1
        kept = target(f"{stamp}-{n}")
    if into is not None:
        into.mkdir(parents=True, exist_ok=True)
    os.replace(path, kept)  # the bytes stay as they are: a rename within one folder tree
    for suffix in companions:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, kept.with_name(kept.name + suffix))
    return kept
