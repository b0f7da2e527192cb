"""The history's "Is it helping?" tab: verdict, figures, warning signs, the report button."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from backstretch.core.log import HoldRow, SessionLog
from backstretch.core.progress import words
from backstretch.ui.history import HistoryWindow
from tests.log_samples import TODAY, at, filled_log, session


def rows_with(pain_at_start: int, pain_now: int) -> list:
    return [
        session(
            TODAY - timedelta(days=n),
            pain=(pain_now if n < 14 else pain_at_start, 2),
            hold_rows=(
                HoldRow(
                    0,
                    "piriformis",
                    None,
                    None,
                    30.0,
                    4.0 if n == 1 else 30.0,
                    "pain" if n == 1 else "done",
                ),
            ),
        )
        for n in range(35)
    ]


def open_window(qtbot, session_log: SessionLog) -> HistoryWindow:
    window = HistoryWindow(session_log, TODAY, names={"piriformis": "Piriformis Stretch"})
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.progress)
    return window


def test_the_tab_says_better_with_its_figures_and_no_alarm(qtbot, tmp_path: Path) -> None:
    session_log = filled_log(tmp_path / "log.sqlite3", rows_with(7, 3))
    session_log.add_weekly_check(at(TODAY - timedelta(days=1)), 2)
    window = open_window(qtbot, session_log)
    panel = window.progress
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "&Is it helping?"
    assert panel.verdict.text().startswith("Better. ")
    assert "7 of 10" in panel.figures.text() and "3 of 10" in panel.figures.text()
    assert "4 points lower, 57%" in panel.figures.text()
    assert not panel.urgent.isVisibleTo(panel)
    assert "Better" in panel.checks.text()
    assert "Immediate relief" in panel.relief.text()
    assert "Piriformis Stretch: 28 sessions; stopped for pain 1" in panel.stops.text()
    assert not panel.help.isVisibleTo(panel)
    panel.help_button.click()
    assert panel.help.isVisibleTo(panel) and panel.help.text() == words().help
    assert panel.report_button.accessibleName() == "Report for your clinician"
    session_log.close()


def test_worse_shows_the_warning_signs_in_words(qtbot, tmp_path: Path) -> None:
    session_log = filled_log(tmp_path / "log.sqlite3", rows_with(3, 6))
    panel = open_window(qtbot, session_log).progress
    assert "doctor or physiotherapist" in panel.verdict.text()
    assert panel.urgent.isVisibleTo(panel)
    assert panel.urgent.text() == "Important: " + words().urgent
    session_log.close()


def test_a_worse_weekly_answer_shows_the_signs_even_when_the_trend_is_better(
    qtbot, tmp_path: Path
) -> None:
    session_log = filled_log(tmp_path / "log.sqlite3", rows_with(7, 3))
    session_log.add_weekly_check(at(TODAY - timedelta(days=1)), -2)
    panel = open_window(qtbot, session_log).progress
    assert panel.verdict.text().startswith("Better. ")
    assert panel.urgent.isVisibleTo(panel) and "Worse" in panel.checks.text()
    session_log.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_report_button_writes_the_pdf(qtbot, tmp_path: Path) -> None:
    session_log = filled_log(tmp_path / "log.sqlite3", rows_with(7, 3))
    panel = open_window(qtbot, session_log).progress
    target = tmp_path / "for-the-physio"  # no suffix typed: .pdf is added
    panel.ask_path = lambda: str(target)
    panel.report_button.click()
    written = target.with_name("for-the-physio.pdf")
    assert panel.status.text() == f"Report saved to {written}."
    text = subprocess.run(
        ["pdftotext", str(written), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Verdict: better." in text and "35 sessions" in text
    panel.ask_path = lambda: ""  # cancelled: nothing happens
    panel.report_button.click()
    assert panel.status.text() == f"Report saved to {written}."
    session_log.close()
