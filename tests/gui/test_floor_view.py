"""The session view as read from a mat 2.5 m away: sizes, contrast, nothing clipped, nothing
jumping, controls that recede and come back, keys and remotes. Measured on the live widgets."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from backstretch.core.engine import Control, EngineState
from backstretch.core.i18n import set_pseudo
from backstretch.core.paths import resolve_paths
from backstretch.core.plan import Phase, PhaseKind
from backstretch.ui.main_window import MainWindow
from backstretch.ui.phase_style import phase_style
from backstretch.ui.route_strip import Stop
from tests import floor
from tests.fakes import FakeClock
from tests.gallery import dark_palette

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot, clock: FakeClock) -> Iterator[MainWindow]:
    win = floor.make_window(resolve_paths(), clock)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def pseudo() -> Iterator[None]:
    set_pseudo(True)
    yield
    set_pseudo(False)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(before)


def check_every_phase(window: MainWindow, clock: FakeClock, routine, size) -> list[str]:
    window.resize(*size)
    QApplication.processEvents()
    view = window.session_view
    problems: list[str] = []
    rects: dict[int, set[object]] = {}

    def look(phase: Phase) -> None:
        QApplication.processEvents()
        problems.extend(f"{phase.kind.value}: {p}" for p in floor.text_problems(view))
        rects.setdefault(phase.item, set()).add(floor.drawing_rects(view))

    floor.walk(window, clock, routine, look)
    for item, seen in rects.items():
        if len(seen) > 1:
            problems.append(f"the drawing of item {item} moved or changed size: {seen}")
    return problems


@pytest.mark.parametrize("size", floor.SIZES)
def test_no_text_clipped_and_no_drawing_jumps_in_any_phase(
    window: MainWindow, clock: FakeClock, size: tuple[int, int]
) -> None:
    routine = floor.bundled(resolve_paths())
    assert check_every_phase(window, clock, routine, size) == []


@pytest.mark.parametrize("size", floor.SIZES)
def test_longest_words_forty_percent_longer_still_fit(
    window: MainWindow, clock: FakeClock, size: tuple[int, int], pseudo: None
) -> None:
    routine = floor.longest_steps(resolve_paths())
    assert check_every_phase(window, clock, routine, size) == []


def test_the_checks_can_fail(window: MainWindow, clock: FakeClock) -> None:
    """A label squeezed below its text, and two labels on top of each other, are caught."""
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    QApplication.processEvents()
    view.name_label.setFixedWidth(40)
    QApplication.processEvents()
    view.progress_label.move(view.name_label.pos())  # until the layout puts it back
    problems = floor.text_problems(view)
    assert any("Child" in p and "needs" in p for p in problems)
    assert any("Child" in p and "wider than its box" in p for p in problems)
    assert any("overlaps" in p for p in problems)


def test_at_twice_the_device_scale(tmp_path: Path) -> None:
    """Qt's scale factor is fixed per process: the same checks run in a process of their own."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.floor"],
        cwd=ROOT,
        env={**_env(), "QT_SCALE_FACTOR": "2", "XDG_CONFIG_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "device pixel ratio 2.0" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "QT_SCALE_FACTOR"}


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_legible_from_the_floor_at_1920x1080(
    request, window: MainWindow, clock: FakeClock, palette: str
) -> None:
    if palette == "dark":
        request.getfixturevalue("dark")
    window.resize(1920, 1080)
    view = window.session_view
    problems: list[str] = []
    seen: set[PhaseKind] = set()

    def look(phase: Phase) -> None:
        QApplication.processEvents()
        seen.add(phase.kind)
        caps = {
            "verb": QFontMetricsF(view.heading.verb.font()).capHeight(),
            "side": QFontMetricsF(view.heading.side.font()).capHeight(),
            "digits": QFontMetricsF(view.ring.digit_font()).capHeight(),
        }
        problems.extend(f"{phase.kind.value}: {k} {v:.0f} px" for k, v in caps.items() if v < 60)
        step = view.steps.current
        if step >= 0 and view.steps.labels[step].font().pixelSize() < 28:
            problems.append(f"{phase.kind.value}: current step below 28 px")
        problems.extend(f"{phase.kind.value}: {p}" for p in floor.contrast_problems(view))

    floor.walk(window, clock, floor.bundled(resolve_paths()), look)
    assert seen >= {PhaseKind.PREPARE, PhaseKind.HOLD, PhaseKind.SWITCH, PhaseKind.RELAX}
    assert PhaseKind.REST in seen or window.context.settings.timings.rest == 0
    assert problems == []


def test_contrast_check_can_fail(window: MainWindow) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    view.name_label.setStyleSheet("color: #AAB4C0")
    QApplication.processEvents()
    assert any("Child" in p for p in floor.contrast_problems(view))


def test_each_phase_kind_has_its_own_word_tint_and_ring() -> None:
    kinds = [PhaseKind.PREPARE, PhaseKind.HOLD, PhaseKind.SWITCH, PhaseKind.RELAX]
    for dark in (False, True):
        styles = [phase_style(kind, dark) for kind in [*kinds, PhaseKind.REST]]
        assert len({s.tint.name() for s in styles}) == len(styles)
        assert len({phase_style(k, dark).pattern for k in kinds}) == len(kinds)
        for style in styles:  # never orange or red: that is for pain
            hue = style.accent.hsvHue()
            assert 45 <= hue <= 330 or style.accent.hsvSaturation() < 40, style.accent.name()


def test_controls_recede_while_running_and_come_back(
    qtbot, window: MainWindow, clock: FakeClock
) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    assert view.controls_shown() and view._recede.isActive()  # from the start, untouched
    view._recede.setInterval(20)  # the real 4 s, shortened; the timer itself is real
    view.show_controls()
    QApplication.processEvents()
    before = floor.drawing_rects(view)
    qtbot.waitUntil(lambda: not view.controls_shown(), timeout=2000)
    assert view.key_hint.isVisible() and not view.pause_button.isVisible()
    assert view.hurt_button.isVisible()  # "It hurts" never recedes
    assert floor.drawing_rects(view) == before  # nothing moves
    QTest.mouseMove(view, QPoint(view.width() // 2, view.height() // 2))
    assert view.controls_shown() and view.pause_button.isVisible()
    qtbot.waitUntil(lambda: not view.controls_shown(), timeout=2000)
    view.toggle_pause()  # paused: the buttons stay
    assert view.controls_shown()
    qtbot.wait(60)
    assert view.controls_shown()
    view.toggle_pause()


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([Qt.Key.Key_MediaTogglePlayPause], "paused"),
        ([Qt.Key.Key_MediaPause], "paused"),
        ([Qt.Key.Key_B], "paused"),
        ([Qt.Key.Key_Period], "paused"),
        ([Qt.Key.Key_B, Qt.Key.Key_MediaPlay], "running"),
        ([Qt.Key.Key_MediaPlay], "running"),  # Play never pauses
        ([Qt.Key.Key_B, Qt.Key.Key_MediaPause], "paused"),  # Pause never carries on
        ([Qt.Key.Key_PageDown], "skipped"),
        ([Qt.Key.Key_MediaNext], "skipped"),
        ([Qt.Key.Key_PageDown, Qt.Key.Key_PageUp], "back"),
    ],
)
def test_media_keys_and_presentation_remotes(
    qtbot, window: MainWindow, keys: list[Qt.Key], expected: str
) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    engine = window.engine()
    assert engine is not None
    for key in keys:  # with no text: QTest has no ASCII for media keys (and warns)
        QTest.sendKeyEvent(QTest.KeyAction.Click, window, key, "", Qt.KeyboardModifier.NoModifier)
    if expected in ("paused", "running"):
        assert engine.state.value == expected
    elif expected == "skipped":
        assert engine.phase.index == 1
    else:
        assert engine.phase.index == 0 and engine.state is EngineState.RUNNING


def test_pause_keeps_the_time_and_says_how_to_carry_on(
    qtbot, window: MainWindow, clock: FakeClock
) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    clock.advance(1.5)
    window.ticker.poke()
    view.toggle_pause()
    assert view.pause_time.text() == "14"
    assert "Space" in view.pause_overlay.text.text()
    assert view.pause_overlay.geometry() == view.rect()
    assert view.geometry() == window.centralWidget().rect().adjusted(0, 0, 0, 0) or (
        view.mapTo(window, QPoint(0, 0)) == QPoint(0, 0)
    )  # edge to edge: no undimmed frame
    qtbot.mouseClick(view.pause_overlay, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert window.engine().state is EngineState.RUNNING


def test_route_strip_marks_done_now_next_and_pain(
    qtbot, window: MainWindow, clock: FakeClock
) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    assert view.route.stops[:2] == [Stop.NOW, Stop.NEXT]
    qtbot.keyClick(window, Qt.Key.Key_H)
    qtbot.keyClick(window, Qt.Key.Key_Right)  # skip this stretch after pain
    assert view.route.stops[0] is Stop.PAIN
    assert "stopped for pain" in view.route.accessibleDescription()


def test_up_next_in_the_last_seconds_of_a_stretchs_final_hold(
    window: MainWindow, clock: FakeClock
) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    engine = window.engine()
    assert engine is not None
    window.ticker.control(Control.SKIP)  # child's pose: hold
    assert engine.phase.kind is PhaseKind.HOLD
    assert view.below.currentWidget() is view.steps
    while engine.remaining() > 9.5:
        clock.advance(0.5)
        window.ticker.poke()
    assert view.below.currentWidget() is view.up_next
    assert view.up_next.name.text() == engine.plan.routine.items[1].stretch.name


def test_screen_readers_hear_phase_changes_not_seconds(
    window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = window.session_view
    said: list[str] = []
    real = view._announce
    monkeypatch.setattr(view, "_announce", lambda text: (said.append(text), real(text)))
    window.start_session(floor.bundled(resolve_paths()))
    assert said == ["Child's Pose. Get into position."]
    for _ in range(10):  # five seconds of countdown: nothing said
        clock.advance(0.5)
        window.ticker.poke()
    assert len(said) == 1
    window.ticker.control(Control.SKIP)
    assert said[-1] == "Child's Pose. Hold." == view.heading.accessibleName()


def test_the_rings_partial_repaints_draw_what_a_full_one_draws(
    window: MainWindow, clock: FakeClock
) -> None:
    """Animation frames repaint only around the tip (stroking the arc's last part) and each
    second only the digits; what they paint must be exactly what a full repaint paints."""
    from PySide6.QtGui import QImage, QRegion

    window.start_session(floor.bundled(resolve_paths()))
    window.ticker.control(Control.SKIP)  # a hold: the solid ring
    for _ in range(7):
        clock.advance(0.5)
        window.ticker.poke()
    ring = window.session_view.ring
    QApplication.processEvents()
    full = ring.grab().toImage()
    tip = ring._tip(ring.remaining)
    margin = ring._side() * 0.09
    areas = {
        "tip": QRect(
            int(tip.x() - margin), int(tip.y() - margin), int(2 * margin), int(2 * margin)
        ),
        "digits": ring._digits_area().toAlignedRect(),
    }
    for name, area in areas.items():
        part = QImage(full.size(), QImage.Format.Format_ARGB32_Premultiplied)
        part.fill(Qt.GlobalColor.magenta)
        ring.render(part, area.topLeft(), QRegion(area))  # the area, at its own place
        inside = area.intersected(ring.rect())
        gaps = [
            _channel_gap(full.pixelColor(x, y), part.pixelColor(x, y))
            for x in range(inside.left(), inside.right(), 2)
            for y in range(inside.top(), inside.bottom(), 2)
        ]
        # Identical but for antialiasing: a part of an arc is approximated by other curve
        # segments than the whole arc, which moves a few edge pixels by a few levels.
        assert max(gaps) <= 24, (name, max(gaps))
        assert sum(gap > 0 for gap in gaps) < len(gaps) * 0.05, name


def _channel_gap(a, b) -> int:  # type: ignore[no-untyped-def]
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
