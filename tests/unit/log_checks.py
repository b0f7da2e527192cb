"""Helpers shared by test modules, so that no test module imports another."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from backstretch.core.log import (
    MIGRATIONS,
)


def pragma(file: Path, name: str) -> object:
    connection = sqlite3.connect(file)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


def build_version(file: Path, version: int) -> None:
    """A database as an app of that schema version left it (version 0: an empty file)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(file)
    for step in MIGRATIONS[:version]:
        step(connection)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()
