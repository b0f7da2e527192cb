"""The route through a routine (small drawings marked done, now, next, stopped for pain) and the
"up next" card shown while resting and at the end of a stretch's last hold."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from backstretch.core.engine import HoldOutcome, HoldRecord
from backstretch.core.i18n import N_, tr
from backstretch.core.paths import asset
from backstretch.core.plan import Phase, PhaseKind, Plan
from backstretch.core.stretches import Stretch
from backstretch.ui.phase_style import PAIN
from backstretch.ui.thumbnails import stretch_thumbnail


class Stop(Enum):
    """Where a stretch of the routine stands; each has a word and a symbol, not just a colour."""

    DONE = (N_("done"), "✓")
    SKIPPED = (N_("skipped"), "–")
    PAIN = (N_("stopped for pain"), "✕")
    NOW = (N_("now"), "▶")
    NEXT = (N_("next"), "›")
    LATER = (N_("later"), "")

    @property
    def word(self) -> str:
        return tr(self.value[0])

    @property
    def symbol(self) -> str:
        return self.value[1]


def route_stops(plan: Plan, phase: Phase, records: Sequence[HoldRecord]) -> list[Stop]:
    """Where each stretch stands: pain wins over everything, then now / next, then done or
    skipped for those behind, later for the rest."""
    outcomes: dict[int, set[HoldOutcome]] = {}
    for record in records:
        outcomes.setdefault(record.item, set()).add(record.outcome)
    resting = phase.kind is PhaseKind.REST  # a rest belongs to the stretch that follows it
    finished = phase.kind is PhaseKind.DONE
    current = phase.item - 1 if resting else phase.item
    stops = []
    for item in range(plan.item_count):
        seen = outcomes.get(item, set())
        if HoldOutcome.PAIN in seen:
            stops.append(Stop.PAIN)
        elif item == phase.item and not finished:
            stops.append(Stop.NEXT if resting else Stop.NOW)
        elif item <= current or finished:
            done = bool(seen) and seen <= {HoldOutcome.DONE, HoldOutcome.EXTENDED}
            stops.append(Stop.DONE if done else Stop.SKIPPED)
        elif item == phase.item + 1:
            stops.append(Stop.NEXT)
        else:
            stops.append(Stop.LATER)
    return stops


class RouteStrip(QWidget):
    """One small card per stretch; the current one framed, pain stops marked in the pain colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stretches: list[Stretch] = []
        self.stops: list[Stop] = []
        self.text_colour = QColor("#111418")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Route through the routine"))

    def set_route(self, stretches: Sequence[Stretch]) -> None:
        self.stretches = list(stretches)
        self.stops = [Stop.LATER] * len(self.stretches)
        self.update()

    def set_stops(self, stops: Sequence[Stop]) -> None:
        if list(stops) == self.stops:
            return
        self.stops = list(stops)
        parts = [
            tr("{number}. {name}: {stop}").format(number=n + 1, name=tr(s.name), stop=stop.word)
            for n, (s, stop) in enumerate(zip(self.stretches, self.stops, strict=True))
        ]
        self.setAccessibleDescription("; ".join(parts))
        self.update()

    def set_text_colour(self, colour: QColor) -> None:
        self.text_colour = colour
        self.update()

    def cell_rects(self) -> list[tuple[QRectF, QRectF]]:
        """Per stretch: the drawing's card and the mark below it."""
        count = len(self.stretches)
        if count == 0:
            return []
        mark_h = self.height() * 0.3
        card_h = self.height() - mark_h
        gap = card_h * 0.25
        card_w = min(card_h * 1.6, (self.width() - gap * (count - 1)) / count)
        card_h = min(card_h, card_w / 1.6)
        total = count * card_w + (count - 1) * gap
        left = (self.width() - total) / 2
        return [
            (
                QRectF(left + n * (card_w + gap), 0, card_w, card_h),
                QRectF(left + n * (card_w + gap), card_h, card_w, mark_h),
            )
            for n in range(count)
        ]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ratio = self.devicePixelRatioF()
        for (card, mark), stretch, stop in zip(
            self.cell_rects(), self.stretches, self.stops, strict=True
        ):
            painter.setOpacity(0.55 if stop in (Stop.DONE, Stop.SKIPPED) else 1.0)
            pixmap = stretch_thumbnail(
                asset("illustrations", stretch.illustration),
                QSize(int(card.width()), int(card.height())),
                ratio,
            )
            painter.drawPixmap(card.topLeft(), pixmap)
            painter.setOpacity(1.0)
            colour = PAIN if stop is Stop.PAIN else self.text_colour
            if stop in (Stop.NOW, Stop.PAIN):
                width = max(2.0, card.height() * 0.06)
                painter.setPen(QPen(colour, width))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inset = width / 2
                radius = card.height() * 0.12
                painter.drawRoundedRect(card.adjusted(inset, inset, -inset, -inset), radius, radius)
            if stop is not Stop.LATER:
                font = QFont(self.font())
                font.setPixelSize(max(11, int(mark.height() * 0.62)))
                font.setBold(stop in (Stop.NOW, Stop.PAIN))
                painter.setFont(font)
                painter.setPen(colour)
                text = f"{stop.symbol} {stop.word}".strip()
                wide = QFontMetricsF(font).horizontalAdvance(text)
                if wide > mark.width():
                    # A longer word (German, Spanish) in a smaller size, down to 70 %; below
                    # that only the symbol (the word stays in the accessible description).
                    size = int(font.pixelSize() * mark.width() / wide)
                    if size >= max(10, font.pixelSize() * 0.7):
                        font.setPixelSize(size)
                        painter.setFont(font)
                    else:
                        text = stop.symbol
                painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()


class UpNextCard(QWidget):
    """The next stretch's drawing and name, in the place of the steps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(tr("UP NEXT"))
        self.name = QLabel()
        self.name.setWordWrap(True)
        words = QVBoxLayout()
        words.addStretch(1)
        words.addWidget(self.caption)
        words.addWidget(self.name)
        words.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picture)
        row.addLayout(words, 1)
        self.stretch: Stretch | None = None
        self.setAccessibleName(tr("Up next"))

    def show_stretch(self, stretch: Stretch) -> None:
        self.stretch = stretch
        self.name.setText(tr(stretch.name))
        self.setAccessibleDescription(tr("Up next: {name}").format(name=stretch.name))
        self._picture()

    def set_fonts(self, caption: QFont, name: QFont) -> None:
        self.caption.setFont(caption)
        self.name.setFont(name)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._picture()
        super().resizeEvent(event)

    def _picture(self) -> None:
        if self.stretch is None or self.height() < 10:
            return
        h = max(40, self.height() - 8)
        w = min(int(h * 1.6), self.width() // 2)
        h = int(w / 1.6)
        self.picture.setFixedSize(w, h)
        self.picture.setPixmap(
            stretch_thumbnail(
                asset("illustrations", self.stretch.illustration),
                QSize(w, h),
                self.devicePixelRatioF(),
            )
        )
