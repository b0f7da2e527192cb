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

from backstretch.commands.exitcodes import ExitCode
from backstretch.core.cues import load_cue_texts
from backstretch.core.i18n import format_number, ntr, ptr, tr
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
            fix = tr(
                "no screen found (DISPLAY is not set): run it on a desktop, or set "
                "QT_QPA_PLATFORM=offscreen for a check without a screen"
            )
        else:
            fix = tr(
                "Qt could not open a window. On Debian/Ubuntu: sudo apt-get install libegl1 "
                "libxkbcommon-x11-0 libxcb-cursor0 libfontconfig1"
            )
        return (
            Check(tr("Qt platform"), False, fix, True),
            Check(tr("audio output"), False, tr("not checked: Qt did not start"), False),
        )
    qt = Check(
        tr("Qt platform"),
        True,
        tr("{platform} (Qt {version})").format(platform=info["platform"], version=info["qt"]),
        True,
    )
    if info["audio"]:
        audio = Check(tr("audio output"), True, info["audio"], False)
    else:
        audio = Check(
            tr("audio output"),
            False,
            tr(
                "no sound output found: connect speakers or "
                "headphones, or start the sound server (PulseAudio or PipeWire)"
            ),
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
            tr("{folder} is not writable ({error}): check its permissions and free space").format(
                folder=folder, error=error.strerror or error
            ),
            True,
        )


def check_content() -> Check:
    try:
        library = load_library()
        load_cue_texts()
        count = len(library)
        detail = ntr("{n} stretch", "{n} stretches", count).format(n=count)
        return Check(tr("stretch content"), True, detail, True)
    except ProblemsError as error:
        detail = tr("{problem}: reinstall BackStretch").format(problem=error.problems[0])
        return Check(tr("stretch content"), False, detail, True)


def check_speech(paths: Paths, timeout_s: float = 30.0) -> Check:
    """Render one sentence through the real worker and check that it is not silence."""
    service = SpeechService(paths.speech_cache_dir, VoiceSettings())
    text = tr("BackStretch self test. If you can read this, speech works.")
    service.start()
    service.request([text])
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            for event in service.poll():
                if isinstance(event, Unavailable):
                    return Check(
                        tr("speech engine"),
                        False,
                        tr("{problem} Fix: {fix}").format(
                            problem=event.problem.message, fix=event.problem.fix
                        ),
                        False,
                    )
                if isinstance(event, Rendered):
                    with wave.open(str(event.path), "rb") as wav:
                        seconds = wav.getnframes() / wav.getframerate()
                    return Check(
                        tr("speech engine"),
                        True,
                        tr("{engine}, {seconds} s of speech rendered").format(
                            engine=service.engine, seconds=format_number(seconds, 1)
                        ),
                        False,
                    )
            time.sleep(0.02)  # the worker is another process: nothing to wait on but its queue
        return Check(
            tr("speech engine"), False, tr("no answer within 30 s: restart and try again"), False
        )
    finally:
        service.close()


def run_self_test(out: Callable[[str], None] = print) -> int:
    paths = resolve_paths()
    qt, audio = check_qt()
    checks = [
        qt,
        check_content(),
        check_folder(tr("settings folder"), paths.config_dir),
        check_folder(tr("data folder"), paths.data_dir),
        check_folder(tr("speech cache"), paths.speech_cache_dir),
        check_speech(paths),
        audio,
    ]
    width = max(len(c.name) for c in checks)
    for check in checks:
        if check.ok:
            mark = ptr("self-test", "ok")
        else:
            mark = ptr("self-test", "FAILED") if check.essential else ptr("self-test", "missing")
        out(f"{check.name:<{width}}  {mark:<7}  {check.detail}")  # columns, not a sentence
    essential_ok = all(c.ok for c in checks if c.essential)
    optional = [c.name for c in checks if not c.ok and not c.essential]
    if essential_ok and optional:
        if len(optional) == 1:
            missing = optional[0]
        else:
            missing = tr("{first} and {last}").format(
                first=", ".join(optional[:-1]), last=optional[-1]
            )
        out(
            tr("BackStretch works; without {missing} it guides on screen only.").format(
                missing=missing
            )
        )
    return ExitCode.OK if essential_ok else ExitCode.ERROR
