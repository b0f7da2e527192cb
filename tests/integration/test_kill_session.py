"""kill -9 of the real app mid-session: every hold that ended is in the log, and the next
start of the real app marks the session interrupted."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.fakes import write

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


def wait_for(condition: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
    """Poll another process's output (there is no signal to wait on across processes)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def holds_in_trace(trace: Path) -> int:
    if not trace.exists():
        return 0
    lines = trace.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if line.endswith("}") and json.loads(line)["event"] == "hold")


def rows(db: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_kill_9_keeps_every_ended_hold_and_the_next_start_marks_it(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    write(
        isolated_dirs / "config" / "backstretch" / "settings.toml",
        "schema_version = 2\nsafety_accepted = true\nrate = 300\npain_check = false\n",
    )
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
