"""The wall clock, handed in like the monotonic one so a test can say what day it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

Wall = Callable[[], datetime]


def wall_now() -> datetime:
    """Now, as an aware local time (what the log stores and the history shows)."""
    return datetime.now().astimezone()


def today() -> date:
    return datetime.now().date()
