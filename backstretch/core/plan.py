"""The plan: a routine unrolled into the timeline of phases a session walks through."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Any

from backstretch.core.cues import CueTexts
from backstretch.core.routines import Routine, RoutineItem
from backstretch.core.stretches import Side, Stretch

BREATHE_AT_S = 5.0  # after "Hold for N seconds" has been said
DEFAULT_RATE = 160  # words per minute, the voice's default
SETTLE_S = 3  # after the last instruction is read, a moment to settle before the hold


def reading_seconds(text: str, rate: int = DEFAULT_RATE) -> int:
    """About how long the voice takes to read a text (espeak-ng keeps close to its rate)."""
    return math.ceil(len(text.split()) * 60 / rate)


class PhaseKind(enum.Enum):
    """What the person is doing in a phase."""

    PREPARE = "prepare"
    HOLD = "hold"
    SWITCH = "switch"
    RELAX = "relax"
    REST = "rest"
    DONE = "done"


@dataclass(frozen=True)
class Cue:
    """Something said during a phase, at an offset from its start (or, for counts, its end).

    Counting down is anchored to the end so it stays right when a hold is extended.
    """

    text: str
    kind: str
    offset_s: float
    from_end: bool = False

    def at_s(self, duration_s: float) -> float:
        return duration_s - self.offset_s if self.from_end else self.offset_s


@dataclass(frozen=True)
class Phase:
    """One step of the timeline. `item` is the routine item it belongs to (REST: the next one)."""

    index: int
    kind: PhaseKind
    item: int
    stretch: Stretch | None
    side: Side | None
    rep: int | None
    repetitions: int
    start_s: float
    duration_s: float
    cues: tuple[Cue, ...]

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s

    @property
    def side_name(self) -> str:
        return self.stretch.side_name(self.side) if self.stretch else ""


@dataclass(frozen=True)
class Plan:
    """The whole session, phase by phase; the last phase is always DONE."""

    routine: Routine
    phases: tuple[Phase, ...]

    @property
    def total_s(self) -> float:
        return self.phases[-1].end_s

    @property
    def item_count(self) -> int:
        return len(self.routine.items)

    def first_phase_of_item(self, item: int) -> int:
        for phase in self.phases:
            if phase.item == item and phase.kind is not PhaseKind.REST:
                return phase.index
        return len(self.phases) - 1

    def to_json(self) -> dict[str, Any]:
        return {
            "routine": self.routine.name,
            "total_s": self.total_s,
            "phases": [
                {
                    "index": p.index,
                    "kind": p.kind.value,
                    "stretch": p.stretch.id if p.stretch else None,
                    "side": p.side.value if p.side else None,
                    "rep": p.rep,
                    "start_s": p.start_s,
                    "duration_s": p.duration_s,
                    "cues": [
                        {"at_s": c.at_s(p.duration_s), "text": c.text, "kind": c.kind}
                        for c in p.cues
                    ],
                }
                for p in self.phases
            ],
        }


def _hold_cues(item: RoutineItem, side: Side | None, rep: int, texts: CueTexts) -> list[Cue]:
    stretch, seconds = item.stretch, item.hold
    if item.repetitions > 1:
        start = texts.say("hold.start_rep", seconds=seconds, count=rep, total=item.repetitions)
    elif side is not None:
        start = texts.say("hold.start_sided", seconds=seconds, side=stretch.side_name(side))
    else:
        start = texts.say("hold.start", seconds=seconds)
    cues = [Cue(start, "hold", 0.0)]
    if seconds >= texts.breathe_min_hold:
        cues.append(Cue(stretch.breathing, "breathe", BREATHE_AT_S))
    if seconds >= texts.halfway_min_hold:
        cues.append(Cue(texts.say("hold.halfway"), "halfway", seconds / 2))
    count = texts.countdown
    if seconds > len(count) + 2:
        cues.extend(
            Cue(word, "count", float(len(count) - i), from_end=True) for i, word in enumerate(count)
        )
    return cues


def build_plan(routine: Routine, texts: CueTexts, rate: int = DEFAULT_RATE) -> Plan:
    """Unroll a routine: PREPARE, then HOLDs with SWITCH and RELAX between, REST, ..., DONE.

    Getting into position lasts the routine's `prepare` seconds, or longer when reading the
    steps aloud at `rate` words per minute takes longer: the steps are never cut off.
    """
    phases: list[Phase] = []
    clock = 0.0

    def add(
        kind: PhaseKind,
        item: int,
        stretch: Stretch | None,
        side: Side | None,
        rep: int | None,
        reps: int,
        duration: float,
        cues: list[Cue],
    ) -> None:
        nonlocal clock
        phases.append(
            Phase(
                len(phases),
                kind,
                item,
                stretch,
                side,
                rep,
                reps,
                clock,
                float(duration),
                tuple(cues),
            )
        )
        clock += duration

    items = routine.items
    for number, item in enumerate(items):
        stretch = item.stretch
        sides: list[Side | None] = [Side.RIGHT, Side.LEFT] if item.sides else [None]
        steps = " ".join(stretch.prepare_steps)
        if sides[0] is not None:
            announce = texts.say(
                "prepare.sided", name=stretch.name, steps=steps, side=stretch.side_name(sides[0])
            )
        else:
            announce = texts.say("prepare.first", name=stretch.name, steps=steps)
        prepare = max(routine.timings.prepare, reading_seconds(announce, rate) + SETTLE_S)
        add(
            PhaseKind.PREPARE,
            number,
            stretch,
            sides[0],
            None,
            item.repetitions,
            prepare,
            [Cue(announce, "announce", 0.0)],
        )
        for side_number, side in enumerate(sides):
            if side_number > 0:
                text = texts.say("switch.text", side=stretch.side_name(side))
                add(
                    PhaseKind.SWITCH,
                    number,
                    stretch,
                    side,
                    None,
                    item.repetitions,
                    routine.timings.switch,
                    [Cue(text, "switch", 0.0)],
                )
            for rep in range(1, item.repetitions + 1):
                if rep > 1 and item.relax > 0:
                    add(
                        PhaseKind.RELAX,
                        number,
                        stretch,
                        side,
                        rep - 1,
                        item.repetitions,
                        item.relax,
                        [Cue(texts.say("relax.text"), "relax", 0.0)],
                    )
                add(
                    PhaseKind.HOLD,
                    number,
                    stretch,
                    side,
                    rep,
                    item.repetitions,
                    item.hold,
                    _hold_cues(item, side, rep, texts),
                )
        if number + 1 < len(items) and routine.timings.rest > 0:
            upcoming = items[number + 1].stretch
            add(
                PhaseKind.REST,
                number + 1,
                upcoming,
                None,
                None,
                1,
                routine.timings.rest,
                [Cue(texts.say("rest.text", next=upcoming.name), "rest", 0.0)],
            )
    add(
        PhaseKind.DONE,
        len(items),
        None,
        None,
        None,
        1,
        0.0,
        [Cue(texts.say("done.text"), "done", 0.0)],
    )
    return Plan(routine, tuple(phases))


def spoken_texts(plan: Plan, texts: CueTexts) -> list[str]:
    """Every sentence a session may say, once each, in the order it will first be needed
    (pause, resume and "It hurts" early, since they can come at any moment)."""
    said = [cue.text for phase in plan.phases for cue in phase.cues]
    controls = [texts.say(f"control.{key}") for key in ("pause", "resume", "hurt")]
    return list(dict.fromkeys(said[:3] + controls + said[3:]))
