"""The finish view: each stretch and how it went, pain side by side, and what to do after pain."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from backstretch.core.engine import HoldOutcome
from backstretch.core.log import SessionRow
from backstretch.core.paths import asset
from backstretch.core.plan import Plan
from backstretch.core.summary import summarize
from backstretch.ui.finish_view import BODY_PX, PAIN_ON_DARK, PAIN_ON_LIGHT, FinishView
from tests.fakes import FakeClock, plan_from_text, routine_from_text
from tests.gui.finish_samples import drawings, records
from tests.gui.helpers import advance, assert_nothing_clipped, logged_window, make_window

BUNDLED = asset("routines", "lower-back-relief.toml").read_text(encoding="utf-8")


@pytest.fixture
def plan() -> Plan:
    return plan_from_text(BUNDLED)


def shown(qtbot, size: tuple[int, int] = (800, 560)) -> FinishView:
    view = FinishView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def fill(view: FinishView, plan: Plan, outcomes: list[HoldOutcome], completed: bool) -> None:
    summary = summarize(plan, records(plan, outcomes))
    view.show_summary(summary, completed, 200.0, plan.item_count, drawings(plan))


D, S, P = HoldOutcome.DONE, HoldOutcome.SKIPPED, HoldOutcome.PAIN
# Child's Pose done, Knee-to-Chest right done and left skipped, Piriformis hurt on the right.
PAIN_STOP = [D, D, S, P]


def test_each_stretch_has_its_drawing_outcome_in_words_and_a_symbol(qtbot, plan: Plan) -> None:
    view = shown(qtbot)
    fill(view, plan, PAIN_STOP, completed=False)
    rows = [(r.name.text(), r.outcome.text(), r.time.text()) for r in view.rows]
    assert rows == [
        ("Child's Pose", "✓  Done", "Held 45 s of 45 s"),
        ("Knee-to-Chest", "◐  Partly done", "Held 33 s of 1 min"),
        ("Piriformis Stretch", "⚠  Stopped: it hurt", "Held 3 s of 1 min"),
        ("Seated Spinal Twist", "○  Not reached", "Planned 1 min"),
        ("Pelvic Tilts", "○  Not reached", "Planned 50 s"),
    ]
    assert (
        view.rows[2].accessibleName() == "Piriformis Stretch: stopped: it hurt. Held 3 s of 1 min."
    )
    assert all(row.accessibleName() for row in view.rows)
    # The drawings are there, drawn for this screen once the rows are shown.
    qtbot.waitUntil(lambda: all(not row.thumb.pixmap().isNull() for row in view.rows))
    # Orange-red marks the pain row only; the others keep the text colour.
    colours = [row.outcome.palette().color(QPalette.ColorRole.WindowText) for row in view.rows]
    assert colours[2] in (PAIN_ON_LIGHT, PAIN_ON_DARK)
    assert all(c not in (PAIN_ON_LIGHT, PAIN_ON_DARK) for i, c in enumerate(colours) if i != 2)
    assert view.title.text() == "You stopped because it hurt"
    assert view.summary.text().splitlines() == [
        "Time stretching: 3 min 20 s",
        "Stretches completed: 1 of 5",
        "Stopped because it hurt: 1 · Skipped or partly done: 1 · Not reached: 2",
    ]


def test_titles(qtbot, plan: Plan) -> None:
    view = shown(qtbot)
    fill(view, plan, [D] * 9, completed=True)
    assert view.title.text() == "Well done"
    fill(view, plan, [D, S], completed=False)
    assert view.title.text() == "Session ended"


def test_pain_before_and_after_side_by_side_once_given(qtbot, plan: Plan) -> None:
    view = shown(qtbot, (1100, 720))
    fill(view, plan, [D] * 9, completed=True)
    panel = view.pain
    assert not panel.isVisible()
    view.show_pain(6, None)
    assert panel.isVisible() and panel.before_number.text() == "6"
    assert not panel.after_number.isVisible() and not panel.arrow.isVisible()
    assert panel.text() == "Back pain: 6 before (out of 10)"
    view.show_pain(6, 3)
    qtbot.wait(1)
    before, after = panel.before_number, panel.after_number
    assert after.isVisible() and after.text() == "3"
    assert panel.before_word.text() == "before" and panel.after_word.text() == "after"
    # Side by side: the same row, "after" to the right.
    top_b, top_a = (
        before.mapTo(view, before.rect().center()),
        after.mapTo(view, after.rect().center()),
    )
    assert top_b.y() == top_a.y() and top_a.x() > top_b.x() + before.width()
    assert before.font().pixelSize() >= 2 * BODY_PX
    assert panel.change.text() == "3 points lower."
    assert panel.accessibleName() == panel.text() == "Back pain: 6 before, 3 after (out of 10)"
    view.show_pain(4, 5)
    assert panel.change.text() == "1 point higher."


def test_what_to_do_only_after_pain(qtbot, plan: Plan) -> None:
    view = shown(qtbot)
    fill(view, plan, [D] * 9, completed=True)
    assert not view.what_to_do.isVisible()
    fill(view, plan, PAIN_STOP, completed=False)
    box = view.what_to_do
    assert box.isVisible()
    words = " ".join(label.text() for label in box.findChildren(QLabel)).lower()
    for needed in (
        "rest",
        "walk",
        "easier way",
        "shorter hold",
        "seek urgent care",
        "groin or saddle",
        "bladder or bowels",
        "both legs",
    ):
        assert needed in words, needed
    assert "seek urgent care" in box.accessibleDescription().lower()
    fill(view, plan, [D, D, D, D], completed=False)  # a later, painless session hides it again
    assert not view.what_to_do.isVisible()


def test_default_button_after_a_pain_stop_is_close(qtbot, plan: Plan) -> None:
    view = shown(qtbot)
    fill(view, plan, [D] * 9, completed=True)
    assert view.default_button() is view.again_button and view.again_button.isDefault()
    assert view.again_button.text() == "Start again"
    with qtbot.waitSignal(view.againRequested, timeout=100):
        view.press_default()
    fill(view, plan, PAIN_STOP, completed=False)
    assert view.default_button() is view.close_button
    assert view.close_button.isDefault() and not view.again_button.isDefault()
    assert view.again_button.text() == "Back to start"
    assert view.hint.text() == "Enter or Esc: close"
    with qtbot.waitSignal(view.closeRequested, timeout=100):
        view.press_default()
    for button in (view.again_button, view.close_button):
        assert "\n" not in button.text()
        assert button.accessibleName() and button.accessibleDescription()


def test_the_streak(qtbot, plan: Plan) -> None:
    view = shown(qtbot)
    fill(view, plan, [D] * 9, completed=True)
    view.set_streak(5)
    assert view.streak.isVisible() and view.streak.text() == "★  Stretched 5 days in a row"
    view.set_streak(1)  # one day is not a streak: not mentioned
    assert not view.streak.isVisible()


@pytest.mark.parametrize("size", [(800, 560), (1100, 720), (1920, 1080)])
@pytest.mark.parametrize("outcomes", [[D] * 9, PAIN_STOP], ids=["done", "pain"])
def test_nothing_clipped_and_body_text_readable(
    qtbot, plan: Plan, size: tuple[int, int], outcomes: list[HoldOutcome]
) -> None:
    view = shown(qtbot, size)
    fill(view, plan, outcomes, completed=outcomes != PAIN_STOP)
    view.show_pain(7, 4)
    view.set_streak(12)
    qtbot.wait(1)
    assert (view.width(), view.height()) == size
    assert_nothing_clipped(view)
    for label in view.findChildren(QLabel):
        if label.isVisibleTo(view) and label.text():
            assert label.font().pixelSize() >= BODY_PX, label.text()
    assert view.title.font().pixelSize() > view.summary.font().pixelSize()
    for button in (view.again_button, view.close_button):  # the buttons never scroll away
        corner = button.mapTo(view, button.rect().bottomRight())
        assert corner.x() < size[0] and corner.y() < size[1]


def test_text_grows_with_the_window(qtbot, plan: Plan) -> None:
    view = shown(qtbot, (1100, 720))
    fill(view, plan, [D] * 9, completed=True)
    small = view.rows[0].name.font().pixelSize()
    view.resize(1920, 1080)
    qtbot.wait(1)
    assert view.rows[0].name.font().pixelSize() >= small * 1.4
    assert view.rows[0].thumb.width() > 120


# ---------------------------------------------------------------------- in the window
def test_the_window_after_a_pain_stop(qtbot, clock: FakeClock) -> None:
    """Pain before from the log, the streak from the log, and Enter closes, Esc too."""
    window, session_log = logged_window(qtbot, clock, pain_check=False)
    now = datetime.now().astimezone()
    session_log.add_sessions(
        SessionRow(0, now - timedelta(days=d), None, "x", "X", "completed", 60, 60, None, None, "")
        for d in (1, 2)
    )
    window.start_session(routine_from_text(BUNDLED))
    engine = window.engine()
    assert engine is not None
    session_log.set_pain(window.session.log_id, before=6)
    advance(window, clock, engine.plan.phases[1].start_s + 3)  # 3 s into the first hold
    engine.report_pain()
    engine.stop()
    view = window.finish_view
    assert window.stack.currentWidget() is view
    assert view.title.text() == "You stopped because it hurt"
    assert view.rows[0].outcome.text() == "⚠  Stopped: it hurt"
    assert view.what_to_do.isVisible()
    assert view.pain.text() == "Back pain: 6 before (out of 10)"
    # A session with no hold done does not count for today, nor does it break the streak.
    assert view.streak.text() == "★  Stretched 2 days in a row"
    window.activateWindow()  # shortcuts need the active window
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert not window.isVisible()  # closed: Enter did not lead back towards a new session


def test_in_the_smallest_window_after_a_whole_session_nothing_is_clipped(
    qtbot, clock: FakeClock
) -> None:
    window = make_window(qtbot, clock)
    window.resize(800, 560)
    window.start_session(routine_from_text(BUNDLED))
    engine = window.engine()
    assert engine is not None
    advance(window, clock, engine.plan.total_s + 1)
    view = window.finish_view
    assert window.stack.currentWidget() is view and view.title.text() == "Well done"
    assert [row.outcome.text() for row in view.rows] == ["✓  Done"] * 5
    view.show_pain(3, 2)
    qtbot.wait(1)
    assert_nothing_clipped(view)
    window.close()
