"""The drawing in the session: start and end pose, the move between them, mirroring for the
person's own view, the side badge and the "Feel it here" label clear of the figure."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QBitmap, QImage, QPainter, QRegion
from PySide6.QtWidgets import QApplication

from backstretch.core.engine import Control, HoldOutcome
from backstretch.core.paths import asset, resolve_paths
from backstretch.core.plan import PhaseKind
from backstretch.core.settings import DrawingHead, mirror_drawing, replace
from backstretch.core.stretches import Side, Variant, load_library
from backstretch.ui.illustration import IllustrationView
from backstretch.ui.main_window import MainWindow
from tests import floor
from tests.fakes import FakeClock

FORMS = [
    (stretch, variant)
    for stretch in load_library()
    for variant in (Variant.USUAL, Variant.EASIER)
    if variant is Variant.USUAL or stretch.has_easier
]


def figure_box(view: IllustrationView, end: bool) -> QRect:
    """The rendered figure (and mat) in widget pixels: what actually got painted."""
    renderer = view.renderer(view.end_path if end else view.start_path)
    assert renderer is not None
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    area = view.drawing_rect()
    if view.mirrored:
        painter.translate(view.width(), 0)
        painter.scale(-1, 1)
        area = QRectF(view.width() - area.right(), area.top(), area.width(), area.height())
    renderer.render(painter, area)
    painter.end()
    return QRegion(QBitmap.fromImage(image.createAlphaMask())).boundingRect()


@pytest.fixture
def view(qtbot) -> Iterator[IllustrationView]:
    widget = IllustrationView()
    qtbot.addWidget(widget)
    widget.show()
    yield widget


@pytest.mark.parametrize(("stretch", "variant"), FORMS, ids=lambda v: getattr(v, "value", None))
@pytest.mark.parametrize("size", [(700, 440), (300, 150)])
def test_badge_and_label_never_cover_the_figure(view, stretch, variant, size) -> None:
    form = stretch.form(variant)
    view.resize(*size)
    for side in (Side.RIGHT, Side.LEFT) if form.sided else (None,):
        for mirrored in (False, True):
            view.show_stretch(
                asset("illustrations", form.illustration),
                asset("illustrations", form.illustration_hold),
                mirrored=mirrored,
                badge=form.side_name(side),
                name=form.name,
            )
            for end in (False, True):
                view.set_reduce_motion(False)
                view.set_pose(end)
                view.settle()
                figure = figure_box(view, end)
                assert not figure.isEmpty()
                badge = view.badge_rect().toAlignedRect()
                label = view.label_rect().toAlignedRect()
                where = f"{form.id} {variant.value} {side} mirrored={mirrored} end={end}"
                if side is not None:
                    assert not badge.isEmpty() and not badge.intersects(figure), where
                    card = view.drawing_rect().toAlignedRect().adjusted(-1, -1, 1, 1)
                    assert card.contains(badge), where
                if end:  # "Feel it here" on the hold pose, clear of the badge and the figure
                    assert not label.isEmpty(), where
                    assert not label.intersects(badge) and not label.intersects(figure), where
                    assert view.target_rect().intersects(QRectF(figure)), where
                else:
                    assert label.isEmpty(), where


def test_the_badge_test_can_fail(view) -> None:
    """A badge drawn over the figure would be caught by the same comparison."""
    stretch = load_library()["knee-to-chest"]
    view.resize(700, 440)
    view.show_stretch(
        asset("illustrations", stretch.illustration),
        asset("illustrations", stretch.illustration_hold),
        mirrored=False,
        badge="right leg",
        name="x",
    )
    figure = figure_box(view, False)
    middle = QRect(figure.center().x() - 40, figure.center().y() - 20, 80, 40)
    assert middle.intersects(figure)


def test_mirrored_is_the_same_picture_flipped(view) -> None:
    stretch = load_library()["piriformis"]
    view.resize(640, 400)
    path = asset("illustrations", stretch.illustration_hold)
    view.show_stretch(path, path, mirrored=False, badge="", name="x")
    view.set_reduce_motion(True)
    right = view.grab().toImage()
    view.show_stretch(path, path, mirrored=True, badge="", name="x")
    left = view.grab().toImage()
    assert right != left
    assert left.flipped(Qt.Orientation.Horizontal) == right or _close(
        left.flipped(Qt.Orientation.Horizontal), right
    )


def _close(a: QImage, b: QImage) -> bool:
    differ = 0
    for y in range(0, a.height(), 5):
        for x in range(0, a.width(), 5):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if (
                max(abs(p.red() - q.red()), abs(p.green() - q.green()), abs(p.blue() - q.blue()))
                > 8
            ):
                differ += 1
    return differ < a.width() * a.height() / 25 * 0.01  # under 1 % of the sampled pixels


@pytest.fixture
def window(qtbot, clock: FakeClock) -> Iterator[MainWindow]:
    win = floor.make_window(resolve_paths(), clock)
    qtbot.addWidget(win)
    yield win
    win.close()


def skip_to(window: MainWindow, item: int, kind: PhaseKind, side: Side | None = None) -> None:
    engine = window.engine()
    assert engine is not None
    while not (
        engine.phase.item == item
        and engine.phase.kind is kind
        and (side is None or engine.phase.side is side)
    ):
        window.ticker.control(Control.SKIP)


@pytest.mark.parametrize("head", list(DrawingHead))
def test_your_mat_your_view_sides_stay_right(window: MainWindow, head: DrawingHead) -> None:
    """Mirrored the way the person lies; the badge and the spoken side still name the leg."""
    window.context.settings = replace(window.context.settings, drawing_head=head)
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    engine = window.engine()
    for side in (Side.RIGHT, Side.LEFT):
        skip_to(window, 1, PhaseKind.HOLD, side)
        name = engine.phase.stretch.side_name(side)
        assert view.illustration.badge == name
        assert view.heading.side.text() == name.upper()
        assert name in engine.phase.cues[0].text  # what the voice says
        expected = side is Side.LEFT if head is DrawingHead.AUTO else head is DrawingHead.RIGHT
        assert view.illustration.mirrored is expected is mirror_drawing(head, side)


def test_the_picture_moves_with_the_steps_and_each_tilt(
    qtbot, window: MainWindow, clock: FakeClock
) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    picture = view.illustration
    engine = window.engine()
    stretch = engine.phase.stretch
    assert picture.path.name == stretch.illustration  # the first step: the start pose
    while view.steps.current < len(stretch.prepare_steps) - 1:
        clock.advance(0.5)
        window.ticker.poke()
        if view.steps.current < len(stretch.prepare_steps) - 1:
            assert picture.path.name == stretch.illustration
    assert picture.path.name == stretch.illustration_hold  # moving as the last step is read
    assert picture.is_moving()
    qtbot.waitUntil(lambda: not picture.is_moving(), timeout=3000)  # Qt's own animation
    assert picture.pose == 1.0
    skip_to(window, 4, PhaseKind.HOLD)
    tilts = engine.phase.stretch
    assert picture.path.name == tilts.illustration_hold  # pressed flat
    window.ticker.control(Control.SKIP)
    assert engine.phase.kind is PhaseKind.RELAX
    assert picture.path.name == tilts.illustration  # released
    assert picture.is_moving()


def test_reduce_motion_shows_the_end_pose_without_moving(
    window: MainWindow, clock: FakeClock
) -> None:
    window.context.settings = replace(window.context.settings, reduce_motion=True)
    window.start_session(floor.bundled(resolve_paths()))
    picture = window.session_view.illustration
    stretch = window.engine().phase.stretch
    assert picture.path.name == stretch.illustration_hold and picture.pose == 1.0
    for _ in range(40):
        clock.advance(0.5)
        window.ticker.poke()
        assert not picture.is_moving() and picture.pose == 1.0


def test_it_hurts_offers_the_easier_way_and_the_log_knows(
    qtbot, window: MainWindow, clock: FakeClock
) -> None:
    window.start_session(floor.bundled(resolve_paths()))
    view = window.session_view
    engine = window.engine()
    skip_to(window, 1, PhaseKind.HOLD, Side.RIGHT)
    usual = engine.phase.stretch
    qtbot.keyClick(window, Qt.Key.Key_H)
    assert view.easier_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert not view.hurt_overlay.isVisible()
    phase = engine.phase
    assert (phase.item, phase.kind) == (1, PhaseKind.PREPARE)
    assert phase.stretch.variant is Variant.EASIER
    easier = phase.stretch
    assert view.steps.steps() == [*easier.prepare_steps, easier.hold_step]
    assert view.steps.steps() != [*usual.prepare_steps, usual.hold_step]
    assert view.illustration.start_path.name == phase.stretch.illustration
    assert engine.records[-1].outcome is HoldOutcome.PAIN
    assert engine.records[-1].variant == "usual"
    saved = window.context.settings.stretches[usual.id].variant
    assert saved is Variant.EASIER  # kept for next time; Settings undoes it
    skip_to(window, 1, PhaseKind.SWITCH)
    assert engine.records[-1].variant == "easier"
    qtbot.keyClick(window, Qt.Key.Key_H)  # already easier: not offered again
    assert not view.easier_button.isVisible()
    QApplication.processEvents()


def _edges(image: QImage) -> float:
    """Squared steps between neighbouring pixels along a few rows: a blurred edge spreads one
    big step over several small ones, which squares to less."""
    total = 0
    for y in range(image.height() // 5, image.height(), image.height() // 5):
        row = [image.pixelColor(x, y).lightness() for x in range(image.width())]
        total += sum((a - b) ** 2 for a, b in pairwise(row))
    return total


@pytest.mark.parametrize(("stretch", "variant"), FORMS, ids=lambda v: getattr(v, "value", None))
def test_every_drawing_renders_sharp_at_2x(stretch, variant, qapp) -> None:
    """Vector all the way down: at twice the pixels the edges stay as crisp as at 1x, where a
    picture scaled up (a bitmap inside the SVG, say) would come out soft."""
    from PySide6.QtSvg import QSvgRenderer

    form = stretch.form(variant)
    for name in (form.illustration, form.illustration_hold):
        text = asset("illustrations", name).read_text(encoding="utf-8")
        assert "<image" not in text
        renderer = QSvgRenderer(str(asset("illustrations", name)))

        def render(scale: int, renderer: QSvgRenderer = renderer) -> QImage:
            image = QImage(320 * scale, 200 * scale, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
            painter.end()
            return image

        sharp = render(2)
        soft = render(1).scaled(
            640,
            400,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        assert _edges(sharp) > _edges(soft) * 1.1, name
