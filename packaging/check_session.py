"""Run a real ~20-second BackStretch session headless and check it ran to the end on time.

    python packaging/check_session.py [--mute] [--pulse] -- COMMAND...

COMMAND is how to start the app: the `backstretch` of a fresh pip install, or the bundle's
dist/BackStretch/BackStretch. The session runs with Qt's offscreen platform, private XDG_*
folders (a settings.toml that has accepted the safety note and turned the pain check off) and
--exit-when-done, with --start and --trace. Checks: exit code 0, the trace's phases
in order and a "done" event, and the time taken (the plan's length plus the 4 s the app waits
after the closing line, plus start-up). With --pulse the voice is on and a private PulseAudio
daemon with a null sink (tests/integration/pulse.py) records what is played: at least one cue
must be heard (the speech worker and QSoundEffect of that build both work).

Run it with the project's .venv Python, from anywhere. Exit 0 when every check passes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUTINE = ROOT / "packaging" / "check-routine.toml"
QUIT_DELAY_S = 4.0  # app.py: --exit-when-done quits 4 s after the session ends
STARTUP_ALLOWANCE_S = 15.0  # start-up, the first cue's render, slow CI machines
SETTINGS = "schema_version = 2\nsafety_accepted = true\npain_check = false\n"


def planned_seconds(command: list[str], env: dict[str, str]) -> float:
    result = subprocess.run(
        [*command, "plan", str(ROUTINE), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return float(json.loads(result.stdout)["total_s"])


def run(command: list[str], *, mute: bool, pulse: bool) -> list[str]:
    """The session; returns the problems found (empty when all is well)."""
    base = Path(tempfile.mkdtemp(prefix="bs-check-"))
    problems: list[str] = []
    try:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            XDG_CONFIG_HOME=str(base / "config"),
            XDG_DATA_HOME=str(base / "data"),
            XDG_CACHE_HOME=str(base / "cache"),
            XDG_STATE_HOME=str(base / "state"),
            # The single-instance socket goes here: no other BackStretch can take the launch.
            XDG_RUNTIME_DIR=str(base / "runtime"),
        )
        (base / "runtime").mkdir(mode=0o700)
        settings = base / "config" / "backstretch" / "settings.toml"
        settings.parent.mkdir(parents=True)
        settings.write_text(SETTINGS, encoding="utf-8")
        total = planned_seconds(command, env)
        trace = base / "trace.jsonl"
        args = [
            *command,
            "--routine",
            str(ROUTINE),
            "--start",
            "--exit-when-done",
            "--trace",
            str(trace),
        ]
        if mute:
            args.append("--mute")
        recording = base / "monitor.wav"
        if pulse:
            sys.path.insert(0, str(ROOT))
            from tests.integration.pulse import PulseSink, private_pulse

            with private_pulse(base) as sink:
                env.update(
                    {k: sink.env[k] for k in ("PULSE_SERVER", "PULSE_CLIENTCONFIG", "PULSE_SINK")}
                )
                env["XDG_RUNTIME_DIR"] = sink.env["XDG_RUNTIME_DIR"]
                with sink.record(recording):
                    took, result = timed(args, env, total)
                onsets = PulseSink.onsets(recording, threshold=0.01, min_gap_s=0.25)
                peak = PulseSink.peak_rms(recording)
            if not onsets:
                problems.append(f"nothing was heard on the null sink (peak level {peak:.4f})")
            else:
                print(f"  heard {len(onsets)} sounds, peak level {peak:.2f} of full scale")
        else:
            took, result = timed(args, env, total)
        expected = total + QUIT_DELAY_S
        print(f"  session: planned {total:.0f} s + {QUIT_DELAY_S:.0f} s to quit, took {took:.1f} s")
        if result.returncode != 0:
            problems.append(f"exit code {result.returncode}: {result.stderr[-1500:]}")
        if "Traceback" in result.stderr:
            problems.append(f"a traceback on stderr: {result.stderr[-1500:]}")
        if not expected - 0.5 <= took <= expected + STARTUP_ALLOWANCE_S:
            problems.append(
                f"took {took:.1f} s, expected {expected:.0f}-{expected + STARTUP_ALLOWANCE_S:.0f} s"
            )
        events = (
            [json.loads(line) for line in trace.read_text().splitlines()] if trace.exists() else []
        )
        kinds = [e["kind"] for e in events if e["event"] == "phase"]
        if kinds[-1:] != ["done"] or "hold" not in kinds:
            problems.append(f"phases in the trace: {kinds}")
        if not any(e["event"] == "done" for e in events):
            problems.append("no 'done' event in the trace: the session did not finish")
        if not mute and not any(e["event"] == "play" for e in events):
            problems.append("the voice was on but the trace has no 'play' event")
        notices = [e["text"] for e in events if e["event"] == "notice"]
        if notices and not mute:
            problems.append(f"the app reported: {notices}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return problems


def timed(
    args: list[str], env: dict[str, str], total: float
) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    try:
        result = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=total + 60, check=False
        )
    except subprocess.TimeoutExpired as error:  # run() has killed it; report, do not raise
        raw = error.stderr or b""
        stderr = raw if isinstance(raw, str) else raw.decode(errors="replace")
        result = subprocess.CompletedProcess(
            args, -9, "", f"no exit after {total + 60:.0f} s\n{stderr}"
        )
    return time.monotonic() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mute", action="store_true", help="pass --mute (no spoken cues)")
    parser.add_argument(
        "--pulse", action="store_true", help="voice on, under a private PulseAudio null sink"
    )
    parser.add_argument("command", nargs="+", help="the app's command")
    args = parser.parse_args()
    problems = run(args.command, mute=args.mute, pulse=args.pulse)
    for problem in problems:
        print(f"  FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
