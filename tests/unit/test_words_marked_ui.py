"""Every sentence the window shows or says is in the catalog: an AST scan of the ui files
(test_words_marked_core.py scans the rest) for string literals that look like words but sit
outside tr/ntr/ptr/N_.

Babel extracts only literals written directly inside those calls, so a sentence typed into a
setText(), or handed to a helper that calls tr() inside, is never translated. This scan finds
both. What is deliberately left in English is listed below, file by file, with the reason; a new
untranslated sentence fails here with its file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = "backstretch/ui"
FILES = [
    f"{UI}/{name}.py"
    for name in (
        "finish_view", "overlays", "session_controls", "main_window", "voice", "pain_dialog",
        "context", "routine_editor", "report_pdf", "session_view", "routine_draft_pane",
        "routine_fields", "route_strip", "widgets", "illustration", "phase_heading", "start_view",
        "routine_cards", "plan_panel", "plan_weeks", "progress_panel", "weekly_check",
        "suggestion_bar", "tray", "media_bridge", "instance_server", "voice_panel",
    )
] + [
    f"{UI}/history/{name}.py"
    for name in ("__init__", "calendar", "charts", "models", "texts", "window")
] + ["backstretch/core/labels.py", "backstretch/core/timefmt.py"]  # fmt: skip

# The functions Babel extracts from (backstretch.core.i18n, packaging/i18n.py's KEYWORDS).
MARKERS = {"tr", "ntr", "ptr", "N_", "catalog_text"}
# Calls whose string arguments are never shown to a person: object names and properties
# (tests find widgets by them), style sheets, asset paths, colours, key sequences, D-Bus and
# logging, and errors that signal a programming mistake.
NOT_SHOWN = {
    "setObjectName", "setProperty", "property", "setStyleSheet", "asset", "QColor",
    "QKeySequence", "QUrl", "getLogger", "debug", "info", "warning", "error", "exception",
    "ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError", "Signal", "Slot",
    "ClassInfo", "Property", "startswith", "endswith", "split", "strftime", "execute",
}  # fmt: skip
# Words as a person reads them: two words with a space between, one capitalized word
# ("Delete", "Paused.") or a label ("Important: " before markup). Ids, keys and codes are
# lower-case and have no spaces.
WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}|^[A-Z][a-z]+[.!?:]?$|\b[A-Z][a-z]+: ")

# Deliberately untranslated, file by file: the exact literal and why.
ALLOWED: dict[str, set[str]] = {
    f"{UI}/main_window.py": {
        # Key names for QKeySequence, looked up in a dict and never shown.
        "Space", "Right", "Left", "Up", "Down", "Escape", "Return", "Enter", "Media Play",
        "Media Pause", "Toggle Media Play/Pause", "Media Next", "Media Previous",
    },
    f"{UI}/routine_editor.py": {
        # A key sequence for QKeySequence.
        "Delete",
        # The file label parse_routine puts in its problems; this built-in data has none.
        "new routine",
    },
    f"{UI}/routine_draft_pane.py": {
        # A key sequence for QKeySequence.
        "Delete",
    },
    f"{UI}/pain_dialog.py": {
        # A Qt style sheet.
        "QPushButton:checked { background-color: palette(highlight); color: "
        "palette(highlighted-text); border: 3px solid palette(window-text); border-radius: 6px; }",
    },
    f"{UI}/report_pdf.py": {
        # HTML markup around translated cells, no words of its own.
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr></tr></table>",
        "<th align='left'></th>",
    },
    f"{UI}/history/window.py": {
        # A Qt date-format pattern for the date pickers, not text.
        "d MMM yyyy",
    },
}  # fmt: skip


def _call_name(call: ast.Call) -> str:
    func = call.func
    return (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )


def _marked_or_hidden(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """True when the literal is a docstring, sits directly in a marker call, or is an argument
    of a call whose strings are never shown."""
    parent = parents.get(node)
    if isinstance(parent, ast.Expr):
        return True  # a docstring or a bare string
    # Implicitly joined literals ("a " "b") are one Constant; a literal may sit in a
    # conditional expression inside the call: look through those.
    while isinstance(parent, ast.IfExp):
        parent = parents.get(parent)
    if isinstance(parent, ast.Call) and node is not parent.func:
        return _call_name(parent) in MARKERS | NOT_SHOWN
    if isinstance(parent, ast.keyword):
        call = parents.get(parent)
        return isinstance(call, ast.Call) and _call_name(call) in NOT_SHOWN
    return False


def unmarked(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal in source that looks like words and is not marked."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[tuple[int, int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            # An f-string is never a msgid: inside a marker call it is a mistake (Babel skips
            # it); outside, its words are checked as one text.
            call = parents.get(node)
            text = "".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            if isinstance(call, ast.Call) and _call_name(call) in MARKERS:
                found.append(
                    (node.lineno, node.col_offset, f"f-string in {_call_name(call)}(): {text}")
                )
            elif WORDS.search(text) and not _marked_or_hidden(node, parents):
                found.append((node.lineno, node.col_offset, text))
            continue
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if isinstance(parents.get(node), ast.JoinedStr):
            continue  # checked with its f-string
        if WORDS.search(node.value) and not _marked_or_hidden(node, parents):
            found.append((node.lineno, node.col_offset, node.value))
    return [(line, text) for line, _column, text in sorted(found)]


def test_every_sentence_in_these_files_is_marked_for_translation() -> None:
    problems = []
    for name in FILES:
        allowed = ALLOWED.get(name, set())
        for line, text in unmarked((ROOT / name).read_text(encoding="utf-8")):
            if text not in allowed:
                problems.append(f"{name}:{line}: {text!r}")
    assert not problems, (
        "Wrap these in tr()/ntr()/ptr(), or N_() where a helper translates them; if one is "
        "deliberately English, add it to ALLOWED with the reason:\n" + "\n".join(problems)
    )


def test_every_allowed_literal_is_still_there() -> None:
    # A stale allowlist entry would quietly let a new sentence with the same words through.
    for name, allowed in ALLOWED.items():
        found = {text for _line, text in unmarked((ROOT / name).read_text(encoding="utf-8"))}
        assert allowed <= found, f"{name}: no longer needed in ALLOWED: {allowed - found}"


def test_the_scan_finds_what_babel_would_miss() -> None:
    source = '''
"""A docstring is not shown."""
label.setText("Hold still now")
button = big_button("Carry on", "Space", "Resume.")
title = tr(f"Hello {name}")
fine = tr("Hold for {seconds} s").format(seconds=3)
marked = big_button(N_("Carry on"), "M", N_("Resume."))
label.setObjectName("Session progress")
chosen = tr("Back") if back else ptr("button", "Stop")
summary = f"Held {held} of {planned}"
'''
    assert unmarked(source) == [
        (3, "Hold still now"),
        (4, "Carry on"),
        (4, "Space"),
        (4, "Resume."),
        (5, "f-string in tr(): Hello "),
        (10, "Held  of "),
    ]
