"""The history's charts: minutes per week as bars, pain before and after as two lines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backstretch.core.history.stats import WeekFigures
from backstretch.core.i18n import format_number, ntr, ptr, tr
from backstretch.ui.history.texts import short_date

# Pain before a session: violet, not orange (orange/red is kept for "It hurts").
BEFORE_COLOUR = "#6A4C9C"


class _Chart(QWidget):
    """Axes and labels shared by the two charts; subclasses draw the data."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: tuple[WeekFigures, ...] = ()
        self.setMinimumSize(420, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_weeks(self, weeks: tuple[WeekFigures, ...]) -> None:
        self.weeks = weeks
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        raise NotImplementedError

    def top_value(self) -> float:
        raise NotImplementedError

    def plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("000") + 14
        bottom = metrics.height() + 10
        top = metrics.height() + 12  # room for a legend
        return QRectF(
            left, top, max(1.0, self.width() - left - 10), max(1.0, self.height() - top - bottom)
        )

    def x_of(self, week: int) -> float:
        plot = self.plot_rect()
        step = plot.width() / max(1, len(self.weeks))
        return plot.left() + step * (week + 0.5)

    def y_of(self, value: float) -> float:
        plot = self.plot_rect()
        return plot.bottom() - plot.height() * value / max(self.top_value(), 1e-9)

    def paint_axes(self, painter: QPainter, ticks: Sequence[float]) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        plot = self.plot_rect()
        for value in ticks:
            y = self.y_of(value)
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - 12, plot.left() - 6, 24),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                figure(value),
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        every = 1 if plot.width() / max(1, len(self.weeks)) > 70 else 3
        for number, week in enumerate(self.weeks):
            if (len(self.weeks) - 1 - number) % every:
                continue  # label the current week and every third before it
            x = self.x_of(number)
            painter.drawText(
                QRectF(x - 40, plot.bottom() + 4, 80, self.height() - plot.bottom() - 4),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                short_date(week.start),
            )


class MinutesChart(_Chart):
    """Minutes stretched per week, as bars in the palette's highlight colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Minutes per week"), parent)

    def top_value(self) -> float:
        most = max((week.minutes for week in self.weeks), default=0.0)
        return max(10.0, 10.0 * -(-most // 10))  # the next multiple of ten

    def describe(self) -> str:
        values = ", ".join(
            tr("{week}: {minutes}").format(week=short_date(w.start), minutes=round(w.minutes))
            for w in self.weeks
        )
        return ntr(
            "Minutes stretched in each of the last {count} week. {values}.",
            "Minutes stretched in each of the last {count} weeks. {values}.",
            len(self.weeks),
        ).format(count=len(self.weeks), values=values)

    def bar_rect(self, week: int) -> QRectF:
        plot = self.plot_rect()
        step = plot.width() / max(1, len(self.weeks))
        width = step * 0.6
        top = self.y_of(self.weeks[week].minutes)
        return QRectF(self.x_of(week) - width / 2, top, width, plot.bottom() - top)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self.top_value()
        self.paint_axes(painter, (0.0, top / 2, top))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
        for number, week in enumerate(self.weeks):
            if week.minutes > 0:
                painter.drawRect(self.bar_rect(number))
        painter.end()


class PainChart(_Chart):
    """Average pain per week before (accent, dashed, squares) and after (highlight, solid,
    dots) the sessions: the line style tells them apart as well as the colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Pain trend"), parent)

    def top_value(self) -> float:
        return 10.0

    def colours(self) -> tuple[QColor, QColor]:
        return QColor(BEFORE_COLOUR), self.palette().color(QPalette.ColorRole.Highlight)

    def describe(self) -> str:
        known = [w for w in self.weeks if w.pain_before is not None or w.pain_after is not None]
        if not known:
            return tr("Average pain per week before and after sessions: no ratings yet.")
        parts = [
            tr("{week}: before {before}, after {after}").format(
                week=short_date(w.start), before=_rating(w.pain_before), after=_rating(w.pain_after)
            )
            for w in known
        ]
        return tr("Average pain per week, 0 to 10. {weeks}.").format(weeks="; ".join(parts))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_axes(painter, (0.0, 5.0, 10.0))
        before, after = self.colours()
        for values, colour, style, square in (
            ([w.pain_before for w in self.weeks], before, Qt.PenStyle.DashLine, True),
            ([w.pain_after for w in self.weeks], after, Qt.PenStyle.SolidLine, False),
        ):
            points = [
                QPointF(self.x_of(n), self.y_of(v)) for n, v in enumerate(values) if v is not None
            ]
            painter.setPen(QPen(colour, 3, style))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if len(points) > 1:
                painter.drawPolyline(points)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for point in points:
                if square:
                    painter.drawRect(QRectF(point.x() - 5, point.y() - 5, 10, 10))
                else:
                    painter.drawEllipse(point, 5.5, 5.5)
        self._legend(painter, before, after)
        painter.end()

    def _legend(self, painter: QPainter, before: QColor, after: QColor) -> None:
        metrics = self.fontMetrics()
        x = self.plot_rect().left()
        y = metrics.height() / 2 + 2
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for label, colour, style in (
            (ptr("pain chart legend", "before"), before, Qt.PenStyle.DashLine),
            (ptr("pain chart legend", "after"), after, Qt.PenStyle.SolidLine),
        ):
            painter.setPen(QPen(colour, 3, style))
            painter.drawLine(QPointF(x, y), QPointF(x + 28, y))
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(QPointF(x + 34, y + metrics.ascent() / 2 - 1), label)
            x += 34 + metrics.horizontalAdvance(label) + 24


def _rating(value: float | None) -> str:
    return tr("none") if value is None else figure(value)


def figure(value: float) -> str:
    """A chart's number as short as it can be: "5", "6.5", "4.33" (as the :g format does,
    with the language's decimal sign)."""
    text = f"{value:g}"
    decimals = len(text.partition(".")[2]) if "e" not in text else 0
    return format_number(value, decimals)
