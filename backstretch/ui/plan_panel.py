"""PlanPanel: the Settings tab for the practice plan (days, time, weekly goal, reminders)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.i18n import tr, weekday_names
from backstretch.core.practice import GOAL_LIMITS, PracticePlan
from backstretch.core.settings import Settings


class PlanPanel(QWidget):
    """Every control has its own accessible name; the days are checkboxes with their full
    names (never colour alone), reachable with Tab and toggled with Space."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        days_group = QGroupBox(tr("Days to stretch"))
        days_group.setAccessibleName(tr("Days to stretch"))
        days_line = QHBoxLayout(days_group)
        self.days: list[QCheckBox] = []
        # Monday first, as the plan numbers them; the full name is what a screen reader says.
        for short, name in zip(weekday_names(short=True), weekday_names(short=False), strict=True):
            box = QCheckBox(short)
            box.setAccessibleName(name)
            box.setToolTip(name)
            self.days.append(box)
            days_line.addWidget(box)
        days_line.addStretch(1)

        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(tr("Time of day"))
        self.time.setAccessibleDescription(tr("When the reminder comes on a planned day."))
        self.goal = QSpinBox()
        self.goal.setRange(*GOAL_LIMITS)
        self.goal.setSuffix(tr(" sessions a week"))
        self.goal.setAccessibleName(tr("Weekly goal"))
        self.goal.setAccessibleDescription(
            tr("How many sessions you aim for each week; the history shows each week against it.")
        )
        form = QFormLayout()
        form.addRow(tr("Time of &day"), self.time)  # Alt+T is the Timings tab
        form.addRow(tr("&Weekly goal"), self.goal)

        self.reminders = QCheckBox(
            tr("Remi&nd me on these days, even when BackStretch is closed")  # Alt+R: Reset
        )
        self.reminders.setAccessibleName(tr("Reminders"))
        self.reminders.setAccessibleDescription(
            tr(
                "A notification at the time, with Start now, In 30 minutes and Not today. "
                "None comes on a day you have already stretched."
            )
        )
        about = QLabel(
            tr(
                "Reminders are left with your system's own scheduler, so nothing of BackStretch "
                "keeps running in between. `backstretch reminders show` lists what is set up."
            )
        )
        about.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(days_group)
        layout.addLayout(form)
        layout.addWidget(self.reminders)
        layout.addWidget(about)
        layout.addStretch(1)
        self.show_values(settings)

    def show_values(self, settings: Settings) -> None:
        plan = settings.plan
        for day, box in enumerate(self.days):
            box.setChecked(day in plan.days)
        self.time.setTime(QTime(plan.at.hour, plan.at.minute))
        self.goal.setValue(plan.weekly_goal)
        self.reminders.setChecked(plan.reminders)

    def plan(self) -> PracticePlan:
        from datetime import time

        chosen = self.time.time()
        return PracticePlan(
            frozenset(day for day, box in enumerate(self.days) if box.isChecked()),
            time(chosen.hour(), chosen.minute()),
            self.goal.value(),
            self.reminders.isChecked(),
        )

    def result_settings(self, settings: Settings) -> Settings:
        return dataclasses.replace(settings, plan=self.plan())
