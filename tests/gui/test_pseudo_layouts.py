"""Layouts hold (issue 14): with every word about 40 % longer and accented, as German or Spanish
makes them (i18n's pseudo-translation), no view clips, elides or overflows any text.

The main window's views are measured at its default size and at its minimum; each dialog at the
size it opens with and at its own minimum. tests/floor.py walks the session view itself.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from datetime import time as dt_time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QTabWidget, QWidget

from backstretch.core import i18n
from backstretch.core.engine import Control
from backstretch.core.i18n import tr
from backstretch.core.log import SessionLog
from backstretch.core.practice import PracticePlan
from backstretch.core.settings import Settings, replace
from backstretch.core.stretches import load_library
from backstretch.ui.main_window import DEFAULT_SIZE, MIN_SIZE, MainWindow
from backstretch.ui.start_view import SAFETY_TEXT
from tests.fakes import SHORT_ROUTINE, FakeClock, routine_from_text, write
from tests.gallery import sample_history
from tests.gui.helpers import advance, dialog_for, make_window
from tests.gui.layout_checks import layout_problems
from tests.log_samples import stopped_for_pain

WINDOW_SIZES = {"default": DEFAULT_SIZE, "minimum": MIN_SIZE}
FILLER = "ẍ"  # every pseudo-translated text ends with words that start with it


def settled() -> None:
    """Layouts are applied in the event loop: let every pending one (and its follow-ups) run."""
    for _ in range(3):
        QApplication.processEvents()


def checked(root: QWidget, seen: set[str] | None = None) -> list[str]:
    settled()
    problems = layout_problems(root, seen)
    # Measured in the pseudo-translation, not in English (whether every text goes through tr
    # is test_pseudo_words's to check).
    assert FILLER in tr(SAFETY_TEXT), "the pseudo-translation is off"
    return problems


def fits(problems: list[str]) -> None:
    assert not problems, "\n".join(["Text that does not fit:", *problems])


# ---------------------------------------------------------------- the main window


@pytest.fixture(params=list(WINDOW_SIZES))
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return WINDOW_SIZES[request.param]


def sized(qtbot, clock: FakeClock, size: tuple[int, int], **changes: object) -> MainWindow:
    window = make_window(qtbot, clock, replace(Settings(), **changes))
    window.resize(*size)
    settled()
    assert (window.width(), window.height()) == size
    return window


def with_history(window: MainWindow) -> SessionLog:
    """Nine weeks of sessions: the last session, the plan line and "Last done" are shown."""
    sample = SessionLog.in_memory()
    sample_history(sample, window.context.wall().date())
    window.set_log(sample, [])
    return sample


def test_the_start_view_with_the_safety_note(
    qtbot, pseudo: None, clock: FakeClock, size: tuple[int, int]
) -> None:
    window = sized(qtbot, clock, size, safety_accepted=False)
    assert window.start_view.safety.isVisible()
    fits(checked(window))


def test_the_start_view_with_routines_and_history(
    qtbot,
    pseudo: None,
    clock: FakeClock,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = PracticePlan(days=frozenset({0, 2, 4}), at=dt_time(18, 0), weekly_goal=3)
    with tempfile.TemporaryDirectory(prefix="home-") as home:
        # A routine file that cannot be read, named by its path under the routines: a
        # folder as long as a usual home's, not pytest's much longer one.
        monkeypatch.setenv("XDG_CONFIG_HOME", str(Path(home, ".config")))
        window = sized(qtbot, clock, size, safety_accepted=False, plan=plan)
        write(window.context.paths.routines_dir / "mine.toml", 'name = "Mine"\n[[item]]\n')
        window.refresh_routines()
        window.start_view.accept_button.click()
        with_history(window)
        # A notice as long as a translated one (a made-up text, not one of the catalog's).
        window.show_notice(i18n.pseudo("Your settings could not be read; the defaults are used."))
        view = window.start_view
        assert not view.safety.isVisible() and view.problems.isVisible()
        assert view.plan_line.isVisible() and view.last_session.isVisible()
        fits(checked(window))


def test_the_start_view_listening_to_pain(
    qtbot, pseudo: None, clock: FakeClock, size: tuple[int, int]
) -> None:
    """Issue 16's question about a stretch that keeps hurting, with its four choices."""
    window = sized(qtbot, clock, size, safety_accepted=True)
    session_log = with_history(window)
    now = window.context.wall().replace(microsecond=0)
    session_log.add_sessions(stopped_for_pain(now, (-50, -40)))
    window.refresh_last_session()
    bar = window.suggestion_bar
    assert bar is not None and bar.isVisibleTo(window)
    fits(checked(window))


def finished(window: MainWindow, clock: FakeClock) -> None:
    routine = window.start_view.selected_routine()
    assert routine is not None
    window.start_session(routine)
    assert window.ticker is not None
    advance(window, clock, window.ticker.engine.plan.total_s + 1)


def test_the_finish_view(qtbot, pseudo: None, clock: FakeClock, size: tuple[int, int]) -> None:
    window = sized(qtbot, clock, size, safety_accepted=True, pain_check=False)
    with_history(window)
    finished(window, clock)
    window.finish_view.show_pain(6, 3)
    assert window.stack.currentWidget() is window.finish_view
    fits(checked(window))


def test_the_finish_view_after_pain(
    qtbot, pseudo: None, clock: FakeClock, size: tuple[int, int]
) -> None:
    window = sized(qtbot, clock, size, safety_accepted=True, pain_check=False)
    with_history(window)
    routine = window.start_view.selected_routine()
    assert routine is not None
    window.start_session(routine)
    advance(window, clock, 20)
    window.session_view.it_hurts()
    window.session_view.skip_stretch_after_pain()
    for _ in range(6):
        assert window.ticker is not None
        window.ticker.control(Control.SKIP)
    window.session_view.ask_stop()
    window.session_view.end_session()
    window.finish_view.show_pain(5, 7)
    assert window.stack.currentWidget() is window.finish_view
    fits(checked(window))


def in_session(window: MainWindow, clock: FakeClock) -> None:
    routine = window.start_view.selected_routine()
    assert routine is not None
    window.start_session(routine)
    assert window.ticker is not None
    window.ticker.control(Control.SKIP)  # a hold, where "It hurts" offers the easier way too
    advance(window, clock, 4)


@pytest.mark.parametrize("overlay", ["hurt", "pause", "confirm"])
def test_the_session_overlays(
    qtbot, pseudo: None, clock: FakeClock, size: tuple[int, int], overlay: str
) -> None:
    window = sized(qtbot, clock, size, safety_accepted=True, pain_check=False)
    in_session(window, clock)
    view = window.session_view
    opened = {"hurt": view.it_hurts, "pause": view.toggle_pause, "confirm": view.ask_stop}
    opened[overlay]()
    card = {"hurt": view.hurt_overlay, "pause": view.pause_overlay, "confirm": view.confirm_overlay}
    assert card[overlay].isVisible()
    assert view.easier_button.isVisible() is (overlay == "hurt")  # all four choices
    fits(checked(card[overlay]))
    view.end_session()


# ---------------------------------------------------------------- dialogs


def at_each_size(
    dialog: QDialog, seen: set[str], look: Callable[[set[str]], list[str]] | None = None
) -> list[str]:
    """The dialog as it opens, then at its own minimum (the layout's, or the one it sets)."""
    look = look or (lambda kinds: checked(dialog, kinds))
    problems = []
    dialog.show()
    settled()
    for where in ("default", "minimum"):
        if where == "minimum":
            smallest = dialog.minimumSize()
            if smallest.isEmpty():
                smallest = dialog.minimumSizeHint()
            dialog.resize(smallest)
            settled()
        size = f"{where} {dialog.width()}x{dialog.height()}"
        problems.extend(f"{size}: {problem}" for problem in look(seen))
    return problems


@pytest.mark.parametrize("when", ["before", "after"])
def test_the_pain_dialog(qtbot, pseudo: None, when: str) -> None:
    from backstretch.ui.pain_dialog import PainDialog

    dialog = PainDialog(when, value=7)
    qtbot.addWidget(dialog)
    seen: set[str] = set()
    fits(at_each_size(dialog, seen))
    assert {"label", "button"} <= seen


@pytest.mark.parametrize("answer", [0, -2])
def test_the_weekly_check(qtbot, pseudo: None, answer: int) -> None:
    from backstretch.ui.weekly_check import WeeklyCheckDialog

    dialog = WeeklyCheckDialog()
    qtbot.addWidget(dialog)
    dialog.set_answer(answer)  # a "worse" answer shows the warning signs as well
    seen: set[str] = set()
    fits(at_each_size(dialog, seen))
    assert dialog.urgent.isVisible() is (answer < 0)
    assert {"label", "radio button", "button"} <= seen


def every_tab(dialog: QDialog, tabs: QTabWidget) -> Callable[[set[str]], list[str]]:
    def look(seen: set[str]) -> list[str]:
        problems = []
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            tab = tabs.tabText(index)
            problems.extend(f"{tab}: {problem}" for problem in checked(dialog, seen))
        return problems

    return look


@pytest.mark.parametrize("routine", ["bundled", "with its own values"])
def test_every_tab_of_the_settings(qtbot, pseudo: None, clock: FakeClock, routine: str) -> None:
    window = make_window(qtbot, clock)
    if routine != "bundled":  # the sentence on what the routine keeps for itself is shown
        window.start_view.select(routine_from_text(SHORT_ROUTINE))
    dialog = dialog_for(qtbot, window.context.settings, window)
    assert dialog.overridden.isVisibleTo(dialog) is (routine != "bundled")
    seen: set[str] = set()
    fits(at_each_size(dialog, seen, every_tab(dialog, dialog.tabs)))
    assert {"tab", "group title", "check box", "button", "label"} <= seen


@pytest.mark.parametrize("routine", ["bundled", "own"])
def test_the_routine_editor(qtbot, pseudo: None, routine: str) -> None:
    from backstretch.core.cues import load_cue_texts
    from backstretch.core.paths import resolve_paths
    from backstretch.ui.routine_editor import RoutineEditor

    editor = RoutineEditor(resolve_paths(), load_library(), load_cue_texts(), Settings())
    qtbot.addWidget(editor)
    editor.ask_unsaved = lambda _name: "discard"  # type: ignore[method-assign]
    if routine == "own":
        editor.duplicate_routine()  # an editable routine: every field shown
        editor.pane.items.setCurrentRow(1)
    seen: set[str] = set()
    fits(at_each_size(editor, seen))
    assert {"label", "button", "cell"} <= seen


def test_every_tab_of_the_history(qtbot, pseudo: None) -> None:
    from backstretch.ui.history import HistoryWindow

    today = date(2024, 3, 14)
    sample = SessionLog.in_memory()
    sample_history(sample, today)
    names = {stretch.id: stretch.name for stretch in load_library()}
    plan = PracticePlan(days=frozenset({0, 3}), at=dt_time(7, 30), weekly_goal=2)
    window = HistoryWindow(sample, today, names=names, plan=plan)
    qtbot.addWidget(window)
    seen: set[str] = set()
    fits(at_each_size(window, seen, every_tab(window, window.tabs)))
    assert {"tab", "column header", "cell", "label", "button"} <= seen


# ---------------------------------------------------------------- the check can fail


def _too_narrow(kind: str) -> QWidget:
    """A window with one text that does not fit, of the given kind."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QCheckBox,
        QGroupBox,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QTableView,
        QTabWidget,
        QVBoxLayout,
    )

    long = "Hold each stretch gently for thirty seconds"
    root = QWidget()
    root.resize(400, 300)
    if kind in ("label", "wrapped label", "button", "check box", "radio button"):
        widget: QWidget = {
            "label": lambda: QLabel(long),
            "wrapped label": lambda: QLabel(long),
            "button": lambda: QPushButton(long),
            "check box": lambda: QCheckBox(long),
            "radio button": lambda: QRadioButton(long),
        }[kind]()
        widget.setParent(root)
        if kind == "wrapped label":
            assert isinstance(widget, QLabel)
            widget.setWordWrap(True)
            widget.setGeometry(10, 10, 120, widget.fontMetrics().height() + 2)  # one line
        else:
            widget.setGeometry(10, 10, 120, 40)
    elif kind == "outside its window":
        QLabel("Carry on", root).move(370, 10)
    elif kind == "group title":
        QGroupBox(long, root).setGeometry(10, 10, 120, 80)
    elif kind == "long word":
        label = QLabel("Knee-to-chest-and-back-again", root)
        label.setWordWrap(True)
        label.setGeometry(10, 10, 60, 200)
    elif kind in ("tab", "elided tab"):
        tabs = QTabWidget(root)
        for _ in range(3):
            tabs.addTab(QWidget(), long)
        if kind == "elided tab":
            tabs.setElideMode(Qt.TextElideMode.ElideRight)
        tabs.setGeometry(10, 10, 300, 200)
    elif kind == "column header":
        model = QStandardItemModel(2, 2, root)
        model.setHorizontalHeaderLabels([long, "Pain"])
        table = QTableView(root)
        table.setModel(model)
        table.setGeometry(10, 10, 380, 200)
        table.horizontalHeader().resizeSection(0, 80)
    elif kind == "table cell":
        model = QStandardItemModel(2, 2, root)
        model.setItem(0, 0, QStandardItem(long))
        table = QTableView(root)
        table.setWordWrap(False)
        table.setModel(model)
        table.setGeometry(10, 10, 380, 200)
        table.horizontalHeader().resizeSection(0, 80)
    elif kind == "sideways scrolling":
        area = QScrollArea(root)
        area.setWidgetResizable(True)
        content = QWidget()
        QVBoxLayout(content).addWidget(QLabel(long * 2))
        area.setWidget(content)
        area.setGeometry(10, 10, 200, 200)
    return root


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("label", "px wide in"),
        ("wrapped label", "px high, has"),
        ("button", "does not fit its button"),
        ("check box", "px wide in"),
        ("radio button", "px wide in"),
        ("outside its window", "is cut by QWidget"),
        ("group title", "the title is"),
        ("long word", "the word 'Knee-to-chest-and-back-again' is wider"),
        ("tab", "is off the tab bar"),
        ("elided tab", "is elided"),
        ("column header", "the column 'Hold each"),
        ("table cell", "the cell 'Hold each"),
        ("sideways scrolling", "scrolls sideways"),
    ],
)
def test_the_check_finds_text_that_does_not_fit(qtbot, kind: str, said: str) -> None:
    root = _too_narrow(kind)
    qtbot.addWidget(root)
    root.show()
    settled()
    problems = layout_problems(root)
    assert any(said in problem for problem in problems), problems


def test_a_tall_text_in_a_scroll_area_scrolls_and_is_not_cut(qtbot) -> None:
    from PySide6.QtWidgets import QScrollArea, QVBoxLayout

    area = QScrollArea()
    area.setWidgetResizable(True)
    content = QWidget()
    column = QVBoxLayout(content)
    for _ in range(40):
        label = QLabel("A sentence long enough to wrap onto a second line in a narrow window.")
        label.setWordWrap(True)
        column.addWidget(label)
    area.setWidget(content)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    settled()
    assert layout_problems(area) == []


def test_a_real_view_squeezed_is_caught(qtbot, pseudo: None, clock: FakeClock) -> None:
    """The start view at its minimum size, with "I understand" and the safety words given
    less room than they need, as a careless layout change would."""
    window = sized(qtbot, clock, MIN_SIZE, safety_accepted=False)
    window.start_view.accept_button.setFixedWidth(60)
    window.start_view.safety_text.setFixedHeight(40)
    problems = checked(window)
    understood = tr("I understand")
    assert any(understood in p and "does not fit its button" in p for p in problems), problems
    assert any(tr(SAFETY_TEXT)[:30] in p and "px high, has 40" in p for p in problems), problems
