"""The reminder against a real, private dbus-daemon and a small stand-in notification server
(jeepney, in this file) that records the Notify call and answers as a person would."""

from __future__ import annotations

from collections.abc import Callable

import pytest

jeepney = pytest.importorskip("jeepney")

from backstretch.desktop import notify  # noqa: E402
from backstretch.desktop.notify import Answer, NoNotificationService  # noqa: E402
from tests.integration.notifications import NOTIFICATION_ID, StandIn  # noqa: E402


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
