"""A routine as this person will do it: their settings fill in what the routine leaves open."""

from __future__ import annotations

import dataclasses

from backstretch.core.routines import Routine, RoutineItem, Timings
from backstretch.core.settings import Settings


def personalize(routine: Routine, settings: Settings) -> Routine:
    """Apply the settings to every value the routine file does not set itself.

    Precedence: a value written in the routine (a physiotherapist's prescription, say) wins;
    then the person's per-stretch and global settings; then the stretch library's defaults.
    """
    chosen = settings.timings
    timings = Timings(
        **{
            key: routine.timing_overrides.get(key, getattr(chosen, key))
            for key in ("prepare", "switch", "rest")
        }
    )
    items = tuple(_item(item, settings) for item in routine.items)
    return dataclasses.replace(routine, timings=timings, items=items)


def _item(item: RoutineItem, settings: Settings) -> RoutineItem:
    stretch = item.stretch
    own = settings.stretches.get(stretch.id)
    fixed = item.overrides

    def pick(key: str, mine: int | bool | None, default: int | bool) -> int | bool:
        if key in fixed:
            return fixed[key]
        return default if mine is None else mine

    hold = pick("hold", own.hold if own else None, stretch.default_hold)
    repetitions = pick("repetitions", own.repetitions if own else None, stretch.default_repetitions)
    relax = pick("relax", None, settings.timings.relax)
    sides = pick("sides", own.sides if own else None, stretch.sided)
    return dataclasses.replace(
        item,
        hold=int(hold),
        repetitions=int(repetitions),
        relax=int(relax),
        sides=bool(sides) and stretch.sided,
    )
