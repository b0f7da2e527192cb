"""The weekly check (issue 16; off unless chosen in Settings): "How is your back overall compared
with when you started?" on a 7-point scale, at most once a week, before the pain check.
Escape skips it; a skip is stored too, so it is not asked again that week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from backstretch.core import clock, progress
from backstretch.core.i18n import tr
from backstretch.ui.context import Context


class WeeklyCheckDialog(QDialog):
    """value(): -3 (much worse) ... +3 (much better), or None when skipped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Weekly check"))
        self.setAccessibleName(tr("Weekly check"))
        question = QLabel(tr(progress.words().weekly_question))
        question.setWordWrap(True)
        font = question.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        question.setFont(font)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        for n, words in enumerate(progress.words().weekly_scale):
            button = QRadioButton(f"&{n + 1}  {tr(words)}")
            button.setAccessibleName(tr(words))
            button.setMinimumHeight(36)
            # Ids 0-6, the answer being id - 3: QButtonGroup takes an id of -1 to mean "pick one".
            self.group.addButton(button, n)
            layout.addWidget(button)
        self.set_answer(0)  # "About the same": Enter answers it at once
        # Any "worse" answer shows the signs that need urgent care at once, in words, in the
        # dialog itself: never behind another click, and before the pain check.
        self.urgent = QLabel(tr("Important: {warning}").format(warning=tr(progress.words().urgent)))
        self.urgent.setWordWrap(True)
        self.urgent.setAccessibleName(tr("Warning signs"))
        bold = self.urgent.font()
        bold.setBold(True)
        self.urgent.setFont(bold)
        self.urgent.hide()
        layout.addWidget(self.urgent)
        self.group.idToggled.connect(self._answer_changed)
        hint = QLabel(tr("Press Escape to skip. This is asked at most once a week."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.ok_button = QPushButton(tr("Save"))
        self.ok_button.setDefault(True)
        self.ok_button.setAccessibleName(tr("Save the answer"))
        self.ok_button.setAccessibleDescription(tr("Shortcut: Enter."))
        self.skip_button = QPushButton(tr("Skip"))
        self.skip_button.setAccessibleName(tr("Skip the weekly check"))
        self.skip_button.setAccessibleDescription(tr("Shortcut: Escape."))
        for push in (self.ok_button, self.skip_button):
            push.setMinimumHeight(44)
        self.ok_button.clicked.connect(self.accept)
        self.skip_button.clicked.connect(self.reject)  # Escape rejects a QDialog too
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.skip_button)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        # The size of its content, wrapped lines and all, growing when the warning shows: a
        # window's minimum size leaves out the height wrapped text needs at a narrower width,
        # so a freely resizable dialog could be shrunk until its words were cut off.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.group.button(3).setFocus(Qt.FocusReason.OtherFocusReason)

    def set_answer(self, answer: int) -> None:
        self.group.button(answer + 3).setChecked(True)

    def _answer_changed(self, button_id: int, checked: bool) -> None:
        if checked:
            self.urgent.setVisible(button_id - 3 < 0)

    def value(self) -> int | None:
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self.group.checkedId() - 3


def ask_if_due(
    parent: QWidget,
    context: Context,
    then: Callable[[], None],
    now: Callable[[], datetime] = clock.wall_now,
) -> WeeklyCheckDialog | None:
    """Open the weekly check when it is on and due, and call `then` once it is answered or
    skipped; None (and `then` is the caller's to call) when it is not asked."""
    session_log = context.log
    if not context.settings.weekly_check or session_log is None:
        return None
    if not progress.weekly_check_due(session_log.weekly_checks(), now()):
        return None
    dialog = WeeklyCheckDialog(parent)

    def answered(_result: int) -> None:
        session_log.add_weekly_check(now(), dialog.value())
        dialog.deleteLater()
        then()

    dialog.finished.connect(answered)
    dialog.open()
    return dialog
