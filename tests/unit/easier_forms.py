"""A library with one easier form, whatever assets/stretches.toml holds today.

Knee-to-Chest gets the easier form written below and every other stretch has none, so tests of
routines, settings and personalize can rely on both cases while the real content changes.
"""

from __future__ import annotations

import dataclasses
import tomllib

from backstretch.core.stretches import EasierForm, Library, load_library

EASIER_ID = "knee-to-chest"
NO_EASIER_ID = "pelvic-tilt"

_EASIER_TOML = """
summary = "A towel behind the thigh instead of your hands"
prepare_steps = [
    "Lie on your back with both knees bent.",
    "Loop a towel behind one thigh and hold an end in each hand.",
]
hold_step = "Let the towel carry the leg; your hands stay relaxed."
illustration = "knee-to-chest-easier-start.svg"
illustration_hold = "knee-to-chest-easier-hold.svg"
"""


def easier_library() -> Library:
    table = tomllib.loads(_EASIER_TOML)
    easier = EasierForm(
        table["summary"],
        tuple(table["prepare_steps"]),
        table["hold_step"],
        table["illustration"],
        table["illustration_hold"],
    )
    return Library(
        [
            dataclasses.replace(s, easier=easier, easier_summary=easier.summary)
            if s.id == EASIER_ID
            else dataclasses.replace(s, easier=None, easier_summary="")
            for s in load_library()
        ]
    )
