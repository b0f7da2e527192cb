"""The test suite's own house rules: shared helpers live in helper modules or fixtures."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
IMPORTS_A_TEST_MODULE = re.compile(r"^\s*(from|import)\s+tests(\.\w+)*\.test_\w+", re.MULTILINE)


def offenders(root: Path) -> list[str]:
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if IMPORTS_A_TEST_MODULE.search(path.read_text(encoding="utf-8"))
    )


def test_no_test_module_imports_another() -> None:
    # Importing a test module runs its collection-time code twice and hides the helper's
    # home; a helper module (tests/gui/helpers.py) or a fixture in conftest.py is the place.
    assert offenders(TESTS) == []


def test_the_rule_can_fail(tmp_path: Path) -> None:
    (tmp_path / "test_a.py").write_text("from tests.unit.test_log import pragma\n")
    (tmp_path / "helpers.py").write_text("from tests.fakes import FakeClock\n")
    assert offenders(tmp_path) == ["test_a.py"]
