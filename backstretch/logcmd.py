"""`backstretch log`: the session history as a table, CSV or JSON, without importing Qt."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from backstretch.core.paths import Paths
from backstretch.core.timefmt import duration_text

if TYPE_CHECKING:  # sqlite3, datetime and the statistics load when `log` runs, not at start-up
    from datetime import date

    from backstretch.core.log import SessionLog, SessionRow

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2
STATUS_WORDS = {
    "completed": "completed",
    "stopped": "ended early",
    "interrupted": "cut off",
    "in_progress": "running",
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `log` to the command line's subcommands."""
    parser = subparsers.add_parser(
        "log",
        help="show your session history (--csv or --json to export it)",
        description="Your sessions, newest first: a table with your streak, or every hold "
        "as CSV or JSON.",
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--csv", action="store_true", help="one row per hold, for a spreadsheet")
    form.add_argument("--json", action="store_true", help="a list of sessions with their holds")
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only sessions started on or after this date"
    )


def run(
    args: argparse.Namespace,
    paths: Paths,
    *,
    today: date | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print the log. A bad --since exits 2, a log that cannot be read 1; a bad log file is
    told on stderr (and set aside, as the app does), never raised."""
    from datetime import date

    from backstretch.core.history import day_streak, streak_parts, to_csv, to_json, week_streak

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        since = parse_since("log", args.since)
    except ValueError as error:
        print(error, file=err)
        return EXIT_BAD_INPUT
    session_log = open_for_reading(paths, err)
    try:
        sessions = session_log.sessions(since)
        if args.csv:
            out.write(to_csv(sessions))
        elif args.json:
            out.write(to_json(sessions) + "\n")
        else:
            _print_table(sessions, since, out)
            days = session_log.stretched_days()
            today = today or date.today()
            parts = streak_parts(day_streak(days, today), week_streak(days, today))
            print(f"Streak: {'; '.join(parts) if parts else 'none at the moment'}.", file=out)
    finally:
        session_log.close()
    return EXIT_ERROR if session_log.problem else EXIT_OK


def parse_since(command: str, text: str | None) -> date | None:
    """--since YYYY-MM-DD, or None; a ValueError says how to write it (log and report)."""
    from datetime import date

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"backstretch {command}: --since takes a date like 2024-03-01, not {text!r}."
        ) from None


def open_for_reading(paths: Paths, err: TextIO) -> SessionLog:
    """The log as a reader opens it: it must not take a session running in the app for a
    dead one, nor create a file; but a bad file is set aside exactly as the app would, and
    said so. Problems while reading go to err."""
    from backstretch.core.log import open_log

    opened = open_log(paths.log_file, mark_interrupted=False, create=False)
    if opened.notice:
        print(opened.notice, file=err)
    session_log = opened.log
    session_log.on_problem = lambda message: print(message, file=err)
    return session_log


def _print_table(sessions: list[SessionRow], since: date | None, out: TextIO) -> None:
    from backstretch.core.history import pain_text

    if not sessions:
        print(f"No sessions since {since}." if since else "No sessions recorded yet.", file=out)
        return
    header = ("Date and time", "Routine", "Time", "Status", "Stretches", "Pain")
    lines = [
        (
            row.started_at.strftime("%a %Y-%m-%d %H:%M"),
            row.routine,
            duration_text(row.seconds),
            STATUS_WORDS.get(row.status, row.status),
            _stretches(row),
            # ASCII: a pipe or an old terminal may not take the arrow
            pain_text(row.pain_before, row.pain_after, arrow="->", missing="-"),
        )
        for row in sessions
    ]
    widths = [max(len(line[n]) for line in [header, *lines]) for n in range(len(header))]
    for line in [header, *lines]:
        print(
            "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip(),
            file=out,
        )
    print(file=out)


def _stretches(row: SessionRow) -> str:
    tally = row.tally
    parts = [f"{tally.stretches_done} done"]
    if tally.stretches_skipped:
        parts.append(f"{tally.stretches_skipped} skipped")
    if tally.stretches_pain:
        parts.append(f"{tally.stretches_pain} hurt")
    return ", ".join(parts)
