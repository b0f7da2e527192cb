"""Phase-start accuracy of the real Qt driver against a naive 1-second tick counter.

Runs a session of short phases twice: undisturbed, and with the GUI thread blocked for 300 ms
every few seconds. In each run the real QtTicker + SessionEngine and a naive implementation
(counting 1-second QTimer ticks, as many timer apps do) share one event loop, so both suffer the
same stalls. Prints phase-start error (median, max) and end-of-session drift for each.

    QT_QPA_PLATFORM=offscreen python benchmarks/timing.py [--minutes 3] [--stall-every 4]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer

from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import SessionEngine
from backstretch.core.plan import Plan, build_plan
from backstretch.core.routines import Routine, RoutineItem, Timings
from backstretch.core.stretches import load_library
from backstretch.ui.ticker import QtTicker


def short_phase_plan(minutes: float) -> Plan:
    library = load_library()
    items = []
    total = 0.0
    while total < minutes * 60:
        stretch = library["knee-to-chest"] if len(items) % 2 == 0 else library["pelvic-tilt"]
        item = RoutineItem(stretch, hold=5, repetitions=2, relax=2, sides=stretch.sided)
        items.append(item)
        routine = Routine("Benchmark", tuple(items), Timings(prepare=5, switch=3, rest=3))
        total = build_plan(routine, load_cue_texts()).total_s
    return build_plan(routine, load_cue_texts())


class NaiveTicker:
    """The common approach: a 1 s QTimer that counts down whole seconds.

    repeating=True: Qt's default repeating (Coarse) timer. Qt aligns 1 s coarse timers to
    whole seconds of the system clock, so its phase starts are off by however far Start was
    from a whole second (up to half a second), every phase alike.
    repeating=False: a precise single-shot re-armed on each tick, as timer apps often do;
    every tick's lateness, and every stall, is added to the rest of the session.
    """

    def __init__(
        self, plan: Plan, *, repeating: bool, on_phase: Callable[[int], None] | None = None
    ) -> None:
        self.plan = plan
        self.on_phase = on_phase
        self.index = 0
        self.left = int(plan.phases[0].duration_s)
        self.starts: list[float] = []
        self.repeating = repeating
        self.timer = QTimer()
        self.timer.setInterval(1000)
        self.timer.setSingleShot(not repeating)
        if not repeating:
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.tick)

    @property
    def done(self) -> bool:
        return self.index >= len(self.plan.phases) - 1

    def start(self) -> None:
        self.starts.append(time.monotonic())
        self.timer.start()
        if self.on_phase:
            self.on_phase(0)

    def tick(self) -> None:
        self.left -= 1
        while self.left <= 0:
            self.index += 1
            self.starts.append(time.monotonic())
            if self.on_phase:
                self.on_phase(self.index)
            if self.done:
                self.timer.stop()
                return
            self.left = int(self.plan.phases[self.index].duration_s)
        if not self.repeating:
            self.timer.start()


def run_once(
    app: QCoreApplication, plan: Plan, stall_every: float | None
) -> dict[str, list[float]]:
    engine = SessionEngine(plan, time.monotonic)
    ticker = QtTicker(engine)
    real_starts: list[float] = []
    ticker.phaseStarted.connect(lambda _p: real_starts.append(time.monotonic()))
    naive = {
        "naive repeating 1 s": NaiveTicker(plan, repeating=True),
        "naive re-armed 1 s": NaiveTicker(plan, repeating=False),
    }
    stall = QTimer()
    if stall_every:
        stall.setInterval(int(stall_every * 1000))
        stall.timeout.connect(lambda: time.sleep(0.3))  # the GUI thread is busy for 300 ms

    def check_done() -> None:
        if engine.state.value == "finished" and all(n.done for n in naive.values()):
            app.quit()

    watcher = QTimer()
    watcher.setInterval(100)
    watcher.timeout.connect(check_done)
    ticker.start()
    for counter in naive.values():
        counter.start()
    if stall_every:
        # Offset from the whole-second phase boundaries, so stalls land at varied moments.
        QTimer.singleShot(500, stall.start)
    watcher.start()
    app.exec()
    stall.stop()
    watcher.stop()
    ideal = [p.start_s for p in plan.phases]
    ticker.stop_timer()
    series = {"QtTicker (deadlines)": real_starts} | {k: n.starts for k, n in naive.items()}
    return {
        name: [(s - starts[0] - i) * 1000 for s, i in zip(starts, ideal, strict=False)]
        for name, starts in series.items()
    }


def describe(errors: list[float]) -> str:
    abs_errors = [abs(e) for e in errors]
    return (
        f"median {statistics.median(abs_errors):8.2f} ms   max {max(abs_errors):8.2f} ms   "
        f"end drift {errors[-1]:+9.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--stall-every", type=float, default=4.3)
    args = parser.parse_args()
    app = QCoreApplication([])
    plan = short_phase_plan(args.minutes)
    print(
        f"{platform.node()} {platform.machine()} Python {platform.python_version()}; "
        f"{len(plan.phases)} phases, {plan.total_s:.0f} s"
    )
    for label, stall in (
        ("undisturbed", None),
        (f"300 ms stall every {args.stall_every:g} s", args.stall_every),
    ):
        result = run_once(app, plan, stall)
        print(f"{label}:")
        real = result["QtTicker (deadlines)"]
        for name, errors in result.items():
            ratio = abs(errors[-1]) / max(abs(real[-1]), 0.01)
            print(f"  {name:<22} {describe(errors)}   drift ratio to QtTicker {ratio:6.1f}x")


if __name__ == "__main__":
    main()
