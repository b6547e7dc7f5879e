"""The one place where staff-written Markdown becomes HTML (or plain text)."""

import functools
import re
from html.parser import HTMLParser

import markdown as md
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


# Both are pure functions of the text, and a feed or list renders the same few hundred texts on
# every request: remembered per process, the most recently used first.
MEMO_SIZE = 4096


@functools.lru_cache(maxsize=MEMO_SIZE)
def render_markdown(text):
    """Render Markdown to HTML that is safe to show: nh3 drops scripts, event handlers,
    styles and any URL scheme other than http, https and mailto."""
    html = md.markdown(text or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # Safe: nh3 has just removed everything outside the allow-lists above.
    return mark_safe(cleaned)


class _TextParser(HTMLParser):
    """Plain text from the HTML render_markdown makes: blocks apart, list items on their own
    lines, a link's address after its words."""

    BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "pre", "hr", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.parts.append("- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.hrefs:
            href = self.hrefs.pop().removeprefix("mailto:")
            if href and self.parts[-1:] != [href]:
                self.parts.append(f" ({href})")
        elif tag == "li":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        # Markdown puts newlines between block tags; they are layout, not text.
        if data.strip() or "\n" not in data:
            self.parts.append(data)


@functools.lru_cache(maxsize=MEMO_SIZE)
def markdown_to_text(text):
    """Staff-written Markdown as plain text, for calendar feeds and other places without HTML."""
    parser = _TextParser()
    parser.feed(render_markdown(text))
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()
