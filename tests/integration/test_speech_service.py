"""SpeechService against real espeak-ng in real worker processes: rendering, cache, watchdog."""

from __future__ import annotations

import logging
import os
import signal
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backstretch.speech.cache import cue_key
from backstretch.speech.service import (
    Rendered,
    SpeechEvent,
    SpeechService,
    Unavailable,
    VoiceSettings,
)
from backstretch.speech.worker import HANG_ENV, HIDE_ESPEAK_ENV
from tests.integration.conftest import wait_until
from tests.integration.speech_checks import collect, has_all, rendered_texts, wav_stats

pytestmark = pytest.mark.usefixtures("requires_espeak")

SHORT = "Breathe in."
LONG = (
    "Slowly bring your right knee toward your chest, hold it gently with both hands, "
    "and keep breathing while your lower back rests on the floor."
)
# Long enough that espeak-ng is still synthesising when pyttsx3's runAndWait returns.
PARAGRAPH = " ".join([LONG] * 6)
HANG_TEXT = "This cue never finishes."
NUMBERS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
]  # fmt: skip
THIRTY = [
    f"Stretch {NUMBERS[i % 20]}{' again' * (i // 20)}: let your knees fall to the "
    f"{'left' if i % 2 else 'right'} and breathe out slowly."
    for i in range(30)
]


@pytest.fixture
def make_service(tmp_path: Path) -> Iterator[Callable[..., SpeechService]]:
    made: list[SpeechService] = []

    def make(cache: Path | None = None, timeout_s: float = 5.0) -> SpeechService:
        service = SpeechService(cache or tmp_path / "cues", VoiceSettings(), timeout_s=timeout_s)
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


def test_cues_render_to_audible_wavs_that_grow_with_the_text(
    make_service: Callable[..., SpeechService],
) -> None:
    service = make_service()
    service.start()
    service.request([SHORT, LONG, PARAGRAPH])
    events = collect(service, has_all([SHORT, LONG, PARAGRAPH]))
    assert all(isinstance(e, Rendered) for e in events)
    paths = {e.text: e.path for e in events if isinstance(e, Rendered)}
    short_s, short_rms = wav_stats(paths[SHORT])
    long_s, long_rms = wav_stats(paths[LONG])
    paragraph_s, paragraph_rms = wav_stats(paths[PARAGRAPH])
    assert min(short_rms, long_rms, paragraph_rms) > 0.02, "a rendered cue is (nearly) silent"
    assert 0.3 < short_s < 3.0
    assert long_s > 3 * short_s
    assert paragraph_s > 5 * long_s
    assert service.wav_for(SHORT) == paths[SHORT]
    assert paths[SHORT].name == f"{cue_key('espeak', None, 160, SHORT)}.wav"
    assert [p.name for p in paths[SHORT].parent.iterdir() if ".tmp-" in p.name] == []


def test_a_second_service_finds_cues_in_the_cache_without_rendering(
    make_service: Callable[..., SpeechService], tmp_path: Path
) -> None:
    first = make_service()
    first.start()
    first.request([SHORT, LONG])
    events = collect(first, has_all([SHORT, LONG]))
    stamps = {
        e.text: (e.path.stat().st_ino, e.path.stat().st_mtime_ns)
        for e in events
        if isinstance(e, Rendered)
    }
    first.close()

    second = make_service()  # same cache folder, never started: nothing can render
    assert second.wav_for(LONG) is not None
    second.request([LONG, SHORT, "Not rendered yet."])
    events = second.poll()
    assert rendered_texts(events) == [LONG, SHORT]
    for event in events:
        assert isinstance(event, Rendered)
        stat = event.path.stat()
        assert (stat.st_ino, stat.st_mtime_ns) == stamps[event.text]
    assert second.wav_for("Not rendered yet.") is None


def test_thirty_cues_render_in_order(
    make_service: Callable[..., SpeechService], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="backstretch.speech.service")
    service = make_service()
    service.start()
    began = time.perf_counter()
    service.request(THIRTY)
    events = collect(service, lambda ev: len(ev) >= len(THIRTY), timeout_s=30.0)
    total = time.perf_counter() - began
    assert rendered_texts(events) == THIRTY
    # The worker's own measure of each render, logged by the service at DEBUG.
    times_ms = [float(r.args[1]) for r in caplog.records if r.msg.startswith("rendered")]
    assert len(times_ms) == 30
    print(
        f"\n30 cues: median {statistics.median(times_ms):.1f} ms, max {max(times_ms):.1f} ms "
        f"per cue in the worker; {total:.2f} s in all including worker start-up"
    )
    durations = [wav_stats(e.path)[0] for e in events if isinstance(e, Rendered)]
    assert min(durations) > 1.0


def test_gui_thread_calls_return_quickly(make_service: Callable[..., SpeechService]) -> None:
    service = make_service()
    worst: dict[str, float] = {}

    def timed(name: str, call: Callable[[], object]) -> None:
        began = time.perf_counter()
        call()
        worst[name] = max(worst.get(name, 0.0), time.perf_counter() - began)

    timed("start", service.start)
    for text in THIRTY:
        timed("request", lambda text=text: service.request([text]))
    timed("request", lambda: service.request(THIRTY, urgent=True))
    seen: list[SpeechEvent] = []

    def step() -> bool:
        timed("poll", lambda: seen.extend(service.poll()))
        for text in THIRTY[:5]:
            timed("wav_for", lambda text=text: service.wav_for(text))
        return len(seen) >= len(THIRTY)

    wait_until(step, 30.0, "all cues")
    print("\nworst call, ms: " + ", ".join(f"{k} {v * 1000:.2f}" for k, v in worst.items()))
    # A guard against blocking on the worker, not a benchmark.
    assert max(worst.values()) < 0.05, worst


def test_urgent_cues_jump_the_queue(make_service: Callable[..., SpeechService]) -> None:
    service = make_service()
    service.start()
    service.request(THIRTY[:12])
    service.request(["Stop and rest now."], urgent=True)
    events = collect(service, lambda ev: len(ev) >= 13)
    order = rendered_texts(events)
    # At most a couple of cues were already with the worker when the urgent one came.
    assert order.index("Stop and rest now.") <= 2
    assert [t for t in order if t != "Stop and rest now."] == THIRTY[:12]


def test_a_killed_worker_is_restarted_and_rendering_goes_on(
    make_service: Callable[..., SpeechService],
) -> None:
    service = make_service()
    service.start()
    service.request(THIRTY[:10])
    before = collect(service, lambda ev: len(ev) >= 1)
    first_pid = service.worker_pid
    assert first_pid is not None
    os.kill(first_pid, signal.SIGKILL)
    events = before + collect(service, lambda ev: has_all(THIRTY[:10])(before + ev))
    assert rendered_texts(events) == THIRTY[:10]
    assert not any(isinstance(e, Unavailable) for e in events)
    assert service.available
    assert service.worker_pid not in (None, first_pid)
    assert all(service.wav_for(t) is not None for t in THIRTY[:10])


def test_a_hang_restarts_once_then_a_second_hang_gives_up_quietly(
    make_service: Callable[..., SpeechService], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HANG_ENV, HANG_TEXT)
    service = make_service(timeout_s=1.0)
    service.start()
    service.request([SHORT, HANG_TEXT, LONG])
    pids: set[int] = set()
    events: list[SpeechEvent] = []

    def step() -> bool:
        events.extend(service.poll())
        if service.worker_pid is not None:
            pids.add(service.worker_pid)
        return any(isinstance(e, Unavailable) for e in events)

    began = time.monotonic()
    wait_until(step, 20.0, "Unavailable")
    assert time.monotonic() - began >= 2.0  # two full timeouts of 1 s
    assert len(pids) == 2, "expected exactly one restart"
    assert rendered_texts(events) == [SHORT]
    gone = [e for e in events if isinstance(e, Unavailable)]
    assert len(gone) == 1
    problem = gone[0].problem
    assert problem.message.startswith("Spoken cues are off")
    assert problem.fix
    assert not service.available
    assert service.problem == problem
    assert service.worker_pid is None
    # Afterwards everything is quiet and nothing raises.
    service.request([LONG, "Something new."])
    service.request([HANG_TEXT], urgent=True)
    service.start()
    for _ in range(20):
        assert service.poll() == []
    assert service.voices() == []
    assert service.wav_for(SHORT) is not None


def test_a_single_hang_restarts_the_worker_and_the_cue_still_renders(
    make_service: Callable[..., SpeechService], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HANG_ENV, HANG_TEXT)
    service = make_service(timeout_s=1.0)
    service.start()
    wait_until(lambda: service.worker_pid is not None, 5.0, "the worker process")
    first_pid = service.worker_pid
    monkeypatch.delenv(HANG_ENV)  # only the first worker has the hook
    service.request([HANG_TEXT, SHORT])
    began = time.monotonic()
    events = collect(service, has_all([HANG_TEXT, SHORT]))
    assert time.monotonic() - began >= 1.0
    assert rendered_texts(events) == [HANG_TEXT, SHORT]
    assert service.available
    assert service.worker_pid not in (None, first_pid)


def test_a_missing_espeak_library_reports_the_fix_once(
    make_service: Callable[..., SpeechService], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HIDE_ESPEAK_ENV, "1")
    service = make_service()
    service.request([SHORT])
    service.start()
    events = collect(service, lambda ev: any(isinstance(e, Unavailable) for e in ev))
    for _ in range(10):
        events.extend(service.poll())
    assert service.problem is not None
    assert events == [Unavailable(service.problem)]
    assert service.problem.message == (
        "Spoken cues are off: the speech engine espeak-ng is not installed."
    )
    assert service.problem.fix == "sudo apt-get install espeak-ng"
    assert not service.available
    service.request([LONG])
    assert service.poll() == []


def test_voices_lists_the_engine_voices(make_service: Callable[..., SpeechService]) -> None:
    voices = make_service().voices()
    assert voices, "espeak-ng offers no voices"
    assert all(v.id and v.name for v in voices)
    assert any(any(lang.startswith("en") for lang in v.languages) for v in voices)


def test_close_returns_quickly_even_with_a_hung_worker(
    make_service: Callable[..., SpeechService], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HANG_ENV, HANG_TEXT)
    service = make_service(timeout_s=60.0)
    service.start()
    service.request([SHORT, HANG_TEXT])
    collect(service, lambda ev: len(ev) >= 1)
    wait_until(lambda: not service.poll() and service.rendering == HANG_TEXT, 5.0, "the hang")
    pid = service.worker_pid
    assert pid is not None
    began = time.perf_counter()
    service.close()
    assert time.perf_counter() - began < 1.0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_voices_can_be_asked_without_blocking(tmp_path: Path) -> None:
    from backstretch.speech.service import VoicesListed

    service = SpeechService(tmp_path / "cache", VoiceSettings())
    try:
        started = time.perf_counter()
        service.request_voices()
        assert time.perf_counter() - started < 0.05
        found: list[VoicesListed] = []

        def answered() -> bool:
            found.extend(e for e in service.poll() if isinstance(e, VoicesListed))
            return bool(found)

        wait_until(answered, 30.0, "the voice list")
        assert len(found[0].voices) > 10
    finally:
        service.close()


def test_every_cue_of_the_bundled_routine_is_audible_and_longer_texts_last_longer(
    make_service: Callable[..., SpeechService],
) -> None:
    from backstretch.core.cues import load_cue_texts
    from backstretch.core.plan import build_plan, spoken_texts
    from backstretch.core.routines import find_routine
    from backstretch.core.stretches import load_library

    texts = load_cue_texts()
    plan = build_plan(find_routine("lower-back-relief", None, load_library()), texts)
    cues = spoken_texts(plan, texts)
    assert len(cues) > 30
    service = make_service()
    service.start()
    service.request(cues)
    events = collect(service, has_all(cues), timeout_s=60.0)
    paths = {e.text: e.path for e in events if isinstance(e, Rendered)}
    stats = {text: wav_stats(path) for text, path in paths.items()}
    quiet = [text for text, (_, rms) in stats.items() if rms < 0.02]
    assert not quiet, f"silent cues: {quiet}"
    # Longer texts last longer: seconds per character stays within a narrow band, and a text
    # of twice the words never takes less time. (Words, not characters: "Two" is spoken longer
    # than "Relax." though it has half the letters; one-word cues differ by their sounds.)
    for short, (short_s, _) in stats.items():
        for long, (long_s, _) in stats.items():
            if len(long.split()) >= 2 * len(short.split()):
                assert long_s > short_s, (short, long)
    rates = [seconds / len(text) for text, (seconds, _) in stats.items() if len(text) > 40]
    assert max(rates) < 2 * min(rates)
