"""The bottom line is the lead event, never the page's standfirst (issue 12, round 6).

The page below is written for this test."""

from __future__ import annotations

from briefing.derive.extract_text import from_html, strip_dateline
from briefing.derive.sentences import Span
from briefing.derive.summary import summarise

_PAGE = """<!doctype html><html><head><title>Kestrel Bay ferry operator halts night sailings</title>
<meta property="og:title" content="Kestrel Bay ferry operator halts night sailings"></head>
<body><article>
<h1>Kestrel Bay ferry operator halts night sailings</h1>
<p class="{cls}">Islanders fear isolation; council says it will look for another operator</p>
<p>The only ferry operator serving Kestrel Bay said on Monday it would stop all night
sailings from March 1, blaming a shortage of qualified crew and rising fuel costs.</p>
<p>The island council said it would ask the transport ministry for an emergency subsidy
and begin looking for another operator to run the evening routes.</p>
<p>"We cannot be cut off every night," said Mara Quint, who runs the island's only
pharmacy. "People here need to get to hospital at any hour."</p>
<p>The operator said the decision would be reviewed in the summer.</p>
</article></body></html>"""


def _lead_of(page: str) -> str:
    article = from_html(page)
    paragraphs = article.paragraphs
    spans = [[Span(k, 0, len(p), p)] for k, p in enumerate(paragraphs)]
    return summarise(spans, paragraphs).split("\n\n", 1)[0]


def test_the_standfirst_is_not_the_bottom_line() -> None:
    for cls in ("standfirst", "dek", "subhead", "summary"):
        line = _lead_of(_PAGE.replace("{cls}", cls))
        assert "The only ferry operator serving Kestrel Bay said on Monday" in line, (cls, line)
        assert "Islanders fear isolation" not in line


def test_a_headline_style_first_paragraph_is_not_the_lead() -> None:
    """No class to go by: a paragraph without a closing full stop is a heading."""
    paragraphs = [
        "Islanders fear isolation; council says it will look for another operator",
        "The only ferry operator serving Kestrel Bay said on Monday it would stop night sailings.",
    ]
    spans = [[Span(k, 0, len(p), p)] for k, p in enumerate(paragraphs)]
    line = summarise(spans, paragraphs).split("\n\n", 1)[0].strip()
    assert line == (
        "**Bottom line:** The only ferry operator serving Kestrel Bay said on Monday it would "
        "stop night sailings."
    )


def test_an_agency_tag_with_a_slash_is_stripped() -> None:
    assert strip_dateline("HARBOURTON, May 2 (Coastwire/Agencies) – The port reopened.") == (
        "The port reopened."
    )


def test_a_label_before_the_lead_is_dropped_and_the_dateline_stripped() -> None:
    label = '<p class="pubdate">Published <time>2036</time></p><p>'
    page = _PAGE.replace('<p class="{cls}">', label)
    page = page.replace("<p>The only ferry", "<p>KESTREL BAY – The only ferry")
    article = from_html(page)
    assert article.paragraphs[0].startswith("Islanders fear isolation")
    assert strip_dateline(article.paragraphs[1]).startswith("The only ferry operator")
