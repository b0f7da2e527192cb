"""StartView: pick a routine card, see its stretches, time and when it was last done, and start.

The start view is what the first frame shows, so nothing here touches PySide6's Qt namespace
(its first use builds every enum of it, ~11 ms): item roles and keys are named by number (a
test checks them against Qt), and the drawings are rendered (QtSvg) just after the first frame.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backstretch.core.cues import CueTexts
from backstretch.core.paths import asset
from backstretch.core.plan import build_plan
from backstretch.core.routines import Routine, RoutineListing
from backstretch.core.settings import Settings
from backstretch.core.timefmt import duration_text

ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole (see test_start_view_roles)
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
# Qt.Key values, by number for the same reason (test_start_view_keys_by_number_match_qt).
KEY_HOME, KEY_END, KEY_LEFT, KEY_UP, KEY_RIGHT, KEY_DOWN = range(0x01000010, 0x01000016)
KEY_STEPS = {KEY_UP: -1, KEY_LEFT: -1, KEY_DOWN: 1, KEY_RIGHT: 1}

SAFETY_TEXT = (
    "BackStretch guides gentle stretches; it is not medical advice and does not replace a "
    "clinician. Move slowly and never bounce. Stop if a stretch hurts: press H at any time. "
    "Ask a doctor or physiotherapist first if your pain is severe or new, or comes with "
    "numbness, weakness, or changes in bladder or bowel control."
)
NOT_DONE_YET = "Not done yet"

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


def _font(widget: QWidget, px: int, bold: bool = False) -> QFont:
    """A font of `px` pixels at scale 1, remembered in base_px so the view can scale it."""
    font = QFont(widget.font())
    font.setPixelSize(px)
    font.setBold(bold)
    widget.setFont(font)
    widget.setProperty("base_px", px)
    return font


def _label(text: str, px: int, bold: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    _font(label, px, bold)
    label.setWordWrap(wrap)
    return label


def scale_for(width: int, height: int) -> float:
    """1 up to 1100 x 720, growing with the window to 1.5 (full screen at 1920 x 1080)."""
    return round(max(1.0, min(width / 1100, height / 720, 1.5)), 2)


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.routine = routine
        self.on_key: Callable[[int], bool] | None = None
        self.name_label = _label(routine.name, NAME_PX, bold=True)
        self.tick = _label(UNCHOSEN, NAME_PX, bold=True, wrap=False)
        self.details_label = _label(details, BODY_PX, wrap=False)  # short; never broken
        self.last_label = _label("", BODY_PX)
        self.last_label.hide()  # until the log is open
        self.strip = ThumbStrip(drawings)
        _font(self.strip, BODY_PX, bold=True)  # for "+3"
        self.names_label = _label(names, BODY_PX)
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
        self._spoken = f"{routine.name}, {details.replace(' · ', ', ')}" + (
            f": {names}" if names else ""
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
            (f"{last}. " if last else "") + "Arrow keys choose a routine; Enter starts it."
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


class StartView(QWidget):
    """The first screen: routine cards, voice on/off, last session, and one big Start."""

    startRequested = Signal(object)
    safetyAccepted = Signal()
    voiceToggled = Signal(bool)
    settingsRequested = Signal()
    routinesRequested = Signal()
    historyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = _label("BackStretch", TITLE_PX, bold=True, wrap=False)
        self.subtitle = _label("Gentle, guided stretches for your lower back.", BODY_PX)

        self.safety = QFrame()
        self.safety.setFrameShape(QFrame.Shape.StyledPanel)
        self.safety.setAccessibleName("Safety notice")
        safety_layout = QVBoxLayout(self.safety)
        heading = _label("Before you start", NAME_PX, bold=True)
        self.safety_text = _label(SAFETY_TEXT, BODY_PX)
        self.accept_button = QPushButton("I understand")
        _font(self.accept_button, BODY_PX, bold=True)
        self.accept_button.setMinimumHeight(48)
        self.accept_button.setAccessibleName("I understand")
        self.accept_button.setAccessibleDescription("Accept the safety notice; it is shown once.")
        self.accept_button.clicked.connect(self._accept)
        safety_layout.addWidget(heading)
        safety_layout.addWidget(self.safety_text)
        accept_row = QHBoxLayout()
        accept_row.addStretch(1)
        accept_row.addWidget(self.accept_button)
        safety_layout.addLayout(accept_row)

        self.routines = RoutineCards()
        self.routines.setAccessibleName("Routines")
        self.routines.setAccessibleDescription(
            "Choose a routine with the arrow keys, then press Enter to start."
        )
        self.routines.activated.connect(self.request_start)

        self.voice = QCheckBox("Spoken cues")
        _font(self.voice, SMALL_PX)
        self.voice.setMinimumHeight(48)
        self.voice.setAccessibleDescription("Read each step and count aloud. Shortcut: M.")
        self.voice.toggled.connect(self.voiceToggled.emit)
        self.settings_button = QPushButton("&Settings…")
        self.settings_button.setAccessibleName("Settings")
        self.settings_button.setAccessibleDescription(
            "Hold times per stretch, timings between holds, voice and sounds. Shortcut: Alt+S."
        )
        self.settings_button.clicked.connect(self.settingsRequested.emit)
        self.routines_button = QPushButton("&Routines…")
        self.routines_button.setAccessibleName("Routines")
        self.routines_button.setAccessibleDescription(
            "Make, change, import and export routines of your own. Shortcut: Alt+R."
        )
        self.routines_button.clicked.connect(self.routinesRequested.emit)
        self.history_button = QPushButton("Histor&y…")
        self.history_button.setAccessibleName("History")
        self.history_button.setAccessibleDescription(
            "Your past sessions, streak and pain ratings; export for your clinician. Alt+Y."
        )
        self.history_button.setEnabled(False)  # until the log is open
        self.history_button.clicked.connect(self.historyRequested.emit)
        for button in (self.settings_button, self.routines_button, self.history_button):
            _font(button, SMALL_PX)
            button.setMinimumHeight(48)
        self.last_session = _label("", BODY_PX)
        self.last_session.setAccessibleName("Last session")
        self.last_session.hide()
        self.problems = _label("", BODY_PX)
        self.problems.hide()
        # The practice plan's word on today: "Planned today at 18:00 · 3 of 4 this week".
        self.plan_line = _label("", BODY_PX)
        self.plan_line.setAccessibleName("Your plan")
        self.plan_line.hide()

        # One clear action on one line; the key is said in the description and the hint.
        self.start_button = QPushButton("Start  ▶")
        _font(self.start_button, START_PX, bold=True)
        self.start_button.setProperty("base_min", (220, 72))
        self.start_button.setAccessibleName("Start")
        self.start_button.setAccessibleDescription("Start the chosen routine. Shortcut: Enter.")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.request_start)
        self.start_hint = _label("or press Enter", SMALL_PX, wrap=False)
        self.start_hint.setAccessibleName("Shortcut: Enter")

        start = QVBoxLayout()
        start.setSpacing(2)
        start.addWidget(self.start_button)
        hint_row = QHBoxLayout()
        hint_row.addStretch(1)
        hint_row.addWidget(self.start_hint)
        hint_row.addStretch(1)
        start.addLayout(hint_row)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.voice)
        bottom.addWidget(self.settings_button)
        bottom.addWidget(self.routines_button)
        bottom.addWidget(self.history_button)
        bottom.addStretch(1)
        bottom.addSpacing(10)
        bottom.addLayout(start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.last_session)  # in the subtitle's place once there is one
        layout.addWidget(self.plan_line)
        layout.addWidget(self.safety)
        layout.addWidget(self.routines, 1)
        layout.addWidget(self.problems)
        layout.addLayout(bottom)
        self._routines: list[Routine] = []
        self._last_done: dict[str, str] | None = None
        self._scale = 1.0
        self._scale_widgets([self.start_button], 1.0)

    def set_routines(self, listing: RoutineListing, texts: CueTexts, settings: Settings) -> None:
        self.routines.clear()
        self._routines = list(listing.routines)
        chosen = 0
        for row, routine in enumerate(self._routines):
            plan = build_plan(routine, texts, settings.rate)
            count = len(routine.items)
            details = f"{count} stretch{'es' if count != 1 else ''} · {duration_text(plan.total_s)}"
            self._add_card(routine, details, ", ".join(routine.stretch_names))
            if settings.routine in (routine.id, routine.name):
                chosen = row
        self.routines.setCurrentRow(chosen)
        if listing.problems:
            lines = "\n".join(str(p) for p in listing.problems[:5])
            self.problems.setText(
                f"Some routine files could not be read and are not listed:\n{lines}"
            )
            self.problems.show()
        else:
            self.problems.hide()

    def _add_card(self, routine: Routine, details: str, names: str) -> RoutineCard:
        drawings = [asset("illustrations", item.stretch.illustration) for item in routine.items]
        card = RoutineCard(routine, details, names, drawings)
        self.routines.add(card)
        card.set_last_done(self._last_done_text(routine))
        self._scale_widgets([card, *card.findChildren(QWidget)], self._scale)
        return card

    def _last_done_text(self, routine: Routine) -> str | None:
        if self._last_done is None:
            return None  # the log is not open (yet): say nothing rather than "not done"
        return self._last_done.get(routine.id or routine.name, NOT_DONE_YET)

    def set_last_done(self, texts: Mapping[str, str]) -> None:
        """Routine id -> "Last done: yesterday"; a routine not in `texts` is not done yet."""
        self._last_done = dict(texts)
        for card in self.routines.cards():
            card.set_last_done(self._last_done_text(card.routine))

    def set_suggestion_bar(self, bar: QWidget) -> None:
        """Issue 16: the "listening to pain" bar (ui/suggestion_bar.py), above the routines."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.routines), bar)
        widgets = [bar, *bar.findChildren(QWidget)]
        for widget in widgets:  # read from the mat like the rest of the view, and scaled with it
            _font(widget, SMALL_PX if isinstance(widget, QPushButton) else BODY_PX)
        self._scale_widgets(widgets, self._scale)

    def set_last_session(self, text: str | None) -> None:
        """ "Last session: yesterday, 9 min. Stretched 5 days in a row." (hidden before any)."""
        self.last_session.setText(text or "")
        self.last_session.setVisible(bool(text))
        self.subtitle.setVisible(not text)

    def set_plan_line(self, text: str | None) -> None:
        """What the practice plan says about today; hidden without a plan."""
        self.plan_line.setText(text or "")
        self.plan_line.setVisible(bool(text))

    def set_safety_accepted(self, accepted: bool) -> None:
        self.safety.setVisible(not accepted)
        self.start_button.setEnabled(accepted)
        self.start_hint.setVisible(accepted)
        (self.start_button if accepted else self.accept_button).setFocus()

    def _accept(self) -> None:
        self.set_safety_accepted(True)
        self.safetyAccepted.emit()

    def select(self, routine: Routine) -> None:
        """Show a routine chosen on the command line (a file may not be in the list yet)."""
        for row, known in enumerate(self._routines):
            if known.path == routine.path and known.name == routine.name:
                self.routines.setCurrentRow(row)
                return
        self._routines.append(routine)
        self._add_card(routine, str(routine.path or ""), "")
        self.routines.setCurrentRow(len(self._routines) - 1)

    def selected_routine(self) -> Routine | None:
        row = self.routines.currentRow()
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def request_start(self) -> None:
        routine = self.selected_routine()
        if routine is not None and self.start_button.isEnabled():
            self.startRequested.emit(routine)

    # ------------------------------------------------------------------ size
    def resizeEvent(self, event: QResizeEvent) -> None:
        scale = scale_for(event.size().width(), event.size().height())
        if scale != self._scale:
            self._scale = scale
            self._scale_widgets(self.findChildren(QWidget), scale)
        super().resizeEvent(event)

    @staticmethod
    def _scale_widgets(widgets: list[QWidget], scale: float) -> None:
        for widget in widgets:
            base = widget.property("base_px")
            if base:
                font = QFont(widget.font())
                font.setPixelSize(round(int(base) * scale))
                widget.setFont(font)
            smallest = widget.property("base_min")
            if smallest:
                widget.setMinimumSize(round(smallest[0] * scale), round(smallest[1] * scale))
            if isinstance(widget, ThumbStrip):
                widget.set_scale(scale)
