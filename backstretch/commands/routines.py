"""`backstretch routines`, `plan` and `check`: the routines read, timed and checked, without Qt."""

from __future__ import annotations

import sys
from pathlib import Path

from backstretch.commands.exitcodes import ExitCode
from backstretch.core.cues import load_cue_texts
from backstretch.core.i18n import ntr, ptr, tr
from backstretch.core.paths import Paths, resolve_paths
from backstretch.core.plan import Phase, PhaseKind
from backstretch.core.routines import find_routine, list_routines, load_routine
from backstretch.core.session import session_plan
from backstretch.core.settings import Settings, load_settings
from backstretch.core.stretches import load_library
from backstretch.core.timefmt import duration_text


def personal_settings(paths: Paths | None = None) -> Settings:
    """The person's settings, read without changing anything (the app sets bad files aside)."""
    loaded = load_settings((paths or resolve_paths()).settings_file, set_aside=False)
    if loaded.notice:
        print(tr("note: {notice}").format(notice=loaded.notice), file=sys.stderr)
    return loaded.settings


def stretch_count(count: int) -> str:
    """ "1 stretch", "5 stretches"."""
    return ntr("{n} stretch", "{n} stretches", count).format(n=count)


def cmd_routines() -> int:
    library = load_library()
    texts = load_cue_texts()
    listing = list_routines(resolve_paths(), library)
    settings = personal_settings()
    for routine in listing.routines:
        plan = session_plan(routine, settings, texts)
        origin = ptr("routine origin", "bundled") if routine.bundled else str(routine.path)
        print(
            tr("{name}  ({id}, {origin})").format(name=routine.name, id=routine.id, origin=origin)
        )
        print(
            "    "
            + tr("{stretches}, {time}: {names}").format(
                stretches=stretch_count(len(routine.items)),
                time=duration_text(plan.total_s),
                names=", ".join(routine.stretch_names),
            )
        )
    for problem in listing.problems:
        print(tr("skipped: {problem}").format(problem=problem), file=sys.stderr)
    return ExitCode.OK


def _kind_word(kind: PhaseKind) -> str:
    """The plan table's first column: what the person does in the phase."""
    words = {
        PhaseKind.PREPARE: ptr("phase", "prepare"),
        PhaseKind.HOLD: ptr("phase", "hold"),
        PhaseKind.SWITCH: ptr("phase", "switch"),
        PhaseKind.RELAX: ptr("phase", "relax"),
        PhaseKind.REST: ptr("phase", "rest"),
        PhaseKind.DONE: ptr("phase", "done"),
    }
    return words[kind]


def _phase_line(phase: Phase) -> str:
    what = phase.stretch.name if phase.stretch else ""
    if phase.side:
        what = tr("{stretch} ({side})").format(stretch=what, side=phase.side_name)
    if phase.repetitions > 1 and phase.rep:
        what = tr("{stretch} {rep}/{repetitions}").format(
            stretch=what, rep=phase.rep, repetitions=phase.repetitions
        )
    # Fixed-width columns, so the numbers line up; the seconds are whole, as in the app.
    return tr("{start} s  {kind} {seconds} s  {what}").format(
        start=f"{phase.start_s:7.0f}",
        kind=f"{_kind_word(phase.kind):<8}",
        seconds=f"{phase.duration_s:4.0f}",
        what=what,
    )


def cmd_plan(name: str, *, as_json: bool) -> int:
    library = load_library()
    settings = personal_settings()
    routine = find_routine(name, resolve_paths(), library)
    plan = session_plan(routine, settings, load_cue_texts())
    if as_json:
        import json

        print(json.dumps(plan.to_json(), indent=2))
        return ExitCode.OK
    print(
        tr("{routine}: {time}").format(routine=plan.routine.name, time=duration_text(plan.total_s))
    )
    for phase in plan.phases:
        print(_phase_line(phase))
    return ExitCode.OK


def cmd_check(file: str) -> int:
    routine = load_routine(Path(file), load_library())
    # Timed as `plan` times it: with the person's own settings and speaking rate.
    plan = session_plan(routine, personal_settings(), load_cue_texts())
    print(
        tr('{file}: ok: "{name}", {stretches}, {time}').format(
            file=file,
            name=routine.name,
            stretches=stretch_count(len(routine.items)),
            time=duration_text(plan.total_s),
        )
    )
    return ExitCode.OK
