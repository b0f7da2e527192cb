"""The window writes the log as a session happens: pain before, every hold, the end, pain after."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from backstretch.core.log import open_log
from backstretch.core.plan import PhaseKind
from backstretch.ui.main_window import MainWindow
from backstretch.ui.pain_dialog import PainDialog
from tests.fakes import SHORT_ROUTINE, FakeClock, routine_from_text
from tests.gui.helpers import advance, logged_window, make_window


def pain_dialog(window: MainWindow) -> PainDialog:
    dialog = window.pain_dialog
    assert isinstance(dialog, PainDialog) and dialog.isVisible()
    return dialog


def test_a_whole_session_is_logged_with_pain_before_and_after(qtbot, clock: FakeClock) -> None:
    window, session_log = logged_window(qtbot, clock)
    routine = routine_from_text(SHORT_ROUTINE)
    window.request_start(routine)
    before = pain_dialog(window)
    qtbot.keyClick(before, Qt.Key.Key_4)
    qtbot.keyClick(before, Qt.Key.Key_Return)
    engine = window.engine()
    assert engine is not None
    (row,) = session_log.sessions()
    assert (row.status, row.pain_before, row.routine) == ("in_progress", 4, "Short")
    advance(window, clock, engine.plan.total_s + 1)
    after = pain_dialog(window)
    after.set_value(2)
    assert after.note_edit is not None
    after.note_edit.setText("Easier on the left")
    after.accept()
    assert window.finish_view.pain.text() == "Back pain: 4 before, 2 after (out of 10)"
    (row,) = session_log.sessions()
    assert (row.status, row.pain_before, row.pain_after) == ("completed", 4, 2)
    assert row.note == "Easier on the left"
    holds = [p for p in engine.plan.phases if p.kind is PhaseKind.HOLD]
    assert [(h.stretch, h.side, h.outcome) for h in row.holds] == [
        (p.stretch.id, p.side.value if p.side else None, "done") for p in holds
    ]
    assert [h.held_s for h in row.holds] == [p.duration_s for p in holds]
    assert row.active_s == pytest.approx(engine.plan.total_s, abs=1)
    window.show_start()
    assert window.start_view.last_session.text().startswith("Last session: today")


def test_escape_skips_the_pain_check_and_it_can_be_switched_off(qtbot, clock: FakeClock) -> None:
    window, session_log = logged_window(qtbot, clock)
    routine = routine_from_text(SHORT_ROUTINE)
    window.request_start(routine)
    qtbot.keyClick(pain_dialog(window), Qt.Key.Key_Escape)
    assert window.engine() is not None
    (row,) = session_log.sessions()
    assert row.pain_before is None
    window.close()
    (row,) = session_log.sessions()
    assert row.status == "stopped"

    quiet, _quiet_log = logged_window(qtbot, clock, pain_check=False)
    quiet.request_start(routine)
    assert quiet.engine() is not None  # started at once, no question
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in quiet.findChildren(QDialog))


def test_it_hurts_is_logged_as_pain(qtbot, clock: FakeClock) -> None:
    window, session_log = logged_window(qtbot, clock, pain_check=False)
    window.start_session(routine_from_text(SHORT_ROUTINE))
    engine = window.engine()
    assert engine is not None
    advance(window, clock, engine.plan.phases[1].start_s + 3)  # 3 s into the first hold
    window.session_view.it_hurts()
    window.session_view.end_session()
    (row,) = session_log.sessions()
    assert row.status == "stopped"
    assert [(h.stretch, h.outcome) for h in row.holds] == [("knee-to-chest", "pain")]
    assert row.holds[0].held_s == pytest.approx(3, abs=0.6)


def test_a_session_cut_off_last_time_is_told_once(qtbot, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)
    path = window.context.paths.log_file
    first = open_log(path).log
    first.start_session("short", "Short", 60, datetime.now().astimezone())
    first.close()  # the app "died": the session was never finished
    from backstretch.core.history import interrupted_text

    opened = open_log(path)
    assert opened.interrupted == 1
    window.set_log(opened.log, [opened.notice, interrupted_text(opened.interrupted)])
    assert window.notice.text() == (
        "Your last session was cut off when the app closed; the holds you finished are kept "
        "in your history."
    )
    assert opened.log.sessions()[0].status == "interrupted"


def test_history_opens_from_the_start_view(qtbot, clock: FakeClock) -> None:
    window, _session_log = logged_window(qtbot, clock, pain_check=False)
    assert window.start_view.history_button.isEnabled()
    window.start_view.history_button.click()
    history = window.history_window
    assert history.isVisible()
    history.close()
