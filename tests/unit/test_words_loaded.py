"""Words that are translated where they are read: bundled routines, progress words, problems."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from backstretch.core import i18n
from backstretch.core import progress as p


def _write_catalog(folder: Path, code: str, messages: dict[object, str]) -> None:
    """A small German catalog of our own, so these tests do not depend on shipped wording."""
    catalog = Catalog(locale=code, domain="backstretch")
    for msgid, string in messages.items():
        if isinstance(msgid, tuple):  # (context, text)
            catalog.add(msgid[1], string, context=msgid[0])
        else:
            catalog.add(msgid, string)
    po = folder / code / "LC_MESSAGES" / "backstretch.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)


@pytest.fixture
def german(tmp_path: Path) -> Iterator[None]:
    _write_catalog(
        tmp_path / "locale",
        "de",
        {
            "Lower back relief": "Entlastung für den unteren Rücken",
            "Much worse": "Viel schlechter",
            "Changes in back pain often take some weeks.": "Das braucht oft einige Wochen.",
            ("added to a routine's name", "copy"): "Kopie",
            "is missing": "fehlt",
            "the routine has no stretches; add at least one [[item]]": (
                "die Routine hat keine Dehnungen; füge mindestens ein [[item]] hinzu"
            ),
        },
    )
    i18n.set_locale_dir(tmp_path / "locale")
    i18n.set_language("de")
    p.words.cache_clear()
    yield
    i18n.set_locale_dir(None)
    i18n.set_language("en")
    p.words.cache_clear()


@pytest.mark.usefixtures("german")
def test_a_bundled_routine_is_named_in_the_language_and_keeps_its_id() -> None:
    from backstretch.core.routines import list_routines
    from backstretch.core.stretches import load_library

    bundled = {r.id: r for r in list_routines(None, load_library()).routines}
    relief = bundled["lower-back-relief"]
    assert relief.name == "Entlastung für den unteren Rücken"
    assert relief.bundled


@pytest.mark.usefixtures("german")
def test_a_persons_own_routine_keeps_the_name_they_wrote(tmp_path: Path) -> None:
    from backstretch.core.routines import load_routine
    from backstretch.core.stretches import load_library

    own = tmp_path / "mine.toml"
    own.write_text('name = "Lower back relief"\n[[item]]\nstretch = "knee-to-chest"\n')
    assert load_routine(own, load_library()).name == "Lower back relief"


@pytest.mark.usefixtures("german")
def test_a_copy_is_labelled_and_numbered_in_the_language(tmp_path: Path) -> None:
    from backstretch.core.routine_store import RoutineStore
    from backstretch.core.routines import list_routines
    from backstretch.core.stretches import load_library

    library = load_library()
    store = RoutineStore(tmp_path / "routines", library)
    relief = next(r for r in list_routines(None, library).routines if r.id == "lower-back-relief")
    first = store.duplicate(relief)
    second = store.duplicate(first)
    assert first.name == "Entlastung für den unteren Rücken (Kopie)"
    assert second.name == "Entlastung für den unteren Rücken (Kopie 2)"


@pytest.mark.usefixtures("german")
def test_progress_words_and_the_weekly_scale_are_translated_where_they_load() -> None:
    words = p.words()
    assert words.weekly_scale[0] == "Viel schlechter"
    assert words.verdict[p.Verdict.NO_CLEAR_CHANGE] == "Das braucht oft einige Wochen."
    # No entry yet: the English, with its placeholders filled, never an empty text.
    assert words.help.startswith("How the answer is found")
    assert "{" not in words.help


@pytest.mark.usefixtures("german")
def test_a_routine_files_problems_are_told_in_the_language(tmp_path: Path) -> None:
    from backstretch.core.problems import ProblemsError
    from backstretch.core.routines import load_routine
    from backstretch.core.stretches import load_library

    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n")
    with pytest.raises(ProblemsError) as caught:
        load_routine(bad, load_library())
    messages = [problem.message for problem in caught.value.problems]
    assert messages == [
        "fehlt",
        "die Routine hat keine Dehnungen; füge mindestens ein [[item]] hinzu",
    ]


@pytest.mark.usefixtures("german")
def test_the_log_command_names_a_bundled_routine_in_the_language() -> None:
    import argparse
    import io

    from backstretch.commands import log as logcmd
    from backstretch.core.paths import resolve_paths
    from tests.log_samples import TODAY, filled_log, session

    paths = resolve_paths()
    rows = [session(TODAY, hour=7), session(TODAY, hour=9, routine="Morning")]
    filled_log(paths.log_file, rows).close()
    parser = argparse.ArgumentParser(prog="backstretch")
    logcmd.add_parser(parser.add_subparsers(dest="command"))
    out, err = io.StringIO(), io.StringIO()
    code = logcmd.run(parser.parse_args(["log"]), paths, today=TODAY, out=out, err=err)
    assert (code, err.getvalue()) == (0, "")
    table = out.getvalue()
    assert "Entlastung für den unteren Rücken" in table  # stored in English, shown in German
    assert "Morning" in table  # a person's own name, as they wrote it
