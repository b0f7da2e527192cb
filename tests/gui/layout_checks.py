"""Text that does not fit its box, in any window: clipped, elided or cut off at an edge.

tests/floor.py measures the session view this way; this does the same for labels, buttons,
check and radio boxes, group titles, tabs, column titles and cells anywhere, so that the
pseudo-translation (words 40 % longer) can be run through every view (issue 14, "Layouts
hold"). A helper module, not a test module.
"""

from __future__ import annotations

import re

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionGroupBox,
    QTabBar,
    QTableView,
    QWidget,
)

# Room a push button keeps around its text, as tests/floor.py allows: the style's margins
# (Fusion pads 4 px a side) and a style sheet's padding are about that.
BUTTON_PADDING = 8
BUTTON_KINDS = {"QCheckBox": "check box", "QRadioButton": "radio button"}
SLACK = 1  # px: rounding between QFontMetricsF and the integer geometry Qt lays out


def plain(text: str) -> str:
    """The text a button or tab draws: "&Save" shows as "Save", "&&" as "&"."""
    return re.sub(r"&(.)", r"\1", text)


def _lines(widget: QWidget, text: str) -> list[str]:
    """The lines as shown: a rich-text label's tags taken out."""
    rich = isinstance(widget, QLabel) and (
        widget.textFormat() is Qt.TextFormat.RichText
        or (widget.textFormat() is Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    )
    if rich:
        text = re.sub(r"<br\s*/?>|</p>|</div>|</li>", "\n", text)
        text = re.sub(r"<[^>]+>", "", text)
        text = text.replace("&nbsp;", " ").replace("&amp;", "&")
        text = text.replace("&lt;", "<").replace("&gt;", ">")
    return text.splitlines() or [""]


def _name(widget: QWidget, text: str) -> str:
    label = widget.objectName() or widget.accessibleName()
    where = f" ({label})" if label else ""
    return f"{type(widget).__name__}{where} {text[:50]!r}"


def scrolls(widget: QWidget, root: QWidget) -> bool:
    """Inside a scroll area's viewport below root: there a tall text scrolls, it is not cut."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _cut_by_parents(widget: QWidget, root: QWidget) -> str | None:
    """A widget's box reaching outside a parent's box is drawn cut off there, up to root.
    Inside a scroll area it is the area's own box that must fit (checked with the area):
    its content can be scrolled to, and its sideways overflow is checked on its own."""
    rect = QRect(widget.rect())
    child = widget
    parent = widget.parentWidget()
    while parent is not None and child is not root:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return None
        rect.translate(child.pos())
        if not parent.rect().contains(rect):
            where, box = rect.getRect(), parent.rect().getRect()
            return f"is cut by {type(parent).__name__}: {where} in {box}"
        child, parent = parent, parent.parentWidget()
    return None


def _label_problems(label: QLabel, root: QWidget) -> list[str]:
    text = plain(label.text()) if label.buddy() is not None else label.text()
    name = _name(label, text)
    metrics = QFontMetricsF(label.font())
    room = label.contentsRect()
    room.adjust(label.margin(), label.margin(), -label.margin(), -label.margin())
    problems = []
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() and not scrolls(label, root):
            problems.append(f"{name} needs {need} px high, has {label.height()}")
        for word in " ".join(_lines(label, text)).split():
            if metrics.horizontalAdvance(word) > room.width() + SLACK:
                problems.append(f"{name}: the word {word!r} is wider than its box")
    else:
        widest = max(metrics.horizontalAdvance(line) for line in _lines(label, text))
        if widest > room.width() + SLACK:
            problems.append(f"{name} is {widest:.0f} px wide in {room.width()}")
        lines = len(_lines(label, text))
        if metrics.height() * lines > room.height() + SLACK and not scrolls(label, root):
            problems.append(f"{name} is cut at the top or bottom ({room.height()} px)")
    return problems


def _button_problems(button: QAbstractButton, root: QWidget) -> list[str]:
    text = plain(button.text())
    name = _name(button, text)
    metrics = QFontMetricsF(button.font())
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    problems = []
    if isinstance(button, (QCheckBox, QRadioButton)):
        # The text starts after the indicator: the style says where its room is.
        option = QStyleOptionButton()
        option.initFrom(button)
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = button.style().subElementRect(element, option, button).width()
        if widest > room + SLACK:
            problems.append(f"{name} is {widest:.0f} px wide in {room}")
    else:
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        if isinstance(button, QPushButton) and button.menu() is not None:
            icon += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
        room = button.width() - BUTTON_PADDING - icon
        if widest > room + SLACK:
            problems.append(f"{name} does not fit its button: {widest:.0f} px in {room}")
    lines = len(text.splitlines())
    if metrics.height() * lines > button.height() + SLACK and not scrolls(button, root):
        problems.append(f"{name} is cut at the top or bottom ({button.height()} px)")
    return problems


def _group_problems(group: QGroupBox) -> list[str]:
    text = plain(group.title())
    option = QStyleOptionGroupBox()
    option.initFrom(group)
    option.text = group.title()
    option.subControls = QStyle.SubControl.SC_GroupBoxLabel
    if group.isCheckable():
        option.subControls |= QStyle.SubControl.SC_GroupBoxCheckBox
    label = group.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, group
    )
    widest = QFontMetricsF(group.font()).horizontalAdvance(text)
    room = group.width() - label.left()
    if widest > room + SLACK:
        return [f"{_name(group, text)}: the title is {widest:.0f} px wide in {room}"]
    return []


def _tab_problems(bar: QTabBar) -> list[str]:
    problems = []
    metrics = QFontMetricsF(bar.font())
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = plain(bar.tabText(index))
        name = f"the tab {text[:50]!r}"
        rect = bar.tabRect(index)
        if not bar.rect().contains(rect):
            problems.append(f"{name} is off the tab bar (scrolled out of sight): {rect.getRect()}")
        widest = metrics.horizontalAdvance(text)
        # A tab is its words plus the style's padding (PM_TabBarTabHSpace); an elided one is
        # narrower. Half the padding is allowed, for a style that draws closer to the edges.
        extra = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
        if widest > rect.width() - extra // 2 + SLACK:
            problems.append(f"{name} is elided: {widest:.0f} px in a {rect.width()} px tab")
    return problems


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    problems = []
    font = QFont(header.font())
    # A selected row makes every column's title bold (highlightSections), so they are measured so.
    font.setBold(font.bold() or header.highlightSections())
    metrics = QFontMetricsF(font)
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        widest = max(metrics.horizontalAdvance(line) for line in str(text).splitlines())
        room = header.sectionSize(section) - margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            room -= header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        if widest > room + SLACK:
            problems.append(
                f"the column {str(text)[:40]!r} is elided: {widest:.0f} px in {room} px"
            )
    return problems


def _cell_problems(view: QAbstractItemView) -> list[str]:
    """The cells in sight whose words are longer than the cell (the view elides them)."""
    model = view.model()
    if model is None:
        return []
    problems = []
    port = view.viewport().rect()
    # The style's room around a cell's text (Fusion: a focus-frame margin, plus one, a side).
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    columns = model.columnCount() if isinstance(view, QTableView) else 1
    for row in range(model.rowCount()):
        for column in range(columns):
            index = model.index(row, column)
            rect = view.visualRect(index)
            if rect.isEmpty() or not port.intersects(rect):
                continue
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text is None or not str(text):
                continue
            font = index.data(Qt.ItemDataRole.FontRole) or view.font()
            metrics = QFontMetricsF(font)
            widest = max(metrics.horizontalAdvance(line) for line in str(text).splitlines())
            room = rect.width() - margin
            if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                room -= view.iconSize().width() + 4
            # A wrapping table has as many lines as the row's height holds (a rough count:
            # wrapping at words needs a little more than the widths add up to).
            lines = max(1, int(rect.height() // metrics.lineSpacing())) if view.wordWrap() else 1
            if widest > room * lines + SLACK:
                shown = str(text).splitlines()[0][:40]
                problems.append(f"the cell {shown!r} is elided: {widest:.0f} px in {room} px")
    return problems


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def shown(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisibleTo(root)]


def layout_problems(root: QWidget, seen: set[str] | None = None) -> list[str]:
    """Every visible text under root that is clipped, elided or wider than its box, and every
    scroll area that would scroll sideways. `seen` collects the kinds of text measured, so a
    test can tell that it measured what it meant to (a tab bar, a table's header)."""
    problems: list[str] = []
    seen = set() if seen is None else seen
    for widget in shown(root):
        if isinstance(widget, QLabel) and widget.text():
            seen.add("label")
            problems.extend(_label_problems(widget, root))
        elif isinstance(widget, QAbstractButton) and widget.text():
            seen.add(BUTTON_KINDS.get(type(widget).__name__, "button"))
            problems.extend(_button_problems(widget, root))
        elif isinstance(widget, QGroupBox) and widget.title():
            seen.add("group title")
            problems.extend(_group_problems(widget))
        elif isinstance(widget, QTabBar):
            seen.add("tab")
            problems.extend(_tab_problems(widget))
        elif isinstance(widget, QHeaderView) and widget.orientation() is Qt.Orientation.Horizontal:
            seen.add("column header")
            problems.extend(_header_problems(widget))
        elif isinstance(widget, (QTableView, QListView)):
            seen.add("cell")
            problems.extend(_cell_problems(widget))
        elif isinstance(widget, QScrollArea) and widget.widget() is not None:
            content, port = widget.widget().width(), widget.viewport().width()
            if content > port:
                problems.append(f"{_name(widget, '')} scrolls sideways: {content} px in {port}")
        text = _text(widget)
        if text or isinstance(widget, QAbstractScrollArea):
            cut = _cut_by_parents(widget, root)
            if cut:
                problems.append(f"{_name(widget, text)} {cut}")
    return list(dict.fromkeys(problems))
