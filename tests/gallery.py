"""Screenshots of every view and every stretch, for the README and for looking at changes.

python -m tests.gallery [--out docs/screenshots] [--size 1100x720] [--dark]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from datetime import time as dt_time
from fnmatch import fnmatch
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from backstretch.app import SessionAssembly
from backstretch.core import i18n
from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import Control
from backstretch.core.log import SessionLog
from backstretch.core.paths import Paths
from backstretch.core.plan import PhaseKind
from backstretch.core.settings import Settings
from backstretch.core.stretches import load_library
from backstretch.ui.context import Context
from backstretch.ui.main_window import MainWindow
from backstretch.ui.qt_translations import install_qt_translator
from tests.log_samples import stopped_for_pain


class StillClock:
    """A clock that moves only when the gallery says so, so screenshots are repeatable."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#1F232A"),
        (QPalette.ColorRole.WindowText, "#E8EAED"),
        (QPalette.ColorRole.Base, "#181B20"),
        (QPalette.ColorRole.AlternateBase, "#2A3140"),
        (QPalette.ColorRole.Text, "#E8EAED"),
        (QPalette.ColorRole.Button, "#2A2F38"),
        (QPalette.ColorRole.ButtonText, "#E8EAED"),
        (QPalette.ColorRole.Highlight, "#5B8DEF"),
        (QPalette.ColorRole.Mid, "#3A404B"),
        (QPalette.ColorRole.PlaceholderText, "#9AA0A6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def advance(window: MainWindow, clock: StillClock, seconds: float) -> None:
    """Move time in short steps, as the real timer would (a jump would look like a sleep)."""
    while seconds > 1e-9:
        step = min(0.5, seconds)
        clock.now += step
        seconds -= step
        if window.ticker is not None:
            window.ticker.poke()


def dialog_shots(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """The dialogs, each as its own picture."""
    from backstretch.ui.settings_dialog import SettingsDialog

    context = window.context
    routine = window.start_view.selected_routine()
    settings = SettingsDialog(
        context.settings, context.library, context.texts, routine, None, lambda _s, _t: None
    )
    settings.resize(820, 560)
    settings.show()
    yield "settings-stretches", settings
    settings.tabs.setCurrentIndex(1)
    yield "settings-timings", settings
    settings.close()

    from backstretch.ui.routine_editor import RoutineEditor

    editor = RoutineEditor(context.paths, context.library, context.texts, context.settings)
    editor.resize(1100, 720)
    editor.show()
    yield "routines-bundled", editor
    editor.duplicate_routine()
    editor.pane.items.setCurrentRow(4)
    editor.pane.item_fields.checks["repetitions"].setChecked(True)
    editor.pane.item_fields.boxes["repetitions"].setValue(8)
    editor.save()
    yield "routines-own", editor
    editor.close()
    window.refresh_routines()

    from backstretch.ui.pain_dialog import PainDialog

    pain = PainDialog("after")
    pain.set_value(3)
    pain.show()
    yield "pain-after", pain
    pain.close()

    from backstretch.ui.history import HistoryWindow

    assert context.log is not None
    names = {stretch.id: stretch.name for stretch in context.library}
    history = HistoryWindow(context.log, date.today(), names=names)
    history.resize(1100, 760)
    history.show()
    yield "history", history
    history.tabs.setCurrentWidget(history.progress)  # issue 16
    yield "history-is-it-helping", history
    history.close()

    from backstretch.ui.weekly_check import WeeklyCheckDialog

    weekly = WeeklyCheckDialog()
    weekly.set_answer(1)
    weekly.show()
    yield "weekly-check", weekly
    weekly.close()


def sample_history(session_log: SessionLog, today: date) -> None:
    """Nine weeks of a plausible person: most days, pain easing from 6 to about 3."""
    from backstretch.core.log import HoldRow, SessionRow

    zone = timezone(timedelta(hours=1))
    rows = []
    for n in range(63, 0, -1):
        day = today - timedelta(days=n)
        if n % 7 in (3,) or n % 11 == 0:
            continue  # a few days off
        started = datetime.combine(day, dt_time(7, 40), tzinfo=zone)
        hurt = n == 40
        holds = tuple(
            HoldRow(
                item,
                stretch,
                None,
                None,
                30.0,
                12.0 if hurt and item == 2 else 30.0,
                "pain" if hurt and item == 2 else "done",
            )
            for item, stretch in enumerate(
                ("childs-pose", "knee-to-chest", "piriformis", "seated-spinal-twist")
            )
        )
        before = 6 - (63 - n) // 14
        rows.append(
            SessionRow(
                0,
                started,
                started + timedelta(minutes=8),
                "lower-back-relief",
                "Lower back relief",
                "stopped" if hurt else "completed",
                456.0,
                200.0 if hurt else 456.0 + (n % 3) * 20,
                before,
                max(1, before - 1 - n % 2),
                "",
                holds,
            )
        )
    session_log.add_sessions(rows)


def shots(window: MainWindow, clock: StillClock) -> Iterator[str | tuple[str, QWidget]]:
    """Drive the window through its states; yield a file name whenever a picture is due
    (with the widget to grab when it is not the main window)."""
    window.start_view.set_safety_accepted(False)
    yield "start-first-run"
    window.start_view.accept_button.click()
    sample = SessionLog.in_memory()
    sample_history(sample, date.today())
    window.set_log(sample, [])
    yield "start"
    routine = window.start_view.selected_routine()
    assert routine is not None
    yield from dialog_shots(window)
    window.start_session(routine)
    ticker = window.ticker
    assert ticker is not None
    engine = ticker.engine
    seen: set[tuple[str, str]] = set()
    while engine.phase.kind is not PhaseKind.DONE:
        phase = engine.phase
        stretch = phase.stretch.id if phase.stretch else ""
        key = (stretch, f"{phase.kind.value}{'-' + phase.side.value if phase.side else ''}")
        wanted = phase.kind in (
            PhaseKind.PREPARE,
            PhaseKind.HOLD,
            PhaseKind.SWITCH,
            PhaseKind.REST,
            PhaseKind.RELAX,
        )
        rested = any(kind == "rest" for _stretch, kind in seen)
        if wanted and key not in seen and (phase.kind is not PhaseKind.REST or not rested):
            seen.add(key)
            advance(window, clock, min(phase.duration_s * 0.3, 1.5))
            yield f"session-{stretch}-{key[1]}"
            if stretch == "childs-pose" and phase.kind is PhaseKind.HOLD:
                advance(window, clock, engine.remaining() - 2.4)
                yield "session-final-seconds"
        ticker.control(Control.SKIP)
        if (
            engine.phase.item >= 1
            and engine.phase.kind is PhaseKind.HOLD
            and not any(s == "paused" for s, _ in seen)
        ):
            advance(window, clock, 4)
            window.session_view.toggle_pause()
            yield "session-paused"
            window.session_view.toggle_pause()
            seen.add(("paused", ""))
    window.show_start()
    window.start_session(routine)
    advance(window, clock, 20)
    window.session_view.it_hurts()
    yield "session-it-hurts"
    window.session_view.skip_stretch_after_pain()
    for _ in range(6):
        window.ticker.control(Control.SKIP)  # type: ignore[union-attr]
    window.session_view.ask_stop()
    yield "session-confirm-stop"
    window.session_view.end_session()
    yield "finish-after-pain"
    window.show_start()
    window.start_session(routine)
    ticker = window.ticker
    assert ticker is not None
    engine = ticker.engine
    from backstretch.core.labels import is_final_hold

    while not (engine.phase.item == 1 and is_final_hold(engine.phase, engine.plan)):
        ticker.control(Control.SKIP)
    advance(window, clock, engine.remaining() - 6)  # the last hold's final seconds
    yield "session-up-next"
    advance(window, clock, engine.plan.total_s)  # to the end, every hold done
    yield "finish"
    window.show_start()
    yield from listening_to_pain_shot(window)


def listening_to_pain_shot(window: MainWindow) -> Iterator[str]:
    """The start view asking about a stretch stopped for pain twice lately (issue 16)."""
    assert window.context.log is not None
    now = datetime.now().astimezone().replace(microsecond=0)
    # After the sessions the gallery just ran (its clock stands still at "now").
    window.context.log.add_sessions(stopped_for_pain(now, (10, 20)))
    window.refresh_last_session()
    yield "start-listening-to-pain"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--size", default="1100x720")
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument(
        "--only", nargs="*", default=[], help="file-name patterns to write (default: all)"
    )
    parser.add_argument("--suffix", default="", help="added to every file name, e.g. -800x560")
    parser.add_argument(
        "--language", default="en", help="de, es: the app in that language (names end in -de)"
    )
    args = parser.parse_args(argv)
    i18n.set_language(args.language)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_qt_translator(app)
    if args.dark:
        QApplication.setPalette(dark_palette())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory() as home:
        paths = Paths(Path(home, "config"), Path(home, "data"), Path(home, "cache"))
        clock = StillClock()
        settings = Settings(language=None if args.language == "en" else args.language)
        context = Context(paths, load_library(), load_cue_texts(), settings, clock)
        window = MainWindow(context)
        SessionAssembly(window)
        window.resize(width, height)
        window.show()
        language = "" if args.language == "en" else f"-{args.language}"
        suffix = ("-dark" if args.dark else "") + language + args.suffix
        written = []
        for shot in shots(window, clock):
            name, widget = shot if isinstance(shot, tuple) else (shot, window)
            if args.only and not any(fnmatch(name, pattern) for pattern in args.only):
                continue
            if window._session_view is not None:
                window.session_view.illustration.settle()  # the picture, not mid-move
            app.processEvents()
            widget.grab()  # a first paint asks for what comes in the next turn (drawings)
            app.processEvents()
            path = out / f"{name}{suffix}.png"
            widget.grab().save(str(path))
            written.append(path)
        window.close()
    print("\n".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
