"""The entry point: parses the command line and hands it to the app or to one command.

The commands live in backstretch.commands; this module and the non-GUI commands never import
PySide6, so they stay fast (the system's scheduler runs `remind`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from backstretch import __version__
from backstretch.commands import log, reminders, report, routine_files
from backstretch.commands.exitcodes import ExitCode
from backstretch.commands.routines import cmd_check, cmd_plan, cmd_routines
from backstretch.core.i18n import tr
from backstretch.core.paths import resolve_paths
from backstretch.core.problems import ProblemsError

DEFAULT_ROUTINE = "lower-back-relief"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backstretch",
        description=tr(
            "Guided, voiced stretching sessions for lower-back pain. "
            "Not medical advice: stop if a stretch hurts."
        ),
    )
    parser.add_argument("--version", action="version", version=f"backstretch {__version__}")
    parser.add_argument("--routine", metavar="NAME|FILE", help=tr("the routine to open"))
    parser.add_argument("--start", action="store_true", help=tr("start the session at once"))
    parser.add_argument("--mute", action="store_true", help=tr("no spoken cues"))
    # --start as a reminder's "Start now" asks it: with the usual pain check first.
    parser.add_argument("--from-reminder", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--exit-when-done",
        action="store_true",
        help=tr("close BackStretch once the session has ended and its last words are said"),
    )
    parser.add_argument(
        "--trace",
        metavar="FILE",
        help=tr("write every session event as a line of JSON to FILE (for measurements)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "routines", help=tr("list the routines with their stretches and total time")
    )
    plan = commands.add_parser("plan", help=tr("show the timeline of a routine"))
    plan.add_argument("routine", metavar="NAME|FILE")
    plan.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))
    check = commands.add_parser("check", help=tr("check a routine file; exit 2 if it has problems"))
    check.add_argument("file", metavar="FILE")
    commands.add_parser("voices", help=tr("list the speech engine's voices"))
    say = commands.add_parser("say", help=tr("speak TEXT the way a session does (to check set-up)"))
    say.add_argument("text", metavar="TEXT")
    say.add_argument("--voice", metavar="ID", help=tr("a voice id from `backstretch voices`"))
    say.add_argument("--rate", type=int, default=160, metavar="N", help=tr("words per minute"))
    commands.add_parser(
        "self-test",
        help=tr("check Qt, speech, audio output and folders; exit 0 if the app can run"),
    )
    routine_files.add_parsers(commands)
    log.add_parser(commands)
    reminders.add_parsers(commands)  # remind, reminders (issue 15)
    report.add_parser(commands)  # issue 16
    commands.add_parser("_probe-qt", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # the speech worker in a PyInstaller build
        import multiprocessing

        multiprocessing.freeze_support()
    from backstretch.core import i18n

    i18n.set_language(None)  # the command line follows LANGUAGE, LC_ALL, LC_MESSAGES, LANG
    args = build_parser().parse_args(argv)
    try:
        if args.command == "routines":
            return cmd_routines()
        if args.command == "plan":
            return cmd_plan(args.routine, as_json=args.json)
        if args.command == "check":
            return cmd_check(args.file)
        if args.command == "voices":
            from backstretch.commands.speech import cmd_voices

            return cmd_voices()
        if args.command in routine_files.COMMANDS:
            return routine_files.run(args, resolve_paths())
        if args.command == "log":
            return log.run(args, resolve_paths())
        if args.command in reminders.COMMANDS:
            return reminders.run(args, resolve_paths())
        if args.command == "report":  # issue 16
            return report.run(args, resolve_paths())
        if args.command == "self-test":
            from backstretch.commands.selftest import run_self_test

            return run_self_test()
        if args.command == "say":
            from backstretch.commands.speech import run_say

            return run_say(args.text, args.voice, args.rate)
        if args.command == "_probe-qt":
            from backstretch.commands.qt_probe import probe_qt

            return probe_qt()
        from backstretch.app import run_app  # the only path that imports Qt

        return run_app(args)
    except ProblemsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return ExitCode.BAD_INPUT
    except KeyboardInterrupt:
        return ExitCode.ERROR
    except BrokenPipeError:  # `backstretch plan ... | head`
        sys.stderr.close()
        return ExitCode.OK
    except Exception as error:  # never a traceback for the user; BACKSTRETCH_DEBUG=1 shows it
        if os.environ.get("BACKSTRETCH_DEBUG"):
            import traceback

            traceback.print_exc()
        print(tr("backstretch: unexpected error: {error}").format(error=error), file=sys.stderr)
        return ExitCode.ERROR
