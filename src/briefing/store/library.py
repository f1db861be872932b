"""The ``Store`` class: one SQLite library, its methods one module per concern."""

from __future__ import annotations

from briefing.store.across import Across
from briefing.store.actors import Actors
from briefing.store.base import StoreBase
from briefing.store.feedstate import FeedStates
from briefing.store.reading import Reading
from briefing.store.search import Searching
from briefing.store.versions import Versions
from briefing.store.writing import Writing


class Store(Writing, Reading, Actors, Searching, FeedStates, Versions, Across, StoreBase):
    """One SQLite library. Open with ``Store(path)``; use as a context manager.

    Opening creates the file (and its folder) if needed and migrates an older schema.
    Every failure — unwritable path, not a database, a newer schema, a lock held too
    long — is a :class:`StoreError` naming the file. The methods come from one module
    per concern: ``writing``, ``reading``, ``actors``, ``search``, ``feedstate``.
    """
