"""What the windows need from the rest of the app, handed in once by app.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from backstretch.core.clock import Wall, wall_now
from backstretch.core.cues import CueTexts
from backstretch.core.i18n import tr
from backstretch.core.paths import Paths
from backstretch.core.settings import Settings, save_settings
from backstretch.core.stretches import Library

if TYPE_CHECKING:  # the engine and the log load after the first frame (start-up time)
    from backstretch.core.engine import Clock
    from backstretch.core.log import SessionLog


@dataclass
class Context:
    """Paths, content, settings and the clock; tests pass a fake clock and temporary paths."""

    paths: Paths
    library: Library
    texts: CueTexts
    settings: Settings
    clock: Clock
    notices: list[str] = field(default_factory=list)
    log: SessionLog | None = None  # None until opened (after the first frame) or in tests
    on_settings_error: Callable[[str], None] | None = None
    wall: Wall = wall_now  # the date and time of day, handed in like the monotonic clock

    def save(self, settings: Settings) -> None:
        """Remember a change; a full disk or read-only folder is told, never fatal."""
        self.settings = settings
        try:
            save_settings(self.paths.settings_file, settings)
        except OSError as error:
            if self.on_settings_error is not None:
                self.on_settings_error(
                    tr(
                        "Your settings could not be saved ({reason}) in {folder}. The session "
                        "still works; they will be saved once there is room."
                    ).format(reason=error.strerror or error, folder=self.paths.config_dir)
                )
