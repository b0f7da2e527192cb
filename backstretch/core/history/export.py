"""The history as CSV and JSON for a spreadsheet or a clinician's tools.

The field names and codes are the log's stable English ones (log.rows.SESSION_FIELDS and
HOLD_FIELDS), never translated: other programs read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from backstretch.core.log import HOLD_FIELDS, SESSION_FIELDS, HoldRow, SessionRow

CSV_COLUMNS: Final = tuple(
    field.csv for field in (*SESSION_FIELDS, *HOLD_FIELDS) if field.csv is not None
)
_SESSION_CSV: Final = tuple(field.name for field in SESSION_FIELDS if field.csv is not None)
_HOLD_CSV: Final = tuple(field.name for field in HOLD_FIELDS if field.csv is not None)
_SESSION_JSON: Final = tuple((f.json, f.name) for f in SESSION_FIELDS if f.json is not None)
_HOLD_JSON: Final = tuple((f.json, f.name) for f in HOLD_FIELDS if f.json is not None)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return str(value)


def _plain(value: object) -> object:
    """A value as JSON holds it: a moment as its ISO text, the rest as it is."""
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value


def to_csv(sessions: Iterable[SessionRow]) -> str:
    """One row per hold with its session's columns repeated; a session without holds still
    gets one row (empty hold columns). Empty cells mean "none"."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    no_hold = [""] * len(_HOLD_CSV)
    for row in sessions:
        cells = [_text(getattr(row, name)) for name in _SESSION_CSV]
        # The csv module writes None as an empty cell and numbers as str() does.
        writer.writerows([cells + _hold_cells(hold) for hold in row.holds] or [cells + no_hold])
    return out.getvalue()


def _hold_cells(hold: HoldRow) -> list[object]:
    return [getattr(hold, name) for name in _HOLD_CSV]


def session_json(row: SessionRow) -> dict[str, Any]:
    """The export format of the issue: these keys and no others."""
    data: dict[str, Any] = {key: _plain(getattr(row, name)) for key, name in _SESSION_JSON}
    data["holds"] = [{key: getattr(hold, name) for key, name in _HOLD_JSON} for hold in row.holds]
    return data


def to_json(sessions: Iterable[SessionRow]) -> str:
    import json

    return json.dumps([session_json(row) for row in sessions], indent=2, ensure_ascii=False)
