"""Helpers shared by test modules, so that no test module imports another."""

from __future__ import annotations

from backstretch.core.engine import HoldOutcome, HoldRecord
from backstretch.core.paths import asset
from backstretch.core.plan import PhaseKind, Plan


def records(plan: Plan, outcomes: list[HoldOutcome]) -> list[HoldRecord]:
    """The plan's holds in order, with these outcomes, as many as given."""
    holds = [p for p in plan.phases if p.kind is PhaseKind.HOLD]
    return [
        HoldRecord(
            p.item,
            p.stretch.id,
            p.side,
            p.rep,
            p.duration_s,
            p.duration_s if outcome is HoldOutcome.DONE else 3.0,
            outcome,
        )
        for p, outcome in zip(holds, outcomes, strict=False)
    ]


def drawings(plan: Plan) -> dict[str, object]:
    return {
        i.stretch.id: asset("illustrations", i.stretch.illustration) for i in plan.routine.items
    }
