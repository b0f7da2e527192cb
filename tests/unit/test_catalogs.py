"""The shipped catalogs are complete and right, and the catalog tool finds what is wrong."""

from __future__ import annotations

import gettext
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parents[2]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "packaging" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def template() -> Catalog:
    """What the code and the content ask to be translated today (about a second to extract)."""
    return tool.extracted()


def test_every_shipped_catalog_is_complete(template: Catalog) -> None:
    # Shipped = present under assets/locale; a missing translation, a fuzzy one or one whose
    # {placeholders} differ from the English fails here with the message named.
    problems = tool.check(tool.LOCALE_DIR, template)
    assert not problems, "\n".join(str(p) for p in problems)


def test_the_template_is_up_to_date(template: Catalog) -> None:
    # The messages, not the comments: a moved line does not make the template stale.
    assert tool.template_is_current(template), (
        "assets/locale/backstretch.pot is out of date: run python packaging/i18n.py extract"
    )


def test_content_values_are_extracted_with_their_place_and_ids_are_not(
    template: Catalog,
) -> None:
    name = template.get("Child's Pose")
    assert name is not None
    assert "assets/stretches.toml: stretch[childs-pose].name" in name.auto_comments
    assert template.get("Hold for {seconds} seconds.") is not None  # cues.toml
    assert template.get("Lower back relief") is not None  # routines/*.toml
    assert template.get("Much better") is not None  # progress.toml, a list element
    for not_text in ("childs-pose", "childs-pose-start.svg", "easier", "knee-to-chest"):
        assert template.get(not_text) is None, not_text


def _small_template() -> Catalog:
    catalog = Catalog(domain="backstretch")
    catalog.add("Hold for {seconds} s")
    catalog.add("Relax.")
    catalog.add("Rest.")
    catalog.add("Switch to your {side}.")
    catalog.add(("{n} session", "{n} sessions"))
    catalog.add(("{n} day", "{n} days"))
    catalog.add("Start", context="button")
    return catalog


def _write(folder: Path, entries: list[tuple[object, object, dict[str, object]]]) -> Path:
    catalog = Catalog(locale="de", domain="backstretch")
    for msgid, string, extra in entries:
        catalog.add(msgid, string, **extra)  # type: ignore[arg-type]
    po = folder / "de" / "LC_MESSAGES" / "backstretch.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    return po


def test_the_check_names_each_kind_of_problem(tmp_path: Path) -> None:
    _write(
        tmp_path,
        [
            ("Hold for {seconds} s", "{sekunden} s halten", {}),  # a placeholder renamed
            ("Relax.", "Entspannen.", {"flags": ["fuzzy"]}),
            ("Rest.", "", {}),  # not translated
            ("Switch to your {side}.", "Wechsle zu {side.", {}),  # broken braces
            (("{n} session", "{n} sessions"), ("{n} Sitzung",), {}),  # a plural form short
            (("{n} day", "{n} days"), ("Ein Tag", "{n} Tage"), {}),
            # "Start" in the context "button" is missing altogether
        ],
    )
    problems = {(p.msgid, p.what.split(" ")[0]) for p in tool.check(tmp_path, _small_template())}
    assert problems == {
        ("Hold for {seconds} s", "placeholders"),
        ("Relax.", "marked"),
        ("Rest.", "not"),
        ("Switch to your {side}.", "unbalanced"),
        ("{n} session", "not"),  # Babel reads a missing plural form as empty
        ("{n} day", "placeholders"),  # "Ein Tag" drops {n}: German must keep the number
        ("button|Start", "missing"),
    }


def test_a_complete_catalog_passes_and_compiles(tmp_path: Path) -> None:
    po = _write(
        tmp_path,
        [
            ("Hold for {seconds} s", "{seconds} s halten", {}),
            ("Relax.", "Entspannen.", {}),
            ("Rest.", "Pause.", {}),
            ("Switch to your {side}.", "Wechsle zu: {side}.", {}),
            (("{n} session", "{n} sessions"), ("{n} Sitzung", "{n} Sitzungen"), {}),
            (("{n} day", "{n} days"), ("{n} Tag", "{n} Tage"), {}),
            ("Start", "Starten", {"context": "button"}),
        ],
    )
    assert tool.check(tmp_path, _small_template()) == []
    tool.compile_all(tmp_path, quiet=True)
    with po.with_suffix(".mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.ngettext("{n} session", "{n} sessions", 2) == "{n} Sitzungen"
    assert catalog.pgettext("button", "Start") == "Starten"
