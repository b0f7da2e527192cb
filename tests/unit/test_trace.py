"""--trace writes one flushed JSON line per event with both clocks."""

from __future__ import annotations

import io
import json

from backstretch.core.engine import SessionEngine
from backstretch.core.trace import TraceWriter
from tests.fakes import SHORT_ROUTINE, FakeClock, plan_from_text


def test_trace_lines_for_a_session_with_controls(clock: FakeClock) -> None:
    stream = io.StringIO()
    engine = SessionEngine(plan_from_text(SHORT_ROUTINE), clock)
    engine.subscribe(TraceWriter(stream, mono=clock, wall=lambda: 1.7e9 + clock.now))
    engine.start()
    clock.advance(1)
    engine.pause()
    engine.resume()
    engine.skip()
    engine.extend()
    clock.advance(4)
    engine.back()
    engine.stop()
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["event"] for line in lines] == [
        "phase",
        "cue",
        "pause",
        "resume",
        "skip",
        "phase",
        "cue",
        "extend",
        "back",
        "phase",
        "cue",
        "hold",
        "stop",
    ]
    first = lines[0]
    assert {k: first[k] for k in ("index", "kind", "stretch", "side", "rep")} == {
        "index": 0,
        "kind": "prepare",
        "stretch": "knee-to-chest",
        "side": "right",
        "rep": None,
    }
    assert first["t_mono"] == 1000.0 and first["t_wall"] == 1.7e9 + 1000.0
    assert lines[1]["text"].startswith("Knee-to-Chest, starting with your right leg.")
    assert lines[-2]["outcome"] == "stopped"
