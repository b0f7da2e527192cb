"""Problems found in a file the app reads, each with its place, reported all at once."""

from __future__ import annotations

import math
import reprlib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backstretch.core.i18n import N_, tr

MAX_FILE_BYTES = 1024 * 1024

# "must be between 5 and 300 seconds": one whole sentence for each unit the files use, so a
# translator sees the number and its unit together (and can put them in another order).
_BETWEEN = {
    "": N_("must be between {low} and {high}, got {value}"),
    "seconds": N_("must be between {low} and {high} seconds, got {value}"),
    "times": N_("must be between {low} and {high} times, got {value}"),
    "sessions": N_("must be between {low} and {high} sessions, got {value}"),
    "words per minute": N_("must be between {low} and {high} words per minute, got {value}"),
    "percent": N_("must be between {low} and {high} percent, got {value}"),
}
_WHOLE_NUMBER_OF = {
    "": N_("must be a whole number, got {value}"),
    "seconds": N_("must be a whole number of seconds, got {value}"),
    "times": N_("must be a whole number of times, got {value}"),
    "sessions": N_("must be a whole number of sessions, got {value}"),
    "words per minute": N_("must be a whole number of words per minute, got {value}"),
    "percent": N_("must be a whole number of percent, got {value}"),
}
_TYPE_NAMES = {
    bool: N_("true/false"),
    int: N_("a whole number"),
    float: N_("a number"),
    str: N_("text"),
    list: N_("a list"),
    dict: N_("a table"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (file, then a path inside it) and what."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.place}" if self.place else self.file
        return f"{where}: {self.message}"


class ProblemsError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def read_toml(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> dict[str, Any]:
    """Read a TOML file, turning every way it can be unreadable into a ProblemsError."""
    name = str(path)

    def fail(message: str) -> ProblemsError:
        return ProblemsError([Problem(name, "", message)])

    try:
        if path.is_dir():
            raise fail(tr("is a folder, not a file"))
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except ProblemsError:
        raise
    except FileNotFoundError:
        raise fail(tr("no such file")) from None
    except PermissionError:
        raise fail(tr("cannot be read: permission denied (check the file's permissions)")) from None
    except OSError as error:
        raise fail(tr("cannot be read: {reason}").format(reason=error.strerror or error)) from None
    if len(raw) > max_bytes:
        raise fail(
            tr("is larger than {size} KiB; this is not a routine or settings file").format(
                size=max_bytes // 1024
            )
        )
    return parse_toml(raw, name)


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    """Decode and parse TOML bytes, reporting encoding and syntax errors with their place."""
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless: accept it
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        place = tr("line {line}").format(line=line)
        message = tr("is not UTF-8 text; save the file as UTF-8")
        raise ProblemsError([Problem(name, place, message)]) from None
    if not text.strip():
        raise ProblemsError([Problem(name, "", tr("is empty"))])
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's own English words follow: Python has no translations for them.
        message = tr("TOML syntax error: {error}").format(error=error)
        raise ProblemsError([Problem(name, "", message)]) from None
    except ValueError:  # tomllib's int() of over 4300 digits: not a TOMLDecodeError
        raise ProblemsError([Problem(name, "", tr("has a number too long to read"))]) from None
    except RecursionError:
        raise ProblemsError([Problem(name, "", tr("is nested too deeply to be read"))]) from None


# Short, and never deep: dotted keys (a.a.a... = 1) nest tables thousands of levels down
# without troubling tomllib, and a plain repr() of them raises RecursionError.
_SHORT = reprlib.Repr()
_SHORT.maxlevel = 2
_SHORT.maxstring = _SHORT.maxlong = _SHORT.maxother = 40


def describe(value: object) -> str:
    """A value as a problem message quotes it: at most 40 characters."""
    text = _SHORT.repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_name(value: object) -> str:
    name = _TYPE_NAMES.get(type(value))
    return tr(name) if name else type(value).__name__


def _got(value: object) -> str:
    """ "got a whole number 900": what the file has, for a message about the wrong kind."""
    return tr("{kind} {value}").format(kind=_type_name(value), value=describe(value))


def suggest(word: str, known: list[str], *, keys: bool = False) -> str:
    """ "did you mean 'hold'?" for a near miss, else the list of what is known (of the keys,
    when keys)."""
    import difflib  # only when there is a problem to report

    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return tr("did you mean '{word}'?").format(word=close[0])
    names = ", ".join(known)
    if keys:
        return tr("known keys: {names}").format(names=names)
    return tr("known: {names}").format(names=names)


class Checker:
    """Collects problems while reading values out of one table of a parsed file."""

    def __init__(self, file: str, problems: list[Problem] | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = [] if problems is None else problems

    def add(self, place: str, message: str) -> None:
        self.problems.append(Problem(self.file, place, message))

    def unknown_keys(self, table: Mapping[str, Any], known: Iterable[str], place: str) -> None:
        known = list(known)
        for key in table:
            if key in known:
                continue
            shown = key if len(key) <= 40 else key[:37] + "..."
            where = f"{place}:{shown}" if place else shown
            self.add(where, tr("unknown key; {hint}").format(hint=suggest(key, known, keys=True)))

    def text(
        self,
        table: Mapping[str, Any],
        key: str,
        place: str,
        *,
        default: str | None = None,
        max_len: int = 200,
        allow_empty: bool = False,
    ) -> str | None:
        where = f"{place}:{key}" if place else key
        if key not in table:
            if default is None:
                self.add(where, tr("is missing"))
            return default
        value = table[key]
        if not isinstance(value, str):
            self.add(where, tr("must be text, got {value}").format(value=_got(value)))
            return default
        if not value.strip() and not allow_empty:
            self.add(where, tr("must not be empty"))
            return default
        if len(value) > max_len:
            self.add(
                where,
                tr("is too long ({length} characters, at most {most})").format(
                    length=len(value), most=max_len
                ),
            )
            return default
        if any((ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) and ch != "\t" for ch in value):
            self.add(where, tr("must not contain control characters or line breaks"))
            return default
        return value

    def number(
        self,
        table: Mapping[str, Any],
        key: str,
        place: str,
        *,
        low: int,
        high: int,
        unit: str = "seconds",
        default: int | None = None,
        required: bool = False,
    ) -> int | None:
        where = f"{place}:{key}" if place else key
        if key not in table:
            if required:
                self.add(where, tr("is missing"))
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(where, tr("must be a whole number, got {value}").format(value=_got(value)))
            return default
        if isinstance(value, float):
            if not math.isfinite(value) or not value.is_integer():
                self.add(where, _whole_number_of(unit, value))
                return default
            value = int(value)
        if not low <= value <= high:
            self.add(where, _between(unit, low, high, value))
            return default
        return value

    def flag(
        self, table: Mapping[str, Any], key: str, place: str, *, default: bool | None = None
    ) -> bool | None:
        where = f"{place}:{key}" if place else key
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            self.add(where, tr("must be true or false, got {value}").format(value=_got(value)))
            return default
        return value

    def table(self, parent: Mapping[str, Any], key: str, place: str) -> dict[str, Any]:
        where = f"{place}:{key}" if place else key
        value = parent.get(key, {})
        if not isinstance(value, dict):
            self.add(where, tr("must be a table, got {value}").format(value=_got(value)))
            return {}
        return value

    def raise_if_any(self) -> None:
        if self.problems:
            raise ProblemsError(self.problems)


def _between(unit: str, low: int, high: int, value: object) -> str:
    """The range message for a unit; a unit no file uses yet still reads well."""
    if unit in _BETWEEN:
        return tr(_BETWEEN[unit]).format(low=low, high=high, value=describe(value))
    return tr("must be between {low} and {high} {unit}, got {value}").format(
        low=low, high=high, unit=unit, value=describe(value)
    )


def _whole_number_of(unit: str, value: object) -> str:
    if unit in _WHOLE_NUMBER_OF:
        return tr(_WHOLE_NUMBER_OF[unit]).format(value=describe(value))
    return tr("must be a whole number of {unit}, got {value}").format(
        unit=unit, value=describe(value)
    )
