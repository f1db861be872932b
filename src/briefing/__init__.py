"""briefing: a terminal reader for structured news briefs."""

__version__ = "0.1.0"
