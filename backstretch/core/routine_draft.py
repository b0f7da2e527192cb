"""A routine being edited, and the words the routine editor shows about it (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from backstretch.core.cues import CueTexts
from backstretch.core.i18n import N_, ntr, tr
from backstretch.core.labels import TIMING_LABELS
from backstretch.core.personalize import personalize
from backstretch.core.problems import ProblemsError
from backstretch.core.routines import (
    FORMAT_VERSION,
    PREPARE_LIMITS,
    REST_LIMITS,
    SWITCH_LIMITS,
    Routine,
    parse_routine,
)
from backstretch.core.session import session_plan
from backstretch.core.settings import Settings
from backstretch.core.stretches import (
    HOLD_LIMITS,
    RELAX_LIMITS,
    REPETITION_LIMITS,
    Library,
    Variant,
)
from backstretch.core.timefmt import duration_text

# What a routine can set for one of its stretches: title and limits, in the editor's order.
ITEM_FIELDS: Final = {
    "hold": (N_("Hold"), HOLD_LIMITS),
    "repetitions": (N_("Repetitions"), REPETITION_LIMITS),
    "relax": (TIMING_LABELS["relax"], RELAX_LIMITS),
}
# What a routine can set for all of its stretches.
TIMING_FIELDS: Final = {
    "prepare": (TIMING_LABELS["prepare"], PREPARE_LIMITS),
    "switch": (TIMING_LABELS["switch"], SWITCH_LIMITS),
    "rest": (TIMING_LABELS["rest"], REST_LIMITS),
}
# The item keys a routine can set, as the list names them ("set here: hold, form").
OWN_WORDS: Final = {
    "hold": N_("hold"),
    "repetitions": N_("repetitions"),
    "relax": N_("relax"),
    "sides": N_("sides"),
    "variant": N_("form"),
}


def clean(item: dict[str, Any]) -> dict[str, Any]:
    """The item as a file holds it: without the editor's own keys (they start with "_")."""
    return {k: v for k, v in item.items() if not k.startswith("_")}


@dataclass
class Draft:
    """The routine being edited, as the values a routine file would hold."""

    routine_id: str
    bundled: bool
    name: str
    description: str
    items: list[dict[str, Any]]  # {"stretch": id, and only the keys this routine sets}
    timings: dict[str, int]

    @classmethod
    def of(cls, routine: Routine) -> Draft:
        return cls(
            routine.id,
            routine.bundled,
            routine.name,
            routine.description,
            [{"stretch": i.stretch.id, **i.overrides} for i in routine.items],
            dict(routine.timing_overrides),
        )

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT_VERSION, "name": self.name.strip()}
        if self.description.strip():
            data["description"] = self.description.strip()
        if self.timings:
            data["timings"] = dict(self.timings)
        data["item"] = [clean(item) for item in self.items]
        return data

    def routine(self, library: Library) -> Routine:
        """Validated as a file would be; raises ProblemsError naming what is missing."""
        return parse_routine(
            self.to_data(), library, file=self.name or "routine", routine_id=self.routine_id
        )

    def summary(self, library: Library, settings: Settings, texts: CueTexts) -> str:
        """ "5 stretches, 7 min 36 s with your settings.", or what stops it being saved."""
        try:
            plan = session_plan(self.routine(library), settings, texts)
        except ProblemsError as error:
            return tr("Not ready to save: {problem}").format(problem=error.problems[0])
        count = len(plan.routine.items)
        return ntr(
            "{n} stretch, {time} with your settings.",
            "{n} stretches, {time} with your settings.",
            count,
        ).format(n=count, time=duration_text(plan.total_s))


def seconds_text(value: int) -> str:
    return tr("{seconds} s").format(seconds=value)


def times_text(value: int) -> str:
    return tr("{n} ×").format(n=value)


def item_label(item: dict[str, Any], library: Library, settings: Settings) -> str:
    """ "Child's Pose: 60 s, both sides  (set here: hold)": the item as it will be done."""
    single = parse_routine({"name": "x", "item": [clean(item)]}, library, file="x")
    done = personalize(single, settings).items[0]
    parts = [seconds_text(done.hold)]
    if done.repetitions > 1:
        parts.append(times_text(done.repetitions))
    if done.stretch.sided:
        parts.append(tr("both sides") if done.sides else tr("one side"))
    if done.stretch.variant is Variant.EASIER:
        parts.append(tr("easier way"))
    label = tr("{stretch}: {details}").format(stretch=done.stretch.name, details=", ".join(parts))
    own = [tr(word) for key, word in OWN_WORDS.items() if key in item]
    if not own:
        return label
    return tr("{label}  (set here: {keys})").format(label=label, keys=", ".join(own))


def item_otherwise(item: dict[str, Any], library: Library, settings: Settings) -> dict[str, Any]:
    """What each of the item's keys is when the routine does not set it, and where that comes
    from: {"hold": (45, "Otherwise 45 s, the default"), ..., "sides": (True, "...")}."""
    stretch = library[item["stretch"]]
    own = settings.stretches.get(stretch.id)
    hold = own.hold if own and own.hold is not None else None
    reps = own.repetitions if own and own.repetitions is not None else None
    shown: dict[str, Any] = {}
    for key, mine, default, unit in (
        ("hold", hold, stretch.default_hold, seconds_text),
        ("repetitions", reps, stretch.default_repetitions, times_text),
        ("relax", None, settings.timings.relax, seconds_text),
    ):
        value = mine if mine is not None else default
        if key == "relax":
            text = tr("Otherwise {value}, from Settings")
        elif mine is not None:
            text = tr("Otherwise {value}, your setting")
        else:
            text = tr("Otherwise {value}, the default")
        shown[key] = (value, text.format(value=unit(value)))
    sides = own.sides if own and own.sides is not None else stretch.sided
    if not stretch.sided:
        sides_text = tr("Done once; it has no sides")
    else:
        sides_text = tr("Otherwise both sides") if sides else tr("Otherwise one side")
    shown["sides"] = (sides, sides_text)
    easier = stretch.has_easier and own is not None and own.variant is Variant.EASIER
    if not stretch.has_easier:
        variant_text = tr("{stretch} has no easier way yet").format(stretch=stretch.name)
    elif easier:
        variant_text = tr("Otherwise the easier way, your setting")
    else:
        variant_text = tr("Otherwise the usual way")
    shown["variant"] = (easier, variant_text)
    return shown


def timing_otherwise(key: str, settings: Settings) -> str:
    """ "Otherwise 15 s, from Settings": a routine timing left to the person's settings."""
    value = getattr(settings.timings, key)
    return tr("Otherwise {value}, from Settings").format(value=seconds_text(value))
