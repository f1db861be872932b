"""Write a library as a static site: one YAML file per brief plus an Atom feed.

Any static web server can host the result, and both ``briefing fetch`` and ordinary feed
readers (newsboat) read it: each entry carries the bottom line as ``summary`` and points
at its brief with ``<content type="application/yaml" src="…"/>``. The XML is built with
ElementTree, never by pasting text together, and characters XML 1.0 cannot carry are
dropped, so no brief text can break the document. Output is deterministic (same
library, same bytes), and unchanged files are not rewritten, so ETags and
Last-Modified stay put across re-publishing and readers get their 304s.

The output folder may hold other files (a user's notes, an index page), so pruning the
briefs gone from the library deletes only what an earlier publish wrote: a manifest
(``.briefing-publish.json``, a dot-file ``serve`` never serves) lists each written
file with a hash of its bytes, and a file changed since then is left alone. An output
folder that holds the input files, or lies inside an input folder, is refused before
anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from briefing import __version__
from briefing.errors import BriefingError, FetchError
from briefing.feeds.site import INDEX_FILE, index_html
from briefing.files import write_atomic
from briefing.http import check_url
from briefing.model import Brief

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.atom"
BRIEFS_DIR = "briefs"
YAML_TYPE = "application/yaml"
MANIFEST_FILE = ".briefing-publish.json"
"""What publish wrote under ``out`` (path -> sha256), so it prunes only its own files."""
_MANIFEST_VERSION = 1
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(slots=True)
class PublishReport:
    out: Path
    feed: Path
    feed_url: str
    written: list[str] = field(default_factory=list)
    """Brief files (re)written because their content changed."""
    kept: list[str] = field(default_factory=list)
    """Brief files already up to date."""
    removed: list[str] = field(default_factory=list)
    """Stale brief files of briefs no longer in the library (written by an earlier publish)."""
    left: list[str] = field(default_factory=list)
    """Stale brief files left in place because they changed since publish wrote them."""

    @property
    def count(self) -> int:
        return len(self.written) + len(self.kept)


def normalise_base_url(base_url: str) -> str:
    """An absolute http(s) URL ending in ``/`` (relative joins then land inside it).

    It is written into every link of the feed, so a character no URL may hold (a
    control character, a space, a bidi override) is refused rather than written into
    XML that parsers reject.
    """
    url = base_url.strip()
    for index, char in enumerate(url):
        if char.isspace() or unicodedata.category(char).startswith("C"):
            raise BriefingError(
                f"--base-url {base_url!r}: character U+{ord(char):04X} at position "
                f"{index + 1} cannot be part of a URL"
            )
    try:
        check_url(url)
    except FetchError:
        raise BriefingError(
            f"--base-url must be an absolute http(s) URL, not {base_url!r}"
        ) from None
    return url if url.endswith("/") else url + "/"


def check_out(out: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output folder that holds an input, or lies inside an input folder.

    Publishing writes and prunes files under ``out``: brief files there could be
    overwritten or removed, and an ``out`` inside an input folder is read back as
    input by the next publish.
    """
    target = _real(out)
    # OUT/briefs may be a link to somewhere else: writing there must not hit inputs either.
    written = {target, _real(out / BRIEFS_DIR)}
    for path in inputs:
        real = _real(path)
        if any(real == place or place in real.parents for place in written):
            raise BriefingError(
                f"--out {out} holds the input {path}: publish writes and removes files "
                "there; choose an output folder outside the inputs"
            )
        if real in target.parents and real.is_dir():
            raise BriefingError(
                f"--out {out} is inside the input folder {path}: the published files "
                "would be read back as briefs; choose an output folder outside it"
            )


def _real(path: Path) -> Path:
    """``path`` with links resolved; as it is (absolute) where a link loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def latest_by_id(briefs: Iterable[Brief]) -> list[Brief]:
    """One brief per id, the latest ``updated`` winning (the store's own rule)."""
    chosen: dict[str, Brief] = {}
    for brief in briefs:
        current = chosen.get(brief.id)
        if current is None or _stamp(brief) > _stamp(current):
            chosen[brief.id] = brief
    return list(chosen.values())


def _stamp(brief: Brief) -> dt.datetime:
    return brief.updated or dt.datetime.min.replace(tzinfo=dt.UTC)


def brief_url(base_url: str, brief_id: str) -> str:
    return urljoin(base_url, f"{BRIEFS_DIR}/{brief_id}.yaml")


def publish(
    briefs: Iterable[Brief],
    out: Path,
    base_url: str,
    *,
    title: str = "briefing",
    prune: bool = True,
    inputs: Iterable[Path] = (),
) -> PublishReport:
    """Write ``out/briefs/<id>.yaml`` for every brief and ``out/feed.atom`` listing them.

    ``inputs`` are the files and folders the briefs were read from (see
    :func:`check_out`). With ``prune``, brief files an earlier publish wrote for briefs
    no longer given are removed, unless they changed since.
    """
    from briefing.serialise import dump_brief

    base_url = normalise_base_url(base_url)
    check_out(out, inputs)
    chosen = sorted(latest_by_id(briefs), key=lambda b: (b.date, b.id), reverse=True)
    briefs_dir = out / BRIEFS_DIR
    try:
        briefs_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"{briefs_dir}: cannot create folder: {exc.strerror}") from None
    report = PublishReport(out=out, feed=out / FEED_FILE, feed_url=urljoin(base_url, FEED_FILE))
    earlier = _read_manifest(out)
    rendered = [(brief, dump_brief(brief).encode("utf-8")) for brief in chosen]
    _refuse_foreign_files(out, rendered, earlier)
    manifest: dict[str, str] = {}
    for brief, data in rendered:
        name = f"{brief.id}.yaml"
        manifest[f"{BRIEFS_DIR}/{name}"] = _digest(data)
        changed = _write_if_changed(briefs_dir / name, data)
        (report.written if changed else report.kept).append(name)
    for relative, digest in sorted(earlier.items()):
        if relative in manifest or relative in (FEED_FILE, INDEX_FILE):
            continue
        if not prune:
            manifest[relative] = digest  # still ours, for a later pruning publish
        elif _remove_if_unchanged(out / relative, digest):
            report.removed.append(relative.removeprefix(f"{BRIEFS_DIR}/"))
        elif (out / relative).exists():
            report.left.append(relative.removeprefix(f"{BRIEFS_DIR}/"))
    feed = atom_feed(chosen, base_url, title=title)
    _write_if_changed(report.feed, feed)
    manifest[FEED_FILE] = _digest(feed)
    _write_index(out, chosen, title, earlier.get(INDEX_FILE), manifest)
    _write_manifest(out, manifest)
    return report


def _refuse_foreign_files(
    out: Path, rendered: list[tuple[Brief, bytes]], earlier: dict[str, str]
) -> None:
    """Refuse, before writing anything, to replace a file at ``briefs/<id>.yaml`` that
    publish did not write: a user's own file that happens to carry a brief's name.

    A file is publish's if the manifest lists it, if it already holds the bytes about
    to be written, or if it is a brief with that same id (a folder published before
    manifests existed, or an earlier version of the brief)."""
    foreign: list[str] = []
    for brief, data in rendered:
        relative = f"{BRIEFS_DIR}/{brief.id}.yaml"
        path = out / relative
        if relative in earlier or not (path.exists() or path.is_symlink()):
            continue
        if path.is_symlink() or not path.is_file():
            foreign.append(relative)
            continue
        try:
            current = path.read_bytes()
        except OSError:
            foreign.append(relative)
            continue
        if current != data and not _is_brief_with_id(current, brief.id):
            foreign.append(relative)
    if foreign:
        shown = ", ".join(str(out / name) for name in foreign[:3])
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise BriefingError(
            f"{shown}{more}: not written by publish and not that brief; "
            "move it away or choose another --out (nothing was written)"
        )


def _is_brief_with_id(data: bytes, brief_id: str) -> bool:
    """Whether ``data`` is a YAML brief whose id is ``brief_id``."""
    from briefing.loader import load_bytes

    loaded = load_bytes(data, f"{brief_id}.yaml")
    return any(b.id == brief_id for b in loaded.briefs)


def _write_index(
    out: Path, briefs: list[Brief], title: str, ours: str | None, manifest: dict[str, str]
) -> None:
    """``out/index.html``, the page the feed's site link points at, unless the folder
    has an index page publish did not write (or one changed since): that is kept."""
    page = out / INDEX_FILE
    if page.exists() or page.is_symlink():
        try:
            current = _digest(page.read_bytes()) if page.is_file() else None
        except OSError:
            current = None
        if ours is None or current != ours or page.is_symlink():
            return  # the user's own page
    data = index_html(briefs, title=title, feed=FEED_FILE, briefs_dir=BRIEFS_DIR)
    _write_if_changed(page, data)
    manifest[INDEX_FILE] = _digest(data)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(out: Path) -> dict[str, str]:
    """What an earlier publish wrote under ``out``: only plain ``briefs/<name>.yaml``
    entries and the feed are believed, whatever else the file says."""
    try:
        data = json.loads((out / MANIFEST_FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {
        path: digest
        for path, digest in files.items()
        if isinstance(path, str)
        and isinstance(digest, str)
        and (
            path in (FEED_FILE, INDEX_FILE)
            or re.fullmatch(rf"{BRIEFS_DIR}/[^/\\.][^/\\]*\.yaml", path)
        )
    }


def _write_manifest(out: Path, files: dict[str, str]) -> None:
    text = json.dumps(
        {"version": _MANIFEST_VERSION, "files": dict(sorted(files.items()))}, indent=1
    )
    _write_if_changed(out / MANIFEST_FILE, (text + "\n").encode("utf-8"))


def _remove_if_unchanged(path: Path, digest: str) -> bool:
    """Delete ``path`` if it is a regular file still holding what publish wrote."""
    try:
        if path.is_symlink() or not path.is_file() or _digest(path.read_bytes()) != digest:
            return False
        path.unlink()
    except OSError:
        return False
    return True


def atom_feed(briefs: list[Brief], base_url: str, *, title: str = "briefing") -> bytes:
    """An RFC 4287 feed of ``briefs`` (in the given order), as UTF-8 bytes."""
    base_url = normalise_base_url(base_url)
    feed_url = urljoin(base_url, FEED_FILE)
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _text(feed, "id", feed_url)
    _text(feed, "title", title)
    _text(feed, "subtitle", "Structured news briefs: actors, positions, open questions.")
    stamps = [_updated(b) for b in briefs]
    _text(feed, "updated", _rfc3339(max(stamps) if stamps else dt.datetime.now(dt.UTC)))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": feed_url})
    ET.SubElement(feed, "link", {"rel": "alternate", "href": base_url})
    author = ET.SubElement(feed, "author")
    _text(author, "name", title)
    _text(
        feed,
        "generator",
        "briefing",
        uri="https://github.com/briefing/briefing",
        version=__version__,
    )
    for brief in briefs:
        feed.append(_entry(brief, base_url))
    ET.indent(feed, space="  ")
    body = ET.tostring(feed, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _entry(brief: Brief, base_url: str) -> ET.Element:
    url = brief_url(base_url, brief.id)
    entry = ET.Element("entry")
    _text(entry, "id", url)  # stable: the brief's id in the published site
    _text(entry, "title", brief.title)
    _text(entry, "updated", _rfc3339(_updated(brief)))
    _text(entry, "published", _rfc3339(_midnight(brief.date)))
    article = next(
        (s.url for s in brief.source if s.url and urlsplit(s.url).scheme in ("http", "https")),
        None,
    )
    # Every entry has a web page to open: the source article, else the brief on the
    # site's index page (feed readers open the alternate link; the YAML is the content).
    page = _clean(article) if article else f"{base_url}#{quote(brief.id)}"
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": page})
    for source in brief.source:
        for name in source.authors:
            author = ET.SubElement(entry, "author")
            _text(author, "name", name)
    for tag in brief.tags:
        ET.SubElement(entry, "category", {"term": tag})
    _text(entry, "summary", brief.bottom_line, type="text")
    ET.SubElement(entry, "content", {"type": YAML_TYPE, "src": url})
    return entry


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    """Drop what XML 1.0 cannot carry at all (C0 controls, lone surrogates); escaping is
    ElementTree's job."""
    return _NOT_XML.sub("", text)


def _updated(brief: Brief) -> dt.datetime:
    return brief.updated or _midnight(brief.date)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _rfc3339(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data`` unless it already holds exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write: {exc.strerror}") from None
    return True
