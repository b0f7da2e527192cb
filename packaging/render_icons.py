"""Render assets/icons/backstretch.svg to the PNG, ICO and iconset files each platform wants.

Run with a Python that has PySide6 (the project's .venv); no screen needed (offscreen).

    python packaging/render_icons.py --hicolor build/icons/hicolor   # Linux: NxN/apps/*.png + svg
    python packaging/render_icons.py --ico build/icons/backstretch.ico   # Windows (PNG-in-ICO)
    python packaging/render_icons.py --iconset build/icons/backstretch.iconset   # macOS, then:
    iconutil -c icns build/icons/backstretch.iconset -o build/icons/backstretch.icns

The PNGs are made at build or install time rather than kept in git: one SVG is the source.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "assets" / "icons" / "backstretch.svg"
APP_ID = "io.github.backstretch.BackStretch"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can say
ICONSET = {  # name -> pixels, as iconutil expects them
    "icon_16x16.png": 16,
    "icon_16x16@2x.png": 32,
    "icon_32x32.png": 32,
    "icon_32x32@2x.png": 64,
    "icon_128x128.png": 128,
    "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256,
    "icon_256x256@2x.png": 512,
    "icon_512x512.png": 512,
    "icon_512x512@2x.png": 1024,
}


def renderer(svg: Path):  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg_renderer = QSvgRenderer(str(svg))
    if not svg_renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    return app, svg_renderer


def png_bytes(svg_renderer, size: int) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    svg_renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def write_hicolor(svg_renderer, root: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    written = []
    for size in HICOLOR_SIZES:
        path = root / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes(svg_renderer, size))
        written.append(path)
    scalable = root / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    written.append(scalable)
    return written


def write_ico(svg_renderer, path: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    # ICO with PNG-compressed entries (Windows Vista and later read them at every size).
    images = [(size, png_bytes(svg_renderer, size)) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + entries + blobs)
    return [path]


def write_iconset(svg_renderer, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, size in ICONSET.items():
        path = folder / name
        path.write_bytes(png_bytes(svg_renderer, size))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG, help="the source SVG")
    parser.add_argument("--hicolor", type=Path, metavar="DIR", help="write a hicolor theme tree")
    parser.add_argument("--ico", type=Path, metavar="FILE", help="write a Windows .ico")
    parser.add_argument("--iconset", type=Path, metavar="DIR", help="write a macOS .iconset")
    args = parser.parse_args(argv)
    if not (args.hicolor or args.ico or args.iconset):
        parser.error("say what to write: --hicolor, --ico and/or --iconset")
    app, svg_renderer = renderer(args.svg)
    written: list[Path] = []
    if args.hicolor:
        written += write_hicolor(svg_renderer, args.hicolor)
    if args.ico:
        written += write_ico(svg_renderer, args.ico)
    if args.iconset:
        written += write_iconset(svg_renderer, args.iconset)
    del svg_renderer, app
    print(f"wrote {len(written)} icon files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
