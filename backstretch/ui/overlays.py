"""The dialogs of a session, drawn over it: paused, "It hurts" and "End this session?".

Each dims the whole view edge to edge. In all of them the same keys do the same thing (the
main window routes them): Space carries on, Right skips, Enter ends, Esc is back to the paused
session with nothing ended. Buttons say their action on one line; the key is in the accessible
description and the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.i18n import N_, tr
from backstretch.ui.phase_style import ON_PAIN, PAIN

MIN_TARGET = 48  # px: the smallest button, at any window size
CARD_MAX = 1500  # px: wide enough for four buttons in a row full screen
WARNING_SIGNS = N_(
    "Seek urgent care if you notice numbness in the groin or saddle area, new trouble "
    "controlling your bladder or bowels, or weakness or pain in both legs."
)


def big_button(text: str, shortcut_hint: str, description: str) -> QPushButton:
    """One line: the action; the key is in the accessible description and the tooltip."""
    text, shortcut_hint = tr(text), tr(shortcut_hint)
    button = QPushButton(text)
    button.setMinimumHeight(MIN_TARGET)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(text)
    button.setAccessibleDescription(
        tr("{description} Shortcut: {key}.").format(description=tr(description), key=shortcut_hint)
    )
    button.setToolTip(tr("{action} ({key})").format(action=text, key=shortcut_hint))
    button.setProperty("keyHint", shortcut_hint)
    return button


def pain_button(button: QPushButton) -> QPushButton:
    button.setStyleSheet(
        f"QPushButton {{ background: {PAIN.name()}; color: {ON_PAIN.name()}; font-weight: bold;"
        " border-radius: 8px; padding: 6px; }"
        f" QPushButton:focus {{ border: 3px solid {ON_PAIN.name()}; }}"
    )
    return button


def scaled(font: QFont, pixels: float, *, bold: bool = False) -> QFont:
    result = QFont(font)
    result.setPixelSize(max(1, round(pixels)))
    result.setBold(bold)
    return result


class Overlay(QWidget):
    """Dims the whole view edge to edge and shows a card in the middle. A click on the dimmed
    part, or Esc, is "back to the paused session" (clicked emits; the view decides)."""

    clicked = Signal()

    def __init__(self, parent: QWidget, title: str, text: str = "") -> None:
        super().__init__(parent)
        self._host = parent
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card = QFrame(self)
        self.card.setAutoFillBackground(True)
        self.card.setMaximumWidth(CARD_MAX)
        self.card_layout = card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(32, 24, 32, 24)
        card_layout.setSpacing(14)
        self.title = QLabel(tr(title))
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(tr(text))
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = QGridLayout()
        self.buttons.setSpacing(12)
        self._button_list: list[QPushButton] = []
        self._left_out: set[QPushButton] = set()
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.text)
        self.extra = QVBoxLayout()
        card_layout.addLayout(self.extra)
        card_layout.addLayout(self.buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 8)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.setAccessibleName(tr(title))
        parent.installEventFilter(self)
        self.hide()

    def add_button(self, button: QPushButton) -> QPushButton:
        self._button_list.append(button)
        self._arrange()
        return button

    def show_button(self, button: QPushButton, shown: bool) -> None:
        if shown:
            self._left_out.discard(button)
        else:
            self._left_out.add(button)
        self._arrange()

    def _arrange(self) -> None:
        """As many buttons to a row as fit whole; the rest wrap to the next row."""
        shown = [b for b in self._button_list if b not in self._left_out]
        # The card takes 8 parts of 10 of the width (see the layout), up to CARD_MAX.
        room = min(CARD_MAX, self._host.width() * 8 // 10) - 64
        widest = max((b.sizeHint().width() for b in shown), default=0)
        columns = max(1, min(len(shown), (room + 12) // max(1, widest + 12)))
        rows = -(-len(shown) // columns) if shown else 1
        columns = max(1, -(-len(shown) // rows))  # rows of equal length: 2 + 2, not 3 + 1
        for button in self._button_list:
            self.buttons.removeWidget(button)
            button.setVisible(button in shown)
        for number, button in enumerate(shown):
            self.buttons.addWidget(button, number // columns, number % columns)

    def set_fonts(self, title: QFont, text: QFont, button: QFont, height: int) -> None:
        self.title.setFont(title)
        self.text.setFont(text)
        for widget in self._button_list:
            widget.setFont(button)
            widget.setMinimumHeight(height)
        self._arrange()

    def open(self) -> None:
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()
        self._arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
            self._arrange()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mousePressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 165))
        painter.end()


class PauseOverlay(Overlay):
    """Paused: the time left, large, and how to carry on."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, N_("Paused"))
        self.resume_button = self.add_button(big_button(N_("Carry on"), N_("Space"), N_("Resume.")))
        self.time = QLabel()
        self.time.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time.setAccessibleName(tr("Time left"))
        self.card_layout.insertWidget(1, self.time)


class HurtOverlay(Overlay):
    """ "It hurts": how to ease out, the warning signs, and what next."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, N_("Ease out of the stretch"))
        self.setAccessibleName(tr("It hurts"))
        self.warning = QLabel(tr(WARNING_SIGNS))
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(tr("Warning signs"))
        self.extra.addWidget(self.warning)
        self.carry_on_button = self.add_button(
            big_button(N_("Carry on when ready"), N_("Space"), N_("Resume this stretch gently."))
        )
        self.skip_stretch_button = self.add_button(
            big_button(N_("Skip this stretch"), N_("Right arrow"), N_("Go on to the next stretch."))
        )
        self.easier_button = self.add_button(
            big_button(
                N_("Try the easier way"), N_("Down arrow"), N_("Do this stretch the easier way.")
            )
        )
        self.end_button = self.add_button(
            big_button(N_("End session"), N_("Enter"), N_("End the session now."))
        )


class ConfirmOverlay(Overlay):
    """ "End this session?" after Esc or Stop."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, N_("End this session?"), N_("What you did so far is kept."))
        self.end_button = self.add_button(
            big_button(N_("End session"), N_("Enter"), N_("End the session now."))
        )
        self.back_button = self.add_button(
            big_button(N_("Back to the session"), N_("Esc"), N_("Back to the paused session."))
        )
