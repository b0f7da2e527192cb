"""A private PulseAudio daemon with a null sink, and tools to record and measure what it plays.

Used by the integration tests (through a fixture) and by benchmarks/cue_latency.py."""

from __future__ import annotations

import array
import contextlib
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

PULSE_APT = "sudo apt-get install pulseaudio pulseaudio-utils"
ESPEAK_APT = "sudo apt-get install espeak-ng"
SINK = "bs_test"
# Unix socket paths must fit in sun_path (108 bytes); pytest's tmp_path can be longer.
_MAX_SOCKET_PATH = 100
_WINDOW_S = 0.005


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Poll condition every few ms until it holds; TimeoutError naming what after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(0.005)


def _window_rms(wav_path: Path) -> tuple[list[float], float]:
    """RMS of each 5 ms window, as a fraction of full scale, and the window length in s."""
    with wave.open(str(wav_path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{wav_path}: expected 16-bit samples")
        channels, rate = wav.getnchannels(), wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    per_window = max(1, round(_WINDOW_S * rate)) * channels
    levels = []
    for start in range(0, len(samples) - per_window + 1, per_window):
        chunk = samples[start : start + per_window]
        levels.append(math.sqrt(sum(v * v for v in chunk) / len(chunk)) / 32768.0)
    return levels, per_window / channels / rate


@dataclass
class PulseSink:
    """A running private PulseAudio daemon whose only sink is a null sink."""

    env: dict[str, str]
    sink: str
    log_path: Path

    @property
    def monitor(self) -> str:
        return f"{self.sink}.monitor"

    @contextlib.contextmanager
    def record(self, path: Path) -> Iterator[Path]:
        """Record the sink's monitor to a mono 44.1 kHz WAV while the block runs.

        Time 0 of the file is the moment data starts flowing, which is before the block runs.
        """
        proc = subprocess.Popen(
            [
                "parec",
                "-d",
                self.monitor,
                "--file-format=wav",
                "--format=s16le",
                "--rate=44100",
                "--channels=1",
                # Small fragments: with the default (about 2 s) the start and end are cut off.
                "--latency-msec=10",
                str(path),
            ],
            env=self.env,
            stderr=subprocess.PIPE,
        )
        try:
            wait_until(
                lambda: (path.exists() and path.stat().st_size > 44) or proc.poll() is not None,
                10.0,
                "parec to start recording",
            )
            if proc.poll() is not None:
                raise RuntimeError(
                    f"parec exited early: {proc.communicate()[1].decode(errors='replace')}"
                )
            yield path
        finally:
            # SIGINT makes parec finish the WAV header; SIGKILL only if it does not stop.
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()

    @staticmethod
    def onsets(wav_path: Path, threshold: float, min_gap_s: float) -> list[float]:
        """Seconds from the start of the file where sound begins after at least min_gap_s of
        silence (the start of the file counts as silence). Sound means a 5 ms window whose RMS
        is above threshold, a fraction of full scale (0.01 is about -40 dBFS)."""
        levels, window_s = _window_rms(wav_path)
        found: list[float] = []
        quiet_s = math.inf
        for index, level in enumerate(levels):
            if level > threshold:
                if quiet_s >= min_gap_s:
                    found.append(index * window_s)
                quiet_s = 0.0
            else:
                quiet_s += window_s
        return found

    @staticmethod
    def peak_rms(wav_path: Path, start_s: float = 0.0, end_s: float = math.inf) -> float:
        """The loudest 5 ms window between start_s and end_s, as a fraction of full scale."""
        levels, window_s = _window_rms(wav_path)
        chosen = [lv for i, lv in enumerate(levels) if start_s <= i * window_s < end_s]
        return max(chosen, default=0.0)

    @staticmethod
    def duration(wav_path: Path) -> float:
        with wave.open(str(wav_path), "rb") as wav:
            return wav.getnframes() / wav.getframerate()


def _pactl_answers(env: dict[str, str]) -> bool:
    try:
        result = subprocess.run(
            ["pactl", "info"], check=False, env=env, capture_output=True, text=True, timeout=5
        )
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0 and f"Default Sink: {SINK}" in result.stdout


def _has_source_output(env: dict[str, str]) -> bool:
    result = subprocess.run(
        ["pactl", "list", "short", "source-outputs"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=5,
    )
    return bool(result.stdout.strip())


@contextlib.contextmanager
def private_pulse(base: Path) -> Iterator[PulseSink]:
    """A real PulseAudio daemon private to this test, with the null sink bs_test as default.

    Runs in the foreground as our child (--daemonize=no): PID 1 on these machines does not reap
    orphans, so a -D daemon would linger as a zombie, and a child is simpler to stop for sure.
    Root needs nothing special here: pulseaudio only warns that it is not meant for root.
    """
    base = base / "pulse"
    short_dir: str | None = None
    if len(str(base / "runtime" / "native")) > _MAX_SOCKET_PATH:
        short_dir = tempfile.mkdtemp(prefix="bs-pa-")
        base = Path(short_dir)
    runtime, home = base / "runtime", base / "home"
    runtime.mkdir(parents=True)
    home.mkdir()
    runtime.chmod(0o700)
    socket = runtime / "native"
    client_conf = base / "client.conf"
    # Never let a client start some other daemon if ours is not up (yet).
    client_conf.write_text("autospawn = no\n")
    log_path = base / "pulseaudio.log"
    env = dict(os.environ)
    env.update(
        XDG_RUNTIME_DIR=str(runtime),
        HOME=str(home),
        PULSE_SERVER=f"unix:{socket}",
        PULSE_CLIENTCONFIG=str(client_conf),
        PULSE_SINK=SINK,
    )
    daemon = subprocess.Popen(
        [
            "pulseaudio",
            "--daemonize=no",
            "-n",  # no default.pa: only the modules below
            "--exit-idle-time=-1",
            "--disallow-exit",  # a client cannot stop it; teardown does
            "--realtime=no",
            "--high-priority=no",
            f"--log-target=newfile:{log_path}",
            f"--load=module-null-sink sink_name={SINK}",
            # Anonymous auth: clients that keep the real HOME cannot find this daemon's cookie.
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    keeper: subprocess.Popen[bytes] | None = None
    try:
        wait_until(
            lambda: daemon.poll() is not None or _pactl_answers(env), 15.0, "pulseaudio to answer"
        )
        if daemon.poll() is not None:
            log = log_path.read_text(errors="replace") if log_path.exists() else ""
            raise RuntimeError(f"pulseaudio exited with {daemon.returncode}:\n{log[-2000:]}")
        # The null sink sleeps in 2 s blocks while nothing listens, so the first recording or
        # playback would start up to 2 s late. A tiny low-latency listener keeps it ticking;
        # suspending and resuming the sink once it listens cuts short the first 2 s sleep.
        keeper_file = base / "keeper.raw"
        keeper = subprocess.Popen(
            [
                "parec",
                "-d",
                f"{SINK}.monitor",
                "--raw",
                "--rate=8000",
                "--channels=1",
                "--latency-msec=10",
                str(keeper_file),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: _has_source_output(env), 10.0, "the keeper stream to connect")
        for flag in ("1", "0"):
            subprocess.run(["pactl", "suspend-sink", SINK, flag], env=env, check=True, timeout=5)
        wait_until(
            lambda: keeper_file.exists() and keeper_file.stat().st_size > 0,
            10.0,
            "the null sink to start ticking",
        )
        yield PulseSink(env=env, sink=SINK, log_path=log_path)
    finally:
        if keeper is not None:
            keeper.kill()
            keeper.wait()
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            subprocess.run(
                ["pulseaudio", "--kill"], check=False, env=env, capture_output=True, timeout=5
            )
        try:
            daemon.wait(timeout=5)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        if short_dir is not None:
            shutil.rmtree(short_dir, ignore_errors=True)


def missing_tools() -> list[str]:
    return [t for t in ("pulseaudio", "pactl", "parec", "paplay") if not shutil.which(t)]


BYTES_PER_S = 44100 * 2  # parec in PulseSink.record: mono, 16-bit, 44.1 kHz


class RecordingClock:
    """Where recording time 0 lies on the monotonic clock.

    Each look at the growing file gives monotonic-now minus the seconds of audio written so
    far; the file lags what was played, so every look is an upper bound and the smallest wins.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zero = float("inf")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.02):
            size = self.path.stat().st_size if self.path.exists() else 0
            if size > 44:
                self.zero = min(self.zero, time.monotonic() - (size - 44) / BYTES_PER_S)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
