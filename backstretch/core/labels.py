"""What the session view says about a phase: its label, its current step, its progress line."""

from __future__ import annotations

import re
from typing import Final

from backstretch.core.i18n import N_, ntr, tr
from backstretch.core.plan import Phase, PhaseKind, Plan
from backstretch.core.timefmt import duration_text

# ---------------------------------------------------------------------- timing labels
# The pauses a person (Settings) or a routine (the routine editor) can set, named the same way
# everywhere, and the way the session view names the phase they time. Keys are the settings'.
TIMING_LABELS: Final = {
    "prepare": N_("Get into position"),
    "switch": N_("Switch sides"),
    "rest": N_("Rest between stretches"),
    "relax": N_("Relax between repetitions"),
}
TIMING_HELP: Final = {
    "prepare": N_("Time to get into each stretch while its steps are read."),
    "switch": N_("Time to change to the other side."),
    "rest": N_("A pause before the next stretch begins."),
    "relax": N_("A pause between two holds of the same stretch."),
}


def timing_label(key: str) -> str:
    """ "Rest between stretches" for "rest", translated."""
    return tr(TIMING_LABELS[key])


def timing_help(key: str) -> str:
    return tr(TIMING_HELP[key])


def phase_label(phase: Phase, plan: Plan) -> str:
    """ "Get into position", "Hold - right leg", "Switch sides", "Relax", "Rest - next: X"."""
    side = phase.side_name if phase.side else ""
    match phase.kind:
        case PhaseKind.PREPARE:
            label = timing_label("prepare")
            return tr("{label} - {side}").format(label=label, side=side) if side else label
        case PhaseKind.HOLD:
            if phase.repetitions > 1 and phase.rep:
                if side:
                    return tr("Hold - {side} - {rep} of {reps}").format(
                        side=side, rep=phase.rep, reps=phase.repetitions
                    )
                return tr("Hold - {rep} of {reps}").format(rep=phase.rep, reps=phase.repetitions)
            return tr("Hold - {side}").format(side=side) if side else tr("Hold")
        case PhaseKind.SWITCH:
            label = timing_label("switch")
            return tr("{label} - now {side}").format(label=label, side=side) if side else label
        case PhaseKind.RELAX:
            return tr("Relax")
        case PhaseKind.REST:
            name = phase.stretch.name if phase.stretch else ""
            return tr("Rest - next: {name}").format(name=name)
        case PhaseKind.DONE:
            return tr("Done")
    return ""


def current_step(phase: Phase, elapsed: float) -> int:
    """Index into prepare_steps + [hold_step] of the step to highlight, or -1 for none.

    While getting into position the highlight walks through the steps in step with the voice
    reading them: each step gets a share of the phase proportional to its length.
    """
    stretch = phase.stretch
    if stretch is None:
        return -1
    if phase.kind is PhaseKind.HOLD:
        return len(stretch.prepare_steps)
    if phase.kind is not PhaseKind.PREPARE:
        return -1
    lengths = [len(s) for s in stretch.prepare_steps]
    budget = phase.duration_s * 0.8  # the voice is done before the end of the phase
    position = 0.0
    for number, length in enumerate(lengths):
        position += budget * length / sum(lengths)
        if elapsed < position:
            return number
    return len(lengths) - 1


# ---------------------------------------------------------------------- the floor view
UP_NEXT_S = 10.0  # the next stretch is previewed in the last seconds of a stretch's final hold


PHASE_VERBS: Final = {
    PhaseKind.PREPARE: N_("GET INTO POSITION"),
    PhaseKind.HOLD: N_("HOLD"),
    PhaseKind.SWITCH: N_("SWITCH TO"),
    PhaseKind.RELAX: N_("RELAX"),
    PhaseKind.REST: N_("REST"),
    PhaseKind.DONE: N_("DONE"),
}


def phase_verb(phase: Phase) -> str:
    """The big word of a phase, read from the mat: "HOLD", "SWITCH TO", "REST"."""
    return tr(PHASE_VERBS[phase.kind])


def phase_side(phase: Phase) -> str:
    """ "RIGHT LEG" while a sided stretch is prepared, held or switched to; else ""."""
    if phase.side is None or phase.kind in (PhaseKind.REST, PhaseKind.DONE):
        return ""
    return phase.side_name.upper()


def phase_detail(phase: Phase, plan: Plan) -> str:
    """The smaller line beside the verb: which repetition, what comes next."""
    match phase.kind:
        case PhaseKind.HOLD if phase.repetitions > 1 and phase.rep:
            return tr("{rep} of {reps}").format(rep=phase.rep, reps=phase.repetitions)
        case PhaseKind.RELAX if phase.rep:
            return tr("next: {rep} of {reps}").format(rep=phase.rep + 1, reps=phase.repetitions)
        case PhaseKind.REST:
            if phase.stretch:
                return tr("next: {name}").format(name=phase.stretch.name)
            return ""
        case PhaseKind.DONE:
            return ntr(
                "All {count} stretch done", "All {count} stretches done", plan.item_count
            ).format(count=plan.item_count)
    return ""


def is_final_hold(phase: Phase, plan: Plan) -> bool:
    """The last hold of its stretch (what follows is a rest, the next stretch or the end)."""
    if phase.kind is not PhaseKind.HOLD:
        return False
    later = plan.phases[phase.index + 1 :]
    return not any(p.kind is PhaseKind.HOLD and p.item == phase.item for p in later)


def up_next(phase: Phase, plan: Plan, remaining: float) -> Phase | None:
    """The first phase of the next stretch while it should be previewed: during a rest, and in
    the last UP_NEXT_S seconds of a stretch's final hold. None otherwise, and at the end."""
    if phase.kind is PhaseKind.REST:
        return plan.phases[plan.first_phase_of_item(phase.item)]
    if is_final_hold(phase, plan) and remaining <= UP_NEXT_S and phase.item + 1 < plan.item_count:
        return plan.phases[plan.first_phase_of_item(phase.item + 1)]
    return None


def session_progress(phase: Phase, plan: Plan, session_left: float) -> str:
    """ "2 of 5 · 6 min left": short enough to read from the floor."""
    count = plan.item_count
    if phase.kind is PhaseKind.DONE:
        return tr("{number} of {count}").format(number=count, count=count)
    number = min(phase.item + 1, count)
    return tr("{number} of {count} · {time} left").format(
        number=number, count=count, time=duration_text(session_left)
    )


def session_progress_widest(plan: Plan) -> str:
    """The widest the progress line of this plan can be, with every digit an 8."""
    text = tr("{number} of {count} · {time} left").format(
        number=plan.item_count, count=plan.item_count, time=duration_text(plan.total_s)
    )
    return re.sub(r"\d", "8", text)
