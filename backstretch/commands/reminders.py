"""`backstretch remind` (what the system's scheduler runs) and `backstretch reminders`.

`remind` shows one reminder and exits: nothing of BackStretch stays running between reminders.
Neither command imports Qt; "Start now" starts the app as a separate process, which hands the
start to a running BackStretch through the single-instance socket when there is one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from backstretch.commands.exitcodes import ExitCode
from backstretch.core.i18n import N_, tr, weekday_name
from backstretch.core.paths import Paths

if TYPE_CHECKING:
    from datetime import datetime

    from backstretch.desktop.notify import Answer
    from backstretch.desktop.scheduler import Scheduler

COMMANDS = ("remind", "reminders")
TITLE = N_("Time for your stretches")

Ask = Callable[[str, str, Sequence[str]], "Answer"]
Spawn = Callable[[list[str]], None]


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    remind = subparsers.add_parser(
        "remind",
        help=tr("show today's practice reminder (the system's scheduler runs this)"),
        description=tr(
            "Show one reminder if today is planned and no session was done yet, then exit."
        ),
    )
    when = remind.add_mutually_exclusive_group()
    when.add_argument("--at-login", action="store_true", help=argparse.SUPPRESS)
    when.add_argument("--later", action="store_true", help=argparse.SUPPRESS)
    reminders = subparsers.add_parser(
        "reminders",
        help=tr("show, install or remove the reminders registered with the system"),
        description=tr("What BackStretch has registered with the system's scheduler, and where."),
    )
    reminders.add_argument(
        "action", choices=("show", "install", "remove"), nargs="?", default="show"
    )


def spawn_detached(argv: list[str]) -> None:
    """Start the app on its own: it outlives this short command."""
    import subprocess  # only when a reminder starts the app: the command line stays light

    subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _scheduler() -> Scheduler:
    from backstretch.core.paths import scheduler_paths
    from backstretch.desktop.scheduler import scheduler_for

    return scheduler_for(scheduler_paths())


def run(
    args: argparse.Namespace,
    paths: Paths,
    *,
    now: datetime | None = None,
    ask: Ask | None = None,
    spawn: Spawn = spawn_detached,
    scheduler: Scheduler | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if args.command == "remind":
        return remind(
            paths,
            at_login=args.at_login,
            later=args.later,
            now=now,
            ask=ask,
            spawn=spawn,
            scheduler=scheduler,
            out=out,
        )
    return reminders(args.action, paths, now=now, scheduler=scheduler, out=out, err=err)


def remind(
    paths: Paths,
    *,
    at_login: bool = False,
    later: bool = False,
    now: datetime | None = None,
    ask: Ask | None = None,
    spawn: Spawn = spawn_detached,
    scheduler: Scheduler | None = None,
    out: TextIO,
) -> int:
    """One reminder, its answer carried out and logged. at_login (the autostart fallback)
    reminds on a planned day whatever the time; later (the 30-minute one-off) on any day."""
    from datetime import datetime

    from backstretch.core.history import week_start
    from backstretch.core.log import open_log
    from backstretch.core.practice import SNOOZE, local_zone, today_line
    from backstretch.core.settings import load_settings
    from backstretch.desktop.notify import Answer, NoNotificationService
    from backstretch.desktop.scheduler import LaunchdScheduler, remind_command

    now = now or datetime.now(local_zone())
    plan = load_settings(paths.settings_file, set_aside=False).settings.plan
    if not plan.reminding:
        print(tr("Reminders are off: nothing to do."), file=out)
        return ExitCode.OK
    scheduler = scheduler or _scheduler()
    if later and isinstance(scheduler, LaunchdScheduler):
        scheduler.clear_later()  # launchd's one-off is an agent that would come back in a year
    opened = open_log(paths.log_file, mark_interrupted=False)
    session_log = opened.log
    try:
        days = session_log.stretched_days()
        today = now.date()
        done_today = days.get(today, 0) > 0
        if done_today:
            print(tr("A session was done today: no reminder."), file=out)
            return ExitCode.OK
        if not later and not plan.planned_on(today):
            print(tr("Today is not a planned day: no reminder."), file=out)
            return ExitCode.OK
        answered = [answer for _, answer in session_log.reminder_answers(today)]
        if "skip" in answered:
            print(tr("You said not today: no reminder."), file=out)
            return ExitCode.OK
        if at_login and answered:
            # Logging in again the same day: one reminder a day is enough.
            print(tr("Already reminded today: no reminder."), file=out)
            return ExitCode.OK
        this_week = sum(n for d, n in days.items() if week_start(d) == week_start(today))
        body = today_line(plan, now, False, this_week) or ""
        keys = ["start", "later", "skip"] if scheduler.can_snooze else ["start", "skip"]
        app = remind_command()
        try:
            if ask is None:
                from backstretch.desktop.notify import ask as notify_ask

                answer = notify_ask(tr(TITLE), body, keys)
            else:
                answer = ask(tr(TITLE), body, keys)
        except NoNotificationService as why:
            # No notification service (Windows, macOS, a bare X session): the app itself is
            # the reminder, opened on its start view, which says what the plan says today.
            print(
                tr("No notifications here ({why}): opening BackStretch instead.").format(why=why),
                file=out,
            )
            spawn(app)
            session_log.record_reminder("opened", now)
            return ExitCode.OK
        if answer is Answer.START:
            # Hands over to a running BackStretch, or opens one; either starts the chosen
            # routine the way the Start button does, pain check included.
            spawn([*app, "--start", "--from-reminder"])
        elif answer is Answer.LATER:
            outcome = scheduler.snooze(SNOOZE, now)
            for problem in outcome.problems:
                print(problem, file=out)
        session_log.record_reminder(answer.value, now)
        # The answer's code, as the log stores it (a script may read it).
        print(tr("Answer: {answer}.").format(answer=answer.value), file=out)
        return ExitCode.OK
    finally:
        session_log.close()


def reminders(
    action: str,
    paths: Paths,
    *,
    now: datetime | None = None,
    scheduler: Scheduler | None = None,
    out: TextIO,
    err: TextIO,
) -> int:
    from backstretch.core.practice import clock_text, local_zone, next_reminder
    from backstretch.core.settings import load_settings
    from backstretch.desktop.scheduler import plan_summary

    loaded = load_settings(paths.settings_file, set_aside=False)
    if loaded.notice:
        print(loaded.notice, file=err)
    plan = loaded.settings.plan
    scheduler = scheduler or _scheduler()
    if action == "install":
        if not plan.reminding:
            print(
                tr(
                    "Reminders are off in your plan, so nothing was installed. Fix: turn them on "
                    "in Settings, Plan (or set reminders = true under [plan] in {file})."
                ).format(file=paths.settings_file),
                file=err,
            )
            return ExitCode.BAD_INPUT
        outcome = scheduler.install(plan)
    elif action == "remove":
        outcome = scheduler.remove()
    else:
        from datetime import datetime

        now = now or datetime.now(local_zone())
        if plan.active:
            if plan.reminders:
                line = tr("Plan: {days}, {goal} a week (reminders on)")
            else:
                line = tr("Plan: {days}, {goal} a week (reminders off)")
            print(line.format(days=plan_summary(plan), goal=plan.weekly_goal), file=out)
            upcoming = next_reminder(plan, now, done_today=False)
            if upcoming is not None:
                print(
                    tr("Next reminder: {weekday} {date} at {time}").format(
                        weekday=weekday_name(upcoming.date()),
                        date=upcoming.date().isoformat(),
                        time=clock_text(upcoming.time()),
                    ),
                    file=out,
                )
        else:
            print(tr("Plan: none (choose days in Settings, Plan)"), file=out)
        entries = scheduler.entries()
        print(tr("Registered with {scheduler}:").format(scheduler=tr(scheduler.name)), file=out)
        if not entries:
            print("    " + tr("nothing"), file=out)
        for entry in entries:
            print("  " + entry.line().replace("\n", "\n  "), file=out)
        status = scheduler.status() if entries else None
        if status:
            print(f"  {status}", file=out)
        return ExitCode.OK if all(e.state == "ours" for e in entries) else ExitCode.ERROR
    for line in outcome.done:
        print(line, file=out)
    for problem in outcome.problems:
        print(problem, file=err)
    return ExitCode.OK if outcome.ok else ExitCode.ERROR
