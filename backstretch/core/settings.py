"""The user's settings: a versioned TOML file, written atomically, never lost to a bad file."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backstretch.core.problems import Checker, ProblemsError, read_toml

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Settings:
    """What the person chose. Window geometry is UI state and lives in QSettings, not here."""

    safety_accepted: bool = False
    voice_enabled: bool = True
    sounds_only: bool = False
    voice: str = ""  # "" means the engine's default voice
    rate: int = 160  # words per minute
    volume: int = 100  # percent
    pain_check: bool = True
    routine: str = "lower-back-relief"


_RANGES = {"rate": (80, 300, "words per minute"), "volume": (0, 100, "percent")}


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    notice: str | None = None  # one calm sentence when something had to be set aside


def _from_table(data: dict[str, Any], check: Checker) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    known = [f.name for f in dataclasses.fields(Settings)] + ["schema_version"]
    check.unknown_keys(data, known, "")
    for field in dataclasses.fields(Settings):
        default = getattr(defaults, field.name)
        if isinstance(default, bool):
            values[field.name] = check.flag(data, field.name, "", default=default)
        elif isinstance(default, int):
            low, high, unit = _RANGES[field.name]
            value = check.number(data, field.name, "", low=low, high=high, unit=unit)
            values[field.name] = default if value is None else value
        else:
            text = check.text(data, field.name, "", default=default, max_len=200, allow_empty=True)
            values[field.name] = default if text is None else text
    return Settings(**values)


def _migrate(data: dict[str, Any], check: Checker) -> dict[str, Any]:
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        check.add("schema_version", f"must be a whole number from 1, got {version!r}")
        return data
    if version > SCHEMA_VERSION:
        check.add("schema_version", f"is {version}, written by a newer BackStretch")
    # Migrations from earlier versions go here, one step at a time (none yet: version 1).
    return data


def load_settings(path: Path) -> LoadedSettings:
    """Read settings; on any problem keep the file aside as .bad-<time> and use defaults."""
    if not path.exists() and not path.is_symlink():
        return LoadedSettings(Settings())
    try:
        data = read_toml(path)
    except ProblemsError as error:
        return _set_aside(path, Settings(), str(error.problems[0]))
    check = Checker(str(path))
    settings = _from_table(_migrate(data, check), check)
    if check.problems:
        return _set_aside(path, settings, str(check.problems[0]), len(check.problems))
    return LoadedSettings(settings)


def _set_aside(path: Path, settings: Settings, first: str, count: int = 1) -> LoadedSettings:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.bad-{stamp}-{n}")
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    try:
        os.replace(path, kept)
        where = f"The old file was kept as {kept}."
    except OSError:
        where = f"The file was left as it was at {path}."
    return LoadedSettings(
        settings,
        f"Some settings could not be read, so defaults are used for them: {first}{more}. {where}",
    )


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a temporary file in the same folder, flushed and synced, then renamed."""
    data = {"schema_version": SCHEMA_VERSION, **dataclasses.asdict(settings)}
    import tomli_w  # writing is rare; reading settings at start-up does not need it

    atomic_write(path, tomli_w.dumps(data).encode("utf-8"))


def atomic_write(path: Path, content: bytes) -> None:
    """Replace `path` with `content` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def replace(settings: Settings, **changes: Any) -> Settings:
    return dataclasses.replace(settings, **changes)
