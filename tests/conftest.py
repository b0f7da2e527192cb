"""Every test gets its own XDG folders, so nothing touches the real home directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes import FakeClock


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
