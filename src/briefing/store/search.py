"""Full-text search (FTS5), and the brief and actor lookups behind the pickers."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from typing import Any

from briefing.errors import BriefingError, StoreError
from briefing.store.base import StoreBase, _api
from briefing.store.common import _explain
from briefing.store.rows import (
    _BRIEF_ROW_COLUMNS,
    SNIPPET_END,
    SNIPPET_START,
    ActorSummary,
    BriefRow,
    SearchHit,
    _aliases,
    _brief_row,
)
from briefing.store.schema import _TOKENIZE

#: Search ranks (bm25) at most this many matching briefs: the most recent ones.
SEARCH_WINDOW = 2000
#: FTS columns, in order, and what each is called in a :class:`SearchHit`.
_FTS_WHERE = ("title", "summary", "position", "quote", "question")
#: bm25 weights per FTS column: a match in the title says most about the brief.
_BM25 = "bm25(briefs_fts, 4.0, 2.0, 1.0, 1.0, 1.0)"
#: When one brief matches in several places, show the most informative.
_WHERE_PREFERENCE = (1, 2, 3, 4, 0)

_WORD = re.compile(r"\w+")
_TERM = re.compile(r'"([^"]*)"|(\S+)')

#: The longest query searched, in characters and in words. FTS5's ranking and snippets
#: cost about (query words) x (their matches) per brief, and more, so an unbounded query
#: is a denial of service (2,000 words: 44 s of CPU on five briefs). A question typed or
#: pasted by a person is far shorter.
MAX_QUERY_CHARS = 1_000
MAX_QUERY_WORDS = 32
#: Snippets are made from at most this many characters of each field of a hit: FTS5's
#: snippet() weighs every match against every other, so a brief repeating one word
#: 60,000 times took 20 s. Real fields are a few KB; a match only further on is shown
#: with the title as its snippet.
SNIPPET_SCAN_CHARS = 10_000
#: SQLite virtual-machine steps between two checks of a search's ``cancelled``.
_CANCEL_STEPS = 50


class SearchCancelled(StoreError):
    """The search was cancelled (``cancelled()`` became true) and stopped part-way."""


def check_query(text: str) -> None:
    """Refuse a query over :data:`MAX_QUERY_CHARS` characters or :data:`MAX_QUERY_WORDS`
    different words, with a message saying so (a :class:`BriefingError`)."""
    if len(text) > MAX_QUERY_CHARS:
        raise BriefingError(
            f"the query is {len(text):,} characters long; search takes at most {MAX_QUERY_CHARS:,}"
        )
    words = len({w.casefold() for w in _WORD.findall(text)})
    if words > MAX_QUERY_WORDS:
        raise BriefingError(
            f"the query has {words:,} different words; search takes at most {MAX_QUERY_WORDS}"
        )


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """Plain user text as a safe FTS5 query, or None when it has nothing to search for.

    Every word becomes a quoted phrase, so FTS syntax in the input (``AND``, ``-``,
    ``*``, ``NEAR``, stray quotes, ``U.S.``) is searched for as text and can never be
    a syntax error. ``"two words"`` stays a phrase. A last word still being typed (no
    space after it) also matches as a prefix, when it has three or more characters.

    Bounded whatever the input (see :func:`check_query` for the error callers show): a
    phrase given twice is searched once (all must match anyway), only the first
    :data:`MAX_QUERY_CHARS` characters are read, and phrases stop at
    :data:`MAX_QUERY_WORDS` words in all.

    The index holds Porter stems ("escalation" is ``escal``), so a prefix alone misses
    words whose stem is shorter than what was typed (``escala*`` does not reach
    ``escal``): the word typed less up to four final letters is matched as a stem too
    (``("escala"* OR "escal" OR "esca")``, shortened forms of four letters or more).
    """
    text = text[:MAX_QUERY_CHARS]
    phrases: list[str] = []
    seen: set[str] = set()
    budget = MAX_QUERY_WORDS
    last_open = False
    for match in _TERM.finditer(text):
        quoted, bare = match.groups()
        found = _WORD.findall(quoted if quoted is not None else bare)
        words = found[:budget]
        last_open = False
        phrase = f'"{" ".join(words)}"'
        if not words or phrase.casefold() in seen:
            continue
        seen.add(phrase.casefold())
        phrases.append(phrase)
        last_open = (
            quoted is None
            and match.end() == len(text)
            and len(words) == len(found)
            and len(words[-1]) >= 3
        )
        budget -= len(words)
        if budget <= 0:
            break
    if not phrases:
        return None
    if not (prefix and last_open):
        return " ".join(phrases)
    last = phrases.pop()[1:-1]
    head, _, word = last.rpartition(" ")
    stems = [word[:-cut] for cut in (1, 2, 3, 4) if len(word) - cut >= 4]
    if head or not stems:  # a phrase ("U S"*): prefix on its last word only
        return " ".join([*phrases, f'"{last}"*'])
    group = " OR ".join([f'"{word}"*', *(f'"{stem}"' for stem in stems)])
    return " ".join([*phrases, f"({group})"])


_FTS_COLUMNS = "title, summary, positions, quotes, questions"


def _ensure_scratch(conn: sqlite3.Connection) -> None:
    """Attach the connection's scratch database for snippets, once.

    In memory and apart from the library: nothing of it is ever written to disk or
    seen by another connection, and the library's own temp settings stay as they are.
    ``search_texts`` holds the hits' texts; ``search_hits`` indexes them (external
    content, so it is emptied in one step).
    """
    attached = conn.execute(
        "SELECT 1 FROM pragma_database_list WHERE name = 'search_scratch'"
    ).fetchone()
    if attached:
        return
    conn.execute("ATTACH DATABASE ':memory:' AS search_scratch")
    conn.execute(
        f"CREATE TABLE search_scratch.search_texts (rowid INTEGER PRIMARY KEY, {_FTS_COLUMNS})"
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE search_scratch.search_hits USING fts5 ({_FTS_COLUMNS},"
        f" content = 'search_texts', content_rowid = 'rowid', tokenize = {_TOKENIZE})"
    )


class Searching(StoreBase):
    """Search queries."""

    @_api
    def find_briefs(self, query: str, *, limit: int = 20) -> list[BriefRow]:
        """Briefs whose title matches ``query`` (words, last one as a prefix), best first.

        For pickers and "go to brief": uses the FTS title column, so it stays fast on
        any library size.
        """
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        rows = self._c.execute(
            f"""
            SELECT {_BRIEF_ROW_COLUMNS}
            FROM (SELECT rowid, rank FROM briefs_fts WHERE briefs_fts MATCH ?
                  ORDER BY rank LIMIT ?) AS hit
            JOIN briefs b ON b.search_rowid = hit.rowid
            LEFT JOIN read_state r ON r.brief_id = b.id
            ORDER BY hit.rank, b.date DESC, b.id
            """,
            (f"title : ({match})", limit),
        )
        return [_brief_row(row) for row in rows]

    @_api
    def find_actors(self, query: str, *, limit: int = 20) -> list[ActorSummary]:
        """Actors whose id, name or an alias contains ``query`` (case-insensitive for
        ASCII), those in most briefs first. ``aliases`` is filled in."""
        needle = " ".join(query.split())
        if not needle or limit <= 0:
            return []
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", needle) + "%"
        rows = self._c.execute(
            """
            SELECT id, name, kind, brief_count, aliases FROM actors
            WHERE name LIKE ?1 ESCAPE '\\' OR id LIKE ?1 ESCAPE '\\'
               OR aliases LIKE ?1 ESCAPE '\\'
            ORDER BY brief_count DESC, name, id
            LIMIT ?2
            """,
            (pattern, limit),
        )
        return [
            ActorSummary(a_id, name, kind, count, _aliases(aliases))
            for a_id, name, kind, count, aliases in rows
        ]

    def search(
        self, query: str, *, limit: int = 50, cancelled: Callable[[], bool] | None = None
    ) -> list[SearchHit]:
        """Full-text search over titles, summaries, positions, quotes and questions.

        ``query`` is plain user text (see :func:`fts_query`); briefs come best first
        (bm25, title matches weighted up), one hit per brief with the snippet of the
        place that matched best.

        Two bounds keep it fast on any library: ranking considers the ``SEARCH_WINDOW``
        most recent matching briefs (FTS rowids are in date order, so that is a rowid
        range), since scoring every brief that mentions a common word costs ~100 ms
        per 100k; and the last word is matched as a prefix only when it matches
        nothing as typed (prefix terms make snippets very slow).

        Hostile input stays cheap: a query over the bounds of :func:`check_query` is
        refused (:class:`BriefingError`), and snippets read a bounded part of each field
        (:data:`SNIPPET_SCAN_CHARS`). ``cancelled`` is polled while SQLite works (the
        reader passes its worker's flag): once it is true the search stops part-way
        with :class:`SearchCancelled`, so an abandoned search does not keep a core busy.
        """
        check_query(query)
        limit = min(limit, SEARCH_WINDOW)
        with self._lock:
            conn = self._c
            if cancelled is not None:
                conn.set_progress_handler(lambda: 1 if cancelled() else 0, _CANCEL_STEPS)
            try:
                return self._search(query, limit)
            except sqlite3.OperationalError as exc:
                if cancelled is not None and cancelled():
                    raise SearchCancelled(f"{self.path}: search cancelled") from None
                raise StoreError(f"{self.path}: {_explain(exc)}") from exc
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: {_explain(exc)}") from exc
            finally:
                if cancelled is not None:
                    conn.set_progress_handler(None, 0)

    def _search(self, query: str, limit: int) -> list[SearchHit]:
        exact = fts_query(query, prefix=False)
        if exact is None or limit <= 0:
            return []
        conn = self._c
        match = exact
        loose = fts_query(query)
        if loose != exact:
            probe = "SELECT 1 FROM briefs_fts WHERE briefs_fts MATCH ? LIMIT 1"
            if conn.execute(probe, (exact,)).fetchone() is None:
                match = loose  # a word still being typed
        edge = conn.execute(
            "SELECT rowid FROM briefs_fts WHERE briefs_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, SEARCH_WINDOW - 1),
        ).fetchone()
        ranked = conn.execute(
            f"SELECT rowid FROM briefs_fts WHERE briefs_fts MATCH ? AND rowid >= ?"
            f" ORDER BY {_BM25}, rowid DESC LIMIT ?",
            (match, edge[0] if edge else 0, limit),
        ).fetchall()
        if not ranked:
            return []
        order = [r[0] for r in ranked]
        found = self._snippets(conn, match, order)
        hits = []
        for rowid in order:
            if rowid not in found:
                continue
            bid, title, date, *texts = found[rowid]
            if not texts:  # matched only past SNIPPET_SCAN_CHARS of a field
                hits.append(SearchHit(bid, title, date, title, _FTS_WHERE[0]))
                continue
            counts = [(t or "").count(SNIPPET_START) for t in texts]
            best = max(_WHERE_PREFERENCE, key=lambda i: counts[i])
            hits.append(SearchHit(bid, title, date, texts[best] or title, _FTS_WHERE[best]))
        return hits

    @staticmethod
    def _snippets(
        conn: sqlite3.Connection, match: str, rowids: list[int]
    ) -> dict[int, tuple[Any, ...]]:
        """``rowid -> (id, title, date, *snippets)`` for the ranked hits.

        ``snippet()`` on the library's own index seeks each hit in the whole doclist of
        every query term: milliseconds a hit for a word in half the library, whatever
        the limit. So the hits' texts are copied into a scratch FTS table (same
        tokenizer) holding only them, and the snippets come from there: the same text
        highlighted the same way, at a cost that does not grow with the library. The
        scratch tables live in an in-memory database of their own (see
        :func:`_ensure_scratch`).
        """
        _ensure_scratch(conn)
        marks = ",".join("?" * len(rowids))
        # External content: emptying the index is one command, not a re-tokenization of
        # every row (what DELETE on an ordinary FTS5 table costs: as much as the insert).
        conn.execute("INSERT INTO search_scratch.search_hits (search_hits) VALUES ('delete-all')")
        conn.execute("DELETE FROM search_scratch.search_texts")
        bounded = ", ".join(
            f"substr({c.strip()}, 1, {SNIPPET_SCAN_CHARS})" for c in _FTS_COLUMNS.split(",")
        )
        conn.execute(
            f"INSERT INTO search_scratch.search_texts (rowid, {_FTS_COLUMNS})"
            f" SELECT rowid, {bounded} FROM main.briefs_fts WHERE rowid IN ({marks})",
            rowids,
        )
        conn.execute("INSERT INTO search_scratch.search_hits (search_hits) VALUES ('rebuild')")
        snippets = ", ".join(
            f"snippet(search_hits, {i}, ?, ?, '…', 24)" for i in range(len(_FTS_WHERE))
        )
        markers = [SNIPPET_START, SNIPPET_END] * len(_FTS_WHERE)
        texts = {
            row[0]: row[1:]
            for row in conn.execute(
                f"SELECT rowid, {snippets} FROM search_scratch.search_hits"
                " WHERE search_hits MATCH ?",
                [*markers, match],
            )
        }
        return {
            rowid: (bid, title, date, *texts.get(rowid, ()))
            for rowid, bid, title, date in conn.execute(
                f"SELECT search_rowid, id, title, date FROM briefs WHERE search_rowid IN ({marks})",
                rowids,
            )
        }
