"""Reading back the history's CSV and JSON exports: for the round-trip tests (and the shape a
future import would take). Test code only: the app writes these formats, it never reads them."""

from __future__ import annotations

from datetime import datetime

from backstretch.core.history.export import CSV_COLUMNS
from backstretch.core.log import HoldRow, SessionRow

# What to_csv wrote before holds had a variant: such a file reads as all usual forms.
_CSV_COLUMNS_1 = CSV_COLUMNS[:-1]


def _float(text: str) -> float | None:
    return float(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def parse_csv(text: str) -> list[SessionRow]:
    """Read back what to_csv wrote (for the round-trip test and a future import)."""
    import csv
    import io

    rows = csv.DictReader(io.StringIO(text, newline=""))  # a note may hold line breaks
    if tuple(rows.fieldnames or ()) not in (CSV_COLUMNS, _CSV_COLUMNS_1):
        raise ValueError(f"not a BackStretch history CSV: columns {rows.fieldnames}")
    sessions: dict[int, tuple[dict[str, str], list[HoldRow]]] = {}
    for record in rows:
        session_id = int(record["session_id"])
        _first, holds = sessions.setdefault(session_id, (record, []))
        if record["stretch"]:
            holds.append(
                HoldRow(
                    int(record["item"]),
                    record["stretch"],
                    record["side"] or None,
                    _int(record["rep"]),
                    float(record["hold_planned_s"]),
                    float(record["held_s"]),
                    record["outcome"],
                    record.get("variant") or "usual",
                )
            )
    return [
        SessionRow(
            session_id,
            datetime.fromisoformat(first["started_at"]),
            datetime.fromisoformat(first["ended_at"]) if first["ended_at"] else None,
            first["routine_id"],
            first["routine"],
            first["status"],
            float(first["planned_s"]),
            _float(first["active_s"]),
            _int(first["pain_before"]),
            _int(first["pain_after"]),
            first["note"],
            tuple(holds),
        )
        for session_id, (first, holds) in sessions.items()
    ]


def parse_json(text: str) -> list[SessionRow]:
    """Read back what to_json wrote. The JSON has no routine id and no item numbers: holds of
    the same stretch in a row are taken as one item, which is what a routine does."""
    import json

    rows = []
    for data in json.loads(text):
        holds = []
        item = -1
        previous = None
        for hold in data["holds"]:
            if hold["stretch"] != previous:
                item += 1
                previous = hold["stretch"]
            holds.append(
                HoldRow(
                    item,
                    hold["stretch"],
                    hold["side"],
                    hold["rep"],
                    float(hold["planned_s"]),
                    float(hold["held_s"]),
                    hold["outcome"],
                    hold.get("variant", "usual"),
                )
            )
        rows.append(
            SessionRow(
                int(data["id"]),
                datetime.fromisoformat(data["started_at"]),
                datetime.fromisoformat(data["ended_at"]) if data["ended_at"] else None,
                "",
                data["routine"],
                data["status"],
                float(data["planned_s"]),
                None if data["active_s"] is None else float(data["active_s"]),
                data["pain_before"],
                data["pain_after"],
                data["note"],
                tuple(holds),
            )
        )
    return rows
