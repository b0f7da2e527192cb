"""FinishView: how the session went, and start again or close."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backstretch.core.summary import Summary
from backstretch.core.timefmt import duration_text


class FinishView(QWidget):
    """Total time and stretches completed, skipped and stopped for pain."""

    againRequested = Signal()
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel()
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        summary_font = self.summary.font()
        summary_font.setPointSizeF(summary_font.pointSizeF() * 1.5)
        self.summary.setFont(summary_font)
        self.summary.setAccessibleName("Session summary")
        # The pain rating before and after, once given.
        self.extra = QVBoxLayout()
        self.pain = QLabel()
        self.pain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pain.setFont(summary_font)
        self.pain.setAccessibleName("Back pain before and after")
        self.pain.hide()
        self.extra.addWidget(self.pain)
        self.again_button = QPushButton("Start again\nEnter")
        self.close_button = QPushButton("Close\nEsc")
        for button, name, description in (
            (self.again_button, "Start again", "Back to the routines. Shortcut: Enter."),
            (self.close_button, "Close", "Close BackStretch. Shortcut: Esc."),
        ):
            button.setMinimumHeight(72)
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
            button_font = button.font()
            button_font.setPointSizeF(button_font.pointSizeF() * 1.4)
            button.setFont(button_font)
        self.again_button.setDefault(True)
        self.again_button.clicked.connect(self.againRequested.emit)
        self.close_button.clicked.connect(self.closeRequested.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again_button, 2)
        buttons.addWidget(self.close_button, 2)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(self.extra)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_summary(self, summary: Summary, completed: bool, active_s: float, total: int) -> None:
        self.title.setText("Well done" if completed else "Session ended")
        lines = [
            f"Time stretching: {duration_text(active_s)}",
            f"Stretches completed: {summary.completed} of {total}",
        ]
        if summary.skipped:
            lines.append(f"Skipped: {summary.skipped}")
        if summary.pain:
            lines.append(f"Stopped because it hurt: {summary.pain}")
        if summary.not_reached:
            lines.append(f"Not reached: {summary.not_reached}")
        self.summary.setText("\n".join(lines))
        self.show_pain(None, None)
        self.again_button.setFocus()

    def show_pain(self, before: int | None, after: int | None) -> None:
        """'Back pain: 5 before, 3 after (out of 10)'; hidden when neither was given."""
        parts = [
            f"{v} {when}" for v, when in ((before, "before"), (after, "after")) if v is not None
        ]
        self.pain.setText(f"Back pain: {', '.join(parts)} (out of 10)" if parts else "")
        self.pain.setVisible(bool(parts))
