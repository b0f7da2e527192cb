"""Is it helping? The pain trend's verdict, immediate relief, per-stretch stops, and the rule
that suggests easing a stretch that keeps hurting (issue 16). Plain Python; nothing reads the
clock: every function that depends on the date takes `today` or `now`.

The thresholds follow the consensus on the minimal important change for low-back pain on a
0-10 scale: about 2 points, or 30 % of where it started (Ostelo RWJG, Deyo RA, Stratford P, et
al. "Interpreting change scores for pain and functional status in low back pain: towards
international consensus regarding minimal important change." Spine 2008;33(1):90-94).
"""

from __future__ import annotations

import enum
import functools
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Final

from backstretch.core.i18n import N_, catalog_text, format_date, format_number, ntr, tr
from backstretch.core.log import (
    DONE_OUTCOMES,
    WEEKLY_ANSWERS,
    SessionRow,
    WeeklyCheck,
)
from backstretch.core.pain_choices import Choice

SOURCE: Final = "Ostelo et al., Spine 2008"
# "Better" needs both: 2 points lower AND 30 % lower (2 of 4 is 50 %, 2 of 8 only 25 %).
BETTER_POINTS: Final = 2.0
BETTER_FRACTION: Final = 0.30
WORSE_POINTS: Final = 2.0  # higher by this much is "worse"
BASELINE_DAYS: Final = 14  # the first two weeks from the first rating
MIN_BASELINE_RATINGS: Final = 3  # fewer, and the start is not known well enough
MIN_WEEK_RATINGS: Final = 2  # a week counts with at least this many ratings (one is noise)
MIN_WEEKS_AFTER: Final = 2  # counted weeks after the baseline before any verdict
RECENT_WEEKS: Final = 4  # per-stretch stops, skips and shortened holds: this many weeks
SHORTEN_TOLERANCE_S: Final = 1.0  # held this much under the plan counts as shortened
WEEKLY_CHECK_DAYS: Final = 7  # the weekly check is asked at most once in this many days


def weekly_answer_text(answer: int | None) -> str:
    return tr("Skipped") if answer is None else words().weekly_scale[answer + 3]


class Verdict(enum.Enum):
    NOT_ENOUGH = "not_enough"
    BETTER = "better"
    NO_CLEAR_CHANGE = "no_clear_change"
    WORSE = "worse"


# The verdict in a sentence ("Verdict: better.") and on its own ("Better."): messages of their
# own, since a language may change more than the first letter.
VERDICT_WORDS: Final = {
    Verdict.NOT_ENOUGH: N_("not enough ratings yet"),
    Verdict.BETTER: N_("better"),
    Verdict.NO_CLEAR_CHANGE: N_("no clear change yet"),
    Verdict.WORSE: N_("worse"),
}
VERDICT_LABELS: Final = {
    Verdict.NOT_ENOUGH: N_("Not enough ratings yet"),
    Verdict.BETTER: N_("Better"),
    Verdict.NO_CLEAR_CHANGE: N_("No clear change yet"),
    Verdict.WORSE: N_("Worse"),
}


@dataclass(frozen=True)
class WeekMedian:
    start: date  # the first day of the 7-day block
    median: float
    ratings: int


@dataclass(frozen=True)
class Trend:
    """The weekly medians of pain before sessions against the baseline, and what they mean."""

    verdict: Verdict
    baseline: float | None = None  # median of the baseline ratings
    baseline_ratings: int = 0
    baseline_start: date | None = None
    latest: WeekMedian | None = None
    weeks: tuple[WeekMedian, ...] = ()  # counted weeks after the baseline, oldest first

    @property
    def change(self) -> float | None:
        """Latest minus baseline: negative is less pain."""
        if self.baseline is None or self.latest is None:
            return None
        return self.latest.median - self.baseline

    @property
    def detail(self) -> str:
        """What the verdict means, after its own word."""
        return words().verdict[self.verdict]

    @property
    def sentence(self) -> str:
        """ "Better. Your pain before sessions is clearly lower than when you started." """
        return tr("{verdict}. {detail}").format(
            verdict=tr(VERDICT_LABELS[self.verdict]), detail=self.detail
        )

    def figures_text(self) -> str:
        """The numbers behind the verdict, in one or two short sentences."""
        if self.baseline is None or self.baseline_start is None:
            return tr("No pain ratings before sessions yet.")
        start, baseline = day_label(self.baseline_start), _num(self.baseline)
        if self.latest is None or self.change is None:
            return ntr(
                "At the start (two weeks from {start}): {baseline} of 10, from {count} rating.",
                "At the start (two weeks from {start}): {baseline} of 10, from {count} ratings.",
                self.baseline_ratings,
            ).format(start=start, baseline=baseline, count=self.baseline_ratings)
        return tr(
            "At the start (two weeks from {start}): {baseline} of 10. "
            "Week of {week}: {latest} of 10 ({change})."
        ).format(
            start=start,
            baseline=baseline,
            week=day_label(self.latest.start),
            latest=_num(self.latest.median),
            change=_change_text(self.change, self.baseline),
        )


def _change_text(change: float, baseline: float) -> str:
    """ "2 points lower, 33%", "1 point higher", "no change"."""
    if change == 0:
        return tr("no change")
    points, n = _num(abs(change)), _plural_n(abs(change))
    if baseline:
        percent = format_number(abs(change) / baseline * 100)
        if change < 0:
            text = ntr("{points} point lower, {percent}%", "{points} points lower, {percent}%", n)
        else:
            text = ntr("{points} point higher, {percent}%", "{points} points higher, {percent}%", n)
        return text.format(points=points, percent=percent)
    if change < 0:
        return ntr("{points} point lower", "{points} points lower", n).format(points=points)
    return ntr("{points} point higher", "{points} points higher", n).format(points=points)


def _plural_n(value: float) -> int:
    """The count that picks a plural form for a figure such as 1.5: a fraction takes the form
    of "many" (CLDR's "other"), which 5 selects in every language's rule."""
    return int(value) if value == int(value) else 5


def day_label(day: date) -> str:
    """ "9 Mar 2026": no leading zero, the month in letters (never 03/09, read two ways)."""
    return format_date(day, short=True)


def _num(value: float) -> str:
    return format_number(value, 0 if value == int(value) else 1)


def ratings_of(sessions: Iterable[SessionRow]) -> list[tuple[date, int]]:
    """(local date, pain before) for every session with a rating, oldest first."""
    rated = [(row.started_at, row.pain_before) for row in sessions if row.pain_before is not None]
    rated.sort(key=lambda pair: pair[0])
    return [(moment.date(), pain) for moment, pain in rated if pain is not None]


def pain_trend(ratings: Sequence[tuple[date, int]]) -> Trend:
    """The verdict from (date, pain before) pairs, oldest first (see ratings_of).

    Weeks are 7-day blocks counted from the first rating, so the baseline is blocks 0 and 1.
    """
    if not ratings:
        return Trend(Verdict.NOT_ENOUGH)
    first = ratings[0][0]
    blocks: dict[int, list[int]] = {}
    for day, pain in ratings:
        blocks.setdefault((day - first).days // 7, []).append(pain)
    baseline_values = blocks.get(0, []) + blocks.get(1, [])
    baseline = float(statistics.median(baseline_values))
    weeks = tuple(
        WeekMedian(first + timedelta(weeks=n), float(statistics.median(values)), len(values))
        for n, values in sorted(blocks.items())
        if n >= BASELINE_DAYS // 7 and len(values) >= MIN_WEEK_RATINGS
    )
    latest = weeks[-1] if weeks else None
    trend = Trend(Verdict.NOT_ENOUGH, baseline, len(baseline_values), first, latest, weeks)
    if len(baseline_values) < MIN_BASELINE_RATINGS or len(weeks) < MIN_WEEKS_AFTER:
        return trend
    assert latest is not None
    return replace(trend, verdict=verdict_of(baseline, latest.median))


def verdict_of(baseline: float, latest: float) -> Verdict:
    """The rule on its own: better needs both thresholds, worse the points alone."""
    drop = baseline - latest
    if drop >= BETTER_POINTS and baseline > 0 and drop / baseline >= BETTER_FRACTION:
        return Verdict.BETTER
    if -drop >= WORSE_POINTS:
        return Verdict.WORSE
    return Verdict.NO_CLEAR_CHANGE


@dataclass(frozen=True)
class Relief:
    """Pain just before against just after, within sessions rated both times."""

    sessions: int = 0
    median_drop: float | None = None  # points less after than before (negative: more)
    eased: int = 0  # sessions with less pain after
    same: int = 0
    worse: int = 0

    def text(self) -> str:
        if not self.sessions or self.median_drop is None:
            return tr("Immediate relief: no session rated both before and after yet.")
        drop = self.median_drop
        points, n = _num(abs(drop)), _plural_n(abs(drop))
        if drop == 0:
            typical = tr("no change")
        elif drop > 0:
            typical = ntr("{points} point less", "{points} points less", n).format(points=points)
        else:
            typical = ntr("{points} point more", "{points} points more", n).format(points=points)
        return ntr(
            "Immediate relief: just after a session, pain was typically {typical} than just "
            "before ({eased} of {sessions} session eased, {same} the same, {worse} more).",
            "Immediate relief: just after a session, pain was typically {typical} than just "
            "before ({eased} of {sessions} sessions eased, {same} the same, {worse} more).",
            self.sessions,
        ).format(
            typical=typical,
            eased=self.eased,
            sessions=self.sessions,
            same=self.same,
            worse=self.worse,
        )


def immediate_relief(sessions: Iterable[SessionRow]) -> Relief:
    drops = [
        row.pain_before - row.pain_after
        for row in sessions
        if row.pain_before is not None and row.pain_after is not None
    ]
    if not drops:
        return Relief()
    return Relief(
        len(drops),
        float(statistics.median(drops)),
        sum(d > 0 for d in drops),
        sum(d == 0 for d in drops),
        sum(d < 0 for d in drops),
    )


@dataclass(frozen=True)
class StretchProgress:
    """One stretch over the recent weeks, counted once per session it was in."""

    stretch: str
    sessions: int = 0
    pain: int = 0  # stopped for pain
    skipped: int = 0
    shortened: int = 0  # every hold ended, but at least one held less than planned
    held_s: float = 0.0  # seconds held in all, for the mean hold
    holds: int = 0

    @property
    def mean_hold_s(self) -> float | None:
        return self.held_s / self.holds if self.holds else None


def per_stretch(sessions: Iterable[SessionRow], since: date) -> dict[str, StretchProgress]:
    """Per stretch id, from sessions started on or after `since` (read with their holds)."""
    found: dict[str, StretchProgress] = {}
    for row in sessions:
        if row.started_at.date() < since:
            continue
        items: dict[tuple[int, str], list[tuple[str, float, float]]] = {}
        for hold in row.holds:
            items.setdefault((hold.item, hold.stretch), []).append(
                (hold.outcome, hold.held_s, hold.planned_s)
            )
        for (_item, stretch), holds in items.items():
            outcomes = {outcome for outcome, _held, _planned in holds}
            pain = "pain" in outcomes
            skipped = not pain and "skipped" in outcomes
            shortened = (
                not pain
                and not skipped
                and any(held < planned - SHORTEN_TOLERANCE_S for _o, held, planned in holds)
            )
            done = [held for outcome, held, _planned in holds if outcome in DONE_OUTCOMES]
            old = found.get(stretch, StretchProgress(stretch))
            found[stretch] = StretchProgress(
                stretch,
                old.sessions + 1,
                old.pain + pain,
                old.skipped + skipped,
                old.shortened + shortened,
                old.held_s + sum(done),
                old.holds + len(done),
            )
    return found


def weekly_check_due(checks: Sequence[WeeklyCheck], now: datetime) -> bool:
    """At most once a week: due when never asked, or last asked WEEKLY_CHECK_DAYS ago."""
    if not checks:
        return True
    last = max(check.asked_at for check in checks)
    return now - last >= timedelta(days=WEEKLY_CHECK_DAYS)


def latest_answers(checks: Sequence[WeeklyCheck], count: int = 6) -> list[WeeklyCheck]:
    """The newest answered checks, oldest first (skipped ones left out)."""
    return [check for check in checks if check.answer is not None][-count:]


def recent_since(today: date, weeks: int = RECENT_WEEKS) -> date:
    """The first day of the last `weeks` weeks, today being their last day."""
    return today - timedelta(weeks=weeks) + timedelta(days=1)


def names_or_ids(ids: Iterable[str], names: Mapping[str, str]) -> dict[str, str]:
    return {stretch_id: names.get(stretch_id, stretch_id) for stretch_id in ids}


# ---------------------------------------------------------------- words (assets/progress.toml)
@dataclass(frozen=True)
class Words:
    urgent: str
    help: str
    verdict: Mapping[Verdict, str]
    weekly_question: str
    weekly_scale: tuple[str, ...]
    choices: Mapping[Choice, str]
    choice_descriptions: Mapping[Choice, str]


@functools.cache
def words() -> Words:
    """The words of assets/progress.toml, read once, when first needed (not at import)."""
    from backstretch.core.paths import asset
    from backstretch.core.problems import Checker, ProblemsError, read_toml

    path = asset("progress.toml")
    data = read_toml(path)
    check = Checker(str(path))

    # Content words, translated where they are read (before help's placeholders are filled),
    # with catalog_text: pseudo mode leaves content as it is (see i18n.catalog_text).
    def text(table: Mapping[str, Any], key: str, place: str) -> str:
        found = check.text(table, key, place, max_len=2000) or ""
        return catalog_text(found)

    verdicts = check.table(data, "verdict", "")
    weekly = check.table(data, "weekly", "")
    choices = check.table(data, "choices", "")
    scale = weekly.get("scale")
    if not isinstance(scale, list) or len(scale) != len(WEEKLY_ANSWERS):
        check.add(
            "weekly:scale",
            tr("must list {count} answers, worst first").format(count=len(WEEKLY_ANSWERS)),
        )
        scale = [""] * len(WEEKLY_ANSWERS)
    found = Words(
        urgent=text(data, "urgent", ""),
        help=text(data, "help", "").format(
            baseline_weeks=BASELINE_DAYS // 7,
            week_ratings=MIN_WEEK_RATINGS,
            better_points=_num(BETTER_POINTS),
            better_percent=tr("{percent}%").format(percent=format_number(BETTER_FRACTION * 100)),
            worse_points=_num(WORSE_POINTS),
            baseline_ratings=MIN_BASELINE_RATINGS,
            weeks_after=MIN_WEEKS_AFTER,
            source=SOURCE,
        ),
        verdict={v: text(verdicts, v.name.lower(), "verdict") for v in Verdict},
        weekly_question=text(weekly, "question", "weekly"),
        weekly_scale=tuple(catalog_text(str(answer)) for answer in scale),
        choices={
            c: text(check.table(choices, c.value, "choices"), "words", f"choices.{c.value}")
            for c in Choice
        },
        choice_descriptions={
            c: text(check.table(choices, c.value, "choices"), "description", f"choices.{c.value}")
            for c in Choice
        },
    )
    if check.problems:
        raise ProblemsError(check.problems)
    return found
