"""The practice plan in the settings file: [plan], its migration and its checks."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from backstretch.core.practice import PracticePlan
from backstretch.core.settings import SCHEMA_VERSION, Settings, load_settings, save_settings
from tests.fakes import write


def test_a_plan_survives_saving_and_loading(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    chosen = Settings(plan=PracticePlan(frozenset({0, 3}), time(7, 5), 4, True))
    save_settings(path, chosen)
    text = path.read_text()
    assert '[plan]\ndays = [\n    "mon",\n    "thu",\n]\ntime = "07:05"\n' in text
    loaded = load_settings(path)
    assert loaded.notice is None and loaded.settings == chosen


def test_a_version_3_file_migrates_to_no_plan(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", b"schema_version = 3\nsafety_accepted = true\n")
    loaded = load_settings(path)
    assert loaded.notice is None
    assert loaded.settings.plan == PracticePlan() and not loaded.settings.plan.reminding
    save_settings(path, loaded.settings)
    assert path.read_text().startswith(f"schema_version = {SCHEMA_VERSION}\n")
    assert SCHEMA_VERSION == 4


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ('days = "mon"', """plan:days: must be a list of days like ["mon", "thu"], got 'mon'"""),
        ('days = ["mon", "funday"]', 'plan:days: \'funday\' is not a day; use "mon", "tue"'),
        ('time = "25:00"', """plan:time: must be a time of day like "18:00", got '25:00'"""),
        ('time = "6pm"', """plan:time: must be a time of day like "18:00", got '6pm'"""),
        ("weekly_goal = 0", "plan:weekly_goal: must be between 1 and 14 sessions, got 0"),
        ('reminders = "yes"', "plan:reminders: must be true or false"),
        ("often = true", "plan:often: unknown key"),
    ],
)
def test_bad_plan_values_are_reported_with_place_and_fix(
    tmp_path: Path, plan: str, message: str
) -> None:
    path = write(
        tmp_path / "settings.toml",
        f'schema_version = 4\nrate = 150\n[plan]\ndays = ["tue"]\n{plan}\n'.replace(
            'days = ["tue"]\ndays', "days"
        ),
    )
    loaded = load_settings(path, set_aside=False)
    assert loaded.notice is not None and message in loaded.notice
    assert loaded.settings.rate == 150  # the rest is still read
