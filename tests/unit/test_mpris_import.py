"""The MPRIS module costs start-up nothing: no jeepney and no Qt until a session starts."""

from __future__ import annotations

import subprocess
import sys

from backstretch.desktop.mpris import Command


def test_importing_the_player_loads_neither_jeepney_nor_qt() -> None:
    # A fresh interpreter: this one may already hold jeepney from other tests.
    code = (
        "import sys, backstretch.desktop.mpris; "
        "print(sorted(m for m in ('jeepney', 'PySide6') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.strip() == "[]"


def test_each_command_is_named_after_its_mpris_method() -> None:
    # The player dispatches by these values; a typo would leave a media key dead.
    assert {c.value for c in Command} == {"PlayPause", "Play", "Pause", "Next", "Previous", "Stop"}
