"""PhaseHeading: the phase's verb, its side and a detail, as large as the window allows."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from backstretch.ui.illustration import BADGE


class PhaseHeading(QWidget):
    """The verb, the side (white on a dark pill) and a smaller detail, wrapping as needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verb = QLabel(self)
        self.side = QLabel(self)
        self.side.setStyleSheet(
            f"QLabel {{ background: {BADGE.name()}; color: white; border-radius: 12px;"
            " padding: 0px 14px; }"
        )
        self.detail = QLabel(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_texts(self, verb: str, side: str, detail: str) -> None:
        self.verb.setText(verb)
        self.side.setText(side)
        self.side.setVisible(bool(side))
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.updateGeometry()
        self._place(self.width())

    def set_fonts(self, big: QFont, small: QFont) -> None:
        self.verb.setFont(big)
        self.side.setFont(big)
        self.detail.setFont(small)
        self.updateGeometry()
        self._place(self.width())

    def _labels(self) -> list[QLabel]:
        return [w for w in (self.verb, self.side, self.detail) if w.text()]

    def _place(self, width: int, *, apply: bool = True) -> int:
        """Left to right, on as many lines as needed; baseline-aligned on a shared line."""
        x = y = line_height = 0
        gap = self.verb.fontMetrics().horizontalAdvance(" ") * 2
        placed: list[tuple[QLabel, QRect]] = []
        for label in self._labels():
            hint = label.sizeHint()
            w = min(hint.width(), width)
            h = hint.height() if w == hint.width() else label.heightForWidth(w)
            if x > 0 and x + w > width:
                x, y = 0, y + line_height + 4
                line_height = 0
            placed.append((label, QRect(x, y, w, h)))
            x += w + gap
            line_height = max(line_height, h)
        if apply:
            for label, rect in placed:
                label.setWordWrap(rect.width() < label.sizeHint().width())
                label.setGeometry(rect)
        return y + line_height

    def measure(self, texts: tuple[str, str, str], width: int) -> int:
        """The height these three texts would take at this width (the shown ones are kept)."""
        labels = (self.verb, self.side, self.detail)
        shown = [label.text() for label in labels]
        for label, text in zip(labels, texts, strict=True):
            label.setText(text)
        height = self._place(width, apply=False)
        for label, text in zip(labels, shown, strict=True):
            label.setText(text)
        return height

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(width, apply=False)

    def sizeHint(self):  # type: ignore[no-untyped-def]
        hint = super().sizeHint()
        hint.setHeight(self._place(max(self.width(), 200), apply=False))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(event.size().width())
        super().resizeEvent(event)
