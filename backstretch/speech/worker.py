"""Speech worker process: owns pyttsx3 on its main thread and renders one cue at a time."""

from __future__ import annotations

import array
import ctypes
import os
import signal
import sys
import threading
import time
import warnings
import wave
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from backstretch.core import i18n
from backstretch.core.i18n import tr
from backstretch.speech.cache import CueCache, wav_is_complete
from backstretch.speech.voices import SOURCE_LANGUAGE, choose_voice, primary

# Test hooks, read in the worker only. HANG: render of exactly this text never returns.
# HIDE_ESPEAK: the worker acts as if libespeak-ng were not installed.
HANG_ENV = "BACKSTRETCH_TEST_WORKER_HANG"
HIDE_ESPEAK_ENV = "BACKSTRETCH_TEST_HIDE_ESPEAK"

# Requests, service -> worker: (RENDER, key, text), (VOICES,), (STOP,).
RENDER = "render"
VOICES = "voices"
STOP = "stop"
# Replies, worker -> service: (READY, driver, voice used), (FAILED, message, fix, detail),
# (NO_VOICE, language), (RENDERED, key, path, seconds), (RENDER_ERROR, key, detail),
# (VOICE_LIST, [(id, name, langs)]).
READY = "ready"
NO_VOICE = "no_voice"
FAILED = "failed"
RENDERED = "rendered"
RENDER_ERROR = "render_error"
VOICE_LIST = "voice_list"

# A cue is a sentence or two; espeak-ng renders one in tens of milliseconds. This only stops a
# stuck engine from holding the worker forever when the service's watchdog is not looking.
RENDER_DEADLINE_S = 60.0

VoiceInfo = tuple[str, str, tuple[str, ...]]


def default_driver() -> str:
    """The pyttsx3 driver pyttsx3 itself picks on this platform (same table as pyttsx3.engine)."""
    return {"darwin": "nsss", "win32": "sapi5"}.get(sys.platform, "espeak")


def startup_problem(driver: str, error: BaseException) -> tuple[str, str]:
    """Calm words and a fix for a speech engine that would not start."""
    missing = getattr(error, "name", None) if isinstance(error, ImportError) else None
    # Commands stay as they are; the sentence around them is translated.
    reinstall = tr("Reinstall BackStretch, or run: {command}")
    if missing == "pyttsx3":
        return (
            tr(
                "Spoken cues are off: the speech library pyttsx3 is missing from this installation."
            ),
            reinstall.format(command="pip install pyttsx3"),
        )
    if driver == "espeak":
        if "could not initialize" in str(error):
            return (
                tr(
                    "Spoken cues are off: the speech engine espeak-ng is installed but would not "
                    "start."
                ),
                "sudo apt-get install --reinstall espeak-ng espeak-ng-data",
            )
        return (
            tr("Spoken cues are off: the speech engine espeak-ng is not installed."),
            "sudo apt-get install espeak-ng",
        )
    if driver == "sapi5":
        if missing in {"comtypes", "pywintypes", "win32com"}:
            return (
                tr("Spoken cues are off: a Windows speech component is missing."),
                reinstall.format(command="pip install comtypes pywin32"),
            )
        return (
            tr("Spoken cues are off: Windows speech would not start."),
            tr(
                "Open Settings > Time & language > Speech, check that a voice is installed, "
                "then restart BackStretch."
            ),
        )
    if missing is not None:
        return (
            tr("Spoken cues are off: a macOS speech component is missing."),
            reinstall.format(command="pip install pyobjc"),
        )
    return (
        tr("Spoken cues are off: the system speech engine would not start."),
        tr("Restart BackStretch. If it happens again, check the system's speech settings."),
    )


def run_worker(
    conn: Connection,
    cache_dir: str,
    driver: str,
    voice: str | None,
    rate: int,
    language: str | None = None,
) -> None:
    """Child-process entry point: start pyttsx3, then serve requests until told to stop.

    With a language ("de", "es_ES") the worker picks the voice that speaks it (speech.voices)
    and says NO_VOICE when none does; without one it uses `voice` as it is."""
    # Ctrl+C in a terminal reaches the whole process group; the app decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _silence_stdout()
    if language is not None:
        i18n.set_language(language)  # this process's own words (start-up problems)
    try:
        if os.environ.get(HIDE_ESPEAK_ENV):
            _hide_espeak()
        import pyttsx3

        # The first engine loads the native library, so a missing espeak-ng shows up here.
        probe = pyttsx3.init(driver)
        del probe
    except Exception as error:
        message, fix = startup_problem(driver, error)
        _reply(conn, (FAILED, message, fix, f"{type(error).__name__}: {error}"))
        return
    if language is not None and primary(language) != SOURCE_LANGUAGE:
        # Listing espeak-ng's 131 voices and choosing took 6.7 ms (measured); English skips it.
        choice = choose_voice(_voices(pyttsx3.init, driver), language, voice)
        if choice.missing:
            _reply(conn, (NO_VOICE, language))
            return
        voice = choice.voice
    cache = CueCache(Path(cache_dir))
    cache.root.mkdir(parents=True, exist_ok=True)
    cache.remove_stale_temps()
    if not _reply(conn, (READY, driver, voice)):
        return
    settings = (voice, rate)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the app is gone
        kind = request[0]
        if kind == STOP:
            return
        if kind == VOICES:
            reply: tuple[Any, ...] = (VOICE_LIST, _voices(pyttsx3.init, driver))
        elif kind == RENDER:
            key, text = request[1], request[2]
            if text == os.environ.get(HANG_ENV):
                while True:
                    time.sleep(3600)
            started = time.perf_counter()
            try:
                path = _render(pyttsx3.init, driver, settings, cache, key, text)
            except Exception as error:
                reply = (RENDER_ERROR, key, f"{type(error).__name__}: {error}")
            else:
                reply = (RENDERED, key, str(path), time.perf_counter() - started)
        else:
            reply = (RENDER_ERROR, "", f"unknown request {kind!r}")
        if not _reply(conn, reply):
            return


def _reply(conn: Connection, message: tuple[Any, ...]) -> bool:
    try:
        conn.send(message)
    except (OSError, EOFError, ValueError):
        return False
    return True


def _silence_stdout() -> None:
    # pyttsx3 2.99's espeak driver print()s "Audio saved to ..." for every file; keep that off
    # the app's terminal, at the descriptor level too in case a C library writes there.
    devnull = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        os.dup2(devnull.fileno(), 1)
    except (OSError, ValueError):
        pass
    sys.stdout = devnull


def _hide_espeak() -> None:
    # Test hook: refuse to load libespeak-ng, so pyttsx3's own "not installed" path runs.
    real = ctypes.cdll.LoadLibrary

    def refuse(name: str) -> ctypes.CDLL:
        if "espeak" in str(name).lower():
            raise OSError(f"{name}: cannot open shared object file (hidden by {HIDE_ESPEAK_ENV})")
        return real(name)

    setattr(ctypes.cdll, "LoadLibrary", refuse)  # noqa: B010 - mypy rejects assigning a method


def _voices(init: Callable[[str], Any], driver: str) -> list[VoiceInfo]:
    engine = init(driver)
    try:
        found = engine.getProperty("voices")
        return [
            (str(v.id), str(v.name or v.id), tuple(str(lang) for lang in (v.languages or ())))
            for v in found
        ]
    finally:
        del engine


def _render(
    init: Callable[[str], Any],
    driver: str,
    settings: tuple[str | None, int],
    cache: CueCache,
    key: str,
    text: str,
) -> Path:
    voice, rate = settings
    temp = cache.temp_path_for(key)
    # A fresh engine per cue. SAPI5 in pyttsx3 2.99 speaks only once per engine (pyttsx3
    # #402/#419); on Linux a new engine costs about 0.3 ms next to about 13 ms per cue
    # (measured), so every platform takes this one path. The previous engine is always gone
    # by now: its DriverProxy.__del__ clears espeak's synth callback, which would silence a
    # newer engine if the two overlapped.
    engine = init(driver)
    finished = threading.Event()
    engine.connect("finished-utterance", lambda **_: finished.set())
    done = False
    try:
        if voice:
            engine.setProperty("voice", voice)
        engine.setProperty("rate", rate)
        # Always full volume: the cache key has no volume, so the player applies the user's.
        engine.setProperty("volume", 1.0)
        # One item per runAndWait: 2.99's espeak driver renders only the last item queued
        # before runAndWait, and keeps the save path afterwards (a later say() would
        # overwrite this file), so an engine is never reused.
        engine.save_to_file(text, str(temp))
        engine.runAndWait()
        _wait_until_written(temp, finished, driver)
        done = True
    finally:
        # On a failure this cancels a synthesis still running (espeak-ng's Cancel returns
        # only once it has ended), so nothing writes the temp file after it is removed.
        engine.stop()
        del engine
        if not done:
            temp.unlink(missing_ok=True)
    try:
        wav = _as_pcm_wav(temp, cache.temp_path_for(key))
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return cache.publish(wav, key)


def _wait_until_written(path: Path, finished: threading.Event, driver: str) -> None:
    # pyttsx3 2.99's espeak driver returns from runAndWait before the file exists: espeak-ng
    # synthesises on its own thread and the driver writes the WAV in place from the callback,
    # then fires finished-utterance. SAPI5 and NSSpeech have finished when runAndWait returns.
    deadline = time.monotonic() + RENDER_DEADLINE_S
    while time.monotonic() < deadline:
        written = finished.is_set() or driver != "espeak"
        if written and _audio_is_complete(path) and not _espeak_busy(driver):
            return
        if finished.is_set():
            time.sleep(0.001)
        else:
            finished.wait(0.005)
    raise TimeoutError(f"no complete audio file after {RENDER_DEADLINE_S:.0f} s")


def _espeak_busy(driver: str) -> bool:
    # espeak-ng is still inside the driver's callback (tidying up after writing the file)
    # until IsPlaying drops; a new engine must not take over the callback before then.
    if driver != "espeak":
        return False
    from pyttsx3.drivers import _espeak

    return bool(_espeak.IsPlaying())


def _audio_is_complete(path: Path) -> bool:
    if wav_is_complete(path):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    # macOS NSSpeechSynthesizer writes AIFF whatever the name says (pyttsx3 #361).
    return (
        len(head) == 12
        and head[:4] == b"FORM"
        and head[8:12] in (b"AIFF", b"AIFC")
        and 8 + int.from_bytes(head[4:8], "big") <= size
    )


def _as_pcm_wav(source: Path, spare: Path) -> Path:
    """Return a plain PCM WAV of source: source itself, or spare holding a conversion."""
    with source.open("rb") as handle:
        magic = handle.read(4)
    if magic == b"RIFF":
        return source
    if magic != b"FORM":
        raise ValueError(f"unknown audio format {magic!r}")
    # aifc is deprecated (gone in Python 3.13); fine on the 3.11 this app ships with.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import aifc
    with aifc.open(str(source), "rb") as aiff:
        channels, width, rate = aiff.getnchannels(), aiff.getsampwidth(), aiff.getframerate()
        frames = aiff.readframes(aiff.getnframes())
    if width != 2:
        raise ValueError(f"AIFF with {width * 8}-bit samples is not supported")
    samples = array.array("h", frames)
    if sys.byteorder == "little":
        samples.byteswap()  # aifc hands out big-endian samples; WAV wants little-endian
    with wave.open(str(spare), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(int(rate))
        out.writeframes(samples.tobytes())
    source.unlink()
    return spare
