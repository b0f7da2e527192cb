"""open_log: the log to use whatever the file is like, never an exception.

A bad file is set aside (renamed, never deleted) and a fresh log starts; a file that cannot be
used (newer, locked, read-only) is left alone and the log lives in memory for this run.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from backstretch.core.files import set_aside
from backstretch.core.i18n import tr
from backstretch.core.log.opening import BUSY_TIMEOUT_MS, LogError, classify, reason
from backstretch.core.log.store import SessionLog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedLog:
    """The log to use, one calm sentence when something was wrong, and how many sessions
    were found still running from an earlier start (the app had died) and marked interrupted."""

    log: SessionLog
    notice: str | None = None
    interrupted: int = 0


def _set_aside(path: Path) -> Path:
    """Rename the file (and its -wal, -shm and -journal: SQLite finds them by name) to
    <name>.bad-<time>; never delete it."""
    return set_aside(path, companions=("-wal", "-shm", "-journal"))


def _fallback(error: LogError, path: Path) -> str:
    # Whole sentences, each ending in the same promise, so a translator sees each entire.
    if error.kind == "newer":
        return tr(
            "Your session history at {path} was written by a newer version of BackStretch, "
            "so this version leaves it untouched; the session still runs, but it will not be "
            "kept in your history this time."
        ).format(path=path)
    if error.kind == "busy":
        return tr(
            "Your session history at {path} is locked by another program (perhaps another "
            "BackStretch), so the session still runs, but it will not be kept in your history "
            "this time."
        ).format(path=path)
    return tr(
        "Your session history at {path} cannot be written ({reason}), so the session still "
        "runs, but it will not be kept in your history this time."
    ).format(path=path, reason=error.reason)


def open_log(
    path: Path,
    *,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    mark_interrupted: bool = True,
    create: bool = True,
) -> OpenedLog:
    """The log at `path`, never an exception. A bad file is set aside and a fresh log starts;
    a file that cannot be used (newer, locked, read-only) is left alone and the log lives in
    memory for this run. Either way `notice` says so in one sentence.

    mark_interrupted=False and create=False are for readers such as `backstretch log`, which
    must not take a session running in the app for a dead one, nor create a file."""
    try:
        if not create and not path.exists() and not path.is_symlink():
            return OpenedLog(SessionLog.in_memory())
        try:
            session_log = SessionLog.open_file(path, busy_timeout_ms=busy_timeout_ms, create=create)
        except LogError as error:
            if error.kind != "bad":
                log.warning("session log %s: %s", path, error.reason)
                return OpenedLog(SessionLog.in_memory(), _fallback(error, path))
            return _start_afresh(path, error, busy_timeout_ms)
        return _finish_opening(session_log, path, mark_interrupted)
    except (OSError, sqlite3.Error) as error:  # whatever else the disk may say: still no crash
        log.exception("session log %s", path)
        return OpenedLog(
            SessionLog.in_memory(), _fallback(LogError("unwritable", reason(error)), path)
        )


def _finish_opening(session_log: SessionLog, path: Path, mark_interrupted: bool) -> OpenedLog:
    if not mark_interrupted:
        return OpenedLog(session_log)
    try:
        # Also the first write of this run: a locked or read-only file shows up here.
        interrupted = session_log.mark_interrupted()
    except sqlite3.Error as error:
        session_log.close()
        return OpenedLog(SessionLog.in_memory(), _fallback(classify(error), path))
    return OpenedLog(session_log, None, interrupted)


def _start_afresh(path: Path, error: LogError, busy_timeout_ms: int) -> OpenedLog:
    log.warning("session log %s: %s; setting it aside", path, error.reason)
    try:
        kept = _set_aside(path)
    except OSError as move_error:
        return OpenedLog(
            SessionLog.in_memory(),
            tr(
                "Your session history at {path} could not be read ({reason}) and could not be "
                "moved aside ({move_reason}), so the session still runs, but it will not be "
                "kept in your history this time."
            ).format(path=path, reason=error.reason, move_reason=reason(move_error)),
        )
    notice = tr(
        "Your session history could not be read ({reason}), so it was kept as {kept} and a "
        "new history has started."
    ).format(reason=error.reason, kept=kept)
    try:
        fresh = SessionLog.open_file(path, busy_timeout_ms=busy_timeout_ms)
    except LogError as second:
        return OpenedLog(
            SessionLog.in_memory(),
            tr(
                "Your session history could not be read ({reason}), so it was kept as {kept}; "
                "a new one cannot be written ({new_reason}), so the session still runs, but it "
                "will not be kept in your history this time."
            ).format(reason=error.reason, kept=kept, new_reason=second.reason),
        )
    return OpenedLog(fresh, notice)
