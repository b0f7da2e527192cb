"""Routine files: the bundled one, and every kind of bad file reported at once with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstretch.core.paths import resolve_paths
from backstretch.core.problems import ProblemsError
from backstretch.core.routines import find_routine, list_routines, load_routine, slug
from backstretch.core.stretches import Variant, load_library
from tests.fakes import write
from tests.unit.easier_forms import EASIER_ID, NO_EASIER_ID, easier_library

LIB = load_library()


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load_routine(path, LIB)
    return [str(p) for p in caught.value.problems]


def test_bundled_routine_runs_the_five_stretches_in_the_article_order() -> None:
    routine = find_routine("Lower back relief", None, LIB)
    assert [i.stretch.id for i in routine.items] == [
        "childs-pose",
        "knee-to-chest",
        "piriformis",
        "seated-spinal-twist",
        "pelvic-tilt",
    ]
    assert routine.bundled
    tilt = routine.items[-1]
    assert (tilt.hold, tilt.repetitions, tilt.relax, tilt.sides) == (10, 5, 5, False)
    assert all(i.sides for i in routine.items[1:4])


def test_every_problem_is_reported_at_once_with_its_place(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.toml",
        """
name = "Mine"
colour = "blue"
[timings]
prepare = 2
[[item]]
stretch = "childs-pose"
hold = 900
[[item]]
stretch = "piriformiss"
holdd = 30
[[item]]
stretch = "pelvic-tilt"
repetitions = "five"
sides = 1
""",
    )
    problems = problems_of(path)
    f = str(path)
    assert (
        f"{f}:colour: unknown key; known keys: format, name, description, timings, item" in problems
    )
    assert f"{f}:timings:prepare: must be between 5 and 120 seconds, got 2" in problems
    assert f"{f}:item 1:hold: must be between 5 and 300 seconds, got 900" in problems
    assert (
        f"{f}:item 2:stretch: unknown stretch 'piriformiss'; did you mean 'piriformis'?" in problems
    )
    assert f"{f}:item 2:holdd: unknown key; did you mean 'hold'?" in problems
    assert f"{f}:item 3:repetitions: must be a whole number, got text 'five'" in problems
    assert f"{f}:item 3:sides: must be true or false, got a whole number 1" in problems
    assert len(problems) == 7


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "r.toml", 'name = "x"\n[[item]]\nstretch = "childs-pose\n')
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: TOML syntax error:")
    assert "line 3" in problem


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b'name = "caf\xe9"\n', "line 1: is not UTF-8 text; save the file as UTF-8"),
        (
            b'name = "Only a name"\n',
            "item: the routine has no stretches; add at least one [[item]]",
        ),
        (b'name = "x"\nitem = 3\n', "item: must be written as [[item]] tables"),
        (
            b'name = "x"\n[[item]]\nstretch = "childs-pose"\nhold = nan\n',
            "item 1:hold: must be a whole number of seconds, got nan",
        ),
        (
            b'name = "x"\n[[item]]\nstretch = "childs-pose"\nhold = 20.5\n',
            "item 1:hold: must be a whole number of seconds, got 20.5",
        ),
        (
            b'name = "x"\n[[item]]\nstretch = "childs-pose"\nhold = -5\n',
            "item 1:hold: must be between 5 and 300 seconds, got -5",
        ),
        (
            b'name = "x\\u0007"\n[[item]]\nstretch = "childs-pose"\n',
            "name: must not contain control characters or line breaks",
        ),
        (
            b'format = 7\nname = "x"\n[[item]]\nstretch = "childs-pose"\n',
            "format: is version 7, newer than this app understands (up to 1); update BackStretch",
        ),
        (b'[[item]]\nstretch = "childs-pose"\n', "name: is missing"),
    ],
)
def test_bad_files_give_one_clear_message(tmp_path: Path, content: bytes, expected: str) -> None:
    path = write(tmp_path / "r.toml", content)
    problems = problems_of(path)
    assert any(p.endswith(expected) for p in problems), problems
    assert all(p.startswith(str(path)) for p in problems)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    path = write(tmp_path / "r.toml", bom + b'name = "B"\n[[item]]\nstretch = "childs-pose"\n')
    assert load_routine(path, LIB).name == "B"


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = write(tmp_path / "big.toml", b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    (problem,) = problems_of(path)
    assert problem == f"{path}: is larger than 1024 KiB; this is not a routine or settings file"


def test_folder_missing_file_and_deep_nesting(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [f"{tmp_path}: is a folder, not a file"]
    assert problems_of(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file"]
    deep = write(tmp_path / "deep.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    (problem,) = problems_of(deep)
    assert problem.startswith(str(deep))


def test_overrides_apply_and_are_remembered(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.toml",
        """
name = "Mine"
[timings]
rest = 0
[[item]]
stretch = "piriformis"
hold = 45
sides = false
""",
    )
    routine = load_routine(path, LIB)
    (item,) = routine.items
    assert (item.hold, item.sides, item.repetitions) == (45, False, 1)
    assert dict(item.overrides) == {"hold": 45, "sides": False}
    assert routine.timings.rest == 0
    assert routine.timings.prepare == 15


def test_user_routines_are_found_by_name_and_bad_ones_reported(tmp_path: Path) -> None:
    paths = resolve_paths()
    write(
        paths.routines_dir / "evening.toml",
        'name = "Evening Calm"\n[[item]]\nstretch = "childs-pose"\n',
    )
    write(paths.routines_dir / "broken.toml", 'name = "Broken"\n')
    listing = list_routines(paths, LIB)
    assert [r.name for r in listing.routines] == ["Lower back relief", "Evening Calm"]
    assert [p.place for p in listing.problems] == ["item"]
    assert find_routine("evening calm", paths, LIB).id == "evening"
    assert find_routine("evening", paths, LIB).name == "Evening Calm"
    with pytest.raises(ProblemsError, match="no routine of that name"):
        find_routine("morning", paths, LIB)


def test_an_item_may_ask_for_the_easier_form(tmp_path: Path) -> None:
    library = easier_library()
    path = write(
        tmp_path / "easier.toml",
        f"""
name = "Gentle"
[[item]]
stretch = "{EASIER_ID}"
variant = "easier"
hold = 40
[[item]]
stretch = "{NO_EASIER_ID}"
variant = "usual"
[[item]]
stretch = "{EASIER_ID}"
""",
    )
    easier, usual, plain = load_routine(path, library).items
    assert easier.stretch.variant is Variant.EASIER
    assert easier.stretch == library[EASIER_ID].form(Variant.EASIER)
    assert easier.stretch.illustration == "knee-to-chest-easier-start.svg"
    assert dict(easier.overrides) == {"hold": 40, "variant": "easier"}
    assert usual.stretch is library[NO_EASIER_ID]
    assert dict(usual.overrides) == {"variant": "usual"}
    assert plain.stretch is library[EASIER_ID] and "variant" not in plain.overrides


def test_a_wrong_variant_is_a_problem_naming_the_item(tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.toml",
        f"""
name = "Mine"
[[item]]
stretch = "{EASIER_ID}"
variant = "harder"
[[item]]
stretch = "{NO_EASIER_ID}"
variant = "easier"
[[item]]
stretch = "{EASIER_ID}"
variant = true
""",
    )
    with pytest.raises(ProblemsError) as caught:
        load_routine(path, easier_library())
    f = str(path)
    assert [str(p) for p in caught.value.problems] == [
        f"""{f}:item 1:variant: must be "usual" or "easier", got 'harder'""",
        f'{f}:item 2:variant: Pelvic Tilts has no easier form; leave variant out or write "usual"',
        f"{f}:item 3:variant: must be text, got true/false True",
    ]


def test_one_slug_for_matching_names_and_cutting_ids() -> None:
    assert slug("  Child's Pose -- Morning!") == "child-s-pose-morning"
    assert slug("Ünïcode only ß") == "n-code-only"
    # Cut to a length, a slug never ends on the dash the cut left behind.
    assert slug("abc def", 4) == "abc"
    assert slug("!!!") == ""
