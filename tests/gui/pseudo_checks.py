"""Helpers shared by test modules, so that no test module imports another."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QTabBar,
    QTabWidget,
    QWidget,
)

from backstretch.core import i18n

FILLER = "ẍ"  # every pseudo-translated text ends with words that start with it


def untranslated(root: QWidget) -> list[str]:
    """The code's texts under `root` that did not pass through tr."""
    standard = {
        button
        for box in root.findChildren(QDialogButtonBox)
        for button in box.buttons()
        if box.standardButton(button) in (box.StandardButton.Ok, box.StandardButton.Cancel)
    }  # Qt's own words, translated by Qt's catalogs, as are a tab bar's scroll arrows
    standard |= {b for bar in root.findChildren(QTabBar) for b in bar.findChildren(QWidget)}
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget in standard:
            continue
        texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(n) for n in range(widget.count()))
        for text in texts:
            if text.strip() and not text.isdigit() and FILLER not in text and text not in DAY_NAMES:
                found.append(f"{type(widget).__name__}: {text!r}")
    return found


DAY_NAMES = {*i18n.weekday_names(short=True), *i18n.weekday_names(short=False)}
