"""Small texts the history views share: when a session started, a lifetime total, a short date."""

from __future__ import annotations

from datetime import date, datetime

from backstretch.core.i18n import format_date, format_day_month, format_time, ntr, tr, weekday_name
from backstretch.core.log import SessionRow


def when_text(row: SessionRow) -> str:
    """ "Mon 4 Mar 2024, 09:12": when the session started."""
    return moment_text(row.started_at)


def moment_text(moment: datetime) -> str:
    """ "Mon 4 Mar 2024, 09:12", in the language's names and order."""
    return tr("{weekday} {date}, {time}").format(
        weekday=weekday_name(moment.date(), short=True),
        date=format_date(moment.date(), short=True),
        time=format_time(moment),
    )


def total_text(minutes: float) -> str:
    """ "45 min", "2 h 5 min", "476 hours": a lifetime total, not a stopwatch."""
    whole = round(minutes)
    if whole < 60:
        return tr("{minutes} min").format(minutes=whole)
    hours, rest = divmod(whole, 60)
    if hours >= 10:
        rounded = round(minutes / 60)
        return ntr("{hours} hour", "{hours} hours", rounded).format(hours=rounded)
    if rest:
        return tr("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    return tr("{hours} h").format(hours=hours)


def short_date(day: date) -> str:
    """ "4 Mar": the label of a week or a day in the charts and the calendar."""
    return format_day_month(day, short=True)
