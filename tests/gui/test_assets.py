"""Every drawing keeps the contract the session view relies on: SVG Tiny with words for screen
readers, one "figure" group clear of the badge band, a "feel it here" mark only on hold poses, and
no colour that could be read as the pain alarm."""

from __future__ import annotations

import colorsys
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtSvg import QSvgRenderer

from backstretch.core.paths import asset

SVG = "{http://www.w3.org/2000/svg}"
IDS = ("childs-pose", "knee-to-chest", "piriformis", "seated-spinal-twist", "pelvic-tilt")
SIDED = ("knee-to-chest", "piriformis", "seated-spinal-twist")
POSES = ("start", "hold", "easier-start", "easier-hold")
# The figure stays inside this box: above y=96 the view puts the side badge and the label.
FIGURE_AREA = QRectF(16, 96, 608, 276)
# Body, working limb and its outline, supporting limb, the card, the mat, props (cushion,
# towel, chair), the grey of the twist arrow, and the teal of the target.
PALETTE = {
    "#4A6FA5",
    "#2C4F86",
    "#FFFFFF",
    "#A9BCDA",
    "#F3F0EA",
    "#B7CBA8",
    "#B9B0D6",
    "#6F6398",
    "#9AA1AB",
    "#6E7580",
    "#6B778C",
    "#2A9D8F",
    "#1F7A6F",
}


def drawing(stretch: str, pose: str) -> Path:
    return asset("illustrations", f"{stretch}-{pose}.svg")


ALL = [(s, p) for s in IDS for p in POSES]


def test_the_library_names_exactly_the_twenty_drawings() -> None:
    # Read the file itself, so this holds whichever parser reads the easier tables.
    data = tomllib.loads(asset("stretches.toml").read_text(encoding="utf-8"))
    named = set()
    for entry in data["stretch"]:
        sid = entry["id"]
        assert entry["illustration"] == f"{sid}-start.svg"
        assert entry["illustration_hold"] == f"{sid}-hold.svg"
        assert entry["easier"]["illustration"] == f"{sid}-easier-start.svg"
        assert entry["easier"]["illustration_hold"] == f"{sid}-easier-hold.svg"
        named |= {entry[k] for k in ("illustration", "illustration_hold")}
        named |= {entry["easier"][k] for k in ("illustration", "illustration_hold")}
    on_disk = {p.name for p in asset("illustrations").glob("*.svg")}
    assert named == on_disk == {f"{s}-{p}.svg" for s, p in ALL}


@pytest.mark.parametrize(("stretch", "pose"), ALL)
def test_each_drawing_is_svg_tiny_with_words_for_readers(stretch: str, pose: str) -> None:
    text = drawing(stretch, pose).read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert (root.get("version"), root.get("baseProfile")) == ("1.2", "tiny")
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "640",
        "400",
        "0 0 640 400",
    )
    for tag in ("title", "desc"):
        element = root.find(f"{SVG}{tag}")
        assert element is not None and len((element.text or "").strip()) > 10, tag
    # No text (it would read backwards mirrored), no CSS, no effects Qt's Tiny renderer skips.
    for banned in ("<text", "<style", "style=", "<filter", "Gradient", "<image"):
        assert banned not in text, banned
    # No background: the view paints the card; only the mat is a wide rectangle.
    wide = [r for r in root.iter(f"{SVG}rect") if float(r.get("width", 0)) > 400]
    assert [r.get("id") for r in wide] == ["mat"]
    figures = [g for g in root.iter(f"{SVG}g") if g.get("id") == "figure"]
    assert len(figures) == 1
    assert all(e.get("id") != "mat" for e in figures[0].iter())


@pytest.mark.parametrize(("stretch", "pose"), ALL)
def test_only_hold_poses_mark_where_to_feel_it(stretch: str, pose: str) -> None:
    root = ET.fromstring(drawing(stretch, pose).read_text(encoding="utf-8"))
    (figure,) = [g for g in root.iter(f"{SVG}g") if g.get("id") == "figure"]
    targets = [e for e in root.iter() if e.get("id") == "target"]
    if pose.endswith("start"):
        assert targets == []
        return
    assert len(targets) == 1 and targets[0] in list(figure.iter())
    target = targets[0]
    assert target.get("fill") == "#2A9D8F" and target.get("fill-opacity") == "0.55"
    assert target.get("stroke") == "#1F7A6F" and target.get("stroke-dasharray")


@pytest.mark.parametrize(("stretch", "pose"), ALL)
def test_colours_come_from_the_palette_and_none_looks_like_pain(stretch: str, pose: str) -> None:
    text = drawing(stretch, pose).read_text(encoding="utf-8")
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9A-Fa-f]{6})"', text))
    for colour in colours:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        hue, saturation, _ = colorsys.rgb_to_hsv(r, g, b)
        # Orange and red mean "It hurts" in the app; 340-360 wraps round to red too.
        alarm = (hue * 360 <= 40 or hue * 360 >= 340) and saturation > 0.4
        assert not alarm, f"{colour} reads as the pain colour"
    assert {c.upper() for c in colours} <= PALETTE
    if stretch in SIDED:  # the working limb: darker, over a white outline
        assert "#2C4F86" in colours and "#FFFFFF" in colours


@pytest.mark.parametrize(("stretch", "pose"), ALL)
def test_the_working_limb_has_its_white_outline_underneath(stretch: str, pose: str) -> None:
    root = ET.fromstring(drawing(stretch, pose).read_text(encoding="utf-8"))
    paths = list(root.iter(f"{SVG}path"))
    for index, path in enumerate(paths):
        if path.get("stroke") != "#2C4F86":
            continue
        under = [
            p for p in paths[:index] if p.get("d") == path.get("d") and p.get("stroke") == "#FFFFFF"
        ]
        assert under, f"no outline under {path.get('d')}"
        extra = float(under[-1].get("stroke-width", 0)) - float(path.get("stroke-width", 0))
        assert abs(extra - 8) < 0.2, (path.get("d"), extra)  # 4 units on each side


@pytest.mark.parametrize(("stretch", "pose"), ALL)
def test_the_figure_fills_its_area_and_leaves_the_top_band_free(
    qapp, stretch: str, pose: str
) -> None:
    renderer = QSvgRenderer(str(drawing(stretch, pose)))
    assert renderer.isValid()
    assert renderer.elementExists("figure") and renderer.elementExists("mat")
    assert renderer.elementExists("target") == pose.endswith("hold")
    box = renderer.transformForElement("figure").mapRect(renderer.boundsOnElement("figure"))
    assert FIGURE_AREA.contains(box), (box, FIGURE_AREA)
    # Large, not a small figure in a big card: it reaches across most of the width or height.
    assert box.width() > 0.5 * FIGURE_AREA.width() or box.height() > 0.8 * FIGURE_AREA.height()


def test_the_icon_renders(qapp) -> None:
    path = asset("icons", "backstretch.svg")
    assert QSvgRenderer(str(path)).isValid()
    assert re.search(r"<title>[^<]{4,}</title>", path.read_text(encoding="utf-8"))
