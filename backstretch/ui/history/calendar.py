"""CalendarStrip: the days stretched in the last weeks, as a painted grid."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backstretch.core.i18n import month_name, ntr, tr, weekday_names
from backstretch.ui.history.texts import short_date


class CalendarStrip(QWidget):
    """The last 12 weeks as columns of 7 days (Monday on top); a stretched day is a filled
    square with a tick, so the mark does not depend on colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Shown empty until set_days: the window hands in the days and today (no clock here).
        self.first = self.today = date.min
        self.days: frozenset[date] = frozenset()
        self.weeks = 12
        self.setMinimumSize(460, 250)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(tr("Calendar of the last 12 weeks"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader reaches it

    def set_days(self, days: frozenset[date], first: date, today: date, weeks: int) -> None:
        self.days, self.first, self.today, self.weeks = days, first, today, weeks
        total = (today - first).days + 1
        self.setAccessibleDescription(
            ntr(
                "You stretched on {days} of the last {total} day, from {first} to {last}.",
                "You stretched on {days} of the last {total} days, from {first} to {last}.",
                total,
            ).format(days=len(days), total=total, first=short_date(first), last=short_date(today))
        )
        self.update()

    def geometry_of(self) -> tuple[float, float, float]:
        """(left, top, cell): where the grid starts and the size of one day's square."""
        metrics = self.fontMetrics()
        left = max(metrics.horizontalAdvance(name) for name in weekday_names(short=True)) + 12
        top = metrics.height() + 8
        cell = min((self.width() - left - 4) / self.weeks, (self.height() - top - 4) / 7)
        return left, top, max(8.0, min(cell, 48.0))

    def cell_rect(self, day: date) -> QRectF:
        left, top, cell = self.geometry_of()
        offset = (day - self.first).days
        column, row = divmod(offset, 7)
        gap = cell * 0.14
        return QRectF(
            left + column * cell + gap / 2, top + row * cell + gap / 2, cell - gap, cell - gap
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        mark = palette.color(QPalette.ColorRole.Highlight)
        tick = palette.color(QPalette.ColorRole.HighlightedText)
        empty = palette.color(QPalette.ColorRole.Mid)
        left, top, cell = self.geometry_of()
        painter.setPen(text)
        for row in (0, 2, 4, 6):
            painter.drawText(
                QRectF(0, top + row * cell, left - 8, cell),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                weekday_names(short=True)[row],
            )
        month = None
        for column in range(self.weeks):
            monday = self.first.toordinal() + column * 7
            day = date.fromordinal(monday)
            if day.month != month:
                month = day.month
                painter.drawText(
                    QRectF(left + column * cell, 0, cell * 4, top - 4),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                    month_name(day.month, short=True),
                )
        radius = cell * 0.18
        for offset in range((self.today - self.first).days + 1):
            day = date.fromordinal(self.first.toordinal() + offset)
            rect = self.cell_rect(day)
            if day in self.days:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(mark)
                painter.drawRoundedRect(rect, radius, radius)
                painter.setPen(QPen(tick, max(1.5, cell * 0.08)))
                painter.drawPolyline(
                    [
                        QPointF(rect.left() + rect.width() * 0.25, rect.center().y()),
                        QPointF(
                            rect.left() + rect.width() * 0.43, rect.bottom() - rect.height() * 0.28
                        ),
                        QPointF(
                            rect.right() - rect.width() * 0.22, rect.top() + rect.height() * 0.28
                        ),
                    ]
                )
            else:
                painter.setPen(QPen(empty, 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(rect, radius, radius)
            if day == self.today:  # today is framed, stretched or not
                painter.setPen(QPen(text, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                framed = rect.adjusted(-2, -2, 2, 2)
                painter.drawRoundedRect(framed, radius, radius)
        painter.end()
