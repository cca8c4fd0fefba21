"""Headline-style attributions: ``Name: claim`` and ``X Says Y`` lines.

Some corpora (PolNeAR) annotate a headline such as ``Pence: Flowers Won't Be at
Debate`` or ``County Says Trump Should Win`` as a quote of its source; others
(GGT) leave headlines out. This stage is one option,
``PipelineConfig.headline_quotes`` (``--headline-quotes``), off by default.

It looks at the first paragraph only, and only when that paragraph is a
headline: one line of at most `_MAX_WORDS` words.
"""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc

from quotegraph.model import Quote, QuoteKind, TextSpan
from quotegraph.nlp.line_quotes import named_line_quote
from quotegraph.lexicon import load_lexicon

__all__ = ["extract_headline"]

_MAX_WORDS = 30
#: Words a source before the colon may have ("Senate Majority Leader Mitch McConnell").
_MAX_SOURCE_WORDS = 6
_COLON = re.compile(r"(?P<source>[A-Z][^:\n]*?):\s+(?P<claim>\S[^\n]*)")
_SAYS = re.compile(r"(?P<source>[A-Z][^\n]*?)\s+(?P<cue>Says|Say|Said|Tells|Claims|Warns)\s+(?P<claim>\S[^\n]*)")
_END = ".!?’'\"” "
_QUOTED = re.compile(r"[\"“”‘]")


def extract_headline(doc: Doc, *, lang: str = "en") -> Iterator[Quote]:
    """Yield the quote a headline-style first line makes, if any.

    Parameters
    ----------
    doc : Doc
        A parsed document; only its first paragraph is read.
    lang : str, optional (default="en")
        Language of the label lexicons.

    Yields
    ------
    Quote
        At most one quote, `QuoteKind.INDIRECT` (`QuoteKind.MIXED` with quote
        marks in it): the claim, with the words
        before the colon (or before "Says") as speaker mention and the colon
        (or the verb) as cue.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("Pence: Flowers Will Not Be at Debate.\\n\\nText.")
    >>> [(q.text, q.speaker.name) for q in extract_headline(doc)]
    [('Flowers Will Not Be at Debate', 'Pence')]
    """
    text = doc.text
    line = text.split("\n", 1)[0]
    if not line.strip() or len(line.split()) > _MAX_WORDS:
        return
    match = _COLON.fullmatch(line) or _SAYS.fullmatch(line)
    if match is None or not _is_source(doc, match.start("source"), match.end("source"), lang):
        return
    cue_start = match.end("source") if "cue" not in match.groupdict() else match.start("cue")
    cue_end = cue_start + 1 if "cue" not in match.groupdict() else match.end("cue")
    claim_end = len(line.rstrip(_END))
    if claim_end <= match.start("claim"):
        return
    claim = TextSpan.of(text, match.start("claim"), claim_end)
    mention = TextSpan.of(text, match.start("source"), match.end("source"))
    kind = QuoteKind.MIXED if _QUOTED.search(claim.text) else QuoteKind.INDIRECT
    yield named_line_quote(claim, mention, TextSpan.of(text, cue_start, cue_end), kind)


def _is_source(doc: Doc, start: int, end: int, lang: str) -> bool:
    """A short name that is no story label and, when NER ran, holds a named speaker."""
    source = doc.text[start:end]
    labels = load_lexicon("headline_labels", lang) | load_lexicon("link_labels", lang)
    if not 0 < len(source.split()) <= _MAX_SOURCE_WORDS or source.lower().strip() in labels:
        return False
    if not doc.has_annotation("ENT_IOB"):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    # One capitalised word ("Pence: ...", "Poll: ...") is a source: NER and the
    # tagger often miss a name in headline position (tagged NOUN, no entity).
    single = len(span) == 1 and span[0].is_alpha and span[0].text[0].isupper()
    return single or any(t.ent_type_ in _SPEAKER_LABELS for t in span)


_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
