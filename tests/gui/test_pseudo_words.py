"""Every word of the start view, the routine editor, settings and the pain check goes through tr.

In the pseudo-translation mode every translated string gains filler words ("ẍýžŵ"), so a button,
tab or accessible name without them was never translated. Names of stretches and routines come
from the content, not from tr, so only the texts the code writes are checked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QTabBar,
    QTabWidget,
    QWidget,
)

from backstretch.core import i18n
from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import resolve_paths
from backstretch.core.routines import list_routines
from backstretch.core.settings import Settings
from backstretch.core.stretches import load_library
from backstretch.ui.pain_dialog import PainDialog
from backstretch.ui.routine_editor import RoutineEditor
from backstretch.ui.settings_dialog import SettingsDialog
from backstretch.ui.start_view import StartView

FILLER = "ẍ"  # every pseudo-translated text ends with words that start with it
# Day names come from i18n's date functions (the language's own calendar data), not from tr.
DAY_NAMES = {*i18n.weekday_names(short=True), *i18n.weekday_names(short=False)}


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_pseudo(True)
    yield
    i18n.set_pseudo(False)


def untranslated(root: QWidget) -> list[str]:
    """The code's texts under `root` that did not pass through tr."""
    standard = {
        button
        for box in root.findChildren(QDialogButtonBox)
        for button in box.buttons()
        if box.standardButton(button) in (box.StandardButton.Ok, box.StandardButton.Cancel)
    }  # Qt's own words, translated by Qt's catalogs, as are a tab bar's scroll arrows
    standard |= {b for bar in root.findChildren(QTabBar) for b in bar.findChildren(QWidget)}
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget in standard:
            continue
        texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(n) for n in range(widget.count()))
        for text in texts:
            if text.strip() and not text.isdigit() and FILLER not in text and text not in DAY_NAMES:
                found.append(f"{type(widget).__name__}: {text!r}")
    return found


def test_the_start_view_is_all_translated(qtbot, pseudo: None) -> None:
    view = StartView()
    qtbot.addWidget(view)
    library = load_library()
    view.set_routines(list_routines(resolve_paths(), library), load_cue_texts(), Settings())
    view.set_last_done({})
    assert untranslated(view) == []
    assert FILLER in view.routines.item(0).details_label.text()


def test_the_routine_editor_is_all_translated(qtbot, pseudo: None) -> None:
    editor = RoutineEditor(resolve_paths(), load_library(), load_cue_texts(), Settings())
    qtbot.addWidget(editor)
    editor.ask_unsaved = lambda _name: "discard"  # type: ignore[method-assign]
    editor.duplicate_routine()  # an editable routine, with a stretch chosen
    # A stretch's targets are content (its tooltip in the list is not a widget's).
    assert untranslated(editor) == []
    assert FILLER in editor.pane.total.text()
    assert FILLER in editor.pane.item_fields.defaults["hold"].text()
    assert FILLER in editor.pane.timing_fields.defaults["rest"].text()


def test_settings_are_all_translated(qtbot, pseudo: None) -> None:
    library = load_library()
    routine = list_routines(resolve_paths(), library).routines[0]
    dialog = SettingsDialog(Settings(), library, load_cue_texts(), routine, None, lambda *_: None)
    qtbot.addWidget(dialog)
    assert untranslated(dialog) == []
    assert FILLER in dialog.total.text()
    assert FILLER in dialog.rows[0].advice.text()


@pytest.mark.parametrize("when", ["before", "after"])
def test_the_pain_check_is_all_translated(qtbot, pseudo: None, when: str) -> None:
    dialog = PainDialog(when, value=4)
    qtbot.addWidget(dialog)
    assert untranslated(dialog) == []
    assert FILLER in dialog.windowTitle() and FILLER in dialog.chosen.text()
