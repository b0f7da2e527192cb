"""Helpers shared by test modules, so that no test module imports another."""

from __future__ import annotations

import array
import math
import wave
from collections.abc import Callable
from pathlib import Path

from backstretch.speech.service import (
    Rendered,
    SpeechEvent,
    SpeechService,
)
from tests.integration.conftest import wait_until


def wav_stats(path: Path) -> tuple[float, float]:
    """(duration in s, RMS as a fraction of full scale) of a 16-bit WAV."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2
        frames = wav.getnframes()
        rate = wav.getframerate()
        samples = array.array("h", wav.readframes(frames))
    rms = math.sqrt(sum(v * v for v in samples) / max(1, len(samples))) / 32768.0
    return frames / rate, rms


def collect(
    service: SpeechService, done: Callable[[list[SpeechEvent]], bool], timeout_s: float = 20.0
) -> list[SpeechEvent]:
    """Poll until done(events so far) holds; fail after timeout_s."""
    events: list[SpeechEvent] = []

    def step() -> bool:
        events.extend(service.poll())
        return done(events)

    wait_until(step, timeout_s, "speech events")
    return events


def has_all(texts: list[str]) -> Callable[[list[SpeechEvent]], bool]:
    return lambda events: set(texts) <= set(rendered_texts(events))


def rendered_texts(events: list[SpeechEvent]) -> list[str]:
    return [e.text for e in events if isinstance(e, Rendered)]
