"""`backstretch _probe-qt`: the self-test's child process, the one place it imports Qt.

A platform plugin that cannot load aborts its process; the self-test runs this in a child so that
the process that reports the failure is not the one that dies of it.
"""

from __future__ import annotations

import json
import sys

from backstretch.commands.exitcodes import ExitCode


def probe_qt() -> int:
    """Can Qt start here, and is there a sound output? One line of JSON for the parent."""
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QMediaDevices

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    output = QMediaDevices.defaultAudioOutput()
    print(
        json.dumps(
            {
                "platform": QGuiApplication.platformName(),
                "qt": qVersion(),
                "audio": "" if output.isNull() else output.description(),
            }
        )
    )
    del app
    return ExitCode.OK
