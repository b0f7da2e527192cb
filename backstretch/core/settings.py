"""The user's settings: a versioned TOML file, written atomically, never lost to a bad file."""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time as time_of_day
from pathlib import Path
from typing import Any

from backstretch.core.files import atomic_write, set_aside
from backstretch.core.i18n import ntr, tr
from backstretch.core.practice import DAY_KEYS, GOAL_LIMITS, PracticePlan
from backstretch.core.problems import Checker, ProblemsError, describe, read_toml
from backstretch.core.routines import (
    PREPARE_LIMITS,
    REST_LIMITS,
    SWITCH_LIMITS,
    check_hold_and_repetitions,
    check_variant,
)
from backstretch.core.stretches import RELAX_LIMITS, Side, Variant

# 1: voice, sounds, pain check, safety notice, routine.
# 2: adds [timings] (global) and [stretch.<id>] (hold, repetitions, sides per stretch).
# 3: adds drawing_head, reduce_motion, and variant per stretch.
# 4: adds [plan] (practice days, time, weekly goal, reminders), weekly_check (off by default)
#    and left_out per stretch.
SCHEMA_VERSION = 4

# The same limits as in routine files, so any value a routine accepts a setting accepts too.
TIMING_LIMITS = {
    "prepare": PREPARE_LIMITS,
    "switch": SWITCH_LIMITS,
    "rest": REST_LIMITS,
    "relax": RELAX_LIMITS,
}
MAX_STRETCH_ENTRIES = 100


class DrawingHead(enum.Enum):
    """Where the person's head is, as they see the screen from their mat.

    AUTO shows the drawings as drawn: the head on the left for the right side, mirrored for
    the left side. LEFT and RIGHT show every drawing with the head on that side of the screen,
    so the figure lies the way the person does."""

    AUTO = "auto"
    LEFT = "left"
    RIGHT = "right"


def mirror_drawing(head: DrawingHead, side: Side | None) -> bool:
    """Whether a drawing is shown mirrored. Every drawing is drawn with the head on the left
    of the picture (a sided one showing the right side); a badge and the voice still name
    `side`, whichever way the picture faces."""
    if head is DrawingHead.AUTO:
        return side is Side.LEFT
    return head is DrawingHead.RIGHT


@dataclass(frozen=True)
class GlobalTimings:
    """Seconds around the holds, for every routine that does not set its own."""

    prepare: int = 15  # get into position
    switch: int = 8  # change sides
    rest: int = 10  # rest between stretches
    relax: int = 5  # relax between repetitions of one stretch


@dataclass(frozen=True)
class StretchSetting:
    """The person's own values for one stretch; None keeps the library's default."""

    hold: int | None = None
    repetitions: int | None = None
    sides: bool | None = None
    variant: Variant | None = None  # EASIER only does anything for a stretch that has one
    # "Leave it out for now" (issue 16): sessions skip the stretch until this is cleared.
    left_out: bool | None = None

    @property
    def is_default(self) -> bool:
        return self == StretchSetting()


@dataclass(frozen=True)
class Settings:
    """What the person chose. Window geometry is UI state and lives in QSettings, not here."""

    safety_accepted: bool = False
    voice_enabled: bool = True
    sounds_only: bool = False
    voice: str = ""  # "" means the engine's default voice
    rate: int = 160  # words per minute
    volume: int = 100  # percent
    pain_check: bool = True
    routine: str = "lower-back-relief"
    drawing_head: DrawingHead = DrawingHead.AUTO
    reduce_motion: bool = False  # drawings show the end pose at once, without animation
    weekly_check: bool = False  # issue 16: ask once a week how the back is overall
    timings: GlobalTimings = GlobalTimings()
    stretches: Mapping[str, StretchSetting] = field(default_factory=dict)
    plan: PracticePlan = field(default_factory=PracticePlan)  # the practice plan and its reminders
    # A catalog's code ("de", "es", "en"); None follows the system (LANGUAGE, LC_ALL, LANG ...).
    # Stored as "" in the file. No schema step: a file without it means the system's language.
    language: str | None = None


# The units are codes of problems.py's range messages, which translate them in whole sentences.
_RANGES = {"rate": (80, 300, "words per minute"), "volume": (0, 100, "percent")}
_TABLES = ("timings", "stretch", "plan")
_STRETCH_KEYS = ("hold", "repetitions", "sides", "variant", "left_out")
# Each read by its own code.
_NOT_PLAIN = ("timings", "stretches", "drawing_head", "plan", "language")
_STRETCH_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    notice: str | None = None  # one calm sentence when something had to be set aside


def _from_table(data: dict[str, Any], check: Checker) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    plain = [f.name for f in dataclasses.fields(Settings) if f.name not in _NOT_PLAIN]
    check.unknown_keys(data, [*plain, "drawing_head", "language", *_TABLES, "schema_version"], "")
    for name in plain:
        default = getattr(defaults, name)
        if isinstance(default, bool):
            values[name] = check.flag(data, name, "", default=default)
        elif isinstance(default, int):
            low, high, unit = _RANGES[name]
            value = check.number(data, name, "", low=low, high=high, unit=unit)
            values[name] = default if value is None else value
        else:
            text = check.text(data, name, "", default=default, max_len=200, allow_empty=True)
            values[name] = default if text is None else text
    values["drawing_head"] = _drawing_head(data, check)
    values["language"] = _language(data, check)
    values["timings"] = _timings(check.table(data, "timings", ""), check)
    values["stretches"] = _stretches(check.table(data, "stretch", ""), check)
    values["plan"] = _plan(check.table(data, "plan", ""), check)
    return Settings(**values)


def _drawing_head(data: Mapping[str, Any], check: Checker) -> DrawingHead:
    text = check.text(data, "drawing_head", "", default="")
    if not text:
        return DrawingHead.AUTO
    try:
        return DrawingHead(text)
    except ValueError:
        allowed = ", ".join(f'"{h.value}"' for h in DrawingHead)
        check.add(
            "drawing_head",
            tr("must be one of {allowed}, got {value}").format(
                allowed=allowed, value=describe(text)
            ),
        )
        return DrawingHead.AUTO


def _language(data: Mapping[str, Any], check: Checker) -> str | None:
    """A language the app has a catalog for, or None ("" in the file) for the system's."""
    from backstretch.core.i18n import language_codes

    text = check.text(data, "language", "", default="", max_len=20, allow_empty=True)
    if not text:
        return None
    known = language_codes()
    if text not in known:
        allowed = ", ".join(f'"{code}"' for code in known)
        check.add(
            "language",
            tr('must be "" (the system\'s language) or one of {allowed}, got {value}').format(
                allowed=allowed, value=describe(text)
            ),
        )
        return None
    return text


def _timings(table: Mapping[str, Any], check: Checker) -> GlobalTimings:
    check.unknown_keys(table, TIMING_LIMITS, "timings")
    defaults = GlobalTimings()
    values = {}
    for key, (low, high) in TIMING_LIMITS.items():
        value = check.number(table, key, "timings", low=low, high=high)
        values[key] = getattr(defaults, key) if value is None else value
    return GlobalTimings(**values)


def _stretches(table: Mapping[str, Any], check: Checker) -> dict[str, StretchSetting]:
    """[stretch.<id>] tables. Ids the library does not know are kept (a newer app may)."""
    result: dict[str, StretchSetting] = {}
    if len(table) > MAX_STRETCH_ENTRIES:
        check.add(
            "stretch",
            tr("has {count} entries; at most {most} are read").format(
                count=len(table), most=MAX_STRETCH_ENTRIES
            ),
        )
        return result
    for stretch_id, raw in table.items():
        place = f"stretch.{stretch_id}"
        if not _STRETCH_ID.fullmatch(stretch_id):
            check.add(
                "stretch",
                tr("'{id}' is not a stretch id (like knee-to-chest)").format(id=stretch_id[:40]),
            )
            continue
        if not isinstance(raw, dict):
            check.add(place, tr("must be a table with hold, repetitions, sides or variant"))
            continue
        check.unknown_keys(raw, _STRETCH_KEYS, place)
        hold, repetitions = check_hold_and_repetitions(check, raw, place)
        sides = check.flag(raw, "sides", place)
        left_out = check.flag(raw, "left_out", place) or None  # false is the default: dropped
        variant = check_variant(check, raw, place)
        setting = StretchSetting(hold, repetitions, sides, variant, left_out)
        if not setting.is_default:
            result[stretch_id] = setting
    return result


# ---------------------------------------------------------------- [plan] (practice plan)
_PLAN_KEYS = ("days", "time", "weekly_goal", "reminders")
_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


def _plan(table: Mapping[str, Any], check: Checker) -> PracticePlan:
    """[plan]: days = ["mon", "thu"], time = "18:00", weekly_goal = 3, reminders = true."""
    check.unknown_keys(table, _PLAN_KEYS, "plan")
    default = PracticePlan()
    days = default.days
    raw_days = table.get("days", [])
    if not isinstance(raw_days, list) or not all(isinstance(d, str) for d in raw_days):
        check.add(
            "plan:days",
            tr('must be a list of days like ["mon", "thu"], got {value}').format(
                value=describe(raw_days)
            ),
        )
    else:
        unknown = [d for d in raw_days if d not in DAY_KEYS]
        if unknown:
            allowed = ", ".join(f'"{d}"' for d in DAY_KEYS)
            check.add(
                "plan:days",
                tr("{value} is not a day; use {allowed}").format(
                    value=describe(unknown[0]), allowed=allowed
                ),
            )
        else:
            days = frozenset(DAY_KEYS.index(d) for d in raw_days)
    at = default.at
    clock = check.text(table, "time", "plan", default="")
    if clock:
        match = _CLOCK.fullmatch(clock)
        if match is None:
            check.add(
                "plan:time",
                tr('must be a time of day like "18:00", got {value}').format(value=describe(clock)),
            )
        else:
            at = time_of_day(int(match[1]), int(match[2]))
    low, high = GOAL_LIMITS
    goal = check.number(table, "weekly_goal", "plan", low=low, high=high, unit="sessions")
    reminders = check.flag(table, "reminders", "plan", default=default.reminders)
    return PracticePlan(days, at, default.weekly_goal if goal is None else goal, bool(reminders))


def _plan_table(plan: PracticePlan) -> dict[str, Any]:
    return {
        "days": [DAY_KEYS[d] for d in sorted(plan.days)],
        "time": f"{plan.at.hour:02d}:{plan.at.minute:02d}",
        "weekly_goal": plan.weekly_goal,
        "reminders": plan.reminders,
    }


# ---------------------------------------------------------------------------- migration
def _migrate(data: dict[str, Any], check: Checker) -> dict[str, Any]:
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        check.add(
            "schema_version",
            tr("must be a whole number from 1, got {value}").format(value=describe(version)),
        )
        return data
    if version > SCHEMA_VERSION:
        check.add(
            "schema_version",
            tr("is {value}, written by a newer BackStretch").format(value=describe(version)),
        )
    # One step per version. 1 -> 2 and 2 -> 3 only added keys and tables whose absence means
    # "defaults" (the usual form, drawings as drawn, motion on), so neither has anything to
    # convert; they are kept as the places where a converting migration would go. 3 -> 4 adds
    # [plan]; without one there is no plan and no reminder, as before. No weekly_check means
    # off, no left_out means the stretch is done.
    migrations: dict[int, Any] = {1: lambda old: old, 2: lambda old: old, 3: lambda old: old}
    for step in range(version, SCHEMA_VERSION):
        data = migrations[step](data)
    return data


def load_settings(path: Path, *, set_aside: bool = True) -> LoadedSettings:
    """Read settings; on any problem keep the file aside as .bad-<time> and use defaults.

    The command line reads with set_aside=False: it only looks, and leaves the file for the app
    to deal with (and tell about) when it next starts.
    """
    if not path.exists() and not path.is_symlink():
        return LoadedSettings(Settings())
    try:
        data = read_toml(path)
    except ProblemsError as error:
        if not set_aside:
            first = error.problems[0]
            notice = tr("Settings not read, defaults used: {problem}").format(problem=first)
            return LoadedSettings(Settings(), notice)
        return _set_aside(path, Settings(), str(error.problems[0]))
    check = Checker(str(path))
    settings = _from_table(_migrate(data, check), check)
    if check.problems and not set_aside:
        notice = tr("Some settings not read: {problem}").format(problem=check.problems[0])
        return LoadedSettings(settings, notice)
    if check.problems:
        return _set_aside(path, settings, str(check.problems[0]), len(check.problems))
    return LoadedSettings(settings)


def _set_aside(path: Path, settings: Settings, first: str, count: int = 1) -> LoadedSettings:
    try:
        kept = set_aside(path)
        where = tr("The old file was kept as {file}.").format(file=kept)
    except OSError:
        where = tr("The file was left as it was at {file}.").format(file=path)
    if count > 1:
        what = ntr(
            "Some settings could not be read, so defaults are used for them: {problem}"
            " (and {n} more problem)",
            "Some settings could not be read, so defaults are used for them: {problem}"
            " (and {n} more problems)",
            count - 1,
        ).format(problem=first, n=count - 1)
    else:
        what = tr("Some settings could not be read, so defaults are used for them: {problem}")
        what = what.format(problem=first)
    # The problem may end a sentence of its own ("did you mean 'hold'?"): no second stop.
    stop = "" if what.endswith((".", "?")) else "."
    return LoadedSettings(settings, f"{what}{stop} {where}")


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a temporary file in the same folder, flushed and synced, then renamed."""
    data = to_table(settings)
    import tomli_w  # writing is rare; reading settings at start-up does not need it

    atomic_write(path, tomli_w.dumps(data).encode("utf-8"))


def to_table(settings: Settings) -> dict[str, Any]:
    """The TOML table for `settings`; per-stretch values only for what differs from default."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for f in dataclasses.fields(Settings):
        if f.name not in ("timings", "stretches", "plan"):
            value = getattr(settings, f.name)
            data[f.name] = value.value if isinstance(value, enum.Enum) else value
    data["language"] = settings.language or ""  # TOML has no None
    data["timings"] = dataclasses.asdict(settings.timings)
    stretches = {}
    for stretch_id, setting in sorted(settings.stretches.items()):
        values: dict[str, Any] = {
            k: v.value if isinstance(v, enum.Enum) else v
            for k, v in dataclasses.asdict(setting).items()
            if v is not None
        }
        if values:
            stretches[stretch_id] = values
    if stretches:
        data["stretch"] = stretches
    data["plan"] = _plan_table(settings.plan)
    return data


def replace(settings: Settings, **changes: Any) -> Settings:
    return dataclasses.replace(settings, **changes)
