"""`backstretch remind` and `backstretch reminders`, with the notification, the spawn and the
scheduler's runner replaced by recorders."""

from __future__ import annotations

import argparse
import io
from collections.abc import Sequence
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from backstretch.cli import build_parser
from backstretch.commands import reminders as remindcmd
from backstretch.core.log import open_log
from backstretch.core.paths import Paths, SchedulerPaths
from backstretch.core.practice import PracticePlan
from backstretch.core.settings import Settings, save_settings
from backstretch.desktop import scheduler as s
from backstretch.desktop.notify import Answer, NoNotificationService
from tests.log_samples import session
from tests.scheduler_fakes import FakeRunner

ZONE = timezone(timedelta(hours=1))
MONDAY_18 = datetime(2026, 11, 23, 18, 0, tzinfo=ZONE)
PLAN = PracticePlan(frozenset({0, 3}), time(18, 0), 3, True)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    found = Paths(tmp_path / "config", tmp_path / "data", tmp_path / "cache")
    save_settings(found.settings_file, Settings(plan=PLAN))
    return found


@pytest.fixture
def scheduler(tmp_path: Path) -> s.SystemdScheduler:
    where = SchedulerPaths(tmp_path / "su", tmp_path / "as", tmp_path / "la", tmp_path / "tx")
    return s.SystemdScheduler(where, FakeRunner(), ["/usr/bin/python3", "-m", "backstretch"])


class Recorder:
    def __init__(self, answer: Answer | Exception) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str, list[str]]] = []
        self.spawned: list[list[str]] = []

    def ask(self, title: str, body: str, keys: Sequence[str]) -> Answer:
        self.asked.append((title, body, list(keys)))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def spawn(self, argv: list[str]) -> None:
        self.spawned.append(argv)


def remind(paths: Paths, scheduler: s.Scheduler, recorder: Recorder, *argv: str, now=MONDAY_18):
    out = io.StringIO()
    args = build_parser().parse_args(["remind", *argv])
    code = remindcmd.run(
        args,
        paths,
        now=now,
        ask=recorder.ask,
        spawn=recorder.spawn,
        scheduler=scheduler,
        out=out,
        err=out,
    )
    return code, out.getvalue()


def answers(paths: Paths) -> list[str]:
    opened = open_log(paths.log_file, mark_interrupted=False)
    try:
        return [a for _, a in opened.log.reminder_answers()]
    finally:
        opened.log.close()


def test_start_now_spawns_the_app_with_start_and_is_logged(paths, scheduler) -> None:
    recorder = Recorder(Answer.START)
    code, _ = remind(paths, scheduler, recorder)
    assert code == 0
    assert recorder.asked == [
        (remindcmd.TITLE, "Planned today at 18:00 · 0 of 3 this week", ["start", "later", "skip"])
    ]
    assert recorder.spawned == [[*s.remind_command(), "--start", "--from-reminder"]]
    assert answers(paths) == ["start"]


def test_later_schedules_the_one_off_and_is_logged(paths, scheduler) -> None:
    remind(paths, scheduler, Recorder(Answer.LATER))
    runner = scheduler.runner
    assert isinstance(runner, FakeRunner)
    assert any(call[0] == "systemd-run" and "--on-active=30m" in call for call in runner.calls)
    assert answers(paths) == ["later"]


def test_not_today_is_logged_and_nothing_starts(paths, scheduler) -> None:
    recorder = Recorder(Answer.SKIP)
    remind(paths, scheduler, recorder)
    assert recorder.spawned == [] and answers(paths) == ["skip"]


def test_no_reminder_after_a_session_today(paths, scheduler) -> None:
    opened = open_log(paths.log_file)
    opened.log.add_sessions([session(MONDAY_18.date())])
    opened.log.close()
    recorder = Recorder(Answer.START)
    code, text = remind(paths, scheduler, recorder)
    assert code == 0 and recorder.asked == [] and "done today" in text
    assert answers(paths) == []


def test_no_reminder_on_a_day_not_planned_unless_it_was_put_off(paths, scheduler) -> None:
    tuesday = MONDAY_18 + timedelta(days=1)
    recorder = Recorder(Answer.SKIP)
    remind(paths, scheduler, recorder, now=tuesday)
    assert recorder.asked == []
    # "In 30 minutes" from 23:50 on Monday comes on Tuesday: it still reminds.
    remind(paths, scheduler, recorder, "--later", now=tuesday)
    assert len(recorder.asked) == 1


def test_reminders_off_means_no_reminder(paths, scheduler) -> None:
    save_settings(paths.settings_file, Settings(plan=PracticePlan(PLAN.days, PLAN.at, 3, False)))
    recorder = Recorder(Answer.START)
    code, text = remind(paths, scheduler, recorder)
    assert code == 0 and recorder.asked == [] and "off" in text


def test_without_a_notification_service_the_app_opens_on_its_start_view(paths, scheduler) -> None:
    recorder = Recorder(NoNotificationService("no session D-Bus"))
    code, text = remind(paths, scheduler, recorder)
    assert code == 0 and "opening BackStretch" in text
    assert recorder.spawned == [s.remind_command()]  # no --start: the start view
    assert answers(paths) == ["opened"]


def test_without_a_scheduler_for_later_the_button_is_not_offered(paths, tmp_path) -> None:
    where = SchedulerPaths(tmp_path / "su", tmp_path / "as", tmp_path / "la", tmp_path / "tx")
    fallback = s.AutostartScheduler(where, FakeRunner(), ["bs"])
    recorder = Recorder(Answer.SKIP)
    remind(paths, fallback, recorder, "--at-login")
    assert recorder.asked[0][2] == ["start", "skip"]


def run_reminders(paths: Paths, scheduler: s.Scheduler, action: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = argparse.Namespace(command="reminders", action=action)
    code = remindcmd.run(args, paths, now=MONDAY_18, scheduler=scheduler, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_reminders_install_show_remove(paths, scheduler) -> None:
    code, out, err = run_reminders(paths, scheduler, "install")
    assert code == 0, err
    assert f"wrote {scheduler.paths.systemd_user_dir / s.TIMER}" in out
    code, out, _ = run_reminders(paths, scheduler, "show")
    assert code == 0
    assert "Plan: Monday and Thursday at 18:00, 3 a week (reminders on)" in out
    assert "Next reminder: Thursday 2026-11-26 at 18:00" in out
    assert f"systemd user timer: {scheduler.paths.systemd_user_dir / s.TIMER}" in out
    assert "OnCalendar=Mon,Thu *-*-* 18:00:00" in out
    runner = scheduler.runner
    assert isinstance(runner, FakeRunner)
    assert ["systemctl", "--user", "is-enabled", s.TIMER] in runner.calls
    code, out, _ = run_reminders(paths, scheduler, "remove")
    assert code == 0 and "removed" in out
    _, out, _ = run_reminders(paths, scheduler, "show")
    assert "Registered with systemd:\n    nothing" in out


def test_show_reports_a_foreign_entry_and_exits_1(paths, scheduler) -> None:
    scheduler.paths.systemd_user_dir.mkdir(parents=True)
    (scheduler.paths.systemd_user_dir / s.TIMER).write_text("[Timer]\nOnCalendar=daily\n")
    code, out, _ = run_reminders(paths, scheduler, "show")
    assert code == 1 and "not changed: not written by BackStretch" in out


def test_install_with_reminders_off_says_how_to_turn_them_on(paths, scheduler) -> None:
    save_settings(paths.settings_file, Settings())
    code, _, err = run_reminders(paths, scheduler, "install")
    assert code == 2 and "Fix: turn them on in Settings, Plan" in err


def test_not_today_holds_for_the_rest_of_the_day(paths, scheduler) -> None:
    remind(paths, scheduler, Recorder(Answer.SKIP))
    again = Recorder(Answer.START)
    code, text = remind(paths, scheduler, again, "--later", now=MONDAY_18 + timedelta(hours=1))
    assert code == 0 and again.asked == [] and "not today" in text
    tomorrow = MONDAY_18 + timedelta(days=3)  # Thursday, planned
    remind(paths, scheduler, again, now=tomorrow)
    assert len(again.asked) == 1


def test_a_second_login_the_same_day_does_not_remind_again(paths, scheduler) -> None:
    first = Recorder(Answer.CLOSED)
    remind(paths, scheduler, first, "--at-login")
    second = Recorder(Answer.START)
    code, text = remind(paths, scheduler, second, "--at-login", now=MONDAY_18 + timedelta(hours=2))
    assert code == 0 and second.asked == [] and "Already reminded today" in text


def test_every_line_of_install_show_remove_goes_through_the_catalog(
    paths, scheduler, pseudo
) -> None:
    for action in ("install", "show", "remove"):
        code, out, err = run_reminders(paths, scheduler, action)
        assert code == 0, err
        lines = [line for line in (out + err).splitlines() if line.strip()]
        assert lines and [line for line in lines if "ẍ" not in line] == [], action
