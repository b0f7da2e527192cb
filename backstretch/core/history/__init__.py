"""The history: statistics (stats), the sentences that tell them (words), exports (export).

The names are gathered here for the callers that import them from the package; new code may
import from the module that defines them.
"""

from backstretch.core.history.export import CSV_COLUMNS, session_json, to_csv, to_json
from backstretch.core.history.stats import (
    WEEKLY_TARGET,
    WEEKS,
    HistoryStats,
    WeekFigures,
    compute_stats,
    counts_for_streak,
    day_streak,
    stretch_counts,
    stretched_days,
    week_start,
    week_streak,
)
from backstretch.core.history.words import (
    STATUS_LABELS,
    STATUS_WORDS,
    day_text,
    interrupted_text,
    last_session_text,
    minutes_text,
    pain_text,
    start_view_text,
    status_label,
    status_word,
    streak_parts,
    streak_text,
    stretches_text,
)

__all__ = [
    "CSV_COLUMNS",
    "STATUS_LABELS",
    "STATUS_WORDS",
    "WEEKLY_TARGET",
    "WEEKS",
    "HistoryStats",
    "WeekFigures",
    "compute_stats",
    "counts_for_streak",
    "day_streak",
    "day_text",
    "interrupted_text",
    "last_session_text",
    "minutes_text",
    "pain_text",
    "session_json",
    "start_view_text",
    "status_label",
    "status_word",
    "streak_parts",
    "streak_text",
    "stretch_counts",
    "stretched_days",
    "stretches_text",
    "to_csv",
    "to_json",
    "week_start",
    "week_streak",
]
