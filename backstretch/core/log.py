"""The session log: a private SQLite file that survives crashes, bad files and a second instance."""

from __future__ import annotations

import contextlib
import enum
import functools
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

if TYPE_CHECKING:  # the engine is loaded with the first session; the log may open before that
    from backstretch.core.engine import HoldRecord

log = logging.getLogger(__name__)

SCHEMA_VERSION: Final = 3
BUSY_TIMEOUT_MS: Final = 5000  # a second instance writing waits this long before giving up
NOT_RECORDED: Final = 0  # the session id when the log could not take a new session

COMPLETED, STOPPED, INTERRUPTED, IN_PROGRESS = "completed", "stopped", "interrupted", "in_progress"
STATUSES: Final = (COMPLETED, STOPPED, INTERRUPTED, IN_PROGRESS)
OUTCOMES: Final = ("done", "extended", "skipped", "pain", "stopped")
SIDES: Final = ("left", "right")
PAIN_RANGE: Final = range(11)  # 0 no pain ... 10 worst pain imaginable


# Every schema the app has ever written, as the steps that lead from one to the next:
# MIGRATIONS[n] turns a version-n database into version n + 1, inside one transaction. A new
# schema appends a step and never edits an old one, so a file of any age reaches the newest.
_SCHEMA_1 = (
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,       -- ISO 8601, local time with its UTC offset
        started_utc REAL NOT NULL,      -- the same moment as Unix time, for ordering
        ended_at TEXT,
        routine_id TEXT NOT NULL,
        routine TEXT NOT NULL,          -- the routine's name when the session ran
        status TEXT NOT NULL
            CHECK (status IN ('completed', 'stopped', 'interrupted', 'in_progress')),
        planned_s REAL NOT NULL,
        active_s REAL,                  -- pauses excluded, NULL until the session ends
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT '',
        -- A tally of the holds below, kept by the trigger so that the history opens without
        -- reading every hold. A stretch (one item) counts as done when all its holds were
        -- done or extended, as pain when any hurt, and as skipped otherwise.
        stretches_done INTEGER NOT NULL DEFAULT 0,
        stretches_skipped INTEGER NOT NULL DEFAULT 0,
        stretches_pain INTEGER NOT NULL DEFAULT 0,
        holds_done INTEGER NOT NULL DEFAULT 0,
        held_s REAL NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX sessions_started_at ON sessions (started_at)",  # for `since`
    "CREATE INDEX sessions_started_utc ON sessions (started_utc)",  # newest first
    """CREATE TABLE holds (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        item INTEGER NOT NULL,          -- the stretch's place in the routine, from 0
        stretch TEXT NOT NULL,
        side TEXT CHECK (side IN ('left', 'right')),
        rep INTEGER,
        planned_s REAL NOT NULL,
        held_s REAL NOT NULL,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('done', 'extended', 'skipped', 'pain', 'stopped'))
    )""",
    "CREATE INDEX holds_session ON holds (session_id)",
    # COUNT(DISTINCT CASE ...) counts items without a subquery per item.
    """CREATE TRIGGER holds_tally AFTER INSERT ON holds BEGIN
        UPDATE sessions SET (
            stretches_done, stretches_skipped, stretches_pain, holds_done, held_s
        ) = (
            SELECT COUNT(DISTINCT item) - COUNT(DISTINCT CASE WHEN outcome NOT IN
                    ('done', 'extended') THEN item END),
                COUNT(DISTINCT CASE WHEN outcome NOT IN ('done', 'extended') THEN item END)
                    - COUNT(DISTINCT CASE WHEN outcome = 'pain' THEN item END),
                COUNT(DISTINCT CASE WHEN outcome = 'pain' THEN item END),
                TOTAL(outcome IN ('done', 'extended')),
                TOTAL(held_s)
            FROM holds WHERE session_id = NEW.session_id
        )
        WHERE id = NEW.session_id;
    END""",
)


def _to_1(connection: sqlite3.Connection) -> None:
    for statement in _SCHEMA_1:
        connection.execute(statement)


def _to_2(connection: sqlite3.Connection) -> None:
    # Which form of the stretch was done; every hold before easier forms was the usual one.
    # No CHECK on the values: a later form would then need the table rebuilt, trigger and all,
    # and the engine only ever writes a Variant's value.
    connection.execute("ALTER TABLE holds ADD COLUMN variant TEXT NOT NULL DEFAULT 'usual'")


# Reminder answers (issue 15): one row per reminder shown, so adherence is told honestly,
# "not today" included. A table of its own: sessions and their trigger stay as they were.
REMINDER_ANSWERS: Final = ("start", "later", "skip", "closed", "unanswered", "opened")


def _to_3(connection: sqlite3.Connection) -> None:
    connection.execute(
        """CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            shown_at TEXT NOT NULL,         -- ISO 8601, local time with its UTC offset
            shown_utc REAL NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN
                ('start', 'later', 'skip', 'closed', 'unanswered', 'opened'))
        )"""
    )
    connection.execute("CREATE INDEX reminders_shown_utc ON reminders (shown_utc)")
    # Issue 16. The weekly check's answers (-3 much worse ... +3 much better than at the start),
    # and what the person chose when the start view suggested easing a stretch that hurt:
    # `previous` keeps the stretch's setting before the choice (JSON), so Undo can put it back.
    connection.execute(
        """CREATE TABLE weekly_checks (
            id INTEGER PRIMARY KEY,
            asked_at TEXT NOT NULL,         -- ISO 8601, local time with its UTC offset
            answer INTEGER CHECK (answer BETWEEN -3 AND 3)  -- NULL: asked and skipped
        )"""
    )
    connection.execute(
        """CREATE TABLE pain_choices (
            id INTEGER PRIMARY KEY,
            made_at TEXT NOT NULL,
            stretch TEXT NOT NULL,
            choice TEXT NOT NULL,           -- shorter | easier | leave_out | not_now
            previous TEXT NOT NULL DEFAULT '{}',
            undone_at TEXT
        )"""
    )


MIGRATIONS: Final[list[Callable[[sqlite3.Connection], None]]] = [_to_1, _to_2, _to_3]
assert len(MIGRATIONS) == SCHEMA_VERSION


@functools.cache
def _required_columns() -> dict[str, set[str]]:
    """What a readable log must have: the columns the migrations create. More (a newer
    app's extra column) does no harm."""
    connection = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS:
            step(connection)
        return {
            table: {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            for table in ("sessions", "holds", "reminders")
        }
    finally:
        connection.close()


DONE_OUTCOMES: Final = frozenset({"done", "extended"})


class Tally(NamedTuple):
    """What a session's holds add up to. A stretch (one item of the routine) counts as done
    when all its logged holds were done or extended, as pain when any hurt, else as skipped:
    the finish view's rule, except that the log does not know how many holds were planned."""

    stretches_done: int = 0
    stretches_skipped: int = 0
    stretches_pain: int = 0
    holds_done: int = 0
    held_s: float = 0.0


NO_TALLY: Final = Tally()


def tally_of(holds: Iterable[HoldRow]) -> Tally:
    """The same count as the trigger in the schema, in Python (for rows read from a file)."""
    items: dict[int, set[str]] = {}
    holds_done, held = 0, 0.0
    for hold in holds:
        items.setdefault(hold.item, set()).add(hold.outcome)
        holds_done += hold.outcome in DONE_OUTCOMES
        held += hold.held_s
    pain = sum(1 for outcomes in items.values() if "pain" in outcomes)
    done = sum(1 for outcomes in items.values() if outcomes <= DONE_OUTCOMES)
    return Tally(done, len(items) - done - pain, pain, holds_done, held)


class StretchCounts(NamedTuple):
    """How often one stretch was done, skipped, or stopped for pain (once per session item)."""

    done: int = 0
    skipped: int = 0
    pain: int = 0


WEEKLY_ANSWERS: Final = range(-3, 4)  # much worse ... much better than at the start


class WeeklyCheck(NamedTuple):
    """One answer to "How is your back overall compared with when you started?"."""

    asked_at: datetime
    answer: int | None  # -3 ... 3; None when skipped


class PainChoice(NamedTuple):
    """What the person chose when a stretch kept hurting (issue 16), and if it was undone."""

    id: int
    made_at: datetime
    stretch: str
    choice: str  # shorter | easier | leave_out | not_now
    previous: str  # the stretch's setting before, as JSON
    undone_at: datetime | None


class HoldRow(NamedTuple):
    """One logged hold. A tuple, because opening the history builds tens of thousands."""

    item: int
    stretch: str
    side: str | None  # "left", "right" or None for a stretch without sides
    rep: int | None
    planned_s: float
    held_s: float
    outcome: str  # one of OUTCOMES
    variant: str = "usual"  # "usual" or "easier": which form of the stretch was done


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One logged session with its holds, as the history and the exports see it."""

    id: int
    started_at: datetime  # aware: the local time with its offset when the session started
    ended_at: datetime | None
    routine_id: str
    routine: str
    status: str  # one of STATUSES
    planned_s: float
    active_s: float | None
    pain_before: int | None
    pain_after: int | None
    note: str
    holds: tuple[HoldRow, ...] = ()
    tally: Tally = NO_TALLY  # from the holds when left out

    def __post_init__(self) -> None:
        # Any hold makes at least one stretch count, so an all-zero tally was left out.
        if self.holds and self.tally == NO_TALLY:
            object.__setattr__(self, "tally", tally_of(self.holds))

    @property
    def seconds(self) -> float:
        """Time spent stretching: active time, or for a session cut off the seconds held."""
        return self.active_s if self.active_s is not None else self.tally.held_s


class LogError(Exception):
    """Why a log file cannot be used. kind: bad | newer | busy | unwritable."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class OpenedLog:
    """The log to use, one calm sentence when something was wrong, and how many sessions
    were found still running from an earlier start (the app had died) and marked interrupted."""

    log: SessionLog
    notice: str | None = None
    interrupted: int = 0


# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_BAD_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _classify(error: sqlite3.Error) -> LogError:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _BAD_CODES:
        return LogError("bad", _reason(error))
    if primary in _BUSY_CODES:
        return LogError("busy", "another program is writing to it")
    return LogError("unwritable", _reason(error))


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    text = str(error)
    return {
        "file is not a database": "it is not a database",
        "database disk image is malformed": "it is damaged",
    }.get(text, text)


def _check_header(path: Path) -> None:
    """A file cut short is only found out when a missing page is read, perhaps in the middle
    of a session; its header says how long it should be, so compare that at once."""
    try:
        size = path.stat().st_size
        if size == 0:
            return  # an empty file is an empty database to SQLite: it becomes a fresh log
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise LogError("unwritable", _reason(error)) from error
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise LogError("bad", "it is not a database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trusted only when it was written by the same change as the counter.
    valid = header[24:28] == header[92:96]
    if valid and pages and size < pages * page_size:
        raise LogError("bad", "it is cut short")


def _prepare_file(path: Path) -> None:
    """The folder (private to the user) and an empty file with mode 0600 before SQLite opens
    it: SQLite gives its -wal and -shm files the database file's permissions."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.is_dir():
            raise LogError("bad", "a folder is where the file should be")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        if (os.stat(path).st_mode & 0o777) != 0o600:
            os.chmod(path, 0o600)
    except OSError as error:
        raise LogError("unwritable", _reason(error)) from error


def _connect(path: Path | str, busy_timeout_ms: int) -> sqlite3.Connection:
    # isolation_level=None: no hidden transactions; every write says where its transaction
    # begins and ends, so none stays open (and holds the write lock) longer than a statement.
    connection = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
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
        raise LogError("bad", "it holds tables of some other program")


def _look(connection: sqlite3.Connection) -> None:
    """Everything that can be said about the file by reading it alone. Nothing is written
    before this passes, so a file set aside or left alone is as it was found."""
    version = _version(connection)
    if version > SCHEMA_VERSION:
        raise LogError("newer", f"it was written by a newer BackStretch (schema {version})")
    if version == 0:
        _foreign_tables(connection)
    elif version == SCHEMA_VERSION:
        _check_schema(connection)


def _migrate(connection: sqlite3.Connection) -> None:
    if _version(connection) == SCHEMA_VERSION:
        return
    with _transaction(connection):
        # Read again under the write lock: another instance may have just migrated it.
        version = _version(connection)
        if version == 0:
            _foreign_tables(connection)
        for step in MIGRATIONS[version:]:
            step(connection)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    _check_schema(connection)


def _check_schema(connection: sqlite3.Connection) -> None:
    for table, required in _required_columns().items():
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if not columns:
            raise LogError("bad", f"its {table} table is missing")
        if missing := required - columns:
            raise LogError("bad", f"its {table} table lacks {', '.join(sorted(missing))}")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no UTC offset; pass an aware local time")
    return moment.isoformat(timespec="seconds")


def _check_pain(value: object) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value not in PAIN_RANGE
    ):
        raise ValueError(f"pain must be a whole number from 0 to 10, got {value!r}")


class _Unset(enum.Enum):
    UNSET = "unset"  # "leave as it is", distinct from None, which clears a rating


UNSET: Final = _Unset.UNSET
_SESSION_COLUMNS = (
    "id, started_at, ended_at, routine_id, routine, status, planned_s, active_s, "
    "pain_before, pain_after, note, "
    "stretches_done, stretches_skipped, stretches_pain, holds_done, held_s"
)


class SessionLog:
    """Reads and writes sessions. Writes never raise: a failed write is logged and told once
    through `on_problem`, because a session must never stop for its record."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._connection = connection
        self.path = path  # None for a log that lives in memory only
        self.problem: str | None = None
        self.on_problem: Callable[[str], None] | None = None

    # ------------------------------------------------------------------ opening
    @classmethod
    def open_file(
        cls, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, create: bool = True
    ) -> SessionLog:
        """Open (and create or migrate) the log at `path`, or raise LogError saying why not."""
        if create:
            _prepare_file(path)
        elif path.is_dir():
            raise LogError("bad", "a folder is where the file should be")
        _check_header(path)
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
            connection = _connect(path, busy_timeout_ms)
        except sqlite3.Error as error:
            raise _classify(error) from error
        try:
            # Readers in WAL mode never wait for a writer, and a writer commits by appending.
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                log.warning("%s: journal mode is %s, not wal", path, mode)
            # NORMAL in WAL mode: a commit survives the app being killed (the test kills it
            # with -9); only a power cut can lose the last hold, and never the file itself.
            connection.execute("PRAGMA synchronous = NORMAL")
            _migrate(connection)
        except BaseException as error:
            connection.close()
            if isinstance(error, sqlite3.Error):
                raise _classify(error) from error
            raise
        return cls(connection, path)

    @classmethod
    def in_memory(cls) -> SessionLog:
        """A log that works but is lost when the app quits: the fallback when no file works."""
        connection = _connect(":memory:", BUSY_TIMEOUT_MS)
        _migrate(connection)
        return cls(connection, None)

    @property
    def in_memory_only(self) -> bool:
        return self.path is None

    def mark_interrupted(self) -> int:
        """Sessions still in progress belong to an app that died: mark them interrupted (their
        holds stay). Returns how many. Raises sqlite3.Error, unlike the other writes: open_log
        uses it to find out whether the file can be written at all."""
        with _transaction(self._connection) as connection:
            cursor = connection.execute(
                "UPDATE sessions SET status = ? WHERE status = ?", (INTERRUPTED, IN_PROGRESS)
            )
            return cursor.rowcount

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()

    # ------------------------------------------------------------------ writing
    def _write(self, what: str, action: Callable[[sqlite3.Connection], int]) -> int | None:
        try:
            with _transaction(self._connection) as connection:
                return action(connection)
        except sqlite3.Error as error:
            log.warning("session log: could not %s: %s", what, error)
            self._report(
                f"The session history could not be written ({_reason(error)}), so part of "
                "this session may be missing from it; the session itself carries on."
            )
            return None

    def _report(self, message: str) -> None:
        first = self.problem is None
        self.problem = message
        if first and self.on_problem is not None:  # told once, not after every hold
            self.on_problem(message)

    def start_session(
        self, routine_id: str, routine_name: str, planned_s: float, started_at: datetime
    ) -> int:
        """Write the session row at once (status in_progress); NOT_RECORDED if that failed."""
        started = _iso(started_at)

        def insert(connection: sqlite3.Connection) -> int:
            cursor = connection.execute(
                "INSERT INTO sessions (started_at, started_utc, routine_id, routine, status, "
                "planned_s) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    started,
                    started_at.timestamp(),
                    routine_id,
                    routine_name,
                    IN_PROGRESS,
                    float(planned_s),
                ),
            )
            return int(cursor.lastrowid or NOT_RECORDED)

        session_id = self._write("start a session", insert)
        return NOT_RECORDED if session_id is None else session_id

    def record_hold(self, session_id: int, record: HoldRecord) -> None:
        """One short committed transaction per hold, so a crash keeps every hold that ended."""
        if session_id == NOT_RECORDED:
            return
        side = record.side.value if record.side is not None else None
        values = (
            session_id,
            record.item,
            record.stretch,
            side,
            record.rep,
            float(record.planned_s),
            float(record.held_s),
            record.outcome.value,
            record.variant,
        )

        def insert(connection: sqlite3.Connection) -> int:
            connection.execute(
                "INSERT INTO holds (session_id, item, stretch, side, rep, planned_s, held_s, "
                "outcome, variant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            # A second instance started meanwhile may have taken this live session for one
            # whose app died; a hold arriving proves it alive.
            connection.execute(
                "UPDATE sessions SET status = ? WHERE id = ? AND status = ?",
                (IN_PROGRESS, session_id, INTERRUPTED),
            )
            return 1

        self._write("record a hold", insert)

    def set_pain(
        self,
        session_id: int,
        before: int | _Unset | None = UNSET,
        after: int | _Unset | None = UNSET,
    ) -> None:
        """Set the pain rating before and/or after (0-10, or None to clear); others stay."""
        changes: dict[str, int | None] = {}
        for column, value in (("pain_before", before), ("pain_after", after)):
            if isinstance(value, _Unset):
                continue
            _check_pain(value)
            changes[column] = value
        if not changes or session_id == NOT_RECORDED:
            return
        assignments = ", ".join(f"{column} = ?" for column in changes)
        sql = f"UPDATE sessions SET {assignments} WHERE id = ?"
        self._update(sql, (*changes.values(),), session_id)

    def set_note(self, session_id: int, text: str) -> None:
        if session_id != NOT_RECORDED:
            self._update("UPDATE sessions SET note = ? WHERE id = ?", (text.strip(),), session_id)

    def finish_session(
        self, session_id: int, status: str, ended_at: datetime, active_s: float
    ) -> None:
        """completed or stopped (interrupted is only ever set by the next start)."""
        if status not in (COMPLETED, STOPPED):
            raise ValueError(f"a session finishes as completed or stopped, not {status!r}")
        if session_id != NOT_RECORDED:
            self._update(
                "UPDATE sessions SET status = ?, ended_at = ?, active_s = ? WHERE id = ?",
                (status, _iso(ended_at), round(float(active_s), 3)),
                session_id,
            )

    def _update(self, sql: str, values: tuple[object, ...], session_id: int) -> None:
        self._write("update a session", lambda c: c.execute(sql, (*values, session_id)).rowcount)

    def add_sessions(self, rows: Iterable[SessionRow]) -> list[int]:
        """Write whole sessions in one transaction (an import, or test and benchmark data).
        Unlike the writes of a live session this raises sqlite3.Error on failure."""
        ids: list[int] = []
        with _transaction(self._connection) as connection:
            for row in rows:
                if row.status not in STATUSES:
                    raise ValueError(f"unknown status {row.status!r}")
                _check_pain(row.pain_before)
                _check_pain(row.pain_after)
                cursor = connection.execute(
                    "INSERT INTO sessions (started_at, started_utc, ended_at, routine_id, "
                    "routine, status, planned_s, active_s, pain_before, pain_after, note) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        _iso(row.started_at),
                        row.started_at.timestamp(),
                        None if row.ended_at is None else _iso(row.ended_at),
                        row.routine_id,
                        row.routine,
                        row.status,
                        row.planned_s,
                        row.active_s,
                        row.pain_before,
                        row.pain_after,
                        row.note,
                    ),
                )
                session_id = int(cursor.lastrowid or NOT_RECORDED)
                connection.executemany(
                    "INSERT INTO holds (session_id, item, stretch, side, rep, planned_s, "
                    "held_s, outcome, variant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(session_id, *hold) for hold in row.holds],
                )
                ids.append(session_id)
        return ids

    def delete_all(self) -> bool:
        """Remove every session and hold, and overwrite them on disk; True when done."""
        connection = self._connection
        try:
            # secure_delete zeroes the freed pages; the checkpoint then empties the WAL, which
            # would otherwise keep copies of the deleted pages until it is next reused.
            connection.execute("PRAGMA secure_delete = ON")
            with _transaction(connection):
                connection.execute("DELETE FROM holds")
                connection.execute("DELETE FROM sessions")
                connection.execute("DELETE FROM weekly_checks")  # issue 16: answers and
                connection.execute("DELETE FROM pain_choices")  # choices are history too
            connection.execute("PRAGMA secure_delete = OFF")
            if self.path is not None:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            log.warning("session log: could not delete: %s", error)
            self._report(f"The session history could not be deleted ({_reason(error)}).")
            return False
        return True

    # ------------------------------------------------------------------ reminders
    def record_reminder(self, answer: str, shown_at: datetime) -> bool:
        """One answer to a reminder (one of REMINDER_ANSWERS); True when it was written."""
        if answer not in REMINDER_ANSWERS:
            raise ValueError(f"unknown reminder answer {answer!r}")
        values = (_iso(shown_at), shown_at.timestamp(), answer)

        def insert(connection: sqlite3.Connection) -> int:
            connection.execute(
                "INSERT INTO reminders (shown_at, shown_utc, answer) VALUES (?, ?, ?)", values
            )
            return 1

        return self._write("record a reminder", insert) is not None

    def reminder_answers(self, since: date | None = None) -> list[tuple[datetime, str]]:
        """(when shown, answer) for reminders shown on or after `since`, oldest first."""
        where, values = ("WHERE shown_at >= ?", (since.isoformat(),)) if since else ("", ())
        try:
            rows = self._connection.execute(
                f"SELECT shown_at, answer FROM reminders {where} ORDER BY shown_utc, id", values
            ).fetchall()
        except sqlite3.Error as error:
            self._report(f"The session history could not be read ({_reason(error)}).")
            return []
        return [(datetime.fromisoformat(row[0]), row[1]) for row in rows]

    # ------------------------------------------------------------------ reading
    def sessions(self, since: date | None = None, *, holds: bool = True) -> list[SessionRow]:
        """Sessions started on or after `since` (their local date), newest first. Two queries
        whatever the size: one for the sessions, one for all their holds. holds=False leaves
        the holds out (each row keeps its tally): four times faster for 40,000 holds."""
        if since is None:
            return self._read("", (), holds)
        return self._read("WHERE started_at >= ?", (since.isoformat(),), holds)

    def last_session(self) -> SessionRow | None:
        """The newest session, with its holds (for the start view)."""
        rows = self._read(
            "WHERE id = (SELECT id FROM sessions ORDER BY started_utc DESC, id DESC LIMIT 1)", ()
        )
        return rows[0] if rows else None

    def session(self, session_id: int) -> SessionRow | None:
        rows = self._read("WHERE id = ?", (session_id,))
        return rows[0] if rows else None

    def stretch_counts(self) -> dict[str, StretchCounts]:
        """Per stretch id, over the whole log, by the rule of Tally (one SQL pass)."""
        key = "session_id * 65536 + item"  # one stretch of one session
        not_done = f"COUNT(DISTINCT CASE WHEN outcome NOT IN ('done', 'extended') THEN {key} END)"
        pain = f"COUNT(DISTINCT CASE WHEN outcome = 'pain' THEN {key} END)"
        try:
            rows = self._connection.execute(
                f"SELECT stretch, COUNT(DISTINCT {key}) - {not_done}, {not_done} - {pain}, {pain} "
                "FROM holds GROUP BY stretch"
            ).fetchall()
        except sqlite3.Error as error:
            self._report(f"The session history could not be read ({_reason(error)}).")
            return {}
        return {row[0]: StretchCounts(row[1], row[2], row[3]) for row in rows}

    def stretched_days(self) -> dict[date, int]:
        """Sessions per local date that count for a streak: completed, or any hold done."""
        try:
            rows = self._connection.execute(
                "SELECT substr(started_at, 1, 10), COUNT(*) FROM sessions "
                "WHERE holds_done > 0 OR status = ? GROUP BY 1",
                (COMPLETED,),
            ).fetchall()
        except sqlite3.Error as error:
            self._report(f"The session history could not be read ({_reason(error)}).")
            return {}
        return {date.fromisoformat(row[0]): row[1] for row in rows}

    def _read(
        self, where: str, values: tuple[object, ...], with_holds: bool = True
    ) -> list[SessionRow]:
        connection = self._connection
        try:
            # One read transaction, so both queries see the same moment of the file.
            connection.execute("BEGIN")
            try:
                session_rows = connection.execute(
                    f"SELECT {_SESSION_COLUMNS} FROM sessions {where} "
                    "ORDER BY started_utc DESC, id DESC",
                    values,
                ).fetchall()
                hold_rows = []
                if with_holds:
                    only = f"WHERE session_id IN (SELECT id FROM sessions {where})" if where else ""
                    hold_rows = connection.execute(
                        "SELECT session_id, item, stretch, side, rep, planned_s, held_s, "
                        f"outcome, variant FROM holds {only} ORDER BY session_id, id",
                        values,
                    ).fetchall()
            finally:
                connection.execute("COMMIT")
        except sqlite3.Error as error:
            log.warning("session log: could not read: %s", error)
            self._report(f"The session history could not be read ({_reason(error)}).")
            return []
        holds: dict[int, list[HoldRow]] = {}
        make = HoldRow._make
        for row in hold_rows:
            session_holds = holds.get(row[0])
            if session_holds is None:
                session_holds = holds[row[0]] = []
            session_holds.append(make(row[1:]))
        parse = datetime.fromisoformat
        return [
            SessionRow(
                row[0],
                parse(row[1]),
                None if row[2] is None else parse(row[2]),
                row[3],
                row[4],
                row[5],
                row[6],
                row[7],
                row[8],
                row[9],
                row[10],
                tuple(holds.get(row[0], ())),
                Tally(row[11], row[12], row[13], int(row[14]), row[15]),
            )
            for row in session_rows
        ]

    # ------------------------------------------------------- issue 16: checks and choices
    def add_weekly_check(self, asked_at: datetime, answer: int | None) -> None:
        """The weekly check's answer, -3 (much worse) ... +3 (much better); None when skipped
        (still stored: the check is then not asked again that week)."""
        if answer is not None and (isinstance(answer, bool) or answer not in WEEKLY_ANSWERS):
            raise ValueError(f"a weekly answer is a whole number from -3 to 3, not {answer!r}")
        stamp = _iso(asked_at)
        self._write(
            "record the weekly check",
            lambda c: (
                c.execute(
                    "INSERT INTO weekly_checks (asked_at, answer) VALUES (?, ?)", (stamp, answer)
                ).rowcount
            ),
        )

    def weekly_checks(self) -> list[WeeklyCheck]:
        """Every weekly check, oldest first (skipped ones with answer None)."""
        rows = self._select("SELECT asked_at, answer FROM weekly_checks ORDER BY asked_at, id")
        return [WeeklyCheck(datetime.fromisoformat(row[0]), row[1]) for row in rows]

    def record_choice(self, stretch: str, choice: str, made_at: datetime, previous: str) -> int:
        """What the person chose for a stretch that hurt; the id (for Undo), or NOT_RECORDED."""
        stamp = _iso(made_at)

        def insert(connection: sqlite3.Connection) -> int:
            cursor = connection.execute(
                "INSERT INTO pain_choices (made_at, stretch, choice, previous) VALUES (?, ?, ?, ?)",
                (stamp, stretch, choice, previous),
            )
            return int(cursor.lastrowid or NOT_RECORDED)

        choice_id = self._write("record a choice", insert)
        return NOT_RECORDED if choice_id is None else choice_id

    def undo_choice(self, choice_id: int, undone_at: datetime) -> None:
        stamp = _iso(undone_at)
        self._write(
            "undo a choice",
            lambda c: (
                c.execute(
                    "UPDATE pain_choices SET undone_at = ? WHERE id = ?", (stamp, choice_id)
                ).rowcount
            ),
        )

    def choices(self) -> list[PainChoice]:
        """Every choice, oldest first, undone ones included (with when)."""
        rows = self._select(
            "SELECT id, made_at, stretch, choice, previous, undone_at FROM pain_choices "
            "ORDER BY made_at, id"
        )
        parse = datetime.fromisoformat
        return [
            PainChoice(r[0], parse(r[1]), r[2], r[3], r[4], None if r[5] is None else parse(r[5]))
            for r in rows
        ]

    def pain_ratings(self) -> list[tuple[date, int]]:
        """(local date, pain before) of every rated session, oldest first: what the verdict
        needs, in one narrow query (progress.ratings_of gives the same from read rows)."""
        rows = self._select(
            "SELECT substr(started_at, 1, 10), pain_before FROM sessions "
            "WHERE pain_before IS NOT NULL ORDER BY started_utc, id"
        )
        parse = date.fromisoformat
        return [(parse(row[0]), row[1]) for row in rows]

    def _select(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(sql).fetchall()
        except sqlite3.Error as error:
            self._report(f"The session history could not be read ({_reason(error)}).")
            return []


# ---------------------------------------------------------------------- open_log
def _set_aside(path: Path) -> Path:
    """Rename the file (and its -wal and -shm) to <name>.bad-<time>; never delete it."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while kept.exists() or kept.with_name(kept.name + "-wal").exists():
        n += 1
        kept = path.with_name(f"{path.name}.bad-{stamp}-{n}")
    os.replace(path, kept)
    for suffix in ("-wal", "-shm", "-journal"):
        # SQLite finds a database's WAL by its name, so they are renamed together.
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, kept.with_name(kept.name + suffix))
    return kept


_NOT_KEPT = "the session still runs, but it will not be kept in your history this time"


def _fallback(error: LogError, path: Path) -> str:
    if error.kind == "newer":
        return (
            f"Your session history at {path} was written by a newer version of BackStretch, "
            f"so this version leaves it untouched; {_NOT_KEPT}."
        )
    if error.kind == "busy":
        return (
            f"Your session history at {path} is locked by another program (perhaps another "
            f"BackStretch), so {_NOT_KEPT}."
        )
    return f"Your session history at {path} cannot be written ({error.reason}), so {_NOT_KEPT}."


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
            SessionLog.in_memory(), _fallback(LogError("unwritable", _reason(error)), path)
        )


def _finish_opening(session_log: SessionLog, path: Path, mark_interrupted: bool) -> OpenedLog:
    if not mark_interrupted:
        return OpenedLog(session_log)
    try:
        # Also the first write of this run: a locked or read-only file shows up here.
        interrupted = session_log.mark_interrupted()
    except sqlite3.Error as error:
        session_log.close()
        return OpenedLog(SessionLog.in_memory(), _fallback(_classify(error), path))
    return OpenedLog(session_log, None, interrupted)


def _start_afresh(path: Path, error: LogError, busy_timeout_ms: int) -> OpenedLog:
    log.warning("session log %s: %s; setting it aside", path, error.reason)
    try:
        kept = _set_aside(path)
    except OSError as move_error:
        return OpenedLog(
            SessionLog.in_memory(),
            f"Your session history at {path} could not be read ({error.reason}) and could not "
            f"be moved aside ({_reason(move_error)}), so {_NOT_KEPT}.",
        )
    notice = (
        f"Your session history could not be read ({error.reason}), so it was kept as {kept} "
        "and a new history has started."
    )
    try:
        fresh = SessionLog.open_file(path, busy_timeout_ms=busy_timeout_ms)
    except LogError as second:
        return OpenedLog(
            SessionLog.in_memory(),
            f"Your session history could not be read ({error.reason}), so it was kept as "
            f"{kept}; a new one cannot be written ({second.reason}), so {_NOT_KEPT}.",
        )
    return OpenedLog(fresh, notice)
