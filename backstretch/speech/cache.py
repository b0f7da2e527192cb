"""Content-addressed cache of rendered cue WAVs, published atomically."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import struct
import time
from pathlib import Path

_TEMP_MARK = ".tmp-"
_counter = itertools.count()


def cue_key(engine: str, voice: str | None, rate: int, text: str, language: str = "en") -> str:
    """Name a rendering of text: the same five inputs always give the same 32 hex digits.

    The language is part of it because it picks the voice: with no voice chosen, the same
    words ("Tai Chi") are read by a German voice in German and by the default in English."""
    # JSON of a list is an unambiguous, stable encoding: no separator can be forged by the text.
    parts = [engine, voice, int(rate), text, language]
    blob = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def wav_is_complete(path: Path) -> bool:
    """True if path is a RIFF/WAVE file whose header agrees with its size and holds audio."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return False
            seen_fmt = False
            offset = 12
            # Walk the chunks by seeking, so a long file costs a few small reads only.
            while offset + 8 <= size:
                handle.seek(offset)
                chunk = handle.read(8)
                if len(chunk) < 8:
                    return False
                name, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if name == b"fmt ":
                    seen_fmt = True
                elif name == b"data":
                    return seen_fmt and length > 0 and offset + 8 + length <= size
                offset += 8 + length + (length & 1)
    except OSError:
        return False
    return False


class CueCache:
    """A folder of cue WAVs named by cue_key; a reader never sees a partial file."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, key: str) -> Path:
        """Where the finished WAV for key lives (whether or not it exists yet)."""
        return self.root / f"{key}.wav"

    def ready(self, key: str) -> bool:
        """True if the WAV for key exists and is complete."""
        return wav_is_complete(self.path_for(key))

    def temp_path_for(self, key: str, suffix: str = ".wav") -> Path:
        """A fresh temporary name in the cache folder, unique across processes and calls."""
        return self.root / f"{key}{_TEMP_MARK}{os.getpid()}-{next(_counter)}{suffix}"

    def publish(self, temp: Path, key: str) -> Path:
        """Move a finished temporary WAV into place in one atomic step."""
        final = self.path_for(key)
        os.replace(temp, final)
        return final

    def remove_stale_temps(self, older_than_s: float = 3600.0) -> int:
        """Delete temporary files left by a worker that was killed mid-render."""
        removed = 0
        cutoff = time.time() - older_than_s
        try:
            entries = list(self.root.iterdir())
        except OSError:
            return 0
        for entry in entries:
            if _TEMP_MARK not in entry.name:
                continue
            try:
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += 1
            except OSError:
                continue
        return removed
