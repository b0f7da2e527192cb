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
import json
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Final

from backstretch.core.log import (
    DONE_OUTCOMES,
    WEEKLY_ANSWERS,
    PainChoice,
    SessionRow,
    WeeklyCheck,
)
from backstretch.core.settings import Settings, StretchSetting
from backstretch.core.stretches import HOLD_LIMITS, Stretch, Variant

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
PAIN_STOPS: Final = 2  # "listening to pain": stopped for pain in 2 ...
OF_SESSIONS: Final = 3  # ... of the stretch's last 3 sessions
SHORTER_FACTOR: Final = 2 / 3  # a shorter hold is a third shorter ...
SHORTEN_TOLERANCE_S: Final = 1.0  # held this much under the plan counts as shortened
WEEKLY_CHECK_DAYS: Final = 7  # the weekly check is asked at most once in this many days


def weekly_answer_text(answer: int | None) -> str:
    return "Skipped" if answer is None else words().weekly_scale[answer + 3]


class Verdict(enum.Enum):
    NOT_ENOUGH = "not enough ratings yet"
    BETTER = "better"
    NO_CLEAR_CHANGE = "no clear change yet"
    WORSE = "worse"


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
        return f"{self.verdict.value.capitalize()}. {self.detail}"

    def figures_text(self) -> str:
        """The numbers behind the verdict, in one or two short sentences."""
        if self.baseline is None or self.baseline_start is None:
            return "No pain ratings before sessions yet."
        start = (
            f"At the start (two weeks from {day_label(self.baseline_start)}): {_num(self.baseline)}"
        )
        if self.latest is None or self.change is None:
            return f"{start} of 10, from {self.baseline_ratings} ratings."
        change = self.change
        if change == 0:
            moved = "no change"
        else:
            way = "lower" if change < 0 else "higher"
            pct = f", {abs(change) / self.baseline:.0%}" if self.baseline else ""
            moved = f"{_num(abs(change))} point{'s' if abs(change) != 1 else ''} {way}{pct}"
        return (
            f"{start} of 10. Week of {day_label(self.latest.start)}: {_num(self.latest.median)} "
            f"of 10 ({moved})."
        )


def day_label(day: date) -> str:
    """ "9 Mar 2026": no leading zero, the month in letters (never 03/09, read two ways)."""
    return f"{day.day} {day:%b %Y}"


def _num(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


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
            return "Immediate relief: no session rated both before and after yet."
        drop = self.median_drop
        typical = (
            "no change"
            if drop == 0
            else f"{_num(abs(drop))} point{'s' if abs(drop) != 1 else ''} "
            f"{'less' if drop > 0 else 'more'}"
        )
        return (
            f"Immediate relief: just after a session, pain was typically {typical} than "
            f"just before ({self.eased} of {self.sessions} sessions eased, {self.same} the "
            f"same, {self.worse} more)."
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


# ---------------------------------------------------------------- listening to pain
class Choice(enum.Enum):
    SHORTER = "shorter"
    EASIER = "easier"
    LEAVE_OUT = "leave_out"
    NOT_NOW = "not_now"


@dataclass(frozen=True)
class Suggestion:
    """A stretch stopped for pain in PAIN_STOPS of its last OF_SESSIONS sessions."""

    stretch: str
    pain_stops: int
    of_sessions: int
    last_pain: datetime  # the newest stop: a choice made after it answers the suggestion


def pain_suggestions(
    sessions: Iterable[SessionRow],
    choices: Iterable[PainChoice] = (),
    settings: Settings | None = None,
) -> list[Suggestion]:
    """Stretches for the start view to ask about, newest stop first.

    `sessions` are read with their holds, in any order. A stretch is not asked about again
    once a choice (even "Not now") was made after its newest pain stop, nor while it is
    left out."""
    last_choice: dict[str, datetime] = {}
    for choice in choices:
        last_choice[choice.stretch] = max(
            choice.made_at, last_choice.get(choice.stretch, choice.made_at)
        )
    history: dict[str, list[tuple[datetime, bool]]] = {}
    for row in sorted(sessions, key=lambda r: r.started_at, reverse=True):
        seen: dict[str, bool] = {}
        for hold in row.holds:
            seen[hold.stretch] = seen.get(hold.stretch, False) or hold.outcome == "pain"
        for stretch, hurt in seen.items():
            recent = history.setdefault(stretch, [])
            if len(recent) < OF_SESSIONS:
                recent.append((row.started_at, hurt))
    found = []
    for stretch, recent in history.items():
        stops = [moment for moment, hurt in recent if hurt]
        if len(stops) < PAIN_STOPS:
            continue
        own = settings.stretches.get(stretch) if settings is not None else None
        if own is not None and own.left_out:
            continue
        if stretch in last_choice and last_choice[stretch] >= stops[0]:
            continue
        found.append(Suggestion(stretch, len(stops), len(recent), stops[0]))
    found.sort(key=lambda s: s.last_pain, reverse=True)
    return found


def suggestion_text(suggestion: Suggestion, name: str) -> str:
    return (
        f"{name} was stopped for pain in {suggestion.pain_stops} of its last "
        f"{suggestion.of_sessions} sessions. Would you like to make it gentler?"
    )


def shorter_hold(current: int) -> int:
    """A third shorter, never under the shortest hold a routine accepts."""
    return max(HOLD_LIMITS[0], round(current * SHORTER_FACTOR))


def options_for(stretch: Stretch, settings: Settings) -> list[Choice]:
    """The choices that would change something for this stretch, Not now last."""
    own = settings.stretches.get(stretch.id, StretchSetting())
    hold = own.hold if own.hold is not None else stretch.default_hold
    options = []
    if shorter_hold(hold) < hold:
        options.append(Choice.SHORTER)
    if stretch.has_easier and own.variant is not Variant.EASIER:
        options.append(Choice.EASIER)
    options += [Choice.LEAVE_OUT, Choice.NOT_NOW]
    return options


def apply_choice(settings: Settings, stretch: Stretch, choice: Choice) -> Settings:
    """The settings after the choice (Not now changes nothing)."""
    own = settings.stretches.get(stretch.id, StretchSetting())
    if choice is Choice.SHORTER:
        hold = own.hold if own.hold is not None else stretch.default_hold
        own = replace(own, hold=shorter_hold(hold))
    elif choice is Choice.EASIER:
        own = replace(own, variant=Variant.EASIER)
    elif choice is Choice.LEAVE_OUT:
        own = replace(own, left_out=True)
    else:
        return settings
    return _with(settings, stretch.id, own)


def setting_json(setting: StretchSetting | None) -> str:
    """A stretch's setting as stored with a choice, so Undo can put it back."""
    if setting is None:
        return "{}"
    values = {
        "hold": setting.hold,
        "repetitions": setting.repetitions,
        "sides": setting.sides,
        "variant": setting.variant.value if setting.variant is not None else None,
        "left_out": setting.left_out,
    }
    return json.dumps({k: v for k, v in values.items() if v is not None}, sort_keys=True)


def setting_from_json(text: str) -> StretchSetting:
    data = json.loads(text or "{}")
    variant = data.get("variant")
    return StretchSetting(
        data.get("hold"),
        data.get("repetitions"),
        data.get("sides"),
        None if variant is None else Variant(variant),
        data.get("left_out"),
    )


def undo_choice(settings: Settings, stretch_id: str, previous: str) -> Settings:
    """The settings with the stretch's setting as it was before the choice."""
    return _with(settings, stretch_id, setting_from_json(previous))


def _with(settings: Settings, stretch_id: str, own: StretchSetting) -> Settings:
    stretches = dict(settings.stretches)
    if own.is_default:
        stretches.pop(stretch_id, None)
    else:
        stretches[stretch_id] = own
    return replace(settings, stretches=stretches)


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

    def text(table: Mapping[str, Any], key: str, place: str) -> str:
        return check.text(table, key, place, max_len=2000) or ""

    verdicts = check.table(data, "verdict", "")
    weekly = check.table(data, "weekly", "")
    choices = check.table(data, "choices", "")
    scale = weekly.get("scale")
    if not isinstance(scale, list) or len(scale) != len(WEEKLY_ANSWERS):
        check.add("weekly:scale", f"must list {len(WEEKLY_ANSWERS)} answers, worst first")
        scale = [""] * len(WEEKLY_ANSWERS)
    found = Words(
        urgent=text(data, "urgent", ""),
        help=text(data, "help", "").format(
            baseline_weeks=BASELINE_DAYS // 7,
            week_ratings=MIN_WEEK_RATINGS,
            better_points=f"{BETTER_POINTS:g}",
            better_percent=f"{BETTER_FRACTION:.0%}",
            worse_points=f"{WORSE_POINTS:g}",
            baseline_ratings=MIN_BASELINE_RATINGS,
            weeks_after=MIN_WEEKS_AFTER,
            source=SOURCE,
        ),
        verdict={v: text(verdicts, v.name.lower(), "verdict") for v in Verdict},
        weekly_question=text(weekly, "question", "weekly"),
        weekly_scale=tuple(str(answer) for answer in scale),
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
