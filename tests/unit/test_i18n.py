"""The translation mechanism: language choice, fallback, plurals, pseudo mode and formats."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from backstretch.core import i18n
from backstretch.core.i18n import ntr, ptr, tr

DAY = dt.date(2026, 11, 28)  # a Saturday


def _write_catalog(folder: Path, code: str, messages: dict[object, object]) -> Path:
    """A small catalog of our own, so these tests do not depend on the shipped wording."""
    catalog = Catalog(locale=code, domain="backstretch")
    for msgid, string in messages.items():
        if isinstance(msgid, tuple) and len(msgid) == 3:  # (context, text)
            context, text, _ = msgid
            catalog.add(text, string, context=context)
        else:
            catalog.add(msgid, string)
    po = folder / code / "LC_MESSAGES" / "backstretch.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    return po


def _compile(po: Path) -> Path:
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    mo = po.with_suffix(".mo")
    with mo.open("wb") as handle:
        write_mo(handle, catalog)
    return mo


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_pseudo(False)
    i18n.set_locale_dir(None)
    i18n.set_language("en")


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    folder = tmp_path / "locale"
    _write_catalog(
        folder,
        "de",
        {
            "Hold for {seconds} s": "{seconds} s halten",
            ("{n} session", "{n} sessions"): ("{n} Sitzung", "{n} Sitzungen"),
            ("button", "Start", None): "Starten",
        },
    )
    _write_catalog(folder, "es", {"Hold for {seconds} s": "Mantén {seconds} s"})
    i18n.set_locale_dir(folder)
    return folder


def test_english_is_the_source_and_needs_no_catalog() -> None:
    assert i18n.set_language("en_GB") == "en"
    assert tr("Hold for {seconds} s") == "Hold for {seconds} s"
    assert ntr("{n} session", "{n} sessions", 1) == "{n} session"
    assert ntr("{n} session", "{n} sessions", 2) == "{n} sessions"
    assert tr("") == ""


def test_a_language_with_a_catalog_is_used(locales: Path) -> None:
    assert i18n.set_language("de") == "de"
    assert i18n.language() == "de"
    assert tr("Hold for {seconds} s").format(seconds=30) == "30 s halten"
    assert ptr("button", "Start") == "Starten"
    # Text with no catalog entry (a person's own routine name) comes back as it is.
    assert tr("My Tuesday stretches") == "My Tuesday stretches"


def test_fallback_goes_from_the_locale_to_its_language_then_to_english(locales: Path) -> None:
    assert i18n.set_language("es_ES") == "es"
    assert i18n.locale_code() == "es_ES"  # the region is kept for dates and the voice
    assert tr("Hold for {seconds} s") == "Mantén {seconds} s"
    assert i18n.set_language("es-MX.UTF-8") == "es"
    assert i18n.locale_code() == "es_MX"
    assert i18n.set_language("fr_FR") == "en"
    assert i18n.locale_code() == "en"
    assert tr("Hold for {seconds} s") == "Hold for {seconds} s"


def test_plural_forms_follow_the_language(locales: Path) -> None:
    i18n.set_language("de")
    assert ntr("{n} session", "{n} sessions", 1).format(n=1) == "1 Sitzung"
    assert ntr("{n} session", "{n} sessions", 0).format(n=0) == "0 Sitzungen"
    assert ntr("{n} session", "{n} sessions", 5).format(n=5) == "5 Sitzungen"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"}, "de"),
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "es_ES.UTF-8"}, "de"),
        # LANGUAGE is a list, best first; a language without a catalog is passed over.
        ({"LANGUAGE": "fr:es", "LANG": "de_DE.UTF-8"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_none_means_the_system_language(
    locales: Path, monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], expected: str
) -> None:
    for name in i18n.LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert i18n.set_language(None) == expected
    assert i18n.language() == expected


def test_pseudo_wraps_the_translation_and_keeps_placeholders(locales: Path) -> None:
    i18n.set_language("de")
    i18n.set_pseudo(True)
    text = tr("Hold for {seconds} s")
    assert "{seconds}" in text
    assert text.startswith("{seconds} š háltéñ")  # the German text, accented
    # the words grow by 40 %, not the placeholder (its value is what it is in every language)
    assert len(text) - len("{seconds}") >= len(" s halten") * 1.4
    assert "12" in text.format(seconds=12)
    plural = ntr("{n} session", "{n} sessions", 3)
    assert "{n}" in plural and "Sîtžüñgéñ" in plural


def test_a_missing_or_stale_mo_is_compiled_from_the_po(locales: Path) -> None:
    po = locales / "de" / "LC_MESSAGES" / "backstretch.po"
    assert not po.with_suffix(".mo").exists()  # a fresh checkout: only the .po
    i18n.set_language("de")
    assert tr("Hold for {seconds} s") == "{seconds} s halten"

    mo = _compile(po)
    _write_catalog(locales, "de", {"Hold for {seconds} s": "Halte {seconds} s"})
    os.utime(mo, (1_000_000, 1_000_000))  # the .mo is older than the translator's edit
    i18n.set_language("de")
    assert tr("Hold for {seconds} s") == "Halte {seconds} s"


def test_an_up_to_date_mo_is_read(locales: Path) -> None:
    po = locales / "de" / "LC_MESSAGES" / "backstretch.po"
    mo = _compile(po)
    po.unlink()  # the .mo alone (as a build may ship it) is enough
    os.utime(mo)
    assert i18n.set_language("de") == "de"
    assert tr("Hold for {seconds} s") == "{seconds} s halten"


def test_an_installed_app_trusts_its_mo_whatever_the_file_times(
    locales: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wheel or a bundle copies files in any order: a .po newer than its .mo means nothing
    # there (the bundle once compiled every catalog in memory, and without CLDR's English data
    # it could not).
    po = locales / "de" / "LC_MESSAGES" / "backstretch.po"
    mo = _compile(po)
    os.utime(mo, (1_000_000, 1_000_000))
    po.write_text("this is not a catalog {", encoding="utf-8")
    monkeypatch.setattr(i18n, "_in_source_checkout", lambda: False)
    assert i18n.set_language("de") == "de"
    assert tr("Hold for {seconds} s") == "{seconds} s halten"


def test_a_broken_catalog_means_english_not_a_crash(locales: Path) -> None:
    po = locales / "de" / "LC_MESSAGES" / "backstretch.po"
    po.write_bytes(b'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n !=\n\x00\xff')
    assert i18n.set_language("de") == "en"
    assert tr("Hold for {seconds} s") == "Hold for {seconds} s"


def test_available_languages_name_themselves(locales: Path) -> None:
    assert i18n.language_codes() == ["en", "de", "es"]
    assert i18n.available_languages() == [("en", "English"), ("de", "Deutsch"), ("es", "Español")]


def test_english_formats_are_unchanged() -> None:
    i18n.set_language("en")
    assert i18n.format_date(DAY) == "28 November 2026"
    assert i18n.format_date(DAY, short=True) == "28 Nov 2026"
    assert i18n.format_day_month(DAY) == "28 November"
    assert i18n.format_month_year(DAY) == "November 2026"
    assert i18n.format_time(dt.time(7, 5)) == "07:05"
    assert i18n.format_number(3.5, 1) == "3.5"
    assert i18n.format_number(1234.0) == "1234"
    assert i18n.weekday_name(DAY) == "Saturday"
    assert i18n.weekday_names()[0] == "Mon"
    assert i18n.month_name(3, short=True) == "Mar"


def test_german_formats(locales: Path) -> None:
    i18n.set_language("de")
    assert i18n.format_date(DAY) == "28. November 2026"
    assert i18n.format_day_month(DAY) == "28. November"
    assert i18n.format_month_year(DAY) == "November 2026"
    assert i18n.format_time(dt.datetime(2026, 11, 28, 7, 5)) == "07:05"
    assert i18n.format_number(3.5, 1) == "3,5"
    assert i18n.weekday_name(DAY) == "Samstag"
    assert i18n.weekday_names()[0] == "Mo"
    assert i18n.month_name(3) == "März"


def test_spanish_formats(locales: Path) -> None:
    i18n.set_language("es_ES")
    assert i18n.format_date(DAY) == "28 de noviembre de 2026"
    assert i18n.format_day_month(DAY) == "28 de noviembre"
    assert i18n.format_number(3.5, 1) == "3,5"
    assert i18n.weekday_name(DAY) == "sábado"
    assert i18n.month_name(11) == "noviembre"


def test_english_start_up_does_not_load_babel(tmp_path: Path) -> None:
    # Babel's CLDR data costs start-up time; English needs none of it.
    code = (
        "import sys, datetime as dt\n"
        "from backstretch.core import i18n\n"
        "i18n.set_language('en_US')\n"
        "i18n.tr('Hello'); i18n.format_date(dt.date(2026, 1, 2)); i18n.format_number(2.5, 1)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------ content, translated at load
@pytest.fixture
def german_content(tmp_path: Path) -> None:
    _write_catalog(
        tmp_path / "locale",
        "de",
        {
            "Child's Pose": "Kindhaltung",
            "Stop if the pain gets worse.": "Hör auf, wenn der Schmerz stärker wird.",
            "left leg": "linkes Bein",
            "Hold for {seconds} seconds.": "Halte {seconds} Sekunden.",
            "Three": "Drei",
            "{m} min {s} s": "{m} Min. {s} s",
            "{low}-{high} s recommended": "{low}-{high} s empfohlen",
        },
    )
    i18n.set_locale_dir(tmp_path / "locale")
    i18n.set_language("de")


@pytest.mark.usefixtures("german_content")
def test_the_stretch_library_is_translated_where_it_is_loaded() -> None:
    from backstretch.core.stretches import Side, load_library

    library = load_library()
    childs = library["childs-pose"]  # ids stay ids
    assert childs.name == "Kindhaltung"
    assert childs.cautions[0] == "Hör auf, wenn der Schmerz stärker wird."
    assert childs.illustration == "childs-pose-start.svg"
    assert childs.recommended == "20-60 s empfohlen"
    assert library["knee-to-chest"].side_name(Side.LEFT) == "linkes Bein"
    # No catalog entry: the English comes back, never an empty string.
    assert library["knee-to-chest"].name == "Knee-to-Chest"


@pytest.mark.usefixtures("german_content")
def test_cue_words_are_translated_where_they_are_loaded() -> None:
    from backstretch.core.cues import load_cue_texts

    texts = load_cue_texts()
    assert texts.say("hold.start", seconds=30) == "Halte 30 Sekunden."
    assert texts.countdown[0] == "Drei"
    assert texts.say("relax.text") == "Relax."


@pytest.mark.usefixtures("german_content")
def test_durations_read_in_the_language() -> None:
    from backstretch.core.timefmt import countdown_text, duration_text

    assert duration_text(590) == "9 Min. 50 s"
    assert duration_text(45) == "45 s"
    assert countdown_text(65) == "1:05"
    i18n.set_language("en")
    assert duration_text(590) == "9 min 50 s"
    assert duration_text(120) == "2 min"


# ------------------------------------------------------------------ the language setting
def test_settings_keep_a_known_language_and_default_to_the_system(
    locales: Path, tmp_path: Path
) -> None:
    from backstretch.core.settings import Settings, load_settings, replace, save_settings

    path = tmp_path / "settings.toml"
    assert Settings().language is None  # the system's
    save_settings(path, Settings())
    assert 'language = ""' in path.read_text()
    assert load_settings(path).settings.language is None

    save_settings(path, replace(Settings(), language="de"))
    loaded = load_settings(path)
    assert loaded.settings.language == "de" and loaded.notice is None


def test_an_unknown_language_in_settings_is_a_problem_named_calmly(
    locales: Path, tmp_path: Path
) -> None:
    from backstretch.core.settings import load_settings

    path = tmp_path / "settings.toml"
    path.write_text('schema_version = 4\nlanguage = "tlh"\n')
    loaded = load_settings(path, set_aside=False)
    assert loaded.settings.language is None
    assert loaded.notice is not None and '"de"' in loaded.notice and "tlh" in loaded.notice


@pytest.mark.usefixtures("german_content")
def test_pseudo_mode_grows_the_windows_words_not_the_content_twice() -> None:
    from backstretch.core.stretches import load_library
    from backstretch.core.timefmt import duration_text

    i18n.set_pseudo(True)
    # Content is translated but not padded: the German catalog's text fits (checked), and a
    # duration inside "1 of 5 · {left} left" would otherwise be padded twice.
    assert load_library()["childs-pose"].name == "Kindhaltung"
    assert duration_text(590) == "9 Min. 50 s"
    assert tr("Hold for {seconds} seconds.").startswith("Hálté {seconds}")
