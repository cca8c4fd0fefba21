"""The evidence view: an article with every quote highlighted in place.

Each quote is marked on ``article.text[start:end]`` and coloured by its
canonical speaker; the cue and the speaker mention are marked too, and a
pronoun or nominal mention shows the name it resolved to ("He → John Kirby").
Hovering a quote shows its type and how the speaker was found. The pages are
self-contained (no script, no remote resource) and every piece of article text
is escaped, so the view doubles as a visual check of the offsets.

Examples
--------
>>> from quotegraph.model import Article, Quote, QuoteKind, Speaker, SpeakerKind, TextSpan
>>> text = 'He said: "It failed."'
>>> speaker = Speaker("John Kirby", mention=TextSpan.of(text, 0, 2), kind=SpeakerKind.PERSON)
>>> quote = Quote("a", "a:9-21", text[9:21], 9, 21, QuoteKind.DIRECT, speaker,
...               cue=TextSpan.of(text, 3, 7))
>>> page = render_article(Article("a", text), [quote])
>>> 'data-resolved="John Kirby"' in page and 'id="q-9"' in page
True

Notes
-----
displaCy (``style="span"``) was tried first, as the issue prefers a maintained
renderer. In spaCy 3.8 its span renderer inserts span labels and knowledge-base
URLs into the markup unescaped (a speaker name scraped from the news could
inject markup), adds a space after every token and template whitespace around
spanned tokens (so ``text[start:end]`` is not what the page shows, and paragraph
breaks are lost), and works on token indices rather than our character offsets.
This module therefore nests ``<mark>``/``<span>`` elements over exact character
offsets, escapes every character of data with `html.escape`, and draws labels
with CSS ``attr()`` so they never become part of the text.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import quote as url_quote

from markupsafe import Markup

from quotegraph.errors import OffsetMismatchError
from quotegraph.graph.style import COMMUNITY_COLOURS
from quotegraph.io.atomic import atomic_write
from quotegraph.model import Article, Quote, Resolution, TextSpan
from quotegraph.views.templating import render_template, template_text

__all__ = [
    "render_article",
    "write_highlights",
    "article_fragment",
    "article_css",
    "anchor_ids",
    "page_name",
    "page_names",
    "safe_url",
]

logger = logging.getLogger(__name__)

_UNKNOWN_COLOUR = "#8c8c8c"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")
_RESOLUTION_TEXT = {
    Resolution.SUBJECT: "named as the subject of the cue",
    Resolution.APPOSITION: "named in an apposition",
    Resolution.COREFERENCE: "pronoun resolved by coreference",
    Resolution.NOMINAL: "description resolved to a named speaker",
    Resolution.CONTINUATION: "continues the previous quote's speaker",
    Resolution.DESCRIPTION: "an unnamed source, named by its description",
    Resolution.UNKNOWN: "how the speaker was found is not recorded",
}
_TYPE_TEXT = {"direct": "Direct quote", "indirect": "Indirect (reported) speech", "mixed": "Mixed quote"}


def render_article(article: Article, quotes: Sequence[Quote]) -> str:
    """One self-contained HTML page: the article with its quotes highlighted.

    Parameters
    ----------
    article : Article
        The article; its ``text`` is shown exactly, line breaks included.
    quotes : sequence of Quote
        Quotes to mark. Quotes of other articles, and quotes whose offsets do
        not slice ``article.text`` exactly, are left out with a WARNING.

    Returns
    -------
    str
        A complete UTF-8 HTML document without scripts or remote resources,
        suitable for a file or for an iframe ``srcdoc``.

    Examples
    --------
    >>> page = render_article(Article("x", "<b>not bold</b>", title="<i>t</i>"), [])
    >>> "&lt;b&gt;not bold&lt;/b&gt;" in page and "<i>" not in page
    True
    """
    return render_template(
        "article.html",
        title=article.title or article.doc_id,
        css=Markup(article_css()),
        body=Markup(article_fragment(article, quotes)),
    )


def write_highlights(
    articles: Iterable[Article], quotes: Iterable[Quote], out_dir: str | Path
) -> list[Path]:
    """Write one highlighted page per article and an ``index.html`` listing them.

    Parameters
    ----------
    articles : iterable of Article
        Articles to render; each becomes ``<out_dir>/<page_name(doc_id)>``.
    quotes : iterable of Quote
        Quotes of any of these articles (others are ignored).
    out_dir : str or Path
        Folder, created when missing. Files are written atomically in UTF-8.

    Returns
    -------
    list of Path
        The article pages in input order, then ``index.html``.

    Notes
    -----
    A page whose article and quotes are unchanged since the last run (their
    hash, `quotegraph.incremental.page_digest`, is kept in ``.digests.json``)
    and whose file is still there is neither rendered nor written again.
    """
    from quotegraph.incremental import page_digest

    out = Path(out_dir)
    by_doc: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_doc[quote.doc_id].append(quote)
    articles = list(articles)
    names = page_names([a.doc_id for a in articles])
    old, digests = _read_digests(out), {}
    written = []
    for article in articles:
        path = out / names[article.doc_id]
        doc_quotes = by_doc.get(article.doc_id, [])
        digests[path.name] = page_digest(article, doc_quotes)
        if old.get(path.name) != digests[path.name] or not path.is_file():
            with atomic_write(path, durable=False) as handle:
                handle.write(render_article(article, doc_quotes))
        written.append(path)
    with atomic_write(out / _DIGESTS) as handle:
        handle.write(json.dumps(digests, indent=0, sort_keys=True))
    with atomic_write(out / "index.html") as handle:
        handle.write(_render_index(articles, by_doc, names))
    written.append(out / "index.html")
    logger.info("wrote %d article views to %s", len(articles), out)
    return written


_DIGESTS = ".digests.json"


def _read_digests(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / _DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def article_fragment(article: Article, quotes: Sequence[Quote]) -> str:
    """The page body without ``<html>``/``<style>``: header, legend and marked text.

    `quotegraph.views.page` embeds these fragments in ``graph.html`` and shows
    them, with `article_css`, in a sandboxed iframe.
    """
    valid = _valid_quotes(article, quotes)
    colours = _speaker_colours(valid)
    marks = _marks(article.text, valid, colours, anchor_ids(valid))
    speakers = {q.speaker.name for q in valid if q.speaker.is_known}
    counts = Counter(q.speaker.name if q.speaker.is_known else "unknown" for q in valid)
    paths = Counter(q.speaker.resolution.value for q in valid)
    return render_template(
        "article_body.html",
        title=article.title or article.doc_id,
        kicker=[x for x in (article.source, article.date) if x],
        facts=[_count(len(valid), "quote"), _count(len(speakers), "speaker")],
        url=safe_url(article.url),
        speakers=[
            (name, colours[name], counts[name])
            for name in sorted(counts, key=lambda n: (n == "unknown", -counts[n], n))
        ],
        paths=" · ".join(f"{k} {v}" for k, v in sorted(paths.items(), key=lambda kv: (-kv[1], kv[0]))),
        text=Markup(_nest(article.text, marks)),
    )


def article_css() -> str:
    """The stylesheet of the article view (inlined into every page)."""
    return template_text("article.css")


def anchor_ids(quotes: Sequence[Quote]) -> dict[str, str]:
    """Element id of each quote in its article view: ``q-<start>`` (``q-<start>-<end>`` on a tie).

    >>> from quotegraph.model import QuoteKind, Speaker
    >>> def q(i, end): return Quote("a", i, "x", 5, end, QuoteKind.DIRECT, Speaker.unknown())
    >>> qs = [q("1", 6), q("2", 7)]
    >>> anchor_ids(qs)
    {'1': 'q-5', '2': 'q-5-7'}
    """
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for quote in sorted(quotes, key=lambda q: (q.start, q.end, q.quote_id)):
        anchor = f"q-{quote.start}"
        if anchor in taken:
            anchor = f"q-{quote.start}-{quote.end}"
        taken.add(anchor)
        anchors[quote.quote_id] = anchor
    return anchors


def page_name(doc_id: str) -> str:
    """File name of an article's page: the doc id when it is a safe name, else slug and hash.

    >>> page_name("000_b720d96c5c25e296")
    '000_b720d96c5c25e296.html'
    >>> page_name("../etc/passwd")
    'etc-passwd-e96c47ea.html'
    """
    if _SAFE_NAME.fullmatch(doc_id) and doc_id.lower() != "index":
        return f"{doc_id}.html"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", doc_id).strip("-")[:60] or "article"
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}.html"


def page_names(doc_ids: Sequence[str]) -> dict[str, str]:
    """Doc id -> unique file name (`page_name`), also on a case-insensitive disk.

    >>> page_names(["A", "a"])
    {'A': 'A.html', 'a': 'a-86f7e437.html'}
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for doc_id in doc_ids:
        name = page_name(doc_id)
        if name.lower() in taken:
            digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
            name = f"{name[:-5]}-{digest}.html"
        taken.add(name.lower())
        names[doc_id] = name
    return names


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (no ``javascript:`` links).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)")
    ('https://example.org/a?b=1', None)
    """
    if url and re.match(r"https?://[^\s<>\"']+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


@dataclass(frozen=True)
class _Mark:
    """One element to wrap around ``text[start:end]``; ``rank`` orders equal spans."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    first_only: tuple[tuple[str, str], ...] = ()

    def open(self, first: bool) -> str:
        attrs = self.attrs + (self.first_only if first else ())
        body = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs)
        return f"<{self.tag}{body}>"


def _valid_quotes(article: Article, quotes: Sequence[Quote]) -> list[Quote]:
    valid = []
    for quote in quotes:
        if quote.doc_id != article.doc_id:
            continue
        try:
            TextSpan(quote.start, quote.end, quote.text).check(article.text, where=quote.quote_id)
        except OffsetMismatchError as error:
            logger.warning("%s: quote left out of the article view: %s", article.doc_id, error)
            continue
        valid.append(quote)
    return sorted(valid, key=lambda q: (q.start, q.end))


def _speaker_colours(quotes: Sequence[Quote]) -> dict[str, str]:
    """Speaker name -> colour, the most quoted speaker first (stable on ties)."""
    counts = Counter(q.speaker.name for q in quotes if q.speaker.is_known)
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    colours = {name: COMMUNITY_COLOURS[i % len(COMMUNITY_COLOURS)] for i, name in enumerate(ranked)}
    colours["unknown"] = _UNKNOWN_COLOUR
    return colours


def _marks(
    text: str, quotes: Sequence[Quote], colours: dict[str, str], anchors: dict[str, str]
) -> list[_Mark]:
    marks: dict[tuple[int, int, str], _Mark] = {}
    for index, quote in enumerate(quotes):
        name = quote.speaker.name if quote.speaker.is_known else "unknown"
        style = f"--c:{colours[name]};--bg:{_tint(colours[name])}"
        marks[(quote.start, quote.end, "q")] = _Mark(
            quote.start, quote.end, 0, "mark",
            (("class", f"qg-quote qg-{quote.type.value}"), ("style", style),
             ("data-q", str(index)), ("title", _quote_title(quote))),
            (("id", anchors[quote.quote_id]), ("data-speaker", name)),
        )  # fmt: skip
        for key, mark in _part_marks(text, quote, name, style):
            marks.setdefault(key, mark)
    return list(marks.values())


def _part_marks(
    text: str, quote: Quote, name: str, style: str
) -> list[tuple[tuple[int, int, str], _Mark]]:
    """The cue and speaker mention of one quote, when their offsets are exact."""
    parts = []
    cue, mention = quote.cue, quote.speaker.mention
    attrs: tuple[tuple[str, str], ...]
    if cue is not None and text[cue.start : cue.end] == cue.text:
        attrs = (("class", "qg-cue"), ("style", style), ("title", f"Cue of a quote by {name}"))
        parts.append(((cue.start, cue.end, "c"), _Mark(cue.start, cue.end, 1, "span", attrs)))
    if mention is not None and text[mention.start : mention.end] == mention.text:
        attrs = (("class", "qg-mention"), ("style", style), ("title", _mention_title(quote)))
        if _shows_resolution(quote):
            attrs += (("data-resolved", name),)
        mark = _Mark(mention.start, mention.end, 1, "span", attrs)
        parts.append(((mention.start, mention.end, "m"), mark))
    return parts


def _shows_resolution(quote: Quote) -> bool:
    """Pronouns, descriptions and other mentions that neither contain nor are part of the name."""
    mention = quote.speaker.mention
    if mention is None or not quote.speaker.is_known:
        return False
    said = " ".join(mention.text.split()).casefold()
    name = quote.speaker.name.casefold()
    return said not in name and name not in said  # "the agency" names "agency" already


def _quote_title(quote: Quote) -> str:
    speaker = quote.speaker
    who = speaker.name if speaker.is_known else "unknown speaker"
    extra = ", ".join(x for x in (speaker.role, speaker.organisation) if x)
    lines = [f"{_TYPE_TEXT[quote.type.value]} · {who}" + (f" ({extra})" if extra else "")]
    how = _RESOLUTION_TEXT[speaker.resolution]
    if speaker.mention is not None:
        how += f" from “{speaker.mention.text}”"
    lines.append(f"Speaker: {speaker.resolution.value}: {how}")
    if quote.cue is not None:
        lines.append(f"Cue: “{quote.cue.text}”")
    return "\n".join(lines)


def _mention_title(quote: Quote) -> str:
    resolution = quote.speaker.resolution
    how = f"{resolution.value}: {_RESOLUTION_TEXT[resolution]}"
    return f"Speaker mention → {quote.speaker.name} ({how})"


def _nest(text: str, marks: Sequence[_Mark]) -> str:
    """Escape ``text`` and wrap each mark; crossing marks are closed and reopened.

    >>> m = [_Mark(0, 4, 0, "b", ()), _Mark(2, 6, 1, "i", ())]
    >>> _nest("abcdefg", m)
    '<b>ab<i>cd</i></b><i>ef</i>g'
    """
    order = sorted((m for m in marks if m.end > m.start), key=lambda m: (m.start, -m.end, m.rank))
    bounds = sorted({0, len(text), *(m.start for m in order), *(m.end for m in order)})
    out: list[str] = []
    stack: list[_Mark] = []
    pending, pos = 0, 0
    for bound in bounds:
        out.append(_escape_text(text[pos:bound]))
        pos = bound
        reopen: list[_Mark] = []
        while any(m.end == bound for m in stack):
            mark = stack.pop()
            out.append(f"</{mark.tag}>")
            if mark.end != bound:
                reopen.append(mark)
        for mark in reversed(reopen):
            out.append(mark.open(first=False))
            stack.append(mark)
        while pending < len(order) and order[pending].start == bound:
            out.append(order[pending].open(first=True))
            stack.append(order[pending])
            pending += 1
    return "".join(out)


def _escape_text(text: str) -> str:
    # The HTML parser turns a raw CR into LF; a character reference keeps it exact.
    return html.escape(text, quote=False).replace("\r", "&#13;")


def _tint(colour: str, share: float = 0.22) -> str:
    """``colour`` mixed with white: the quote background."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _render_index(
    articles: Sequence[Article], by_doc: dict[str, list[Quote]], names: dict[str, str]
) -> str:
    rows = []
    ordered = sorted(articles, key=lambda a: (a.date or "", a.title or a.doc_id), reverse=True)
    for article in ordered:
        quotes = by_doc.get(article.doc_id, [])
        speakers = Counter(q.speaker.name for q in quotes if q.speaker.is_known)
        rows.append({
            "href": url_quote(names[article.doc_id]),
            "title": article.title or article.doc_id,
            "source": article.source or "",
            "date": article.date or "",
            "quotes": len(quotes),
            "speakers": [f"{n} ({c})" for n, c in speakers.most_common()],
        })  # fmt: skip
    total = sum(len(by_doc.get(a.doc_id, [])) for a in articles)
    return render_template("article_index.html", css=Markup(article_css()), articles=rows, total=total)
