"""`backstretch self-test`: each part the app needs, ok or with its fix. No Qt in this process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.problems import ProblemsError
from backstretch.core.stretches import load_library
from backstretch.speech.service import Rendered, SpeechService, Unavailable, VoiceSettings


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    essential: bool


def probe_command() -> list[str]:
    """How to run `_probe-qt` in a child process, from a checkout, a wheel or a frozen build."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "_probe-qt"]
    return [sys.executable, "-m", "backstretch", "_probe-qt"]


def check_qt() -> tuple[Check, Check]:
    """Qt's platform plugin and the audio output, probed in a child: a platform plugin that
    cannot load aborts its process, and that must not be this one."""
    try:
        result = subprocess.run(
            probe_command(), capture_output=True, text=True, timeout=60, check=False
        )
        info = (
            json.loads(result.stdout.strip().splitlines()[-1]) if result.returncode == 0 else None
        )
    except (OSError, subprocess.TimeoutExpired, ValueError, IndexError):
        info = None
    if info is None:
        headless = sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
        )
        if headless:
            fix = (
                "no screen found (DISPLAY is not set): run it on a desktop, or set "
                "QT_QPA_PLATFORM=offscreen for a check without a screen"
            )
        else:
            fix = (
                "Qt could not open a window. On Debian/Ubuntu: sudo apt-get install libegl1 "
                "libxkbcommon-x11-0 libxcb-cursor0 libfontconfig1"
            )
        return (
            Check("Qt platform", False, fix, True),
            Check("audio output", False, "not checked: Qt did not start", False),
        )
    qt = Check("Qt platform", True, f"{info['platform']} (Qt {info['qt']})", True)
    if info["audio"]:
        audio = Check("audio output", True, info["audio"], False)
    else:
        audio = Check(
            "audio output",
            False,
            "no sound output found: connect speakers or "
            "headphones, or start the sound server (PulseAudio or PipeWire)",
            False,
        )
    return qt, audio


def check_folder(name: str, folder: Path) -> Check:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".self-test-") as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
        return Check(name, True, str(folder), True)
    except OSError as error:
        return Check(
            name,
            False,
            f"{folder} is not writable ({error.strerror or error}): "
            "check its permissions and free space",
            True,
        )


def check_content() -> Check:
    try:
        library = load_library()
        load_cue_texts()
        return Check("stretch content", True, f"{len(library)} stretches", True)
    except ProblemsError as error:
        return Check("stretch content", False, f"{error.problems[0]}: reinstall BackStretch", True)


def check_speech(paths: Paths, timeout_s: float = 30.0) -> Check:
    """Render one sentence through the real worker and check that it is not silence."""
    service = SpeechService(paths.speech_cache_dir, VoiceSettings())
    text = "BackStretch self test. If you can read this, speech works."
    service.start()
    service.request([text])
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            for event in service.poll():
                if isinstance(event, Unavailable):
                    return Check(
                        "speech engine",
                        False,
                        f"{event.problem.message} Fix: {event.problem.fix}",
                        False,
                    )
                if isinstance(event, Rendered):
                    with wave.open(str(event.path), "rb") as wav:
                        seconds = wav.getnframes() / wav.getframerate()
                    return Check(
                        "speech engine",
                        True,
                        f"{service.engine}, {seconds:.1f} s of speech rendered",
                        False,
                    )
            time.sleep(0.02)
        return Check("speech engine", False, "no answer within 30 s: restart and try again", False)
    finally:
        service.close()


def run_self_test(out: Callable[[str], None] = print) -> int:
    paths = resolve_paths()
    qt, audio = check_qt()
    checks = [
        qt,
        check_content(),
        check_folder("settings folder", paths.config_dir),
        check_folder("data folder", paths.data_dir),
        check_folder("speech cache", paths.speech_cache_dir),
        check_speech(paths),
        audio,
    ]
    width = max(len(c.name) for c in checks)
    for check in checks:
        mark = "ok" if check.ok else ("FAILED" if check.essential else "missing")
        out(f"{check.name:<{width}}  {mark:<7}  {check.detail}")
    essential_ok = all(c.ok for c in checks if c.essential)
    optional = [c.name for c in checks if not c.ok and not c.essential]
    if essential_ok and optional:
        out(f"BackStretch works; without {' and '.join(optional)} it guides on screen only.")
    return 0 if essential_ok else 1
