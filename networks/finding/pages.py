"""Pages the search finds: each a title, an address and its words, from the page texts staff
keep (PageSection) and from the words its template says itself.

Apps register their pages (`register_page`), as mentoring does from its AppConfig.ready(), so
that search needs to import none of them.
"""

import html
import re
from dataclasses import dataclass, field

from django.template.loader import get_template
from django.urls import reverse

from core.text import markdown_to_text
from networks.content.models import PageSection


@dataclass(frozen=True)
class Page:
    """`key` names the page in the index; `sections` are the PageSection keys it shows;
    `template` (with `part`, a CSS class) gives the fixed words of its template: those of the
    content block, or only of its elements with that class. Without a `title`, the first
    section's heading is the title (as for the privacy notice)."""

    key: str
    url_name: str
    title: str = ""
    sections: tuple = ()
    template: str = ""
    part: str = ""
    order: int = field(default=100, compare=False)

    @property
    def url(self):
        return reverse(self.url_name)


PAGES = {}


def register_page(page):
    PAGES[page.key] = page


def registered():
    return sorted(PAGES.values(), key=lambda page: (page.order, page.key))


CONTENT_BLOCK = re.compile(r"{%\s*block content\s*%}(.*?){%\s*endblock", re.S)
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
TAG = re.compile(r"<[^>]*>")


def template_words(name, part=""):
    """The words a template says itself: its content block's text, without tags or template
    syntax (what a variable fills in is indexed from where it comes from)."""
    source = get_template(name).template.source
    block = CONTENT_BLOCK.search(source)
    source = block.group(1) if block else source
    if part:
        found = re.findall(rf'<(\w+)[^>]*class="[^"]*\b{re.escape(part)}\b[^"]*"[^>]*>(.*?)</\1>',
                           source, re.S)  # fmt: skip
        source = " ".join(inner for _, inner in found)
    text = TAG.sub(" ", TEMPLATE_SYNTAX.sub(" ", source))
    return " ".join(html.unescape(text).split())


def documents():
    """[(key, title, body), ...] of every registered page, its page texts as staff saved them
    (or their initial words): one query."""
    pages = registered()
    keys = [key for page in pages for key in page.sections]
    texts = PageSection.objects.texts(*keys) if keys else {}
    found = []
    for page in pages:
        sections = [texts[key] for key in page.sections if texts.get(key)]
        title = page.title or (sections[0].heading if sections else page.key)
        parts = [template_words(page.template, page.part)] if page.template else []
        for section in sections:
            heading = "" if section.heading == title else section.heading
            parts.append(" ".join(filter(None, [heading, markdown_to_text(section.filled_body)])))
        found.append((page.key, title, "\n\n".join(part for part in parts if part)))
    return found


register_page(Page("home", "networks:home", "Skills sharing", order=0, sections=(
    "introduction", "research", "mdo_training", "area", "sub_regional", "subject",
    "practitioner", "mentoring",
)))  # fmt: skip
register_page(Page("networks", "networks:list", "Networks", ("networks_intro",), order=10))
register_page(Page("events", "events:list", "Events", ("events_intro",), order=20))
register_page(Page("resources", "networks:resources", "Resources", ("resources_intro",), order=40))
register_page(
    Page("open_data", "networks:open_data", "Open data", ("open_data_licence",), order=50)
)
register_page(Page("privacy", "privacy", sections=("privacy",), order=60))
register_page(Page("accessibility", "accessibility", sections=("accessibility",), order=70))
