"""A plain window that runs one session: phase, stretch, countdown and the basic controls."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backstretch.core.engine import EngineState
from backstretch.core.timefmt import countdown_text
from backstretch.ui.ticker import QtTicker


class MinimalWindow(QWidget):
    """Enough window to follow a session; the full session view replaces it."""

    def __init__(self, ticker: QtTicker) -> None:
        super().__init__()
        self.ticker = ticker
        self.setWindowTitle("BackStretch")
        self.title = QLabel()
        self.phase_label = QLabel()
        self.countdown = QLabel()
        font = self.countdown.font()
        font.setPointSize(64)
        self.countdown.setFont(font)
        self.start_button = QPushButton("Start")
        self.pause_button = QPushButton("Pause")
        self.skip_button = QPushButton("Skip")
        self.start_button.clicked.connect(ticker.start)
        self.pause_button.clicked.connect(lambda: ticker.control("toggle_pause"))
        self.skip_button.clicked.connect(lambda: ticker.control("skip"))
        QShortcut(QKeySequence("Space"), self, lambda: ticker.control("toggle_pause"))
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.skip_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.phase_label, self.countdown):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        ticker.secondChanged.connect(self.refresh)
        ticker.phaseStarted.connect(self.refresh)
        ticker.stateChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        engine = self.ticker.engine
        phase = engine.phase
        self.title.setText(phase.stretch.name if phase.stretch else engine.plan.routine.name)
        side = f" - {phase.side_name}" if phase.side else ""
        self.phase_label.setText(f"{phase.kind.value.title()}{side}")
        self.countdown.setText(countdown_text(engine.remaining()))
        self.start_button.setEnabled(engine.state is EngineState.READY)
        self.pause_button.setText("Resume" if engine.state is EngineState.PAUSED else "Pause")
