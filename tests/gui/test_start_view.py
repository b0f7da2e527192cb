"""The start view: a card per routine, chosen by keys, last done, and one Start on one line."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QRadioButton

from backstretch.core.cues import load_cue_texts
from backstretch.core.log import SessionRow
from backstretch.core.paths import asset
from backstretch.core.routines import Routine, RoutineListing
from backstretch.core.settings import Settings, replace
from backstretch.ui import routine_cards
from backstretch.ui.routine_cards import RoutineCard
from backstretch.ui.start_view import StartView
from tests.fakes import SHORT_ROUTINE, FakeClock, routine_from_text, write
from tests.gui.helpers import assert_nothing_clipped, logged_window, make_window

BUNDLED_TEXT = asset("routines", "lower-back-relief.toml").read_text(encoding="utf-8")


def routines() -> tuple[Routine, ...]:
    bundled = dataclasses.replace(routine_from_text(BUNDLED_TEXT), id="lower-back-relief")
    short = dataclasses.replace(routine_from_text(SHORT_ROUTINE), id="short")
    head, _, items = BUNDLED_TEXT.partition("[[item]]")
    twice = routine_from_text(head + ("[[item]]" + items + "\n") * 2)
    twice = dataclasses.replace(twice, id="twice", name="Everything twice, slowly")
    return bundled, short, twice


def shown(
    qtbot, size: tuple[int, int] = (800, 560), accepted: bool = True, **settings
) -> StartView:
    view = StartView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_routines(
        RoutineListing(routines(), ()), load_cue_texts(), replace(Settings(), **settings)
    )
    view.set_safety_accepted(accepted)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()  # keys and focus need the active window
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_keys_by_number_match_qt() -> None:
    assert tuple(
        k.value
        for k in (
            Qt.Key.Key_Home,
            Qt.Key.Key_End,
            Qt.Key.Key_Left,
            Qt.Key.Key_Up,
            Qt.Key.Key_Right,
            Qt.Key.Key_Down,
        )
    ) == (
        routine_cards.KEY_HOME,
        routine_cards.KEY_END,
        routine_cards.KEY_LEFT,
        routine_cards.KEY_UP,
        routine_cards.KEY_RIGHT,
        routine_cards.KEY_DOWN,
    )
    assert Qt.ItemDataRole.DisplayRole.value == routine_cards.DISPLAY_ROLE


def test_each_routine_is_a_card_with_drawings_name_and_time(qtbot) -> None:
    view = shown(qtbot, (1100, 720))
    cards = view.routines.cards()
    assert [c.name_label.text() for c in cards] == [
        "Lower back relief",
        "Short",
        "Everything twice, slowly",
    ]
    assert [c.details_label.text() for c in cards] == [
        "5 stretches · 7 min 36 s",
        "2 stretches · 1 min 18 s",
        "10 stretches · 15 min 22 s",
    ]
    first = cards[0]
    assert [p.name for p in first.strip.drawings] == [
        asset("illustrations", item.stretch.illustration).name for item in first.routine.items
    ]
    assert all(p.is_file() for p in first.strip.drawings)
    # A screen reader hears a radio button in a group, with the routine in one line.
    assert isinstance(first, QRadioButton) and first.autoExclusive()
    assert first.accessibleName() == (
        "Lower back relief, 5 stretches, 7 min 36 s: Child's Pose, Knee-to-Chest, "
        "Piriformis Stretch, Seated Spinal Twist, Pelvic Tilts"
    )
    assert "Enter starts it" in first.accessibleDescription()
    assert view.routines.accessibleName() == "Routines"
    # The drawings follow the first frame.
    qtbot.waitUntil(lambda: all(c.strip.loaded() for c in cards))
    shown_paths, more = cards[2].strip.fitting()
    assert len(shown_paths) + more == 10


def test_a_long_routine_counts_the_drawings_that_do_not_fit(qtbot) -> None:
    view = shown(qtbot, (800, 560))
    shown_paths, more = view.routines.item(2).strip.fitting()
    assert more > 0 and len(shown_paths) + more == 10


def test_the_chosen_card_is_marked_by_border_and_tick_not_colour_alone(qtbot) -> None:
    view = shown(qtbot, (1100, 720), routine="short")
    qtbot.wait(1)
    chosen, other = view.routines.item(1), view.routines.item(0)
    assert view.routines.currentRow() == 1 and view.selected_routine().id == "short"
    assert chosen.isChecked() and not other.isChecked()
    # A symbol: a tick on the chosen card, an empty ring on the others.
    assert (chosen.tick.text(), other.tick.text()) == ("✔", "○")
    assert chosen.tick.isVisible() and other.tick.isVisible()
    highlight = chosen.palette().color(QPalette.ColorRole.Highlight)

    def near(a: QColor, b: QColor) -> bool:
        return max(abs(x - y) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)) < 40

    def edge(card: RoutineCard) -> list[bool]:
        """Is each of the first six pixels from the left edge, halfway down, the highlight?"""
        image = card.grab().toImage()
        ratio = image.devicePixelRatio()
        y = round(card.height() / 2 * ratio)
        return [near(image.pixelColor(round(x * ratio), y), highlight) for x in range(6)]

    # A thick border (4 px) in the highlight colour on the chosen card only.
    assert edge(chosen)[:4] == [True] * 4 and not edge(chosen)[5]
    assert not any(edge(other))
    view.routines.setCurrentRow(0)
    assert (chosen.tick.text(), other.tick.text()) == ("○", "✔")
    assert edge(other)[:4] == [True] * 4 and not any(edge(chosen))


def test_arrow_keys_move_between_cards_and_enter_starts(qtbot) -> None:
    view = shown(qtbot)
    cards = view.routines.cards()
    cards[0].setFocus()
    assert view.routines.currentRow() == 0
    qtbot.keyClick(cards[0], Qt.Key.Key_Down)
    assert view.routines.currentRow() == 1 and cards[1].hasFocus()
    qtbot.keyClick(cards[1], Qt.Key.Key_Right)
    assert view.routines.currentRow() == 2 and cards[2].hasFocus()
    qtbot.keyClick(cards[2], Qt.Key.Key_Down)  # stays on the last
    assert view.routines.currentRow() == 2
    qtbot.keyClick(cards[2], Qt.Key.Key_Up)
    assert view.routines.currentRow() == 1
    qtbot.keyClick(cards[1], Qt.Key.Key_Home)
    assert view.routines.currentRow() == 0 and cards[0].hasFocus()
    qtbot.keyClick(cards[0], Qt.Key.Key_End)
    assert view.routines.currentRow() == 2
    # The chosen card is scrolled into view at 800 x 560.
    top = cards[2].mapTo(view.routines.viewport(), cards[2].rect().topLeft()).y()
    assert 0 <= top < view.routines.viewport().height()
    with qtbot.waitSignal(view.startRequested, timeout=100) as started:
        qtbot.mouseDClick(cards[1].name_label, Qt.MouseButton.LeftButton)
    assert started.args == [cards[1].routine]


def test_in_the_window_up_and_left_choose_routines_not_session_controls(
    qtbot, clock: FakeClock
) -> None:
    window = make_window(qtbot, clock)
    for name in ("Alpha", "Beta"):
        write(
            window.context.paths.routines_dir / f"{name.lower()}.toml",
            SHORT_ROUTINE.replace('name = "Short"', f'name = "{name}"'),
        )
    window.refresh_routines()
    cards = window.start_view.routines.cards()
    assert len(cards) == 3
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    cards[0].setFocus()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Up)
    assert window.start_view.selected_routine().name == "Alpha"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.session_view
    assert window.engine().plan.routine.name == "Alpha"
    window.close()


def test_start_reads_as_one_action_on_one_line(qtbot) -> None:
    view = shown(qtbot)
    button = view.start_button
    assert "\n" not in button.text() and button.text().startswith("Start")
    assert QFontMetrics(button.font()).horizontalAdvance(button.text()) < button.width() - 16
    assert button.height() >= 48 and button.isDefault()
    assert button.accessibleName() == "Start"
    assert "Shortcut: Enter" in button.accessibleDescription()
    assert view.start_hint.isVisible() and "Enter" in view.start_hint.text()
    hint_top = view.start_hint.mapTo(view, view.start_hint.rect().topLeft()).y()
    assert hint_top >= button.mapTo(view, button.rect().bottomLeft()).y()  # below it
    starts = view.findChildren(type(button))
    assert [b for b in starts if b.text().startswith("Start")] == [button]  # only one


def test_last_done_per_routine(qtbot) -> None:
    view = shown(qtbot)
    cards = view.routines.cards()
    assert not any(c.last_label.isVisible() for c in cards)  # the log is not open yet
    view.set_last_done({"lower-back-relief": "Last done: yesterday"})
    assert [c.last_label.text() for c in cards] == [
        "Last done: yesterday",
        "Not done yet",
        "Not done yet",
    ]
    assert all(c.last_label.isVisible() for c in cards)
    assert "Last done: yesterday" in cards[0].accessibleDescription()


def test_the_window_passes_last_done_from_the_log(qtbot, clock: FakeClock) -> None:
    window, session_log = logged_window(qtbot, clock)
    card = window.start_view.routines.item(0)
    assert card.last_label.text() == "Not done yet"
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    routine_id = card.routine.id
    session_log.add_sessions(
        [
            SessionRow(0, yesterday, None, routine_id, "x", "completed", 60, 60, None, None, ""),
            # Opened and stopped at once today: not "done", so it does not count.
            SessionRow(
                0,
                yesterday + timedelta(days=1),
                None,
                routine_id,
                "x",
                "stopped",
                60,
                1,
                None,
                None,
                "",
            ),
        ]
    )
    window.show_start()
    assert window.start_view.routines.item(0).last_label.text() == "Last done: yesterday"


@pytest.mark.parametrize("size", [(800, 560), (1100, 720), (1920, 1080)])
@pytest.mark.parametrize("accepted", [True, False], ids=["usual", "first-run"])
def test_nothing_clipped(qtbot, size: tuple[int, int], accepted: bool) -> None:
    view = shown(qtbot, size, accepted=accepted)
    view.set_last_done({"short": "Last done: 12 September 2025"})
    view.set_last_session("Last session: yesterday, 9 min. Stretched 5 days in a row.")
    qtbot.wait(1)
    assert (view.width(), view.height()) == size
    assert_nothing_clipped(view)
    for button in (view.start_button, view.history_button, view.accept_button):
        if button.isVisibleTo(view):
            corner = button.mapTo(view, button.rect().bottomRight())
            assert corner.x() < size[0] and corner.y() < size[1]


def test_text_grows_with_the_window(qtbot) -> None:
    view = shown(qtbot, (1100, 720))
    card = view.routines.item(0)
    small = card.name_label.font().pixelSize()
    view.resize(1920, 1080)
    qtbot.wait(1)
    assert card.name_label.font().pixelSize() >= small * 1.4
    assert card.strip.height() > 60


def test_a_routine_from_the_command_line_gets_a_card(qtbot, tmp_path) -> None:
    view = shown(qtbot)
    extra = dataclasses.replace(
        routine_from_text(SHORT_ROUTINE), name="From a file", path=tmp_path / "f.toml"
    )
    view.select(extra)
    assert view.routines.count() == 4 and view.selected_routine() is extra
    assert view.routines.item(3).name_label.text() == "From a file"


def test_in_the_smallest_window_nothing_is_clipped(qtbot, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)
    window.resize(800, 560)
    window.start_view.set_last_done({})
    window.start_view.set_last_session("Last session: yesterday, 9 min. Stretched 5 days in a row.")
    qtbot.wait(1)
    assert (window.width(), window.height()) == (800, 560)
    assert_nothing_clipped(window.start_view)
    window.close()
