"""voices, say and self-test from the real command line, with real espeak-ng and PulseAudio."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import PulseSink

pytestmark = pytest.mark.usefixtures("requires_espeak")


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstretch", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **env),
    )


def test_voices_lists_the_engines_voices() -> None:
    result = cli("voices")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) > 10 and all(len(r) == 3 for r in rows)
    assert any(r[2].startswith("en") for r in rows)


def test_say_is_heard_at_the_sink(pulse_sink: PulseSink, tmp_path: Path) -> None:
    recording = tmp_path / "say.wav"
    with pulse_sink.record(recording):
        result = cli("say", "Knees to your chest, and breathe.", "--rate", "180")
    assert result.returncode == 0, result.stderr
    assert pulse_sink.peak_rms(recording) > 0.05
    assert len(pulse_sink.onsets(recording, threshold=0.01, min_gap_s=0.5)) >= 1


def test_self_test_all_ok(pulse_sink: PulseSink) -> None:
    result = cli("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    names = [line.split("  ")[0] for line in lines]
    assert names == [
        "Qt platform",
        "stretch content",
        "settings folder",
        "data folder",
        "speech cache",
        "speech engine",
        "audio output",
    ]
    assert all("  ok  " in line for line in lines), result.stdout


def test_self_test_names_the_fix_and_fails_only_for_essentials(
    pulse_sink: PulseSink, tmp_path: Path
) -> None:
    result = cli("self-test", BACKSTRETCH_TEST_HIDE_ESPEAK="1")
    assert result.returncode == 0
    speech = next(line for line in result.stdout.splitlines() if line.startswith("speech engine"))
    assert "missing" in speech and "sudo apt-get install espeak-ng" in speech
    assert result.stdout.splitlines()[-1].startswith("BackStretch works; without speech engine")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = cli("self-test", XDG_DATA_HOME=str(blocked))
    assert result.returncode == 1
    data = next(line for line in result.stdout.splitlines() if line.startswith("data folder"))
    assert "FAILED" in data and "not writable" in data
