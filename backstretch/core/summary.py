"""What a finished (or stopped) session amounts to, per stretch, from its hold records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from backstretch.core.engine import HoldOutcome, HoldRecord
from backstretch.core.plan import Plan


@dataclass(frozen=True)
class Summary:
    """Stretches completed, skipped and stopped for pain, and the seconds actually held."""

    completed: int
    skipped: int
    pain: int
    not_reached: int
    held_s: float


def summarize(plan: Plan, records: Iterable[HoldRecord]) -> Summary:
    """A stretch counts as completed when all its holds were done, as pain when any hurt."""
    by_item: dict[int, list[HoldOutcome]] = {}
    held = 0.0
    for record in records:
        by_item.setdefault(record.item, []).append(record.outcome)
        held += record.held_s
    completed = skipped = pain = 0
    done = {HoldOutcome.DONE, HoldOutcome.EXTENDED}
    holds_per_item = {
        item: sum(1 for p in plan.phases if p.item == item and p.kind.value == "hold")
        for item in range(plan.item_count)
    }
    for item, outcomes in by_item.items():
        if HoldOutcome.PAIN in outcomes:
            pain += 1
        elif all(o in done for o in outcomes) and len(outcomes) == holds_per_item.get(item):
            completed += 1
        else:
            skipped += 1
    not_reached = plan.item_count - len(by_item)
    return Summary(completed, skipped, pain, not_reached, round(held, 3))
