"""QtMediaBridge: media keys from MPRIS (any window focus) as a Qt signal in the GUI thread."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from backstretch.core.engine import EngineState
from backstretch.desktop.mpris import Command, MprisPlayer

if TYPE_CHECKING:
    from backstretch.ui.session_view import SessionView
    from backstretch.ui.ticker import QtTicker


class QtMediaBridge(QObject):
    """Owns an MprisPlayer while a session runs and re-emits its commands in the GUI thread.

    The player calls back from its D-Bus reader thread. That call only emits the private
    ``_fromBus`` signal, connected with a QueuedConnection, so ``commandReceived`` is always
    emitted in this object's (the GUI) thread, however its listeners connect, and a command
    that was still queued when the session stopped is dropped.

    Start it when a session starts, stop it when the session ends and when the app quits:
    nothing stays on the bus after the session. Elsewhere than Linux there is no session
    bus, so start() returns False and media keys work through the window alone.
    """

    commandReceived = Signal(object)  # a backstretch.desktop.mpris.Command
    _fromBus = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        identity: str = "BackStretch",
        bus_address: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._player: MprisPlayer | None = None
        if sys.platform.startswith("linux"):
            self._player = MprisPlayer(self._fromBus.emit, identity, bus_address)
        self._running = False
        self._view: SessionView | None = None
        self._ticker: QtTicker | None = None
        self._fromBus.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def follow(self, view: SessionView, ticker: QtTicker) -> None:
        """Offer this session on the bus: its keys drive the view, and the desktop is told
        which stretch is on and whether it is paused. Stops with the session."""
        self._view, self._ticker = view, ticker
        ticker.phaseStarted.connect(self._tell)
        ticker.stateChanged.connect(self._tell)
        ticker.finished.connect(self.stop)
        self.start()

    def _tell(self, *_args: object) -> None:
        if self._ticker is None:
            return
        engine = self._ticker.engine
        stretch = engine.phase.stretch
        title = stretch.name if stretch is not None else engine.plan.routine.name
        self.set_state(engine.state is EngineState.RUNNING, title)

    def _command(self, command: Command) -> None:
        view = self._view
        if view is None or not view.isVisible() or self._ticker is None:
            return
        match command:
            case Command.PLAY_PAUSE:
                view.space_key()
            case Command.PLAY:
                view.play()
            case Command.PAUSE | Command.STOP:  # a stray Stop never ends a session
                view.pause()
            case Command.NEXT:
                view.right_key()
            case Command.PREVIOUS:
                view.go_back()
            case _:
                pass

    def start(self) -> bool:
        """Offer the player on the session bus; False (and no error) where there is none."""
        self._running = self._player is not None and self._player.start()
        return self._running

    def stop(self) -> None:
        """Leave the bus and drop commands still on their way; safe to call twice."""
        self._running = False
        self._view = self._ticker = None
        if self._player is not None:
            self._player.stop()

    def set_state(self, playing: bool, title: str, artist: str = "BackStretch") -> None:
        """Tell the desktop whether the session is paused and which stretch is on."""
        if self._player is not None:
            self._player.set_state(playing, title, artist)

    @property
    def running(self) -> bool:
        return self._running

    @Slot(object)
    def _deliver(self, command: Command) -> None:
        if self._running:
            self.commandReceived.emit(command)
            self._command(command)
