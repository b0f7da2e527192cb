"""`backstretch import FILE` and `backstretch export NAME|ID FILE`: routine files in and out.

Plain Python like the other non-GUI commands: it never imports PySide6, so it stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.personalize import personalize
from backstretch.core.plan import build_plan
from backstretch.core.problems import ProblemsError
from backstretch.core.routines import Routine, find_routine, load_routine
from backstretch.core.settings import Settings, load_settings
from backstretch.core.stretches import load_library
from backstretch.core.timefmt import duration_text

# The same codes as backstretch.cli (not imported from there: cli imports this module).
EXIT_OK, EXIT_BAD_INPUT = 0, 2
COMMANDS = ("import", "export")


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import` and `export` to the command line's subcommands."""
    imp = subparsers.add_parser(
        "import",
        help="check a routine file and copy it into your routines; exit 2 if it has problems",
        description="Check a routine file (every problem is listed) and, if it is valid, copy it "
        "into your routines folder. The file itself is not changed.",
    )
    imp.add_argument("file", metavar="FILE")
    exp = subparsers.add_parser(
        "export",
        help="write a routine to a file, to share it or keep a copy",
        description="Write a routine (bundled or your own) to FILE. The folder must exist.",
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
        return EXIT_BAD_INPUT
    raise ValueError(f"not a routine file command: {args.command!r}")


def personal_settings(paths: Paths | None = None) -> Settings:
    """The person's settings, read without changing anything (the app sets bad files aside)."""
    loaded = load_settings((paths or resolve_paths()).settings_file, set_aside=False)
    if loaded.notice:
        print(f"note: {loaded.notice}", file=sys.stderr)
    return loaded.settings


def _stretches(routine: Routine) -> str:
    count = len(routine.items)
    return f"{count} stretch" if count == 1 else f"{count} stretches"


def _import(source: Path, paths: Paths) -> int:
    from backstretch.core.routine_store import RoutineStore  # not on the app's start-up path

    library = load_library()
    original = load_routine(source, library)  # the name as written, to tell of a rename
    routine = RoutineStore(paths.routines_dir, library).import_file(source)
    settings = personal_settings(paths)
    # The time the person will take: their own settings fill in what the file leaves open.
    plan = build_plan(personalize(routine, settings), load_cue_texts(), settings.rate)
    if routine.name != original.name:
        print(
            f'note: you already have a routine called "{original.name}", '
            f'so this one is called "{routine.name}".',
            file=sys.stderr,
        )
    print(
        f'Imported "{routine.name}" as {routine.id}: {_stretches(routine)}, '
        f"{duration_text(plan.total_s)}"
    )
    return EXIT_OK


def _export(name: str, target: Path, paths: Paths) -> int:
    from backstretch.core.routine_store import RoutineStore

    library = load_library()
    routine = find_routine(name, paths, library)
    RoutineStore(paths.routines_dir, library).export(routine, target)
    print(f'Exported "{routine.name}" to {target}')
    return EXIT_OK
