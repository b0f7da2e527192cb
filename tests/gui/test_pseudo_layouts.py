"""Layouts hold (issue 14): with every word about 40 % longer and accented, as German or Spanish
makes them (i18n's pseudo-translation), no view clips, elides or overflows any text.

The main window's views are measured at its default size and at its minimum; each dialog at the
size it opens with and at its own minimum. tests/floor.py walks the session view itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from backstretch.core.engine import Control
from backstretch.core.log import SessionLog
from backstretch.core.settings import Settings, replace
from backstretch.core.stretches import load_library
from backstretch.ui.main_window import DEFAULT_SIZE, MIN_SIZE, MainWindow
from tests.fakes import FakeClock
from tests.gallery import sample_history
from tests.gui.helpers import advance, dialog_for, make_window
from tests.gui.layout_checks import layout_problems

WINDOW_SIZES = {"default": DEFAULT_SIZE, "minimum": MIN_SIZE}
FILLER = "ẍ"  # every pseudo-translated text ends with words that start with it


def settled(widget: QWidget) -> None:
    """Layouts are applied in the event loop: let every pending one (and its follow-ups) run."""
    for _ in range(3):
        QApplication.processEvents()


def checked(root: QWidget) -> list[str]:
    settled(root)
    problems = layout_problems(root)
    # The pseudo mode is on: a text that gained no filler never went through tr (that is
    # test_pseudo_words's to catch); here it would make the check measure English.
    assert any(FILLER in label.text() for label in root.findChildren(QLabel)), "pseudo is off"
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
    settled(window)
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
    qtbot, pseudo: None, clock: FakeClock, size: tuple[int, int]
) -> None:
    window = sized(qtbot, clock, size, safety_accepted=False)
    window.start_view.accept_button.click()
    with_history(window)
    window.show_notice("A notice at the top of the window, as a settings problem would be.")
    assert not window.start_view.safety.isVisible()
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
    fits(checked(card[overlay]))
    view.end_session()


# ---------------------------------------------------------------- dialogs


def at_each_size(dialog: QDialog, look: Callable[[], list[str]] | None = None) -> Iterator[str]:
    """The dialog as it opens, then at its own minimum (the layout's, or the one it sets)."""
    dialog.show()
    settled(dialog)
    for where in ("default", "minimum"):
        if where == "minimum":
            smallest = dialog.minimumSize()
            if smallest.isEmpty():
                smallest = dialog.minimumSizeHint()
            dialog.resize(smallest)
            settled(dialog)
        for problem in look() if look else checked(dialog):
            yield f"{where} {dialog.width()}x{dialog.height()}: {problem}"


@pytest.mark.parametrize("when", ["before", "after"])
def test_the_pain_dialog(qtbot, pseudo: None, when: str) -> None:
    from backstretch.ui.pain_dialog import PainDialog

    dialog = PainDialog(when, value=7)
    qtbot.addWidget(dialog)
    fits(list(at_each_size(dialog)))


@pytest.mark.parametrize("answer", [0, -2])
def test_the_weekly_check(qtbot, pseudo: None, answer: int) -> None:
    from backstretch.ui.weekly_check import WeeklyCheckDialog

    dialog = WeeklyCheckDialog()
    qtbot.addWidget(dialog)
    dialog.set_answer(answer)  # a "worse" answer shows the warning signs as well
    fits(list(at_each_size(dialog)))


def test_every_tab_of_the_settings(qtbot, pseudo: None, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)
    dialog = dialog_for(qtbot, window.context.settings, window)

    def every_tab() -> list[str]:
        problems = []
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            tab = dialog.tabs.tabText(index)
            problems.extend(f"{tab}: {problem}" for problem in checked(dialog))
        return problems

    fits(list(at_each_size(dialog, every_tab)))


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
    fits(list(at_each_size(editor)))


def test_every_tab_of_the_history(qtbot, pseudo: None) -> None:
    from backstretch.ui.history import HistoryWindow

    today = date(2024, 3, 14)
    sample = SessionLog.in_memory()
    sample_history(sample, today)
    names = {stretch.id: stretch.name for stretch in load_library()}
    window = HistoryWindow(sample, today, names=names)
    qtbot.addWidget(window)

    def every_tab() -> list[str]:
        problems = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            tab = window.tabs.tabText(index)
            problems.extend(f"{tab}: {problem}" for problem in checked(window))
        return problems

    fits(list(at_each_size(window, every_tab)))
