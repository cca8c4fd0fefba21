"""Indirect and mixed quotes: a reporting cue plus its reported clause.

The reported clause is read off the dependency parse: the clausal complement
of a reporting verb (``X said (that) …``, ``…, X said``, ``saying that …``),
the ``that``-clause of a reporting noun (``X's claim that …``) and the main
clause around ``according to X``. A clause with quoted words in it is `mixed`
and absorbs the direct quotes it holds; a clause that is itself a direct quote
(``X said, "…"``) leaves the direct quote in place.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Iterator, NamedTuple, Sequence

from spacy.tokens import Doc, Span, Token

from quotegraph.lexicon import load_lexicon
from quotegraph.model import Quote, QuoteKind, Resolution, TextSpan
from quotegraph.nlp.clause_edges import (
    clause_start, colon_run, in_quote_marks, leading_conjuncts, object_content, subtree_end, trailing_clauses,
    unmarked_clause,
)
from quotegraph.nlp.cues import Cue, cue_span, find_cues, is_cue_word, speaker_of
from quotegraph.nlp.echoes import echo_content, is_echo
from quotegraph.nlp.frames import fronted_fragment, relative_frame, two_subjects
from quotegraph.nlp.narration import tags_direct, without_narration
from quotegraph.nlp.quote_marks import QuoteMarks, find_quote_marks
from quotegraph.nlp.speech import in_boilerplate, in_caption, put_question, reports_speech

__all__ = ["extract_indirect"]

logger = logging.getLogger(__name__)

_CLAUSE_DEPS = ("ccomp",)
_NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl", "appos"})
_SENTENCE_BREAKS = frozenset({".", "!", "?", ":", ";"})
_CLAUSAL = frozenset({"ccomp", "advcl", "conj", "cc", "parataxis", "xcomp", "relcl"})
#: Words a clause may run on past a direct quote that still stands for it.
_TAIL_WORDS = 3
#: Words an infinitive needs to be reported content ("asked not to be named" is not).
_MIN_DIRECTIVE_WORDS = 5
#: How far after its verb a "that" may open a clause the parser attached elsewhere.
_STRAY_WINDOW = 12
#: Words a reported clause needs to count as a quote.
_MIN_WORDS = 3
#: A cueless quote follows an earlier quote when at most this many line breaks separate them.
_CONTINUATION_BREAKS = 2


class _Clause(NamedTuple):
    start: int
    end: int
    cue: Cue
    parts: tuple[tuple[int, int], ...]  # content on both sides of the cue, else empty


def extract_indirect(doc: Doc, *, direct: Sequence[Quote], lang: str = "en") -> Iterator[Quote]:
    """Yield every quote of ``doc`` in document order: direct, indirect and mixed.

    Parameters
    ----------
    doc : Doc
        A parsed document.
    direct : sequence of Quote
        The direct quotes of ``doc`` from `quotegraph.nlp.direct.extract_direct`.
    lang : str, optional (default="en")
        Language of the cue lexicons.

    Yields
    ------
    Quote
        The direct quotes that stand alone, then (merged in document order) each
        reported clause: `QuoteKind.MIXED` when it holds quote marks (the direct
        quotes inside it are absorbed), else `QuoteKind.INDIRECT`. The span
        leaves out a leading "that" and trailing punctuation outside quote marks.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")("No parse, no clauses.")
    >>> list(extract_indirect(doc, direct=[]))
    []

    Notes
    -----
    Clause-based attribution follows the reported-speech rules of Pareti (2015)
    and the Gender Gap Tracker (Asr et al. 2021): a speech verb, its subject as
    source and its clausal complement as content.
    """
    text = doc.text  # built anew on every access: read it once
    marks = find_quote_marks(text, lang=lang, warn=False)
    quotes = list(direct)
    quoted = [(m.start, m.end) for m in marks]
    for clause in _outermost(list(_clauses(doc, lang, quoted, direct))):
        quotes = _place_clause(text, clause, quotes, marks, lang)
    quotes.sort(key=lambda q: (q.start, -q.end))
    kept = [
        q for q in quotes if not in_boilerplate(text, q.start, lang=lang) and not in_caption(text, q.start, q.end)
    ]
    yield from _link_continuations(text, kept)


def _outermost(clauses: list[_Clause]) -> list[_Clause]:
    """Drop clauses reported inside another reported clause ("X said the US estimates ...")."""
    kept = []
    for clause in clauses:
        at = clause.cue.words.start_char
        if not any(
            other is not clause and other.start <= at < other.end
            and other.start <= clause.start and clause.end <= other.end
            for other in clauses
        ):
            kept.append(clause)
    return kept


def _clauses(doc: Doc, lang: str, quoted: list[tuple[int, int]], direct: Sequence[Quote]) -> Iterator[_Clause]:
    for cue in find_cues(doc, lang=lang):
        if cue.kind == "verb" and not reports_speech(cue.head, lang=lang):
            continue
        tokens = _content_tokens(cue, lang, quoted)
        if tokens is None:
            continue
        first, last = _within_paragraph(doc, cue, *tokens)
        last = _before_next_cue(doc, cue, first, last, lang, quoted)
        span = without_narration(_trim(doc, first, last, cue), _aside(cue), cue.head, lang=lang)
        if span is not None and (_leaves_its_quote(cue, span, quoted) or tags_direct(span, cue.words, direct)):
            continue  # a title in marks ('The column "Melania, tell…" is'), a phrase after a tagged direct quote
        if span is not None and put_question(cue.head, span[0]):
            continue  # "Asked whether ..., X declined to comment": no one's claim
        if span is not None and (sum(1 for t in span if t.is_alpha) >= _MIN_WORDS or is_echo(span, lang=lang)):
            yield _Clause(span.start_char, span.end_char, cue, _around_cue(doc, cue, span))


def _leaves_its_quote(cue: Cue, span: Span, quoted: list[tuple[int, int]]) -> bool:
    """True when a cue inside quote marks would report words outside them."""
    at = cue.head.idx
    pair = next(((a, b) for a, b in quoted if a < at < b), None)
    return pair is not None and not (pair[0] <= span.start_char and span.end_char <= pair[1])


def _around_cue(doc: Doc, cue: Cue, span: Span) -> tuple[tuple[int, int], ...]:
    """The two pieces of content set off by a cue inside it (``A, X said, B``), else ()."""
    hole = _aside(cue)
    if hole is None or not span.start < hole[0] <= hole[1] < span.end - 1:
        return ()
    pieces = (_trim(doc, span.start, hole[0] - 1, cue), _trim(doc, hole[1] + 1, span.end - 1, cue))
    if any(p is None or not any(t.is_alpha for t in p) for p in pieces):
        return ()
    return tuple((p.start_char, p.end_char) for p in pieces if p is not None)


def _within_paragraph(doc: Doc, cue: Cue, first: int, last: int) -> tuple[int, int]:
    """Keep the content in the cue's paragraph and, before the cue, in its sentence."""
    at = cue.head.i
    if first < at:
        for i in range(min(last, at - 1), first - 1, -1):
            token = doc[i]
            if _is_break(token) or token.text in _SENTENCE_BREAKS:
                first = i + 1
                break
    if last > at:
        for i in range(at + 1, last + 1):
            if _is_break(doc[i]):
                last = i - 1
                break
    return first, last


def _before_next_cue(doc: Doc, cue: Cue, first: int, last: int, lang: str, quoted: list[tuple[int, int]]) -> int:
    """End the content before a subjectless reporting verb hung inside it by the parser.

    "X said A, adding that B" and "X conceded A and said B" often come out with
    "adding"/"said" attached inside A; each is a cue of its own.
    """
    for i in range(max(first, cue.head.i + 1), last + 1):
        token = doc[i]
        if token.dep_ not in ("conj", "advcl") or not is_cue_word(token, lang=lang):
            continue
        if in_quote_marks(token, quoted):
            continue  # 'blame for focusing on "he said this, he tweeted that"': quoted words
        if _has_subject(token) or token.head.dep_ == "relcl":
            continue  # "told reporters A and, since December, the US estimates B"; "a plan that … and demands …"
        if token.tag_ == "VBG" or (token.dep_ == "conj" and doc[token.i - 1].pos_ == "CCONJ"):
            return token.left_edge.i - 1
    return last


def _is_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def _content_tokens(cue: Cue, lang: str, quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First and last token index of the reported content, or None."""
    if cue.kind == "noun":
        return _noun_clause(cue.head)
    if cue.kind == "according":
        return _around_according(cue)
    head = cue.head
    aside = _parenthetical(cue) or colon_run(head, cue.words.end)
    if aside is not None:
        return aside
    comps = [c for c in head.children if c.dep_ in _CLAUSE_DEPS]
    after = [c for c in comps if c.i > head.i]
    if after:  # complements after the verb (the parser may split one clause in two)
        more = [c for c in after[1:] if in_quote_marks(c, quoted) or not (is_cue_word(c, lang=lang) and _has_subject(c))]
        last = subtree_end(max([after[0]] + more, key=lambda c: c.i))
        return clause_start(head, after[0], lang=lang), trailing_clauses(head, last, lang=lang)
    if comps:  # else the nearest one before it: "..., X said"
        start, end = _subtree_outside(comps[-1], cue)
        return leading_conjuncts(head, start), end
    if head.lemma_.lower() in load_lexicon("directive_verbs", lang):
        xcomp = next((c for c in head.rights if c.dep_ == "xcomp"), None)
        if xcomp is not None and sum(t.is_alpha for t in xcomp.subtree) >= _MIN_DIRECTIVE_WORDS:
            first = next(c for c in head.rights if c.dep_ != "prt")
            return first.left_edge.i, xcomp.right_edge.i
    if head.dep_ == "parataxis" and head.head.i < head.i:
        return head.head.left_edge.i, head.left_edge.i - 1
    return (
        relative_frame(head) or _as_reported(cue) or _after_colon(cue) or _stray_that_clause(cue)
        or unmarked_clause(head) or object_content(head, lang=lang) or echo_content(head, lang=lang)
        or fronted_fragment(head)
    )


def _as_reported(cue: Cue) -> tuple[int, int] | None:
    """``A, as X reported`` / ``As X reported, A``: the clause the as-clause hangs on."""
    verb = cue.head
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return None  # "as X told her" or "as X said that ...": not the main clause
    main, doc = verb.head, verb.doc
    after = verb.i > main.i
    comma = verb.left_edge.i - 1 if after else verb.right_edge.i + 1
    if not 0 <= comma < len(doc) or doc[comma].text != ",":
        return None  # "The plant closed as the union had predicted": a comparison, set off by nothing
    if after:
        return main.left_edge.i, comma - 1
    return comma + 1, main.right_edge.i


def _stray_that_clause(cue: Cue) -> tuple[int, int] | None:
    """``X said during a news conference that ...``: the parser hung the clause on the noun."""
    verb = cue.head
    doc = verb.doc
    for i in range(verb.i + 1, min(verb.right_edge.i + 1, verb.i + _STRAY_WINDOW)):
        token = doc[i]
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            return None
        if token.lower_ == "that" and token.dep_ == "mark" and token.head.i > i:
            return i, token.head.right_edge.i
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _noun_clause(noun: Token) -> tuple[int, int] | None:
    for child in noun.rights:
        if child.dep_ in _NOUN_CLAUSE_DEPS and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            return child.left_edge.i, child.right_edge.i
    return None


def _after_colon(cue: Cue) -> tuple[int, int] | None:
    """``X added:`` closing a paragraph reports the whole next paragraph."""
    doc, i = cue.head.doc, cue.words.end
    while i < len(doc) and not doc[i].is_space and doc[i].text != ":" and doc[i].i - cue.head.i < 6:
        i += 1
    if i + 1 >= len(doc) or doc[i].text != ":" or not _is_break(doc[i + 1]):
        return None
    first = i + 2
    last = first
    while last + 1 < len(doc) and not _is_break(doc[last + 1]):
        last += 1
    return first, last


def _parenthetical(cue: Cue) -> tuple[int, int] | None:
    """``A, he said, B``: a cue set off by commas reports the sentence around it."""
    hole = _aside(cue)
    if hole is None or cue.kind != "verb":
        return None
    doc = cue.head.doc
    first, last = hole[0] - 1, hole[1] + 1
    while first > 0 and not _ends_sentence(doc[first - 1]):
        first -= 1
    while last + 1 < len(doc) and not _ends_sentence(doc[last + 1]):
        last += 1
    return first, last


def _aside(cue: Cue) -> tuple[int, int] | None:
    """Token range of an attribution set off by commas mid-sentence (``, he said,``), or None."""
    if cue.kind == "according":
        left, right = cue.head.left_edge.i, cue.head.right_edge.i
    elif cue.kind == "verb":
        verb = cue.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or verb.dep_ in ("relcl", "acl") or subject.tag_ in ("WP", "WDT"):
            return None
        left, right = min(subject.left_edge.i, verb.i), max(subject.right_edge.i, verb.i)
        for child in verb.rights:
            if child.dep_ in _CLAUSAL or child.is_punct:
                break
            right = max(right, child.right_edge.i)
    else:
        return None
    doc = cue.head.doc
    if left < 2 or right + 2 >= len(doc) or doc[left - 1].text != "," or doc[right + 1].text != ",":
        return None
    if doc[right + 2].is_quote:
        return None  # 'Today, he said, "..."' introduces a direct quote
    return left - 1, right + 1


def _ends_sentence(token: Token) -> bool:
    return token.text in _SENTENCE_BREAKS or _is_break(token)


def _subtree_outside(comp: Token, cue: Cue) -> tuple[int, int]:
    start, end = comp.left_edge.i, comp.right_edge.i
    verb = cue.head
    if start < verb.i <= end:
        # The cue sits inside its own complement's span: keep the side the content is on.
        if comp.i < verb.i:
            end = verb.left_edge.i - 1
        else:
            start = verb.right_edge.i + 1
    return start, end


def _around_according(cue: Cue) -> tuple[int, int] | None:
    phrase_start, phrase_end = cue.head.left_edge.i, cue.head.right_edge.i
    sent = cue.head.sent
    if phrase_start - sent.start <= 1:
        return phrase_end + 1, sent.end - 1
    if sent.end - phrase_end <= 3:
        return sent.start, phrase_start - 1
    if _aside(cue) is not None:  # "Sales, according to the organisers, fell by half."
        return sent.start, sent.end - 1
    return None


def _trim(doc: Doc, first: int, last: int, cue: Cue) -> Span | None:
    """Cut punctuation at both ends and dangling conjunctions."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    for _ in range(2):
        while last >= first and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last >= first and doc[last].pos_ == "CCONJ":
            # "said that A and B" parsed with B as the verb's conjunct: keep B.
            conj = next((c for c in cue.head.rights if c.dep_ == "conj" and c.left_edge.i == last + 1), None)
            if conj is not None and "\n" not in doc[last: conj.right_edge.i].text and not is_cue_word(conj):
                last = conj.right_edge.i
                continue
        while last >= first and _dangling(doc[last]):
            last -= 1
    if last < first:
        return None
    return doc[first : last + 1]


def _dangling(token: Token) -> bool:
    """A conjunction or bare preposition left hanging at the end of a clause."""
    if token.pos_ in ("CCONJ", "SCONJ"):
        return True
    return token.pos_ in ("ADP", "DET") and token.dep_ != "prt" and not any(True for _ in token.children)


def _place_clause(
    text: str, clause: _Clause, quotes: list[Quote], marks: list[QuoteMarks], lang: str
) -> list[Quote]:
    """Add one clause to the quotes found so far, merging it with direct quotes."""
    start, end = _cover_marks(clause.start, clause.end, marks)
    inside = [q for q in quotes if q.start < end and start < q.end]
    if any(q.type is QuoteKind.DIRECT and q.start <= start and _reaches(text, q, end) for q in inside):
        at = clause.cue.words.start_char
        return [
            _adopt_cue(q, clause.cue, lang) if q in inside and not q.start <= at < q.end else q
            for q in quotes
        ]
    if any(q.type is not QuoteKind.DIRECT and q.start == start and q.end == end for q in inside):
        return quotes
    absorbed = [q for q in inside if q.type is QuoteKind.DIRECT]
    end = max([end] + [q.end for q in absorbed])
    quoted = bool(absorbed) or any(start <= m.start and m.end <= end for m in marks)
    kind = QuoteKind.MIXED if quoted else QuoteKind.INDIRECT
    parts = clause.parts if clause.parts and (clause.parts[0][0], clause.parts[-1][1]) == (start, end) else ()
    quote = _clause_quote(text, start, end, kind, clause.cue, lang, parts)
    return [q for q in quotes if q not in absorbed] + [quote]


def _reaches(text: str, quote: Quote, end: int) -> bool:
    """A direct quote stands for a clause it covers up to a few trailing words."""
    tail = text[quote.end : end]
    return len(tail.split()) <= _TAIL_WORDS


def _cover_marks(start: int, end: int, marks: list[QuoteMarks]) -> tuple[int, int]:
    """Widen a clause so every quote-mark pair it touches is whole."""
    for m in marks:
        if m.start < end and start < m.end:
            start, end = min(start, m.start), max(end, m.end)
    return start, end


def _adopt_cue(quote: Quote, cue: Cue, lang: str) -> Quote:
    if quote.cue is not None:
        return quote
    return replace(quote, cue=cue_span(cue), speaker=speaker_of(cue, lang=lang))


def _clause_quote(
    text: str, start: int, end: int, kind: QuoteKind, cue: Cue, lang: str, parts: tuple[tuple[int, int], ...]
) -> Quote:
    span = TextSpan.of(text, start, end)
    return Quote(
        doc_id="",
        quote_id="",
        text=span.text,
        start=start,
        end=end,
        type=kind,
        speaker=speaker_of(cue, lang=lang, outside=((start, end),) if two_subjects(cue.head) else ()),
        cue=cue_span(cue),
        parts=tuple(TextSpan.of(text, a, b) for a, b in parts),
    )


def _link_continuations(text: str, quotes: list[Quote]) -> Iterator[Quote]:
    """A cueless quote continues the speaker of a quote just before it."""
    previous: Quote | None = None
    for quote in quotes:
        if quote.cue is None and quote.speaker.mention is None:
            near = previous is not None and (
                text.count("\n", previous.end, quote.start) <= _CONTINUATION_BREAKS
            )
            resolution = Resolution.CONTINUATION if near else Resolution.UNKNOWN
            quote = replace(quote, speaker=replace(quote.speaker, resolution=resolution))
        yield quote
        previous = quote
