"""The clinician's report as data, and `backstretch report`'s answers to bad input."""

from __future__ import annotations

import argparse
import io
from datetime import timedelta
from pathlib import Path

import pytest

from backstretch.commands import report as reportcmd
from backstretch.core.log import HoldRow, WeeklyCheck
from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.report import build_report
from tests.log_samples import TODAY, at, session


def run(*argv: str, paths: Paths | None = None) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="backstretch")
    reportcmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = reportcmd.run(args, paths or resolve_paths(), today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_a_bad_since_date_says_how_to_write_it_and_exits_2(tmp_path: Path) -> None:
    code, out, err = run("--since", "14/03/2024", "--out", str(tmp_path / "r.pdf"))
    assert code == 2 and out == ""
    assert "--since takes a date like 2024-03-01, not '14/03/2024'" in err
    assert not (tmp_path / "r.pdf").exists()


def test_an_out_file_that_is_not_a_pdf_exits_2(tmp_path: Path) -> None:
    code, _out, err = run("--out", str(tmp_path / "report.txt"))
    assert code == 2 and "--out must name a .pdf file" in err


def hold(item: int, stretch: str, outcome: str, held: float = 30.0) -> HoldRow:
    return HoldRow(item, stretch, None, None, 30.0, held, outcome)


def test_the_model_has_every_section_with_figures_from_the_sessions() -> None:
    rows = [
        session(
            TODAY - timedelta(days=n),
            pain=(4 if n < 10 else 7, 3),
            hold_rows=(hold(0, "piriformis", "pain" if n % 5 == 0 else "done", 20.0),),
            note="Stiff after driving" if n == 3 else "",
        )
        for n in range(35)
    ]
    checks = [WeeklyCheck(at(TODAY - timedelta(days=2)), 2)]
    report = build_report(
        rows, today=TODAY, names={"piriformis": "Piriformis Stretch"}, checks=checks, weekly_goal=5
    )
    titles = [s.title for s in report.sections]
    assert titles == [
        "Routine: as prescribed and as held",
        "Sessions per week",
        "Pain before sessions: is it helping?",
        "Immediate relief",
        "Weekly check: overall, compared with the start",
        "Pain stops per stretch",
        "Your notes",
    ]
    text = report.text()
    assert "35 sessions" in report.period
    assert "Verdict: better." in text  # 7 at the start, 4 in the latest week
    assert "Weekly goal: 5 sessions." in text
    # Every 5th of 35 hurt; the others held 20 of 30 s, so they count as shortened.
    assert "Piriformis Stretch | 35 | 7 | 0 | 28" in text
    assert "Better | " not in text and "| Better" in text  # the weekly answer, as words
    assert "Stiff after driving" in text
    assert "Seek urgent care" not in text  # only when worse
    rising = [session(TODAY - timedelta(days=n), pain=(3 if n > 20 else 6, 6)) for n in range(35)]
    worse = build_report(rising, today=TODAY)
    assert "Seek urgent care" in worse.text() and "No weekly goal set." in worse.text()


def test_an_empty_log_still_makes_a_calm_report() -> None:
    text = build_report([], today=TODAY).text()
    assert "Verdict: not enough ratings yet." in text
    assert "No notes in this period." in text and "The routine could not be read." in text


@pytest.mark.parametrize("since", ["2024-02-30", "yesterday"])
def test_other_bad_dates_exit_2(since: str, tmp_path: Path) -> None:
    assert run("--since", since, "--out", str(tmp_path / "r.pdf"))[0] == 2


def test_the_command_line_runs_report_and_a_bad_date_never_loads_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from backstretch.cli import main; rc = main(['report', '--since', 'May 1']);"
        "print(rc, 'PySide6' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["2", "False"]
    assert "--since takes a date like 2024-03-01, not 'May 1'" in done.stderr


def test_a_stretch_left_out_is_named_in_the_routine_section() -> None:
    from backstretch.core.paths import resolve_paths
    from backstretch.core.personalize import personalize
    from backstretch.core.routines import find_routine
    from backstretch.core.settings import Settings, StretchSetting
    from backstretch.core.stretches import load_library

    library = load_library()
    settings = Settings(stretches={"piriformis": StretchSetting(left_out=True)})
    routine = personalize(find_routine("lower-back-relief", resolve_paths(), library), settings)
    names = {s.id: s.name for s in library}
    text = build_report(
        [], today=TODAY, routine=routine, names=names, left_out=["piriformis"]
    ).text()
    assert "Left out for now: Piriformis Stretch." in text
    assert "Piriformis Stretch |" not in text  # not in the routine's table
    assert "Knee-to-Chest | 30 s × 1 each side | – | 0" in text


def test_the_practice_plans_weekly_goal_is_the_reports(tmp_path: Path) -> None:
    """With a plan (issue 15) the weekly table counts against its goal; without, none is set."""
    from backstretch.core.log import SessionLog
    from backstretch.core.practice import PracticePlan
    from backstretch.core.report import report_from_log
    from backstretch.core.settings import Settings, replace
    from backstretch.core.stretches import load_library

    session_log = SessionLog.in_memory()
    session_log.add_sessions([session(TODAY - timedelta(days=n)) for n in range(5)])
    paths = Paths(tmp_path / "c", tmp_path / "d", tmp_path / "k")
    plan = PracticePlan(days=frozenset({0, 2, 4}), weekly_goal=4)
    planned = replace(Settings(), plan=plan)
    for settings, expected in (
        (planned, "Weekly goal: 4 sessions."),
        (Settings(), "No weekly goal set."),
    ):
        report = report_from_log(session_log, settings, paths, load_library(), today=TODAY)
        assert expected in report.text()
