"""Reading brief files: bytes in, validated briefs and located problems out.

Brief files come from other people's machines, so nothing here trusts its input:
:func:`load_bytes` never raises for bad bytes, never constructs anything but plain
data (safe tags only), and refuses files that would blow up time or memory (size
cap, nesting depth, alias expansion) before anything downstream sees them.

The common path is kept cheap because the reader syncs folders of briefs on start:
libyaml composes the nodes (C), a lean builder turns them into plain data without
PyYAML's constructor machinery, and pydantic validates. Nodes keep their line marks,
so when a document is invalid each problem is pinned to its node without parsing
the text again; valid documents pay nothing for locations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefing.config import LimitsSettings
from briefing.errors import Problem, Severity
from briefing.files import Stamp, TooBig, read_checked
from briefing.model import Brief, Loc, format_loc, validate_brief

__all__ = [
    "LoadedFile",
    "load_bytes",
    "load_file",
]

# --------------------------------------------------------------------------- result


@dataclass
class LoadedFile:
    """Everything read from one file (or URL): its valid briefs and every problem found."""

    origin: str
    briefs: list[Brief] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    documents: int = 0
    _refused: int | None = field(default=None, repr=False, compare=False)
    #: The file's stamp when it was read (:func:`load_file` only): whoever loads it
    #: checks that the file has settled before storing its briefs (see ``sync``).
    read_stamp: Stamp | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def refused(self) -> int:
        """Documents refused; a whole-file failure (size, encoding, syntax) counts 1."""
        if self._refused is not None:
            return self._refused
        # Built by hand (e.g. a fetch error): infer it from what is there.
        return max(self.documents - len(self.briefs), 1 if self.errors else 0)


# --------------------------------------------------------------------------- yaml setup

_Base: type = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_HAVE_LIBYAML = _Base is not yaml.SafeLoader

_YAML = "tag:yaml.org,2002:"
STR = _YAML + "str"
MAP = _YAML + "map"
SEQ = _YAML + "seq"
NULL = _YAML + "null"
BOOL = _YAML + "bool"
INT = _YAML + "int"
FLOAT = _YAML + "float"
TIMESTAMP = _YAML + "timestamp"
BINARY = _YAML + "binary"
MERGE = _YAML + "merge"
VALUE = _YAML + "value"
SET = _YAML + "set"
OMAP = _YAML + "omap"
PAIRS = _YAML + "pairs"

# Ceiling on max_depth whatever the config says. The builder, pydantic, the JSON and
# YAML writers all recurse in Python (two or three frames a level); 128 levels keep
# every consumer far from the interpreter's recursion limit. Briefs need about 5.
_DEPTH_CEILING = 128


class _FastResolve:
    """A leaner ``resolve`` for the composer (mixed in before PyYAML's Resolver).

    The C composer calls ``resolve`` once per scalar; PyYAML's version concatenates
    two lists on every call. This one gives the same tags for the default resolvers.
    """

    _by_first: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
        first: tuple(resolvers)
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
        if first is not None
    }

    #: Tags of short plain scalars already resolved: keys, enum values and dates recur
    #: in every brief, and a dict lookup costs less than the regular expressions.
    _plain: dict[str, str] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                tag = self._plain.get(value)
                return self._resolve_plain(value) if tag is None else tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def _resolve_plain(self, value: str) -> str:
        tag = STR
        for candidate, regexp in self._by_first.get(value[:1], ()):
            if regexp.match(value):
                tag = candidate
                break
        if len(value) <= 40:
            if len(self._plain) >= 4096:  # bounded: start again rather than grow
                self._plain.clear()
            self._plain[value] = tag
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class _NestingCap:
    """For PyYAML's pure-Python scanner: refuse nesting past the depth ceiling while
    scanning, as libyaml does at 1000 levels. Without it 1000 nested ``[`` take the
    Python scanner seconds (it rechecks every open simple key on each token)."""

    flow_level: int
    indents: list[int]
    get_mark: Callable[[], Any]

    def _too_deep(self, what: str) -> yaml.scanner.ScannerError:
        mark = self.get_mark()
        return yaml.scanner.ScannerError(what, mark, "exceeded maximum nesting depth", mark)

    def fetch_flow_collection_start(self, TokenClass: type) -> None:
        if self.flow_level > _DEPTH_CEILING:
            raise self._too_deep("while increasing flow level")
        super().fetch_flow_collection_start(TokenClass)  # type: ignore[misc]

    def add_indent(self, column: int) -> bool:
        if len(self.indents) > _DEPTH_CEILING:
            raise self._too_deep("while increasing block level")
        return super().add_indent(column)  # type: ignore[misc]


class _CLoader(_FastResolve, _Base):  # type: ignore[misc, valid-type]
    """libyaml's safe parser and composer (C). Construction is done by :class:`_Builder`."""


class _PyLoader(_FastResolve, _NestingCap, yaml.SafeLoader):
    """PyYAML's own safe parser and composer, when libyaml is missing."""


_Loader: type = _CLoader if _HAVE_LIBYAML else _PyLoader


# Nothing else may hook path resolvers or wildcard resolvers into PyYAML's defaults
# without this module noticing: fall back to PyYAML's own resolve if they exist.
if None in yaml.resolver.Resolver.yaml_implicit_resolvers or getattr(
    yaml.resolver.Resolver, "yaml_path_resolvers", None
):  # pragma: no cover - defensive
    del _FastResolve.resolve, _FastResolve.descend_resolver, _FastResolve.ascend_resolver

_libyaml_caps_depth: bool | None = None


def _composer_is_depth_safe() -> bool:
    """Does the parser refuse absurd nesting itself before composing recursively?

    libyaml (as bundled with PyYAML's wheels) stops at 1000 levels with a scanner
    error, so its recursive C composer never sees 100,000 levels. The pure-Python
    composer recurses in Python, where a RecursionError is caught. An old libyaml
    without that cap would be unsafe; then the depth is checked on events first.
    """
    global _libyaml_caps_depth
    if not _HAVE_LIBYAML:
        return True
    if _libyaml_caps_depth is None:
        probe = _Loader(b"[" * 1100)
        try:
            probe.get_single_node()
            _libyaml_caps_depth = False
        except yaml.YAMLError as exc:
            _libyaml_caps_depth = "nesting depth" in str(getattr(exc, "problem", ""))
        finally:
            probe.dispose()
    return _libyaml_caps_depth


_ANCHOR = re.compile(rb"&[^\s\[\]{},]")
# Bytes an anchor may follow: space, line breaks (the last byte of NEL, LS, PS too),
# flow indicators, and ':' '?' '-' for good measure. "AT&T" or "R&D" is not an anchor.
_BEFORE_ANCHOR = frozenset(b" \t\r\n[{,:?-\x85\xa8\xa9")
_BOM = b"\xef\xbb\xbf"
_DEFAULT_LIMITS = LimitsSettings()
_FIELDS = frozenset(Brief.model_fields)
# A file of 100,000 duplicate keys needs its first problems shown, not all of them.
_MAX_PROBLEMS = 200


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def _kind_name(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a scalar"


# --------------------------------------------------------------------------- building


class _TooDeep(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node


_SC = SafeConstructor()


_SCALARS: dict[str, Callable[[ScalarNode], Any]] = {
    NULL: _SC.construct_yaml_null,
    BOOL: _SC.construct_yaml_bool,
    INT: _SC.construct_yaml_int,
    FLOAT: _SC.construct_yaml_float,
    BINARY: _SC.construct_yaml_binary,
}
_COLLECTION_TAGS = frozenset({MAP, SEQ, SET, OMAP, PAIRS})


class _Builder:
    """Composed nodes -> plain data (dict, list, str, int, ...), noting problems instead
    of raising, so every problem of a document is reported at once.

    Unsupported tags and bad scalars become ``None`` placeholders with a problem on
    their node; the model's complaint about the same node is then dropped.
    """

    __slots__ = ("hints", "max_depth", "problems", "spoiled")

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        # (node, message) in the order found
        self.problems: list[tuple[Node, str]] = []
        # ids of nodes whose value was replaced by a placeholder
        self.spoiled: set[int] = set()
        # node id -> better message for whatever the model says about that node
        self.hints: dict[int, str] = {}

    def problem(self, node: Node, message: str, *, spoil: bool = True) -> None:
        self.problems.append((node, message))
        if spoil:
            self.spoiled.add(id(node))

    def build(self, node: Node, depth: int = 0) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            if node.tag == STR:
                return node.value
            return self.scalar(node)
        if depth >= self.max_depth:
            raise _TooDeep(node)
        tag = node.tag
        if cls is SequenceNode and tag == SEQ:
            depth += 1
            build = self.build
            return [
                child.value
                if child.__class__ is ScalarNode and child.tag == STR
                else build(child, depth)
                for child in node.value
            ]
        if cls is MappingNode and tag == MAP:
            return self.mapping(node, depth + 1)
        return self.tagged_collection(node, depth + 1)

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        make = _SCALARS.get(tag)
        if make is not None:
            try:
                return make(node)
            except Exception:
                self.problem(node, f"cannot read {node.value!r} as {_short_tag(tag)}")
                return None
        if tag == TIMESTAMP:
            value = node.value
            if len(value) == 10 and value[4] == "-" == value[7] and value.isascii():
                # YYYY-MM-DD, a dozen in every brief: C, not PyYAML's regexp and groups.
                # Only that form has dashes there; anything odd goes the long way.
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    pass
            if _SC.timestamp_regexp.match(node.value) is None:  # an explicit !!timestamp
                self.problem(node, f"cannot read {node.value!r} as !!timestamp")
                return None
            try:
                return _SC.construct_yaml_timestamp(node)
            except ValueError as exc:
                # 2024-02-30 looks like a date but is not one: hand the text to the
                # model (which refuses it where a date is expected) with a better why.
                self.hints[id(node)] = f"impossible date {node.value!r}: {exc}"
                return node.value
        if tag in (VALUE, MERGE):  # a lone '=' or '<<' used as a plain value
            return node.value
        if tag in _COLLECTION_TAGS:
            self.problem(node, f"tag {_short_tag(tag)} cannot be used on a scalar")
        else:
            self.problem(node, f"unsupported tag {_short_tag(tag)!r}")
        return None

    def key(self, node: Node, depth: int) -> Any:
        if node.__class__ is ScalarNode and node.tag == STR:
            return node.value
        return self.build(node, depth)

    def mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        pairs = node.value
        merges: list[Node] = []
        build = self.build
        for key_node, value_node in pairs:
            # Text keys and values, most of a brief, are taken here without a call.
            if key_node.__class__ is ScalarNode and key_node.tag == STR:
                key = key_node.value
            elif key_node.tag == MERGE and key_node.__class__ is ScalarNode:
                merges.append(value_node)
                continue
            else:
                key = build(key_node, depth)
            if value_node.__class__ is ScalarNode and value_node.tag == STR:
                value = value_node.value
            else:
                value = build(value_node, depth)
            try:
                result[key] = value
            except TypeError:
                self.problem(
                    key_node, f"a mapping key must be a plain value, not {_kind_name(key_node)}"
                )
        if len(result) + len(merges) != len(pairs):
            self.find_duplicates(node, depth)
        if merges:
            result = self.merge(merges, result, depth)
        return result

    def merge(self, merges: list[Node], own: dict[Any, Any], depth: int) -> dict[Any, Any]:
        """YAML 1.1 merge keys (``<<: *base``): own keys win, then earlier sources."""
        sources: list[dict[Any, Any]] = []
        for value_node in merges:
            items = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for item in items:
                value = self.build(item, depth)
                if isinstance(item, MappingNode) and isinstance(value, dict):
                    sources.append(value)
                else:
                    self.problem(item, "a merge key '<<' takes a mapping or a list of mappings")
        result: dict[Any, Any] = {}
        for source in reversed(sources):
            result.update(source)
        result.update(own)
        return result

    def find_duplicates(self, node: MappingNode, depth: int) -> None:
        first: dict[Any, Node] = {}
        scratch = _Builder(self.max_depth)  # keys were built once; report their faults once
        for key_node, _ in node.value:
            if key_node.tag == MERGE and key_node.__class__ is ScalarNode:
                continue
            key = scratch.key(key_node, depth)
            try:
                seen = first.get(key)
            except TypeError:
                continue
            if seen is None:
                first[key] = key_node
            else:
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first at line {seen.start_mark.line + 1})",
                    spoil=False,
                )

    def tagged_collection(self, node: Node, depth: int) -> Any:
        tag = node.tag
        if tag == SET and isinstance(node, MappingNode):
            members: set[Any] = set()
            for key_node, _ in node.value:
                try:
                    members.add(self.key(key_node, depth))
                except TypeError:
                    self.problem(key_node, "a set member must be a plain value")
            return members
        if tag in (OMAP, PAIRS) and isinstance(node, SequenceNode):
            # Built as plain data (a mapping, a list of [key, value]) so they dump back.
            pairs: list[list[Any]] = []
            for item in node.value:
                if not isinstance(item, MappingNode) or len(item.value) != 1:
                    self.problem(item, f"{_short_tag(tag)} items must be one-pair mappings")
                    continue
                key_node, value_node = item.value[0]
                pairs.append([self.key(key_node, depth), self.build(value_node, depth)])
            if tag == PAIRS:
                return pairs
            try:
                return dict(pairs)
            except TypeError:
                self.problem(node, "!!omap keys must be plain values")
                return None
        if tag in _COLLECTION_TAGS or tag in _SCALARS or tag in (STR, TIMESTAMP):
            self.problem(node, f"tag {_short_tag(tag)} cannot be used on {_kind_name(node)}")
        else:
            self.problem(node, f"unsupported tag {_short_tag(tag)!r}")
        return None


class _SharedBuilder(_Builder):
    """For documents with anchors: an aliased node is built once and shared, so the
    work stays linear (the expansion was already checked against the budget)."""

    __slots__ = ("memo",)

    def __init__(self, max_depth: int) -> None:
        super().__init__(max_depth)
        self.memo: dict[int, Any] = {}

    def build(self, node: Node, depth: int = 0) -> Any:
        key = id(node)
        if key in self.memo:
            return self.memo[key]
        value = super().build(node, depth)
        self.memo[key] = value
        return value


# --------------------------------------------------------------------------- limits


@dataclass
class _Frame:
    """An open collection while scanning events."""

    anchor: str | None
    mapping: bool
    start: int  # node count when it opened
    height: int = 0  # tallest child so far
    index: int = 0  # items (sequence) or keys and values (mapping) seen
    key: str | int = ""  # the current key, for the field path


@dataclass
class _Breach:
    line: int
    column: int
    field: str
    message: str
    documents: int = 1  # documents seen up to and including the breach


def _scan_events(payload: bytes, max_depth: int, max_nodes: int) -> _Breach | None:
    """Check the limits on the event stream, before anything is composed.

    Counts each document's nodes as if every alias were copied out in full, tracks
    the depth aliases reach, and refuses aliases to a node that contains them. It
    stops at the first breach, so an alias bomb or a file of a million nodes costs
    at most ``max_nodes`` events; libyaml's event parser is not recursive, so any
    depth is safe. Run only when a file has anchors or is big enough to matter.
    """
    anchors: dict[str, tuple[int, int]] = {}  # name -> (expanded size, height)
    stack: list[_Frame] = []
    count = 0
    aliased = False
    documents = 0

    def here(event: Any) -> tuple[int, int, str]:
        loc: list[str | int] = []
        for frame in stack:
            if frame.mapping:
                loc.append(frame.key if frame.index % 2 else "<key>")
            else:
                loc.append(frame.index)
        mark = event.start_mark
        return mark.line + 1, mark.column + 1, format_loc(tuple(loc))

    def finished(size_height: tuple[int, int], scalar: str | None = None) -> None:
        if not stack:
            return
        parent = stack[-1]
        parent.height = max(parent.height, size_height[1])
        if parent.mapping and parent.index % 2 == 0:
            parent.key = scalar if scalar is not None else "<key>"
        parent.index += 1

    def over_budget(event: Any) -> _Breach:
        if aliased:
            message = (
                f"aliases expand this document to more than {max_nodes:,} YAML nodes; "
                "file refused as a possible alias bomb"
            )
        else:
            message = f"this document has more than {max_nodes:,} YAML nodes; file refused"
        return _Breach(
            *here(event),
            message + " (raise limits.max_nodes in config.yaml if it is genuine)",
            documents,
        )

    try:
        loader = _Loader(payload)
    except yaml.YAMLError:
        return None  # composing reports it, located
    try:
        while loader.check_event():
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                count += 1
                if count > max_nodes:
                    return over_budget(event)
                if event.anchor is not None:
                    anchors[event.anchor] = (1, 0)
                finished((1, 0), event.value)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                count += 1
                if count > max_nodes:
                    return over_budget(event)
                if len(stack) + 1 > max_depth:
                    return _Breach(*here(event), _too_deep_message(max_depth), documents)
                stack.append(_Frame(event.anchor, kind is yaml.MappingStartEvent, count - 1))
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                frame = stack.pop()
                size_height = (count - frame.start, frame.height + 1)
                if frame.anchor is not None:
                    anchors[frame.anchor] = size_height
                finished(size_height)
            elif kind is yaml.AliasEvent:
                if any(frame.anchor == event.anchor for frame in stack):
                    return _Breach(
                        *here(event),
                        f"alias *{event.anchor} is inside the node it refers to "
                        "(recursive data); file refused",
                        documents,
                    )
                size, height = anchors.get(event.anchor, (1, 0))
                aliased = True
                count += size
                if count > max_nodes:
                    return over_budget(event)
                if len(stack) + height > max_depth:
                    return _Breach(*here(event), _too_deep_message(max_depth), documents)
                finished((size, height))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                anchors.clear()
                count = 0
                aliased = False
    except yaml.YAMLError:
        return None  # composing reports it, located
    finally:
        loader.dispose()
    return None


def _too_deep_message(max_depth: int) -> str:
    return (
        f"nested deeper than {max_depth} levels; refused "
        "(raise limits.max_depth in config.yaml to allow deeper nesting)"
    )


# --------------------------------------------------------------------------- locating


def _key_matches(key_node: Node, part: str | int) -> bool:
    if not isinstance(key_node, ScalarNode):
        return False
    if key_node.value == part or key_node.value == str(part):
        return True
    try:
        key = _Builder(1).build(key_node)
    except Exception:  # pragma: no cover - defensive
        return False
    return key == part or repr(key) == part


def _locate(root: Node, loc: Loc, *, at_key: bool = False) -> Node:
    """The node a pydantic location points at: the value for a bad value, the key
    for an unknown key, the enclosing mapping for a missing field."""
    node = root
    last = len(loc) - 1
    for i, part in enumerate(loc):
        if isinstance(node, MappingNode):
            found = next(
                (pair for pair in reversed(node.value) if _key_matches(pair[0], part)), None
            )
            if found is None:
                if isinstance(part, int):
                    continue  # ``source: {..}`` is validated as ``source[0]``
                return node
            if at_key and i == last:
                return found[0]
            node = found[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


def _paths(root: Node, wanted: set[int]) -> dict[int, Loc]:
    """Location (``positions[1].actor``) of each wanted node, key nodes included."""
    found: dict[int, Loc] = {}
    seen: set[int] = set()
    stack: list[tuple[Node, Loc]] = [(root, ())]
    while stack and len(found) < len(wanted):
        node, loc = stack.pop()
        if id(node) in wanted:
            found.setdefault(id(node), loc)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend((child, (*loc, i)) for i, child in reversed(list(enumerate(node.value))))
        elif isinstance(node, MappingNode):
            for key_node, value_node in reversed(node.value):
                part: str | int = key_node.value if isinstance(key_node, ScalarNode) else "<key>"
                stack.append((value_node, (*loc, part)))
                stack.append((key_node, (*loc, part)))
    return found


# --------------------------------------------------------------------------- loading


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    offset = max(0, min(offset, len(data)))
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, column


def load_bytes(data: bytes, origin: str, limits: LimitsSettings | None = None) -> LoadedFile:
    """Read every brief in ``data``. Never raises for bad input: all goes to problems."""
    result = LoadedFile(origin)
    try:
        _load(result, data, limits or _DEFAULT_LIMITS)
    except Exception as exc:  # last resort: a bug here must not become a traceback
        result.briefs = []
        result.problems = [
            Problem(
                origin,
                1,
                1,
                "",
                f"internal error while reading this file ({type(exc).__name__}: {exc}); "
                "file refused",
            )
        ]
        result._refused = 1
    return result


def _refuse(result: LoadedFile, line: int, column: int, message: str, where: str = "") -> None:
    """The whole file is refused: one problem, no briefs, counted as one refusal."""
    result.problems = [Problem(result.origin, line, column, where, message)]
    result.briefs = []
    result._refused = 1


def _load(result: LoadedFile, data: bytes, limits: LimitsSettings) -> None:
    if not isinstance(data, bytes):
        data = bytes(data)
    if len(data) > limits.max_file_bytes:
        _refuse(result, 1, 1, _size_message(len(data), limits.max_file_bytes))
        return
    payload = data[3:] if data.startswith(_BOM) else data
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _where(payload, exc.start)
        _refuse(
            result,
            line,
            column,
            f"not UTF-8: invalid byte 0x{payload[exc.start]:02x} at line {line} column {column}"
            "; file refused (save it as UTF-8)",
        )
        return
    max_depth = min(limits.max_depth, _DEPTH_CEILING)
    # Alias expansion and sheer size only need counting when they could break the
    # budget: with no anchor there is no alias, and a node takes at least half a
    # byte. Plain briefs skip this entirely.
    if (
        _may_have_anchors(payload)
        or 2 * len(payload) + 2 > limits.max_nodes
        or not _composer_is_depth_safe()
    ):
        breach = _scan_events(payload, max_depth, limits.max_nodes)
        if breach is not None:
            _refuse(result, breach.line, breach.column, breach.message, breach.field)
            result.documents = breach.documents
            return
        builder_class: type[_Builder] = _SharedBuilder
    else:
        builder_class = _Builder

    roots: list[Node] = []
    loader = None
    try:
        loader = _Loader(payload)  # PyYAML's Python reader may already fail here
        while loader.check_node():
            roots.append(loader.get_node())
    except yaml.MarkedYAMLError as exc:
        result.documents = len(roots) + 1
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "unreadable YAML"
        if "nesting depth" in problem:
            _refuse(result, line, column, _too_deep_message(max_depth))
            return
        context = ""
        if exc.context:
            cm = exc.context_mark
            at = f" at line {cm.line + 1}, column {cm.column + 1}" if cm and cm != mark else ""
            context = f" ({exc.context}{at})"
        kind = "YAML error" if isinstance(exc, yaml.composer.ComposerError) else "YAML syntax error"
        before = len(roots)
        if before:
            plural = "s" if before > 1 else ""
            context += f"; the {before} document{plural} before it are not read either"
        _refuse(result, line, column, f"file refused: {kind}: {problem}{context}")
        return
    except yaml.reader.ReaderError as exc:
        result.documents = len(roots) + 1
        offset = exc.position
        if issubclass(_Loader, yaml.reader.Reader):  # PyYAML's own reader counts characters
            offset = len(payload.decode("utf-8")[:offset].encode("utf-8"))
        line, column = _where(payload, offset)
        what = f" #x{exc.character:04x}" if isinstance(exc.character, int) else ""
        _refuse(result, line, column, f"file refused: character{what} not allowed: {exc.reason}")
        return
    except yaml.YAMLError as exc:
        result.documents = len(roots) + 1
        _refuse(result, 1, 1, f"file refused: not readable as YAML: {exc}")
        return
    except RecursionError:  # the pure-Python composer on absurd nesting
        result.documents = len(roots) + 1
        _refuse(result, 1, 1, _too_deep_message(max_depth))
        return
    finally:
        if loader is not None:
            loader.dispose()

    result.documents = len(roots)
    empty = [_is_empty(root) for root in roots]
    if all(empty):
        _refuse(result, 1, 1, "empty file: no brief")
        return

    refused = 0
    problems: list[Problem] = []
    for root, is_empty in zip(roots, empty, strict=True):
        if is_empty:
            problems.append(_problem(result.origin, root, "", "empty document skipped", "warning"))
            continue
        brief, found = _document(result.origin, root, builder_class(max_depth))
        problems.extend(found)
        if brief is None:
            refused += 1
        else:
            result.briefs.append(brief)
    problems.sort(key=lambda p: (p.line, p.column))
    result.problems = problems
    result._refused = refused


def _may_have_anchors(payload: bytes) -> bool:
    """Could this text hold an anchor (and so aliases)? Never wrong about "no"."""
    if b"&" not in payload:
        return False
    for match in _ANCHOR.finditer(payload):
        start = match.start()
        if start == 0 or payload[start - 1] in _BEFORE_ANCHOR:
            return True
    return False


def _is_empty(root: Node) -> bool:
    return isinstance(root, ScalarNode) and root.tag == NULL and root.value == ""


def _problem(
    origin: str, node: Node, where: str, message: str, severity: Severity = "error"
) -> Problem:
    mark = node.start_mark
    return Problem(origin, mark.line + 1, mark.column + 1, where, message, severity)


def _document(origin: str, root: Node, builder: _Builder) -> tuple[Brief | None, list[Problem]]:
    """Build, validate and locate the problems of one YAML document."""
    max_depth = builder.max_depth
    try:
        data = builder.build(root)
    except _TooDeep as exc:
        where = _paths(root, {id(exc.node)}).get(id(exc.node), ())
        return None, [_problem(origin, exc.node, format_loc(where), _too_deep_message(max_depth))]
    except RecursionError:  # only if the caller's own stack is already very deep
        return None, [_problem(origin, root, "", _too_deep_message(max_depth))]

    brief, model_problems = validate_brief(data)
    problems: list[Problem] = []
    if builder.problems:
        paths = _paths(root, {id(node) for node, _ in builder.problems})
        for node, message in builder.problems:
            problems.append(_problem(origin, node, format_loc(paths.get(id(node), ())), message))
    for loc, message in model_problems:
        at_key = message.startswith("unknown field") or message == "Keys should be strings"
        node = _locate(root, loc, at_key=at_key)
        if id(node) in builder.spoiled:
            continue  # already reported (unsupported tag, unreadable scalar)
        message = builder.hints.get(id(node), message)
        problems.append(_problem(origin, node, format_loc(loc), message))
    if isinstance(data, dict) and isinstance(root, MappingNode):
        for key in data:
            if isinstance(key, str) and key not in _FIELDS:
                node = _locate(root, (key,), at_key=True)
                problems.append(
                    _problem(
                        origin, node, key, f"unknown field {key!r} kept as extra data", "warning"
                    )
                )
    if builder.problems:
        brief = None
    if len(problems) > _MAX_PROBLEMS:
        problems.sort(key=lambda p: (p.line, p.column))
        rest = len(problems) - _MAX_PROBLEMS
        more = replace(problems[_MAX_PROBLEMS], field="")
        problems = problems[:_MAX_PROBLEMS]
        problems.append(replace(more, message=f"{rest:,} more problems in this document"))
    return brief, problems


def _size_message(size: int, limit: int) -> str:
    return (
        f"file is {size:,} bytes, over the limit of {limit:,} bytes; refused without parsing "
        "(raise limits.max_file_bytes in config.yaml to allow bigger files)"
    )


def load_file(path: Path, limits: LimitsSettings | None = None) -> LoadedFile:
    """Read one brief file. Only a regular file is read, never a pipe or device (even
    one that replaced the file after a folder was listed); the size cap is checked
    before reading; a file that changed while it was read is read again (see
    :func:`briefing.files.read_checked`). An unreadable file is a problem, not an
    exception. ``read_stamp`` of the result tells when the file may count as settled."""
    limits = limits or _DEFAULT_LIMITS
    origin = str(path)
    try:
        data, stamp = read_checked(path, limits.max_file_bytes)
    except TooBig as exc:
        result = LoadedFile(origin)
        if exc.size is not None:
            _refuse(result, 1, 1, _size_message(exc.size, limits.max_file_bytes))
        else:  # it grew while read
            _refuse(
                result,
                1,
                1,
                f"file is over the limit of {limits.max_file_bytes:,} bytes; refused without "
                "parsing (raise limits.max_file_bytes in config.yaml to allow bigger files)",
            )
        return result
    except OSError as exc:
        result = LoadedFile(origin)
        _refuse(result, 1, 1, f"cannot read file: {exc.strerror or exc}")
        return result
    result = load_bytes(data, origin, limits)
    result.read_stamp = stamp
    return result
