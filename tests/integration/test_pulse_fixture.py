"""The private PulseAudio fixture: what is played on the null sink can be recorded and timed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from backstretch.speech.sounds import DURATIONS, ensure_sounds
from tests.integration.conftest import PulseSink, wait_until

THRESHOLD = 0.01  # about -40 dBFS; the null sink's silence is exactly zero


def recorded_s(path: Path) -> float:
    # parec writes 16-bit mono 44.1 kHz after a 44-byte header.
    return max(0, path.stat().st_size - 44) / (2 * 44100)


def test_a_played_beep_is_recorded_once_between_silences(
    pulse_sink: PulseSink, tmp_path: Path
) -> None:
    beep = ensure_sounds(tmp_path / "sounds")["beep"]
    recording = tmp_path / "monitor.wav"
    with pulse_sink.record(recording):
        wait_until(lambda: recorded_s(recording) >= 0.3, 5.0, "0.3 s of silence recorded")
        played_at = recorded_s(recording)
        subprocess.run(["paplay", str(beep)], env=pulse_sink.env, check=True, timeout=10)
        after = recorded_s(recording)
        wait_until(lambda: recorded_s(recording) >= after + 0.3, 5.0, "silence after the beep")

    found = pulse_sink.onsets(recording, THRESHOLD, min_gap_s=0.05)
    assert len(found) == 1, found
    onset = found[0]
    # The beep starts after it was sent (give or take the sink's latency and the 5 ms window).
    assert played_at - 0.02 <= onset <= played_at + 0.5
    assert pulse_sink.peak_rms(recording, onset, onset + DURATIONS["beep"]) > 0.05
    assert pulse_sink.peak_rms(recording, 0.0, onset - 0.01) == 0.0
    assert pulse_sink.peak_rms(recording, onset + DURATIONS["beep"] + 0.05) < THRESHOLD / 10
    assert pulse_sink.duration(recording) > onset + DURATIONS["beep"] + 0.25


def test_children_reach_the_private_daemon_through_the_environment(pulse_sink: PulseSink) -> None:
    assert os.environ["PULSE_SERVER"] == pulse_sink.env["PULSE_SERVER"]
    info = subprocess.run(
        ["pactl", "info"], check=False, capture_output=True, text=True, timeout=10
    )
    assert info.returncode == 0, info.stderr
    assert f"Default Sink: {pulse_sink.sink}" in info.stdout


def test_onsets_separates_sounds_by_the_minimum_gap(pulse_sink: PulseSink, tmp_path: Path) -> None:
    paths = ensure_sounds(tmp_path / "sounds")
    recording = tmp_path / "two.wav"
    with pulse_sink.record(recording):
        for _ in range(2):
            start = recorded_s(recording)
            wait_until(lambda s=start: recorded_s(recording) >= s + 0.2, 5.0, "a gap")
            subprocess.run(["paplay", str(paths["beep"])], env=pulse_sink.env, check=True)
        end = recorded_s(recording)
        wait_until(lambda: recorded_s(recording) >= end + 0.2, 5.0, "the tail")
    two = pulse_sink.onsets(recording, THRESHOLD, min_gap_s=0.1)
    assert len(two) == 2, two
    assert two[1] - two[0] >= 0.2 + DURATIONS["beep"] - 0.02
    # With a minimum gap longer than the silence between them, the beeps merge into one.
    assert pulse_sink.onsets(recording, THRESHOLD, min_gap_s=5.0) == two[:1]
