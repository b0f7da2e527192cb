"""Linux: a systemd user timer and service, or an XDG autostart entry where systemd has no
user instance (a container, a distribution without systemd)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from backstretch.core.i18n import N_, tr
from backstretch.core.paths import SchedulerPaths
from backstretch.core.practice import DAY_NAMES, PracticePlan
from backstretch.desktop.scheduler.base import (
    AUTOSTART,
    AUTOSTART_ENTRY,
    LATER_UNIT,
    MARKER,
    OURS,
    SERVICE,
    SYSTEMD_SERVICE,
    SYSTEMD_TIMER,
    TIMER,
    Entry,
    Outcome,
    Scheduler,
    blocking,
    check_file,
    plan_summary,
    removed,
    write,
)


# ----------------------------------------------------------------------- systemd
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
    # The Description is what `systemctl --user list-timers` shows the person.
    description = tr("BackStretch practice reminder: {plan}").format(plan=plan_summary(plan))
    timer = (
        f"# {MARKER}\n"
        "[Unit]\n"
        f"Description={description}\n"
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
            TIMER: (folder / TIMER, SYSTEMD_TIMER, ("[Timer]", "OnCalendar=")),
            SERVICE: (folder / SERVICE, SYSTEMD_SERVICE, ("[Service]", "ExecStart=")),
        }

    def entries(self) -> list[Entry]:
        found = [check_file(path, what, need) for path, what, need in self._files().values()]
        found.append(_check_autostart(self.paths))
        return [entry for entry in found if entry is not None]

    def status(self) -> str:
        enabled = self.runner(["systemctl", "--user", "is-enabled", TIMER]).stdout.strip()
        active = self.runner(["systemctl", "--user", "is-active", TIMER]).stdout.strip()
        # systemctl's own words (enabled, active, ...), as it prints them.
        return tr("systemd says the timer is {enabled} and {active}").format(
            enabled=enabled or tr("unknown"), active=active or tr("unknown")
        )

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        # An autostart entry in the way is not systemd's: install replaces ours below.
        blocked = [e for e in self.entries() if e.state != OURS and e.what != AUTOSTART_ENTRY]
        if blocked:
            outcome.problems.extend(blocking(e) for e in blocked)
            return outcome
        for name, text in systemd_units(plan, self.command).items():
            write(self._files()[name][0], text, outcome)
        _remove_autostart(self.paths, outcome)  # one way of reminding, not two
        self._run(outcome, ["systemctl", "--user", "daemon-reload"])
        self._run(outcome, ["systemctl", "--user", "enable", "--now", TIMER])
        return outcome

    def remove(self) -> Outcome:
        outcome = Outcome()
        ours = []
        for path, what, need in self._files().values():
            entry = check_file(path, what, need)
            if entry is None:
                continue
            if entry.state == OURS:
                ours.append(path)
            else:
                outcome.problems.append(blocking(entry, removing=True))
        if ours:
            self._run(outcome, ["systemctl", "--user", "disable", "--now", TIMER], quiet=True)
            for path in ours:
                removed(path, outcome)
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


# ------------------------------------------------------------- XDG autostart fallback
_AUTOSTART_NEEDS = ("[Desktop Entry]", "Exec=")


def _check_autostart(paths: SchedulerPaths) -> Entry | None:
    return check_file(paths.autostart_dir / AUTOSTART, AUTOSTART_ENTRY, _AUTOSTART_NEEDS)


def _desktop_quote(word: str) -> str:
    """Exec= quoting (Desktop Entry Specification, "The Exec key")."""
    if word and not any(c in word for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return word
    inner = word.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return '"' + inner.replace("%", "%%") + '"'


def autostart_entry(plan: PracticePlan, command: Sequence[str]) -> str:
    exec_line = " ".join(_desktop_quote(w) for w in [*command, "remind", "--at-login"])
    # Name and Comment are what a desktop's list of start-up programs shows.
    name = tr("BackStretch reminder")
    comment = tr("Reminds you of your stretching plan: {plan}").format(plan=plan_summary(plan))
    return (
        "[Desktop Entry]\n"
        f"# {MARKER}\n"
        "Type=Application\n"
        f"Name={name}\n"
        f"Comment={comment}\n"
        f"Exec={exec_line}\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _remove_autostart(paths: SchedulerPaths, outcome: Outcome) -> None:
    entry = _check_autostart(paths)
    if entry is not None and entry.state == OURS:
        removed(paths.autostart_dir / AUTOSTART, outcome)


class AutostartScheduler(Scheduler):
    """No systemd user instance: remind once at login on a planned day (nothing can wait for
    the time without staying resident), and no "In 30 minutes"."""

    name = N_("XDG autostart (no systemd user instance here)")
    can_snooze = False

    def entries(self) -> list[Entry]:
        entry = _check_autostart(self.paths)
        return [] if entry is None else [entry]

    def install(self, plan: PracticePlan) -> Outcome:
        outcome = Outcome()
        blocked = [e for e in self.entries() if e.state != OURS]
        if blocked:
            outcome.problems.extend(blocking(e) for e in blocked)
            return outcome
        write(self.paths.autostart_dir / AUTOSTART, autostart_entry(plan, self.command), outcome)
        return outcome

    def remove(self) -> Outcome:
        outcome = Outcome()
        for entry in self.entries():
            if entry.state != OURS:
                outcome.problems.append(blocking(entry, removing=True))
        _remove_autostart(self.paths, outcome)
        return outcome

    def snooze(self, delay: timedelta, now: datetime) -> Outcome:
        return Outcome(problems=[tr("There is no scheduler here to remind you later.")])
