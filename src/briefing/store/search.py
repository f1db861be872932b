"""Full-text search (FTS5), and the brief and actor lookups behind the pickers."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from briefing.store.base import StoreBase, _api
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


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """Plain user text as a safe FTS5 query, or None when it has nothing to search for.

    Every word becomes a quoted phrase, so FTS syntax in the input (``AND``, ``-``,
    ``*``, ``NEAR``, stray quotes, ``U.S.``) is searched for as text and can never be
    a syntax error. ``"two words"`` stays a phrase. A last word still being typed (no
    space after it) also matches as a prefix, when it has three or more characters.

    The index holds Porter stems ("escalation" is ``escal``), so a prefix alone misses
    words whose stem is shorter than what was typed (``escala*`` does not reach
    ``escal``): the word typed less up to four final letters is matched as a stem too
    (``("escala"* OR "escal" OR "esca")``, shortened forms of four letters or more).
    """
    phrases: list[str] = []
    last_open = False
    for match in _TERM.finditer(text):
        quoted, bare = match.groups()
        words = _WORD.findall(quoted if quoted is not None else bare)
        last_open = False
        if words:
            phrases.append(f'"{" ".join(words)}"')
            last_open = quoted is None and match.end() == len(text) and len(words[-1]) >= 3
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

    @_api
    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Full-text search over titles, summaries, positions, quotes and questions.

        ``query`` is plain user text (see :func:`fts_query`); briefs come best first
        (bm25, title matches weighted up), one hit per brief with the snippet of the
        place that matched best.

        Two bounds keep it fast on any library: ranking considers the ``SEARCH_WINDOW``
        most recent matching briefs (FTS rowids are in date order, so that is a rowid
        range), since scoring every brief that mentions a common word costs ~100 ms
        per 100k; and the last word is matched as a prefix only when it matches
        nothing as typed (prefix terms make snippets very slow).
        """
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
        conn.execute(
            f"INSERT INTO search_scratch.search_texts (rowid, {_FTS_COLUMNS})"
            f" SELECT rowid, {_FTS_COLUMNS} FROM main.briefs_fts WHERE rowid IN ({marks})",
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
            rowid: (bid, title, date, *texts[rowid])
            for rowid, bid, title, date in conn.execute(
                f"SELECT search_rowid, id, title, date FROM briefs WHERE search_rowid IN ({marks})",
                rowids,
            )
            if rowid in texts
        }
