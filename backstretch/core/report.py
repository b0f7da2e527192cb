"""The report for a clinician as data: sections of sentences and tables (ui/report_pdf draws it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from backstretch.core import progress
from backstretch.core.history.stats import counts_for_streak, week_start
from backstretch.core.i18n import format_date, format_number, ntr, ptr, tr
from backstretch.core.log import SessionLog, SessionRow, WeeklyCheck
from backstretch.core.paths import Paths
from backstretch.core.progress import day_label
from backstretch.core.routines import Routine
from backstretch.core.settings import Settings
from backstretch.core.stretches import Library, Variant

WEEKS_SHOWN = 12  # the weekly tables show this many weeks; the sentences cover the whole period
NOTES_SHOWN = 60  # newest notes; a line says how many older ones were left out


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...] = ()
    table: Table | None = None
    urgent: str | None = None  # shown first and in bold: never buried


@dataclass(frozen=True)
class Report:
    title: str
    period: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """Plain text of everything the PDF shows (for tests and for a terminal)."""
        out = [self.title, self.period, ""]
        for section in self.sections:
            out.append(section.title)
            if section.urgent:
                out.append(section.urgent)
            out.extend(section.lines)
            if section.table is not None:
                out.append(" | ".join(section.table.header))
                out.extend(" | ".join(row) for row in section.table.rows)
            out.append("")
        return "\n".join(out)


def _seconds(value: float | None) -> str:
    return "–" if value is None else tr("{seconds} s").format(seconds=format_number(value))


def _figure(value: float) -> str:
    """A median: whole, or with the one decimal a median of whole ratings can have."""
    return format_number(value, 0 if value == int(value) else 1)


def build_report(
    sessions: Sequence[SessionRow],
    *,
    today: date,
    since: date | None = None,
    routine: Routine | None = None,
    names: Mapping[str, str] | None = None,
    checks: Sequence[WeeklyCheck] = (),
    weekly_goal: int | None = None,
    left_out: Sequence[str] = (),
) -> Report:
    """`sessions` with their holds, any order, already limited to the period."""
    names = dict(names or {})
    rows = sorted(sessions, key=lambda r: r.started_at)
    first = since or (rows[0].started_at.date() if rows else today)
    period = ntr(
        "From {first} to {last}; {count} session.",
        "From {first} to {last}; {count} sessions.",
        len(rows),
    ).format(first=format_date(first), last=format_date(today), count=len(rows))
    stretches = progress.per_stretch(rows, first)
    trend = progress.pain_trend(progress.ratings_of(rows))
    sections = [
        _routine_section(routine, stretches, names, left_out),
        _weeks_section(rows, today, first, weekly_goal),
        _trend_section(trend),
        Section(tr("Immediate relief"), (progress.immediate_relief(rows).text(),)),
        _checks_section([c for c in checks if c.asked_at.date() >= first]),
        _stops_section(stretches, names),
        _notes_section(rows),
    ]
    return Report(tr("BackStretch: report for your clinician"), period, tuple(sections))


def _routine_section(
    routine: Routine | None,
    stretches: Mapping[str, progress.StretchProgress],
    names: Mapping[str, str],
    left_out: Sequence[str] = (),
) -> Section:
    title = tr("Routine: as prescribed and as held")
    if routine is None:
        return Section(title, (tr("The routine could not be read."),))
    rows = []
    for item in routine.items:
        name = names.get(item.stretch.id, item.stretch.name)
        if item.stretch.variant is Variant.EASIER:
            name = tr("{name} (easier form)").format(name=name)
        hold = (
            tr("{hold} s × {repetitions} each side")
            if item.sides
            else tr("{hold} s × {repetitions}")
        )
        done = stretches.get(item.stretch.id)
        rows.append(
            (
                name,
                hold.format(hold=item.hold, repetitions=item.repetitions),
                _seconds(done.mean_hold_s if done else None),
                str(done.sessions if done else 0),
            )
        )
    header = (tr("Stretch"), tr("Prescribed hold"), tr("Held on average"), tr("Sessions"))
    lines = [tr("Routine: {name}.").format(name=routine.name)]
    if left_out:  # chosen after pain stops; a clinician should see it was not just dropped
        lines.append(
            tr("Left out for now: {stretches}.").format(
                stretches=", ".join(names.get(i, i) for i in left_out)
            )
        )
    return Section(title, tuple(lines), Table(header, tuple(rows)))


def _weeks_section(
    rows: Sequence[SessionRow], today: date, first: date, goal: int | None
) -> Section:
    counted = Counter(week_start(r.started_at.date()) for r in rows if counts_for_streak(r))
    start = week_start(first)
    weeks = max(1, (week_start(today) - start).days // 7 + 1)
    total = sum(counted.values())
    goal_text = (
        ntr("Weekly goal: {goal} session.", "Weekly goal: {goal} sessions.", goal).format(goal=goal)
        if goal
        else tr("No weekly goal set.")
    )
    lines = [
        tr("{sessions} counted in {weeks}, {rate} a week.").format(
            # ntr() at the call: Babel extracts only literals written inside it.
            sessions=ntr("{n} session", "{n} sessions", total).format(n=total),
            weeks=ntr("{n} week", "{n} weeks", weeks).format(n=weeks),
            rate=format_number(total / weeks, 1),
        ),
        goal_text,
    ]
    if goal:
        met = sum(1 for n in range(weeks) if counted[start + timedelta(weeks=n)] >= goal)
        lines.append(
            ntr(
                "The goal was met in {met} of {weeks} week.",
                "The goal was met in {met} of {weeks} weeks.",
                weeks,
            ).format(met=met, weeks=weeks)
        )
    shown = [week_start(today) - timedelta(weeks=n) for n in range(min(weeks, WEEKS_SHOWN))]
    table_rows = tuple(
        (day_label(week), str(counted[week]), _goal_cell(counted[week], goal))
        for week in reversed(shown)
    )
    return Section(
        tr("Sessions per week"),
        tuple(lines),
        Table((tr("Week of"), tr("Sessions"), tr("Goal")), table_rows),
    )


def _goal_cell(count: int, goal: int | None) -> str:
    if not goal:
        return tr("no goal set")
    if count >= goal:
        return ptr("weekly goal", "met")
    return tr("{sessions} of {goal}").format(sessions=count, goal=goal)


def _trend_section(trend: progress.Trend) -> Section:
    lines = [
        tr(
            "Pain is rated by the person, 0 (none) to 10 (worst imaginable), just before and "
            "just after sessions."
        ),
        tr("Verdict: {verdict}. {detail}").format(
            verdict=tr(progress.VERDICT_WORDS[trend.verdict]), detail=trend.detail
        ),
        trend.figures_text(),
    ]
    lines.append(progress.words().help)
    urgent = progress.words().urgent if trend.verdict is progress.Verdict.WORSE else None
    table = Table(
        (tr("Week of"), tr("Median pain before"), tr("Ratings")),
        tuple(
            (day_label(w.start), _figure(w.median), str(w.ratings))
            for w in trend.weeks[-WEEKS_SHOWN:]
        ),
    )
    return Section(tr("Pain before sessions: is it helping?"), tuple(lines), table, urgent)


def _checks_section(checks: Sequence[WeeklyCheck]) -> Section:
    title = tr("Weekly check: overall, compared with the start")
    answered = [c for c in checks if c.answer is not None]
    if not answered:
        return Section(title, (tr("No weekly check answers in this period."),))
    rows = tuple(
        (day_label(c.asked_at.date()), progress.weekly_answer_text(c.answer))
        for c in answered[-WEEKS_SHOWN:]
    )
    return Section(title, (), Table((tr("Date"), tr("Answer")), rows))


def _stops_section(
    stretches: Mapping[str, progress.StretchProgress], names: Mapping[str, str]
) -> Section:
    rows = tuple(
        (
            names.get(s.stretch, s.stretch),
            str(s.sessions),
            str(s.pain),
            str(s.skipped),
            str(s.shortened),
        )
        for s in sorted(stretches.values(), key=lambda s: (-s.pain, s.stretch))
    )
    header = (tr("Stretch"), tr("Sessions"), tr("Stopped for pain"), tr("Skipped"), tr("Shortened"))
    title = tr("Pain stops per stretch")
    if not rows:
        return Section(title, (tr("No stretches done in this period."),))
    return Section(title, (), Table(header, rows))


def _notes_section(rows: Sequence[SessionRow]) -> Section:
    noted = [r for r in rows if r.note]
    title = tr("Your notes")
    if not noted:
        return Section(title, (tr("No notes in this period."),))
    shown = noted[-NOTES_SHOWN:]
    lines = [
        tr("{day}: {note}").format(day=day_label(r.started_at.date()), note=r.note) for r in shown
    ]
    older = len(noted) - len(shown)
    if older:
        lines.append(
            ntr(
                "And {n} earlier note, not shown.", "And {n} earlier notes, not shown.", older
            ).format(n=older)
        )
    return Section(title, tuple(lines))


def report_from_log(
    session_log: SessionLog,
    settings: Settings,
    paths: Paths,
    library: Library,
    *,
    today: date,
    since: date | None = None,
) -> Report:
    """Everything the report needs, read from the log and the settings (the command and the
    history's button both come here)."""
    from backstretch.core.personalize import personalize
    from backstretch.core.problems import ProblemsError
    from backstretch.core.routines import find_routine

    try:
        routine: Routine | None = personalize(
            find_routine(settings.routine, paths, library), settings
        )
    except ProblemsError:
        routine = None
    # The practice plan's weekly goal, when there is a plan (days chosen); else none.
    goal = settings.plan.weekly_goal if settings.plan.active else None
    return build_report(
        session_log.sessions(since),
        today=today,
        since=since,
        routine=routine,
        names={stretch.id: stretch.name for stretch in library},
        checks=session_log.weekly_checks(),
        weekly_goal=goal,
        left_out=sorted(i for i, own in settings.stretches.items() if own.left_out),
    )
