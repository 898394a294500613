"""markup: blank Markdown and HTML markup out of an article, keeping every offset.

Both strippers return ``(text, suppressions)`` where ``len(text) == len(source)``:
markup becomes spaces, so an offset found in the analysis text is the offset of
the same character in the file.  Paragraph structure survives as newlines: in
HTML, block tags (``<p>``, ``<div>``, ``<li>``, ``<br>``, ...) are blanked to
``"\\n\\n"`` plus spaces and newlines inside running text become spaces (HTML
whitespace), so paragraphs come from the markup, not from how the file is wrapped.
Entities become their character padded with spaces on the side away from
the word they touch (``&amp; `` -> ``&     ``, ``&ldquo;We`` -> ``      \u201cWe``).

Why not selectolax: its parsers expose no source offsets, and a linear
hand-written scanner keeps the offset guarantee simple (one piece out per piece in).

Suppression comments (Markdown and HTML):
``<!-- kzaudit: ignore -->`` or ``<!-- kzaudit: ignore rule-a, rule-b -->`` silences
all (or the named) rules in the next paragraph; ``<!-- kzaudit: ignore-file ... -->``
in the whole file.

Every pattern is linear: bounded repetitions, disjoint alternatives, and each scan
only moves forward.
"""

from __future__ import annotations

import bisect

import regex

from kzaudit import regexcache
from kzaudit.model import Span

Suppressions = list[tuple[Span, frozenset[str]]]

_NOT_NL = regexcache.compile(r"[^\n]")
_BLANK_LINE = regexcache.compile(r"\n[ \t\f\v]*\n")
_NON_SPACE = regexcache.compile(r"\S")
_ENTITY = regexcache.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_DIRECTIVE = regexcache.compile(r"\s{0,20}kzaudit:\s{0,20}(ignore-file|ignore)\b([^\n]{0,1000})")
_RULE_ID = regexcache.compile(r"[a-z0-9][a-z0-9-]{0,63}")
MAX_DIRECTIVES = 10_000  # suppression comments honoured per file


def blank(segment: str) -> str:
    """Spaces of the same length, newlines kept."""
    if "\n" not in segment:
        return " " * len(segment)
    return _NOT_NL.sub(" ", segment)


def _entity(m: regex.Match[str]) -> str:
    """The character, padded on the side away from the word it belongs to.

    ``&ldquo;We`` -> ``"      \u201cWe"`` (an opening mark stays on its word);
    ``said,&rdquo; he`` and ``Kazakhstan&rsquo;s`` -> the character, then spaces.
    """
    from html import unescape  # ~1 ms to import: only articles with entities need it

    raw = m.group()
    char = unescape(raw)
    if len(char) > len(raw):
        return raw
    pad = " " * (len(raw) - len(char))
    text, start, end = m.string, m.start(), m.end()
    opens = (start == 0 or text[start - 1].isspace()) and end < len(text)
    if opens and not text[end].isspace():
        return pad + char
    return char + pad


def unescape_entities(text: str) -> str:
    """Character references to their character, padded with spaces to the same length."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_entity, text)


# -- suppression comments ----------------------------------------------------------


def _directive(body: str) -> tuple[bool, frozenset[str]] | None:
    """``(whole_file, rules)`` for a ``kzaudit: ignore...`` comment body, else None."""
    m = _DIRECTIVE.match(body)
    if m is None:
        return None
    rules = frozenset(_RULE_ID.findall(m.group(2).lower().replace("-->", "")))
    return m.group(1) == "ignore-file", rules


def _suppressions(
    text: str, directives: list[tuple[int, int, bool, frozenset[str]]]
) -> Suppressions:
    """Each ``ignore`` covers the comment and the paragraph after it (in analysis text).

    Scans run backwards over disjoint gaps (comment end .. next comment start), so
    many comments in one paragraph stay linear.
    """
    out: Suppressions = []
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    next_text: int | None = None
    limit = len(text)
    for start, end, whole, rules in reversed(directives[:MAX_DIRECTIVES]):
        m = _NON_SPACE.search(text, end, limit)
        if m is not None:
            next_text = m.start()
        limit = start
        if whole:
            out.append((Span(0, len(text)), rules))
            continue
        if next_text is None:
            continue
        i = bisect.bisect_left(breaks, next_text)
        para_end = breaks[i] if i < len(breaks) else len(text)
        out.append((Span(start, para_end), rules))
    out.sort(key=lambda s: (s[0].start, s[0].end, sorted(s[1])))
    return out


def _comments(text: str) -> tuple[str, list[tuple[int, int, bool, frozenset[str]]]]:
    """Blank ``<!-- ... -->`` comments (Markdown); collect kzaudit directives."""
    if "<!--" not in text:
        return text, []
    pieces: list[str] = []
    directives: list[tuple[int, int, bool, frozenset[str]]] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start == -1:
            break
        close = text.find("-->", start + 4)
        end = len(text) if close == -1 else close + 3
        found = _directive(text[start + 4 : end])
        if found:
            directives.append((start, end, *found))
        pieces.append(text[pos:start])
        pieces.append(blank(text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), directives


# -- Markdown ----------------------------------------------------------------------

_FRONT_MATTER = regexcache.compile(r"(---|\+\+\+)[ \t]*\n")
_FENCE = regexcache.compile(r" {0,3}(`{3,}|~{3,})")
_HR = regexcache.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = regexcache.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_REF_DEF = regexcache.compile(r" {0,3}\[[^\[\]\n]{1,999}\]:[^\n]*$")
_BLOCK_PREFIX = regexcache.compile(
    r"(?:[ ]{0,3}>[ ]?){0,20}"  # block quote markers
    r"(?:[ \t]{0,12}(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))?"  # list marker
    r"(?:[ ]{0,3}#{1,6}(?=[ \t]|$))?"  # ATX heading marker
)
_HEADING_TAIL = regexcache.compile(r"[ \t]#{1,50}[ \t]*$")
_LIST_ITEM = regexcache.compile(r"[ \t]{0,12}(?:[-*+]|\d{1,9}[.)])[ \t]")
_TABLE_DELIM = regexcache.compile(
    r"[ \t]{0,3}\|?(?:[ \t]{0,20}:?-{1,200}:?[ \t]{0,20}\|){1,100}[ \t:-]{0,200}$"
)

_CODE_SPAN = regexcache.compile(r"(?<!`)(`{1,3})(?!`)([^\n]{1,2000}?)(?<!`)\1(?!`)")
_ESCAPE = regexcache.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = regexcache.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]{1,2000}|[^<>\s@]{1,200}@[^<>\s@]{1,200})>"
)
_INLINE_TAG = regexcache.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:[ \t\n/][^<>]{0,2000})?>")
_IMAGE = regexcache.compile(r"!\[[^\[\]\n]{0,1000}\]\([^()\n]{0,2000}\)")
_LINK = regexcache.compile(
    r"(\[)[^\[\]\n]{1,1000}(\]\((?:[^()\s]|\([^()\s]{0,500}\)){0,2000}"
    r"(?:[ \t]{1,5}(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'))?[ \t]{0,5}\))"
)
_REF_LINK = regexcache.compile(r"(\[)[^\[\]\n]{1,1000}(\]\[[^\[\]\n]{0,200}\])")
_EMPHASIS = regexcache.compile(
    r"\*\*|__|~~"
    r"|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])"
)
_ESCAPED = "\ue000"  # stands in for a backslash-escaped character during inline passes


def _front_matter(text: str) -> str:
    """Blank YAML (``---``) or TOML (``+++``) front matter at the very start."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return text
    fence = m.group(1)
    closer = regex.compile(rf"^(?:{regex.escape(fence)}|\.\.\.)[ \t]*$", regex.MULTILINE)
    c = closer.search(text, m.end())
    if c is None:
        return text
    return blank(text[: c.end()]) + text[c.end() :]


def _blocks(text: str) -> str:
    """Blank code blocks, rules, reference definitions and block markers, line by line.

    An article whose paragraphs are mostly indented (a CMS export) is laid out, not
    code: indented code blocks are only recognised when most lines are not indented.
    """
    lines = text.split("\n")
    indented_lines = sum(1 for line in lines if line.startswith(("    ", "\t")) and line.strip())
    code_allowed = indented_lines * 2 < sum(1 for line in lines if line.strip())
    out: list[str] = []
    fence: str | None = None
    prev_blank = True
    in_code = False  # inside an indented code block
    in_list = False  # the current block is a list (indented lines continue it)
    prev_prose = False
    for body in lines:
        if fence is not None:
            m = _FENCE.match(body)
            closes = m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)
            if closes and not body[m.end() :].strip():
                fence = None
            out.append(blank(body))
            prev_blank, prev_prose = False, False
            continue
        stripped = body.strip()
        if not stripped:
            out.append(body)
            prev_blank, prev_prose = True, False
            continue
        indented = body.startswith(("    ", "\t"))
        if code_allowed and indented and (in_code or prev_blank and not in_list):
            in_code = True
            out.append(blank(body))
            prev_blank, prev_prose = False, False
            continue
        in_code = False
        m = _FENCE.match(body)
        if m and not (m.group(1)[0] == "`" and "`" in body[m.end() :]):
            fence = m.group(1)
            out.append(blank(body))
            prev_blank, prev_prose = False, False
            continue
        if _LIST_ITEM.match(body):
            in_list = True
        elif prev_blank and not indented:
            in_list = False
        out.append(_block_line(body, prev_prose))
        prev_blank, prev_prose = False, True
    return "\n".join(out)


def _block_line(line: str, after_prose: bool) -> str:
    """Blank the block-level markup of one prose line."""
    if _HR.match(line) or _REF_DEF.match(line) or _TABLE_DELIM.match(line):
        return blank(line)
    if after_prose and _SETEXT.match(line):
        return blank(line)
    m = _BLOCK_PREFIX.match(line)
    if m and m.end():
        line = blank(line[: m.end()]) + line[m.end() :]
        if "#" in m.group():
            t = _HEADING_TAIL.search(line)
            if t:
                line = line[: t.start()] + blank(t.group()) + line[t.end() :]
    if line.lstrip().startswith("|"):
        line = line.replace("|", " ")
    return line


def _keep_groups(m: regex.Match[str], *groups: int) -> str:
    """Blank the given groups of a match, keep the rest."""
    s = m.group()
    base = m.start()
    for g in groups:
        a, b = m.start(g) - base, m.end(g) - base
        s = s[:a] + blank(s[a:b]) + s[b:]
    return s


def _inline(text: str) -> str:
    """Blank inline markup: code, links (their text is kept), images, tags, emphasis."""
    text = _CODE_SPAN.sub(lambda m: blank(m.group()), text)
    escaped: list[tuple[int, str]] = []
    if "\\" in text:
        escaped = [(m.start(1), m.group(1)) for m in _ESCAPE.finditer(text)]
        text = _ESCAPE.sub(" " + _ESCAPED, text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda m: blank(m.group()), text)
        text = _INLINE_TAG.sub(lambda m: blank(m.group()), text)
    if "[" in text:
        text = _IMAGE.sub(lambda m: blank(m.group()), text)
        text = _LINK.sub(lambda m: _keep_groups(m, 1, 2), text)
        text = _REF_LINK.sub(lambda m: _keep_groups(m, 1, 2), text)
    text = unescape_entities(text)
    text = _EMPHASIS.sub(lambda m: " " * len(m.group()), text)
    if escaped:
        chars = list(text)
        for i, ch in escaped:
            chars[i] = ch
        text = "".join(chars)
    return text


def strip_markdown(source: str) -> tuple[str, Suppressions]:
    """Analysis text of a Markdown article, and its suppression comments."""
    text = source.replace("\r", " ")
    text = _front_matter(text)
    text, directives = _comments(text)
    text = _inline(_blocks(text))
    assert len(text) == len(source)
    return text, _suppressions(text, directives)


# -- HTML --------------------------------------------------------------------------

_TAG_START = regexcache.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9:-]{0,40})|!--|!|\?)")
_TAG_END = regexcache.compile(r"[>\"']")
# Elements whose whole content is not article text.
SKIP = frozenset(
    "script style head title nav footer aside noscript template svg iframe object "
    "select button form textarea canvas math".split()
)
# Elements that end a paragraph.
BLOCK = frozenset(
    "p div li ul ol dl dd dt h1 h2 h3 h4 h5 h6 br hr tr td th table thead tbody tfoot "
    "blockquote section article header main figure figcaption pre address caption "
    "center details summary fieldset body html".split()
)
_BREAK = "\n\n"


class _HtmlScanner:
    """One forward pass over the source: pieces of analysis text, same total length."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pieces: list[str] = []
        self.directives: list[tuple[int, int, bool, frozenset[str]]] = []
        self.regions: dict[str, list[list[int]]] = {"article": [], "main": []}
        self.depth = {"article": 0, "main": 0}
        self.no_close: dict[str, int] = {}  # name -> position after which no close tag exists
        self.last_quote = {'"': source.rfind('"'), "'": source.rfind("'")}

    def tag_end(self, pos: int) -> int:
        """End (exclusive) of the tag whose attributes start at ``pos``; quote-aware."""
        src = self.src
        while True:
            m = _TAG_END.search(src, pos)
            if m is None:
                return len(src)
            ch = m.group()
            if ch == ">":
                return m.end()
            if m.start() >= self.last_quote[ch]:  # unterminated quote: first ">" wins
                close = src.find(">", m.end())
                return len(src) if close == -1 else close + 1
            pos = src.find(ch, m.end()) + 1

    def skip_to_close(self, name: str, pos: int) -> int | None:
        """End of the first ``</name ...>`` at or after ``pos``; None if there is none."""
        if self.no_close.get(name, len(self.src) + 1) <= pos:
            return None
        m = regex.compile(rf"</{name}\b", regex.IGNORECASE).search(self.src, pos)
        if m is None:
            self.no_close[name] = pos
            return None
        return self.tag_end(m.end())

    def text(self, start: int, end: int) -> None:
        seg = self.src[start:end].replace("\n", " ").replace("\r", " ")
        self.pieces.append(unescape_entities(seg))

    def blank(self, start: int, end: int, block: bool) -> None:
        n = end - start
        if block and n >= 2:
            self.pieces.append(_BREAK + " " * (n - 2))
        else:
            self.pieces.append(" " * n)

    def region(self, name: str, closing: bool, start: int, end: int) -> None:
        if name not in self.depth:
            return
        if closing:
            if self.depth[name] > 0:
                self.depth[name] -= 1
                if self.depth[name] == 0:
                    self.regions[name][-1][1] = start
        else:
            if self.depth[name] == 0:
                self.regions[name].append([end, len(self.src)])
            self.depth[name] += 1

    def scan(self) -> int:
        """Scan the whole source; return the end of the last piece."""
        src = self.src
        pos = 0
        while True:
            m = _TAG_START.search(src, pos)
            if m is None:
                break
            start = m.start()
            self.text(pos, start)
            pos = self.markup(m)
        self.text(pos, len(src))
        return pos

    def markup(self, m: regex.Match[str]) -> int:
        """Blank one tag, comment or skipped element; return where text resumes."""
        src, start = self.src, m.start()
        head = m.group()
        if head == "<!--":
            close = src.find("-->", m.end())
            end = len(src) if close == -1 else close + 3
            found = _directive(src[m.end() : end])
            if found:
                self.directives.append((start, end, *found))
            self.blank(start, end, False)
            return end
        if head in ("<!", "<?"):
            closer = "]]>" if src.startswith("<![CDATA[", start) else ">"
            close = src.find(closer, m.end())
            end = len(src) if close == -1 else close + len(closer)
            self.blank(start, end, False)
            return end
        closing, name = m.group(1) == "/", m.group(2).lower()
        end = self.tag_end(m.end())
        if not closing and name in SKIP and not src[start:end].endswith("/>"):
            close = self.skip_to_close(name, end)
            if close is not None:
                self.blank(start, close, True)
                return close
        self.region(name, closing, start, end)
        self.blank(start, end, name in BLOCK)
        return end


def strip_html(source: str) -> tuple[str, Suppressions]:
    """Analysis text of an HTML article (the ``<article>`` or ``<main>`` when present)."""
    scanner = _HtmlScanner(source)
    scanner.scan()
    text = "".join(scanner.pieces)
    regions = scanner.regions["article"] or scanner.regions["main"]
    if regions:
        kept: list[str] = []
        pos = 0
        for a, b in regions:
            kept.append(blank(text[pos:a]))
            kept.append(text[a:b])
            pos = b
        kept.append(blank(text[pos:]))
        text = "".join(kept)
    assert len(text) == len(source)
    return text, _suppressions(text, scanner.directives)
