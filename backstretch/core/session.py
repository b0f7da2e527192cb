"""A session, assembled once: a routine and the person's settings become a plan and an engine."""

from __future__ import annotations

from backstretch.core.cues import CueTexts
from backstretch.core.personalize import personalize
from backstretch.core.plan import Plan, build_plan
from backstretch.core.routines import Routine
from backstretch.core.settings import Settings


def session_plan(routine: Routine, settings: Settings, texts: CueTexts) -> Plan:
    """The plan this person will follow: their settings applied, read at their speaking rate."""
    return build_plan(personalize(routine, settings), texts, settings.rate)
