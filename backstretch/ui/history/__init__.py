"""The history window: models (tables), calendar and charts (painted), window (the whole)."""

from backstretch.ui.history.charts import BEFORE_COLOUR
from backstretch.ui.history.window import HistoryWindow

__all__ = ["BEFORE_COLOUR", "HistoryWindow"]
