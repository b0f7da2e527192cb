"""An MPRIS player on the session D-Bus, so media keys and headphone buttons reach a session."""

from __future__ import annotations

import enum
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

BUS_NAME = "org.mpris.MediaPlayer2.backstretch"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT_IFACE = "org.mpris.MediaPlayer2"
PLAYER_IFACE = "org.mpris.MediaPlayer2.Player"
PROPS_IFACE = "org.freedesktop.DBus.Properties"
INTROSPECT_IFACE = "org.freedesktop.DBus.Introspectable"
# The .desktop file's name without its suffix: lets the shell show our icon beside the player.
DESKTOP_ENTRY = "io.github.backstretch.BackStretch"
# MPRIS reserves /org/mpris for itself, so track ids live under our own prefix.
_TRACK_PREFIX = "/io/github/backstretch/stretch/"

# RequestName flag and replies (D-Bus specification, "Message Bus Messages").
_DO_NOT_QUEUE = 4
_PRIMARY_OWNER = 1
_ALREADY_OWNER = 4

_CALL_TIMEOUT_S = 1.0  # RequestName / ReleaseName replies take well under a millisecond
_JOIN_TIMEOUT_S = 1.0

_ERR_UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"
_ERR_UNKNOWN_OBJECT = "org.freedesktop.DBus.Error.UnknownObject"
_ERR_UNKNOWN_INTERFACE = "org.freedesktop.DBus.Error.UnknownInterface"
_ERR_INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs"


class Command(enum.Enum):
    """What a media key asked for; the value is the MPRIS method that carries it."""

    PLAY_PAUSE = "PlayPause"
    PLAY = "Play"
    PAUSE = "Pause"
    NEXT = "Next"
    PREVIOUS = "Previous"
    STOP = "Stop"


_COMMANDS = {command.value: command for command in Command}
_NO_OPS = {
    ROOT_IFACE: {"Raise", "Quit"},
    PLAYER_IFACE: {"Seek", "SetPosition", "OpenUri"},
}
_METHODS = {
    ROOT_IFACE: _NO_OPS[ROOT_IFACE],
    PLAYER_IFACE: set(_COMMANDS) | _NO_OPS[PLAYER_IFACE],
    PROPS_IFACE: {"Get", "GetAll", "Set"},
    INTROSPECT_IFACE: {"Introspect"},
}

_INTROSPECTION = f"""\
<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node name="{OBJECT_PATH}">
  <interface name="{INTROSPECT_IFACE}">
    <method name="Introspect"><arg name="xml_data" type="s" direction="out"/></method>
  </interface>
  <interface name="{PROPS_IFACE}">
    <method name="Get">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="property_name" type="s" direction="in"/>
      <arg name="value" type="v" direction="out"/>
    </method>
    <method name="GetAll">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="properties" type="a{{sv}}" direction="out"/>
    </method>
    <method name="Set">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="property_name" type="s" direction="in"/>
      <arg name="value" type="v" direction="in"/>
    </method>
    <signal name="PropertiesChanged">
      <arg name="interface_name" type="s"/>
      <arg name="changed_properties" type="a{{sv}}"/>
      <arg name="invalidated_properties" type="as"/>
    </signal>
  </interface>
  <interface name="{ROOT_IFACE}">
    <method name="Raise"/>
    <method name="Quit"/>
    <property name="CanQuit" type="b" access="read"/>
    <property name="CanRaise" type="b" access="read"/>
    <property name="HasTrackList" type="b" access="read"/>
    <property name="Identity" type="s" access="read"/>
    <property name="DesktopEntry" type="s" access="read"/>
    <property name="SupportedUriSchemes" type="as" access="read"/>
    <property name="SupportedMimeTypes" type="as" access="read"/>
  </interface>
  <interface name="{PLAYER_IFACE}">
    <method name="Next"/>
    <method name="Previous"/>
    <method name="Pause"/>
    <method name="PlayPause"/>
    <method name="Stop"/>
    <method name="Play"/>
    <method name="Seek"><arg name="Offset" type="x" direction="in"/></method>
    <method name="SetPosition">
      <arg name="TrackId" type="o" direction="in"/>
      <arg name="Position" type="x" direction="in"/>
    </method>
    <method name="OpenUri"><arg name="Uri" type="s" direction="in"/></method>
    <signal name="Seeked"><arg name="Position" type="x"/></signal>
    <property name="PlaybackStatus" type="s" access="read"/>
    <property name="Rate" type="d" access="readwrite"/>
    <property name="Metadata" type="a{{sv}}" access="read"/>
    <property name="Volume" type="d" access="readwrite"/>
    <property name="Position" type="x" access="read"/>
    <property name="MinimumRate" type="d" access="read"/>
    <property name="MaximumRate" type="d" access="read"/>
    <property name="CanGoNext" type="b" access="read"/>
    <property name="CanGoPrevious" type="b" access="read"/>
    <property name="CanPlay" type="b" access="read"/>
    <property name="CanPause" type="b" access="read"/>
    <property name="CanSeek" type="b" access="read"/>
    <property name="CanControl" type="b" access="read"/>
  </interface>
</node>
"""


def _parent_node(path: str) -> str | None:
    """Introspection XML for a path above ours (/, /org, /org/mpris), naming the next child."""
    if path != "/" and not OBJECT_PATH.startswith(path + "/"):
        return None
    rest = OBJECT_PATH[len(path) :].lstrip("/")
    return f'<node name="{path}"><node name="{rest.split("/")[0]}"/></node>\n'


class MprisPlayer:
    """Serves org.mpris.MediaPlayer2 at /org/mpris/MediaPlayer2 while a session runs.

    One daemon thread reads the bus and answers method calls; ``on_command`` is called
    from that thread (never the caller's), after the reply has been sent, so it must be
    quick and thread-safe (the Qt bridge just emits a queued signal). ``set_state`` and
    ``stop`` may be called from any thread, ``stop`` even from ``on_command`` (it then
    closes the connection without waiting for its own thread).

    jeepney (pure Python, no C library; keyring and SecretStorage use it too) is imported
    only in ``start()``: the app starts as fast without it, and a system without it or
    without a session bus just goes without media keys.
    """

    def __init__(
        self,
        on_command: Callable[[Command], None],
        identity: str = "BackStretch",
        bus_address: str | None = None,
    ) -> None:
        self._on_command = on_command
        self._identity = identity
        self._bus_address = bus_address
        self._lock = threading.Lock()  # guards the state below and orders the signals sent
        self._conn: Any = None
        self._thread: threading.Thread | None = None
        self._name: str | None = None
        self._status = "Stopped"
        self._title = ""
        self._artist = identity
        self._track = 0

    # -- public API ---------------------------------------------------------------------

    @property
    def bus_name(self) -> str | None:
        """The well-known name we own while running, else None."""
        with self._lock:
            return self._name

    @property
    def running(self) -> bool:
        """True while the reader thread serves the bus."""
        with self._lock:
            thread = self._thread
        return thread is not None and thread.is_alive()

    def start(self) -> bool:
        """Connect, own our name and serve; False (logged once, calmly) if there is no bus."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            if thread.is_alive():
                return True
            self.stop()  # the bus went away since (logout, restart): connect afresh
        address = self._bus_address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        if not address:
            log.info("No session D-Bus: media keys work only while the window has focus")
            return False
        try:
            from jeepney.io.threading import open_dbus_connection
        except ImportError:
            log.info("jeepney is not installed: media keys work only while the window has focus")
            return False
        conn: Any = None
        try:
            conn = open_dbus_connection(bus=address, auth_timeout=_CALL_TIMEOUT_S)
            name = self._request_name(conn)
        # Media keys are a convenience: no failure of the bus may stop a session starting.
        except Exception as error:
            if conn is not None:
                conn.close()
            log.info("Session D-Bus unavailable (%s): media keys work only in the window", error)
            return False
        thread = threading.Thread(
            target=self._serve, args=(conn,), name="backstretch-mpris", daemon=True
        )
        with self._lock:
            self._conn, self._thread, self._name = conn, thread, name
        thread.start()
        return True

    def stop(self) -> None:
        """Release the name, close the connection and end the thread; safe to call twice."""
        with self._lock:
            conn, thread, name = self._conn, self._thread, self._name
            self._conn = self._thread = self._name = None
        if conn is None or thread is None:
            return
        bus_lost = not thread.is_alive()  # it ends by itself only when the bus went away
        # jeepney.io.threading's connection has a wake-up pipe: interrupt() makes the
        # blocked receive() raise at once, so the thread ends without polling on a timeout
        # (the blocking module would need a receive timeout and a wake-up every so often).
        conn.interrupt()
        if thread is not threading.current_thread():
            thread.join(_JOIN_TIMEOUT_S)
        if not bus_lost and not thread.is_alive():
            conn.reset_interrupt()
            try:
                from jeepney.bus_messages import message_bus

                self._call(conn, message_bus.ReleaseName(name), serve=False)
            except Exception as error:
                # Closing the connection releases the name too, just not before we return.
                log.info("Could not release %s on the session D-Bus: %s", name, error)
        conn.close()

    def set_state(self, playing: bool, title: str, artist: str = "BackStretch") -> None:
        """Publish playing/paused and what is on now; signals PropertiesChanged on a change."""
        with self._lock:
            changed: dict[str, tuple[str, Any]] = {}
            status = "Playing" if playing else "Paused"
            if status != self._status:
                self._status = status
                changed["PlaybackStatus"] = ("s", status)
            if (title, artist) != (self._title, self._artist):
                self._title, self._artist = title, artist
                self._track += 1  # a new id tells clients a new "track" began
                changed["Metadata"] = ("a{sv}", self._metadata())
            if changed and self._conn is not None:
                # Sent under the lock so two quick changes reach clients in order.
                self._send_changed(self._conn, changed)

    # -- the bus ------------------------------------------------------------------------

    def _request_name(self, conn: Any) -> str:
        from jeepney.bus_messages import message_bus

        for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
            (result,) = self._call(conn, message_bus.RequestName(name, _DO_NOT_QUEUE))
            if result in (_PRIMARY_OWNER, _ALREADY_OWNER):
                return name
        raise RuntimeError(f"{BUS_NAME} and its instance name are both taken")

    def _call(self, conn: Any, message: Any, *, serve: bool = True) -> tuple[Any, ...]:
        """Send a bus call and wait for its reply, while no reader thread runs.

        Method calls that arrive meanwhile are answered (serve=True) or dropped (stopping).
        """
        from jeepney import HeaderFields
        from jeepney.wrappers import unwrap_msg

        serial = next(conn.outgoing_serial)
        conn.send(message, serial=serial)
        deadline = time.monotonic() + _CALL_TIMEOUT_S
        while True:
            incoming = conn.receive(timeout=max(0.0, deadline - time.monotonic()))
            if incoming.header.fields.get(HeaderFields.reply_serial) == serial:
                return tuple(unwrap_msg(incoming))
            if serve:
                self._handle(conn, incoming)

    def _serve(self, conn: Any) -> None:
        from jeepney.io.threading import ReceiveStopped

        while True:
            try:
                message = conn.receive()
            except ReceiveStopped:
                return
            except Exception as error:
                # The bus went away (logout, daemon restart): stop quietly, keys still
                # work in the window.
                with self._lock:
                    stopping = self._conn is not conn
                if not stopping:
                    log.info("Session D-Bus connection lost: %s", error)
                return
            try:
                self._handle(conn, message)
            except Exception:
                log.exception("MPRIS: could not answer a D-Bus message")

    def _handle(self, conn: Any, message: Any) -> None:
        from jeepney import MessageFlag, MessageType

        if message.header.message_type is not MessageType.method_call:
            return  # NameAcquired and other signals, late replies: nothing to do
        reply, command = self._answer(message)
        if not message.header.flags & MessageFlag.no_reply_expected:
            conn.send(reply)
        if command is not None:
            log.debug("MPRIS %s", command.value)
            self._on_command(command)

    def _answer(self, message: Any) -> tuple[Any, Command | None]:
        """The reply to one method call, and the command it carries, if any."""
        from jeepney import HeaderFields
        from jeepney.wrappers import new_error, new_method_return

        fields = message.header.fields
        path = fields.get(HeaderFields.path, "")
        member = fields.get(HeaderFields.member, "")
        interface = fields.get(HeaderFields.interface)
        signature = fields.get(HeaderFields.signature, "")

        def error(name: str, text: str) -> tuple[Any, None]:
            return new_error(message, name, "s", (text,)), None

        if path != OBJECT_PATH:
            node = _parent_node(path)
            introspect = member == "Introspect" and interface in (None, INTROSPECT_IFACE)
            if node is not None and introspect:
                return new_method_return(message, "s", (node,)), None
            return error(_ERR_UNKNOWN_OBJECT, f"No object at {path}")
        if interface is None:  # allowed for method calls: the first interface that has it
            interface = next((i for i, names in _METHODS.items() if member in names), None)
        if interface not in _METHODS or member not in _METHODS[interface]:
            return error(_ERR_UNKNOWN_METHOD, f"No method {interface}.{member}")

        if interface == INTROSPECT_IFACE:
            return new_method_return(message, "s", (_INTROSPECTION,)), None
        if interface == PROPS_IFACE:
            if member == "Set":
                return new_method_return(message), None  # Rate and Volume stay 1.0
            if member == "GetAll" and signature == "s":
                (wanted,) = message.body
                props = self._properties(wanted)
                if props is None:
                    return error(_ERR_UNKNOWN_INTERFACE, f"No interface {wanted}")
                return new_method_return(message, "a{sv}", (props,)), None
            if member == "Get" and signature == "ss":
                wanted, prop = message.body
                props = self._properties(wanted)
                if props is None:
                    return error(_ERR_UNKNOWN_INTERFACE, f"No interface {wanted}")
                if prop not in props:
                    return error(_ERR_INVALID_ARGS, f"No property {wanted}.{prop}")
                return new_method_return(message, "v", (props[prop],)), None
            return error(_ERR_INVALID_ARGS, f"{member} does not take '{signature}'")
        return new_method_return(message), _COMMANDS.get(member)

    def _properties(self, interface: str) -> dict[str, tuple[str, Any]] | None:
        """Every property of one interface as D-Bus variants, or None if it is not ours."""
        if interface == ROOT_IFACE:
            return {
                "CanQuit": ("b", False),
                "CanRaise": ("b", False),
                "HasTrackList": ("b", False),
                "Identity": ("s", self._identity),
                "DesktopEntry": ("s", DESKTOP_ENTRY),
                "SupportedUriSchemes": ("as", []),
                "SupportedMimeTypes": ("as", []),
            }
        if interface == PLAYER_IFACE:
            with self._lock:
                status, metadata = self._status, self._metadata()
            return {
                "PlaybackStatus": ("s", status),
                "Metadata": ("a{sv}", metadata),
                "Rate": ("d", 1.0),
                "MinimumRate": ("d", 1.0),
                "MaximumRate": ("d", 1.0),
                "Volume": ("d", 1.0),
                "Position": ("x", 0),
                "CanGoNext": ("b", True),
                "CanGoPrevious": ("b", True),
                "CanPlay": ("b", True),
                "CanPause": ("b", True),
                "CanSeek": ("b", False),
                "CanControl": ("b", True),
            }
        if interface in (PROPS_IFACE, INTROSPECT_IFACE):
            return {}
        return None

    def _metadata(self) -> dict[str, tuple[str, Any]]:
        """Metadata as a{sv}; call with the lock held."""
        return {
            "mpris:trackid": ("o", f"{_TRACK_PREFIX}{self._track}"),
            "xesam:title": ("s", self._title),
            "xesam:artist": ("as", [self._artist]),
        }

    def _send_changed(self, conn: Any, changed: dict[str, tuple[str, Any]]) -> None:
        from jeepney import DBusAddress
        from jeepney.wrappers import new_signal

        emitter = DBusAddress(OBJECT_PATH, interface=PROPS_IFACE)
        signal = new_signal(emitter, "PropertiesChanged", "sa{sv}as", (PLAYER_IFACE, changed, []))
        try:
            conn.send(signal)
        except OSError as error:
            log.info("Could not tell the session D-Bus about a change: %s", error)
