"""Settings survive bad files (set aside, never deleted) and are written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstretch.core.settings import Settings, load_settings, replace, save_settings
from tests.fakes import write


def test_missing_file_gives_defaults_and_saving_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.toml"
    assert load_settings(path).settings == Settings()
    changed = replace(Settings(), safety_accepted=True, rate=180, voice="en-gb")
    save_settings(path, changed)
    assert load_settings(path).settings == changed
    assert path.read_text().startswith("schema_version = 1\n")
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"safety_accepted = tru\n", "TOML syntax error"),
        (b"\xff\xfe", "is not UTF-8"),
        (b"rate = 5000\nsafety_accepted = true\n", "rate: must be between 80 and 300"),
        (b"schema_version = 99\n", "schema_version: is 99, written by a newer BackStretch"),
        (b"volume = 'loud'\n", "volume: must be a whole number"),
    ],
)
def test_a_bad_file_is_set_aside_and_good_values_kept(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = write(tmp_path / "settings.toml", content)
    loaded = load_settings(path)
    assert loaded.notice is not None and fragment in loaded.notice
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("settings.toml.bad-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert str(kept[0]) in loaded.notice
    assert not path.exists()
    if b"safety_accepted = true" in content:
        assert loaded.settings.safety_accepted  # what could be read is kept
        assert loaded.settings.rate == Settings().rate


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    (path / "mine.txt").write_text("keep me")
    loaded = load_settings(path)
    assert loaded.settings == Settings() and loaded.notice is not None
    kept = next(tmp_path.glob("settings.toml.bad-*"))
    assert (kept / "mine.txt").read_text() == "keep me"


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "settings.toml"
    save_settings(path, replace(Settings(), rate=120))

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full_disk)
    with pytest.raises(OSError):
        save_settings(path, replace(Settings(), rate=200))
    monkeypatch.undo()
    assert load_settings(path).settings.rate == 120
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]
