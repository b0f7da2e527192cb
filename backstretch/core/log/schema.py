"""The log's schema: every version it has had, as the migration steps between them."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Final

from backstretch.core.log.rows import HOLD_FIELDS, SESSION_FIELDS, Tally

SCHEMA_VERSION: Final = 3


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


# Reminder answers (issue 15, REMINDER_ANSWERS): one row per reminder shown, so adherence is
# told honestly, "not today" included. A table of its own: sessions and their trigger stay as
# they were.
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
def required_columns() -> dict[str, set[str]]:
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


# The columns read and written, from the one list of fields (rows.SESSION_FIELDS): what a
# session row holds, then the tally the trigger keeps (its names are Tally's fields).
SESSION_COLUMNS: Final = ", ".join([*(field.name for field in SESSION_FIELDS), *Tally._fields])
HOLD_COLUMNS: Final = ", ".join(field.name for field in HOLD_FIELDS)
