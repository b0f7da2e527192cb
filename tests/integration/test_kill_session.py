"""kill -9 of the real app mid-session: every hold that ended is in the log, and the next
start of the real app marks the session interrupted."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.fakes import write
from tests.integration.apps import accepted_settings, trace_events, wait_for

ROUTINE = """
name = "Tilts to kill"
[timings]
prepare = 5
[[item]]
stretch = "pelvic-tilt"
hold = 5
repetitions = 6
relax = 1
"""


def holds_in_trace(trace: Path) -> int:
    return len(trace_events(trace, "hold"))


def rows(db: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_kill_9_keeps_every_ended_hold_and_the_next_start_marks_it(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    accepted_settings(isolated_dirs, "rate = 300\npain_check = false\n")
    routine = write(tmp_path / "tilts.toml", ROUTINE)
    trace = tmp_path / "trace.jsonl"
    db = isolated_dirs / "data" / "backstretch" / "sessions.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = [sys.executable, "-m", "backstretch", "--routine", str(routine), "--mute"]
    first = subprocess.Popen(
        [*app, "--start", "--trace", str(trace)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: holds_in_trace(trace) >= 2, "two holds to end")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL
    ended = holds_in_trace(trace)
    assert ended >= 2
    assert rows(db, "SELECT status FROM sessions") == [("in_progress",)]
    kept = rows(db, "SELECT stretch, rep, held_s, outcome FROM holds ORDER BY id")
    assert len(kept) == ended  # each hold was committed as it ended, none lost to the kill
    assert [(s, r, o) for s, r, _held, o in kept[:2]] == [
        ("pelvic-tilt", 1, "done"),
        ("pelvic-tilt", 2, "done"),
    ]
    assert all(abs(held - 5) < 0.3 for _s, _r, held, _o in kept)

    second = subprocess.Popen(app, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(
            lambda: rows(db, "SELECT status FROM sessions") == [("interrupted",)],
            "the next start to mark the session interrupted",
        )
    finally:
        second.terminate()
        _out, err = second.communicate(timeout=10)
    assert b"Traceback" not in err
    assert len(rows(db, "SELECT id FROM holds")) == ended
    assert oct(db.stat().st_mode & 0o777) == "0o600"
