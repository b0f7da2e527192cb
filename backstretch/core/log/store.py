"""Recording and reading the session log (opening it: see opening and recovery)."""

from __future__ import annotations

import contextlib
import enum
import logging
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from backstretch.core.i18n import tr
from backstretch.core.log.opening import (
    BUSY_TIMEOUT_MS,
    connect_file,
    connect_memory,
    reason,
    transaction,
)
from backstretch.core.log.rows import (
    COMPLETED,
    HOLD_FIELDS,
    IN_PROGRESS,
    INTERRUPTED,
    NOT_RECORDED,
    PAIN_RANGE,
    REMINDER_ANSWERS,
    SESSION_FIELDS,
    STATUSES,
    STOPPED,
    WEEKLY_ANSWERS,
    HoldRow,
    PainChoice,
    SessionRow,
    StretchCounts,
    Tally,
    WeeklyCheck,
)
from backstretch.core.log.schema import HOLD_COLUMNS, SESSION_COLUMNS

if TYPE_CHECKING:  # the engine is loaded with the first session; the log may open before that
    from backstretch.core.engine import HoldRecord

log = logging.getLogger(__name__)

_SESSION_WRITTEN: Final = tuple(field.name for field in SESSION_FIELDS if field.name != "id")
_INSERT_SESSION: Final = (
    f"INSERT INTO sessions ({', '.join(_SESSION_WRITTEN)}, started_utc) "
    f"VALUES ({', '.join('?' * (len(_SESSION_WRITTEN) + 1))})"
)
_INSERT_HOLD: Final = (
    f"INSERT INTO holds (session_id, {HOLD_COLUMNS}) "
    f"VALUES (?, {', '.join('?' * len(HOLD_FIELDS))})"
)


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no UTC offset; pass an aware local time")
    return moment.isoformat(timespec="seconds")


def _stored(value: object) -> object:
    return _iso(value) if isinstance(value, datetime) else value


def _check_pain(value: object) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value not in PAIN_RANGE
    ):
        raise ValueError(f"pain must be a whole number from 0 to 10, got {value!r}")


class _Unset(enum.Enum):
    UNSET = "unset"  # "leave as it is", distinct from None, which clears a rating


UNSET: Final = _Unset.UNSET


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
        return cls(connect_file(path, busy_timeout_ms, create), path)

    @classmethod
    def in_memory(cls) -> SessionLog:
        """A log that works but is lost when the app quits: the fallback when no file works."""
        return cls(connect_memory(), None)

    @property
    def in_memory_only(self) -> bool:
        return self.path is None

    def mark_interrupted(self) -> int:
        """Sessions still in progress belong to an app that died: mark them interrupted (their
        holds stay). Returns how many. Raises sqlite3.Error, unlike the other writes: open_log
        uses it to find out whether the file can be written at all."""
        with transaction(self._connection) as connection:
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
            with transaction(self._connection) as connection:
                return action(connection)
        except sqlite3.Error as error:
            log.warning("session log: could not %s: %s", what, error)
            self._report(
                tr(
                    "The session history could not be written ({reason}), so part of this "
                    "session may be missing from it; the session itself carries on."
                ).format(reason=reason(error))
            )
            return None

    def _report_read(self, error: sqlite3.Error) -> None:
        self._report(
            tr("The session history could not be read ({reason}).").format(reason=reason(error))
        )

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
                _INSERT_HOLD,
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
        with transaction(self._connection) as connection:
            for row in rows:
                if row.status not in STATUSES:
                    raise ValueError(f"unknown status {row.status!r}")
                _check_pain(row.pain_before)
                _check_pain(row.pain_after)
                # The row's own fields (the id is the log's to give), moments as ISO text,
                # and the start again as Unix time for ordering.
                values = [_stored(getattr(row, name)) for name in _SESSION_WRITTEN]
                cursor = connection.execute(_INSERT_SESSION, (*values, row.started_at.timestamp()))
                session_id = int(cursor.lastrowid or NOT_RECORDED)
                connection.executemany(
                    _INSERT_HOLD,
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
            with transaction(connection):
                connection.execute("DELETE FROM holds")
                connection.execute("DELETE FROM sessions")
                connection.execute("DELETE FROM weekly_checks")  # issue 16: answers and
                connection.execute("DELETE FROM pain_choices")  # choices are history too
            connection.execute("PRAGMA secure_delete = OFF")
            if self.path is not None:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            log.warning("session log: could not delete: %s", error)
            self._report(
                tr("The session history could not be deleted ({reason}).").format(
                    reason=reason(error)
                )
            )
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
            self._report_read(error)
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
            self._report_read(error)
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
            self._report_read(error)
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
                    f"SELECT {SESSION_COLUMNS} FROM sessions {where} "
                    "ORDER BY started_utc DESC, id DESC",
                    values,
                ).fetchall()
                hold_rows = []
                if with_holds:
                    only = f"WHERE session_id IN (SELECT id FROM sessions {where})" if where else ""
                    hold_rows = connection.execute(
                        f"SELECT session_id, {HOLD_COLUMNS} FROM holds {only} "
                        "ORDER BY session_id, id",
                        values,
                    ).fetchall()
            finally:
                connection.execute("COMMIT")
        except sqlite3.Error as error:
            log.warning("session log: could not read: %s", error)
            self._report_read(error)
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
            self._report_read(error)
            return []
