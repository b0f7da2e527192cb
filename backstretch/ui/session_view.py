"""SessionView: what a person on the mat sees, and the controls they reach with one key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.engine import EngineState, SessionEngine
from backstretch.core.labels import current_step, phase_label, progress_line
from backstretch.core.paths import asset
from backstretch.core.plan import Phase, PhaseKind
from backstretch.core.stretches import Side
from backstretch.ui.ticker import QtTicker
from backstretch.ui.widgets import CountdownRing, IllustrationView, StepsList


def big_button(text: str, shortcut_hint: str, description: str) -> QPushButton:
    button = QPushButton(f"{text}\n{shortcut_hint}")
    button.setMinimumHeight(64)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(text)
    button.setAccessibleDescription(f"{description} Shortcut: {shortcut_hint}.")
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    button.setFont(font)
    return button


class Overlay(QWidget):
    """Dims the whole view and shows a card in the middle (pause, "It hurts", confirm stop)."""

    def __init__(self, parent: QWidget, title: str, text: str = "") -> None:
        super().__init__(parent)
        self._host = parent
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card = QWidget(self)
        self.card.setAutoFillBackground(True)
        self.card.setMaximumWidth(720)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(32, 28, 32, 28)
        self.title = QLabel(title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text_font = self.text.font()
        text_font.setPointSizeF(text_font.pointSizeF() * 1.3)
        self.text.setFont(text_font)
        self.buttons = QHBoxLayout()
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.text)
        card_layout.addLayout(self.buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.setAccessibleName(title)
        parent.installEventFilter(self)
        self.hide()

    def add_button(self, button: QPushButton) -> QPushButton:
        self.buttons.addWidget(button)
        return button

    def open(self) -> None:
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
        painter.end()


class SessionView(QWidget):
    """Stretch name, phase, drawing, steps, countdown ring, progress and controls."""

    controlCue = Signal(str)
    muteToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticker: QtTicker | None = None
        self._phase: Phase | None = None
        self.muted = False

        self.name_label = QLabel()
        name_font = self.name_label.font()
        name_font.setPointSizeF(name_font.pointSizeF() * 2.6)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.name_label.setWordWrap(True)
        self.phase_label = QLabel()
        phase_font = self.phase_label.font()
        phase_font.setPointSizeF(phase_font.pointSizeF() * 2.0)
        self.phase_label.setFont(phase_font)
        self.phase_label.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        progress_font = self.progress_label.font()
        progress_font.setPointSizeF(progress_font.pointSizeF() * 1.3)
        self.progress_label.setFont(progress_font)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(10)
        self.progress_bar.setAccessibleName("Session progress")

        self.illustration = IllustrationView()
        self.ring = CountdownRing()
        self.steps = StepsList()
        steps_font = self.steps.font()
        steps_font.setPointSizeF(steps_font.pointSizeF() * 1.35)
        self.steps.setFont(steps_font)

        self.back_button = big_button("Back", "Left arrow", "Restart this part, or go back.")
        self.pause_button = big_button("Pause", "Space", "Pause or carry on.")
        self.skip_button = big_button("Skip", "Right arrow", "Go on to the next part.")
        self.extend_button = big_button("+10 s", "Up or E", "Ten more seconds.")
        self.mute_button = big_button("Voice on", "M", "Turn the spoken cues on or off.")
        self.stop_button = big_button("Stop", "Esc", "End the session, after asking.")
        self.hurt_button = big_button("It hurts", "H", "Pause at once and ease out.")
        self.hurt_button.setStyleSheet(
            "QPushButton { background: #E4572E; color: white; font-weight: bold; "
            "border-radius: 8px; padding: 6px; }"
        )
        self.back_button.clicked.connect(lambda: self.control("back"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.skip_button.clicked.connect(lambda: self.control("skip"))
        self.extend_button.clicked.connect(lambda: self.control("extend"))
        self.mute_button.clicked.connect(self.toggle_mute)
        self.stop_button.clicked.connect(self.ask_stop)
        self.hurt_button.clicked.connect(self.it_hurts)

        header = QGridLayout()
        header.addWidget(self.name_label, 0, 0)
        header.addWidget(self.progress_label, 0, 1)
        header.addWidget(self.phase_label, 1, 0, 1, 2)
        header.setColumnStretch(0, 3)
        header.setColumnStretch(1, 1)
        left = QVBoxLayout()
        left.addWidget(self.illustration, 3)
        left.addWidget(self.steps, 0)
        middle = QHBoxLayout()
        middle.addLayout(left, 3)
        middle.addWidget(self.ring, 2)
        controls = QHBoxLayout()
        for button in (
            self.back_button,
            self.pause_button,
            self.skip_button,
            self.extend_button,
            self.mute_button,
            self.stop_button,
        ):
            controls.addWidget(button, 1)
        controls.addSpacing(12)
        controls.addWidget(self.hurt_button, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.progress_bar)
        layout.addLayout(middle, 1)
        layout.addLayout(controls)

        self.pause_overlay = Overlay(self, "Paused", "Press Space to carry on.")
        resume = self.pause_overlay.add_button(big_button("Carry on", "Space", "Resume."))
        resume.clicked.connect(self.toggle_pause)
        self.hurt_overlay = Overlay(self, "Ease out of the stretch")
        self.hurt_overlay.setAccessibleName("It hurts")
        self.skip_stretch_button = self.hurt_overlay.add_button(
            big_button("Skip this stretch", "S", "Leave this stretch and go on to the next.")
        )
        self.end_after_pain_button = self.hurt_overlay.add_button(
            big_button("End session", "Esc", "End the session now.")
        )
        self.skip_stretch_button.clicked.connect(self.skip_stretch_after_pain)
        self.end_after_pain_button.clicked.connect(self.end_session)
        self.confirm_overlay = Overlay(self, "End this session?", "What you did so far is kept.")
        self.confirm_end_button = self.confirm_overlay.add_button(
            big_button("End session", "Enter", "End the session now.")
        )
        self.keep_going_button = self.confirm_overlay.add_button(
            big_button("Keep going", "Esc", "Go back to the session.")
        )
        self.confirm_end_button.clicked.connect(self.end_session)
        self.keep_going_button.clicked.connect(self.cancel_stop)
        self._paused_before_confirm = False

    # ------------------------------------------------------------------ binding
    def bind(self, ticker: QtTicker, hurt_text: str) -> None:
        if self.ticker is not None:
            for signal in (self.ticker.secondChanged, self.ticker.stateChanged):
                signal.disconnect(self.refresh)
            self.ticker.phaseStarted.disconnect(self._on_phase)
        self.ticker = ticker
        self.ring.bind(ticker.engine)
        self.hurt_overlay.text.setText(hurt_text)
        for overlay in (self.pause_overlay, self.hurt_overlay, self.confirm_overlay):
            overlay.hide()
        ticker.secondChanged.connect(self.refresh)
        ticker.stateChanged.connect(self.refresh)
        ticker.phaseStarted.connect(self._on_phase)
        self._phase = None
        self.refresh()

    @property
    def engine(self) -> SessionEngine:
        assert self.ticker is not None
        return self.ticker.engine

    def modal_open(self) -> bool:
        return self.hurt_overlay.isVisible() or self.confirm_overlay.isVisible()

    # ------------------------------------------------------------------ controls
    def control(self, action: str) -> None:
        if self.ticker is None or self.modal_open():
            return
        self.ticker.control(action)

    def toggle_pause(self) -> None:
        if self.ticker is None or self.modal_open():
            return
        was_running = self.engine.state is EngineState.RUNNING
        self.ticker.control("toggle_pause")
        if self.engine.state is EngineState.PAUSED and was_running:
            self.controlCue.emit("pause")
        elif self.engine.state is EngineState.RUNNING and not was_running:
            self.controlCue.emit("resume")

    def toggle_mute(self) -> None:
        self.set_muted(not self.muted)
        self.muteToggled.emit(self.muted)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        text = "Voice off" if muted else "Voice on"
        self.mute_button.setText(f"{text}\nM")
        self.mute_button.setAccessibleName(text)

    def it_hurts(self) -> None:
        if self.ticker is None or self.engine.state is EngineState.FINISHED:
            return
        self.confirm_overlay.hide()
        self.ticker.control("report_pain")
        self.controlCue.emit("hurt")
        self.pause_overlay.hide()
        self.hurt_overlay.open()
        self.skip_stretch_button.setFocus()
        self._announce("Paused. " + self.hurt_overlay.text.text())

    def skip_stretch_after_pain(self) -> None:
        if self.ticker is None:
            return
        self.hurt_overlay.hide()
        self.ticker.control("skip_stretch")

    def ask_stop(self) -> None:
        if self.ticker is None or self.engine.state is EngineState.FINISHED:
            return
        if self.hurt_overlay.isVisible():  # Esc in the "It hurts" card ends the session
            self.end_session()
            return
        if self.confirm_overlay.isVisible():
            self.cancel_stop()
            return
        self._paused_before_confirm = self.engine.state is EngineState.PAUSED
        self.ticker.control("pause")
        self.confirm_overlay.open()
        self.keep_going_button.setFocus()

    def cancel_stop(self) -> None:
        self.confirm_overlay.hide()
        if self.ticker is not None and not self._paused_before_confirm:
            self.ticker.control("resume")

    def confirm(self) -> None:
        """Enter: confirms the open question, if any."""
        if self.confirm_overlay.isVisible():
            self.end_session()

    def end_session(self) -> None:
        if self.ticker is None:
            return
        self.confirm_overlay.hide()
        self.hurt_overlay.hide()
        self.ticker.control("stop")

    # ------------------------------------------------------------------ showing
    def _on_phase(self, phase: Phase) -> None:
        self._phase = None  # force the phase-dependent parts to update
        self.refresh()
        self._announce(f"{self.name_label.text()}. {self.phase_label.text()}.")

    def _announce(self, text: str) -> None:
        """Phase changes (not every second) go to screen readers."""
        self.phase_label.setAccessibleName(text)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.phase_label, text))

    def refresh(self) -> None:
        if self.ticker is None:
            return
        engine = self.engine
        phase = engine.phase
        if phase is not self._phase:
            self._show_phase(phase)
        running = engine.state is EngineState.RUNNING
        remaining = engine.remaining()
        self.ring.set_time(remaining, engine.phase_duration(), running)
        self.steps.set_current(current_step(phase, engine.elapsed()))
        left = engine.session_remaining()
        self.progress_label.setText(progress_line(phase, engine.plan, left))
        total = engine.plan.total_s or 1.0
        self.progress_bar.setValue(int(1000 * (1 - left / total)))
        paused = engine.state is EngineState.PAUSED
        self.pause_button.setText("Carry on\nSpace" if paused else "Pause\nSpace")
        self.pause_button.setAccessibleName("Carry on" if paused else "Pause")
        if paused and not self.modal_open():
            if not self.pause_overlay.isVisible():
                self.pause_overlay.open()
        else:
            self.pause_overlay.hide()
        finished = engine.state is EngineState.FINISHED
        for button in (
            self.back_button,
            self.pause_button,
            self.skip_button,
            self.extend_button,
            self.stop_button,
            self.hurt_button,
        ):
            button.setEnabled(not finished)
        if finished:
            self.ring.stop()

    def _show_phase(self, phase: Phase) -> None:
        self._phase = phase
        plan = self.engine.plan
        stretch = phase.stretch
        self.progress_bar.setRange(0, 1000)
        self.phase_label.setText(phase_label(phase, plan))
        if stretch is None:
            self.name_label.setText(plan.routine.name)
            self.illustration.show_drawing(None, mirrored=False, badge="", name="")
            self.steps.set_steps([])
            return
        self.name_label.setText(stretch.name)
        drawing = stretch.illustration
        if phase.kind is PhaseKind.HOLD and stretch.illustration_hold:
            drawing = stretch.illustration_hold
        badge = phase.side_name if phase.side and phase.kind is not PhaseKind.REST else ""
        self.illustration.show_drawing(
            asset("illustrations", drawing),
            mirrored=phase.side is Side.LEFT,
            badge=badge,
            name=stretch.name,
        )
        self.steps.set_steps([*stretch.prepare_steps, stretch.hold_step])
