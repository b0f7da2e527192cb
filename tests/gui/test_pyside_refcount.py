"""Guard against a PySide6 build that drops None's refcount on void calls (6.12.0 does)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen


def test_void_painter_calls_keep_none_alive(qapp) -> None:
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    rect = QRectF(4, 4, 50, 50)
    calls = [
        lambda: painter.setPen(QPen(QColor("red"), 3.0)),
        lambda: painter.setPen(Qt.PenStyle.NoPen),
        lambda: painter.setBrush(QColor("red")),
        lambda: painter.drawEllipse(rect),
        lambda: painter.drawArc(rect, 0, 1000),
        lambda: painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "3"),
    ]
    before = sys.getrefcount(None)
    for _ in range(200):
        for call in calls:
            call()
    painter.end()
    # Allow for unrelated references made meanwhile; a leak would be at least 200 per call.
    assert sys.getrefcount(None) - before > -100
