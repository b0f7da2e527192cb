"""The person's settings fill in what a routine leaves open; a routine's own values win."""

from __future__ import annotations

import tomllib

from backstretch.core.cues import load_cue_texts
from backstretch.core.personalize import personalize
from backstretch.core.plan import build_plan
from backstretch.core.routines import find_routine, parse_routine
from backstretch.core.settings import GlobalTimings, Settings, StretchSetting, replace
from backstretch.core.stretches import Variant, load_library
from tests.fakes import routine_from_text
from tests.unit.easier_forms import EASIER_ID, NO_EASIER_ID, easier_library

PRESCRIBED = """
name = "From my physio"
[timings]
rest = 40
[[item]]
stretch = "piriformis"
hold = 50
[[item]]
stretch = "knee-to-chest"
"""


def test_settings_fill_in_values_the_routine_does_not_set() -> None:
    routine = routine_from_text(PRESCRIBED)
    settings = replace(
        Settings(),
        timings=GlobalTimings(prepare=25, switch=4, rest=5, relax=9),
        stretches={
            "piriformis": StretchSetting(hold=20, repetitions=2),
            "knee-to-chest": StretchSetting(hold=55, sides=False),
        },
    )
    mine = personalize(routine, settings)
    assert (mine.timings.prepare, mine.timings.switch, mine.timings.rest) == (25, 4, 40)
    piriformis, knee = mine.items
    assert (piriformis.hold, piriformis.repetitions, piriformis.relax) == (50, 2, 9)
    assert piriformis.sides
    assert (knee.hold, knee.sides) == (55, False)
    assert personalize(mine, settings) == mine  # applying twice changes nothing


def test_the_bundled_routine_follows_the_settings_and_the_total_changes() -> None:
    library = load_library()
    texts = load_cue_texts()
    bundled = find_routine("lower-back-relief", None, library)
    plain = build_plan(personalize(bundled, Settings()), texts)
    longer = replace(Settings(), stretches={"childs-pose": StretchSetting(hold=60)})
    changed = build_plan(personalize(bundled, longer), texts)
    assert changed.total_s - plain.total_s == 15
    assert personalize(bundled, Settings()).items[0].hold == library["childs-pose"].default_hold


def test_the_easier_way_comes_from_the_routine_then_the_settings() -> None:
    library = easier_library()
    text = f"""
name = "Mixed"
[[item]]
stretch = "{EASIER_ID}"
variant = "usual"
[[item]]
stretch = "{EASIER_ID}"
[[item]]
stretch = "{NO_EASIER_ID}"
"""
    routine = parse_routine(tomllib.loads(text), library, file="mixed")
    wants_easier = replace(
        Settings(),
        stretches={
            EASIER_ID: StretchSetting(variant=Variant.EASIER),
            # A setting the stretch cannot follow (it has no easier form) is not an error.
            NO_EASIER_ID: StretchSetting(variant=Variant.EASIER),
        },
    )
    prescribed, chosen, without = personalize(routine, wants_easier).items
    assert prescribed.stretch is library[EASIER_ID]  # the physiotherapist's choice wins
    assert chosen.stretch == library[EASIER_ID].form(Variant.EASIER)
    assert without.stretch is library[NO_EASIER_ID]
    mine = personalize(routine, wants_easier)
    assert personalize(mine, wants_easier) == mine
    # Back to the usual form when the setting goes: the easier copy remembers it.
    assert personalize(mine, Settings()).items[1].stretch is library[EASIER_ID]


def test_the_plan_reads_the_easier_steps_and_shows_the_easier_drawings() -> None:
    library = easier_library()
    routine = parse_routine(
        tomllib.loads(f'name = "One"\n[[item]]\nstretch = "{EASIER_ID}"\n'), library, file="one"
    )
    easier = replace(Settings(), stretches={EASIER_ID: StretchSetting(variant=Variant.EASIER)})
    plan = build_plan(personalize(routine, easier), load_cue_texts())
    steps = library[EASIER_ID].form(Variant.EASIER).prepare_steps
    spoken = " ".join(cue.text for phase in plan.phases for cue in phase.cues)
    assert all(step in spoken for step in steps)
    assert library[EASIER_ID].prepare_steps[1] not in spoken
    drawings = {p.stretch.illustration for p in plan.phases if p.stretch is not None}
    assert drawings == {"knee-to-chest-easier-start.svg"}
