"""The summary: the lead sentence as the bottom line, then the next few sentences."""

from __future__ import annotations

from briefing.derive.sentences import Span, clip


def summarise(sentences: list[list[Span]], paragraphs: list[str], more: int = 3) -> str:
    """``**Bottom line:** <lead sentence>`` and a second paragraph of what follows it."""
    flat = [s for spans in sentences for s in spans]
    if not flat:
        return "**Bottom line:** (no text)"
    lead = clip(flat[0].text, 400)
    rest = []
    for span in flat[1:]:
        text = span.text.strip()
        if len(text.split()) < 4:
            continue
        rest.append(clip(text, 300))
        if len(rest) >= more:
            break
    summary = f"**Bottom line:** {lead}"
    if rest:
        summary += "\n\n" + " ".join(rest)
    return summary + "\n"
