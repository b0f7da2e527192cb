"""The stretch library: the five stretches of the article with its hold ranges."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from backstretch.core.paths import asset
from backstretch.core.problems import ProblemsError
from backstretch.core.stretches import Side, Variant, load_library
from tests.fakes import write


def test_library_holds_the_five_stretches_with_the_article_ranges() -> None:
    library = load_library()
    assert library.ids == [
        "childs-pose",
        "knee-to-chest",
        "piriformis",
        "seated-spinal-twist",
        "pelvic-tilt",
    ]
    ranges = {s.id: (s.hold_max, s.sided) for s in library}
    assert ranges == {
        "childs-pose": (60, False),
        "knee-to-chest": (60, True),
        "piriformis": (60, True),
        "seated-spinal-twist": (60, True),
        "pelvic-tilt": (10, False),
    }
    assert (library["knee-to-chest"].hold_min, library["piriformis"].hold_min) == (30, 30)
    for stretch in library:
        assert stretch.hold_min <= stretch.default_hold <= stretch.hold_max
        assert stretch.cautions[0].startswith("Stop if the pain gets worse")
        assert any("bounc" in c for c in stretch.cautions)
    assert library["knee-to-chest"].side_name(Side.LEFT) == "left leg"
    assert library["seated-spinal-twist"].side_name(Side.RIGHT) == "right side"
    assert library["pelvic-tilt"].illustration_hold == "pelvic-tilt-hold.svg"
    assert library["piriformis"].recommended == "30-60 s recommended"


def test_every_stretch_has_an_easier_form_in_few_short_steps() -> None:
    # Read the file itself: this checks the content whichever parser reads it.
    entries = tomllib.loads(asset("stretches.toml").read_text(encoding="utf-8"))["stretch"]
    assert len(entries) == 5
    for entry in entries:
        easier = entry["easier"]
        assert set(easier) == {
            "summary",
            "prepare_steps",
            "hold_step",
            "illustration",
            "illustration_hold",
        }, entry["id"]
        assert 0 < len(easier["summary"]) <= 50, easier["summary"]
        assert 2 <= len(easier["prepare_steps"]) <= 4
        for sentence in [*easier["prepare_steps"], easier["hold_step"]]:
            assert sentence.endswith(".") and len(sentence) <= 120, sentence
    # The words say what the drawings show (docs/illustrations.md lists every step).
    by_id = {e["id"]: e for e in entries}
    assert "both hands" in by_id["knee-to-chest"]["prepare_steps"][1]
    assert "arms by your sides" in by_id["pelvic-tilt"]["prepare_steps"][1]
    assert "towel behind one thigh" in by_id["knee-to-chest"]["easier"]["prepare_steps"][1]
    assert "chair" in by_id["seated-spinal-twist"]["easier"]["summary"]
    assert "without pulling" in by_id["piriformis"]["easier"]["hold_step"]


def test_assets_are_found_from_the_source_checkout() -> None:
    assert asset("stretches.toml").is_file()
    assert asset("routines", "lower-back-relief.toml").is_file()


def test_a_broken_library_lists_every_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.toml",
        """
[[stretch]]
id = "a"
name = "A"
sided = true
hold_min = 1
""",
    )
    with pytest.raises(ProblemsError) as caught:
        load_library(path)
    text = str(caught.value)
    for fragment in (
        "stretch 1:side_left: is missing",
        "stretch 1:hold_min: must be between",
        "stretch 1:prepare_steps: must be a non-empty list",
        "stretch 1:targets",
    ):
        assert fragment in text


LIBRARY_WITH_EASIER = """
[[stretch]]
id = "knee-hug"
name = "Knee Hug"
targets = "Hips and lower back"
prepare_steps = ["Lie on your back.", "Bring one knee up and hold it."]
hold_step = "Keep the knee hugged in."
breathing = "Breathe out slowly."
cautions = ["Stop if the pain gets worse.", "Never bounce."]
sided = true
side_left = "left leg"
side_right = "right leg"
hold_min = 30
hold_max = 60
default_hold = 40
illustration = "knee-hug.svg"
illustration_hold = "knee-hug-hold.svg"

[stretch.easier]
summary = "A towel behind the thigh instead of your hands"
prepare_steps = ["Lie on your back.", "Loop a towel behind one thigh and hold its ends."]
hold_step = "Let the towel take the weight of the leg."
illustration = "knee-hug-easier.svg"
illustration_hold = "knee-hug-easier-hold.svg"

[[stretch]]
id = "tilt"
name = "Tilt"
targets = "Lower back"
prepare_steps = ["Lie on your back with knees bent."]
hold_step = "Press your back flat."
breathing = "Breathe."
cautions = ["Stop if the pain gets worse."]
hold_min = 5
hold_max = 10
default_hold = 5
illustration = "tilt.svg"
"""

WITHOUT_EASIER = LIBRARY_WITH_EASIER.partition("[stretch.easier]")[0]


def test_the_easier_form_changes_steps_and_drawings_and_nothing_else(tmp_path: Path) -> None:
    library = load_library(write(tmp_path / "s.toml", LIBRARY_WITH_EASIER))
    usual = library["knee-hug"]
    assert usual.variant is Variant.USUAL and usual.has_easier
    assert usual.easier_summary == "A towel behind the thigh instead of your hands"
    easier = usual.form(Variant.EASIER)
    assert easier.variant is Variant.EASIER
    assert easier.prepare_steps == (
        "Lie on your back.",
        "Loop a towel behind one thigh and hold its ends.",
    )
    assert easier.hold_step == "Let the towel take the weight of the leg."
    assert (easier.illustration, easier.illustration_hold) == (
        "knee-hug-easier.svg",
        "knee-hug-easier-hold.svg",
    )
    kept = ("id", "name", "targets", "breathing", "cautions", "sided", "side_names", "hold_min")
    for name in (*kept, "hold_max", "default_hold", "default_repetitions", "default_relax"):
        assert getattr(easier, name) == getattr(usual, name), name
    assert easier.side_name(Side.LEFT) == "left leg"
    # Either way round, asking again gives the same form: personalize may run twice.
    assert easier.form(Variant.USUAL) is usual
    assert easier.form(Variant.EASIER) is easier
    assert usual.form(Variant.USUAL) is usual
    assert easier.has_easier and easier != usual


def test_a_stretch_without_an_easier_form_says_so(tmp_path: Path) -> None:
    tilt = load_library(write(tmp_path / "s.toml", LIBRARY_WITH_EASIER))["tilt"]
    assert not tilt.has_easier and tilt.easier_summary == ""
    assert tilt.form(Variant.USUAL) is tilt
    with pytest.raises(ValueError, match="tilt has no easier form"):
        tilt.form(Variant.EASIER)


@pytest.mark.parametrize(
    ("easier", "expected"),
    [
        (
            'summary = "s"\nprepare_steps = ["a"]\nhold_step = "h"\nillustration = "e.svg"\n'
            "colour = 3",
            "stretch 1:easier:colour: unknown key",
        ),
        (
            'summary = "s"\nprepare_steps = ["a"]\nhold_step = "h"\nillustration = "e.svg"\n'
            "illustration_hold = 4",
            "stretch 1:easier:illustration_hold: must be text, got a whole number 4",
        ),
        (
            'prepare_steps = ["a"]\nhold_step = "h"\nillustration = "e.svg"',
            "easier:summary: is missing",
        ),
        (
            'summary = "s"\nprepare_steps = []\nhold_step = "h"\nillustration = "e.svg"',
            "stretch 1:easier:prepare_steps: must be a non-empty list of sentences",
        ),
        (
            'summary = "s"\nprepare_steps = ["a", 2]\nhold_step = "h"\nillustration = "e.svg"',
            "stretch 1:easier:prepare_steps 2: must be text",
        ),
        (
            'summary = "s"\nprepare_steps = ["a"]\nillustration = "e.svg"',
            "easier:hold_step: is missing",
        ),
        (
            'summary = "s"\nprepare_steps = ["a"]\nhold_step = "h"',
            "easier:illustration: is missing",
        ),
    ],
)
def test_a_bad_easier_table_names_its_place(tmp_path: Path, easier: str, expected: str) -> None:
    text = WITHOUT_EASIER + "[stretch.easier]\n" + easier + "\n"
    with pytest.raises(ProblemsError) as caught:
        load_library(write(tmp_path / "s.toml", text))
    assert expected in str(caught.value)


def test_easier_must_be_a_table(tmp_path: Path) -> None:
    text = WITHOUT_EASIER.replace(
        'illustration_hold = "knee-hug-hold.svg"',
        'illustration_hold = "knee-hug-hold.svg"\neasier = "yes"',
    )
    with pytest.raises(ProblemsError) as caught:
        load_library(write(tmp_path / "s.toml", text))
    assert [str(p).split(":", 1)[1] for p in caught.value.problems] == [
        "stretch 1:easier: must be a table, got text 'yes'"
    ]
