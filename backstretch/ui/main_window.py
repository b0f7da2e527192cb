"""MainWindow: start view, session view and finish view, with the keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from backstretch.core.i18n import tr
from backstretch.core.paths import asset
from backstretch.core.routines import Routine, list_routines
from backstretch.core.settings import replace
from backstretch.ui.context import Context
from backstretch.ui.start_view import StartView

if TYPE_CHECKING:
    from backstretch.core.engine import SessionEngine
    from backstretch.core.log import SessionLog
    from backstretch.core.session import Session
    from backstretch.ui.finish_view import FinishView
    from backstretch.ui.media_bridge import QtMediaBridge
    from backstretch.ui.session_view import SessionView
    from backstretch.ui.suggestion_bar import SuggestionBar
    from backstretch.ui.ticker import QtTicker

DEFAULT_SIZE = (1100, 720)
MIN_SIZE = (800, 560)


class MainWindow(QMainWindow):
    """Holds the three views and routes every shortcut to the view that is showing.

    It shows a session and controls it; it does not build one: Start asks for one with
    `sessionRequested`, and app.py's SessionAssembly answers with `show_session`.
    """

    sessionRequested = Signal(object, object)  # (Routine, pain before or None)
    planChanged = Signal(object)  # a running session's new Plan (the easier way), for speech
    voiceEnabledChanged = Signal(bool)

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.ticker: QtTicker | None = None
        self.session: Session | None = None
        self.setWindowTitle("BackStretch")
        self.setWindowIcon(QIcon(str(asset("icons", "backstretch.svg"))))
        self.setMinimumSize(*MIN_SIZE)
        self.resize(*DEFAULT_SIZE)

        self.start_view = StartView()
        # The session and finish views (and the drawing, engine and SVG code behind them) are
        # built when first needed, so that the start view is on screen sooner.
        self._session_view: SessionView | None = None
        self._finish_view: FinishView | None = None
        self._media: QtMediaBridge | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_view)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(tr("Notice"))
        self.notice.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)  # the session's dimming reaches every edge
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.start_view.startRequested.connect(self.request_start)
        self.start_view.historyRequested.connect(self.open_history)
        self._notices: list[str] = []
        self.start_view.safetyAccepted.connect(self._safety_accepted)
        self.start_view.voiceToggled.connect(self.set_voice)
        self._shortcuts()
        context.on_settings_error = self.show_notice
        for text in context.notices:
            self.show_notice(text)
        # Built with the log, after the first frame: it reads the log (issue 16).
        self.suggestion_bar: SuggestionBar | None = None
        self.refresh_routines()
        self.start_view.set_safety_accepted(context.settings.safety_accepted)
        self._show_voice(context.settings.voice_enabled)

    @property
    def session_view(self) -> SessionView:
        if self._session_view is None:
            from backstretch.ui.session_view import SessionView

            view = SessionView()
            view.muteToggled.connect(lambda muted: self.set_voice(not muted))
            view.easierRequested.connect(self.use_easier_form)
            view.set_muted(not self.context.settings.voice_enabled)
            self.stack.addWidget(view)
            self._session_view = view
        return self._session_view

    @property
    def finish_view(self) -> FinishView:
        if self._finish_view is None:
            from backstretch.ui.finish_view import FinishView

            view = FinishView()
            view.againRequested.connect(self.show_start)
            view.closeRequested.connect(self.close)
            self.stack.addWidget(view)
            self._finish_view = view
        return self._finish_view

    # ------------------------------------------------------------------ keyboard
    def _shortcuts(self) -> None:
        def in_session(action: Callable[[SessionView], object]) -> Callable[[], None]:
            return lambda: self._in_session(lambda: action(self.session_view))

        # The same key does the same thing everywhere in a session; media keys, headphone
        # buttons and presentation remotes (Page Down/Up, B) drive it too.
        keys = {
            "Space": self._space,
            "Right": in_session(lambda view: view.right_key()),
            "Left": in_session(lambda view: view.go_back()),
            "Up": in_session(lambda view: view.add_time()),
            "E": in_session(lambda view: view.add_time()),
            "Down": in_session(lambda view: view.try_easier()),
            "Escape": self._escape,
            "M": self._mute_key,
            "F11": self.toggle_full_screen,
            "H": in_session(lambda view: view.it_hurts()),
            "Return": self._enter,
            "Enter": self._enter,
            "Media Play": in_session(lambda view: view.play()),
            "Media Pause": in_session(lambda view: view.pause()),
            "Toggle Media Play/Pause": in_session(lambda view: view.space_key()),
            "Media Next": in_session(lambda view: view.right_key()),
            "Media Previous": in_session(lambda view: view.go_back()),
            "PgDown": in_session(lambda view: view.right_key()),
            "PgUp": in_session(lambda view: view.go_back()),
            "B": in_session(lambda view: view.space_key()),
            ".": in_session(lambda view: view.space_key()),
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for key, action in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setAutoRepeat(key in ("Up", "E"))
            shortcut.activated.connect(action)
            self.shortcuts[key] = shortcut

    def _current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _in_session(self, action: Callable[[], object]) -> None:
        if self._current() is not None and self._current() is self._session_view:
            action()

    def _space(self) -> None:
        if self._current() is not None and self._current() is self._session_view:
            self.session_view.space_key()
        elif self._current() is self.start_view:
            focused = self.focusWidget()
            if focused is not None and hasattr(focused, "click"):
                focused.click()

    def _escape(self) -> None:
        current = self._current()
        if current is not None and current is self._session_view:
            self.session_view.ask_stop()
        elif current is not None and current is self._finish_view:
            self.close()
        elif self.isFullScreen():
            self.toggle_full_screen()

    def _enter(self) -> None:
        current = self._current()
        if current is self.start_view:
            self.start_view.request_start()
        elif current is not None and current is self._session_view:
            self.session_view.confirm()
        elif current is not None and current is self._finish_view:
            self.finish_view.press_default()  # after pain that is Close, not Start again

    def _mute_key(self) -> None:
        self.set_voice(not self.context.settings.voice_enabled)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # ------------------------------------------------------------------ state
    def show_notice(self, text: str) -> None:
        """Calm lines at the top, each said once; they stay until the next session starts."""
        if text in self._notices:
            return
        self._notices.append(text)
        self.notice.setText("\n".join(self._notices))
        self.notice.show()

    def _clear_notices(self) -> None:
        self._notices.clear()
        self.notice.hide()

    # ------------------------------------------------------------------ the log
    def set_log(self, session_log: SessionLog, notices: list[str | None]) -> None:
        """The session log is open (after the first frame): history, last session, notices."""
        self.context.log = session_log
        session_log.on_problem = self.show_notice
        for text in notices:
            if text:
                self.show_notice(text)
        self.start_view.history_button.setEnabled(True)
        self.refresh_last_session()

    def refresh_last_session(self) -> None:
        if self.context.log is None:
            return
        from datetime import date

        from backstretch.core.history import counts_for_streak, day_text, start_view_text

        today = self.context.wall().date()
        self.start_view.set_last_session(start_view_text(self.context.log, today))
        if self.suggestion_bar is None:
            from backstretch.ui.suggestion_bar import SuggestionBar

            self.suggestion_bar = SuggestionBar(self.context)
            self.suggestion_bar.settingsChanged.connect(self.refresh_routines)
            self.start_view.set_suggestion_bar(self.suggestion_bar)
        self.suggestion_bar.refresh(today)  # issue 16: a stretch that keeps hurting
        last: dict[str, date] = {}  # routine id -> the day it was last done (newest first)
        for row in self.context.log.sessions(holds=False):
            if counts_for_streak(row):
                last.setdefault(row.routine_id, row.started_at.date())
        self.start_view.set_last_done(
            {
                routine: tr("Last done: {day}").format(day=day_text(day, today))
                for routine, day in last.items()
            }
        )
        self.refresh_plan()

    def refresh_plan(self) -> None:
        """The start view's plan line, from the settings' plan and the log (issue 15)."""
        if self.context.log is None:
            return
        from backstretch.core.history import week_start
        from backstretch.core.practice import local_zone, today_line

        now = self.context.wall().astimezone(local_zone())
        days = self.context.log.stretched_days()
        week = week_start(now.date())
        this_week = sum(n for day, n in days.items() if week_start(day) == week)
        done_today = days.get(now.date(), 0) > 0
        self.start_view.set_plan_line(
            today_line(self.context.settings.plan, now, done_today, this_week)
        )

    def open_history(self) -> None:
        if self.context.log is None:
            return
        from backstretch.ui.history import HistoryWindow

        names = {stretch.id: stretch.name for stretch in self.context.library}
        window = HistoryWindow(
            self.context.log,
            lambda: self.context.wall().date(),  # a window left open past midnight
            names=names,
            plan=self.context.settings.plan,
            parent=self,
        )
        window.finished.connect(window.deleteLater)
        window.finished.connect(lambda _result: self.refresh_last_session())  # after Delete all
        window.show()
        self.history_window = window

    def _pain_check_on(self) -> bool:
        return self.context.settings.pain_check and self.context.log is not None

    def request_start(self, routine: Routine, *, weekly_asked: bool = False) -> None:
        """Start: first the weekly check when it is on and due, then the pain check when it
        is on (one key, Escape, skips either)."""
        if not self.context.settings.safety_accepted:
            return
        if not weekly_asked:  # issue 16
            from backstretch.ui.weekly_check import ask_if_due

            def again() -> None:
                self.request_start(routine, weekly_asked=True)

            self.weekly_check_dialog = ask_if_due(self, self.context, again)
            if self.weekly_check_dialog is not None:
                return
        if not self._pain_check_on():
            self.start_session(routine)
            return
        from backstretch.ui.pain_dialog import PainDialog

        dialog = PainDialog("before", self)
        dialog.finished.connect(dialog.deleteLater)  # later, in the event loop
        dialog.finished.connect(
            lambda _result: self.start_session(routine, pain_before=dialog.value())
        )
        self.pain_dialog = dialog
        dialog.open()

    def _ask_pain_after(self) -> None:
        session_log, sid = self.context.log, self.session.log_id if self.session else None
        if not self._pain_check_on() or session_log is None or sid is None:
            return
        from backstretch.ui.pain_dialog import PainDialog

        dialog = PainDialog("after", self)
        dialog.finished.connect(dialog.deleteLater)  # later, in the event loop

        def answered(_result: int) -> None:
            if dialog.value() is not None:
                session_log.set_pain(sid, after=dialog.value())
            if dialog.note():
                session_log.set_note(sid, dialog.note())
            row = session_log.session(sid)
            if row is not None:
                self.finish_view.show_pain(row.pain_before, row.pain_after)

        dialog.finished.connect(answered)
        self.pain_dialog = dialog
        dialog.open()

    def refresh_routines(self) -> None:
        listing = list_routines(self.context.paths, self.context.library)
        self.start_view.set_routines(listing, self.context.texts, self.context.settings)

    def _safety_accepted(self) -> None:
        self.context.save(replace(self.context.settings, safety_accepted=True))

    def set_voice(self, enabled: bool) -> None:
        if enabled != self.context.settings.voice_enabled:
            self.context.save(replace(self.context.settings, voice_enabled=enabled))
        self._show_voice(enabled)
        self.voiceEnabledChanged.emit(enabled)

    def _show_voice(self, enabled: bool) -> None:
        self.start_view.voice.blockSignals(True)
        self.start_view.voice.setChecked(enabled)
        self.start_view.voice.blockSignals(False)
        if self._session_view is not None:
            self._session_view.set_muted(not enabled)

    def show_start(self) -> None:
        self._drop_ticker()
        self.refresh_routines()
        self.refresh_last_session()
        self.stack.setCurrentWidget(self.start_view)
        self.start_view.set_safety_accepted(self.context.settings.safety_accepted)

    def start_session(self, routine: Routine, pain_before: int | None = None) -> None:
        """Ask for a session of this routine (app.py assembles it and calls show_session)."""
        if not self.context.settings.safety_accepted:
            return
        if routine.id and routine.id != self.context.settings.routine:
            self.context.save(replace(self.context.settings, routine=routine.id))
        self.sessionRequested.emit(routine, pain_before)

    def show_session(self, session: Session, ticker: QtTicker) -> None:
        """Show a session that has been assembled; the caller starts the ticker."""
        self._drop_ticker()
        self.session, self.ticker = session, ticker
        ticker.setParent(self)
        ticker.finished.connect(self._finished)
        self.media.follow(self.session_view, ticker)
        settings = self.context.settings
        self.session_view.configure(
            drawing_head=settings.drawing_head, reduce_motion=settings.reduce_motion
        )
        self.session_view.bind(ticker, session.texts.say("control.hurt"))
        self.stack.setCurrentWidget(self.session_view)
        self.session_view.pause_button.setFocus()
        self._clear_notices()

    def use_easier_form(self) -> None:
        """ "Try the easier way" after "It hurts": this stretch starts again in its easier form,
        and the choice is kept in the settings (Settings, Stretches undoes it)."""
        if self.session is None or self.ticker is None:
            return
        plan = self.session.easier_plan()
        if plan is None:
            return
        import dataclasses

        from backstretch.core.engine import Control
        from backstretch.core.settings import StretchSetting
        from backstretch.core.stretches import Variant

        stretch_id = self.session.engine.phase.stretch.id  # type: ignore[union-attr]
        settings = self.context.settings
        own = settings.stretches.get(stretch_id, StretchSetting())
        chosen = {
            **settings.stretches,
            stretch_id: dataclasses.replace(own, variant=Variant.EASIER),
        }
        self.context.save(replace(settings, stretches=chosen))
        self.planChanged.emit(plan)
        self.session.change_plan(plan)
        self.ticker.control(Control.TICK)

    @property
    def media(self) -> QtMediaBridge:
        """Media keys and headphone buttons over MPRIS, offered only while a session runs."""
        if self._media is None:
            from backstretch.ui.media_bridge import QtMediaBridge

            self._media = QtMediaBridge(self)
        return self._media

    def _finished(self, completed: bool) -> None:
        assert self.ticker is not None
        if self._media is not None:
            self._media.stop()
        engine = self.ticker.engine
        from backstretch.core.summary import summarize

        summary = summarize(engine.plan, engine.records)
        drawings = {
            item.stretch.id: asset("illustrations", item.stretch.illustration)
            for item in engine.plan.routine.items
        }
        self.finish_view.show_summary(
            summary, completed, engine.active_seconds(), engine.plan.item_count, drawings
        )
        session_log, sid = self.context.log, self.session.log_id if self.session else None
        if session_log is not None:
            from backstretch.core.history import day_streak

            today = self.context.wall().date()
            self.finish_view.set_streak(day_streak(session_log.stretched_days(), today))
            row = session_log.session(sid) if sid is not None else None
            if row is not None:  # the rating given before, until the one after comes
                self.finish_view.show_pain(row.pain_before, row.pain_after)
        self.stack.setCurrentWidget(self.finish_view)
        self._ask_pain_after()

    def _drop_ticker(self) -> None:
        if self._media is not None:
            self._media.stop()
        if self.ticker is not None:
            self.ticker.stop_timer()
            self.ticker.deleteLater()
            self.ticker = None
        self.session = None

    def session_running(self) -> bool:
        from backstretch.core.engine import EngineState

        engine = self.engine()
        return engine is not None and engine.state in (EngineState.RUNNING, EngineState.PAUSED)

    def bring_to_front(self) -> None:
        """Another launch asked for the window: unminimize, raise and focus it."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def engine(self) -> SessionEngine | None:
        return self.session.engine if self.session is not None else None

    def closeEvent(self, event: QCloseEvent) -> None:
        engine = self.engine()
        if engine is not None and self.session_running():
            engine.stop()
        self._drop_ticker()
        if self._media is not None:
            self._media.stop()
        super().closeEvent(event)
