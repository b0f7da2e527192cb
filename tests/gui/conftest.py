"""GUI tests: offscreen Qt, marked automatically, and failed if they leave a timer running."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # By the fixture (qutebrowser's way) or by the folder: not by "gui" anywhere in the path,
    # which would mark every test of a checkout that happens to live under such a folder.
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def no_ticker_left_running(qapp):
    yield
    import shiboken6

    from backstretch.ui.ticker import QtTicker

    alive = [t for t in list(QtTicker.instances) if shiboken6.isValid(t)]
    running = [t for t in alive if shiboken6.isValid(t._timer) and t.is_active()]
    for ticker in running:
        ticker.stop_timer()
    assert not running, f"a test left {len(running)} QtTicker timer(s) running"
