"""The plan registered with the OS scheduler: exact files and commands, through a fake runner.

Only the systemd files are also checked by the real tool (systemd-analyze verify). The
Windows and macOS paths are tested here for what they write and run, never run on those systems.
"""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

import pytest

from backstretch.core.paths import SchedulerPaths, scheduler_paths
from backstretch.core.practice import PracticePlan
from backstretch.desktop import scheduler as s
from tests.scheduler_fakes import FakeRunner

MON_THU_18 = PracticePlan(frozenset({0, 3}), time(18, 0), 3, True)
COMMAND = ["/opt/Back Stretch/python", "-m", "backstretch"]
NOW = datetime(2026, 11, 23, 18, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def paths(tmp_path: Path) -> SchedulerPaths:
    return SchedulerPaths(
        tmp_path / "systemd" / "user",
        tmp_path / "autostart",
        tmp_path / "LaunchAgents",
        tmp_path / "config",
    )


def test_scheduler_paths_follow_xdg_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    found = scheduler_paths()
    assert found.systemd_user_dir == tmp_path / "systemd" / "user"
    assert found.autostart_dir == tmp_path / "autostart"


# ------------------------------------------------------------------------------ systemd
def test_systemd_install_writes_both_units_and_enables_the_timer(paths: SchedulerPaths) -> None:
    runner = FakeRunner()
    outcome = s.SystemdScheduler(paths, runner, COMMAND).install(MON_THU_18)
    assert outcome.ok, outcome.problems
    timer = (paths.systemd_user_dir / s.TIMER).read_text()
    service = (paths.systemd_user_dir / s.SERVICE).read_text()
    assert "OnCalendar=Mon,Thu *-*-* 18:00:00\n" in timer
    assert "Persistent=false\n" in timer and "WantedBy=timers.target" in timer
    assert s.MARKER in timer and s.MARKER in service
    assert 'ExecStart="/opt/Back Stretch/python" -m backstretch remind\n' in service
    assert "KillMode=process\n" in service  # the app that Start now opens outlives `remind`
    assert runner.calls == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", s.TIMER],
    ]


def test_registering_twice_leaves_one_entry_with_the_new_plan(paths: SchedulerPaths) -> None:
    scheduler = s.SystemdScheduler(paths, FakeRunner(), COMMAND)
    scheduler.install(MON_THU_18)
    later = PracticePlan(frozenset({5}), time(9, 30), 1, True)
    assert scheduler.install(later).ok
    assert sorted(p.name for p in paths.systemd_user_dir.iterdir()) == [s.SERVICE, s.TIMER]
    entries = scheduler.entries()
    assert [(e.what, e.state) for e in entries] == [
        ("systemd user timer", s.OURS),
        ("systemd user service", s.OURS),
    ]
    assert entries[0].detail == "OnCalendar=Sat *-*-* 09:30:00"


def test_a_foreign_unit_is_reported_and_never_overwritten(paths: SchedulerPaths) -> None:
    paths.systemd_user_dir.mkdir(parents=True)
    mine = "[Timer]\nOnCalendar=daily\n"  # someone's own timer that happens to share the name
    (paths.systemd_user_dir / s.TIMER).write_text(mine)
    runner = FakeRunner()
    scheduler = s.SystemdScheduler(paths, runner, COMMAND)
    outcome = scheduler.install(MON_THU_18)
    assert not outcome.ok and "was not written by BackStretch" in outcome.problems[0]
    assert "Fix: move it away" in outcome.problems[0]
    assert (paths.systemd_user_dir / s.TIMER).read_text() == mine
    assert not (paths.systemd_user_dir / s.SERVICE).exists() and runner.calls == []
    removal = scheduler.remove()
    assert not removal.ok and (paths.systemd_user_dir / s.TIMER).read_text() == mine
    assert [e.state for e in scheduler.entries()] == [s.FOREIGN]


def test_a_corrupt_unit_of_ours_is_reported_not_overwritten(paths: SchedulerPaths) -> None:
    paths.systemd_user_dir.mkdir(parents=True)
    broken = paths.systemd_user_dir / s.SERVICE
    broken.write_bytes(b"# " + s.MARKER.encode() + b"\n[Service]\nExec\xff\xfe")
    outcome = s.SystemdScheduler(paths, FakeRunner(), COMMAND).install(MON_THU_18)
    assert not outcome.ok and "cannot be read (it is not text)" in outcome.problems[0]
    assert broken.read_bytes().endswith(b"\xff\xfe")


def test_turning_reminders_off_removes_the_units(paths: SchedulerPaths) -> None:
    runner = FakeRunner()
    scheduler = s.SystemdScheduler(paths, runner, COMMAND)
    scheduler.install(MON_THU_18)
    runner.calls.clear()
    outcome = scheduler.apply(PracticePlan(MON_THU_18.days, MON_THU_18.at, 3, reminders=False))
    assert outcome.ok
    assert list(paths.systemd_user_dir.iterdir()) == [] and scheduler.entries() == []
    assert runner.calls == [
        ["systemctl", "--user", "disable", "--now", s.TIMER],
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "stop", f"{s.LATER_UNIT}.timer"],
    ]


def test_later_is_one_transient_timer_replacing_any_earlier_one(paths: SchedulerPaths) -> None:
    runner = FakeRunner()
    outcome = s.SystemdScheduler(paths, runner, COMMAND).snooze(timedelta(minutes=30), NOW)
    assert outcome.ok
    assert runner.calls == [
        ["systemctl", "--user", "stop", f"{s.LATER_UNIT}.timer"],
        [
            "systemd-run",
            "--user",
            f"--unit={s.LATER_UNIT}",
            "--on-active=30m",
            "--timer-property=AccuracySec=1s",
            "--property=KillMode=process",
            "--collect",
            *COMMAND,
            "remind",
            "--later",
        ],
    ]


def test_a_failing_command_is_told_with_its_own_words(paths: SchedulerPaths) -> None:
    runner = FakeRunner({("systemctl", "--user", "enable"): s.Ran(1, "", "Failed to connect\n")})
    outcome = s.SystemdScheduler(paths, runner, COMMAND).install(MON_THU_18)
    assert outcome.problems == [
        f"`systemctl --user enable --now {s.TIMER}` failed: Failed to connect"
    ]


def test_percent_and_dollar_are_escaped_for_systemd() -> None:
    units = s.systemd_units(MON_THU_18, ["/home/a%b/$x/python"])
    assert "ExecStart=/home/a%%b/$$x/python remind\n" in units[s.SERVICE]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_the_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    for name, text in s.systemd_units(MON_THU_18, [sys.executable, "-m", "backstretch"]).items():
        (tmp_path / name).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(tmp_path / s.TIMER)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    problems = [line for line in result.stderr.splitlines() if "backstretch" in line]
    assert result.returncode == 0 and not problems, result.stderr
    calendar = subprocess.run(
        ["systemd-analyze", "calendar", s.on_calendar(MON_THU_18)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert calendar.returncode == 0, calendar.stderr
    assert "Normalized form: Mon,Thu *-*-* 18:00:00" in calendar.stdout


def test_without_systemd_the_autostart_entry_is_used(paths: SchedulerPaths) -> None:
    runner = FakeRunner({("systemctl",): s.Ran(1, "", "Failed to connect to bus")})
    scheduler = s.scheduler_for(paths, runner=runner, platform="linux", command=COMMAND)
    assert isinstance(scheduler, s.AutostartScheduler) and not scheduler.can_snooze
    assert scheduler.install(MON_THU_18).ok
    entry = (paths.autostart_dir / s.AUTOSTART).read_text()
    assert 'Exec="/opt/Back Stretch/python" -m backstretch remind --at-login\n' in entry
    assert s.MARKER in entry
    assert scheduler.install(MON_THU_18).ok and len(list(paths.autostart_dir.iterdir())) == 1
    assert scheduler.remove().ok and not (paths.autostart_dir / s.AUTOSTART).exists()


def test_moving_to_systemd_takes_the_autostart_entry_away(paths: SchedulerPaths) -> None:
    s.AutostartScheduler(paths, FakeRunner(), COMMAND).install(MON_THU_18)
    s.SystemdScheduler(paths, FakeRunner(), COMMAND).install(MON_THU_18)
    assert not (paths.autostart_dir / s.AUTOSTART).exists()


# ------------------------------------------------------------- macOS (files and commands)
def test_launchd_agent_file_and_commands(paths: SchedulerPaths) -> None:
    runner = FakeRunner()
    scheduler = s.scheduler_for(paths, runner=runner, platform="darwin", command=COMMAND)
    assert scheduler.install(MON_THU_18).ok
    path = paths.launch_agents_dir / f"{s.LAUNCHD_LABEL}.plist"
    text = path.read_text()
    assert s.MARKER in text
    agent = plistlib.loads(path.read_bytes())
    assert agent["ProgramArguments"] == [*COMMAND, "remind"]
    # launchd counts weekdays from Sunday: Monday is 1, Thursday 4.
    assert agent["StartCalendarInterval"] == [
        {"Weekday": 1, "Hour": 18, "Minute": 0},
        {"Weekday": 4, "Hour": 18, "Minute": 0},
    ]
    domain = runner.calls[1][2]
    assert runner.calls == [
        ["launchctl", "bootout", f"{domain}/{s.LAUNCHD_LABEL}"],
        ["launchctl", "bootstrap", domain, str(path)],
    ]
    assert scheduler.install(MON_THU_18).ok and len(list(paths.launch_agents_dir.iterdir())) == 1
    assert scheduler.remove().ok and not path.exists()


def test_launchd_later_is_a_dated_agent(paths: SchedulerPaths) -> None:
    scheduler = s.LaunchdScheduler(paths, FakeRunner(), COMMAND)
    assert scheduler.snooze(timedelta(minutes=30), NOW).ok
    agent = plistlib.loads(
        (paths.launch_agents_dir / f"{s.LAUNCHD_LATER_LABEL}.plist").read_bytes()
    )
    assert agent["StartCalendarInterval"] == [{"Month": 11, "Day": 23, "Hour": 18, "Minute": 30}]
    assert agent["ProgramArguments"][-2:] == ["remind", "--later"]
    scheduler.clear_later()
    assert not (paths.launch_agents_dir / f"{s.LAUNCHD_LATER_LABEL}.plist").exists()


def test_a_foreign_launchd_agent_is_left_alone(paths: SchedulerPaths) -> None:
    paths.launch_agents_dir.mkdir(parents=True)
    path = paths.launch_agents_dir / f"{s.LAUNCHD_LABEL}.plist"
    path.write_bytes(plistlib.dumps({"Label": "x", "ProgramArguments": ["/bin/true"]}))
    before = path.read_bytes()
    outcome = s.LaunchdScheduler(paths, FakeRunner(), COMMAND).install(MON_THU_18)
    assert not outcome.ok and path.read_bytes() == before


# ----------------------------------------------------------- Windows (files and commands)
def test_task_scheduler_xml_and_commands(paths: SchedulerPaths) -> None:
    runner = FakeRunner({("schtasks", "/Query"): s.Ran(1, "", "ERROR: not found")})
    scheduler = s.scheduler_for(
        paths, runner=runner, platform="win32", command=["C:\\BackStretch\\backstretch.exe"]
    )
    assert scheduler.install(MON_THU_18).ok
    xml_path = paths.task_xml_dir / "reminder-task.xml"
    root = ElementTree.fromstring(xml_path.read_text())
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    assert root.findtext("t:RegistrationInfo/t:Description", namespaces=ns) == s.MARKER
    days = root.find("t:Triggers/t:CalendarTrigger/t:ScheduleByWeek/t:DaysOfWeek", ns)
    assert days is not None and [d.tag.split("}")[1] for d in days] == ["Monday", "Thursday"]
    boundary = root.findtext("t:Triggers/t:CalendarTrigger/t:StartBoundary", namespaces=ns)
    assert boundary is not None and boundary.endswith("T18:00:00")
    assert root.findtext("t:Actions/t:Exec/t:Command", namespaces=ns) == (
        "C:\\BackStretch\\backstretch.exe"
    )
    assert root.findtext("t:Actions/t:Exec/t:Arguments", namespaces=ns) == "remind"
    assert runner.calls[-1] == [
        "schtasks",
        "/Create",
        "/TN",
        s.TASK_NAME,
        "/XML",
        str(xml_path),
        "/F",
    ]


def test_a_foreign_task_is_left_alone(paths: SchedulerPaths) -> None:
    runner = FakeRunner({("schtasks", "/Query"): s.Ran(0, "<Task><Description>mine</Description>")})
    scheduler = s.TaskScheduler(paths, runner, ["backstretch.exe"])
    outcome = scheduler.install(MON_THU_18)
    assert not outcome.ok and "was not written by BackStretch" in outcome.problems[0]
    assert not any(call[:2] == ["schtasks", "/Create"] for call in runner.calls)
    assert not scheduler.remove().ok
    assert not any(call[:2] == ["schtasks", "/Delete"] for call in runner.calls)


def test_task_scheduler_later_is_a_one_off_time_trigger(paths: SchedulerPaths) -> None:
    runner = FakeRunner({("schtasks", "/Query"): s.Ran(1)})
    assert s.TaskScheduler(paths, runner, ["bs.exe"]).snooze(timedelta(minutes=30), NOW).ok
    xml = (paths.task_xml_dir / "reminder-later-task.xml").read_text()
    assert "<TimeTrigger>" in xml and "<StartBoundary>2026-11-23T18:30:00</StartBoundary>" in xml
    assert "<Arguments>remind --later</Arguments>" in xml
    assert runner.calls[-1][:4] == ["schtasks", "/Create", "/TN", s.TASK_LATER_NAME]
