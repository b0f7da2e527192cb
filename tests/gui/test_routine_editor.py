"""The routine editor through its real widgets: every change checked in the file on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import resolve_paths
from backstretch.core.personalize import personalize
from backstretch.core.plan import PhaseKind, build_plan
from backstretch.core.routines import find_routine, list_routines
from backstretch.core.settings import Settings, StretchSetting
from backstretch.core.stretches import Variant, load_library
from backstretch.ui.routine_editor import RoutineEditor
from tests.fakes import write
from tests.unit.easier_forms import EASIER_ID, NO_EASIER_ID, easier_library

PHYSIO = b"""# Written by my physiotherapist
name = "Physio plan"
[timings]
rest = 20
[[item]]
stretch = "knee-to-chest"
hold = 40
[[item]]
stretch = "pelvic-tilt"
repetitions = 8
"""


@pytest.fixture
def editor(qtbot) -> RoutineEditor:
    paths = resolve_paths()
    dialog = RoutineEditor(paths, load_library(), load_cue_texts(), Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    # a question left open would block the test: answer "discard" unless a test says otherwise
    dialog.ask_unsaved = lambda _name: "discard"  # type: ignore[method-assign]
    dialog.problems_shown: list[str] = []  # type: ignore[attr-defined]

    def show_message(title: str, text: str) -> None:
        dialog.problems_shown.append(f"{title}: {text}")  # type: ignore[attr-defined]

    dialog.show_message = show_message  # type: ignore[method-assign]
    return dialog


def names(editor: RoutineEditor) -> list[str]:
    return [r.name for r in editor._routines]


def file_of(editor: RoutineEditor) -> dict:
    routine = editor.current_routine()
    assert routine is not None and routine.path is not None
    return tomllib.loads(routine.path.read_text(encoding="utf-8"))


def test_the_bundled_routine_is_read_only_and_can_be_duplicated(editor: RoutineEditor) -> None:
    assert names(editor) == ["Lower back relief"]
    assert editor.pane.read_only.isVisibleTo(editor)
    assert not editor.pane.name.isEnabled() and not editor.delete_button.isEnabled()
    editor.delete_routine()  # the Delete key does nothing to it either
    assert names(editor) == ["Lower back relief"]
    editor.duplicate_button.click()
    assert names(editor) == ["Lower back relief", "Lower back relief (copy)"]
    assert editor.current_routine().name == "Lower back relief (copy)"
    assert editor.pane.name.isEnabled() and not editor.pane.read_only.isVisibleTo(editor)
    assert file_of(editor)["item"][0]["stretch"] == "childs-pose"


def test_change_a_hold_reorder_save_and_the_plan_follows(qtbot, editor: RoutineEditor) -> None:
    editor.duplicate_button.click()
    editor.pane.items.setCurrentRow(0)
    assert editor.pane.item_fields.defaults["hold"].text() == "Otherwise 45 s, the default"
    editor.pane.item_fields.checks["hold"].setChecked(True)
    editor.pane.item_fields.boxes["hold"].setValue(60)
    assert editor.pane.items.item(0).text() == "Child's Pose: 60 s  (set here: hold)"
    assert editor.save_button.isEnabled()
    # keyboard: Alt+Down moves Child's Pose below Knee-to-Chest
    editor.pane.items.setFocus()
    qtbot.keyClick(editor.pane.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.pane.items.currentRow() == 1
    # drag and drop arrives as a row move in the list's model: Pelvic Tilts to the top
    editor.pane.items.model().moveRow(QModelIndex(), 4, QModelIndex(), 0)
    qtbot.keyClick(editor.pane.items, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.problems_shown == []  # type: ignore[attr-defined]
    assert not editor.save_button.isEnabled()
    saved = file_of(editor)
    assert [i["stretch"] for i in saved["item"]] == [
        "pelvic-tilt",
        "knee-to-chest",
        "childs-pose",
        "piriformis",
        "seated-spinal-twist",
    ]
    assert saved["item"][2] == {"stretch": "childs-pose", "hold": 60}
    routine = find_routine("Lower back relief (copy)", resolve_paths(), load_library())
    plan = build_plan(personalize(routine, Settings()), load_cue_texts())
    holds = [p for p in plan.phases if p.kind is PhaseKind.HOLD]
    assert holds[0].stretch.id == "pelvic-tilt"
    assert next(p for p in holds if p.stretch.id == "childs-pose").duration_s == 60


def test_a_bad_import_lists_every_problem_and_saves_nothing(
    editor: RoutineEditor, tmp_path: Path
) -> None:
    bad = write(
        tmp_path / "bad.toml",
        b'name = "Bad"\n[[item]]\nstretch = "cobra"\n'
        b'[[item]]\nstretch = "piriformis"\nhold = 900\n',
    )
    before = bad.read_bytes()
    editor.ask_open_file = lambda: str(bad)  # type: ignore[method-assign]
    editor.import_button.click()
    (shown,) = editor.problems_shown  # type: ignore[attr-defined]
    assert "item 1:stretch: unknown stretch 'cobra'" in shown
    assert "item 2:hold: must be between 5 and 300 seconds, got 900" in shown
    assert "Nothing was saved" in shown
    assert names(editor) == ["Lower back relief"]
    assert not resolve_paths().routines_dir.exists() or not any(
        resolve_paths().routines_dir.glob("*.toml")
    )
    assert bad.read_bytes() == before


def test_import_then_export_round_trips(editor: RoutineEditor, tmp_path: Path) -> None:
    source = write(tmp_path / "physio.toml", PHYSIO)
    editor.ask_open_file = lambda: str(source)  # type: ignore[method-assign]
    editor.import_button.click()
    assert editor.problems_shown == []  # type: ignore[attr-defined]
    assert "Physio plan" in names(editor)
    assert editor.current_routine().name == "Physio plan"
    assert (
        editor.pane.timing_fields.checks["rest"].isChecked()
        and editor.pane.timing_fields.boxes["rest"].value() == 20
    )
    assert not editor.pane.timing_fields.checks["prepare"].isChecked()
    assert editor.pane.timing_fields.defaults["prepare"].text() == "Otherwise 15 s, from Settings"
    listed = list_routines(resolve_paths(), load_library()).routines
    assert [r.name for r in listed] == ["Lower back relief", "Physio plan"]
    out = tmp_path / "shared" / "out.toml"
    out.parent.mkdir()
    editor.ask_save_file = lambda _suggested: str(out)  # type: ignore[method-assign]
    editor.export_button.click()
    library = load_library()
    exported = find_routine(str(out), None, library)
    original = find_routine(str(source), None, library)
    assert exported.items == original.items
    assert exported.timing_overrides == original.timing_overrides == {"rest": 20}
    assert source.read_bytes() == PHYSIO


def test_delete_can_be_undone(editor: RoutineEditor) -> None:
    editor.duplicate_button.click()
    copy = editor.current_routine()
    assert copy is not None and copy.path is not None and copy.path.exists()
    editor.delete_button.click()
    assert names(editor) == ["Lower back relief"]
    assert editor.undo_label.text() == "“Lower back relief (copy)” was deleted."
    assert not copy.path.exists()
    editor.undo_button.click()
    assert names(editor) == ["Lower back relief", "Lower back relief (copy)"]
    assert editor.undo_button.isHidden()


def test_leaving_a_changed_routine_asks_first(editor: RoutineEditor) -> None:
    editor.duplicate_button.click()
    copy = editor.current_routine()
    editor.pane.name.setFocus()
    editor.pane.name.selectAll()
    from PySide6.QtTest import QTest

    QTest.keyClicks(editor.pane.name, "Evening")
    answers = ["cancel", "discard"]
    asked: list[str] = []

    def ask(name: str) -> str:
        asked.append(name)
        return answers.pop(0)

    editor.ask_unsaved = ask  # type: ignore[method-assign]
    editor.list.setCurrentRow(0)
    assert asked == ["Evening"] and editor.current_routine() == copy  # stayed
    editor.list.setCurrentRow(0)
    assert asked == ["Evening", "Evening"]
    assert editor.current_routine().bundled
    assert "Evening" not in names(editor)


def test_rename_and_a_nameless_routine_cannot_be_saved(editor: RoutineEditor) -> None:
    editor.new_button.click()
    assert editor.current_routine().name == "My routine"
    editor.ask_text = lambda *_args: "Mornings"  # type: ignore[method-assign]
    editor.rename_button.click()
    assert editor.current_routine().name == "Mornings"
    assert file_of(editor)["name"] == "Mornings"
    editor.pane.name.clear()
    editor.pane.edit_text("name", "")
    assert editor.pane.total.text().startswith("Not ready to save:")
    assert editor.save() is False
    assert file_of(editor)["name"] == "Mornings"


BAD_ROUTINES = sorted((Path(__file__).parents[1] / "data" / "bad" / "routines").glob("*.toml"))


@pytest.mark.parametrize("bad", BAD_ROUTINES, ids=lambda p: p.stem)
def test_every_malformed_file_gets_a_readable_dialog(editor: RoutineEditor, bad: Path) -> None:
    before = bad.read_bytes()
    editor.ask_open_file = lambda: str(bad)  # type: ignore[method-assign]
    editor.import_button.click()
    (shown,) = editor.problems_shown  # type: ignore[attr-defined]
    title, _, text = shown.partition(": ")
    assert title == "The routine could not be imported"
    assert text.startswith("Nothing was saved. Please fix:\n\n• ")
    assert str(bad) in text and "Traceback" not in text
    assert all(len(line) < 600 for line in text.splitlines())
    assert names(editor) == ["Lower back relief"]
    assert bad.read_bytes() == before


def test_an_item_can_ask_for_the_easier_way(qtbot) -> None:
    library = easier_library()
    settings = Settings(stretches={EASIER_ID: StretchSetting(variant=Variant.EASIER)})
    editor = RoutineEditor(resolve_paths(), library, load_cue_texts(), settings)
    qtbot.addWidget(editor)
    editor.ask_unsaved = lambda _name: "discard"  # type: ignore[method-assign]
    editor.duplicate_button.click()
    fields = editor.pane.item_fields
    knee = next(n for n, i in enumerate(editor.draft.items) if i["stretch"] == EASIER_ID)
    tilt = next(n for n, i in enumerate(editor.draft.items) if i["stretch"] == NO_EASIER_ID)
    editor.pane.items.setCurrentRow(tilt)
    assert not fields.variant_check.isEnabled() and not fields.variant_value.isChecked()
    assert fields.variant_default.text() == "Pelvic Tilts has no easier way yet"
    editor.pane.items.setCurrentRow(knee)
    # The person's setting shows through until the routine sets the form itself.
    assert fields.variant_default.text() == "Otherwise the easier way, your setting"
    assert fields.variant_value.isChecked() and not fields.variant_value.isEnabled()
    assert "easier way" in editor.pane.items.item(knee).text()
    assert fields.variant_value.accessibleDescription() == (
        "Easier way: A towel behind the thigh instead of your hands."
    )
    fields.variant_check.setChecked(True)
    fields.variant_value.setChecked(False)  # the physiotherapist wants the usual form
    assert editor.pane.items.item(knee).text().endswith("(set here: form)")
    assert "easier way" not in editor.pane.items.item(knee).text()
    assert editor.save()
    saved = file_of(editor)
    assert saved["item"][knee] == {"stretch": EASIER_ID, "variant": "usual"}
    routine = editor.current_routine()
    assert routine is not None
    done = personalize(routine, settings).items[knee].stretch
    assert done is library[EASIER_ID]  # the routine's usual form wins over the setting
    editor.pane.items.setCurrentRow(knee)  # saving reloads the list
    assert fields.variant_check.isChecked() and not fields.variant_value.isChecked()
    fields.variant_value.setChecked(True)
    assert editor.save()
    assert file_of(editor)["item"][knee] == {"stretch": EASIER_ID, "variant": "easier"}
    editor.pane.items.setCurrentRow(knee)
    fields.variant_check.setChecked(False)
    assert editor.save()
    assert file_of(editor)["item"][knee] == {"stretch": EASIER_ID}
