"""Passages: plain text with two control characters around each highlighted word. They become
HTML only in `render_passage`, which escapes everything else."""

import html
import re

from django.utils.safestring import mark_safe

START, STOP = "\x02", "\x03"  # around a highlighted word; no text we store contains them
WINDOW = 30  # words

MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)?")
MARKDOWN_NOISE = re.compile(
    r"</?[a-zA-Z][^>]*>|\]\([^)\s]*\)?|(?m:^\s*[#>]+\s)|[*`\[\]]+|(?<!\w)_+|_+(?!\w)"
)
HIGHLIGHT = re.compile(f"{START}([^{START}{STOP}]*){STOP}")


def strip_markup(raw):
    return MARKDOWN_NOISE.sub("", MARKDOWN_LINK.sub(r"\1", raw or ""))


def render_passage(raw):
    """A passage as safe HTML: Markdown marks and tags dropped, everything escaped, and only
    our own highlight markers turned into <mark>."""
    text = html.escape(" ".join(strip_markup(raw).split()), quote=False)
    text = HIGHLIGHT.sub(r"<mark>\1</mark>", text)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # escaped just above


def window(highlighted):
    """Some WINDOW words around the first highlight of a text (Markdown allowed, highlights
    marked), "…" where it was cut. Markup goes first, so that a cut never halves a tag."""
    words = strip_markup(highlighted).split()
    first = next((i for i, word in enumerate(words) if START in word), 0)
    start = max(0, first - WINDOW // 3)
    passage = ("… " if start else "") + " ".join(words[start : start + WINDOW])
    if start + WINDOW < len(words):
        passage += " …"
    return passage
