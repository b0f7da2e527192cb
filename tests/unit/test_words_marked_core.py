"""Every sentence in these files reaches the catalog, or is listed here as deliberately English.

Babel extracts only literals that sit directly inside tr(), ntr(), ptr(), N_() or
catalog_text(), so this scans the source the same way: a string literal that reads like words
(two words, or one capitalised word) and is not such an argument fails the test, unless it is a
docstring, a developer's log line, SQL, or listed below with the reason it stays English.
A new untranslated message therefore fails CI, naming its file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "backstretch"

# The core, commands, desktop and speech files (the window's are in test_words_marked_ui.py).
FILES = sorted(
    {
        *(
            PACKAGE / "core" / name
            for name in (
                "settings.py",
                "routine_store.py",
                "routines.py",
                "stretches.py",
                "problems.py",
                "paths.py",
                "progress.py",
                "report.py",
                "summary.py",
            )
        ),
        *(PACKAGE / "core" / "log").glob("*.py"),
        *(PACKAGE / "commands").glob("*.py"),
        *(PACKAGE / "desktop").rglob("*.py"),
        *(PACKAGE / "speech").glob("*.py"),
    }
)

WRAPPERS = {"tr", "ntr", "ptr", "N_", "catalog_text"}
# Log lines are for developers reading a log, in English like the code.
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
# Strings handed to these are machine text: SQL, paths, protocol names, parsing.
MACHINE_CALLS = {
    "execute",
    "executescript",
    "executemany",
    "startswith",
    "endswith",
    "split",
    "replace",
    "Path",
    "glob",
    "asset",
    "getLogger",
    "setdefault",
    "get",
    "encode",
    "decode",
    # LogStore._write(what, ...): `what` only names the action in the developer's log line.
    "_write",
}
SQL = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WHERE|COUNT|BEGIN)\b")
# Two words (one may be "a"), or one capitalised word; "plan:days" (a place in a file) is not words.
_GAP = r"(?:[ ,;]+|:\s+)"
WORDS = re.compile(
    rf"[A-Za-z]{{2,}}{_GAP}[A-Za-z]|[A-Za-z]{_GAP}[A-Za-z]{{2,}}|^[A-Z][a-z]{{2,}}[.!?]?$"
)

# Deliberately untranslated, by file: the exact literal (or, for an f-string, its literal parts
# joined) and why. Keep each reason short and true; anything a person sees or hears is not here.
ALLOWED: dict[str, dict[str, str]] = {
    # A unit code that problems.py turns into a whole translated sentence.
    "core/settings.py": {"words per minute": "unit code"},
    "core/routine_store.py": {
        # Written into the person's routine file as a comment for whoever edits it by hand,
        # next to English keys; the file is shared between languages.
        "# A BackStretch routine. The file format is described in docs/routines.md.": "file",
    },
    "core/problems.py": {
        # The keys of _BETWEEN/_WHOLE_NUMBER_OF: the unit codes the files' checks pass.
        "words per minute": "unit code",
    },
    "core/stretches.py": {
        # ValueError for a caller asking for a form that does not exist: a programming error.
        " has no easier form": "programming error",
        # Names of types and enum members in __all__-like tuples and type hints.
        "Library": "code",
        "Side": "code",
        "Stretch": "code",
        "Variant": "code",
    },
    "core/paths.py": {"Library": "macOS folder name"},
    "core/log/__init__.py": {"Field": "code", "Tally": "code"},
    "core/log/opening.py": {
        # SQLite's own error texts, matched to replace them with our words.
        "file is not a database": "SQLite message",
        "database disk image is malformed": "SQLite message",
    },
    "core/log/store.py": {
        # ValueErrors for a caller's wrong argument: programming errors, not messages.
        " has no UTC offset; pass an aware local time": "programming error",
        "pain must be a whole number from 0 to 10, got ": "programming error",
        "a session finishes as completed or stopped, not ": "programming error",
        "unknown reminder answer ": "programming error",
        "a weekly answer is a whole number from -3 to 3, not ": "programming error",
        "unknown status ": "programming error",
    },
    "core/progress.py": {
        # A citation: an author and a journal, the same in every language.
        "Ostelo et al., Spine 2008": "citation",
    },
    "commands/reminders.py": {"Answer": "code"},
    "commands/routine_files.py": {"not a routine file command: ": "programming error"},
    "desktop/scheduler/windows.py": {
        # Task Scheduler's XML element names and its own English identifiers.
        "Monday": "Task Scheduler XML",
        "Tuesday": "Task Scheduler XML",
        "Wednesday": "Task Scheduler XML",
        "Thursday": "Task Scheduler XML",
        "Friday": "Task Scheduler XML",
        "Saturday": "Task Scheduler XML",
        "Sunday": "Task Scheduler XML",
    },
    "desktop/scheduler/macos.py": {
        "Label": "launchd key",
        # launchd's StartCalendarInterval keys.
        "Weekday": "launchd key",
        "Hour": "launchd key",
        "Minute": "launchd key",
        "Month": "launchd key",
        "Day": "launchd key",
    },
    "desktop/scheduler/__init__.py": {
        "Entry": "code",
        "Outcome": "code",
        "Ran": "code",
        "Runner": "code",
        "Scheduler": "code",
    },
    "desktop/mpris.py": {
        # Error replies to another program on the bus, and a start-up error for the log.
        " and its instance name are both taken": "log detail",
        "No object at ": "D-Bus error reply",
        "No method .": "D-Bus error reply",
        "No interface ": "D-Bus error reply",
        "No property .": "D-Bus error reply",
        " does not take ''": "D-Bus error reply",
        # MPRIS and D-Bus method, property and status names: the protocol's own words.
        **{
            name: "MPRIS protocol"
            for name in (
                "Play",
                "Pause",
                "Next",
                "Previous",
                "Stop",
                "Raise",
                "Quit",
                "Seek",
                "Get",
                "Set",
                "Introspect",
                "Stopped",
                "Playing",
                "Paused",
                "Identity",
                "Metadata",
                "Rate",
                "Volume",
                "Position",
            )
        },
    },
    "desktop/notify.py": {"Notify": "D-Bus method"},
    "desktop/scheduler/base.py": {
        # The marker written into our unit files and tasks: how we know them again, so it
        # must be the same whatever language wrote them.
        "Written by BackStretch for its practice reminders; it changes and removes this file.": (
            "marker"
        ),
    },
    "speech/service.py": {
        "Rendered": "code",
        "Unavailable": "code",
        "Voice": "code",
        # Why the worker was restarted: for the developer's log only; the person hears of it,
        # in words from the catalog, only if speech gives up (stuck_problem, no_voice_problem).
        "could not write to the speech worker": "log detail",
        "the speech worker closed its pipe": "log detail",
        "the speech worker exited (code )": "log detail",
        "the speech worker did not start within  s": "log detail",
        "rendering  took over  s": "log detail",
    },
    "speech/worker.py": {
        # pyttsx3's own error text, matched to tell a broken espeak-ng from a missing one.
        "could not initialize": "pyttsx3 message",
        # Render errors travel to the service's log line; the person never reads them.
        "unknown request ": "log detail",
        "no complete audio file after  s": "log detail",
        "unknown audio format ": "log detail",
        "AIFF with -bit samples is not supported": "log detail",
        # The test hook's imitation of the dynamic loader's error.
        ": cannot open shared object file (hidden by )": "test hook",
    },
}
# Prefixes of machine text that no translator should see: protocol XML, unit files, shell
# commands a person copies exactly. Matched at the start of the literal, by file.
ALLOWED_PREFIXES: dict[str, tuple[str, ...]] = {
    # The Task Scheduler task definition (XML the system reads).
    "desktop/scheduler/windows.py": ('<?xml version="1.0"',),
    # systemd unit files and .desktop entries: keys the system reads (Description is shown
    # only in systemctl's developer output).
    "desktop/scheduler/linux.py": ("# \n[Unit]", "[Desktop Entry]"),
    # The D-Bus introspection XML of the MPRIS interfaces.
    "desktop/mpris.py": ("<!DOCTYPE node", "<node name="),
    # Commands typed exactly as written, in any language.
    "speech/events.py": ("sudo apt-get",),
    "speech/worker.py": ("sudo apt-get", "pip install"),
}


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    return None


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal that reads like words and does not reach the catalog."""
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = []
    for node in ast.walk(tree):
        text = _literal_text(node)
        if text is None or isinstance(parents.get(node), ast.JoinedStr):
            continue  # an f-string's parts are judged as one
        if not WORDS.search(text) or SQL.match(text):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Expr):
            continue  # a docstring
        if isinstance(parent, ast.Call) and node in parent.args:
            name = _call_name(parent)
            # An f-string inside tr() is filled in before the catalog sees it: never a msgid.
            wrapped = name in WRAPPERS and isinstance(node, ast.Constant)
            if wrapped or name in MACHINE_CALLS:
                continue
        if _in_log_call(node, parents):
            continue
        found.append((getattr(node, "lineno", 0), text))
    return found


def _in_log_call(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside the arguments of log.debug(...) and friends, at any depth."""
    parent = parents.get(node)
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, ast.Call) and _call_name(parent) in LOG_METHODS:
            func = parent.func
            return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
        parent = parents.get(parent)
    return False


def _key(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _unexpected(path: Path, source: str) -> list[str]:
    key = _key(path)
    allowed = ALLOWED.get(key, {})
    prefixes = ALLOWED_PREFIXES.get(key, ())
    return [
        f"backstretch/{key}:{line}: {text!r}"
        for line, text in untranslated(source)
        if text not in allowed and not text.startswith(prefixes)
    ]


@pytest.mark.parametrize("path", FILES, ids=_key)
def test_every_sentence_goes_through_the_catalog(path: Path) -> None:
    assert _unexpected(path, path.read_text(encoding="utf-8")) == []


def test_the_allowlist_names_only_files_that_exist() -> None:
    keys = {_key(path) for path in FILES}
    assert set(ALLOWED) <= keys
    assert set(ALLOWED_PREFIXES) <= keys


def test_a_new_untranslated_sentence_fails() -> None:
    path = PACKAGE / "core" / "settings.py"
    source = path.read_text(encoding="utf-8")
    added = source + '\n\ndef _extra() -> str:\n    return "Your settings were saved."\n'
    assert _unexpected(path, added) == [
        f"backstretch/core/settings.py:{added.count(chr(10))}: 'Your settings were saved.'"
    ]


def test_wrapped_and_machine_text_is_not_reported() -> None:
    source = (
        "from backstretch.core.i18n import tr, N_\n"
        'LABEL = N_("Hold the stretch")\n'
        "def f(log, db, n):\n"
        '    log.debug("worker started in %s s", n)\n'
        '    db.execute("SELECT id FROM sessions WHERE id = ?", (n,))\n'
        '    return tr("{n} stretches left").format(n=n)\n'
    )
    assert untranslated(source) == []


def test_an_f_string_inside_tr_is_reported() -> None:
    source = 'def f(n):\n    return tr(f"Hold for {n} s")\n'
    assert untranslated(source) == [(2, "Hold for  s")]


def test_an_f_string_sentence_is_reported_whole() -> None:
    source = 'def f(n):\n    return f"could not be saved ({n}); nothing was changed"\n'
    assert untranslated(source) == [(2, "could not be saved (); nothing was changed")]
