"""The session log: a private SQLite file that survives crashes, bad files and a second instance.

rows: what the log holds as Python values, and the one list of its fields (the exports use it).
schema: every schema version, as migration steps. opening: checking, connecting, migrating.
store: SessionLog, recording and reading. recovery: open_log, which sets a bad file aside.
"""

from backstretch.core.log.opening import BUSY_TIMEOUT_MS, LogError
from backstretch.core.log.recovery import OpenedLog, open_log
from backstretch.core.log.rows import (
    COMPLETED,
    DONE_OUTCOMES,
    HOLD_FIELDS,
    IN_PROGRESS,
    INTERRUPTED,
    NO_TALLY,
    NOT_RECORDED,
    OUTCOMES,
    PAIN_RANGE,
    REMINDER_ANSWERS,
    SESSION_FIELDS,
    SIDES,
    STATUSES,
    STOPPED,
    WEEKLY_ANSWERS,
    Field,
    HoldRow,
    PainChoice,
    SessionRow,
    StretchCounts,
    Tally,
    WeeklyCheck,
    tally_of,
)
from backstretch.core.log.schema import MIGRATIONS, SCHEMA_VERSION
from backstretch.core.log.store import UNSET, SessionLog

__all__ = [
    "BUSY_TIMEOUT_MS",
    "COMPLETED",
    "DONE_OUTCOMES",
    "HOLD_FIELDS",
    "INTERRUPTED",
    "IN_PROGRESS",
    "MIGRATIONS",
    "NOT_RECORDED",
    "NO_TALLY",
    "OUTCOMES",
    "PAIN_RANGE",
    "REMINDER_ANSWERS",
    "SCHEMA_VERSION",
    "SESSION_FIELDS",
    "SIDES",
    "STATUSES",
    "STOPPED",
    "UNSET",
    "WEEKLY_ANSWERS",
    "Field",
    "HoldRow",
    "LogError",
    "OpenedLog",
    "PainChoice",
    "SessionLog",
    "SessionRow",
    "StretchCounts",
    "Tally",
    "WeeklyCheck",
    "open_log",
    "tally_of",
]
