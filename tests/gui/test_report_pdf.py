"""The PDF report: its text (pdftotext) holds every section and figure the log gives."""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from backstretch.commands import report as reportcmd
from backstretch.core.log import HoldRow
from backstretch.core.paths import resolve_paths
from tests.log_samples import TODAY, filled_log, session

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(path: Path) -> str:
    # -layout keeps table rows on one line; whitespace is then squeezed for the checks.
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def test_backstretch_report_writes_every_section_and_figure(qapp, tmp_path: Path) -> None:
    rows = [
        session(
            TODAY - timedelta(days=n),
            pain=(3 if n < 7 else 7, 2),
            hold_rows=(
                HoldRow(
                    0,
                    "piriformis",
                    "right",
                    None,
                    30.0,
                    5.0 if n in (1, 3) else 30.0,
                    "pain" if n in (1, 3) else "done",
                ),
            ),
            note="Better after the walk" if n == 2 else "",
        )
        for n in range(28)
    ]
    filled_log(resolve_paths().log_file, rows).close()
    out = tmp_path / "report.pdf"
    parser = argparse.ArgumentParser(prog="backstretch")
    reportcmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", "--out", str(out)])
    stdout, stderr = io.StringIO(), io.StringIO()
    assert reportcmd.run(args, resolve_paths(), today=TODAY, out=stdout, err=stderr) == 0
    assert f"Report written to {out}." in stdout.getvalue()
    text = pdf_text(out)
    for title in (
        "BackStretch: report for your clinician",
        "Routine: as prescribed and as held",
        "Sessions per week",
        "Pain before sessions: is it helping?",
        "Immediate relief",
        "Weekly check: overall, compared with the start",
        "Pain stops per stretch",
        "Your notes",
    ):
        assert title in text
    assert "28 sessions" in text
    assert "Verdict: better." in text  # 7 for two weeks, then 3
    assert "Ostelo et al., Spine 2008" in text
    assert "Piriformis Stretch 28 2 0 0" in text  # sessions, stopped for pain, skipped, short
    assert "Better after the walk" in text
    assert "No weekly goal set." in text
    assert "Seek urgent care" not in text


def test_a_report_since_a_date_counts_only_from_then(qapp, tmp_path: Path) -> None:
    rows = [session(TODAY - timedelta(days=n), pain=(5, 4)) for n in range(10)]
    filled_log(resolve_paths().log_file, rows).close()
    out = tmp_path / "since.pdf"
    parser = argparse.ArgumentParser(prog="backstretch")
    reportcmd.add_parser(parser.add_subparsers(dest="command"))
    since = (TODAY - timedelta(days=2)).isoformat()
    args = parser.parse_args(["report", "--since", since, "--out", str(out)])
    code = reportcmd.run(args, resolve_paths(), today=TODAY, out=io.StringIO(), err=io.StringIO())
    assert code == 0
    assert "3 sessions" in pdf_text(out)
