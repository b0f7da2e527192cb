"""Custom widgets of the session view: the countdown ring, the illustration, the steps list."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from backstretch.core.engine import SessionEngine
from backstretch.core.timefmt import countdown_text

ACCENT = QColor("#E4572E")  # the one accent colour, as in the drawings
FINAL_SECONDS = 3


class CountdownRing(QWidget):
    """Big digits inside a ring that empties smoothly; the last seconds are marked twice over:
    the ring turns accent-coloured and thick, and the digits sit on a filled disc."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.remaining = 0.0
        self.duration = 1.0
        self.running = False
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Time left")
        self._source: SessionEngine | None = None
        # Smooth ring movement: repaint at 16 Hz only while a phase runs and we are visible;
        # the big digits are drawn once per second into a pixmap (large glyphs are costly).
        self._animation = QTimer(self)
        self._animation.setInterval(60)
        self._digits: tuple[tuple[object, ...], QPixmap] | None = None
        self._animation.timeout.connect(self._animate)

    def bind(self, source: SessionEngine) -> None:
        self._source = source

    def set_time(self, remaining: float, duration: float, running: bool) -> None:
        self.remaining, self.duration = remaining, max(duration, 1e-6)
        self.running = running
        if running and self.isVisible():
            if not self._animation.isActive():
                self._animation.start()
        else:
            self._animation.stop()
        self.setAccessibleDescription(f"{countdown_text(remaining)} seconds left")
        self.update()

    def hideEvent(self, event: QHideEvent) -> None:
        self._animation.stop()
        super().hideEvent(event)

    def stop(self) -> None:
        self._animation.stop()

    def is_animating(self) -> bool:
        return self._animation.isActive()

    def _animate(self) -> None:
        """Between whole seconds only the tip of the arc moves: repaint just around it
        (a full repaint 16 times a second cost about 2 % of a core)."""
        if self._source is None:
            return
        before = self._tip(self.remaining)
        self.remaining = self._source.remaining()
        after = self._tip(self.remaining)
        margin = self._side() * 0.09
        self.update(
            QRectF(before, after)
            .normalized()
            .adjusted(-margin, -margin, margin, margin)
            .toAlignedRect()
        )

    def _ring_rect(self) -> tuple[QRectF, float]:
        side = self._side()
        width = side * (0.085 if self.final else 0.05)
        rect = QRectF(
            (self.width() - side) / 2 + width,
            (self.height() - side) / 2 + width,
            side - 2 * width,
            side - 2 * width,
        )
        return rect, width

    def _tip(self, remaining: float) -> QPointF:
        rect, _width = self._ring_rect()
        fraction = min(1.0, max(0.0, remaining / self.duration))
        angle = math.radians(90 + fraction * 360)
        centre = rect.center()
        return QPointF(
            centre.x() + rect.width() / 2 * math.cos(angle),
            centre.y() - rect.height() / 2 * math.sin(angle),
        )

    @property
    def final(self) -> bool:
        return self.running and 0 < self.remaining <= FINAL_SECONDS

    def digit_font(self) -> QFont:
        """As large as fits: half the ring, or less when the text ("1:05") is wide."""
        font = QFont(self.font())
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        side = self._side()
        font.setPixelSize(100)
        width_at_100 = QFontMetrics(font).horizontalAdvance(countdown_text(self.remaining))
        fit = 100 * side * 0.62 / max(width_at_100, 1)
        font.setPixelSize(max(24, int(min(side * 0.5, fit))))
        return font

    def _side(self) -> float:
        return float(min(self.width(), self.height()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self._side()
        final = self.final
        rect, width = self._ring_rect()
        palette = self.palette()
        track = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(track, width * 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawEllipse(rect)
        fraction = min(1.0, max(0.0, self.remaining / self.duration))
        colour = ACCENT if final else palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawArc(rect, 90 * 16, round(fraction * 360 * 16))
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        if final:
            disc = rect.adjusted(side * 0.1, side * 0.1, -side * 0.1, -side * 0.1)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ACCENT)
            painter.drawEllipse(disc)
            text_colour = QColor("white")
        painter.drawPixmap(rect.topLeft(), self._digit_pixmap(rect, text_colour))
        painter.end()

    def _digit_pixmap(self, rect: QRectF, colour: QColor) -> QPixmap:
        text = countdown_text(self.remaining)
        ratio = self.devicePixelRatioF()
        key = (text, int(rect.width()), int(rect.height()), colour.rgba(), ratio)
        if self._digits is None or self._digits[0] != key:
            pixmap = QPixmap(int(rect.width() * ratio), int(rect.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(colour)
            painter.setFont(self.digit_font())
            painter.drawText(
                QRectF(0, 0, rect.width(), rect.height()), Qt.AlignmentFlag.AlignCenter, text
            )
            painter.end()
            self._digits = (key, pixmap)
        return self._digits[1]


class IllustrationView(QWidget):
    """The stretch drawing, mirrored for the left side, with a LEFT/RIGHT badge on that side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderers: dict[Path, QSvgRenderer] = {}
        self.path: Path | None = None
        self.mirrored = False
        self.badge = ""
        self.setMinimumSize(280, 175)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_drawing(self, path: Path | None, *, mirrored: bool, badge: str, name: str) -> None:
        self.path, self.mirrored, self.badge = path, mirrored, badge
        self.setAccessibleName(f"Drawing: {name}{', ' + badge.lower() if badge else ''}")
        self.update()

    def renderer(self) -> QSvgRenderer | None:
        if self.path is None:
            return None
        if self.path not in self._renderers:
            self._renderers[self.path] = QSvgRenderer(str(self.path))
        renderer = self._renderers[self.path]
        return renderer if renderer.isValid() else None

    def drawing_rect(self) -> QRectF:
        renderer = self.renderer()
        if renderer is None:
            return QRectF()
        size = renderer.defaultSize()
        scale = min(self.width() / size.width(), self.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer = self.renderer()
        rect = self.drawing_rect()
        if renderer is not None:
            painter.save()
            if self.mirrored:  # the left side is the right side's drawing, mirrored
                painter.translate(self.width(), 0)
                painter.scale(-1, 1)
                rect = QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())
            renderer.render(painter, rect)
            painter.restore()
        if self.badge:
            self._paint_badge(painter, self.drawing_rect())
        painter.end()

    def _paint_badge(self, painter: QPainter, area: QRectF) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(16, int(area.height() * 0.085)))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text = self.badge.upper()
        pad = font.pixelSize() * 0.5
        w = metrics.horizontalAdvance(text) + 2 * pad
        h = metrics.height() + pad
        margin = area.height() * 0.05
        x = area.left() + margin if self.mirrored else area.right() - margin - w
        badge = QRectF(x, area.top() + margin, w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2B3A55"))
        painter.drawRoundedRect(badge, h / 2, h / 2)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)


class StepsList(QWidget):
    """The steps of a stretch; the current one is bold, tinted and marked with an arrow in a
    column of its own (so wrapped lines stay aligned and nothing depends on colour)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setVerticalSpacing(6)
        self._layout.setColumnStretch(1, 1)
        self.labels: list[QLabel] = []
        self._markers: list[QLabel] = []
        self._count = 0
        self.current = -1
        self.setAccessibleName("Steps")

    def set_steps(self, steps: list[str]) -> None:
        while len(self.labels) < len(steps):
            row = len(self.labels)
            marker, label = QLabel(), QLabel()
            label.setWordWrap(True)
            for widget in (marker, label):
                widget.setFont(self.font())
            marker.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            marker.setFixedWidth(QFontMetrics(self.font()).horizontalAdvance("▶") + 8)
            self._layout.addWidget(marker, row, 0)
            self._layout.addWidget(label, row, 1)
            self._markers.append(marker)
            self.labels.append(label)
        for number, (marker, label) in enumerate(zip(self._markers, self.labels, strict=True)):
            shown = number < len(steps)
            marker.setVisible(shown)
            label.setVisible(shown)
            label.setText(steps[number] if shown else "")
        self._count = len(steps)
        self.current = -2
        self.set_current(-1)

    def set_current(self, index: int) -> None:
        if index == self.current:
            return
        self.current = index
        for number in range(self._count):
            label, marker = self.labels[number], self._markers[number]
            active = number == index
            marker.setText("▶" if active else "")
            font = label.font()
            font.setBold(active)
            label.setFont(font)
            label.setAutoFillBackground(active)
            label.setBackgroundRole(QPalette.ColorRole.AlternateBase)
            label.setForegroundRole(
                QPalette.ColorRole.WindowText if active else QPalette.ColorRole.PlaceholderText
            )
            prefix = "Current step: " if active else "Step: "
            label.setAccessibleName(prefix + label.text())

    def current_text(self) -> str:
        if 0 <= self.current < self._count:
            return self.labels[self.current].text()
        return ""
