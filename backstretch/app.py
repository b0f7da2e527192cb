"""The one place that wires things together: QApplication, clock, engine, windows."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from backstretch.cli import DEFAULT_ROUTINE, EXIT_OK
from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import SessionEngine
from backstretch.core.paths import resolve_paths
from backstretch.core.plan import build_plan
from backstretch.core.routines import find_routine
from backstretch.core.stretches import load_library
from backstretch.core.trace import TraceWriter
from backstretch.ui.minimal_window import MinimalWindow
from backstretch.ui.ticker import QtTicker


def run_app(args: argparse.Namespace) -> int:
    """Open the window; --routine, --start, --mute and --trace as the command line says."""
    paths = resolve_paths()
    library = load_library()
    routine = find_routine(args.routine or DEFAULT_ROUTINE, paths, library)
    plan = build_plan(routine, load_cue_texts())

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("BackStretch")
    engine = SessionEngine(plan, time.monotonic)
    with contextlib.ExitStack() as stack:
        if args.trace:
            stream = stack.enter_context(Path(args.trace).open("a", encoding="utf-8"))
            engine.subscribe(TraceWriter(stream))
        ticker = QtTicker(engine)
        window = MinimalWindow(ticker)
        window.show()
        if args.start:
            ticker.start()
        if os.environ.get("BACKSTRETCH_QUIT_WHEN_DONE"):
            ticker.finished.connect(lambda _completed: app.quit())
        app.exec()
        ticker.stop_timer()
    return EXIT_OK
