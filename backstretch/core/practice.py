"""The practice plan: which days, what time, how many sessions a week; when to remind next.

Pure functions of the plan and a wall clock handed in, so a test can stand anywhere in the
calendar (a DST change in Berlin, a week boundary in New York) without touching the real one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final

from backstretch.core.i18n import format_list, format_time, tr, weekday_name, weekday_names

DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_KEYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # as stored in settings
GOAL_LIMITS: Final = (1, 14)  # sessions a week: twice a day is the most any advice asks
SNOOZE: Final = timedelta(minutes=30)  # "In 30 minutes"
# How far ahead next_reminder looks: a week and a day covers every plan with a day in it.
_LOOKAHEAD_DAYS: Final = 8


@dataclass(frozen=True)
class PracticePlan:
    """What the person chose. `days` are date.weekday() numbers (0 is Monday). No days means
    no plan: nothing is shown and nothing is registered with the system."""

    days: frozenset[int] = frozenset()
    at: time = time(18, 0)
    weekly_goal: int = 3
    reminders: bool = False

    @property
    def active(self) -> bool:
        return bool(self.days)

    @property
    def reminding(self) -> bool:
        return self.reminders and self.active

    def planned_on(self, day: date) -> bool:
        return day.weekday() in self.days


def _local(day: date, at: time, zone: tzinfo) -> datetime:
    """`at` on `day` in `zone` as a real moment. A time skipped by a DST change (02:30 on the
    spring-forward night) comes out an hour later, as a clock that was not set forward would
    show it; a time that happens twice (autumn) is the first of the two (fold=0)."""
    naive = datetime.combine(day, at).replace(tzinfo=zone)
    return naive.astimezone(UTC).astimezone(zone)


def next_reminder(plan: PracticePlan, now: datetime, done_today: bool) -> datetime | None:
    """The next moment after `now` at which a reminder is due, in now's time zone; None when
    reminders are off or no day is planned. A session already done today skips today.

    Moments are compared in UTC: two aware datetimes with the same tzinfo compare by wall
    time in Python, which gets the repeated hour of an autumn DST change wrong."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("next_reminder needs an aware `now` (a time with its zone)")
    if not plan.reminding:
        return None
    zone = now.tzinfo
    today = now.date()
    for offset in range(_LOOKAHEAD_DAYS):
        day = today + timedelta(days=offset)
        if not plan.planned_on(day) or (offset == 0 and done_today):
            continue
        moment = _local(day, plan.at, zone)
        if moment.timestamp() > now.timestamp():
            return moment
    return None  # unreachable with a day planned; kept so a bad plan cannot loop


def local_zone() -> tzinfo:
    """The system's time zone as a zoneinfo zone where it can be named (so DST changes ahead
    are known), else the fixed offset it has now."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            link = os.readlink("/etc/localtime")
            name = link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else ""
        except OSError:
            name = ""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


@dataclass(frozen=True)
class WeekTally:
    """One week (Monday to Sunday) of sessions against the goal."""

    start: date
    sessions: int
    goal: int

    @property
    def met(self) -> bool:
        return self.sessions >= self.goal


def week_tallies(
    days: Mapping[date, int], today: date, goal: int, weeks: int = 8
) -> list[WeekTally]:
    """Sessions per week for the `weeks` weeks up to today's, oldest first. `days` is the log's
    sessions per local date that count (SessionLog.stretched_days: completed or a hold done)."""
    from backstretch.core.history import week_start  # the log's module: not at start-up

    first = week_start(today) - timedelta(weeks=weeks - 1)
    counts = [0] * weeks
    for day, count in days.items():
        index = (day - first).days // 7
        if 0 <= index < weeks and day <= today:
            counts[index] += count
    return [WeekTally(first + timedelta(weeks=i), counts[i], goal) for i in range(weeks)]


def clock_text(at: time) -> str:
    return format_time(at)


def days_text(days: frozenset[int]) -> str:
    """ "Monday, Wednesday and Friday"; "every day" for all seven."""
    if len(days) == 7:
        return tr("every day")
    names = weekday_names(short=False)
    return format_list([names[d] for d in sorted(days)])


def today_line(plan: PracticePlan, now: datetime, done_today: bool, this_week: int) -> str | None:
    """The start view's line: what the plan says about today, and the week so far.
    None without a plan (the start view then shows nothing)."""
    if not plan.active:
        return None
    week = tr("{done} of {goal} this week").format(done=this_week, goal=plan.weekly_goal)
    if done_today:
        today = tr("Done today")
    elif plan.planned_on(now.date()):
        today = tr("Planned today at {time}").format(time=clock_text(plan.at))
    else:
        upcoming = _next_planned_day(plan, now.date())
        today = tr("Next planned: {day} at {time}").format(
            day=weekday_name(upcoming), time=clock_text(plan.at)
        )
    return tr("{today} · {week}").format(today=today, week=week)


def _next_planned_day(plan: PracticePlan, today: date) -> date:
    for offset in range(1, _LOOKAHEAD_DAYS):
        day = today + timedelta(days=offset)
        if plan.planned_on(day):
            return day
    return today
