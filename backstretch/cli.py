"""Command line: the app itself, and quick non-GUI commands that never import PySide6."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from backstretch import __version__, logcmd, remindcmd, reportcmd, routinecmd
from backstretch.core.cues import load_cue_texts
from backstretch.core.paths import resolve_paths
from backstretch.core.personalize import personalize
from backstretch.core.plan import build_plan
from backstretch.core.problems import ProblemsError
from backstretch.core.routines import find_routine, list_routines, load_routine
from backstretch.core.stretches import load_library
from backstretch.core.timefmt import duration_text
from backstretch.routinecmd import personal_settings

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_ROUTINE = "lower-back-relief"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backstretch",
        description="Guided, voiced stretching sessions for lower-back pain. "
        "Not medical advice: stop if a stretch hurts.",
    )
    parser.add_argument("--version", action="version", version=f"backstretch {__version__}")
    parser.add_argument("--routine", metavar="NAME|FILE", help="the routine to open")
    parser.add_argument("--start", action="store_true", help="start the session at once")
    parser.add_argument("--mute", action="store_true", help="no spoken cues")
    # --start as a reminder's "Start now" asks it: with the usual pain check first.
    parser.add_argument("--from-reminder", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--trace",
        metavar="FILE",
        help="write every session event as a line of JSON to FILE (for measurements)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("routines", help="list the routines with their stretches and total time")
    plan = commands.add_parser("plan", help="show the timeline of a routine")
    plan.add_argument("routine", metavar="NAME|FILE")
    plan.add_argument("--json", action="store_true", help="print JSON instead of a table")
    check = commands.add_parser("check", help="check a routine file; exit 2 if it has problems")
    check.add_argument("file", metavar="FILE")
    commands.add_parser("voices", help="list the speech engine's voices")
    say = commands.add_parser("say", help="speak TEXT the way a session does (to check set-up)")
    say.add_argument("text", metavar="TEXT")
    say.add_argument("--voice", metavar="ID", help="a voice id from `backstretch voices`")
    say.add_argument("--rate", type=int, default=160, metavar="N", help="words per minute")
    commands.add_parser(
        "self-test", help="check Qt, speech, audio output and folders; exit 0 if the app can run"
    )
    routinecmd.add_parsers(commands)
    logcmd.add_parser(commands)
    remindcmd.add_parsers(commands)  # remind, reminders (issue 15)
    reportcmd.add_parser(commands)  # issue 16
    commands.add_parser("_probe-qt", help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # the speech worker in a PyInstaller build
        import multiprocessing

        multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    try:
        if args.command == "routines":
            return cmd_routines()
        if args.command == "plan":
            return cmd_plan(args.routine, as_json=args.json)
        if args.command == "check":
            return cmd_check(args.file)
        if args.command == "voices":
            return cmd_voices()
        if args.command in routinecmd.COMMANDS:
            return routinecmd.run(args, resolve_paths())
        if args.command == "log":
            return logcmd.run(args, resolve_paths())
        if args.command in remindcmd.COMMANDS:
            return remindcmd.run(args, resolve_paths())
        if args.command == "report":  # issue 16
            return reportcmd.run(args, resolve_paths())
        if args.command == "self-test":
            from backstretch.selftest import run_self_test

            return run_self_test()
        if args.command == "say":
            from backstretch.app import run_say

            return run_say(args.text, args.voice, args.rate)
        if args.command == "_probe-qt":
            from backstretch.app import probe_qt

            return probe_qt()
        from backstretch.app import run_app  # the only path that imports Qt

        return run_app(args)
    except ProblemsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:  # `backstretch plan ... | head`
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:  # never a traceback for the user; BACKSTRETCH_DEBUG=1 shows it
        if os.environ.get("BACKSTRETCH_DEBUG"):
            import traceback

            traceback.print_exc()
        print(f"backstretch: unexpected error: {error}", file=sys.stderr)
        return EXIT_ERROR


def cmd_routines() -> int:
    library = load_library()
    texts = load_cue_texts()
    listing = list_routines(resolve_paths(), library)
    settings = personal_settings()
    for routine in listing.routines:
        plan = build_plan(personalize(routine, settings), texts, settings.rate)
        origin = "bundled" if routine.bundled else str(routine.path)
        print(f"{routine.name}  ({routine.id}, {origin})")
        print(
            f"    {len(routine.items)} stretches, {duration_text(plan.total_s)}: "
            + ", ".join(routine.stretch_names)
        )
    for problem in listing.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_plan(name: str, *, as_json: bool) -> int:
    library = load_library()
    settings = personal_settings()
    routine = personalize(find_routine(name, resolve_paths(), library), settings)
    plan = build_plan(routine, load_cue_texts(), settings.rate)
    if as_json:
        import json

        print(json.dumps(plan.to_json(), indent=2))
        return EXIT_OK
    print(f"{routine.name}: {duration_text(plan.total_s)}")
    for phase in plan.phases:
        label = phase.kind.value
        what = phase.stretch.name if phase.stretch else ""
        side = f" ({phase.side_name})" if phase.side else ""
        rep = f" {phase.rep}/{phase.repetitions}" if phase.repetitions > 1 and phase.rep else ""
        print(f"{phase.start_s:7.0f} s  {label:<8} {phase.duration_s:4.0f} s  {what}{side}{rep}")
    return EXIT_OK


def cmd_voices() -> int:
    from backstretch.speech.service import SpeechService, VoiceSettings

    service = SpeechService(resolve_paths().speech_cache_dir, VoiceSettings())
    try:
        voices = service.voices()
        if not voices:
            problem = service.problem
            if problem is not None:
                print(f"{problem.message} Fix: {problem.fix}", file=sys.stderr)
            else:
                print("The speech engine listed no voices.", file=sys.stderr)
            return EXIT_ERROR
        for voice in voices:
            languages = ", ".join(voice.languages)
            print(f"{voice.id}\t{voice.name}\t{languages}")
        return EXIT_OK
    finally:
        service.close()


def cmd_check(file: str) -> int:
    from pathlib import Path

    routine = load_routine(Path(file), load_library())
    plan = build_plan(routine, load_cue_texts())
    print(
        f'{file}: ok: "{routine.name}", {len(routine.items)} stretches, '
        f"{duration_text(plan.total_s)}"
    )
    return EXIT_OK
