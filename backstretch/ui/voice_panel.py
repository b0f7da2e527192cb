"""VoicePanel: choose the voice, its speed and volume, or sounds only; hear a preview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.i18n import N_, ntr, ptr, tr
from backstretch.core.settings import Settings, replace
from backstretch.speech.service import Voice
from backstretch.ui.voice import QtVoice

# Spoken in the chosen voice, so it is said in the language of the window.
PREVIEW_TEXT = N_("Knee-to-Chest. Hold for 30 seconds. Breathe out slowly.")


def percent(value: int) -> str:
    return tr("{percent} %").format(percent=value)


class VoicePanel(QWidget):
    """The voice part of the settings dialog; it only reads and returns Settings."""

    def __init__(
        self,
        settings: Settings,
        voice: QtVoice | None,
        preview: Callable[[Settings, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._preview = preview

        self.enabled = QCheckBox(tr("Spoken cues"))
        self.enabled.setChecked(settings.voice_enabled)
        self.sounds_only = QCheckBox(tr("Sounds only (beeps and a chime, no words)"))
        self.sounds_only.setChecked(settings.sounds_only)
        self.voice = QComboBox()
        self.voice.addItem(tr("Default voice"), "")
        if settings.voice:
            self.voice.addItem(settings.voice, settings.voice)
            self.voice.setCurrentIndex(1)
        self.voice.setAccessibleName(tr("Voice"))
        self.rate = QSpinBox()
        self.rate.setRange(80, 300)
        self.rate.setSingleStep(10)
        self.rate.setSuffix(tr(" words per minute"))
        self.rate.setValue(settings.rate)
        self.rate.setAccessibleName(tr("Speaking rate"))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(settings.volume)
        self.volume.setAccessibleName(tr("Volume"))
        self.volume_label = QLabel(percent(settings.volume))
        self.volume.valueChanged.connect(lambda v: self.volume_label.setText(percent(v)))
        self.preview_button = QPushButton(ptr("button", "Preview"))
        self.preview_button.setAccessibleDescription(tr("Hear a sample cue with these settings."))
        self.preview_button.clicked.connect(
            lambda: self._preview(self.result_settings(), tr(PREVIEW_TEXT))
        )
        self.status = QLabel(
            tr("Looking for voices…") if voice else tr("Speech is still starting.")
        )
        self.status.setWordWrap(True)
        self.preview_button.setEnabled(voice is not None)

        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.sounds_only)
        form.addRow(tr("Voice"), self.voice)
        form.addRow(tr("Speed"), self.rate)
        form.addRow(tr("Volume"), self.volume)
        form.addRow("", self.volume_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.status)
        layout.addStretch(1)

        if voice is not None:
            voice.voicesListed.connect(self._show_voices)
            voice.request_voices()  # answered through the running worker, never blocking

    def show_values(self, settings: Settings) -> None:
        """Put the controls back to `settings` (Reset to defaults)."""
        self.enabled.setChecked(settings.voice_enabled)
        self.sounds_only.setChecked(settings.sounds_only)
        self.voice.setCurrentIndex(max(self.voice.findData(settings.voice), 0))
        self.rate.setValue(settings.rate)
        self.volume.setValue(settings.volume)

    def _show_voices(self, voices: list[Voice]) -> None:
        chosen = self.voice.currentData()
        self.voice.clear()
        self.voice.addItem(tr("Default voice"), "")
        for voice in sorted(voices, key=lambda v: v.name.lower()):
            languages = ", ".join(voice.languages)
            self.voice.addItem(f"{voice.name} ({languages})" if languages else voice.name, voice.id)
        index = self.voice.findData(chosen)
        self.voice.setCurrentIndex(max(index, 0))
        self.status.setText(
            ntr("{n} voice.", "{n} voices.", len(voices)).format(n=len(voices))
            if voices
            else tr("No voices found: spoken cues need espeak-ng (sudo apt-get install espeak-ng).")
        )

    def result_settings(self, base: Settings | None = None) -> Settings:
        return replace(
            base or self._settings,
            voice_enabled=self.enabled.isChecked(),
            sounds_only=self.sounds_only.isChecked(),
            voice=str(self.voice.currentData() or ""),
            rate=self.rate.value(),
            volume=self.volume.value(),
        )
