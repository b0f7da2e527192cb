"""The history window on a real log file: order, sorting, filter, exports, delete, painting."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QWidget

from backstretch.core.log import SessionLog, open_log
from backstretch.ui.history import BEFORE_COLOUR, HistoryWindow
from tests.export_readers import parse_csv
from tests.log_samples import TODAY, filled_log, holds, session


@pytest.fixture
def session_log(tmp_path: Path) -> SessionLog:
    rows = [
        session(TODAY, hour=7, minutes=9, pain=(6, 4), note="easier"),
        session(TODAY - timedelta(days=1), minutes=20, pain=(7, 5)),
        session(
            TODAY - timedelta(days=2), status="stopped", minutes=2, hold_rows=holds("done", "pain")
        ),
        session(TODAY - timedelta(days=30), minutes=5),
        session(TODAY - timedelta(days=200), minutes=12),  # before the 12 weeks shown
    ]
    return filled_log(tmp_path / "sessions.sqlite3", rows)


def make_window(qtbot, session_log: SessionLog, palette: QPalette | None = None) -> HistoryWindow:
    window = HistoryWindow(session_log, TODAY, names={"knee-to-chest": "Knee-to-Chest"})
    if palette is not None:
        window.setPalette(palette)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def dates_shown(window: HistoryWindow) -> list[date]:
    return [row.started_at.date() for row in window.sessions_shown()]


def test_sessions_newest_first_and_sortable(qtbot, session_log: SessionLog) -> None:
    window = make_window(qtbot, session_log)
    assert dates_shown(window) == sorted(dates_shown(window), reverse=True)
    assert len(dates_shown(window)) == 5
    proxy = window.proxy
    assert proxy.index(0, 0).data() == "Thu 14 Mar 2024, 07:00"
    assert [proxy.index(0, c).data() for c in range(1, 9)] == [
        "Lower back relief",
        "9 min",
        "Completed",
        "2",
        "0",
        "0",
        "6 → 4",
        "easier",
    ]
    assert proxy.index(2, 3).data() == "Ended early" and proxy.index(2, 6).data() == "1"
    window.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by time stretched
    assert [round(r.seconds / 60) for r in window.sessions_shown()] == [2, 5, 9, 12, 20]
    window.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # by pain, none last
    assert [r.pain_before for r in window.sessions_shown()][:2] == [7, 6]
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert dates_shown(window)[0] == TODAY
    assert window.summary.text().startswith("5 sessions, 48 min in all. Stretched 3 days")


def test_the_date_filter_reduces_the_rows(qtbot, session_log: SessionLog) -> None:
    window = make_window(qtbot, session_log)
    assert window.shown.text() == "5 sessions"
    window.date_from.setDate(window.date_from.date().addDays(190))  # from 10 days ago
    assert window.proxy.rowCount() == 3 and window.shown.text() == "3 of 5 sessions"
    window.date_to.setDate(window.date_to.date().addDays(-1))  # until yesterday
    assert dates_shown(window) == [TODAY - timedelta(days=1), TODAY - timedelta(days=2)]
    window.show_all_button.click()
    assert window.proxy.rowCount() == 5


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_writes_the_sessions_shown(
    qtbot, session_log: SessionLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    window = make_window(qtbot, session_log)
    target = tmp_path / "out" / f"history.{kind}"
    asked: list[str] = []

    def save_as(_parent: QWidget, title: str, *_args: object) -> tuple[str, str]:
        asked.append(title)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    (window.csv_button if kind == "csv" else window.json_button).click()
    assert asked == [f"Export history as {kind.upper()}"]
    text = target.read_text(encoding="utf-8")
    if kind == "csv":
        assert parse_csv(text) == session_log.sessions()
    else:
        assert [d["started_at"][:10] for d in json.loads(text)] == [
            d.isoformat() for d in dates_shown(window)
        ]
    assert window.status.text() == f"Saved 5 sessions to {target}."
    # With a date range, only what is shown; a cancelled dialog writes nothing.
    window.date_from.setDate(window.date_to.date())
    window.export(kind)
    assert (
        len(parse_csv(target.read_text()) if kind == "csv" else json.loads(target.read_text())) == 1
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    target.unlink()
    assert window.export(kind) is None and not target.exists()


def test_a_failed_export_is_told(
    qtbot, session_log: SessionLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, session_log)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(blocker / "x.csv"), ""))
    assert window.export("csv") is None
    assert window.status.text().startswith(f"Could not save {blocker / 'x.csv'}")


def test_delete_all_asks_first(qtbot, session_log: SessionLog, monkeypatch) -> None:
    window = make_window(qtbot, session_log)
    monkeypatch.setattr(window, "confirm_delete", lambda: False)
    window.delete_button.click()
    assert len(session_log.sessions()) == 5 and window.proxy.rowCount() == 5
    monkeypatch.setattr(window, "confirm_delete", lambda: True)
    window.delete_button.click()
    assert session_log.sessions() == [] and window.proxy.rowCount() == 0
    assert window.status.text() == "All history was deleted."
    assert window.summary.text() == "No sessions yet. Your sessions will appear here."


def test_per_stretch_counts_when_their_tab_opens(qtbot, session_log: SessionLog) -> None:
    window = make_window(qtbot, session_log)
    assert window.stretch_model.rowCount() == 0  # not counted until needed
    window.tabs.setCurrentIndex(2)
    model = window.stretch_model
    assert [model.index(0, c).data() for c in range(4)] == ["Knee-to-Chest", "9", "0", "1"]


def colour_at(widget: QWidget, point: QPoint) -> QColor:
    return widget.grab().toImage().pixelColor(point)


@pytest.mark.parametrize("dark", [False, True])
def test_charts_and_calendar_paint_in_the_palette(
    qtbot, session_log: SessionLog, dark: bool
) -> None:
    palette = None
    if dark:
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#8ab4f8"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#202124"))
    window = make_window(qtbot, session_log, palette)
    highlight = window.palette().color(QPalette.ColorRole.Highlight)

    chart = window.minutes_chart
    assert [round(w.minutes) for w in chart.weeks[-2:]] == [0, 9 + 20 + 2]
    bar = chart.bar_rect(len(chart.weeks) - 1)
    assert colour_at(chart, bar.center().toPoint()) == highlight
    empty = chart.bar_rect(0)
    assert colour_at(chart, QPoint(int(empty.center().x()), int(chart.y_of(5)))) != highlight
    assert "14 Mar" not in chart.accessibleDescription()
    assert chart.accessibleDescription().endswith("4 Mar: 0, 11 Mar: 31.")

    pain = window.pain_chart
    last = len(pain.weeks) - 1
    after_point = QPoint(round(pain.x_of(last)), round(pain.y_of(4.5)))
    before_point = QPoint(round(pain.x_of(last)), round(pain.y_of(6.5)))
    assert colour_at(pain, after_point) == highlight
    assert colour_at(pain, before_point) == QColor(BEFORE_COLOUR)
    assert "11 Mar: before 6.5, after 4.5" in pain.accessibleDescription()

    calendar = window.calendar
    stretched = calendar.cell_rect(TODAY - timedelta(days=1))
    inside = QPoint(int(stretched.left() + stretched.width() * 0.12), int(stretched.center().y()))
    assert colour_at(calendar, inside) == highlight
    missed = calendar.cell_rect(TODAY - timedelta(days=5))
    assert colour_at(calendar, missed.center().toPoint()) != highlight
    assert calendar.accessibleDescription() == (
        "You stretched on 4 of the last 81 days, from 25 Dec to 14 Mar."
    )


def test_an_empty_log_opens_and_paints(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, open_log(tmp_path / "empty.sqlite3").log)
    assert window.proxy.rowCount() == 0
    assert window.summary.text() == "No sessions yet. Your sessions will appear here."
    for widget in (window.calendar, window.minutes_chart, window.pain_chart):
        assert not widget.grab().isNull()
    assert window.pain_chart.accessibleDescription().endswith("no ratings yet.")


def test_every_control_is_named_and_reachable_by_keyboard(qtbot, session_log) -> None:
    window = make_window(qtbot, session_log)
    controls = [
        window.table,
        window.stretch_table,
        window.date_from,
        window.date_to,
        window.calendar,
        window.minutes_chart,
        window.pain_chart,
        window.tabs,
        window.show_all_button,
        window.csv_button,
        window.json_button,
        window.delete_button,
        window.close_button,
    ]
    for control in controls:
        name = control.accessibleName() or (
            control.text() if isinstance(control, QAbstractButton) else ""
        )
        assert name, control
        assert control.focusPolicy() != Qt.FocusPolicy.NoFocus, control
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_today_comes_from_the_clock_handed_in(qtbot, session_log) -> None:
    """The wall clock is injected like the monotonic one: a window left open past midnight
    reads the new day when it reloads (after Delete all), and no test depends on the date."""
    days = iter([TODAY, TODAY + timedelta(days=1)])
    window = HistoryWindow(session_log, lambda: next(days))
    qtbot.addWidget(window)
    assert window.today == TODAY
    window.reload()
    assert window.today == TODAY + timedelta(days=1)
    assert window.stats.today == TODAY + timedelta(days=1)


def test_every_word_of_the_window_goes_through_the_catalog(qtbot, session_log) -> None:
    """Built with the pseudo-translation on, the window shows no English text of its own:
    titles, headers, summary, status words and chart descriptions all come back changed."""
    from backstretch.core import i18n

    i18n.set_pseudo(True)
    try:
        window = make_window(qtbot, session_log)
        texts = [
            window.windowTitle(),
            window.summary.text(),
            window.shown.text(),
            window.tabs.tabText(0),
            window.csv_button.text(),
            window.proxy.headerData(0, Qt.Orientation.Horizontal),
            window.proxy.index(2, 3).data(),  # "Ended early"
            window.calendar.accessibleDescription(),
            window.minutes_chart.accessibleDescription(),
            window.pain_chart.accessibleName(),
        ]
    finally:
        i18n.set_pseudo(False)
    english = ("Your history", "Sessions", "Overview", "Ended early", "Date and time", "Pain trend")
    for text in texts:
        assert "ẍ" in text, text  # the pseudo-translation's padding
        assert text not in english
