"""The practice plan: the next reminder as a pure function of the plan and the wall clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backstretch.core.practice import (
    PracticePlan,
    days_text,
    next_reminder,
    today_line,
    week_tallies,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def plan(*days: int, at: time = time(18, 0), goal: int = 3, reminders: bool = True):
    return PracticePlan(frozenset(days), at, goal, reminders)


def test_later_today_when_the_time_has_not_come() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)  # a Monday
    assert next_reminder(plan(MON), now, done_today=False) == datetime(
        2026, 11, 23, 18, 0, tzinfo=BERLIN
    )


def test_done_today_skips_to_the_next_planned_day() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    got = next_reminder(plan(MON, WED), now, done_today=True)
    assert got == datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)


def test_exactly_at_the_time_means_the_next_one() -> None:
    # The timer fires at 18:00:00; a second `remind` at that moment must not see "now" again.
    now = datetime(2026, 11, 23, 18, 0, tzinfo=BERLIN)
    assert next_reminder(plan(MON), now, False) == datetime(2026, 11, 30, 18, 0, tzinfo=BERLIN)


def test_across_midnight() -> None:
    late = plan(MON, TUE, at=time(0, 15))
    now = datetime(2026, 11, 23, 23, 59, tzinfo=BERLIN)  # Monday, a minute to midnight
    assert next_reminder(late, now, False) == datetime(2026, 11, 24, 0, 15, tzinfo=BERLIN)


def test_across_the_week_boundary() -> None:
    now = datetime(2026, 11, 28, 20, 0, tzinfo=NEW_YORK)  # Saturday evening
    got = next_reminder(plan(MON), now, False)
    assert got == datetime(2026, 11, 30, 18, 0, tzinfo=NEW_YORK)


def test_a_single_day_a_week_after_it_has_passed_is_seven_days_on() -> None:
    now = datetime(2026, 11, 25, 19, 0, tzinfo=BERLIN)  # Wednesday after 18:00
    assert next_reminder(plan(WED), now, False) == datetime(2026, 12, 2, 18, 0, tzinfo=BERLIN)


def test_off_or_empty_plans_remind_never() -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    assert next_reminder(plan(MON, reminders=False), now, False) is None
    assert next_reminder(plan(), now, False) is None


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_reminder(plan(MON), datetime(2026, 11, 23, 9, 0), False)


def test_stays_on_the_wall_clock_across_spring_forward_in_berlin() -> None:
    # Clocks go from 02:00 to 03:00 on Sunday 29 March 2026: 18:00 stays 18:00 local,
    # which is 23 hours after 18:00 on Saturday.
    saturday = next_reminder(plan(SAT, SUN), datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), False)
    sunday = next_reminder(plan(SUN), datetime(2026, 3, 28, 19, 0, tzinfo=BERLIN), False)
    assert saturday is not None and sunday is not None
    assert (sunday.hour, sunday.minute, sunday.utcoffset()) == (18, 0, timedelta(hours=2))
    assert sunday.timestamp() - saturday.timestamp() == 23 * 3600


def test_a_time_skipped_by_spring_forward_comes_an_hour_later() -> None:
    # 02:30 does not exist in Berlin on 29 March 2026; the reminder comes at 03:30 CEST.
    got = next_reminder(
        plan(SUN, at=time(2, 30)), datetime(2026, 3, 29, 0, 0, tzinfo=BERLIN), False
    )
    assert got is not None
    assert got.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (got.hour, got.minute) == (3, 30)


def test_a_repeated_hour_in_autumn_reminds_once_at_the_first() -> None:
    # New York falls back at 02:00 on 1 November 2026: 01:30 happens twice.
    early = plan(SUN, at=time(1, 30))
    first = next_reminder(early, datetime(2026, 11, 1, 0, 0, tzinfo=NEW_YORK), False)
    assert first is not None and first.utcoffset() == timedelta(hours=-4)  # still EDT
    # During the second 01:10 (EST, fold=1) the 01:30 of that day has passed already (in EDT),
    # so the next one is a week later; compared by wall time it would wrongly be 20 minutes on.
    second_pass = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=NEW_YORK)
    got = next_reminder(early, second_pass, False)
    assert got is not None and got.date() == date(2026, 11, 8)


def test_the_zone_of_now_decides_the_day() -> None:
    # 23:30 Monday in New York is 05:30 Tuesday in Berlin: Tuesday 08:00 is due in both, but
    # each at its own 08:00, six hours apart.
    moment = datetime(2026, 11, 23, 23, 30, tzinfo=NEW_YORK)
    tuesday_morning = plan(TUE, at=time(8, 0))
    in_ny = next_reminder(tuesday_morning, moment, False)
    in_berlin = next_reminder(tuesday_morning, moment.astimezone(BERLIN), False)
    assert in_ny == datetime(2026, 11, 24, 8, 0, tzinfo=NEW_YORK)
    assert in_berlin == datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)
    assert in_ny is not None and in_berlin is not None
    assert in_ny.timestamp() - in_berlin.timestamp() == 6 * 3600


def test_fixed_offsets_work_too() -> None:
    zone = timezone(timedelta(hours=5, minutes=30))
    got = next_reminder(plan(MON), datetime(2026, 11, 23, 17, 0, tzinfo=zone), False)
    assert got == datetime(2026, 11, 23, 18, 0, tzinfo=zone)


@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK, UTC])
def test_every_answer_is_planned_later_and_at_the_time(zone) -> None:
    # A year of hourly clocks: the answer is always after now, on a planned day, at 18:00
    # local, and never more than a week on.
    days = plan(TUE, SAT)
    now = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
    for _ in range(0, 365 * 24, 7):
        local = now.astimezone(zone)
        got = next_reminder(days, local, False)
        assert got is not None
        assert got.timestamp() > local.timestamp()
        assert got.weekday() in (TUE, SAT) and (got.hour, got.minute) == (18, 0)
        assert got.timestamp() - local.timestamp() <= 7 * 86400 + 3600
        now += timedelta(hours=7)


def test_week_tallies_count_per_monday_week_against_the_goal() -> None:
    today = date(2026, 11, 26)  # Thursday
    days = {
        date(2026, 11, 23): 1,
        date(2026, 11, 25): 2,
        date(2026, 11, 22): 1,  # the Sunday before: last week
        date(2026, 11, 27): 5,  # tomorrow (a wrong clock once): not counted
        date(2025, 1, 1): 3,  # far outside the weeks shown
    }
    tallies = week_tallies(days, today, goal=3, weeks=3)
    assert [t.start for t in tallies] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert [t.sessions for t in tallies] == [0, 1, 3]
    assert [t.met for t in tallies] == [False, False, True]


def test_today_line() -> None:
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    weekly = plan(MON, THU, goal=4)
    assert today_line(weekly, monday, False, 3) == "Planned today at 18:00 · 3 of 4 this week"
    assert today_line(weekly, monday, True, 3) == "Done today · 3 of 4 this week"
    tuesday = monday + timedelta(days=1)
    assert (
        today_line(weekly, tuesday, False, 1)
        == "Next planned: Thursday at 18:00 · 1 of 4 this week"
    )
    # The line is there without reminders too: the plan is the plan.
    assert today_line(plan(MON, reminders=False), monday, False, 0) is not None
    assert today_line(plan(), monday, False, 0) is None


def test_days_text() -> None:
    assert days_text(frozenset({MON})) == "Monday"
    assert days_text(frozenset({MON, WED, FRI})) == "Monday, Wednesday and Friday"
    assert days_text(frozenset(range(7))) == "every day"
