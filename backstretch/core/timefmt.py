"""How durations read to a person: "45 s", "9 min 50 s", and the countdown "1:05"."""

from __future__ import annotations

import math

from backstretch.core.i18n import catalog_text, format_number


def duration_text(seconds: float) -> str:
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    # catalog_text: a duration sits inside sentences ("1 of 5 · {left} left") that pseudo mode
    # already grows.
    m, s = format_number(minutes), format_number(secs)
    if minutes == 0:
        return catalog_text("{s} s").format(s=s)
    if secs == 0:
        return catalog_text("{m} min").format(m=m)
    return catalog_text("{m} min {s} s").format(m=m, s=s)


def countdown_text(seconds: float) -> str:
    """Whole seconds rounded up, so a 60 s hold shows 60 at its start and 1 in its last second."""
    whole = max(0, math.ceil(seconds - 1e-6))
    if whole < 60:
        return format_number(whole)
    # A clock face, "1:05", reads the same in every language the app speaks.
    return f"{whole // 60}:{whole % 60:02d}"
