"""Every test gets its own XDG folders, so nothing touches the real home directory."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import FakeClock


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """The app's words are process-wide state: a test that speaks German or turns on the
    pseudo-translation must not hand it to the next one (a German voice setting would then
    read the next test's English cues)."""
    yield
    from backstretch.core import i18n

    i18n.set_pseudo(False)
    i18n.set_locale_dir(None)
    if i18n.language() != "en":
        i18n.set_language("en")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    # The single-instance socket lives in XDG_RUNTIME_DIR; a short private one per test (a
    # socket path must stay under 108 bytes), so app processes that a test kills leave
    # nothing behind in /tmp.
    runtime = tempfile.mkdtemp(prefix="bs-run-")
    # No test offers its MPRIS player on the developer's own session bus.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    yield home
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def pseudo() -> Iterator[None]:
    """Every translated string comes back padded with "ẍ..." (i18n's pseudo-translation), so a
    test can find text that does not pass through the catalog."""
    from backstretch.core import i18n

    i18n.set_pseudo(True)
    try:
        yield
    finally:
        i18n.set_pseudo(False)
