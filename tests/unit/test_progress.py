"""Is it helping? Every branch of the verdict, relief, per-stretch counts and the pain rule."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from backstretch.core import pain_choices as pc
from backstretch.core import progress as p
from backstretch.core.log import HoldRow, PainChoice, WeeklyCheck, open_log
from backstretch.core.settings import Settings, StretchSetting
from backstretch.core.stretches import Variant, load_library
from tests.log_samples import at, session

START = date(2024, 1, 1)  # a Monday


def ratings(*weeks: list[int], start: date = START) -> list[tuple[date, int]]:
    """Pain ratings, one list per 7-day block from START, spread over the block's days."""
    found = []
    for n, values in enumerate(weeks):
        for k, value in enumerate(values):
            found.append((start + timedelta(weeks=n, days=k % 7), value))
    return found


# ------------------------------------------------------------------ the verdict
def test_no_ratings_is_not_enough() -> None:
    trend = p.pain_trend([])
    assert trend.verdict is p.Verdict.NOT_ENOUGH and trend.baseline is None
    assert trend.figures_text() == "No pain ratings before sessions yet."


def test_fewer_than_three_baseline_ratings_is_not_enough_however_long_after() -> None:
    trend = p.pain_trend(ratings([6], [6], [1, 1], [1, 1], [1, 1]))
    assert trend.baseline_ratings == 2 < p.MIN_BASELINE_RATINGS
    assert trend.verdict is p.Verdict.NOT_ENOUGH


def test_one_counted_week_after_the_baseline_is_not_enough() -> None:
    trend = p.pain_trend(ratings([6, 6], [6, 6], [1, 1]))
    assert len(trend.weeks) == 1 < p.MIN_WEEKS_AFTER
    assert trend.verdict is p.Verdict.NOT_ENOUGH
    assert trend.latest is not None and trend.change == -5  # the figures are still shown


def test_a_week_with_one_rating_does_not_count_sparse_data() -> None:
    trend = p.pain_trend(ratings([6, 6], [6, 6], [1], [1], [1], [1, 1]))
    assert [w.ratings for w in trend.weeks] == [2]
    assert trend.verdict is p.Verdict.NOT_ENOUGH


def test_better_needs_two_points_and_thirty_percent() -> None:
    trend = p.pain_trend(ratings([6, 6, 6], [6, 6], [5, 5], [4, 4]))
    assert trend.baseline == 6 and trend.latest is not None and trend.latest.median == 4
    assert trend.verdict is p.Verdict.BETTER  # 2 points, 33 %
    assert "2 points lower, 33%" in trend.figures_text()


def test_two_points_lower_from_a_high_start_is_under_thirty_percent_so_no_clear_change() -> None:
    assert p.verdict_of(8, 6) is p.Verdict.NO_CLEAR_CHANGE  # 25 %
    assert p.verdict_of(8, 5.5) is p.Verdict.BETTER  # 2.5 points, 31 %


def test_thirty_percent_of_a_low_start_is_under_two_points_so_no_clear_change() -> None:
    assert p.verdict_of(3, 1.5) is p.Verdict.NO_CLEAR_CHANGE  # 50 % but 1.5 points
    assert p.verdict_of(3, 1) is p.Verdict.BETTER


def test_worse_is_two_points_higher() -> None:
    trend = p.pain_trend(ratings([3, 3, 3], [3], [4, 4], [5, 5]))
    assert trend.verdict is p.Verdict.WORSE
    assert "doctor or physiotherapist" in trend.sentence
    assert p.verdict_of(3, 4.5) is p.Verdict.NO_CLEAR_CHANGE


def test_a_zero_baseline_is_never_better() -> None:
    assert p.verdict_of(0, 0) is p.Verdict.NO_CLEAR_CHANGE
    assert p.verdict_of(0, 2) is p.Verdict.WORSE


def test_the_latest_counted_week_is_compared_even_after_a_gap() -> None:
    trend = p.pain_trend(ratings([7, 7, 7], [7], [6, 6], [], [], [3, 3]))
    assert trend.latest is not None and trend.latest.start == START + timedelta(weeks=5)
    assert trend.verdict is p.Verdict.BETTER


def test_noisy_ratings_without_a_real_change_stay_no_clear_change() -> None:
    rng = random.Random(16)
    noisy = [
        [max(0, min(10, 5 + rng.choice([-2, -1, 0, 1, 2]))) for _ in range(7)] for _ in range(12)
    ]
    trend = p.pain_trend(ratings(*noisy))
    assert trend.verdict is p.Verdict.NO_CLEAR_CHANGE  # medians of 7 ratings damp the noise


def test_ratings_of_ignores_unrated_sessions_and_sorts_oldest_first() -> None:
    rows = [
        session(START + timedelta(days=2), pain=(5, 3)),
        session(START, pain=(None, 2)),
        session(START + timedelta(days=1), pain=(7, None)),
    ]
    assert p.ratings_of(rows) == [(START + timedelta(days=1), 7), (START + timedelta(days=2), 5)]


def test_every_verdict_has_its_sentence_and_the_help_names_the_source() -> None:
    words = p.words()
    assert set(words.verdict) == set(p.Verdict) and all(words.verdict.values())
    assert p.SOURCE in words.help and "30%" in words.help and "2 points" in words.help
    assert "{" not in words.help  # every placeholder filled
    assert len(words.weekly_scale) == 7 and all(words.choices.values())
    assert all(words.choice_descriptions.values()) and "urgent care" in words.urgent
    assert p.Trend(p.Verdict.BETTER).sentence.startswith("Better. Your pain before sessions")


# ------------------------------------------------------------------ relief
def test_immediate_relief_is_counted_only_where_both_were_rated() -> None:
    rows = [
        session(START, pain=(6, 4)),
        session(START, pain=(5, 5)),
        session(START, pain=(3, 4)),
        session(START, pain=(6, None)),
    ]
    relief = p.immediate_relief(rows)
    assert relief == p.Relief(3, 0.0, 1, 1, 1)
    assert "1 of 3 sessions eased" in relief.text()
    assert p.immediate_relief([]).text().startswith("Immediate relief: no session")
    assert "2 points less" in p.immediate_relief(rows[:1]).text()


# ------------------------------------------------------------------ per stretch
def hold(item: int, stretch: str, outcome: str, held: float = 30.0) -> HoldRow:
    return HoldRow(item, stretch, None, None, 30.0, held, outcome)


def test_per_stretch_counts_pain_skips_and_shortened_once_per_session() -> None:
    rows = [
        session(
            START, hold_rows=(hold(0, "piriformis", "pain", 4), hold(0, "piriformis", "pain", 3))
        ),
        session(START + timedelta(days=1), hold_rows=(hold(0, "piriformis", "skipped", 0),)),
        session(START + timedelta(days=2), hold_rows=(hold(0, "piriformis", "done", 20),)),
        session(START + timedelta(days=3), hold_rows=(hold(0, "piriformis", "done", 30),)),
        session(START - timedelta(days=1), hold_rows=(hold(0, "piriformis", "pain", 1),)),
    ]
    found = p.per_stretch(rows, START)["piriformis"]
    assert (found.sessions, found.pain, found.skipped, found.shortened) == (4, 1, 1, 1)
    assert found.mean_hold_s == 25.0
    assert p.StretchProgress("x").mean_hold_s is None


# ------------------------------------------------------------------ listening to pain
def pain_session(day: int, *outcomes: str, stretch: str = "piriformis"):
    return session(
        START + timedelta(days=day),
        hold_rows=tuple(hold(n, stretch, o) for n, o in enumerate(outcomes)),
    )


def test_two_pain_stops_in_the_last_three_sessions_suggest() -> None:
    rows = [pain_session(0, "pain"), pain_session(1, "done"), pain_session(2, "pain")]
    (suggestion,) = pc.pain_suggestions(rows)
    assert (suggestion.stretch, suggestion.pain_stops, suggestion.of_sessions) == (
        "piriformis",
        2,
        3,
    )
    assert suggestion.last_pain == at(START + timedelta(days=2))
    assert pc.suggestion_text(suggestion, "Piriformis Stretch").startswith(
        "Piriformis Stretch was stopped for pain in 2 of its last 3 sessions."
    )


def test_older_pain_stops_beyond_the_last_three_do_not_count() -> None:
    rows = [
        pain_session(0, "pain"),
        pain_session(1, "pain"),
        *(pain_session(d, "done") for d in (2, 3)),
        pain_session(4, "pain"),
    ]
    assert pc.pain_suggestions(rows) == []


def test_one_stop_is_not_enough_and_other_stretches_do_not_mix_in() -> None:
    rows = [pain_session(0, "pain"), pain_session(1, "pain", stretch="childs-pose")]
    assert pc.pain_suggestions(rows) == []


def test_a_choice_after_the_newest_stop_answers_it_until_it_hurts_again() -> None:
    rows = [pain_session(0, "pain"), pain_session(1, "pain")]
    choice = PainChoice(1, at(START + timedelta(days=1), 9), "piriformis", "not_now", "{}", None)
    assert pc.pain_suggestions(rows, [choice]) == []
    rows.append(pain_session(2, "pain"))
    assert [s.stretch for s in pc.pain_suggestions(rows, [choice])] == ["piriformis"]


def test_a_stretch_left_out_is_not_asked_about() -> None:
    rows = [pain_session(0, "pain"), pain_session(1, "pain")]
    settings = Settings(stretches={"piriformis": StretchSetting(left_out=True)})
    assert pc.pain_suggestions(rows, settings=settings) == []


def test_choices_change_the_settings_and_undo_puts_them_back() -> None:
    library = load_library()
    stretch = next(s for s in library if s.has_easier)
    plain = dataclasses.replace(stretch, easier=None)  # every bundled stretch has one today
    settings = Settings(stretches={stretch.id: StretchSetting(hold=45)})
    assert pc.options_for(stretch, settings) == [
        pc.Choice.SHORTER,
        pc.Choice.EASIER,
        pc.Choice.LEAVE_OUT,
        pc.Choice.NOT_NOW,
    ]
    assert pc.Choice.EASIER not in pc.options_for(plain, Settings())
    shorter = pc.apply_choice(settings, stretch, pc.Choice.SHORTER)
    assert shorter.stretches[stretch.id].hold == 30
    easier = pc.apply_choice(settings, stretch, pc.Choice.EASIER)
    assert easier.stretches[stretch.id].variant is Variant.EASIER
    assert pc.Choice.EASIER not in pc.options_for(stretch, easier)
    left = pc.apply_choice(Settings(), stretch, pc.Choice.LEAVE_OUT)
    assert left.stretches[stretch.id].left_out is True
    assert pc.apply_choice(settings, stretch, pc.Choice.NOT_NOW) is settings
    previous = pc.setting_json(settings.stretches.get(stretch.id))
    assert pc.undo_choice(shorter, stretch.id, previous) == settings
    assert pc.undo_choice(left, stretch.id, pc.setting_json(None)) == Settings()


def test_a_shorter_hold_never_goes_under_the_shortest_a_routine_takes() -> None:
    assert pc.shorter_hold(30) == 20 and pc.shorter_hold(6) == 5 and pc.shorter_hold(5) == 5
    stretch = next(iter(load_library()))
    at_floor = Settings(stretches={stretch.id: StretchSetting(hold=5)})
    assert pc.Choice.SHORTER not in pc.options_for(stretch, at_floor)


# ------------------------------------------------------------------ the weekly check
def test_the_weekly_check_is_due_at_most_once_a_week() -> None:
    now = at(START + timedelta(days=10))
    assert p.weekly_check_due([], now)
    asked = [WeeklyCheck(at(START + timedelta(days=4)), None)]  # skipped still counts as asked
    assert not p.weekly_check_due(asked, now)
    assert p.weekly_check_due(asked, at(START + timedelta(days=11)))
    assert p.weekly_answer_text(-3) == "Much worse" and p.weekly_answer_text(3) == "Much better"
    assert p.weekly_answer_text(None) == "Skipped"


# ------------------------------------------------------------------ the log's new tables
def build_version_2(path: Path) -> None:
    import sqlite3

    from backstretch.core.log import MIGRATIONS

    connection = sqlite3.connect(path)
    for step in MIGRATIONS[:2]:
        step(connection)
    connection.execute("PRAGMA user_version = 2")
    connection.execute(
        "INSERT INTO sessions (started_at, started_utc, routine_id, routine, status, planned_s, "
        "pain_before) VALUES ('2024-03-14T08:00:00+01:00', 1710399600.0, 'r', 'R', 'completed', "
        "60, 5)"
    )
    connection.commit()
    connection.close()


def test_an_old_log_file_gains_the_weekly_checks_and_choices(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    build_version_2(path)
    opened = open_log(path)
    assert opened.notice is None
    session_log = opened.log
    assert [row.pain_before for row in session_log.sessions()] == [5]  # kept
    assert session_log.weekly_checks() == [] and session_log.choices() == []
    session_log.add_weekly_check(at(START), 2)
    session_log.add_weekly_check(at(START + timedelta(days=7)), None)
    choice_id = session_log.record_choice("piriformis", "shorter", at(START), '{"hold": 45}')
    session_log.undo_choice(choice_id, at(START, 9))
    session_log.close()
    again = open_log(path).log
    assert again.weekly_checks() == [
        WeeklyCheck(at(START), 2),
        WeeklyCheck(at(START + timedelta(days=7)), None),
    ]
    (choice,) = again.choices()
    assert (choice.stretch, choice.choice, choice.previous) == (
        "piriformis",
        "shorter",
        '{"hold": 45}',
    )
    assert choice.undone_at == at(START, 9)
    with pytest.raises(ValueError):
        again.add_weekly_check(at(START), 4)
    again.close()


# ------------------------------------------------------------------ settings and routines
def test_a_version_3_settings_file_reads_with_the_weekly_check_off(tmp_path: Path) -> None:
    from backstretch.core.settings import SCHEMA_VERSION, load_settings, save_settings

    path = tmp_path / "settings.toml"
    path.write_text("schema_version = 3\nrate = 150\n\n[stretch.piriformis]\nhold = 45\n")
    loaded = load_settings(path)
    assert loaded.notice is None and loaded.settings.weekly_check is False
    assert loaded.settings.stretches["piriformis"].left_out is None
    chosen = Settings(weekly_check=True, stretches={"piriformis": StretchSetting(left_out=True)})
    save_settings(path, chosen)
    assert (
        path.read_text().startswith(f"schema_version = {SCHEMA_VERSION}\n") and SCHEMA_VERSION == 4
    )
    assert load_settings(path).settings == chosen


def test_a_stretch_left_out_is_not_in_the_session_unless_it_would_leave_none() -> None:
    from backstretch.core.paths import resolve_paths
    from backstretch.core.personalize import personalize
    from backstretch.core.routines import find_routine

    library = load_library()
    routine = find_routine("lower-back-relief", resolve_paths(), library)
    first = routine.items[0].stretch.id
    left = Settings(stretches={first: StretchSetting(left_out=True)})
    assert first not in [item.stretch.id for item in personalize(routine, left).items]
    everything = Settings(
        stretches={item.stretch.id: StretchSetting(left_out=True) for item in routine.items}
    )
    assert len(personalize(routine, everything).items) == len(routine.items)


def test_the_logs_narrow_query_gives_the_same_ratings_as_the_rows(tmp_path: Path) -> None:
    from tests.log_samples import filled_log

    rows = [
        session(START + timedelta(days=n), pain=(n % 11 if n % 3 else None, 2)) for n in range(30)
    ]
    session_log = filled_log(tmp_path / "log.sqlite3", rows)
    assert session_log.pain_ratings() == p.ratings_of(session_log.sessions(holds=False))
    assert len(session_log.pain_ratings()) == 20
    session_log.close()


def test_delete_all_removes_the_weekly_answers_and_choices_too(tmp_path: Path) -> None:
    session_log = open_log(tmp_path / "log.sqlite3").log
    session_log.add_weekly_check(at(START), -1)
    session_log.record_choice("piriformis", "not_now", at(START), "{}")
    assert session_log.delete_all()
    assert session_log.weekly_checks() == [] and session_log.choices() == []
    session_log.close()


def test_a_words_file_with_a_missing_text_is_refused_naming_it(monkeypatch, tmp_path: Path) -> None:
    from backstretch.core import paths
    from backstretch.core.problems import ProblemsError

    broken = tmp_path / "progress.toml"
    good = paths.asset("progress.toml").read_text()
    broken.write_text(good.replace('worse = "Your pain', 'wors = "Your pain'))
    monkeypatch.setattr(paths, "asset", lambda *_parts: broken)
    p.words.cache_clear()
    try:
        with pytest.raises(ProblemsError, match="worse"):
            p.words()
    finally:
        monkeypatch.undo()
        p.words.cache_clear()
    assert p.words().verdict[p.Verdict.WORSE]
