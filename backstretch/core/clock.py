"""The wall clock, in one place so it can be handed in (and replaced in tests) like the
monotonic clock the engine takes."""

from __future__ import annotations

from datetime import date, datetime


def wall_now() -> datetime:
    """Now, as an aware local time (what the log stores)."""
    return datetime.now().astimezone()


def today() -> date:
    """Today's local date."""
    return wall_now().date()
