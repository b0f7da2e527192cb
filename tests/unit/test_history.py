"""Streaks, weekly figures, sentences and exports, on known data with a fixed "today"."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest

from backstretch.core.history import (
    compute_stats,
    day_streak,
    day_text,
    interrupted_text,
    last_session_text,
    minutes_text,
    pain_text,
    session_json,
    start_view_text,
    streak_parts,
    streak_text,
    stretch_counts,
    to_csv,
    to_json,
    week_start,
    week_streak,
)
from backstretch.core.log import HoldRow, StretchCounts
from tests.export_readers import parse_csv, parse_json
from tests.log_samples import TODAY, holds, random_sessions, session


def days_ago(*numbers: int) -> dict[date, int]:
    return {TODAY - timedelta(days=n): 1 for n in numbers}


def test_week_start_is_monday() -> None:
    assert TODAY.weekday() == 3
    assert week_start(TODAY) == date(2024, 3, 11)
    assert week_start(date(2024, 3, 11)) == date(2024, 3, 11)
    assert week_start(date(2024, 3, 17)) == date(2024, 3, 11)


@pytest.mark.parametrize(
    ("stretched", "streak"),
    [
        ((), 0),
        ((0,), 1),
        ((0, 1, 2), 3),
        ((1, 2, 3), 3),  # today not stretched yet: the streak is still alive
        ((2, 3), 0),  # yesterday missed: broken
        ((0, 1, 3, 4, 5), 2),
    ],
)
def test_day_streak(stretched: tuple[int, ...], streak: int) -> None:
    assert day_streak(days_ago(*stretched), TODAY) == streak


def test_week_streak_counts_weeks_with_the_target_reached() -> None:
    this_week = (0, 1, 2)  # Thursday, Wednesday, Tuesday
    last_week = (4, 6, 8)  # Sunday, Friday, Wednesday
    two_ago = (11, 12)  # only two: below the target of 3
    days = days_ago(*this_week, *last_week, *two_ago)
    assert week_streak(days, TODAY, target=3) == 2
    assert week_streak(days, TODAY, target=2) == 3
    # The current week below the target does not break the streak before it ends.
    assert week_streak(days_ago(0, *last_week), TODAY, target=3) == 1
    # Two sessions on one day count twice.
    assert week_streak({TODAY: 2, TODAY - timedelta(days=1): 1}, TODAY, target=3) == 1


def test_compute_stats_on_known_sessions() -> None:
    rows = [
        session(TODAY, minutes=10, pain=(6, 4)),
        session(TODAY - timedelta(days=1), minutes=8, pain=(5, None)),
        # Stopped after one good hold: counts for the streak.
        session(
            TODAY - timedelta(days=2),
            status="stopped",
            minutes=3,
            pain=(7, 5),
            hold_rows=holds("done", "stopped"),
        ),
        # Only skipped holds: does not count, but its minutes do.
        session(TODAY - timedelta(days=3), status="stopped", minutes=1, hold_rows=holds("skipped")),
        # Cut off by a crash: no active time; the seconds held stand in.
        session(TODAY - timedelta(days=4), status="interrupted", hold_rows=holds("done", "done")),
        session(TODAY - timedelta(weeks=12), minutes=20),  # before the 12 weeks shown
    ]
    stats = compute_stats(rows, TODAY, weekly_target=3)
    assert stats.sessions == 6
    assert stats.day_streak == 3
    assert stats.week_streak == 1  # this week has 3 sessions that count
    assert stats.first_day == date(2023, 12, 25) and stats.first_day.weekday() == 0
    assert len(stats.weeks) == 12 and stats.weeks[-1].start == date(2024, 3, 11)
    assert stats.days_stretched == {TODAY - timedelta(days=n) for n in (0, 1, 2, 4)}
    this_week, last_week = stats.weeks[-1], stats.weeks[-2]
    assert this_week.minutes == 10 + 8 + 3 + 1
    assert this_week.sessions == 3
    assert last_week.minutes == 1.0 and last_week.sessions == 1  # 60 s held on Sunday
    assert this_week.pain_before == 6.0 and this_week.pain_after == 4.5
    assert last_week.pain_before is None and last_week.pain_after is None
    assert stats.total_minutes == 10 + 8 + 3 + 1 + 1 + 20
    assert stats.streak_text() == ("Stretched 3 days in a row; 1 week with 3 or more sessions.")


def test_compute_stats_of_nothing() -> None:
    stats = compute_stats([], TODAY)
    assert (stats.sessions, stats.day_streak, stats.week_streak) == (0, 0, 0)
    assert all(w.minutes == 0 and w.pain_before is None for w in stats.weeks)
    assert stats.streak_text() is None


def test_per_stretch_counts() -> None:
    rows = [
        session(
            TODAY,
            hold_rows=(
                HoldRow(0, "knee-to-chest", "right", None, 30, 30, "done"),
                HoldRow(0, "knee-to-chest", "left", None, 30, 3, "skipped"),
                HoldRow(1, "pelvic-tilt", None, 1, 30, 30, "extended"),
                HoldRow(1, "pelvic-tilt", None, 2, 30, 30, "done"),
                HoldRow(2, "piriformis", "right", None, 30, 4, "pain"),
                HoldRow(2, "piriformis", "left", None, 30, 0, "pain"),
            ),
        ),
        session(TODAY, hold_rows=holds("done", stretch="piriformis")),
    ]
    assert stretch_counts(rows) == {
        "knee-to-chest": StretchCounts(0, 1, 0),
        "pelvic-tilt": StretchCounts(1, 0, 0),
        "piriformis": StretchCounts(1, 0, 1),
    }
    assert rows[0].tally.stretches_done == 1 and rows[0].tally.stretches_pain == 1


# ---------------------------------------------------------------------- sentences
@pytest.mark.parametrize(
    ("day", "text"),
    [
        (TODAY, "today"),
        (TODAY - timedelta(days=1), "yesterday"),
        (TODAY - timedelta(days=2), "Tuesday"),
        (TODAY - timedelta(days=6), "Friday"),
        (TODAY - timedelta(days=7), "7 March"),
        (date(2023, 12, 31), "31 December 2023"),
    ],
)
def test_day_text(day: date, text: str) -> None:
    assert day_text(day, TODAY) == text


def test_last_session_text() -> None:
    assert last_session_text(None, TODAY) is None
    row = session(TODAY - timedelta(days=1), minutes=9.4)
    assert last_session_text(row, TODAY) == "Last session: yesterday, 9 min."
    stopped = session(TODAY, status="stopped", minutes=0.2)
    assert last_session_text(stopped, TODAY) == (
        "Last session: today, less than a minute (ended early)."
    )
    cut = session(TODAY - timedelta(days=3), status="interrupted", hold_rows=holds("done"))
    assert last_session_text(cut, TODAY) == "Last session: Monday, 1 min (cut off)."
    assert minutes_text(95) == "2 min"


def test_streak_sentences_say_nothing_without_a_streak() -> None:
    assert streak_text(0, 0) is None
    assert streak_text(1, 0) is None  # one day is not a streak
    assert streak_text(5, 0) == "Stretched 5 days in a row."
    assert streak_text(0, 2, 3) == "Stretched 2 weeks in a row with 3 or more sessions."
    assert streak_parts(2, 1, 4) == ["2 days in a row", "1 week with 4 or more sessions"]
    assert pain_text(6, 4) == "6 → 4" and pain_text(None, 3, "->") == "– -> 3"
    assert pain_text(None, None) == ""


# ---------------------------------------------------------------------- exports
def numbered(rows: list) -> list:  # type: ignore[type-arg]
    """Rows as read from a log have ids; give the sample rows some."""
    import dataclasses

    return [dataclasses.replace(row, id=n + 1) for n, row in enumerate(rows)]


def test_csv_round_trip_one_row_per_hold_and_one_for_a_session_without() -> None:
    rows = numbered(random_sessions(60, seed=3))
    assert any(not r.holds for r in rows) and any("\n" in r.note for r in rows)
    text = to_csv(rows)
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) == 1 + sum(max(1, len(r.holds)) for r in rows)
    assert parse_csv(text) == rows
    header = text.splitlines()[0]
    assert header.startswith("session_id,started_at,ended_at,routine_id,routine,status")


def test_csv_has_iso_times_with_offsets_and_empty_cells_for_none() -> None:
    row = numbered([session(TODAY, status="interrupted", hold_rows=())])[0]
    lines = to_csv([row]).splitlines()
    assert lines[1] == (
        "1,2024-03-14T08:00:00+01:00,,lower-back-relief,Lower back relief,interrupted,456.0,"
        ",,,,,,,,,,,"
    )


def test_json_has_exactly_the_keys_of_the_issue() -> None:
    row = numbered(
        [
            session(
                TODAY,
                pain=(6, 3),
                note="ok",
                hold_rows=(
                    HoldRow(0, "knee-to-chest", "left", None, 30.0, 31.5, "extended", "easier"),
                ),
            )
        ]
    )[0]
    data = json.loads(to_json([row]))
    assert data == [
        {
            "id": 1,
            "started_at": "2024-03-14T08:00:00+01:00",
            "ended_at": "2024-03-14T08:10:00+01:00",
            "routine": "Lower back relief",
            "status": "completed",
            "planned_s": 456.0,
            "active_s": 480.0,
            "pain_before": 6,
            "pain_after": 3,
            "note": "ok",
            "holds": [
                {
                    "stretch": "knee-to-chest",
                    "side": "left",
                    "rep": None,
                    "planned_s": 30.0,
                    "held_s": 31.5,
                    "outcome": "extended",
                    "variant": "easier",
                }
            ],
        }
    ]
    assert session_json(row) == data[0]


EASIER_SESSION = session(
    TODAY,
    hold_rows=(
        HoldRow(0, "childs-pose", None, None, 45.0, 45.0, "done", "easier"),
        HoldRow(1, "knee-to-chest", "right", None, 30.0, 30.0, "done", "usual"),
        HoldRow(1, "knee-to-chest", "left", None, 30.0, 12.0, "pain", "usual"),
    ),
)


def test_the_exports_carry_which_form_was_done() -> None:
    rows = numbered([EASIER_SESSION])
    text = to_csv(rows)
    assert text.splitlines()[0].endswith(",held_s,outcome,variant")
    assert text.splitlines()[1].endswith(",45.0,45.0,done,easier")
    assert parse_csv(text) == rows
    back = parse_json(to_json(rows))
    assert [h.variant for h in back[0].holds] == ["easier", "usual", "usual"]


def test_an_export_from_before_variants_reads_as_the_usual_form() -> None:
    rows = numbered([EASIER_SESSION])
    old_csv = "\n".join(line.rsplit(",", 1)[0] for line in to_csv(rows).splitlines()) + "\n"
    assert [h.variant for h in parse_csv(old_csv)[0].holds] == ["usual"] * 3
    data = json.loads(to_json(rows))
    for hold in data[0]["holds"]:
        del hold["variant"]
    assert [h.variant for h in parse_json(json.dumps(data))[0].holds] == ["usual"] * 3


def test_json_round_trip() -> None:
    rows = numbered(random_sessions(60, seed=5))
    text = to_json(rows)
    back = parse_json(text)
    assert to_json(back) == text
    # What the JSON carries comes back; items are rebuilt from runs of one stretch.
    for before, after in zip(rows, back, strict=True):
        assert after.started_at == before.started_at and after.note == before.note
        assert [h[1:] for h in after.holds] == [h[1:] for h in before.holds]
        assert after.tally == before.tally


def test_start_view_text_from_a_log(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.log_samples import filled_log

    path = tmp_path / "sessions.sqlite3"
    empty = filled_log(path, [])
    assert start_view_text(empty, TODAY) is None
    empty.add_sessions([session(TODAY - timedelta(days=n), minutes=9.4) for n in (1, 2, 3)])
    assert start_view_text(empty, TODAY, weekly_target=4) == (
        "Last session: yesterday, 9 min. Stretched 3 days in a row."
    )
    empty.add_sessions([session(TODAY, status="stopped", minutes=2, hold_rows=holds("skipped"))])
    # Today's session did not count (nothing held), and the streak is not broken by it.
    assert start_view_text(empty, TODAY, weekly_target=4) == (
        "Last session: today, 2 min (ended early). Stretched 3 days in a row."
    )


def test_interrupted_text() -> None:
    assert interrupted_text(0) is None
    assert interrupted_text(1) == (
        "Your last session was cut off when the app closed; the holds you finished are kept "
        "in your history."
    )
    assert interrupted_text(2).startswith("2 sessions were cut off")  # type: ignore[union-attr]


def test_status_words_are_spelled_once_for_sentences_and_cells() -> None:
    from backstretch.core.history import status_label, status_word
    from backstretch.core.log import STATUSES

    assert [status_word(s) for s in STATUSES] == ["completed", "ended early", "cut off", "running"]
    assert [status_label(s) for s in STATUSES] == ["Completed", "Ended early", "Cut off", "Running"]
    assert status_word("some_new_status") == "some_new_status"  # shown, not lost


def test_stretches_text_mentions_only_what_happened() -> None:
    from backstretch.core.history import stretches_text
    from backstretch.core.log import Tally

    assert stretches_text(Tally(4, 1, 1)) == "4 done, 1 skipped, 1 hurt"
    assert stretches_text(Tally(3, 0, 0)) == "3 done"
    assert stretches_text(Tally(0, 0, 2)) == "0 done, 2 hurt"


def test_the_words_go_through_the_catalog() -> None:
    """With the pseudo-translation on, every sentence comes back changed: none bypasses tr."""
    from backstretch.core import i18n
    from backstretch.core.history import status_label, stretches_text
    from backstretch.core.log import STOPPED, Tally

    english = [
        day_text(TODAY - timedelta(days=1), TODAY),
        minutes_text(600),
        streak_text(5, 2, 3),
        interrupted_text(2),
        status_label(STOPPED),
        stretches_text(Tally(1, 1, 1)),
    ]
    i18n.set_pseudo(True)
    try:
        pseudo = [
            day_text(TODAY - timedelta(days=1), TODAY),
            minutes_text(600),
            streak_text(5, 2, 3),
            interrupted_text(2),
            status_label(STOPPED),
            stretches_text(Tally(1, 1, 1)),
        ]
    finally:
        i18n.set_pseudo(False)
    for before, after in zip(english, pseudo, strict=True):
        assert after != before and after is not None and before is not None
        assert len(after) > len(before)


def test_the_export_columns_come_from_the_log_fields() -> None:
    """The CSV header and the JSON keys are the log's stable English names, in its order."""
    from backstretch.core.history import CSV_COLUMNS

    assert CSV_COLUMNS == (
        "session_id", "started_at", "ended_at", "routine_id", "routine", "status", "planned_s",
        "active_s", "pain_before", "pain_after", "note", "item", "stretch", "side", "rep",
        "hold_planned_s", "held_s", "outcome", "variant",
    )  # fmt: skip
