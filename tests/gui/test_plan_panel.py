"""The Plan tab in Settings, and the start view's line about today's plan."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QTime

from backstretch.core.log import SessionLog
from backstretch.core.practice import PracticePlan, local_zone
from backstretch.core.settings import Settings, replace
from backstretch.ui.plan_panel import PlanPanel
from tests.fakes import FakeClock
from tests.gui.helpers import dialog_for, make_window
from tests.log_samples import session

PLAN = PracticePlan(frozenset({0, 2, 4}), time(7, 30), 4, True)


def test_the_panel_shows_and_returns_the_plan(qtbot) -> None:
    panel = PlanPanel(Settings(plan=PLAN))
    qtbot.addWidget(panel)
    assert [box.isChecked() for box in panel.days] == [True, False, True, False, True, False, False]
    assert panel.time.time() == QTime(7, 30) and panel.goal.value() == 4
    assert panel.reminders.isChecked()
    panel.days[0].setChecked(False)
    panel.days[6].setChecked(True)
    panel.time.setTime(QTime(18, 5))
    panel.goal.setValue(2)
    panel.reminders.setChecked(False)
    assert panel.plan() == PracticePlan(frozenset({2, 4, 6}), time(18, 5), 2, False)


def test_every_control_has_an_accessible_name_and_days_are_named_in_full(qtbot) -> None:
    panel = PlanPanel(Settings())
    qtbot.addWidget(panel)
    assert [box.accessibleName() for box in panel.days] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    for widget in (panel.time, panel.goal, panel.reminders):
        assert widget.accessibleName()
    assert not panel.reminders.isChecked()  # reminders are asked for, never assumed


def test_the_dialog_has_a_plan_tab_that_ok_returns_and_reset_keeps(qtbot, clock: FakeClock) -> None:
    window = make_window(qtbot, clock)
    dialog = dialog_for(qtbot, replace(window.context.settings, plan=PLAN), window)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "&Plan" in tabs
    dialog.plan_panel.goal.setValue(5)
    assert dialog.result_settings().plan.weekly_goal == 5
    dialog.reset_to_defaults()
    assert dialog.result_settings().plan.weekly_goal == 5  # the plan is not a default to reset
    window.close()


def test_the_start_view_says_what_the_plan_says_today(qtbot, clock: FakeClock) -> None:
    today = datetime.now(local_zone()).date()
    every_day = PracticePlan(frozenset(range(7)), time(18, 0), 4, False)
    settings = replace(Settings(), safety_accepted=True, plan=every_day)
    window = make_window(qtbot, clock, settings)
    assert window.start_view.plan_line.isHidden()  # no log yet: nothing to count
    session_log = SessionLog.in_memory()
    window.set_log(session_log, [])
    assert window.start_view.plan_line.text() == "Planned today at 18:00 · 0 of 4 this week"
    session_log.add_sessions([session(today)])
    window.refresh_last_session()
    assert window.start_view.plan_line.text() == "Done today · 1 of 4 this week"
    window.context.settings = replace(settings, plan=PracticePlan())
    window.refresh_plan()
    assert window.start_view.plan_line.isHidden()
    window.close()


def test_history_shows_each_week_against_the_goal_in_words(qtbot) -> None:
    from datetime import date, timedelta

    from backstretch.ui.history import HistoryWindow

    today = date(2026, 11, 26)  # a Thursday
    session_log = SessionLog.in_memory()
    session_log.add_sessions(
        [session(today), session(today - timedelta(days=1)), session(today - timedelta(days=7))]
    )
    window = HistoryWindow(session_log, today, plan=PLAN)
    qtbot.addWidget(window)
    assert window.plan_weeks is not None
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs[-1] == "&Plan"
    table = window.plan_weeks
    assert table.rowCount() == 0  # worked out when the tab is first shown, not before
    window.tabs.setCurrentWidget(table)

    def row(number: int) -> list[str]:
        return [table.item(number, column).text() for column in range(3)]

    assert row(0) == ["23 Nov 2026", "2 of 4", "2 to go"]  # this week, still going
    assert row(1) == ["16 Nov 2026", "1 of 4", "3 short"]
    session_log.delete_all()
    window.reload()  # what Delete all does: the weeks follow
    assert row(0) == ["23 Nov 2026", "0 of 4", "4 to go"]
    without = HistoryWindow(session_log, today, plan=PracticePlan())
    qtbot.addWidget(without)
    assert without.plan_weeks is None


def test_changing_the_plan_registers_it_and_tells_problems(
    qtbot, clock: FakeClock, tmp_path
) -> None:
    from backstretch.app import apply_reminders
    from backstretch.core.paths import SchedulerPaths
    from backstretch.desktop import scheduler as s
    from tests.scheduler_fakes import FakeRunner

    window = make_window(qtbot, clock)
    where = SchedulerPaths(tmp_path / "su", tmp_path / "as", tmp_path / "la", tmp_path / "tx")
    scheduler = s.SystemdScheduler(where, FakeRunner(), ["bs"])
    apply_reminders(window, replace(window.context.settings, plan=PLAN), scheduler)
    assert (where.systemd_user_dir / s.TIMER).exists()
    (where.systemd_user_dir / s.SERVICE).write_text("[Service]\nExecStart=/bin/true\n")  # not ours
    apply_reminders(window, replace(window.context.settings, plan=PracticePlan()), scheduler)
    assert window.notice.isVisible() and "was not written by BackStretch" in window.notice.text()
    window.close()


def test_the_tray_icon_comes_only_where_there_is_a_tray(
    qtbot, clock: FakeClock, monkeypatch
) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    from backstretch.ui import tray

    window = make_window(qtbot, clock)
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    assert tray.make_tray(window) is None
    icon = tray.QtTray(window)  # what a desktop with a tray gets
    assert [a.text() for a in icon.menu.actions()] == [
        "Open BackStretch",
        "Start the chosen routine",
    ]
    starts: list[object] = []
    window.start_view.startRequested.connect(starts.append)
    icon.start_action.trigger()
    assert len(starts) == 1  # through the start view's own path
    icon.show_plan("Planned today at 18:00 · 0 of 3 this week")
    assert icon.toolTip().endswith("0 of 3 this week")
    window.close()


def test_the_plan_tab_mnemonics_clash_with_no_other_in_the_dialog(qtbot, clock: FakeClock) -> None:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    window = make_window(qtbot, clock)
    dialog = dialog_for(qtbot, window.context.settings, window)
    texts = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    keys = [m.group(1).lower() for t in texts if (m := re.search(r"&(\w)", t))]
    assert len(keys) == len(set(keys)), sorted(keys)
    window.close()
