"""DraftPane: the right side of the routine editor, where the chosen routine's draft is changed.

It shows a draft (core/routine_draft.py) and reports each change with `edited`; which routine is
shown, saving and the files are the editor's (ui/routine_editor.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.cues import CueTexts
from backstretch.core.i18n import tr
from backstretch.core.routine_draft import Draft, item_label
from backstretch.core.routines import Routine
from backstretch.core.settings import Settings
from backstretch.core.stretches import Library
from backstretch.ui.routine_fields import ItemFields, TimingFields, labelled_button

KEY_ROLE = 256  # Qt.ItemDataRole.UserRole, by number (see routine_cards.ACCESSIBLE_TEXT_ROLE)


class DraftPane(QWidget):
    """Name and description, the stretches in order, the chosen one's fields, the timings and
    the routine's length with the person's settings. A bundled routine is shown read-only."""

    edited = Signal()

    def __init__(self, library: Library, texts: CueTexts, settings: Settings) -> None:
        super().__init__()
        self.library = library
        self.texts = texts
        self.settings = settings
        self.draft: Draft | None = None
        self._keys = itertools.count(1)  # tells items apart while they are dragged
        self._loading = False
        self.item_fields = ItemFields()
        self.item_fields.edited.connect(self._item_edit)
        self.timing_fields = TimingFields()
        self.timing_fields.edited.connect(self._timing_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._read_only_note())
        layout.addLayout(self._name_fields())
        layout.addWidget(self._item_list(), 1)
        layout.addLayout(self._item_buttons())
        layout.addWidget(self.item_fields)
        layout.addWidget(self.timing_fields)
        self._total()  # placed by the editor, beside Save
        self._shortcuts()

    # Building blocks -------------------------------------------------------------------------

    def _read_only_note(self) -> QLabel:
        self.read_only = QLabel(
            tr("The bundled routine cannot be changed. Duplicate it to make one of your own.")
        )
        self.read_only.setWordWrap(True)
        return self.read_only

    def _name_fields(self) -> QFormLayout:
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Routine name"))
        self.name.setMaxLength(80)
        self.name.textEdited.connect(lambda text: self.edit_text("name", text))
        self.description = QLineEdit()
        self.description.setAccessibleName(tr("Description"))
        self.description.setMaxLength(300)
        self.description.textEdited.connect(lambda text: self.edit_text("description", text))
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("Description"), self.description)
        return form

    def _item_list(self) -> QListWidget:
        self.items = QListWidget()
        self.items.setAccessibleName(tr("Stretches in this routine"))
        self.items.setAccessibleDescription(
            tr("In order. Drag to reorder, or Alt+Up and Alt+Down; Delete removes one.")
        )
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.setSpacing(3)
        self.items.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.items.model().rowsMoved.connect(self._items_reordered)
        self.items.currentRowChanged.connect(self._show_item)
        return self.items

    def _item_buttons(self) -> QHBoxLayout:
        button = labelled_button
        self.up_button = button(tr("Move &up"), tr("Earlier in the routine. Alt+Up."), self.move_up)
        self.down_button = button(
            tr("Move d&own"), tr("Later in the routine. Alt+Down."), self.move_down
        )
        self.remove_button = button(
            tr("Remo&ve"), tr("Take this stretch out of the routine."), self.remove_item
        )
        self.add_choice = QComboBox()
        self.add_choice.setAccessibleName(tr("Stretch to add"))
        for stretch in self.library:
            self.add_choice.addItem(stretch.name, stretch.id)
        self.add_button = button(
            tr("&Add"), tr("Add the chosen stretch at the end."), self.add_item
        )
        row = QHBoxLayout()
        for widget in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.add_choice)
        row.addWidget(self.add_button)
        return row

    def _total(self) -> QLabel:
        self.total = QLabel()
        self.total.setAccessibleName(tr("Routine length"))
        self.total.setWordWrap(True)
        return self.total

    def _shortcuts(self) -> None:
        keys: list[tuple[str, Callable[[], Any]]] = [
            ("Delete", self.remove_item),  # on the list that has the focus: this one
            ("Alt+Up", self.move_up),
            ("Alt+Down", self.move_down),
        ]
        for sequence, slot in keys:
            shortcut = QShortcut(QKeySequence(sequence), self.items)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

    # Showing ------------------------------------------------------------------------------------

    def load(self, routine: Routine | None) -> None:
        """Show `routine` as a fresh draft (nothing changed yet), or nothing."""
        self.draft = Draft.of(routine) if routine is not None else None
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
            self.item_fields,
            self.timing_fields,
        ):
            widget.setEnabled(editable)
        self.items.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove
            if editable
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.name.setText(routine.name if routine else "")
        self.description.setText(routine.description if routine else "")
        self._fill_items(0)
        self.timing_fields.show_timings(self.draft.timings if self.draft else {}, self.settings)
        self._loading = False
        self.show_summary()

    def show_summary(self) -> None:
        """The routine's length with the person's settings, or what stops it being saved."""
        draft = self.draft
        summary = "" if draft is None else draft.summary(self.library, self.settings, self.texts)
        self.total.setText(summary)

    def _fill_items(self, select: int) -> None:
        self._loading = True
        self.items.clear()
        for item in self.draft.items if self.draft else []:
            stretch = self.library[item["stretch"]]
            widget = QListWidgetItem(item_label(item, self.library, self.settings))
            item["_key"] = item.get("_key") or next(self._keys)
            widget.setData(KEY_ROLE, item["_key"])
            widget.setToolTip(stretch.targets)
            self.items.addItem(widget)
        self._loading = False
        if self.items.count():
            self.items.setCurrentRow(max(0, min(select, self.items.count() - 1)))
        self._show_item(self.items.currentRow())

    def _show_item(self, row: int) -> None:
        if self._loading:
            return
        draft = self.draft
        item = draft.items[row] if draft is not None and 0 <= row < len(draft.items) else None
        self.item_fields.setEnabled(item is not None and draft is not None and not draft.bundled)
        if item is None or draft is None:
            self.item_fields.show_none()
            return
        self._loading = True
        self.item_fields.show_item(item, self.library, self.settings, not draft.bundled)
        self._loading = False

    # Editing ------------------------------------------------------------------------------------

    def edit_text(self, key: str, value: str) -> None:
        """The name or the description, as typed."""
        if self.draft is not None and not self._loading:
            setattr(self.draft, key, value)
            self.edited.emit()

    def _item_edit(self, key: str) -> None:
        row = self.items.currentRow()
        if self._loading or self.draft is None or not 0 <= row < len(self.draft.items):
            return
        item = self.draft.items[row]
        self.item_fields.apply(key, item)
        self.items.item(row).setText(item_label(item, self.library, self.settings))
        self.edited.emit()

    def _timing_edit(self, key: str) -> None:
        if self._loading or self.draft is None:
            return
        self.timing_fields.apply(key, self.draft.timings)
        self.edited.emit()

    def _items_reordered(self, *_args: object) -> None:
        """After a drag and drop: the list's order becomes the routine's order."""
        if self.draft is None or self._loading:
            return
        by_key = {item["_key"]: item for item in self.draft.items}
        order = [self.items.item(n).data(KEY_ROLE) for n in range(self.items.count())]
        self.draft.items = [by_key[key] for key in order]
        self.edited.emit()

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
        self.edited.emit()

    def add_item(self) -> None:
        if self.draft is None or self.draft.bundled:
            return
        self.draft.items.append({"stretch": self.add_choice.currentData()})
        self._fill_items(len(self.draft.items) - 1)
        self.edited.emit()

    def remove_item(self) -> None:
        row = self.items.currentRow()
        if self.draft is None or self.draft.bundled or not 0 <= row < len(self.draft.items):
            return
        del self.draft.items[row]
        self._fill_items(row)
        self.edited.emit()
