"""Generated beeps and chime: length, level, no clicks, written once and atomically."""

from __future__ import annotations

import array
import itertools
import math
import os
import wave
from pathlib import Path

import pytest

from backstretch.speech import sounds
from backstretch.speech.cache import wav_is_complete
from backstretch.speech.sounds import DURATIONS, SAMPLE_RATE, ensure_sounds


def read(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, SAMPLE_RATE)
        return array.array("h", wav.readframes(wav.getnframes()))


def rms(samples: array.array[int]) -> float:
    return math.sqrt(sum(v * v for v in samples) / max(1, len(samples))) / 32768.0


def crossings_per_s(samples: array.array[int]) -> float:
    ups = sum(1 for a, b in itertools.pairwise(samples) if a < 0 <= b)
    return ups / (len(samples) / SAMPLE_RATE)


@pytest.mark.parametrize("name", list(DURATIONS))
def test_each_sound_has_its_length_a_soft_level_and_no_click(name: str, tmp_path: Path) -> None:
    samples = read(ensure_sounds(tmp_path)[name])
    assert len(samples) == round(DURATIONS[name] * SAMPLE_RATE)
    assert rms(samples) > 0.03, "too quiet to hear"
    assert max(abs(v) for v in samples) < 0.5 * 32768, "too loud for someone lying still"
    # Starts and ends at (near) zero and ramps gently: a jump at either end clicks.
    edge = round(0.001 * SAMPLE_RATE)
    assert abs(samples[0]) < 100 and abs(samples[-1]) < 100
    assert max(abs(v) for v in samples[:edge]) < 0.02 * 32768
    assert max(abs(v) for v in samples[-edge:]) < 0.02 * 32768
    assert max(abs(b - a) for a, b in itertools.pairwise(samples)) < 0.2 * 32768


def test_the_last_beep_is_higher_than_the_countdown_beep(tmp_path: Path) -> None:
    paths = ensure_sounds(tmp_path)
    beep = crossings_per_s(read(paths["beep"]))
    last = crossings_per_s(read(paths["beep_last"]))
    assert beep == pytest.approx(880, rel=0.05)
    assert last > beep * 1.3


def test_the_chime_has_two_notes(tmp_path: Path) -> None:
    samples = read(ensure_sounds(tmp_path)["chime"])
    at = round(0.3 * SAMPLE_RATE)
    window = round(0.02 * SAMPLE_RATE)
    before = rms(samples[at - window : at])
    after = rms(samples[at + window : at + 2 * window])
    assert after > 1.5 * before, "the second note should lift the level at 0.3 s"


def test_ensure_sounds_writes_once(tmp_path: Path) -> None:
    first = ensure_sounds(tmp_path / "sounds")
    assert set(first) == {"beep", "beep_last", "chime"}
    stamps = {n: (p.stat().st_ino, p.stat().st_mtime_ns) for n, p in first.items()}
    second = ensure_sounds(tmp_path / "sounds")
    assert second == first
    assert {n: (p.stat().st_ino, p.stat().st_mtime_ns) for n, p in second.items()} == stamps
    assert sorted(p.name for p in (tmp_path / "sounds").iterdir()) == [
        "beep.wav",
        "beep_last.wav",
        "chime.wav",
    ]


def test_ensure_sounds_replaces_a_damaged_file_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sounds"
    paths = ensure_sounds(folder)
    paths["chime"].write_bytes(paths["chime"].read_bytes()[:1000])  # cut short, as by a crash
    assert not wav_is_complete(paths["chime"])
    replaced: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def checked_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        src_path, dst_path = Path(src), Path(dst)
        # The new file is complete before it takes the old name, and in the same folder.
        assert wav_is_complete(src_path)
        assert src_path.parent == dst_path.parent
        replaced.append((src_path, dst_path))
        real_replace(src, dst)

    monkeypatch.setattr(sounds.os, "replace", checked_replace)
    ensure_sounds(folder)
    assert [dst for _, dst in replaced] == [paths["chime"]]
    assert wav_is_complete(paths["chime"])
    assert len(read(paths["chime"])) == round(DURATIONS["chime"] * SAMPLE_RATE)
    assert sorted(p.name for p in folder.iterdir()) == ["beep.wav", "beep_last.wav", "chime.wav"]
