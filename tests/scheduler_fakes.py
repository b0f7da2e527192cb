"""A recording runner for the scheduler: the exact commands, no system touched.

Shared by the scheduler, reminder-command, uninstall and plan-panel tests (a helper module, so no
test module imports another).
"""

from __future__ import annotations

from collections.abc import Sequence

from backstretch.desktop import scheduler as s


class FakeRunner:
    """Records every command; answers from a table of (first words) -> Ran."""

    def __init__(self, answers: dict[tuple[str, ...], s.Ran] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.answers = answers or {}

    def __call__(self, argv: Sequence[str]) -> s.Ran:
        self.calls.append(list(argv))
        for prefix, answer in self.answers.items():
            if tuple(argv[: len(prefix)]) == prefix:
                return answer
        return s.Ran(0)
