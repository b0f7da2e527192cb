"""The MPRIS player against a real, private dbus-daemon, driven by a jeepney client."""

from __future__ import annotations

import logging
import queue
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

jeepney = pytest.importorskip("jeepney")

from jeepney import DBusAddress, MatchRule, MessageType, new_method_call  # noqa: E402
from jeepney.bus_messages import message_bus  # noqa: E402
from jeepney.io.blocking import DBusConnection, open_dbus_connection  # noqa: E402
from jeepney.wrappers import DBusErrorResponse, Properties, unwrap_msg  # noqa: E402

from backstretch.desktop.mpris import (  # noqa: E402
    BUS_NAME,
    OBJECT_PATH,
    PLAYER_IFACE,
    ROOT_IFACE,
    Command,
    MprisPlayer,
)
from tests.integration.dbus import private_bus  # noqa: E402

TIMEOUT_S = 2.0  # every wait below ends as soon as its message arrives


@pytest.fixture
def client(bus_address: str) -> Iterator[DBusConnection]:
    with open_dbus_connection(bus=bus_address) as conn:
        yield conn


@pytest.fixture
def commands() -> queue.Queue[Command]:
    return queue.Queue()


@pytest.fixture
def player(bus_address: str, commands: queue.Queue[Command]) -> Iterator[MprisPlayer]:
    player = MprisPlayer(commands.put, bus_address=bus_address)
    assert player.start()
    yield player
    player.stop()


def call(
    conn: DBusConnection,
    method: str,
    interface: str = PLAYER_IFACE,
    signature: str | None = None,
    body: tuple[object, ...] = (),
    bus_name: str = BUS_NAME,
    path: str = OBJECT_PATH,
) -> tuple[object, ...]:
    address = DBusAddress(path, bus_name=bus_name, interface=interface)
    message = new_method_call(address, method, signature, body)
    return tuple(unwrap_msg(conn.send_and_get_reply(message, timeout=TIMEOUT_S)))


def get(conn: DBusConnection, interface: str, prop: str, bus_name: str = BUS_NAME) -> object:
    address = DBusAddress(OBJECT_PATH, bus_name=bus_name, interface=interface)
    reply = conn.send_and_get_reply(Properties(address).get(prop), timeout=TIMEOUT_S)
    ((_signature, value),) = unwrap_msg(reply)
    return value


def has_owner(conn: DBusConnection, name: str) -> bool:
    reply = conn.send_and_get_reply(message_bus.NameHasOwner(name), timeout=TIMEOUT_S)
    return bool(unwrap_msg(reply)[0])


def test_player_owns_the_name_and_answers_identity(
    player: MprisPlayer, client: DBusConnection
) -> None:
    assert player.bus_name == BUS_NAME
    assert has_owner(client, BUS_NAME)
    assert get(client, ROOT_IFACE, "Identity") == "BackStretch"
    assert get(client, ROOT_IFACE, "CanQuit") is False
    assert get(client, PLAYER_IFACE, "PlaybackStatus") == "Stopped"


@pytest.mark.parametrize(
    ("method", "command"),
    [
        ("PlayPause", Command.PLAY_PAUSE),
        ("Next", Command.NEXT),
        ("Previous", Command.PREVIOUS),
        ("Play", Command.PLAY),
        ("Pause", Command.PAUSE),
        ("Stop", Command.STOP),
    ],
)
def test_media_methods_reach_on_command(
    player: MprisPlayer,
    client: DBusConnection,
    commands: queue.Queue[Command],
    method: str,
    command: Command,
) -> None:
    assert call(client, method) == ()
    assert commands.get(timeout=TIMEOUT_S) is command
    assert commands.empty()


def test_a_call_without_interface_still_reaches_the_player(
    player: MprisPlayer, client: DBusConnection, commands: queue.Queue[Command]
) -> None:
    # Interface is optional in a method call; some tools send only the member.
    call(client, "Next", interface=None)  # type: ignore[arg-type]
    assert commands.get(timeout=TIMEOUT_S) is Command.NEXT


def test_no_op_methods_reply_and_send_no_command(
    player: MprisPlayer, client: DBusConnection, commands: queue.Queue[Command]
) -> None:
    call(client, "Seek", signature="x", body=(5_000_000,))
    call(client, "SetPosition", signature="ox", body=("/io/github/backstretch/stretch/1", 0))
    call(client, "OpenUri", signature="s", body=("file:///x.ogg",))
    call(client, "Raise", interface=ROOT_IFACE)
    call(client, "Quit", interface=ROOT_IFACE)
    call(client, "Next")  # a marker: the calls above sent nothing before it
    assert commands.get(timeout=TIMEOUT_S) is Command.NEXT


def test_getall_lists_status_and_metadata(player: MprisPlayer, client: DBusConnection) -> None:
    player.set_state(playing=True, title="Knee to chest")
    address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=PLAYER_IFACE)
    reply = client.send_and_get_reply(Properties(address).get_all(), timeout=TIMEOUT_S)
    (props,) = unwrap_msg(reply)
    assert props["PlaybackStatus"] == ("s", "Playing")
    signature, metadata = props["Metadata"]
    assert signature == "a{sv}"
    assert metadata["xesam:title"] == ("s", "Knee to chest")
    assert metadata["xesam:artist"] == ("as", ["BackStretch"])
    kind, trackid = metadata["mpris:trackid"]
    assert kind == "o"
    assert not trackid.startswith("/org/mpris")  # reserved by the MPRIS specification
    assert props["Position"] == ("x", 0)
    assert props["CanSeek"] == ("b", False)
    for flag in ("CanGoNext", "CanGoPrevious", "CanPlay", "CanPause", "CanControl"):
        assert props[flag] == ("b", True), flag
    assert props["Rate"] == ("d", 1.0)
    assert props["Volume"] == ("d", 1.0)


def test_root_interface_properties(player: MprisPlayer, client: DBusConnection) -> None:
    address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=ROOT_IFACE)
    reply = client.send_and_get_reply(Properties(address).get_all(), timeout=TIMEOUT_S)
    (props,) = unwrap_msg(reply)
    assert props["CanRaise"] == ("b", False)
    assert props["HasTrackList"] == ("b", False)
    assert props["SupportedUriSchemes"] == ("as", [])
    assert props["SupportedMimeTypes"] == ("as", [])


def test_set_is_accepted_and_changes_nothing(player: MprisPlayer, client: DBusConnection) -> None:
    address = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=PLAYER_IFACE)
    client.send_and_get_reply(Properties(address).set("Volume", "d", 0.2), timeout=TIMEOUT_S)
    assert get(client, PLAYER_IFACE, "Volume") == 1.0


def test_set_state_emits_properties_changed(player: MprisPlayer, client: DBusConnection) -> None:
    # The bus stamps signals with the owner's unique name, and jeepney's client-side filter
    # compares names literally, so match on the owner rather than the well-known name.
    reply = client.send_and_get_reply(message_bus.GetNameOwner(BUS_NAME), timeout=TIMEOUT_S)
    rule = MatchRule(
        type="signal",
        sender=unwrap_msg(reply)[0],
        interface="org.freedesktop.DBus.Properties",
        member="PropertiesChanged",
        path=OBJECT_PATH,
    )
    client.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT_S)
    with client.filter(rule, bufsize=10) as signals:
        player.set_state(playing=True, title="Cat and cow")
        signal = client.recv_until_filtered(signals, timeout=TIMEOUT_S)
        interface, changed, invalidated = signal.body
        assert interface == PLAYER_IFACE
        assert changed["PlaybackStatus"] == ("s", "Playing")
        assert changed["Metadata"][1]["xesam:title"] == ("s", "Cat and cow")
        assert invalidated == []
        first_track = changed["Metadata"][1]["mpris:trackid"]

        player.set_state(playing=True, title="Cat and cow")  # nothing changed: no signal
        player.set_state(playing=False, title="Cat and cow")
        _, changed, _ = client.recv_until_filtered(signals, timeout=TIMEOUT_S).body
        assert changed == {"PlaybackStatus": ("s", "Paused")}

        player.set_state(playing=False, title="Child's pose")
        _, changed, _ = client.recv_until_filtered(signals, timeout=TIMEOUT_S).body
        assert set(changed) == {"Metadata"}
        assert changed["Metadata"][1]["mpris:trackid"] != first_track
    assert get(client, PLAYER_IFACE, "PlaybackStatus") == "Paused"


def test_introspection_is_valid_xml_naming_both_interfaces(
    player: MprisPlayer, client: DBusConnection
) -> None:
    (xml,) = call(client, "Introspect", interface="org.freedesktop.DBus.Introspectable")
    assert isinstance(xml, str)
    root = ET.fromstring(xml.split("\n", 2)[2])  # past the DOCTYPE, which ElementTree skips
    interfaces = {node.get("name"): node for node in root.iter("interface")}
    assert {ROOT_IFACE, PLAYER_IFACE} <= set(interfaces)
    methods = {m.get("name") for m in interfaces[PLAYER_IFACE].iter("method")}
    assert {"PlayPause", "Next", "Previous", "Play", "Pause", "Stop"} <= methods
    (xml,) = call(client, "Introspect", "org.freedesktop.DBus.Introspectable", path="/org/mpris")
    assert isinstance(xml, str)
    assert [n.get("name") for n in ET.fromstring(xml).iter("node")][1:] == ["MediaPlayer2"]


@pytest.mark.parametrize(
    ("path", "interface", "method", "error"),
    [
        (OBJECT_PATH, PLAYER_IFACE, "Rewind", "org.freedesktop.DBus.Error.UnknownMethod"),
        (OBJECT_PATH, "org.example.Nope", "Next", "org.freedesktop.DBus.Error.UnknownMethod"),
        ("/elsewhere", PLAYER_IFACE, "Next", "org.freedesktop.DBus.Error.UnknownObject"),
    ],
)
def test_unknown_calls_get_a_dbus_error(
    player: MprisPlayer,
    client: DBusConnection,
    commands: queue.Queue[Command],
    path: str,
    interface: str,
    method: str,
    error: str,
) -> None:
    with pytest.raises(DBusErrorResponse) as raised:
        call(client, method, interface=interface, path=path)
    assert raised.value.name == error
    assert commands.empty()


def test_unknown_property_and_interface_get_errors(
    player: MprisPlayer, client: DBusConnection
) -> None:
    with pytest.raises(DBusErrorResponse) as raised:
        get(client, PLAYER_IFACE, "Shuffle")
    assert raised.value.name == "org.freedesktop.DBus.Error.InvalidArgs"
    with pytest.raises(DBusErrorResponse) as raised:
        get(client, "org.example.Nope", "Shuffle")
    assert raised.value.name == "org.freedesktop.DBus.Error.UnknownInterface"


def test_a_failing_on_command_keeps_the_player_serving(
    bus_address: str, client: DBusConnection, caplog: pytest.LogCaptureFixture
) -> None:
    seen: queue.Queue[Command] = queue.Queue()

    def on_command(command: Command) -> None:
        seen.put(command)
        if command is Command.PLAY_PAUSE:
            raise RuntimeError("listener bug")

    player = MprisPlayer(on_command, bus_address=bus_address)
    assert player.start()
    try:
        call(client, "PlayPause")
        assert seen.get(timeout=TIMEOUT_S) is Command.PLAY_PAUSE
        call(client, "Next")  # answered, so the thread survived the exception
        assert seen.get(timeout=TIMEOUT_S) is Command.NEXT
        assert player.running
    finally:
        player.stop()
    assert "listener bug" in caplog.text


def test_a_second_player_takes_the_instance_name(
    player: MprisPlayer, bus_address: str, client: DBusConnection
) -> None:
    second = MprisPlayer(lambda command: None, identity="Second", bus_address=bus_address)
    assert second.start()
    try:
        instance = f"{BUS_NAME}.instance{__import__('os').getpid()}"
        assert second.bus_name == instance
        assert get(client, ROOT_IFACE, "Identity", bus_name=instance) == "Second"
        assert get(client, ROOT_IFACE, "Identity") == "BackStretch"
    finally:
        second.stop()


def test_stop_releases_the_name_and_ends_the_thread(
    bus_address: str, client: DBusConnection
) -> None:
    player = MprisPlayer(lambda command: None, bus_address=bus_address)
    assert player.start()
    assert has_owner(client, BUS_NAME)
    thread = next(t for t in threading.enumerate() if t.name == "backstretch-mpris")
    player.stop()
    assert not thread.is_alive()
    assert not player.running
    assert player.bus_name is None
    assert not has_owner(client, BUS_NAME)
    player.stop()  # idempotent
    player.set_state(playing=True, title="after the session")  # harmless when stopped
    # And it can serve again for the next session.
    assert player.start()
    assert has_owner(client, BUS_NAME)
    player.stop()


def test_stop_from_on_command_ends_the_thread_and_frees_the_name(
    bus_address: str, client: DBusConnection
) -> None:
    holder: list[MprisPlayer] = []
    player = MprisPlayer(lambda command: holder[0].stop(), bus_address=bus_address)
    holder.append(player)
    rule = MatchRule(type="signal", interface="org.freedesktop.DBus", member="NameOwnerChanged")
    rule.add_arg_condition(0, BUS_NAME)
    client.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT_S)
    with client.filter(rule, bufsize=10) as changes:
        assert player.start()
        _name, _old, new = client.recv_until_filtered(changes, timeout=TIMEOUT_S).body
        assert new  # acquired
        thread = next(t for t in threading.enumerate() if t.name == "backstretch-mpris")
        call(client, "Stop")
        _name, _old, new = client.recv_until_filtered(changes, timeout=TIMEOUT_S).body
        assert new == ""  # released with the connection
    thread.join(TIMEOUT_S)
    assert not thread.is_alive()
    assert not player.running


def test_set_state_before_start_is_served_after(bus_address: str, client: DBusConnection) -> None:
    player = MprisPlayer(lambda command: None, bus_address=bus_address)
    player.set_state(playing=False, title="Pelvic tilt")
    assert player.start()
    try:
        assert get(client, PLAYER_IFACE, "PlaybackStatus") == "Paused"
        assert get(client, PLAYER_IFACE, "Metadata")["xesam:title"] == ("s", "Pelvic tilt")  # type: ignore[index]
    finally:
        player.stop()


def test_address_from_the_environment(
    bus_address: str, client: DBusConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus_address)
    player = MprisPlayer(lambda command: None)
    assert player.start()
    try:
        assert has_owner(client, BUS_NAME)
    finally:
        player.stop()


def test_no_session_bus_returns_false_calmly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    player = MprisPlayer(lambda command: None)
    with caplog.at_level(logging.INFO, logger="backstretch.desktop.mpris"):
        assert player.start() is False
    assert len(caplog.records) == 1
    assert caplog.records[0].levelno == logging.INFO
    assert not player.running
    player.stop()  # nothing to stop, no error


@pytest.mark.parametrize("address", ["unix:path={tmp}/no-bus-here", "tcp:host=localhost,port=1"])
def test_a_bus_that_refuses_returns_false_calmly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, address: str
) -> None:
    player = MprisPlayer(lambda command: None, bus_address=address.format(tmp=tmp_path))
    with caplog.at_level(logging.INFO, logger="backstretch.desktop.mpris"):
        assert player.start() is False
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert not player.running


def test_no_jeepney_returns_false_calmly(
    bus_address: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "jeepney.io.threading", None)  # import raises ImportError
    player = MprisPlayer(lambda command: None, bus_address=bus_address)
    with caplog.at_level(logging.INFO, logger="backstretch.desktop.mpris"):
        assert player.start() is False
    assert "jeepney" in caplog.text
    assert [r.levelno for r in caplog.records] == [logging.INFO]


def test_messages_it_ignores_are_not_answered(player: MprisPlayer, client: DBusConnection) -> None:
    # A signal sent straight to the player gets no reply and breaks nothing.
    from jeepney.wrappers import new_signal

    signal = new_signal(DBusAddress(OBJECT_PATH, interface=PLAYER_IFACE), "Seeked", "x", (0,))
    signal.header.fields[jeepney.HeaderFields.destination] = BUS_NAME
    client.send(signal)
    assert get(client, ROOT_IFACE, "Identity") == "BackStretch"
    assert signal.header.message_type is MessageType.signal


# -- the Qt bridge ----------------------------------------------------------------------


@pytest.mark.gui
def test_bridge_delivers_commands_in_the_gui_thread(
    qtbot: QtBot, bus_address: str, client: DBusConnection
) -> None:
    from PySide6.QtCore import Qt

    from backstretch.ui.media_bridge import QtMediaBridge

    bridge = QtMediaBridge(bus_address=bus_address)
    seen: list[tuple[Command, int]] = []
    # A plain function connected directly: it runs in whichever thread emits, so this
    # fails unless the bridge itself moves commands to the GUI thread.
    bridge.commandReceived.connect(
        lambda command: seen.append((command, threading.get_ident())),
        Qt.ConnectionType.DirectConnection,
    )
    assert bridge.start()
    try:
        bridge.set_state(playing=True, title="Knee to chest")
        assert get(client, PLAYER_IFACE, "PlaybackStatus") == "Playing"
        with qtbot.waitSignal(bridge.commandReceived, timeout=int(TIMEOUT_S * 1000)):
            call(client, "PlayPause")
        assert seen == [(Command.PLAY_PAUSE, threading.main_thread().ident)]
    finally:
        bridge.stop()
    assert not has_owner(client, BUS_NAME)
    bridge.stop()  # idempotent


@pytest.mark.gui
def test_bridge_drops_commands_still_queued_at_stop(qtbot: QtBot, bus_address: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from backstretch.ui.media_bridge import QtMediaBridge

    bridge = QtMediaBridge(bus_address=bus_address)
    seen: list[Command] = []
    bridge.commandReceived.connect(seen.append)
    assert bridge.start()
    arrived = threading.Thread(target=bridge._fromBus.emit, args=(Command.NEXT,))
    arrived.start()
    arrived.join()  # queued for the GUI thread, not yet delivered
    bridge.stop()
    QCoreApplication.processEvents()
    assert seen == []


@pytest.mark.gui
def test_bridge_elsewhere_than_linux_stays_off(
    qtbot: QtBot, bus_address: str, client: DBusConnection, monkeypatch: pytest.MonkeyPatch
) -> None:

    from backstretch.ui.media_bridge import QtMediaBridge

    monkeypatch.setattr("sys.platform", "darwin")
    bridge = QtMediaBridge(bus_address=bus_address)
    assert bridge.start() is False
    bridge.set_state(playing=True, title="Knee to chest")
    assert not has_owner(client, BUS_NAME)
    bridge.stop()


def test_start_again_after_the_bus_went_away(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The bus dies under the player (logout, daemon restart) and comes back at the same
    # address: the thread ends calmly, and the next session's start() connects afresh
    # instead of trusting the dead thread.
    caplog.set_level(logging.INFO, logger="backstretch.desktop.mpris")
    player = MprisPlayer(lambda command: None)
    for _ in range(2):
        with private_bus(tmp_path) as address:
            player._bus_address = address
            assert player.start()
            assert player.running
            thread = next(t for t in threading.enumerate() if t.name == "backstretch-mpris")
        thread.join(TIMEOUT_S)
        assert not thread.is_alive()
        assert not player.running
    lost = [r for r in caplog.records if r.getMessage().startswith("Session D-Bus connection lost")]
    assert [r.levelno for r in lost] == [logging.INFO] * 2
    player.stop()
