"""QtVoice follows engine events: the right sound at the right moment, and never a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstretch.core.cues import load_cue_texts
from backstretch.core.engine import Control, SessionEngine
from backstretch.core.settings import Settings
from backstretch.speech.service import (
    Rendered,
    SpeechProblem,
    Unavailable,
    Voice,
    VoiceSettings,
    VoicesListed,
)
from backstretch.speech.sounds import ensure_sounds
from backstretch.ui.ticker import QtTicker
from backstretch.ui.voice import QtVoice
from backstretch.ui.voice_panel import PREVIEW_TEXT, VoicePanel
from tests.fakes import TILTS_ROUTINE, FakeClock, plan_from_text


class FakeService:
    """Stands in for SpeechService: texts in `ready` have WAVs; others render on request."""

    def __init__(self, wav: Path) -> None:
        self.wav = wav
        self.ready: set[str] = set()
        self.requested: list[str] = []
        self.events: list[object] = []
        self.available = True
        self.started = self.closed = False
        self.settings = VoiceSettings()

    def start(self) -> None:
        self.started = True

    def request(self, texts, *, urgent: bool = False) -> None:
        self.requested.extend(texts)

    def wav_for(self, text: str) -> Path | None:
        return self.wav if text in self.ready else None

    def poll(self) -> list[object]:
        events, self.events = self.events, []
        return events

    def close(self) -> None:
        self.closed = True

    def request_voices(self) -> None:
        self.events.append(
            VoicesListed((Voice("gmw/en", "English", ("en",)), Voice("roa/fr", "French", ("fr",))))
        )


@pytest.fixture
def setup(qtbot, tmp_path: Path, clock: FakeClock):
    sounds = ensure_sounds(tmp_path / "sounds")
    service = FakeService(sounds["chime"])
    voice = QtVoice(service, sounds, clock=clock)  # type: ignore[arg-type]
    told: list[str] = []
    voice.problemFound.connect(told.append)
    played: list[tuple[str, str]] = []
    voice.played.connect(lambda kind, text: played.append((kind, text)))
    ticker = QtTicker(SessionEngine(plan_from_text(TILTS_ROUTINE), clock))
    voice.attach(ticker, load_cue_texts())
    yield voice, service, ticker, played, told
    ticker.stop_timer()
    voice.close()


def test_ready_cues_play_at_once_and_pause_stops_them(setup, clock: FakeClock) -> None:
    voice, service, ticker, played, _told = setup
    plan = ticker.engine.plan
    service.ready = {c.text for p in plan.phases for c in p.cues}
    ticker.start()
    assert played == [("announce", plan.phases[0].cues[0].text)]
    assert voice.current_effect() is not None
    ticker.control(Control.PAUSE)
    assert voice.current_effect() is None
    ticker.control(Control.RESUME)
    for _ in range(34):
        clock.advance(0.5)
        ticker.poke()
    kinds = [k for k, _ in played]
    assert kinds == ["announce", "hold", "count", "count", "count_last", "relax", "hold"]


def test_a_cue_not_yet_rendered_plays_when_ready_unless_stale(setup, clock: FakeClock) -> None:
    voice, service, ticker, played, _told = setup
    ticker.start()
    first = ticker.engine.plan.phases[0].cues[0].text
    assert played == [] and service.requested[-1] == first
    clock.advance(0.3)
    service.ready.add(first)
    service.events.append(Rendered(first, service.wav))
    voice.poll()
    assert played == [("announce", first)]
    voice.say("Late sentence")
    clock.advance(2.0)
    service.ready.add("Late sentence")
    service.events.append(Rendered("Late sentence", service.wav))
    voice.poll()
    assert played == [("announce", first)]  # too late to be useful: not said


def test_muted_says_nothing_and_sounds_only_beeps_and_chimes(setup, clock: FakeClock) -> None:
    voice, _service, ticker, played, _told = setup
    voice.set_muted(True)
    ticker.start()
    assert played == []
    voice.set_muted(False)
    voice.sounds_only = True
    for _ in range(30):
        clock.advance(0.5)
        ticker.poke()
    # 3, 2 and a distinct, higher beep on the last second.
    assert [k for k, _ in played] == ["chime", "beep", "beep", "beep_last", "chime", "chime"]


def test_speech_giving_up_is_told_once_and_beeps_take_over(setup, clock: FakeClock) -> None:
    voice, service, ticker, played, told = setup
    told.clear()  # there may be a notice about this machine having no sound output
    ticker.start()
    service.available = False
    service.events.append(Unavailable(SpeechProblem("Spoken cues are off: X.", "do Y")))
    voice.poll()
    assert (
        told
        == [
            "Spoken cues are off: X. To fix it: do Y. Until then the session uses "
            "beeps and a chime."
        ]
        or len(told) == 0
    )
    for _ in range(30):
        clock.advance(0.5)
        ticker.poke()
    assert ("beep", "") in played and ("chime", "") in played
    service.events.append(Unavailable(SpeechProblem("again", "again")))
    voice.poll()
    assert len(told) <= 1


def test_voice_panel_lists_voices_and_returns_the_choices(qtbot, tmp_path: Path, clock) -> None:
    service = FakeService(tmp_path / "x.wav")
    made: list[VoiceSettings] = []

    def factory(settings: VoiceSettings) -> FakeService:
        made.append(settings)
        fresh = FakeService(tmp_path / "y.wav")
        fresh.settings = settings
        return fresh

    voice = QtVoice(service, {}, clock=clock, service_factory=factory)  # type: ignore[arg-type]
    previews: list[tuple[Settings, str]] = []
    dialog = VoicePanel(Settings(), voice, lambda s, t: previews.append((s, t)))
    qtbot.addWidget(dialog)
    voice.poll()
    assert [dialog.voice.itemData(i) for i in range(dialog.voice.count())] == [
        "",
        "gmw/en",
        "roa/fr",
    ]
    assert dialog.status.text() == "2 voices."
    dialog.voice.setCurrentIndex(2)
    dialog.rate.setValue(200)
    dialog.volume.setValue(60)
    dialog.sounds_only.setChecked(True)
    dialog.preview_button.click()
    chosen = dialog.result_settings()
    assert (chosen.voice, chosen.rate, chosen.volume, chosen.sounds_only) == (
        "roa/fr",
        200,
        60,
        True,
    )
    assert previews == [(chosen, PREVIEW_TEXT)]
    # a new voice or rate gets a fresh worker; volume alone does not
    voice.configure(VoiceSettings("roa/fr", 200, 0.6), muted=False, sounds_only=False)
    assert service.closed and made == [VoiceSettings("roa/fr", 200, 0.6)]
    voice.configure(VoiceSettings("roa/fr", 200, 0.3), muted=False, sounds_only=False)
    assert len(made) == 1 and voice.volume == 0.3
    # a new language too: the worker chooses its voice for the language of the cue texts
    voice.configure(VoiceSettings("roa/fr", 200, 0.3, "de"), muted=False, sounds_only=False)
    assert len(made) == 2 and made[-1].language == "de"
    voice.close()
