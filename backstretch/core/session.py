"""A session, assembled once: a routine and the person's settings become a plan and an engine.

Everything else listens to the engine's events: the log recorder and the tracer (here and in
core/trace.py, plain Python), the window and the voice (ui/, attached by app.py). Nothing else
builds a plan for a session that runs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backstretch.core.clock import Wall, wall_now
from backstretch.core.cues import CueTexts
from backstretch.core.personalize import personalize
from backstretch.core.plan import Plan, build_plan
from backstretch.core.routines import Routine
from backstretch.core.settings import Settings
from backstretch.core.stretches import Variant

if TYPE_CHECKING:  # the start view uses session_plan before the first frame: engine and log later
    from backstretch.core import engine as ev
    from backstretch.core.engine import Clock, SessionEngine
    from backstretch.core.log import SessionLog


def session_plan(routine: Routine, settings: Settings, texts: CueTexts) -> Plan:
    """The plan this person will follow: their settings applied, read at their speaking rate."""
    return build_plan(personalize(routine, settings), texts, settings.rate)


@dataclass
class Session:
    """One session: the plan as this person does it, and the engine that walks it."""

    plan: Plan
    engine: SessionEngine
    texts: CueTexts
    rate: int
    log_id: int | None = None  # its row in the session log, once a recorder has written it

    @property
    def routine(self) -> Routine:
        return self.plan.routine

    def easier_plan(self) -> Plan | None:
        """The same plan with the current stretch in its easier form ("It hurts", Try the
        easier way), or None when it has none or is in it already."""
        stretch = self.engine.phase.stretch
        if stretch is None or not stretch.has_easier or stretch.variant is Variant.EASIER:
            return None
        items = list(self.routine.items)
        number = self.engine.phase.item
        items[number] = dataclasses.replace(items[number], stretch=stretch.form(Variant.EASIER))
        routine = dataclasses.replace(self.routine, items=tuple(items))
        return build_plan(routine, self.texts, self.rate)

    def change_plan(self, plan: Plan) -> None:
        """Carry on with a changed plan from the start of the current stretch."""
        self.plan = plan
        self.engine.change_plan(plan, plan.first_phase_of_item(self.engine.phase.item))


def assemble(routine: Routine, settings: Settings, texts: CueTexts, clock: Clock) -> Session:
    """The one place a session is built; listeners are attached by whoever assembles it."""
    from backstretch.core.engine import SessionEngine

    plan = session_plan(routine, settings, texts)
    return Session(plan, SessionEngine(plan, clock), texts, settings.rate)


class LogRecorder:
    """Writes a session into the log as it happens: its row at once, each hold as it ends, the
    end when it ends. A listener of the engine like any other."""

    def __init__(
        self,
        session_log: SessionLog,
        session: Session,
        pain_before: int | None = None,
        wall: Wall = wall_now,
    ) -> None:
        self._log, self._engine, self._wall = session_log, session.engine, wall
        routine = session.routine
        self.session_id = session_log.start_session(
            routine.id or routine.log_name, routine.log_name, session.plan.total_s, wall()
        )
        if pain_before is not None:
            session_log.set_pain(self.session_id, before=pain_before)
        session.log_id = self.session_id
        session.engine.subscribe(self)

    def __call__(self, event: ev.Event) -> None:
        from backstretch.core import engine as ev

        match event:
            case ev.HoldEnded(record=record):
                self._log.record_hold(self.session_id, record)
            case ev.Finished(completed=completed):
                status = "completed" if completed else "stopped"
                self._log.finish_session(
                    self.session_id, status, self._wall(), self._engine.active_seconds()
                )
            case _:
                pass


def control_cue(event: ev.Event, texts: CueTexts) -> str | None:
    """What the voice says when the person pauses, carries on, or says it hurts."""
    from backstretch.core import engine as ev
    from backstretch.core.engine import PauseReason

    match event:
        case ev.Paused(reason=PauseReason.USER):
            return texts.say("control.pause")
        case ev.Paused(reason=PauseReason.PAIN):
            return texts.say("control.hurt")
        case ev.Resumed():
            return texts.say("control.resume")
        case _:
            return None
