"""PlanWeeksTable: sessions done against the plan's weekly goal, week by week (newest first)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from backstretch.core.i18n import format_date, tr
from backstretch.core.practice import PracticePlan, WeekTally, week_tallies

WEEKS_SHOWN = 12


def verdict_text(tally: WeekTally, current: bool) -> str:
    """In words, never only a colour: "Goal met", "1 to go", "1 short"."""
    if tally.met:
        return tr("Goal met")
    missing = tally.goal - tally.sessions
    text = tr("{missing} to go") if current else tr("{missing} short")
    return text.format(missing=missing)


class PlanWeeksTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([tr("Week of"), tr("Sessions"), tr("Against the goal")])
        self.setAccessibleName(tr("Sessions per week against your goal"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def set_weeks(self, days: Mapping[date, int], today: date, plan: PracticePlan) -> None:
        tallies: Sequence[WeekTally] = week_tallies(days, today, plan.weekly_goal, WEEKS_SHOWN)
        newest_first = list(reversed(tallies))
        self.setRowCount(len(newest_first))
        for row, tally in enumerate(newest_first):
            cells = (
                format_date(tally.start, short=True),
                tr("{sessions} of {goal}").format(sessions=tally.sessions, goal=tally.goal),
                verdict_text(tally, current=row == 0),
            )
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
