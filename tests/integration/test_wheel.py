"""The wheel carries assets/ inside the package, where assets_dir() looks for it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_ships_every_asset(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("backstretch-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"backstretch/assets/{p.relative_to(ROOT / 'assets').as_posix()}"
        for p in (ROOT / "assets").rglob("*")
        if p.is_file()
    }
    assert expected <= names, sorted(expected - names)
    assert "backstretch/assets/stretches.toml" in names
    assert "backstretch/core/paths.py" in names
    assert "backstretch/commands/reminders.py" in names  # what the system's scheduler runs
    # Developer tools stay in the source tree: the screenshot gallery lives in tests/.
    assert not any(n.endswith("/gallery.py") for n in names)
    assert not any(n.startswith(("tests/", "assets/")) for n in names)
