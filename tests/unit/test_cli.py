"""The command line: plan, routines, check, --version, --help; and no Qt for non-GUI commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backstretch import __version__
from backstretch.cli import main
from tests.fakes import SHORT_ROUTINE, write


def test_plan_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "lower-back-relief", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["routine"] == "Lower back relief"
    assert data["phases"][1]["kind"] == "hold"
    assert data["phases"][1]["cues"][0] == {
        "at_s": 0.0,
        "text": "Hold for 45 seconds.",
        "kind": "hold",
    }


def test_plan_table_and_routines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "Lower back relief"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Lower back relief: 7 min 36 s")
    assert "switch      8 s  Knee-to-Chest (left leg)" in out
    assert main(["routines"]) == 0
    out = capsys.readouterr().out
    assert "Lower back relief  (lower-back-relief, bundled)" in out
    assert "5 stretches, 7 min 36 s: Child's Pose, Knee-to-Chest" in out


def test_check_ok_and_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.toml", SHORT_ROUTINE)
    assert main(["check", str(good)]) == 0
    assert capsys.readouterr().out.startswith(f'{good}: ok: "Short", 2 stretches')
    bad = write(tmp_path / "bad.toml", 'name = "B"\n[[item]]\nstretch = "x"\nhold = 900\n')
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{bad}:item 1:stretch: unknown stretch 'x'; known: childs-pose, knee-to-chest, "
        "piriformis, seated-spinal-twist, pelvic-tilt",
        f"{bad}:item 1:hold: must be between 5 and 300 seconds, got 900",
    ]


def test_unknown_routine_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "nope"]) == 2
    assert 'nope: no routine of that name; known: "Lower back relief"' in capsys.readouterr().err


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backstretch", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_version_and_help_on_every_command() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"backstretch {__version__}"
    for command in ([], ["routines"], ["plan"], ["check"], ["voices"], ["say"], ["self-test"]):
        result = run_cli(*command, "--help")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("usage: backstretch")


def test_bad_input_from_the_real_command_shows_no_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", b"\xff\xfe not text")
    result = run_cli("check", str(bad))
    assert result.returncode == 2
    assert result.stderr == f"{bad}:line 1: is not UTF-8 text; save the file as UTF-8\n"
    assert "Traceback" not in result.stderr


def test_non_gui_commands_never_import_qt() -> None:
    code = (
        "import sys\n"
        "from backstretch.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for args in (['routines'], ['plan', 'lower-back-relief', '--json']):\n"
        "        assert main(args) == 0\n"
        "import backstretch.core.engine, backstretch.core.summary, backstretch.core.trace\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_every_line_the_commands_print_goes_through_the_catalog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pseudo: None
) -> None:
    # The pseudo-translation pads every translated string with "ẍ...": a line without it was
    # written around tr(), and a translation would never reach it.
    good = write(tmp_path / "good.toml", SHORT_ROUTINE)
    bad = write(
        tmp_path / "bad.toml", 'name = "B"\n[[item]]\nstretch = "childs-pose"\nhold = 900\n'
    )
    for argv, code in (
        (["routines"], 0),
        (["plan", "lower-back-relief"], 0),
        (["check", str(good)], 0),
        (["check", str(bad)], 2),
    ):
        assert main(argv) == code
        captured = capsys.readouterr()
        lines = [line for line in (captured.out + captured.err).splitlines() if line.strip()]
        assert lines, argv
        untranslated = [line for line in lines if "ẍ" not in line]
        assert untranslated == [], argv
