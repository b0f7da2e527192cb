"""Start-up time to the first painted frame, peak memory during a session, and CPU while a
hold counts down: BackStretch against a bare PySide6 window showing one label, same run.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs 5]

The package's bytecode is compiled first, as `pip install` does for an installed wheel: an
editable checkout under PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on each
start, a cost (about 15 ms here) that no installed copy pays.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import time, sys
from PySide6.QtCore import QEvent, QObject, QTimer, QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Hello")
class First(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.monotonic():.6f}", flush=True)
            watched.removeEventFilter(self)
            if "--stay" not in sys.argv:
                QTimer.singleShot(0, QCoreApplication.quit)
        return False
first = First()
label.installEventFilter(first)
label.resize(1100, 720)
label.show()
if "--stay" in sys.argv:
    QTimer.singleShot(int(float(sys.argv[-1]) * 1000), app.quit)
app.exec()
"""

HOLD_ROUTINE = """
name = "Long hold"
[timings]
prepare = 5
[[item]]
stretch = "childs-pose"
hold = 40
"""
CLK_TCK = os.sysconf("SC_CLK_TCK")


def family(pid: int) -> list[int]:
    """pid and its descendants (the speech worker is a child of the app)."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return pids


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except OSError:
        return 0.0


def first_paint(command: list[str], env: dict[str, str]) -> float:
    t0 = time.monotonic()
    out = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    painted = next(float(x.split()[1]) for x in out.splitlines() if x.startswith("first-paint"))
    return painted - t0


def watch(command: list[str], env: dict[str, str], cpu_window: tuple[float, float]) -> dict:
    """Run to the end, sampling memory (whole process family) and the CPU in a time window."""
    t0 = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_app = peak_all = 0
    cpu_at: dict[str, float] = {}
    while proc.poll() is None:
        members = family(proc.pid)
        peak_app = max(peak_app, rss_kib(proc.pid))
        peak_all = max(peak_all, sum(rss_kib(p) for p in members))
        elapsed = time.monotonic() - t0
        for name, moment in (("start", cpu_window[0]), ("end", cpu_window[1])):
            if name not in cpu_at and elapsed >= moment:
                cpu_at[name] = cpu_s(proc.pid)
                cpu_at[name + "_t"] = elapsed
        time.sleep(0.05)
    cpu = (cpu_at["end"] - cpu_at["start"]) / (cpu_at["end_t"] - cpu_at["start_t"])
    return {"peak_app_mib": peak_app / 1024, "peak_all_mib": peak_all / 1024, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--language", default="", help="the app's language setting (de, es; default: English)"
    )
    args = parser.parse_args()
    package = Path(__file__).resolve().parent.parent / "backstretch"
    compileall.compile_dir(package, quiet=1)
    print(
        f"{platform.node()} {platform.machine()} Python {platform.python_version()}; "
        f"{args.runs} runs, medians; language {args.language or 'English'}"
    )
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            XDG_CONFIG_HOME=f"{home}/config",
            XDG_DATA_HOME=f"{home}/data",
            XDG_CACHE_HOME=f"{home}/cache",
        )
        config = Path(home, "config", "backstretch")
        config.mkdir(parents=True)
        language = f'language = "{args.language}"\n' if args.language else ""
        (config / "settings.toml").write_text(
            f"schema_version = 1\nsafety_accepted = true\n{language}"
        )
        routine = Path(home, "hold.toml")
        routine.write_text(HOLD_ROUTINE)
        bare = [sys.executable, "-c", BARE]
        app = [sys.executable, "-m", "backstretch"]
        paint_env = dict(env, BACKSTRETCH_BENCH="first-paint")
        first_paint(app, paint_env)  # warm the file cache and the speech cache once
        starts: dict[str, list[float]] = {"bare": [], "app": []}
        for _ in range(args.runs):
            starts["bare"].append(first_paint(bare, env))
            starts["app"].append(first_paint(app, paint_env))
        # The hold runs from 5 s (prepare) to 45 s; measure CPU from 15 s to 40 s.
        session = watch(
            [*app, "--routine", str(routine), "--start", "--exit-when-done"],
            env,
            (15.0, 40.0),
        )
        idle = watch([*bare, "--stay", "30"], env, (10.0, 25.0))
    bare_s, app_s = statistics.median(starts["bare"]), statistics.median(starts["app"])
    print(
        f"first painted frame: bare {bare_s * 1000:6.0f} ms   BackStretch {app_s * 1000:6.0f} ms"
        f"   ratio {app_s / bare_s:.2f}x (target <= 1.5x)"
    )
    print(
        f"peak memory:         bare {idle['peak_app_mib']:6.1f} MiB   BackStretch "
        f"{session['peak_app_mib']:6.1f} MiB   ratio "
        f"{session['peak_app_mib'] / idle['peak_app_mib']:.2f}x (target <= 2x); with the "
        f"speech worker {session['peak_all_mib']:.1f} MiB"
    )
    print(
        f"CPU while holding:   bare idle {idle['cpu'] * 100:5.2f} %   BackStretch "
        f"{session['cpu'] * 100:5.2f} % of one core (target <= 2 %)"
    )


if __name__ == "__main__":
    main()
