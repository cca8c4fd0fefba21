"""Narration after a cue set off by commas: ``A, he said, and he left.``

In ``A, X said, B`` the words after the cue usually go on with X's claim
(``The plant, she said, will close in June``), but a tail that opens with a
subordinator of concession or contrast (``…, he said, though he named no
one``), or with a coordinator and the speaker as its own subject again
(``…, he says, and he was upset``), is the writer's narration about the
speaker, and GGT leaves it out of the quote. ("as" is left out: ``…, officials
said, as rescuers searched`` is content as often as not.)
So are the words after a cue that already tags a direct quote
(``"I love you," he said, eyes welling up``).
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Span, Token

from quotegraph.lexicon import load_lexicon
from quotegraph.model import Quote, QuoteKind
from quotegraph.nlp.doc_text import doc_text

__all__ = ["kept_pieces", "narrates", "tags_direct", "without_narration"]

#: Words a speaker between a quote and its cue may take ('"…," the deputy mayor of Brill said').
_SPEAKER_WORDS = 6
_PUNCT = re.compile(r"[,.;:!?()]")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


def narrates(tail: Span, cue: Token, *, lang: str = "en") -> bool:
    """Whether ``tail``, the words after a parenthetical cue, narrate rather than report.

    Parameters
    ----------
    tail : Span
        The words after ``, X said,`` up to the end of the reported sentence.
    cue : Token
        The reporting verb; its subject is the speaker.
    lang : str, optional (default="en")
        Language of ``data/<lang>/narrating_conjunctions.txt``.

    Returns
    -------
    bool
        True when the tail opens with a listed subordinator (after any
        coordinator), or with a coordinator followed by the speaker's own
        subject word again.
    """
    words = [t for t in tail if not (t.is_punct or t.is_space)]
    if not words:
        return False
    opener = words[0]
    after = words[1] if len(words) > 1 else None
    subordinators = load_lexicon("narrating_conjunctions", lang)
    if opener.lower_ in subordinators:
        return True
    if opener.pos_ != "CCONJ" or after is None:
        return False
    if after.lower_ in subordinators:
        return True
    speaker = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return speaker is not None and after.dep_ in ("nsubj", "nsubjpass") and after.lower_ == speaker.lower_


def tags_direct(clause: Span, cue: Span, quotes: Sequence[Quote]) -> bool:
    """Whether ``clause`` is a phrase trailing a direct quote that the cue words ``cue`` tag.

    ``"I love you," he said, eyes welling up``: the cue's words are the quote,
    and a clause it seems to report after it, with no finite verb that has a
    subject of its own, is narration. Only the speaker may stand between the quote and
    the cue: no punctuation, at most a few words.
    """
    if any(t.dep_ in _SUBJECTS and _finite(t.head) for t in clause):
        return False  # '…," Warren told him, after he admitted he had not …': a report of its own
    text, cue_start = doc_text(clause.doc), cue.start_char
    for quote in quotes:
        if quote.type is QuoteKind.DIRECT and quote.cue is not None and quote.cue.start == cue_start:
            gap = text[quote.end : cue_start]
            if quote.end <= cue_start and len(gap.split()) <= _SPEAKER_WORDS and not _PUNCT.search(gap):
                return True
    return False


def _finite(verb: Token) -> bool:
    return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children)


def without_narration(span: Span | None, hole: tuple[int, int] | None, cue: Token, *, lang: str = "en") -> Span | None:
    """The reported content ``span`` around a cue set off by commas (``hole``, a token range).

    Returns ``span`` itself, or only the piece before the cue when the piece
    after it narrates (``A, he said, though he named no one``), or None when
    neither piece is a clause (``In May, she said, allowing …``); see
    `kept_pieces`.
    """
    if span is None or hole is None or not span.start < hole[0] <= hole[1] < span.end - 1:
        return span
    doc = span.doc
    keep = kept_pieces(doc[span.start : hole[0]], doc[hole[1] + 1 : span.end], cue, lang=lang)
    if keep == 2:
        return span
    last = hole[0] - 1
    while keep and last >= span.start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[span.start : last + 1] if keep and last >= span.start else None


def kept_pieces(before: Span, after: Span, cue: Token, *, lang: str = "en") -> int:
    """How many pieces of ``A, X said, B`` are content: 2 (both), 1 (``A`` only) or 0.

    A narrated ``B`` (`narrates`) leaves ``A`` alone. With no finite verb at
    the top of either piece (``In its ruling, the court suggested an
    approach, allowing …``: a phrase and a participle) nothing is reported.
    """
    if not _holds_clause(before) and not _holds_clause(after):
        return 0
    return 1 if narrates(after, cue, lang=lang) else 2


def _holds_clause(piece: Span) -> bool:
    """A finite verb at the top, or a subject anywhere outside a relative clause."""
    tops = [t for t in piece if not piece.start <= t.head.i < piece.end or t.head.i == t.i]
    if any(_finite(t) for t in tops if t.pos_ in ("VERB", "AUX")):
        return True
    return any(t.dep_ in _SUBJECTS and t.head.dep_ not in ("relcl", "acl") for t in piece)
