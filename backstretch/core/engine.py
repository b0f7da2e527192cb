"""The session engine: walks a plan on an injected monotonic clock, by deadlines, never ticks."""

from __future__ import annotations

import enum
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from backstretch.core.plan import Cue, Phase, PhaseKind, Plan
from backstretch.core.stretches import Side

log = logging.getLogger(__name__)

Clock = Callable[[], float]

SLEEP_GAP_S = 2.0  # a longer gap between two ticks means the machine slept or the app froze
BACK_RESTART_S = 3.0  # "back" pressed later than this into a phase restarts it
EXTEND_S = 10.0
MAX_EXTENSION_S = 600.0  # per phase; keeps a stuck key from making an endless hold


class EngineState(enum.Enum):
    """Where the session is."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class PauseReason(enum.Enum):
    """Why the session paused: the voice says something for some of them, the trace logs all."""

    USER = "user"  # Pause, Space, the media key
    ASKED = "asked"  # "End this session?" was asked; nothing is said
    SLEEP = "sleep"  # a long gap between two ticks: the machine slept or the app froze
    PAIN = "pain"  # "It hurts"


class Control(enum.Enum):
    """What a person (or a media key) can ask of a running session."""

    TICK = "tick"
    PAUSE = "pause"
    PAUSE_FOR_QUESTION = "pause_for_question"  # "End this session?" is on screen: said nothing
    RESUME = "resume"
    TOGGLE_PAUSE = "toggle_pause"
    REPORT_PAIN = "report_pain"
    SKIP = "skip"
    SKIP_STRETCH = "skip_stretch"
    BACK = "back"
    EXTEND = "extend"
    STOP = "stop"


class HoldOutcome(enum.Enum):
    """How one hold ended, for the session log."""

    DONE = "done"
    EXTENDED = "extended"
    SKIPPED = "skipped"
    PAIN = "pain"
    STOPPED = "stopped"


@dataclass(frozen=True)
class HoldRecord:
    """One hold as it happened: planned and actually held seconds side by side."""

    item: int
    stretch: str
    side: Side | None
    rep: int | None
    planned_s: float
    held_s: float
    outcome: HoldOutcome
    variant: str = "usual"  # which form was done: Variant.value of the phase's stretch


# Events. `t` is the engine's clock at the moment the event happened; a phase that follows
# another on time carries its scheduled start, so lateness of the GUI thread never shifts it.
@dataclass(frozen=True)
class PhaseStarted:
    phase: Phase
    t: float


@dataclass(frozen=True)
class CueDue:
    cue: Cue
    phase: Phase
    t: float


@dataclass(frozen=True)
class Paused:
    reason: PauseReason
    t: float


@dataclass(frozen=True)
class Resumed:
    t: float


@dataclass(frozen=True)
class Skipped:
    phase: Phase
    t: float


@dataclass(frozen=True)
class WentBack:
    phase: Phase  # the phase that is starting again
    t: float


@dataclass(frozen=True)
class Extended:
    phase: Phase
    seconds: float
    t: float


@dataclass(frozen=True)
class HoldEnded:
    record: HoldRecord
    t: float


@dataclass(frozen=True)
class Finished:
    completed: bool  # False when the person stopped the session
    t: float


Event = (
    PhaseStarted | CueDue | Paused | Resumed | Skipped | WentBack | Extended | HoldEnded | Finished
)
Listener = Callable[[Event], None]


@dataclass(frozen=True)
class Snapshot:
    """The session at one instant, read from one clock reading: what a screen shows."""

    phase: Phase
    state: EngineState
    remaining: float  # seconds left in the phase
    duration: float  # the phase's length, extensions included
    session_remaining: float

    @property
    def elapsed(self) -> float:
        return self.duration - self.remaining

    @property
    def running(self) -> bool:
        return self.state is EngineState.RUNNING


class SessionEngine:
    """Runs a plan. Remaining time is always deadline - now; pausing stores the remainder."""

    def __init__(self, plan: Plan, clock: Clock) -> None:
        self.plan = plan
        self._clock = clock
        self._listeners: list[Listener] = []
        self.state = EngineState.READY
        self.records: list[HoldRecord] = []
        self._index = 0
        self._deadline = 0.0
        self._duration = plan.phases[0].duration_s
        self._remaining_when_paused = 0.0
        self._last_tick = 0.0
        self._fired: set[int] = set()
        self._pain_item: int | None = None
        self._active = 0.0  # seconds spent running, pauses excluded
        self._running_since: float | None = None

    # ----------------------------------------------------------------- observing
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # one broken listener must not stop the session or the others
                log.exception("listener %r failed on %r", listener, event)

    def now(self) -> float:
        """The engine's clock (a fake one in tests)."""
        return self._clock()

    @property
    def phase(self) -> Phase:
        return self.plan.phases[self._index]

    def remaining(self) -> float:
        """Seconds left in the current phase."""
        if self.state is EngineState.RUNNING:
            return max(0.0, self._deadline - self._clock())
        if self.state is EngineState.PAUSED:
            return self._remaining_when_paused
        if self.state is EngineState.READY:
            return self._duration
        return 0.0

    def snapshot(self) -> Snapshot:
        remaining = self.remaining()
        later = sum(p.duration_s for p in self.plan.phases[self._index + 1 :])
        finished = self.state is EngineState.FINISHED
        return Snapshot(
            phase=self.phase,
            state=self.state,
            remaining=remaining,
            duration=self._duration,
            session_remaining=0.0 if finished else remaining + later,
        )

    def phase_duration(self) -> float:
        """The current phase's length, extensions included."""
        return self._duration

    def elapsed(self) -> float:
        return self._duration - self.remaining()

    def session_remaining(self) -> float:
        later = sum(p.duration_s for p in self.plan.phases[self._index + 1 :])
        return self.remaining() + later if self.state is not EngineState.FINISHED else 0.0

    def active_seconds(self) -> float:
        """Time the session has run, pauses and sleep excluded."""
        if self._running_since is not None and self.state is EngineState.RUNNING:
            return self._active + max(0.0, self._clock() - self._running_since)
        return self._active

    def _set_running(self, now: float) -> None:
        self.state = EngineState.RUNNING
        if self._running_since is None:
            self._running_since = now

    def _set_stopped(self, until: float, state: EngineState) -> None:
        if self._running_since is not None:
            self._active += max(0.0, until - self._running_since)
            self._running_since = None
        self.state = state

    def extended_by(self) -> float:
        return self._duration - self.phase.duration_s

    def next_wakeup(self) -> float | None:
        """When something next changes: a whole second of the countdown, a cue, or the end."""
        if self.state is not EngineState.RUNNING:
            return None
        now = self._clock()
        remaining = self._deadline - now
        if remaining <= 0:
            return now
        fraction = remaining - math.floor(remaining)
        wake = min(self._deadline, now + (fraction if fraction > 1e-3 else 1.0))
        for number, cue in enumerate(self.phase.cues):
            if number not in self._fired:
                at = self._deadline - self._duration + cue.at_s(self._duration)
                if at > now:
                    wake = min(wake, at)
        return wake

    # ----------------------------------------------------------------- controls
    def start(self) -> None:
        if self.state is not EngineState.READY:
            return
        now = self._clock()
        self._set_running(now)
        self._last_tick = now
        self._enter(0, now)

    def tick(self) -> None:
        """Bring the session up to the clock. Safe to call at any time, as often as wished."""
        if self.state is not EngineState.RUNNING:
            return
        now = self._clock()
        if now - self._last_tick > SLEEP_GAP_S:
            # The machine slept (or the app froze): pause with what was left at the last tick
            # instead of racing through the phases that were "missed".
            self._remaining_when_paused = max(0.0, self._deadline - self._last_tick)
            self._set_stopped(self._last_tick, EngineState.PAUSED)
            self._last_tick = now
            self._emit(Paused(PauseReason.SLEEP, now))
            return
        self._last_tick = now
        self._advance(now)

    def apply(self, control: Control) -> None:
        """Run one control; the same as calling its method."""
        match control:
            case Control.TICK:
                self.tick()
            case Control.PAUSE:
                self.pause()
            case Control.PAUSE_FOR_QUESTION:
                self.pause(PauseReason.ASKED)
            case Control.RESUME:
                self.resume()
            case Control.TOGGLE_PAUSE:
                self.toggle_pause()
            case Control.REPORT_PAIN:
                self.report_pain()
            case Control.SKIP:
                self.skip()
            case Control.SKIP_STRETCH:
                self.skip_stretch()
            case Control.BACK:
                self.back()
            case Control.EXTEND:
                self.extend()
            case Control.STOP:
                self.stop()

    def pause(self, reason: PauseReason = PauseReason.USER) -> None:
        if self.state is not EngineState.RUNNING:
            return
        now = self._clock()
        self._remaining_when_paused = max(0.0, self._deadline - now)
        self._set_stopped(now, EngineState.PAUSED)
        self._emit(Paused(reason, now))

    def resume(self) -> None:
        if self.state is not EngineState.PAUSED:
            return
        now = self._clock()
        self._deadline = now + self._remaining_when_paused
        self._last_tick = now
        self._set_running(now)
        self._emit(Resumed(now))
        self._advance(now)

    def toggle_pause(self) -> None:
        if self.state is EngineState.RUNNING:
            self.pause()
        else:
            self.resume()

    def report_pain(self) -> None:
        """ "It hurts": pause at once and remember it, so what follows is logged as pain."""
        if self.state in (EngineState.READY, EngineState.FINISHED):
            return
        self._pain_item = self.phase.item
        if self.state is EngineState.RUNNING:
            self.pause(PauseReason.PAIN)
        else:
            self._emit(Paused(PauseReason.PAIN, self._clock()))

    def skip(self) -> None:
        """End the current phase now and start the next (a paused session carries on)."""
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return
        now = self._clock()
        phase = self.phase
        self._emit(Skipped(phase, now))
        self._end_hold(now, HoldOutcome.SKIPPED)
        self._run_from(self._index + 1, now)

    def skip_stretch(self) -> None:
        """Leave the current stretch: its holds still to come are logged as skipped (or pain)."""
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return
        now = self._clock()
        phase = self.phase
        self._emit(Skipped(phase, now))
        outcome = self._interrupted_outcome(HoldOutcome.SKIPPED)
        self._end_hold(now, HoldOutcome.SKIPPED)
        target = self._index + 1
        phases = self.plan.phases
        while (
            phases[target].kind is not PhaseKind.DONE
            and phases[target].item == phase.item
            and phases[target].kind is not PhaseKind.REST
        ):
            if phases[target].kind is PhaseKind.HOLD:
                self._record(phases[target], 0.0, outcome)
            target += 1
        self._run_from(target, now)

    def back(self) -> None:
        """Restart this phase; pressed near its start, go back to the previous stretch."""
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return
        now = self._clock()
        phase = self.phase
        if self.elapsed() >= BACK_RESTART_S or phase.index == 0:
            target = phase.index
        else:
            target = self.plan.first_phase_of_item(max(phase.item - 1, 0))
        # A hold left by going back is being redone, so it is not logged.
        self._pain_item = None
        self._emit(WentBack(self.plan.phases[target], now))
        self._run_from(target, now)

    def extend(self, seconds: float = EXTEND_S) -> None:
        """Add time to the current phase (a hold, or more time to get into position)."""
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return
        if self.phase.kind is PhaseKind.DONE or self.extended_by() + seconds > MAX_EXTENSION_S:
            return
        now = self._clock()
        self._duration += seconds
        if self.state is EngineState.RUNNING:
            self._deadline += seconds
        else:
            self._remaining_when_paused += seconds
        # The countdown restarts from the new end.
        self._fired = {n for n in self._fired if not self.phase.cues[n].from_end}
        self._emit(Extended(self.phase, seconds, now))

    def change_plan(self, plan: Plan, index: int) -> None:
        """Carry on with another plan from its phase `index`: the same routine with one stretch
        done another way ("Try the easier way"). The hold in progress is logged as it ended
        (pain, when "It hurts" led here); the stretch starts again from getting into position."""
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return
        now = self._clock()
        self._end_hold(now, HoldOutcome.SKIPPED)
        self.plan = plan
        self._pain_item = None
        self._run_from(index, now)

    def stop(self) -> None:
        """End the session early; the hold in progress is logged as stopped (or pain)."""
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return
        now = self._clock()
        self._end_hold(now, HoldOutcome.STOPPED)
        self._remaining_when_paused = 0.0
        self._set_stopped(now, EngineState.FINISHED)
        self._emit(Finished(False, now))

    # ----------------------------------------------------------------- inside
    def _run_from(self, index: int, now: float) -> None:
        self._set_running(now)
        self._last_tick = now
        self._enter(index, now)

    def _enter(self, index: int, start: float) -> None:
        self._index = index
        phase = self.plan.phases[index]
        self._duration = phase.duration_s
        self._deadline = start + phase.duration_s
        self._fired = set()
        if self._pain_item is not None and phase.item != self._pain_item:
            self._pain_item = None
        self._emit(PhaseStarted(phase, start))
        if phase.kind is PhaseKind.DONE:
            self._fire_due(start)
            self._set_stopped(start, EngineState.FINISHED)
            self._emit(Finished(True, start))
        else:
            self._fire_due(max(start, self._clock()))

    def _advance(self, now: float) -> None:
        while self.state is EngineState.RUNNING and now >= self._deadline:
            ended = self._deadline
            extended = self.extended_by() > 0
            self._end_hold(ended, HoldOutcome.EXTENDED if extended else HoldOutcome.DONE)
            # The next phase starts at this one's deadline, not at the (late) tick: no drift.
            self._enter(self._index + 1, ended)
        if self.state is EngineState.RUNNING:
            self._fire_due(now)

    def _fire_due(self, now: float) -> None:
        phase = self.phase
        start = self._deadline - self._duration
        for number, cue in enumerate(phase.cues):
            if number not in self._fired and start + cue.at_s(self._duration) <= now + 1e-9:
                self._fired.add(number)
                self._emit(CueDue(cue, phase, now))

    def _interrupted_outcome(self, default: HoldOutcome) -> HoldOutcome:
        return HoldOutcome.PAIN if self._pain_item == self.phase.item else default

    def _end_hold(self, now: float, outcome: HoldOutcome) -> None:
        phase = self.phase
        if phase.kind is not PhaseKind.HOLD:
            return
        if outcome in (HoldOutcome.SKIPPED, HoldOutcome.STOPPED):
            outcome = self._interrupted_outcome(outcome)
        remaining = (
            self._remaining_when_paused
            if self.state is EngineState.PAUSED
            else max(0.0, self._deadline - now)
        )
        self._record(phase, self._duration - remaining, outcome, now)

    def _record(
        self, phase: Phase, held: float, outcome: HoldOutcome, now: float | None = None
    ) -> None:
        assert phase.stretch is not None
        record = HoldRecord(
            phase.item,
            phase.stretch.id,
            phase.side,
            phase.rep,
            phase.duration_s,
            round(held, 3),
            outcome,
            phase.stretch.variant.value,
        )
        self.records.append(record)
        self._emit(HoldEnded(record, self._clock() if now is None else now))
