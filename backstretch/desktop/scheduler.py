"""The practice plan registered with the system's own scheduler, so nothing of ours stays resident.

Linux: a systemd user timer and service (an XDG autostart entry where there is no systemd user
instance); Windows: a Task Scheduler task from XML; macOS: a launchd agent. Each runs
`backstretch remind` at the planned times. Every file we write carries MARKER; a file in our
place without it (someone else's) or one we cannot read is reported and left as it is.

Commands go through an injected runner, so unit tests check the exact commands and files.
Only the Linux path has been run for real; Windows and macOS are tested for what they write
and the commands they give.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from backstretch.core.files import atomic_write
from backstretch.core.paths import SchedulerPaths
from backstretch.core.practice import DAY_NAMES, PracticePlan, clock_text, days_text

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
        return Ran(127, "", f"{argv[0]}: not found")
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

    what: str  # "systemd user timer", "launchd agent", ...
    where: str  # a file path, or the task's name in Task Scheduler
    state: str  # OURS, FOREIGN or CORRUPT
    detail: str  # when it runs, or what is wrong with it

    def line(self) -> str:
        if self.state == OURS:
            return f"{self.what}: {self.where}\n    {self.detail}"
        return f"{self.what}: {self.where}\n    not changed: {self.detail}"


@dataclass
class Outcome:
    """What an install, remove or snooze did, in sentences; problems are the ones it left."""

    done: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _blocking(entry: Entry) -> str:
    if entry.state == FOREIGN:
        return (
            f"{entry.where} was not written by BackStretch, so it was left as it is. "
            "Fix: move it away (or remove it), then turn reminders on again."
        )
    return (
        f"{entry.where} cannot be read ({entry.detail}), so it was left as it is. "
        "Fix: remove it, then turn reminders on again."
    )


def plan_summary(plan: PracticePlan) -> str:
    return f"{days_text(plan.days)} at {clock_text(plan.at)}"


def _check_file(path: Path, what: str, required: Sequence[str]) -> Entry | None:
    """None when nothing is there; else whether the file is ours, someone else's, or damaged."""
    if not path.exists() and not path.is_symlink():
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return Entry(what, str(path), CORRUPT, "it is not text")
    except OSError as error:
        return Entry(what, str(path), CORRUPT, error.strerror or str(error))
    if MARKER not in text:
        return Entry(what, str(path), FOREIGN, "not written by BackStretch")
    missing = [line for line in required if line not in text]
    if missing:
        return Entry(what, str(path), CORRUPT, f"it lacks {missing[0]}")
    return Entry(what, str(path), OURS, _describe(text))


def _describe(text: str) -> str:
    for line in text.splitlines():
        if line.startswith(("OnCalendar=", "Exec=")):
            return line
    return "registered"


def _write(path: Path, text: str) -> None:
    atomic_write(path, text.encode("utf-8"))


class Scheduler:
    """The common shape; each system fills in entries, install, remove and snooze."""

    name = "none"
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
        if result.returncode == 0:
            outcome.done.append(f"ran: {shlex.join(argv)}")
            return True
        if not quiet:
            why = (result.stderr or result.stdout).strip().splitlines()
            outcome.problems.append(
                f"`{shlex.join(argv)}` failed: {why[-1] if why else f'exit {result.returncode}'}"
            )
        return False


# ----------------------------------------------------------------------- Linux: systemd
def _systemd_quote(word: str) -> str:
    """One word of ExecStart= (systemd.service, "Command lines"): % and $ are specifiers."""
    word = word.replace("%", "%%").replace("$", "$$")
    if word and not any(c in word for c in " \t\"'\\"):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def on_calendar(plan: PracticePlan) -> str:
    """systemd.time's calendar form: "Mon,Thu *-*-* 18:00:00" (local time)."""
    days = ",".join(DAY_NAMES[d][:3] for d in sorted(plan.days))
    return f"{days} *-*-* {plan.at.hour:02d}:{plan.at.minute:02d}:00"


def systemd_units(plan: PracticePlan, command: Sequence[str]) -> dict[str, str]:
    """The two unit files, by name."""
    exec_start = " ".join(_systemd_quote(w) for w in [*command, "remind"])
    service = (
        f"# {MARKER}\n"
        "[Unit]\n"
        "Description=BackStretch practice reminder\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        # "Start now" opens the app from here: when `remind` exits, the unit stops, and the
        # default KillMode would end every process in it, the app just opened included.
        "KillMode=process\n"
        # remind waits up to 20 minutes for an answer; a oneshot has no start timeout by
        # default, and this bound says so where someone reading the unit will look.
        "TimeoutStartSec=30min\n"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        f"# {MARKER}\n"
        "[Unit]\n"
        f"Description=BackStretch practice reminder: {plan_summary(plan)}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(plan)}\n"
        # A reminder for a time that passed while the computer was off is no use later.
        "Persistent=false\n"
        "AccuracySec=1min\n"
        f"Unit={SERVICE}\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {SERVICE: service, TIMER: timer}


class SystemdScheduler(Scheduler):
    name = "systemd"

    def _files(self) -> dict[str, tuple[Path, str, tuple[str, ...]]]:
        folder = self.paths.systemd_user_dir
        return {
            TIMER: (folder / TIMER, "systemd user timer", ("[Timer]", "OnCalendar=")),
            SERVICE: (folder / SERVICE, "systemd user service", ("[Service]", "ExecStart=")),
        }

    def entries(self) -> list[Entry]:
        found = [_check_file(path, what, need) for path, what, need in self._files().values()]
        found.append(_check_file(self.paths.autostart_dir / AUTOSTART, *_AUTOSTART_CHECK))
        return [entry for entry in found if entry is not None]

    def status(self) -> str:
        enabled = self.runner(["systemctl", "--user", "is-enabled", TIMER]).stdout.strip()
        active = self.runner(["systemctl", "--user", "is-active", TIMER]).stdout.strip()
        return f"systemd says the timer is {enabled or 'unknown'} and {active or 'unknown'}"

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        blocked = [e for e in self.entries() if e.state != OURS and "systemd" in e.what]
        if blocked:
            outcome.problems.extend(_blocking(e) for e in blocked)
            return outcome
        for name, text in systemd_units(plan, self.command).items():
            path = self._files()[name][0]
            _write(path, text)
            outcome.done.append(f"wrote {path}")
        _remove_autostart(self.paths, outcome)  # one way of reminding, not two
        self._run(outcome, ["systemctl", "--user", "daemon-reload"])
        self._run(outcome, ["systemctl", "--user", "enable", "--now", TIMER])
        return outcome

    def remove(self) -> Outcome:
        outcome = Outcome()
        ours = []
        for path, what, need in self._files().values():
            entry = _check_file(path, what, need)
            if entry is None:
                continue
            if entry.state == OURS:
                ours.append(path)
            else:
                outcome.problems.append(
                    _blocking(entry).replace(" then turn reminders on again", "")
                )
        if ours:
            self._run(outcome, ["systemctl", "--user", "disable", "--now", TIMER], quiet=True)
            for path in ours:
                path.unlink(missing_ok=True)
                outcome.done.append(f"removed {path}")
            self._run(outcome, ["systemctl", "--user", "daemon-reload"])
        self._run(outcome, ["systemctl", "--user", "stop", f"{LATER_UNIT}.timer"], quiet=True)
        _remove_autostart(self.paths, outcome)
        return outcome

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        outcome = Outcome()
        # One "later" at a time: a second answer replaces the first instead of failing on
        # the unit name that is still taken.
        self._run(outcome, ["systemctl", "--user", "stop", f"{LATER_UNIT}.timer"], quiet=True)
        minutes = max(1, int(delay.total_seconds() // 60))
        self._run(
            outcome,
            [
                "systemd-run",
                "--user",
                f"--unit={LATER_UNIT}",
                f"--on-active={minutes}m",
                "--timer-property=AccuracySec=1s",
                "--property=KillMode=process",  # as in the unit: the app it opens stays
                "--collect",
                *self.command,
                "remind",
                "--later",
            ],
        )
        return outcome


# ------------------------------------------------------------- Linux: XDG autostart fallback
_AUTOSTART_CHECK = ("XDG autostart entry", ("[Desktop Entry]", "Exec="))


def _desktop_quote(word: str) -> str:
    """Exec= quoting (Desktop Entry Specification, "The Exec key")."""
    if word and not any(c in word for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return word
    inner = word.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return '"' + inner.replace("%", "%%") + '"'


def autostart_entry(plan: PracticePlan, command: Sequence[str]) -> str:
    exec_line = " ".join(_desktop_quote(w) for w in [*command, "remind", "--at-login"])
    return (
        "[Desktop Entry]\n"
        f"# {MARKER}\n"
        "Type=Application\n"
        "Name=BackStretch reminder\n"
        f"Comment=Reminds you of your stretching plan: {plan_summary(plan)}\n"
        f"Exec={exec_line}\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _remove_autostart(paths: SchedulerPaths, outcome: Outcome) -> None:
    path = paths.autostart_dir / AUTOSTART
    entry = _check_file(path, *_AUTOSTART_CHECK)
    if entry is not None and entry.state == OURS:
        path.unlink(missing_ok=True)
        outcome.done.append(f"removed {path}")


class AutostartScheduler(Scheduler):
    """No systemd user instance: remind once at login on a planned day (nothing can wait for
    the time without staying resident), and no "In 30 minutes"."""

    name = "XDG autostart (no systemd user instance here)"
    can_snooze = False

    def entries(self) -> list[Entry]:
        entry = _check_file(self.paths.autostart_dir / AUTOSTART, *_AUTOSTART_CHECK)
        return [] if entry is None else [entry]

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        blocked = [e for e in self.entries() if e.state != OURS]
        if blocked:
            outcome.problems.extend(_blocking(e) for e in blocked)
            return outcome
        path = self.paths.autostart_dir / AUTOSTART
        _write(path, autostart_entry(plan, self.command))
        outcome.done.append(f"wrote {path}")
        return outcome

    def remove(self) -> Outcome:
        outcome = Outcome()
        for entry in self.entries():
            if entry.state != OURS:
                outcome.problems.append(
                    _blocking(entry).replace(" then turn reminders on again", "")
                )
        _remove_autostart(self.paths, outcome)
        return outcome

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        return Outcome(problems=["There is no scheduler here to remind you later."])


# ----------------------------------------------------------------------- macOS: launchd
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

    def entries(self) -> list[Entry]:
        found = [
            _check_file(self._path(label), "launchd agent", ("<key>ProgramArguments</key>",))
            for label in (LAUNCHD_LABEL, LAUNCHD_LATER_LABEL)
        ]
        return [entry for entry in found if entry is not None]

    def _load(self, outcome: Outcome, label: str, text: str) -> None:
        path = self._path(label)
        self._run(outcome, ["launchctl", "bootout", f"{self._domain()}/{label}"], quiet=True)
        _write(path, text)
        outcome.done.append(f"wrote {path}")
        self._run(outcome, ["launchctl", "bootstrap", self._domain(), str(path)])

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        blocked = [e for e in self.entries() if e.state != OURS]
        if blocked:
            outcome.problems.extend(_blocking(e) for e in blocked)
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
            path = self._path(label)
            entry = _check_file(path, "launchd agent", ("<key>ProgramArguments</key>",))
            if entry is None:
                continue
            if entry.state != OURS:
                outcome.problems.append(
                    _blocking(entry).replace(" then turn reminders on again", "")
                )
                continue
            self._run(outcome, ["launchctl", "bootout", f"{self._domain()}/{label}"], quiet=True)
            path.unlink(missing_ok=True)
            outcome.done.append(f"removed {path}")
        return outcome

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        """launchd has no one-off timer: an agent for that month, day and minute, which the
        `remind --later` it starts takes away again (remindcmd calls clear_later)."""
        outcome = Outcome()
        entry = _check_file(
            self._path(LAUNCHD_LATER_LABEL), "launchd agent", ("<key>ProgramArguments</key>",)
        )
        if entry is not None and entry.state != OURS:
            outcome.problems.append(_blocking(entry))
            return outcome
        when = now + delay
        times = [{"Month": when.month, "Day": when.day, "Hour": when.hour, "Minute": when.minute}]
        text = launchd_plist(LAUNCHD_LATER_LABEL, [*self.command, "remind", "--later"], times)
        self._load(outcome, LAUNCHD_LATER_LABEL, text)
        return outcome

    def clear_later(self) -> Outcome:
        outcome = Outcome()
        path = self._path(LAUNCHD_LATER_LABEL)
        entry = _check_file(path, "launchd agent", ("<key>ProgramArguments</key>",))
        if entry is not None and entry.state == OURS:
            self._run(
                outcome,
                ["launchctl", "bootout", f"{self._domain()}/{LAUNCHD_LATER_LABEL}"],
                quiet=True,
            )
            path.unlink(missing_ok=True)
        return outcome


# --------------------------------------------------------------- Windows: Task Scheduler
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
    name = "Task Scheduler"

    def _query(self, name: str) -> Entry | None:
        result = self.runner(["schtasks", "/Query", "/TN", name, "/XML"])
        if result.returncode != 0:
            return None  # no such task
        where = f"Task Scheduler: {name}"
        if MARKER not in result.stdout:
            return Entry("scheduled task", where, FOREIGN, "not created by BackStretch")
        return Entry("scheduled task", where, OURS, "registered")

    def entries(self) -> list[Entry]:
        found = [self._query(name) for name in (TASK_NAME, TASK_LATER_NAME)]
        return [entry for entry in found if entry is not None]

    def _create(self, outcome: Outcome, name: str, xml: str, file: str) -> None:
        path = self.paths.task_xml_dir / file
        # schtasks reads the XML from a file; it stays beside the settings to show and compare.
        _write(path, xml)
        outcome.done.append(f"wrote {path}")
        # /F replaces a task of that name: registering twice leaves one task.
        self._run(outcome, ["schtasks", "/Create", "/TN", name, "/XML", str(path), "/F"])

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        entry = self._query(TASK_NAME)
        if entry is not None and entry.state != OURS:
            outcome.problems.append(_blocking(entry))
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
                outcome.problems.append(
                    _blocking(entry).replace(" then turn reminders on again", "")
                )
                continue
            self._run(outcome, ["schtasks", "/Delete", "/TN", name, "/F"])
        return outcome

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        outcome = Outcome()
        entry = self._query(TASK_LATER_NAME)
        if entry is not None and entry.state != OURS:
            outcome.problems.append(_blocking(entry))
            return outcome
        xml = task_xml(once_trigger(now + delay), self.command, ["remind", "--later"])
        self._create(outcome, TASK_LATER_NAME, xml, "reminder-later-task.xml")
        return outcome


# ------------------------------------------------------------------------------ choosing
def has_systemd_user(runner: Runner) -> bool:
    """A systemd user instance answers `show-environment`; without one (a container, a
    distribution without systemd) it fails."""
    return runner(["systemctl", "--user", "show-environment"]).returncode == 0


def scheduler_for(
    paths: SchedulerPaths,
    *,
    runner: Runner = run_command,
    platform: str = sys.platform,
    command: Sequence[str] | None = None,
) -> Scheduler:
    command = remind_command() if command is None else command
    if platform == "win32":
        return TaskScheduler(paths, runner, command)
    if platform == "darwin":
        return LaunchdScheduler(paths, runner, command)
    if has_systemd_user(runner):
        return SystemdScheduler(paths, runner, command)
    return AutostartScheduler(paths, runner, command)
