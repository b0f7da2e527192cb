"""Opening the log file: checks that read it alone, then connecting and migrating.

Nothing here writes before the file has been looked at, so a file that is set aside (see
recovery) or left alone is exactly as it was found.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from backstretch.core.i18n import N_, tr
from backstretch.core.log.schema import MIGRATIONS, SCHEMA_VERSION, required_columns

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS: Final = 5000  # a second instance writing waits this long before giving up


class LogError(Exception):
    """Why a log file cannot be used. kind: bad | newer | busy | unwritable."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_BAD_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def classify(error: sqlite3.Error) -> LogError:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _BAD_CODES:
        return LogError("bad", reason(error))
    if primary in _BUSY_CODES:
        return LogError("busy", tr("another program is writing to it"))
    return LogError("unwritable", reason(error))


def reason(error: BaseException) -> str:
    """Why, in words for the person: the system's own for a file error, ours for SQLite's."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    text = str(error)
    known = {
        "file is not a database": N_("it is not a database"),
        "database disk image is malformed": N_("it is damaged"),
    }.get(text)
    return text if known is None else tr(known)  # SQLite's own words for the rest


def check_header(path: Path) -> None:
    """A file cut short is only found out when a missing page is read, perhaps in the middle
    of a session; its header says how long it should be, so compare that at once."""
    try:
        size = path.stat().st_size
        if size == 0:
            return  # an empty file is an empty database to SQLite: it becomes a fresh log
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise LogError("unwritable", reason(error)) from error
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise LogError("bad", tr("it is not a database"))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trusted only when it was written by the same change as the counter.
    valid = header[24:28] == header[92:96]
    if valid and pages and size < pages * page_size:
        raise LogError("bad", tr("it is cut short"))


def prepare_file(path: Path) -> None:
    """The folder (private to the user) and an empty file with mode 0600 before SQLite opens
    it: SQLite gives its -wal and -shm files the database file's permissions."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.is_dir():
            raise LogError("bad", tr("a folder is where the file should be"))
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        if (os.stat(path).st_mode & 0o777) != 0o600:
            os.chmod(path, 0o600)
    except OSError as error:
        raise LogError("unwritable", reason(error)) from error


def connect(path: Path | str, busy_timeout_ms: int) -> sqlite3.Connection:
    # isolation_level=None: no hidden transactions; every write says where its transaction
    # begins and ends, so none stays open (and holds the write lock) longer than a statement.
    connection = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE takes the write lock at the start, so the busy timeout applies to it;
    a deferred transaction that reads first can fail at once when it tries to write."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _foreign_tables(connection: sqlite3.Connection) -> None:
    tables = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    if tables:
        raise LogError("bad", tr("it holds tables of some other program"))


def _look(connection: sqlite3.Connection) -> None:
    """Everything that can be said about the file by reading it alone. Nothing is written
    before this passes, so a file set aside or left alone is as it was found."""
    version = _version(connection)
    if version > SCHEMA_VERSION:
        raise LogError(
            "newer",
            tr("it was written by a newer BackStretch (schema {version})").format(version=version),
        )
    if version == 0:
        _foreign_tables(connection)
    elif version == SCHEMA_VERSION:
        _check_schema(connection)


def migrate(connection: sqlite3.Connection) -> None:
    if _version(connection) == SCHEMA_VERSION:
        return
    with transaction(connection):
        # Read again under the write lock: another instance may have just migrated it.
        version = _version(connection)
        if version == 0:
            _foreign_tables(connection)
        for step in MIGRATIONS[version:]:
            step(connection)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    _check_schema(connection)


def _check_schema(connection: sqlite3.Connection) -> None:
    for table, required in required_columns().items():
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if not columns:
            raise LogError("bad", tr("its {table} table is missing").format(table=table))
        if missing := required - columns:
            raise LogError(
                "bad",
                tr("its {table} table lacks {columns}").format(
                    table=table, columns=", ".join(sorted(missing))
                ),
            )


def connect_file(path: Path, busy_timeout_ms: int, create: bool) -> sqlite3.Connection:
    """A connection to the log at `path`, created or migrated, or LogError saying why not."""
    if create:
        prepare_file(path)
    elif path.is_dir():
        raise LogError("bad", tr("a folder is where the file should be"))
    check_header(path)
    try:
        # Look through a read-only connection first: closing a writable one would
        # checkpoint and delete a -wal that belongs to a file about to be set aside.
        looking = sqlite3.connect(
            path.absolute().as_uri() + "?mode=ro", uri=True, timeout=busy_timeout_ms / 1000
        )
        try:
            _look(looking)
        finally:
            looking.close()
        connection = connect(path, busy_timeout_ms)
    except sqlite3.Error as error:
        raise classify(error) from error
    try:
        # Readers in WAL mode never wait for a writer, and a writer commits by appending.
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            log.warning("%s: journal mode is %s, not wal", path, mode)
        # NORMAL in WAL mode: a commit survives the app being killed (the test kills it
        # with -9); only a power cut can lose the last hold, and never the file itself.
        connection.execute("PRAGMA synchronous = NORMAL")
        migrate(connection)
    except BaseException as error:
        connection.close()
        if isinstance(error, sqlite3.Error):
            raise classify(error) from error
        raise
    return connection


def connect_memory() -> sqlite3.Connection:
    """A migrated log in memory: the fallback when no file works."""
    connection = connect(":memory:", BUSY_TIMEOUT_MS)
    migrate(connection)
    return connection
