"""QtTicker: drives a SessionEngine from one precise single-shot QTimer, rescheduled each time."""

from __future__ import annotations

import math
import weakref
from typing import ClassVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backstretch.core import engine as ev
from backstretch.core.engine import Control, EngineState, SessionEngine

FRAME_S = 0.125  # 8 Hz: the ring's tip moves smoothly from the floor, at half the CPU of 16


class QtTicker(QObject):
    """The session's one timer: it wakes the engine exactly when something changes and tells
    the screen what the engine looks like now.

    The timer is rescheduled to the next whole second of the countdown, the next cue or the
    phase deadline, whichever comes first, and, while frames are wanted (the ring is on
    screen), to the next animation frame. The engine reads the monotonic clock, so a late
    timeout never shifts the timeline (Qt's default CoarseTimer may also fire early: we use
    PreciseTimer and simply ask the engine again). Every wake emits `progressed` with one
    Snapshot, read once: widgets never poll the engine.
    """

    phaseStarted = Signal(object)
    progressed = Signal(object)  # a Snapshot, at each wake
    stateChanged = Signal()
    finished = Signal(bool)
    engineEvent = Signal(object)  # every event, for listeners that want them all

    instances: ClassVar[weakref.WeakSet[QtTicker]] = weakref.WeakSet()

    def __init__(self, engine: SessionEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.frames = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poke)
        engine.subscribe(self._on_event)
        QtTicker.instances.add(self)

    def is_active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self.engine.start()
        self._publish()

    def poke(self) -> None:
        """Let the engine catch up with the clock now, then sleep until the next change."""
        self.engine.tick()
        self._publish()

    def control(self, control: Control) -> None:
        """Run an engine control and reschedule."""
        self.engine.apply(control)
        self._publish()

    def want_frames(self, wanted: bool) -> None:
        """Animation frames between whole seconds (the ring on screen), or only real changes."""
        if wanted != self.frames:
            self.frames = wanted
            if self.engine.state is EngineState.RUNNING:
                self._reschedule()

    def stop_timer(self) -> None:
        self._timer.stop()

    def _publish(self) -> None:
        self.progressed.emit(self.engine.snapshot())
        self._reschedule()

    def _reschedule(self) -> None:
        wake = self.engine.next_wakeup()
        if wake is None:
            self._timer.stop()
            return
        now = self.engine.now()
        if self.frames:
            wake = min(wake, now + FRAME_S)
        # Rounded up (less float noise): waking a hair early would only cost one more short wait.
        delay_ms = max(0, math.ceil((wake - now) * 1000 - 1e-6))
        self._timer.start(delay_ms)

    def _on_event(self, event: ev.Event) -> None:
        self.engineEvent.emit(event)
        match event:
            case ev.PhaseStarted(phase=phase):
                self.phaseStarted.emit(phase)
            case ev.Finished(completed=completed):
                self._timer.stop()
                self.stateChanged.emit()
                self.finished.emit(completed)
            case ev.Paused() | ev.Resumed():
                self.stateChanged.emit()
            case _:
                pass
