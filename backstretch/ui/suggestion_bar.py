"""SuggestionBar: on the start view, asks about a stretch that keeps hurting (issue 16).

Never applied silently: the person picks a shorter hold, the easier way, leaving it out for
now, or not now. The choice changes their settings, is written to the log with the setting it
replaced, and can be undone right there (or later in Settings)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backstretch.core import clock, pain_choices, progress
from backstretch.core.i18n import ntr, tr
from backstretch.core.log import NOT_RECORDED
from backstretch.ui.context import Context

LOOKBACK_WEEKS = 12  # a stretch's last three sessions are looked for this far back


class SuggestionBar(QFrame):
    """Hidden unless the rule fires. settingsChanged: the routines need personalizing again."""

    settingsChanged = Signal()

    def __init__(
        self,
        context: Context,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = clock.wall_now,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.now = now  # the wall clock, handed in like the monotonic one (tests fix it)
        self.suggestion: pain_choices.Suggestion | None = None
        self._undo: tuple[int, str, str] | None = None  # choice id, stretch id, previous
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(tr("Suggestion"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName(tr("Suggestion"))
        self.buttons: dict[pain_choices.Choice, QPushButton] = {}
        # As many buttons to a row as fit whole: four choices in a longer language do not fit
        # one row of the smallest window (the session's overlays do the same).
        self.row = row = QGridLayout()
        row.setSpacing(6)
        for choice, words in progress.words().choices.items():
            button = QPushButton(tr(words))
            button.setAccessibleName(tr(words))
            button.setAccessibleDescription(tr(progress.words().choice_descriptions[choice]))
            button.setMinimumHeight(44)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self.choose(c))
            self.buttons[choice] = button
        self.undo_button = QPushButton(tr("&Undo"))
        self.undo_button.setAccessibleName(tr("Undo"))
        self.undo_button.setAccessibleDescription(tr("Put the stretch back as it was."))
        self.undo_button.setMinimumHeight(44)
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self._columns = 0
        self._place([*self.buttons.values(), self.undo_button], len(self.buttons) + 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.hide()

    # ------------------------------------------------------------------ showing
    def refresh(self, today: date) -> None:
        """Look at the log again (after a session, at start-up)."""
        session_log = self.context.log
        if session_log is None:
            return
        # The Undo offer is for right after the choice; later, Settings undoes it. Keeping it
        # would also hide the next suggestion, for another stretch.
        self._undo = None
        from datetime import timedelta

        sessions = session_log.sessions(today - timedelta(weeks=LOOKBACK_WEEKS))
        found = pain_choices.pain_suggestions(
            sessions, session_log.choices(), self.context.settings
        )
        known = [s for s in found if s.stretch in self.context.library]
        self.suggestion = known[0] if known else None
        if self.suggestion is None:
            self.hide()
            return
        stretch = self.context.library[self.suggestion.stretch]
        self.text.setText(pain_choices.suggestion_text(self.suggestion, stretch.name))
        options = pain_choices.options_for(stretch, self.context.settings)
        for choice, button in self.buttons.items():
            button.setVisible(choice in options)
        self.undo_button.hide()
        self.show()
        self._arrange(self.width())

    # ------------------------------------------------------------------ rows of buttons
    def _shown_buttons(self) -> list[QPushButton]:
        return [b for b in (*self.buttons.values(), self.undo_button) if not b.isHidden()]

    def _arrange(self, width: int) -> None:
        shown = self._shown_buttons()
        layout = self.layout()
        if layout is None:
            return
        inner, outer = layout.contentsMargins(), self.contentsMargins()
        room = width - inner.left() - inner.right() - outer.left() - outer.right()
        widest = max((b.sizeHint().width() for b in shown), default=0)
        spacing = self.row.horizontalSpacing()
        fit = sum(b.sizeHint().width() for b in shown) + spacing * max(0, len(shown) - 1)
        columns = len(shown) if fit <= room else max(1, (room + spacing) // (widest + spacing))
        columns = max(1, min(columns, len(shown)))
        if columns != self._columns or any(self.row.indexOf(b) < 0 for b in shown):
            self._place(shown, columns)

    def _place(self, shown: list[QPushButton], columns: int) -> None:
        self._columns = columns
        for button in (*self.buttons.values(), self.undo_button):
            self.row.removeWidget(button)
        for column in range(self.row.columnCount()):
            self.row.setColumnStretch(column, 0)
        for number, button in enumerate(shown):
            self.row.addWidget(button, number // columns, number % columns)
        self.row.setColumnStretch(columns, 1)  # the buttons to the left, as in one row

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest button (the rest go to further rows), not a whole row."""
        hint = super().minimumSizeHint()
        shown = self._shown_buttons()
        layout = self.layout()
        if not shown or layout is None:
            return hint
        inner, outer = layout.contentsMargins(), self.contentsMargins()
        margins = inner.left() + inner.right() + outer.left() + outer.right()
        widest = max(b.sizeHint().width() for b in shown)
        return QSize(min(hint.width(), widest + margins), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    # ------------------------------------------------------------------ choosing
    def choose(self, choice: pain_choices.Choice) -> None:
        if self.suggestion is None:
            return
        stretch = self.context.library[self.suggestion.stretch]
        before = self.context.settings
        previous = pain_choices.setting_json(before.stretches.get(stretch.id))
        choice_id = NOT_RECORDED
        if self.context.log is not None:
            choice_id = self.context.log.record_choice(
                stretch.id, choice.value, self.now(), previous
            )
        self.suggestion = None
        if choice is pain_choices.Choice.NOT_NOW:
            self.hide()
            return
        self.context.save(pain_choices.apply_choice(before, stretch, choice))
        self.settingsChanged.emit()
        self._undo = (choice_id, stretch.id, previous)
        self.text.setText(self._done_text(choice, stretch.name, stretch.id))
        for button in self.buttons.values():
            button.hide()
        self.undo_button.show()
        self._arrange(self.width())
        self.undo_button.setFocus()

    def _done_text(self, choice: pain_choices.Choice, name: str, stretch_id: str) -> str:
        # Whole sentences each, so a translator sees all of what is said.
        if choice is pain_choices.Choice.SHORTER:
            hold = self.context.settings.stretches[stretch_id].hold or 0
            return ntr(
                "{name} is now held for {seconds} second. "
                "You can undo this here, or change it in Settings.",
                "{name} is now held for {seconds} seconds. "
                "You can undo this here, or change it in Settings.",
                hold,
            ).format(name=name, seconds=hold)
        if choice is pain_choices.Choice.EASIER:
            return tr(
                "{name} is now done the easier way. "
                "You can undo this here, or change it in Settings."
            ).format(name=name)
        return tr(
            "{name} is left out of your sessions for now. "
            "You can undo this here, or change it in Settings."
        ).format(name=name)

    def undo(self) -> None:
        if self._undo is None:
            return
        choice_id, stretch_id, previous = self._undo
        self._undo = None
        self.context.save(pain_choices.undo_choice(self.context.settings, stretch_id, previous))
        if self.context.log is not None and choice_id != NOT_RECORDED:
            self.context.log.undo_choice(choice_id, self.now())
        self.settingsChanged.emit()
        self.text.setText(tr("Undone: the stretch is back as it was."))
        self.undo_button.hide()
