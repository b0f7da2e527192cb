"""Test doubles shared by unit and GUI tests."""

from __future__ import annotations

from pathlib import Path

from backstretch.core.cues import load_cue_texts
from backstretch.core.plan import Plan, build_plan
from backstretch.core.problems import parse_toml
from backstretch.core.routines import Routine, parse_routine
from backstretch.core.stretches import load_library


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def routine_from_text(text: str, name: str = "test.toml") -> Routine:
    data = parse_toml(text.encode(), name)
    return parse_routine(data, load_library(), file=name)


# Engine tests care about the timings they write, not about how long reading the steps takes.
FAST_READER = 10_000  # words per minute


def plan_from_text(text: str) -> Plan:
    return build_plan(routine_from_text(text), load_cue_texts(), rate=FAST_READER)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# Pelvic Tilts only: prepare 5, hold 8, relax 2, hold 8 (countdowns in both holds).
TILTS_ROUTINE = """
name = "Tilts"
[timings]
prepare = 5
[[item]]
stretch = "pelvic-tilt"
hold = 8
repetitions = 2
relax = 2
"""

SHORT_ROUTINE = """
name = "Short"
[timings]
prepare = 5
switch = 3
rest = 4
[[item]]
stretch = "knee-to-chest"
hold = 10
[[item]]
stretch = "pelvic-tilt"
hold = 6
repetitions = 2
relax = 2
"""
