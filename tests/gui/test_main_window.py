"""The real window driven through whole sessions on a fake clock, by keyboard and by button."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QPushButton

from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import EngineState, HoldOutcome
from backstretch.core.paths import resolve_paths
from backstretch.core.plan import PhaseKind
from backstretch.core.session import control_cue
from backstretch.core.settings import Settings, load_settings
from backstretch.ui.main_window import MainWindow
from tests.fakes import FakeClock
from tests.gui.helpers import advance, make_window


@pytest.fixture
def window(qtbot, clock: FakeClock) -> Iterator[MainWindow]:
    win = make_window(qtbot, clock)
    yield win
    win.close()


def key(qtbot, window: MainWindow, k: Qt.Key) -> None:
    qtbot.keyClick(window, k)


def test_first_run_shows_the_safety_notice_once(qtbot, clock: FakeClock) -> None:
    first = make_window(qtbot, clock, Settings())
    view = first.start_view
    assert view.safety.isVisible() and not view.start_button.isEnabled()
    assert "not medical advice" in view.safety_text.text()
    assert "numbness, weakness" in view.safety_text.text()
    key(qtbot, first, Qt.Key.Key_Return)
    assert first.stack.currentWidget() is view  # cannot start before accepting
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    assert view.start_button.isEnabled() and not view.safety.isVisible()
    assert load_settings(resolve_paths().settings_file).settings.safety_accepted
    first.close()
    again = make_window(qtbot, clock, load_settings(resolve_paths().settings_file).settings)
    assert not again.start_view.safety.isVisible()
    again.close()


def test_start_view_lists_routines_with_stretches_and_time(window: MainWindow) -> None:
    item = window.start_view.routines.item(0)
    assert item.text().splitlines() == [
        "Lower back relief",
        "5 stretches · 7 min 36 s",
        "Child's Pose, Knee-to-Chest, Piriformis Stretch, Seated Spinal Twist, Pelvic Tilts",
    ]


def test_a_whole_session_by_keyboard(qtbot, window: MainWindow, clock: FakeClock) -> None:
    view = window.session_view
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is view
    engine = window.engine()
    assert engine is not None and engine.state is EngineState.RUNNING
    assert view.name_label.text() == "Child's Pose"
    assert view.phase_text() == "Get into position"
    assert view.steps.current == 0 and view.steps.labels[0].font().bold()
    assert view.steps.current_text() == "Come onto your hands and knees on the mat."
    advance(window, clock, 8)
    assert view.steps.current == 2  # the highlight walks with the reading
    advance(window, clock, 8)
    assert view.phase_text() == "Hold"
    assert view.steps.current == 3
    assert view.steps.current_text().startswith("Let your chest sink")
    assert view.progress_label.text().startswith("1 of 5 · ")
    assert (view.heading.verb.text(), view.heading.side.text()) == ("HOLD", "")

    # pause: dimmed, "Paused", countdown frozen
    left_before = engine.remaining()
    key(qtbot, window, Qt.Key.Key_Space)
    assert engine.state is EngineState.PAUSED and view.pause_overlay.isVisible()
    assert view.pause_overlay.title.text() == "Paused"
    clock.advance(30)
    window.ticker.poke()
    assert engine.remaining() == left_before and view.ring.remaining == left_before
    assert not window.ticker.frames  # no animation frames while paused
    key(qtbot, window, Qt.Key.Key_Space)
    assert engine.state is EngineState.RUNNING and not view.pause_overlay.isVisible()

    # Up and E add ten seconds each
    duration = engine.phase_duration()
    key(qtbot, window, Qt.Key.Key_Up)
    key(qtbot, window, Qt.Key.Key_E)
    assert engine.phase_duration() == duration + 20

    # Right skips to the rest, which names what comes next
    key(qtbot, window, Qt.Key.Key_Right)
    assert view.phase_text() == "Rest - next: Knee-to-Chest"
    assert view.progress_label.text().startswith("2 of 5 · ")
    assert view.heading.verb.text() == "REST"
    assert view.heading.detail.text() == "next: Knee-to-Chest"
    assert view.below.currentWidget() is view.up_next  # the next stretch, drawn and named
    assert view.up_next.name.text() == "Knee-to-Chest"
    key(qtbot, window, Qt.Key.Key_Right)
    assert view.phase_text() == "Get into position - right leg"
    assert view.illustration.badge == "right leg" and not view.illustration.mirrored
    advance(window, clock, 24.5)  # reading the steps aloud takes 21 s
    assert view.phase_text() == "Hold - right leg"
    advance(window, clock, 30)
    assert view.phase_text() == "Switch sides - now left leg"
    assert (view.heading.verb.text(), view.heading.side.text()) == ("SWITCH TO", "LEFT LEG")
    advance(window, clock, 8)
    assert view.phase_text() == "Hold - left leg"
    assert view.illustration.mirrored and view.illustration.badge == "left leg"
    knee = engine.phase.stretch
    assert view.illustration.path.name == (knee.illustration_hold or knee.illustration)

    # Left near the start goes back to the previous stretch; later it restarts the phase
    advance(window, clock, 5)
    key(qtbot, window, Qt.Key.Key_Left)
    assert view.phase_text() == "Hold - left leg" and engine.remaining() == 30
    key(qtbot, window, Qt.Key.Key_Left)
    assert view.name_label.text() == "Child's Pose"

    # M mutes (remembered), F11 goes full screen and back
    key(qtbot, window, Qt.Key.Key_M)
    assert view.muted and view.mute_button.accessibleName() == "Voice off"
    assert not load_settings(resolve_paths().settings_file).settings.voice_enabled
    key(qtbot, window, Qt.Key.Key_M)
    assert not view.muted
    key(qtbot, window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    key(qtbot, window, Qt.Key.Key_F11)
    assert not window.isFullScreen()

    # Pelvic Tilts switch drawings between HOLD and RELAX
    while engine.phase.item < 4 or engine.phase.kind is not PhaseKind.PREPARE:
        key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_Right)
    assert engine.phase.kind is PhaseKind.HOLD
    tilts = engine.phase.stretch
    assert view.illustration.path.name == tilts.illustration_hold  # pressed flat
    assert view.phase_text() == "Hold - 1 of 5"
    assert view.heading.detail.text() == "1 of 5"
    advance(window, clock, 10)
    assert view.phase_text() == "Relax"
    assert view.heading.detail.text() == "next: 2 of 5"
    assert view.illustration.path.name == tilts.illustration  # released

    # Esc asks; Esc again is back to the paused session; Space carries on; Esc then Enter ends
    key(qtbot, window, Qt.Key.Key_Escape)
    assert view.confirm_overlay.isVisible() and engine.state is EngineState.PAUSED
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not view.confirm_overlay.isVisible() and engine.state is EngineState.PAUSED
    assert view.pause_overlay.isVisible()
    key(qtbot, window, Qt.Key.Key_Space)
    assert engine.state is EngineState.RUNNING
    key(qtbot, window, Qt.Key.Key_Escape)
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.finish_view
    assert window.finish_view.title.text() == "Session ended"
    # Child's Pose was skipped twice (once after going back), the others skipped or cut short
    assert "Stretches completed: 0 of 5" in window.finish_view.summary.text()
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.start_view
    assert window.ticker is None


def test_it_hurts_pauses_speaks_and_offers_skip_or_end(
    qtbot, window: MainWindow, clock: FakeClock
) -> None:
    view = window.session_view
    texts = load_cue_texts()
    window.start_session(window.start_view.selected_routine())
    said: list[str] = []  # what the voice is given, from the engine's events
    window.ticker.engineEvent.connect(
        lambda event: said.append(text) if (text := control_cue(event, texts)) else None
    )
    advance(window, clock, 20)
    key(qtbot, window, Qt.Key.Key_H)
    engine = window.engine()
    assert engine.state is EngineState.PAUSED and view.hurt_overlay.isVisible()
    assert not view.pause_overlay.isVisible()
    assert view.hurt_overlay.text.text() == load_cue_texts().say("control.hurt")
    assert said == [texts.say("control.hurt")]
    assert "saddle area" in view.warning.text() and view.warning.isVisible()
    key(qtbot, window, Qt.Key.Key_Escape)  # Esc: back to the paused session, nothing ended
    assert not view.hurt_overlay.isVisible() and view.pause_overlay.isVisible()
    assert engine.state is EngineState.PAUSED
    key(qtbot, window, Qt.Key.Key_Space)  # and Space carries on, as everywhere
    assert engine.state is EngineState.RUNNING
    key(qtbot, window, Qt.Key.Key_H)
    qtbot.mouseClick(view.carry_on_button, Qt.MouseButton.LeftButton)
    assert engine.state is EngineState.RUNNING and not view.hurt_overlay.isVisible()
    key(qtbot, window, Qt.Key.Key_H)
    key(qtbot, window, Qt.Key.Key_Right)  # Right skips, here the whole stretch
    assert not view.hurt_overlay.isVisible() and engine.state is EngineState.RUNNING
    assert view.phase_text() == "Rest - next: Knee-to-Chest"
    assert engine.records[-1].outcome is HoldOutcome.PAIN
    advance(window, clock, 12)
    qtbot.mouseClick(view.hurt_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.end_after_pain_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.finish_view
    assert "Stopped because it hurt: 1" in window.finish_view.summary.text()


def test_finishing_a_whole_session(qtbot, window: MainWindow, clock: FakeClock) -> None:
    window.start_session(window.start_view.selected_routine())
    engine = window.engine()
    advance(window, clock, engine.plan.total_s + 1)
    assert window.stack.currentWidget() is window.finish_view
    assert window.finish_view.title.text() == "Well done"
    assert window.finish_view.summary.text().splitlines()[:2] == [
        "Time stretching: 7 min 36 s",
        "Stretches completed: 5 of 5",
    ]


def test_countdown_digits_are_readable_from_the_floor(qtbot, window: MainWindow) -> None:
    window.start_session(window.start_view.selected_routine())
    ring = window.session_view.ring
    height = QFontMetrics(ring.digit_font()).tightBoundingRect("30").height()
    assert height >= 96
    window.resize(1700, 1050)
    qtbot.wait(1)
    assert QFontMetrics(ring.digit_font()).tightBoundingRect("30").height() > height * 1.05


def test_last_three_seconds_are_marked_in_the_pixels(
    qtbot, window: MainWindow, clock: FakeClock
) -> None:
    window.start_session(window.start_view.selected_routine())
    ring = window.session_view.ring

    def centre_colour() -> QColor:
        image = ring.grab().toImage()
        # a little off centre, between the digits' strokes: the disc behind them
        return image.pixelColor(image.width() // 2, int(image.height() * 0.3))

    advance(window, clock, 5)
    calm = centre_colour()
    advance(window, clock, 8.5)  # 1.5 s before the end of getting into position
    assert ring.final
    marked = centre_colour()
    assert marked != calm
    # calmly: a soft disc in the phase's own colour, never the orange/red of pain
    assert not (marked.hsvHue() < 40 or marked.hsvHue() > 340) or marked.hsvSaturation() < 60


def test_pause_dims_the_whole_view(qtbot, window: MainWindow, clock: FakeClock) -> None:
    window.start_session(window.start_view.selected_routine())
    view = window.session_view
    point = (3, view.height() // 2)  # plain background in the left margin
    before = view.grab().toImage().pixelColor(*point)
    view.toggle_pause()
    after = view.grab().toImage().pixelColor(*point)
    assert after.lightness() < before.lightness() * 0.6


def test_left_side_is_the_right_drawing_mirrored(qtbot, window: MainWindow) -> None:
    window.start_session(window.start_view.selected_routine())
    picture = window.session_view.illustration
    path = picture.path
    picture.show_stretch(path, path, mirrored=False, badge="", name="x")
    right = picture.grab().toImage()
    picture.show_stretch(path, path, mirrored=True, badge="", name="x")
    left = picture.grab().toImage()
    rect = picture.drawing_rect()
    assert right != left
    y = int(rect.center().y())
    for x in range(int(rect.left()) + 2, int(rect.right()) - 2, 7):
        mirror = picture.width() - 1 - x
        a, b = right.pixelColor(x, y), left.pixelColor(mirror, y)
        assert (
            max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= 4
        ), (x, a.name(), b.name())


def test_small_window_keeps_every_control_reachable(qtbot, window: MainWindow) -> None:
    window.start_session(window.start_view.selected_routine())
    window.resize(800, 560)
    qtbot.wait(1)
    assert (window.width(), window.height()) == (800, 560)
    view = window.session_view
    view.show_controls()
    checked = 0
    for button in view.findChildren(QPushButton):
        if not button.isVisibleTo(view):
            continue
        checked += 1
        assert button.height() >= 48  # a target a hand finds from the mat
        top_left = button.mapTo(window, button.rect().topLeft())
        assert top_left.x() >= 0 and top_left.y() >= 0
        assert top_left.x() + button.width() <= 800 and top_left.y() + button.height() <= 560
    assert checked == 7


def test_every_control_has_an_accessible_name_and_description(window: MainWindow) -> None:
    for button in window.findChildren(QPushButton):
        assert button.accessibleName(), button.text()
        assert button.accessibleDescription(), button.text()


def test_start_view_roles_by_number_match_qt() -> None:
    from backstretch.ui.routine_cards import ACCESSIBLE_TEXT_ROLE

    assert Qt.ItemDataRole.AccessibleTextRole.value == ACCESSIBLE_TEXT_ROLE


def test_routines_read_as_one_line_to_screen_readers(window: MainWindow) -> None:
    item = window.start_view.routines.item(0)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Lower back relief, 5 stretches, 7 min 36 s: Child's Pose, Knee-to-Chest, "
        "Piriformis Stretch, Seated Spinal Twist, Pelvic Tilts"
    )
