"""Headphone and keyboard media buttons reach a running session through MPRIS, on a real
private dbus-daemon, while the window need not have the focus; nothing stays on the bus."""

from __future__ import annotations

import pytest

jeepney = pytest.importorskip("jeepney")

from jeepney import DBusAddress, new_method_call  # noqa: E402
from jeepney.bus_messages import message_bus  # noqa: E402
from jeepney.io.blocking import open_dbus_connection  # noqa: E402
from jeepney.wrappers import Properties, unwrap_msg  # noqa: E402

from backstretch.core.engine import EngineState  # noqa: E402
from backstretch.core.paths import resolve_paths  # noqa: E402
from backstretch.desktop.mpris import BUS_NAME, OBJECT_PATH, PLAYER_IFACE  # noqa: E402
from tests import floor  # noqa: E402
from tests.fakes import FakeClock  # noqa: E402

TIMEOUT_S = 2.0


def test_media_buttons_pause_skip_and_never_end_a_session(
    qtbot, bus_address: str, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus_address)
    window = floor.make_window(resolve_paths(), clock)
    qtbot.addWidget(window)
    player = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=PLAYER_IFACE)
    with open_dbus_connection(bus=bus_address) as conn:

        def owned() -> bool:
            reply = conn.send_and_get_reply(message_bus.NameHasOwner(BUS_NAME), timeout=TIMEOUT_S)
            return bool(unwrap_msg(reply)[0])

        def press(method: str) -> None:
            conn.send_and_get_reply(new_method_call(player, method), timeout=TIMEOUT_S)

        def status() -> str:
            reply = conn.send_and_get_reply(
                Properties(player).get("PlaybackStatus"), timeout=TIMEOUT_S
            )
            return str(unwrap_msg(reply)[0][1])

        assert not owned()  # nothing on the bus before a session
        window.start_session(floor.bundled(resolve_paths()))
        engine = window.engine()
        assert engine is not None and owned()
        press("PlayPause")
        qtbot.waitUntil(lambda: engine.state is EngineState.PAUSED, timeout=2000)
        qtbot.waitUntil(lambda: status() == "Paused", timeout=2000)
        press("Play")
        qtbot.waitUntil(lambda: engine.state is EngineState.RUNNING, timeout=2000)
        press("Next")
        qtbot.waitUntil(lambda: engine.phase.index == 1, timeout=2000)
        press("Previous")
        qtbot.waitUntil(lambda: engine.phase.index == 0, timeout=2000)
        press("Stop")  # a stray Stop pauses; it never ends the session
        qtbot.waitUntil(lambda: engine.state is EngineState.PAUSED, timeout=2000)
        window.session_view.end_session()
        assert window.stack.currentWidget() is window.finish_view
        qtbot.waitUntil(lambda: not owned(), timeout=2000)  # gone with the session
    window.close()
