"""The session log on real SQLite files: schema, crashes, bad files, locks, two writers."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
import sqlite3
import stat
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from backstretch.core.engine import HoldOutcome
from backstretch.core.history import stretch_counts
from backstretch.core.log import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    NOT_RECORDED,
    SCHEMA_VERSION,
    HoldRow,
    SessionLog,
    Tally,
    open_log,
    tally_of,
)
from backstretch.core.log import opening as log_opening
from backstretch.core.stretches import Side
from tests.log_samples import TODAY, at, filled_log, random_sessions, record, session
from tests.unit.log_checks import build_version, pragma

BAD_NAME = re.compile(r"^sessions\.sqlite3\.bad-\d{8}-\d{6}(-\d+)?$")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "backstretch" / "sessions.sqlite3"


def schema_of(file: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(file) as connection:
        rows = connection.execute("SELECT name, sql FROM sqlite_master").fetchall()
    connection.close()
    return {(name, " ".join((sql or "").split())) for name, sql in rows}


def kept_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".bad-" in p.name)


# ---------------------------------------------------------------------- a new log
def test_a_new_log_is_private_in_wal_mode_with_its_schema_version(path: Path) -> None:
    opened = open_log(path)
    assert opened.notice is None and opened.interrupted == 0
    assert not opened.log.in_memory_only
    session_id = opened.log.start_session("r", "R", 60, at(TODAY))
    opened.log.record_hold(session_id, record())
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert pragma(path, "journal_mode") == "wal"
    assert pragma(path, "user_version") == SCHEMA_VERSION
    connection = opened.log._connection
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    names = {name for name, _sql in schema_of(path)}
    assert {"sessions", "holds", "holds_session", "holds_tally"} <= names
    opened.log.close()


def test_an_existing_file_gets_mode_0600(path: Path) -> None:
    open_log(path).log.close()
    path.chmod(0o644)
    open_log(path).log.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_migrations_from_every_earlier_schema_reach_the_fresh_one(
    tmp_path: Path, path: Path, version: int
) -> None:
    build_version(path, version)
    opened = open_log(path)
    assert opened.notice is None
    assert opened.log.start_session("r", "R", 60, at(TODAY)) != NOT_RECORDED
    opened.log.close()
    fresh = tmp_path / "fresh" / "sessions.sqlite3"
    open_log(fresh).log.close()
    assert pragma(path, "user_version") == SCHEMA_VERSION
    assert schema_of(path) == schema_of(fresh)


def test_a_version_1_log_keeps_its_holds_as_the_usual_form_and_takes_easier_ones(
    path: Path,
) -> None:
    build_version(path, 1)
    connection = sqlite3.connect(path)
    connection.execute(
        "INSERT INTO sessions (started_at, started_utc, routine_id, routine, status, planned_s) "
        "VALUES ('2024-03-14T08:00:00+01:00', 1710399600.0, 'r', 'R', 'completed', 60)"
    )
    connection.execute(
        "INSERT INTO holds (session_id, item, stretch, side, rep, planned_s, held_s, outcome) "
        "VALUES (1, 0, 'childs-pose', NULL, NULL, 45, 45, 'done')"
    )
    connection.commit()
    connection.close()
    opened = open_log(path)
    assert opened.notice is None
    assert pragma(path, "user_version") == SCHEMA_VERSION >= 2
    (old,) = opened.log.sessions()
    assert old.holds == (HoldRow(0, "childs-pose", None, None, 45.0, 45.0, "done", "usual"),)
    assert old.tally == Tally(1, 0, 0, 1, 45.0)  # the trigger still counts after the change
    session_id = opened.log.start_session("r", "R", 60, at(TODAY, 9))
    easier = dataclasses.replace(record(held=20.0), variant="easier")
    opened.log.record_hold(session_id, easier)
    new = opened.log.session(session_id)
    assert new is not None and [h.variant for h in new.holds] == ["easier"]
    assert new.tally == Tally(1, 0, 0, 1, 20.0)
    opened.log.close()


def test_added_sessions_keep_the_variant_of_each_hold(path: Path) -> None:
    session_log = open_log(path).log
    rows = (
        HoldRow(0, "childs-pose", None, None, 45.0, 45.0, "done", "easier"),
        HoldRow(1, "pelvic-tilt", None, 1, 10.0, 10.0, "done"),
    )
    (session_id,) = session_log.add_sessions([session(TODAY, hold_rows=rows)])
    row = session_log.session(session_id)
    assert row is not None and row.holds == rows
    assert row.holds[1].variant == "usual"
    session_log.close()


def test_migrations_are_a_list_of_steps_one_per_version() -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION
    assert all(callable(step) for step in MIGRATIONS)


# ---------------------------------------------------------------------- writing and reading
def test_a_session_round_trip(path: Path) -> None:
    session_log = open_log(path).log
    started = at(TODAY, 7, 30)
    session_id = session_log.start_session("lower-back-relief", "Lower back relief", 456, started)
    assert session_id != NOT_RECORDED
    # The row exists (in progress) as soon as the session starts, before any hold.
    assert session_log.last_session() is not None
    session_log.set_pain(session_id, before=6)
    session_log.record_hold(session_id, record(0, "knee-to-chest", Side.RIGHT, held=30.0))
    session_log.record_hold(
        session_id, record(0, "knee-to-chest", Side.LEFT, HoldOutcome.EXTENDED, held=40.0)
    )
    session_log.record_hold(
        session_id, record(1, "pelvic-tilt", None, HoldOutcome.PAIN, held=3.25, rep=1)
    )
    session_log.set_pain(session_id, after=4)
    session_log.set_note(session_id, "  Easier than Monday.  ")
    session_log.finish_session(session_id, "stopped", started + timedelta(minutes=6), 351.123456)
    session_log.close()

    (row,) = open_log(path).log.sessions()
    assert row.id == session_id
    assert row.started_at == started and row.started_at.utcoffset() == timedelta(hours=1)
    assert row.ended_at == started + timedelta(minutes=6)
    assert (row.routine_id, row.routine, row.status) == (
        "lower-back-relief",
        "Lower back relief",
        "stopped",
    )
    assert (row.planned_s, row.active_s, row.seconds) == (456.0, 351.123, 351.123)
    assert (row.pain_before, row.pain_after, row.note) == (6, 4, "Easier than Monday.")
    assert row.holds == (
        HoldRow(0, "knee-to-chest", "right", None, 30.0, 30.0, "done"),
        HoldRow(0, "knee-to-chest", "left", None, 30.0, 40.0, "extended"),
        HoldRow(1, "pelvic-tilt", None, 1, 30.0, 3.25, "pain"),
    )
    assert row.tally == Tally(1, 0, 1, 2, 73.25)


def test_times_are_stored_as_iso_8601_with_their_offset(path: Path) -> None:
    session_log = open_log(path).log
    session_log.start_session("r", "R", 60, at(TODAY, 9, 5))
    text = session_log._connection.execute("SELECT started_at FROM sessions").fetchone()[0]
    assert text == "2024-03-14T09:05:00+01:00"
    with pytest.raises(ValueError, match="no UTC offset"):
        session_log.start_session("r", "R", 60, at(TODAY).replace(tzinfo=None))


def test_pain_is_checked_and_each_rating_set_alone(path: Path) -> None:
    session_log = open_log(path).log
    session_id = session_log.start_session("r", "R", 60, at(TODAY))
    for bad in (11, -1, True, 2.5, "3"):
        with pytest.raises(ValueError, match="0 to 10"):
            session_log.set_pain(session_id, before=bad)  # type: ignore[arg-type]
    session_log.set_pain(session_id, before=0)
    session_log.set_pain(session_id, after=10)
    row = session_log.session(session_id)
    assert row is not None and (row.pain_before, row.pain_after) == (0, 10)
    session_log.set_pain(session_id, before=None)
    row = session_log.session(session_id)
    assert row is not None and (row.pain_before, row.pain_after) == (None, 10)
    with pytest.raises(ValueError, match="completed or stopped"):
        session_log.finish_session(session_id, "interrupted", at(TODAY), 1.0)


def test_sessions_newest_first_since_a_date_and_last_session(path: Path) -> None:
    rows = [session(TODAY - timedelta(days=n), hour=8 + n) for n in (3, 0, 5, 1)]
    session_log = filled_log(path, rows)
    assert [r.started_at.date() for r in session_log.sessions()] == [
        TODAY - timedelta(days=n) for n in (0, 1, 3, 5)
    ]
    since = session_log.sessions(TODAY - timedelta(days=1))
    assert [r.started_at.date() for r in since] == [TODAY, TODAY - timedelta(days=1)]
    assert all(len(r.holds) == 2 for r in since)
    last = session_log.last_session()
    assert last is not None and last.started_at.date() == TODAY and len(last.holds) == 2
    light = session_log.sessions(holds=False)
    assert all(r.holds == () and r.tally == Tally(2, 0, 0, 2, 60.0) for r in light)


def test_the_tally_and_stretch_counts_agree_with_the_python_rule(path: Path) -> None:
    rows = random_sessions(120, seed=7)
    session_log = filled_log(path, rows)
    stored = session_log.sessions()
    assert len(stored) == len(rows)
    for row in stored:
        assert row.tally == tally_of(row.holds), row
    assert session_log.stretch_counts() == stretch_counts(stored)
    assert sum(c.pain for c in session_log.stretch_counts().values()) > 0


def test_delete_all_leaves_an_empty_working_log_and_no_trace_of_notes(path: Path) -> None:
    session_log = filled_log(path, [session(TODAY, note="private words here")])
    assert session_log.delete_all()
    assert session_log.sessions() == []
    assert session_log.start_session("r", "R", 60, at(TODAY)) != NOT_RECORDED
    session_log.close()
    leftovers = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.is_file())
    assert b"private words here" not in leftovers


def test_a_failed_write_is_told_once_and_never_raised(path: Path) -> None:
    session_log = open_log(path).log
    told: list[str] = []
    session_log.on_problem = told.append
    session_id = session_log.start_session("r", "R", 60, at(TODAY))
    session_log._connection.close()  # as if the disk had gone away
    session_log.record_hold(session_id, record())
    session_log.record_hold(session_id, record())
    session_log.finish_session(session_id, "completed", at(TODAY, 9), 60)
    assert session_log.sessions() == []
    assert len(told) == 1 and "could not be written" in told[0]
    assert session_log.start_session("r", "R", 60, at(TODAY)) == NOT_RECORDED


# ---------------------------------------------------------------------- crashes
def test_a_session_left_in_progress_is_interrupted_at_the_next_start(path: Path) -> None:
    session_log = open_log(path).log
    session_id = session_log.start_session("r", "R", 60, at(TODAY))
    session_log.record_hold(session_id, record(0))
    session_log.record_hold(session_id, record(1, outcome=HoldOutcome.SKIPPED, held=2.0))
    # No finish and no close: the app died here. A reader such as `backstretch log` leaves
    # the session alone, since the app might still be running it.
    reader = open_log(path, mark_interrupted=False, create=False)
    assert reader.interrupted == 0
    assert reader.log.sessions()[0].status == "in_progress"
    reader.log.close()

    opened = open_log(path)
    assert opened.interrupted == 1 and opened.notice is None
    (row,) = opened.log.sessions()
    assert row.status == "interrupted" and row.ended_at is None
    assert [h.outcome for h in row.holds] == ["done", "skipped"]
    assert row.seconds == 32.0  # no active time was written: the held seconds stand in
    opened.log.close()
    assert open_log(path).interrupted == 0


def test_a_live_session_taken_for_dead_comes_back_with_its_next_hold(path: Path) -> None:
    first = open_log(path).log
    session_id = first.start_session("r", "R", 60, at(TODAY))
    second = open_log(path)  # a second instance starts while the first is mid-session
    assert second.interrupted == 1
    first.record_hold(session_id, record())
    assert second.log.sessions()[0].status == "in_progress"
    first.finish_session(session_id, "completed", at(TODAY, 9), 60)
    assert second.log.sessions()[0].status == "completed"


def test_a_reader_creates_nothing(path: Path) -> None:
    opened = open_log(path, create=False, mark_interrupted=False)
    assert opened.notice is None and opened.log.sessions() == []
    assert not path.exists() and not path.parent.exists()


# ---------------------------------------------------------------------- bad files
def real_log_bytes(tmp_path: Path, sessions: int = 200) -> bytes:
    source = tmp_path / "source" / "sessions.sqlite3"
    filled_log(source, random_sessions(sessions)).close()
    assert not source.with_name(source.name + "-wal").exists()  # closed: all in the file
    return source.read_bytes()


def unrelated_tables(file: Path) -> None:
    connection = sqlite3.connect(file)
    connection.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    connection.execute("INSERT INTO recipes VALUES ('soup', 30)")
    connection.commit()
    connection.close()


def missing_table(file: Path) -> None:
    build_version(file, SCHEMA_VERSION)
    connection = sqlite3.connect(file)
    connection.execute("DROP TABLE holds")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("random bytes", "it is not a database"),
        ("truncated", "it is cut short"),
        ("unrelated tables", "tables of some other program"),
        ("missing table", "its holds table is missing"),
        ("a folder", "a folder is where the file should be"),
    ],
)
def test_a_bad_file_is_kept_aside_and_a_fresh_log_starts(
    tmp_path: Path, path: Path, case: str, reason: str
) -> None:
    path.parent.mkdir(parents=True)
    if case == "random bytes":
        path.write_bytes(os.urandom(3000))
    elif case == "truncated":
        whole = real_log_bytes(tmp_path)
        assert len(whole) > 40_000
        path.write_bytes(whole[: len(whole) // 2])
    elif case == "unrelated tables":
        unrelated_tables(path)
    elif case == "missing table":
        missing_table(path)
    else:
        path.mkdir()
        (path / "mine.txt").write_text("keep me")
    before = path.read_bytes() if path.is_file() else None
    # A -wal beside it belongs to it and goes with it (SQLite finds a WAL by its name).
    wal = path.with_name(path.name + "-wal")
    if before is not None:
        wal.write_bytes(b"old wal")

    opened = open_log(path)

    (kept,) = [p for p in kept_files(path.parent) if not p.name.endswith(("-wal", "-shm"))]
    assert BAD_NAME.match(kept.name), kept.name
    assert opened.notice is not None
    assert reason in opened.notice and str(kept) in opened.notice
    assert "a new history has started" in opened.notice
    if before is not None:
        assert kept.read_bytes() == before
        assert kept.with_name(kept.name + "-wal").read_bytes() == b"old wal"
    else:
        assert (kept / "mine.txt").read_text() == "keep me"
    assert not opened.log.in_memory_only
    assert opened.log.start_session("r", "R", 60, at(TODAY)) != NOT_RECORDED
    assert pragma(path, "user_version") == SCHEMA_VERSION


def test_set_aside_twice_in_one_second_keeps_both(path: Path) -> None:
    path.parent.mkdir(parents=True)
    for content in (b"first bad file" * 10, b"second bad file" * 10):
        path.write_bytes(content)
        assert open_log(path).notice is not None
        path.unlink()
        for companion in path.parent.glob(path.name + "-*"):
            companion.unlink()
    kept = [p.read_bytes() for p in kept_files(path.parent)]
    assert sorted(kept) == sorted([b"first bad file" * 10, b"second bad file" * 10])


def test_a_newer_schema_is_left_untouched_and_the_log_lives_in_memory(path: Path) -> None:
    build_version(path, SCHEMA_VERSION)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = path.read_bytes()
    opened = open_log(path)
    assert opened.notice is not None
    assert "newer version of BackStretch" in opened.notice and "untouched" in opened.notice
    assert opened.log.in_memory_only
    assert path.read_bytes() == before and kept_files(path.parent) == []
    session_id = opened.log.start_session("r", "R", 60, at(TODAY))  # the session still runs
    opened.log.record_hold(session_id, record())
    assert len(opened.log.sessions()[0].holds) == 1


def test_locked_by_another_program_beyond_the_timeout(path: Path) -> None:
    filled_log(path, [session(TODAY)]).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock and keeps it
    try:
        started = time.monotonic()
        opened = open_log(path, busy_timeout_ms=100)
        waited = time.monotonic() - started
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert 0.09 <= waited < 3
    assert opened.notice is not None and "locked by another program" in opened.notice
    assert opened.log.in_memory_only
    assert opened.log.start_session("r", "R", 60, at(TODAY)) != NOT_RECORDED
    assert kept_files(path.parent) == []  # a locked file is not a bad file
    assert len(open_log(path).log.sessions()) == 1


def test_a_write_blocked_beyond_the_timeout_is_told_not_raised(path: Path) -> None:
    session_log = SessionLog.open_file(path, busy_timeout_ms=50)
    told: list[str] = []
    session_log.on_problem = told.append
    session_id = session_log.start_session("r", "R", 60, at(TODAY))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        session_log.record_hold(session_id, record())
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(told) == 1
    session_log.record_hold(session_id, record())  # and the next one gets through
    assert len(session_log.sessions()[0].holds) == 1


def permissions_ignored(tmp_path: Path) -> bool:
    """Root (with CAP_DAC_OVERRIDE) writes into a read-only folder; then skip, and let the
    simulated case below stand in. `setpriv --bounding-set=-dac_override` runs them as root."""
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o500)
    try:
        (probe / "file").write_text("")
    except PermissionError:
        return False
    finally:
        probe.chmod(0o700)
    return True


def test_a_read_only_folder(tmp_path: Path, path: Path) -> None:
    if permissions_ignored(tmp_path):
        pytest.skip("this user may write into a read-only folder (root)")
    path.parent.mkdir(parents=True)
    path.parent.chmod(0o500)
    try:
        opened = open_log(path)
    finally:
        path.parent.chmod(0o700)
    assert opened.log.in_memory_only
    assert opened.notice is not None and "cannot be written" in opened.notice
    assert opened.log.start_session("r", "R", 60, at(TODAY)) != NOT_RECORDED


def test_a_read_only_file(tmp_path: Path, path: Path) -> None:
    if permissions_ignored(tmp_path):
        pytest.skip("this user may write a read-only file (root)")
    filled_log(path, [session(TODAY)]).close()
    path.chmod(0o400)
    opened = open_log(path)
    assert opened.log.in_memory_only and opened.notice is not None
    assert path.read_bytes() and kept_files(path.parent) == []


def test_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    opened = open_log(blocker / "backstretch" / "sessions.sqlite3")
    assert opened.log.in_memory_only
    assert opened.notice is not None and "cannot be written" in opened.notice
    assert "will not be kept in your history this time" in opened.notice
    assert blocker.read_text() == "a file where the folder should be"
    assert opened.log.start_session("r", "R", 60, at(TODAY)) != NOT_RECORDED


def test_a_read_only_folder_simulated(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the kernel says for a read-only folder, for when the tests run as root."""
    real_open = os.open

    def refuse(file: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(file)) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(log_opening.os, "open", refuse)
    opened = open_log(path)
    assert opened.log.in_memory_only
    assert opened.notice == (
        f"Your session history at {path} cannot be written (Permission denied), so the session "
        "still runs, but it will not be kept in your history this time."
    )


# ---------------------------------------------------------------------- two writers
def test_two_logs_on_one_file_interleaving_lose_nothing(path: Path) -> None:
    first, second = open_log(path).log, open_log(path).log
    ids = []
    for n in range(10):
        for writer in (first, second):
            session_id = writer.start_session("r", "R", 60, at(TODAY, 8, n))
            ids.append((writer, session_id))
    for n in range(3):
        for writer, session_id in ids:
            writer.record_hold(session_id, record(n))
    for writer, session_id in ids:
        writer.finish_session(session_id, "completed", at(TODAY, 9), 60)
    rows = first.sessions()
    assert len(rows) == 20 and all(len(r.holds) == 3 for r in rows)
    assert {r.status for r in rows} == {"completed"}


def _writer(path: str, name: str, sessions: int, holds: int, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    session_log = open_log(Path(path)).log
    for n in range(sessions):
        session_id = session_log.start_session(name, name, 60, at(date(2024, 1, 1 + n)))
        for item in range(holds):
            session_log.record_hold(session_id, record(item))
        session_log.finish_session(session_id, "completed", at(date(2024, 1, 1 + n), 9), 60)
    assert session_log.problem is None, session_log.problem
    session_log.close()


def test_two_processes_writing_at_once_lose_nothing(path: Path) -> None:
    open_log(path).log.close()
    context = multiprocessing.get_context("spawn")  # no inherited connections or threads
    start = context.Barrier(2)
    workers = [
        context.Process(target=_writer, args=(str(path), name, 20, 6, start))
        for name in ("one", "two")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    rows = open_log(path).log.sessions()
    assert sorted((r.routine_id, len(r.holds), r.status) for r in rows) == sorted(
        (name, 6, "completed") for name in ("one", "two") for _ in range(20)
    )


def test_open_log_never_raises_on_what_the_disk_says(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "exists", refuse)
    opened = open_log(path, create=False)
    assert opened.log.in_memory_only
    assert opened.notice is not None and "(Permission denied)" in opened.notice


def test_the_one_list_of_fields_matches_the_rows() -> None:
    """The SQL columns and the exports come from SESSION_FIELDS and HOLD_FIELDS; a row type
    that gained a field without them would be read and exported out of step."""
    from backstretch.core.log import HOLD_FIELDS, SESSION_FIELDS, SessionRow

    session_names = [field.name for field in dataclasses.fields(SessionRow)]
    assert [field.name for field in SESSION_FIELDS] == session_names[: len(SESSION_FIELDS)]
    assert session_names[len(SESSION_FIELDS) :] == ["holds", "tally"]
    assert tuple(field.name for field in HOLD_FIELDS) == HoldRow._fields
