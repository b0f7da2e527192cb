"""What the log says over time: streaks, minutes and pain per week, per-stretch counts.

Every function that depends on the date takes `today`; nothing here reads the clock.

A day counts as "stretched" when a session that day was completed or had at least one hold done
(or extended): a session stopped after two good holds still counts, one opened and stopped at
once does not. The same rule decides which sessions count towards the weekly target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backstretch.core.log import COMPLETED, DONE_OUTCOMES, SessionRow, StretchCounts

WEEKS = 12  # the span of the calendar and the charts
WEEKLY_TARGET = 3  # sessions that make a week count for the weekly streak


def week_start(day: date) -> date:
    """The Monday of the week `day` is in (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def counts_for_streak(row: SessionRow) -> bool:
    return row.status == COMPLETED or row.tally.holds_done > 0


def stretched_days(sessions: Iterable[SessionRow]) -> Counter[date]:
    """Sessions that count, per local date (the date the person saw when they started)."""
    return Counter(row.started_at.date() for row in sessions if counts_for_streak(row))


def day_streak(days: Mapping[date, int], today: date) -> int:
    """Stretched days in a row up to today. Today not stretched yet does not break the streak:
    the day is not over, so the count runs back from yesterday."""
    day = today if days.get(today) else today - timedelta(days=1)
    streak = 0
    while days.get(day):
        streak += 1
        day -= timedelta(days=1)
    return streak


def week_streak(days: Mapping[date, int], today: date, target: int = WEEKLY_TARGET) -> int:
    """Weeks in a row (Monday to Sunday) with at least `target` sessions that count. Like
    today, the current week joins the streak once it has reached the target, and does not
    break it before it is over."""
    per_week: Counter[date] = Counter()
    for day, count in days.items():
        per_week[week_start(day)] += count
    week = week_start(today)
    if per_week[week] < target:
        week -= timedelta(weeks=1)
    streak = 0
    while per_week[week] >= max(target, 1):
        streak += 1
        week -= timedelta(weeks=1)
    return streak


@dataclass(frozen=True)
class WeekFigures:
    """One week of the charts: minutes stretched, sessions, average pain before and after."""

    start: date  # Monday
    minutes: float
    sessions: int
    pain_before: float | None
    pain_after: float | None


@dataclass(frozen=True)
class HistoryStats:
    """Everything the history window and the start view show, from one pass over the log."""

    today: date
    sessions: int
    total_minutes: float
    day_streak: int
    week_streak: int
    weekly_target: int
    days_stretched: frozenset[date]  # in the WEEKS weeks up to today
    weeks: tuple[WeekFigures, ...]  # WEEKS of them, oldest first, the current week last

    @property
    def first_day(self) -> date:
        """The first day of the calendar: a Monday, WEEKS - 1 weeks before this one's."""
        return self.weeks[0].start

    def streak_text(self) -> str | None:
        from backstretch.core.history.words import streak_text  # words builds on this module

        return streak_text(self.day_streak, self.week_streak, self.weekly_target)


def compute_stats(
    sessions: Iterable[SessionRow],
    today: date,
    weekly_target: int = WEEKLY_TARGET,
    weeks: int = WEEKS,
) -> HistoryStats:
    """One pass over the sessions (their tallies; holds are not needed)."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    minutes = [0.0] * weeks
    counted = [0] * weeks
    pain: list[tuple[list[int], list[int]]] = [([], []) for _ in range(weeks)]
    days: Counter[date] = Counter()
    total_s = 0.0
    number = 0
    for row in sessions:
        number += 1
        day = row.started_at.date()
        seconds = row.seconds
        total_s += seconds
        counts = counts_for_streak(row)
        if counts:
            days[day] += 1
        if first <= day <= today:
            week = (day - first).days // 7
            minutes[week] += seconds / 60
            counted[week] += counts
            if row.pain_before is not None:
                pain[week][0].append(row.pain_before)
            if row.pain_after is not None:
                pain[week][1].append(row.pain_after)
    figures = tuple(
        WeekFigures(
            first + timedelta(weeks=n),
            round(minutes[n], 3),
            counted[n],
            _mean(pain[n][0]),
            _mean(pain[n][1]),
        )
        for n in range(weeks)
    )
    return HistoryStats(
        today=today,
        sessions=number,
        total_minutes=round(total_s / 60, 3),
        day_streak=day_streak(days, today),
        week_streak=week_streak(days, today, weekly_target),
        weekly_target=weekly_target,
        days_stretched=frozenset(d for d in days if first <= d <= today),
        weeks=figures,
    )


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def stretch_counts(sessions: Iterable[SessionRow]) -> dict[str, StretchCounts]:
    """Per stretch id: done, skipped, stopped for pain, once per stretch of each session (the
    rule of log.Tally). The same figures as SessionLog.stretch_counts, from holds in memory."""
    found: dict[str, list[int]] = {}
    for row in sessions:
        items: dict[int, tuple[str, set[str]]] = {}
        for hold in row.holds:
            items.setdefault(hold.item, (hold.stretch, set()))[1].add(hold.outcome)
        for stretch, outcomes in items.values():
            counts = found.setdefault(stretch, [0, 0, 0])
            if "pain" in outcomes:
                counts[2] += 1
            elif outcomes <= DONE_OUTCOMES:
                counts[0] += 1
            else:
                counts[1] += 1
    return {stretch: StretchCounts(*counts) for stretch, counts in found.items()}
