"""Each phase kind's own look: a calm tint, a ring colour and a ring pattern (never colour alone).

Orange and red are kept for pain ("It hurts", a stretch stopped for pain); the last seconds of
a countdown are marked calmly, by a thicker ring, not by an alarm colour. Every text colour
here is chosen for at least 7:1 against its tint, in the light and the dark palette alike
(tests/gui/test_floor_view.py measures it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from backstretch.core.plan import PhaseKind

PAIN = QColor("#B3261E")  # "It hurts" and pain stops only; white on it is 6.5:1
ON_PAIN = QColor("#FFFFFF")


@dataclass(frozen=True)
class PhaseStyle:
    tint: QColor  # the session's background in this phase
    text: QColor  # every word on the tint
    muted: QColor  # the steps not being read now (at least 4.5:1 on the tint)
    accent: QColor  # the ring
    current: QColor  # background of the current step
    pattern: Qt.PenStyle  # the ring's line: solid for a hold, dashed to get ready, ...


_LIGHT = {
    PhaseKind.PREPARE: ("#E4ECF7", "#2F5D9A", Qt.PenStyle.DashLine),
    PhaseKind.HOLD: ("#E2F1E7", "#1E6B45", Qt.PenStyle.SolidLine),
    PhaseKind.SWITCH: ("#EDE7F6", "#5B3F8F", Qt.PenStyle.DashDotLine),
    PhaseKind.RELAX: ("#E0F0EF", "#1D6A62", Qt.PenStyle.DotLine),
    PhaseKind.REST: ("#F0EEEA", "#4F5D75", Qt.PenStyle.DotLine),
    PhaseKind.DONE: ("#E9F1DF", "#47702A", Qt.PenStyle.SolidLine),
}
_DARK = {
    PhaseKind.PREPARE: ("#1B2636", "#8DB4EA", Qt.PenStyle.DashLine),
    PhaseKind.HOLD: ("#172C22", "#7CCFA2", Qt.PenStyle.SolidLine),
    PhaseKind.SWITCH: ("#261F36", "#B9A3E6", Qt.PenStyle.DashDotLine),
    PhaseKind.RELAX: ("#152B2A", "#7DCBC2", Qt.PenStyle.DotLine),
    PhaseKind.REST: ("#24262B", "#B4BFD0", Qt.PenStyle.DotLine),
    PhaseKind.DONE: ("#1F2A17", "#A8D38A", Qt.PenStyle.SolidLine),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def phase_style(kind: PhaseKind, dark: bool) -> PhaseStyle:
    tint, accent, pattern = (_DARK if dark else _LIGHT)[kind]
    if dark:
        return PhaseStyle(
            QColor(tint),
            QColor("#F2F4F7"),
            QColor("#C4CAD3"),
            QColor(accent),
            QColor(tint).lighter(160),
            pattern,
        )
    return PhaseStyle(
        QColor(tint),
        QColor("#111418"),
        QColor("#4A4F57"),
        QColor(accent),
        QColor("#FFFFFF"),
        pattern,
    )


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
