"""QtTray: a tray icon where the desktop has a tray (GNOME has none): a shortcut, never the
only way to anything. It lives only while the app runs; reminders do not depend on it."""

from __future__ import annotations

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from backstretch.core.i18n import tr
from backstretch.core.paths import asset
from backstretch.ui.main_window import MainWindow


class QtTray(QSystemTrayIcon):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(QIcon(str(asset("icons", "backstretch.svg"))), window)
        self._window = window
        self.menu = QMenu()
        self.open_action = QAction(tr("Open BackStretch"), self.menu)
        self.start_action = QAction(tr("Start the chosen routine"), self.menu)
        self.open_action.triggered.connect(window.bring_to_front)
        self.start_action.triggered.connect(self._start)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.start_action)
        self.setContextMenu(self.menu)
        self.setToolTip("BackStretch")
        self.activated.connect(self._activated)

    def _start(self) -> None:
        self._window.bring_to_front()
        if not self._window.session_running():
            self._window.start_view.request_start()  # the usual path: safety notice, pain check

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._window.bring_to_front()

    def show_plan(self, text: str | None) -> None:
        """The tooltip says what the start view's plan line says."""
        self.setToolTip(f"BackStretch\n{text}" if text else "BackStretch")


def make_tray(window: MainWindow) -> QtTray | None:
    """A tray icon only where the system has a tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QtTray(window)
    tray.show()
    return tray
