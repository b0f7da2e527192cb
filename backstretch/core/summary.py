"""What a finished (or stopped) session amounts to, per stretch, from its hold records."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from backstretch.core.engine import HoldOutcome, HoldRecord
from backstretch.core.plan import PhaseKind, Plan

_DONE = frozenset({HoldOutcome.DONE, HoldOutcome.EXTENDED})


class ItemOutcome(enum.Enum):
    """How one stretch of the routine went, as the finish view tells it."""

    DONE = "done"  # every hold held to the end (or extended)
    PARTLY = "partly"  # some holds done, or a hold cut short when the session ended
    SKIPPED = "skipped"  # reached, but no hold done
    PAIN = "pain"  # "it hurts" during any of its holds
    NOT_REACHED = "not_reached"  # the session ended before it


@dataclass(frozen=True)
class ItemSummary:
    """One routine item: which stretch, how it went, seconds held against seconds planned."""

    item: int
    stretch: str
    name: str
    outcome: ItemOutcome
    held_s: float
    planned_s: float


@dataclass(frozen=True)
class Summary:
    """Stretches completed, skipped and stopped for pain, and the seconds actually held."""

    completed: int
    skipped: int  # skipped or partly done: anything reached that was neither done nor pain
    pain: int
    not_reached: int
    held_s: float
    items: tuple[ItemSummary, ...] = ()
    ended_on_pain: bool = False  # the last hold of the session was stopped by "it hurts"


def item_outcome(planned_holds: int, records: list[HoldRecord]) -> ItemOutcome:
    """A stretch's outcome from its holds. A hold repeated after going back counts once, as
    done if any try of it was done, so redoing a skipped hold makes the stretch done."""
    if not records:
        return ItemOutcome.NOT_REACHED
    if any(r.outcome is HoldOutcome.PAIN for r in records):
        return ItemOutcome.PAIN
    done = {(r.side, r.rep) for r in records if r.outcome in _DONE}
    if planned_holds and len(done) >= planned_holds:
        return ItemOutcome.DONE
    cut_short = any(r.outcome is HoldOutcome.STOPPED and r.held_s > 0 for r in records)
    return ItemOutcome.PARTLY if done or cut_short else ItemOutcome.SKIPPED


def summarize(plan: Plan, records: Iterable[HoldRecord]) -> Summary:
    """Per routine item in order, and the counts the log and the finish view show."""
    records = list(records)
    by_item: dict[int, list[HoldRecord]] = {}
    for record in records:
        by_item.setdefault(record.item, []).append(record)
    planned_holds = [0] * plan.item_count
    planned_s = [0.0] * plan.item_count
    for phase in plan.phases:
        if phase.kind is PhaseKind.HOLD and 0 <= phase.item < plan.item_count:
            planned_holds[phase.item] += 1
            planned_s[phase.item] += phase.duration_s
    items = []
    for index, routine_item in enumerate(plan.routine.items):
        held = by_item.get(index, [])
        items.append(
            ItemSummary(
                item=index,
                stretch=routine_item.stretch.id,
                name=routine_item.stretch.name,
                outcome=item_outcome(planned_holds[index], held),
                held_s=round(sum(r.held_s for r in held), 3),
                planned_s=round(planned_s[index], 3),
            )
        )
    count = {outcome: 0 for outcome in ItemOutcome}
    for summary in items:
        count[summary.outcome] += 1
    return Summary(
        completed=count[ItemOutcome.DONE],
        skipped=count[ItemOutcome.SKIPPED] + count[ItemOutcome.PARTLY],
        pain=count[ItemOutcome.PAIN],
        not_reached=count[ItemOutcome.NOT_REACHED],
        held_s=round(sum(r.held_s for r in records), 3),
        items=tuple(items),
        ended_on_pain=bool(records) and records[-1].outcome is HoldOutcome.PAIN,
    )
