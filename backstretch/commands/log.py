"""`backstretch log`: the session history as a table, CSV or JSON, without importing Qt."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from backstretch.commands.exitcodes import ExitCode
from backstretch.core.i18n import catalog_text, format_time, ptr, tr, weekday_name
from backstretch.core.paths import Paths
from backstretch.core.timefmt import duration_text

if TYPE_CHECKING:  # sqlite3, datetime and the statistics load when `log` runs, not at start-up
    from datetime import date

    from backstretch.core.log import SessionLog, SessionRow


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `log` to the command line's subcommands."""
    parser = subparsers.add_parser(
        "log",
        help=tr("show your session history (--csv or --json to export it)"),
        description=tr(
            "Your sessions, newest first: a table with your streak, or every hold as CSV or JSON."
        ),
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--csv", action="store_true", help=tr("one row per hold, for a spreadsheet"))
    form.add_argument("--json", action="store_true", help=tr("a list of sessions with their holds"))
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", help=tr("only sessions started on or after this date")
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
        return ExitCode.BAD_INPUT
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
            streak = "; ".join(parts) if parts else tr("none at the moment")
            print(tr("Streak: {streak}.").format(streak=streak), file=out)
    finally:
        session_log.close()
    return ExitCode.ERROR if session_log.problem else ExitCode.OK


def parse_since(command: str, text: str | None) -> date | None:
    """--since YYYY-MM-DD, or None; a ValueError says how to write it (log and report)."""
    from datetime import date

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            tr("backstretch {command}: --since takes a date like 2024-03-01, not {text}.").format(
                command=command, text=repr(text)
            )
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
    from backstretch.core.history.words import pain_text, status_word, stretches_text

    if not sessions:
        if since:
            print(tr("No sessions since {date}.").format(date=since), file=out)
        else:
            print(tr("No sessions recorded yet."), file=out)
        return
    header = (
        tr("Date and time"),
        tr("Routine"),
        ptr("log column", "Time"),
        tr("Status"),
        tr("Stretches"),
        tr("Pain"),
    )
    lines = [
        (
            _when(row),
            # The name as it was stored: a bundled routine's English name is shown in the
            # language now; a person's own name has no catalog entry and stays as written.
            catalog_text(row.routine),
            duration_text(row.seconds),
            status_word(row.status),
            stretches_text(row.tally),
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


def _when(row: SessionRow) -> str:
    """ "Mon 2024-03-04 07:30": the weekday in the person's language, the date sortable."""
    started = row.started_at
    return tr("{weekday} {date} {time}").format(
        weekday=weekday_name(started.date(), short=True),
        date=started.date().isoformat(),
        time=format_time(started),
    )
