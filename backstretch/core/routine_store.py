"""The person's own routines: saved, duplicated, renamed, deleted with undo, imported, exported.

Every failure the person can act on (an invalid routine, a bundled routine, a full disk) is a
ProblemsError with a calm message, so the editor and the command line report them one way.
Files are only ever replaced atomically, and a deleted routine is moved aside, never erased.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from backstretch.core.files import atomic_write, set_aside
from backstretch.core.i18n import ptr, tr
from backstretch.core.problems import Problem, ProblemsError, parse_toml, read_toml
from backstretch.core.routines import (
    FORMAT_VERSION,
    Routine,
    bundled_routines_dir,
    load_routine,
    parse_routine,
    routines_in,
    slug,
)
from backstretch.core.stretches import Library

MAX_NAME_LEN = 80  # as parse_routine allows
MAX_ID_LEN = 40
DELETED_FOLDER = ".deleted"  # inside the routines folder; list_routines globs only *.toml there

# The order keys are written in, which is the order docs/routines.md explains them.
_TIMING_ORDER = ("prepare", "switch", "rest")
_ITEM_ORDER = ("hold", "repetitions", "relax", "sides", "variant")
# English, as the keys below it are: the file is the same whatever language wrote it.
_HEADER = "# A BackStretch routine. The file format is described in docs/routines.md."

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
# A top-level `name = "..."` line, so that a new name can be written into a file without
# losing the comments a physiotherapist wrote around it. The result is always re-parsed and
# compared, so a line this does not understand only means falling back to routine_to_toml.
_NAME_LINE = re.compile(
    r"""(?P<key>[ \t]*name[ \t]*=[ \t]*)"""
    r"""(?P<value>"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*')"""
    r"""(?P<rest>.*)""",
    re.DOTALL,
)
_TABLE_HEADER = re.compile(r"[ \t]*\[")
# <id>.<YYYYmmdd-HHMMSS>[-n].toml, as delete() names the files it moves aside.
_DELETED_NAME = re.compile(r"(?P<id>.+)\.\d{8}-\d{6}(?:-\d+)?\.toml")
# A file stem that is safe to join to the folder: no separators, not hidden, no controls.
_USABLE_ID = re.compile(r"[^/\\:.\x00-\x1f][^/\\:\x00-\x1f]{0,99}")


# "Evening (copy)" is numbered "Evening (copy 2)"; any other name "Evening (short) 2".
# The labels are words in the routine's name, so they are translated; the pattern around them
# ("name (label n)") is read back to number the next copy, in English and in the language now.
def _copy_label() -> str:
    return ptr("added to a routine's name", "copy")


def _imported_label() -> str:
    return ptr("added to a routine's name", "imported")


def _numbered_label(name: str, *labels: str) -> re.Match[str] | None:
    """ "Evening (copy 2)" -> head "Evening", label "copy", for any of `labels`."""
    pattern = "|".join(re.escape(label) for label in sorted(set(labels), key=len, reverse=True))
    return re.fullmatch(rf"(?P<head>.*) \((?P<label>{pattern})(?: \d+)?\)", name)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:  # TOML allows neither raw in a string
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)  # everything else, accents and emoji included, is plain UTF-8
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):  # before int: bool is a subclass of int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    # Anything else is written as text, so that validation names the key and the wrong type.
    return toml_string(str(value))


def _ordered(table: Mapping[str, object], order: Iterable[str]) -> list[tuple[str, object]]:
    known = [key for key in order if key in table]
    return [(key, table[key]) for key in [*known, *sorted(set(table) - set(known))]]


def routine_to_toml(routine: Routine) -> str:
    """The routine as a file: only what it sets itself (its overrides), not the defaults.

    Values the routine does not override are left out so that the person's settings and the
    stretch library keep supplying them, exactly as when the file was read.
    """
    lines = [_HEADER, f"format = {FORMAT_VERSION}", f"name = {toml_string(routine.name)}"]
    if routine.description.strip():
        lines.append(f"description = {toml_string(routine.description)}")
    timings = _ordered(routine.timing_overrides, _TIMING_ORDER)
    if timings:
        lines += ["", "[timings]", *(f"{_key(k)} = {_value(v)}" for k, v in timings)]
    for item in routine.items:
        lines += ["", "[[item]]", f"stretch = {toml_string(item.stretch.id)}"]
        lines += [f"{_key(k)} = {_value(v)}" for k, v in _ordered(item.overrides, _ITEM_ORDER)]
    return "\n".join(lines) + "\n"


def _name_key(name: str) -> str:
    # find_routine matches names by their slug, so two names with one slug would be ambiguous.
    # The whole slug: two long names that differ only after 40 characters are different.
    return slug(name) or name.strip().casefold()


def _content(routine: Routine) -> tuple[object, ...]:
    """What a routine file says, ignoring what personalize or the defaults filled in."""
    return (
        routine.name,
        routine.description,
        dict(routine.timing_overrides),
        [(item.stretch.id, dict(item.overrides)) for item in routine.items],
    )


def _inside(path: Path, folder: Path) -> bool:
    return path.parent.resolve() == folder.resolve()


def _refusal(what: str, message: str) -> ProblemsError:
    return ProblemsError([Problem(what, "", message)])


def _failed(path: Path, message: str, error: OSError) -> ProblemsError:
    """A refusal naming what the system said: `message` has a {reason} placeholder."""
    return _refusal(str(path), message.format(reason=error.strerror or error))


class RoutineStore:
    """The routines folder (paths.routines_dir). Nothing is created until something is written."""

    def __init__(self, folder: Path, library: Library) -> None:
        self.folder = folder
        self.library = library

    @property
    def deleted_folder(self) -> Path:
        return self.folder / DELETED_FOLDER

    # -- the operations -----------------------------------------------------------------

    def save(self, routine: Routine) -> Routine:
        """Write the routine to folder/<id>.toml (a new id from its name if it has none).

        Only its overrides are written (see routine_to_toml). The routine is validated first,
        so an invalid one is never written; a name another routine already has is refused.
        """
        self._refuse_bundled(routine)
        routine_id, target = self._target_for(routine)
        raw = self._encode(routine_to_toml(routine), routine, target)
        return self._commit(raw, target, routine_id)

    def duplicate(self, routine: Routine, name: str | None = None) -> Routine:
        """A saved copy, "<name> (copy)" or "(copy 2)" ...; bundled routines can be copied."""
        if name is None:
            numbered = _numbered_label(routine.name, "copy", _copy_label())
            base = numbered["head"] if numbered else routine.name
            name = self.unique_name(f"{base} ({_copy_label()})")
        copy = dataclasses.replace(routine, name=name, id="", path=None, bundled=False)
        routine_id = self._unique_id(name)
        target = self.folder / f"{routine_id}.toml"
        # The bundled file's comments describe the bundled routine, not a copy of it.
        raw = None if routine.bundled else self._renamed_file(routine, name)
        if raw is None:
            raw = self._encode(routine_to_toml(copy), copy, target)
        return self._commit(raw, target, routine_id)

    def rename(self, routine: Routine, name: str) -> Routine:
        """The same id and file with a new name; comments in the file are kept where possible."""
        self._refuse_bundled(routine)
        routine_id, target = self._target_for(routine)
        if not routine.id or not target.is_file():
            raise _refusal(f'"{routine.name}"', tr("is not saved yet; save it before renaming it"))
        routine = dataclasses.replace(routine, path=routine.path or target)
        renamed = dataclasses.replace(routine, name=name)
        raw = self._renamed_file(routine, name)
        if raw is None:
            raw = self._encode(routine_to_toml(renamed), renamed, target)
        return self._commit(raw, target, routine_id)

    def delete(self, routine: Routine) -> Path:
        """Move the routine's file into folder/.deleted/ and return where, so it can be undone.

        The file keeps its bytes; its new name is <id>.<YYYYmmdd-HHMMSS>.toml.
        """
        self._refuse_bundled(routine)
        source = routine.path or self.folder / f"{routine.id}.toml"
        if not routine.id or not _inside(source, self.folder):
            raise _refusal(
                str(source), tr("is not in your routines folder, so it is not deleted from there")
            )
        if not source.is_file():
            raise _refusal(str(source), tr("no such file; it may have been deleted already"))
        try:
            kept = set_aside(source, into=self.deleted_folder, pattern="{stem}.{stamp}.toml")
        except OSError as error:
            raise _failed(source, tr("could not be deleted ({reason})"), error) from None
        return kept

    def restore(self, deleted: Path) -> Routine:
        """Undo delete(): move the file back, with a new id or name if those are taken now."""
        match = _DELETED_NAME.fullmatch(deleted.name)
        wanted = match["id"] if match else deleted.stem
        if _USABLE_ID.fullmatch(wanted) and not self._id_taken(wanted):
            routine_id = wanted
        else:
            routine_id = self._unique_id(wanted)
        target = self.folder / f"{routine_id}.toml"
        raw = self._read(deleted)
        try:
            routine = self._check(raw, deleted, routine_id)
        except ProblemsError:
            routine = None  # put it back as it was; the routine list will say what is wrong
        if routine is not None and self._name_owner(routine.name, target) is not None:
            renamed = self._renamed_bytes(raw, self.unique_name(routine.name), routine)
            if renamed is not None:
                return self._replace_from(deleted, renamed, target, routine_id)
        try:
            if target.exists():  # os.rename would silently replace it on POSIX
                raise FileExistsError(17, tr("a file of that name exists"), str(target))
            os.rename(deleted, target)
        except OSError as error:
            raise _failed(deleted, tr("could not be restored ({reason})"), error) from None
        return load_routine(target, self.library)

    def import_file(self, source: Path) -> Routine:
        """Validate a routine file and copy it, byte for byte, into the routines folder.

        Every problem is reported at once with its place in the source; nothing is written
        unless the whole file is valid, and the source is never changed. The copy keeps the
        file's comments. Its id comes from the file name, made unique (never a bundled id);
        if a routine of the same name exists, the copy is called "<name> (imported)" (or
        "(imported 2)", ...), written into the file's name line.
        """
        read_toml(source)  # unreadable, too large, not UTF-8, bad TOML: reported as everywhere
        raw = self._read(source)
        name = str(source)
        routine = parse_routine(parse_toml(raw, name), self.library, file=name)
        routine_id = self._unique_id(source.stem)
        target = self.folder / f"{routine_id}.toml"
        if self._name_owner(routine.name, target) is not None:
            new_name = self.unique_name(f"{routine.name} ({_imported_label()})")
            renamed = self._renamed_bytes(raw, new_name, routine)
            if renamed is None:
                copy = dataclasses.replace(routine, name=new_name)
                renamed = self._encode(routine_to_toml(copy), copy, target)
            raw = renamed
        return self._commit(raw, target, routine_id)

    def export(self, routine: Routine, target: Path) -> None:
        """Write the routine to `target` atomically: its own file's bytes if it is unchanged.

        The folder of `target` must exist already: a typo in it should not create folders.
        """
        if target.is_dir():
            raise _refusal(str(target), tr("is a folder; give the name of the file to write"))
        if not target.parent.is_dir():
            raise _refusal(
                str(target),
                tr("cannot be written: the folder {folder} does not exist").format(
                    folder=target.parent
                ),
            )
        raw = self._own_bytes(routine)
        if raw is None:
            raw = self._encode(routine_to_toml(routine), routine, target)
            self._check(raw, target, routine.id)
        self._write(target, raw)

    def unique_name(self, base: str) -> str:
        """`base` if no routine has that name, else "base 2", "base (copy 2)", ... (<= 80)."""
        base = base.strip() or tr("My routine")
        taken = {_name_key(r.name) for r in self._routines()}
        numbered = _numbered_label(base, "copy", "imported", _copy_label(), _imported_label())
        head = numbered["head"] if numbered else base
        n = 1
        while True:
            if numbered:
                tail = f" ({numbered['label']})" if n == 1 else f" ({numbered['label']} {n})"
            else:
                tail = "" if n == 1 else f" {n}"
            candidate = head[: MAX_NAME_LEN - len(tail)].rstrip() + tail
            if _name_key(candidate) not in taken:
                return candidate
            n += 1

    # -- helpers ------------------------------------------------------------------------

    def _bundled_ids(self) -> set[str]:
        try:
            return {p.stem.casefold() for p in bundled_routines_dir().glob("*.toml")}
        except OSError:
            return set()

    def _refuse_bundled(self, routine: Routine) -> None:
        if routine.bundled or routine.id.casefold() in self._bundled_ids():
            raise _refusal(
                f'"{routine.name}"',
                tr(
                    "is a bundled routine and cannot be changed, renamed or deleted; "
                    "bundled routines can only be duplicated (the copy is yours to change)"
                ),
            )

    def _id_taken(self, routine_id: str) -> bool:
        if routine_id.casefold() in self._bundled_ids():
            return True
        try:  # compared without case: the folder may be on a case-insensitive file system
            return any(p.stem.casefold() == routine_id.casefold() for p in self._files())
        except OSError:
            return False

    def _unique_id(self, text: str) -> str:
        base = slug(text, MAX_ID_LEN) or "routine"
        candidate, n = base, 1
        while self._id_taken(candidate):
            n += 1
            suffix = f"-{n}"
            candidate = base[: MAX_ID_LEN - len(suffix)].rstrip("-") + suffix
        return candidate

    def _target_for(self, routine: Routine) -> tuple[str, Path]:
        """The id and file a save writes: its own, or a new one for a routine from elsewhere."""
        from_elsewhere = routine.path is not None and not _inside(routine.path, self.folder)
        if routine.id and not from_elsewhere:
            if not _USABLE_ID.fullmatch(routine.id):
                raise _refusal(
                    f'"{routine.name}"',
                    tr("has an id that cannot be a file name: {id}").format(id=repr(routine.id)),
                )
            return routine.id, self.folder / f"{routine.id}.toml"
        # New, or opened from a file outside the folder: never overwrite a routine of the
        # same file name that the person already has.
        routine_id = self._unique_id(routine.id or routine.name)
        return routine_id, self.folder / f"{routine_id}.toml"

    def _files(self) -> list[Path]:
        try:
            return sorted(self.folder.glob("*.toml"))
        except OSError:
            return []

    def _routines(self) -> list[Routine]:
        """Every routine that loads, bundled and the person's; bad files are skipped here."""
        return list(routines_in(self.folder, self.library).routines)

    def _name_owner(self, name: str, target: Path) -> Routine | None:
        """Another routine (not the one in `target`) that is already called `name`."""
        key = _name_key(name)
        for other in self._routines():
            same_file = not other.bundled and other.path is not None and other.path == target
            if not same_file and _name_key(other.name) == key:
                return other
        return None

    def _encode(self, text: str, routine: Routine, target: Path) -> bytes:
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, say, pasted into a name
            place = ""
            for key, value in (("name", routine.name), ("description", routine.description)):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    place = key
                    break
            raise ProblemsError(
                [Problem(str(target), place, tr("contains characters that cannot be saved"))]
            ) from None

    def _check(self, raw: bytes, target: Path, routine_id: str) -> Routine:
        name = str(target)
        routine = parse_routine(
            parse_toml(raw, name), self.library, file=name, routine_id=routine_id
        )
        return dataclasses.replace(routine, path=target, bundled=False)

    def _commit(self, raw: bytes, target: Path, routine_id: str) -> Routine:
        """Validate, refuse a name taken by another routine, then write atomically."""
        routine = self._check(raw, target, routine_id)
        owner = self._name_owner(routine.name, target)
        if owner is not None and not self._keeps_own_name(target, routine.name):
            raise ProblemsError(
                [
                    Problem(
                        str(target),
                        "name",
                        tr(
                            'another routine is already called "{name}"; choose another name'
                        ).format(name=owner.name),
                    )
                ]
            )
        self._write(target, raw)
        return routine

    def _keeps_own_name(self, target: Path, name: str) -> bool:
        """True when the file already had this name: two hand-made files may share one."""
        try:
            old = load_routine(target, self.library)
        except ProblemsError:
            return False
        return _name_key(old.name) == _name_key(name)

    def _write(self, target: Path, raw: bytes) -> None:
        try:
            atomic_write(target, raw)
        except OSError as error:
            message = tr("could not be saved ({reason}); nothing was changed")
            raise _failed(target, message, error) from None

    def _replace_from(self, old: Path, raw: bytes, target: Path, routine_id: str) -> Routine:
        routine = self._commit(raw, target, routine_id)
        with contextlib.suppress(OSError):  # its bytes, but the name line, are in `target` now
            old.unlink()
        return routine

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise _failed(path, tr("cannot be read ({reason})"), error) from None

    def _own_bytes(self, routine: Routine) -> bytes | None:
        """The routine's file as it is on disk, if the routine is unchanged from it."""
        if routine.path is None:
            return None
        try:
            raw = routine.path.read_bytes()
            on_disk = parse_routine(
                parse_toml(raw, str(routine.path)), self.library, file=str(routine.path)
            )
        except (OSError, ProblemsError):
            return None
        return raw if _content(on_disk) == _content(routine) else None

    def _renamed_file(self, routine: Routine, name: str) -> bytes | None:
        raw = self._own_bytes(routine)
        return None if raw is None else self._renamed_bytes(raw, name, routine)

    def _renamed_bytes(self, raw: bytes, name: str, routine: Routine) -> bytes | None:
        """`raw` with its name line saying `name`, comments kept; None if that is not safe."""
        text = raw.decode("utf-8-sig")
        lines = text.splitlines(keepends=True)
        for number, line in enumerate(lines):
            if _TABLE_HEADER.match(line):
                return None  # the top-level keys end at the first table header
            match = _NAME_LINE.fullmatch(line)
            if match:
                lines[number] = match["key"] + toml_string(name) + match["rest"]
                break
        else:
            return None
        try:
            new = "".join(lines).encode("utf-8")
            check = parse_routine(parse_toml(new, "renamed"), self.library, file="renamed")
        except (ProblemsError, UnicodeEncodeError):
            return None
        expected = dataclasses.replace(routine, name=name)
        return new if _content(check) == _content(expected) else None
