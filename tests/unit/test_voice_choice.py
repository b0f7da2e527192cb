"""The voice follows the language: exact locale, then language alone, else none (issue 14)."""

from __future__ import annotations

from pathlib import Path

from backstretch.speech.voices import VoiceChoice, choose_voice

# As pyttsx3 lists espeak-ng's voices (id, name, languages), trimmed; "mb/mb-es1" stands for a
# voice tagged with the full locale (espeak-ng's MBROLA voices are, when installed).
VOICES = [
    ("gmw/de", "German", ["de"]),
    ("gmw/en", "English (Great Britain)", ["en-gb"]),
    ("gmw/en-us", "English (America)", ["en-us"]),
    ("roa/es-419", "Spanish (Latin America)", ["es-419"]),
    ("roa/es", "Spanish (Spain)", ["es"]),
    ("roa/fr", "French", ["fr-fr"]),
]
WITH_ES_ES = [*VOICES, ("mb/mb-es1", "spanish-mbrola-1", ["es-es"])]


def test_the_exact_locale_comes_first() -> None:
    assert choose_voice(WITH_ES_ES, "es_ES", None) == VoiceChoice("mb/mb-es1")


def test_then_the_language_alone() -> None:
    assert choose_voice(VOICES, "es_ES", None) == VoiceChoice("roa/es")
    assert choose_voice(VOICES, "de_AT", None) == VoiceChoice("gmw/de")
    # A tag with a region is still the language when no voice has the bare tag.
    assert choose_voice(VOICES, "fr", None) == VoiceChoice("roa/fr")


def test_the_persons_voice_is_kept_when_it_speaks_the_language() -> None:
    assert choose_voice(VOICES, "es_ES", "roa/es-419") == VoiceChoice("roa/es-419")
    # Their English voice does not read German text: a German voice does.
    assert choose_voice(VOICES, "de", "gmw/en") == VoiceChoice("gmw/de")


def test_english_sounds_as_it_always_has() -> None:
    assert choose_voice(VOICES, "en", None) == VoiceChoice(None)  # the engine's default
    assert choose_voice(VOICES, "en_US", "gmw/en") == VoiceChoice("gmw/en")


def test_no_voice_for_the_language_means_none_never_another_language() -> None:
    # A voice list without German, as on a computer with only English and Spanish voices.
    without_german = [v for v in VOICES if v[0] != "gmw/de"]
    assert choose_voice(without_german, "de_DE", "gmw/en") == VoiceChoice(None, missing=True)
    assert choose_voice([], "es", None) == VoiceChoice(None, missing=True)


def test_the_person_is_told_in_one_sentence() -> None:
    from backstretch.speech.service import SpeechProblem, no_voice_problem

    assert SpeechProblem("Spoken cues are off: X.", "do Y").sentence == (
        "Spoken cues are off: X. To fix it: do Y. Until then the session uses beeps and a chime."
    )
    assert no_voice_problem("de_DE").sentence == (
        "No voice on this computer speaks Deutsch; the session uses beeps and the screen."
    )


def test_voice_settings_take_the_language_the_app_speaks(tmp_path: Path) -> None:
    from backstretch.core import i18n
    from backstretch.speech.cache import cue_key
    from backstretch.speech.service import VoiceSettings

    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "backstretch.po").write_text('msgid ""\nmsgstr ""\n"Language: es\\n"\n')
    i18n.set_locale_dir(tmp_path / "locale")
    try:
        assert VoiceSettings().language == "en"
        i18n.set_language("es_ES")
        assert VoiceSettings().language == "es_ES"
    finally:
        i18n.set_locale_dir(None)
        i18n.set_language("en")
    assert cue_key("espeak", None, 160, "Tai Chi", "de") != cue_key("espeak", None, 160, "Tai Chi")
