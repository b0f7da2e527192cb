"""A small stand-in for the freedesktop notification service (jeepney), for tests: it records
the Notify call and answers as a person would, by sending ActionInvoked or NotificationClosed."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.threading import ReceiveStopped
from jeepney.io.threading import open_dbus_connection as open_threaded
from jeepney.wrappers import new_method_return

from backstretch.desktop import notify

NOTIFICATION_ID = 7


@dataclass
class StandIn:
    """What the stand-in server saw; `answer` decides what it sends back after Notify."""

    answer: Callable[[Any, int], None] | None = None
    notify_signature: str = ""
    notify_body: tuple[Any, ...] = ()
    closed: list[int] = field(default_factory=list)
    asked: threading.Event = field(default_factory=threading.Event)


def _serve(conn: Any, stand_in: StandIn) -> None:
    emitter = DBusAddress(notify.PATH, interface=notify.INTERFACE)
    while True:
        try:
            message = conn.receive()
        except ReceiveStopped:
            return
        if message.header.message_type != MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        if member == "Notify":
            stand_in.notify_signature = message.header.fields.get(HeaderFields.signature, "")
            stand_in.notify_body = tuple(message.body)
            conn.send(new_method_return(message, "u", (NOTIFICATION_ID,)))
            stand_in.asked.set()
            if stand_in.answer is not None:
                stand_in.answer(
                    lambda name, sig, body: conn.send(new_signal(emitter, name, sig, body)),
                    NOTIFICATION_ID,
                )
        elif member == "CloseNotification":
            stand_in.closed.append(message.body[0])
            conn.send(new_method_return(message))
        elif member == "GetCapabilities":
            conn.send(new_method_return(message, "as", (["actions", "body"],)))


@contextlib.contextmanager
def serving(bus_address: str) -> Iterator[StandIn]:
    conn = open_threaded(bus=bus_address)
    conn.send(message_bus.RequestName(notify.SERVICE))
    while True:  # own the name before any test asks (NameAcquired may come first)
        reply = conn.receive(timeout=2)
        if reply.header.message_type == MessageType.method_return:
            assert reply.body[0] == 1  # primary owner
            break
    found = StandIn()
    thread = threading.Thread(target=_serve, args=(conn, found), daemon=True)
    thread.start()
    yield found
    conn.interrupt()
    thread.join(timeout=2)
    conn.close()
