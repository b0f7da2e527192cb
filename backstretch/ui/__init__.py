"""Everything that imports PySide6: windows, dialogs, the QTimer driver, audio playback."""
