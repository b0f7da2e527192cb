"""HistoryWindow: sessions, the calendar, streaks, charts and per-stretch counts; exports."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QShowEvent
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
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backstretch.core import clock
from backstretch.core.files import atomic_write
from backstretch.core.history.export import to_csv, to_json
from backstretch.core.history.stats import WEEKLY_TARGET, HistoryStats, compute_stats
from backstretch.core.history.words import status_label
from backstretch.core.i18n import ntr, tr
from backstretch.core.log import STOPPED, SessionLog, SessionRow
from backstretch.core.practice import PracticePlan
from backstretch.core.timefmt import duration_text
from backstretch.ui.history.calendar import CalendarStrip
from backstretch.ui.history.charts import MinutesChart, PainChart
from backstretch.ui.history.models import HistoryProxyModel, HistoryTableModel, StretchTableModel
from backstretch.ui.history.texts import moment_text, total_text
from backstretch.ui.plan_weeks import PlanWeeksTable

STRETCHES_TAB = 2  # the per-stretch counts: counted when first shown


def _scaled(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class HistoryWindow(QDialog):
    """Opened from the start view; reads the log when opened and after Delete all.

    `today` is the wall clock's date, handed in like the engine's monotonic clock: the real
    one by default, a fixed day (or a function giving one) in tests."""

    def __init__(
        self,
        log: SessionLog,
        today: date | Callable[[], date] = clock.today,
        *,
        names: Mapping[str, str] | None = None,
        weekly_target: int = WEEKLY_TARGET,
        plan: PracticePlan | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._today = today if callable(today) else lambda: today
        self.today = self._today()
        self._names = dict(names or {})
        self._weekly_target = weekly_target
        self._stretches_loaded = False
        self._later_loaded: set[QWidget] = set()
        self._rows: list[SessionRow] = []
        # The practice plan, week by week (issue 15): only where there is a plan.
        self._plan = plan if plan is not None and plan.active else None
        self.setWindowTitle(tr("Your history"))
        self.setAccessibleName(tr("Your history"))
        self.setFont(_scaled(self, 1.15))
        self.resize(1040, 760)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setFont(_scaled(self, 1.3, bold=True))
        self.summary.setAccessibleName(tr("Summary"))
        self.tabs = self._build_tabs()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("Status"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(self._build_buttons())
        self._load()  # today as read above

    # ------------------------------------------------------------------ building
    def _build_tabs(self) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setAccessibleName(tr("History views"))
        tabs.addTab(self._build_overview(), tr("&Overview"))
        tabs.addTab(self._build_sessions_page(), tr("&Sessions"))
        tabs.addTab(self._build_stretches_page(), tr("S&tretches"))
        from backstretch.ui.progress_panel import ProgressPanel  # issue 16: "Is it helping?"

        self.progress = ProgressPanel(self._log, self.today, names=self._names)
        tabs.addTab(self.progress, tr("&Is it helping?"))
        tabs.currentChanged.connect(self._tab_changed)
        self.plan_weeks: PlanWeeksTable | None = None
        if self._plan is not None:
            self.plan_weeks = PlanWeeksTable()  # filled by reload()
            tabs.addTab(self.plan_weeks, tr("&Plan"))
        return tabs

    def _build_overview(self) -> QWidget:
        self.calendar = CalendarStrip()
        self.minutes_chart = MinutesChart()
        self.pain_chart = PainChart()
        overview = QWidget()
        layout = QVBoxLayout(overview)
        layout.addWidget(self._heading(tr("Days you stretched, last 12 weeks")))
        layout.addWidget(self.calendar)
        charts = QHBoxLayout()
        for title, chart in (
            (tr("Minutes per week"), self.minutes_chart),
            (tr("Pain before and after (weekly average)"), self.pain_chart),
        ):
            column = QVBoxLayout()
            column.addWidget(self._heading(title))
            column.addWidget(chart, 1)
            charts.addLayout(column, 1)
        layout.addLayout(charts, 1)
        return overview

    def _build_sessions_page(self) -> QWidget:
        self.model = HistoryTableModel(parent=self)
        self.proxy = HistoryProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Sessions"))
        self.table.setAccessibleDescription(tr("Newest first. Click a column title to sort by it."))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        self._size_columns(self.table.horizontalHeader())
        self.table.setSortingEnabled(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._build_filters())
        layout.addWidget(self.table, 1)
        return page

    def _size_columns(self, header: QHeaderView) -> None:
        """Wide enough for their usual contents, measured on sample texts."""
        header.setStretchLastSection(True)
        advance = self.fontMetrics().horizontalAdvance
        # Sample texts in the shown language, so the columns grow with a longer one.
        widths = (
            moment_text(datetime(2026, 9, 30)),  # a Wednesday in September: long names
            tr("Lower back relief"),  # the built-in routine's name
            duration_text(59 * 60 + 59),
            status_label(STOPPED),
        )
        for section, sample in enumerate(widths):
            header.resizeSection(section, advance(sample) + 20)
        for section in (4, 5, 6):
            header.resizeSection(section, advance(tr("Skipped")) + 20)
        header.resizeSection(7, advance("10 → 10") + 28)
        # Newest first without sorting: the log returns them that way. The indicator is set
        # before sorting is switched on, which then sorts an already sorted list.
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)

    def _build_filters(self) -> QHBoxLayout:
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, name in (
            (self.date_from, tr("Show sessions from")),
            (self.date_to, tr("Show sessions until")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._filter_changed)
        self.show_all_button = QPushButton(tr("Show &all"))
        self.show_all_button.setAccessibleName(tr("Show all sessions"))
        self.show_all_button.clicked.connect(self.show_all)
        self.shown = QLabel()
        self.shown.setAccessibleName(tr("Sessions shown"))
        from_label, to_label = QLabel(tr("&From")), QLabel(tr("&to"))
        from_label.setBuddy(self.date_from)
        to_label.setBuddy(self.date_to)
        filters = QHBoxLayout()
        for widget in (from_label, self.date_from, to_label, self.date_to, self.show_all_button):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.shown)
        return filters

    def _build_stretches_page(self) -> QWidget:
        self.stretch_model = StretchTableModel(self)
        self.stretch_table = QTableView()
        self.stretch_table.setAccessibleName(tr("Per-stretch counts"))
        self.stretch_table.setModel(self.stretch_model)
        self.stretch_table.verticalHeader().hide()
        self.stretch_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            self._heading(
                tr("How often each stretch was done, skipped, or stopped because it hurt")
            )
        )
        layout.addWidget(self.stretch_table, 1)
        return page

    def _build_buttons(self) -> QHBoxLayout:
        self.csv_button = QPushButton(tr("Export &CSV…"))
        self.csv_button.setAccessibleName(tr("Export CSV"))
        self.csv_button.setAccessibleDescription(
            tr("Save the sessions shown as a spreadsheet file, one row per hold.")
        )
        self.json_button = QPushButton(tr("Export &JSON…"))
        self.json_button.setAccessibleName(tr("Export JSON"))
        self.json_button.setAccessibleDescription(tr("Save the sessions shown as a JSON file."))
        self.delete_button = QPushButton(tr("&Delete all history…"))
        self.delete_button.setAccessibleName(tr("Delete all history"))
        self.delete_button.setAccessibleDescription(tr("Asks first. This cannot be undone."))
        self.close_button = QPushButton(tr("Close"))
        self.close_button.setAccessibleDescription(tr("Close the history. Shortcut: Escape."))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.json_button.clicked.connect(lambda: self.export("json"))
        self.delete_button.clicked.connect(self.delete_all)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.csv_button, self.json_button, self.delete_button):
            button.setMinimumHeight(44)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_button.setMinimumHeight(44)
        buttons.addWidget(self.close_button)
        return buttons

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(_scaled(self, 1.1, bold=True))
        return label

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        """Read the log again (sessions with their tallies; the holds only for exports)."""
        self.today = self._today()
        self._load()

    def _load(self) -> None:
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
        if self.tabs.currentIndex() == STRETCHES_TAB:
            self._load_stretches()

    def _show_stats(self, stats: HistoryStats) -> None:
        if stats.sessions == 0:
            self.summary.setText(tr("No sessions yet. Your sessions will appear here."))
        else:
            summary = ntr(
                "{count} session, {total} in all.",
                "{count} sessions, {total} in all.",
                stats.sessions,
            ).format(count=stats.sessions, total=total_text(stats.total_minutes))
            streak = stats.streak_text()
            self.summary.setText(f"{summary} {streak}" if streak else summary)
        self.calendar.set_days(stats.days_stretched, stats.first_day, stats.today, len(stats.weeks))
        self.minutes_chart.set_weeks(stats.weeks)
        self.pain_chart.set_weeks(stats.weeks)

    def _tab_changed(self, index: int) -> None:
        if index == STRETCHES_TAB and not self._stretches_loaded:
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
        if self.tabs.currentIndex() == STRETCHES_TAB and not self._stretches_loaded:
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
            ntr("{total} session", "{total} sessions", total).format(total=total)
            if shown == total
            else ntr("{shown} of {total} session", "{shown} of {total} sessions", total).format(
                shown=shown, total=total
            )
        )

    def selected_range(self) -> tuple[date | None, date | None]:
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return first, last

    # ------------------------------------------------------------------ actions
    def export(self, kind: str) -> Path | None:
        """Ask where, then write the sessions in the date range (all by default) atomically."""
        label = "CSV" if kind == "csv" else "JSON"  # names of formats, the same in every language
        default = Path.home() / f"backstretch-history-{self.today.isoformat()}.{kind}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Export history as {format}").format(format=label),
            str(default),
            tr("{format} files (*.{suffix});;All files (*)").format(format=label, suffix=kind),
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
            self.status.setText(
                tr("Could not save {path}: {reason}.").format(
                    path=path, reason=error.strerror or error
                )
            )
            return None
        self.status.setText(
            ntr(
                "Saved {count} session to {path}.", "Saved {count} sessions to {path}.", len(rows)
            ).format(count=len(rows), path=path)
        )
        return path

    def confirm_delete(self) -> bool:
        """Asks, with No as the default answer. Tests replace this method."""
        answer = QMessageBox.question(
            self,
            tr("Delete all history?"),
            tr(
                "This deletes every session, rating and note from this computer. It cannot be "
                "undone. To keep a copy, export it first."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_all(self) -> bool:
        if not self.confirm_delete():
            return False
        if not self._log.delete_all():
            self.status.setText(self._log.problem or tr("The history could not be deleted."))
            return False
        self.reload()
        self.status.setText(tr("All history was deleted."))
        return True

    def sessions_shown(self) -> list[SessionRow]:
        """The rows in the table's current order and filter (for tests and screen readers)."""
        return [
            self.model.row(self.proxy.mapToSource(self.proxy.index(n, 0)).row())
            for n in range(self.proxy.rowCount())
        ]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
