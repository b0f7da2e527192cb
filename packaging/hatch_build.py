"""Hatch build hook: compile the translation catalogs (.po -> .mo) into the wheel.

The .mo files are build output (.gitignored), so a wheel built from a checkout or from the sdist
makes them here, with the same code as `python packaging/i18n.py compile`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return  # the sdist carries the .po files; its wheel compiles them
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location(
            "_backstretch_i18n", root / "packaging" / "i18n.py"
        )
        assert spec is not None and spec.loader is not None
        tool = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = tool
        spec.loader.exec_module(tool)
        # Before the files are collected: the force-included assets/ folder then carries the
        # .mo files although git ignores them (checked by building a wheel).
        tool.compile_all(root / "assets" / "locale", quiet=True)
