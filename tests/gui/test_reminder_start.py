"""A reminder's "Start now" reaches a running window through the single-instance request and
starts the way the Start button does: the pain check first, when it is on."""

from __future__ import annotations

from backstretch.app import answer_launch
from backstretch.core.instance import Request
from backstretch.core.log import SessionLog
from backstretch.core.settings import Settings, replace
from tests.fakes import FakeClock
from tests.gui.helpers import make_window


def test_start_now_asks_about_pain_first_and_plain_start_does_not(qtbot, clock: FakeClock) -> None:
    settings = replace(Settings(), safety_accepted=True, pain_check=True)
    window = make_window(qtbot, clock, settings)
    window.set_log(SessionLog.in_memory(), [])
    answer_launch(window, Request(start=True, pain_check=True))
    assert not window.session_running()
    assert window.pain_dialog.isVisible()
    window.pain_dialog.reject()  # Escape: skip the rating, the session starts
    qtbot.waitUntil(window.session_running, timeout=2000)
    window.close()


def test_the_request_carries_the_pain_check_both_ways() -> None:
    request = Request(start=True, routine=None, pain_check=True)
    assert Request.decode(request.encode()) == request
    assert Request.decode(b'{"start": true, "pain_check": "yes"}') is None
    assert Request.decode(b'{"start": true}') == Request(start=True)  # an older launcher
