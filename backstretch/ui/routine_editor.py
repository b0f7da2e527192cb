"""RoutineEditor: make, change, reorder, import and export routines of one's own."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.cues import CueTexts
from backstretch.core.paths import Paths
from backstretch.core.personalize import personalize
from backstretch.core.plan import build_plan
from backstretch.core.problems import Problem, ProblemsError
from backstretch.core.routine_store import RoutineStore
from backstretch.core.routines import (
    FORMAT_VERSION,
    PREPARE_LIMITS,
    REST_LIMITS,
    SWITCH_LIMITS,
    Routine,
    list_routines,
    parse_routine,
)
from backstretch.core.settings import Settings
from backstretch.core.stretches import (
    HOLD_LIMITS,
    RELAX_LIMITS,
    REPETITION_LIMITS,
    Library,
    Variant,
)
from backstretch.core.timefmt import duration_text

KEY_ROLE = 256  # Qt.ItemDataRole.UserRole, by number (see start_view.ACCESSIBLE_TEXT_ROLE)

ITEM_FIELDS = {
    "hold": ("Hold", HOLD_LIMITS, " s"),
    "repetitions": ("Repetitions", REPETITION_LIMITS, " ×"),
    "relax": ("Relax between repetitions", RELAX_LIMITS, " s"),
}
TIMING_FIELDS = {
    "prepare": ("Get into position", PREPARE_LIMITS),
    "switch": ("Switch sides", SWITCH_LIMITS),
    "rest": ("Rest between stretches", REST_LIMITS),
}
FILE_FILTER = "Routine files (*.toml);;All files (*)"
# The item keys a routine can set, as the list names them ("set here: hold, form").
OWN_WORDS = {
    "hold": "hold",
    "repetitions": "repetitions",
    "relax": "relax",
    "sides": "sides",
    "variant": "form",
}


@dataclasses.dataclass
class Draft:
    """The routine being edited, as the values a routine file would hold."""

    routine_id: str
    bundled: bool
    name: str
    description: str
    items: list[dict[str, Any]]  # {"stretch": id, and only the keys this routine sets}
    timings: dict[str, int]

    @classmethod
    def of(cls, routine: Routine) -> Draft:
        return cls(
            routine.id,
            routine.bundled,
            routine.name,
            routine.description,
            [{"stretch": i.stretch.id, **i.overrides} for i in routine.items],
            dict(routine.timing_overrides),
        )

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT_VERSION, "name": self.name.strip()}
        if self.description.strip():
            data["description"] = self.description.strip()
        if self.timings:
            data["timings"] = dict(self.timings)
        data["item"] = [dict(item) for item in self.items]
        return data

    def routine(self, library: Library) -> Routine:
        """Validated as a file would be; raises ProblemsError naming what is missing."""
        return parse_routine(
            self.to_data(), library, file=self.name or "routine", routine_id=self.routine_id
        )


class RoutineEditor(QDialog):
    """One list of routines on the left, the chosen one's stretches and timings on the right.

    Changes are kept in a draft until Save (Ctrl+S); leaving a changed routine asks first.
    The bundled routine is shown read-only: it can be duplicated, not changed or deleted.
    """

    routinesChanged = Signal()

    def __init__(
        self,
        paths: Paths,
        library: Library,
        texts: CueTexts,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Routines")
        self.setMinimumSize(960, 620)
        self.paths = paths
        self.library = library
        self.texts = texts
        self.settings = settings
        self.store = RoutineStore(paths.routines_dir, library)
        self.draft: Draft | None = None
        self.dirty = False
        self._routines: list[Routine] = []
        self._keys = itertools.count(1)
        self._loading = False
        self._deleted: tuple[Path, str] | None = None

        # Left: the routines and what can be done with them.
        self.list = QListWidget()
        self.list.setAccessibleName("Routines")
        self.list.setAccessibleDescription("Your routines and the bundled one.")
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.setSpacing(4)
        self.new_button = self._button("&New", "Make a new routine. Ctrl+N.", self.new_routine)
        self.duplicate_button = self._button(
            "&Duplicate", "Copy the chosen routine. Ctrl+D.", self.duplicate_routine
        )
        self.rename_button = self._button(
            "Rena&me…", "Give it a new name. F2.", self.rename_routine
        )
        self.delete_button = self._button(
            "De&lete", "Delete the chosen routine; it can be undone. Delete.", self.delete_routine
        )
        self.import_button = self._button(
            "&Import…", "Add a routine file, for example from a physiotherapist.", self.import_file
        )
        self.export_button = self._button(
            "E&xport…", "Save the chosen routine as a file to share.", self.export_routine
        )
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        self.undo_button = self._button("&Undo", "Bring the deleted routine back.", self.undo)
        self.undo_label.hide()
        self.undo_button.hide()
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        grid = QGridLayout()
        for n, button in enumerate(
            (
                self.new_button,
                self.duplicate_button,
                self.rename_button,
                self.delete_button,
                self.import_button,
                self.export_button,
            )
        ):
            grid.addWidget(button, n // 2, n % 2)
        left.addLayout(grid)
        left.addWidget(self.undo_label)
        left.addWidget(self.undo_button)

        # Right: the chosen routine.
        self.read_only = QLabel(
            "The bundled routine cannot be changed. Duplicate it to make one of your own."
        )
        self.read_only.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName("Routine name")
        self.name.setMaxLength(80)
        self.name.textEdited.connect(lambda text: self._edit("name", text))
        self.description = QLineEdit()
        self.description.setAccessibleName("Description")
        self.description.setMaxLength(300)
        self.description.textEdited.connect(lambda text: self._edit("description", text))
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Description", self.description)

        self.items = QListWidget()
        self.items.setAccessibleName("Stretches in this routine")
        self.items.setAccessibleDescription(
            "In order. Drag to reorder, or Alt+Up and Alt+Down; Delete removes one."
        )
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.setSpacing(3)
        self.items.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.items.model().rowsMoved.connect(self._items_reordered)
        self.items.currentRowChanged.connect(self._show_item)
        self.up_button = self._button("Move &up", "Earlier in the routine. Alt+Up.", self.move_up)
        self.down_button = self._button(
            "Move d&own", "Later in the routine. Alt+Down.", self.move_down
        )
        self.remove_button = self._button(
            "Remo&ve", "Take this stretch out of the routine.", self.remove_item
        )
        self.add_choice = QComboBox()
        self.add_choice.setAccessibleName("Stretch to add")
        for stretch in library:
            self.add_choice.addItem(stretch.name, stretch.id)
        self.add_button = self._button("&Add", "Add the chosen stretch at the end.", self.add_item)
        item_buttons = QHBoxLayout()
        for widget in (self.up_button, self.down_button, self.remove_button):
            item_buttons.addWidget(widget)
        item_buttons.addStretch(1)
        item_buttons.addWidget(self.add_choice)
        item_buttons.addWidget(self.add_button)

        self.item_group = QGroupBox("This stretch in this routine")
        item_form = QGridLayout(self.item_group)
        self.item_checks: dict[str, QCheckBox] = {}
        self.item_boxes: dict[str, QSpinBox] = {}
        self.item_defaults: dict[str, QLabel] = {}
        for row, (key, (title, (low, high), suffix)) in enumerate(ITEM_FIELDS.items()):
            check, box, default = self._override_row(
                item_form, row, key, title, low, high, suffix, self._item_edit
            )
            self.item_checks[key], self.item_boxes[key] = check, box
            self.item_defaults[key] = default
        self.sides_check = QCheckBox("Set sides")
        self.sides_check.setAccessibleName("Set sides for this routine")
        self.sides_value = QCheckBox("Both sides")
        self.sides_value.setAccessibleName("Both sides")
        self.sides_default = QLabel()
        self.sides_check.toggled.connect(lambda _on: self._item_edit("sides"))
        self.sides_value.toggled.connect(lambda _on: self._item_edit("sides"))
        item_form.addWidget(self.sides_check, len(ITEM_FIELDS), 0)
        item_form.addWidget(self.sides_value, len(ITEM_FIELDS), 1)
        item_form.addWidget(self.sides_default, len(ITEM_FIELDS), 2)
        # Set here, the form is the routine's (a physiotherapist's "easier way" wins over the
        # person's settings); "Set the form" with the box off writes variant = "usual".
        self.variant_check = QCheckBox("Set the form")
        self.variant_check.setAccessibleName("Set the usual or easier way for this routine")
        self.variant_value = QCheckBox("Easier way")
        self.variant_value.setAccessibleName("Easier way")
        self.variant_default = QLabel()
        self.variant_check.toggled.connect(lambda _on: self._item_edit("variant"))
        self.variant_value.toggled.connect(lambda _on: self._item_edit("variant"))
        item_form.addWidget(self.variant_check, len(ITEM_FIELDS) + 1, 0)
        item_form.addWidget(self.variant_value, len(ITEM_FIELDS) + 1, 1)
        item_form.addWidget(self.variant_default, len(ITEM_FIELDS) + 1, 2)

        self.timing_group = QGroupBox("Timings for this routine")
        timing_form = QGridLayout(self.timing_group)
        self.timing_checks: dict[str, QCheckBox] = {}
        self.timing_boxes: dict[str, QSpinBox] = {}
        self.timing_defaults: dict[str, QLabel] = {}
        for row, (key, (title, (low, high))) in enumerate(TIMING_FIELDS.items()):
            check, box, default = self._override_row(
                timing_form, row, key, title, low, high, " s", self._timing_edit
            )
            self.timing_checks[key], self.timing_boxes[key] = check, box
            self.timing_defaults[key] = default

        self.total = QLabel()
        self.total.setAccessibleName("Routine length")
        self.total.setWordWrap(True)
        self.save_button = self._button("&Save", "Save this routine. Ctrl+S.", self.save)
        self.revert_button = self._button(
            "Re&vert", "Forget the changes since the last save.", self.revert
        )
        self.close_button = self._button("Close", "Close this window.", self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        for button in (self.save_button, self.revert_button, self.close_button):
            bottom.addWidget(button)

        right = QVBoxLayout()
        right.addWidget(self.read_only)
        right.addLayout(form)
        right.addWidget(self.items, 1)
        right.addLayout(item_buttons)
        right.addWidget(self.item_group)
        right.addWidget(self.timing_group)
        right.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 5)

        shortcut_list: list[tuple[str, QWidget, Any]] = [
            ("Ctrl+N", self, self.new_routine),
            ("Ctrl+S", self, self.save),
            ("Ctrl+D", self, self.duplicate_routine),
            ("F2", self, self.rename_routine),
            ("Ctrl+I", self, self.import_file),
            ("Ctrl+E", self, self.export_routine),
            ("Delete", self.list, self.delete_routine),
            ("Delete", self.items, self.remove_item),
            ("Alt+Up", self.items, self.move_up),
            ("Alt+Down", self.items, self.move_down),
        ]
        for keys, target, slot in shortcut_list:
            shortcut = QShortcut(QKeySequence(keys), target)
            if target is not self:  # Delete means the list that has the focus
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.reload()

    # Building blocks -------------------------------------------------------------------------

    def _button(self, text: str, description: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(description)
        button.clicked.connect(slot)
        return button

    def _override_row(
        self,
        grid: QGridLayout,
        row: int,
        key: str,
        title: str,
        low: int,
        high: int,
        suffix: str,
        on_edit: Any,
    ) -> tuple[QCheckBox, QSpinBox, QLabel]:
        check = QCheckBox(f"Set {title.lower()}")
        check.setAccessibleName(f"Set {title.lower()} for this routine")
        box = QSpinBox()
        box.setRange(low, high)
        box.setSuffix(suffix)
        box.setAccessibleName(title)
        default = QLabel()

        def toggled(on: bool) -> None:
            box.setEnabled(on)
            on_edit(key)

        check.toggled.connect(toggled)
        box.valueChanged.connect(lambda _v: on_edit(key))
        grid.addWidget(check, row, 0)
        grid.addWidget(box, row, 1)
        grid.addWidget(default, row, 2)
        grid.setColumnStretch(2, 1)
        return check, box, default

    # Listing ------------------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the routines from disk again, keeping (or moving to) a selection.

        Only called with nothing unsaved: after a save or an action on the list."""
        current = select_id or (self.draft.routine_id if self.draft else None)
        listing = list_routines(self.paths, self.library)
        self._routines = list(listing.routines)
        self._loading = True
        self.list.clear()
        for routine in self._routines:
            label = f"{routine.name}\n{'bundled, read-only' if routine.bundled else routine.id}"
            self.list.addItem(QListWidgetItem(label))
        self._loading = False
        rows = [n for n, r in enumerate(self._routines) if r.id == current]
        self._loading = True
        self.list.setCurrentRow(rows[0] if rows else 0)
        self._loading = False
        self._load(self.current_routine())  # what is on disk now, saved or just made

    def current_routine(self) -> Routine | None:
        row = self.list.currentRow()
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def _row_changed(self, row: int) -> None:
        if self._loading:
            return
        routine = self._routines[row] if 0 <= row < len(self._routines) else None
        if self.draft is not None and routine is not None and routine.id == self.draft.routine_id:
            return
        if not self.settle_changes():
            previous = [
                n
                for n, r in enumerate(self._routines)
                if self.draft and r.id == self.draft.routine_id
            ]
            self._loading = True
            self.list.setCurrentRow(previous[0] if previous else -1)
            self._loading = False
            return
        self._load(routine)

    def _load(self, routine: Routine | None) -> None:
        self.draft = Draft.of(routine) if routine is not None else None
        self.dirty = False
        self._loading = True
        editable = routine is not None and not routine.bundled
        self.read_only.setVisible(routine is not None and routine.bundled)
        for widget in (
            self.name,
            self.description,
            self.up_button,
            self.down_button,
            self.remove_button,
            self.add_choice,
            self.add_button,
            self.item_group,
            self.timing_group,
            self.rename_button,
            self.delete_button,
        ):
            widget.setEnabled(editable)
        self.items.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove
            if editable
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.duplicate_button.setEnabled(routine is not None)
        self.export_button.setEnabled(routine is not None)
        self.name.setText(routine.name if routine else "")
        self.description.setText(routine.description if routine else "")
        self._fill_items(0)
        for key, (check, box) in (
            (k, (self.timing_checks[k], self.timing_boxes[k])) for k in TIMING_FIELDS
        ):
            fixed = self.draft.timings.get(key) if self.draft else None
            check.setChecked(fixed is not None)
            box.setEnabled(fixed is not None)
            box.setValue(fixed if fixed is not None else getattr(self.settings.timings, key))
            self.timing_defaults[key].setText(
                f"Otherwise {getattr(self.settings.timings, key)} s, from Settings"
            )
        self._loading = False
        self._changed(dirty=False)

    def _fill_items(self, select: int) -> None:
        self._loading = True
        self.items.clear()
        for item in self.draft.items if self.draft else []:
            stretch = self.library[item["stretch"]]
            widget = QListWidgetItem(self._item_label(item))
            item["_key"] = item.get("_key") or next(self._keys)
            widget.setData(KEY_ROLE, item["_key"])
            widget.setToolTip(stretch.targets)
            self.items.addItem(widget)
        self._loading = False
        if self.items.count():
            self.items.setCurrentRow(max(0, min(select, self.items.count() - 1)))
        self._show_item(self.items.currentRow())

    def _item_label(self, item: dict[str, Any]) -> str:
        routine_item = personalize(
            parse_routine({"name": "x", "item": [self._clean(item)]}, self.library, file="x"),
            self.settings,
        ).items[0]
        parts = [f"{routine_item.hold} s"]
        if routine_item.repetitions > 1:
            parts.append(f"{routine_item.repetitions} ×")
        if routine_item.stretch.sided:
            parts.append("both sides" if routine_item.sides else "one side")
        if routine_item.stretch.variant is Variant.EASIER:
            parts.append("easier way")
        own = [word for key, word in OWN_WORDS.items() if key in item]
        marker = f"  (set here: {', '.join(own)})" if own else ""
        return f"{routine_item.stretch.name}: {', '.join(parts)}{marker}"

    @staticmethod
    def _clean(item: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in item.items() if not k.startswith("_")}

    def _show_item(self, row: int) -> None:
        if self._loading:
            return
        draft = self.draft
        item = draft.items[row] if draft is not None and 0 <= row < len(draft.items) else None
        self.item_group.setEnabled(item is not None and draft is not None and not draft.bundled)
        if item is None or draft is None:
            self.item_group.setTitle("This stretch in this routine")
            return
        stretch = self.library[item["stretch"]]
        own = self.settings.stretches.get(stretch.id)
        self.item_group.setTitle(f"{stretch.name} in this routine")
        otherwise = {
            "hold": (own.hold if own and own.hold is not None else None, stretch.default_hold),
            "repetitions": (
                own.repetitions if own and own.repetitions is not None else None,
                stretch.default_repetitions,
            ),
            "relax": (None, self.settings.timings.relax),
        }
        self._loading = True
        for key, (mine, default) in otherwise.items():
            value = mine if mine is not None else default
            where = "your setting" if mine is not None else "the default"
            if key == "relax":
                where = "from Settings"
            suffix = ITEM_FIELDS[key][2].strip()
            self.item_defaults[key].setText(f"Otherwise {value} {suffix}, {where}")
            fixed = item.get(key)
            self.item_checks[key].setChecked(fixed is not None)
            self.item_boxes[key].setEnabled(fixed is not None and not draft.bundled)
            self.item_boxes[key].setValue(int(fixed) if fixed is not None else int(value))
        sides_default = own.sides if own and own.sides is not None else stretch.sided
        self.sides_check.setEnabled(stretch.sided)
        self.sides_value.setEnabled(stretch.sided and "sides" in item)
        self.sides_check.setChecked("sides" in item)
        self.sides_value.setChecked(bool(item.get("sides", sides_default)))
        self.sides_default.setText(
            ("Otherwise both sides" if sides_default else "Otherwise one side")
            if stretch.sided
            else "Done once; it has no sides"
        )
        self._show_variant(item, stretch.id)
        self._loading = False

    def _show_variant(self, item: dict[str, Any], stretch_id: str) -> None:
        stretch = self.library[stretch_id]
        own = self.settings.stretches.get(stretch_id)
        mine = stretch.has_easier and own is not None and own.variant is Variant.EASIER
        self.variant_check.setEnabled(stretch.has_easier)
        self.variant_value.setEnabled(stretch.has_easier and "variant" in item)
        self.variant_check.setChecked("variant" in item)
        easier = item.get("variant", "easier" if mine else "usual") == Variant.EASIER.value
        self.variant_value.setChecked(stretch.has_easier and easier)
        if stretch.has_easier:
            summary = stretch.easier_summary.rstrip(".")
            self.variant_value.setAccessibleDescription(f"Easier way: {summary}.")
            self.variant_value.setToolTip(f"Easier way: {summary}.")
            self.variant_default.setText(
                "Otherwise the easier way, your setting" if mine else "Otherwise the usual way"
            )
        else:
            self.variant_value.setAccessibleDescription("")
            self.variant_value.setToolTip("")
            self.variant_default.setText(f"{stretch.name} has no easier way yet")

    # Editing ------------------------------------------------------------------------------------

    def _edit(self, key: str, value: str) -> None:
        if self.draft is not None and not self._loading:
            setattr(self.draft, key, value)
            self._changed()

    def _item_edit(self, key: str) -> None:
        row = self.items.currentRow()
        if self._loading or self.draft is None or not 0 <= row < len(self.draft.items):
            return
        item = self.draft.items[row]
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
                item["variant"] = chosen.value
            else:
                item.pop("variant", None)
        elif self.item_checks[key].isChecked():
            item[key] = self.item_boxes[key].value()
        else:
            item.pop(key, None)
        self.items.item(row).setText(self._item_label(item))
        self._changed()

    def _timing_edit(self, key: str) -> None:
        if self._loading or self.draft is None:
            return
        if self.timing_checks[key].isChecked():
            self.draft.timings[key] = self.timing_boxes[key].value()
        else:
            self.draft.timings.pop(key, None)
        self._changed()

    def _items_reordered(self, *_args: object) -> None:
        """After a drag and drop: the list's order becomes the routine's order."""
        if self.draft is None or self._loading:
            return
        by_key = {item["_key"]: item for item in self.draft.items}
        order = [self.items.item(n).data(KEY_ROLE) for n in range(self.items.count())]
        self.draft.items = [by_key[key] for key in order]
        self._changed()

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, step: int) -> None:
        row = self.items.currentRow()
        draft = self.draft
        if draft is None or draft.bundled or not 0 <= row + step < len(draft.items) or row < 0:
            return
        items = draft.items
        items[row], items[row + step] = items[row + step], items[row]
        self._fill_items(row + step)
        self._changed()

    def add_item(self) -> None:
        if self.draft is None or self.draft.bundled:
            return
        self.draft.items.append({"stretch": self.add_choice.currentData()})
        self._fill_items(len(self.draft.items) - 1)
        self._changed()

    def remove_item(self) -> None:
        row = self.items.currentRow()
        if self.draft is None or self.draft.bundled or not 0 <= row < len(self.draft.items):
            return
        del self.draft.items[row]
        self._fill_items(row)
        self._changed()

    def _changed(self, *, dirty: bool = True) -> None:
        """Recompute the total (or say what is missing) and the Save button's state."""
        self.dirty = self.dirty or dirty
        draft = self.draft
        if draft is None:
            self.total.setText("")
        else:
            try:
                routine = personalize(self.draft_routine(), self.settings)
                plan = build_plan(routine, self.texts, self.settings.rate)
                count = len(routine.items)
                self.total.setText(
                    f"{count} stretch{'es' if count != 1 else ''}, "
                    f"{duration_text(plan.total_s)} with your settings."
                )
            except ProblemsError as error:
                self.total.setText("Not ready to save: " + str(error.problems[0]))
        can_edit = draft is not None and not draft.bundled
        self.save_button.setEnabled(can_edit and self.dirty)
        self.revert_button.setEnabled(can_edit and self.dirty)

    def draft_routine(self) -> Routine:
        assert self.draft is not None
        draft = dataclasses.replace(self.draft, items=[self._clean(i) for i in self.draft.items])
        return draft.routine(self.library)

    # Saving and the list's actions -----------------------------------------------------------

    def save(self) -> bool:
        """Write the draft; a problem is shown, and nothing is written, until it is fixed."""
        draft = self.draft
        if draft is None or draft.bundled or not self.dirty:
            return True
        try:
            saved = self.store.save(self.draft_routine())
        except ProblemsError as error:
            self.show_problems("This routine cannot be saved yet", error.problems)
            return False
        except OSError as error:
            self.show_message(
                "Not saved",
                f"The routine could not be written to {self.paths.routines_dir} "
                f"({error.strerror or error}). Nothing was lost: it is still here.",
            )
            return False
        self.dirty = False
        self.routinesChanged.emit()
        self.reload(saved.id)
        return True

    def revert(self) -> None:
        self.dirty = False
        self._load(self.current_routine())

    def settle_changes(self) -> bool:
        """Before leaving a changed routine: save, discard, or stay (False)."""
        if self.draft is None or not self.dirty or self.draft.bundled:
            return True
        answer = self.ask_unsaved(self.draft.name or "this routine")
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.dirty = False
            return True
        return False

    def new_routine(self) -> None:
        if not self.settle_changes():
            return
        first = next(iter(self.library))
        routine = parse_routine(
            {"name": self.store.unique_name("My routine"), "item": [{"stretch": first.id}]},
            self.library,
            file="new routine",
        )
        self._store_action(lambda: self.store.save(routine))
        self.name.setFocus()
        self.name.selectAll()

    def duplicate_routine(self) -> None:
        routine = self.current_routine()
        if routine is not None and self.settle_changes():
            self._store_action(lambda: self.store.duplicate(routine))

    def rename_routine(self) -> None:
        routine = self.current_routine()
        if routine is None or routine.bundled or not self.settle_changes():
            return
        name = self.ask_text("Rename routine", "New name:", routine.name)
        if name and name.strip() and name.strip() != routine.name:
            self._store_action(lambda: self.store.rename(routine, name.strip()))

    def delete_routine(self) -> None:
        routine = self.current_routine()
        if routine is None or routine.bundled:
            return
        try:
            kept = self.store.delete(routine)
        except (ProblemsError, OSError) as error:
            self._show_error(error)
            return
        self._deleted = (kept, routine.name)
        self.undo_label.setText(f"“{routine.name}” was deleted.")
        self.undo_label.show()
        self.undo_button.show()
        self.dirty = False
        self.draft = None
        self.routinesChanged.emit()
        self.reload()
        self.undo_button.setFocus()

    def undo(self) -> None:
        if self._deleted is None:
            return
        kept, _name = self._deleted
        self._deleted = None
        self.undo_label.hide()
        self.undo_button.hide()
        self._store_action(lambda: self.store.restore(kept))

    def import_file(self) -> None:
        if not self.settle_changes():
            return
        name = self.ask_open_file()
        if name:
            self._store_action(lambda: self.store.import_file(Path(name)), "could not be imported")

    def export_routine(self) -> None:
        routine = self.current_routine()
        if routine is None:
            return
        target = self.ask_save_file(f"{routine.id or 'routine'}.toml")
        if not target:
            return
        try:
            self.store.export(routine, Path(target))
        except (ProblemsError, OSError) as error:
            self._show_error(error)

    def _store_action(self, action: Any, failed: str = "could not be saved") -> Routine | None:
        try:
            routine: Routine = action()
        except ProblemsError as error:
            self.show_problems(f"The routine {failed}", error.problems)
            return None
        except OSError as error:
            self._show_error(error)
            return None
        self.dirty = False
        self.draft = None
        self.routinesChanged.emit()
        self.reload(routine.id)
        return routine

    def _show_error(self, error: Exception) -> None:
        if isinstance(error, ProblemsError):
            self.show_problems("That did not work", error.problems)
        else:
            assert isinstance(error, OSError)
            where = f" ({error.filename})" if error.filename else ""
            self.show_message(
                "That did not work",
                f"{error.strerror or error}{where}. Nothing you made was changed.",
            )

    def closeEvent(self, event: Any) -> None:
        if self.settle_changes():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Escape goes through the same question as closing
        if self.settle_changes():
            super().reject()

    # Questions to the person; tests replace these ------------------------------------------

    def ask_unsaved(self, name: str) -> str:
        box = QMessageBox(self)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to “{name}”?")
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
        box.setDefaultButton(buttons.Save)
        answer = box.exec()
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(buttons(answer), "cancel")

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def ask_open_file(self) -> str:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import a routine", str(Path.home()), FILE_FILTER
        )
        return name

    def ask_save_file(self, suggested: str) -> str:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export routine", str(Path.home() / suggested), FILE_FILTER
        )
        return name

    def show_problems(self, title: str, problems: tuple[Problem, ...] | list[Problem]) -> None:
        lines = "\n".join(f"• {p}" for p in problems[:30])
        more = f"\n…and {len(problems) - 30} more." if len(problems) > 30 else ""
        self.show_message(title, f"Nothing was saved. Please fix:\n\n{lines}{more}")

    def show_message(self, title: str, text: str) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.exec()
