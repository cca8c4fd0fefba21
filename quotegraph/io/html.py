"""HTML page → article text, title and date, with trafilatura (offline: no URL is fetched).

Scripts, styles, navigation, footers and other boilerplate are dropped; paragraphs
are separated by ``\\n``. Offsets of quotes are into this extracted text.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass

from quotegraph.errors import InputFormatError
from quotegraph.io.dates import normalise_date

__all__ = ["HtmlArticle", "extract_html", "declared_charset"]

logger = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
# "Headline | Outlet", "Headline - Outlet", "Outlet: Headline" and the like.
_TITLE_SEPARATOR = re.compile(r"\s+[|\-\u2013\u2014\u00b7:]{1,2}\s+|\s*[|\u00b7]\s*")
_BLOCKS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What an HTML page gives: the main text and the metadata trafilatura found."""

    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


def extract_html(html: str, *, where: str = "<html>") -> HtmlArticle:
    """Extract the article from one HTML page.

    Parameters
    ----------
    html : str
        The decoded page.
    where : str, optional (default="<html>")
        The file name used in error messages.

    Returns
    -------
    HtmlArticle
        The main text (a leading line equal to the title, the page's headline, is
        dropped because the title is kept apart), the title, the ISO date and the
        site name and canonical URL when the page declares them.

    Raises
    ------
    InputFormatError
        When the page has no article text or trafilatura cannot parse it.

    Examples
    --------
    >>> page = ("<html><head><title>Talks</title><script>var q = 'no';</script></head>"
    ...         "<body><nav>Home | World</nav><article><p>The minister said the talks "
    ...         "would continue next week in Geneva.</p></article></body></html>")
    >>> extract_html(page).text
    'The minister said the talks would continue next week in Geneva.'
    """
    try:
        document = _trafilatura(html, favor_precision=True) or _trafilatura(html, favor_precision=False)
        text = getattr(document, "text", None) or _plain_text(html)
    # trafilatura and lxml raise many unrelated types on broken markup; any of
    # them means this one file cannot be read, never that the batch must stop.
    except Exception as error:  # noqa: BLE001
        raise InputFormatError(where, f"HTML could not be parsed ({type(error).__name__}: {error})") from None
    if not text or not text.strip():
        raise InputFormatError(where, "no article text found in the HTML page")
    title = _clean(getattr(document, "title", None))
    return HtmlArticle(
        text=_drop_headline(text, title),
        title=title,
        date=normalise_date(getattr(document, "date", None)),
        source=_outlet(html, title, _clean(getattr(document, "sitename", None)), _clean(getattr(document, "author", None))),
        url=_clean(getattr(document, "url", None)),
    )


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta>`` tag of its first 4 KiB, if any.

    >>> declared_charset(b'<html><head><meta charset="windows-1251"><title>x</title>')
    'windows-1251'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    'Shift_JIS'
    >>> declared_charset(b"<p>no declaration</p>") is None
    True
    """
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _trafilatura(html: str, *, favor_precision: bool) -> object | None:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=favor_precision,
    )
    return document if getattr(document, "text", None) else None


def _plain_text(html: str) -> str:
    """Text of a fragment too small for trafilatura (``<p>...</p>``), scripts dropped."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in list(tree.iter("script", "style", "noscript", "template", "head")):
        element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _drop_headline(text: str, title: str | None) -> str:
    first, newline, rest = text.partition("\n")
    if title and newline and first.strip() == title and rest.strip():
        return rest
    return text


def _outlet(html: str, title: str | None, sitename: str | None, author: str | None) -> str | None:
    """The outlet: the site name, else what ``<title>Headline | Outlet</title>`` adds to the headline.

    A byline (trafilatura's ``author``) is a person, never the outlet.

    >>> _outlet("<title>Talks resume | Valmont Courier</title>", "Talks resume", None, "Ana Ruiz")
    'Valmont Courier'
    >>> _outlet("<title>Ana Ruiz - Talks resume</title>", "Talks resume", None, "Ana Ruiz") is None
    True
    """
    if sitename and sitename != author:
        return sitename
    match = _TITLE_TAG.search(html[:65536])
    if not title or not match:
        return None
    parts = [_clean(p) for p in _TITLE_SEPARATOR.split(htmllib.unescape(match.group(1)))]
    rest = [p for p in parts if p and p.casefold() != title.casefold()]
    if len(rest) == len(parts) or len(rest) != 1 or rest[0] == author:
        return None  # the headline is not one of the parts, or more than one candidate
    return rest[0]


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
