"""The history's table models: sessions (with a date filter) and per-stretch counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from backstretch.core.history.words import pain_text, status_label
from backstretch.core.i18n import N_, catalog_text, tr
from backstretch.core.log import SessionRow, StretchCounts
from backstretch.core.timefmt import duration_text
from backstretch.ui.history.texts import when_text

# Roles by number: they arrive as ints, and comparing ints is what data() does most.
DISPLAY, ALIGNMENT, TOOLTIP, ACCESSIBLE_TEXT = 0, 7, 3, 11
ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# (title, what it means: the tooltip and the screen reader's description), translated where used.
COLUMNS = (
    (N_("Date and time"), N_("When the session started")),
    (N_("Routine"), N_("The routine")),
    (N_("Time"), N_("Time spent stretching, pauses left out")),
    (N_("Status"), N_("Completed, ended early, or cut off (the app closed)")),
    (N_("Done"), N_("Stretches completed")),
    (N_("Skipped"), N_("Stretches skipped or not finished")),
    (N_("Hurt"), N_("Stretches stopped because they hurt")),
    (N_("Pain"), N_("Pain before → after the session, 0 to 10")),
    (N_("Note"), N_("Your note")),
)


def _sort_keys() -> list[Callable[[SessionRow], Any]]:
    """One key per column; None means "nothing to sort by", which goes last either way."""
    return [
        lambda r: (r.started_at.timestamp(), r.id),
        lambda r: catalog_text(r.routine).casefold(),
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
                catalog_text(row.routine),  # the log keeps a bundled routine's English name
                duration_text(row.seconds),
                status_label(row.status),
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
                none = tr("none")
                return tr("pain before {before}, after {after}").format(
                    before=none if row.pain_before is None else row.pain_before,
                    after=none if row.pain_after is None else row.pain_after,
                )
            return tr("{column}: {value}").format(
                column=tr(COLUMNS[column][0]), value=self._cells(row)[column]
            )
        if role == TOOLTIP and column in (0, 8):
            return self._rows[index.row()].note or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            return tr(COLUMNS[section][0])
        if role in (TOOLTIP, ACCESSIBLE_TEXT):
            return tr(COLUMNS[section][1])
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

    HEADERS = (N_("Stretch"), N_("Done"), N_("Skipped"), N_("Stopped for pain"))

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
            if column == 0:
                return name
            return tr("{column}: {value}").format(
                column=tr(self.HEADERS[column]), value=counts[column - 1]
            )
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return tr(self.HEADERS[section])
        return None
