"""The one place that wires things together: QApplication, clock, settings, speech, windows."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from backstretch.commands.exitcodes import ExitCode
from backstretch.core import i18n
from backstretch.core.cues import load_cue_texts
from backstretch.core.i18n import tr
from backstretch.core.instance import Request, hand_over, server_name
from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.problems import ProblemsError
from backstretch.core.routines import Routine, find_routine
from backstretch.core.session import session_plan
from backstretch.core.settings import Settings, load_settings
from backstretch.core.stretches import load_library
from backstretch.ui.context import Context
from backstretch.ui.main_window import MainWindow
from backstretch.ui.qt_translations import install_qt_translator

if TYPE_CHECKING:  # speech and audio are imported once the window is up (start-up time)
    from backstretch.core.plan import Plan
    from backstretch.core.trace import TraceWriter
    from backstretch.desktop.scheduler import Scheduler
    from backstretch.speech.service import SpeechService, VoiceSettings
    from backstretch.ui.tray import QtTray
    from backstretch.ui.voice import QtVoice

APP_ID = "io.github.backstretch.BackStretch"
EXIT_AFTER_MS = 4000  # --exit-when-done: the closing words fit in this


def make_voice(paths: Paths, settings: Settings) -> QtVoice:
    """The speech worker and the player; any failure here only turns speech off."""
    from backstretch.speech.service import SpeechService
    from backstretch.speech.sounds import ensure_sounds
    from backstretch.ui.voice import QtVoice

    sounds: dict[str, Path] = {}
    # A read-only or full cache: no beeps either; the session still runs on screen.
    with contextlib.suppress(OSError):
        sounds = ensure_sounds(paths.cache_dir / "sounds")

    def factory(voice_settings: VoiceSettings) -> SpeechService:
        return SpeechService(paths.speech_cache_dir, voice_settings)

    return QtVoice(
        factory(voice_settings_of(settings)),
        sounds,
        clock=time.monotonic,
        muted=not settings.voice_enabled,
        sounds_only=settings.sounds_only,
        volume=settings.volume / 100,
        service_factory=factory,
    )


def voice_settings_of(settings: Settings) -> VoiceSettings:
    from backstretch.speech.service import VoiceSettings

    return VoiceSettings(
        voice=settings.voice or None, rate=settings.rate, volume=settings.volume / 100
    )


def open_settings_dialog(window: MainWindow, voice: QtVoice | None) -> None:
    """Settings: Preview speaks with the dialog's choices; Cancel puts everything back."""
    from backstretch.ui.settings_dialog import SettingsDialog

    context = window.context
    before = context.settings

    def apply(settings: Settings, *, for_preview: bool = False) -> None:
        if voice is not None:
            voice.configure(
                voice_settings_of(settings),
                muted=not settings.voice_enabled and not for_preview,
                sounds_only=settings.sounds_only,
            )

    def preview(settings: Settings, text: str) -> None:
        if voice is not None:
            apply(settings, for_preview=True)
            voice.say(text, "preview")

    routine = window.start_view.selected_routine()
    dialog = SettingsDialog(before, context.library, context.texts, routine, voice, preview, window)
    if dialog.exec() == SettingsDialog.DialogCode.Accepted:
        chosen = dialog.result_settings()
        context.save(chosen)  # OK saves at once
        if chosen.plan != before.plan:
            apply_reminders(window, chosen)
        apply(chosen)
        window.set_voice(chosen.voice_enabled)
        window.refresh_routines()  # holds, timings and the speaking rate change the totals
    else:
        apply(before)


def apply_reminders(
    window: MainWindow, settings: Settings, scheduler: Scheduler | None = None
) -> None:
    """The plan changed: register it with the system's scheduler (or take it away), and say
    so only when something could not be done."""
    if scheduler is None:
        from backstretch.core.paths import scheduler_paths
        from backstretch.desktop.scheduler import scheduler_for

        scheduler = scheduler_for(scheduler_paths())
    outcome = scheduler.apply(settings.plan)
    for problem in outcome.problems:
        window.show_notice(tr("Reminders: {problem}").format(problem=problem))
    window.refresh_plan()


def open_routine_editor(window: MainWindow) -> None:
    """Routines of one's own; the start view follows every save, delete and import."""
    from backstretch.ui.routine_editor import RoutineEditor

    context = window.context
    editor = RoutineEditor(context.paths, context.library, context.texts, context.settings, window)
    editor.routinesChanged.connect(window.refresh_routines)
    editor.exec()
    window.refresh_routines()


class SessionAssembly(QObject):
    """Where a session is put together, once: core.session builds the plan and the engine, and
    every listener attaches here to that one engine: the log recorder, the tracer, the window
    (through its ticker) and the voice. The window asks; it never builds. (A child of the
    window, so it lives exactly as long.)"""

    def __init__(self, window: MainWindow, tracer: TraceWriter | None = None) -> None:
        super().__init__(window)
        self.window, self.tracer = window, tracer
        self.voice: QtVoice | None = None  # once speech has started, after the first frame
        self.exit_when_done = False  # --exit-when-done
        window.sessionRequested.connect(self.begin)
        window.planChanged.connect(self._plan_changed)

    def begin(self, routine: Routine, pain_before: int | None = None) -> None:
        from backstretch.core.session import LogRecorder, assemble
        from backstretch.ui.ticker import QtTicker

        context = self.window.context
        session = assemble(routine, context.settings, context.texts, context.clock)
        if context.log is not None:
            LogRecorder(context.log, session, pain_before, context.wall)
        if self.tracer is not None:
            session.engine.subscribe(self.tracer)
        ticker = QtTicker(session.engine)
        if self.voice is not None:
            self._plan_changed(session.plan)
            self.voice.attach(ticker, context.texts)
        self.window.show_session(session, ticker)
        if self.exit_when_done:  # once the closing words (a few seconds) have been said
            ticker.finished.connect(
                lambda _completed: QTimer.singleShot(EXIT_AFTER_MS, QCoreApplication.quit)
            )
        ticker.start()

    def set_voice(self, voice: QtVoice) -> None:
        """Speech is one more view of the session: it follows the same events as the window."""
        self.voice = voice
        window = self.window
        window.voiceEnabledChanged.connect(lambda enabled: voice.set_muted(not enabled))
        voice.problemFound.connect(window.show_notice)
        routine = window.start_view.selected_routine()
        if routine is not None:  # warm the cache while the person reads the start screen
            self._plan_changed(session_plan(routine, window.context.settings, window.context.texts))

    def _plan_changed(self, plan: Plan) -> None:
        from backstretch.core.plan import spoken_texts

        if self.voice is not None:
            self.voice.prepare(spoken_texts(plan, self.window.context.texts))


def start_when_voice_ready(
    window: MainWindow, voice: QtVoice, routine: Routine, timeout_s: float = 3.0
) -> None:
    """--start: begin once the first sentence can be heard (the worker is still starting),
    or after timeout_s whatever happens; the rest of the session renders meanwhile."""
    from backstretch.core.plan import spoken_texts

    texts = window.context.texts
    plan = session_plan(routine, window.context.settings, texts)
    voice.prepare(spoken_texts(plan, texts))
    first = plan.phases[0].cues[0].text
    deadline = time.monotonic() + timeout_s
    timer = QTimer(window)
    timer.setInterval(20)

    def check() -> None:
        if voice.ready(first) or time.monotonic() > deadline:
            timer.stop()
            window.start_session(routine)

    timer.timeout.connect(check)
    timer.start()


class _OnFirstPaint(QObject):
    """Calls back once, just after the watched widget has painted for the first time."""

    def __init__(self, watched: QObject, callback: Callable[[], None]) -> None:
        super().__init__(watched)
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def report_first_paint() -> None:
    """BACKSTRETCH_BENCH=first-paint: print when the first frame was painted, then quit."""
    print(f"first-paint {time.monotonic():.6f}", flush=True)
    QCoreApplication.quit()


def launch_request(args: argparse.Namespace) -> Request:
    routine = args.routine
    if routine and Path(routine).exists():  # the first instance may run in another folder
        routine = str(Path(routine).resolve())
    pain_check = bool(getattr(args, "from_reminder", False))
    return Request(start=bool(args.start), routine=routine, pain_check=pain_check)


def answer_launch(window: MainWindow, request: Request) -> None:
    """A later launch asked this one: come to the front, and with --start, start."""
    window.bring_to_front()
    if not request.start or window.session_running():
        return
    context = window.context
    try:
        chosen = (
            find_routine(request.routine, context.paths, context.library)
            if request.routine
            else window.start_view.selected_routine()
        )
    except ProblemsError as error:
        window.show_notice(str(error.problems[0]))
        return
    if chosen is not None and request.pain_check:
        window.request_start(chosen)  # a reminder's Start now: the start button's path
    elif chosen is not None:
        window.start_session(chosen)


class Shell:
    """The running app: the window and its session assembly, and what outlives a window (the
    log, the voice, the tracer, the instance server, the tray). The window is built here, and
    built again when the language changes, since every word in it was chosen when it was made."""

    def __init__(self, context: Context, tracer: TraceWriter | None, exit_when_done: bool) -> None:
        self.context, self.tracer, self.exit_when_done = context, tracer, exit_when_done
        self.voice: QtVoice | None = None
        self.tray: QtTray | None = None
        self.window = self.build_window()

    def build_window(self) -> MainWindow:
        window = MainWindow(self.context)
        self.sessions = SessionAssembly(window, self.tracer)
        self.sessions.exit_when_done = self.exit_when_done
        window.start_view.routinesRequested.connect(lambda: open_routine_editor(window))
        window.start_view.settingsRequested.connect(self.open_settings)
        if self.voice is not None:
            self.sessions.set_voice(self.voice)
        return window

    def set_voice(self, voice: QtVoice) -> None:
        self.voice = voice
        self.sessions.set_voice(voice)

    def show_tray(self) -> None:
        from backstretch.ui.tray import make_tray

        if self.tray is not None:
            self.tray.hide()
        self.tray = make_tray(self.window)  # only where the desktop has a tray (issue 15)
        if self.tray is not None:
            self.tray.show_plan(self.window.start_view.plan_line.text())

    def open_settings(self) -> None:
        before = self.context.settings.language
        open_settings_dialog(self.window, self.voice)
        if self.context.settings.language != before:
            self.change_language()

    def change_language(self) -> None:
        """Every word again in the new language: the catalog, Qt's own buttons, the content,
        the window; the voice gets a worker for the new language when it is next configured."""
        context = self.context
        i18n.set_language(context.settings.language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translator(app)
        if "backstretch.core.progress" in sys.modules:
            sys.modules["backstretch.core.progress"].words.cache_clear()
        context.library, context.texts = load_library(), load_cue_texts()
        old = self.window
        self.window = self.build_window()
        self.window.setGeometry(old.geometry())
        if context.log is not None:
            self.window.set_log(context.log, [])
        if self.voice is not None:
            self.voice.configure(
                voice_settings_of(context.settings),
                muted=not context.settings.voice_enabled,
                sounds_only=context.settings.sounds_only,
            )
        if old.isFullScreen():
            self.window.showFullScreen()
        else:
            self.window.show()
        if self.tray is not None:
            self.show_tray()
        old.close()
        old.deleteLater()

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()


def run_app(args: argparse.Namespace) -> int:
    """Open the window; --routine, --start, --mute and --trace as the command line says."""
    paths = resolve_paths()
    instance = server_name(paths.config_dir)
    if hand_over(instance, launch_request(args)):  # POSIX: no Qt needed to ask
        print(tr("BackStretch is already open; it has been brought to the front."), file=sys.stderr)
        return ExitCode.OK
    loaded = load_settings(paths.settings_file)
    i18n.set_language(loaded.settings.language)  # before any word is loaded or shown
    library = load_library()
    texts = load_cue_texts()
    routine = find_routine(args.routine, paths, library) if args.routine else None

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if sys.platform == "win32":
        from backstretch.ui.instance_server import hand_over_qt

        if hand_over_qt(instance, launch_request(args)):
            return ExitCode.OK
    app.setApplicationName("BackStretch")
    install_qt_translator(app)  # Qt's own buttons (OK, Cancel) in the same language
    QGuiApplication.setApplicationDisplayName("BackStretch")
    QGuiApplication.setDesktopFileName(APP_ID)
    context = Context(
        paths,
        library,
        texts,
        loaded.settings,
        time.monotonic,
        notices=[loaded.notice] if loaded.notice else [],
    )
    with contextlib.ExitStack() as stack:
        tracer: TraceWriter | None = None
        if args.trace:
            from backstretch.core.trace import TraceWriter

            stream = stack.enter_context(Path(args.trace).open("a", encoding="utf-8"))
            tracer = TraceWriter(stream)
        shell = Shell(context, tracer, exit_when_done=getattr(args, "exit_when_done", False))
        stack.callback(shell.close)
        window = shell.window
        if args.mute:
            window.set_voice(False)

        def after_first_frame() -> None:
            """The log, speech and sound start once the window is on screen."""
            from backstretch.core.history import interrupted_text
            from backstretch.core.log import open_log
            from backstretch.ui.instance_server import QtInstanceServer

            server = QtInstanceServer(instance, app)
            server.requested.connect(lambda request: answer_launch(shell.window, request))
            stack.callback(server.close)
            opened = open_log(paths.log_file)  # never raises: a bad file is set aside
            stack.callback(opened.log.close)
            window.set_log(opened.log, [opened.notice, interrupted_text(opened.interrupted)])
            shell.show_tray()
            try:
                voice: QtVoice | None = make_voice(paths, context.settings)
            except (ImportError, OSError, RuntimeError) as error:
                # QtMultimedia cannot load (no libpulse, say): the session runs without sound.
                voice = None
                text = tr(
                    "Sound is not available here ({error}), so the session runs silently, "
                    "on screen. The self-test (backstretch self-test) shows what is missing."
                ).format(error=error)
                window.show_notice(text)
                if tracer is not None:
                    tracer.write("notice", text=text)
            if voice is not None:
                stack.callback(voice.close)
                shell.set_voice(voice)
                if tracer is not None:
                    voice.played.connect(
                        lambda kind, text: tracer.write("play", kind=kind, text=text)
                    )
                    voice.problemFound.connect(lambda text: tracer.write("notice", text=text))
            if args.start:
                chosen = routine or window.start_view.selected_routine()
                if chosen is not None and context.settings.safety_accepted:
                    if args.from_reminder:
                        window.request_start(chosen)  # with the pain check, as Start does
                    elif voice is not None:
                        start_when_voice_ready(window, voice, chosen)
                    else:
                        window.start_session(chosen)

        if os.environ.get("BACKSTRETCH_BENCH") == "first-paint":  # benchmarks/startup.py
            _OnFirstPaint(window.start_view, report_first_paint)
        else:
            _OnFirstPaint(window.start_view, after_first_frame)
        if routine is not None:
            window.start_view.select(routine)
        window.show()
        app.exec()
    return ExitCode.OK
