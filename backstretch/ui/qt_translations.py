"""Qt's own words (QMessageBox buttons, QFileDialog) in the app's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from backstretch.core import i18n

# The translator now installed, kept so a change of language can take it out again (and so
# Python does not collect it while Qt still uses it).
_installed: list[QTranslator] = []


def qt_translations_dir() -> Path:
    """Where Qt keeps qtbase_<lang>.qm: PySide6's wheel ships them beside its libraries."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install_qt_translator(app: QCoreApplication, language: str | None = None) -> bool:
    """Load qtbase_<language>.qm (default: the language i18n speaks) into app.

    English needs none (Qt's source language). Returns True when a translation was installed;
    False when Qt has none for the language (its dialogs then stay English, which is all Qt
    can do) or the language is English. Safe to call again after a change of language."""
    code = language or i18n.language()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if code.partition("_")[0] == i18n.SOURCE_LANGUAGE:
        return False
    translator = QTranslator(app)
    folder = str(qt_translations_dir())
    # QTranslator.load(QLocale, ...) tries qtbase_es_ES, then qtbase_es, as gettext does.
    if not translator.load(QLocale(code), "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
