"""SessionView: what a person on the mat sees, and the controls they reach with one key.

Read from 2.5 m: one big verb per phase (GET INTO POSITION, HOLD, SWITCH TO, RELAX, REST) with
the side beside it, the countdown, the drawing and the current step; each phase has its own
calm tint and ring pattern. Everything scales with the window (`_rescale`), and the space for
the steps is fixed per stretch so the drawing never jumps while the highlight moves.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QHideEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.engine import Control, EngineState, SessionEngine, Snapshot
from backstretch.core.i18n import tr
from backstretch.core.labels import (
    current_step,
    phase_detail,
    phase_label,
    phase_side,
    phase_verb,
    session_progress,
    up_next,
)
from backstretch.core.paths import asset
from backstretch.core.plan import Phase, PhaseKind
from backstretch.core.settings import DrawingHead, mirror_drawing
from backstretch.core.stretches import Variant
from backstretch.core.timefmt import countdown_text
from backstretch.ui.illustration import IllustrationView
from backstretch.ui.overlays import ConfirmOverlay, HurtOverlay, PauseOverlay
from backstretch.ui.phase_heading import PhaseHeading
from backstretch.ui.phase_style import PhaseStyle, is_dark, phase_style
from backstretch.ui.route_strip import RouteStrip, UpNextCard, route_stops
from backstretch.ui.session_controls import ControlRow, hurt_button
from backstretch.ui.session_fit import fit_header, fit_steps, rescale
from backstretch.ui.ticker import QtTicker
from backstretch.ui.widgets import CountdownRing, StepsList


class SessionView(QWidget):
    """Stretch name, phase, drawing, steps, countdown ring, route and controls."""

    muteToggled = Signal(bool)
    easierRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticker: QtTicker | None = None
        self._phase: Phase | None = None
        self._snap: Snapshot | None = None  # the ticker's last word on time and state
        self._shown: tuple[object, ...] = ()  # what the labels show: no relabelling within it
        self._announce_phase = False
        self._stretch_key: object = None
        self.muted = False
        self.drawing_head = DrawingHead.AUTO
        self.style_now: PhaseStyle = phase_style(PhaseKind.PREPARE, is_dark(self.palette()))
        self.setAutoFillBackground(True)

        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.progress_label.setAccessibleName(tr("Session progress"))
        self.heading = PhaseHeading()
        self.heading.setAccessibleName(tr("Phase"))

        self.illustration = IllustrationView()
        self.ring = CountdownRing()
        self.steps = StepsList()
        self.up_next = UpNextCard()
        self.below = QStackedWidget()
        self.below.addWidget(self.steps)
        self.below.addWidget(self.up_next)
        self.below.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A new width may need other heights: for the steps, the heading and the name.
        for widget in (self.below, self.heading, self.name_label):
            widget.installEventFilter(self)
        self.route = RouteStrip()

        self.controls = ControlRow()
        row = self.controls
        self.back_button, self.pause_button, self.skip_button = row.buttons[:3]
        self.extend_button, self.mute_button, self.stop_button = row.buttons[3:]
        self.control_buttons = row.buttons
        self.key_hint = row.key_hint
        self._recede = row.recede_timer
        self.hurt_button = hurt_button()
        self.back_button.clicked.connect(self.go_back)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.skip_button.clicked.connect(lambda: self.control(Control.SKIP))
        self.extend_button.clicked.connect(self.add_time)
        self.mute_button.clicked.connect(self.toggle_mute)
        self.stop_button.clicked.connect(self.ask_stop)
        self.hurt_button.clicked.connect(self.it_hurts)

        top = QHBoxLayout()
        top.addWidget(self.name_label, 3)
        top.addWidget(self.progress_label, 2)
        # Drawing and countdown side by side; the steps below them across the whole width,
        # where long sentences need the fewest lines.
        middle = QHBoxLayout()
        middle.addWidget(self.illustration, 3)
        middle.addWidget(self.ring, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.controls, 6)
        bottom.addSpacing(12)
        bottom.addWidget(self.hurt_button, 2)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(top)
        self.main_layout.addWidget(self.heading)
        self.main_layout.addLayout(middle, 1)
        self.main_layout.addWidget(self.below)
        self.main_layout.addWidget(self.route)
        self.main_layout.addLayout(bottom)

        # The three dialogs of a session (ui/overlays.py); the same keys work in all of them.
        self.pause_overlay = PauseOverlay(self)
        self.pause_overlay.resume_button.clicked.connect(self.toggle_pause)
        self.pause_overlay.clicked.connect(self.toggle_pause)
        self.pause_time = self.pause_overlay.time
        self.hurt_overlay = HurtOverlay(self)
        self.warning = self.hurt_overlay.warning
        self.carry_on_button = self.hurt_overlay.carry_on_button
        self.skip_stretch_button = self.hurt_overlay.skip_stretch_button
        self.easier_button = self.hurt_overlay.easier_button
        self.end_after_pain_button = self.hurt_overlay.end_button
        self.carry_on_button.clicked.connect(self.carry_on)
        self.skip_stretch_button.clicked.connect(self.skip_stretch_after_pain)
        self.easier_button.clicked.connect(self.try_easier)
        self.end_after_pain_button.clicked.connect(self.end_session)
        self.hurt_overlay.clicked.connect(self.back_to_pause)
        self.confirm_overlay = ConfirmOverlay(self)
        self.confirm_end_button = self.confirm_overlay.end_button
        self.keep_going_button = self.confirm_overlay.back_button
        self.confirm_end_button.clicked.connect(self.end_session)
        self.keep_going_button.clicked.connect(self.back_to_pause)
        self.confirm_overlay.clicked.connect(self.back_to_pause)
        self._apply_style(PhaseKind.PREPARE)

    # ------------------------------------------------------------------ binding
    def bind(self, ticker: QtTicker, hurt_text: str) -> None:
        if self.ticker is not None:
            self.ticker.progressed.disconnect(self.show_time)
            self.ticker.phaseStarted.disconnect(self._on_phase)
        self.ticker = ticker
        self.hurt_overlay.text.setText(tr(hurt_text))
        for overlay in (self.pause_overlay, self.hurt_overlay, self.confirm_overlay):
            overlay.hide()
        ticker.progressed.connect(self.show_time)
        ticker.phaseStarted.connect(self._on_phase)
        self._phase = None
        self._snap = ticker.engine.snapshot()  # until the ticker starts
        self._stretch_key = None
        self.route.set_route([item.stretch for item in ticker.engine.plan.routine.items])
        self._fit_header()
        self.show_controls()
        self.refresh()

    def configure(self, *, drawing_head: DrawingHead, reduce_motion: bool) -> None:
        """The person's drawing settings: where their head is, and whether drawings move."""
        self.drawing_head = drawing_head
        self.illustration.set_reduce_motion(reduce_motion)

    @property
    def engine(self) -> SessionEngine:
        assert self.ticker is not None
        return self.ticker.engine

    def modal_open(self) -> bool:
        return self.hurt_overlay.isVisible() or self.confirm_overlay.isVisible()

    # ------------------------------------------------------------------ controls
    def control(self, control: Control) -> None:
        if self.ticker is None or self.modal_open():
            return
        self.ticker.control(control)

    def go_back(self) -> None:
        self.control(Control.BACK)

    def add_time(self) -> None:
        self.control(Control.EXTEND)

    def toggle_pause(self) -> None:
        self.control(Control.TOGGLE_PAUSE)  # the voice hears it from the engine's event

    def toggle_mute(self) -> None:
        self.set_muted(not self.muted)
        self.muteToggled.emit(self.muted)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        text = tr("Voice off") if muted else tr("Voice on")
        self.mute_button.setText(text)
        self.mute_button.setAccessibleName(text)

    def it_hurts(self) -> None:
        if self.ticker is None or self.engine.state is EngineState.FINISHED:
            return
        self.confirm_overlay.hide()
        self.ticker.control(Control.REPORT_PAIN)
        self.pause_overlay.hide()
        stretch = self.engine.phase.stretch
        self.hurt_overlay.show_button(
            self.easier_button,
            stretch is not None and stretch.has_easier and stretch.variant is Variant.USUAL,
        )
        self.hurt_overlay.open()
        self.skip_stretch_button.setFocus()
        self._announce(
            tr("Paused. {instruction} {warning}").format(
                instruction=self.hurt_overlay.text.text(), warning=self.warning.text()
            )
        )

    def carry_on(self) -> None:
        """From a dialog: close it and resume (Space)."""
        self.hurt_overlay.hide()
        self.confirm_overlay.hide()
        if self.ticker is not None and self.engine.state is EngineState.PAUSED:
            self.toggle_pause()

    def back_to_pause(self) -> None:
        """Esc in any dialog: back to the paused session, nothing ended."""
        if self.ticker is None:
            return
        self.hurt_overlay.hide()
        self.confirm_overlay.hide()
        self.refresh()

    def skip_stretch_after_pain(self) -> None:
        if self.ticker is None:
            return
        self.hurt_overlay.hide()
        self.ticker.control(Control.SKIP_STRETCH)

    def try_easier(self) -> None:
        if self.ticker is None or not (
            self.hurt_overlay.isVisible() and self.easier_button.isVisible()
        ):
            return
        self.hurt_overlay.hide()
        self.easierRequested.emit()

    def ask_stop(self) -> None:
        if self.ticker is None or self.engine.state is EngineState.FINISHED:
            return
        if self.modal_open():  # Esc in a dialog: back to the paused session
            self.back_to_pause()
            return
        self.ticker.control(Control.PAUSE_FOR_QUESTION)
        self.pause_overlay.hide()
        self.confirm_overlay.open()
        self.keep_going_button.setFocus()

    def confirm(self) -> None:
        """Enter: ends the session from either dialog (the same key does the same thing)."""
        if self.modal_open():
            self.end_session()

    def right_key(self) -> None:
        """Right skips: the phase in the session, the stretch in the "It hurts" dialog."""
        if self.hurt_overlay.isVisible():
            self.skip_stretch_after_pain()
        else:
            self.control(Control.SKIP)

    def play(self) -> None:
        """Media Play: carries on when paused, does nothing while running."""
        if self.ticker is not None and self.engine.state is EngineState.PAUSED:
            self.space_key()

    def pause(self) -> None:
        """Media Pause (and MPRIS Stop): pauses when running, never ends anything."""
        if self.ticker is not None and self.engine.state is EngineState.RUNNING:
            self.space_key()

    def space_key(self) -> None:
        if self.modal_open():
            self.carry_on()
        else:
            self.toggle_pause()

    def end_session(self) -> None:
        if self.ticker is None:
            return
        self.confirm_overlay.hide()
        self.hurt_overlay.hide()
        self.ticker.control(Control.STOP)

    # ------------------------------------------------------------------ controls recede
    def show_controls(self) -> None:
        running = self.ticker is not None and self.engine.state is EngineState.RUNNING
        self.controls.show_buttons(running)

    def controls_shown(self) -> bool:
        return self.controls.buttons_shown()

    def showEvent(self, event: QShowEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._recede.stop()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched in (self.below, self.heading, self.name_label):
            if watched is self.below:
                self._fit_steps()
            else:
                self._fit_header()
            return False
        if kind in (QEvent.Type.MouseMove, QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress):
            if not self.controls_shown() or self._recede.isActive():
                self.show_controls()
        elif kind == QEvent.Type.KeyPress and getattr(event, "key", lambda: 0)() in (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            self.show_controls()  # keyboard users reach every button
        return False

    # ------------------------------------------------------------------ showing
    def _on_phase(self, _phase: Phase) -> None:
        """A new phase: shown and announced with the ticker's next snapshot, which follows
        every engine event at once."""
        self._phase = None  # force the phase-dependent parts to update
        self._announce_phase = True

    def phase_text(self) -> str:
        """The phase as one sentence (screen readers, tests): "Hold - right leg"."""
        if self.ticker is None or self._snap is None:
            return ""
        return phase_label(self._snap.phase, self.engine.plan)

    def _announce(self, text: str) -> None:
        """Phase changes (not every second) go to screen readers."""
        self.heading.setAccessibleName(text)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.heading, text))

    def show_time(self, snap: Snapshot) -> None:
        """The ticker's snapshot (each wake, up to 8 a second while the ring is on screen):
        the ring follows every one, the labels only what changed."""
        self._snap = snap
        self.ring.set_time(snap.remaining, snap.duration, snap.running)
        if self.ticker is not None:
            self.ticker.want_frames(snap.running and self.ring.isVisible())
        shown = (
            snap.phase,
            snap.state,
            math.ceil(snap.remaining - 1e-6),
            current_step(snap.phase, snap.elapsed),
        )
        if shown != self._shown or self._phase is not snap.phase:
            self._shown = shown
            self.refresh()
        if self._announce_phase:
            self._announce_phase = False
            self._announce(
                tr("{name}. {phase}.").format(name=self.name_label.text(), phase=self.phase_text())
            )

    def refresh(self) -> None:
        """Everything but the ring, from the last snapshot."""
        snap = self._snap
        if self.ticker is None or snap is None:
            return
        engine = self.engine
        phase = snap.phase
        if phase is not self._phase:
            self._show_phase(phase)
        running = snap.running
        remaining = snap.remaining
        step = current_step(phase, snap.elapsed)
        self.steps.set_current(step)
        if phase.kind is PhaseKind.PREPARE:  # the picture moves as the last step is read
            self.illustration.set_pose(step >= len(phase.stretch.prepare_steps) - 1)  # type: ignore[union-attr]
        left = snap.session_remaining
        self.progress_label.setText(session_progress(phase, engine.plan, left))
        self._show_up_next(phase, remaining)
        self.route.set_stops(route_stops(self.engine.plan, phase, self.engine.records))
        paused = snap.state is EngineState.PAUSED
        self.pause_button.setText(tr("Carry on") if paused else tr("Pause"))
        self.pause_button.setAccessibleName(tr("Carry on") if paused else tr("Pause"))
        if paused and not self.modal_open():
            self.pause_time.setText(countdown_text(remaining))
            self.pause_time.setAccessibleName(
                tr("{time} left").format(time=countdown_text(remaining))
            )
            self.pause_overlay.text.setText(
                tr(
                    "left in this part. Press Space, click anywhere, or the play/pause key to "
                    "carry on."
                )
            )
            if not self.pause_overlay.isVisible():
                self.pause_overlay.open()
        else:
            self.pause_overlay.hide()
        self.controls.running = running
        if not running and not self.controls_shown():
            self.show_controls()
        elif running and self.controls_shown() and not self._recede.isActive():
            self._recede.start()  # running, buttons shown: they step back unless used
        finished = snap.state is EngineState.FINISHED
        for button in (*self.control_buttons, self.hurt_button):
            if button is not self.mute_button:
                button.setEnabled(not finished)
        if finished:
            self._recede.stop()

    def _show_up_next(self, phase: Phase, remaining: float) -> None:
        preview = up_next(phase, self.engine.plan, remaining)
        if preview is not None and preview.stretch is not None:
            if self.up_next.stretch is not preview.stretch:
                self.up_next.show_stretch(preview.stretch)
            self.below.setCurrentWidget(self.up_next)
        else:
            self.below.setCurrentWidget(self.steps)

    def _apply_style(self, kind: PhaseKind) -> None:
        """The phase's tint: set once per phase, so it costs no repaint while holding."""
        style = phase_style(kind, is_dark(QApplication.palette()))
        self.style_now = style
        palette = QPalette(self.palette())
        palette.setColor(QPalette.ColorRole.Window, style.tint)
        palette.setColor(QPalette.ColorRole.WindowText, style.text)
        palette.setColor(QPalette.ColorRole.PlaceholderText, style.muted)
        palette.setColor(QPalette.ColorRole.AlternateBase, style.current)
        self.setPalette(palette)
        self.ring.set_style(style.accent, style.pattern)
        self.route.set_text_colour(style.text)

    def _show_phase(self, phase: Phase) -> None:
        self._phase = phase
        plan = self.engine.plan
        stretch = phase.stretch
        self._apply_style(phase.kind)
        self.heading.set_texts(phase_verb(phase), phase_side(phase), phase_detail(phase, plan))
        if stretch is None:
            self.name_label.setText(tr(plan.routine.name))
            self.illustration.show_stretch(None, None, mirrored=False, badge="", name="")
            self.steps.set_steps([])
            self._fit_steps()
            return
        rest = phase.kind is PhaseKind.REST
        self.name_label.setText(tr("Rest") if rest else tr(stretch.name))
        mirrored = mirror_drawing(self.drawing_head, phase.side)
        badge = tr(phase.side_name) if phase.side and not rest else ""
        hold = stretch.illustration_hold or stretch.illustration
        self.illustration.show_stretch(
            asset("illustrations", stretch.illustration),
            asset("illustrations", hold),
            mirrored=mirrored,
            badge=badge,
            name=tr(stretch.name),
        )
        self.illustration.set_pose(phase.kind is PhaseKind.HOLD)
        key = (phase.item, id(stretch))  # the easier form shares the id
        if key != self._stretch_key:
            self._stretch_key = key
            self.steps.set_steps([tr(s) for s in (*stretch.prepare_steps, stretch.hold_step)])
            self._fit_steps()

    # ------------------------------------------------------------------ sizes
    def scale(self) -> float:
        return min(self.width() / 1920, self.height() / 1080)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        rescale(self)

    def _fit_header(self) -> None:
        fit_header(self)

    def _fit_steps(self) -> None:
        fit_steps(self)
