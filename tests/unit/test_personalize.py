"""The person's settings fill in what a routine leaves open; a routine's own values win."""

from __future__ import annotations

from backstretch.core.cues import load_cue_texts
from backstretch.core.personalize import personalize
from backstretch.core.plan import build_plan
from backstretch.core.routines import find_routine
from backstretch.core.settings import GlobalTimings, Settings, StretchSetting, replace
from backstretch.core.stretches import load_library
from tests.fakes import routine_from_text

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
