"""The one function user-facing words pass through, and a pseudo-translation to find clipping.

Today BackStretch speaks English only; `tr` is the seam where translations will plug in. With
BACKSTRETCH_PSEUDO=1 (or `set_pseudo(True)` in tests and the gallery) every string comes back
about 40 % longer with accents added, the way a German or Spanish text grows, so a layout that
clips or elides shows up before any translation exists (Vorta and Qt Linguist do the same).
"""

from __future__ import annotations

import math
import os

PSEUDO_GROWTH = 0.4
_ACCENTS = str.maketrans("aeiouyAEIOUYcnsz", "áéîõüýÅÉÎÕÜÝçñšž")
_state = {"pseudo": os.environ.get("BACKSTRETCH_PSEUDO", "") not in ("", "0")}


def set_pseudo(enabled: bool) -> None:
    _state["pseudo"] = enabled


def pseudo(text: str) -> str:
    """Accented and padded with short words (so wrapping behaves as with real words)."""
    if not text.strip():
        return text
    extra = math.ceil(len(text) * PSEUDO_GROWTH)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < extra:
        words.append("ẍýžŵ"[: min(4, extra - sum(len(w) + 1 for w in words))] or "ẍ")
    return text.translate(_ACCENTS) + " " + " ".join(words)


def tr(text: str) -> str:
    """A user-facing string, translated (pseudo-translated in the test mode)."""
    return pseudo(text) if _state["pseudo"] else text
