"""One reminder through the freedesktop notification service, and the answer to it.

jeepney speaks D-Bus in pure Python. Qt's own D-Bus module sends Notify's expire_timeout as
the wrong integer type, so some notification servers refuse the call; here the signature is
written out: replaces_id is uint32 ('u'), expire_timeout int32 ('i').
"""

from __future__ import annotations

import enum
import logging
import os
import time
from collections.abc import Sequence
from typing import Any

from backstretch.core.i18n import N_, tr

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
DESKTOP_ENTRY = "io.github.backstretch.BackStretch"
_CALL_TIMEOUT_S = 5.0  # a notification server answers Notify at once; a hung one must not hang us
_NEVER_EXPIRE = 0  # expire_timeout 0: the reminder stays until answered (or until we close it)
_NO_SUCH_SERVICE = (
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
)


class Answer(enum.Enum):
    """What the person did with the reminder; the values are the log's answers."""

    START = "start"
    LATER = "later"
    SKIP = "skip"
    CLOSED = "closed"  # dismissed without choosing
    UNANSWERED = "unanswered"  # nothing within the time we wait


# (action key, button text). "default" is a click on the reminder itself (the spec's name).
# The texts are translated when the reminder is shown.
ACTIONS: dict[str, tuple[str, Answer]] = {
    "start": (N_("Start now"), Answer.START),
    "later": (N_("In 30 minutes"), Answer.LATER),
    "skip": (N_("Not today"), Answer.SKIP),
    "default": (N_("Start now"), Answer.START),
}


class NoNotificationService(Exception):
    """No session bus, no jeepney, or nobody owns org.freedesktop.Notifications."""


def _notify_call(title: str, body: str, keys: Sequence[str], expire_ms: int = _NEVER_EXPIRE) -> Any:
    from jeepney import DBusAddress, new_method_call

    actions: list[str] = []
    for key in keys:
        actions += [key, tr(ACTIONS[key][0])]
    hints = {"desktop-entry": ("s", DESKTOP_ENTRY), "urgency": ("y", 1)}
    address = DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE)
    return new_method_call(
        address,
        "Notify",
        NOTIFY_SIGNATURE,
        ("BackStretch", 0, DESKTOP_ENTRY, title, body, actions, hints, expire_ms),
    )


def ask(
    title: str,
    body: str,
    keys: Sequence[str] = ("start", "later", "skip"),
    *,
    wait_s: float = 20 * 60,
    bus_address: str | None = None,
) -> Answer:
    """Show one reminder with the actions `keys` and wait (at most wait_s) for the answer.
    Raises NoNotificationService when there is nobody to show it."""
    address = bus_address or os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if not address:
        raise NoNotificationService(tr("no session D-Bus"))
    try:
        from jeepney import DBusAddress, HeaderFields, MatchRule, MessageType, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
    except ImportError as error:
        raise NoNotificationService(tr("jeepney is not installed")) from error
    try:
        conn = open_dbus_connection(bus=address)
    except Exception as error:  # any way the bus can be unreachable
        raise NoNotificationService(
            tr("the session D-Bus cannot be reached ({error})").format(error=error)
        ) from error
    with conn:
        rule = MatchRule(type="signal", interface=INTERFACE, path=PATH)
        # Listen before asking: the answer may come before Notify's reply is read.
        conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=_CALL_TIMEOUT_S)
        with conn.filter(rule, bufsize=16) as signals:
            reply = conn.send_and_get_reply(
                _notify_call(title, body, [*keys, "default"]), timeout=_CALL_TIMEOUT_S
            )
            if reply.header.message_type == MessageType.error:
                name = reply.header.fields.get(HeaderFields.error_name, "")
                if name in _NO_SUCH_SERVICE:
                    raise NoNotificationService(tr("no notification service is running"))
                raise NoNotificationService(
                    tr("the notification service refused ({name})").format(name=name)
                )
            notification_id = reply.body[0]
            deadline = time.monotonic() + wait_s
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    message = conn.recv_until_filtered(signals, timeout=remaining)
                except TimeoutError:
                    break
                member = message.header.fields.get(HeaderFields.member)
                if not message.body or message.body[0] != notification_id:
                    continue  # another program's notification
                if member == "ActionInvoked":
                    return ACTIONS.get(message.body[1], ("", Answer.CLOSED))[1]
                if member == "NotificationClosed":
                    return Answer.CLOSED
            # Nobody answered: take the reminder away rather than leave a stale one.
            close = new_method_call(
                DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE),
                "CloseNotification",
                "u",
                (notification_id,),
            )
            try:
                conn.send_and_get_reply(close, timeout=_CALL_TIMEOUT_S)
            except TimeoutError:
                log.info("the notification service did not answer CloseNotification")
            return Answer.UNANSWERED
