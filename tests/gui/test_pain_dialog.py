"""The pain check, driven by keyboard: digits, End, arrows, Enter saves, Escape skips."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from backstretch.ui.pain_dialog import PainDialog, rating_text


@pytest.fixture
def dialog(qtbot) -> PainDialog:
    widget = PainDialog("after")
    qtbot.addWidget(widget)
    widget.open()  # modal but not blocking, so the test can type
    qtbot.waitExposed(widget)
    return widget


def focused_button(dialog: PainDialog) -> int:
    return next(n for n, b in enumerate(dialog.buttons) if b.hasFocus())


def test_seven_then_enter_saves_seven(qtbot, dialog: PainDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_7)
    assert dialog.buttons[7].isChecked() and focused_button(dialog) == 7
    assert dialog.chosen.text() == "Your rating: 7 of 10, severe pain"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.value() == 7


def test_escape_skips(qtbot, dialog: PainDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_4)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert dialog.value() is None


def test_enter_with_nothing_chosen_does_not_guess(qtbot, dialog: PainDialog) -> None:
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.value() is None


def test_end_is_ten_and_arrows_step_within_the_scale(qtbot, dialog: PainDialog) -> None:
    keys = [
        (Qt.Key.Key_End, 10),
        (Qt.Key.Key_Right, 10),
        (Qt.Key.Key_Left, 9),
        (Qt.Key.Key_Down, 8),
        (Qt.Key.Key_Up, 9),
        (Qt.Key.Key_Home, 0),
        (Qt.Key.Key_Left, 0),
        (Qt.Key.Key_3, 3),
    ]
    for key, expected in keys:
        qtbot.keyClick(dialog.focusWidget(), key)
        assert dialog.value() == expected, key
        assert focused_button(dialog) == expected
    dialog.save_button.click()
    assert dialog.value() == 3


def test_digits_typed_in_the_note_stay_in_the_note(qtbot, dialog: PainDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_2)
    assert dialog.note_edit is not None
    dialog.note_edit.setFocus()
    qtbot.keyClicks(dialog.note_edit, "walked 5 km ")
    assert dialog.value() == 2
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)  # Enter in the note saves too
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.value(), dialog.note()) == (2, "walked 5 km")


def test_before_has_no_note_and_every_control_is_named(qtbot) -> None:
    before = PainDialog("before")
    qtbot.addWidget(before)
    assert before.note_edit is None and before.note() == ""
    assert before.windowTitle() == "Pain before the session"
    names = [b.accessibleName() for b in before.buttons]
    assert names[0] == "0 of 10, no pain" and names[5] == "5 of 10, moderate pain"
    assert names[10] == rating_text(10) == "10 of 10, severe pain"
    assert before.save_button.accessibleName() == "Save"
    assert before.skip_button.accessibleName() == "Skip"
    with pytest.raises(ValueError):
        PainDialog("during")


def test_a_mouse_click_chooses_too(qtbot, dialog: PainDialog) -> None:
    qtbot.mouseClick(dialog.buttons[5], Qt.MouseButton.LeftButton)
    assert dialog.value() == 5 and dialog.save_button.isEnabled()
