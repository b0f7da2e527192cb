"""What the log holds, as Python values: sessions, holds, tallies, answers, and their fields."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final, NamedTuple

NOT_RECORDED: Final = 0  # the session id when the log could not take a new session

COMPLETED, STOPPED, INTERRUPTED, IN_PROGRESS = "completed", "stopped", "interrupted", "in_progress"
STATUSES: Final = (COMPLETED, STOPPED, INTERRUPTED, IN_PROGRESS)
OUTCOMES: Final = ("done", "extended", "skipped", "pain", "stopped")
SIDES: Final = ("left", "right")
PAIN_RANGE: Final = range(11)  # 0 no pain ... 10 worst pain imaginable
REMINDER_ANSWERS: Final = ("start", "later", "skip", "closed", "unanswered", "opened")
DONE_OUTCOMES: Final = frozenset({"done", "extended"})


class Tally(NamedTuple):
    """What a session's holds add up to. A stretch (one item of the routine) counts as done
    when all its logged holds were done or extended, as pain when any hurt, else as skipped:
    the finish view's rule, except that the log does not know how many holds were planned."""

    stretches_done: int = 0
    stretches_skipped: int = 0
    stretches_pain: int = 0
    holds_done: int = 0
    held_s: float = 0.0


NO_TALLY: Final = Tally()


def tally_of(holds: Iterable[HoldRow]) -> Tally:
    """The same count as the trigger in the schema, in Python (for rows read from a file)."""
    items: dict[int, set[str]] = {}
    holds_done, held = 0, 0.0
    for hold in holds:
        items.setdefault(hold.item, set()).add(hold.outcome)
        holds_done += hold.outcome in DONE_OUTCOMES
        held += hold.held_s
    pain = sum(1 for outcomes in items.values() if "pain" in outcomes)
    done = sum(1 for outcomes in items.values() if outcomes <= DONE_OUTCOMES)
    return Tally(done, len(items) - done - pain, pain, holds_done, held)


class StretchCounts(NamedTuple):
    """How often one stretch was done, skipped, or stopped for pain (once per session item)."""

    done: int = 0
    skipped: int = 0
    pain: int = 0


WEEKLY_ANSWERS: Final = range(-3, 4)  # much worse ... much better than at the start


class WeeklyCheck(NamedTuple):
    """One answer to "How is your back overall compared with when you started?"."""

    asked_at: datetime
    answer: int | None  # -3 ... 3; None when skipped


class PainChoice(NamedTuple):
    """What the person chose when a stretch kept hurting (issue 16), and if it was undone."""

    id: int
    made_at: datetime
    stretch: str
    choice: str  # shorter | easier | leave_out | not_now
    previous: str  # the stretch's setting before, as JSON
    undone_at: datetime | None


class HoldRow(NamedTuple):
    """One logged hold. A tuple, because opening the history builds tens of thousands."""

    item: int
    stretch: str
    side: str | None  # "left", "right" or None for a stretch without sides
    rep: int | None
    planned_s: float
    held_s: float
    outcome: str  # one of OUTCOMES
    variant: str = "usual"  # "usual" or "easier": which form of the stretch was done


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One logged session with its holds, as the history and the exports see it."""

    id: int
    started_at: datetime  # aware: the local time with its offset when the session started
    ended_at: datetime | None
    routine_id: str
    routine: str
    status: str  # one of STATUSES
    planned_s: float
    active_s: float | None
    pain_before: int | None
    pain_after: int | None
    note: str
    holds: tuple[HoldRow, ...] = ()
    tally: Tally = NO_TALLY  # from the holds when left out

    def __post_init__(self) -> None:
        # Any hold makes at least one stretch count, so an all-zero tally was left out.
        if self.holds and self.tally == NO_TALLY:
            object.__setattr__(self, "tally", tally_of(self.holds))

    @property
    def seconds(self) -> float:
        """Time spent stretching: active time, or for a session cut off the seconds held."""
        return self.active_s if self.active_s is not None else self.tally.held_s


class Field(NamedTuple):
    """One field of a logged session or hold: its name in the row and the log's column, and
    the stable English names the exports give it (None: left out of that export)."""

    name: str
    csv: str | None
    json: str | None


def _field(name: str, *, csv: str | None = "", json: str | None = "") -> Field:
    return Field(name, name if csv == "" else csv, name if json == "" else json)


# The one spelling of a session's and a hold's fields, in the order of SessionRow and HoldRow
# (a test holds them to it): the SQL column lists, the CSV header and the JSON keys all come
# from here. The export names are a format other programs read: change them never.
SESSION_FIELDS: Final = (
    _field("id", csv="session_id"),
    _field("started_at"),
    _field("ended_at"),
    _field("routine_id", json=None),  # the JSON names the routine only
    _field("routine"),
    _field("status"),
    _field("planned_s"),
    _field("active_s"),
    _field("pain_before"),
    _field("pain_after"),
    _field("note"),
)
HOLD_FIELDS: Final = (
    _field("item", json=None),  # the JSON's holds are in order; the item is implied
    _field("stretch"),
    _field("side"),
    _field("rep"),
    _field("planned_s", csv="hold_planned_s"),  # the CSV repeats the session's planned_s
    _field("held_s"),
    _field("outcome"),
    _field("variant"),
)
