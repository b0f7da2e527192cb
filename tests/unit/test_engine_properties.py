"""Properties of plans and the engine, over generated routines and control sequences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import EngineState, HoldOutcome, SessionEngine
from backstretch.core.plan import PhaseKind, build_plan
from backstretch.core.routines import Routine, RoutineItem, Timings
from backstretch.core.stretches import load_library
from tests.fakes import FakeClock

LIBRARY = load_library()
TEXTS = load_cue_texts()

items = st.builds(
    lambda stretch_id, hold, reps, relax, sides: RoutineItem(
        LIBRARY[stretch_id], hold, reps, relax, sides and LIBRARY[stretch_id].sided
    ),
    st.sampled_from(LIBRARY.ids),
    st.integers(5, 300),
    st.integers(1, 4),
    st.integers(0, 20),
    st.booleans(),
)
routines = st.builds(
    lambda its, prepare, switch, rest: Routine("R", tuple(its), Timings(prepare, switch, rest)),
    st.lists(items, min_size=1, max_size=6),
    st.integers(5, 120),
    st.integers(3, 60),
    st.integers(0, 300),
)


@given(routines)
def test_phase_durations_add_up_to_the_total(routine: Routine) -> None:
    plan = build_plan(routine, TEXTS)
    assert sum(p.duration_s for p in plan.phases) == plan.total_s
    holds = sum(i.repetitions * (2 if i.sides else 1) for i in routine.items)
    assert sum(p.kind is PhaseKind.HOLD for p in plan.phases) == holds
    assert plan.phases[-1].kind is PhaseKind.DONE
    assert all(p.duration_s > 0 for p in plan.phases[:-1])
    for phase in plan.phases:
        for cue in phase.cues:
            assert 0 <= cue.at_s(phase.duration_s) <= phase.duration_s


@settings(max_examples=60, deadline=None)
@given(
    routines,
    st.lists(st.tuples(st.floats(0.05, 30), st.floats(0.01, 600)), max_size=12),
    st.floats(0.05, 1.0),
)
def test_pause_never_loses_or_gains_time(
    routine: Routine, pauses: list[tuple[float, float]], step: float
) -> None:
    plan = build_plan(routine, TEXTS)
    clock = FakeClock(0.0)
    engine = SessionEngine(plan, clock)
    engine.start()
    paused_total = 0.0
    schedule = iter(pauses)
    next_pause = next(schedule, None)
    since = 0.0
    while engine.state is not EngineState.FINISHED:
        if next_pause is not None and since >= next_pause[0]:
            engine.pause()
            clock.advance(next_pause[1])
            paused_total += next_pause[1]
            engine.resume()
            next_pause, since = next(schedule, None), 0.0
        clock.advance(step)
        since += step
        engine.tick()
    finish = [r for r in engine.records]
    assert all(r.outcome is HoldOutcome.DONE for r in finish)
    assert all(abs(r.held_s - r.planned_s) < 1e-6 for r in finish)
    # The session ended on the tick after its planned end: never early, never a tick late.
    active = clock.now - paused_total
    assert plan.total_s - 1e-6 <= active < plan.total_s + step + 1e-6


ACTIONS = [
    "tick",
    "pause",
    "resume",
    "toggle_pause",
    "skip",
    "skip_stretch",
    "back",
    "extend",
    "report_pain",
    "stop",
    "start",
]


@settings(max_examples=150, deadline=None)
@given(routines, st.lists(st.tuples(st.sampled_from(ACTIONS), st.floats(0, 5)), max_size=60))
def test_no_sequence_of_controls_leaves_an_invalid_state(
    routine: Routine, actions: list[tuple[str, float]]
) -> None:
    plan = build_plan(routine, TEXTS)
    clock = FakeClock(0.0)
    engine = SessionEngine(plan, clock)
    finished_events = []
    engine.subscribe(
        lambda e: finished_events.append(e) if type(e).__name__ == "Finished" else None
    )
    for action, wait in actions:
        clock.advance(wait)
        getattr(engine, action)()
        assert 0 <= engine.phase.index < len(plan.phases)
        assert 0.0 <= engine.remaining() <= engine.phase_duration() + 1e-9
        assert engine.phase_duration() >= engine.phase.duration_s
        wake = engine.next_wakeup()
        if engine.state is EngineState.RUNNING:
            assert wake is not None and wake >= clock.now
        else:
            assert wake is None
        assert (engine.state is EngineState.FINISHED) == (len(finished_events) == 1)
        for record in engine.records:
            assert 0.0 <= record.held_s <= record.planned_s + 600 + 1e-6
        assert engine.session_remaining() >= 0.0
