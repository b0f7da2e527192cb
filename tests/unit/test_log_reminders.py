"""Reminder answers in the log: their own table, added to old files by a migration."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backstretch.core.log import SCHEMA_VERSION, SessionLog, open_log
from tests.unit.log_checks import build_version, pragma

BERLIN_WINTER = timezone(timedelta(hours=1))


def test_a_version_2_log_gains_the_reminders_table_and_keeps_its_sessions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sessions.sqlite3"
    build_version(path, 2)
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO sessions (started_at, started_utc, routine_id, routine, status, planned_s) "
        "VALUES ('2026-11-23T18:02:00+01:00', 1795453320.0, 'r', 'R', 'completed', 60)"
    )
    connection.commit()
    connection.close()
    opened = open_log(path)
    assert opened.notice is None
    assert pragma(path, "user_version") == SCHEMA_VERSION
    assert [s.routine_id for s in opened.log.sessions()] == ["r"]
    shown = datetime(2026, 11, 24, 18, 0, tzinfo=BERLIN_WINTER)
    assert opened.log.record_reminder("skip", shown)
    assert opened.log.reminder_answers() == [(shown, "skip")]
    opened.log.close()


def test_answers_come_back_oldest_first_and_since_a_day() -> None:
    session_log = SessionLog.in_memory()
    monday = datetime(2026, 11, 23, 18, 0, tzinfo=BERLIN_WINTER)
    for offset, answer in enumerate(("later", "start", "opened")):
        session_log.record_reminder(answer, monday + timedelta(days=offset))
    assert [a for _, a in session_log.reminder_answers()] == ["later", "start", "opened"]
    since = session_log.reminder_answers((monday + timedelta(days=1)).date())
    assert [a for _, a in since] == ["start", "opened"]


def test_an_unknown_answer_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown reminder answer"):
        SessionLog.in_memory().record_reminder("maybe", datetime.now(BERLIN_WINTER))
