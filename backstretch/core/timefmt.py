"""How durations read to a person: "45 s", "9 min 50 s", and the countdown "1:05"."""

from __future__ import annotations

import math


def duration_text(seconds: float) -> str:
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return f"{secs} s"
    return f"{minutes} min" if secs == 0 else f"{minutes} min {secs} s"


def countdown_text(seconds: float) -> str:
    """Whole seconds rounded up, so a 60 s hold shows 60 at its start and 1 in its last second."""
    whole = max(0, math.ceil(seconds - 1e-6))
    if whole < 60:
        return str(whole)
    return f"{whole // 60}:{whole % 60:02d}"
