"""Helpers for tests that run the real app as a process."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from tests.fakes import write


def accepted_settings(isolated_dirs: Path, extra: str = "") -> Path:
    """A settings file with the safety notice accepted (so --start starts), plus `extra` lines."""
    return write(
        isolated_dirs / "config" / "backstretch" / "settings.toml",
        "schema_version = 2\nsafety_accepted = true\n" + extra,
    )


def trace_events(trace: Path, event: str) -> list[dict]:
    """The complete lines of a --trace file (a running app may be mid-line) for one event."""
    if not trace.exists():
        return []
    lines = trace.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.endswith("}")]
    return [r for r in records if r["event"] == event]


def wait_for(condition: Callable[[], bool], what: str, timeout_s: float = 60.0) -> None:
    """Poll another process's output (there is no signal to wait on across processes)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
