"""kzaudit: audit news articles by cross-checking their figures, dates, names and sources."""

__version__ = "0.1.0"
