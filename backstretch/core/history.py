"""What the log says over time: streaks, minutes and pain per week, per-stretch counts, exports.

Every function that depends on the date takes `today`; nothing here reads the clock.

A day counts as "stretched" when a session that day was completed or had at least one hold done
(or extended): a session stopped after two good holds still counts, one opened and stopped at
once does not. The same rule decides which sessions count towards the weekly target.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from backstretch.core.log import (
    COMPLETED,
    DONE_OUTCOMES,
    HoldRow,
    SessionLog,
    SessionRow,
    StretchCounts,
)

WEEKS = 12  # the span of the calendar and the charts
WEEKLY_TARGET = 3  # sessions that make a week count for the weekly streak
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


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


# ---------------------------------------------------------------------- sentences
def minutes_text(seconds: float) -> str:
    """Whole minutes, the way a person says how long they stretched."""
    if seconds < 30:
        return "less than a minute"
    return f"{max(1, round(seconds / 60))} min"


def day_text(day: date, today: date) -> str:
    """ "today", "yesterday", a weekday within the last week, else the date."""
    ago = (today - day).days
    if ago == 0:
        return "today"
    if ago == 1:
        return "yesterday"
    if 1 < ago < 7:
        return WEEKDAYS[day.weekday()]
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


_ENDINGS = {"stopped": " (ended early)", "interrupted": " (cut off)", "in_progress": ""}


def last_session_text(row: SessionRow | None, today: date) -> str | None:
    """For the start view: "Last session: yesterday, 9 min." None before the first session."""
    if row is None:
        return None
    when = day_text(row.started_at.date(), today)
    return f"Last session: {when}, {minutes_text(row.seconds)}{_ENDINGS.get(row.status, '')}."


def streak_parts(days: int, weeks: int, target: int = WEEKLY_TARGET) -> list[str]:
    """["5 days in a row", "2 weeks in a row with 3 or more sessions"], or fewer: a single
    day is not a streak, and no streak is simply not mentioned (no nagging about a gap)."""
    parts = []
    if days >= 2:
        parts.append(f"{days} days in a row")
    if weeks >= 1:
        week_words = "1 week" if weeks == 1 else f"{weeks} weeks in a row"
        parts.append(f"{week_words} with {target} or more sessions")
    return parts


def streak_text(days: int, weeks: int, target: int = WEEKLY_TARGET) -> str | None:
    """For the start view: "Stretched 5 days in a row; 1 week with 3 or more sessions."."""
    parts = streak_parts(days, weeks, target)
    return "Stretched " + "; ".join(parts) + "." if parts else None


def start_view_text(
    session_log: SessionLog, today: date, weekly_target: int = WEEKLY_TARGET
) -> str | None:
    """The start view's line: "Last session: yesterday, 9 min. Stretched 5 days in a row."
    None before the first session. Two small queries, whatever the size of the log."""
    last = last_session_text(session_log.last_session(), today)
    if last is None:
        return None
    days = session_log.stretched_days()
    streak = streak_text(day_streak(days, today), week_streak(days, today, weekly_target))
    return f"{last} {streak}" if streak else last


def interrupted_text(count: int) -> str | None:
    """The notice for sessions found cut off at start-up (the app had closed mid-session)."""
    if count <= 0:
        return None
    which = "Your last session was" if count == 1 else f"{count} sessions were"
    return f"{which} cut off when the app closed; the holds you finished are kept in your history."


def pain_text(before: int | None, after: int | None, arrow: str = "→", missing: str = "–") -> str:
    """ "6 → 4", "6 → –" when only one was given, "" when neither."""
    if before is None and after is None:
        return ""
    return f"{missing if before is None else before} {arrow} {missing if after is None else after}"


# ---------------------------------------------------------------------- exports
CSV_COLUMNS = (
    "session_id",
    "started_at",
    "ended_at",
    "routine_id",
    "routine",
    "status",
    "planned_s",
    "active_s",
    "pain_before",
    "pain_after",
    "note",
    "item",
    "stretch",
    "side",
    "rep",
    "hold_planned_s",
    "held_s",
    "outcome",
    "variant",
)
# What to_csv wrote before holds had a variant: such a file reads as all usual forms.
_CSV_COLUMNS_1 = CSV_COLUMNS[:-1]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return str(value)


def to_csv(sessions: Iterable[SessionRow]) -> str:
    """One row per hold with its session's columns repeated; a session without holds still
    gets one row (empty hold columns). Empty cells mean "none"."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    no_hold = [""] * len(HoldRow._fields)
    for row in sessions:
        cells = [
            _text(value)
            for value in (
                row.id,
                row.started_at,
                row.ended_at,
                row.routine_id,
                row.routine,
                row.status,
                row.planned_s,
                row.active_s,
                row.pain_before,
                row.pain_after,
                row.note,
            )
        ]
        # The csv module writes None as an empty cell and numbers as str() does.
        writer.writerows([cells + list(hold) for hold in row.holds] or [cells + no_hold])
    return out.getvalue()


def _float(text: str) -> float | None:
    return float(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def parse_csv(text: str) -> list[SessionRow]:
    """Read back what to_csv wrote (for the round-trip test and a future import)."""
    import csv
    import io

    rows = csv.DictReader(io.StringIO(text, newline=""))  # a note may hold line breaks
    if tuple(rows.fieldnames or ()) not in (CSV_COLUMNS, _CSV_COLUMNS_1):
        raise ValueError(f"not a BackStretch history CSV: columns {rows.fieldnames}")
    sessions: dict[int, tuple[dict[str, str], list[HoldRow]]] = {}
    for record in rows:
        session_id = int(record["session_id"])
        _first, holds = sessions.setdefault(session_id, (record, []))
        if record["stretch"]:
            holds.append(
                HoldRow(
                    int(record["item"]),
                    record["stretch"],
                    record["side"] or None,
                    _int(record["rep"]),
                    float(record["hold_planned_s"]),
                    float(record["held_s"]),
                    record["outcome"],
                    record.get("variant") or "usual",
                )
            )
    return [
        SessionRow(
            session_id,
            datetime.fromisoformat(first["started_at"]),
            datetime.fromisoformat(first["ended_at"]) if first["ended_at"] else None,
            first["routine_id"],
            first["routine"],
            first["status"],
            float(first["planned_s"]),
            _float(first["active_s"]),
            _int(first["pain_before"]),
            _int(first["pain_after"]),
            first["note"],
            tuple(holds),
        )
        for session_id, (first, holds) in sessions.items()
    ]


def session_json(row: SessionRow) -> dict[str, Any]:
    """The export format of the issue: these keys and no others."""
    return {
        "id": row.id,
        "started_at": _text(row.started_at),
        "ended_at": _text(row.ended_at) or None,
        "routine": row.routine,
        "status": row.status,
        "planned_s": row.planned_s,
        "active_s": row.active_s,
        "pain_before": row.pain_before,
        "pain_after": row.pain_after,
        "note": row.note,
        "holds": [
            {
                "stretch": hold.stretch,
                "side": hold.side,
                "rep": hold.rep,
                "planned_s": hold.planned_s,
                "held_s": hold.held_s,
                "outcome": hold.outcome,
                "variant": hold.variant,
            }
            for hold in row.holds
        ],
    }


def to_json(sessions: Iterable[SessionRow]) -> str:
    import json

    return json.dumps([session_json(row) for row in sessions], indent=2, ensure_ascii=False)


def parse_json(text: str) -> list[SessionRow]:
    """Read back what to_json wrote. The JSON has no routine id and no item numbers: holds of
    the same stretch in a row are taken as one item, which is what a routine does."""
    import json

    rows = []
    for data in json.loads(text):
        holds = []
        item = -1
        previous = None
        for hold in data["holds"]:
            if hold["stretch"] != previous:
                item += 1
                previous = hold["stretch"]
            holds.append(
                HoldRow(
                    item,
                    hold["stretch"],
                    hold["side"],
                    hold["rep"],
                    float(hold["planned_s"]),
                    float(hold["held_s"]),
                    hold["outcome"],
                    hold.get("variant", "usual"),
                )
            )
        rows.append(
            SessionRow(
                int(data["id"]),
                datetime.fromisoformat(data["started_at"]),
                datetime.fromisoformat(data["ended_at"]) if data["ended_at"] else None,
                "",
                data["routine"],
                data["status"],
                float(data["planned_s"]),
                None if data["active_s"] is None else float(data["active_s"]),
                data["pain_before"],
                data["pain_after"],
                data["note"],
                tuple(holds),
            )
        )
    return rows
