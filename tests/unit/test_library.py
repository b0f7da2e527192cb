"""The stretch library: the five stretches of the article with its hold ranges."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from backstretch.core.paths import asset
from backstretch.core.problems import ProblemsError
from backstretch.core.stretches import Side, load_library
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
