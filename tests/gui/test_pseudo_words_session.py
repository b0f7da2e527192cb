"""Every word of the finish view and the session view (its buttons and its three dialogs) goes
through tr: in the pseudo-translation mode each text the code writes gains filler words.

The AST scan (tests/unit/test_words_marked_ui.py) finds literals outside tr; this finds texts
built at run time that skipped it, such as a sentence glued from parts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from backstretch.core import i18n
from backstretch.core.engine import HoldOutcome
from backstretch.core.paths import asset
from backstretch.core.summary import summarize
from backstretch.ui.finish_view import FinishView
from backstretch.ui.session_view import SessionView
from tests.fakes import plan_from_text
from tests.gui.finish_samples import drawings, records
from tests.gui.helpers import assert_nothing_clipped
from tests.gui.pseudo_checks import FILLER, untranslated

D, S, P = HoldOutcome.DONE, HoldOutcome.SKIPPED, HoldOutcome.PAIN


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_pseudo(True)
    yield
    i18n.set_pseudo(False)


def label_texts(root: QWidget, content: set[str]) -> list[str]:
    """Label texts without filler, other than numbers, symbols and the content's names."""
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if any(c.isalpha() for c in label.text())
        and FILLER not in label.text()
        and label.text() not in content
    ]


def test_the_finish_view_is_all_translated(qtbot, pseudo: None) -> None:
    plan = plan_from_text(asset("routines", "lower-back-relief.toml").read_text(encoding="utf-8"))
    view = FinishView()
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    summary = summarize(plan, records(plan, [D, D, S, P]))
    view.show_summary(summary, False, 200.0, plan.item_count, drawings(plan))
    view.show_pain(6, 4)
    view.set_streak(3)
    names = {item.stretch.name for item in plan.routine.items}
    assert untranslated(view) == []
    assert label_texts(view, names) == []
    for row in view.rows:  # built from whole sentences, not glued around a translation
        assert FILLER in row.accessibleName() and FILLER in row.time.text()
    assert FILLER in view.pain.text() and FILLER in view.pain.change.text()
    assert FILLER in view.what_to_do.accessibleDescription()
    # The longer words still fit: no label or button clipped at the smallest window.
    view.resize(800, 560)
    assert_nothing_clipped(view)


def test_the_session_view_and_its_dialogs_are_all_translated(qtbot, pseudo: None) -> None:
    view = SessionView()
    qtbot.addWidget(view)
    assert untranslated(view) == []
    for overlay in (view.pause_overlay, view.hurt_overlay, view.confirm_overlay):
        assert FILLER in overlay.accessibleName() and FILLER in overlay.title.text()
    assert FILLER in view.warning.text()
    assert FILLER in view.key_hint.text()
