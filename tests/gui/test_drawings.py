"""The drawings as the view paints them: start and hold differ, nothing is painted in the badge
band, and mirroring is a plain flip. Run as a script to write PNGs for looking at:

    QT_QPA_PLATFORM=offscreen python -m tests.gui.test_drawings /tmp/draw
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from backstretch.core.paths import asset

CARD = QColor("#F3F0EA")  # what the view paints behind every drawing
IDS = ("childs-pose", "knee-to-chest", "piriformis", "seated-spinal-twist", "pelvic-tilt")
FORMS = ("", "easier-")
POSES = ("start", "hold", "easier-start", "easier-hold")


def render(path: Path, *, mirrored: bool = False, size: tuple[int, int] = (640, 400)) -> QImage:
    """The drawing on the card colour, as IllustrationView paints it (mirrored for the left)."""
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(CARD)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if mirrored:
        painter.translate(size[0], 0)
        painter.scale(-1, 1)
    QSvgRenderer(str(path)).render(painter, QRectF(0, 0, *size))
    painter.end()
    return image


def changed_share(a: QImage, b: QImage) -> float:
    """Share of pixels that differ clearly (anti-aliasing noise is ignored)."""
    changed = 0
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if abs(p.red() - q.red()) + abs(p.green() - q.green()) + abs(p.blue() - q.blue()) > 24:
                changed += 1
    return changed / ((a.width() // 2) * (a.height() // 2))


@pytest.mark.parametrize("form", FORMS, ids=["usual", "easier"])
@pytest.mark.parametrize("stretch", IDS)
def test_start_and_hold_differ_so_the_change_reads_as_movement(
    qapp, stretch: str, form: str
) -> None:
    start = render(asset("illustrations", f"{stretch}-{form}start.svg"))
    hold = render(asset("illustrations", f"{stretch}-{form}hold.svg"))
    assert changed_share(start, hold) >= 0.02


@pytest.mark.parametrize("pose", POSES)
@pytest.mark.parametrize("stretch", IDS)
def test_nothing_is_painted_where_the_badge_goes(qapp, stretch: str, pose: str) -> None:
    image = render(asset("illustrations", f"{stretch}-{pose}.svg"))
    for y in range(0, 96, 3):
        for x in range(0, 640, 3):
            assert image.pixelColor(x, y) == CARD, (x, y)


def test_mirrored_is_the_drawing_flipped(qapp) -> None:
    path = asset("illustrations", "piriformis-hold.svg")
    right, left = render(path), render(path, mirrored=True)
    flipped = right.flipped(Qt.Orientation.Horizontal)
    assert changed_share(left, flipped) < 0.002
    assert changed_share(left, right) > 0.05


def write_pictures(out: Path) -> None:
    """Each drawing at full size and mirrored, and a contact sheet at a quarter of the size."""
    out.mkdir(parents=True, exist_ok=True)
    sheet = QImage(4 * 164 + 4, len(IDS) * 208 + 4, QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#777777"))
    painter = QPainter(sheet)
    for row, stretch in enumerate(IDS):
        for col, pose in enumerate(POSES):
            path = asset("illustrations", f"{stretch}-{pose}.svg")
            render(path).save(str(out / f"{path.stem}.png"))
            render(path, mirrored=True).save(str(out / f"{path.stem}-mirrored.png"))
            x, y = 4 + col * 164, 4 + row * 208
            painter.drawImage(x, y, render(path, size=(160, 100)))
            painter.drawImage(x, y + 104, render(path, mirrored=True, size=(160, 100)))
    painter.end()
    sheet.save(str(out / "sheet.png"))


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    write_pictures(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/draw"))
    print("written")
