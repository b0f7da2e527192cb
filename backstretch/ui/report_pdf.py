"""Writes a core.report.Report as a PDF with Qt's own writer (no new dependency)."""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from backstretch.core.i18n import tr
from backstretch.core.report import Report


def report_html(report: Report) -> str:
    """Simple HTML that QTextDocument lays out well: headings, paragraphs, ruled tables."""
    esc = html.escape
    parts = [
        f"<h1>{esc(report.title)}</h1>",
        f"<p>{esc(report.period)}</p>",
    ]
    for section in report.sections:
        parts.append(f"<h2>{esc(section.title)}</h2>")
        if section.urgent:
            # Bold and first in its section, in words: the warning is never only a colour.
            important = tr("Important: {warning}").format(warning=section.urgent)
            parts.append(f"<p><b>{esc(important)}</b></p>")
        parts.extend(f"<p>{esc(line)}</p>" for line in section.lines)
        if section.table is not None:
            head = "".join(f"<th align='left'>{esc(cell)}</th>" for cell in section.table.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
                for row in section.table.rows
            )
            parts.append(
                "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                f"<tr>{head}</tr>{body}</table>"
            )
    return "\n".join(parts)


def ensure_gui_application() -> QGuiApplication:
    """Fonts need a QGuiApplication; the command line has none and maybe no display."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["backstretch"])


def write_pdf(report: Report, path: Path) -> None:
    """A4 portrait, 15 mm margins. Raises OSError when the file cannot be written."""
    ensure_gui_application()
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(report.title)
    writer.setCreator("BackStretch")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(report_html(report))
    document.print_(writer)
    del writer  # the file is finished when the writer goes
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(tr("the PDF could not be written to {path}").format(path=path))
