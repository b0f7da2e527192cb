"""Listening to pain on the start view, and the weekly check before the pain check (issue 16)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from backstretch.core.log import HoldRow, SessionLog, SessionRow
from backstretch.core.pain_choices import Choice
from backstretch.core.settings import Settings, StretchSetting, load_settings
from backstretch.ui.main_window import MainWindow
from backstretch.ui.pain_dialog import PainDialog
from backstretch.ui.weekly_check import WeeklyCheckDialog
from tests.fakes import SHORT_ROUTINE, FakeClock, routine_from_text
from tests.gui.helpers import logged_window


def hurt_twice(
    session_log: SessionLog,
    stretch: str = "piriformis",
    pattern: tuple[bool, ...] = (True, False, True),
) -> None:
    """Sessions on the last days, oldest first: True where the stretch hurt."""
    now = datetime.now().astimezone().replace(microsecond=0)
    rows = [
        SessionRow(
            0,
            now - timedelta(days=days),
            None,
            "lower-back-relief",
            "Lower back relief",
            "stopped",
            456.0,
            100.0,
            5,
            None,
            "",
            (
                HoldRow(
                    0,
                    stretch,
                    "right",
                    None,
                    30.0,
                    5.0 if hurt else 30.0,
                    "pain" if hurt else "done",
                ),
            ),
        )
        for days, hurt in zip(range(len(pattern), 0, -1), pattern, strict=True)
    ]
    session_log.add_sessions(rows)


def with_pain(qtbot, clock: FakeClock, **changes: object) -> tuple[MainWindow, SessionLog]:
    window, session_log = logged_window(qtbot, clock, **changes)
    hurt_twice(session_log)
    window.refresh_last_session()
    return window, session_log


def test_the_start_view_asks_and_a_shorter_hold_can_be_undone(qtbot, clock: FakeClock) -> None:
    window, session_log = with_pain(qtbot, clock)
    bar = window.suggestion_bar
    assert bar.isVisibleTo(window)
    assert bar.text.text().startswith(
        "Piriformis Stretch was stopped for pain in 2 of its last 3 sessions."
    )
    assert all(bar.buttons[c].isVisibleTo(bar) for c in Choice)
    default = window.context.library["piriformis"].default_hold
    bar.buttons[Choice.SHORTER].click()
    shorter = window.context.settings.stretches["piriformis"].hold
    assert shorter is not None and shorter < default
    saved = load_settings(window.context.paths.settings_file).settings
    assert saved.stretches["piriformis"].hold == shorter  # kept in the person's settings
    (choice,) = session_log.choices()
    assert (choice.stretch, choice.choice, choice.undone_at) == ("piriformis", "shorter", None)
    assert bar.undo_button.isVisibleTo(bar) and f"{shorter} seconds" in bar.text.text()
    bar.undo_button.click()
    assert "piriformis" not in window.context.settings.stretches
    assert session_log.choices()[0].undone_at is not None
    window.refresh_last_session()
    assert not bar.isVisibleTo(window)  # answered: not asked again until it hurts again


def test_leave_it_out_takes_it_out_of_the_routines(qtbot, clock: FakeClock) -> None:
    window, session_log = with_pain(qtbot, clock)
    window.suggestion_bar.buttons[Choice.LEAVE_OUT].click()
    assert window.suggestion_bar.undo_button.isVisibleTo(window)
    hurt_twice(session_log, stretch="knee-to-chest")
    window.refresh_last_session()  # back from a session: the next stretch is asked about
    assert window.suggestion_bar.text.text().startswith("Knee-to-Chest was stopped")
    assert not window.suggestion_bar.undo_button.isVisibleTo(window)
    assert window.context.settings.stretches["piriformis"] == StretchSetting(left_out=True)
    names = [c.routine.stretch_names for c in window.start_view.routines.cards()]
    assert names and all("Piriformis Stretch" not in n for n in names)


def test_not_now_changes_nothing_and_is_recorded(qtbot, clock: FakeClock) -> None:
    window, session_log = with_pain(qtbot, clock)
    before = window.context.settings
    window.suggestion_bar.buttons[Choice.NOT_NOW].click()
    assert window.context.settings == before
    assert [c.choice for c in session_log.choices()] == ["not_now"]
    assert not window.suggestion_bar.isVisibleTo(window)


def test_one_stop_in_three_asks_nothing(qtbot, clock: FakeClock) -> None:
    window, session_log = logged_window(qtbot, clock)
    hurt_twice(session_log, pattern=(True, True, False, False, True))  # 1 in the last 3
    window.refresh_last_session()
    assert not window.suggestion_bar.isVisibleTo(window)


def test_the_weekly_check_is_off_by_default(qtbot, clock: FakeClock) -> None:
    assert Settings().weekly_check is False
    window, _log = logged_window(qtbot, clock)
    window.request_start(routine_from_text(SHORT_ROUTINE))
    assert window.weekly_check_dialog is None
    assert isinstance(window.pain_dialog, PainDialog) and window.pain_dialog.isVisible()


def test_the_weekly_check_comes_first_escape_skips_and_a_week_passes(
    qtbot, clock: FakeClock
) -> None:
    window, session_log = logged_window(qtbot, clock, weekly_check=True, pain_check=True)
    routine = routine_from_text(SHORT_ROUTINE)
    window.request_start(routine)
    dialog = window.weekly_check_dialog
    assert isinstance(dialog, WeeklyCheckDialog) and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    (check,) = session_log.weekly_checks()
    assert check.answer is None and check.asked_at.date() == date.today()
    assert isinstance(window.pain_dialog, PainDialog) and window.pain_dialog.isVisible()
    window.pain_dialog.reject()
    window.show_start()
    window.request_start(routine)
    assert window.weekly_check_dialog is None  # not again within the week


def test_an_answer_is_stored_as_its_point_on_the_scale(qtbot) -> None:
    dialog = WeeklyCheckDialog()
    qtbot.addWidget(dialog)
    assert not dialog.urgent.isVisibleTo(dialog)
    dialog.set_answer(-1)  # a little worse: the signs show at once
    assert dialog.urgent.isVisibleTo(dialog) and "Seek urgent care" in dialog.urgent.text()
    dialog.set_answer(2)
    assert not dialog.urgent.isVisibleTo(dialog)
    dialog.accept()
    assert dialog.value() == 2
    dialog.reject()
    assert dialog.value() is None


def test_settings_show_and_keep_leave_out_and_the_weekly_check(qtbot, clock: FakeClock) -> None:
    from backstretch.ui.settings_dialog import SettingsDialog

    window, _log = logged_window(qtbot, clock)
    context = window.context
    chosen = Settings(
        weekly_check=True, stretches={"piriformis": StretchSetting(hold=20, left_out=True)}
    )
    dialog = SettingsDialog(chosen, context.library, context.texts, None, None, lambda _s, _t: None)
    qtbot.addWidget(dialog)
    assert dialog.weekly_check.isChecked()
    (row,) = [r for r in dialog.rows if r.stretch.id == "piriformis"]
    assert row.left_out.isChecked() and row.left_out.accessibleName()
    assert dialog.result_settings().stretches == chosen.stretches  # OK keeps the choice
    row.left_out.setChecked(False)  # the undo in Settings
    dialog.weekly_check.setChecked(False)
    result = dialog.result_settings()
    assert result.stretches["piriformis"] == StretchSetting(hold=20)
    assert result.weekly_check is False
