"""`backstretch voices` and `backstretch say`: the speech set-up, checked from the command line.

`voices` never imports Qt. `say` does, inside the function: it speaks through the session's own
path (worker, cache, QSoundEffect), so that what it proves is what a session will do.
"""

from __future__ import annotations

import sys
import time

from backstretch.commands.exitcodes import ExitCode
from backstretch.core.i18n import tr
from backstretch.core.paths import resolve_paths


def cmd_voices() -> int:
    from backstretch.speech.service import SpeechService, VoiceSettings

    service = SpeechService(resolve_paths().speech_cache_dir, VoiceSettings())
    try:
        voices = service.voices()
        if not voices:
            problem = service.problem
            if problem is not None:
                print(
                    tr("{problem} Fix: {fix}").format(problem=problem.message, fix=problem.fix),
                    file=sys.stderr,
                )
            else:
                print(tr("The speech engine listed no voices."), file=sys.stderr)
            return ExitCode.ERROR
        for voice in voices:
            # Tab-separated for scripts: ids and language codes, never translated.
            languages = ", ".join(voice.languages)
            print(f"{voice.id}\t{voice.name}\t{languages}")
        return ExitCode.OK
    finally:
        service.close()


def run_say(text: str, voice_id: str | None, rate: int, timeout_s: float = 30.0) -> int:
    """`backstretch say`: the session's own path (worker, cache, QSoundEffect) for one text."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from backstretch.speech.service import SpeechService, VoiceSettings
    from backstretch.ui.voice import QtVoice

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    paths = resolve_paths()
    service = SpeechService(paths.speech_cache_dir, VoiceSettings(voice=voice_id, rate=rate))
    voice = QtVoice(service, {}, clock=time.monotonic)
    outcome = {"code": int(ExitCode.ERROR)}
    problems: list[str] = []
    voice.problemFound.connect(problems.append)
    deadline = time.monotonic() + timeout_s

    def step() -> None:
        effect = voice.current_effect()
        if effect is not None and not effect.isPlaying() and voice.started_playing:
            outcome["code"] = ExitCode.OK
            app.quit()
        elif not voice.speech_ok or time.monotonic() > deadline:
            app.quit()
        elif effect is None and voice.ready(text):
            voice.say(text, "say")

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(step)
    timer.start()
    voice.prepare([text])
    app.exec()
    timer.stop()
    voice.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    if outcome["code"] and not problems:
        print(tr("Nothing was heard within 30 s: try `backstretch self-test`."), file=sys.stderr)
    return outcome["code"]
