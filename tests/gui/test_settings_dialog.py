"""The settings dialog round trip: change, see the total, OK saves to disk, the plan follows."""

from __future__ import annotations

import tomllib

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from backstretch.app import open_settings_dialog
from backstretch.core.cues import load_cue_texts
from backstretch.core.plan import PhaseKind
from backstretch.core.routines import parse_routine
from backstretch.core.settings import (
    DrawingHead,
    GlobalTimings,
    Settings,
    StretchSetting,
    load_settings,
    replace,
    save_settings,
)
from backstretch.core.stretches import Variant
from backstretch.ui.settings_dialog import SettingsDialog
from tests.fakes import FakeClock, routine_from_text
from tests.gui.helpers import dialog_for, make_window
from tests.unit.easier_forms import EASIER_ID, NO_EASIER_ID, easier_library


def row(dialog: SettingsDialog, stretch_id: str):
    return next(r for r in dialog.rows if r.stretch.id == stretch_id)


def test_a_longer_hold_changes_the_total_and_is_saved_and_followed(qtbot, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)
    dialog = dialog_for(qtbot, window.context.settings, window)
    before = dialog.total.text()
    assert before.startswith("Lower back relief with these settings: 7 min 36 s")
    childs = row(dialog, "childs-pose")
    assert childs.advice.text() == "20-60 s recommended"
    childs.hold.setValue(60)
    assert dialog.total.text().endswith("7 min 51 s")
    childs.hold.setValue(90)
    assert childs.advice.text() == "Longer than the 20-60 s recommended"
    assert "20-60 s recommended" in childs.hold.accessibleDescription()
    row(dialog, "piriformis").sides.setChecked(False)
    dialog.timings["rest"].setValue(20)
    chosen = dialog.result_settings()
    assert chosen.stretches == {
        "childs-pose": StretchSetting(hold=90),
        "piriformis": StretchSetting(sides=False),
    }
    assert chosen.timings == GlobalTimings(rest=20)

    window.context.save(chosen)
    on_disk = tomllib.loads(window.context.paths.settings_file.read_text())
    assert on_disk["stretch"]["childs-pose"] == {"hold": 90}
    assert on_disk["timings"]["rest"] == 20
    window.refresh_routines()
    routine = window.start_view.selected_routine()
    assert routine is not None
    window.start_session(routine)
    assert window.engine() is not None
    holds = [p for p in window.engine().plan.phases if p.kind is PhaseKind.HOLD]
    assert holds[0].duration_s == 90
    assert sum(1 for p in holds if p.stretch and p.stretch.id == "piriformis") == 1
    rests = [p for p in window.engine().plan.phases if p.kind is PhaseKind.REST]
    assert rests and all(p.duration_s == 20 for p in rests)
    window.close()


def test_reset_to_defaults_puts_everything_back(qtbot, clock: FakeClock) -> None:
    changed = replace(
        Settings(),
        safety_accepted=True,
        rate=220,
        sounds_only=True,
        timings=GlobalTimings(prepare=40),
        stretches={"pelvic-tilt": StretchSetting(repetitions=8)},
        pain_check=False,
    )
    window = make_window(qtbot, clock, changed)
    dialog = dialog_for(qtbot, changed, window)
    assert row(dialog, "pelvic-tilt").repetitions.value() == 8
    assert not dialog.pain_check.isChecked()
    dialog.reset_button.click()
    assert dialog.result_settings() == replace(Settings(), safety_accepted=True)


def test_a_routine_that_sets_its_own_values_says_so(qtbot, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)
    routine = routine_from_text(
        'name = "Physio"\n[timings]\nrest = 40\n[[item]]\nstretch = "piriformis"\nhold = 50\n'
    )
    context = window.context
    dialog = SettingsDialog(
        context.settings, context.library, context.texts, routine, None, lambda _s, _t: None
    )
    qtbot.addWidget(dialog)
    assert dialog.overridden.text() == (
        "“Physio” sets its own values for Piriformis Stretch (hold) and sets its own rest "
        "timing: it keeps them whatever is chosen here."
    )
    total = dialog.total.text()
    row(dialog, "piriformis").hold.setValue(200)
    assert dialog.total.text() == total  # the prescription wins


def test_cancel_changes_nothing(qtbot, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)
    before = window.context.settings
    seen: list[str] = []

    def fiddle_then_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        seen.append(dialog.windowTitle())
        row(dialog, "childs-pose").hold.setValue(120)
        dialog.voice_panel.rate.setValue(250)
        dialog.reject()

    QTimer.singleShot(0, fiddle_then_cancel)
    open_settings_dialog(window, None)
    assert seen == ["Settings"]
    assert window.context.settings == before
    assert not window.context.paths.settings_file.exists()


def test_ok_saves_at_once(qtbot, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)

    def change_then_ok() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        row(dialog, "knee-to-chest").hold.setValue(45)
        dialog.pain_check.setChecked(False)
        dialog.accept()

    QTimer.singleShot(0, change_then_ok)
    open_settings_dialog(window, None)
    saved = tomllib.loads(window.context.paths.settings_file.read_text())
    assert saved["stretch"] == {"knee-to-chest": {"hold": 45}}
    assert saved["pain_check"] is False
    routine = window.start_view.selected_routine()
    assert routine is not None and routine.items[1].hold == 45


# -- the easier way and the drawings ---------------------------------------------------------


def easier_dialog(qtbot, settings: Settings, routine=None) -> SettingsDialog:  # type: ignore[no-untyped-def]
    """A dialog over a library where only Knee-to-Chest has an easier form."""
    dialog = SettingsDialog(
        settings, easier_library(), load_cue_texts(), routine, None, lambda _s, _t: None
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_easier_way_is_offered_only_where_there_is_one(qtbot) -> None:
    dialog = easier_dialog(qtbot, Settings())
    knee = row(dialog, EASIER_ID).easier
    assert knee.isEnabled() and not knee.isChecked()
    assert knee.accessibleName() == "Knee-to-Chest: easier way"
    assert knee.accessibleDescription().startswith(
        "Easier way: A towel behind the thigh instead of your hands."
    )
    tilt = row(dialog, NO_EASIER_ID).easier
    assert not tilt.isEnabled()
    assert tilt.toolTip() == "Pelvic Tilts has no easier way yet."
    assert tilt.accessibleDescription() == tilt.toolTip()


def test_easier_way_and_drawings_are_saved_and_read_back(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = easier_dialog(qtbot, Settings())
    assert dialog.head.currentText() == "Automatic" and not dialog.reduce_motion.isChecked()
    assert dialog.head.accessibleName() == "My head is on this side of the screen"
    assert dialog.reduce_motion.accessibleName() == "Reduce motion"
    qtbot.mouseClick(row(dialog, EASIER_ID).easier, Qt.MouseButton.LeftButton)
    dialog.head.setCurrentIndex(dialog.head.findText("Right"))
    dialog.reduce_motion.setChecked(True)
    chosen = dialog.result_settings()
    assert chosen.stretches == {EASIER_ID: StretchSetting(variant=Variant.EASIER)}
    assert (chosen.drawing_head, chosen.reduce_motion) == (DrawingHead.RIGHT, True)
    path = tmp_path / "settings.toml"
    save_settings(path, chosen)
    on_disk = tomllib.loads(path.read_text())
    assert on_disk["stretch"] == {EASIER_ID: {"variant": "easier"}}
    assert (on_disk["drawing_head"], on_disk["reduce_motion"]) == ("right", True)
    loaded = load_settings(path).settings
    assert loaded == chosen
    again = easier_dialog(qtbot, loaded)
    assert row(again, EASIER_ID).easier.isChecked()
    assert again.head.currentText() == "Right" and again.reduce_motion.isChecked()
    assert again.result_settings() == chosen
    again.reset_button.click()
    reset = again.result_settings()
    assert reset.stretches == {} and reset.drawing_head is DrawingHead.AUTO
    assert not reset.reduce_motion


def test_an_easier_choice_the_stretch_cannot_show_is_kept(qtbot) -> None:
    # Written by a version whose Pelvic Tilts had an easier form: this one keeps the choice.
    settings = replace(Settings(), stretches={NO_EASIER_ID: StretchSetting(variant=Variant.EASIER)})
    dialog = easier_dialog(qtbot, settings)
    assert not row(dialog, NO_EASIER_ID).easier.isChecked()
    assert dialog.result_settings() == settings


def test_the_total_follows_the_easier_way_and_a_routine_that_fixes_it_says_so(qtbot) -> None:
    routine = parse_routine(
        tomllib.loads(f'name = "Physio"\n[[item]]\nstretch = "{EASIER_ID}"\nvariant = "usual"\n'),
        easier_library(),
        file="physio",
    )
    dialog = easier_dialog(qtbot, Settings(), routine)
    assert dialog.overridden.text() == (
        "“Physio” sets its own values for Knee-to-Chest (usual or easier way): it keeps them "
        "whatever is chosen here."
    )
    total = dialog.total.text()
    row(dialog, EASIER_ID).easier.setChecked(True)
    assert dialog.total.text() == total  # the routine's usual form wins
    assert dialog.result_settings().stretches == {EASIER_ID: StretchSetting(variant=Variant.EASIER)}
