"""QtVoice: plays cue WAVs with QSoundEffect at the engine's events; never blocks, never fails.

Speech is just another view of the session (the window is the other): it listens to the same
engine events. Synthesis happens in the speech worker process; here we only start preloaded
sounds, so nothing on this path can delay the timer or the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

from backstretch.core import engine as ev
from backstretch.core.cues import CueTexts
from backstretch.core.i18n import tr
from backstretch.core.session import control_cue
from backstretch.speech.service import (
    Rendered,
    SpeechService,
    Unavailable,
    VoiceSettings,
    VoicesListed,
)
from backstretch.ui.ticker import QtTicker

STALE_S = 1.5  # a cue whose WAV is not ready this long after it was due is not said late
PHASE_KINDS = {"announce", "hold", "switch", "relax", "rest", "done"}


class QtVoice(QObject):
    """Says each cue when the engine says it is due; beeps and chimes when speech is off."""

    problemFound = Signal(str)  # one calm sentence, said once
    played = Signal(str, str)  # kind, text: when playback was started (for --trace)
    voicesListed = Signal(list)

    def __init__(
        self,
        service: SpeechService | None,
        sounds: dict[str, Path],
        *,
        clock: Callable[[], float],
        muted: bool = False,
        sounds_only: bool = False,
        volume: float = 1.0,
        service_factory: Callable[[VoiceSettings], SpeechService] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._texts: CueTexts | None = None  # set by attach()
        self.service = service
        self._factory = service_factory
        self.muted = muted
        self.sounds_only = sounds_only
        self.volume = volume
        self._clock = clock
        self._effects: dict[Path, QSoundEffect] = {}
        self._current: QSoundEffect | None = None
        self._waiting: tuple[str, str, float] | None = None  # text, kind, due
        self._told = False
        self._seen_playing = False
        self._has_output = not QMediaDevices.defaultAudioOutput().isNull()
        self._sounds = {name: self._effect(path) for name, path in sounds.items()}
        self._poll = QTimer(self)
        self._poll.setInterval(100)  # replies and the watchdog; cheap, never blocking
        self._poll.timeout.connect(self.poll)
        if service is not None:
            service.start()
            self._poll.start()
        if not self._has_output:
            self._tell(
                tr(
                    "No sound output was found, so cues cannot be heard: connect speakers or "
                    "headphones, or check the system volume. The session still runs on screen."
                )
            )

    # --------------------------------------------------------------------- set-up
    @property
    def speech_ok(self) -> bool:
        return self.service is not None and self.service.available

    def prepare(self, texts: Iterable[str]) -> None:
        """Render a session's sentences in the background, in the order they will be said."""
        if self.speech_ok and self.service is not None:
            self.service.request(texts)

    def ready(self, text: str) -> bool:
        """True when the sentence can start at once (rendered and loaded), or never will."""
        if self.muted or not self.speech_ok or self.sounds_only or self.service is None:
            return True
        if not self._has_output:
            return self.service.wav_for(text) is not None
        path = self.service.wav_for(text)
        return path is not None and self._effect(path).status() == QSoundEffect.Status.Ready

    def attach(self, ticker: QtTicker, texts: CueTexts) -> None:
        """Speak this session: its cues, and what is said when the person pauses, carries on
        or says it hurts (core.session.control_cue), all from the engine's events."""
        self._texts = texts
        ticker.engineEvent.connect(self._on_event)

    def configure(self, settings: VoiceSettings, *, muted: bool, sounds_only: bool) -> None:
        """Apply new voice settings; a new voice, rate or language gets a fresh worker (and
        cache keys): the worker picks its voice for the language it was made with."""
        self.muted, self.sounds_only = muted, sounds_only
        self.set_volume(settings.volume)
        old = self.service.settings if self.service is not None else None
        if (
            self._factory is not None
            and old is not None
            and (old.voice, old.rate, old.language)
            != (settings.voice, settings.rate, settings.language)
        ):
            self.stop()
            self.service.close()  # type: ignore[union-attr]
            self.service = self._factory(settings)
            self.service.start()
            self._told = False
            if not self._poll.isActive():
                self._poll.start()
        if muted:
            self.stop()

    def request_voices(self) -> None:
        if self.service is None or not self.service.available:
            self.voicesListed.emit([])
            return
        self.service.request_voices()
        if not self._poll.isActive():
            self._poll.start()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:
            self.stop()

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        for effect in self._effects.values():
            effect.setVolume(volume)

    def close(self) -> None:
        self.stop()
        self._poll.stop()
        if self.service is not None:
            self.service.close()

    # --------------------------------------------------------------------- playing
    def say(self, text: str, kind: str = "control") -> None:
        """Say a sentence now (cutting off whatever is playing), or as soon as it is ready."""
        if self.muted:
            return
        if not self.speech_ok or self.sounds_only:
            self._fallback(kind)
            return
        assert self.service is not None
        path = self.service.wav_for(text)
        if path is not None:
            self._play(self._effect(path), kind, text)
            return
        self.stop()
        self._waiting = (text, kind, self._clock())
        self.service.request([text], urgent=True)

    def current_effect(self) -> QSoundEffect | None:
        return self._current

    @property
    def started_playing(self) -> bool:
        """True once the current sound has actually started (QSoundEffect starts async)."""
        return self._current is not None and self._seen_playing

    def stop(self) -> None:
        self._waiting = None
        if self._current is not None:
            self._current.stop()
            self._current = None

    def poll(self) -> None:
        if self.service is None:
            return
        for event in self.service.poll():
            if isinstance(event, Unavailable):
                self._tell(event.problem.sentence)
                self._poll.stop()
                if self._waiting is not None:
                    self._fallback(self._waiting[1])
                    self._waiting = None
            elif isinstance(event, VoicesListed):
                self.voicesListed.emit(list(event.voices))
            elif isinstance(event, Rendered):
                effect = self._effect(event.path)  # load it now, so playing is instant
                waiting = self._waiting
                if waiting is not None and waiting[0] == event.text:
                    self._waiting = None
                    if self._clock() - waiting[2] <= STALE_S:
                        self._play(effect, waiting[1], event.text)

    def _on_event(self, event: ev.Event) -> None:
        match event:
            case ev.CueDue(cue=cue):
                # The final count ("1") has a sound of its own when only sounds are played.
                last = cue.kind == "count" and cue.from_end and cue.offset_s <= 1.0
                self.say(cue.text, "count_last" if last else cue.kind)
            case ev.Paused() | ev.Resumed() | ev.Finished(completed=False):
                self.stop()
                text = control_cue(event, self._texts) if self._texts is not None else None
                if text is not None:
                    self.say(text, "control")
            case _:
                pass

    def _fallback(self, kind: str) -> None:
        if self.muted:
            return
        names = {"count": "beep", "count_last": "beep_last"}
        name = names.get(kind) or ("chime" if kind in PHASE_KINDS else None)
        sound = self._sounds.get(name) if name else None
        if sound is not None:
            self._play(sound, name or "", "")

    def _effect(self, path: Path) -> QSoundEffect:
        effect = self._effects.get(path)
        if effect is None:
            effect = QSoundEffect(self)
            if self._has_output:  # loading for a missing device only makes Qt complain
                effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self.volume)
            effect.playingChanged.connect(lambda e=effect: self._playing_changed(e))
            self._effects[path] = effect
        return effect

    def _play(self, effect: QSoundEffect, kind: str, text: str) -> None:
        if self._current is not None and self._current is not effect:
            self._current.stop()  # a new cue cuts off a stale one
        self._current = effect
        self._seen_playing = False
        if self._has_output:  # with no device there is nothing to hear (and Qt would warn)
            effect.play()
        self.played.emit(kind, text)

    def _playing_changed(self, effect: QSoundEffect) -> None:
        if effect is self._current and effect.isPlaying():
            self._seen_playing = True

    def _tell(self, text: str) -> None:
        if not self._told:
            self._told = True
            self.problemFound.emit(text)
