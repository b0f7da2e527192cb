"""Small drawings of stretches on a light card, for the start and finish views (cached)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPixmap

CARD = "#F3F0EA"  # the drawings' own paper colour, so a thumbnail reads on light and dark themes
_PADDING = 0.06  # of the shorter side, so strokes never touch the card's rounded edge

_cache: dict[tuple[str, int, int, float], QPixmap] = {}


def stretch_thumbnail(path: Path, size: QSize, ratio: float) -> QPixmap:
    """`path` drawn inside a rounded card of `size` (logical pixels) for a screen of device
    pixel `ratio`, aspect kept. Take `path` from asset("illustrations", stretch.illustration):
    the drawing file names are not fixed. A missing or broken file gives the empty card."""
    key = (str(path), size.width(), size.height(), ratio)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    # QtSvg is loaded with the first thumbnail, after the start view's first frame.
    from PySide6.QtSvg import QSvgRenderer

    pixmap = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    card = QRectF(0, 0, size.width(), size.height())
    radius = min(card.width(), card.height()) * 0.12
    outline = QPainterPath()
    outline.addRoundedRect(card, radius, radius)
    painter.fillPath(outline, QColor(CARD))
    renderer = QSvgRenderer(str(path)) if path.is_file() else None  # no Qt warning for a gap
    if renderer is not None and renderer.isValid():
        pad = min(card.width(), card.height()) * _PADDING
        room = card.adjusted(pad, pad, -pad, -pad)
        view = renderer.viewBoxF()
        if view.isEmpty():
            default = renderer.defaultSize()
            view = QRectF(0, 0, max(1, default.width()), max(1, default.height()))
        scale = min(room.width() / view.width(), room.height() / view.height())
        width, height = view.width() * scale, view.height() * scale
        target = QRectF(
            room.x() + (room.width() - width) / 2,
            room.y() + (room.height() - height) / 2,
            width,
            height,
        )
        painter.setClipPath(outline)
        renderer.render(painter, target)
    painter.end()
    _cache[key] = pixmap
    return pixmap
