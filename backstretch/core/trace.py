"""--trace: one JSON object per engine event, flushed at once, to line events up with audio."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import IO, Any

from backstretch.core import engine as ev


class TraceWriter:
    """Listens to a SessionEngine and writes each event as a line of JSON."""

    def __init__(
        self,
        stream: IO[str],
        mono: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._stream = stream
        self._mono = mono
        self._wall = wall

    def write(self, event: str, **fields: Any) -> None:
        """Write one line; other parts of the app (audio playback) add their own events."""
        record = {"event": event, **fields, "t_mono": self._mono(), "t_wall": self._wall()}
        try:
            self._stream.write(json.dumps(record) + "\n")
            self._stream.flush()
        except (OSError, ValueError):  # a full disk or closed file must not stop the session
            pass

    def __call__(self, event: ev.Event) -> None:
        match event:
            case ev.PhaseStarted(phase=p, t=t):
                self.write(
                    "phase",
                    index=p.index,
                    kind=p.kind.value,
                    stretch=p.stretch.id if p.stretch else None,
                    side=p.side.value if p.side else None,
                    rep=p.rep,
                    t_plan=t,
                )
            case ev.CueDue(cue=c, phase=p):
                self.write("cue", index=p.index, kind=c.kind, text=c.text)
            case ev.Paused(reason=r):
                self.write("pause", reason=r.value)
            case ev.Resumed():
                self.write("resume")
            case ev.Skipped(phase=p):
                self.write("skip", index=p.index)
            case ev.WentBack(phase=p):
                self.write("back", index=p.index)
            case ev.Extended(phase=p, seconds=s):
                self.write("extend", index=p.index, seconds=s)
            case ev.HoldEnded(record=r):
                self.write(
                    "hold",
                    stretch=r.stretch,
                    side=r.side.value if r.side else None,
                    rep=r.rep,
                    planned_s=r.planned_s,
                    held_s=r.held_s,
                    outcome=r.outcome.value,
                )
            case ev.Finished(completed=c):
                self.write("stop" if not c else "done")
