"""The article view: exact, escaped, with speakers, cues and resolved mentions marked."""

from __future__ import annotations

import html.parser
import json
import logging
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from quotegraph.views.articles import render_article, write_highlights
from quotegraph.model import Article, Quote, QuoteKind, Resolution, Speaker, SpeakerKind, TextSpan


class _Marks(html.parser.HTMLParser):
    """Text of the article body, of each quote (``data-q``) and of each cue and mention."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body = ""
        self.quotes: dict[str, str] = defaultdict(str)
        self.parts: dict[str, list[str]] = defaultdict(list)
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._in_body = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attrs.append((tag, attrs))
        if self._in_body:
            self._in_body += 1
            self._stack.append((tag, attrs))
            if attrs.get("class") in ("qg-cue", "qg-mention"):
                self.parts[attrs["class"]].append("")
        elif attrs.get("class") == "qg-text":
            self._in_body = 1

    def handle_endtag(self, tag):
        if self._in_body:
            self._in_body -= 1
            if self._stack:
                self._stack.pop()

    def handle_data(self, data):
        if not self._in_body:
            return
        self.body += data
        for _, attrs in self._stack:
            if "data-q" in attrs:
                self.quotes[attrs["data-q"]] += data
            if attrs.get("class") in ("qg-cue", "qg-mention"):
                self.parts[attrs["class"]][-1] += data


def _parse(page: str) -> _Marks:
    marks = _Marks()
    marks.feed(page)
    return marks


def _q(
    text: str,
    quote: str,
    name: str,
    *,
    mention: str | None = None,
    cue: str | None = None,
    resolution: Resolution = Resolution.SUBJECT,
    nth: int = 0,
    kind: QuoteKind = QuoteKind.DIRECT,
) -> Quote:
    start = _find(text, quote, nth)
    m = TextSpan.of(text, _find(text, mention), _find(text, mention) + len(mention)) if mention else None
    c = TextSpan.of(text, _find(text, cue), _find(text, cue) + len(cue)) if cue else None
    speaker = Speaker(name, mention=m, kind=SpeakerKind.PERSON, resolution=resolution)
    return Quote("doc", f"doc:{start}", quote, start, start + len(quote), kind, speaker, cue=c)


def _find(text: str, part: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.index(part, at + 1)
    return at


CASES = [
    ('Kirby said: "It failed."', [('"It failed."', "John Kirby", "Kirby", "said")]),
    ('He said:\r\n"Line one.\r\nLine two."', [('"Line one.\r\nLine two."', "John Kirby", "He", "said")]),
    ('«Ça ira», a dit Zelensky 🇺🇦. "Мы победим," he said.',
     [("«Ça ira»", "Volodymyr Zelensky", "Zelensky", "dit"),
      ('"Мы победим,"', "Volodymyr Zelensky", "he", "said")]),
    ('"A, <b>B</b> & C," said Ann. "D," she added.',
     [('"A, <b>B</b> & C,"', "Ann Lee", "Ann", "said"), ('"D,"', "Ann Lee", "she", "added")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "quotes"), CASES, ids=["plain", "crlf", "unicode", "markup"])
def test_highlight_shows_exact_text(text, quotes):
    built = [_q(text, q, name, mention=m, cue=c) for q, name, m, c in quotes]
    marks = _parse(render_article(Article("doc", text), built))
    assert marks.body == text
    assert [marks.quotes[str(i)] for i in range(len(built))] == [q.text for q in built]
    assert marks.parts["qg-mention"] == [q.speaker.mention.text for q in built]
    assert marks.parts["qg-cue"] == [q.cue.text for q in built]


def test_highlight_crossing_quotes_stay_exact():
    text = 'Ann said "one two three four" today.'
    first = Quote("doc", "a", text[9:22], 9, 22, QuoteKind.DIRECT, Speaker("Ann", kind=SpeakerKind.PERSON))
    second = Quote("doc", "b", text[14:29], 14, 29, QuoteKind.MIXED, Speaker("Bo", kind=SpeakerKind.PERSON))
    marks = _parse(render_article(Article("doc", text), [second, first]))
    assert marks.body == text
    assert dict(marks.quotes) == {"0": text[9:22], "1": text[14:29]}
    ids = [a["id"] for t, a in marks.attrs if t == "mark" and "id" in a]
    assert ids == ["q-9", "q-14"]  # one anchor per quote, on its first piece


@pytest.mark.parametrize(
    ("mention", "resolution", "expected"),
    [("He", Resolution.COREFERENCE, "John Kirby"), ("The official", Resolution.NOMINAL, "John Kirby"),
     ("Kirby", Resolution.SUBJECT, None)],
    ids=["pronoun", "nominal", "surname"],
)  # fmt: skip
def test_highlight_shows_resolved_mentions(mention, resolution, expected):
    text = f'{mention} said: "We are watching."'
    quote = _q(text, '"We are watching."', "John Kirby", mention=mention, cue="said", resolution=resolution)
    marks = _parse(render_article(Article("doc", text), [quote]))
    (mention_attrs,) = [a for t, a in marks.attrs if a.get("class") == "qg-mention"]
    assert mention_attrs.get("data-resolved") == expected
    (quote_attrs,) = [a for t, a in marks.attrs if "data-q" in a]
    assert quote_attrs["data-speaker"] == "John Kirby"
    assert f"Speaker: {resolution.value}" in quote_attrs["title"]


def test_highlight_keeps_hostile_text_as_text():
    name = "<img src=x onerror=alert(1)>"
    text = f'{name} said: "</script><script>alert(2)</script>" <b>bold</b>'
    quote = _q(text, '"</script><script>alert(2)</script>"', name, mention=name, cue="said")
    article = Article("doc", text, title="<script>alert(3)</script>", url="javascript:alert(4)")
    page = render_article(article, [quote])
    marks = _parse(page)
    assert {t for t, _ in marks.attrs} <= {"html", "head", "meta", "title", "style", "body", "main", "header",
                                           "p", "h1", "h2", "aside", "ul", "li", "span", "mark", "article"}
    assert marks.body == text
    assert "javascript:" not in page and "<script" not in page


def test_highlight_leaves_out_quotes_with_wrong_offsets(caplog):
    text = 'Kirby said: "It failed."'
    good = _q(text, '"It failed."', "John Kirby")
    bad = Quote("doc", "bad", "nonsense", 0, 8, QuoteKind.DIRECT, Speaker("X", kind=SpeakerKind.PERSON))
    with caplog.at_level(logging.WARNING, logger="quotegraph.views.articles"):
        marks = _parse(render_article(Article("doc", text), [good, bad]))
    assert dict(marks.quotes) == {"0": '"It failed."'}
    assert "bad" in caplog.text


def test_write_highlights_writes_pages_and_index(tmp_path):
    text = 'Kirby said: "It failed."'
    articles = [
        Article("one", text, title="First <one>", date="2023-05-01"),
        Article("../two", "No quotes here."),
    ]
    quote = replace(_q(text, '"It failed."', "John Kirby"), doc_id="one")
    paths = write_highlights(articles, [quote], tmp_path / "views")
    names = [p.name for p in paths]
    assert names[0] == "one.html" and names[-1] == "index.html" and len(names) == 3
    assert all(p.parent == tmp_path / "views" for p in paths)
    index = _parse(paths[-1].read_text(encoding="utf-8"))
    links = [a["href"] for t, a in index.attrs if t == "a"]
    assert links == ["one.html", names[1]]
    assert "John Kirby (1)" in paths[-1].read_text(encoding="utf-8")
    assert "First &lt;one&gt;" in paths[-1].read_text(encoding="utf-8")


@pytest.mark.shared
def test_highlight_seed_articles_show_every_gold_quote(seeds_gold: Path):
    """Gold quotes rendered on the seed articles: exact text, speaker name, resolved mentions."""
    for line in seeds_gold.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = gold["text"]
        quotes = [_gold_quote(gold["doc_id"], text, i, item) for i, item in enumerate(gold["quotes"])]
        marks = _parse(render_article(Article(gold["doc_id"], text), quotes))
        assert marks.body == text
        shown = {attrs["data-q"]: attrs for _, attrs in marks.attrs if "data-speaker" in attrs}
        ordered = sorted(quotes, key=lambda q: (q.start, q.end))
        for index, quote in enumerate(ordered):
            assert marks.quotes[str(index)] == text[quote.start : quote.end]
            assert shown[str(index)]["data-speaker"] == quote.speaker.name
        pronouns = [
            q for q in quotes if q.speaker.mention and q.speaker.mention.text.lower() in ("he", "she")
        ]
        resolved = [a["data-resolved"] for _, a in marks.attrs if a.get("data-resolved")]
        assert pronouns and {q.speaker.name for q in pronouns} <= set(resolved)


def _gold_quote(doc_id: str, text: str, index: int, item: dict) -> Quote:
    start, end = item["quote_span"]
    span = item.get("speaker_span")
    mention = TextSpan.of(text, span[0], span[1]) if span else None
    resolution = Resolution.SUBJECT
    if mention is not None and mention.text.split()[0].lower() in ("he", "she", "they", "the"):
        pronoun = mention.text.lower() in ("he", "she", "they")
        resolution = Resolution.COREFERENCE if pronoun else Resolution.NOMINAL
    speaker = Speaker(item["speaker_name"], mention=mention, kind=SpeakerKind.PERSON, resolution=resolution)
    return Quote(doc_id, f"{doc_id}:{index}", text[start:end], start, end, QuoteKind(item["type"]), speaker)


@pytest.mark.model
def test_highlight_bundled_corpus_quotes_are_exact(nlp, examples_dir: Path):
    """Every quote our pipeline finds in the bundled corpus is highlighted on exactly text[start:end]."""
    from quotegraph.config import PipelineConfig
    from quotegraph.io import read_articles
    from quotegraph.nlp.pipeline import extract_quotes

    articles, failures = read_articles(examples_dir)
    assert articles and not failures
    total = 0
    for article in articles:
        quotes = extract_quotes(nlp(article.text), article, config=PipelineConfig())
        marks = _parse(render_article(article, quotes))
        assert marks.body == article.text
        ordered = sorted(quotes, key=lambda q: (q.start, q.end))
        assert [marks.quotes[str(i)] for i in range(len(ordered))] == [
            article.text[q.start : q.end] for q in ordered
        ]
        total += len(quotes)
    assert total >= 30


@pytest.mark.model
@pytest.mark.shared
def test_highlight_seed_articles_show_what_we_find(nlp, seeds_gold: Path):
    """Our own quotes on the seed articles: each gold quote we find carries our speaker's name,
    and where the gold speaker is a pronoun or a description, the view shows what it resolved to."""
    from quotegraph.config import PipelineConfig
    from quotegraph.nlp.pipeline import extract_quotes

    found = resolved = 0
    for line in seeds_gold.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        article = Article(gold["doc_id"], gold["text"])
        quotes = sorted(extract_quotes(nlp(article.text), article, config=PipelineConfig()),
                        key=lambda q: (q.start, q.end))  # fmt: skip
        marks = _parse(render_article(article, quotes))
        chips = {a["data-q"]: a.get("data-speaker") for _, a in marks.attrs if "id" in a and "data-q" in a}
        mentions = {
            a["title"]: a.get("data-resolved") for _, a in marks.attrs if a.get("class") == "qg-mention"
        }
        for item in gold["quotes"]:
            start, end = item["quote_span"]
            overlaps = [min(end, q.end) - max(start, q.start) for q in quotes]
            index = next((i for i, o in enumerate(overlaps) if o > 0.5 * (end - start)), None)
            if index is None:
                continue
            quote = quotes[index]
            found += 1
            assert chips[str(index)] == (quote.speaker.name if quote.speaker.is_known else "unknown")
            mention = quote.speaker.mention
            if mention is None or not quote.speaker.is_known:
                continue
            said = set(mention.text.lower().split())
            # a pronoun ("He") or a description sharing no word with the name ("the official")
            if said & {"he", "she", "they"} or not said & set(quote.speaker.name.lower().split()):
                assert quote.speaker.name in mentions.values(), f"{mention.text!r} shows no resolution"
                resolved += 1
    assert found >= 10 and resolved >= 1
