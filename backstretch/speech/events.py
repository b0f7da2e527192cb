"""What the speech service is made with (VoiceSettings) and what it tells its caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backstretch.core import i18n
from backstretch.core.i18n import tr


def _current_locale() -> str:
    return i18n.locale_code()


@dataclass(frozen=True)
class VoiceSettings:
    """How cues sound. Volume is applied by the player, so it is not part of the cache key.

    `language` is the locale the cue texts are written in ("de", "es_ES"): the worker picks the
    voice that speaks it. It defaults to the language the app speaks when the settings are made,
    so the text and the voice cannot disagree."""

    voice: str | None = None
    rate: int = 160
    volume: float = 1.0
    language: str = field(default_factory=_current_locale)


@dataclass(frozen=True)
class SpeechProblem:
    """Why spoken cues are off, and what the person can do about it, in plain words."""

    message: str
    fix: str  # "" when there is nothing to fix (no voice speaks the language)

    @property
    def sentence(self) -> str:
        """What the person is told, once: the problem, the fix, and what happens meanwhile."""
        if not self.fix:
            return self.message
        return tr(
            "{problem} To fix it: {fix}. Until then the session uses beeps and a chime."
        ).format(problem=self.message, fix=self.fix.rstrip("."))


def no_voice_problem(language: str) -> SpeechProblem:
    """No voice on this computer speaks the language: beeps and the screen, said once."""
    name = i18n.language_name(language)
    text = tr("No voice on this computer speaks {language}; the session uses beeps and the screen.")
    return SpeechProblem(text.format(language=name), "")


@dataclass(frozen=True)
class Rendered:
    """The cue text is ready to play from path."""

    text: str
    path: Path


@dataclass(frozen=True)
class Unavailable:
    """Speech has stopped for the rest of this service's life; emitted once."""

    problem: SpeechProblem


@dataclass(frozen=True)
class Voice:
    """A voice the speech engine offers."""

    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class VoicesListed:
    """The answer to request_voices()."""

    voices: tuple[Voice, ...]


SpeechEvent = Rendered | Unavailable | VoicesListed


def stuck_problem(driver: str) -> SpeechProblem:
    fix = tr("Restart BackStretch.")
    if driver == "espeak":
        fix = tr("Restart BackStretch. If cues stay silent: {command}").format(
            command="sudo apt-get install --reinstall espeak-ng"
        )
    return SpeechProblem(tr("Spoken cues are off: the speech engine stopped responding."), fix)
