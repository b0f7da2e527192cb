"""RoutineCards: the start view's routines as cards, one chosen, with their drawings in a row.

Like the start view (ui/start_view.py), nothing here touches PySide6's Qt namespace: it is part
of the first frame. Item roles and keys are named by number (a test checks them against Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.i18n import tr
from backstretch.core.routines import Routine

ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole (see test_start_view_roles)
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
# Qt.Key values, by number for the same reason (test_start_view_keys_by_number_match_qt).
KEY_HOME, KEY_END, KEY_LEFT, KEY_UP, KEY_RIGHT, KEY_DOWN = range(0x01000010, 0x01000016)
KEY_STEPS = {KEY_UP: -1, KEY_LEFT: -1, KEY_DOWN: 1, KEY_RIGHT: 1}

# Pixel sizes at scale 1 (up to 1100 x 720); the view grows them with the window.
BODY_PX = 20
SMALL_PX = 18  # the controls used before lying down: settings, routines, history
NAME_PX = 26
TITLE_PX = 36
START_PX = 30
THUMB = QSize(96, 60)  # the drawings are 640 x 400
THUMB_GAP = 8
BORDER = 4  # the chosen card's border; the others show its outer pixel only
CHOSEN, UNCHOSEN = "✔", "○"


def pixel_font(widget: QWidget, px: int, bold: bool = False) -> QFont:
    """A font of `px` pixels at scale 1, remembered in base_px so the view can scale it."""
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)
    widget.setProperty("base_px", px)
    return font


def pixel_label(text: str, px: int, bold: bool = False, wrap: bool = True) -> QLabel:
    """A label in a font of `px` pixels at scale 1 (see pixel_font)."""
    label = QLabel(text)
    pixel_font(label, px, bold)
    label.setWordWrap(wrap)
    return label


class ThumbStrip(QWidget):
    """A routine's drawings in a row. As many as fit are drawn, the rest counted ("+3").
    The first paint draws empty cards; the drawings follow in the next turn of the event loop,
    so that the start view's first frame does not wait for QtSvg."""

    def __init__(self, drawings: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawings = drawings
        self.thumb = QSize(THUMB)
        self._pixmaps: dict[Path, QPixmap] | None = None
        self._pending = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.thumb.height())

    def set_scale(self, scale: float) -> None:
        self.thumb = QSize(round(THUMB.width() * scale), round(THUMB.height() * scale))
        self.setFixedHeight(self.thumb.height())
        self._pixmaps = None
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        count = max(1, len(self.drawings))
        return QSize(count * (self.thumb.width() + THUMB_GAP), self.thumb.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.thumb.width(), self.thumb.height())

    def fitting(self) -> tuple[list[Path], int]:
        """The drawings shown and how many more there are."""
        room = max(1, (self.width() + THUMB_GAP) // (self.thumb.width() + THUMB_GAP))
        if len(self.drawings) <= room:
            return self.drawings, 0
        return self.drawings[: room - 1], len(self.drawings) - (room - 1)

    def loaded(self) -> bool:
        return self._pixmaps is not None

    def load(self) -> None:
        self._pending = False
        from backstretch.ui.thumbnails import stretch_thumbnail

        ratio = self.devicePixelRatioF()
        self._pixmaps = {
            path: stretch_thumbnail(path, self.thumb, ratio) for path in set(self.drawings)
        }
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmaps is None:
            # Nothing in the first frame: pens, brushes and QtSvg would each load PySide6's
            # Qt namespace or more before it. The drawings come in the next turn.
            if not self._pending:
                self._pending = True
                QTimer.singleShot(0, self, self.load)
            return
        shown, more = self.fitting()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = self.thumb.width() + THUMB_GAP
        for number, path in enumerate(shown):
            pixmap = self._pixmaps.get(path)
            if pixmap is not None:
                painter.drawPixmap(number * step, 0, pixmap)
        if more:
            x = len(shown) * step
            card = QPainterPath()
            radius = self.thumb.height() * 0.12
            card.addRoundedRect(
                QRectF(x, 0, self.thumb.width(), self.thumb.height()), radius, radius
            )
            painter.fillPath(card, self.palette().color(QPalette.ColorRole.Button))
            text = f"+{more}"
            metrics = painter.fontMetrics()
            painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
            painter.drawText(
                round(x + (self.thumb.width() - metrics.horizontalAdvance(text)) / 2),
                round((self.thumb.height() + metrics.capHeight()) / 2),
                text,
            )
        painter.end()


class RoutineCard(QRadioButton):
    """One routine as a card: a radio button to assistive technology (one of a group, checked
    when chosen), shown as a framed card. The chosen card has a thick border and a tick (✔),
    the others a thin border and an empty ring (○): never colour alone. The border is a
    QFrame's, coloured through its palette, so that the first frame needs no QPen or QBrush
    (their first use loads PySide6's Qt namespace, ~11 ms of start-up)."""

    activated = Signal()

    def __init__(
        self,
        routine: Routine,
        details: str,
        names: str,
        drawings: list[Path],
        spoken_details: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`details` is shown ("5 stretches · 7 min"); `spoken_details` is what a screen reader
        says instead, where the shown text has symbols ("5 stretches, 7 min")."""
        super().__init__(parent)
        self.routine = routine
        self.on_key: Callable[[int], bool] | None = None
        self.name_label = pixel_label(routine.name, NAME_PX, bold=True)
        self.tick = pixel_label(UNCHOSEN, NAME_PX, bold=True, wrap=False)
        self.details_label = pixel_label(details, BODY_PX, wrap=False)  # short; never broken
        self.last_label = pixel_label("", BODY_PX)
        self.last_label.hide()  # until the log is open
        self.strip = ThumbStrip(drawings)
        pixel_font(self.strip, BODY_PX, bold=True)  # for "+3"
        self.names_label = pixel_label(names, BODY_PX)
        if not names:  # (showing a label before its window is shown costs a style polish)
            self.names_label.hide()
        # Box + Raised draws an outer line (Light), a middle one (Mid) and an inner one (Dark):
        # all three in the highlight colour make the thick border, only the outer a thin one.
        self.frame = QFrame()
        self.frame.setFrameShape(QFrame.Shape.Box)
        self.frame.setFrameShadow(QFrame.Shadow.Raised)
        self.frame.setLineWidth(1)
        self.frame.setMidLineWidth(BORDER - 2)
        self.frame.setAutoFillBackground(True)
        self.frame.setBackgroundRole(QPalette.ColorRole.Window)  # not the button's, inherited
        inside = QVBoxLayout(self.frame)
        inside.setContentsMargins(16, 10, 12, 12)
        inside.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.name_label, 1)
        top.addWidget(self.tick)
        facts = QHBoxLayout()
        facts.setSpacing(24)
        facts.addWidget(self.details_label)
        facts.addWidget(self.last_label, 1)
        inside.addLayout(top)
        inside.addLayout(facts)
        inside.addWidget(self.strip)
        inside.addWidget(self.names_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._lines = [routine.name, details, names] if names else [routine.name, details]
        heard = details if spoken_details is None else spoken_details
        self._spoken = (
            tr("{name}, {details}: {names}").format(name=routine.name, details=heard, names=names)
            if names
            else tr("{name}, {details}").format(name=routine.name, details=heard)
        )
        self.toggled.connect(self._show_choice)
        self._show_choice(False)
        self._describe()

    def _show_choice(self, chosen: bool) -> None:
        palette = self.palette()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        edge = highlight if chosen else palette.color(QPalette.ColorRole.Mid)
        card = palette.color(QPalette.ColorRole.Base)
        frame_palette = self.frame.palette()
        frame_palette.setColor(QPalette.ColorRole.Light, edge)
        frame_palette.setColor(QPalette.ColorRole.Mid, highlight if chosen else card)
        frame_palette.setColor(QPalette.ColorRole.Dark, highlight if chosen else card)
        frame_palette.setColor(QPalette.ColorRole.Window, card)
        self.frame.setPalette(frame_palette)
        self.tick.setText(CHOSEN if chosen else UNCHOSEN)
        tick_palette = self.tick.palette()
        # The ring in the text colour: an unchosen card still shows a clear, empty symbol.
        tick_palette.setColor(
            QPalette.ColorRole.WindowText,
            highlight if chosen else palette.color(QPalette.ColorRole.WindowText),
        )
        self.tick.setPalette(tick_palette)

    # The list API the window and its tests used when routines sat in a QListWidget.
    def text(self) -> str:
        """The card's words as lines: name, stretches and time, the stretches' names."""
        return "\n".join(self._lines)

    def data(self, role: int) -> str | None:
        if role == ACCESSIBLE_TEXT_ROLE:
            return self._spoken
        return self.text() if role == DISPLAY_ROLE else None

    def set_last_done(self, text: str | None) -> None:
        self.last_label.setText(text or "")
        self.last_label.setVisible(bool(text))
        self._describe()

    def _describe(self) -> None:
        last = self.last_label.text()
        self.setAccessibleName(self._spoken)
        self.setAccessibleDescription(
            tr("{last}. Arrow keys choose a routine; Enter starts it.").format(last=last)
            if last
            else tr("Arrow keys choose a routine; Enter starts it.")
        )

    # ------------------------------------------------------------------ size and paint
    def sizeHint(self) -> QSize:
        return self.frame.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.frame.minimumSizeHint()

    def hitButton(self, pos: QPoint) -> bool:
        return bool(self.rect().contains(pos))  # the whole card, not just the indicator

    def paintEvent(self, event: QPaintEvent) -> None:
        """Nothing of the radio button itself: its frame and labels draw the card."""

    # ------------------------------------------------------------------ keys and mouse
    def event(self, event: QEvent) -> bool:
        # The window's Up, Left and Right shortcuts belong to the session; on a card they
        # move between routines, so the card claims them before the shortcut sees them.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.key() in KEY_STEPS or event.key() in (KEY_HOME, KEY_END))
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.on_key is not None and self.on_key(event.key()):
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.setChecked(True)  # start the card that was double-clicked, whatever was chosen
        self.activated.emit()


class RoutineCards(QScrollArea):
    """The routine cards, one above the other; one is chosen. Keeps the few list methods
    (count, item, currentRow, setCurrentRow) that the window and its tests use."""

    currentRowChanged = Signal(int)
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self._box = QVBoxLayout(inner)
        self._box.setContentsMargins(2, 2, 2, 2)
        self._box.setSpacing(12)
        self._box.addStretch(1)
        self.setWidget(inner)
        self._cards: list[RoutineCard] = []

    def count(self) -> int:
        return len(self._cards)

    def item(self, row: int) -> RoutineCard:
        return self._cards[row]

    def cards(self) -> list[RoutineCard]:
        return list(self._cards)

    def clear(self) -> None:
        for card in self._cards:
            self._box.removeWidget(card)
            card.setParent(None)
            card.deleteLater()
        self._cards.clear()

    def add(self, card: RoutineCard) -> None:
        card.setAutoExclusive(True)  # the cards share a parent: one chosen at a time
        card.on_key = self._key
        card.toggled.connect(lambda checked, c=card: self._chosen(c) if checked else None)
        card.activated.connect(self.activated.emit)
        self._box.insertWidget(len(self._cards), card)
        self._cards.append(card)

    def currentRow(self) -> int:
        for row, card in enumerate(self._cards):
            if card.isChecked():
                return row
        return -1

    def setCurrentRow(self, row: int) -> None:
        if 0 <= row < len(self._cards):
            self._cards[row].setChecked(True)

    def _chosen(self, card: RoutineCard) -> None:
        self.ensureWidgetVisible(card, 0, 12)
        self.currentRowChanged.emit(self._cards.index(card))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The chosen card may lie below the fold; it is laid out only now, so scroll once the
        # layout has settled.
        QTimer.singleShot(0, self, self.show_current)  # not after self is gone

    def show_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.ensureWidgetVisible(self._cards[row], 0, 12)

    def _key(self, key: int) -> bool:
        """Arrows move the choice (and the focus) to the card before or after; Home, End."""
        if not self._cards:
            return False
        row = max(0, self.currentRow())
        if key in KEY_STEPS:
            row = min(max(row + KEY_STEPS[key], 0), len(self._cards) - 1)
        elif key == KEY_HOME:
            row = 0
        elif key == KEY_END:
            row = len(self._cards) - 1
        else:
            return False
        self.setCurrentRow(row)
        self._cards[row].setFocus()
        return True
