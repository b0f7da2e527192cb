"""Choosing a language in Settings: the window is rebuilt in it at once, no restart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from backstretch.app import Shell
from backstretch.core import i18n
from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import resolve_paths
from backstretch.core.settings import Settings, replace
from backstretch.core.stretches import load_library
from backstretch.ui.context import Context
from backstretch.ui.settings_dialog import SettingsDialog
from tests.fakes import FakeClock


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")  # the next test starts in English whatever happened here


def names_on_cards(shell: Shell) -> str:
    view = shell.window.start_view
    routine = view.selected_routine()
    assert routine is not None
    return ", ".join(routine.stretch_names)


def test_settings_offer_the_system_language_and_every_catalog(qtbot, english: None) -> None:
    library, texts = load_library(), load_cue_texts()
    dialog = SettingsDialog(Settings(), library, texts, None, None, lambda *_: None)
    qtbot.addWidget(dialog)
    items = [
        (dialog.language.itemText(i), dialog.language.itemData(i))
        for i in range(dialog.language.count())
    ]
    assert items[0][1] == "" and items[0][0].startswith("The system's language")
    assert ("Deutsch", "de") in items and ("Español", "es") in items and ("English", "en") in items
    assert dialog.result_settings().language is None  # the system's, stored as ""
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    assert dialog.result_settings().language == "de"


def test_a_new_language_rebuilds_the_window_in_it(qtbot, english: None) -> None:
    settings = replace(Settings(), safety_accepted=True)
    context = Context(resolve_paths(), load_library(), load_cue_texts(), settings, FakeClock())
    shell = Shell(context, None, exit_when_done=False)
    old = shell.window
    qtbot.addWidget(old)
    old.show()
    assert "Child's Pose" in names_on_cards(shell)

    context.save(replace(context.settings, language="de"))
    shell.change_language()
    qtbot.addWidget(shell.window)
    assert shell.window is not old and shell.window.isVisible() and not old.isVisible()
    assert "Kindhaltung" in names_on_cards(shell)
    assert context.texts.say("control.resume") != load_cue_texts_in("en").say("control.resume")
    assert shell.window.geometry() == old.geometry()
    # a session started now is German on screen and in the voice's texts
    shell.window.start_session(shell.window.start_view.selected_routine())
    assert shell.window.session is not None
    assert shell.window.session_view.heading.verb.text() == i18n.tr("GET INTO POSITION")
    assert shell.window.session_view.name_label.text() == "Kindhaltung"
    shell.window.close()
    QApplication.processEvents()


def load_cue_texts_in(code: str):
    before = i18n.language()
    i18n.set_language(code)
    try:
        return load_cue_texts()
    finally:
        i18n.set_language(before)
