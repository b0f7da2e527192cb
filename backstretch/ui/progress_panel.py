"""ProgressPanel: "Is it helping?" in the history: the verdict, its figures, relief, the weekly
check, per-stretch stops, how it is worked out, and the report for the clinician (issue 16)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backstretch.core import progress
from backstretch.core.i18n import ntr, tr
from backstretch.core.log import SessionLog, SessionRow
from backstretch.core.paths import Paths
from backstretch.core.report import Report
from backstretch.core.settings import Settings


class ProgressPanel(QScrollArea):
    """Reads what it needs from the rows the history already has, plus the holds of the
    recent weeks; the report reads the log again when asked for."""

    def __init__(
        self,
        log: SessionLog,
        today: date,
        *,
        names: Mapping[str, str] | None = None,
        settings: Settings | None = None,
        paths: Paths | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self.today = today
        self._names = dict(names or {})
        self.settings = settings  # None: read from disk when the report is written
        self.paths = paths
        # Tests replace this to answer the file dialog.
        self.ask_path: Callable[[], str] = self._ask_path
        self.setWidgetResizable(True)
        self.setAccessibleName(tr("Is it helping?"))

        def label(name: str, bold: bool = False) -> QLabel:
            widget = QLabel()
            widget.setWordWrap(True)
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader reaches each
            widget.setAccessibleName(name)
            if bold:
                font = QFont(widget.font())
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 1.2)
                widget.setFont(font)
            return widget

        self.verdict = label(tr("Verdict"), bold=True)
        self.urgent = label(tr("Warning signs"), bold=True)
        self.figures = label(tr("Pain before sessions"))
        self.checks = label(tr("Weekly check answers"))
        self.relief = label(tr("Immediate relief"))
        self.stops = label(tr("Stops per stretch"))
        self.help = label(tr("How this is worked out"))
        self.help.setText(tr(progress.words().help))
        self.help.setVisible(False)
        self.help_button = QPushButton(tr("&How is this worked out?"))
        self.help_button.setCheckable(True)
        self.help_button.setAccessibleName(tr("How is this worked out?"))
        self.help_button.setAccessibleDescription(
            tr("Shows or hides the thresholds behind the answer and their source.")
        )
        self.help_button.toggled.connect(self.help.setVisible)
        self.report_button = QPushButton(tr("&Report for your clinician…"))
        self.report_button.setAccessibleName(tr("Report for your clinician"))
        self.report_button.setAccessibleDescription(
            tr("Save a PDF of your sessions, pain trend and notes to show a clinician.")
        )
        self.report_button.clicked.connect(self.write_report)
        self.status = label(tr("Report status"))
        for button in (self.help_button, self.report_button):
            button.setMinimumHeight(44)
            button.setAutoDefault(False)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.verdict)
        layout.addWidget(self.urgent)
        layout.addWidget(self.figures)
        layout.addWidget(self.checks)
        layout.addWidget(self.relief)
        layout.addWidget(self.stops)
        buttons = QHBoxLayout()
        buttons.addWidget(self.help_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.help)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setWidget(body)

    def set_rows(self, rows: Sequence[SessionRow]) -> None:
        """Sessions as the history read them (no holds needed)."""
        self.trend = progress.pain_trend(progress.ratings_of(rows))
        self.verdict.setText(self.trend.sentence)  # translated in core, as are those below
        answers = progress.latest_answers(self._log.weekly_checks())
        # A "worse" verdict, or a latest weekly answer on the worse side, shows the signs.
        worse = self.trend.verdict is progress.Verdict.WORSE or bool(
            answers and (answers[-1].answer or 0) < 0
        )
        # In words, first after the verdict: never only a colour, never buried.
        self.urgent.setText(
            tr("Important: {warning}").format(warning=tr(progress.words().urgent)) if worse else ""
        )
        self.urgent.setVisible(worse)
        self.figures.setText(self.trend.figures_text())
        self.relief.setText(progress.immediate_relief(rows).text())
        said = [
            tr("{day}: {answer}").format(
                day=progress.day_label(c.asked_at.date()),
                answer=tr(progress.weekly_answer_text(c.answer)),
            )
            for c in answers
        ]
        self.checks.setText(
            tr("Weekly check, how your back is overall: {answers}.").format(answers="; ".join(said))
            if said
            else tr("Weekly check: no answers yet (it can be turned on in Settings).")
        )
        since = progress.recent_since(self.today)
        recent = progress.per_stretch(self._log.sessions(since), since)
        self.stops.setText(self._stops_text(recent))

    def _stops_text(self, recent: Mapping[str, progress.StretchProgress]) -> str:
        weeks = progress.RECENT_WEEKS
        if not recent:
            return ntr(
                "No stretches done in the last {weeks} week.",
                "No stretches done in the last {weeks} weeks.",
                weeks,
            ).format(weeks=weeks)
        lines = [
            ntr(
                "Last {weeks} week, per stretch:", "Last {weeks} weeks, per stretch:", weeks
            ).format(weeks=weeks)
        ]
        for found in sorted(recent.values(), key=lambda s: (-s.pain, s.stretch)):
            name = self._names.get(found.stretch, found.stretch)
            lines.append(
                ntr(
                    "{name}: {sessions} session; stopped for pain {pain}, skipped {skipped}, "
                    "held shorter {shortened}.",
                    "{name}: {sessions} sessions; stopped for pain {pain}, skipped {skipped}, "
                    "held shorter {shortened}.",
                    found.sessions,
                ).format(
                    name=name,
                    sessions=found.sessions,
                    pain=found.pain,
                    skipped=found.skipped,
                    shortened=found.shortened,
                )
            )
        return "\n".join(lines)

    # ------------------------------------------------------------------ the report
    def _ask_path(self) -> str:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Save the report for your clinician"),
            str(Path.home() / f"backstretch-report-{self.today.isoformat()}.pdf"),
            tr("PDF files (*.pdf)"),
        )
        return chosen

    def build_report(self) -> Report:
        from backstretch.core.paths import resolve_paths
        from backstretch.core.report import report_from_log
        from backstretch.core.settings import load_settings
        from backstretch.core.stretches import load_library

        paths = self.paths or resolve_paths()
        settings = self.settings or load_settings(paths.settings_file, set_aside=False).settings
        return report_from_log(self._log, settings, paths, load_library(), today=self.today)

    def write_report(self) -> None:
        chosen = self.ask_path()
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from backstretch.ui.report_pdf import write_pdf

        try:
            write_pdf(self.build_report(), path)
        except OSError as error:
            self.status.setText(tr("Could not save the report: {reason}.").format(reason=error))
            return
        self.status.setText(tr("Report saved to {path}.").format(path=path))
