"""Session log test data: aware local times, holds, whole sessions, and a filled log file."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from backstretch.core.engine import HoldOutcome, HoldRecord
from backstretch.core.log import HoldRow, SessionLog, SessionRow, open_log
from backstretch.core.stretches import Side

# A fixed offset, so the tests mean the same on any machine whatever its time zone.
TZ = timezone(timedelta(hours=1))
TODAY = date(2024, 3, 14)  # a Thursday


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def record(
    item: int = 0,
    stretch: str = "knee-to-chest",
    side: Side | None = Side.RIGHT,
    outcome: HoldOutcome = HoldOutcome.DONE,
    held: float = 30.0,
    rep: int | None = None,
) -> HoldRecord:
    return HoldRecord(item, stretch, side, rep, 30.0, held, outcome)


def holds(*outcomes: str, stretch: str = "knee-to-chest") -> tuple[HoldRow, ...]:
    """One hold per outcome, each its own item."""
    return tuple(
        HoldRow(n, stretch, None, None, 30.0, 30.0 if o in ("done", "extended") else 5.0, o)
        for n, o in enumerate(outcomes)
    )


def session(
    day: date,
    *,
    hour: int = 8,
    status: str = "completed",
    minutes: float = 8.0,
    pain: tuple[int | None, int | None] = (None, None),
    note: str = "",
    hold_rows: tuple[HoldRow, ...] | None = None,
    routine: str = "Lower back relief",
) -> SessionRow:
    started = at(day, hour)
    ended = None if status in ("in_progress", "interrupted") else started + timedelta(minutes=10)
    return SessionRow(
        0,
        started,
        ended,
        "lower-back-relief",
        routine,
        status,
        456.0,
        None if ended is None else minutes * 60,
        pain[0],
        pain[1],
        note,
        holds("done", "done") if hold_rows is None else hold_rows,
    )


def random_sessions(count: int, seed: int = 1, first: date = date(2023, 1, 1)) -> list[SessionRow]:
    """Sessions with a mix of stretches, sides, repetitions and outcomes."""
    rng = random.Random(seed)
    stretches = ["childs-pose", "knee-to-chest", "piriformis", "pelvic-tilt"]
    outcomes = ["done"] * 6 + ["extended", "skipped", "pain", "stopped"]
    rows = []
    for n in range(count):
        hold_rows: list[HoldRow] = []
        for item, stretch in enumerate(rng.sample(stretches, rng.randint(0, 4))):
            for side in rng.choice([[None], ["right", "left"]]):
                for rep in rng.choice([[None], [1, 2, 3]]):
                    outcome = rng.choice(outcomes)
                    held = 30.0 if outcome in ("done", "extended") else round(rng.random() * 30, 3)
                    hold_rows.append(HoldRow(item, stretch, side, rep, 30.0, held, outcome))
        pain = (rng.choice([None, *range(11)]), rng.choice([None, *range(11)]))
        rows.append(
            session(
                first + timedelta(days=n // 2),
                hour=8 + 9 * (n % 2),
                status=rng.choice(["completed", "completed", "stopped", "interrupted"]),
                minutes=round(rng.uniform(1, 15), 3),
                pain=pain,
                note=rng.choice(["", 'stiff, then "better"', "ça va\nmieux"]),
                hold_rows=tuple(hold_rows),
            )
        )
    return rows


def filled_log(path: Path, rows: list[SessionRow]) -> SessionLog:
    session_log = open_log(path).log
    session_log.add_sessions(rows)
    return session_log


def stopped_for_pain(now: datetime, minutes: tuple[int, ...]) -> list[SessionRow]:
    """Sessions stopped for pain in the right piriformis, `minutes` after `now`: what makes the
    start view ask about a stretch that keeps hurting (issue 16)."""
    return [
        SessionRow(
            0,
            now + timedelta(minutes=m),
            now + timedelta(minutes=m + 5),
            "lower-back-relief",
            "Lower back relief",
            "stopped",
            456.0,
            300.0,
            4,
            None,
            "",
            (HoldRow(0, "piriformis", "right", None, 30.0, 8.0, "pain"),),
        )
        for m in minutes
    ]
