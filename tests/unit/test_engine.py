"""The session engine on a fake clock: whole sessions, every control, sleep gaps, extensions."""

from __future__ import annotations

import tomllib

import pytest

from backstretch.core import engine as ev
from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import EngineState, HoldOutcome, SessionEngine
from backstretch.core.plan import PhaseKind, build_plan
from backstretch.core.routines import parse_routine
from backstretch.core.stretches import Side
from backstretch.core.summary import summarize
from tests.fakes import FAST_READER, SHORT_ROUTINE, FakeClock, plan_from_text
from tests.unit.easier_forms import EASIER_ID, NO_EASIER_ID, easier_library


class Run:
    """An engine on a fake clock, ticked every `step` seconds like the Qt driver would."""

    def __init__(self, clock: FakeClock, text: str = SHORT_ROUTINE) -> None:
        self.clock = clock
        self.t0 = clock.now
        self.engine = SessionEngine(plan_from_text(text), clock)
        self.events: list[ev.Event] = []
        self.engine.subscribe(self.events.append)

    def go(self, seconds: float, step: float = 0.25) -> None:
        end = self.clock.now + seconds
        while self.clock.now < end - 1e-9:
            self.clock.advance(min(step, end - self.clock.now))
            self.engine.tick()

    def starts(self) -> list[tuple[str, float]]:
        return [
            (e.phase.kind.value, round(e.t - self.t0, 6))
            for e in self.events
            if isinstance(e, ev.PhaseStarted)
        ]

    def kinds(self) -> list[str]:
        return [type(e).__name__ for e in self.events]


@pytest.fixture
def run(clock: FakeClock) -> Run:
    return Run(clock)


def test_whole_session_keeps_exact_time_even_with_late_ticks(run: Run) -> None:
    run.engine.start()
    run.go(60, step=0.7)  # ticks never land on a boundary
    assert run.engine.state is EngineState.FINISHED
    planned = [(p.kind.value, p.start_s) for p in run.engine.plan.phases]
    assert run.starts() == planned
    assert [r.outcome for r in run.engine.records] == [HoldOutcome.DONE] * 4
    assert [r.held_s for r in run.engine.records] == [10.0, 10.0, 6.0, 6.0]
    assert isinstance(run.events[-1], ev.Finished) and run.events[-1].completed


def test_cues_fire_on_time_and_countdown_in_the_last_seconds(run: Run) -> None:
    run.engine.start()
    run.go(15, step=0.1)
    cues = [(e.cue.kind, round(e.t - run.t0, 1)) for e in run.events if isinstance(e, ev.CueDue)]
    assert cues == [
        ("announce", 0.0),
        ("hold", 5.0),
        ("count", 12.0),
        ("count", 13.0),
        ("count", 14.0),
        ("switch", 15.0),
    ]


def test_next_wakeup_is_the_next_whole_second_cue_or_deadline(run: Run) -> None:
    run.engine.start()
    assert run.engine.next_wakeup() == pytest.approx(run.t0 + 1.0)
    run.go(4.3, step=0.1)
    assert run.engine.next_wakeup() == pytest.approx(run.t0 + 5.0)  # the deadline
    run.go(6.9, step=0.3)  # 11.2: countdown cue "Three" at 12 comes before 11.4 + 1
    run.clock.advance(0.2)
    run.engine.tick()
    assert run.engine.next_wakeup() == pytest.approx(run.t0 + 12.0)


def test_pause_stores_the_remainder_and_resume_sets_a_new_deadline(run: Run) -> None:
    run.engine.start()
    run.go(2)
    run.engine.pause()
    assert run.engine.remaining() == pytest.approx(3.0)
    run.clock.advance(100)
    run.engine.tick()
    assert run.engine.remaining() == pytest.approx(3.0)
    assert run.engine.next_wakeup() is None
    run.engine.resume()
    run.go(3)
    assert run.engine.phase.kind is PhaseKind.HOLD
    assert run.starts()[-1] == ("hold", 105.0)


def test_pause_across_a_boundary_then_hold_time_is_exact(run: Run) -> None:
    run.engine.start()
    run.go(4.9, step=0.1)
    run.engine.pause()
    run.clock.advance(30)
    run.engine.resume()
    run.go(0.2, step=0.1)
    assert run.engine.phase.kind is PhaseKind.HOLD
    run.engine.pause()
    run.clock.advance(5)
    run.engine.resume()
    run.go(10, step=0.1)
    assert run.engine.records[0].held_s == 10.0
    assert run.engine.records[0].outcome is HoldOutcome.DONE


def test_a_long_gap_between_ticks_pauses_instead_of_racing_ahead(run: Run) -> None:
    run.engine.start()
    run.go(3)
    run.clock.advance(3600)  # the laptop slept for an hour
    run.engine.tick()
    assert run.engine.state is EngineState.PAUSED
    assert run.engine.phase.kind is PhaseKind.PREPARE
    assert run.engine.remaining() == pytest.approx(2.0)
    assert isinstance(run.events[-1], ev.Paused) and run.events[-1].reason is ev.PauseReason.SLEEP
    run.engine.resume()
    run.go(2)
    assert run.engine.phase.kind is PhaseKind.HOLD


def test_a_gap_just_under_the_limit_is_caught_up_exactly(run: Run) -> None:
    run.engine.start()
    run.go(4)
    run.clock.advance(1.9)  # a stalled GUI thread, not a sleep
    run.engine.tick()
    assert run.engine.state is EngineState.RUNNING
    assert run.starts()[-1] == ("hold", 5.0)


def test_skip_in_every_phase_kind(run: Run) -> None:
    run.engine.start()
    seen = []
    while run.engine.state is not EngineState.FINISHED:
        seen.append(run.engine.phase.kind.value)
        run.go(1)
        run.engine.skip()
    assert seen == ["prepare", "hold", "switch", "hold", "rest", "prepare", "hold", "relax", "hold"]
    assert [(r.held_s, r.outcome) for r in run.engine.records] == [(1.0, HoldOutcome.SKIPPED)] * 4
    assert summarize(run.engine.plan, run.engine.records).skipped == 2


def test_skip_while_paused_carries_on_with_the_next_phase(run: Run) -> None:
    run.engine.start()
    run.engine.pause()
    run.engine.skip()
    assert run.engine.state is EngineState.RUNNING
    assert run.engine.phase.kind is PhaseKind.HOLD
    assert run.engine.remaining() == 10.0


def test_back_restarts_the_phase_or_goes_to_the_previous_stretch_near_its_start(
    run: Run,
) -> None:
    run.engine.start()
    run.go(8)  # 3 s into the first hold
    run.engine.back()
    assert run.engine.phase.index == 1 and run.engine.remaining() == 10.0
    run.go(1)
    run.engine.back()  # near the start of the first stretch's hold: nothing before it
    assert run.engine.phase.index == 0
    run.engine.skip()
    for _ in range(3):
        run.engine.skip()  # hold, switch, hold -> rest (belongs to the next stretch)
    assert run.engine.phase.kind is PhaseKind.REST
    run.go(1)
    run.engine.back()
    assert run.engine.phase.index == 0  # back to the stretch just done
    assert not any(
        isinstance(e, ev.HoldEnded) and e.record.outcome is HoldOutcome.DONE for e in run.events
    )


def test_back_near_the_start_of_a_later_stretch(run: Run) -> None:
    run.engine.start()
    run.go(33)  # into the pelvic tilt prepare (starts at 32)
    assert run.engine.phase.kind is PhaseKind.PREPARE
    assert run.engine.phase.item == 1
    run.engine.back()
    assert run.engine.phase.index == 0


def test_extend_adds_ten_seconds_and_the_countdown_follows(run: Run) -> None:
    run.engine.start()
    run.go(5)
    run.go(8, step=0.1)  # 3 s into... the hold (13 - 5 = 8 s in), countdown "Three" fired
    run.engine.extend()
    assert run.engine.remaining() == pytest.approx(12.0)
    before = len(run.events)
    run.go(12, step=0.1)
    counts = [e for e in run.events[before:] if isinstance(e, ev.CueDue) and e.cue.kind == "count"]
    assert [round(e.t - run.t0, 1) for e in counts] == [22.0, 23.0, 24.0]
    record = run.engine.records[0]
    assert (record.planned_s, record.held_s, record.outcome) == (10.0, 20.0, HoldOutcome.EXTENDED)
    assert run.starts()[2] == ("switch", 25.0)


def test_extend_while_paused_and_its_limit(run: Run) -> None:
    run.engine.start()
    run.engine.pause()
    run.engine.extend()
    assert run.engine.remaining() == 15.0
    for _ in range(100):
        run.engine.extend()
    assert run.engine.extended_by() == 600.0


def test_it_hurts_pauses_and_skipping_the_stretch_logs_pain(run: Run) -> None:
    run.engine.start()
    run.go(7)
    run.engine.report_pain()
    assert run.engine.state is EngineState.PAUSED
    assert isinstance(run.events[-1], ev.Paused) and run.events[-1].reason is ev.PauseReason.PAIN
    run.clock.advance(20)
    run.engine.skip_stretch()
    assert run.engine.phase.kind is PhaseKind.REST
    assert [
        (r.side.value if r.side else None, r.held_s, r.outcome) for r in run.engine.records
    ] == [("right", 2.0, HoldOutcome.PAIN), ("left", 0.0, HoldOutcome.PAIN)]
    run.go(30)
    assert run.engine.records[-1].outcome is HoldOutcome.DONE
    summary = summarize(run.engine.plan, run.engine.records)
    assert (summary.completed, summary.pain, summary.skipped) == (1, 1, 0)


def test_it_hurts_then_end_session(run: Run) -> None:
    run.engine.start()
    run.go(7)
    run.engine.report_pain()
    run.engine.stop()
    assert run.engine.state is EngineState.FINISHED
    assert [r.outcome for r in run.engine.records] == [HoldOutcome.PAIN]
    assert isinstance(run.events[-1], ev.Finished) and not run.events[-1].completed
    summary = summarize(run.engine.plan, run.engine.records)
    assert (summary.pain, summary.not_reached) == (1, 1)


def test_stop_in_a_hold_logs_it_as_stopped_and_controls_after_finish_do_nothing(
    run: Run,
) -> None:
    run.engine.start()
    run.go(6)
    run.engine.stop()
    assert [(r.held_s, r.outcome) for r in run.engine.records] == [(1.0, HoldOutcome.STOPPED)]
    count = len(run.events)
    for action in (
        "pause",
        "resume",
        "skip",
        "back",
        "extend",
        "stop",
        "report_pain",
        "tick",
        "skip_stretch",
        "start",
    ):
        getattr(run.engine, action)()
    assert len(run.events) == count
    assert run.engine.remaining() == 0.0 and run.engine.session_remaining() == 0.0


def test_controls_before_start_do_nothing(run: Run) -> None:
    for action in ("pause", "resume", "skip", "back", "extend", "stop", "report_pain", "tick"):
        getattr(run.engine, action)()
    assert run.events == [] and run.engine.state is EngineState.READY
    assert run.engine.session_remaining() == run.engine.plan.total_s


def test_a_failing_listener_does_not_stop_the_others(run: Run, caplog) -> None:
    def broken(_event: ev.Event) -> None:
        raise RuntimeError("boom")

    seen: list[ev.Event] = []
    run.engine._listeners.insert(0, broken)
    run.engine.subscribe(seen.append)
    run.engine.start()
    run.go(6)
    assert any(isinstance(e, ev.PhaseStarted) for e in seen)
    assert "boom" in caplog.text


def test_active_seconds_exclude_pauses_and_sleep(run: Run) -> None:
    run.engine.start()
    run.go(3)
    run.engine.pause()
    run.clock.advance(50)
    run.engine.resume()
    run.go(2)
    run.clock.advance(600)  # slept
    run.engine.tick()
    assert run.engine.active_seconds() == pytest.approx(5.0)
    run.engine.resume()
    run.go(100)
    assert run.engine.active_seconds() == pytest.approx(run.engine.plan.total_s)


def test_each_hold_records_the_form_that_was_done(clock: FakeClock) -> None:
    library = easier_library()
    text = f"""
name = "Two forms"
[timings]
prepare = 5
switch = 3
rest = 4
[[item]]
stretch = "{EASIER_ID}"
variant = "easier"
hold = 10
[[item]]
stretch = "{NO_EASIER_ID}"
hold = 6
repetitions = 1
"""
    routine = parse_routine(tomllib.loads(text), library, file="two")
    plan = build_plan(routine, load_cue_texts(), rate=FAST_READER)
    engine = SessionEngine(plan, clock)
    ended: list[ev.HoldRecord] = []
    engine.subscribe(lambda e: ended.append(e.record) if isinstance(e, ev.HoldEnded) else None)
    engine.start()
    while engine.state is not EngineState.FINISHED:
        clock.advance(0.5)
        engine.tick()
    assert [(r.stretch, r.side, r.variant) for r in engine.records] == [
        (EASIER_ID, Side.RIGHT, "easier"),
        (EASIER_ID, Side.LEFT, "easier"),
        (NO_EASIER_ID, None, "usual"),
    ]
    assert ended == engine.records
