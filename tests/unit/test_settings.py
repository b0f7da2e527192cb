"""Settings survive bad files (set aside, never deleted) and are written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstretch.core.settings import (
    SCHEMA_VERSION,
    DrawingHead,
    GlobalTimings,
    Settings,
    StretchSetting,
    load_settings,
    mirror_drawing,
    replace,
    save_settings,
)
from backstretch.core.stretches import Side, Variant
from tests.fakes import write


def test_missing_file_gives_defaults_and_saving_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.toml"
    assert load_settings(path).settings == Settings()
    changed = replace(Settings(), safety_accepted=True, rate=180, voice="en-gb")
    save_settings(path, changed)
    assert load_settings(path).settings == changed
    assert path.read_text().startswith(f"schema_version = {SCHEMA_VERSION}\n")
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"safety_accepted = tru\n", "TOML syntax error"),
        (b"\xff\xfe", "is not UTF-8"),
        (b"rate = 5000\nsafety_accepted = true\n", "rate: must be between 80 and 300"),
        (b"schema_version = 99\n", "schema_version: is 99, written by a newer BackStretch"),
        (b"volume = 'loud'\n", "volume: must be a whole number"),
        (b"[timings]\nprepare = 1\n", "timings:prepare: must be between 5 and 120"),
        (b"[stretch.piriformis]\nhold = 900\n", "stretch.piriformis:hold: must be between 5"),
        (b"[stretch.piriformis]\nsides = 'yes'\n", "stretch.piriformis:sides: must be true"),
        (
            b"[stretch.piriformis]\nhodl = 30\n",
            "stretch.piriformis:hodl: unknown key; did you mean 'hold'? The old",
        ),
        (b"stretch = 3\n", "stretch: must be a table"),
        (
            b"[stretch.piriformis]\nvariant = 'harder'\n",
            """stretch.piriformis:variant: must be "usual" or "easier", got 'harder'""",
        ),
        (b"[stretch.piriformis]\nvariant = 1\n", "stretch.piriformis:variant: must be text"),
        (
            b"drawing_head = 'up'\n",
            """drawing_head: must be one of "auto", "left", "right", got 'up'""",
        ),
        (b"drawing_head = true\n", "drawing_head: must be text, got true/false True"),
        (b"reduce_motion = 'yes'\n", "reduce_motion: must be true or false, got text 'yes'"),
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


def test_timings_and_stretch_values_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    chosen = replace(
        Settings(),
        timings=GlobalTimings(prepare=20, switch=5, rest=30, relax=8),
        stretches={
            "piriformis": StretchSetting(hold=60, sides=False),
            "pelvic-tilt": StretchSetting(repetitions=8),
        },
    )
    save_settings(path, chosen)
    text = path.read_text()
    assert "[stretch.piriformis]\nhold = 60\nsides = false\n" in text
    assert "repetitions = 8" in text and "None" not in text
    assert load_settings(path).settings == chosen


def test_a_version_1_file_migrates_and_keeps_every_value(tmp_path: Path) -> None:
    version_1 = (
        b"schema_version = 1\nsafety_accepted = true\nvoice_enabled = false\nsounds_only = true\n"
        b'voice = "en-gb"\nrate = 140\nvolume = 70\npain_check = false\nroutine = "mine"\n'
    )
    path = write(tmp_path / "settings.toml", version_1)
    loaded = load_settings(path)
    assert loaded.notice is None
    assert loaded.settings == replace(
        Settings(),
        safety_accepted=True,
        voice_enabled=False,
        sounds_only=True,
        voice="en-gb",
        rate=140,
        volume=70,
        pain_check=False,
        routine="mine",
    )
    assert path.read_bytes() == version_1  # reading never rewrites; the next save upgrades


def test_drawings_and_the_easier_way_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    chosen = replace(
        Settings(),
        drawing_head=DrawingHead.RIGHT,
        reduce_motion=True,
        stretches={
            "childs-pose": StretchSetting(variant=Variant.EASIER),
            "piriformis": StretchSetting(hold=40, variant=Variant.USUAL),
        },
    )
    save_settings(path, chosen)
    text = path.read_text()
    assert 'drawing_head = "right"\nreduce_motion = true\n' in text
    assert '[stretch.childs-pose]\nvariant = "easier"\n' in text
    assert '[stretch.piriformis]\nhold = 40\nvariant = "usual"\n' in text
    loaded = load_settings(path)
    assert loaded.notice is None and loaded.settings == chosen
    # The defaults are written too, so the file shows what can be changed.
    save_settings(path, Settings())
    assert 'drawing_head = "auto"\nreduce_motion = false\n' in path.read_text()
    assert not StretchSetting(variant=Variant.USUAL).is_default
    assert StretchSetting().is_default


def test_a_version_2_file_migrates_to_the_usual_form_and_drawings_as_drawn(
    tmp_path: Path,
) -> None:
    version_2 = (
        b"schema_version = 2\nsafety_accepted = true\nrate = 150\n"
        b"[timings]\nrest = 20\n[stretch.piriformis]\nhold = 45\nsides = false\n"
    )
    path = write(tmp_path / "settings.toml", version_2)
    loaded = load_settings(path)
    assert loaded.notice is None
    settings = loaded.settings
    assert (settings.drawing_head, settings.reduce_motion) == (DrawingHead.AUTO, False)
    assert settings.stretches == {"piriformis": StretchSetting(hold=45, sides=False)}
    assert (settings.rate, settings.timings.rest, settings.safety_accepted) == (150, 20, True)
    save_settings(path, settings)
    assert path.read_text().startswith(f"schema_version = {SCHEMA_VERSION}\n")
    assert load_settings(path).settings == settings


@pytest.mark.parametrize(
    ("head", "side", "mirrored"),
    [
        (DrawingHead.AUTO, None, False),
        (DrawingHead.AUTO, Side.RIGHT, False),
        (DrawingHead.AUTO, Side.LEFT, True),
        (DrawingHead.LEFT, None, False),
        (DrawingHead.LEFT, Side.RIGHT, False),
        (DrawingHead.LEFT, Side.LEFT, False),
        (DrawingHead.RIGHT, None, True),
        (DrawingHead.RIGHT, Side.RIGHT, True),
        (DrawingHead.RIGHT, Side.LEFT, True),
    ],
)
def test_where_the_head_is_decides_the_mirroring(
    head: DrawingHead, side: Side | None, mirrored: bool
) -> None:
    assert mirror_drawing(head, side) is mirrored


def test_the_command_line_only_looks_at_a_bad_file(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", b"rate = 5000\n")
    loaded = load_settings(path, set_aside=False)
    assert loaded.notice is not None and "rate: must be between 80 and 300" in loaded.notice
    assert path.read_bytes() == b"rate = 5000\n"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]
