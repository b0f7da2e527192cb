"""Malformed routine and settings files: a clear message with its place, exit 2, no traceback,
and no file the person already has is changed.

Each case names a file in tests/data/bad/ (or one tests/data/make_bad_inputs.py writes at test
time, when it is too large or too binary to commit) and what follows the file's path in the
problem it must produce: `{path}:item 2:hold: must be ...`. A case given `bug="why"` is
expected to fail (strict xfail), for a known problem not yet fixed; none is, today.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backstretch.cli import main
from backstretch.commands import routine_files as routinecmd
from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.problems import ProblemsError
from backstretch.core.routine_store import RoutineStore
from backstretch.core.routines import list_routines, load_routine
from backstretch.core.settings import Settings, load_settings, replace
from backstretch.core.stretches import load_library
from tests.data import make_bad_inputs
from tests.fakes import write

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
LIB = load_library()
# Longer than this, a message stops being something a person reads (the path not counted).
MAX_MESSAGE = 300


@dataclasses.dataclass(frozen=True)
class Case:
    file: str
    expected: str  # what follows the file's path in one problem: ":item 2:hold: must be ..."
    contains: str = ""  # and also somewhere in that same problem (a syntax error's line)
    generated: bool = False
    count: int | None = None  # how many problems, where every one must be listed
    keeps: tuple[tuple[str, object], ...] = ()  # settings read from a partly bad file


def case(file: str, expected: str, contains: str = "", *, bug: str = "", **kw: object) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    made = Case(file, expected, contains, **kw)  # type: ignore[arg-type]
    return pytest.param(made, id=file.removesuffix(".toml"), marks=marks)


def gen(file: str, expected: str, contains: str = "", *, bug: str = "") -> object:
    return case(file, expected, contains, bug=bug, generated=True)


SYNTAX = ": TOML syntax error:"
NO_ITEMS = ":item: the routine has no stretches; add at least one [[item]]"
CONTROL = ":name: must not contain control characters or line breaks"

ROUTINE_CASES = [
    case("syntax-missing-equals.toml", f"{SYNTAX} Expected '='", "line 2"),
    case("syntax-unclosed-string.toml", SYNTAX, "line 4"),
    case("syntax-unclosed-header.toml", SYNTAX, "line 3"),
    case("duplicate-key.toml", f"{SYNTAX} Cannot overwrite a value", "line 3"),
    case("duplicate-table.toml", f"{SYNTAX} Cannot declare ('timings',) twice", "line 5"),
    case("empty.toml", ": is empty"),
    case("whitespace-only.toml", ": is empty"),
    case("comments-only.toml", ":name: is missing", count=2),
    case("missing-name.toml", ":name: is missing"),
    case("missing-stretch.toml", ":item 2:stretch: is missing"),
    case("no-items.toml", NO_ITEMS),
    case("empty-item-list.toml", NO_ITEMS),
    case("name-wrong-type.toml", ":name: must be text, got a whole number 42"),
    case("name-empty.toml", ":name: must not be empty"),
    case("hold-text.toml", ":item 1:hold: must be a whole number, got text '60'"),
    case("hold-negative.toml", ":item 2:hold: must be between 5 and 300 seconds, got -30"),
    case("hold-zero.toml", ":item 1:hold: must be between 5 and 300 seconds, got 0"),
    case(
        "hold-huge.toml",
        ":item 1:hold: must be between 5 and 300 seconds, got 1000000000000000000000000000000",
    ),
    case(
        "hold-huge-float.toml",
        ":item 1:hold: must be between 5 and 300 seconds, got 1000",
    ),
    case("hold-fraction.toml", ":item 1:hold: must be a whole number of seconds, got 20.5"),
    case("hold-nan.toml", ":item 1:hold: must be a whole number of seconds, got nan"),
    case("hold-inf.toml", ":item 1:hold: must be a whole number of seconds, got inf"),
    case("rest-negative-inf.toml", ":timings:rest: must be a whole number of seconds, got -inf"),
    case("prepare-too-short.toml", ":timings:prepare: must be between 5 and 120 seconds, got 2"),
    case("repetitions-zero.toml", ":item 1:repetitions: must be between 1 and 20 times, got 0"),
    case("relax-huge.toml", ":item 1:relax: must be between 0 and 120 seconds, got 1000000000"),
    case("sides-number.toml", ":item 1:sides: must be true or false, got a whole number 1"),
    case("hold-time-of-day.toml", ":item 1:hold: must be a whole number, got time"),
    case(
        "unknown-stretch.toml",
        ":item 3:stretch: unknown stretch 'piriformiss'; did you mean 'piriformis'?",
    ),
    case("unknown-item-key.toml", ":item 2:holdd: unknown key; did you mean 'hold'?"),
    case(
        "unknown-top-key.toml",
        ":colour: unknown key; known keys: format, name, description, timings, item",
    ),
    case("unknown-timing-key.toml", ":timings:prepair: unknown key; did you mean 'prepare'?"),
    case("timings-not-table.toml", ":timings: must be a table, got a whole number 5"),
    case("stretch-wrong-type.toml", ":item 1:stretch: must be text, got a list ['childs-pose']"),
    case("item-not-table.toml", ':item 2: must be a table with at least stretch = "..."', count=2),
    case("item-single-table.toml", ":item: must be written as [[item]] tables"),
    case(
        "format-too-new.toml",
        ":format: is version 2, newer than this app understands (up to 1); update BackStretch",
    ),
    case("format-text.toml", ":format: must be a whole number, got text '1'"),
    case("too-many-items.toml", ":item: has 51 stretches; a routine holds at most 50"),
    case("control-char-name.toml", CONTROL),
    case("line-break-name.toml", CONTROL),
    case("delete-char-name.toml", CONTROL),
    case("description-too-long.toml", ":description: is too long (301 characters, at most 300)"),
    case(
        "many-problems.toml",
        ":item 3:sides: must be true or false, got a whole number 1",
        count=7,
    ),
    case("bom-with-error.toml", ":item 1:hold: must be between 5 and 300 seconds, got 0"),
    gen("not-utf8.toml", ":line 2: is not UTF-8 text; save the file as UTF-8"),
    gen("utf16.toml", ":line 1: is not UTF-8 text; save the file as UTF-8"),
    gen("binary-png.toml", ":line 1: is not UTF-8 text; save the file as UTF-8"),
    gen("nul-byte.toml", f"{SYNTAX} Illegal character", "line 1"),
    gen("five-mib.toml", ": is larger than 1024 KiB; this is not a routine or settings file"),
    gen("deep-arrays.toml", ": is nested too deeply to be read"),
    gen("deep-inline-tables.toml", ": is nested too deeply to be read"),
    gen("deep-dotted-keys.toml", ":name: must be text, got a table"),
    gen("long-name.toml", ":name: is too long (100000 characters, at most 80)"),
    gen("long-key.toml", ":kkk", "unknown key; known keys: format"),
    gen("huge-digits.toml", ": ", "number"),
    gen("folder.toml", ": is a folder, not a file"),
]

SETTINGS_CASES = [
    case("syntax-error.toml", SYNTAX, "line 2"),
    case("duplicate-key.toml", f"{SYNTAX} Cannot overwrite a value", "line 2"),
    case(
        "rate-text.toml",
        ":rate: must be a whole number, got text 'fast'",
        keeps=(("safety_accepted", True),),
    ),
    case("rate-negative.toml", ":rate: must be between 80 and 300 words per minute, got -160"),
    case("rate-inf.toml", ":rate: must be a whole number of words per minute, got inf"),
    case("volume-nan.toml", ":volume: must be a whole number of percent, got nan"),
    case(
        "volume-huge.toml",
        ":volume: must be between 0 and 100 percent, got 99999999999999999999999",
    ),
    case("schema-too-new.toml", ":schema_version: is 99, written by a newer BackStretch"),
    case("schema-zero.toml", ":schema_version: must be a whole number from 1, got 0"),
    case("unknown-key.toml", ":colour: unknown key; known keys: safety_accepted"),
    case("prepare-zero.toml", ":timings:prepare: must be between 5 and 120 seconds, got 0"),
    case("timings-not-table.toml", ":timings: must be a table, got a whole number 15"),
    case(
        "stretch-hold-huge.toml",
        ":stretch.piriformis:hold: must be between 5 and 300 seconds, got 100000",
    ),
    case(
        "stretch-not-table.toml",
        ":stretch.piriformis: must be a table with hold, repetitions, sides or variant",
    ),
    case(
        "stretch-bad-id.toml",
        ":stretch: 'Knee To Chest!' is not a stretch id (like knee-to-chest)",
    ),
    case("safety-text.toml", ":safety_accepted: must be true or false, got text 'yes'"),
    case("voice-control-char.toml", ":voice: must not contain control characters or line breaks"),
    case("empty.toml", ": is empty"),
    case("bom-with-error.toml", ":rate: must be between 80 and 300 words per minute, got 5000"),
    gen("not-utf8.toml", ":line 1: is not UTF-8 text; save the file as UTF-8"),
    gen("five-mib.toml", ": is larger than 1024 KiB; this is not a routine or settings file"),
    gen("deep-arrays.toml", ": is nested too deeply to be read"),
    gen("deep-dotted-keys.toml", ":voice: must be text, got a table"),
    gen("long-voice.toml", ":voice: is too long (100000 characters, at most 200)"),
    gen("long-key.toml", ":kkk", "unknown key; known keys: safety_accepted"),
    gen(
        "schema-long-text.toml",
        ":schema_version: must be a whole number from 1, got '2",
    ),
    gen("huge-digits.toml", ": ", "number"),
    gen("folder.toml", ": is a folder, not a file"),
]


def test_the_corpus_is_complete() -> None:
    """Every committed file has a case, and every case has a file or a generator."""
    for kind, cases, generated in (
        ("routines", ROUTINE_CASES, make_bad_inputs.ROUTINES),
        ("settings", SETTINGS_CASES, make_bad_inputs.SETTINGS),
    ):
        named = {p.values[0].file for p in cases}  # type: ignore[attr-defined]
        committed = {p.name for p in (BAD / kind).iterdir()}
        assert named == committed | set(generated), kind
        assert not committed & set(generated), kind
    assert len(ROUTINE_CASES) + len(SETTINGS_CASES) >= 30


def make_input(kind: str, c: Case, folder: Path, name: str | None = None) -> Path:
    """The case's file (or folder) at folder/name, copied or generated."""
    target = folder / (name or c.file)
    if c.generated:
        makers = make_bad_inputs.ROUTINES if kind == "routines" else make_bad_inputs.SETTINGS
        return make_bad_inputs.write_case(target, makers[c.file])
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BAD / kind / c.file, target)
    return target


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under root (or root itself): its bytes and modification time."""
    if not root.exists():
        return {}
    found: dict[str, tuple[bytes | None, int]] = {}
    for path in [root, *sorted(root.rglob("*"))] if root.is_dir() else [root]:
        content = None if path.is_dir() else path.read_bytes()
        found[str(path.relative_to(root))] = (content, path.stat().st_mtime_ns)
    return found


def assert_reported(lines: list[str], path: Path, c: Case) -> None:
    """One line says what the case expects; every line names the file and reads as a message."""
    assert lines, "no problem was reported"
    assert all(line.startswith(str(path)) for line in lines), lines
    wanted = f"{path}{c.expected}"
    matching = [line for line in lines if line.startswith(wanted) and c.contains in line]
    assert matching, f"expected {wanted!r} (with {c.contains!r}) in {lines}"
    for line in lines:
        assert len(line) - len(str(path)) <= MAX_MESSAGE, f"too long to read: {line[:200]}..."
        assert "Traceback" not in line
    if c.count is not None:
        assert len(lines) == c.count, lines


# -- routines --------------------------------------------------------------------------------


@pytest.mark.parametrize("c", ROUTINE_CASES)
def test_load_routine_gives_a_clear_message_with_the_place(c: Case, tmp_path: Path) -> None:
    path = make_input("routines", c, tmp_path / "source")
    with pytest.raises(ProblemsError) as caught:
        load_routine(path, LIB)
    assert_reported([str(p) for p in caught.value.problems], path, c)


@pytest.mark.parametrize("c", ROUTINE_CASES)
def test_check_command_exits_2_with_the_message_on_stderr(
    c: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_input("routines", c, tmp_path / "source")
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_reported(err.splitlines(), path, c)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """The person's config folder, with one routine of their own already saved in it."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    paths = resolve_paths()
    write(
        paths.routines_dir / "evening.toml",
        '# mine\nname = "Evening"\n[[item]]\nstretch = "childs-pose"\nhold = 60\n',
    )
    return paths


def import_args(file: Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="backstretch")
    routinecmd.add_parsers(parser.add_subparsers(dest="command"))
    return parser.parse_args(["import", str(file)])


@pytest.mark.parametrize("c", ROUTINE_CASES)
def test_import_exits_2_and_changes_no_file(
    c: Case, tmp_path: Path, config_home: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_input("routines", c, tmp_path / "source")
    before = snapshot(config_home.config_dir), snapshot(path)
    assert routinecmd.run(import_args(path), config_home) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_reported(err.splitlines(), path, c)
    assert (snapshot(config_home.config_dir), snapshot(path)) == before
    assert [r.name for r in list_routines(config_home, LIB).routines] == [
        "Lower back relief",
        "Evening",
    ]


def test_a_good_routine_with_a_byte_order_mark_is_accepted_and_imported_as_is(
    tmp_path: Path, config_home: Paths
) -> None:
    content = b'\xef\xbb\xbf# from the clinic\nname = "Clinic"\n[[item]]\nstretch = "piriformis"\n'
    path = write(tmp_path / "clinic.toml", content)
    assert load_routine(path, LIB).name == "Clinic"
    imported = RoutineStore(config_home.routines_dir, LIB).import_file(path)
    assert imported.path is not None and imported.path.read_bytes() == content


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "locked.toml", 'name = "x"\n[[item]]\nstretch = "childs-pose"\n')
    path.chmod(0)
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}: cannot be read: permission denied (check the file's permissions)\n"
    )


def test_a_real_process_shows_no_traceback(tmp_path: Path) -> None:
    """One real `python -m backstretch check`: the deepest input, as a person would run it."""
    path = make_bad_inputs.write_case(
        tmp_path / "deep.toml", make_bad_inputs.ROUTINES["deep-inline-tables.toml"]
    )
    result = subprocess.run(
        [sys.executable, "-m", "backstretch", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"{path}: is nested too deeply to be read\n"


# -- settings --------------------------------------------------------------------------------


def expected_settings(c: Case) -> Settings:
    return replace(Settings(), **dict(c.keeps))


def assert_notice(notice: str | None, path: Path, c: Case) -> None:
    assert notice is not None
    problem = notice[notice.index(str(path)) :]
    assert problem.startswith(f"{path}{c.expected}"), notice
    assert c.contains in problem
    assert "Traceback" not in notice
    assert len(notice) - notice.count(str(path)) * len(str(path)) <= MAX_MESSAGE + 150, notice[:400]


@pytest.mark.parametrize("c", SETTINGS_CASES)
def test_bad_settings_are_set_aside_byte_identical_and_defaults_apply(
    c: Case, tmp_path: Path
) -> None:
    path = make_input("settings", c, tmp_path / "config", "settings.toml")
    before = snapshot(path)
    loaded = load_settings(path)
    assert_notice(loaded.notice, path, c)
    (kept,) = [p for p in path.parent.iterdir() if p.name.startswith("settings.toml.bad-")]
    assert loaded.notice is not None and f"The old file was kept as {kept}." in loaded.notice
    assert snapshot(kept) == before  # the same bytes, even the same modification time
    assert not path.exists()
    assert loaded.settings == expected_settings(c)


@pytest.mark.parametrize("c", SETTINGS_CASES)
def test_the_command_line_only_notes_bad_settings_and_leaves_them(
    c: Case, config_home: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_input("settings", c, config_home.config_dir, "settings.toml")
    before = snapshot(config_home.config_dir)
    assert main(["routines"]) == 0
    out, err = capsys.readouterr()
    assert "Lower back relief  (lower-back-relief, bundled)" in out
    assert err.startswith("note: ") and err.count("\n") == 1, err[:400]
    assert_notice(err, path, c)
    assert snapshot(config_home.config_dir) == before


def test_good_settings_with_a_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", b"\xef\xbb\xbfrate = 180\n")
    loaded = load_settings(path)
    assert loaded.notice is None and loaded.settings.rate == 180
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]
