"""The voice follows the language, with the real espeak-ng voices (issue 14 item 3)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backstretch.speech.cache import cue_key
from backstretch.speech.service import Rendered, SpeechService, Unavailable, VoiceSettings
from tests.integration.speech_checks import collect, has_all, wav_stats

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("requires_espeak")]

GERMAN = "Halte die Dehnung dreißig Sekunden lang."
SPANISH = "Mantén el estiramiento treinta segundos."


@pytest.fixture
def make_service(tmp_path: Path) -> Iterator[Callable[[str], SpeechService]]:
    made: list[SpeechService] = []

    def make(language: str) -> SpeechService:
        service = SpeechService(tmp_path / "cues", VoiceSettings(language=language))
        made.append(service)
        service.start()
        return service

    yield make
    for service in made:
        service.close()


@pytest.mark.parametrize(
    ("language", "text", "voice"), [("de_DE", GERMAN, "gmw/de"), ("es_ES", SPANISH, "roa/es")]
)
def test_a_cue_is_read_by_a_voice_of_its_language(
    make_service: Callable[[str], SpeechService], language: str, text: str, voice: str
) -> None:
    service = make_service(language)
    service.request([text])
    events = collect(service, has_all([text]))
    rendered = [e for e in events if isinstance(e, Rendered)]
    assert service.voice_used == voice  # es_ES has no es-es voice: the language alone, "es"
    seconds, rms = wav_stats(rendered[0].path)
    assert seconds > 1.0 and rms > 0.02, "the cue is (nearly) silent"
    # The cache knows the language: the same words in English are another rendering.
    assert rendered[0].path.name == f"{cue_key('espeak', None, 160, text, language)}.wav"
    assert cue_key("espeak", None, 160, text, "en") != cue_key("espeak", None, 160, text, language)


def test_english_keeps_the_engines_default_voice(
    make_service: Callable[[str], SpeechService],
) -> None:
    service = make_service("en_US")
    service.request(["Relax."])
    collect(service, has_all(["Relax."]))
    assert service.voice_used is None


def test_no_voice_for_the_language_is_told_once_and_nothing_is_read(
    make_service: Callable[[str], SpeechService],
) -> None:
    # espeak-ng has no isiZulu voice: the cues must not be read by an English one.
    service = make_service("zu_ZA")
    service.request(["Ngiyabonga."])
    events = collect(service, lambda events: any(isinstance(e, Unavailable) for e in events))
    told = [e for e in events if isinstance(e, Unavailable)]
    assert len(told) == 1
    assert told[0].problem.sentence == (
        "No voice on this computer speaks isiZulu; the session uses beeps and the screen."
    )
    assert not any(isinstance(e, Rendered) for e in events)
    assert not service.available
    service.request(["Ngiyabonga."])  # later cues: nothing rendered, nothing told again
    assert service.poll() == []
    assert service.wav_for("Ngiyabonga.") is None
