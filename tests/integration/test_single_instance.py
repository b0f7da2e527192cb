"""A second launch raises the running app, and its --start starts the session there."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from backstretch.core.instance import Request, hand_over, server_name
from backstretch.core.paths import resolve_paths
from tests.fakes import SHORT_ROUTINE, write
from tests.integration.apps import accepted_settings, trace_events, wait_for


def phases(trace: Path) -> list[str]:
    return [e["kind"] for e in trace_events(trace, "phase")]


def test_a_second_launch_hands_over_and_starts_the_session_in_the_first(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    accepted_settings(isolated_dirs, "pain_check = false\n")
    routine = write(tmp_path / "short.toml", SHORT_ROUTINE)
    trace = tmp_path / "first.jsonl"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = [sys.executable, "-m", "backstretch", "--mute"]
    name = server_name(resolve_paths().config_dir)
    first = subprocess.Popen(
        [*app, "--trace", str(trace)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_for(lambda: Path(name).exists(), "the first instance to listen")
        assert phases(trace) == []  # it waits on the start view
        began = time.monotonic()
        second = subprocess.run(
            [*app, "--routine", str(routine), "--start"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stderr
        assert time.monotonic() - began < 5  # it did not open a window of its own
        wait_for(lambda: phases(trace)[:1] == ["prepare"], "the session to start in the first")
        # anything else written to the socket is answered "no" and changes nothing
        import socket

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(5)
            conn.connect(name)
            conn.sendall(b"hello there\n")
            assert conn.recv(16) == b"no\n"
        assert first.poll() is None
    finally:
        first.terminate()
        _out, err = first.communicate(timeout=15)
    assert b"Traceback" not in err


def test_garbage_on_the_socket_is_not_a_request() -> None:
    assert Request.decode(b"\xff\xfe") is None
    assert Request.decode(b"[1, 2]") is None
    assert Request.decode(b'{"start": "yes"}') is None
    assert Request.decode(b'{"start": true, "routine": 5}') is None
    assert Request.decode(Request(True, "/x/y.toml").encode()) == Request(True, "/x/y.toml")


def test_nobody_listening_or_a_stale_socket_means_we_are_first(tmp_path: Path) -> None:
    import socket

    stale = tmp_path / "stale.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(stale))  # bound, never listening: what a killed instance leaves behind
    assert stale.exists()
    assert hand_over(str(stale), Request()) is False
    assert hand_over(str(tmp_path / "none.sock"), Request()) is False
    assert len(server_name(Path("/" + "x" * 300))) < 108
