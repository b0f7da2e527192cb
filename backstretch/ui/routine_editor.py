"""RoutineEditor: make, change, reorder, import and export routines of one's own.

The window: the list of routines on the left, the chosen one on the right. The draft and the
words about it are core/routine_draft.py; the stretch and timing fields are ui/routine_fields.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.cues import CueTexts
from backstretch.core.i18n import ntr, tr
from backstretch.core.paths import Paths
from backstretch.core.problems import Problem, ProblemsError
from backstretch.core.routine_draft import Draft
from backstretch.core.routine_store import RoutineStore
from backstretch.core.routines import Routine, list_routines, parse_routine
from backstretch.core.settings import Settings
from backstretch.core.stretches import Library
from backstretch.ui.routine_draft_pane import DraftPane
from backstretch.ui.routine_fields import labelled_button

SHOWN_PROBLEMS = 30


def file_filter() -> str:
    """ "Routine files (*.toml);;All files (*)": the patterns and the separator stay as they are."""
    return ";;".join(
        (
            tr("Routine files ({patterns})").format(patterns="*.toml"),
            tr("All files ({patterns})").format(patterns="*"),
        )
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
        self.setWindowTitle(tr("Routines"))
        self.setMinimumSize(960, 620)
        self.paths = paths
        self.library = library
        self.store = RoutineStore(paths.routines_dir, library)
        self.dirty = False
        self._routines: list[Routine] = []
        self._loading = False
        self._deleted: tuple[Path, str] | None = None
        self.pane = DraftPane(library, texts, settings)
        self.pane.edited.connect(self._changed)
        right = QVBoxLayout()
        right.addWidget(self.pane, 1)
        right.addLayout(self._bottom_row())
        layout = QHBoxLayout(self)
        layout.addLayout(self._routine_list(), 2)
        layout.addLayout(right, 5)
        self._shortcuts()
        self.reload()

    @property
    def draft(self) -> Draft | None:
        """The routine being edited (the pane's)."""
        return self.pane.draft

    # Building blocks -------------------------------------------------------------------------

    def _routine_list(self) -> QVBoxLayout:
        """Left: the routines and what can be done with them."""
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Routines"))
        self.list.setAccessibleDescription(tr("Your routines and the bundled one."))
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.setSpacing(4)
        button = labelled_button
        self.new_button = button(tr("&New"), tr("Make a new routine. Ctrl+N."), self.new_routine)
        self.duplicate_button = button(
            tr("&Duplicate"), tr("Copy the chosen routine. Ctrl+D."), self.duplicate_routine
        )
        self.rename_button = button(
            tr("Rena&me…"), tr("Give it a new name. F2."), self.rename_routine
        )
        self.delete_button = button(
            tr("De&lete"),
            tr("Delete the chosen routine; it can be undone. Delete."),
            self.delete_routine,
        )
        self.import_button = button(
            tr("&Import…"),
            tr("Add a routine file, for example from a physiotherapist."),
            self.import_file,
        )
        self.export_button = button(
            tr("E&xport…"), tr("Save the chosen routine as a file to share."), self.export_routine
        )
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        self.undo_button = button(tr("&Undo"), tr("Bring the deleted routine back."), self.undo)
        self.undo_label.hide()
        self.undo_button.hide()
        grid = QGridLayout()
        actions = (
            self.new_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
            self.import_button,
            self.export_button,
        )
        for n, action in enumerate(actions):
            grid.addWidget(action, n // 2, n % 2)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(grid)
        left.addWidget(self.undo_label)
        left.addWidget(self.undo_button)
        return left

    def _bottom_row(self) -> QHBoxLayout:
        button = labelled_button
        self.save_button = button(tr("&Save"), tr("Save this routine. Ctrl+S."), self.save)
        self.revert_button = button(
            tr("Re&vert"), tr("Forget the changes since the last save."), self.revert
        )
        self.close_button = button(tr("Close"), tr("Close this window."), self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pane.total, 1)
        for widget in (self.save_button, self.revert_button, self.close_button):
            bottom.addWidget(widget)
        return bottom

    def _shortcuts(self) -> None:
        shortcut_list: list[tuple[str, QWidget, Callable[[], Any]]] = [
            ("Ctrl+N", self, self.new_routine),
            ("Ctrl+S", self, self.save),
            ("Ctrl+D", self, self.duplicate_routine),
            ("F2", self, self.rename_routine),
            ("Ctrl+I", self, self.import_file),
            ("Ctrl+E", self, self.export_routine),
            ("Delete", self.list, self.delete_routine),
        ]
        for keys, target, slot in shortcut_list:
            shortcut = QShortcut(QKeySequence(keys), target)
            if target is not self:  # Delete means the list that has the focus
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

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
            second = tr("bundled, read-only") if routine.bundled else routine.id
            self.list.addItem(QListWidgetItem(f"{routine.name}\n{second}"))
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
        self.dirty = False
        self.pane.load(routine)
        editable = routine is not None and not routine.bundled
        self.rename_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        self.duplicate_button.setEnabled(routine is not None)
        self.export_button.setEnabled(routine is not None)
        self._changed(dirty=False)

    def _changed(self, *, dirty: bool = True) -> None:
        """Recompute the total (or say what is missing) and the Save button's state."""
        self.dirty = self.dirty or dirty
        self.pane.show_summary()
        draft = self.draft
        can_edit = draft is not None and not draft.bundled
        self.save_button.setEnabled(can_edit and self.dirty)
        self.revert_button.setEnabled(can_edit and self.dirty)

    def draft_routine(self) -> Routine:
        assert self.draft is not None
        return self.draft.routine(self.library)

    # Saving and the list's actions -----------------------------------------------------------

    def save(self) -> bool:
        """Write the draft; a problem is shown, and nothing is written, until it is fixed."""
        draft = self.draft
        if draft is None or draft.bundled or not self.dirty:
            return True
        try:
            saved = self.store.save(self.draft_routine())
        except ProblemsError as error:
            self.show_problems(tr("This routine cannot be saved yet"), error.problems)
            return False
        except OSError as error:
            self.show_message(
                tr("Not saved"),
                tr(
                    "The routine could not be written to {folder} ({reason}). "
                    "Nothing was lost: it is still here."
                ).format(folder=self.paths.routines_dir, reason=error.strerror or error),
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
        answer = self.ask_unsaved(self.draft.name or tr("this routine"))
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
            {"name": self.store.unique_name(tr("My routine")), "item": [{"stretch": first.id}]},
            self.library,
            file="new routine",
        )
        self._store_action(lambda: self.store.save(routine))
        self.pane.name.setFocus()
        self.pane.name.selectAll()

    def duplicate_routine(self) -> None:
        routine = self.current_routine()
        if routine is not None and self.settle_changes():
            self._store_action(lambda: self.store.duplicate(routine))

    def rename_routine(self) -> None:
        routine = self.current_routine()
        if routine is None or routine.bundled or not self.settle_changes():
            return
        name = self.ask_text(tr("Rename routine"), tr("New name:"), routine.name)
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
        self.undo_label.setText(tr("“{name}” was deleted.").format(name=routine.name))
        self.undo_label.show()
        self.undo_button.show()
        self.dirty = False
        self.pane.draft = None
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
            self._store_action(
                lambda: self.store.import_file(Path(name)),
                tr("The routine could not be imported"),
            )

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

    def _store_action(
        self, action: Callable[[], Routine], failed: str | None = None
    ) -> Routine | None:
        """Do `action` on the store, then show its routine; `failed` titles its problems."""
        try:
            routine = action()
        except ProblemsError as error:
            self.show_problems(failed or tr("The routine could not be saved"), error.problems)
            return None
        except OSError as error:
            self._show_error(error)
            return None
        self.dirty = False
        self.pane.draft = None
        self.routinesChanged.emit()
        self.reload(routine.id)
        return routine

    def _show_error(self, error: Exception) -> None:
        if isinstance(error, ProblemsError):
            self.show_problems(tr("That did not work"), error.problems)
            return
        assert isinstance(error, OSError)
        reason = error.strerror or str(error)
        text = (
            tr("{reason} ({file}). Nothing you made was changed.")
            if error.filename
            else tr("{reason}. Nothing you made was changed.")
        )
        self.show_message(tr("That did not work"), text.format(reason=reason, file=error.filename))

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
        box.setWindowTitle(tr("Unsaved changes"))
        box.setText(tr("Save the changes to “{name}”?").format(name=name))
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
            self, tr("Import a routine"), str(Path.home()), file_filter()
        )
        return name

    def ask_save_file(self, suggested: str) -> str:
        name, _ = QFileDialog.getSaveFileName(
            self, tr("Export routine"), str(Path.home() / suggested), file_filter()
        )
        return name

    def show_problems(self, title: str, problems: tuple[Problem, ...] | list[Problem]) -> None:
        lines = "\n".join(f"• {p}" for p in problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        if more > 0:
            lines += "\n" + ntr("…and {n} more.", "…and {n} more.", more).format(n=more)
        self.show_message(
            title, tr("Nothing was saved. Please fix:\n\n{problems}").format(problems=lines)
        )

    def show_message(self, title: str, text: str) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.exec()
