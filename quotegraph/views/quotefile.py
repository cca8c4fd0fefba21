"""Quote texts of a big archive in a script file beside the page, loaded when a panel first needs them.

A 5,000-article archive has about 70,000 quotes; their texts are most of what
``graph.html`` would carry. Above `quotegraph.views.records.INLINE_ARTICLES_MAX`
quoted articles (the threshold that already moves article views to
``articles/``), `split_quote_texts` takes the texts out of the page data and
returns them as a script, ``<page stem>.quotes.js``, written beside the page.
The page opens without them: the graph, search, filters, dates and the share of
women need only the quotes' metadata, which stays inline. The first panel that
shows quotes adds the file as a ``<script src>`` (a browser blocks ``fetch`` and
XHR of local files on ``file://``, but not a script tag), checks that it belongs
to this build, and fills the quotes in.

Identical texts (reprinted wire copy) are written once.

Examples
--------
>>> data = {"quotes": [{"text": "We won.", "type": "direct"}, {"text": "We won.", "type": "direct"}]}
>>> page_data, script = split_quote_texts(data, "graph.quotes.js")
>>> page_data["quotes"], page_data["quote_file"]["src"], page_data["quote_file"]["count"]
([{'type': 'direct'}, {'type': 'direct'}], 'graph.quotes.js', 2)
>>> script.startswith("window.qgQuoteTexts = {") and script.count("We won.") == 1
True
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Mapping

__all__ = ["quote_file_path", "split_quote_texts"]

_JS_ESCAPES = {"\u2028": "\\u2028", "\u2029": "\\u2029"}


def quote_file_path(page: str | Path) -> Path:
    """Where the quote texts of the page at ``page`` go: ``graph.html`` -> ``graph.quotes.js`` beside it."""
    page = Path(page)
    return page.with_name(f"{page.stem}.quotes.js")


def split_quote_texts(data: Mapping[str, Any], src: str) -> tuple[dict[str, Any], str]:
    """The page data without quote texts, and the script that carries them.

    Parameters
    ----------
    data : mapping
        The page data (``quotes`` are records with a ``text``); not changed.
    src : str
        The script's URL relative to the page (its file name: it lies beside the page).

    Returns
    -------
    tuple of (dict, str)
        The page data, its quotes without ``text`` and with ``quote_file``
        (``src``, ``build``: a hash the script repeats, ``count``: quotes), and
        the script, which sets ``window.qgQuoteTexts`` to ``{build, texts, order}``:
        the distinct texts and, per quote, the index of its text.
    """
    unique: dict[str, int] = {}
    order = [unique.setdefault(q.get("text") or "", len(unique)) for q in data["quotes"]]
    payload = json.dumps([list(unique), order], ensure_ascii=False, separators=(",", ":"))
    build = hashlib.sha256(payload.encode("utf-8", "replace")).hexdigest()[:16]
    quotes = [{k: v for k, v in q.items() if k != "text"} for q in data["quotes"]]
    page_data = {**data, "quotes": quotes, "quote_file": {"src": src, "build": build, "count": len(quotes)}}
    body = json.dumps({"build": build, "texts": list(unique), "order": order}, ensure_ascii=False,
                      separators=(",", ":"))  # fmt: skip
    body = re.sub("[\u2028\u2029]", lambda m: _JS_ESCAPES[m.group(0)], body)
    return page_data, f"window.qgQuoteTexts = {body};\n"
