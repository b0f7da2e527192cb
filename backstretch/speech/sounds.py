"""Soft countdown beeps and a phase chime, generated as small WAVs with the standard library."""

from __future__ import annotations

import io
import math
import os
import sys
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

SAMPLE_RATE = 44100
# Seconds of audio in each sound; tests and the player's scheduling rely on these.
DURATIONS: dict[str, float] = {"beep": 0.12, "beep_last": 0.25, "chime": 0.9}
# Peak level as a fraction of full scale: quiet enough for someone lying still, eyes closed.
_LEVEL = 0.3
_FADE_S = 0.008


def _envelope(n: int, total: int, fade: int) -> float:
    # Raised-cosine ramps at both ends, so the waveform starts and ends at zero: no click.
    if n < fade:
        return 0.5 - 0.5 * math.cos(math.pi * n / fade)
    left = total - 1 - n
    if left < fade:
        return 0.5 - 0.5 * math.cos(math.pi * max(left, 0) / fade)
    return 1.0


def _render(seconds: float, wave_at: Callable[[float], float]) -> bytes:
    total = round(seconds * SAMPLE_RATE)
    fade = round(_FADE_S * SAMPLE_RATE)
    samples = array("h", bytes(2 * total))
    for n in range(total):
        value = wave_at(n / SAMPLE_RATE) * _envelope(n, total, fade) * _LEVEL
        samples[n] = max(-32767, min(32767, round(value * 32767)))
    return samples.tobytes() if sys.byteorder == "little" else _swapped(samples)


def _swapped(samples: array[int]) -> bytes:
    copy = array("h", samples)
    copy.byteswap()
    return copy.tobytes()


def _beep(freq: float) -> Callable[[float], float]:
    return lambda t: math.sin(2 * math.pi * freq * t)


def _chime(t: float) -> float:
    # Two soft bell-like notes (E5 then A5), each decaying; the second enters at 0.3 s.
    def note(freq: float, start: float) -> float:
        if t < start:
            return 0.0
        age = t - start
        tone = math.sin(2 * math.pi * freq * age) + 0.2 * math.sin(4 * math.pi * freq * age)
        attack = min(1.0, age / _FADE_S)  # a note that starts at full level ticks
        return attack * tone * math.exp(-age * 4.0) / 1.2

    return 0.9 * note(659.25, 0.0) + 0.9 * note(880.0, 0.3)


_MAKERS: dict[str, Callable[[float], float]] = {
    "beep": _beep(880.0),
    "beep_last": _beep(1318.5),
    "chime": _chime,
}


def sound_bytes(name: str) -> bytes:
    """The complete WAV file (16-bit mono PCM) for one of the names in DURATIONS."""
    frames = _render(DURATIONS[name], _MAKERS[name])
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(frames)
    return buffer.getvalue()


def _looks_complete(path: Path, name: str) -> bool:
    """A readable 16-bit mono WAV of the right length and size (cheap: header and size only)."""
    frames = round(DURATIONS[name] * SAMPLE_RATE)
    try:
        with wave.open(str(path), "rb") as wav:
            shape = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), wav.getnframes())
        return shape == (1, 2, SAMPLE_RATE, frames) and path.stat().st_size == 44 + 2 * frames
    except (OSError, EOFError, wave.Error):
        return False


def ensure_sounds(directory: Path) -> dict[str, Path]:
    """Write beep, beep_last and chime WAVs into directory unless already there; return paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name in DURATIONS:
        target = directory / f"{name}.wav"
        if not _looks_complete(target, name):
            data = sound_bytes(name)  # ~20-60 ms of pure Python: only when missing or damaged
            # Same folder, then rename: a player opening the file sees the old or the new one.
            temp = directory / f".{name}.tmp-{os.getpid()}.wav"
            try:
                temp.write_bytes(data)
                os.replace(temp, target)
            finally:
                temp.unlink(missing_ok=True)
        paths[name] = target
    return paths
