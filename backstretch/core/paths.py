"""Where BackStretch reads and writes: decided once at start-up, overridable for tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "backstretch"


def assets_dir() -> Path:
    """The assets folder, wherever the app runs from.

    The wheel and the frozen bundle carry assets/ inside the package (backstretch/assets);
    a source checkout keeps it at the top level beside the package. The package folder comes
    from this module's own path: for a regular package that is what importlib.resources.files
    returns too, and importing importlib.resources cost 5 ms of start-up.
    """
    packaged = Path(__file__).resolve().parent.parent / "assets"
    if packaged.is_dir():
        return packaged
    return packaged.parent.parent / "assets"


def asset(*parts: str) -> Path:
    """One file under assets/, e.g. asset("illustrations", "childs-pose.svg")."""
    return assets_dir().joinpath(*parts)


@dataclass(frozen=True)
class Paths:
    """The user's folders. Nothing is created until something is written."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def routines_dir(self) -> Path:
        return self.config_dir / "routines"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "sessions.sqlite3"

    @property
    def speech_cache_dir(self) -> Path:
        return self.cache_dir / "speech"


def resolve_paths() -> Paths:
    """The platform's folders; on Linux the XDG_* variables move them (tests rely on this)."""
    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


# ---------------------------------------------------------------- the OS scheduler's folders
@dataclass(frozen=True)
class SchedulerPaths:
    """Where reminders are registered with the system: folders that belong to the system's
    scheduler, not to BackStretch, so they are not under config_dir."""

    systemd_user_dir: Path  # Linux: systemd user units
    autostart_dir: Path  # Linux without a systemd user instance: XDG autostart
    launch_agents_dir: Path  # macOS: launchd agents
    task_xml_dir: Path  # Windows: the task XML handed to schtasks (kept to show and compare)


def scheduler_paths() -> SchedulerPaths:
    """XDG_CONFIG_HOME moves the Linux folders (tests isolate themselves with it); HOME moves
    the macOS one."""
    import os

    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return SchedulerPaths(
        systemd_user_dir=config / "systemd" / "user",
        autostart_dir=config / "autostart",
        launch_agents_dir=Path.home() / "Library" / "LaunchAgents",
        task_xml_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
