"""HistoryWindow: sessions, the calendar, streaks, charts and per-stretch counts; exports."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.files import atomic_write
from backstretch.core.history import (
    MONTHS,
    WEEKDAYS,
    WEEKLY_TARGET,
    HistoryStats,
    WeekFigures,
    compute_stats,
    pain_text,
    to_csv,
    to_json,
)
from backstretch.core.log import SessionLog, SessionRow, StretchCounts
from backstretch.core.practice import PracticePlan
from backstretch.core.timefmt import duration_text
from backstretch.ui.plan_weeks import PlanWeeksTable

# Roles by number: they arrive as ints, and comparing ints is what data() does most.
DISPLAY, ALIGNMENT, TOOLTIP, ACCESSIBLE_TEXT = 0, 7, 3, 11
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
STATUS_WORDS = {
    "completed": "Completed",
    "stopped": "Ended early",
    "interrupted": "Cut off",
    "in_progress": "Running",
}


def when_text(row: SessionRow) -> str:
    """ "Mon 4 Mar 2024, 09:12": English names, whatever the locale, like the rest of the app."""
    moment = row.started_at
    return (
        f"{WEEKDAYS[moment.weekday()][:3]} {moment.day} {MONTHS[moment.month - 1][:3]} "
        f"{moment.year}, {moment.hour:02d}:{moment.minute:02d}"
    )


def total_text(minutes: float) -> str:
    """ "45 min", "2 h 5 min", "476 hours": a lifetime total, not a stopwatch."""
    whole = round(minutes)
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    if hours >= 10:
        return f"{round(minutes / 60)} hours"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def _scaled(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


# ---------------------------------------------------------------------- sessions table
COLUMNS = (
    ("Date and time", "When the session started"),
    ("Routine", "The routine"),
    ("Time", "Time spent stretching, pauses left out"),
    ("Status", "Completed, ended early, or cut off (the app closed)"),
    ("Done", "Stretches completed"),
    ("Skipped", "Stretches skipped or not finished"),
    ("Hurt", "Stretches stopped because they hurt"),
    ("Pain", "Pain before → after the session, 0 to 10"),
    ("Note", "Your note"),
)


def _sort_keys() -> list[Callable[[SessionRow], Any]]:
    """One key per column; None means "nothing to sort by", which goes last either way."""
    return [
        lambda r: (r.started_at.timestamp(), r.id),
        lambda r: r.routine.casefold(),
        lambda r: r.seconds,
        lambda r: r.status,
        lambda r: r.tally.stretches_done,
        lambda r: r.tally.stretches_skipped,
        lambda r: r.tally.stretches_pain,
        lambda r: (
            None
            if r.pain_before is None and r.pain_after is None
            else (
                -1 if r.pain_before is None else r.pain_before,
                -1 if r.pain_after is None else r.pain_after,
            )
        ),
        lambda r: r.note.casefold() or None,
    ]


# Pain before a session: violet, not orange (orange/red is kept for "It hurts").
BEFORE_COLOUR = "#6A4C9C"


class HistoryTableModel(QAbstractTableModel):
    """One row per session. Cell texts are made when first asked for (a view asks only for
    the rows on screen), and sorting is a Python sort by key: 3,650 rows in a few ms."""

    def __init__(self, rows: Sequence[SessionRow] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRow] = list(rows)
        self._texts: dict[int, tuple[str, ...]] = {}
        self._keys = _sort_keys()

    def set_rows(self, rows: Sequence[SessionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self.endResetModel()

    def row(self, number: int) -> SessionRow:
        return self._rows[number]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _cells(self, row: SessionRow) -> tuple[str, ...]:
        texts = self._texts.get(row.id)
        if texts is None:
            tally = row.tally
            texts = self._texts[row.id] = (
                when_text(row),
                row.routine,
                duration_text(row.seconds),
                STATUS_WORDS.get(row.status, row.status),
                str(tally.stretches_done),
                str(tally.stretches_skipped),
                str(tally.stretches_pain),
                pain_text(row.pain_before, row.pain_after),
                row.note,
            )
        return texts

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == DISPLAY:
            return self._cells(self._rows[index.row()])[column]
        if role == ALIGNMENT:
            return ALIGN_RIGHT if column in (2, 4, 5, 6) else None
        if role == ACCESSIBLE_TEXT:
            row = self._rows[index.row()]
            if column == 7:
                before = "none" if row.pain_before is None else row.pain_before
                after = "none" if row.pain_after is None else row.pain_after
                return f"pain before {before}, after {after}"
            return f"{COLUMNS[column][0]}: {self._cells(row)[column]}"
        if role == TOOLTIP and column in (0, 8):
            return self._rows[index.row()].note or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return COLUMNS[section][0]
        if role in (TOOLTIP, ACCESSIBLE_TEXT):
            return COLUMNS[section][1]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = {id(row): n for n, row in enumerate(self._rows)}
        key = self._keys[column]
        keyed = [(key(row), row) for row in self._rows]
        present = sorted(
            (pair for pair in keyed if pair[0] is not None),
            key=lambda pair: pair[0],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [row for _key, row in present] + [row for k, row in keyed if k is None]
        moved = {before[id(row)]: n for n, row in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(moved[index.row()], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()


class HistoryProxyModel(QSortFilterProxyModel):
    """Filters by date range. Sorting is handed to the source model: the proxy's own sort
    would ask Python for a cell twice per comparison (about 90,000 calls for 3,650 rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first: date | None = None
        self._last: date | None = None

    def set_range(self, first: date | None, last: date | None) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 deprecates invalidateRowsFilter
            self.beginFilterChange()
            self._first, self._last = first, last
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._first, self._last = first, last
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, HistoryTableModel)
        day = model.row(source_row).started_at.date()
        if self._first is not None and day < self._first:
            return False
        return self._last is None or day <= self._last

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class StretchTableModel(QAbstractTableModel):
    """Per stretch: done, skipped, stopped for pain."""

    HEADERS = ("Stretch", "Done", "Skipped", "Stopped for pain")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, StretchCounts]] = []

    def set_counts(self, counts: Mapping[str, StretchCounts], names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._rows = sorted(
            ((names.get(key, key), value) for key, value in counts.items()),
            key=lambda pair: pair[0].casefold(),
        )
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        name, counts = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return name if column == 0 else str(counts[column - 1])
        if role == ALIGNMENT and column:
            return ALIGN_RIGHT
        if role == ACCESSIBLE_TEXT:
            return name if column == 0 else f"{self.HEADERS[column]}: {counts[column - 1]}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None


# ---------------------------------------------------------------------- painted widgets
class CalendarStrip(QWidget):
    """The last 12 weeks as columns of 7 days (Monday on top); a stretched day is a filled
    square with a tick, so the mark does not depend on colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = date.today()
        self.today = self.first
        self.days: frozenset[date] = frozenset()
        self.weeks = 12
        self.setMinimumSize(460, 250)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Calendar of the last 12 weeks")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader reaches it

    def set_days(self, days: frozenset[date], first: date, today: date, weeks: int) -> None:
        self.days, self.first, self.today, self.weeks = days, first, today, weeks
        total = (today - first).days + 1
        self.setAccessibleDescription(
            f"You stretched on {len(days)} of the last {total} days, from "
            f"{short_date(first)} to {short_date(today)}."
        )
        self.update()

    def geometry_of(self) -> tuple[float, float, float]:
        """(left, top, cell): where the grid starts and the size of one day's square."""
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("Wed") + 12
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
                WEEKDAYS[row][:3],
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
                    MONTHS[day.month - 1][:3],
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
                f"{value:g}",
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
        super().__init__("Minutes per week", parent)

    def top_value(self) -> float:
        most = max((week.minutes for week in self.weeks), default=0.0)
        return max(10.0, 10.0 * -(-most // 10))  # the next multiple of ten

    def describe(self) -> str:
        values = ", ".join(f"{short_date(w.start)}: {round(w.minutes)}" for w in self.weeks)
        return f"Minutes stretched in each of the last {len(self.weeks)} weeks. {values}."

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
        super().__init__("Pain trend", parent)

    def top_value(self) -> float:
        return 10.0

    def colours(self) -> tuple[QColor, QColor]:
        return QColor(BEFORE_COLOUR), self.palette().color(QPalette.ColorRole.Highlight)

    def describe(self) -> str:
        known = [w for w in self.weeks if w.pain_before is not None or w.pain_after is not None]
        if not known:
            return "Average pain per week before and after sessions: no ratings yet."
        parts = [
            f"{short_date(w.start)}: before {_rating(w.pain_before)}, after {_rating(w.pain_after)}"
            for w in known
        ]
        return "Average pain per week, 0 to 10. " + "; ".join(parts) + "."

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
            ("before", before, Qt.PenStyle.DashLine),
            ("after", after, Qt.PenStyle.SolidLine),
        ):
            painter.setPen(QPen(colour, 3, style))
            painter.drawLine(QPointF(x, y), QPointF(x + 28, y))
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(QPointF(x + 34, y + metrics.ascent() / 2 - 1), label)
            x += 34 + metrics.horizontalAdvance(label) + 24


def _rating(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


# ---------------------------------------------------------------------- the window
class HistoryWindow(QDialog):
    """Opened from the start view; reads the log when opened and after Delete all."""

    def __init__(
        self,
        log: SessionLog,
        today: date,
        *,
        names: Mapping[str, str] | None = None,
        weekly_target: int = WEEKLY_TARGET,
        plan: PracticePlan | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self.today = today
        self._names = dict(names or {})
        self._weekly_target = weekly_target
        self._stretches_loaded = False
        self.setWindowTitle("Your history")
        self.setAccessibleName("Your history")
        self.setFont(_scaled(self, 1.15))
        self.resize(1040, 760)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setFont(_scaled(self, 1.3, bold=True))
        self.summary.setAccessibleName("Summary")

        self.calendar = CalendarStrip()
        self.minutes_chart = MinutesChart()
        self.pain_chart = PainChart()
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.addWidget(self._heading("Days you stretched, last 12 weeks"))
        overview_layout.addWidget(self.calendar)
        charts = QHBoxLayout()
        for title, chart in (
            ("Minutes per week", self.minutes_chart),
            ("Pain before and after (weekly average)", self.pain_chart),
        ):
            column = QVBoxLayout()
            column.addWidget(self._heading(title))
            column.addWidget(chart, 1)
            charts.addLayout(column, 1)
        overview_layout.addLayout(charts, 1)

        self.model = HistoryTableModel(parent=self)
        self.proxy = HistoryProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Sessions")
        self.table.setAccessibleDescription("Newest first. Click a column title to sort by it.")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        widths = ("Wed 30 Sep 2026, 00:00", "Lower back relief", "00 min 00 s", "Ended early")
        for section, sample in enumerate(widths):
            header.resizeSection(section, self.fontMetrics().horizontalAdvance(sample) + 20)
        for section in (4, 5, 6):
            header.resizeSection(section, self.fontMetrics().horizontalAdvance("Skipped") + 20)
        header.resizeSection(7, self.fontMetrics().horizontalAdvance("10 → 10") + 28)
        # Newest first without sorting: the log returns them that way. The indicator is set
        # before sorting is switched on, which then sorts an already sorted list.
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, name in ((self.date_from, "Show sessions from"), (self.date_to, "until")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name if name != "until" else "Show sessions until")
            edit.dateChanged.connect(self._filter_changed)
        self.show_all_button = QPushButton("Show &all")
        self.show_all_button.setAccessibleName("Show all sessions")
        self.show_all_button.clicked.connect(self.show_all)
        self.shown = QLabel()
        self.shown.setAccessibleName("Sessions shown")
        from_label, to_label = QLabel("&From"), QLabel("&to")
        from_label.setBuddy(self.date_from)
        to_label.setBuddy(self.date_to)
        filters = QHBoxLayout()
        for widget in (
            from_label,
            self.date_from,
            to_label,
            self.date_to,
            self.show_all_button,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.shown)
        sessions_page = QWidget()
        sessions_layout = QVBoxLayout(sessions_page)
        sessions_layout.addLayout(filters)
        sessions_layout.addWidget(self.table, 1)

        self.stretch_model = StretchTableModel(self)
        self.stretch_table = QTableView()
        self.stretch_table.setAccessibleName("Per-stretch counts")
        self.stretch_table.setModel(self.stretch_model)
        self.stretch_table.verticalHeader().hide()
        self.stretch_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        stretches_page = QWidget()
        stretches_layout = QVBoxLayout(stretches_page)
        stretches_layout.addWidget(
            self._heading("How often each stretch was done, skipped, or stopped because it hurt")
        )
        stretches_layout.addWidget(self.stretch_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("History views")
        self.tabs.addTab(overview, "&Overview")
        self.tabs.addTab(sessions_page, "&Sessions")
        self.tabs.addTab(stretches_page, "S&tretches")
        from backstretch.ui.progress_panel import ProgressPanel  # issue 16: "Is it helping?"

        self.progress = ProgressPanel(log, today, names=self._names)
        self.tabs.addTab(self.progress, "&Is it helping?")
        self.tabs.currentChanged.connect(self._tab_changed)
        self._later_loaded: set[QWidget] = set()
        self._rows: list[SessionRow] = []
        # The practice plan, week by week (issue 15): only where there is a plan.
        self._plan = plan if plan is not None and plan.active else None
        self.plan_weeks: PlanWeeksTable | None = None
        if self._plan is not None:
            self.plan_weeks = PlanWeeksTable()  # filled by reload()
            self.tabs.addTab(self.plan_weeks, "&Plan")

        self.csv_button = QPushButton("Export &CSV…")
        self.csv_button.setAccessibleName("Export CSV")
        self.csv_button.setAccessibleDescription(
            "Save the sessions shown as a spreadsheet file, one row per hold."
        )
        self.json_button = QPushButton("Export &JSON…")
        self.json_button.setAccessibleName("Export JSON")
        self.json_button.setAccessibleDescription("Save the sessions shown as a JSON file.")
        self.delete_button = QPushButton("&Delete all history…")
        self.delete_button.setAccessibleName("Delete all history")
        self.delete_button.setAccessibleDescription("Asks first. This cannot be undone.")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleDescription("Close the history. Shortcut: Escape.")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.json_button.clicked.connect(lambda: self.export("json"))
        self.delete_button.clicked.connect(self.delete_all)
        self.close_button.clicked.connect(self.close)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        buttons = QHBoxLayout()
        for button in (self.csv_button, self.json_button, self.delete_button):
            button.setMinimumHeight(44)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_button.setMinimumHeight(44)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(_scaled(self, 1.1, bold=True))
        return label

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        """Read the log again (sessions with their tallies; the holds only for exports)."""
        rows = self._log.sessions(holds=False)
        self.stats = compute_stats(rows, self.today, self._weekly_target)
        self.model.set_rows(rows)
        self._show_stats(self.stats)
        self._rows = rows
        self._later_loaded.clear()  # "Is it helping?" and the plan: when their tab is shown
        self._load_later(self.tabs.currentWidget())
        first = min([self.today, *(r.started_at.date() for r in rows)])
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDateRange(_qdate(first), _qdate(self.today))
        self.date_from.setDate(_qdate(first))
        self.date_to.setDate(_qdate(self.today))
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)
        self.proxy.set_range(None, None)
        self._update_shown()
        self._stretches_loaded = False
        if self.tabs.currentIndex() == 2:
            self._load_stretches()

    def _show_stats(self, stats: HistoryStats) -> None:
        if stats.sessions == 0:
            self.summary.setText("No sessions yet. Your sessions will appear here.")
        else:
            count = f"{stats.sessions} session{'s' if stats.sessions != 1 else ''}"
            total = total_text(stats.total_minutes)
            streak = stats.streak_text()
            self.summary.setText(f"{count}, {total} in all. {streak or ''}".strip())
        self.calendar.set_days(stats.days_stretched, stats.first_day, stats.today, len(stats.weeks))
        self.minutes_chart.set_weeks(stats.weeks)
        self.pain_chart.set_weeks(stats.weeks)

    def _tab_changed(self, index: int) -> None:
        if index == 2 and not self._stretches_loaded:
            self._load_stretches()
        self._load_later(self.tabs.widget(index))

    def _load_later(self, tab: QWidget | None) -> None:
        """The verdict and the plan's weeks are worked out when their tab is first shown: at
        ten years they cost the window's opening 50 ms it does not need to pay."""
        if tab is None or tab in self._later_loaded:
            return
        if tab is self.progress:
            self._later_loaded.add(tab)
            self.progress.set_rows(self._rows)  # issue 16
        elif self.plan_weeks is not None and tab is self.plan_weeks and self._plan is not None:
            self._later_loaded.add(self.plan_weeks)
            self.plan_weeks.set_weeks(self._log.stretched_days(), self.today, self._plan)

    def _load_stretches(self) -> None:
        """Counted over every hold, so only when the tab is first shown (about 25 ms for
        40,000 holds, which the window's opening does not need to pay)."""
        if not self._names:
            from backstretch.core.problems import ProblemsError
            from backstretch.core.stretches import load_library

            with contextlib.suppress(ProblemsError):  # else the ids, which are readable too
                self._names = {stretch.id: stretch.name for stretch in load_library()}
        self.stretch_model.set_counts(self._log.stretch_counts(), self._names)
        self._stretches_loaded = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.tabs.currentIndex() == 2 and not self._stretches_loaded:
            self._load_stretches()

    # ------------------------------------------------------------------ filter
    def _filter_changed(self) -> None:
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        self.proxy.set_range(first, last)
        self._update_shown()

    def show_all(self) -> None:
        self.date_from.setDate(self.date_from.minimumDate())
        self.date_to.setDate(self.date_to.maximumDate())

    def _update_shown(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown.setText(
            f"{total} session{'s' if total != 1 else ''}"
            if shown == total
            else f"{shown} of {total} sessions"
        )

    def selected_range(self) -> tuple[date | None, date | None]:
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return first, last

    # ------------------------------------------------------------------ actions
    def export(self, kind: str) -> Path | None:
        """Ask where, then write the sessions in the date range (all by default) atomically."""
        label = "CSV" if kind == "csv" else "JSON"
        default = Path.home() / f"backstretch-history-{self.today.isoformat()}.{kind}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            f"Export history as {label}",
            str(default),
            f"{label} files (*.{kind});;All files (*)",
        )
        if not chosen:
            return None
        first, last = self.selected_range()
        rows = [
            row
            for row in self._log.sessions(first)
            if last is None or row.started_at.date() <= last
        ]
        content = to_csv(rows) if kind == "csv" else to_json(rows) + "\n"
        path = Path(chosen)
        try:
            atomic_write(path, content.encode("utf-8"))
        except OSError as error:
            self.status.setText(f"Could not save {path}: {error.strerror or error}.")
            return None
        self.status.setText(f"Saved {len(rows)} session{'s' if len(rows) != 1 else ''} to {path}.")
        return path

    def confirm_delete(self) -> bool:
        """Asks, with No as the default answer. Tests replace this method."""
        answer = QMessageBox.question(
            self,
            "Delete all history?",
            "This deletes every session, rating and note from this computer. It cannot be "
            "undone. To keep a copy, export it first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_all(self) -> bool:
        if not self.confirm_delete():
            return False
        if not self._log.delete_all():
            self.status.setText(self._log.problem or "The history could not be deleted.")
            return False
        self.reload()
        self.status.setText("All history was deleted.")
        return True

    def sessions_shown(self) -> list[SessionRow]:
        """The rows in the table's current order and filter (for tests and screen readers)."""
        return [
            self.model.row(self.proxy.mapToSource(self.proxy.index(n, 0)).row())
            for n in range(self.proxy.rowCount())
        ]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
