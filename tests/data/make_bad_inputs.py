"""Malformed inputs too large or too binary to commit; the tests write them into tmp_path.

The small text cases are committed as files under tests/data/bad/. To look at these by hand:
    python tests/data/make_bad_inputs.py FOLDER
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

DEPTH = 10_000  # nested arrays and inline tables: far past Python's recursion limit
# Dotted keys nest tables without recursion in the parser, but tomllib takes time quadratic
# in the depth (0.7 s at 10,000); 3,000 levels is already three times the recursion limit.
DOTTED_DEPTH = 3_000
LONG = 100_000
FIVE_MIB = 5 * 1024 * 1024

_ITEM = b'[[item]]\nstretch = "childs-pose"\n'
_NAME = b'name = "Morning"\n'


def _five_mib() -> bytes:
    line = b"# " + b"x" * 97 + b"\n"  # 100 bytes, valid TOML all the way down
    return _NAME + _ITEM + line * (FIVE_MIB // len(line))


def _folder(path: Path) -> None:
    """A folder where the file should be, with a file inside that must survive."""
    path.mkdir()
    (path / "keep-me.txt").write_text("kept", encoding="utf-8")


# name -> bytes to write, or a function that makes the path itself (for a folder).
Maker = bytes | Callable[[Path], None]

ROUTINES: dict[str, Callable[[], Maker]] = {
    "not-utf8.toml": lambda: b'# Latin-1, not UTF-8\nname = "Caf\xe9"\n' + _ITEM,
    "utf16.toml": lambda: (_NAME + _ITEM).decode().encode("utf-16"),
    "binary-png.toml": lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "nul-byte.toml": lambda: b'name = "Mor\x00ning"\n' + _ITEM,
    "five-mib.toml": _five_mib,
    "deep-arrays.toml": lambda: b"name = " + b"[" * DEPTH + b"]" * DEPTH + b"\n" + _ITEM,
    "deep-inline-tables.toml": lambda: (
        b"name = " + b"{ a = " * DEPTH + b"1" + b" }" * DEPTH + b"\n" + _ITEM
    ),
    "deep-dotted-keys.toml": lambda: b"name" + b".a" * DOTTED_DEPTH + b" = 1\n" + _ITEM,
    "long-name.toml": lambda: b'name = "' + b"n" * LONG + b'"\n' + _ITEM,
    "long-key.toml": lambda: _NAME + b"k" * LONG + b" = 1\n" + _ITEM,
    "huge-digits.toml": lambda: _NAME + _ITEM + b"hold = 1" + b"0" * 5000 + b"\n",
    "folder.toml": lambda: _folder,
}

SETTINGS: dict[str, Callable[[], Maker]] = {
    "not-utf8.toml": lambda: b'voice = "fran\xe7ais"\n',
    "five-mib.toml": lambda: b"rate = 160\n" + b"# " + b"x" * FIVE_MIB + b"\n",
    "deep-arrays.toml": lambda: b"voice = " + b"[" * DEPTH + b"]" * DEPTH + b"\n",
    "deep-dotted-keys.toml": lambda: b"voice" + b".a" * DOTTED_DEPTH + b" = 1\n",
    "long-voice.toml": lambda: b'voice = "' + b"v" * LONG + b'"\n',
    "long-key.toml": lambda: b"k" * LONG + b" = 1\n",
    "schema-long-text.toml": lambda: b'schema_version = "' + b"2" * LONG + b'"\n',
    "huge-digits.toml": lambda: b"rate = 1" + b"0" * 5000 + b"\n",
    "folder.toml": lambda: _folder,
}


def write_case(path: Path, make: Callable[[], Maker]) -> Path:
    """Write one generated case at `path` (a file, or a folder) and return the path."""
    made = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(made, bytes):
        path.write_bytes(made)
    else:
        made(path)
    return path


def main(folder: Path) -> None:
    for kind, cases in (("routines", ROUTINES), ("settings", SETTINGS)):
        for name, make in cases.items():
            print(write_case(folder / kind / name, make))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
