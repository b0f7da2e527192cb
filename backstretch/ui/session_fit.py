"""How big everything in the session view is: it follows the window, and the name, the heading
and the steps keep one height for the whole session, so the drawing never jumps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from backstretch.core.i18n import tr
from backstretch.core.labels import phase_detail, phase_side, phase_verb, session_progress_widest
from backstretch.ui.overlays import MIN_TARGET, scaled

if TYPE_CHECKING:
    from backstretch.ui.session_view import SessionView


def rescale(self: SessionView) -> None:
    """Every size follows the window: at 1920x1080 the verb, the side and the digits stand
    over 60 px tall (about 15 arc-minutes from 2.5 m), the current step 28 px or more."""
    s = self.scale()
    base = self.font()
    margin = max(8, round(24 * s))
    self.main_layout.setContentsMargins(margin, margin, margin, margin)
    self.main_layout.setSpacing(max(6, round(14 * s)))
    self.name_label.setFont(scaled(base, max(20, 58 * s), bold=True))
    self.progress_label.setFont(scaled(base, max(16, 40 * s)))
    self.heading.set_fonts(scaled(base, max(26, 88 * s), bold=True), scaled(base, max(16, 44 * s)))
    self.steps.set_fonts(scaled(base, max(17, 38 * s)), scaled(base, max(14, 27 * s)))
    self.up_next.set_fonts(
        scaled(base, max(14, 30 * s), bold=True), scaled(base, max(18, 48 * s), bold=True)
    )
    button_font = scaled(base, max(15, 28 * s), bold=False)
    height = max(MIN_TARGET, round(80 * s))
    # The row's labels share the font that lets the longest fit its button whole.
    room = (self.width() - 2 * margin) * 6 / 8 / len(self.control_buttons) - 22
    labels = [b.text() for b in self.control_buttons] + [tr("Carry on"), tr("Voice off")]
    longest = max(QFontMetrics(button_font).horizontalAdvance(t) for t in labels)
    row_font = scaled(base, max(11, button_font.pixelSize() * min(1.0, room / longest)))
    for button in (*self.control_buttons, self.hurt_button):
        button.setFont(row_font)
        button.setFixedHeight(height)
    hurt_font = scaled(base, max(16, 32 * s), bold=True)
    self.hurt_button.setFont(hurt_font)
    self.key_hint.setFont(scaled(base, max(14, 28 * s)))
    self.controls.setFixedHeight(height)
    self.route.setFixedHeight(max(52, round(100 * s)))
    title = scaled(base, max(26, 72 * s), bold=True)
    text = scaled(base, max(17, 36 * s))
    for overlay in (self.pause_overlay, self.hurt_overlay, self.confirm_overlay):
        overlay.set_fonts(title, text, button_font, height)
    self.pause_time.setFont(scaled(base, max(30, 110 * s), bold=True))
    self.warning.setFont(scaled(base, max(15, 30 * s), bold=True))
    fit_steps(self)
    fit_header(self)


def fit_header(self: SessionView) -> None:
    """The name and the phase heading take the height the longest of the session's texts
    needs, so nothing below them moves from phase to phase."""
    if self.ticker is None:
        return
    plan = self.engine.plan
    width = self.heading.width() if self.heading.width() > 100 else self.width() - 48
    texts = {(phase_verb(p), phase_side(p), phase_detail(p, plan)) for p in plan.phases}
    height = max(self.heading.measure(t, width) for t in texts)
    if height != self.heading.height():
        self.heading.setFixedHeight(height)
    names = {tr(p.stretch.name) for p in plan.phases if p.stretch is not None}
    names |= {tr("Rest"), tr(plan.routine.name)}
    probe = QLabel()
    probe.setWordWrap(True)
    probe.setFont(self.name_label.font())
    name_width = self.name_label.width() if self.name_label.width() > 50 else width // 2
    tallest = 0
    for name in names:
        probe.setText(name)
        tallest = max(tallest, probe.heightForWidth(name_width))
    if tallest != self.name_label.height():
        self.name_label.setFixedHeight(tallest)
    # The progress line changes every second: a fixed size, as wide as its widest text,
    # means a new text never asks the whole view to lay itself out again.
    widest = session_progress_widest(plan)
    metrics = self.progress_label.fontMetrics()
    room = max(80, self.width() * 2 // 5 - 24)
    self.progress_label.setFixedSize(
        min(room, metrics.horizontalAdvance(widest) + 8), metrics.height()
    )


def fit_steps(self: SessionView) -> None:
    """The steps' space is what the longest of them needs, for the whole stretch."""
    width = self.below.width() if self.below.width() > 100 else self.width() - 48
    needed = self.steps.required_height(width)
    if needed != self.below.height():
        self.below.setFixedHeight(max(needed, 0))
