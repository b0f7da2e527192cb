"""QtTicker: one precise single-shot timer, rescheduled to the next change; real and fake time."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from backstretch.core.engine import Control, CueDue, EngineState, HoldEnded, SessionEngine
from backstretch.ui.ticker import QtTicker
from tests.fakes import SHORT_ROUTINE, TILTS_ROUTINE, FakeClock, plan_from_text


def test_timer_is_precise_and_aims_at_the_next_whole_second(qtbot) -> None:
    clock = FakeClock()
    ticker = QtTicker(SessionEngine(plan_from_text(SHORT_ROUTINE), clock))
    ticker.start()
    timer = ticker._timer
    assert timer.timerType() == Qt.TimerType.PreciseTimer and timer.isSingleShot()
    assert timer.interval() == 1000
    clock.advance(0.3)
    ticker.poke()
    assert timer.interval() == 700
    ticker.control(Control.PAUSE)
    assert not ticker.is_active()
    ticker.control(Control.RESUME)
    assert timer.interval() == 700
    ticker.control(Control.STOP)
    assert not ticker.is_active()


def test_signals_follow_the_engine_on_a_fake_clock(qtbot) -> None:
    clock = FakeClock()
    ticker = QtTicker(SessionEngine(plan_from_text(TILTS_ROUTINE), clock))
    phases, cues, holds, done = [], [], [], []
    ticker.phaseStarted.connect(lambda p: phases.append(p.kind.value))
    ticker.engineEvent.connect(lambda e: cues.append(e.cue.kind) if isinstance(e, CueDue) else None)
    ticker.engineEvent.connect(lambda e: holds.append(e) if isinstance(e, HoldEnded) else None)
    ticker.finished.connect(done.append)
    ticker.start()
    while ticker.is_active():
        clock.advance(ticker._timer.interval() / 1000)
        ticker.poke()
    assert phases == ["prepare", "hold", "relax", "hold", "done"]
    assert cues == [
        "announce",
        "hold",
        "count",
        "count",
        "count",
        "relax",
        "hold",
        "count",
        "count",
        "count",
        "done",
    ]
    assert len(holds) == 2 and done == [True]


def test_real_clock_session_starts_each_phase_on_time(qtbot) -> None:
    plan = plan_from_text("""
name = "Real"
[timings]
prepare = 5
[[item]]
stretch = "pelvic-tilt"
hold = 5
repetitions = 1
""")
    engine = SessionEngine(plan, time.monotonic)
    ticker = QtTicker(engine)
    starts: list[float] = []
    ticker.phaseStarted.connect(lambda _p: starts.append(time.monotonic()))
    with qtbot.waitSignal(ticker.finished, timeout=15000):
        ticker.start()
    assert engine.state is EngineState.FINISHED
    errors = [s - starts[0] - p.start_s for s, p in zip(starts, plan.phases, strict=True)]
    assert max(abs(e) for e in errors) < 0.05, errors
