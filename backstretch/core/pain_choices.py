"""Listening to pain (issue 16): when a stretch keeps hurting, suggest making it gentler, and
apply or undo what the person chose. Plain Python; nothing reads the clock."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final

from backstretch.core.i18n import ntr
from backstretch.core.log import PainChoice, SessionRow
from backstretch.core.settings import Settings, StretchSetting
from backstretch.core.stretches import HOLD_LIMITS, Stretch, Variant

PAIN_STOPS: Final = 2  # stopped for pain in 2 ...
OF_SESSIONS: Final = 3  # ... of the stretch's last 3 sessions
SHORTER_FACTOR: Final = 2 / 3  # a shorter hold is a third shorter ...


class Choice(enum.Enum):
    SHORTER = "shorter"
    EASIER = "easier"
    LEAVE_OUT = "leave_out"
    NOT_NOW = "not_now"


@dataclass(frozen=True)
class Suggestion:
    """A stretch stopped for pain in PAIN_STOPS of its last OF_SESSIONS sessions."""

    stretch: str
    pain_stops: int
    of_sessions: int
    last_pain: datetime  # the newest stop: a choice made after it answers the suggestion


def pain_suggestions(
    sessions: Iterable[SessionRow],
    choices: Iterable[PainChoice] = (),
    settings: Settings | None = None,
) -> list[Suggestion]:
    """Stretches for the start view to ask about, newest stop first.

    `sessions` are read with their holds, in any order. A stretch is not asked about again
    once a choice (even "Not now") was made after its newest pain stop, nor while it is
    left out."""
    last_choice: dict[str, datetime] = {}
    for choice in choices:
        last_choice[choice.stretch] = max(
            choice.made_at, last_choice.get(choice.stretch, choice.made_at)
        )
    history: dict[str, list[tuple[datetime, bool]]] = {}
    for row in sorted(sessions, key=lambda r: r.started_at, reverse=True):
        seen: dict[str, bool] = {}
        for hold in row.holds:
            seen[hold.stretch] = seen.get(hold.stretch, False) or hold.outcome == "pain"
        for stretch, hurt in seen.items():
            recent = history.setdefault(stretch, [])
            if len(recent) < OF_SESSIONS:
                recent.append((row.started_at, hurt))
    found = []
    for stretch, recent in history.items():
        stops = [moment for moment, hurt in recent if hurt]
        if len(stops) < PAIN_STOPS:
            continue
        own = settings.stretches.get(stretch) if settings is not None else None
        if own is not None and own.left_out:
            continue
        if stretch in last_choice and last_choice[stretch] >= stops[0]:
            continue
        found.append(Suggestion(stretch, len(stops), len(recent), stops[0]))
    found.sort(key=lambda s: s.last_pain, reverse=True)
    return found


def suggestion_text(suggestion: Suggestion, name: str) -> str:
    return ntr(
        "{name} was stopped for pain in {stops} of its last {sessions} session. "
        "Would you like to make it gentler?",
        "{name} was stopped for pain in {stops} of its last {sessions} sessions. "
        "Would you like to make it gentler?",
        suggestion.of_sessions,
    ).format(name=name, stops=suggestion.pain_stops, sessions=suggestion.of_sessions)


def shorter_hold(current: int) -> int:
    """A third shorter, never under the shortest hold a routine accepts."""
    return max(HOLD_LIMITS[0], round(current * SHORTER_FACTOR))


def options_for(stretch: Stretch, settings: Settings) -> list[Choice]:
    """The choices that would change something for this stretch, Not now last."""
    own = settings.stretches.get(stretch.id, StretchSetting())
    hold = own.hold if own.hold is not None else stretch.default_hold
    options = []
    if shorter_hold(hold) < hold:
        options.append(Choice.SHORTER)
    if stretch.has_easier and own.variant is not Variant.EASIER:
        options.append(Choice.EASIER)
    options += [Choice.LEAVE_OUT, Choice.NOT_NOW]
    return options


def apply_choice(settings: Settings, stretch: Stretch, choice: Choice) -> Settings:
    """The settings after the choice (Not now changes nothing)."""
    own = settings.stretches.get(stretch.id, StretchSetting())
    if choice is Choice.SHORTER:
        hold = own.hold if own.hold is not None else stretch.default_hold
        own = replace(own, hold=shorter_hold(hold))
    elif choice is Choice.EASIER:
        own = replace(own, variant=Variant.EASIER)
    elif choice is Choice.LEAVE_OUT:
        own = replace(own, left_out=True)
    else:
        return settings
    return _with(settings, stretch.id, own)


def setting_json(setting: StretchSetting | None) -> str:
    """A stretch's setting as stored with a choice, so Undo can put it back."""
    if setting is None:
        return "{}"
    values = {
        "hold": setting.hold,
        "repetitions": setting.repetitions,
        "sides": setting.sides,
        "variant": setting.variant.value if setting.variant is not None else None,
        "left_out": setting.left_out,
    }
    return json.dumps({k: v for k, v in values.items() if v is not None}, sort_keys=True)


def setting_from_json(text: str) -> StretchSetting:
    data = json.loads(text or "{}")
    variant = data.get("variant")
    return StretchSetting(
        data.get("hold"),
        data.get("repetitions"),
        data.get("sides"),
        None if variant is None else Variant(variant),
        data.get("left_out"),
    )


def undo_choice(settings: Settings, stretch_id: str, previous: str) -> Settings:
    """The settings with the stretch's setting as it was before the choice."""
    return _with(settings, stretch_id, setting_from_json(previous))


def _with(settings: Settings, stretch_id: str, own: StretchSetting) -> Settings:
    stretches = dict(settings.stretches)
    if own.is_default:
        stretches.pop(stretch_id, None)
    else:
        stretches[stretch_id] = own
    return replace(settings, stretches=stretches)
