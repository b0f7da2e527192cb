"""What every system's scheduler shares: the runner, what is registered, what a change did."""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from backstretch.core.files import atomic_write
from backstretch.core.i18n import N_, tr
from backstretch.core.paths import SchedulerPaths
from backstretch.core.practice import PracticePlan, clock_text, days_text

# Written into every file and task of ours (not translated: it is how we know them again).
MARKER = "Written by BackStretch for its practice reminders; it changes and removes this file."
TIMER = "backstretch-remind.timer"
SERVICE = "backstretch-remind.service"
LATER_UNIT = "backstretch-remind-later"  # the transient "In 30 minutes" timer
AUTOSTART = "io.github.backstretch.BackStretch-remind.desktop"
LAUNCHD_LABEL = "io.github.backstretch.remind"
LAUNCHD_LATER_LABEL = "io.github.backstretch.remind-later"
TASK_NAME = "BackStretch\\Reminder"
TASK_LATER_NAME = "BackStretch\\ReminderLater"

OURS, FOREIGN, CORRUPT = "ours", "foreign", "corrupt"

# What an entry is: kept in English on the Entry, so code can tell them apart, and
# translated where it is shown (Entry.line).
SYSTEMD_TIMER = N_("systemd user timer")
SYSTEMD_SERVICE = N_("systemd user service")
AUTOSTART_ENTRY = N_("XDG autostart entry")
LAUNCHD_AGENT = N_("launchd agent")
SCHEDULED_TASK = N_("scheduled task")


class Ran(NamedTuple):
    returncode: int
    stdout: str = ""
    stderr: str = ""


Runner = Callable[[Sequence[str]], Ran]


def run_command(argv: Sequence[str]) -> Ran:
    """The real runner: no shell, output captured, never hanging the caller for long."""
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=30, check=False)
    except FileNotFoundError:
        return Ran(127, "", tr("{program}: not found").format(program=argv[0]))
    except (OSError, subprocess.TimeoutExpired) as error:
        return Ran(1, "", str(error))
    return Ran(done.returncode, done.stdout, done.stderr)


def remind_command() -> list[str]:
    """How the scheduler starts BackStretch: the frozen executable, or this Python with -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "backstretch"]


@dataclass(frozen=True)
class Entry:
    """One thing registered (or found in our place) with the system."""

    what: str  # SYSTEMD_TIMER, LAUNCHD_AGENT, ... (English; translated by line())
    where: str  # a file path, or the task's name in Task Scheduler
    state: str  # OURS, FOREIGN or CORRUPT
    detail: str  # when it runs (the file's own line), or what is wrong with it

    def line(self) -> str:
        if self.state == OURS:
            text = tr("{what}: {where}\n    {detail}")
        else:
            text = tr("{what}: {where}\n    not changed: {detail}")
        return text.format(what=tr(self.what), where=self.where, detail=self.detail)


@dataclass
class Outcome:
    """What an install, remove or snooze did, in sentences; problems are the ones it left."""

    done: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def blocking(entry: Entry, *, removing: bool = False) -> str:
    """Why an entry in our place was left alone, and what to do. When reminders are being
    turned off there is nothing to turn on again afterwards."""
    if entry.state == FOREIGN:
        if removing:
            text = tr(
                "{where} was not written by BackStretch, so it was left as it is. "
                "Fix: move it away (or remove it)."
            )
        else:
            text = tr(
                "{where} was not written by BackStretch, so it was left as it is. "
                "Fix: move it away (or remove it), then turn reminders on again."
            )
        return text.format(where=entry.where)
    if removing:
        text = tr("{where} cannot be read ({why}), so it was left as it is. Fix: remove it.")
    else:
        text = tr(
            "{where} cannot be read ({why}), so it was left as it is. "
            "Fix: remove it, then turn reminders on again."
        )
    return text.format(where=entry.where, why=entry.detail)


def plan_summary(plan: PracticePlan) -> str:
    return tr("{days} at {time}").format(days=days_text(plan.days), time=clock_text(plan.at))


def check_file(path: Path, what: str, required: Sequence[str]) -> Entry | None:
    """None when nothing is there; else whether the file is ours, someone else's, or damaged."""
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return Entry(what, str(path), CORRUPT, tr("it is not text"))
    except OSError as error:
        return Entry(what, str(path), CORRUPT, error.strerror or str(error))
    if MARKER not in text:
        return Entry(what, str(path), FOREIGN, tr("not written by BackStretch"))
    missing = [line for line in required if line not in text]
    if missing:
        return Entry(what, str(path), CORRUPT, tr("it lacks {line}").format(line=missing[0]))
    return Entry(what, str(path), OURS, _describe(text))


def _describe(text: str) -> str:
    for line in text.splitlines():
        if line.startswith(("OnCalendar=", "Exec=")):
            return line  # the file's own words: they say when it runs
    return tr("registered")


def write(path: Path, text: str, outcome: Outcome) -> None:
    atomic_write(path, text.encode("utf-8"))
    outcome.done.append(tr("wrote {file}").format(file=path))


def removed(path: Path, outcome: Outcome) -> None:
    path.unlink(missing_ok=True)
    outcome.done.append(tr("removed {file}").format(file=path))


class Scheduler:
    """The common shape; each system fills in entries, install, remove and snooze."""

    name = N_("none")  # shown through tr(), as every scheduler's name is
    can_snooze = True

    def __init__(self, paths: SchedulerPaths, runner: Runner, command: Sequence[str]) -> None:
        self.paths = paths
        self.runner = runner
        self.command = list(command)

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def install(self, plan: PracticePlan) -> Outcome:
        raise NotImplementedError

    def remove(self) -> Outcome:
        raise NotImplementedError

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        raise NotImplementedError

    def status(self) -> str | None:
        """What the scheduler itself says about our entry, where it can be asked."""
        return None

    def apply(self, plan: PracticePlan) -> Outcome:
        """Register the plan when it reminds, else remove what is registered."""
        return self.install(plan) if plan.reminding else self.remove()

    def _run(self, outcome: Outcome, argv: Sequence[str], *, quiet: bool = False) -> bool:
        result = self.runner(argv)
        command = shlex.join(argv)
        if result.returncode == 0:
            outcome.done.append(tr("ran: {command}").format(command=command))
            return True
        if not quiet:
            why = (result.stderr or result.stdout).strip().splitlines()
            if why:
                text = tr("`{command}` failed: {why}").format(command=command, why=why[-1])
            else:
                text = tr("`{command}` failed: exit {code}").format(
                    command=command, code=result.returncode
                )
            outcome.problems.append(text)
        return False
