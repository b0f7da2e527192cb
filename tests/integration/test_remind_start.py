""" "Start now" on a real reminder starts the session in a real, running BackStretch: the
reminder goes through a private dbus-daemon to a stand-in notification server, which presses
the button; the app started by `remind --start` hands over through the single-instance socket."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("jeepney")

from backstretch.core.instance import server_name
from backstretch.core.log import open_log
from backstretch.core.paths import resolve_paths
from tests.integration.apps import accepted_settings, trace_events, wait_for
from tests.integration.notifications import StandIn

EVERY_DAY_PLAN = (
    'pain_check = false\n[plan]\ndays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
    'time = "00:00"\nweekly_goal = 3\nreminders = true\n'
)


def test_start_now_starts_the_session_in_the_running_app(
    tmp_path: Path, isolated_dirs: Path, bus_address: str, stand_in: StandIn
) -> None:
    settings = accepted_settings(isolated_dirs, EVERY_DAY_PLAN)
    settings.write_text(settings.read_text().replace("schema_version = 2", "schema_version = 4"))
    stand_in.answer = lambda send, nid: send("ActionInvoked", "us", (nid, "start"))
    trace = tmp_path / "app.jsonl"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = [sys.executable, "-m", "backstretch"]
    name = server_name(resolve_paths().config_dir)
    first = subprocess.Popen(
        [*app, "--mute", "--trace", str(trace)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: Path(name).exists(), "the app to listen")
        reminded = subprocess.run(
            [*app, "remind"],
            env=dict(env, DBUS_SESSION_BUS_ADDRESS=bus_address),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert reminded.returncode == 0, reminded.stderr
        assert "Answer: start." in reminded.stdout
        assert stand_in.asked.is_set()
        phases = lambda: [e["kind"] for e in trace_events(trace, "phase")]  # noqa: E731
        wait_for(lambda: phases()[:1] == ["prepare"], "the session to start in the app")
    finally:
        first.terminate()
        _out, err = first.communicate(timeout=15)
    assert b"Traceback" not in err
    opened = open_log(resolve_paths().log_file, mark_interrupted=False)
    assert [a for _, a in opened.log.reminder_answers()] == ["start"]
    opened.log.close()
