"""Which voice reads the cues: the one that speaks the language the cue text is in.

The text and the voice are chosen together (issue 14 item 3): an exact match for the locale
(es_ES -> a voice tagged es-es), then the language alone (es), else no voice at all; the session
then uses beeps and the screen. German text is never read with an English voice (Feeel's
fallback reads Portuguese text that way).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SOURCE_LANGUAGE = "en"


def tag(code: str) -> str:
    """One spelling for language tags: "es_ES", "es-ES" and "es-es" are all "es-es"."""
    return code.strip().replace("_", "-").lower()


def primary(code: str) -> str:
    """The language alone: "es-419" -> "es"."""
    return tag(code).partition("-")[0]


@dataclass(frozen=True)
class VoiceChoice:
    """The voice for a language: its id, None for the engine's default, or missing."""

    voice: str | None
    missing: bool = False


def _speaks(languages: Iterable[str], language: str) -> bool:
    return any(primary(lang) == language for lang in languages)


def choose_voice(
    voices: Sequence[tuple[str, str, Sequence[str]]], locale: str, preferred: str | None
) -> VoiceChoice:
    """The voice for cues in `locale` ("es_ES", "de", "en") among (id, name, languages).

    English is the source language, and a session in English sounds as it always has: the
    person's chosen voice or the engine's default. In another language the person's chosen
    voice is kept when it speaks that language; otherwise the exact locale is looked for
    (es-es), then the language alone (es, then es-419 or any other es-*)."""
    wanted, language = tag(locale), primary(locale)
    if language == SOURCE_LANGUAGE:
        return VoiceChoice(preferred or None)
    if preferred:
        for voice_id, _, languages in voices:
            if voice_id == preferred and _speaks(languages, language):
                return VoiceChoice(preferred)
    tagged = [(voice_id, [tag(lang) for lang in languages]) for voice_id, _, languages in voices]
    exact = [v for v, langs in tagged if wanted in langs]
    bare = [v for v, langs in tagged if language in langs]
    any_region = [v for v, langs in tagged if any(primary(lang) == language for lang in langs)]
    for found in (exact, bare, any_region):
        if found:
            return VoiceChoice(found[0])
    return VoiceChoice(None, missing=True)
