"""The one home of user-facing words: tr/ntr/ptr for text, format_* for dates and numbers.

Every word the app shows or says that is not the user's own passes through these functions, in
the Qt-free core, the commands, the speech worker and the window alike. Texts are the English
source strings (gettext msgids), extracted to the catalog by Babel with the keywords
`tr`, `ntr:1,2`, `ptr:1c,2`, `N_` and `catalog_text`. Placeholders are named
(`tr("{n} min").format(n=3)`), never f-strings, so a translation can reorder them and a test
can check them.

Translations are gettext catalogs, domain "backstretch", read by the standard library's gettext
from assets/locale/<lang>/LC_MESSAGES/backstretch.mo (`python packaging/i18n.py compile` makes
them). Babel manages the catalogs and supplies CLDR dates, numbers and plural rules; it is
imported only when a language other than English needs it, so an English start-up never loads
it. English is the source language: it needs no catalog and its output is exactly the msgids.

With BACKSTRETCH_PSEUDO=1 (or `set_pseudo(True)` in tests and the gallery) every string comes back
about 40 % longer with accents added, the way a German or Spanish text grows, so a layout that
clips or elides shows up before any translation exists (Vorta and Qt Linguist do the same).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import logging
import math
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from backstretch.core.paths import asset

DOMAIN = "backstretch"
SOURCE_LANGUAGE = "en"
PSEUDO_GROWTH = 0.4
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "áéîõüýÅÉÎÕÜÝçñšž")
# What the running app speaks: the catalog's language code ("de"), the fuller locale the person
# asked for when it is of that language ("de_AT", for dates and the voice), and the catalog.
_state: dict[str, Any] = {
    "pseudo": os.environ.get("BACKSTRETCH_PSEUDO", "") not in ("", "0"),
    "language": SOURCE_LANGUAGE,
    "locale": SOURCE_LANGUAGE,
    "catalog": gettext.NullTranslations(),
    "babel": None,  # the babel.Locale of "locale", made on first use
    "locale_dir": None,  # None: assets/locale; tests hand in a folder of their own
}
# The environment variables that name the language, in the order gettext reads them.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_dir() -> Path:
    """assets/locale, found the same way as every other asset (source, wheel, frozen build)."""
    override = _state["locale_dir"]
    return Path(override) if override is not None else asset("locale")


def set_locale_dir(folder: Path | None) -> None:
    """Read catalogs from folder (tests); None goes back to assets/locale."""
    _state["locale_dir"] = folder


def set_pseudo(enabled: bool) -> None:
    _state["pseudo"] = enabled


# ------------------------------------------------------------------ choosing the language
def normalize(code: str) -> str:
    """ "de_DE.UTF-8@euro" -> "de_DE", "es-es" -> "es_ES", "C" -> "" (no language named)."""
    code = code.split(".", maxsplit=1)[0].split("@", maxsplit=1)[0].replace("-", "_").strip()
    if code in ("", "C", "POSIX"):
        return ""
    lang, _, region = code.partition("_")
    return f"{lang.lower()}_{region.upper()}" if region else lang.lower()


def system_languages(environ: dict[str, str] | None = None) -> list[str]:
    """The languages the system asks for, best first: LANGUAGE (a colon-separated list), then
    LC_ALL, LC_MESSAGES and LANG; the first variable that is set decides, as in gettext."""
    env = os.environ if environ is None else environ
    for name in LANGUAGE_VARIABLES:
        value = env.get(name, "")
        codes = [normalize(part) for part in value.split(":")] if value else []
        codes = [c for c in codes if c]
        if codes:
            return codes
    return []


def _candidates(code: str) -> list[str]:
    """ "es_ES" -> ["es_ES", "es"]: the exact locale, then its language alone."""
    code = normalize(code)
    if not code:
        return []
    lang = code.partition("_")[0]
    return [code] if code == lang else [code, lang]


def language_codes() -> list[str]:
    """The languages the app has catalogs for (a .po or a .mo), English first. Cheap: a folder
    listing, no Babel, so settings validation can use it at start-up."""
    found: set[str] = set()
    try:
        entries = list(locale_dir().iterdir())
    except OSError:
        entries = []
    for folder in entries:
        messages = folder / "LC_MESSAGES"
        if (messages / f"{DOMAIN}.mo").is_file() or (messages / f"{DOMAIN}.po").is_file():
            found.add(folder.name)
    found.discard(SOURCE_LANGUAGE)
    return [SOURCE_LANGUAGE, *sorted(found)]


def language_name(code: str) -> str:
    """The language's name in itself ("Deutsch", "Español"), for the Settings list and notices.

    The language alone: es_MX is "Español", as the catalog is one for all of Spanish."""
    lang = normalize(code).partition("_")[0]
    if lang == SOURCE_LANGUAGE:
        return "English"
    from babel import Locale, UnknownLocaleError

    try:
        name = str(Locale.parse(lang).get_display_name(lang) or code)
    except (UnknownLocaleError, ValueError):
        return code
    # CLDR writes some names in lower case ("español"); in a list of choices they start a line.
    # A name with capitals of its own ("isiZulu") is left as it is.
    return name[:1].upper() + name[1:] if name.islower() else name


def available_languages() -> list[tuple[str, str]]:
    """(code, native name) of every language the app speaks, English first."""
    return [(code, language_name(code)) for code in language_codes()]


def _load_catalog(code: str) -> gettext.NullTranslations | None:
    """The catalog of one language code, or None when the app has none for it.

    The compiled .mo is build output (packaging/i18n.py compile, the wheel hook, build.sh).
    In a source checkout, when it is missing or older than its .po (a fresh checkout, a
    translator's edit), the .po is compiled in memory with Babel, so a developer never sees
    English by surprise. An installed or frozen app trusts its .mo: copying files into a wheel
    or a bundle does not keep their times in order. Whatever goes wrong, the answer is None
    (the app speaks English), never an error."""
    messages = locale_dir() / code / "LC_MESSAGES"
    mo, po = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
    try:
        if mo.is_file() and not (_in_source_checkout() and _newer(po, mo)):
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        if po.is_file():
            return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    except Exception:  # a bad or unreadable catalog: English, and the reason in the log
        logging.getLogger(__name__).exception("the %s catalog could not be read", code)
    return None


def _in_source_checkout() -> bool:
    """assets/ beside the package (a checkout), not inside it (a wheel or a bundle). Catalogs
    handed in by a test (set_locale_dir) count as a checkout's: they are being edited."""
    return (
        _state["locale_dir"] is not None
        or locale_dir().parent.parent.joinpath("backstretch", "__init__.py").is_file()
    )


def _newer(po: Path, mo: Path) -> bool:
    try:
        return po.stat().st_mtime > mo.stat().st_mtime
    except OSError:
        return False


def compile_po(po: Path) -> bytes:
    """A .po file as .mo bytes (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def set_language(code: str | None) -> str:
    """Speak `code` ("de", "es_ES"; None or "" = the system's) and return the language used.

    Each requested locale is tried exactly, then by its language alone (es_ES -> es); a
    language with no catalog falls back to English, the source language."""
    for candidate, requested in _choices([code] if code else system_languages()):
        if candidate == SOURCE_LANGUAGE:
            _use(SOURCE_LANGUAGE, requested, gettext.NullTranslations())
            return SOURCE_LANGUAGE
        catalog = _load_catalog(candidate)
        if catalog is not None:
            _use(candidate, requested, catalog)
            return candidate
    _use(SOURCE_LANGUAGE, SOURCE_LANGUAGE, gettext.NullTranslations())
    return SOURCE_LANGUAGE


def system_language() -> str:
    """The language the app would speak with no choice of the person's (for the Settings list),
    without switching to it."""
    codes = set(language_codes())
    for candidate, _requested in _choices(system_languages()):
        if candidate == SOURCE_LANGUAGE or candidate in codes:
            return candidate
    return SOURCE_LANGUAGE


def _choices(wanted: list[str]) -> Iterator[tuple[str, str]]:
    """(catalog code to try, locale asked for), best first; any English is the source."""
    for requested in wanted:
        for candidate in _candidates(requested):
            english = candidate.partition("_")[0] == SOURCE_LANGUAGE
            yield (SOURCE_LANGUAGE if english else candidate), normalize(requested)


def _use(language: str, requested: str, catalog: gettext.NullTranslations) -> None:
    lang = language.partition("_")[0]
    # Keep the person's region for dates and the voice only when it is of the same language.
    _state["locale"] = requested if requested.partition("_")[0] == lang else language
    _state["language"] = language
    _state["catalog"] = catalog
    _state["babel"] = None


def language() -> str:
    """The language the app speaks now: "en", "de", "es" (a catalog's code)."""
    return str(_state["language"])


def locale_code() -> str:
    """The fuller locale for dates and the voice: "es_ES" when the person asked for es_ES and
    the app speaks Spanish; otherwise the same as language()."""
    return str(_state["locale"])


def is_source_language() -> bool:
    return language() == SOURCE_LANGUAGE


# ------------------------------------------------------------------ text
def pseudo(text: str) -> str:
    """Accented and padded with short words (so wrapping behaves as with real words).

    Placeholders such as {name} are kept as they are, so formatting still works."""
    if not text.strip():
        return text
    # Words grow in translation, the values put into placeholders do not.
    extra = math.ceil(len(re.sub(r"\{[^{}]*\}", "", text)) * PSEUDO_GROWTH)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < extra:
        words.append("ẍýžŵ"[: min(4, extra - sum(len(w) + 1 for w in words))] or "ẍ")
    parts = text.split("{")
    head = parts[0].translate(_ACCENTS)
    rest = []
    for part in parts[1:]:
        name, brace, tail = part.partition("}")
        rest.append(name + brace + tail.translate(_ACCENTS))
    return "{".join([head, *rest]) + " " + " ".join(words)


def N_(text: str) -> str:
    """Marks a module-level constant for the catalog; translate it with tr() where it is used."""
    return text


def _done(text: str) -> str:
    return pseudo(text) if _state["pseudo"] else text


def tr(text: str) -> str:
    """A user-facing string, translated (pseudo-translated in the test mode).

    Text with no catalog entry (a person's own routine name) comes back unchanged."""
    if not text:
        return text  # gettext("") is the catalog's header, never a translation
    return _done(_state["catalog"].gettext(text))


def catalog_text(text: str) -> str:
    """The catalog's translation alone, never pseudo-translated.

    For the content files' words (stretch steps, cue templates), translated where they are
    loaded, and for fragments such as "9 min 10 s" that end up inside a sentence which pseudo
    mode already grows: padding both would count the growth twice, and real German content
    fits (checked with the German catalog). Extracted with the keyword `catalog_text`."""
    if not text:
        return text
    return str(_state["catalog"].gettext(text))


def ntr(singular: str, plural: str, n: int) -> str:
    """A string with a number in it, in the plural form the language needs for n."""
    return _done(_state["catalog"].ngettext(singular, plural, n))


def ptr(context: str, text: str) -> str:
    """A short word whose translation depends on where it is used (gettext's msgctxt)."""
    if not text:
        return text
    return _done(_state["catalog"].pgettext(context, text))


# ------------------------------------------------------------------ dates and numbers
# English keeps the app's own formats exactly ("28 November 2026", "07:30", "3.5"); other
# languages take CLDR's through Babel, imported on first use.


# English names spelled out: the calendar module follows the process's LC_TIME, which Qt sets
# from the system, and an English app on a German system must still say "Monday".
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_DAYS_SHORT = tuple(day[:3] for day in _EN_DAYS)
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_EN_MONTHS_SHORT = tuple(month[:3] for month in _EN_MONTHS)


def _babel() -> Any:
    """The babel.Locale of the current language; None in English."""
    if is_source_language():
        return None
    if _state["babel"] is None:
        from babel import Locale, UnknownLocaleError

        try:
            _state["babel"] = Locale.parse(locale_code())
        except (UnknownLocaleError, ValueError):
            _state["babel"] = Locale.parse(language())
    return _state["babel"]


def weekday_name(day: dt.date, short: bool = False) -> str:
    """ "Monday", or "Mon" when short."""
    loc = _babel()
    if loc is None:
        names = _EN_DAYS_SHORT if short else _EN_DAYS
        return names[day.weekday()]
    width = "abbreviated" if short else "wide"
    return str(loc.days["stand-alone"][width][day.weekday()])


def weekday_names(short: bool = True) -> list[str]:
    """Monday first: the column heads of a calendar."""
    loc = _babel()
    if loc is None:
        names = _EN_DAYS_SHORT if short else _EN_DAYS
        return [names[i] for i in range(7)]
    width = "abbreviated" if short else "wide"
    return [str(loc.days["stand-alone"][width][i]) for i in range(7)]


def format_list(items: list[str]) -> str:
    """ "Monday, Wednesday and Friday" (und, y: the language's own way of listing)."""
    if len(items) < 2:
        return "".join(items)
    loc = _babel()
    if loc is None:
        return ", ".join(items[:-1]) + " and " + items[-1]
    from babel.lists import format_list as babel_list

    return str(babel_list(items, locale=loc))


def month_name(month: int, short: bool = False) -> str:
    loc = _babel()
    if loc is None:
        return (_EN_MONTHS_SHORT if short else _EN_MONTHS)[month - 1]
    width = "abbreviated" if short else "wide"
    return str(loc.months["stand-alone"][width][month])


def _skeleton(day: dt.date, skeleton: str) -> str:
    from babel.dates import format_skeleton

    return str(format_skeleton(skeleton, day, locale=_babel()))


def format_day_month(day: dt.date, short: bool = False) -> str:
    """ "28 November" ("28 Nov" when short)."""
    if _babel() is not None:
        return _skeleton(day, "MMMd" if short else "MMMMd")
    return f"{day.day} {month_name(day.month, short)}"


def format_date(day: dt.date, short: bool = False) -> str:
    """ "28 November 2026" ("28 Nov 2026" when short)."""
    if _babel() is not None:
        return _skeleton(day, "yMMMd" if short else "yMMMMd")
    return f"{format_day_month(day, short)} {day.year}"


def format_month_year(day: dt.date, short: bool = False) -> str:
    """ "November 2026" ("Nov 2026")."""
    if _babel() is not None:
        return _skeleton(day, "yMMM" if short else "yMMMM")
    return f"{month_name(day.month, short)} {day.year}"


def format_time(moment: dt.time | dt.datetime) -> str:
    """Time of day, "07:30"."""
    loc = _babel()
    if loc is None:
        return f"{moment.hour:02d}:{moment.minute:02d}"
    from babel.dates import format_time as babel_time

    when = moment.time() if isinstance(moment, dt.datetime) else moment
    return str(babel_time(when.replace(tzinfo=None), "short", locale=loc))


def format_number(value: float, decimals: int = 0) -> str:
    """ "3.5" in English, "3,5" where the comma is the decimal sign."""
    if decimals == 0 and abs(value) < 1000:
        # A whole number below a thousand has no decimal sign and no grouping: the same in
        # every language the app speaks (all write Western digits). The countdown calls this
        # 8 times a second, and the start view before its first frame, so Babel stays out.
        return str(round(value))
    loc = _babel()
    if loc is None:
        return f"{value:.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=loc))
