"""Windows: a Task Scheduler task from XML (tested for what it writes and the commands it gives)."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from backstretch.core.i18n import N_, tr
from backstretch.core.practice import PracticePlan, clock_text
from backstretch.desktop.scheduler.base import (
    FOREIGN,
    MARKER,
    OURS,
    SCHEDULED_TASK,
    TASK_LATER_NAME,
    TASK_NAME,
    Entry,
    Outcome,
    Scheduler,
    blocking,
    write,
)

_TASK_NS = "http://schemas.microsoft.com/windows/2004/02/mit/task"
_TASK_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def task_xml(trigger: str, command: Sequence[str], arguments: Sequence[str]) -> str:
    """A Task Scheduler 1.2 definition. The marker sits in the Description, which
    `schtasks /Query /XML` gives back, so a task of someone else's is told from ours."""
    args = subprocess.list2cmdline([*command[1:], *arguments])
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Task version="1.2" xmlns="{_TASK_NS}">\n'
        "  <RegistrationInfo>\n"
        "    <Author>BackStretch</Author>\n"
        f"    <Description>{escape(MARKER)}</Description>\n"
        "  </RegistrationInfo>\n"
        f"  <Triggers>\n{trigger}  </Triggers>\n"
        "  <Principals>\n"
        "    <Principal><LogonType>InteractiveToken</LogonType></Principal>\n"
        "  </Principals>\n"
        "  <Settings>\n"
        "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
        "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
        "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
        "    <StartWhenAvailable>false</StartWhenAvailable>\n"
        "    <ExecutionTimeLimit>PT15M</ExecutionTimeLimit>\n"
        "  </Settings>\n"
        "  <Actions>\n"
        "    <Exec>\n"
        f"      <Command>{escape(command[0])}</Command>\n"
        f"      <Arguments>{escape(args)}</Arguments>\n"
        "    </Exec>\n"
        "  </Actions>\n"
        "</Task>\n"
    )


def weekly_trigger(plan: PracticePlan) -> str:
    days = "".join(f"<{_TASK_DAYS[d]}/>" for d in sorted(plan.days))
    return (
        "    <CalendarTrigger>\n"
        f"      <StartBoundary>2020-01-06T{clock_text(plan.at)}:00</StartBoundary>\n"
        "      <ScheduleByWeek>\n"
        f"        <DaysOfWeek>{days}</DaysOfWeek>\n"
        "        <WeeksInterval>1</WeeksInterval>\n"
        "      </ScheduleByWeek>\n"
        "    </CalendarTrigger>\n"
    )


def once_trigger(when: datetime) -> str:
    # A local time without an offset: Task Scheduler reads it as the machine's local time.
    return (
        "    <TimeTrigger>\n"
        f"      <StartBoundary>{when.replace(tzinfo=None).isoformat(timespec='seconds')}"
        "</StartBoundary>\n"
        "    </TimeTrigger>\n"
    )


class TaskScheduler(Scheduler):
    name = N_("Task Scheduler")  # shown through tr(): Windows calls it by a local name

    def _query(self, name: str) -> Entry | None:
        result = self.runner(["schtasks", "/Query", "/TN", name, "/XML"])
        if result.returncode != 0:
            return None  # no such task
        where = tr("Task Scheduler: {task}").format(task=name)
        if MARKER not in result.stdout:
            return Entry(SCHEDULED_TASK, where, FOREIGN, tr("not created by BackStretch"))
        return Entry(SCHEDULED_TASK, where, OURS, tr("registered"))

    def entries(self) -> list[Entry]:
        found = [self._query(name) for name in (TASK_NAME, TASK_LATER_NAME)]
        return [entry for entry in found if entry is not None]

    def _create(self, outcome: Outcome, name: str, xml: str, file: str) -> None:
        # schtasks reads the XML from a file; it stays beside the settings to show and compare.
        path = self.paths.task_xml_dir / file
        write(path, xml, outcome)
        # /F replaces a task of that name: registering twice leaves one task.
        self._run(outcome, ["schtasks", "/Create", "/TN", name, "/XML", str(path), "/F"])

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        entry = self._query(TASK_NAME)
        if entry is not None and entry.state != OURS:
            outcome.problems.append(blocking(entry))
            return outcome
        xml = task_xml(weekly_trigger(plan), self.command, ["remind"])
        self._create(outcome, TASK_NAME, xml, "reminder-task.xml")
        return outcome

    def remove(self) -> Outcome:
        outcome = Outcome()
        for name in (TASK_NAME, TASK_LATER_NAME):
            entry = self._query(name)
            if entry is None:
                continue
            if entry.state != OURS:
                outcome.problems.append(blocking(entry, removing=True))
                continue
            self._run(outcome, ["schtasks", "/Delete", "/TN", name, "/F"])
        return outcome

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        outcome = Outcome()
        entry = self._query(TASK_LATER_NAME)
        if entry is not None and entry.state != OURS:
            outcome.problems.append(blocking(entry))
            return outcome
        xml = task_xml(once_trigger(now + delay), self.command, ["remind", "--later"])
        self._create(outcome, TASK_LATER_NAME, xml, "reminder-later-task.xml")
        return outcome
