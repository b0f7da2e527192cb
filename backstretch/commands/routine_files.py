"""`backstretch import FILE` and `backstretch export NAME|ID FILE`: routine files in and out.

Plain Python like the other non-GUI commands: it never imports PySide6, so it stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backstretch.commands.exitcodes import ExitCode
from backstretch.commands.routines import personal_settings, stretch_count
from backstretch.core.cues import load_cue_texts
from backstretch.core.i18n import tr
from backstretch.core.paths import Paths
from backstretch.core.problems import ProblemsError
from backstretch.core.routines import find_routine, load_routine
from backstretch.core.session import session_plan
from backstretch.core.stretches import load_library
from backstretch.core.timefmt import duration_text

COMMANDS = ("import", "export")


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import` and `export` to the command line's subcommands."""
    imp = subparsers.add_parser(
        "import",
        help=tr("check a routine file and copy it into your routines; exit 2 if it has problems"),
        description=tr(
            "Check a routine file (every problem is listed) and, if it is valid, copy it "
            "into your routines folder. The file itself is not changed."
        ),
    )
    imp.add_argument("file", metavar="FILE")
    exp = subparsers.add_parser(
        "export",
        help=tr("write a routine to a file, to share it or keep a copy"),
        description=tr("Write a routine (bundled or your own) to FILE. The folder must exist."),
    )
    exp.add_argument("routine", metavar="NAME|ID")
    exp.add_argument("file", metavar="FILE")


def run(args: argparse.Namespace, paths: Paths) -> int:
    """Run `import` or `export`; problems go to stderr, one per line, with exit code 2."""
    try:
        if args.command == "import":
            return _import(Path(args.file), paths)
        if args.command == "export":
            return _export(args.routine, Path(args.file), paths)
    except ProblemsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return ExitCode.BAD_INPUT
    raise ValueError(f"not a routine file command: {args.command!r}")  # a bug, for developers


def _import(source: Path, paths: Paths) -> int:
    from backstretch.core.routine_store import RoutineStore  # not on the app's start-up path

    library = load_library()
    original = load_routine(source, library)  # the name as written, to tell of a rename
    routine = RoutineStore(paths.routines_dir, library).import_file(source)
    settings = personal_settings(paths)
    # The time the person will take: their own settings fill in what the file leaves open.
    plan = session_plan(routine, settings, load_cue_texts())
    if routine.name != original.name:
        print(
            tr(
                'note: you already have a routine called "{old}", so this one is called "{new}".'
            ).format(old=original.name, new=routine.name),
            file=sys.stderr,
        )
    print(
        tr('Imported "{name}" as {id}: {stretches}, {time}').format(
            name=routine.name,
            id=routine.id,
            stretches=stretch_count(len(routine.items)),
            time=duration_text(plan.total_s),
        )
    )
    return ExitCode.OK


def _export(name: str, target: Path, paths: Paths) -> int:
    from backstretch.core.routine_store import RoutineStore

    library = load_library()
    routine = find_routine(name, paths, library)
    RoutineStore(paths.routines_dir, library).export(routine, target)
    print(tr('Exported "{name}" to {file}').format(name=routine.name, file=target))
    return ExitCode.OK
