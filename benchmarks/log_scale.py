"""The session log at ten years of daily use (3,650 sessions, about 40,000 holds) beside an
empty log, same run: opening the history window until its charts are painted, `backstretch log
--csv`, and committing one hold.

    QT_QPA_PLATFORM=offscreen python benchmarks/log_scale.py [--runs 5]

Targets (issue 6): history opens <= 150 ms, CSV <= 1 s, one hold commit <= 5 ms.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backstretch.core.engine import HoldOutcome, HoldRecord
from backstretch.core.log import HoldRow, SessionLog, SessionRow, open_log
from backstretch.core.paths import resolve_paths
from backstretch.core.stretches import Side

TODAY = date(2026, 3, 14)
TZ = timezone(timedelta(hours=1))
# The bundled routine's shape: (stretch, sides, repetitions).
ROUTINE = [
    ("childs-pose", [None], [None]),
    ("knee-to-chest", ["right", "left"], [None]),
    ("piriformis", ["right", "left"], [None]),
    ("seated-spinal-twist", ["right", "left"], [None]),
    ("pelvic-tilt", [None], [1, 2, 3, 4]),
]


def ten_years(days: int = 3650, seed: int = 6) -> list[SessionRow]:
    """One session a day: mostly completed, some stopped, a few cut off; pain easing slowly."""
    rng = random.Random(seed)
    rows = []
    for n in range(days):
        day = TODAY - timedelta(days=days - 1 - n)
        started = datetime(day.year, day.month, day.day, 7, rng.randint(0, 59), tzinfo=TZ)
        status = rng.choices(["completed", "stopped", "interrupted"], [90, 8, 2])[0]
        holds = []
        for item, (stretch, sides, reps) in enumerate(ROUTINE):
            for side in sides:
                for rep in reps:
                    outcome = rng.choices(["done", "extended", "skipped", "pain"], [85, 8, 5, 2])[0]
                    held = 30.0 if outcome in ("done", "extended") else rng.uniform(0, 30)
                    holds.append(HoldRow(item, stretch, side, rep, 30.0, round(held, 3), outcome))
        pain = max(0, min(10, round(6 - 3 * n / days + rng.gauss(0, 1))))
        rows.append(
            SessionRow(
                0,
                started,
                None if status == "interrupted" else started + timedelta(minutes=8),
                "lower-back-relief",
                "Lower back relief",
                status,
                456.0,
                None if status == "interrupted" else rng.uniform(400, 500),
                pain,
                max(0, pain - rng.randint(0, 2)),
                "",
                tuple(holds),
            )
        )
    return rows


def history_open_ms(session_log: SessionLog, runs: int) -> list[float]:
    """Construct and show the window; stop when the last chart has painted."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from backstretch.ui.history import HistoryWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class Painted(QObject):
        seen = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                Painted.seen = True
            return False

    times = []
    for _ in range(runs + 1):  # the first run warms imports and caches; it is not counted
        Painted.seen = False
        started = time.perf_counter()
        window = HistoryWindow(session_log, TODAY)
        watcher = Painted(window)
        window.pain_chart.installEventFilter(watcher)
        window.show()
        while not Painted.seen:
            app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
        window.close()
        window.deleteLater()
        app.processEvents()
    return times[1:]


def cli_has_log() -> bool:
    from backstretch.cli import build_parser

    parser = build_parser()
    return any(
        isinstance(action, argparse._SubParsersAction) and "log" in action.choices
        for action in parser._actions
    )


LOGCMD = (
    "import argparse, sys\n"
    "from backstretch.commands import log as logcmd\n"
    "from backstretch.core.paths import resolve_paths\n"
    "p = argparse.ArgumentParser(); logcmd.add_parser(p.add_subparsers())\n"
    "sys.exit(logcmd.run(p.parse_args(['log', '--csv']), resolve_paths()))\n"
)


def csv_s(data_home: Path, runs: int) -> tuple[list[float], int, str]:
    """Wall time of the whole command, Python start-up included, as a person would run it."""
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    if cli_has_log():
        command, how = (
            [sys.executable, "-m", "backstretch", "log", "--csv"],
            "backstretch log --csv",
        )
    else:  # until cli.py adds the subcommand: the same code behind it
        command, how = (
            [sys.executable, "-c", LOGCMD],
            "commands.log.run(log --csv) in a new process",
        )
    times, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=True, timeout=60)
        times.append(time.perf_counter() - started)
        size = len(done.stdout)
    return times, size, how


def csv_in_process_ms(data_home: Path, runs: int) -> list[float]:
    from backstretch.commands import log as logcmd

    old = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(data_home)
    try:
        paths = resolve_paths()
        args = argparse.Namespace(csv=True, json=False, since=None)
        times = []
        for _ in range(runs):
            out = io.StringIO()
            started = time.perf_counter()
            logcmd.run(args, paths, out=out, err=io.StringIO())
            times.append((time.perf_counter() - started) * 1000)
        return times
    finally:
        if old is None:
            del os.environ["XDG_DATA_HOME"]
        else:
            os.environ["XDG_DATA_HOME"] = old


def commit_ms(path: Path, holds: int) -> list[float]:
    """One record_hold each: a committed transaction of its own, as in a session."""
    session_log = open_log(path).log
    session_id = session_log.start_session("bench", "Bench", 456, datetime.now(TZ))
    times = []
    for n in range(holds):
        record = HoldRecord(n % 5, "knee-to-chest", Side.LEFT, None, 30.0, 30.0, HoldOutcome.DONE)
        started = time.perf_counter()
        session_log.record_hold(session_id, record)
        times.append((time.perf_counter() - started) * 1000)
    session_log.finish_session(session_id, "completed", datetime.now(TZ), 456)
    session_log.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "backstretch", quiet=1)
    print(
        f"{platform.node()} {platform.machine()} Python {platform.python_version()}; "
        f"{args.runs} runs, medians"
    )
    with tempfile.TemporaryDirectory() as home:
        homes = {"empty": Path(home, "empty"), "10 years": Path(home, "big")}
        logs: dict[str, SessionLog] = {}
        for name, data_home in homes.items():
            path = data_home / "backstretch" / "sessions.sqlite3"
            logs[name] = open_log(path).log
        started = time.perf_counter()
        rows = ten_years()
        logs["10 years"].add_sessions(rows)
        holds = sum(len(r.holds) for r in rows)
        files = (homes["10 years"] / "backstretch").iterdir()
        size = sum(file.stat().st_size for file in files)
        print(
            f"10-year log: {len(rows)} sessions, {holds} holds, {size / 2**20:.1f} MiB "
            f"(written in {time.perf_counter() - started:.1f} s)"
        )
        figures: dict[str, dict[str, float]] = {name: {} for name in homes}
        how = ""
        for name, data_home in homes.items():
            figures[name]["history"] = statistics.median(history_open_ms(logs[name], args.runs))
            wall, _bytes, how = csv_s(data_home, args.runs)
            figures[name]["csv"] = statistics.median(wall)
            figures[name]["csv_in"] = statistics.median(csv_in_process_ms(data_home, args.runs))
        for session_log in logs.values():
            session_log.close()
        for name, data_home in homes.items():
            commits = commit_ms(data_home / "backstretch" / "sessions.sqlite3", args.commits)
            figures[name]["commit"] = statistics.median(commits)
            figures[name]["commit_max"] = max(commits)
    empty, big = figures["empty"], figures["10 years"]

    def line(label: str, a: float, b: float, unit: str, target: str) -> None:
        print(
            f"{label:<27} empty {a:8.2f} {unit}   10 years {b:8.2f} {unit}   "
            f"ratio {b / a:5.2f}x   (target {target})"
        )

    line("history window, painted:", empty["history"], big["history"], "ms", "<= 150 ms")
    line("log --csv, whole process:", empty["csv"], big["csv"], "s ", "<= 1 s")
    line("  of which commands.log.run:", empty["csv_in"], big["csv_in"], "ms", "-")
    line("one hold commit:", empty["commit"], big["commit"], "ms", "<= 5 ms")
    print(
        f"{'  slowest of ' + str(args.commits) + ' commits:':<27} empty "
        f"{empty['commit_max']:8.2f} ms   10 years {big['commit_max']:8.2f} ms"
    )
    print(f"(the CSV command ran as: {how})")


if __name__ == "__main__":
    main()
