"""`backstretch log`: table, CSV, JSON, --since, and calm answers for bad input and files."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from backstretch.commands import log as logcmd
from backstretch.core.log import open_log
from backstretch.core.paths import Paths, resolve_paths
from tests.export_readers import parse_csv
from tests.log_samples import TODAY, at, filled_log, holds, record, session


def run(*argv: str, paths: Paths | None = None) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="backstretch")
    logcmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["log", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = logcmd.run(args, paths or resolve_paths(), today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def log_file() -> Path:
    path = resolve_paths().log_file
    rows = [
        session(TODAY, hour=7, pain=(6, 4), minutes=9.5),
        session(
            TODAY - timedelta(days=1),
            status="stopped",
            minutes=3,
            pain=(7, None),
            hold_rows=holds("done", "skipped", "pain"),
        ),
        session(TODAY - timedelta(days=2), routine="Morning", minutes=12),
        session(TODAY - timedelta(days=9)),
    ]
    filled_log(path, rows).close()
    return path


def test_plain_table_newest_first_with_a_streak_line(log_file: Path) -> None:
    code, out, err = run()
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "Date",
        "and",
        "time",
        "Routine",
        "Time",
        "Status",
        "Stretches",
        "Pain",
    ]
    assert lines[1].startswith("Thu 2024-03-14 07:00  Lower back relief  9 min 30 s")
    assert lines[1].endswith("completed    2 done                     6 -> 4")
    assert "Wed 2024-03-13 08:00" in lines[2]
    assert "ended early  1 done, 1 skipped, 1 hurt  7 -> -" in lines[2]
    assert "Morning" in lines[3] and "Tue 2024-03-05" in lines[4]
    assert lines[-1] == "Streak: 3 days in a row; 1 week with 3 or more sessions."


def test_every_line_of_the_table_goes_through_the_catalog(log_file: Path, pseudo: None) -> None:
    code, out, _err = run()
    assert code == 0
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 6  # the header, four sessions, the streak
    assert [line for line in lines if "ẍ" not in line] == []
    code, out, _err = run("--since", "2030-01-01")
    assert "ẍ" in out  # "No sessions since ..."


def test_since_filters_and_bad_since_is_one_clear_line(log_file: Path) -> None:
    code, out, _err = run("--since", "2024-03-13")
    assert code == 0
    assert len([line for line in out.splitlines() if line.startswith(("Thu", "Wed", "Tue"))]) == 2
    code, out, err = run("--since", "13/03/2024")
    assert (code, out) == (2, "")
    assert err == "backstretch log: --since takes a date like 2024-03-01, not '13/03/2024'.\n"
    code, out, _err = run("--since", "2025-01-01")
    assert out.startswith("No sessions since 2025-01-01.")


def test_csv_is_every_hold_with_its_session(log_file: Path) -> None:
    code, out, err = run("--csv")
    assert (code, err) == (0, "")
    rows = parse_csv(out)
    assert rows == open_log(log_file).log.sessions()
    assert [len(r.holds) for r in rows] == [2, 3, 2, 2]


def test_json_since(log_file: Path) -> None:
    code, out, _err = run("--json", "--since", "2024-03-12")
    assert code == 0
    data = json.loads(out)
    assert [d["started_at"] for d in data] == [
        "2024-03-14T07:00:00+01:00",
        "2024-03-13T08:00:00+01:00",
        "2024-03-12T08:00:00+01:00",
    ]
    assert data[1]["status"] == "stopped" and data[1]["pain_after"] is None
    assert [h["outcome"] for h in data[1]["holds"]] == ["done", "skipped", "pain"]


def test_csv_and_json_together_is_refused() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("--csv", "--json")
    assert exit_info.value.code == 2


def test_no_log_yet_creates_nothing() -> None:
    code, out, err = run()
    assert (code, err) == (0, "")
    assert out.startswith("No sessions recorded yet.")
    assert out.splitlines()[-1] == "Streak: none at the moment."
    assert not resolve_paths().data_dir.exists()


def test_a_session_running_in_the_app_is_left_running() -> None:
    app_log = open_log(resolve_paths().log_file).log
    session_id = app_log.start_session("r", "Running one", 60, at(TODAY))
    app_log.record_hold(session_id, record())
    code, out, _err = run()
    assert code == 0 and "running" in out
    assert app_log.sessions()[0].status == "in_progress"


def test_a_bad_log_file_is_told_on_stderr_and_kept(tmp_path: Path) -> None:
    path = resolve_paths().log_file
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 50)
    code, out, err = run()
    assert code == 0
    assert err.startswith("Your session history could not be read (it is not a database)")
    assert "Traceback" not in err
    assert out.startswith("No sessions recorded yet.")
    (kept,) = path.parent.glob("sessions.sqlite3.bad-*")
    assert kept.read_bytes() == b"this is not a database" * 50


def test_the_log_command_does_not_import_qt(log_file: Path) -> None:
    code = (
        "import sys, argparse\n"
        "from backstretch.commands import log as logcmd\n"
        "from backstretch.core.paths import resolve_paths\n"
        "p = argparse.ArgumentParser(); logcmd.add_parser(p.add_subparsers())\n"
        "rc = logcmd.run(p.parse_args(['log', '--csv']), resolve_paths())\n"
        "assert 'PySide6' not in sys.modules, 'PySide6 imported'\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("session_id,started_at")
