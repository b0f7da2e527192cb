"""The session summary per stretch: outcomes, seconds held against planned, and the counts."""

from __future__ import annotations

from backstretch.core.engine import HoldOutcome, HoldRecord
from backstretch.core.stretches import Side
from backstretch.core.summary import ItemOutcome, summarize
from tests.fakes import SHORT_ROUTINE, plan_from_text

# SHORT_ROUTINE: knee-to-chest 10 s a side (two holds), then pelvic tilts 6 s twice.
PLAN = plan_from_text(SHORT_ROUTINE)
R, L = Side.RIGHT, Side.LEFT


def knee(side: Side, held: float, outcome: HoldOutcome) -> HoldRecord:
    return HoldRecord(0, "knee-to-chest", side, None, 10.0, held, outcome)


def tilt(rep: int, held: float, outcome: HoldOutcome) -> HoldRecord:
    return HoldRecord(1, "pelvic-tilt", None, rep, 6.0, held, outcome)


DONE, EXTENDED, SKIPPED, PAIN, STOPPED = (
    HoldOutcome.DONE,
    HoldOutcome.EXTENDED,
    HoldOutcome.SKIPPED,
    HoldOutcome.PAIN,
    HoldOutcome.STOPPED,
)


def outcomes(records: list[HoldRecord]) -> list[ItemOutcome]:
    return [item.outcome for item in summarize(PLAN, records).items]


def test_a_whole_session_lists_every_stretch_in_order_with_planned_and_held_seconds() -> None:
    records = [knee(R, 10, DONE), knee(L, 20, EXTENDED), tilt(1, 6, DONE), tilt(2, 6, DONE)]
    summary = summarize(PLAN, records)
    rows = [(i.item, i.stretch, i.name, i.outcome, i.held_s, i.planned_s) for i in summary.items]
    assert rows == [
        (0, "knee-to-chest", "Knee-to-Chest", ItemOutcome.DONE, 30.0, 20.0),
        (1, "pelvic-tilt", "Pelvic Tilts", ItemOutcome.DONE, 12.0, 12.0),
    ]
    assert (summary.completed, summary.skipped, summary.pain, summary.not_reached) == (2, 0, 0, 0)
    assert summary.held_s == 42.0 and not summary.ended_on_pain


def test_nothing_held_means_every_stretch_not_reached() -> None:
    summary = summarize(PLAN, [])
    assert outcomes([]) == [ItemOutcome.NOT_REACHED] * 2
    assert [i.held_s for i in summary.items] == [0.0, 0.0]
    assert [i.planned_s for i in summary.items] == [20.0, 12.0]
    assert summary.not_reached == 2 and summary.completed == 0


def test_pain_in_any_hold_marks_the_stretch_and_the_end_of_the_session() -> None:
    records = [knee(R, 10, DONE), knee(L, 3, PAIN)]
    summary = summarize(PLAN, records)
    assert outcomes(records) == [ItemOutcome.PAIN, ItemOutcome.NOT_REACHED]
    assert (summary.pain, summary.not_reached) == (1, 1) and summary.ended_on_pain


def test_pain_earlier_then_carrying_on_is_not_ended_on_pain() -> None:
    records = [knee(R, 2, PAIN), knee(L, 0, PAIN), tilt(1, 6, DONE), tilt(2, 6, DONE)]
    summary = summarize(PLAN, records)
    assert outcomes(records) == [ItemOutcome.PAIN, ItemOutcome.DONE]
    assert not summary.ended_on_pain


def test_some_holds_done_is_partly_and_none_done_is_skipped() -> None:
    records = [knee(R, 1, SKIPPED), knee(L, 0.5, SKIPPED), tilt(1, 6, DONE), tilt(2, 2, SKIPPED)]
    summary = summarize(PLAN, records)
    assert outcomes(records) == [ItemOutcome.SKIPPED, ItemOutcome.PARTLY]
    assert summary.skipped == 2 and summary.completed == 0  # the old count: neither is complete


def test_a_hold_cut_short_by_ending_the_session_is_partly_done() -> None:
    assert outcomes([knee(R, 4, STOPPED)])[0] is ItemOutcome.PARTLY
    assert outcomes([knee(R, 0, STOPPED)])[0] is ItemOutcome.SKIPPED


def test_a_hold_redone_after_going_back_counts_once() -> None:
    records = [knee(R, 1, SKIPPED), knee(R, 10, DONE), knee(L, 10, DONE)]
    summary = summarize(PLAN, records)
    assert outcomes(records)[0] is ItemOutcome.DONE
    assert summary.items[0].held_s == 21.0  # every second spent holding, tries included
    # Doing the same side twice does not make up for a side never done.
    assert outcomes([knee(R, 10, DONE), knee(R, 10, DONE)])[0] is ItemOutcome.PARTLY
