"""PainDialog: a 0-10 pain rating before or after a session, skippable with one key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.i18n import N_, ptr, tr

# The bands of the 0-10 numeric rating scale clinicians use.
BANDS = (
    (0, 0, N_("no pain")),
    (1, 3, N_("mild pain")),
    (4, 6, N_("moderate pain")),
    (7, 10, N_("severe pain")),
)
# The words under the numbers: the band's first number, its name, how many numbers it spans.
BAND_HEADS = (
    (0, N_("No pain"), 1),
    (1, N_("Mild"), 3),
    (4, N_("Moderate"), 3),
    (7, N_("Severe"), 4),
)

PROMPTS = {
    "before": (
        N_("Pain before the session"),
        N_("How strong is your back pain right now?"),
    ),
    "after": (
        N_("Pain after the session"),
        N_("How strong is your back pain now, after stretching?"),
    ),
}
HINT = N_(
    "0 means no pain and 10 the worst pain you can imagine. "
    "Keys: 0-9, End for 10, arrows to move, Enter to save, Esc to skip."
)
NOTE_MAX = 500
# The chosen number must stand out in any theme: palette roles, so light and dark both work.
CHECKED_STYLE = (
    "QPushButton:checked { background-color: palette(highlight); "
    "color: palette(highlighted-text); border: 3px solid palette(window-text); "
    "border-radius: 6px; }"
)


def band(value: int) -> str:
    """ "mild pain" for 1-3, and so on."""
    return tr(next(words for low, high, words in BANDS if low <= value <= high))


def rating_text(value: int) -> str:
    """ "7 of 10, severe pain" (what the screen reader says and the dialog shows)."""
    return tr("{value} of 10, {band}").format(value=value, band=band(value))


class PainDialog(QDialog):
    """Eleven big buttons 0-10, "Save" and "Skip" (Esc), and after a session a note.

    exec() then value() (None when skipped) and note(). The note is kept even when the rating
    is skipped: typed words are never thrown away."""

    def __init__(
        self, when: str = "before", parent: QWidget | None = None, value: int | None = None
    ) -> None:
        super().__init__(parent)
        if when not in PROMPTS:
            raise ValueError(f"when must be 'before' or 'after', not {when!r}")
        title, prompt = (tr(text) for text in PROMPTS[when])
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._value: int | None = None
        self._skipped = False

        heading = QLabel(prompt)
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        scale = QGridLayout()
        scale.setHorizontalSpacing(6)
        for number in range(11):
            button = QPushButton(str(number))
            button.setCheckable(True)
            button.setMinimumSize(60, 60)
            button_font = button.font()
            button_font.setPointSizeF(button_font.pointSizeF() * 1.6)
            button_font.setBold(True)
            button.setFont(button_font)
            button.setAccessibleName(rating_text(number))
            button.setStyleSheet(CHECKED_STYLE)
            button.installEventFilter(self)  # arrows and digits, before the button moves focus
            button.setAutoDefault(False)  # Enter saves, whichever number has the focus
            self.group.addButton(button, number)
            self.buttons.append(button)
            scale.addWidget(button, 0, number)
        for column, words, span in BAND_HEADS:
            label = QLabel(tr(words))
            label.setAccessibleName(
                tr("Band from {number}: {band}").format(number=column, band=tr(words))
            )
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label_font = label.font()
            label_font.setPointSizeF(label_font.pointSizeF() * 1.15)
            label.setFont(label_font)
            scale.addWidget(label, 1, column, 1, span)
        self.group.idClicked.connect(self.set_value)

        self.chosen = QLabel(tr("Choose a number."))
        self.chosen.setAccessibleName(tr("Chosen rating"))
        chosen_font = self.chosen.font()
        chosen_font.setPointSizeF(chosen_font.pointSizeF() * 1.3)
        self.chosen.setFont(chosen_font)
        hint = QLabel(tr(HINT))
        hint.setWordWrap(True)

        self.note_edit: QLineEdit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(scale)
        layout.addWidget(self.chosen)
        layout.addWidget(hint)
        if when == "after":
            note_label = QLabel(tr("A note for yourself (optional):"))
            self.note_edit = QLineEdit()
            self.note_edit.setMaxLength(NOTE_MAX)
            self.note_edit.setPlaceholderText(tr("For example: stiff in the morning, easier after"))
            self.note_edit.setAccessibleName(tr("Note"))
            self.note_edit.setAccessibleDescription(tr("Optional. Saved with this session."))
            note_font = self.note_edit.font()
            note_font.setPointSizeF(note_font.pointSizeF() * 1.2)
            self.note_edit.setFont(note_font)
            note_label.setBuddy(self.note_edit)
            layout.addWidget(note_label)
            layout.addWidget(self.note_edit)

        self.save_button = QPushButton(tr("Save\nEnter"))
        self.save_button.setAccessibleName(ptr("button", "Save"))
        self.save_button.setAccessibleDescription(tr("Save the rating. Shortcut: Enter."))
        self.save_button.setEnabled(False)
        self.skip_button = QPushButton(tr("Skip\nEsc"))
        self.skip_button.setAccessibleName(ptr("button", "Skip"))
        self.skip_button.setAccessibleDescription(tr("Go on without a rating. Shortcut: Escape."))
        for button in (self.save_button, self.skip_button):
            button.setMinimumHeight(64)
            button_font = button.font()
            button_font.setPointSizeF(button_font.pointSizeF() * 1.3)
            button.setFont(button_font)
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.accept)
        self.skip_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.skip_button, 2)
        row.addWidget(self.save_button, 2)
        layout.addLayout(row)
        if value is not None:
            self.set_value(value)
        else:
            self.buttons[0].setFocus()

    # ------------------------------------------------------------------ choosing
    def set_value(self, value: int) -> None:
        value = max(0, min(10, value))
        self._value = value
        button = self.buttons[value]
        button.setChecked(True)
        button.setFocus()
        self.chosen.setText(tr("Your rating: {rating}").format(rating=rating_text(value)))
        self.save_button.setEnabled(True)

    def _key(self, event: QKeyEvent) -> bool:
        """Digits choose, End is 10 and Home 0, arrows step; True when the key was used."""
        key = event.key()
        current = self._value
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.set_value(key - Qt.Key.Key_0)
        elif key == Qt.Key.Key_End:
            self.set_value(10)
        elif key == Qt.Key.Key_Home:
            self.set_value(0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(0 if current is None else current + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(0 if current is None else current - 1)
        else:
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached when the focus is on Save or Skip (the note field keeps its own keys).
        if not self._key(event):
            super().keyPressEvent(event)

    def reject(self) -> None:
        self._skipped = True
        super().reject()

    def accept(self) -> None:
        if self._value is None:  # nothing chosen: Enter does nothing rather than guess
            return
        super().accept()

    # ------------------------------------------------------------------ result
    def value(self) -> int | None:
        """The rating, or None when skipped."""
        return None if self._skipped else self._value

    def note(self) -> str:
        return self.note_edit.text().strip() if self.note_edit is not None else ""

    @classmethod
    def ask(cls, when: str, parent: QWidget | None = None) -> tuple[int | None, str]:
        """Show the dialog and wait: (rating or None, note)."""
        dialog = cls(when, parent)
        dialog.exec()
        return dialog.value(), dialog.note()
