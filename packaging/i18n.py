"""Keep the translation catalogs: extract, update, compile and check (Babel, gettext format).

    python packaging/i18n.py extract   code + content -> assets/locale/backstretch.pot
    python packaging/i18n.py update    merge the .pot into every .po, keeping translations
    python packaging/i18n.py compile   every .po -> its .mo beside it (build output, not committed)
    python packaging/i18n.py check     every .po complete, nothing fuzzy, placeholders and
                                       plural forms right; exit 1 with a list if not

Babel rather than GNU gettext's command-line tools: it is a Python package (pip installs it on
every platform, no msgfmt to find on Windows or macOS), it reads TOML-free Python only, so the
content files are walked here and added with their file and key as the source comment, and the
app needs it anyway for CLDR dates, numbers and plural rules. See docs/translating.md.
"""

from __future__ import annotations

import argparse
import io
import re
import string
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "backstretch"
LOCALE_DIR = ROOT / "assets" / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# The functions of backstretch.core.i18n, in Babel's keyword notation (ptr's first argument is
# the msgctxt).
KEYWORDS: dict[str, Any] = {
    "tr": None,
    "ntr": (1, 2),
    "ptr": ((1, "c"), 2),
    "N_": None,
    "catalog_text": None,
}
COMMENT_TAGS = ["TRANSLATORS:"]
# Content: the data files whose human-readable values are translated where they are loaded.
CONTENT = ["assets/stretches.toml", "assets/cues.toml", "assets/progress.toml", "assets/routines"]
# Keys whose values are ids, codes, file names or numbers, never shown as text.
NOT_TEXT_KEYS = {"id", "stretch", "illustration", "illustration_hold", "variant", "format"}
_ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9._/-]*$")  # "childs-pose", "knee-to-chest-hold.svg"
_HEADER = {
    "project": "BackStretch",
    "copyright_holder": "BackStretch team",
    "msgid_bugs_address": "",
}


# ------------------------------------------------------------------ extraction
def _code_messages(catalog: Catalog) -> None:
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "backstretch"),
        method_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        where = f"backstretch/{filename}"
        catalog.add(message, None, [(where, lineno)], auto_comments=comments, context=context)


def _values(node: Any, key: str) -> Iterator[tuple[str, str]]:
    """(dotted key, text) of every human-readable string under node."""
    if isinstance(node, str):
        leaf = key.rsplit(".", 1)[-1].split(" ", maxsplit=1)[0]
        if leaf not in NOT_TEXT_KEYS and not _ID_LIKE.match(node) and node.strip():
            yield key, node
    elif isinstance(node, dict):
        for name, value in node.items():
            # A table in an array of tables is named by its id when it has one.
            yield from _values(value, f"{key}.{name}" if key else name)
    elif isinstance(node, list):
        for number, value in enumerate(node, start=1):
            label = value.get("id") if isinstance(value, dict) else None
            yield from _values(value, f"{key}[{label}]" if label else f"{key} {number}")


def _line_of(lines: list[str], text: str) -> int:
    probe = text.splitlines()[0][:60]
    for number, line in enumerate(lines, start=1):
        if probe in line:
            return number
    return 0


def _content_files() -> list[Path]:
    files: list[Path] = []
    for entry in CONTENT:
        path = ROOT / entry
        files.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    return files


def _content_messages(catalog: Catalog) -> None:
    for path in _content_files():
        raw = path.read_text(encoding="utf-8")
        lines = raw.splitlines()
        where = path.relative_to(ROOT).as_posix()
        for key, text in _values(tomllib.loads(raw), ""):
            catalog.add(
                text, None, [(where, _line_of(lines, text))], auto_comments=[f"{where}: {key}"]
            )


def extracted() -> Catalog:
    """The template as the code and content are today."""
    catalog = Catalog(domain=DOMAIN, fuzzy=False, **_HEADER)
    _code_messages(catalog)
    _content_messages(catalog)
    for message in catalog:
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        if any(text and _placeholders_of(text) for text in ids):
            message.flags.add("python-brace-format")
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # File names without line numbers: an edit elsewhere in a file does not change the template.
    write_po(out, catalog, width=100, include_lineno=False)
    return out.getvalue()


def _without_date(data: bytes) -> bytes:
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', b"", data)


def extract() -> int:
    template = extracted()
    data = _po_bytes(template)
    if TEMPLATE.is_file() and _without_date(TEMPLATE.read_bytes()) == _without_date(data):
        print(f"{TEMPLATE.relative_to(ROOT)} is up to date")
        return 0
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(data)
    count = sum(1 for m in template if m.id)
    print(f"wrote {TEMPLATE.relative_to(ROOT)} ({count} messages)")
    return 0


# ------------------------------------------------------------------ the language catalogs
def catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every shipped .po: the languages whose catalog is present."""
    return sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _read(po: Path) -> Catalog:
    with po.open("rb") as handle:
        return read_po(handle, locale=po.parent.parent.name, domain=DOMAIN)


def update() -> int:
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    for po in catalogs():
        catalog = _read(po)
        catalog.update(template, update_header_comment=False)
        out = io.BytesIO()
        write_po(out, catalog, width=100, include_previous=True, include_lineno=False)
        po.write_bytes(out.getvalue())
        print(f"updated {po.relative_to(ROOT)}")
    return 0


def compile_all(locale_dir: Path = LOCALE_DIR, *, quiet: bool = False) -> int:
    for po in catalogs(locale_dir):
        catalog = _read(po)
        out = io.BytesIO()
        write_mo(out, catalog, use_fuzzy=False)
        mo = po.with_suffix(".mo")
        mo.write_bytes(out.getvalue())
        if not quiet:
            print(f"compiled {mo}")
    return 0


# ------------------------------------------------------------------ checking
def _placeholders_of(text: str) -> set[str] | None:
    """The {names} in text; None when the braces do not parse (a broken translation)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


@dataclass(frozen=True)
class Problem:
    po: str
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.po}: {self.msgid!r}: {self.what}"


def _message_key(message: Message) -> tuple[str, str | None]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid, message.context


def check_catalog(po: Path, template: Catalog) -> list[Problem]:
    """Everything wrong with one language's catalog, against the template."""
    catalog = _read(po)
    name = po.relative_to(po.parent.parent.parent).as_posix()
    problems: list[Problem] = []
    forms = catalog.num_plurals
    found = {_message_key(m): m for m in catalog if m.id}
    for wanted in template:
        if not wanted.id:
            continue
        key = _message_key(wanted)
        message = found.get(key)
        label = key[0] if key[1] is None else f"{key[1]}|{key[0]}"
        if message is None:
            problems.append(Problem(name, label, "missing (run: python packaging/i18n.py update)"))
            continue
        if message.fuzzy:
            problems.append(Problem(name, label, "marked fuzzy: check the translation"))
        if isinstance(wanted.id, str):
            singular, plural = wanted.id, wanted.id
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
        else:
            singular, plural = wanted.id[0], wanted.id[1]
            strings = (
                list(message.string) if not isinstance(message.string, str) else [message.string]
            )
            if len(strings) != forms:
                problems.append(
                    Problem(name, label, f"needs {forms} plural forms, has {len(strings)}")
                )
        if not all(strings):
            problems.append(Problem(name, label, "not translated"))
            continue
        for number, text in enumerate(strings):
            # Form 0 says the singular, the others the plural (true of German and Spanish; a
            # language whose first form is not the singular may use either's placeholders).
            expected = [_placeholders_of(singular if number == 0 else plural)]
            if number == 0 or forms > 2:
                expected.append(_placeholders_of(plural if number == 0 else singular))
            got = _placeholders_of(text)
            if got is None:
                problems.append(Problem(name, label, f"unbalanced braces in {text!r}"))
            elif got not in expected:
                want = sorted(expected[0] or ())
                problems.append(
                    Problem(
                        name, label, f"placeholders {sorted(got)} differ from the English {want}"
                    )
                )
    return problems


def message_keys(catalog: Catalog) -> set[tuple[str, str | None]]:
    """What a catalog asks to translate: (msgid, msgctxt) of every message."""
    return {_message_key(m) for m in catalog if m.id}


def template_is_current(template: Catalog) -> bool:
    """True when assets/locale/backstretch.pot holds exactly the messages extracted now."""
    if not TEMPLATE.is_file():
        return False
    with TEMPLATE.open("rb") as handle:
        return message_keys(read_po(handle)) == message_keys(template)


def check(locale_dir: Path = LOCALE_DIR, template: Catalog | None = None) -> list[Problem]:
    template = template if template is not None else extracted()
    problems: list[Problem] = []
    for po in catalogs(locale_dir):
        problems.extend(check_catalog(po, template))
    return problems


def _check_command() -> int:
    template = extracted()
    problems = check(LOCALE_DIR, template)
    if not template_is_current(template):
        print("assets/locale/backstretch.pot is out of date: run python packaging/i18n.py extract")
    for problem in problems:
        print(problem)
    shipped = ", ".join(p.parent.parent.name for p in catalogs()) or "none"
    print(f"{len(problems)} problem(s) in the catalogs ({shipped})")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["extract", "update", "compile", "check"])
    args = parser.parse_args(argv)
    if args.command == "extract":
        return extract()
    if args.command == "update":
        return update()
    if args.command == "compile":
        return compile_all()
    return _check_command()


if __name__ == "__main__":
    sys.exit(main())
