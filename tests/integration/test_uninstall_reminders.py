"""install.sh --uninstall takes BackStretch's reminders away, and only BackStretch's."""

from __future__ import annotations

import os
import subprocess
from datetime import time
from pathlib import Path

from backstretch.core.paths import scheduler_paths
from backstretch.core.practice import PracticePlan
from backstretch.desktop import scheduler as s
from tests.scheduler_fakes import FakeRunner

INSTALL = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "install.sh"


def test_uninstall_removes_our_reminders_and_leaves_a_foreign_entry(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    paths = scheduler_paths()  # under the test's own XDG_CONFIG_HOME
    plan = PracticePlan(frozenset({0}), time(18, 0), 3, True)
    assert s.SystemdScheduler(paths, FakeRunner(), ["bs"]).install(plan).ok
    foreign = paths.autostart_dir / s.AUTOSTART
    foreign.parent.mkdir(parents=True)
    foreign.write_text("[Desktop Entry]\nExec=my-own-thing\n")
    # A stand-in systemctl records what it is asked (the real one would reach the user's own
    # systemd instance).
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "systemctl-calls"
    (bin_dir / "systemctl").write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\n')
    (bin_dir / "systemctl").chmod(0o755)
    env = dict(
        os.environ,
        XDG_DATA_HOME=str(tmp_path / "share"),
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    )
    done = subprocess.run(
        ["bash", str(INSTALL), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not (paths.systemd_user_dir / s.TIMER).exists()
    assert not (paths.systemd_user_dir / s.SERVICE).exists()
    assert foreign.read_text() == "[Desktop Entry]\nExec=my-own-thing\n"
    assert f"not written by BackStretch): {foreign}" in done.stderr
    assert calls.read_text().splitlines() == [
        f"--user disable --now {s.TIMER}",
        f"--user stop {s.LATER_UNIT}.timer",
        "--user daemon-reload",
    ]
