"""Non-blocking speech service for the GUI thread: queues cues, watches the worker process."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from backstretch.core.i18n import tr
from backstretch.speech import worker
from backstretch.speech.cache import CueCache, cue_key

# The events and settings live in speech/events.py; importable from here as before.
from backstretch.speech.events import (
    Rendered,
    SpeechEvent,
    SpeechProblem,
    Unavailable,
    Voice,
    VoiceSettings,
    VoicesListed,
    no_voice_problem,
    stuck_problem,
)

__all__ = [
    "Rendered",
    "SpeechEvent",
    "SpeechProblem",
    "SpeechService",
    "Unavailable",
    "Voice",
    "VoiceSettings",
    "VoicesListed",
]

log = logging.getLogger(__name__)

# Python start-up, importing pyttsx3 and loading the engine; generous for a slow first start.
STARTUP_TIMEOUT_S = 20.0
# How many times a dead or stuck worker is replaced before speech gives up for good.
MAX_RESTARTS = 1
# close(): how long to wait at each step (polite stop, SIGTERM, SIGKILL) before the next.
_CLOSE_STEP_S = 0.25


@dataclass(frozen=True)
class _Cue:
    text: str
    key: str


class _Launch:
    """One worker process. It is started on a helper thread: spawning a Python process took
    0.5-7.5 ms here (fork/exec while other processes compete for the CPU), too long for the
    GUI thread."""

    def __init__(self, proc: BaseProcess, conn: Connection, child: Connection) -> None:
        self.proc = proc
        self.conn = conn
        self.started = threading.Event()
        self.error: BaseException | None = None
        self._child = child
        threading.Thread(target=self._run, name="backstretch-speech-spawn", daemon=True).start()

    def _run(self) -> None:
        try:
            self.proc.start()
        except BaseException as error:  # e.g. out of processes or memory
            self.error = error
        finally:
            self._child.close()
            self.started.set()

    @property
    def running(self) -> bool:
        """Started without error and not (yet) dead."""
        return self.started.is_set() and self.error is None and self.proc.is_alive()

    def kill(self) -> None:
        if self.started.is_set() and self.error is None and self.proc.exitcode is None:
            self.proc.kill()

    def finish(self, timeout_s: float) -> None:
        """Wait up to timeout_s for start-up to end and the process to exit, then tidy up."""
        if not self.started.wait(timeout_s):
            return
        self.conn.close()
        if self.error is None:
            self.proc.join(timeout_s)
            if self.proc.exitcode is not None:
                self.proc.close()


class SpeechService:
    """Renders cue texts to cached WAVs in a worker process; no method blocks the GUI thread.

    Everything except voices() and close() returns in well under a millisecond or two: replies
    are read only when already waiting, and at most one render is with the worker at a time.
    """

    def __init__(
        self,
        cache_dir: Path,
        settings: VoiceSettings,
        *,
        timeout_s: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.engine = worker.default_driver()
        self._cache = CueCache(Path(cache_dir))
        self._timeout_s = timeout_s
        self._clock = clock
        self._pending: deque[_Cue] = deque()
        self._wanted: set[str] = set()
        self._inflight: _Cue | None = None
        self._inflight_since = 0.0
        self._outbox: list[SpeechEvent] = []
        self._worker: _Launch | None = None
        self._conn: Connection | None = None
        self._ready = False
        self._spawned_at = 0.0
        self._restarts = 0
        self._dying: list[_Launch] = []
        self._voice_reply: list[Voice] | None = None
        self._voices_wanted = False  # request_voices(): ask once the worker is ready
        self._voices_asked = False
        self._problem: SpeechProblem | None = None
        self.voice_used: str | None = None  # the voice the worker chose (None: its default)
        self._announced = False
        self._started = False
        self._closed = False

    # --- state -------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False once speech has given up (the engine is missing or kept failing)."""
        return self._problem is None

    @property
    def problem(self) -> SpeechProblem | None:
        """Why speech is unavailable, or None while it works."""
        return self._problem

    @property
    def rendering(self) -> str | None:
        """The cue text the worker is rendering now, if any."""
        return self._inflight.text if self._inflight is not None else None

    @property
    def worker_pid(self) -> int | None:
        """The current worker's process id (for diagnostics and tests)."""
        launch = self._worker
        if launch is None or not launch.started.is_set() or launch.error is not None:
            return None
        return launch.proc.pid

    # --- GUI-thread API ------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker process; returns at once, the worker starts in the background."""
        if self._started or self._closed or self._problem is not None:
            return
        self._started = True
        self._spawn()

    def request(self, texts: Iterable[str], *, urgent: bool = False) -> None:
        """Queue texts for rendering in order; urgent ones go before everything queued."""
        if self._problem is not None or self._closed:
            return
        chosen: list[_Cue] = []
        for text in texts:
            if not text.strip():
                continue  # nothing to say (and pyttsx3 asserts on empty text)
            cue = _Cue(text, self._key(text))
            if self._cache.ready(cue.key):
                self._outbox.append(Rendered(text, self._cache.path_for(cue.key)))
                continue
            if self._inflight is not None and self._inflight.key == cue.key:
                continue
            if cue.key in self._wanted:
                if urgent and cue not in chosen:
                    self._pending.remove(cue)
                    chosen.append(cue)
                continue
            self._wanted.add(cue.key)
            chosen.append(cue)
        if urgent:
            self._pending.extendleft(reversed(chosen))
        else:
            self._pending.extend(chosen)
        self._dispatch()

    def request_voices(self) -> None:
        """Ask for the voice list without waiting; it comes back from poll() as VoicesListed."""
        if self._problem is not None or self._closed:
            self._outbox.append(VoicesListed(()))
            return
        self.start()
        self._voices_wanted = True
        self._dispatch()

    def wav_for(self, text: str) -> Path | None:
        """The finished WAV for text, or None if it is not rendered (yet)."""
        if not text.strip():
            return None
        key = self._key(text)
        return self._cache.path_for(key) if self._cache.ready(key) else None

    def poll(self) -> list[SpeechEvent]:
        """Collect finished renders and run the watchdog; never waits for the worker."""
        if self._worker is not None:
            self._drain()
            self._watchdog()
            self._dispatch()
        self._reap()
        events, self._outbox = self._outbox, []
        return events

    # --- blocking API (command line, shutdown) ---------------------------------------------

    def voices(self, timeout_s: float = 15.0) -> list[Voice]:
        """The engine's voices. Blocks (starting the worker if needed): not for the GUI thread."""
        if self._problem is not None or self._closed:
            return []
        self.start()
        deadline = time.monotonic() + timeout_s
        asked_on: Connection | None = None
        self._voice_reply = None
        while time.monotonic() < deadline:
            self._poll_keeping_events()
            if self._voice_reply is not None:
                voices, self._voice_reply = self._voice_reply, None
                return voices
            conn = self._conn
            if conn is None:
                return []  # gave up; the problem is reported by poll()
            if self._ready and asked_on is not conn:
                # Ask again after a restart: the old worker took the question with it.
                if not self._send((worker.VOICES,)):
                    continue
                asked_on = conn
            try:
                conn.poll(0.05)
            except (OSError, EOFError):
                continue
        return []

    def _poll_keeping_events(self) -> None:
        # voices() blocks the caller; events that turn up meanwhile wait for the next poll().
        kept = self._outbox
        self._outbox = []
        events = self.poll()
        self._outbox = kept + events

    def close(self) -> None:
        """Stop the worker: ask, then SIGTERM, then SIGKILL; returns within about a second."""
        self._closed = True
        launch, conn = self._worker, self._conn
        self._worker, self._conn, self._ready = None, None, False
        self._pending.clear()
        self._wanted.clear()
        self._inflight = None
        if launch is not None and launch.started.wait(_CLOSE_STEP_S) and launch.error is None:
            proc = launch.proc
            with contextlib.suppress(OSError, ValueError):
                launch.conn.send((worker.STOP,))
            proc.join(_CLOSE_STEP_S)
            if proc.exitcode is None:
                proc.terminate()
                proc.join(_CLOSE_STEP_S)
            if proc.exitcode is None:
                proc.kill()
                proc.join(_CLOSE_STEP_S)
        if launch is not None:
            self._dying.append(launch)
        if conn is not None:
            conn.close()
        for dying in self._dying:
            dying.kill()
            dying.finish(0.1)
        self._dying = []

    # --- internals ---------------------------------------------------------------------------

    def _key(self, text: str) -> str:
        settings = self.settings
        return cue_key(self.engine, settings.voice, settings.rate, text, settings.language)

    def _spawn(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe(duplex=True)
        proc = ctx.Process(
            target=worker.run_worker,
            args=(
                child,
                str(self._cache.root),
                self.engine,
                self.settings.voice,
                self.settings.rate,
                self.settings.language,
            ),
            name="backstretch-speech",
            daemon=True,
        )
        self._worker, self._conn, self._ready = _Launch(proc, parent, child), parent, False
        self._spawned_at = self._clock()

    def _send(self, message: tuple[Any, ...]) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.send(message)
        except (OSError, ValueError):
            self._failure("could not write to the speech worker")
            return False
        return True

    def _drain(self) -> None:
        while self._conn is not None:
            try:
                if not self._conn.poll(0):
                    return
                message = self._conn.recv()
            except (EOFError, OSError):
                self._failure("the speech worker closed its pipe")
                return
            self._handle(message)

    def _handle(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == worker.READY:
            self._ready = True
            self.voice_used = message[2] if len(message) > 2 else self.settings.voice
        elif kind == worker.NO_VOICE:
            log.info("no voice speaks %s: cues are beeps and the screen", message[1])
            # Not a failure to retry: another worker would find the same voices.
            self._give_up(no_voice_problem(message[1]))
        elif kind == worker.FAILED:
            _, text, fix, detail = message
            log.warning("speech engine did not start: %s", detail)
            # Not a crash: a restart would meet the same missing engine, so stop here.
            self._give_up(SpeechProblem(text, fix))
        elif kind == worker.RENDERED:
            _, key, path, seconds = message
            cue = self._inflight
            if cue is not None and cue.key == key:
                self._inflight = None
                self._wanted.discard(key)
                self._outbox.append(Rendered(cue.text, Path(path)))
                log.debug("rendered %r in %.0f ms", cue.text, seconds * 1000)
        elif kind == worker.RENDER_ERROR:
            _, key, detail = message
            cue = self._inflight
            if cue is not None and cue.key == key:
                self._inflight = None
                self._wanted.discard(key)
                log.warning("could not render %r: %s", cue.text, detail)
        elif kind == worker.VOICE_LIST:
            self._voice_reply = [Voice(i, n, tuple(langs)) for i, n, langs in message[1]]
            if self._voices_asked:
                self._voices_asked = False
                self._outbox.append(VoicesListed(tuple(self._voice_reply)))

    def _watchdog(self) -> None:
        launch = self._worker
        if launch is None:
            return
        now = self._clock()
        if launch.started.is_set() and launch.error is not None:
            log.warning("speech worker could not start: %s", launch.error)
            self._give_up(
                SpeechProblem(
                    tr("Spoken cues are off: the speech helper could not be started."),
                    tr("Restart BackStretch. If it happens again, restart the computer."),
                )
            )
        elif launch.started.is_set() and not launch.running:
            self._drain()  # a last word (such as FAILED) may have come just before the exit
            if self._worker is launch:
                self._failure(f"the speech worker exited (code {launch.proc.exitcode})")
        elif not self._ready and now - self._spawned_at > STARTUP_TIMEOUT_S:
            self._failure(f"the speech worker did not start within {STARTUP_TIMEOUT_S:.0f} s")
        elif self._inflight is not None and now - self._inflight_since > self._timeout_s:
            self._failure(f"rendering {self._inflight.text!r} took over {self._timeout_s:g} s")

    def _failure(self, reason: str) -> None:
        log.warning("speech worker failed: %s", reason)
        self._stop_worker_now()
        if self._inflight is not None:
            self._pending.appendleft(self._inflight)
            self._inflight = None
        if self._voices_asked:  # the old worker took the question with it: ask the new one
            self._voices_asked, self._voices_wanted = False, True
        if self._restarts >= MAX_RESTARTS:
            self._give_up(stuck_problem(self.engine))
            return
        self._restarts += 1
        self._spawn()

    def _give_up(self, problem: SpeechProblem) -> None:
        self._stop_worker_now()
        self._problem = problem
        if self._voices_wanted or self._voices_asked:
            self._voices_wanted = self._voices_asked = False
            self._outbox.append(VoicesListed(()))
        self._pending.clear()
        self._wanted.clear()
        self._inflight = None
        if not self._announced:
            self._announced = True
            self._outbox.append(Unavailable(problem))

    def _stop_worker_now(self) -> None:
        # SIGKILL without waiting; later polls reap the process (_reap).
        launch = self._worker
        self._worker, self._conn, self._ready = None, None, False
        if launch is not None:
            launch.conn.close()
            launch.kill()
            self._dying.append(launch)

    def _reap(self) -> None:
        still: list[_Launch] = []
        for launch in self._dying:
            if not launch.started.is_set():
                still.append(launch)  # killed before its spawn finished; kill it once it has
            elif launch.error is None and launch.proc.is_alive():
                launch.kill()
                still.append(launch)
            else:
                launch.finish(0)
        self._dying = still

    def _dispatch(self) -> None:
        if self._voices_wanted and self._ready and self._send((worker.VOICES,)):
            self._voices_wanted, self._voices_asked = False, True
        while self._ready and self._inflight is None and self._pending:
            cue = self._pending.popleft()
            if self._cache.ready(cue.key):  # another service may have rendered it meanwhile
                self._wanted.discard(cue.key)
                self._outbox.append(Rendered(cue.text, self._cache.path_for(cue.key)))
                continue
            self._inflight, self._inflight_since = cue, self._clock()
            if not self._send((worker.RENDER, cue.key, cue.text)):
                return
