"""The reminder against a real, private dbus-daemon and a small stand-in notification server
(jeepney, in this file) that records the Notify call and answers as a person would."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

jeepney = pytest.importorskip("jeepney")

from jeepney import DBusAddress, HeaderFields, MessageType, new_signal  # noqa: E402
from jeepney.bus_messages import message_bus  # noqa: E402
from jeepney.io.threading import ReceiveStopped  # noqa: E402
from jeepney.io.threading import open_dbus_connection as open_threaded  # noqa: E402
from jeepney.wrappers import new_method_return  # noqa: E402

from backstretch.desktop import notify  # noqa: E402
from backstretch.desktop.notify import Answer, NoNotificationService  # noqa: E402

pytestmark = pytest.mark.integration

NOTIFICATION_ID = 7


@dataclass
class StandIn:
    """What the stand-in server saw; `answer` decides what it sends back after Notify."""

    answer: Callable[[Any, int], None] | None = None
    notify_signature: str = ""
    notify_body: tuple[Any, ...] = ()
    closed: list[int] = field(default_factory=list)
    asked = threading.Event()


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


@pytest.fixture
def stand_in(bus_address: str) -> Iterator[StandIn]:
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


def test_start_now_is_read_back_and_notify_has_the_spec_signature(
    bus_address: str, stand_in: StandIn
) -> None:
    stand_in.answer = lambda send, nid: send("ActionInvoked", "us", (nid, "start"))
    answer = notify.ask("Time to stretch", "Planned today at 18:00", bus_address=bus_address)
    assert answer is Answer.START
    # replaces_id uint32, expire_timeout int32: the types Qt's D-Bus module gets wrong.
    assert stand_in.notify_signature == "susssasa{sv}i"
    app, replaces, _icon, title, body, actions, hints, expire = stand_in.notify_body
    assert (app, replaces, title, body, expire) == (
        "BackStretch",
        0,
        "Time to stretch",
        "Planned today at 18:00",
        0,
    )
    assert actions == [
        "start",
        "Start now",
        "later",
        "In 30 minutes",
        "skip",
        "Not today",
        "default",
        "Start now",
    ]
    assert hints["desktop-entry"] == ("s", notify.DESKTOP_ENTRY)


@pytest.mark.parametrize(("key", "expected"), [("later", Answer.LATER), ("skip", Answer.SKIP)])
def test_each_button_gives_its_answer(
    bus_address: str, stand_in: StandIn, key: str, expected: Answer
) -> None:
    def answer(send: Callable[..., None], nid: int) -> None:
        send("ActionInvoked", "us", (nid + 1, "start"))  # someone else's notification
        send("ActionInvoked", "us", (nid, key))
        send("NotificationClosed", "uu", (nid, 2))

    stand_in.answer = answer
    assert notify.ask("t", "b", bus_address=bus_address) is expected


def test_dismissed_is_closed(bus_address: str, stand_in: StandIn) -> None:
    stand_in.answer = lambda send, nid: send("NotificationClosed", "uu", (nid, 2))
    assert notify.ask("t", "b", bus_address=bus_address) is Answer.CLOSED


def test_no_answer_in_time_closes_the_reminder(bus_address: str, stand_in: StandIn) -> None:
    assert notify.ask("t", "b", wait_s=0.3, bus_address=bus_address) is Answer.UNANSWERED
    assert stand_in.closed == [NOTIFICATION_ID]


def test_a_bus_without_a_notification_service_is_told(bus_address: str) -> None:
    with pytest.raises(NoNotificationService, match="no notification service"):
        notify.ask("t", "b", bus_address=bus_address)


def test_no_bus_at_all_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with pytest.raises(NoNotificationService, match="no session D-Bus"):
        notify.ask("t", "b")
