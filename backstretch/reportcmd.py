"""`backstretch report`: a PDF for your clinician. Qt is imported only to write the PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from backstretch.core.paths import Paths

if TYPE_CHECKING:
    from datetime import date

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_NAME = "backstretch-report.pdf"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report` to the command line's subcommands."""
    parser = subparsers.add_parser(
        "report",
        help="write a PDF report of your sessions and pain for your clinician",
        description="A short PDF: the routine as prescribed and as held, sessions per week, "
        "the pain trend and what it means, relief after sessions, pain stops, your notes.",
    )
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only sessions started on or after this date"
    )
    parser.add_argument(
        "--out", metavar="FILE.pdf", help=f"where to write it (default: ./{DEFAULT_NAME})"
    )


def run(
    args: argparse.Namespace,
    paths: Paths,
    *,
    today: date | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Write the report. A bad --since or --out exits 2; a log or file that fails, 1."""
    from datetime import date

    from backstretch.core.problems import ProblemsError
    from backstretch.core.report import report_from_log
    from backstretch.core.settings import load_settings
    from backstretch.core.stretches import load_library
    from backstretch.logcmd import open_for_reading, parse_since

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        since = parse_since("report", args.since)
    except ValueError as error:
        print(error, file=err)
        return EXIT_BAD_INPUT
    target = Path(args.out) if args.out else Path.cwd() / DEFAULT_NAME
    if target.suffix.lower() != ".pdf":
        print(
            f"backstretch report: --out must name a .pdf file, like {DEFAULT_NAME}, "
            f"not {str(target)!r}.",
            file=err,
        )
        return EXIT_BAD_INPUT
    loaded = load_settings(paths.settings_file, set_aside=False)
    if loaded.notice:
        print(f"note: {loaded.notice}", file=err)
    try:
        library = load_library()
    except ProblemsError as error:
        print(f"backstretch report: {error.problems[0]}", file=err)
        return EXIT_ERROR
    session_log = open_for_reading(paths, err)
    try:
        report = report_from_log(
            session_log, loaded.settings, paths, library, today=today or date.today(), since=since
        )
    finally:
        session_log.close()
    if session_log.problem:
        return EXIT_ERROR
    from backstretch.ui.report_pdf import write_pdf  # the one Qt import, for the PDF writer

    try:
        write_pdf(report, target)
    except OSError as error:
        print(f"backstretch report: could not write {target}: {error}", file=err)
        return EXIT_ERROR
    print(f"Report written to {target}.", file=out)
    return EXIT_OK
