"""Every drawing the library names exists, renders with QtSvg, and carries a title for readers."""

from __future__ import annotations

import re

from PySide6.QtSvg import QSvgRenderer

from backstretch.core.paths import asset
from backstretch.core.stretches import load_library


def test_every_illustration_and_the_icon_render(qapp) -> None:
    files = {asset("icons", "backstretch.svg")}
    for stretch in load_library():
        files.add(asset("illustrations", stretch.illustration))
        if stretch.illustration_hold:
            files.add(asset("illustrations", stretch.illustration_hold))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert QSvgRenderer(str(path)).isValid(), path
        assert re.search(r"<title>[^<]{4,}</title>", text), f"{path.name} has no <title>"
        assert "<text" not in text and "<style" not in text, path.name
    assert len(files) == 7
