"""The practice plan registered with the system's own scheduler, so nothing of ours stays resident.

Linux: a systemd user timer and service (an XDG autostart entry where there is no systemd user
instance), in linux.py; Windows: a Task Scheduler task from XML, in windows.py; macOS: a launchd
agent, in macos.py. Each runs `backstretch remind` at the planned times. Every file we write
carries MARKER; a file in our place without it (someone else's) or one we cannot read is
reported and left as it is.

Commands go through an injected runner, so unit tests check the exact commands and files.
Only the Linux path has been run for real; Windows and macOS are tested for what they write
and the commands they give. Import from here: this module picks the scheduler for the system.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from backstretch.core.paths import SchedulerPaths
from backstretch.desktop.scheduler.base import (
    AUTOSTART,
    CORRUPT,
    FOREIGN,
    LATER_UNIT,
    LAUNCHD_LABEL,
    LAUNCHD_LATER_LABEL,
    MARKER,
    OURS,
    SERVICE,
    TASK_LATER_NAME,
    TASK_NAME,
    TIMER,
    Entry,
    Outcome,
    Ran,
    Runner,
    Scheduler,
    plan_summary,
    remind_command,
    run_command,
)
from backstretch.desktop.scheduler.linux import (
    AutostartScheduler,
    SystemdScheduler,
    autostart_entry,
    on_calendar,
    systemd_units,
)
from backstretch.desktop.scheduler.macos import LaunchdScheduler, launchd_plist
from backstretch.desktop.scheduler.windows import (
    TaskScheduler,
    once_trigger,
    task_xml,
    weekly_trigger,
)

__all__ = [
    "AUTOSTART",
    "CORRUPT",
    "FOREIGN",
    "LATER_UNIT",
    "LAUNCHD_LABEL",
    "LAUNCHD_LATER_LABEL",
    "MARKER",
    "OURS",
    "SERVICE",
    "TASK_LATER_NAME",
    "TASK_NAME",
    "TIMER",
    "AutostartScheduler",
    "Entry",
    "LaunchdScheduler",
    "Outcome",
    "Ran",
    "Runner",
    "Scheduler",
    "SystemdScheduler",
    "TaskScheduler",
    "autostart_entry",
    "has_systemd_user",
    "launchd_plist",
    "on_calendar",
    "once_trigger",
    "plan_summary",
    "remind_command",
    "run_command",
    "scheduler_for",
    "systemd_units",
    "task_xml",
    "weekly_trigger",
]


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
