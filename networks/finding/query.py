"""The query as typed: cleaned, then read as web-search syntax (words, "exact phrases", -without,
or) for the engine that runs it."""

import re
import unicodedata
from dataclasses import dataclass

MIN_LENGTH = 2
MAX_LENGTH = 200
MAX_TERMS = 12

# PostgreSQL's English stop words (snowball), which its search leaves out of every vector and
# query; SQLite's index keeps every word, so its queries leave these out instead.
ENGLISH_STOP_WORDS = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can did do does doing don down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own s same she should so some such t than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with you your yours
    yourself yourselves
"""
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS.split())


def clean_query(raw):
    """(text to search for, problem, notes). `problem` says why there is nothing to search
    for; notes say what we changed. Control characters go (PostgreSQL refuses NUL)."""
    text = "".join(
        " " if unicodedata.category(char).startswith(("C", "Z")) else char for char in raw
    )
    text = " ".join(text.split())
    notes = []
    if len(text) > MAX_LENGTH:
        text = (
            text[:MAX_LENGTH].rsplit(" ", 1)[0] if " " in text[:MAX_LENGTH] else text[:MAX_LENGTH]
        )
        notes.append(f"Your search was long, so we searched for its first {len(text)} characters.")
    if not text:
        return "", "empty", notes
    if not any(char.isalnum() for char in text):
        return text, "no_words", notes
    if sum(char.isalnum() for char in text) < MIN_LENGTH:
        return text, "too_short", notes
    parsed = parse(text)
    if parsed.unwanted and not parsed.wanted:
        return text, "only_exclusions", notes
    return text, "", notes


def singular(word):
    """A rough English singular, enough for "contains": classes, studies, mentors."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text):
    """The plain words of a query, each once: websearch's "or" and quotes dropped, a plural
    "s" taken off so that "mentors" still finds "mentor"."""
    found = []
    for word in re.findall(r"\w+", text.lower()):
        if word == "or" or len(word) < MIN_LENGTH:
            continue
        word = singular(word)
        if word not in found:
            found.append(word)
    return found[:MAX_TERMS]


# --- Web-search syntax -------------------------------------------------------------------------

ITEM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Parsed:
    """`wanted`: clauses that must all match, each a tuple of alternatives (joined by "or"),
    each alternative a phrase (a tuple of words). `unwanted`: phrases that must not match."""

    wanted: tuple
    unwanted: tuple


def _phrase(chunk):
    """The words of a chunk: "V&A" is the phrase "v a", as both engines split it."""
    return tuple(re.findall(r"\w+", chunk.lower()))


def parse(text):
    wanted, unwanted, joining = [], [], False
    count = 0
    for match in ITEM.finditer(text):
        quoted = match.group(2) is not None
        minus, chunk = (match.group(1), match.group(2)) if quoted else match.group(3, 4)
        if not quoted and chunk.lower() == "or":
            joining = bool(wanted)
            continue
        words = _phrase(chunk)
        # A lone common word finds nothing on PostgreSQL: leave it out on SQLite too.
        if not quoted and len(words) == 1 and words[0] in STOP_WORDS:
            words = ()
        if not words or count >= MAX_TERMS:
            joining = False
            continue
        count += 1
        if minus:
            unwanted.append(words)
        elif joining:
            wanted[-1] += (words,)
        else:
            wanted.append((words,))
        joining = False
    return Parsed(tuple(wanted), tuple(unwanted))


def fts5_query(text):
    """The query in SQLite FTS5 syntax, every word quoted (so that no character the person
    typed is FTS5 syntax), or "" when there is nothing to look for."""
    parsed = parse(text)

    def phrase(words):
        return '"' + " ".join(words) + '"'

    if not parsed.wanted:
        return ""
    clauses = [
        "(" + " OR ".join(phrase(words) for words in clause) + ")" for clause in parsed.wanted
    ]
    query = " AND ".join(clauses)
    if parsed.unwanted:
        query = f"({query})" + "".join(f" NOT {phrase(words)}" for words in parsed.unwanted)
    return query
