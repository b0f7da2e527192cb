"""The plan: a routine unrolled into phases with durations and cues."""

from __future__ import annotations

import json

from backstretch.core.cues import load_cue_texts
from backstretch.core.plan import PhaseKind, build_plan
from backstretch.core.routines import find_routine
from backstretch.core.stretches import Side, load_library
from tests.fakes import SHORT_ROUTINE, plan_from_text


def test_short_routine_timeline() -> None:
    plan = plan_from_text(SHORT_ROUTINE)
    shape = [(p.kind, p.side, p.rep, p.duration_s) for p in plan.phases]
    H, S, R, RX, RS, P, D = (
        PhaseKind.HOLD,
        PhaseKind.SWITCH,
        Side.RIGHT,
        PhaseKind.RELAX,
        PhaseKind.REST,
        PhaseKind.PREPARE,
        PhaseKind.DONE,
    )
    assert shape == [
        (P, R, None, 5.0),
        (H, R, 1, 10.0),
        (S, Side.LEFT, None, 3.0),
        (H, Side.LEFT, 1, 10.0),
        (RS, None, None, 4.0),
        (P, None, None, 5.0),
        (H, None, 1, 6.0),
        (RX, None, 1, 2.0),
        (H, None, 2, 6.0),
        (D, None, None, 0.0),
    ]
    assert plan.total_s == 51.0
    for before, after in zip(plan.phases, plan.phases[1:], strict=False):
        assert after.start_s == before.end_s
    rest = plan.phases[4]
    assert rest.stretch is not None and rest.stretch.id == "pelvic-tilt"
    assert rest.cues[0].text == "Rest. Next: Pelvic Tilts."
    assert plan.phases[2].cues[0].text == "Switch sides. Now your left leg."
    assert plan.phases[7].cues[0].text == "Relax."


def test_cues_of_a_long_hold_include_breathing_halfway_and_a_countdown_from_the_end() -> None:
    plan = plan_from_text("""
name = "One"
[[item]]
stretch = "childs-pose"
hold = 60
""")
    hold = plan.phases[1]
    timeline = [(c.kind, c.at_s(hold.duration_s)) for c in hold.cues]
    assert timeline == [
        ("hold", 0.0),
        ("breathe", 5.0),
        ("halfway", 30.0),
        ("count", 57.0),
        ("count", 58.0),
        ("count", 59.0),
    ]
    assert hold.cues[0].text == "Hold for 60 seconds."
    assert [c.text for c in hold.cues[3:]] == ["Three", "Two", "One"]
    # anchored to the end: an extended hold counts down from its new end
    assert hold.cues[3].at_s(70.0) == 67.0
    announce = plan.phases[0].cues[0].text
    assert announce.startswith("Child's Pose. Come onto your hands and knees")


def test_short_holds_get_no_breathing_or_halfway_and_reps_are_counted() -> None:
    plan = plan_from_text(SHORT_ROUTINE)
    tilt = plan.phases[6]
    assert [c.kind for c in tilt.cues] == ["hold", "count", "count", "count"]
    assert tilt.cues[0].text == "Hold for 6 seconds. Repetition 1 of 2."
    sided = plan.phases[1]
    assert sided.cues[0].text == "Hold for 10 seconds. Your right leg."
    assert plan.phases[0].cues[0].text.startswith("Knee-to-Chest, starting with your right leg.")


def test_bundled_plan_json_shape() -> None:
    library = load_library()
    plan = build_plan(find_routine("lower-back-relief", None, library), load_cue_texts())
    data = json.loads(json.dumps(plan.to_json()))
    assert data["routine"] == "Lower back relief"
    assert data["total_s"] == sum(p["duration_s"] for p in data["phases"])
    kinds = {p["kind"] for p in data["phases"]}
    assert kinds == {"prepare", "hold", "switch", "relax", "rest", "done"}
    first = data["phases"][0]
    assert set(first) == {
        "index",
        "kind",
        "stretch",
        "side",
        "rep",
        "start_s",
        "duration_s",
        "cues",
    }
    assert first["stretch"] == "childs-pose"
    assert {c["at_s"] for p in data["phases"] for c in p["cues"]} >= {0.0}
    assert data["phases"][-1]["kind"] == "done"
    assert all(p["side"] in (None, "left", "right") for p in data["phases"])


def test_getting_into_position_is_never_shorter_than_reading_the_steps() -> None:
    from backstretch.core.plan import reading_seconds
    from tests.fakes import routine_from_text

    routine = routine_from_text("""
name = "Quick"
[timings]
prepare = 5
[[item]]
stretch = "knee-to-chest"
""")
    texts = load_cue_texts()
    normal = build_plan(routine, texts)
    announce = normal.phases[0].cues[0].text
    assert reading_seconds(announce) == 21  # 56 words at 160 per minute
    assert normal.phases[0].duration_s == 24
    assert normal.phases[1].start_s == 24
    slow = build_plan(routine, texts, rate=100)
    assert slow.phases[0].duration_s == reading_seconds(announce, 100) + 3 == 36


def test_spoken_texts_lists_each_sentence_once_in_the_order_needed() -> None:
    from backstretch.core.plan import spoken_texts

    texts = load_cue_texts()
    plan = plan_from_text(SHORT_ROUTINE)
    said = spoken_texts(plan, texts)
    assert len(said) == len(set(said))
    assert said[0] == plan.phases[0].cues[0].text
    assert said[3:6] == [
        texts.say("control.pause"),
        texts.say("control.resume"),
        texts.say("control.hurt"),
    ]
    every = {c.text for p in plan.phases for c in p.cues}
    assert every <= set(said)
    assert said.index("Relax.") < said.index(texts.say("done.text"))
