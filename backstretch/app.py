"""The one place that wires things together: QApplication, clock, settings, windows, trace."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from backstretch.cli import EXIT_OK
from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import resolve_paths
from backstretch.core.routines import find_routine
from backstretch.core.settings import load_settings
from backstretch.core.stretches import load_library
from backstretch.core.trace import TraceWriter
from backstretch.ui.context import Context
from backstretch.ui.main_window import MainWindow

APP_ID = "io.github.backstretch.BackStretch"


def run_app(args: argparse.Namespace) -> int:
    """Open the window; --routine, --start, --mute and --trace as the command line says."""
    paths = resolve_paths()
    library = load_library()
    texts = load_cue_texts()
    loaded = load_settings(paths.settings_file)
    routine = find_routine(args.routine, paths, library) if args.routine else None

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("BackStretch")
    QGuiApplication.setApplicationDisplayName("BackStretch")
    QGuiApplication.setDesktopFileName(APP_ID)
    context = Context(
        paths,
        library,
        texts,
        loaded.settings,
        time.monotonic,
        notices=[loaded.notice] if loaded.notice else [],
    )
    window = MainWindow(context)
    if args.mute:
        window.set_voice(False)
    with contextlib.ExitStack() as stack:
        if args.trace:
            stream = stack.enter_context(Path(args.trace).open("a", encoding="utf-8"))
            tracer = TraceWriter(stream)
            window.sessionCreated.connect(lambda pair: pair[0].subscribe(tracer))
        if os.environ.get("BACKSTRETCH_QUIT_WHEN_DONE"):  # benchmarks and end-to-end tests
            window.finish_view.showEvent = lambda _event: app.quit()  # type: ignore[method-assign]
        window.show()
        if routine is not None:
            window.start_view.select(routine)
        if args.start:
            chosen = routine or window.start_view.selected_routine()
            if chosen is not None and context.settings.safety_accepted:
                window.start_session(chosen)
        app.exec()
    return EXIT_OK
