"""Fixtures for tests that use real espeak-ng and a private PulseAudio daemon with a null sink."""

from __future__ import annotations

import ctypes.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.integration.notifications import StandIn

from tests.integration import pulse
from tests.integration.dbus import private_bus
from tests.integration.pulse import ESPEAK_APT, PULSE_APT, PulseSink

__all__ = ["PulseSink", "wait_until"]

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is an integration test, marked by where it lives: a new file
    cannot forget the mark (four once did), and `-m "not integration"` skips them all."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.integration)


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """pulse.wait_until, failing the test instead of raising."""
    try:
        pulse.wait_until(condition, timeout_s, what)
    except TimeoutError as error:
        pytest.fail(str(error))


@pytest.fixture
def bus_address(tmp_path: Path) -> Iterator[str]:
    """The address of a dbus-daemon private to this test, stopped afterwards."""
    with private_bus(tmp_path) as address:
        yield address


@pytest.fixture
def pulse_sink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseSink]:
    """A real PulseAudio daemon private to this test, with the null sink bs_test as default."""
    missing = pulse.missing_tools()
    if missing:
        pytest.skip(f"PulseAudio is not installed ({', '.join(missing)} missing): {PULSE_APT}")
    with pulse.private_pulse(tmp_path) as sink:
        for name in ("XDG_RUNTIME_DIR", "PULSE_SERVER", "PULSE_CLIENTCONFIG", "PULSE_SINK"):
            monkeypatch.setenv(name, sink.env[name])
        yield sink


@pytest.fixture
def requires_espeak() -> None:
    """Skip unless the espeak-ng library that pyttsx3 loads is installed."""
    if ctypes.util.find_library("espeak-ng") is None:
        pytest.skip(f"espeak-ng is not installed: {ESPEAK_APT}")


# ------------------------------------------------------------------ reminders (issue 15)
@pytest.fixture
def stand_in(bus_address: str) -> Iterator[StandIn]:
    """A stand-in notification server on the test's private bus (jeepney must be there)."""
    pytest.importorskip("jeepney")
    from tests.integration.notifications import serving

    with serving(bus_address) as found:
        yield found
