"""The words of the voice, loaded from assets/cues.toml (data, not Python strings).

They are translated here, where they are loaded, into the language the app speaks; the
placeholders stay as they are (packaging/i18n.py check makes sure a translation keeps them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backstretch.core.i18n import catalog_text, tr
from backstretch.core.paths import asset
from backstretch.core.problems import Checker, read_toml

_TEXTS = {
    "prepare": ("first", "sided"),
    "hold": ("start", "start_sided", "start_rep", "halfway"),
    "switch": ("text",),
    "relax": ("text",),
    "rest": ("text",),
    "done": ("text",),
    "control": ("pause", "resume", "hurt"),
}


@dataclass(frozen=True)
class CueTexts:
    """Templates keyed "section.name", plus the thresholds that decide optional cues."""

    templates: Mapping[str, str]
    countdown: tuple[str, ...]
    breathe_min_hold: int
    halfway_min_hold: int

    def say(self, key: str, **values: Any) -> str:
        return self.templates[key].format(**values)


def load_cue_texts(path: Path | None = None) -> CueTexts:
    """Load and check every template; raises ProblemsError naming each missing one."""
    path = path or asset("cues.toml")
    data = read_toml(path)
    check = Checker(str(path))
    templates: dict[str, str] = {}
    for section, keys in _TEXTS.items():
        table = check.table(data, section, "")
        for key in keys:
            text = check.text(table, key, section, max_len=600)
            if text is not None:
                templates[f"{section}.{key}"] = catalog_text(text)
    hold = check.table(data, "hold", "")
    countdown = hold.get("countdown")
    if not (isinstance(countdown, list) and all(isinstance(c, str) for c in countdown)):
        check.add("hold:countdown", tr("must be a list of words, counting down to the last second"))
        countdown = []
    breathe = check.number(hold, "breathe_min_hold", "hold", low=5, high=300, default=30)
    halfway = check.number(hold, "halfway_min_hold", "hold", low=5, high=300, default=20)
    check.raise_if_any()
    return CueTexts(
        templates=templates,
        countdown=tuple(catalog_text(word) for word in countdown),
        breathe_min_hold=breathe or 30,
        halfway_min_hold=halfway or 20,
    )
