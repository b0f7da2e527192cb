"""A real session, real speech, real PulseAudio: every phase's cue is heard within 150 ms."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backstretch.core.cues import load_cue_texts
from backstretch.core.plan import build_plan
from backstretch.core.routines import load_routine
from backstretch.core.stretches import load_library
from tests.fakes import write
from tests.integration.conftest import PulseSink
from tests.integration.pulse import RecordingClock

ROUTINE = """
name = "Audio check"
[timings]
prepare = 5
rest = 3
[[item]]
stretch = "pelvic-tilt"
hold = 6
repetitions = 2
relax = 3
"""


def test_each_phase_is_heard_within_150_ms_of_its_start(
    pulse_sink: PulseSink, requires_espeak: None, tmp_path: Path, isolated_dirs: Path
) -> None:
    recording = tmp_path / "monitor.wav"
    with pulse_sink.record(recording):
        clock = RecordingClock(recording)
        events = run_session(tmp_path, isolated_dirs, {})
        time.sleep(0.3)  # the last cue's tail reaches the recording a little later
        clock.stop()
    phases = [e for e in events if e["event"] == "phase"]
    assert [p["kind"] for p in phases] == ["prepare", "hold", "relax", "hold", "done"]
    assert len([e for e in events if e["event"] == "play"]) >= 10
    onsets = pulse_sink.onsets(recording, threshold=0.01, min_gap_s=0.25)
    latencies = []
    for phase in phases:
        start = phase["t_mono"] - clock.zero
        after = [o for o in onsets if o >= start - 0.02]
        assert after, f"nothing heard after the {phase['kind']} phase started"
        latencies.append(after[0] - start)
    print("phase start -> audio onset (ms):", [round(x * 1000) for x in latencies])
    assert max(latencies) <= 0.150, latencies
    assert min(latencies) >= -0.02


def run_session(tmp_path: Path, isolated_dirs: Path, extra_env: dict[str, str]) -> list[dict]:
    write(
        isolated_dirs / "config" / "backstretch" / "settings.toml",
        "schema_version = 1\nsafety_accepted = true\n",
    )
    routine = write(tmp_path / "audio.toml", ROUTINE)
    trace = tmp_path / "trace.jsonl"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra_env)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "backstretch",
            "--routine",
            str(routine),
            "--start",
            "--exit-when-done",
            "--trace",
            str(trace),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [json.loads(line) for line in trace.read_text().splitlines()]


@pytest.mark.parametrize(
    ("breakage", "env", "fix"),
    [
        ("no espeak-ng", {"BACKSTRETCH_TEST_HIDE_ESPEAK": "1"}, "apt-get install espeak-ng"),
        (
            "worker hangs",
            {"BACKSTRETCH_TEST_WORKER_HANG": "Hold for 6 seconds. Repetition 1 of 2."},
            "Restart BackStretch",
        ),
    ],
)
def test_the_session_keeps_time_when_speech_breaks(
    pulse_sink: PulseSink,
    requires_espeak: None,
    tmp_path: Path,
    isolated_dirs: Path,
    breakage: str,
    env: dict[str, str],
    fix: str,
) -> None:
    events = run_session(tmp_path, isolated_dirs, env)
    phases = [e for e in events if e["event"] == "phase"]
    plan = build_plan(load_routine(tmp_path / "audio.toml", load_library()), load_cue_texts())
    planned = [p.start_s for p in plan.phases]
    assert [p["kind"] for p in phases] == ["prepare", "hold", "relax", "hold", "done"]
    actual = [p["t_mono"] - phases[0]["t_mono"] for p in phases]
    assert max(abs(a - b) for a, b in zip(actual, planned, strict=True)) < 0.05, actual
    notices = [e["text"] for e in events if e["event"] == "notice"]
    assert len(notices) == 1 and fix in notices[0], notices
    sounds = [e["kind"] for e in events if e["event"] == "play"]
    assert "chime" in sounds and "beep" in sounds, sounds
