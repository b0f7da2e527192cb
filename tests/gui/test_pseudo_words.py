"""Every word of the start view, the routine editor, settings and the pain check goes through tr.

In the pseudo-translation mode every translated string gains filler words ("ẍýžŵ"), so a button,
tab or accessible name without them was never translated. Names of stretches and routines come
from the content, not from tr, so only the texts the code writes are checked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
from tests.gui.pseudo_checks import FILLER, untranslated

# Day names come from i18n's date functions (the language's own calendar data), not from tr.


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_pseudo(True)
    yield
    i18n.set_pseudo(False)


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
