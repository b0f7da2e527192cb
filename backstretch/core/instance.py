"""One BackStretch per person: a second launch hands its request to the first and exits.

The first instance listens on a local socket (QLocalServer, opened after its first frame).
A second launch asks it over that socket to come to the front and, with --start, to start.
On POSIX the asking side uses a plain Unix socket, so it costs no Qt import; on Windows,
where QLocalServer is a named pipe, app.py asks through QLocalSocket instead.
"""

from __future__ import annotations

import os
import sys
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

MAX_MESSAGE = 4096


@dataclass(frozen=True)
class Request:
    """What a second launch wants from the first."""

    start: bool = False
    routine: str | None = None  # a name, id or file path, as given to --routine
    # A reminder's "Start now": start through the start button's path, pain check included.
    pain_check: bool = False

    def encode(self) -> bytes:
        import json  # only when another instance is there to hear it

        return (json.dumps(asdict(self)) + "\n").encode("utf-8")

    @classmethod
    def decode(cls, raw: bytes) -> Request | None:
        """None for anything that is not a request (another program may write to the socket)."""
        import json

        try:
            data = json.loads(raw[:MAX_MESSAGE].decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        start, routine = data.get("start", False), data.get("routine")
        pain_check = data.get("pain_check", False)
        if not isinstance(start, bool) or not (routine is None or isinstance(routine, str)):
            return None
        if not isinstance(pain_check, bool):
            return None
        return cls(start=start, routine=routine, pain_check=pain_check)


def server_name(config_dir: Path) -> str:
    """Per person and per config folder (so tests with their own folders never meet).

    POSIX: a socket path short enough for sun_path (108 bytes), in XDG_RUNTIME_DIR when set.
    Windows: a pipe name."""
    # A checksum, not a secret: it only keeps apart people and test folders on one machine
    # (zlib is loaded already; hashlib would add 4 ms to start-up).
    digest = (
        f"{os.getuid() if hasattr(os, 'getuid') else 0}-{zlib.crc32(str(config_dir).encode()):08x}"
    )
    name = f"backstretch-{digest}"
    if sys.platform == "win32":
        return name
    folder = os.environ.get("XDG_RUNTIME_DIR") or ""
    if not folder or not os.path.isdir(folder) or len(folder) > 60:
        import tempfile

        folder = tempfile.gettempdir()
    return os.path.join(folder, f"{name}.sock")


def hand_over(name: str, request: Request, timeout_s: float = 1.0) -> bool:
    """True when a running BackStretch took the request; False when none is listening."""
    if sys.platform == "win32":
        return False  # app.py asks through QLocalSocket on Windows
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout_s)
            conn.connect(name)
            conn.sendall(request.encode())
            conn.shutdown(socket.SHUT_WR)
            return conn.recv(16).startswith(b"ok")
    except OSError:  # no socket, a stale one (the first instance died), or it did not answer
        return False
