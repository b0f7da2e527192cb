"""The clinician's report and the history's verdict at ten years of daily sessions (issue 16),
beside reading the sessions alone, same run.

    QT_QPA_PLATFORM=offscreen python benchmarks/report.py [--runs 5]

Targets: the report (the whole `backstretch report` command) < 2 s; the verdict < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from log_scale import TODAY, ten_years

from backstretch.core import progress
from backstretch.core.log import open_log
from backstretch.core.paths import resolve_paths
from backstretch.core.report import report_from_log
from backstretch.core.settings import Settings
from backstretch.core.stretches import load_library


def timed_ms(action: Callable[[], object], runs: int) -> float:
    """Median of `runs` timings, after one warm-up run that is not counted."""
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(
        f"{platform.node()} {platform.machine()} Python {platform.python_version()}; "
        f"{args.runs} runs, medians"
    )
    with tempfile.TemporaryDirectory() as home:
        os.environ["XDG_DATA_HOME"] = str(Path(home, "data"))
        os.environ["XDG_CONFIG_HOME"] = str(Path(home, "config"))
        paths = resolve_paths()
        session_log = open_log(paths.log_file).log
        rows = ten_years()
        session_log.add_sessions(rows)
        print(f"10-year log: {len(rows)} sessions, {sum(len(r.holds) for r in rows)} holds")
        library = load_library()
        read_only = session_log.sessions(holds=False)

        figures = {
            "read sessions (no holds)": timed_ms(
                lambda: session_log.sessions(holds=False), args.runs
            ),
            "read sessions with holds": timed_ms(session_log.sessions, args.runs),
            "verdict, rows already read": timed_ms(
                lambda: progress.pain_trend(progress.ratings_of(read_only)), args.runs
            ),
            "verdict, read included": timed_ms(
                lambda: progress.pain_trend(progress.ratings_of(session_log.sessions(holds=False))),
                args.runs,
            ),
            "verdict, its own narrow query": timed_ms(
                lambda: progress.pain_trend(session_log.pain_ratings()), args.runs
            ),
            "report model (reads holds)": timed_ms(
                lambda: report_from_log(session_log, Settings(), paths, library, today=TODAY),
                args.runs,
            ),
        }
        from backstretch.ui.report_pdf import write_pdf

        report = report_from_log(session_log, Settings(), paths, library, today=TODAY)
        out = Path(home, "report.pdf")
        figures["PDF written from the model"] = timed_ms(lambda: write_pdf(report, out), args.runs)
        session_log.close()
        trend = progress.pain_trend(progress.ratings_of(read_only))

        whole = []
        command = [sys.executable, "-m", "backstretch", "report", "--out", str(out)]
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, timeout=120)
            whole.append((time.perf_counter() - started) * 1000)
        figures["backstretch report, whole process"] = statistics.median(whole)
        pages = subprocess.run(
            ["pdfinfo", str(out)], capture_output=True, text=True, check=False
        ).stdout
        page_line = next((line for line in pages.splitlines() if line.startswith("Pages")), "")

    for label, value in figures.items():
        print(f"{label:<36} {value:9.1f} ms")
    print(f"verdict at 10 years: {trend.verdict.value}; {trend.figures_text()}")
    print(f"PDF: {page_line.split(':')[-1].strip() or '?'} pages, {out.name}")
    print("targets: report < 2000 ms, verdict < 50 ms")


if __name__ == "__main__":
    main()
