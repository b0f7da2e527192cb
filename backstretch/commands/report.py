"""`backstretch report`: a PDF for your clinician. Qt is imported only to write the PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from backstretch.commands.exitcodes import ExitCode
from backstretch.core.i18n import tr
from backstretch.core.paths import Paths

if TYPE_CHECKING:
    from datetime import date

DEFAULT_NAME = "backstretch-report.pdf"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report` to the command line's subcommands."""
    parser = subparsers.add_parser(
        "report",
        help=tr("write a PDF report of your sessions and pain for your clinician"),
        description=tr(
            "A short PDF: the routine as prescribed and as held, sessions per week, "
            "the pain trend and what it means, relief after sessions, pain stops, your notes."
        ),
    )
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", help=tr("only sessions started on or after this date")
    )
    parser.add_argument(
        "--out",
        metavar="FILE.pdf",
        help=tr("where to write it (default: ./{file})").format(file=DEFAULT_NAME),
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

    from backstretch.commands.log import open_for_reading, parse_since
    from backstretch.core.problems import ProblemsError
    from backstretch.core.report import report_from_log
    from backstretch.core.settings import load_settings
    from backstretch.core.stretches import load_library

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        since = parse_since("report", args.since)
    except ValueError as error:
        print(error, file=err)
        return ExitCode.BAD_INPUT
    target = Path(args.out) if args.out else Path.cwd() / DEFAULT_NAME
    if target.suffix.lower() != ".pdf":
        print(
            tr(
                "backstretch report: --out must name a .pdf file, like {example}, not {file}."
            ).format(example=DEFAULT_NAME, file=repr(str(target))),
            file=err,
        )
        return ExitCode.BAD_INPUT
    loaded = load_settings(paths.settings_file, set_aside=False)
    if loaded.notice:
        print(tr("note: {notice}").format(notice=loaded.notice), file=err)
    try:
        library = load_library()
    except ProblemsError as error:
        print(tr("backstretch report: {problem}").format(problem=error.problems[0]), file=err)
        return ExitCode.ERROR
    session_log = open_for_reading(paths, err)
    try:
        report = report_from_log(
            session_log, loaded.settings, paths, library, today=today or date.today(), since=since
        )
    finally:
        session_log.close()
    if session_log.problem:
        return ExitCode.ERROR
    from backstretch.ui.report_pdf import write_pdf  # the one Qt import, for the PDF writer

    try:
        write_pdf(report, target)
    except OSError as error:
        print(
            tr("backstretch report: could not write {file}: {error}").format(
                file=target, error=error
            ),
            file=err,
        )
        return ExitCode.ERROR
    print(tr("Report written to {file}.").format(file=target), file=out)
    return ExitCode.OK
