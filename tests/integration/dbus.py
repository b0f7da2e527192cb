"""A private dbus-daemon for a test: its own minimal configuration, a socket in the test's
folder, stopped when the test ends (no activatable services, nothing of the user's bus)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

DBUS_APT = "sudo apt-get install dbus-daemon"
# A unix socket path must fit in sun_path (108 bytes); pytest's tmp_path can be longer.
_MAX_SOCKET_PATH = 100

# Our own minimal configuration: the system's session.conf belongs to another package
# (dbus-session-bus-common) and would also start activatable services we do not want.
_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextlib.contextmanager
def private_bus(base: Path) -> Iterator[str]:
    """Run a dbus-daemon listening in base; yield its address; stop it on leaving."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip(f"dbus-daemon is not installed: {DBUS_APT}")
    short = None
    if len(str(base / "bus")) > _MAX_SOCKET_PATH:
        base = short = Path(tempfile.mkdtemp(prefix="bs-dbus-"))
    config = base / "bus.conf"
    config.write_text(_CONFIG.format(socket=base / "bus"), encoding="utf-8")
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        # The daemon prints its address once it listens (or exits, closing stdout).
        address = process.stdout.readline().strip()
        if not address:
            assert process.stderr is not None
            pytest.fail(f"dbus-daemon did not start: {process.stderr.read()}")
        yield address
    finally:
        process.terminate()
        process.wait(timeout=5)
        if short is not None:
            shutil.rmtree(short, ignore_errors=True)
