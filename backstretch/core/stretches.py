"""The stretch library: content loaded from assets/stretches.toml."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backstretch.core.i18n import catalog_text, tr
from backstretch.core.paths import asset
from backstretch.core.problems import Checker, ProblemsError, read_toml

HOLD_LIMITS = (5, 300)
REPETITION_LIMITS = (1, 20)
RELAX_LIMITS = (0, 120)


class Side(enum.Enum):
    """Which side a sided stretch works; the right side comes first."""

    RIGHT = "right"
    LEFT = "left"


class Variant(enum.Enum):
    """Which form of a stretch is done: the usual one, or the easier one for a bad day."""

    USUAL = "usual"
    EASIER = "easier"


@dataclass(frozen=True)
class EasierForm:
    """What the easier form of a stretch changes: its steps and its drawings, nothing else.

    Holds, sides and cautions stay those of the stretch, so a routine and the person's settings
    mean the same thing whichever form is done."""

    summary: str
    prepare_steps: tuple[str, ...]
    hold_step: str
    illustration: str
    illustration_hold: str | None = None


@dataclass(frozen=True)
class Stretch:
    """One stretch: its words, its recommended timing and its drawing."""

    id: str
    name: str
    targets: str
    prepare_steps: tuple[str, ...]
    hold_step: str
    breathing: str
    cautions: tuple[str, ...]
    sided: bool
    side_names: Mapping[Side, str]
    hold_min: int
    hold_max: int
    default_hold: int
    default_repetitions: int
    default_relax: int
    illustration: str
    illustration_hold: str | None = None
    variant: Variant = Variant.USUAL
    easier_summary: str = ""  # one line saying what the easier form changes; "" when none
    easier: EasierForm | None = None
    # The usual form, kept by an easier copy so that form(USUAL) gives back the very stretch
    # the library holds (not compared: two equal easier forms are equal whatever made them).
    _usual: Stretch | None = field(default=None, compare=False, repr=False)

    @property
    def has_easier(self) -> bool:
        return self.easier is not None

    def form(self, variant: Variant) -> Stretch:
        """This stretch as `variant` asks: the easier copy shares the id, name, holds, sides
        and cautions, and takes its steps and drawings from the easier form. A stretch with
        no easier form raises ValueError for EASIER (routines and settings check it first)."""
        if variant is self.variant:
            return self
        if variant is Variant.USUAL:
            assert self._usual is not None  # only form() makes an easier copy, and sets it
            return self._usual
        if self.easier is None:
            raise ValueError(f"{self.id} has no easier form")
        easier = self.easier
        return replace(
            self,
            prepare_steps=easier.prepare_steps,
            hold_step=easier.hold_step,
            illustration=easier.illustration,
            illustration_hold=easier.illustration_hold,
            variant=Variant.EASIER,
            _usual=self,
        )

    def side_name(self, side: Side | None) -> str:
        return self.side_names.get(side, "") if side is not None else ""

    @property
    def recommended(self) -> str:
        """The recommended hold range, as a person reads it: "30-60 s recommended"."""
        return tr("{low}-{high} s recommended").format(low=self.hold_min, high=self.hold_max)


class Library:
    """The stretches by id, in the order of the library file."""

    def __init__(self, stretches: list[Stretch]) -> None:
        self._by_id = {s.id: s for s in stretches}

    def __getitem__(self, stretch_id: str) -> Stretch:
        return self._by_id[stretch_id]

    def __contains__(self, stretch_id: object) -> bool:
        return stretch_id in self._by_id

    def __iter__(self) -> Iterator[Stretch]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)


_STRETCH_KEYS = [
    "id",
    "name",
    "targets",
    "prepare_steps",
    "hold_step",
    "breathing",
    "cautions",
    "sided",
    "side_left",
    "side_right",
    "hold_min",
    "hold_max",
    "default_hold",
    "default_repetitions",
    "default_relax",
    "illustration",
    "illustration_hold",
    "easier",
]
_EASIER_KEYS = ["summary", "prepare_steps", "hold_step", "illustration", "illustration_hold"]


def _text_list(check: Checker, table: Mapping[str, Any], key: str, place: str) -> tuple[str, ...]:
    values = table.get(key)
    if not isinstance(values, list) or not values:
        check.add(f"{place}:{key}", tr("must be a non-empty list of sentences"))
        return ()
    # Each sentence is named by its number: "stretch 2:prepare_steps 3".
    items = [
        check.text({f"{key} {i}": v}, f"{key} {i}", place, max_len=400)
        for i, v in enumerate(values, start=1)
    ]
    return tuple(i for i in items if i is not None)


def _easier(check: Checker, entry: Mapping[str, Any], place: str) -> EasierForm | None:
    """The optional [stretch.easier] table; None when absent or when it has problems."""
    if "easier" not in entry:
        return None
    before = len(check.problems)
    table = check.table(entry, "easier", place)
    place = f"{place}:easier"
    if len(check.problems) > before:
        return None
    check.unknown_keys(table, _EASIER_KEYS, place)
    summary = check.text(table, "summary", place, max_len=200)
    steps = _text_list(check, table, "prepare_steps", place)
    hold_step = check.text(table, "hold_step", place, max_len=400)
    illustration = check.text(table, "illustration", place)
    illustration_hold = check.text(table, "illustration_hold", place, default="")
    if len(check.problems) > before:
        return None
    assert summary is not None and hold_step is not None and illustration is not None
    return EasierForm(
        catalog_text(summary),
        _tr_all(steps),
        catalog_text(hold_step),
        illustration,
        illustration_hold or None,
    )


def _tr_all(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(catalog_text(text) for text in texts)


# The words of a stretch, translated where the library is loaded (ids and file names are not),
# with catalog_text: pseudo mode leaves content as it is (see i18n.catalog_text).
_WORDS = ("name", "targets", "hold_step", "breathing")


def load_library(path: Path | None = None) -> Library:
    """Load and validate the stretch library; raises ProblemsError listing everything wrong."""
    path = path or asset("stretches.toml")
    data = read_toml(path)
    check = Checker(str(path))
    entries = data.get("stretch")
    if not isinstance(entries, list) or not entries:
        check.add("stretch", tr("the file must contain at least one [[stretch]] table"))
        check.raise_if_any()
        return Library([])
    stretches: list[Stretch] = []
    for number, entry in enumerate(entries, start=1):
        place = f"stretch {number}"
        if not isinstance(entry, dict):
            check.add(place, tr("must be a table"))
            continue
        check.unknown_keys(entry, _STRETCH_KEYS, place)
        low, high = HOLD_LIMITS
        sided = check.flag(entry, "sided", place, default=False)
        names: dict[Side, str] = {}
        if sided:
            for side in Side:
                name = check.text(entry, f"side_{side.value}", place)
                if name:
                    names[side] = catalog_text(name)
        values = {
            "id": check.text(entry, "id", place),
            "name": check.text(entry, "name", place),
            "targets": check.text(entry, "targets", place, max_len=400),
            "hold_step": check.text(entry, "hold_step", place, max_len=400),
            "breathing": check.text(entry, "breathing", place, max_len=400),
            "illustration": check.text(entry, "illustration", place),
            "hold_min": check.number(entry, "hold_min", place, low=low, high=high, required=True),
            "hold_max": check.number(entry, "hold_max", place, low=low, high=high, required=True),
            "default_hold": check.number(
                entry, "default_hold", place, low=low, high=high, required=True
            ),
            "default_repetitions": check.number(
                entry,
                "default_repetitions",
                place,
                low=REPETITION_LIMITS[0],
                high=REPETITION_LIMITS[1],
                unit="times",
                default=1,
            ),
            "default_relax": check.number(
                entry,
                "default_relax",
                place,
                low=RELAX_LIMITS[0],
                high=RELAX_LIMITS[1],
                default=0,
            ),
        }
        steps = _text_list(check, entry, "prepare_steps", place)
        cautions = _text_list(check, entry, "cautions", place)
        hold_extra = check.text(entry, "illustration_hold", place, default="")
        easier = _easier(check, entry, place)
        if any(v is None for v in values.values()) or not steps or not cautions:
            continue
        if any(s.id == values["id"] for s in stretches):
            check.add(f"{place}:id", tr("'{id}' is used twice").format(id=values["id"]))
            continue
        for key in _WORDS:
            values[key] = catalog_text(str(values[key]))
        stretches.append(
            Stretch(
                prepare_steps=_tr_all(steps),
                cautions=_tr_all(cautions),
                sided=bool(sided),
                side_names=names,
                illustration_hold=hold_extra or None,
                easier=easier,
                easier_summary=easier.summary if easier is not None else "",
                **values,  # type: ignore[arg-type]
            )
        )
    check.raise_if_any()
    return Library(stretches)


__all__ = [
    "EasierForm",
    "Library",
    "ProblemsError",
    "Side",
    "Stretch",
    "Variant",
    "load_library",
]
