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

from backstretch.core.settings import Settings, replace
from backstretch.speech.service import Voice
from backstretch.ui.voice import QtVoice

PREVIEW_TEXT = "Knee-to-Chest. Hold for 30 seconds. Breathe out slowly."


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

        self.enabled = QCheckBox("Spoken cues")
        self.enabled.setChecked(settings.voice_enabled)
        self.sounds_only = QCheckBox("Sounds only (beeps and a chime, no words)")
        self.sounds_only.setChecked(settings.sounds_only)
        self.voice = QComboBox()
        self.voice.addItem("Default voice", "")
        if settings.voice:
            self.voice.addItem(settings.voice, settings.voice)
            self.voice.setCurrentIndex(1)
        self.voice.setAccessibleName("Voice")
        self.rate = QSpinBox()
        self.rate.setRange(80, 300)
        self.rate.setSingleStep(10)
        self.rate.setSuffix(" words per minute")
        self.rate.setValue(settings.rate)
        self.rate.setAccessibleName("Speaking rate")
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(settings.volume)
        self.volume.setAccessibleName("Volume")
        self.volume_label = QLabel(f"{settings.volume} %")
        self.volume.valueChanged.connect(lambda v: self.volume_label.setText(f"{v} %"))
        self.preview_button = QPushButton("Preview")
        self.preview_button.setAccessibleDescription("Hear a sample cue with these settings.")
        self.preview_button.clicked.connect(
            lambda: self._preview(self.result_settings(), PREVIEW_TEXT)
        )
        self.status = QLabel("Looking for voices…" if voice else "Speech is still starting.")
        self.status.setWordWrap(True)
        self.preview_button.setEnabled(voice is not None)

        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.sounds_only)
        form.addRow("Voice", self.voice)
        form.addRow("Speed", self.rate)
        form.addRow("Volume", self.volume)
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
        self.voice.addItem("Default voice", "")
        for voice in sorted(voices, key=lambda v: v.name.lower()):
            languages = ", ".join(voice.languages)
            self.voice.addItem(f"{voice.name} ({languages})" if languages else voice.name, voice.id)
        index = self.voice.findData(chosen)
        self.voice.setCurrentIndex(max(index, 0))
        self.status.setText(
            f"{len(voices)} voices."
            if voices
            else "No voices found: spoken cues need espeak-ng (sudo apt-get install espeak-ng)."
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
