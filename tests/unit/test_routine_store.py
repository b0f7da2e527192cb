"""The person's routines on disk: save, duplicate, rename, delete with undo, import, export."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.problems import ProblemsError
from backstretch.core.routine_store import (
    MAX_ID_LEN,
    MAX_NAME_LEN,
    RoutineStore,
    routine_to_toml,
    toml_string,
)
from backstretch.core.routines import (
    Routine,
    bundled_routines_dir,
    find_routine,
    list_routines,
    load_routine,
    parse_routine,
)
from backstretch.core.stretches import Variant, load_library
from tests.fakes import SHORT_ROUTINE, routine_from_text, write
from tests.unit.easier_forms import EASIER_ID, NO_EASIER_ID, easier_library

LIB = load_library()
BUNDLED_FILE = bundled_routines_dir() / "lower-back-relief.toml"

CLINIC = """\
# Prescribed by the clinic, 3 March: keep the holds gentle.
format = 1
name = "Clinic plan"  # the name the clinic uses
description = 'Twice a day; stop if it hurts.'

[timings]
rest = 0  # no rest: these are short

[[item]]
stretch = "pelvic-tilt"
hold = 8  # build up to 10
repetitions = 6
relax = 4

[[item]]
stretch = "piriformis"
sides = false  # right leg only, for now
"""


def content(routine: Routine) -> tuple[object, ...]:
    """What a routine file says (not what defaults or settings fill in)."""
    return (
        routine.name,
        routine.description,
        dict(routine.timing_overrides),
        [(item.stretch.id, dict(item.overrides)) for item in routine.items],
    )


@pytest.fixture
def paths() -> Paths:
    return resolve_paths()  # under tmp_path: conftest points XDG_* there


@pytest.fixture
def store(paths: Paths) -> RoutineStore:
    return RoutineStore(paths.routines_dir, LIB)


def bundled() -> Routine:
    return find_routine("lower-back-relief", None, LIB)


def files(folder: Path) -> list[str]:
    """Every name in folder and below, hidden ones included, as relative paths."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- writing a routine -----------------------------------------------------------------------


def test_routine_to_toml_round_trips_overrides_and_only_overrides() -> None:
    routine = routine_from_text(SHORT_ROUTINE)
    text = routine_to_toml(routine)
    again = parse_routine(tomllib.loads(text), LIB, file="again")
    assert content(again) == content(routine)
    assert again.items == routine.items and again.timings == routine.timings
    assert text.startswith("# ") and "\nformat = 1\n" in text
    # The knee-to-chest item sets only its hold: repetitions and sides stay the defaults.
    assert '[[item]]\nstretch = "knee-to-chest"\nhold = 10\n\n' in text
    assert "description" not in text


def test_the_easier_way_is_written_back_and_saved(paths: Paths) -> None:
    library = easier_library()
    text = f"""
name = "Gentle days"
[[item]]
stretch = "{EASIER_ID}"
variant = "easier"
sides = false
[[item]]
stretch = "{NO_EASIER_ID}"
variant = "usual"
"""
    routine = parse_routine(tomllib.loads(text), library, file="gentle")
    written = routine_to_toml(routine)
    assert f'stretch = "{EASIER_ID}"\nsides = false\nvariant = "easier"\n' in written
    again = parse_routine(tomllib.loads(written), library, file="again")
    assert content(again) == content(routine) and again.items == routine.items
    saved = RoutineStore(paths.routines_dir, library).save(routine)
    loaded = load_routine(paths.routines_dir / f"{saved.id}.toml", library)
    assert loaded.items[0].stretch.variant is Variant.EASIER
    assert loaded.items[1].stretch.variant is Variant.USUAL


def test_routine_to_toml_escapes_what_toml_needs_escaped() -> None:
    name = 'Say "ahh" \\ relax\tnow, Übung 🙂'
    routine = dataclasses.replace(
        routine_from_text(CLINIC), name=name, description='C:\\back\\ "care" \u00e9\u4e2d'
    )
    again = parse_routine(tomllib.loads(routine_to_toml(routine)), LIB, file="again")
    assert content(again) == content(routine)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_toml_string_reads_back_as_the_same_text(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


# -- save ------------------------------------------------------------------------------------


def test_save_writes_a_new_routine_that_the_lists_and_find_see(
    store: RoutineStore, paths: Paths
) -> None:
    saved = store.save(routine_from_text(CLINIC))
    assert (saved.id, saved.path, saved.bundled) == (
        "clinic-plan",
        paths.routines_dir / "clinic-plan.toml",
        False,
    )
    assert content(load_routine(paths.routines_dir / "clinic-plan.toml", LIB)) == content(saved)
    listing = list_routines(paths, LIB)
    assert [r.name for r in listing.routines] == ["Lower back relief", "Clinic plan"]
    assert listing.problems == ()
    assert find_routine("clinic plan", paths, LIB).id == "clinic-plan"
    assert find_routine("clinic-plan", paths, LIB).name == "Clinic plan"


def test_saving_again_replaces_the_file_and_keeps_the_id(store: RoutineStore) -> None:
    saved = store.save(routine_from_text(CLINIC))
    first = saved.items[0]
    changed = dataclasses.replace(
        saved,
        items=(dataclasses.replace(first, overrides={**first.overrides, "hold": 10}),),
    )
    again = store.save(changed)
    assert again.id == saved.id and again.path == saved.path
    assert [dict(i.overrides) for i in load_routine(again.path, LIB).items] == [  # type: ignore[arg-type]
        {"hold": 10, "repetitions": 6, "relax": 4}
    ]
    assert files(store.folder) == ["clinic-plan.toml"]


def test_an_invalid_routine_is_never_written(store: RoutineStore) -> None:
    good = routine_from_text(CLINIC)
    item = good.items[0]
    bad = dataclasses.replace(
        good, items=(dataclasses.replace(item, overrides={"hold": 900, "holdd": 3}),)
    )
    with pytest.raises(ProblemsError) as caught:
        store.save(bad)
    messages = [f"{p.place}: {p.message}" for p in caught.value.problems]
    assert messages == [
        "item 1:holdd: unknown key; did you mean 'hold'?",
        "item 1:hold: must be between 5 and 300 seconds, got 900",
    ]
    assert not store.folder.exists()  # not even the folder was created


def test_ids_are_short_slugs_never_empty_and_never_taken(store: RoutineStore) -> None:
    base = routine_from_text(CLINIC)
    names = ["Évening — calm!", "日本語", "x" * 80, "Evening calm"]
    ids = [store.save(dataclasses.replace(base, name=name)).id for name in names]
    assert ids == ["vening-calm", "routine", "x" * MAX_ID_LEN, "evening-calm"]
    assert store.save(dataclasses.replace(base, name="!!!")).id == "routine-2"


def test_a_name_another_routine_has_is_refused(store: RoutineStore) -> None:
    store.save(routine_from_text(CLINIC))
    twin = dataclasses.replace(routine_from_text(CLINIC), name="CLINIC PLAN")
    with pytest.raises(ProblemsError, match='another routine is already called "Clinic plan"'):
        store.save(twin)
    with pytest.raises(ProblemsError, match='already called "Lower back relief"'):
        store.save(dataclasses.replace(twin, name="Lower back relief"))


def test_a_routine_opened_from_elsewhere_never_overwrites_one_of_the_same_file_name(
    store: RoutineStore, tmp_path: Path
) -> None:
    mine = store.save(routine_from_text(CLINIC))
    outside = write(tmp_path / "elsewhere" / "clinic-plan.toml", CLINIC.replace("Clinic", "Gym"))
    opened = load_routine(outside, LIB)
    assert opened.id == mine.id
    saved = store.save(opened)
    assert saved.id == "clinic-plan-2"
    assert load_routine(mine.path, LIB).name == "Clinic plan"  # type: ignore[arg-type]


def test_text_that_cannot_be_saved_as_utf8_is_refused(store: RoutineStore) -> None:
    routine = dataclasses.replace(routine_from_text(CLINIC), name="Bad \ud800 surrogate")
    with pytest.raises(ProblemsError, match="name: contains characters that cannot be saved"):
        store.save(routine)
    assert not store.folder.exists()


def test_a_full_disk_leaves_the_old_file_intact(
    store: RoutineStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = store.save(routine_from_text(CLINIC))
    assert saved.path is not None
    before = saved.path.read_bytes()

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ProblemsError) as caught:
        store.save(dataclasses.replace(saved, description="changed"))
    monkeypatch.undo()
    assert str(caught.value) == (
        f"{saved.path}: could not be saved (No space left on device); nothing was changed"
    )
    assert saved.path.read_bytes() == before
    assert files(store.folder) == ["clinic-plan.toml"]  # no temporary file left behind


# -- bundled ---------------------------------------------------------------------------------


def test_the_bundled_routine_cannot_be_overwritten_renamed_or_deleted(
    store: RoutineStore,
) -> None:
    original = BUNDLED_FILE.read_bytes()
    routine = bundled()
    as_if_mine = dataclasses.replace(routine, bundled=False, path=None)  # same id: still refused
    for attempt in (
        lambda: store.save(routine),
        lambda: store.save(as_if_mine),
        lambda: store.rename(routine, "Mine now"),
        lambda: store.delete(routine),
    ):
        with pytest.raises(ProblemsError) as caught:
            attempt()
        assert str(caught.value) == (
            '"Lower back relief": is a bundled routine and cannot be changed, renamed or '
            "deleted; bundled routines can only be duplicated (the copy is yours to change)"
        )
    assert BUNDLED_FILE.read_bytes() == original
    assert not store.folder.exists()


def test_the_bundled_routine_can_be_duplicated_again_and_again(
    store: RoutineStore, paths: Paths
) -> None:
    first = store.duplicate(bundled())
    second = store.duplicate(bundled())
    third = store.duplicate(first)  # a copy of a copy is numbered, not "(copy) (copy)"
    assert [(r.name, r.id) for r in (first, second, third)] == [
        ("Lower back relief (copy)", "lower-back-relief-copy"),
        ("Lower back relief (copy 2)", "lower-back-relief-copy-2"),
        ("Lower back relief (copy 3)", "lower-back-relief-copy-3"),
    ]
    assert not first.bundled and content(first)[1:] == content(bundled())[1:]
    # The bundled file's own comments describe the bundled routine, so a copy has fresh ones.
    assert first.path is not None and "The bundled routine" not in first.path.read_text()
    named = store.duplicate(bundled(), name="Evenings")
    assert (named.name, named.id) == ("Evenings", "evenings")
    assert len(list_routines(paths, LIB).routines) == 5


def test_duplicating_a_routine_of_ones_own_keeps_its_comments(store: RoutineStore) -> None:
    saved = store.import_file(write(store.folder.parent / "in" / "clinic.toml", CLINIC))
    copy = store.duplicate(saved)
    assert copy.name == "Clinic plan (copy)"
    assert copy.path is not None
    assert copy.path.read_text() == CLINIC.replace('"Clinic plan"', '"Clinic plan (copy)"')


def test_unique_names_stay_within_80_characters(store: RoutineStore) -> None:
    long = "L" * MAX_NAME_LEN
    store.save(dataclasses.replace(routine_from_text(CLINIC), name=long))
    assert store.unique_name(long) == "L" * (MAX_NAME_LEN - 2) + " 2"
    copy = store.duplicate(load_routine(next(store.folder.glob("*.toml")), LIB))
    assert copy.name == "L" * (MAX_NAME_LEN - 7) + " (copy)"
    assert store.unique_name("  ") == "My routine"
    store.save(dataclasses.replace(routine_from_text(CLINIC), name="Clinic (short)"))
    assert store.unique_name("Clinic (short)") == "Clinic (short) 2"
    assert store.unique_name("Clinic (short) (copy 4)") == "Clinic (short) (copy)"


# -- rename ----------------------------------------------------------------------------------


def test_rename_keeps_the_id_the_file_and_its_comments(store: RoutineStore) -> None:
    saved = store.import_file(write(store.folder.parent / "in" / "clinic.toml", CLINIC))
    renamed = store.rename(saved, 'Clinic "A" plan')
    assert (renamed.id, renamed.path, renamed.name) == (saved.id, saved.path, 'Clinic "A" plan')
    assert renamed.path is not None
    text = renamed.path.read_text()
    assert text == CLINIC.replace('"Clinic plan"', '"Clinic \\"A\\" plan"')
    assert files(store.folder) == ["clinic.toml"]


def test_rename_refuses_a_taken_name_an_invalid_one_and_an_unsaved_routine(
    store: RoutineStore,
) -> None:
    saved = store.save(routine_from_text(CLINIC))
    before = saved.path.read_bytes()  # type: ignore[union-attr]
    with pytest.raises(ProblemsError, match="already called"):
        store.rename(saved, "lower back relief")
    with pytest.raises(ProblemsError, match=r"name: is too long \(81 characters, at most 80\)"):
        store.rename(saved, "n" * 81)
    with pytest.raises(ProblemsError, match="not saved yet"):
        store.rename(routine_from_text(SHORT_ROUTINE), "Other")
    assert saved.path.read_bytes() == before  # type: ignore[union-attr]


# -- delete and restore ----------------------------------------------------------------------


def test_delete_moves_the_file_aside_and_restore_brings_it_back(
    store: RoutineStore, paths: Paths
) -> None:
    saved = store.import_file(write(store.folder.parent / "in" / "clinic.toml", CLINIC))
    kept = store.delete(saved)
    assert kept.parent == store.folder / ".deleted"
    assert kept.name.startswith("clinic.") and kept.suffix == ".toml"
    assert kept.read_bytes() == CLINIC.encode()  # never a byte lost
    assert [r.name for r in list_routines(paths, LIB).routines] == ["Lower back relief"]
    with pytest.raises(ProblemsError, match="no routine of that name"):
        find_routine("Clinic plan", paths, LIB)
    back = store.restore(kept)
    assert (back.id, back.name, back.path) == (saved.id, saved.name, saved.path)
    assert back.path is not None and back.path.read_bytes() == CLINIC.encode()
    assert files(store.folder) == [".deleted", "clinic.toml"]


def test_restore_takes_a_new_id_and_name_when_they_are_taken_meanwhile(
    store: RoutineStore,
) -> None:
    saved = store.import_file(write(store.folder.parent / "in" / "clinic.toml", CLINIC))
    kept = store.delete(saved)
    again = store.import_file(write(store.folder.parent / "in" / "clinic.toml", CLINIC))
    assert (again.id, again.name) == ("clinic", "Clinic plan")
    back = store.restore(kept)
    assert (back.id, back.name) == ("clinic-2", "Clinic plan 2")
    assert not kept.exists()
    assert back.path is not None and "# Prescribed by the clinic" in back.path.read_text()


def test_deleting_twice_in_one_second_keeps_both(store: RoutineStore) -> None:
    first = store.delete(store.save(routine_from_text(CLINIC)))
    second = store.delete(store.save(routine_from_text(CLINIC)))
    assert first != second and first.exists() and second.exists()


def test_only_routines_in_the_folder_can_be_deleted(store: RoutineStore, tmp_path: Path) -> None:
    outside = load_routine(write(tmp_path / "out.toml", CLINIC), LIB)
    with pytest.raises(ProblemsError, match="is not in your routines folder"):
        store.delete(outside)
    assert (tmp_path / "out.toml").exists()


# -- import and export -----------------------------------------------------------------------


def test_import_copies_the_bytes_and_never_changes_the_source(
    store: RoutineStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "From The Clinic.toml", CLINIC)
    stat = source.stat()
    imported = store.import_file(source)
    assert (imported.id, imported.name, imported.bundled) == (
        "from-the-clinic",
        "Clinic plan",
        False,
    )
    assert imported.path == store.folder / "from-the-clinic.toml"
    assert imported.path.read_bytes() == CLINIC.encode()
    assert source.read_bytes() == CLINIC.encode()
    assert source.stat().st_mtime_ns == stat.st_mtime_ns


def test_import_gives_a_same_named_routine_a_new_name_and_never_a_bundled_id(
    store: RoutineStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "lower-back-relief.toml", BUNDLED_FILE.read_bytes())
    first = store.import_file(source)
    second = store.import_file(source)
    assert [(r.id, r.name) for r in (first, second)] == [
        ("lower-back-relief-2", "Lower back relief (imported)"),
        ("lower-back-relief-3", "Lower back relief (imported 2)"),
    ]
    assert first.path is not None
    assert first.path.read_text() == BUNDLED_FILE.read_text().replace(
        'name = "Lower back relief"', 'name = "Lower back relief (imported)"'
    )


def test_import_of_a_bad_file_lists_every_problem_and_writes_nothing(
    store: RoutineStore, tmp_path: Path
) -> None:
    source = write(tmp_path / "bad.toml", CLINIC.replace("hold = 8", "hold = 900") + "hodl = 1\n")
    with pytest.raises(ProblemsError) as caught:
        store.import_file(source)
    assert [str(p) for p in caught.value.problems] == [
        f"{source}:item 1:hold: must be between 5 and 300 seconds, got 900",
        f"{source}:item 2:hodl: unknown key; did you mean 'hold'?",
    ]
    assert not store.folder.exists()


def test_export_then_import_gives_an_equal_routine(store: RoutineStore, tmp_path: Path) -> None:
    saved = store.save(routine_from_text(CLINIC))
    target = tmp_path / "shared" / "for-a-friend.toml"
    target.parent.mkdir()
    store.export(saved, target)
    friend = RoutineStore(tmp_path / "friend" / "routines", LIB)
    imported = friend.import_file(target)
    assert content(imported) == content(saved)
    assert imported.items == saved.items and imported.timings == saved.timings


def test_export_keeps_an_unchanged_files_own_bytes_and_writes_changes(
    store: RoutineStore, tmp_path: Path
) -> None:
    imported = store.import_file(write(tmp_path / "clinic.toml", CLINIC))
    store.export(imported, tmp_path / "same.toml")
    assert (tmp_path / "same.toml").read_bytes() == CLINIC.encode()
    changed = dataclasses.replace(imported, timing_overrides={"rest": 20, "switch": 5})
    store.export(changed, tmp_path / "changed.toml")
    text = (tmp_path / "changed.toml").read_text()
    assert "[timings]\nswitch = 5\nrest = 20\n" in text and "# Prescribed" not in text
    store.export(bundled(), tmp_path / "bundled.toml")
    assert (tmp_path / "bundled.toml").read_bytes() == BUNDLED_FILE.read_bytes()


def test_export_refuses_a_missing_folder_and_a_folder_as_target(
    store: RoutineStore, tmp_path: Path
) -> None:
    missing = tmp_path / "no such folder" / "r.toml"
    with pytest.raises(ProblemsError) as caught:
        store.export(bundled(), missing)
    assert str(caught.value) == (
        f"{missing}: cannot be written: the folder {missing.parent} does not exist"
    )
    assert not missing.parent.exists()
    with pytest.raises(ProblemsError, match="is a folder; give the name of the file to write"):
        store.export(bundled(), tmp_path)
