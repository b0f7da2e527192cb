"""QtTicker: drives a SessionEngine from one precise single-shot QTimer, rescheduled each time."""

from __future__ import annotations

import math
import weakref
from typing import ClassVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backstretch.core import engine as ev
from backstretch.core.engine import SessionEngine


class QtTicker(QObject):
    """Turns engine events into Qt signals and wakes the engine exactly when something changes.

    The timer is rescheduled to the next whole second of the countdown, the next cue or the
    phase deadline, whichever comes first; the engine reads the monotonic clock, so a late
    timeout never shifts the timeline (Qt's default CoarseTimer may also fire early: we use
    PreciseTimer and simply ask the engine again).
    """

    phaseStarted = Signal(object)
    cueDue = Signal(object)
    holdEnded = Signal(object)
    secondChanged = Signal()
    stateChanged = Signal()
    finished = Signal(bool)
    engineEvent = Signal(object)  # every event, for listeners that want them all

    instances: ClassVar[weakref.WeakSet[QtTicker]] = weakref.WeakSet()

    def __init__(self, engine: SessionEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
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
        self._reschedule()

    def poke(self) -> None:
        """Let the engine catch up with the clock now, then sleep until the next change."""
        self.engine.tick()
        self.secondChanged.emit()
        self._reschedule()

    def control(self, action: str) -> None:
        """Run an engine control ("pause", "resume", "toggle_pause", "skip", ...) and reschedule."""
        getattr(self.engine, action)()
        self.secondChanged.emit()
        self._reschedule()

    def stop_timer(self) -> None:
        self._timer.stop()

    def _reschedule(self) -> None:
        wake = self.engine.next_wakeup()
        if wake is None:
            self._timer.stop()
            return
        # Rounded up (less float noise): waking a hair early would only cost one more short wait.
        delay_ms = max(0, math.ceil((wake - self.engine.now()) * 1000 - 1e-6))
        self._timer.start(delay_ms)

    def _on_event(self, event: ev.Event) -> None:
        self.engineEvent.emit(event)
        match event:
            case ev.PhaseStarted(phase=phase):
                self.phaseStarted.emit(phase)
            case ev.CueDue():
                self.cueDue.emit(event)
            case ev.HoldEnded(record=record):
                self.holdEnded.emit(record)
            case ev.Finished(completed=completed):
                self._timer.stop()
                self.stateChanged.emit()
                self.finished.emit(completed)
            case ev.Paused() | ev.Resumed():
                self.stateChanged.emit()
            case _:
                pass
