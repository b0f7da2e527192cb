"""Routines: which stretches, in which order, with which timings; loaded from TOML files."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backstretch.core.i18n import catalog_text, ptr, tr
from backstretch.core.paths import Paths, asset
from backstretch.core.problems import (
    Checker,
    Problem,
    ProblemsError,
    describe,
    read_toml,
    suggest,
)
from backstretch.core.stretches import (
    HOLD_LIMITS,
    RELAX_LIMITS,
    REPETITION_LIMITS,
    Library,
    Stretch,
    Variant,
)

FORMAT_VERSION = 1
MAX_ITEMS = 50
PREPARE_LIMITS = (5, 120)
SWITCH_LIMITS = (3, 60)
REST_LIMITS = (0, 300)


@dataclass(frozen=True)
class Timings:
    """Seconds between the holds: get into position, change sides, rest between stretches."""

    prepare: int = 15
    switch: int = 8
    rest: int = 10


@dataclass(frozen=True)
class RoutineItem:
    """A stretch in a routine, with its effective values (the routine's overrides applied)."""

    stretch: Stretch
    hold: int
    repetitions: int
    relax: int
    sides: bool
    # The keys the routine file sets itself; variant is written as its value ("easier").
    overrides: Mapping[str, int | bool | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Routine:
    """A named list of stretches and the timings between them."""

    name: str
    items: tuple[RoutineItem, ...]
    timings: Timings = Timings()
    description: str = ""
    id: str = ""
    path: Path | None = None
    bundled: bool = False
    # The [timings] keys the file sets itself; the others come from the person's settings.
    timing_overrides: Mapping[str, int] = field(default_factory=dict)
    # The name as the file writes it, which the log keeps (a bundled routine's name is shown
    # translated; the log must not change language with the person's setting).
    source_name: str = ""

    @property
    def log_name(self) -> str:
        return self.source_name or self.name

    @property
    def stretch_names(self) -> list[str]:
        return [item.stretch.name for item in self.items]


_TOP_KEYS = ("format", "name", "description", "timings", "item")
_TIMING_KEYS = ("prepare", "switch", "rest")
_ITEM_KEYS = ("stretch", "hold", "repetitions", "relax", "sides", "variant")
VARIANTS = tuple(v.value for v in Variant)


def parse_routine(
    data: Mapping[str, Any], library: Library, *, file: str, routine_id: str = ""
) -> Routine:
    """Validate parsed TOML as a routine; raises ProblemsError listing every problem."""
    check = Checker(file)
    check.unknown_keys(data, _TOP_KEYS, "")
    version = data.get("format", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        check.add(
            "format",
            tr(
                "is version {version}, newer than this app understands (up to {newest});"
                " update BackStretch"
            ).format(version=describe(version), newest=FORMAT_VERSION),
        )
    else:
        check.number(data, "format", "", low=1, high=FORMAT_VERSION, unit="")
    name = check.text(data, "name", "", max_len=80)
    description = check.text(data, "description", "", default="", max_len=300) or ""

    timings_table = check.table(data, "timings", "")
    check.unknown_keys(timings_table, _TIMING_KEYS, "timings")
    defaults = Timings()
    timings = Timings(
        prepare=_num(check, timings_table, "prepare", "timings", PREPARE_LIMITS, defaults.prepare),
        switch=_num(check, timings_table, "switch", "timings", SWITCH_LIMITS, defaults.switch),
        rest=_num(check, timings_table, "rest", "timings", REST_LIMITS, defaults.rest),
    )
    timing_overrides = {key: getattr(timings, key) for key in _TIMING_KEYS if key in timings_table}

    raw_items = data.get("item")
    items: list[RoutineItem] = []
    if raw_items is None or raw_items == []:
        check.add("item", tr("the routine has no stretches; add at least one [[item]]"))
    elif not isinstance(raw_items, list):
        check.add("item", tr("must be written as [[item]] tables"))
    elif len(raw_items) > MAX_ITEMS:
        check.add(
            "item",
            tr("has {count} stretches; a routine holds at most {most}").format(
                count=len(raw_items), most=MAX_ITEMS
            ),
        )
    else:
        for number, raw in enumerate(raw_items, start=1):
            # The place names the [[item]] table as the file writes it: a key, not words.
            item = _parse_item(check, raw, f"item {number}", library)
            if item is not None:
                items.append(item)
    check.raise_if_any()
    assert name is not None
    return Routine(
        name=name,
        items=tuple(items),
        timings=timings,
        description=description,
        id=routine_id,
        timing_overrides=timing_overrides,
    )


def _num(
    check: Checker,
    table: Mapping[str, Any],
    key: str,
    place: str,
    limits: tuple[int, int],
    default: int,
    unit: str = "seconds",
) -> int:
    value = check.number(table, key, place, low=limits[0], high=limits[1], unit=unit)
    return default if value is None else value


def check_hold_and_repetitions(
    check: Checker, table: Mapping[str, Any], place: str
) -> tuple[int | None, int | None]:
    """`hold` and `repetitions` as a routine item and a per-stretch setting both write them."""
    hold = check.number(table, "hold", place, low=HOLD_LIMITS[0], high=HOLD_LIMITS[1])
    reps = check.number(
        table,
        "repetitions",
        place,
        low=REPETITION_LIMITS[0],
        high=REPETITION_LIMITS[1],
        unit="times",
    )
    return hold, reps


def check_variant(check: Checker, table: Mapping[str, Any], place: str) -> Variant | None:
    """`variant = "usual" | "easier"`, as a routine item and a per-stretch setting write it."""
    text = check.text(table, "variant", place, default="")
    if not text:
        return None
    try:
        return Variant(text)
    except ValueError:
        # Both values spelled out: a translator sees the whole sentence (VARIANTS has two).
        check.add(
            f"{place}:variant",
            tr('must be "usual" or "easier", got {value}').format(value=describe(text)),
        )
        return None


def _parse_item(check: Checker, raw: object, place: str, library: Library) -> RoutineItem | None:
    if not isinstance(raw, dict):
        check.add(place, tr('must be a table with at least stretch = "..."'))
        return None
    before = len(check.problems)
    check.unknown_keys(raw, _ITEM_KEYS, place)
    stretch_id = check.text(raw, "stretch", place)
    stretch = None
    if stretch_id is not None:
        if stretch_id in library:
            stretch = library[stretch_id]
        else:
            hint = suggest(stretch_id, library.ids)
            check.add(
                f"{place}:stretch",
                tr("unknown stretch '{id}'; {hint}").format(id=stretch_id, hint=hint),
            )
    hold, reps = check_hold_and_repetitions(check, raw, place)
    relax = check.number(raw, "relax", place, low=RELAX_LIMITS[0], high=RELAX_LIMITS[1])
    sides = check.flag(raw, "sides", place)
    variant = check_variant(check, raw, place)
    if variant is Variant.EASIER and stretch is not None and not stretch.has_easier:
        check.add(
            f"{place}:variant",
            tr('{stretch} has no easier form; leave variant out or write "usual"').format(
                stretch=stretch.name
            ),
        )
    if stretch is None or len(check.problems) > before:
        return None
    overrides: dict[str, int | bool | str] = {
        k: v
        for k, v in (("hold", hold), ("repetitions", reps), ("relax", relax), ("sides", sides))
        if v is not None
    }
    if variant is not None:
        overrides["variant"] = variant.value
    return RoutineItem(
        stretch=stretch.form(variant or Variant.USUAL),
        hold=stretch.default_hold if hold is None else hold,
        repetitions=stretch.default_repetitions if reps is None else reps,
        relax=stretch.default_relax if relax is None else relax,
        sides=stretch.sided if sides is None else (sides and stretch.sided),
        overrides=overrides,
    )


def load_routine(path: Path, library: Library, *, bundled: bool = False) -> Routine:
    """Read, parse and validate one routine file.

    A bundled routine's name and description are the app's words, in the catalog; a person's
    own routine is shown as they wrote it. The id (the file's stem) stays as it is."""
    data = read_toml(path)
    routine = parse_routine(data, library, file=str(path), routine_id=path.stem)
    if bundled:
        routine = dataclasses.replace(
            routine,
            source_name=routine.name,
            name=catalog_text(routine.name),
            description=catalog_text(routine.description),
        )
    return dataclasses.replace(routine, path=path, bundled=bundled)


def bundled_routines_dir() -> Path:
    return asset("routines")


@dataclass(frozen=True)
class RoutineListing:
    """Every routine found, and the problems of files that could not be loaded."""

    routines: tuple[Routine, ...]
    problems: tuple[Problem, ...]


def list_routines(paths: Paths | None, library: Library) -> RoutineListing:
    """Bundled routines first, then the user's, each in name order; bad files are reported."""
    return routines_in(paths.routines_dir if paths is not None else None, library)


def routines_in(folder: Path | None, library: Library) -> RoutineListing:
    """The bundled routines, then those in `folder` (the person's), each in file order."""
    found: list[Routine] = []
    problems: list[Problem] = []
    folders = [(bundled_routines_dir(), True)]
    if folder is not None:
        folders.append((folder, False))
    for where, bundled in folders:
        try:
            files = sorted(where.glob("*.toml"))
        except OSError:
            continue
        for file in files:
            try:
                found.append(load_routine(file, library, bundled=bundled))
            except ProblemsError as error:
                problems.extend(error.problems)
    return RoutineListing(tuple(found), tuple(problems))


def slug(text: str, max_len: int | None = None) -> str:
    """Lowercase letters, digits and dashes: a routine's id, and how names are matched.

    find_routine compares whole slugs; the routine store cuts a new file's id to max_len."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_len].strip("-")


def find_routine(name_or_file: str, paths: Paths | None, library: Library) -> Routine:
    """A routine by file path, id or name (case and punctuation do not matter)."""
    candidate = Path(name_or_file)
    if candidate.suffix.lower() == ".toml" or candidate.exists():
        return load_routine(candidate, library)
    listing = list_routines(paths, library)
    wanted = slug(name_or_file)
    for routine in listing.routines:
        if wanted in (routine.id, slug(routine.name)):
            return routine
    known = ", ".join(f'"{r.name}"' for r in listing.routines) or ptr("list of routines", "none")
    message = tr("no routine of that name; known: {names}").format(names=known)
    raise ProblemsError([Problem(name_or_file, "", message)])
