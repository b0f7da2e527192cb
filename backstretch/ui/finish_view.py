"""FinishView: how the session went, stretch by stretch, and start again or close."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.i18n import N_, ntr, ptr, tr
from backstretch.core.summary import ItemOutcome, ItemSummary, Summary
from backstretch.core.timefmt import duration_text

# Pixel sizes, read from a mat 2.5 m away: body text never below 20 px, headings larger.
BODY_PX = 20
NAME_PX = 22
HEADING_PX = 26
TITLE_PX = 40
NUMBER_PX = 60
THUMB = QSize(120, 75)  # the drawings are 640 x 400
WIDE = 1000  # from this width the stretches and the figures sit side by side

# Words and a symbol for each outcome, so that none is told by colour alone; the second words
# are the same inside a sentence (a screen reader's "Knee-to-Chest: partly done."), written out
# because lower-casing a translation is wrong in languages that capitalize nouns.
OUTCOME_TEXT = {
    ItemOutcome.DONE: ("✓", N_("Done"), N_("done")),
    ItemOutcome.PARTLY: ("◐", N_("Partly done"), N_("partly done")),
    ItemOutcome.SKIPPED: ("»", N_("Skipped"), N_("skipped")),
    ItemOutcome.PAIN: ("⚠", N_("Stopped: it hurt"), N_("stopped: it hurt")),
    ItemOutcome.NOT_REACHED: ("○", N_("Not reached"), N_("not reached")),
}
# Orange-red is kept for pain; a darker and a lighter shade keep 4.5:1 on either palette.
PAIN_ON_LIGHT = QColor("#A8310B")
PAIN_ON_DARK = QColor("#FF9B73")

TITLE_DONE = N_("Well done")
TITLE_ENDED = N_("Session ended")
TITLE_PAIN = N_("You stopped because it hurt")

WHAT_TO_DO = (
    N_("Rest in a position that feels easy, such as lying on your back with your knees bent."),
    N_("When you can, move gently: a short, slow walk often helps."),
    N_("Next time, try the easier way of this stretch, or a shorter hold."),
)
# TRANSLATORS: each sign is a line of a list under "Seek urgent care if you notice".
URGENT_SIGNS = (
    N_("numbness in the groin or saddle area"),
    N_("new trouble controlling your bladder or bowels"),
    N_("weakness or pain in both legs"),
)


def _font(widget: QWidget, px: int, bold: bool = False) -> QFont:
    """A font of `px` pixels at scale 1; FinishView scales it with the window (base_px)."""
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setProperty("base_px", px)
    return font


def scale_for(width: int, height: int) -> float:
    """1 up to 1100 x 720, growing with the window to 1.6: full screen on a 1920 x 1080
    laptop reads half as large again from the mat."""
    return round(max(1.0, min(width / 1100, height / 720, 1.6)), 2)


def _label(text: str, px: int, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setFont(_font(label, px, bold))
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names come from files people write
    return label


def pain_colour(widget: QWidget) -> QColor:
    window = widget.palette().color(QPalette.ColorRole.Window)
    return PAIN_ON_DARK if window.lightness() < 128 else PAIN_ON_LIGHT


def time_text(item: ItemSummary) -> str:
    planned = duration_text(item.planned_s)
    if item.outcome is ItemOutcome.NOT_REACHED or item.held_s <= 0:
        return tr("Planned {time}").format(time=planned)
    return tr("Held {held} of {planned}").format(held=duration_text(item.held_s), planned=planned)


class StretchRow(QFrame):
    """One stretch of the session: its drawing, its name, how it went and the time held."""

    def __init__(self, item: ItemSummary, drawing: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.drawing = drawing
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB)
        self.thumb.setAccessibleName(tr("Drawing of {name}").format(name=item.name))
        self._drawn: tuple[float, QSize] | None = None
        symbol, words, in_sentence = OUTCOME_TEXT[item.outcome]
        self.name = _label(item.name, NAME_PX, bold=True)
        self.outcome = _label(
            f"{symbol}  {tr(words)}", BODY_PX, bold=item.outcome is ItemOutcome.PAIN
        )
        self.time = _label(time_text(item), BODY_PX)
        if item.outcome is ItemOutcome.PAIN:
            palette = self.outcome.palette()
            palette.setColor(QPalette.ColorRole.WindowText, pain_colour(self))
            self.outcome.setPalette(palette)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.outcome)
        text.addWidget(self.time)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(14)
        layout.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader walks the rows
        self.setAccessibleName(
            tr("{name}: {outcome}. {time}.").format(
                name=item.name, outcome=tr(in_sentence), time=time_text(item)
            )
        )
        self._scale = 1.0

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        self.thumb.setFixedSize(THUMB * scale)
        self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        self._draw()
        super().showEvent(event)

    def _draw(self) -> None:
        """The drawing for this size and screen pixel ratio, once the row is shown."""
        ratio = self.devicePixelRatioF()
        size = self.thumb.size()
        if self.drawing is None or not self.isVisible() or (ratio, size) == self._drawn:
            return
        from backstretch.ui.thumbnails import stretch_thumbnail

        self._drawn = (ratio, size)
        self.thumb.setPixmap(stretch_thumbnail(self.drawing, size, ratio))


class PainPanel(QFrame):
    """Back pain before and after, side by side as two big numbers, each once given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = _label(tr("Back pain, out of 10"), HEADING_PX, bold=True)
        self.before_number = _label("", NUMBER_PX, bold=True, wrap=False)
        self.after_number = _label("", NUMBER_PX, bold=True, wrap=False)
        self.before_word = _label(ptr("pain rating", "before"), BODY_PX, wrap=False)
        self.after_word = _label(ptr("pain rating", "after"), BODY_PX, wrap=False)
        self.arrow = _label("→", NUMBER_PX // 2, wrap=False)
        self.change = _label("", BODY_PX)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        centre = Qt.AlignmentFlag.AlignCenter
        grid.addWidget(self.before_number, 0, 0, centre)
        grid.addWidget(self.arrow, 0, 1, centre)
        grid.addWidget(self.after_number, 0, 2, centre)
        grid.addWidget(self.before_word, 1, 0, centre)
        grid.addWidget(self.after_word, 1, 2, centre)
        row = QHBoxLayout()
        row.addLayout(grid)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        layout.addWidget(self.change)
        self._text = ""

    def set_values(self, before: int | None, after: int | None) -> None:
        for number, word, value in (
            (self.before_number, self.before_word, before),
            (self.after_number, self.after_word, after),
        ):
            number.setText("" if value is None else str(value))
            number.setVisible(value is not None)
            word.setVisible(value is not None)
        self.arrow.setVisible(before is not None and after is not None)
        self.change.setText("")
        if before is not None and after is not None:
            self._text = tr("Back pain: {before} before, {after} after (out of 10)").format(
                before=before, after=after
            )
            difference = abs(after - before)
            if after == before:
                self.change.setText(tr("The same as before."))
            elif after < before:
                self.change.setText(
                    ntr("{n} point lower.", "{n} points lower.", difference).format(n=difference)
                )
            else:
                self.change.setText(
                    ntr("{n} point higher.", "{n} points higher.", difference).format(n=difference)
                )
        elif before is not None:
            self._text = tr("Back pain: {before} before (out of 10)").format(before=before)
        elif after is not None:
            self._text = tr("Back pain: {after} after (out of 10)").format(after=after)
        else:
            self._text = ""
        self.change.setVisible(bool(self.change.text()))
        self.setAccessibleName(self._text)
        self.setVisible(bool(self._text))

    def text(self) -> str:
        """What a screen reader says: "Back pain: 5 before, 3 after (out of 10)"."""
        return self._text


class WhatToDo(QFrame):
    """After pain: rest, move gently, try it easier, and the signs that need urgent care."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        steps, signs = [tr(line) for line in WHAT_TO_DO], [tr(sign) for sign in URGENT_SIGNS]
        self.heading = _label(tr("What to do now"), HEADING_PX, bold=True)
        self.steps = _label("\n".join(f"•  {line}" for line in steps), BODY_PX)
        urgent = tr("Seek urgent care if you notice")
        self.urgent_heading = _label(f"⚠  {urgent}", BODY_PX, bold=True)
        self.urgent = _label("\n".join(f"•  {sign}" for sign in signs), BODY_PX)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        for widget in (self.heading, self.steps, self.urgent_heading, self.urgent):
            layout.addWidget(widget)
        self.setAccessibleName(tr("What to do now"))
        # TRANSLATORS: {steps} is the three sentences above; {signs} the signs, joined by "; ".
        self.setAccessibleDescription(
            tr("{steps} Seek urgent care if you notice {signs}").format(
                steps=" ".join(steps), signs="; ".join(signs)
            )
        )


class FinishView(QWidget):
    """Every stretch and how it went, total time, pain before and after, the streak, and
    after pain what to do now. Enter presses the default button: Start again, or after pain
    Close, so that a second Enter never starts the stretch that hurt."""

    againRequested = Signal()
    closeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("", TITLE_PX, bold=True)
        self.title.setAccessibleName(tr("Session result"))
        self.summary = _label("", BODY_PX)
        self.summary.setAccessibleName(tr("Session summary"))
        self.streak = _label("", BODY_PX, bold=True)
        self.streak.setAccessibleName(tr("Streak"))
        self.streak.hide()
        self.pain = PainPanel()
        self.pain.hide()
        self.what_to_do = WhatToDo()
        self.what_to_do.hide()
        self.rows_heading = _label(tr("Your stretches"), HEADING_PX, bold=True)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(6)
        self.rows: list[StretchRow] = []

        stretches = QVBoxLayout()
        stretches.addWidget(self.rows_heading)
        stretches.addLayout(self.rows_box)
        stretches.addStretch(1)
        self.figures = figures = QVBoxLayout()
        figures.setSpacing(14)
        figures.addWidget(self.summary)
        figures.addWidget(self.streak)
        figures.addWidget(self.pain)
        figures.addWidget(self.what_to_do)
        figures.addStretch(1)
        # Side by side in a wide window, one above the other in a narrow one.
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.columns.setSpacing(24)
        self.columns.addLayout(figures, 3)
        self.columns.addLayout(stretches, 2)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(8, 8, 8, 8)
        inner.setSpacing(16)
        inner.addWidget(self.title)
        inner.addLayout(self.columns, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAccessibleName(tr("How the session went"))

        self.again_button = QPushButton()
        self.close_button = QPushButton(ptr("button", "Close"))
        for button in (self.again_button, self.close_button):
            button.setMinimumHeight(56)
            button.setFont(_font(button, HEADING_PX, bold=True))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.close_button.setAccessibleName(ptr("button", "Close"))
        self.again_button.clicked.connect(self.againRequested.emit)
        self.close_button.clicked.connect(self.closeRequested.emit)
        self.hint = _label("", BODY_PX)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self._scale = 1.0
        self._set_default(after_pain=False)

    # ------------------------------------------------------------------ what it shows
    def show_summary(
        self,
        summary: Summary,
        completed: bool,
        active_s: float,
        total: int,
        drawings: Mapping[str, Path] | None = None,
    ) -> None:
        """`drawings`: stretch id -> its drawing, asset("illustrations", stretch.illustration)."""
        pain_stop = not completed and summary.ended_on_pain
        title = TITLE_DONE if completed else TITLE_PAIN if pain_stop else TITLE_ENDED
        self.title.setText(tr(title))
        lines = [
            tr("Time stretching: {time}").format(time=duration_text(active_s)),
            tr("Stretches completed: {done} of {total}").format(
                done=summary.completed, total=total
            ),
        ]
        others = [
            tr(words).format(count=count)
            for words, count in (
                (N_("Stopped because it hurt: {count}"), summary.pain),
                (N_("Skipped or partly done: {count}"), summary.skipped),
                (N_("Not reached: {count}"), summary.not_reached),
            )
            if count
        ]
        if others:  # on one line: the rows below say which stretch each was
            lines.append(" · ".join(others))
        self.summary.setText("\n".join(lines))
        self._show_rows(summary, drawings or {})
        # After pain, what to do comes first: it matters more than the figures.
        self.figures.removeWidget(self.what_to_do)
        self.figures.insertWidget(0 if summary.pain else 3, self.what_to_do)
        self.what_to_do.setVisible(summary.pain > 0)
        self._set_default(after_pain=summary.pain > 0)
        self.show_pain(None, None)
        self.set_streak(0)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _show_rows(self, summary: Summary, drawings: Mapping[str, Path]) -> None:
        for row in self.rows:
            self.rows_box.removeWidget(row)
            row.hide()  # at once: deleteLater waits for the event loop
            row.deleteLater()
        self.rows = [StretchRow(item, drawings.get(item.stretch)) for item in summary.items]
        for row in self.rows:
            self.rows_box.addWidget(row)
        self._apply_scale(self._scale)
        self.rows_heading.setVisible(bool(self.rows))

    def show_pain(self, before: int | None, after: int | None) -> None:
        """Before and after side by side once either is given; hidden when neither was."""
        self.pain.set_values(before, after)

    def set_streak(self, days: int) -> None:
        """ "★ 5 days in a row"; a single day is not a streak, and none is not mentioned."""
        streak = ntr("Stretched {days} day in a row", "Stretched {days} days in a row", days)
        self.streak.setText(f"★  {streak.format(days=days)}" if days >= 2 else "")
        self.streak.setVisible(days >= 2)

    # ------------------------------------------------------------------ buttons
    def _set_default(self, after_pain: bool) -> None:
        """After pain the default (Enter) is Close and "Start again" reads "Back to start"."""
        default = self.close_button if after_pain else self.again_button
        again = tr("Back to start") if after_pain else tr("Start again")
        self.again_button.setText(again)
        self.again_button.setAccessibleName(again)
        self.again_button.setAccessibleDescription(
            tr("Back to the routines.")
            if after_pain
            else tr("Back to the routines. Shortcut: Enter.")
        )
        self.close_button.setAccessibleDescription(
            tr("Close BackStretch. Shortcut: Esc or Enter.")
            if after_pain
            else tr("Close BackStretch. Shortcut: Esc.")
        )
        self.again_button.setDefault(not after_pain)
        self.close_button.setDefault(after_pain)
        self.hint.setText(
            tr("Enter or Esc: close") if after_pain else tr("Enter: start again · Esc: close")
        )
        default.setFocus()

    def default_button(self) -> QPushButton:
        return self.close_button if self.close_button.isDefault() else self.again_button

    def press_default(self) -> None:
        """What Enter does on this view (the window's Enter shortcut calls it)."""
        self.default_button().click()

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight
            if size.width() >= WIDE
            else QBoxLayout.Direction.TopToBottom
        )
        scale = scale_for(size.width(), size.height())
        if scale != self._scale:
            self._apply_scale(scale)
        super().resizeEvent(event)

    def _apply_scale(self, scale: float) -> None:
        self._scale = scale
        for widget in self.findChildren(QWidget):
            base = widget.property("base_px")
            if base:
                font = QFont(widget.font())
                font.setPixelSize(round(int(base) * scale))
                widget.setFont(font)
        for row in self.rows:
            row.set_scale(scale)
        for button in (self.again_button, self.close_button):
            button.setMinimumHeight(round(56 * scale))
