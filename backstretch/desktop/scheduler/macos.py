"""macOS: a launchd agent in ~/Library/LaunchAgents (tested for what it writes and runs)."""

from __future__ import annotations

import os
import plistlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from backstretch.core.practice import PracticePlan
from backstretch.desktop.scheduler.base import (
    LAUNCHD_AGENT,
    LAUNCHD_LABEL,
    LAUNCHD_LATER_LABEL,
    MARKER,
    OURS,
    Entry,
    Outcome,
    Scheduler,
    blocking,
    check_file,
    removed,
    write,
)

_NEEDS = ("<key>ProgramArguments</key>",)


def _launchd_weekday(day: int) -> int:
    """launchd counts from Sunday (0) to Saturday (6); ours from Monday (0)."""
    return (day + 1) % 7


def launchd_plist(label: str, arguments: Sequence[str], times: list[dict[str, int]]) -> str:
    body = plistlib.dumps(
        {
            "Label": label,
            "ProgramArguments": list(arguments),
            "StartCalendarInterval": times,
            "RunAtLoad": False,
        }
    ).decode("utf-8")
    # plistlib writes no comments; an XML comment after the header keeps the file valid.
    header, rest = body.split("<plist", 1)
    return f"{header}<!-- {MARKER} -->\n<plist{rest}"


class LaunchdScheduler(Scheduler):
    name = "launchd"

    def _path(self, label: str) -> Path:
        return self.paths.launch_agents_dir / f"{label}.plist"

    def _domain(self) -> str:
        return f"gui/{os.getuid() if hasattr(os, 'getuid') else 0}"

    def _check(self, label: str) -> Entry | None:
        return check_file(self._path(label), LAUNCHD_AGENT, _NEEDS)

    def entries(self) -> list[Entry]:
        found = [self._check(label) for label in (LAUNCHD_LABEL, LAUNCHD_LATER_LABEL)]
        return [entry for entry in found if entry is not None]

    def _load(self, outcome: Outcome, label: str, text: str) -> None:
        path = self._path(label)
        self._run(outcome, ["launchctl", "bootout", f"{self._domain()}/{label}"], quiet=True)
        write(path, text, outcome)
        self._run(outcome, ["launchctl", "bootstrap", self._domain(), str(path)])

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        blocked = [e for e in self.entries() if e.state != OURS]
        if blocked:
            outcome.problems.extend(blocking(e) for e in blocked)
            return outcome
        times = [
            {"Weekday": _launchd_weekday(d), "Hour": plan.at.hour, "Minute": plan.at.minute}
            for d in sorted(plan.days)
        ]
        text = launchd_plist(LAUNCHD_LABEL, [*self.command, "remind"], times)
        self._load(outcome, LAUNCHD_LABEL, text)
        return outcome

    def remove(self) -> Outcome:
        outcome = Outcome()
        for label in (LAUNCHD_LABEL, LAUNCHD_LATER_LABEL):
            entry = self._check(label)
            if entry is None:
                continue
            if entry.state != OURS:
                outcome.problems.append(blocking(entry, removing=True))
                continue
            self._run(outcome, ["launchctl", "bootout", f"{self._domain()}/{label}"], quiet=True)
            removed(self._path(label), outcome)
        return outcome

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        """launchd has no one-off timer: an agent for that month, day and minute, which the
        `remind --later` it starts takes away again (commands/reminders.py calls clear_later)."""
        outcome = Outcome()
        entry = self._check(LAUNCHD_LATER_LABEL)
        if entry is not None and entry.state != OURS:
            outcome.problems.append(blocking(entry))
            return outcome
        when = now + delay
        times = [{"Month": when.month, "Day": when.day, "Hour": when.hour, "Minute": when.minute}]
        text = launchd_plist(LAUNCHD_LATER_LABEL, [*self.command, "remind", "--later"], times)
        self._load(outcome, LAUNCHD_LATER_LABEL, text)
        return outcome

    def clear_later(self) -> Outcome:
        outcome = Outcome()
        entry = self._check(LAUNCHD_LATER_LABEL)
        if entry is not None and entry.state == OURS:
            self._run(
                outcome,
                ["launchctl", "bootout", f"{self._domain()}/{LAUNCHD_LATER_LABEL}"],
                quiet=True,
            )
            self._path(LAUNCHD_LATER_LABEL).unlink(missing_ok=True)
        return outcome
