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

from backstretch.core import i18n
from backstretch.core.cues import CueTexts
from backstretch.core.i18n import N_, tr
from backstretch.core.labels import timing_help, timing_label
from backstretch.core.routines import Routine
from backstretch.core.session import session_plan
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

HEAD_CHOICES = (
    (DrawingHead.AUTO, N_("Automatic")),
    (DrawingHead.LEFT, N_("Left")),
    (DrawingHead.RIGHT, N_("Right")),
)
# How a routine's own keys and timings are named in the sentence that says the routine keeps them.
OVERRIDE_WORDS = {
    "hold": N_("hold"),
    "repetitions": N_("repetitions"),
    "relax": N_("relax"),
    "sides": N_("sides"),
    "variant": N_("usual or easier way"),
    "prepare": N_("prepare"),
    "switch": N_("switch"),
    "rest": N_("rest"),
}
KEEPS_THEM = {  # (sets values for stretches, sets timings): the whole sentence
    (True, True): N_(
        "“{routine}” sets its own values for {stretches} and sets its own {timings} timing: "
        "it keeps them whatever is chosen here."
    ),
    (True, False): N_(
        "“{routine}” sets its own values for {stretches}: it keeps them whatever is chosen here."
    ),
    (False, True): N_(
        "“{routine}” sets its own {timings} timing: it keeps them whatever is chosen here."
    ),
}


def recommended(stretch: Stretch) -> str:
    return tr("{low}-{high} s recommended").format(low=stretch.hold_min, high=stretch.hold_max)


class StretchRow:
    """The controls of one stretch: hold, repetitions, (for one-sided stretches) sides, and
    the easier way where the stretch has one."""

    def __init__(self, stretch: Stretch, grid: QGridLayout, row: int) -> None:
        self.stretch = stretch
        name = QLabel(stretch.name)
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        advice = recommended(stretch)
        called = {"stretch": stretch.name}
        self.hold = QSpinBox()
        self.hold.setRange(*HOLD_LIMITS)
        self.hold.setSuffix(tr(" s"))
        self.hold.setAccessibleName(tr("{stretch} hold").format(**called))
        self.hold.setAccessibleDescription(tr("Seconds per hold; {advice}.").format(advice=advice))
        self.hold.setToolTip(advice)
        self.advice = QLabel(advice)
        self.advice.setWordWrap(True)  # "Shorter than the 20-30 s recommended" in any language
        self.advice.setAccessibleName(tr("{stretch} advice").format(**called))
        self.repetitions = QSpinBox()
        self.repetitions.setRange(*REPETITION_LIMITS)
        self.repetitions.setSuffix(tr(" ×"))
        self.repetitions.setAccessibleName(tr("{stretch} repetitions").format(**called))
        self.sides = QCheckBox(tr("Both sides"))
        self.sides.setAccessibleName(tr("{stretch}: both sides").format(**called))
        self.sides.setAccessibleDescription(tr("Off: hold one side only, with no switch."))
        self.sides.setVisible(stretch.sided)
        self.easier = QCheckBox(tr("Easier way"))
        self.easier.setAccessibleName(tr("{stretch}: easier way").format(**called))
        if stretch.has_easier:
            summary = stretch.easier_summary.rstrip(".")
            self.easier.setAccessibleDescription(
                tr("Easier way: {summary}. Same hold and sides; other steps.").format(
                    summary=summary
                )
            )
            self.easier.setToolTip(tr("Easier way: {summary}.").format(summary=summary))
        else:
            # Disabled, not hidden: the column stays readable, and the reason is given.
            self.easier.setEnabled(False)
            none = tr("{stretch} has no easier way yet.").format(**called)
            self.easier.setToolTip(none)
            self.easier.setAccessibleDescription(none)
        # Issue 16: "Leave it out for now", chosen on the start view, is undone here too.
        self.left_out = QCheckBox(tr("Leave out for now"))
        self.left_out.setAccessibleName(tr("{stretch}: leave out for now").format(**called))
        self.left_out.setAccessibleDescription(
            tr("On: sessions skip this stretch until it is off.")
        )
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
            text = tr("Shorter than the {low}-{high} s recommended")
        elif hold > s.hold_max:
            text = tr("Longer than the {low}-{high} s recommended")
        else:
            text = tr("{low}-{high} s recommended")
        self.advice.setText(text.format(low=s.hold_min, high=s.hold_max))

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
        self.setWindowTitle(tr("Settings"))
        self.setMinimumSize(760, 520)
        self._settings = settings
        self._texts = texts
        self._routine = routine

        self.voice_panel = VoicePanel(settings, voice, preview)
        self.plan_panel = PlanPanel(settings)  # the practice plan and its reminders
        self.tabs = QTabWidget()
        self.tabs.addTab(self._stretch_page(library), tr("&Stretches"))
        self.tabs.addTab(self._timing_page(), tr("&Timings"))
        self.tabs.addTab(self.voice_panel, tr("&Voice and sounds"))
        self.tabs.addTab(self._history_page(), tr("&History"))
        self.tabs.addTab(self.plan_panel, tr("&Plan"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._language_row())
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._total())
        layout.addWidget(self._buttons())
        self._show(settings)
        self._follow_total()
        # At least what the tabs' words need (more in a longer language): an explicit minimum
        # overrides the layout's, so the two are joined here, once everything is built.
        self.setMinimumSize(self.minimumSizeHint().expandedTo(self.minimumSize()))
        self.resize(self.sizeHint().expandedTo(self.minimumSize()))

    def _language_row(self) -> QHBoxLayout:
        """The language of every word, shown and spoken; the system's unless chosen."""
        self.language = QComboBox()
        system = i18n.system_language()
        self.language.addItem(
            tr("The system's language ({language})").format(language=i18n.language_name(system)),
            "",
        )
        for code, name in i18n.available_languages():
            self.language.addItem(name, code)
        self.language.setAccessibleName(tr("Language"))
        self.language.setAccessibleDescription(
            tr("The language of the window and of the voice. Changed when you press OK.")
        )
        label = QLabel(tr("&Language"))
        label.setBuddy(self.language)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.language)
        row.addStretch(1)
        return row

    def _stretch_page(self, library: Library) -> QWidget:
        """A row per stretch, what the routine keeps for itself, and the drawings."""
        stretches = QWidget()
        grid = QGridLayout(stretches)
        headings = (tr("Stretch"), tr("Hold"), "", tr("Repetitions"), tr("Sides"), tr("Form"))
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
        self.overridden.setAccessibleName(tr("Values the routine sets itself"))
        stretch_page = QWidget()
        stretch_layout = QVBoxLayout(stretch_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(stretches)
        # Never sideways: the columns' widths come from their words, longer in translation.
        scroll.setMinimumWidth(
            stretches.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        stretch_layout.addWidget(scroll, 1)
        stretch_layout.addWidget(self.overridden)
        stretch_layout.addWidget(self._drawings_group())
        return stretch_page

    def _timing_page(self) -> QWidget:
        timing_page = QWidget()
        timing_form = QFormLayout(timing_page)
        self.timings: dict[str, QSpinBox] = {}
        for key, (low, high) in TIMING_LIMITS.items():
            title, help_text = timing_label(key), timing_help(key)
            box = QSpinBox()
            box.setRange(low, high)
            box.setSuffix(tr(" s"))
            box.setAccessibleName(title)
            box.setAccessibleDescription(help_text)
            box.setToolTip(help_text)
            self.timings[key] = box
            timing_form.addRow(title, box)
        return timing_page

    def _history_page(self) -> QWidget:
        """The pain check and the weekly check, and where their answers stay."""
        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        self.pain_check = QCheckBox(
            tr("Ask how strong my back pain is before and after each session")
        )
        self.pain_check.setAccessibleName(tr("Pain check"))
        self.pain_check.setAccessibleDescription(
            tr("A 0-10 rating, skipped with Escape. It stays on this computer, in your history.")
        )
        about = QLabel(
            tr(
                "Your ratings and sessions are kept only on this computer. History shows whether "
                "the pain is changing; you can export it for your clinician."
            )
        )
        about.setWordWrap(True)
        history_layout.addWidget(self.pain_check)
        self.weekly_check = QCheckBox(  # issue 16
            tr("Once a week, &ask how my back is overall compared with when I started")
        )
        self.weekly_check.setAccessibleName(tr("Weekly check"))
        self.weekly_check.setAccessibleDescription(
            tr("Asked before a session at most once a week, skipped with Escape; shown in History.")
        )
        history_layout.addWidget(self.weekly_check)
        history_layout.addWidget(about)
        history_layout.addStretch(1)
        return history_page

    def _total(self) -> QLabel:
        self.total = QLabel()
        self.total.setAccessibleName(tr("Session length"))
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.total.setFont(font)
        return self.total

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.reset_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.reset_button.setText(tr("&Reset to defaults"))
        self.reset_button.setAccessibleDescription(
            tr(
                "Put holds, easier ways, drawings, timings, voice, sounds and the pain check back "
                "to their defaults. OK saves them; Cancel keeps what you had."
            )
        )
        self.reset_button.clicked.connect(self.reset_to_defaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _follow_total(self) -> None:
        """The session's length follows every control that changes it."""
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
        group = QGroupBox(tr("Drawings"))
        layout = QVBoxLayout(group)
        self.head = QComboBox()
        for head, text in HEAD_CHOICES:
            self.head.addItem(tr(text), head.value)
        self.head.setAccessibleName(tr("My head is on this side of the screen"))
        self.head.setAccessibleDescription(
            tr(
                "Automatic: the head is on the left for the right side and on the right for the "
                "left side. Left or Right: every drawing is shown that way, so the figure lies as "
                "you do. The sides are still named correctly."
            )
        )
        before = QLabel(tr("My head &is on the"))  # not Alt+H: that is the History tab
        before.setBuddy(self.head)
        line = QHBoxLayout()
        line.addWidget(before)
        line.addWidget(self.head)
        line.addWidget(QLabel(tr("side of the screen")))
        line.addStretch(1)
        layout.addLayout(line)
        self.reduce_motion = QCheckBox(tr("Reduce &motion (show the end pose without animation)"))
        self.reduce_motion.setAccessibleName(tr("Reduce motion"))
        self.reduce_motion.setAccessibleDescription(
            tr("The drawings show the end pose at once instead of moving from the start pose.")
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
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language or "")))

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
            language=self.language.currentData() or None,
        )
        return self.plan_panel.result_settings(self.voice_panel.result_settings(chosen))

    def _update_total(self) -> None:
        routine = self._routine
        if routine is None:
            self.total.setText("")
            return
        chosen = self.result_settings()
        plan = session_plan(routine, chosen, self._texts)
        self.total.setText(
            tr("{routine} with these settings: {time}").format(
                routine=routine.name, time=duration_text(plan.total_s)
            )
        )
        self.overridden.setText(self._keeps_them(routine))
        self.overridden.setVisible(bool(self.overridden.text()))

    @staticmethod
    def _keeps_them(routine: Routine) -> str:
        """What the routine sets itself, whatever is chosen here (empty when nothing)."""
        stretches = "; ".join(
            tr("{stretch} ({keys})").format(
                stretch=item.stretch.name,
                keys=", ".join(tr(OVERRIDE_WORDS.get(k, k)) for k in item.overrides),
            )
            for item in routine.items
            if item.overrides
        )
        timings = ", ".join(tr(OVERRIDE_WORDS.get(k, k)) for k in sorted(routine.timing_overrides))
        sentence = KEEPS_THEM.get((bool(stretches), bool(timings)))
        if sentence is None:
            return ""
        return tr(sentence).format(routine=routine.name, stretches=stretches, timings=timings)
