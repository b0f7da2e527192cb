"""The one home of user-facing words: tr/ntr/ptr for text, format_* for dates and numbers.

Every word the app shows or says that is not the user's own passes through these functions, in
the Qt-free core, the commands, the speech worker and the window alike. Texts are the English
source strings (gettext msgids), extracted to the catalog by Babel with the keywords
`tr`, `ntr:1,2`, `ptr:1c,2` and `N_`. Placeholders are named (`tr("{n} min").format(n=3)`),
never f-strings, so a translation can reorder them and a test can check them.

With BACKSTRETCH_PSEUDO=1 (or `set_pseudo(True)` in tests and the gallery) every string comes back
about 40 % longer with accents added, the way a German or Spanish text grows, so a layout that
clips or elides shows up before any translation exists (Vorta and Qt Linguist do the same).
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import os
import re

PSEUDO_GROWTH = 0.4
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "áéîõüýÅÉÎÕÜÝçñšž")
_state = {"pseudo": os.environ.get("BACKSTRETCH_PSEUDO", "") not in ("", "0")}


def set_pseudo(enabled: bool) -> None:
    _state["pseudo"] = enabled


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


def tr(text: str) -> str:
    """A user-facing string, translated (pseudo-translated in the test mode)."""
    return pseudo(text) if _state["pseudo"] else text


def ntr(singular: str, plural: str, n: int) -> str:
    """A string with a number in it, in the plural form the language needs for n."""
    text = singular if n == 1 else plural
    return pseudo(text) if _state["pseudo"] else text


def ptr(context: str, text: str) -> str:
    """A short word whose translation depends on where it is used (gettext's msgctxt)."""
    return pseudo(text) if _state["pseudo"] else text


# Dates and numbers. English for now; the language support replaces the bodies (CLDR data),
# never the names, so callers stay as they are.


def weekday_name(day: dt.date, short: bool = False) -> str:
    """ "Monday", or "Mon" when short."""
    names = calendar.day_abbr if short else calendar.day_name
    return names[day.weekday()]


def weekday_names(short: bool = True) -> list[str]:
    """Monday first: the column heads of a calendar."""
    names = calendar.day_abbr if short else calendar.day_name
    return [names[i] for i in range(7)]


def month_name(month: int, short: bool = False) -> str:
    return (calendar.month_abbr if short else calendar.month_name)[month]


def format_day_month(day: dt.date, short: bool = False) -> str:
    """ "28 November" ("28 Nov" when short)."""
    return f"{day.day} {month_name(day.month, short)}"


def format_date(day: dt.date, short: bool = False) -> str:
    """ "28 November 2026" ("28 Nov 2026" when short)."""
    return f"{format_day_month(day, short)} {day.year}"


def format_month_year(day: dt.date, short: bool = False) -> str:
    """ "November 2026" ("Nov 2026")."""
    return f"{month_name(day.month, short)} {day.year}"


def format_time(moment: dt.time | dt.datetime) -> str:
    """Time of day, "07:30"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_number(value: float, decimals: int = 0) -> str:
    """ "3.5" in English, "3,5" where the comma is the decimal sign."""
    return f"{value:.{decimals}f}"
