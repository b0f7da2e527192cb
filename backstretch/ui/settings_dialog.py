"""SettingsDialog: holds and forms per stretch, drawings, timings, voice and sounds, with the
session's total live."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.cues import CueTexts
from backstretch.core.personalize import personalize
from backstretch.core.plan import build_plan
from backstretch.core.routines import Routine
from backstretch.core.settings import (
    TIMING_LIMITS,
    DrawingHead,
    GlobalTimings,
    Settings,
    StretchSetting,
)
from backstretch.core.stretches import HOLD_LIMITS, REPETITION_LIMITS, Library, Stretch, Variant
from backstretch.core.timefmt import duration_text
from backstretch.ui.plan_panel import PlanPanel
from backstretch.ui.voice import QtVoice
from backstretch.ui.voice_panel import VoicePanel

TIMING_TEXT = {
    "prepare": ("Get into position", "Time to get into each stretch while its steps are read."),
    "switch": ("Switch sides", "Time to change to the other side."),
    "rest": ("Rest between stretches", "A pause before the next stretch begins."),
    "relax": ("Relax between repetitions", "A pause between two holds of the same stretch."),
}
HEAD_CHOICES = (
    (DrawingHead.AUTO, "Automatic"),
    (DrawingHead.LEFT, "Left"),
    (DrawingHead.RIGHT, "Right"),
)
# How a routine's own keys are named in the sentence that says the routine keeps them.
OVERRIDE_WORDS = {"variant": "usual or easier way"}


class StretchRow:
    """The controls of one stretch: hold, repetitions, (for one-sided stretches) sides, and
    the easier way where the stretch has one."""

    def __init__(self, stretch: Stretch, grid: QGridLayout, row: int) -> None:
        self.stretch = stretch
        name = QLabel(stretch.name)
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        recommended = f"{stretch.hold_min}-{stretch.hold_max} s recommended"
        self.hold = QSpinBox()
        self.hold.setRange(*HOLD_LIMITS)
        self.hold.setSuffix(" s")
        self.hold.setAccessibleName(f"{stretch.name} hold")
        self.hold.setAccessibleDescription(f"Seconds per hold; {recommended}.")
        self.hold.setToolTip(recommended)
        self.advice = QLabel(recommended)
        self.advice.setAccessibleName(f"{stretch.name} advice")
        self.repetitions = QSpinBox()
        self.repetitions.setRange(*REPETITION_LIMITS)
        self.repetitions.setSuffix(" ×")
        self.repetitions.setAccessibleName(f"{stretch.name} repetitions")
        self.sides = QCheckBox("Both sides")
        self.sides.setAccessibleName(f"{stretch.name}: both sides")
        self.sides.setAccessibleDescription("Off: hold one side only, with no switch.")
        self.sides.setVisible(stretch.sided)
        self.easier = QCheckBox("Easier way")
        self.easier.setAccessibleName(f"{stretch.name}: easier way")
        if stretch.has_easier:
            what = f"Easier way: {stretch.easier_summary.rstrip('.')}."
            self.easier.setAccessibleDescription(f"{what} Same hold and sides; other steps.")
            self.easier.setToolTip(what)
        else:
            # Disabled, not hidden: the column stays readable, and the reason is given.
            self.easier.setEnabled(False)
            none = f"{stretch.name} has no easier way yet."
            self.easier.setToolTip(none)
            self.easier.setAccessibleDescription(none)
        # Issue 16: "Leave it out for now", chosen on the start view, is undone here too.
        self.left_out = QCheckBox("Leave out for now")
        self.left_out.setAccessibleName(f"{stretch.name}: leave out for now")
        self.left_out.setAccessibleDescription("On: sessions skip this stretch until it is off.")
        # A choice this stretch cannot show (no easier form in this version) is kept as it was.
        self._kept_variant: Variant | None = None
        name.setBuddy(self.hold)
        grid.addWidget(name, row, 0)
        grid.addWidget(self.hold, row, 1)
        grid.addWidget(self.advice, row, 2)
        grid.addWidget(self.repetitions, row, 3)
        grid.addWidget(self.sides, row, 4)
        grid.addWidget(self.easier, row, 5)
        grid.addWidget(self.left_out, row, 6)
        self.hold.valueChanged.connect(self._advise)

    def show_values(self, setting: StretchSetting | None) -> None:
        own = setting or StretchSetting()
        s = self.stretch
        self.hold.setValue(s.default_hold if own.hold is None else own.hold)
        self.repetitions.setValue(
            s.default_repetitions if own.repetitions is None else own.repetitions
        )
        self.sides.setChecked(s.sided if own.sides is None else own.sides)
        self.easier.setChecked(s.has_easier and own.variant is Variant.EASIER)
        self._kept_variant = None if s.has_easier else own.variant
        self.left_out.setChecked(bool(own.left_out))
        self._advise(self.hold.value())

    def _advise(self, hold: int) -> None:
        s = self.stretch
        if hold < s.hold_min:
            text = f"Shorter than the {s.hold_min}-{s.hold_max} s recommended"
        elif hold > s.hold_max:
            text = f"Longer than the {s.hold_min}-{s.hold_max} s recommended"
        else:
            text = f"{s.hold_min}-{s.hold_max} s recommended"
        self.advice.setText(text)

    def setting(self) -> StretchSetting:
        """Only what differs from the library, so a better default later still reaches people."""
        s = self.stretch
        hold = self.hold.value()
        reps = self.repetitions.value()
        sides = self.sides.isChecked()
        if s.has_easier:
            variant = Variant.EASIER if self.easier.isChecked() else None
        else:
            variant = self._kept_variant
        return StretchSetting(
            hold=None if hold == s.default_hold else hold,
            repetitions=None if reps == s.default_repetitions else reps,
            sides=None if not s.sided or sides else False,
            variant=variant,
            left_out=True if self.left_out.isChecked() else None,
        )


class SettingsDialog(QDialog):
    """Cancel changes nothing; OK hands back the new settings for the caller to save."""

    def __init__(
        self,
        settings: Settings,
        library: Library,
        texts: CueTexts,
        routine: Routine | None,
        voice: QtVoice | None,
        preview: Callable[[Settings, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumSize(760, 520)
        self._settings = settings
        self._texts = texts
        self._routine = routine

        stretches = QWidget()
        grid = QGridLayout(stretches)
        headings = ("Stretch", "Hold", "", "Repetitions", "Sides", "Form")
        for column, heading in enumerate(headings):
            label = QLabel(heading)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, 0, column)
        self.rows = [StretchRow(s, grid, row) for row, s in enumerate(library, start=1)]
        grid.setRowStretch(len(self.rows) + 1, 1)
        self.overridden = QLabel()
        self.overridden.setWordWrap(True)
        self.overridden.setAccessibleName("Values the routine sets itself")
        stretch_page = QWidget()
        stretch_layout = QVBoxLayout(stretch_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(stretches)
        stretch_layout.addWidget(scroll, 1)
        stretch_layout.addWidget(self.overridden)
        stretch_layout.addWidget(self._drawings_group())

        timing_page = QWidget()
        timing_form = QFormLayout(timing_page)
        self.timings: dict[str, QSpinBox] = {}
        for key, (low, high) in TIMING_LIMITS.items():
            title, help_text = TIMING_TEXT[key]
            box = QSpinBox()
            box.setRange(low, high)
            box.setSuffix(" s")
            box.setAccessibleName(title)
            box.setAccessibleDescription(help_text)
            box.setToolTip(help_text)
            self.timings[key] = box
            timing_form.addRow(title, box)

        self.voice_panel = VoicePanel(settings, voice, preview)

        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        self.pain_check = QCheckBox("Ask how strong my back pain is before and after each session")
        self.pain_check.setAccessibleName("Pain check")
        self.pain_check.setAccessibleDescription(
            "A 0-10 rating, skipped with Escape. It stays on this computer, in your history."
        )
        about = QLabel(
            "Your ratings and sessions are kept only on this computer. History shows whether "
            "the pain is changing; you can export it for your clinician."
        )
        about.setWordWrap(True)
        history_layout.addWidget(self.pain_check)
        self.weekly_check = QCheckBox(  # issue 16
            "Once a week, &ask how my back is overall compared with when I started"
        )
        self.weekly_check.setAccessibleName("Weekly check")
        self.weekly_check.setAccessibleDescription(
            "Asked before a session at most once a week, skipped with Escape; shown in History."
        )
        history_layout.addWidget(self.weekly_check)
        history_layout.addWidget(about)
        history_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(stretch_page, "&Stretches")
        self.tabs.addTab(timing_page, "&Timings")
        self.tabs.addTab(self.voice_panel, "&Voice and sounds")
        self.tabs.addTab(history_page, "&History")
        self.plan_panel = PlanPanel(settings)  # the practice plan and its reminders
        self.tabs.addTab(self.plan_panel, "&Plan")

        self.total = QLabel()
        self.total.setAccessibleName("Session length")
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total.setFont(font)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.reset_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.reset_button.setText("&Reset to defaults")
        self.reset_button.setAccessibleDescription(
            "Put holds, easier ways, drawings, timings, voice, sounds and the pain check back "
            "to their defaults. "
            "OK saves them; Cancel keeps what you had."
        )
        self.reset_button.clicked.connect(self.reset_to_defaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.total)
        layout.addWidget(buttons)

        self._show(settings)
        for row in self.rows:
            for signal in (row.hold.valueChanged, row.repetitions.valueChanged):
                signal.connect(self._update_total)
            row.sides.toggled.connect(self._update_total)
            row.easier.toggled.connect(self._update_total)
        for box in self.timings.values():
            box.valueChanged.connect(self._update_total)
        self.voice_panel.rate.valueChanged.connect(self._update_total)
        self._update_total()

    def _drawings_group(self) -> QGroupBox:
        """Where the person's head is on the screen, and whether the drawings move."""
        group = QGroupBox("Drawings")
        layout = QVBoxLayout(group)
        self.head = QComboBox()
        for head, text in HEAD_CHOICES:
            self.head.addItem(text, head.value)
        self.head.setAccessibleName("My head is on this side of the screen")
        self.head.setAccessibleDescription(
            "Automatic: the head is on the left for the right side and on the right for the "
            "left side. Left or Right: every drawing is shown that way, so the figure lies as "
            "you do. The sides are still named correctly."
        )
        before = QLabel("My head &is on the")  # not Alt+H: that is the History tab
        before.setBuddy(self.head)
        line = QHBoxLayout()
        line.addWidget(before)
        line.addWidget(self.head)
        line.addWidget(QLabel("side of the screen"))
        line.addStretch(1)
        layout.addLayout(line)
        self.reduce_motion = QCheckBox("Reduce &motion (show the end pose without animation)")
        self.reduce_motion.setAccessibleName("Reduce motion")
        self.reduce_motion.setAccessibleDescription(
            "The drawings show the end pose at once instead of moving from the start pose."
        )
        layout.addWidget(self.reduce_motion)
        return group

    def _show(self, settings: Settings) -> None:
        for row in self.rows:
            row.show_values(settings.stretches.get(row.stretch.id))
        for key, box in self.timings.items():
            box.setValue(getattr(settings.timings, key))
        self.voice_panel.show_values(settings)
        self.pain_check.setChecked(settings.pain_check)
        self.weekly_check.setChecked(settings.weekly_check)
        self.head.setCurrentIndex(self.head.findData(settings.drawing_head.value))
        self.reduce_motion.setChecked(settings.reduce_motion)
        self.plan_panel.show_values(settings)

    def reset_to_defaults(self) -> None:
        # The plan is not a preference about how a session runs: Reset leaves it (and its
        # reminders) as it is.
        self._show(Settings(plan=self.plan_panel.plan()))

    def result_settings(self) -> Settings:
        stretches = {row.stretch.id: row.setting() for row in self.rows}
        chosen = dataclasses.replace(
            self._settings,
            timings=GlobalTimings(**{k: box.value() for k, box in self.timings.items()}),
            stretches={k: v for k, v in stretches.items() if not v.is_default},
            pain_check=self.pain_check.isChecked(),
            weekly_check=self.weekly_check.isChecked(),
            drawing_head=DrawingHead(self.head.currentData()),
            reduce_motion=self.reduce_motion.isChecked(),
        )
        return self.plan_panel.result_settings(self.voice_panel.result_settings(chosen))

    def _update_total(self) -> None:
        routine = self._routine
        if routine is None:
            self.total.setText("")
            return
        chosen = self.result_settings()
        mine = personalize(routine, chosen)
        plan = build_plan(mine, self._texts, chosen.rate)
        self.total.setText(f"{routine.name} with these settings: {duration_text(plan.total_s)}")
        fixed = [
            f"{item.stretch.name} ({', '.join(OVERRIDE_WORDS.get(k, k) for k in item.overrides)})"
            for item in routine.items
            if item.overrides
        ]
        fixed_timings = ", ".join(sorted(routine.timing_overrides))
        notes = []
        if fixed:
            notes.append("sets its own values for " + "; ".join(fixed))
        if fixed_timings:
            notes.append(f"sets its own {fixed_timings} timing")
        self.overridden.setText(
            f"“{routine.name}” {' and '.join(notes)}: it keeps them whatever is chosen here."
            if notes
            else ""
        )
        self.overridden.setVisible(bool(notes))
