"""`backstretch import FILE` and `backstretch export NAME|ID FILE`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backstretch.cli import main
from backstretch.commands import routine_files as routinecmd
from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.routines import bundled_routines_dir, find_routine, list_routines
from backstretch.core.stretches import load_library
from tests.fakes import SHORT_ROUTINE, write

LIB = load_library()
ROOT = Path(__file__).resolve().parents[2]
BUNDLED_FILE = bundled_routines_dir() / "lower-back-relief.toml"


def parse(*argv: str) -> argparse.Namespace:
    """The command line as cli.py builds it, reduced to the two commands under test."""
    parser = argparse.ArgumentParser(prog="backstretch")
    routinecmd.add_parsers(parser.add_subparsers(dest="command", metavar="COMMAND"))
    return parser.parse_args(argv)


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return resolve_paths()


def run(paths: Paths, *argv: str) -> int:
    return routinecmd.run(parse(*argv), paths)


def test_import_prints_the_name_id_stretches_and_time(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "Short One.toml", SHORT_ROUTINE)
    assert main(["plan", str(source)]) == 0
    total = capsys.readouterr().out.splitlines()[0].removeprefix("Short: ")
    assert run(paths, "import", str(source)) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f'Imported "Short" as short-one: 2 stretches, {total}\n', "")
    assert (paths.routines_dir / "short-one.toml").read_text() == SHORT_ROUTINE
    assert find_routine("Short", paths, LIB).id == "short-one"


def test_import_of_a_same_named_routine_says_what_it_is_called_now(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "lower-back-relief.toml", BUNDLED_FILE.read_bytes())
    assert run(paths, "import", str(source)) == 0
    out, err = capsys.readouterr()
    assert out == (
        'Imported "Lower back relief (imported)" as lower-back-relief-2: 5 stretches, 7 min 36 s\n'
    )
    assert err == (
        'note: you already have a routine called "Lower back relief", '
        'so this one is called "Lower back relief (imported)".\n'
    )


def test_the_time_is_the_persons_own(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Settings fill in what the file leaves open: a 60 s Child's Pose instead of 45 s."""
    write(paths.settings_file, "[stretch.childs-pose]\nhold = 60\n")
    one = write(tmp_path / "one.toml", 'name = "One"\n[[item]]\nstretch = "childs-pose"\n')
    assert run(paths, "import", str(one)) == 0
    out = capsys.readouterr().out
    assert out == 'Imported "One" as one: 1 stretch, 1 min 15 s\n'  # prepare 15 + hold 60


def test_a_bad_file_exits_2_with_every_problem_on_stderr(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "bad.toml", 'name = "B"\n[[item]]\nstretch = "x"\nhold = 900\n')
    assert run(paths, "import", str(source)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{source}:item 1:stretch: unknown stretch 'x'; known: childs-pose, knee-to-chest, "
        "piriformis, seated-spinal-twist, pelvic-tilt",
        f"{source}:item 1:hold: must be between 5 and 300 seconds, got 900",
    ]
    assert not paths.routines_dir.exists()


def test_export_by_name_or_id_then_import_gives_the_same_routine(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(paths, "import", str(write(tmp_path / "short.toml", SHORT_ROUTINE))) == 0
    capsys.readouterr()
    by_name, by_id = tmp_path / "by-name.toml", tmp_path / "by-id.toml"
    assert run(paths, "export", "short", str(by_id)) == 0
    assert run(paths, "export", "SHORT", str(by_name)) == 0
    assert capsys.readouterr().out == (
        f'Exported "Short" to {by_id}\nExported "Short" to {by_name}\n'
    )
    assert by_name.read_text() == by_id.read_text() == SHORT_ROUTINE
    assert run(paths, "export", "Lower back relief", str(tmp_path / "bundled.toml")) == 0
    assert (tmp_path / "bundled.toml").read_bytes() == BUNDLED_FILE.read_bytes()


def test_export_of_an_unknown_routine_or_into_a_missing_folder_exits_2(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(paths, "export", "nope", str(tmp_path / "x.toml")) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == 'nope: no routine of that name; known: "Lower back relief"\n'
    target = tmp_path / "missing" / "x.toml"
    assert run(paths, "export", "lower-back-relief", str(target)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{target}: cannot be written: the folder {target.parent} does not exist\n"
    assert not target.parent.exists()


def test_export_does_not_list_or_change_the_persons_routines(paths: Paths, tmp_path: Path) -> None:
    assert run(paths, "export", "lower-back-relief", str(tmp_path / "out.toml")) == 0
    assert not paths.config_dir.exists()
    assert [r.name for r in list_routines(paths, LIB).routines] == ["Lower back relief"]


def test_help_for_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("import", "export"):
        with pytest.raises(SystemExit) as done:
            parse(command, "--help")
        assert done.value.code == 0
    out = capsys.readouterr().out
    assert "usage: backstretch import [-h] FILE" in out
    assert "usage: backstretch export [-h] NAME|ID FILE" in out


def test_the_real_command_line_has_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "short.toml", SHORT_ROUTINE)
    assert main(["import", str(source)]) == 0
    assert capsys.readouterr().out.startswith('Imported "Short" as short:')


def test_import_and_export_never_import_qt(tmp_path: Path) -> None:
    source = write(tmp_path / "short.toml", SHORT_ROUTINE)
    target = tmp_path / "exported.toml"
    code = (
        "import sys, argparse, contextlib, io\n"
        "from backstretch.commands import routine_files as routinecmd\n"
        "from backstretch.core.paths import resolve_paths\n"
        "parser = argparse.ArgumentParser()\n"
        "routinecmd.add_parsers(parser.add_subparsers(dest='command'))\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    for argv in (['import', {str(source)!r}], ['export', 'short', {str(target)!r}]):\n"
        "        assert routinecmd.run(parser.parse_args(argv), resolve_paths()) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    env_home = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
        env={**os.environ, **env_home},
    )
    assert result.stdout.strip() == "[]"
    assert target.read_text() == SHORT_ROUTINE
