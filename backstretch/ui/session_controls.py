"""The session's buttons: the row that steps back while the session runs untouched, and It hurts."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStackedWidget, QWidget

from backstretch.core.i18n import N_, tr
from backstretch.ui.overlays import big_button, pain_button

RECEDE_MS = 4000  # the button row steps back this long after the last mouse movement


def hurt_button() -> QPushButton:
    """ "It hurts", in the pain colour; it sits beside the row and never steps back."""
    return pain_button(big_button(N_("It hurts"), "H", N_("Pause at once and ease out.")))


class ControlRow(QStackedWidget):
    """Back, Pause, Skip, +10 s, Voice and Stop; or, while the session runs untouched, a line
    of keys in their place. Both are the same height, so nothing above moves when the row
    recedes or comes back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: tuple[QPushButton, ...] = (
            big_button(N_("Back"), N_("Left arrow"), N_("Restart this part, or go back.")),
            big_button(N_("Pause"), N_("Space"), N_("Pause or carry on.")),
            big_button(N_("Skip"), N_("Right arrow"), N_("Go on to the next part.")),
            big_button(N_("+10 s"), N_("Up or E"), N_("Ten more seconds.")),
            big_button(N_("Voice on"), "M", N_("Turn the spoken cues on or off.")),
            big_button(N_("Stop"), N_("Esc"), N_("End the session, after asking.")),
        )
        buttons_row = QWidget()
        row = QHBoxLayout(buttons_row)
        row.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons:
            row.addWidget(button, 1)
        self.key_hint = QLabel(
            tr("Space pause · Right skip · Left back · H it hurts · move the mouse for buttons")
        )
        self.key_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_hint.setWordWrap(True)
        self.addWidget(buttons_row)
        self.addWidget(self.key_hint)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.running = False
        self.recede_timer = QTimer(self)
        self.recede_timer.setSingleShot(True)
        self.recede_timer.setInterval(RECEDE_MS)
        self.recede_timer.timeout.connect(self._recede)

    def show_buttons(self, running: bool) -> None:
        """The buttons, now; while running they step back after RECEDE_MS unless used."""
        self.running = running
        self.setCurrentIndex(0)
        if running:
            self.recede_timer.start()
        else:
            self.recede_timer.stop()

    def buttons_shown(self) -> bool:
        return self.currentIndex() == 0

    def _recede(self) -> None:
        if not self.running:
            return
        if any(button.hasFocus() and button.underMouse() for button in self.buttons):
            return
        self.setCurrentIndex(1)
