"""Every key binding of the reader's main screen and app, with a stable id.

Ids are what ``ui.keys`` in config.yaml overrides (``binding id -> comma-separated keys``,
applied with :meth:`textual.app.App.set_keymap`), and what the help screen (``?``) lists
next to each key. Keep ids stable: they are user configuration.

Bindings are *defined* here and *attached* in the classes that handle them (the app, the
main screen, the brief list, the panes), so the help screen can read the live bindings
of each (overrides applied) rather than a hand-written list that drifts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

# -- movement inside the focused list or pane ------------------------------------------
MOVE: list[Binding] = [
    Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
    Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
    Binding("g", "first", "First", show=False, id="first"),
    Binding("G", "last", "Last", show=False, id="last"),
]

#: The arrow/page keys: built in, not overridable (so a remap never loses them).
ARROWS: list[Binding] = [
    Binding("down", "cursor_down", "Down", show=False),
    Binding("up", "cursor_up", "Up", show=False),
    Binding("home", "first", "First", show=False),
    Binding("end", "last", "Last", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
]


def select(description: str, *, show: bool = False) -> Binding:
    """``enter`` on the focused item; what it does depends on the pane."""
    return Binding("enter", "select", description, show=show, id="select")


# -- the main screen ------------------------------------------------------------------
_ACTOR = Binding.Group("Actor")

MAIN: list[Binding] = [
    # Repeated from APP so that the footer shows it first.
    Binding("question_mark", "app.help", "Help", id="help"),
    Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="next_pane"),
    Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="previous_pane"),
    Binding("1", "focus_pane('briefs')", "Brief list", show=False, id="focus_list"),
    Binding("2", "focus_pane('summary')", "Summary", show=False, id="focus_summary"),
    Binding("3", "focus_pane('actors')", "Actors", show=False, id="focus_actors"),
    Binding("4", "focus_pane('positions')", "Positions", show=False, id="focus_positions"),
    Binding("5", "focus_pane('questions')", "Open questions", show=False, id="focus_questions"),
    Binding("6", "focus_pane('timeline')", "Timeline", show=False, id="focus_timeline"),
    Binding("n", "step_actor(1)", "Next actor", id="next_actor", group=_ACTOR),
    Binding("p", "step_actor(-1)", "Previous actor", id="previous_actor", group=_ACTOR),
    Binding("f", "toggle_actor_filter", "Filter to actor", id="filter_actor"),
    Binding("a", "open_actor", "Open actor", id="open_actor"),
    Binding("u", "toggle_read", "Read/unread", id="toggle_read"),
    Binding("t", "filter_tag", "Tag", id="filter_tag"),
    Binding("o", "open_source", "Source", id="open_source"),
    Binding("c", "what_changed", "What changed", show=False, id="what_changed"),
    Binding("e", "edit_brief", "Edit", show=False, id="edit_brief"),
    Binding("escape", "back", "Back / clear filter", show=False, id="back"),
]

# -- anywhere -------------------------------------------------------------------------
APP: list[Binding] = [
    Binding("question_mark", "help", "Help", id="help"),
    Binding("slash", "search", "Search", id="search"),
    Binding(
        "ctrl+p", "command_palette", "Commands", show=False, id="command_palette", priority=True
    ),
    Binding("r", "fetch", "Fetch", id="fetch"),
    Binding("T", "timeline", "Timeline", show=False, id="timeline"),
    Binding("w", "topic", "Who said what", show=False, id="topic"),
    Binding("q", "quit", "Quit", id="quit"),
    Binding("escape", "back", "Back", show=False, id="back"),
]

# -- the help screen ------------------------------------------------------------------
HELP: list[Binding] = [
    *MOVE,
    Binding("escape,q,question_mark", "close", "Close help", id="close_help"),
]

#: Every binding id defined here (to warn about unknown ids in ``ui.keys``).
KNOWN_IDS: frozenset[str] = frozenset(b.id for b in (*MOVE, *MAIN, *APP, *HELP, select("")) if b.id)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One line of the help screen."""

    keys: str  # as displayed, e.g. "j, ↓"
    description: str
    binding_id: str  # "" when not overridable


def live_bindings(app: App, node: DOMNode | type[DOMNode]) -> BindingsMap:
    """The bindings of ``node`` (a live node or a class) with the app's keymap applied."""
    bindings = node._merge_bindings() if isinstance(node, type) else node._bindings.copy()
    if app._keymap:
        bindings.apply_keymap(app._keymap)
    return bindings


def key_rows(
    app: App,
    node: DOMNode | type[DOMNode],
    *,
    skip_ids: Iterable[str] = (),
    skip_actions: Iterable[str] = (),
) -> list[KeyRow]:
    """Help lines for one node's bindings: one line per action, all its keys together."""
    skip_ids, skip_actions = set(skip_ids), set(skip_actions)
    grouped: dict[tuple[str, str], list[Binding]] = {}
    for _key, binding in live_bindings(app, node):
        if binding.system or binding.id in skip_ids or binding.action in skip_actions:
            continue
        grouped.setdefault((binding.action, binding.description), []).append(binding)
    rows: list[KeyRow] = []
    for (_action, description), bindings in grouped.items():
        keys: list[str] = []
        for binding in bindings:
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
        ids = sorted({b.id for b in bindings if b.id})
        rows.append(KeyRow(", ".join(keys), description or _action, ", ".join(ids)))
    return rows


def describe(rows: Sequence[KeyRow]) -> str:
    """Plain text of help rows (for tests and the README)."""
    return "\n".join(f"{r.keys:<14} {r.description:<28} {r.binding_id}" for r in rows)
