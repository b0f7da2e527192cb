"""StartView: pick a routine, see what it holds and how long it takes, and start."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.cues import CueTexts
from backstretch.core.plan import build_plan
from backstretch.core.routines import Routine, RoutineListing
from backstretch.core.settings import Settings
from backstretch.core.timefmt import duration_text

ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole (see test_start_view_roles)

SAFETY_TEXT = (
    "BackStretch guides gentle stretches; it is not medical advice and does not replace a "
    "clinician. Move slowly and never bounce. Stop if a stretch hurts: press H at any time. "
    "Ask a doctor or physiotherapist first if your pain is severe or new, or comes with "
    "numbness, weakness, or changes in bladder or bowel control."
)


class StartView(QWidget):
    """The first screen: routine picker, voice on/off, last session, and a big Start."""

    startRequested = Signal(object)
    safetyAccepted = Signal()
    voiceToggled = Signal(bool)
    settingsRequested = Signal()
    routinesRequested = Signal()
    historyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("BackStretch")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("Gentle, guided stretches for your lower back.")
        sub_font = subtitle.font()
        sub_font.setPointSizeF(sub_font.pointSizeF() * 1.3)
        subtitle.setFont(sub_font)

        self.safety = QFrame()
        self.safety.setFrameShape(QFrame.Shape.StyledPanel)
        self.safety.setAccessibleName("Safety notice")
        safety_layout = QVBoxLayout(self.safety)
        heading = QLabel("Before you start")
        heading_font = heading.font()
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading.setFont(heading_font)
        self.safety_text = QLabel(SAFETY_TEXT)
        self.safety_text.setWordWrap(True)
        text_font = self.safety_text.font()
        text_font.setPointSizeF(text_font.pointSizeF() * 1.15)
        self.safety_text.setFont(text_font)
        self.accept_button = QPushButton("I understand")
        self.accept_button.setMinimumHeight(48)
        self.accept_button.setAccessibleName("I understand")
        self.accept_button.setAccessibleDescription("Accept the safety notice; it is shown once.")
        self.accept_button.clicked.connect(self._accept)
        safety_layout.addWidget(heading)
        safety_layout.addWidget(self.safety_text)
        accept_row = QHBoxLayout()
        accept_row.addStretch(1)
        accept_row.addWidget(self.accept_button)
        safety_layout.addLayout(accept_row)

        self.routines = QListWidget()
        self.routines.setAccessibleName("Routines")
        self.routines.setAccessibleDescription("Choose a routine, then press Enter to start.")
        self.routines.itemActivated.connect(lambda _item: self.request_start())
        list_font = self.routines.font()
        list_font.setPointSizeF(list_font.pointSizeF() * 1.2)
        self.routines.setFont(list_font)
        self.routines.setWordWrap(True)
        self.routines.setSpacing(4)

        self.voice = QCheckBox("Spoken cues")
        self.voice.setAccessibleDescription("Read each step and count aloud. Shortcut: M.")
        self.voice.toggled.connect(self.voiceToggled.emit)
        self.settings_button = QPushButton("&Settings…")
        self.settings_button.setAccessibleName("Settings")
        self.settings_button.setAccessibleDescription(
            "Hold times per stretch, timings between holds, voice and sounds. Shortcut: Alt+S."
        )
        self.settings_button.clicked.connect(self.settingsRequested.emit)
        self.routines_button = QPushButton("&Routines…")
        self.routines_button.setAccessibleName("Routines")
        self.routines_button.setAccessibleDescription(
            "Make, change, import and export routines of your own. Shortcut: Alt+R."
        )
        self.routines_button.clicked.connect(self.routinesRequested.emit)
        self.history_button = QPushButton("Histor&y…")
        self.history_button.setAccessibleName("History")
        self.history_button.setAccessibleDescription(
            "Your past sessions, streak and pain ratings; export for your clinician. Alt+Y."
        )
        self.history_button.setEnabled(False)  # until the log is open
        self.history_button.clicked.connect(self.historyRequested.emit)
        self.last_session = QLabel()
        self.last_session.setAccessibleName("Last session")
        last_font = self.last_session.font()
        last_font.setPointSizeF(last_font.pointSizeF() * 1.2)
        self.last_session.setFont(last_font)
        self.last_session.hide()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.hide()

        self.start_button = QPushButton("Start\nEnter")
        self.start_button.setMinimumHeight(80)
        self.start_button.setAccessibleName("Start")
        self.start_button.setAccessibleDescription("Start the chosen routine. Shortcut: Enter.")
        start_font = self.start_button.font()
        start_font.setPointSizeF(start_font.pointSizeF() * 1.8)
        start_font.setBold(True)
        self.start_button.setFont(start_font)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.request_start)

        bottom = QHBoxLayout()
        bottom.addWidget(self.voice)
        bottom.addWidget(self.settings_button)
        bottom.addWidget(self.routines_button)
        bottom.addWidget(self.history_button)
        bottom.addStretch(1)
        bottom.addWidget(self.start_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.safety)
        layout.addWidget(self.routines, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.last_session)
        layout.addLayout(bottom)
        self._routines: list[Routine] = []

    def set_routines(self, listing: RoutineListing, texts: CueTexts, settings: Settings) -> None:
        self.routines.clear()
        self._routines = list(listing.routines)
        for routine in self._routines:
            plan = build_plan(routine, texts, settings.rate)
            names = ", ".join(routine.stretch_names)
            count = len(routine.items)
            text = (
                f"{routine.name}\n{count} stretch{'es' if count != 1 else ''} · "
                f"{duration_text(plan.total_s)}\n{names}"
            )
            item = QListWidgetItem(text)
            # One line for screen readers. The role is given by number: naming it through the
            # Qt namespace costs ~11 ms of start-up (PySide6 builds all of Qt's enums at once).
            item.setData(
                ACCESSIBLE_TEXT_ROLE,
                f"{routine.name}, {count} stretches, {duration_text(plan.total_s)}: {names}",
            )
            self.routines.addItem(item)
            if settings.routine in (routine.id, routine.name):
                self.routines.setCurrentItem(item)
        if self.routines.currentRow() < 0 and self._routines:
            self.routines.setCurrentRow(0)
        if listing.problems:
            lines = "\n".join(str(p) for p in listing.problems[:5])
            self.problems.setText(
                f"Some routine files could not be read and are not listed:\n{lines}"
            )
            self.problems.show()
        else:
            self.problems.hide()

    def set_last_session(self, text: str | None) -> None:
        """ "Last session: yesterday, 9 min. Stretched 5 days in a row." (hidden before any)."""
        self.last_session.setText(text or "")
        self.last_session.setVisible(bool(text))

    def set_safety_accepted(self, accepted: bool) -> None:
        self.safety.setVisible(not accepted)
        self.start_button.setEnabled(accepted)
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
        self.routines.addItem(QListWidgetItem(f"{routine.name}\n{routine.path}"))
        self.routines.setCurrentRow(len(self._routines) - 1)

    def selected_routine(self) -> Routine | None:
        row = self.routines.currentRow()
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def request_start(self) -> None:
        routine = self.selected_routine()
        if routine is not None and self.start_button.isEnabled():
            self.startRequested.emit(routine)
