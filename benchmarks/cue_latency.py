"""Phase start -> audio onset at the sink, and the longest GUI-thread stall, during a voiced
session: BackStretch's worker + preloaded QSoundEffect against the naive approach (pyttsx3
say() + runAndWait() on the GUI thread at each boundary), in the same run.

Needs pulseaudio, pulseaudio-utils, espeak-ng, and for the naive side alsa-utils and
libasound2-plugins (pyttsx3's espeak driver plays through `aplay`).

    QT_QPA_PLATFORM=offscreen python benchmarks/cue_latency.py [--runs 3]
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.integration.pulse
sys.path.insert(0, str(Path(__file__).resolve().parent))  # for timing.NaiveTicker

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from timing import NaiveTicker

from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import SessionEngine
from backstretch.core.plan import Plan, build_plan, spoken_texts
from backstretch.core.routines import Routine, RoutineItem, Timings
from backstretch.core.stretches import load_library
from backstretch.speech.service import SpeechService, VoiceSettings
from backstretch.ui.ticker import QtTicker
from backstretch.ui.voice import QtVoice
from tests.integration.pulse import PulseSink, RecordingClock, private_pulse


def session_plan() -> Plan:
    library = load_library()
    items = (
        RoutineItem(library["knee-to-chest"], hold=8, repetitions=1, relax=0, sides=True),
        RoutineItem(library["pelvic-tilt"], hold=6, repetitions=3, relax=3, sides=False),
    )
    return build_plan(
        Routine("Latency", items, Timings(prepare=5, switch=4, rest=4)), load_cue_texts()
    )


class StallProbe:
    """A 5 ms timer on the GUI thread; the longest gap beyond 5 ms is the longest stall."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self._last - 0.005)
        self._last = now


def naive_run(app: QApplication, plan: Plan, starts: list[float]) -> None:
    """A simple app: a re-armed 1 s timer counts down, and at each phase start it calls
    pyttsx3 say() + runAndWait() on the GUI thread. (Our engine would take the multi-second
    stalls this causes for a sleeping machine and pause, so the naive side counts ticks.)"""
    import pyttsx3

    speaker = pyttsx3.init()

    def on_phase(index: int) -> None:
        cues = plan.phases[index].cues
        if cues:
            speaker.say(cues[0].text)
            speaker.runAndWait()

    counter = NaiveTicker(plan, repeating=False, on_phase=on_phase)
    watcher = QTimer()
    watcher.setInterval(100)

    def finish_when_done() -> None:
        if counter.done:
            watcher.stop()
            QTimer.singleShot(3000, app.quit)

    watcher.timeout.connect(finish_when_done)
    counter.start()
    watcher.start()
    app.exec()
    watcher.stop()
    starts.extend(counter.starts)


def ours_run(app: QApplication, plan: Plan, starts: list[float], cache: Path) -> None:
    service = SpeechService(cache, VoiceSettings())
    voice = QtVoice(service, {}, clock=time.monotonic)
    engine = SessionEngine(plan, time.monotonic)
    ticker = QtTicker(engine)
    voice.attach(ticker)
    voice.prepare(spoken_texts(plan, load_cue_texts()))
    ticker.phaseStarted.connect(lambda _p: starts.append(time.monotonic()))
    ticker.finished.connect(lambda _c: QTimer.singleShot(3000, app.quit))
    first = plan.phases[0].cues[0].text
    waiter = QTimer()
    waiter.setInterval(20)

    def begin() -> None:
        if voice.ready(first):
            waiter.stop()
            ticker.start()

    waiter.timeout.connect(begin)
    waiter.start()
    app.exec()
    ticker.stop_timer()
    voice.close()


def measure(app: QApplication, sink: PulseSink, work: str, plan: Plan, tmp: Path) -> dict:
    recording = tmp / f"{work}.wav"
    starts: list[float] = []
    with sink.record(recording):
        clock = RecordingClock(recording)
        probe = StallProbe()
        if work == "ours":
            ours_run(app, plan, starts, tmp / "cache")
        else:
            naive_run(app, plan, starts)
        probe.timer.stop()
        time.sleep(0.3)
        clock.stop()
    onsets = sink.onsets(recording, threshold=0.01, min_gap_s=0.25)
    latencies = []
    for start in starts:
        at = start - clock.zero
        after = [o for o in onsets if o >= at - 0.02]
        latencies.append((after[0] - at) * 1000 if after else float("nan"))
    return {"latencies": latencies, "stall_ms": probe.longest * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    plan = session_plan()
    print(
        f"{platform.node()} {platform.machine()} Python {platform.python_version()}; "
        f"{len(plan.phases)} phases, {plan.total_s:.0f} s per session, {args.runs} runs"
    )
    results: dict[str, list[dict]] = {"ours": [], "naive": []}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        with private_pulse(tmp) as sink:
            os.environ.update(
                {
                    k: sink.env[k]
                    for k in ("XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_CLIENTCONFIG", "PULSE_SINK")
                }
            )
            # pyttsx3's espeak driver plays with aplay: send ALSA's default to PulseAudio.
            Path(sink.env["HOME"], ".asoundrc").write_text(
                "pcm.!default pulse\nctl.!default pulse\n"
            )
            os.environ["HOME"] = sink.env["HOME"]
            app = QApplication.instance() or QApplication(sys.argv[:1])
            for run in range(args.runs):
                (tmp / str(run)).mkdir()
                for work in ("ours", "naive"):
                    results[work].append(measure(app, sink, work, plan, tmp / str(run)))
    for work, label in (
        ("ours", "BackStretch (worker + QSoundEffect)"),
        ("naive", "naive say()+runAndWait on GUI thread"),
    ):
        lat = [x for r in results[work] for x in r["latencies"] if not math.isnan(x)]
        missing = sum(1 for r in results[work] for x in r["latencies"] if math.isnan(x))
        stalls = [r["stall_ms"] for r in results[work]]
        print(f"{label}:")
        print(
            f"  phase start -> onset: median {statistics.median(lat):7.1f} ms, "
            f"max {max(lat):7.1f} ms over {len(lat)} phases ({missing} never heard)"
        )
        print(
            f"  longest GUI stall: median of runs {statistics.median(stalls):7.1f} ms, "
            f"max {max(stalls):7.1f} ms"
        )
    ours = statistics.median(r["stall_ms"] for r in results["ours"])
    naive = statistics.median(r["stall_ms"] for r in results["naive"])
    print(f"stall ratio naive/ours: {naive / max(ours, 0.01):.0f}x")


if __name__ == "__main__":
    main()
