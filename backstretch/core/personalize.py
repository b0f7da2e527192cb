"""A routine as this person will do it: their settings fill in what the routine leaves open."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from backstretch.core.routines import Routine, RoutineItem, Timings
from backstretch.core.settings import Settings, StretchSetting
from backstretch.core.stretches import Stretch, Variant


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
    items = tuple(_item(item, settings) for item in _kept(routine.items, settings))
    return dataclasses.replace(routine, timings=timings, items=items)


def _kept(items: tuple[RoutineItem, ...], settings: Settings) -> tuple[RoutineItem, ...]:
    """Without the stretches the person chose to leave out for now (issue 16); all of them
    if that would leave none, since a session of nothing helps no one."""
    kept = tuple(
        item
        for item in items
        if not (own := settings.stretches.get(item.stretch.id)) or not own.left_out
    )
    return kept or items


def _item(item: RoutineItem, settings: Settings) -> RoutineItem:
    stretch = item.stretch
    own = settings.stretches.get(stretch.id)
    fixed = item.overrides

    def pick(key: str, mine: int | bool | None, default: int | bool) -> int | bool:
        if key in fixed:
            value = fixed[key]
            assert not isinstance(value, str)  # only variant is text, and it is not picked here
            return value
        return default if mine is None else mine

    hold = pick("hold", own.hold if own else None, stretch.default_hold)
    repetitions = pick("repetitions", own.repetitions if own else None, stretch.default_repetitions)
    relax = pick("relax", None, settings.timings.relax)
    sides = pick("sides", own.sides if own else None, stretch.sided)
    return dataclasses.replace(
        item,
        stretch=stretch.form(_variant(stretch, fixed, own)),
        hold=int(hold),
        repetitions=int(repetitions),
        relax=int(relax),
        sides=bool(sides) and stretch.sided,
    )


def _variant(
    stretch: Stretch, fixed: Mapping[str, int | bool | str], own: StretchSetting | None
) -> Variant:
    """The routine's variant (checked against the library when it was read); else the
    person's, which only counts for a stretch that has an easier form today (settings are
    read without the library, and a stretch may lose its easier form in an update)."""
    if "variant" in fixed:
        return Variant(fixed["variant"])
    if own is not None and own.variant is not None and stretch.has_easier:
        return own.variant
    return Variant.USUAL
