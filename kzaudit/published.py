"""published: the publication date a web page or a Markdown file declares about itself.

Why: a newsroom's HTML pages and Markdown drafts rarely carry a dateline with a date
("MOMBASA —"), but they do carry the date in their metadata: JSON-LD
``"datePublished"``, ``<meta property="article:published_time">``, a
``<time datetime="…">`` element, or ``date:`` in YAML/TOML front matter.  Without a
reference date the rules that need one (weekday-mismatch for yearless dates,
date-tense) stay silent, so reading it turns them on for the commonest CI input.

Only ISO dates (``2024-05-02``, optionally with a time) are read: metadata is
machine-written, and a free-text guess here would set the story's year wrongly.
Every pattern is linear (bounded repetitions, no nested quantifiers) and looks only
at the head of the file.
"""

from __future__ import annotations

import datetime as dt

import regex

from kzaudit import regexcache

HEAD_CHARS = 300_000  # metadata sits in <head> or the first lines: a bounded look

_ISO = r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"
_Q = r"[\"']"

# The meta tags publishers put the publication date in (name, property or itemprop)
_META_NAME = (
    r"[\"'](?:article:published_time|og:published_time|datePublished|pubdate|"
    r"publishdate|publish[-_]date|date|dc\.date|dc\.date\.issued|dcterms\.created|"
    r"parsely-pub-date|sailthru\.date)[\"']"
)
_META_KEY = r"(?:property|name|itemprop)[ \t]{0,5}=[ \t]{0,5}" + _META_NAME
_META_CONTENT = rf"content[ \t]{{0,5}}=[ \t]{{0,5}}{_Q}{_ISO}"

# In the order of trust: structured data first, then the publisher's meta tags (the
# name before or after the content), then the first <time datetime> element of the page.
_HTML_PATTERNS = (
    regexcache.compile(rf"{_Q}datePublished{_Q}[ \t\r\n]{{0,20}}:[ \t\r\n]{{0,20}}{_Q}{_ISO}"),
    regexcache.compile(rf"(?i)<meta\b[^>]{{0,300}}?{_META_KEY}[^>]{{0,300}}?{_META_CONTENT}"),
    regexcache.compile(
        rf"(?i)<meta\b[^>]{{0,300}}?{_META_CONTENT}[^\"'>]{{0,40}}{_Q}[^>]{{0,300}}?{_META_KEY}"
    ),
    regexcache.compile(rf"(?i)<time\b[^>]{{0,300}}?datetime[ \t]{{0,5}}=[ \t]{{0,5}}{_Q}?{_ISO}"),
)

# YAML ``date: 2024-05-02`` / ``date: "2024-05-02T08:00:00Z"``, TOML ``date = 2024-05-02``
_FRONT_MATTER_DATE = regexcache.compile(
    r"(?m)^(?i:date|published|pubdate|publishdate|publish_date|date_published)"
    rf"[ \t]{{0,10}}[:=][ \t]{{0,10}}{_Q}?{_ISO}"
)
_FRONT_MATTER_OPEN = regexcache.compile(r"(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n")
FRONT_MATTER_CHARS = 20_000


def published_date(source: str, kind: str) -> dt.date | None:
    """The date the file says it was published, for ``kind`` ``"html"``/``"markdown"``."""
    if kind == "html":
        head = source[:HEAD_CHARS]
        for pattern in _HTML_PATTERNS:
            m = pattern.search(head)
            if m is not None:
                return _date(m)
        return None
    if kind == "markdown":
        return _front_matter_date(source)
    return None


def _front_matter_date(source: str) -> dt.date | None:
    """``date:`` in the front matter block that opens the file (not in the body)."""
    opening = _FRONT_MATTER_OPEN.match(source)
    if opening is None:
        return None
    fence = opening.group(1)
    head = source[:FRONT_MATTER_CHARS]
    close = head.find("\n" + fence, opening.end() - 1)
    if close == -1:
        return None
    m = _FRONT_MATTER_DATE.search(head, opening.end(), close + 1)
    return _date(m) if m is not None else None


def _date(m: regex.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:  # 2023-02-30
        return None
