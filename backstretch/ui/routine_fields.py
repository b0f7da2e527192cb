"""The routine editor's fields: what a routine sets for one stretch, and for all of them.

Each row is a "Set ..." check box, a spin box enabled by it, and a line saying what the value is
otherwise (the person's setting or the default). The widgets only show and report; the editor
keeps the draft, and `apply` writes a field's state into it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QPushButton, QSpinBox

from backstretch.core.i18n import N_, tr
from backstretch.core.routine_draft import (
    ITEM_FIELDS,
    TIMING_FIELDS,
    item_otherwise,
    timing_otherwise,
)
from backstretch.core.settings import Settings
from backstretch.core.stretches import Library, Variant

SUFFIXES = {"hold": N_(" s"), "repetitions": N_(" ×"), "relax": N_(" s")}
SECONDS = SUFFIXES["hold"]
# The check box that lets a routine set a value, and its accessible name: whole phrases, so a
# language that puts the verb last, or capitalises nouns, can say them its own way.
SET_TEXTS = {
    "hold": (N_("Set hold"), N_("Set hold for this routine")),
    "repetitions": (N_("Set repetitions"), N_("Set repetitions for this routine")),
    "relax": (
        N_("Set relax between repetitions"),
        N_("Set relax between repetitions for this routine"),
    ),
    "prepare": (N_("Set get into position"), N_("Set get into position for this routine")),
    "switch": (N_("Set switch sides"), N_("Set switch sides for this routine")),
    "rest": (N_("Set rest between stretches"), N_("Set rest between stretches for this routine")),
}


def labelled_button(text: str, description: str, slot: Callable[[], Any]) -> QPushButton:
    """A button whose accessible name is its text without the & and the ellipsis."""
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAccessibleDescription(description)
    button.clicked.connect(slot)
    return button


def override_row(
    grid: QGridLayout, row: int, key: str, title: str, limits: tuple[int, int], suffix: str
) -> tuple[QCheckBox, QSpinBox, QLabel]:
    """ "Set hold" [ 30 s ] "Otherwise 45 s, the default": the box is enabled by the check."""
    text, name = SET_TEXTS[key]
    check = QCheckBox(tr(text))
    check.setAccessibleName(tr(name))
    box = QSpinBox()
    box.setRange(*limits)
    box.setSuffix(tr(suffix))
    box.setAccessibleName(tr(title))
    default = QLabel()
    check.toggled.connect(box.setEnabled)
    grid.addWidget(check, row, 0)
    grid.addWidget(box, row, 1)
    grid.addWidget(default, row, 2)
    grid.setColumnStretch(2, 1)
    return check, box, default


def choice_row(
    grid: QGridLayout, row: int, set_text: str, set_name: str, value_text: str
) -> tuple[QCheckBox, QCheckBox, QLabel]:
    """ "Set sides" [x] Both sides "Otherwise both sides": a yes/no the routine may fix."""
    check = QCheckBox(set_text)
    check.setAccessibleName(set_name)
    value = QCheckBox(value_text)
    value.setAccessibleName(value_text)
    default = QLabel()
    grid.addWidget(check, row, 0)
    grid.addWidget(value, row, 1)
    grid.addWidget(default, row, 2)
    return check, value, default


class ItemFields(QGroupBox):
    """Hold, repetitions, relax, sides and the easier way of the chosen stretch."""

    edited = Signal(str)  # the key of the field the person changed

    def __init__(self) -> None:
        super().__init__(tr("This stretch in this routine"))
        grid = QGridLayout(self)
        self.checks: dict[str, QCheckBox] = {}
        self.boxes: dict[str, QSpinBox] = {}
        self.defaults: dict[str, QLabel] = {}
        for row, (key, (title, limits)) in enumerate(ITEM_FIELDS.items()):
            check, box, default = override_row(grid, row, key, title, limits, SUFFIXES[key])
            check.toggled.connect(lambda _on, key=key: self.edited.emit(key))
            box.valueChanged.connect(lambda _v, key=key: self.edited.emit(key))
            self.checks[key], self.boxes[key], self.defaults[key] = check, box, default
        row = len(ITEM_FIELDS)
        self.sides_check, self.sides_value, self.sides_default = choice_row(
            grid, row, tr("Set sides"), tr("Set sides for this routine"), tr("Both sides")
        )
        # Set here, the form is the routine's (a physiotherapist's "easier way" wins over the
        # person's settings); "Set the form" with the box off writes variant = "usual".
        self.variant_check, self.variant_value, self.variant_default = choice_row(
            grid,
            row + 1,
            tr("Set the form"),
            tr("Set the usual or easier way for this routine"),
            tr("Easier way"),
        )
        for key, widgets in (
            ("sides", (self.sides_check, self.sides_value)),
            ("variant", (self.variant_check, self.variant_value)),
        ):
            for widget in widgets:
                widget.toggled.connect(lambda _on, key=key: self.edited.emit(key))

    def show_none(self) -> None:
        self.setTitle(tr("This stretch in this routine"))

    def show_item(
        self, item: dict[str, Any], library: Library, settings: Settings, editable: bool
    ) -> None:
        """The item's own values where it sets them, else what it will be and why."""
        stretch = library[item["stretch"]]
        self.setTitle(tr("{stretch} in this routine").format(stretch=stretch.name))
        otherwise = item_otherwise(item, library, settings)
        for key in ITEM_FIELDS:
            value, text = otherwise[key]
            self.defaults[key].setText(text)
            fixed = item.get(key)
            self.checks[key].setChecked(fixed is not None)
            self.boxes[key].setEnabled(fixed is not None and editable)
            self.boxes[key].setValue(int(fixed) if fixed is not None else int(value))
        sides, sides_text = otherwise["sides"]
        self.sides_check.setEnabled(stretch.sided)
        self.sides_value.setEnabled(stretch.sided and "sides" in item)
        self.sides_check.setChecked("sides" in item)
        self.sides_value.setChecked(bool(item.get("sides", sides)))
        self.sides_default.setText(sides_text)
        easier_by_setting, variant_text = otherwise["variant"]
        self.variant_check.setEnabled(stretch.has_easier)
        self.variant_value.setEnabled(stretch.has_easier and "variant" in item)
        self.variant_check.setChecked("variant" in item)
        chosen = Variant(item["variant"]) if "variant" in item else None
        easier = chosen is Variant.EASIER if chosen is not None else easier_by_setting
        self.variant_value.setChecked(stretch.has_easier and easier)
        self.variant_default.setText(variant_text)
        what = ""
        if stretch.has_easier:
            summary = stretch.easier_summary.rstrip(".")
            what = tr("Easier way: {summary}.").format(summary=summary)
        self.variant_value.setAccessibleDescription(what)
        self.variant_value.setToolTip(what)

    def apply(self, key: str, item: dict[str, Any]) -> None:
        """Write the field `key` into the draft's item: its value, or nothing when not set."""
        if key == "sides":
            self.sides_value.setEnabled(self.sides_check.isChecked())
            if self.sides_check.isChecked():
                item["sides"] = self.sides_value.isChecked()
            else:
                item.pop("sides", None)
        elif key == "variant":
            self.variant_value.setEnabled(self.variant_check.isChecked())
            if self.variant_check.isChecked():
                chosen = Variant.EASIER if self.variant_value.isChecked() else Variant.USUAL
                item["variant"] = chosen.value  # the file's code
            else:
                item.pop("variant", None)
        elif self.checks[key].isChecked():
            item[key] = self.boxes[key].value()
        else:
            item.pop(key, None)


class TimingFields(QGroupBox):
    """Getting into position, switching sides and resting, for the whole routine."""

    edited = Signal(str)

    def __init__(self) -> None:
        super().__init__(tr("Timings for this routine"))
        grid = QGridLayout(self)
        self.checks: dict[str, QCheckBox] = {}
        self.boxes: dict[str, QSpinBox] = {}
        self.defaults: dict[str, QLabel] = {}
        for row, (key, (title, limits)) in enumerate(TIMING_FIELDS.items()):
            check, box, default = override_row(grid, row, key, title, limits, SECONDS)
            check.toggled.connect(lambda _on, key=key: self.edited.emit(key))
            box.valueChanged.connect(lambda _v, key=key: self.edited.emit(key))
            self.checks[key], self.boxes[key], self.defaults[key] = check, box, default

    def show_timings(self, timings: dict[str, int], settings: Settings) -> None:
        for key in TIMING_FIELDS:
            fixed = timings.get(key)
            self.checks[key].setChecked(fixed is not None)
            self.boxes[key].setEnabled(fixed is not None)
            chosen = getattr(settings.timings, key)
            self.boxes[key].setValue(fixed if fixed is not None else chosen)
            self.defaults[key].setText(timing_otherwise(key, settings))

    def apply(self, key: str, timings: dict[str, int]) -> None:
        if self.checks[key].isChecked():
            timings[key] = self.boxes[key].value()
        else:
            timings.pop(key, None)
