"""Qt's standard dialogs follow the app's language (issue 14 item 1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from backstretch.ui.qt_translations import install_qt_translator, qt_translations_dir


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_qt_translator(qapp, "en")  # take any translator out again


def _cancel_text() -> str:
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    button = box.button(QMessageBox.StandardButton.Cancel)
    text = button.text().replace("&", "")
    box.deleteLater()
    return text


@pytest.mark.parametrize("language", ["de", "es"])
def test_pyside_ships_qt_translations_for_our_languages(language: str) -> None:
    assert (qt_translations_dir() / f"qtbase_{language}.qm").is_file()


@pytest.mark.parametrize(("language", "cancel"), [("de", "Abbrechen"), ("es_ES", "Cancelar")])
def test_message_box_buttons_follow_the_language(
    app: QApplication, language: str, cancel: str
) -> None:
    assert install_qt_translator(app, language)
    assert _cancel_text() == cancel
    # Back to English (a change of language in Settings): the translator comes out again.
    assert not install_qt_translator(app, "en")
    assert _cancel_text() == "Cancel"


def test_a_language_qt_lacks_leaves_its_dialogs_english(app: QApplication) -> None:
    assert not install_qt_translator(app, "eo")
    assert _cancel_text() == "Cancel"
