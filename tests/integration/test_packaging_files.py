"""The desktop integration files: one application id everywhere, valid, installable per user."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backstretch import __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def app_id() -> str:
    # Read, not imported: backstretch.app imports Qt.
    found = re.search(r'^APP_ID = "([^"]+)"', (ROOT / "backstretch" / "app.py").read_text(), re.M)
    assert found, "APP_ID is no longer in backstretch/app.py"
    return found.group(1)


def test_one_application_id_everywhere() -> None:
    ident = app_id()
    desktop = LINUX / f"{ident}.desktop"
    metainfo = LINUX / f"{ident}.metainfo.xml"
    assert desktop.is_file() and metainfo.is_file()
    assert f"Icon={ident}\n" in desktop.read_text()
    root = ET.parse(metainfo).getroot()
    assert root.findtext("id") == ident
    assert root.findtext("launchable") == f"{ident}.desktop"
    flatpak = ROOT / "packaging" / "flatpak" / f"{ident}.yml"
    assert f"app-id: {ident}\n" in flatpak.read_text()
    for path in ("packaging/backstretch.spec", "packaging/render_icons.py"):
        assert f'APP_ID = "{ident}"' in (ROOT / path).read_text(), path
    assert f"APP_ID={ident}\n" in (LINUX / "install.sh").read_text()


def test_the_newest_release_is_this_version() -> None:
    root = ET.parse(LINUX / f"{app_id()}.metainfo.xml").getroot()
    releases = root.findall("releases/release")
    assert releases, "no <release> in the metainfo"
    assert releases[0].get("version") == __version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date") or "")


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="no desktop-file-utils")
def test_the_desktop_file_is_valid() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / f"{app_id()}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="no appstream")
def test_the_metainfo_is_valid() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{app_id()}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_install_and_uninstall_for_one_user(tmp_path: Path) -> None:
    """install.sh --pip: menu entry, metainfo and every icon size; --uninstall removes them."""
    ident = app_id()
    command = Path(sys.executable).parent / "backstretch"
    if not command.exists():
        pytest.skip("no backstretch entry point beside this Python")
    data = tmp_path / "share"
    env = dict(os.environ, XDG_DATA_HOME=str(data), HOME=str(tmp_path))
    subprocess.run(
        ["bash", str(LINUX / "install.sh"), "--pip", str(command)],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    desktop = (data / "applications" / f"{ident}.desktop").read_text()
    assert f"Exec={command}\n" in desktop
    assert (data / "metainfo" / f"{ident}.metainfo.xml").is_file()
    icons = data / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{ident}.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert png_size(icons / f"{size}x{size}" / "apps" / f"{ident}.png") == (size, size)
    subprocess.run(
        ["bash", str(LINUX / "install.sh"), "--uninstall"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert not [p for p in data.rglob("*") if p.is_file() and ident in p.name]
