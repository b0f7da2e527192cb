"""SessionView: what a person on the mat sees, and the controls they reach with one key.

Read from 2.5 m: one big verb per phase (GET INTO POSITION, HOLD, SWITCH TO, RELAX, REST) with
the side beside it, the countdown, the drawing and the current step; each phase has its own
calm tint and ring pattern. Everything scales with the window (`_rescale`), and the space for
the steps is fixed per stretch so the drawing never jumps while the highlight moves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.engine import EngineState, HoldOutcome, SessionEngine
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
from backstretch.ui.illustration import BADGE, IllustrationView
from backstretch.ui.phase_style import ON_PAIN, PAIN, PhaseStyle, is_dark, phase_style
from backstretch.ui.route_strip import RouteStrip, Stop, UpNextCard
from backstretch.ui.ticker import QtTicker
from backstretch.ui.widgets import CountdownRing, StepsList

RECEDE_MS = 4000  # the button row steps back this long after the last mouse movement
MIN_TARGET = 48  # px: the smallest button, at any window size
WARNING_SIGNS = (
    "Seek urgent care if you notice numbness in the groin or saddle area, new trouble "
    "controlling your bladder or bowels, or weakness or pain in both legs."
)


def big_button(text: str, shortcut_hint: str, description: str) -> QPushButton:
    """One line: the action; the key is in the accessible description and the tooltip."""
    button = QPushButton(tr(text))
    button.setMinimumHeight(MIN_TARGET)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(tr(text))
    button.setAccessibleDescription(tr(f"{description} Shortcut: {shortcut_hint}."))
    button.setToolTip(tr(f"{text} ({shortcut_hint})"))
    button.setProperty("keyHint", tr(shortcut_hint))
    return button


def pain_button(button: QPushButton) -> QPushButton:
    button.setStyleSheet(
        f"QPushButton {{ background: {PAIN.name()}; color: {ON_PAIN.name()}; font-weight: bold;"
        " border-radius: 8px; padding: 6px; }"
        f" QPushButton:focus {{ border: 3px solid {ON_PAIN.name()}; }}"
    )
    return button


def scaled(font: QFont, pixels: float, *, bold: bool = False) -> QFont:
    result = QFont(font)
    result.setPixelSize(max(1, round(pixels)))
    result.setBold(bold)
    return result


class Overlay(QWidget):
    """Dims the whole view edge to edge and shows a card in the middle. A click on the dimmed
    part, or Esc, is "back to the paused session" (clicked emits; the view decides)."""

    clicked = Signal()

    def __init__(self, parent: QWidget, title: str, text: str = "") -> None:
        super().__init__(parent)
        self._host = parent
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card = QFrame(self)
        self.card.setAutoFillBackground(True)
        self.card.setMaximumWidth(1100)
        self.card_layout = card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(32, 24, 32, 24)
        card_layout.setSpacing(14)
        self.title = QLabel(tr(title))
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(tr(text))
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons = QGridLayout()
        self.buttons.setSpacing(12)
        self._button_list: list[QPushButton] = []
        self._left_out: set[QPushButton] = set()
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.text)
        self.extra = QVBoxLayout()
        card_layout.addLayout(self.extra)
        card_layout.addLayout(self.buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 8)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.setAccessibleName(tr(title))
        parent.installEventFilter(self)
        self.hide()

    def add_button(self, button: QPushButton) -> QPushButton:
        self._button_list.append(button)
        self._arrange()
        return button

    def show_button(self, button: QPushButton, shown: bool) -> None:
        if shown:
            self._left_out.discard(button)
        else:
            self._left_out.add(button)
        self._arrange()

    def _arrange(self) -> None:
        """As many buttons to a row as fit whole; the rest wrap to the next row."""
        shown = [b for b in self._button_list if b not in self._left_out]
        room = self.card.contentsRect().width() - 64 if self.card.width() > 100 else 10**6
        widest = max((b.sizeHint().width() for b in shown), default=0)
        columns = max(1, min(len(shown), (room + 12) // max(1, widest + 12)))
        for button in self._button_list:
            self.buttons.removeWidget(button)
            button.setVisible(button in shown)
        for number, button in enumerate(shown):
            self.buttons.addWidget(button, number // columns, number % columns)

    def set_fonts(self, title: QFont, text: QFont, button: QFont, height: int) -> None:
        self.title.setFont(title)
        self.text.setFont(text)
        for widget in self._button_list:
            widget.setFont(button)
            widget.setMinimumHeight(height)
        self._arrange()

    def open(self) -> None:
        self.setGeometry(self._host.rect())
        self.show()
        self.raise_()
        self._arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
            self._arrange()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mousePressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 165))
        painter.end()


class PhaseHeading(QWidget):
    """The verb, the side (white on a dark pill) and a smaller detail, wrapping as needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verb = QLabel(self)
        self.side = QLabel(self)
        self.side.setStyleSheet(
            f"QLabel {{ background: {BADGE.name()}; color: white; border-radius: 12px;"
            " padding: 0px 14px; }"
        )
        self.detail = QLabel(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_texts(self, verb: str, side: str, detail: str) -> None:
        self.verb.setText(verb)
        self.side.setText(side)
        self.side.setVisible(bool(side))
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.updateGeometry()
        self._place(self.width())

    def set_fonts(self, big: QFont, small: QFont) -> None:
        self.verb.setFont(big)
        self.side.setFont(big)
        self.detail.setFont(small)
        self.updateGeometry()
        self._place(self.width())

    def _labels(self) -> list[QLabel]:
        return [w for w in (self.verb, self.side, self.detail) if w.text()]

    def _place(self, width: int, *, apply: bool = True) -> int:
        """Left to right, on as many lines as needed; baseline-aligned on a shared line."""
        x = y = line_height = 0
        gap = self.verb.fontMetrics().horizontalAdvance(" ") * 2
        placed: list[tuple[QLabel, QRect]] = []
        for label in self._labels():
            hint = label.sizeHint()
            w = min(hint.width(), width)
            h = hint.height() if w == hint.width() else label.heightForWidth(w)
            if x > 0 and x + w > width:
                x, y = 0, y + line_height + 4
                line_height = 0
            placed.append((label, QRect(x, y, w, h)))
            x += w + gap
            line_height = max(line_height, h)
        if apply:
            for label, rect in placed:
                label.setWordWrap(rect.width() < label.sizeHint().width())
                label.setGeometry(rect)
        return y + line_height

    def measure(self, texts: tuple[str, str, str], width: int) -> int:
        """The height these three texts would take at this width (the shown ones are kept)."""
        labels = (self.verb, self.side, self.detail)
        shown = [label.text() for label in labels]
        for label, text in zip(labels, texts, strict=True):
            label.setText(text)
        height = self._place(width, apply=False)
        for label, text in zip(labels, shown, strict=True):
            label.setText(text)
        return height

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(width, apply=False)

    def sizeHint(self):  # type: ignore[no-untyped-def]
        hint = super().sizeHint()
        hint.setHeight(self._place(max(self.width(), 200), apply=False))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(event.size().width())
        super().resizeEvent(event)


class SessionView(QWidget):
    """Stretch name, phase, drawing, steps, countdown ring, route and controls."""

    controlCue = Signal(str)
    muteToggled = Signal(bool)
    easierRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticker: QtTicker | None = None
        self._phase: Phase | None = None
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

        self.back_button = big_button("Back", "Left arrow", "Restart this part, or go back.")
        self.pause_button = big_button("Pause", "Space", "Pause or carry on.")
        self.skip_button = big_button("Skip", "Right arrow", "Go on to the next part.")
        self.extend_button = big_button("+10 s", "Up or E", "Ten more seconds.")
        self.mute_button = big_button("Voice on", "M", "Turn the spoken cues on or off.")
        self.stop_button = big_button("Stop", "Esc", "End the session, after asking.")
        self.hurt_button = pain_button(big_button("It hurts", "H", "Pause at once and ease out."))
        self.back_button.clicked.connect(lambda: self.control("back"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.skip_button.clicked.connect(lambda: self.control("skip"))
        self.extend_button.clicked.connect(lambda: self.control("extend"))
        self.mute_button.clicked.connect(self.toggle_mute)
        self.stop_button.clicked.connect(self.ask_stop)
        self.hurt_button.clicked.connect(self.it_hurts)
        self.control_buttons = (
            self.back_button,
            self.pause_button,
            self.skip_button,
            self.extend_button,
            self.mute_button,
            self.stop_button,
        )

        # The button row, or (while the session runs untouched) a line of keys in its place:
        # both the same height, so nothing above moves when the row recedes or comes back.
        buttons_row = QWidget()
        row = QHBoxLayout(buttons_row)
        row.setContentsMargins(0, 0, 0, 0)
        for button in self.control_buttons:
            row.addWidget(button, 1)
        self.key_hint = QLabel(
            tr("Space pause · Right skip · Left back · H it hurts · move the mouse for buttons")
        )
        self.key_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_hint.setWordWrap(True)
        self.controls = QStackedWidget()
        self.controls.addWidget(buttons_row)
        self.controls.addWidget(self.key_hint)
        self.controls.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._recede = QTimer(self)
        self._recede.setSingleShot(True)
        self._recede.setInterval(RECEDE_MS)
        self._recede.timeout.connect(self._recede_controls)

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

        self.pause_overlay = Overlay(self, "Paused")
        resume = self.pause_overlay.add_button(big_button("Carry on", "Space", "Resume."))
        resume.clicked.connect(self.toggle_pause)
        self.pause_overlay.clicked.connect(self.toggle_pause)
        self.pause_time = QLabel()
        self.pause_time.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pause_time.setAccessibleName(tr("Time left"))
        self.pause_overlay.card_layout.insertWidget(1, self.pause_time)

        self.hurt_overlay = Overlay(self, "Ease out of the stretch")
        self.hurt_overlay.setAccessibleName(tr("It hurts"))
        self.warning = QLabel(tr(WARNING_SIGNS))
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(tr("Warning signs"))
        self.hurt_overlay.extra.addWidget(self.warning)
        self.carry_on_button = self.hurt_overlay.add_button(
            big_button("Carry on when ready", "Space", "Resume this stretch gently.")
        )
        self.skip_stretch_button = self.hurt_overlay.add_button(
            big_button("Skip this stretch", "Right arrow", "Go on to the next stretch.")
        )
        self.easier_button = self.hurt_overlay.add_button(
            big_button("Try the easier way", "Down arrow", "Do this stretch the easier way.")
        )
        self.end_after_pain_button = self.hurt_overlay.add_button(
            big_button("End session", "Enter", "End the session now.")
        )
        self.carry_on_button.clicked.connect(self.carry_on)
        self.skip_stretch_button.clicked.connect(self.skip_stretch_after_pain)
        self.easier_button.clicked.connect(self.try_easier)
        self.end_after_pain_button.clicked.connect(self.end_session)
        self.hurt_overlay.clicked.connect(self.back_to_pause)

        self.confirm_overlay = Overlay(self, "End this session?", "What you did so far is kept.")
        self.confirm_end_button = self.confirm_overlay.add_button(
            big_button("End session", "Enter", "End the session now.")
        )
        self.keep_going_button = self.confirm_overlay.add_button(
            big_button("Back to the session", "Esc", "Back to the paused session.")
        )
        self.confirm_end_button.clicked.connect(self.end_session)
        self.keep_going_button.clicked.connect(self.back_to_pause)
        self.confirm_overlay.clicked.connect(self.back_to_pause)
        self._apply_style(PhaseKind.PREPARE)

    # ------------------------------------------------------------------ binding
    def bind(self, ticker: QtTicker, hurt_text: str) -> None:
        if self.ticker is not None:
            for signal in (self.ticker.secondChanged, self.ticker.stateChanged):
                signal.disconnect(self.refresh)
            self.ticker.phaseStarted.disconnect(self._on_phase)
        self.ticker = ticker
        self.ring.bind(ticker.engine)
        self.hurt_overlay.text.setText(tr(hurt_text))
        for overlay in (self.pause_overlay, self.hurt_overlay, self.confirm_overlay):
            overlay.hide()
        ticker.secondChanged.connect(self.refresh)
        ticker.stateChanged.connect(self.refresh)
        ticker.phaseStarted.connect(self._on_phase)
        self._phase = None
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
        text = tr("Voice off") if muted else tr("Voice on")
        self.mute_button.setText(text)
        self.mute_button.setAccessibleName(text)

    def it_hurts(self) -> None:
        if self.ticker is None or self.engine.state is EngineState.FINISHED:
            return
        self.confirm_overlay.hide()
        self.ticker.control("report_pain")
        self.controlCue.emit("hurt")
        self.pause_overlay.hide()
        stretch = self.engine.phase.stretch
        self.hurt_overlay.show_button(
            self.easier_button,
            stretch is not None and stretch.has_easier and stretch.variant is Variant.USUAL,
        )
        self.hurt_overlay.open()
        self.skip_stretch_button.setFocus()
        self._announce(tr("Paused. ") + self.hurt_overlay.text.text() + " " + self.warning.text())

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
        self.ticker.control("skip_stretch")

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
        self.ticker.control("pause")
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
            self.control("skip")

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
        self.ticker.control("stop")

    # ------------------------------------------------------------------ controls recede
    def show_controls(self) -> None:
        self.controls.setCurrentIndex(0)
        if self.ticker is not None and self.engine.state is EngineState.RUNNING:
            self._recede.start()
        else:
            self._recede.stop()

    def controls_shown(self) -> bool:
        return self.controls.currentIndex() == 0

    def _recede_controls(self) -> None:
        if self.ticker is None or self.engine.state is not EngineState.RUNNING:
            return
        if any(button.hasFocus() and button.underMouse() for button in self.control_buttons):
            return
        self.controls.setCurrentIndex(1)

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
    def _on_phase(self, phase: Phase) -> None:
        self._phase = None  # force the phase-dependent parts to update
        self.refresh()
        self._announce(f"{self.name_label.text()}. {self.phase_text()}.")

    def phase_text(self) -> str:
        """The phase as one sentence (screen readers, tests): "Hold - right leg"."""
        if self.ticker is None:
            return ""
        return tr(phase_label(self.engine.phase, self.engine.plan))

    def _announce(self, text: str) -> None:
        """Phase changes (not every second) go to screen readers."""
        self.heading.setAccessibleName(text)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.heading, text))

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
        step = current_step(phase, engine.elapsed())
        self.steps.set_current(step)
        if phase.kind is PhaseKind.PREPARE:  # the picture moves as the last step is read
            self.illustration.set_pose(step >= len(phase.stretch.prepare_steps) - 1)  # type: ignore[union-attr]
        left = engine.session_remaining()
        self.progress_label.setText(tr(session_progress(phase, engine.plan, left)))
        self._show_up_next(phase, remaining)
        self.route.set_stops(self._stops(phase))
        paused = engine.state is EngineState.PAUSED
        self.pause_button.setText(tr("Carry on") if paused else tr("Pause"))
        self.pause_button.setAccessibleName(tr("Carry on") if paused else tr("Pause"))
        if paused and not self.modal_open():
            self.pause_time.setText(countdown_text(remaining))
            self.pause_time.setAccessibleName(tr(f"{countdown_text(remaining)} left"))
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
        if not running and not self.controls_shown():
            self.show_controls()
        finished = engine.state is EngineState.FINISHED
        for button in (*self.control_buttons, self.hurt_button):
            if button is not self.mute_button:
                button.setEnabled(not finished)
        if finished:
            self.ring.stop()
            self._recede.stop()

    def _stops(self, phase: Phase) -> list[Stop]:
        count = self.engine.plan.item_count
        outcomes: dict[int, set[HoldOutcome]] = {}
        for record in self.engine.records:
            outcomes.setdefault(record.item, set()).add(record.outcome)
        stops = []
        current = phase.item if phase.kind is not PhaseKind.REST else phase.item - 1
        for item in range(count):
            seen = outcomes.get(item, set())
            if HoldOutcome.PAIN in seen:
                stops.append(Stop.PAIN)
            elif item == phase.item and phase.kind is not PhaseKind.DONE:
                stops.append(Stop.NOW if phase.kind is not PhaseKind.REST else Stop.NEXT)
            elif item <= current or phase.kind is PhaseKind.DONE:
                done = seen and seen <= {HoldOutcome.DONE, HoldOutcome.EXTENDED}
                stops.append(Stop.DONE if done else Stop.SKIPPED)
            elif item == phase.item + 1:
                stops.append(Stop.NEXT)
            else:
                stops.append(Stop.LATER)
        return stops

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
        self.heading.set_texts(
            tr(phase_verb(phase)), tr(phase_side(phase)), tr(phase_detail(phase, plan))
        )
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
        """Every size follows the window: at 1920x1080 the verb, the side and the digits stand
        over 60 px tall (about 15 arc-minutes from 2.5 m), the current step 28 px or more."""
        s = self.scale()
        base = self.font()
        margin = max(8, round(24 * s))
        self.main_layout.setContentsMargins(margin, margin, margin, margin)
        self.main_layout.setSpacing(max(6, round(14 * s)))
        self.name_label.setFont(scaled(base, max(20, 58 * s), bold=True))
        self.progress_label.setFont(scaled(base, max(16, 40 * s)))
        self.heading.set_fonts(
            scaled(base, max(26, 88 * s), bold=True), scaled(base, max(16, 44 * s))
        )
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
        self._fit_steps()
        self._fit_header()

    def _fit_header(self) -> None:
        """The name and the phase heading take the height the longest of the session's texts
        needs, so nothing below them moves from phase to phase."""
        if self.ticker is None:
            return
        plan = self.engine.plan
        width = self.heading.width() if self.heading.width() > 100 else self.width() - 48
        texts = {
            (tr(phase_verb(p)), tr(phase_side(p)), tr(phase_detail(p, plan))) for p in plan.phases
        }
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

    def _fit_steps(self) -> None:
        """The steps' space is what the longest of them needs, for the whole stretch."""
        width = self.below.width() if self.below.width() > 100 else self.width() - 48
        needed = self.steps.required_height(width)
        if needed != self.below.height():
            self.below.setFixedHeight(max(needed, 0))
