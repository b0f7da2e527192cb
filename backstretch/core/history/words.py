"""The history in words: status words, durations, days, streaks, for the start view, the
history window and `backstretch log` alike (one spelling of each, through the catalog)."""

from __future__ import annotations

from datetime import date
from typing import Final

from backstretch.core.history.stats import WEEKLY_TARGET, day_streak, week_streak
from backstretch.core.i18n import N_, format_date, format_day_month, ntr, tr, weekday_name
from backstretch.core.log import (
    COMPLETED,
    IN_PROGRESS,
    INTERRUPTED,
    STOPPED,
    SessionLog,
    SessionRow,
)
from backstretch.core.log.rows import Tally

# A session's status, by its stored code. The words inside a sentence or a listing ...
STATUS_WORDS: Final = {
    COMPLETED: N_("completed"),
    STOPPED: N_("ended early"),
    INTERRUPTED: N_("cut off"),
    IN_PROGRESS: N_("running"),
}
# ... and the same words where they stand alone, as a table's cell: a language may change more
# than the first letter, so they are messages of their own.
STATUS_LABELS: Final = {
    COMPLETED: N_("Completed"),
    STOPPED: N_("Ended early"),
    INTERRUPTED: N_("Cut off"),
    IN_PROGRESS: N_("Running"),
}


def status_word(status: str) -> str:
    """ "ended early": the status inside a sentence (an unknown code is shown as it is)."""
    word = STATUS_WORDS.get(status)
    return status if word is None else tr(word)


def status_label(status: str) -> str:
    """ "Ended early": the status on its own, as a table cell."""
    label = STATUS_LABELS.get(status)
    return status if label is None else tr(label)


def stretches_text(tally: Tally) -> str:
    """ "4 done, 1 skipped, 1 hurt": what became of a session's stretches (none left out but
    done; zero skipped or hurt is not mentioned)."""
    # Plurals even where English has one form: "1 hecho", "2 hechos".
    done, skipped, pain = tally.stretches_done, tally.stretches_skipped, tally.stretches_pain
    parts = [ntr("{n} done", "{n} done", done).format(n=done)]
    if skipped:
        parts.append(ntr("{n} skipped", "{n} skipped", skipped).format(n=skipped))
    if pain:
        parts.append(ntr("{n} hurt", "{n} hurt", pain).format(n=pain))
    return ", ".join(parts)


def minutes_text(seconds: float) -> str:
    """Whole minutes, the way a person says how long they stretched."""
    if seconds < 30:
        return tr("less than a minute")
    return tr("{minutes} min").format(minutes=max(1, round(seconds / 60)))


def day_text(day: date, today: date) -> str:
    """ "today", "yesterday", a weekday within the last week, else the date."""
    ago = (today - day).days
    if ago == 0:
        return tr("today")
    if ago == 1:
        return tr("yesterday")
    if 1 < ago < 7:
        return weekday_name(day)
    return format_day_month(day) if day.year == today.year else format_date(day)


def last_session_text(row: SessionRow | None, today: date) -> str | None:
    """For the start view: "Last session: yesterday, 9 min." None before the first session."""
    if row is None:
        return None
    when = day_text(row.started_at.date(), today)
    duration = minutes_text(row.seconds)
    if row.status in (STOPPED, INTERRUPTED):
        return tr("Last session: {day}, {duration} ({status}).").format(
            day=when, duration=duration, status=status_word(row.status)
        )
    return tr("Last session: {day}, {duration}.").format(day=when, duration=duration)


def streak_parts(days: int, weeks: int, target: int = WEEKLY_TARGET) -> list[str]:
    """["5 days in a row", "2 weeks in a row with 3 or more sessions"], or fewer: a single
    day is not a streak, and no streak is simply not mentioned (no nagging about a gap)."""
    parts = []
    if days >= 2:
        parts.append(ntr("{days} day in a row", "{days} days in a row", days).format(days=days))
    if weeks == 1:
        parts.append(tr("1 week with {target} or more sessions").format(target=target))
    elif weeks > 1:
        parts.append(
            ntr(
                "{weeks} week in a row with {target} or more sessions",
                "{weeks} weeks in a row with {target} or more sessions",
                weeks,
            ).format(weeks=weeks, target=target)
        )
    return parts


def streak_text(days: int, weeks: int, target: int = WEEKLY_TARGET) -> str | None:
    """For the start view: "Stretched 5 days in a row; 1 week with 3 or more sessions."."""
    parts = streak_parts(days, weeks, target)
    return tr("Stretched {streaks}.").format(streaks="; ".join(parts)) if parts else None


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
    return f"{last} {streak}" if streak else last  # two sentences, side by side


def interrupted_text(count: int) -> str | None:
    """The notice for sessions found cut off at start-up (the app had closed mid-session)."""
    if count <= 0:
        return None
    if count == 1:
        return tr(
            "Your last session was cut off when the app closed; the holds you finished are "
            "kept in your history."
        )
    return ntr(
        "{count} session was cut off when the app closed; the holds you finished are kept "
        "in your history.",
        "{count} sessions were cut off when the app closed; the holds you finished are kept "
        "in your history.",
        count,
    ).format(count=count)


def pain_text(before: int | None, after: int | None, arrow: str = "→", missing: str = "–") -> str:
    """ "6 → 4", "6 → –" when only one was given, "" when neither (figures and signs only)."""
    if before is None and after is None:
        return ""
    return f"{missing if before is None else before} {arrow} {missing if after is None else after}"
