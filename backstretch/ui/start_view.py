"""StartView: pick a routine card, see its stretches, time and when it was last done, and start.

The start view is what the first frame shows, so nothing here touches PySide6's Qt namespace
(its first use builds every enum of it, ~11 ms): keys and roles are named by number (a test
checks them against Qt), and the drawings are rendered (QtSvg) just after the first frame.
The cards are ui/routine_cards.py.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.cues import CueTexts
from backstretch.core.i18n import N_, ntr, ptr, tr
from backstretch.core.paths import asset
from backstretch.core.routines import Routine, RoutineListing
from backstretch.core.session import session_plan
from backstretch.core.settings import Settings
from backstretch.core.timefmt import duration_text
from backstretch.ui.routine_cards import (
    BODY_PX,
    NAME_PX,
    SMALL_PX,
    START_PX,
    TITLE_PX,
    RoutineCard,
    RoutineCards,
    ThumbStrip,
    pixel_font,
    pixel_label,
)

SAFETY_TEXT = N_(
    "BackStretch guides gentle stretches; it is not medical advice and does not replace a "
    "clinician. Move slowly and never bounce. Stop if a stretch hurts: press H at any time. "
    "Ask a doctor or physiotherapist first if your pain is severe or new, or comes with "
    "numbness, weakness, or changes in bladder or bowel control."
)
NOT_DONE_YET = N_("Not done yet")
SHOWN_PROBLEMS = 5


def scale_for(width: int, height: int) -> float:
    """1 up to 1100 x 720, growing with the window to 1.5 (full screen at 1920 x 1080)."""
    return round(max(1.0, min(width / 1100, height / 720, 1.5)), 2)


class StartView(QWidget):
    """The first screen: routine cards, voice on/off, last session, and one big Start."""

    startRequested = Signal(object)
    safetyAccepted = Signal()
    voiceToggled = Signal(bool)
    settingsRequested = Signal()
    routinesRequested = Signal()
    historyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = pixel_label("BackStretch", TITLE_PX, bold=True, wrap=False)  # a name: as it is
        self.subtitle = pixel_label(tr("Gentle, guided stretches for your lower back."), BODY_PX)
        self._status_lines()
        bottom = self._controls()
        bottom.addStretch(1)
        bottom.addSpacing(10)
        bottom.addLayout(self._start_action())
        self.main_layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.last_session)  # in the subtitle's place once there is one
        layout.addWidget(self.plan_line)
        layout.addWidget(self._safety_notice())
        layout.addWidget(self._routine_cards(), 1)
        layout.addWidget(self.problems)
        layout.addLayout(bottom)
        self._routines: list[Routine] = []
        self._last_done: dict[str, str] | None = None
        self._scale = 1.0
        self._scale_widgets([self.start_button], 1.0)

    def _status_lines(self) -> None:
        """The last session, today's plan and unreadable routine files: hidden until known."""
        self.last_session = pixel_label("", BODY_PX)
        self.last_session.setAccessibleName(tr("Last session"))
        self.last_session.hide()
        self.problems = pixel_label("", BODY_PX)
        self.problems.hide()
        # The practice plan's word on today: "Planned today at 18:00 · 3 of 4 this week".
        self.plan_line = pixel_label("", BODY_PX)
        self.plan_line.setAccessibleName(tr("Your plan"))
        self.plan_line.hide()

    def _safety_notice(self) -> QFrame:
        self.safety = QFrame()
        self.safety.setFrameShape(QFrame.Shape.StyledPanel)
        self.safety.setAccessibleName(tr("Safety notice"))
        safety_layout = QVBoxLayout(self.safety)
        heading = pixel_label(tr("Before you start"), NAME_PX, bold=True)
        self.safety_text = pixel_label(tr(SAFETY_TEXT), BODY_PX)
        self.accept_button = QPushButton(tr("I understand"))
        pixel_font(self.accept_button, BODY_PX, bold=True)
        self.accept_button.setMinimumHeight(48)
        self.accept_button.setAccessibleName(tr("I understand"))
        self.accept_button.setAccessibleDescription(
            tr("Accept the safety notice; it is shown once.")
        )
        self.accept_button.clicked.connect(self._accept)
        safety_layout.addWidget(heading)
        safety_layout.addWidget(self.safety_text)
        accept_row = QHBoxLayout()
        accept_row.addStretch(1)
        accept_row.addWidget(self.accept_button)
        safety_layout.addLayout(accept_row)
        return self.safety

    def _routine_cards(self) -> RoutineCards:
        self.routines = RoutineCards()
        self.routines.setAccessibleName(tr("Routines"))
        self.routines.setAccessibleDescription(
            tr("Choose a routine with the arrow keys, then press Enter to start.")
        )
        self.routines.activated.connect(self.request_start)
        return self.routines

    def _controls(self) -> QHBoxLayout:
        """What is set before lying down: the voice, settings, routines and history."""
        self.voice = QCheckBox(tr("Spoken cues"))
        pixel_font(self.voice, SMALL_PX)
        self.voice.setMinimumHeight(48)
        self.voice.setAccessibleDescription(tr("Read each step and count aloud. Shortcut: M."))
        self.voice.toggled.connect(self.voiceToggled.emit)
        self.settings_button = self._small_button(
            tr("&Settings…"),
            tr("Settings"),
            tr("Hold times per stretch, timings between holds, voice and sounds. Shortcut: Alt+S."),
        )
        self.settings_button.clicked.connect(self.settingsRequested.emit)
        self.routines_button = self._small_button(
            tr("&Routines…"),
            tr("Routines"),
            tr("Make, change, import and export routines of your own. Shortcut: Alt+R."),
        )
        self.routines_button.clicked.connect(self.routinesRequested.emit)
        self.history_button = self._small_button(
            tr("Histor&y…"),
            tr("History"),
            tr("Your past sessions, streak and pain ratings; export for your clinician. Alt+Y."),
        )
        self.history_button.setEnabled(False)  # until the log is open
        self.history_button.clicked.connect(self.historyRequested.emit)
        # One row, or two when a language's longer words would push Start off the window.
        self.control_grid = QGridLayout()
        self.control_grid.setSpacing(6)
        self._control_columns = 0
        self._arrange_controls(4)
        bottom = QHBoxLayout()
        bottom.addLayout(self.control_grid)
        return bottom

    def _arrange_controls(self, columns: int) -> None:
        if columns == self._control_columns:
            return
        self._control_columns = columns
        controls = (self.voice, self.settings_button, self.routines_button, self.history_button)
        for number, widget in enumerate(controls):
            self.control_grid.removeWidget(widget)
            self.control_grid.addWidget(widget, number // columns, number % columns)

    def _fit_controls(self, width: int) -> None:
        """Two rows of two when one row of four and Start do not fit the width."""
        controls = (self.voice, self.settings_button, self.routines_button, self.history_button)
        margins = self.main_layout.contentsMargins()
        start = max(self.start_button.sizeHint().width(), self.start_hint.sizeHint().width())
        one_row = sum(widget.sizeHint().width() for widget in controls) + 3 * 6 + 10 + start
        columns = 4 if one_row <= width - margins.left() - margins.right() else 2
        self._arrange_controls(columns)
        # The second row's height is found in the gaps, not taken from the routine cards.
        self.main_layout.setSpacing(10 if columns == 4 else 6)

    @staticmethod
    def _small_button(text: str, name: str, description: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setAccessibleDescription(description)
        pixel_font(button, SMALL_PX)
        button.setMinimumHeight(48)
        return button

    def _start_action(self) -> QVBoxLayout:
        """One clear action on one line; the key is said in the description and the hint."""
        self.start_button = QPushButton(tr("Start  ▶"))
        pixel_font(self.start_button, START_PX, bold=True)
        self.start_button.setProperty("base_min", (220, 72))
        self.start_button.setAccessibleName(ptr("button", "Start"))
        self.start_button.setAccessibleDescription(tr("Start the chosen routine. Shortcut: Enter."))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.request_start)
        self.start_hint = pixel_label(tr("or press Enter"), SMALL_PX, wrap=False)
        self.start_hint.setAccessibleName(tr("Shortcut: Enter"))
        start = QVBoxLayout()
        start.setSpacing(2)
        start.addWidget(self.start_button)
        hint_row = QHBoxLayout()
        hint_row.addStretch(1)
        hint_row.addWidget(self.start_hint)
        hint_row.addStretch(1)
        start.addLayout(hint_row)
        return start

    def set_routines(self, listing: RoutineListing, texts: CueTexts, settings: Settings) -> None:
        self.routines.clear()
        self._routines = []
        chosen = 0
        for row, listed in enumerate(listing.routines):
            # As this person will do it (their hold times, the stretches they leave out).
            plan = session_plan(listed, settings, texts)
            routine = plan.routine
            self._routines.append(routine)
            count = len(routine.items)
            time = duration_text(plan.total_s)
            shown = ntr("{n} stretch · {time}", "{n} stretches · {time}", count)
            spoken = ntr("{n} stretch, {time}", "{n} stretches, {time}", count)
            self._add_card(
                routine,
                shown.format(n=count, time=time),
                ", ".join(routine.stretch_names),
                spoken.format(n=count, time=time),
            )
            if settings.routine in (routine.id, routine.name):
                chosen = row
        self.routines.setCurrentRow(chosen)
        if listing.problems:
            lines = "\n".join(str(p) for p in listing.problems[:SHOWN_PROBLEMS])
            self.problems.setText(
                tr("Some routine files could not be read and are not listed:\n{problems}").format(
                    problems=lines
                )
            )
            self.problems.show()
        else:
            self.problems.hide()

    def _add_card(
        self, routine: Routine, details: str, names: str, spoken: str | None = None
    ) -> RoutineCard:
        drawings = [asset("illustrations", item.stretch.illustration) for item in routine.items]
        card = RoutineCard(routine, details, names, drawings, spoken)
        self.routines.add(card)
        card.set_last_done(self._last_done_text(routine))
        self._scale_widgets([card, *card.findChildren(QWidget)], self._scale)
        return card

    def _last_done_text(self, routine: Routine) -> str | None:
        if self._last_done is None:
            return None  # the log is not open (yet): say nothing rather than "not done"
        return self._last_done.get(routine.id or routine.name, tr(NOT_DONE_YET))

    def set_last_done(self, texts: Mapping[str, str]) -> None:
        """Routine id -> "Last done: yesterday"; a routine not in `texts` is not done yet."""
        self._last_done = dict(texts)
        for card in self.routines.cards():
            card.set_last_done(self._last_done_text(card.routine))

    def set_suggestion_bar(self, bar: QWidget) -> None:
        """Issue 16: the "listening to pain" bar (ui/suggestion_bar.py), above the routines."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.routines), bar)
        widgets = [bar, *bar.findChildren(QWidget)]
        for widget in widgets:  # read from the mat like the rest of the view, and scaled with it
            pixel_font(widget, SMALL_PX if isinstance(widget, QPushButton) else BODY_PX)
        self._scale_widgets(widgets, self._scale)

    def set_last_session(self, text: str | None) -> None:
        """ "Last session: yesterday, 9 min. Stretched 5 days in a row." (hidden before any)."""
        self.last_session.setText(text or "")
        self.last_session.setVisible(bool(text))
        self.subtitle.setVisible(not text)

    def set_plan_line(self, text: str | None) -> None:
        """What the practice plan says about today; hidden without a plan."""
        self.plan_line.setText(text or "")
        self.plan_line.setVisible(bool(text))

    def set_safety_accepted(self, accepted: bool) -> None:
        self.safety.setVisible(not accepted)
        self.start_button.setEnabled(accepted)
        self.start_hint.setVisible(accepted)
        (self.start_button if accepted else self.accept_button).setFocus()

    def _accept(self) -> None:
        self.set_safety_accepted(True)
        self.safetyAccepted.emit()

    def select(self, routine: Routine) -> None:
        """Show a routine chosen on the command line (a file may not be in the list yet)."""
        for row, known in enumerate(self._routines):
            if known.path == routine.path and known.name == routine.name:
                self.routines.setCurrentRow(row)
                return
        self._routines.append(routine)
        self._add_card(routine, str(routine.path or ""), "")
        self.routines.setCurrentRow(len(self._routines) - 1)

    def selected_routine(self) -> Routine | None:
        row = self.routines.currentRow()
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def request_start(self) -> None:
        routine = self.selected_routine()
        if routine is not None and self.start_button.isEnabled():
            self.startRequested.emit(routine)

    # ------------------------------------------------------------------ size
    def resizeEvent(self, event: QResizeEvent) -> None:
        scale = scale_for(event.size().width(), event.size().height())
        if scale != self._scale:
            self._scale = scale
            self._scale_widgets(self.findChildren(QWidget), scale)
        self._fit_controls(event.size().width())
        super().resizeEvent(event)

    @staticmethod
    def _scale_widgets(widgets: list[QWidget], scale: float) -> None:
        for widget in widgets:
            base = widget.property("base_px")
            if base:
                font = QFont(widget.font())
                font.setPixelSize(round(int(base) * scale))
                widget.setFont(font)
            smallest = widget.property("base_min")
            if smallest:
                widget.setMinimumSize(round(smallest[0] * scale), round(smallest[1] * scale))
            if isinstance(widget, ThumbStrip):
                widget.set_scale(scale)
