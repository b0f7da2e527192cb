"""Measuring the session view as a person on the mat meets it: every phase of a routine,
walked on a fake clock, with what is clipped, overlapping, too small or too faint.

Shared by tests/gui/test_floor_view.py and by its 2x-scale run in a subprocess
(`python -m tests.floor`), which needs its own QApplication.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterator

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from backstretch.app import SessionAssembly
from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import Control, EngineState
from backstretch.core.paths import Paths
from backstretch.core.plan import Phase, PhaseKind
from backstretch.core.routines import Routine, list_routines
from backstretch.core.settings import Settings, replace
from backstretch.core.stretches import load_library
from backstretch.ui.context import Context
from backstretch.ui.main_window import MainWindow
from backstretch.ui.phase_style import contrast
from backstretch.ui.session_view import SessionView
from tests.fakes import FakeClock

SIZES = ((800, 560), (1100, 720), (1920, 1080))


def make_window(paths: Paths, clock: FakeClock) -> MainWindow:
    settings = replace(Settings(), safety_accepted=True, pain_check=False)
    window = MainWindow(Context(paths, load_library(), load_cue_texts(), settings, clock))
    SessionAssembly(window)
    window.show()
    return window


def bundled(paths: Paths) -> Routine:
    return list_routines(paths, load_library()).routines[0]


def longest_steps(paths: Paths) -> Routine:
    """The bundled routine with every stretch given the longest name and step texts of the
    library (four steps each), so the worst text meets every phase kind."""
    routine = bundled(paths)
    stretches = [item.stretch for item in routine.items]
    steps = sorted((s for st in stretches for s in (*st.prepare_steps, st.hold_step)), key=len)
    name = max((st.name for st in stretches), key=len)
    items = tuple(
        dataclasses.replace(
            item,
            stretch=dataclasses.replace(
                item.stretch,
                name=f"{name} {name}",
                prepare_steps=tuple(steps[-3:]),
                hold_step=steps[-1],
            ),
        )
        for item in routine.items
    )
    return dataclasses.replace(routine, items=items, name="Longest words")


def walk(
    window: MainWindow, clock: FakeClock, routine: Routine, look: Callable[[Phase], None]
) -> None:
    """Every phase of a session; getting into position at each step as it is read, holds at
    their start and in their last seconds (where "up next" may show)."""
    window.start_session(routine)
    ticker = window.ticker
    assert ticker is not None
    engine = ticker.engine
    while engine.state is not EngineState.FINISHED:
        phase = engine.phase
        points = [0.2, 0.5, 0.8, 0.97] if phase.kind is PhaseKind.PREPARE else [0.2, 0.97]
        done = 0.0
        for point in points:
            target = phase.duration_s * point
            while done < target - 1e-9:  # steps shorter than a "sleep" gap, as the timer makes
                step = min(1.9, target - done)
                clock.advance(step)
                done += step
                ticker.poke()
            if engine.phase is not phase:
                break
            look(phase)
        if engine.state is not EngineState.FINISHED and engine.phase is phase:
            ticker.control(Control.SKIP)


def _shown(view: SessionView) -> Iterator[QWidget]:
    for widget in view.findChildren(QWidget):
        shown = isinstance(widget, (QLabel, QAbstractButton)) and widget.isVisibleTo(view)
        if shown and widget.text():
            yield widget


def _in_view(view: SessionView, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(view, widget.rect().topLeft()), widget.size())


def text_problems(view: SessionView) -> list[str]:
    """Clipped, elided or overlapping text, and anything outside the view."""
    problems: list[str] = []
    boxes: list[tuple[QRect, str]] = []
    for widget in _shown(view):
        text = widget.text()
        metrics = QFontMetricsF(widget.font())
        rect = _in_view(view, widget)
        name = f"{type(widget).__name__} {text[:40]!r}"
        if not view.rect().contains(rect):
            problems.append(f"{name} is outside the view: {rect} in {view.rect()}")
        if isinstance(widget, QLabel):
            room = widget.contentsRect()
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > widget.height():
                    problems.append(f"{name} needs {need} px, has {widget.height()}")
                for word in text.split():
                    if metrics.horizontalAdvance(word) > room.width() + 1:
                        problems.append(f"{name}: the word {word!r} is wider than its box")
            elif metrics.horizontalAdvance(text) > room.width() + 1:
                problems.append(
                    f"{name} is {metrics.horizontalAdvance(text):.0f} px wide in {room.width()}"
                )
            if metrics.height() > room.height() + 1:
                problems.append(f"{name} is cut at the top or bottom")
        elif metrics.horizontalAdvance(text) > widget.width() - 8:
            problems.append(f"{name} does not fit its button ({widget.width()} px)")
        boxes.append((rect, name))
    for number, (rect, name) in enumerate(boxes):
        for other, other_name in boxes[number + 1 :]:
            if rect.intersects(other):
                problems.append(f"{name} overlaps {other_name}")
    return problems


def contrast_problems(view: SessionView) -> list[str]:
    """Every word at least 4.5:1 on what is behind it; the big four at least 7:1."""
    problems: list[str] = []
    tint = view.palette().color(view.backgroundRole())
    strong = {view.heading.verb, view.heading.side}
    if 0 <= view.steps.current < len(view.steps.labels):
        strong.add(view.steps.labels[view.steps.current])
    for widget in _shown(view):
        if isinstance(widget, QAbstractButton):
            continue  # buttons: the style's own colours (checked with the dialogs' buttons)
        palette = widget.palette()
        fg = palette.color(widget.foregroundRole())
        filled = widget.autoFillBackground() or widget.styleSheet()
        bg = palette.color(widget.backgroundRole()) if filled else tint
        need = 7.0 if widget in strong else 4.5
        ratio = contrast(fg, bg)
        if ratio < need:
            problems.append(f"{widget.text()[:30]!r}: {ratio:.1f}:1 < {need}:1")
    ring = view.ring
    digits = contrast(ring.palette().color(ring.foregroundRole()), tint)
    if digits < 7.0:
        problems.append(f"countdown digits {digits:.1f}:1 < 7:1")
    return problems


def drawing_rects(view: SessionView) -> tuple[QRect, tuple[float, float, float, float]]:
    rect = view.illustration.drawing_rect()
    return view.illustration.geometry(), (rect.x(), rect.y(), rect.width(), rect.height())


def main() -> int:
    """The checks at 2x device scale (QT_SCALE_FACTOR=2), in a process of their own."""
    import os
    import tempfile
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from backstretch.core.i18n import set_pseudo

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as home:
        paths = Paths(Path(home, "c"), Path(home, "d"), Path(home, "k"))
        for pseudo in (False, True):
            set_pseudo(pseudo)
            for size in ((800, 560), (1100, 720)):
                clock = FakeClock()
                window = make_window(paths, clock)
                window.resize(*size)
                app.processEvents()
                view = window.session_view

                def look(
                    phase: Phase, view: SessionView = view, where: str = f"{size} {pseudo=}"
                ) -> None:
                    app.processEvents()
                    for problem in text_problems(view):
                        problems.append(f"{where} {phase.kind.value}: {problem}")

                walk(window, clock, longest_steps(paths), look)
                window.close()
    print(f"device pixel ratio {app.devicePixelRatio()}")
    print("\n".join(dict.fromkeys(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
