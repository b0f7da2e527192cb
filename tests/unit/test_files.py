"""core/files: writes a crash cannot half-do, and files set aside with the time, never deleted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backstretch.core import files
from backstretch.core.files import atomic_write, set_aside


def test_a_rewritten_file_keeps_its_mode_and_a_new_one_gets_the_usual_mode(tmp_path: Path) -> None:
    old_mask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.toml"
        atomic_write(fresh, b"x = 1\n")
        assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
        private = tmp_path / "private.toml"
        private.write_bytes(b"x = 1\n")
        private.chmod(0o600)
        atomic_write(private, b"x = 2\n")
        assert private.stat().st_mode & 0o777 == 0o600 and private.read_bytes() == b"x = 2\n"
    finally:
        os.umask(old_mask)


def test_set_aside_keeps_the_bytes_under_a_stamped_name_and_numbers_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files.time, "strftime", lambda _format: "20261128-091500")
    path = tmp_path / "settings.toml"
    path.write_bytes(b"first")
    assert set_aside(path) == tmp_path / "settings.toml.bad-20261128-091500"
    path.write_bytes(b"second")  # bad again within the same second
    assert set_aside(path) == tmp_path / "settings.toml.bad-20261128-091500-2"
    assert not path.exists()
    assert (tmp_path / "settings.toml.bad-20261128-091500").read_bytes() == b"first"
    assert (tmp_path / "settings.toml.bad-20261128-091500-2").read_bytes() == b"second"


def test_set_aside_into_a_folder_with_a_pattern_and_companions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files.time, "strftime", lambda _format: "20261128-091500")
    routine = tmp_path / "evening.toml"
    routine.write_bytes(b"name = 'Evening'")
    kept = set_aside(routine, into=tmp_path / ".deleted", pattern="{stem}.{stamp}.toml")
    assert kept == tmp_path / ".deleted" / "evening.20261128-091500.toml"
    assert kept.read_bytes() == b"name = 'Evening'"
    log = tmp_path / "sessions.sqlite3"
    log.write_bytes(b"db")
    (tmp_path / "sessions.sqlite3-wal").write_bytes(b"wal")
    kept = set_aside(log, companions=("-wal", "-shm"))
    assert kept.name == "sessions.sqlite3.bad-20261128-091500"
    assert (tmp_path / "sessions.sqlite3.bad-20261128-091500-wal").read_bytes() == b"wal"
    assert not (tmp_path / "sessions.sqlite3-wal").exists()


def test_set_aside_of_a_missing_file_raises_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        set_aside(tmp_path / "gone.toml")
    assert list(tmp_path.iterdir()) == []
