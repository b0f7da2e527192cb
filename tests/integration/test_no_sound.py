"""Without QtMultimedia (no libpulse, say) the session still runs, silently, and says why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fakes import write
from tests.integration.apps import accepted_settings

BLOCK_MULTIMEDIA = '''
import sys

class NoMultimedia:
    """What a machine without libpulse does to `import PySide6.QtMultimedia`."""

    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtMultimedia":
            raise ImportError("libpulse.so.0: cannot open shared object file")
        return None

sys.meta_path.insert(0, NoMultimedia())
'''

ROUTINE = """
name = "Quiet"
[timings]
prepare = 5
[[item]]
stretch = "pelvic-tilt"
hold = 5
repetitions = 1
"""


def test_a_session_runs_without_sound_and_says_so_once(tmp_path: Path, isolated_dirs: Path) -> None:
    write(tmp_path / "shim" / "sitecustomize.py", BLOCK_MULTIMEDIA)
    accepted_settings(isolated_dirs, "rate = 300\npain_check = false\n")
    routine = write(tmp_path / "quiet.toml", ROUTINE)
    trace = tmp_path / "trace.jsonl"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(tmp_path / "shim"),
    )
    command = [
        sys.executable,
        "-m",
        "backstretch",
        "--routine",
        str(routine),
        "--start",
        "--exit-when-done",
    ]
    result = subprocess.run(
        [*command, "--trace", str(trace)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    events = [json.loads(line) for line in trace.read_text().splitlines()]
    kinds = [e["kind"] for e in events if e["event"] == "phase"]
    assert kinds == ["prepare", "hold", "done"]
    notices = [e["text"] for e in events if e["event"] == "notice"]
    assert len(notices) == 1 and notices[0].startswith("Sound is not available here (libpulse")
    assert not [e for e in events if e["event"] == "play"]
