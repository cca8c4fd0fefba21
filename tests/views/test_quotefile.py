"""Quote texts in a script beside the page: written once per distinct text, inert as a script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.views.quotefile import quote_file_path, split_quote_texts


def _body(script: str) -> dict:
    assert script.startswith("window.qgQuoteTexts = ") and script.endswith(";\n")
    return json.loads(script[len("window.qgQuoteTexts = ") : -2])


@pytest.mark.parametrize(
    "texts, distinct",
    [
        (["A.", "B.", "A."], ["A.", "B."]),
        (["Line\u2028break", ""], ["Line\u2028break", ""]),
        ([], []),
    ],
    ids=["reprint-once", "line-separator", "empty"],
)
def test_quotefile_split_keeps_every_text_once(texts, distinct):
    data = {"quotes": [{"text": t, "doc_id": str(i)} for i, t in enumerate(texts)], "title": "x"}
    page_data, script = split_quote_texts(data, "graph.quotes.js")
    body = _body(script)
    assert body["texts"] == distinct and [body["texts"][i] for i in body["order"]] == texts
    assert "\u2028" not in script  # escaped: a raw separator ends a line in older JS engines
    assert page_data["quotes"] == [{"doc_id": str(i)} for i in range(len(texts))]
    assert page_data["quote_file"] == {"src": "graph.quotes.js", "build": body["build"], "count": len(texts)}
    assert data["quotes"][0:1] == [{"text": t, "doc_id": "0"} for t in texts[:1]]  # not changed


def test_quotefile_build_hash_follows_the_texts():
    one = split_quote_texts({"quotes": [{"text": "A."}]}, "q.js")[0]["quote_file"]["build"]
    two = split_quote_texts({"quotes": [{"text": "B."}]}, "q.js")[0]["quote_file"]["build"]
    assert one != two


@pytest.mark.parametrize("page, expected", [("out/graph.html", "out/graph.quotes.js"), ("p.htm", "p.quotes.js")])
def test_quotefile_path_beside_the_page(page, expected):
    assert quote_file_path(page) == Path(expected)
