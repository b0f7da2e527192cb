"""IllustrationView: a stretch's start and end pose on a light card, moving from one to the other.

Drawings follow the contract in docs/illustrations.md: the person is one group `figure`, the
area that should feel the stretch is `target` (hold poses only), and the top band of the
picture is kept free for the LEFT/RIGHT badge and the "Feel it here" label, which are drawn
here (not in the SVG) so that mirroring never flips their letters.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from backstretch.core.i18n import tr

CARD = QColor("#F3F0EA")
BADGE = QColor("#1F2B40")  # white on it: 14:1
TARGET_TEXT = QColor("#145A52")  # on the card: 7.3:1; teal, never the orange of pain
FREE_BAND = 96 / 400  # the top of every drawing that the figure leaves free
MOVE_MS = 1200


class IllustrationView(QWidget):
    """Two poses cross-fade (Qt's own animation), mirrored as asked, with a side badge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderers: dict[Path, QSvgRenderer] = {}
        self._pictures: dict[tuple[object, ...], QPixmap] = {}
        self.start_path: Path | None = None
        self.end_path: Path | None = None
        self.mirrored = False
        self.badge = ""
        self.reduce_motion = False
        self.pose = 0.0  # 0 the start pose, 1 the end pose
        self._target_pose = 0.0
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(MOVE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._animation.valueChanged.connect(self._moved)
        self.setMinimumSize(160, 100)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # ------------------------------------------------------------------ what to show
    def show_stretch(
        self, start: Path | None, end: Path | None, *, mirrored: bool, badge: str, name: str
    ) -> None:
        changed = (start, end) != (self.start_path, self.end_path) or mirrored != self.mirrored
        self.start_path, self.end_path = start, end or start
        self.mirrored, self.badge = mirrored, badge
        if changed:
            self._pictures.clear()  # another stretch: its poses are drawn afresh
            self._animation.stop()
            self.pose = self._target_pose = 1.0 if self.reduce_motion else 0.0
        if name and badge:
            # The side as the content writes it for a sentence ("right leg", "rechtes Bein"):
            # lower-casing a translation would spoil the nouns of German.
            text = tr("Drawing: {name}, {side}").format(name=name, side=badge)
        else:
            text = tr("Drawing: {name}").format(name=name) if name else tr("Drawing")
        self.setAccessibleName(text)
        self.update()

    @property
    def path(self) -> Path | None:
        """The pose shown, or being moved to."""
        return self.end_path if self._target_pose >= 0.5 else self.start_path

    def set_pose(self, end: bool) -> None:
        """Move to the end pose (or back to the start); at once when motion is reduced."""
        target = 1.0 if (end or self.reduce_motion) else 0.0
        if target == self._target_pose:
            return
        self._target_pose = target
        self._animation.stop()
        if self.reduce_motion or not self.isVisible():
            self.pose = target
            self.update()
            return
        self._animation.setStartValue(self.pose)
        self._animation.setEndValue(target)
        self._animation.start()

    def set_reduce_motion(self, reduce: bool) -> None:
        self.reduce_motion = reduce
        if reduce:
            self._animation.stop()
            self.pose = self._target_pose = 1.0
            self.update()

    def settle(self) -> None:
        """Finish a move at once (screenshots, and a window about to be hidden)."""
        if self.is_moving():
            self._animation.stop()
        self.pose = self._target_pose
        self.update()

    def is_moving(self) -> bool:
        return self._animation.state() is QVariantAnimation.State.Running

    def _moved(self, value: object) -> None:
        self.pose = float(value)  # type: ignore[arg-type]
        self.update()

    # ------------------------------------------------------------------ geometry
    def renderer(self, path: Path | None) -> QSvgRenderer | None:
        if path is None:
            return None
        if path not in self._renderers:
            self._renderers[path] = QSvgRenderer(str(path))
        renderer = self._renderers[path]
        return renderer if renderer.isValid() else None

    def drawing_rect(self) -> QRectF:
        """Where the drawing goes: as large as fits, aspect kept, centred. It depends only on
        the widget's size, so it stays put through every phase of a stretch."""
        renderer = self.renderer(self.start_path)
        if renderer is None:
            return QRectF()
        view = renderer.viewBoxF()
        scale = min(self.width() / view.width(), self.height() / view.height())
        w, h = view.width() * scale, view.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _label_font(self, area: QRectF, share: float) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(12, int(area.height() * share)))
        font.setBold(True)
        return font

    def badge_rect(self) -> QRectF:
        """The side badge, in the free band at the top, in the corner away from the head."""
        area = self.drawing_rect()
        if not self.badge or area.isEmpty():
            return QRectF()
        font = self._label_font(area, 0.075)
        metrics = QFontMetricsF(font)
        pad = font.pixelSize() * 0.5
        w = metrics.horizontalAdvance(self.badge.upper()) + 2 * pad
        h = min(metrics.height() + pad, area.height() * FREE_BAND * 0.8)
        margin = area.height() * FREE_BAND * 0.12
        x = area.left() + margin if self.mirrored else area.right() - margin - w
        return QRectF(x, area.top() + margin, w, h)

    def target_rect(self) -> QRectF:
        """The "feel it here" area of the end pose, in widget coordinates (empty if none)."""
        renderer = self.renderer(self.end_path)
        area = self.drawing_rect()
        if renderer is None or area.isEmpty() or not renderer.elementExists("target"):
            return QRectF()
        bounds = renderer.transformForElement("target").mapRect(renderer.boundsOnElement("target"))
        return self._to_widget(bounds, renderer, area)

    def label_rect(self) -> QRectF:
        """The "Feel it here" label: in the free band, above the target, clear of the badge."""
        target = self.target_rect()
        if target.isEmpty() or self.pose < 1.0:
            return QRectF()
        area = self.drawing_rect()
        font = self._label_font(area, 0.06)
        metrics = QFontMetricsF(font)
        w = metrics.horizontalAdvance(self.feel_text()) + font.pixelSize()
        h = metrics.height() + font.pixelSize() * 0.3
        x = min(max(target.center().x() - w / 2, area.left() + 4), area.right() - w - 4)
        rect = QRectF(x, area.top() + area.height() * FREE_BAND * 0.12, w, h)
        badge = self.badge_rect()
        if rect.intersects(badge):
            if self.mirrored:
                rect.moveLeft(badge.right() + 8)
            else:
                rect.moveRight(badge.left() - 8)
        return rect

    @staticmethod
    def feel_text() -> str:
        return tr("Feel it here")

    def _to_widget(self, bounds: QRectF, renderer: QSvgRenderer, area: QRectF) -> QRectF:
        view = renderer.viewBoxF()
        sx, sy = area.width() / view.width(), area.height() / view.height()
        rect = QRectF(
            area.left() + (bounds.left() - view.left()) * sx,
            area.top() + (bounds.top() - view.top()) * sy,
            bounds.width() * sx,
            bounds.height() * sy,
        )
        if self.mirrored:
            rect.moveLeft(self.width() - rect.right())
        return rect

    # ------------------------------------------------------------------ painting
    def _picture(self, path: Path | None, area: QRectF) -> QPixmap | None:
        """The drawing rendered once per size: repaints (the ring beside it moves ten times a
        second) then only copy pixels instead of rendering the SVG again."""
        renderer = self.renderer(path)
        if renderer is None or path is None:
            return None
        ratio = self.devicePixelRatioF()
        key = (path, round(area.width()), round(area.height()), ratio)
        picture = self._pictures.get(key)
        if picture is None:
            # Only the poses on screen, at the size on screen: a megabyte or two, not more.
            self._pictures = {k: v for k, v in self._pictures.items() if k[1:] == key[1:]}
            picture = QPixmap(round(area.width() * ratio), round(area.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, area.width(), area.height()))
            painter.end()
            self._pictures[key] = picture
        return picture

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.drawing_rect()
        if area.isEmpty():
            painter.end()
            return
        card = QPainterPath()
        radius = area.height() * 0.06
        card.addRoundedRect(area, radius, radius)
        painter.fillPath(card, CARD)
        for path, opacity in ((self.start_path, 1.0 - self.pose), (self.end_path, self.pose)):
            picture = self._picture(path, area)
            if picture is None or opacity <= 0.001:
                continue
            painter.save()
            painter.setOpacity(opacity)
            if self.mirrored:  # the drawing, mirrored; badge and label are drawn unmirrored
                painter.translate(self.width(), 0)
                painter.scale(-1, 1)
                left = self.width() - area.right()
            else:
                left = area.left()
            painter.drawPixmap(QPointF(left, area.top()), picture)
            painter.restore()
        self._paint_label(painter)
        self._paint_badge(painter)
        painter.end()

    def _paint_badge(self, painter: QPainter) -> None:
        badge = self.badge_rect()
        if badge.isEmpty():
            return
        painter.setFont(self._label_font(self.drawing_rect(), 0.075))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.badge.upper())

    def _paint_label(self, painter: QPainter) -> None:
        label = self.label_rect()
        if label.isEmpty():
            return
        target = self.target_rect()
        painter.setPen(QPen(TARGET_TEXT, max(2.0, label.height() * 0.06)))
        start = QPointF(min(max(target.center().x(), label.left()), label.right()), label.bottom())
        painter.drawLine(start, QPointF(target.center().x(), target.top()))
        painter.setFont(self._label_font(self.drawing_rect(), 0.06))
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.feel_text())
