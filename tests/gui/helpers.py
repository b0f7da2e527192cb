"""What several GUI test modules share: the real window on a fake clock, time passing, the
window with a log, the settings dialog, and the no-clipping check. A helper module, not a test
module, so no test module imports another."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from backstretch.app import SessionAssembly
from backstretch.core.cues import load_cue_texts
from backstretch.core.log import SessionLog, open_log
from backstretch.core.paths import resolve_paths
from backstretch.core.settings import Settings, replace
from backstretch.core.stretches import load_library
from backstretch.ui.context import Context
from backstretch.ui.main_window import MainWindow
from backstretch.ui.settings_dialog import SettingsDialog
from tests.fakes import FakeClock


def make_window(qtbot, clock: FakeClock, settings: Settings | None = None) -> MainWindow:
    paths = resolve_paths()
    context = Context(
        paths,
        load_library(),
        load_cue_texts(),
        settings or replace(Settings(), safety_accepted=True),
        clock,
    )
    window = MainWindow(context)
    SessionAssembly(window)  # as app.py does: the window asks, the assembly builds
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def advance(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Time passes as it would under the real timer: short steps, a tick after each."""
    while seconds > 1e-9:
        step = min(0.5, seconds)
        clock.advance(step)
        seconds -= step
        assert window.ticker is not None
        window.ticker.poke()


def logged_window(qtbot, clock: FakeClock, **changes: object) -> tuple[MainWindow, SessionLog]:
    window = make_window(qtbot, clock, replace(Settings(), safety_accepted=True, **changes))
    opened = open_log(window.context.paths.log_file)
    window.set_log(opened.log, [opened.notice])
    return window, opened.log


def assert_nothing_clipped(root: QWidget) -> None:
    """Every shown label has room for its text: wrapped ones for their height at their width,
    single-line ones for their widest line. A scroll area never scrolls sideways."""
    checked = 0
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        checked += 1
        if label.wordWrap():
            assert label.heightForWidth(label.width()) <= label.height(), label.text()
        else:
            metrics = QFontMetrics(label.font())
            widest = max(metrics.horizontalAdvance(line) for line in label.text().splitlines())
            assert widest <= label.contentsRect().width(), label.text()
    assert checked
    for area in root.findChildren(QScrollArea):
        if area.isVisibleTo(root) and area.widget() is not None:
            assert area.widget().width() <= area.viewport().width()


def dialog_for(qtbot, settings: Settings, window) -> SettingsDialog:
    context = window.context
    dialog = SettingsDialog(
        settings,
        context.library,
        context.texts,
        window.start_view.selected_routine(),
        None,
        lambda _s, _t: None,
    )
    qtbot.addWidget(dialog)
    return dialog
