"""A writer killed (SIGKILL) between writing the new file and renaming it over the old one
leaves the old file intact; the temporary file it leaves behind is ignored.

The child process replaces os.replace with a function that tells the parent where the new
content is and then waits to be killed, so the kill lands exactly between write and rename
with no sleeping or guessing on either side.
"""

from __future__ import annotations

import dataclasses
import os
import selectors
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.routine_store import RoutineStore
from backstretch.core.routines import list_routines, load_routine
from backstretch.core.settings import Settings, load_settings, replace, save_settings
from backstretch.core.stretches import load_library
from tests.fakes import routine_from_text

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
LIB = load_library()
TIMEOUT_S = 30  # only reached if the child is broken; a normal run takes well under a second

PAUSE_AT_RENAME = """
import os, signal, sys
from pathlib import Path

def paused_replace(src, dst):
    # The new content is written, flushed and synced: the worst moment to be killed.
    print(src, flush=True)
    while True:
        signal.pause()

os.replace = paused_replace
"""

SAVE_SETTINGS = """
from backstretch.core.settings import Settings, replace, save_settings
save_settings(Path(sys.argv[1]), replace(Settings(), rate=250, voice="new-voice"))
"""

SAVE_ROUTINE = """
import dataclasses
from backstretch.core.routine_store import RoutineStore
from backstretch.core.routines import load_routine
from backstretch.core.stretches import load_library
path = Path(sys.argv[1])
library = load_library()
old = load_routine(path, library)
RoutineStore(path.parent, library).save(dataclasses.replace(old, description="new text"))
"""

SAVE_SETTINGS_IN_A_LOOP = """
import os, sys
from pathlib import Path
from backstretch.core.settings import Settings, replace, save_settings
path = Path(sys.argv[1])
n = 0
while True:
    n += 1
    save_settings(path, replace(Settings(), rate=100 + n % 2 * 100))
    print(n, flush=True)
"""


def start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def read_line(child: subprocess.Popen[str]) -> str:
    """The child's next line of output, waiting for it (not for a guessed time)."""
    assert child.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=TIMEOUT_S):
            pytest.fail(f"the child said nothing for {TIMEOUT_S} s")
    line = child.stdout.readline()
    if not line:
        child.wait(timeout=TIMEOUT_S)
        pytest.fail(f"the child ended early: {child.stderr.read() if child.stderr else ''}")
    return line.strip()


def kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=TIMEOUT_S) == -signal.SIGKILL
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def kill_between_write_and_rename(script: str, target: Path) -> Path:
    """Run `script` until it is about to rename; kill it there; return its temporary file."""
    child = start(PAUSE_AT_RENAME + script, str(target))
    try:
        temporary = Path(read_line(child))
    finally:
        kill(child)
    return temporary


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_settings_survive_a_kill_between_write_and_rename(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    old = replace(Settings(), rate=120, voice="old-voice", safety_accepted=True)
    save_settings(path, old)
    before = snapshot(path.parent)

    temporary = kill_between_write_and_rename(SAVE_SETTINGS, path)

    # The new content was complete in the temporary file: the kill came after the write.
    assert temporary.parent == path.parent
    assert temporary.name.startswith(".settings.toml.") and temporary.name.endswith(".tmp")
    assert tomllib.loads(temporary.read_text())["rate"] == 250
    # And the old file is untouched.
    after = snapshot(path.parent)
    del after[temporary.name]
    assert after == before
    loaded = load_settings(path)
    assert (loaded.settings, loaded.notice) == (old, None)

    # The app does nothing with the leftover: it is not read, moved, set aside or deleted...
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        ["settings.toml", temporary.name]
    )
    # ...and the next save works beside it.
    save_settings(path, replace(old, rate=140))
    assert load_settings(path).settings.rate == 140
    assert temporary.exists()


def test_settings_written_in_a_loop_and_killed_anywhere_always_load(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    child = start(SAVE_SETTINGS_IN_A_LOOP, str(path))
    try:
        while int(read_line(child)) < 25:  # killed somewhere inside the 26th write or so
            pass
    finally:
        kill(child)
    loaded = load_settings(path)
    assert loaded.notice is None
    assert loaded.settings.rate in (100, 200)
    assert not list(tmp_path.glob("settings.toml.bad-*"))


@pytest.fixture
def paths() -> Paths:
    return resolve_paths()  # under tmp_path: conftest points XDG_* there


def test_a_routine_survives_a_kill_between_write_and_rename(paths: Paths) -> None:
    store = RoutineStore(paths.routines_dir, LIB)
    saved = store.save(routine_from_text('name = "Mine"\n[[item]]\nstretch = "piriformis"\n'))
    assert saved.path is not None
    before = saved.path.read_bytes()

    temporary = kill_between_write_and_rename(SAVE_ROUTINE, saved.path)

    assert temporary.name.startswith(".mine.toml.") and temporary.name.endswith(".tmp")
    assert 'description = "new text"' in temporary.read_text()
    assert saved.path.read_bytes() == before
    assert load_routine(saved.path, LIB).description == ""
    # The leftover does not end in .toml: the routine list neither shows nor complains of it.
    listing = list_routines(paths, LIB)
    assert [r.name for r in listing.routines] == ["Lower back relief", "Mine"]
    assert listing.problems == ()
    # The next save works, and leaves the leftover alone.
    store.save(dataclasses.replace(saved, description="saved after all"))
    assert load_routine(saved.path, LIB).description == "saved after all"
    assert temporary.exists()
