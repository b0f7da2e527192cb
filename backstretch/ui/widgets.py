"""Custom widgets of the session view: the countdown ring and the steps list."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from backstretch.core.i18n import tr
from backstretch.core.timefmt import countdown_text

FINAL_SECONDS = 3
TIP_SPAN = 45.0  # degrees of arc that cover an animation frame's repaint around the tip
STEP_MARGINS = (6, 2, 6, 2)


class CountdownRing(QWidget):
    """Big digits inside a ring that empties smoothly. The ring takes the phase's colour and line
    pattern; the last seconds are marked calmly: the ring grows thick and a soft disc appears."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.remaining = 0.0
        self.duration = 1.0
        self.running = False
        self.accent = QColor("#1E6B45")
        self.pattern = Qt.PenStyle.SolidLine
        self.setMinimumSize(150, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Time left"))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # The ticker feeds the time (up to 8 frames a second while the ring is on screen); the
        # big digits are drawn once per second into a pixmap (large glyphs are costly).
        self._digits: tuple[tuple[object, ...], QPixmap] | None = None
        self._backdrop_cache: tuple[tuple[object, ...], QPixmap] | None = None

    def set_style(self, accent: QColor, pattern: Qt.PenStyle) -> None:
        self.accent, self.pattern = accent, pattern
        self.update()

    def set_time(self, remaining: float, duration: float, running: bool) -> None:
        """Between whole seconds only the tip of the arc moves: repaint just around it (a full
        repaint 16 times a second cost about 2 % of a core); the digits once a second."""
        shape = (self.duration, self.running, self.final)
        tip, digits = self._tip(self.remaining), countdown_text(self.remaining)
        self.remaining, self.duration = remaining, max(duration, 1e-6)
        self.running = running
        reshaped = shape != (self.duration, self.running, self.final)
        if reshaped:
            self.update()
        else:
            self._update_tip(tip, self._tip(remaining))
        if reshaped or countdown_text(remaining) != digits:
            self.setAccessibleDescription(
                tr("{time} seconds left").format(time=countdown_text(remaining))
            )
            self.update(self._digits_area().toAlignedRect())

    def _digits_area(self) -> QRectF:
        """Where the digits can be: inside the ring, clear of its line."""
        rect, width = self._ring_rect()
        inset = width * 1.2
        return rect.adjusted(inset, inset, -inset, -inset)

    def _update_tip(self, before: QPointF, after: QPointF) -> None:
        margin = self._side() * 0.09
        self.update(
            QRectF(before, after)
            .normalized()
            .adjusted(-margin, -margin, margin, margin)
            .toAlignedRect()
        )

    def _ring_rect(self) -> tuple[QRectF, float]:
        side = self._side()
        width = side * (0.075 if self.final else 0.045)
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

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect, width = self._ring_rect()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        # The background, the track and the soft disc change only with the size, colours and
        # the last seconds: drawn once into an opaque pixmap (a plain copy, no blending), so
        # each animation frame strokes just the arc. Opaque: nothing behind it repaints.
        painter.drawPixmap(event.rect(), self._backdrop(text_colour), self._device(event.rect()))
        fraction = min(1.0, max(0.0, self.remaining / self.duration))
        pen = QPen(self.accent, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        solid = self.final or self.pattern is Qt.PenStyle.SolidLine
        if not solid:
            pen.setStyle(self.pattern)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        span = fraction * 360
        if self._digits_area().contains(QRectF(event.rect())):
            pass  # only the digits changed: the ring's line is not in this repaint
        elif solid and event.rect().width() < self.width() // 2:
            # An animation frame repaints only around the tip: stroking just the arc's last
            # TIP_SPAN degrees gives the same pixels there at a fraction of the cost.
            # (A dashed arc is stroked whole: its dashes are counted from the start.)
            tail = min(span, TIP_SPAN)
            painter.drawArc(rect, round((90 + span - tail) * 16), round(tail * 16))
        else:
            painter.drawArc(rect, 90 * 16, round(span * 16))
        painter.drawPixmap(rect.topLeft(), self._digit_pixmap(rect, text_colour))
        painter.end()

    def _device(self, rect: QRect) -> QRect:
        """A widget rectangle in the backdrop pixmap's device pixels."""
        ratio = self.devicePixelRatioF()
        return QRect(
            round(rect.x() * ratio),
            round(rect.y() * ratio),
            round(rect.width() * ratio),
            round(rect.height() * ratio),
        )

    def _backdrop(self, text_colour: QColor) -> QPixmap:
        ratio = self.devicePixelRatioF()
        final = self.final
        window = self.palette().color(QPalette.ColorRole.Window)
        key = (
            self.width(),
            self.height(),
            text_colour.rgba(),
            self.accent.rgba(),
            window.rgba(),
            final,
            ratio,
        )
        if self._backdrop_cache is None or self._backdrop_cache[0] != key:
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(window)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            rect, width = self._ring_rect()
            side = self._side()
            track = QColor(text_colour)
            track.setAlphaF(0.14)
            painter.setPen(QPen(track, width * 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawEllipse(rect)
            if final:  # a soft disc behind the digits: noticed, not alarming
                disc = rect.adjusted(side * 0.08, side * 0.08, -side * 0.08, -side * 0.08)
                soft = QColor(self.accent)
                soft.setAlphaF(0.16)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(soft)
                painter.drawEllipse(disc)
            painter.end()
            self._backdrop_cache = (key, pixmap)
        return self._backdrop_cache[1]

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


class StepsList(QWidget):
    """The steps of a stretch: the current one large and bold on a light band, marked with an
    arrow in a column of its own; the others smaller, still readable (never colour alone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setVerticalSpacing(6)
        self._layout.setHorizontalSpacing(8)
        self._layout.setColumnStretch(1, 1)
        self.labels: list[QLabel] = []
        self._markers: list[QLabel] = []
        self._count = 0
        self.current = -1
        self.current_font = QFont(self.font())
        self.other_font = QFont(self.font())
        self.setAccessibleName(tr("Steps"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._probe = QLabel()  # never shown: measures wrapped steps exactly as a label does
        self._probe.setWordWrap(True)
        self._probe.setContentsMargins(*STEP_MARGINS)

    def set_fonts(self, current: QFont, other: QFont) -> None:
        self.current_font, self.other_font = QFont(current), QFont(other)
        self.current_font.setBold(True)
        marker_width = QFontMetrics(self.current_font).horizontalAdvance("▶") + 8
        for marker in self._markers:
            marker.setFixedWidth(marker_width)
            marker.setFont(self.current_font)
        shown, self.current = self.current, -2
        self.set_current(shown)

    def set_steps(self, steps: list[str]) -> None:
        while len(self.labels) < len(steps):
            row = len(self.labels)
            marker, label = QLabel(), QLabel()
            label.setWordWrap(True)
            label.setContentsMargins(*STEP_MARGINS)
            marker.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            # the arrow never makes a row taller than its step
            marker.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
            marker.setFont(self.current_font)
            marker.setFixedWidth(QFontMetrics(self.current_font).horizontalAdvance("▶") + 8)
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
            label.setFont(self.current_font if active else self.other_font)
            label.setAutoFillBackground(active)
            label.setBackgroundRole(QPalette.ColorRole.AlternateBase)
            label.setForegroundRole(
                QPalette.ColorRole.WindowText if active else QPalette.ColorRole.PlaceholderText
            )
            prefix = tr("Current step: ") if active else tr("Step: ")
            label.setAccessibleName(prefix + label.text())

    def current_text(self) -> str:
        if 0 <= self.current < self._count:
            return self.labels[self.current].text()
        return ""

    def steps(self) -> list[str]:
        return [label.text() for label in self.labels[: self._count]]

    def required_height(self, width: int, steps: list[str] | None = None) -> int:
        """The height that shows every step whole whichever one is current, so the drawing
        above keeps one size through all phases of a stretch. Measured with a label like the
        real ones (QLabel's own word wrapping), not estimated."""
        texts = self.steps() if steps is None else steps
        if not texts:
            return 0
        marker = QFontMetrics(self.current_font).horizontalAdvance("▶") + 8
        text_width = max(40, width - marker - max(0, self._layout.horizontalSpacing()))
        probe = self._probe

        def height(font: QFont, text: str) -> int:
            probe.setFont(font)
            probe.setText(text)
            return probe.heightForWidth(text_width)

        others = [height(self.other_font, text) for text in texts]
        growth = max(height(self.current_font, t) - o for t, o in zip(texts, others, strict=True))
        spacing = max(0, self._layout.verticalSpacing()) * (len(texts) - 1)
        return sum(others) + max(0, growth) + spacing
