"""Direct quotes: text between quote marks, with its cue and speaker mention.

A quoted stretch is a direct quote when it stands where speech is reported:
at the start of a sentence or paragraph, after a colon or comma that follows a
reporting verb (``X said: "…"``, ``X said, "…"``), or right after the verb
(``X said "…"``), and when a cue tags it (``"…," X said`` / ``"…," said X`` /
``"…" — X``) or it runs on from an earlier quote. Quoted words inside a
sentence (``the "stunning" number``) are left to `quotegraph.nlp.indirect`,
which folds them into the reported clause around them or drops them.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator, NamedTuple

from spacy.tokens import Doc, Span, Token

from quotegraph.lexicon import load_lexicon
from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, TextSpan
from quotegraph.nlp.cues import Cue, cue_of, cue_span, speaker_of
from quotegraph.nlp.quote_marks import QuoteMarks, find_quote_marks

__all__ = ["extract_direct"]

logger = logging.getLogger(__name__)

#: Words a tagged quote needs, and words an untagged one needs to count at all.
_MIN_TAGGED_WORDS = 2
_MIN_UNTAGGED_WORDS = 4
#: Words an untagged quote needs when it is a whole sentence on its own ("Neither do I.").
_MIN_SENTENCE_WORDS = 2
#: Words a quote in single marks (British style: ‘…,’ she said) needs.
_MIN_SINGLE_WORDS = 3
#: How far (in tokens) a cue may sit from the quote it tags.
_CUE_WINDOW = 14
#: A cueless quote continues the last tagged one across at most this many line breaks.
_CONTINUATION_BREAKS = 2
_STOPS = frozenset({".", "!", "?", ";"})
_DASHES = frozenset({"—", "–", "--", "-"})


class _Found(NamedTuple):
    marks: QuoteMarks
    span: Span
    cue: Cue | None
    parts: tuple[tuple[int, int], ...]  # the quoted stretches, more than one when joined
    lead: int | None = None  # a naming frame's object before the marks ('called [the plan] "reckless"')


def extract_direct(doc: Doc, *, lang: str = "en", where: str = "text") -> Iterator[Quote]:
    """Yield the direct quotes of ``doc`` in document order.

    Parameters
    ----------
    doc : Doc
        A parsed document.
    lang : str, optional (default="en")
        Language of the cue lexicons.
    where : str, optional (default="text")
        The article (and chunk) named in warnings about its quote marks.

    Yields
    ------
    Quote
        One per statement, type `QuoteKind.DIRECT`; the span includes the
        quote marks, and ``parts`` lists the quoted pieces when there are
        several: a split quote (``"A," he said, "B."``), a run
        (``"A," X said. "B."``, same paragraph) or a quote that runs on over
        paragraphs. ``cue`` is
        the reporting verb (or "according to", or the dash of ``"…" — X``) and
        ``speaker.mention`` the words naming the speaker. A quote without a cue
        gets resolution `Resolution.CONTINUATION` when it follows a tagged quote
        within two line breaks (the same or the previous paragraph), else
        `Resolution.UNKNOWN`.
        ``doc_id`` and ``quote_id`` are left empty for the pipeline to fill.

    Examples
    --------
    >>> import spacy
    >>> doc = spacy.blank("en")('"We will not stop." Then we left.')
    >>> [q.text for q in extract_direct(doc)]
    ['"We will not stop."']

    Notes
    -----
    Quote marks are paired on the raw text (`quotegraph.nlp.cues.find_quote_marks`),
    so split, multi-sentence and multi-paragraph quotes survive the tokenizer.
    How a statement is written (whole or one quote per part) is decided later,
    by `quotegraph.statements.write_statements`.
    """
    text = doc.text  # built anew on every access: read it once
    found = [f for f in (_examine(doc, text, m, lang) for m in find_quote_marks(text, lang=lang, where=where)) if f]
    merged = _join_runs(text, _merge_split(text, found))
    last_tagged = -10_000
    for item in merged:
        if item.cue is not None:
            last_tagged = item.marks.end
        follows = _paragraphs_between(text, last_tagged, item) <= _CONTINUATION_BREAKS
        yield _to_quote(text, item, follows=follows, lang=lang)


def _examine(doc: Doc, text: str, marks: QuoteMarks, lang: str) -> _Found | None:
    span = doc.char_span(marks.start, marks.end, alignment_mode="expand")
    if span is None:
        return None
    words = sum(1 for t in span if t.is_alpha)
    if not marks.double and words < _MIN_SINGLE_WORDS:
        return None
    place = _place_before(doc, text, marks.start, span.start, lang)
    if place == "embedded":
        naming = _naming_cue(span, lang) if marks.double else None
        if naming is None:
            return None  # a fragment inside a sentence: indirect.py decides
        lead = _named_object(naming, span)
        return _Found(marks, span, naming, ((marks.start, marks.end),), lead) if words else None
    cue = _cue_before(span, lang) if place != "start" else None
    if cue is None and span.end < len(doc) and doc[span.end].text in _DASHES:
        cue = _dash_cue(doc[span.end])  # '"..." — Hana Sato', even after a full stop
    if cue is None and _may_tag_after(text, marks):
        cue = _cue_after(span, lang)
    if cue is None:
        cue = _cue_by_parse(span, lang)
    if cue is None and not marks.double:
        return None  # single marks also set off titles and headlines: only tagged ones count
    if words < _min_words(text, marks, tagged=cue is not None, place=place) or _names_a_work(text, marks, span):
        return None
    return _Found(marks, span, cue, _paragraph_parts(text, marks))


def _min_words(text: str, marks: QuoteMarks, *, tagged: bool, place: str) -> int:
    """Words a quote needs: fewer when the words inside the marks end an utterance.

    A tagged one-word quote counts when it is punctuated as speech (``"Really?"
    she asked``, ``"That," he added``); an untagged one of two or three words
    when it is a whole sentence standing on its own (``"Neither do I."``).
    """
    inner = text[marks.start : marks.end].rstrip("\"”»'’ ")
    if tagged:
        return 1 if inner.endswith((",", ".", "!", "?", "…")) else _MIN_TAGGED_WORDS
    if place in ("start", "colon") and inner.endswith((".", "!", "?")):
        return _MIN_SENTENCE_WORDS
    return _MIN_UNTAGGED_WORDS


def _names_a_work(text: str, marks: QuoteMarks, span: Span) -> bool:
    """A title-case quote used as a noun in the sentence is a work's title, not speech.

    ``"The Kid Who Would Be King" reclaims the genre``: every content word is
    capitalised, nothing inside ends an utterance, and the sentence runs on in
    lower case right after the closing mark.
    """
    inner = text[marks.start : marks.end].strip("\"“”«»'‘’ ")
    after = text[marks.end : marks.end + 2].lstrip(" ")
    content = [t for t in span if t.is_alpha and not t.is_stop]
    return (
        len(content) >= 2
        and all(t.text[0].isupper() for t in content)
        and not inner.endswith((",", ".", "!", "?", "…", ":", ";"))
        and after[:1].islower()
    )


def _paragraph_parts(text: str, marks: QuoteMarks) -> tuple[tuple[int, int], ...]:
    """A quote that runs on over paragraphs is one piece per paragraph."""
    parts, start = [], marks.start
    while (brk := text.find("\n", start, marks.end)) != -1:
        end = len(text[:brk].rstrip())
        if end > start:
            parts.append((start, end))
        start = brk
        while start < marks.end and text[start].isspace():
            start += 1
    if start < marks.end:
        parts.append((start, marks.end))
    return tuple(parts)


def _naming_cue(span: Span, lang: str) -> Cue | None:
    """The verb that frames a quoted fragment as its subject's words, or None.

    ``She called the plan "reckless"``, ``described the deal as "a betrayal"``,
    ``accused the minister of "balancing the books"`` (verbs in
    ``data/<lang>/naming_verbs.txt``); never "so-called".
    """
    root = next((t for t in span if not t.is_punct and not span.start <= t.head.i < span.end), None)
    if root is None:
        return None
    head = root.head
    if head.pos_ == "ADP" and head.lower_ in ("as", "of"):
        head = head.head
    if head.pos_ in ("NOUN", "PROPN", "PRON") and head.dep_ == "dobj":
        head = head.head
    if head.pos_ != "VERB" or head.dep_ == "amod" or head.lemma_.lower() not in load_lexicon("naming_verbs", lang):
        return None
    return Cue(head, span.doc[head.i : head.i + 1], "verb")


def _named_object(cue: Cue, span: Span) -> int | None:
    """Start offset of the object a naming verb names, between verb and quote ('called the plan "…"')."""
    obj = next((c for c in cue.head.children if c.dep_ == "dobj" and cue.head.i < c.i < span.start), None)
    if obj is None or obj.right_edge.i >= span.start or obj.left_edge.i <= cue.head.i:
        return None
    return obj.left_edge.idx


def _place_before(doc: Doc, text: str, start: int, token_i: int, lang: str) -> str:
    """Where a quote opens: "start", "colon", "comma", "verb" or "embedded"."""
    i = start - 1
    while i >= 0 and text[i] in " \t\xa0":
        i -= 1
    j = i
    while j >= 0 and text[j].isspace():
        j -= 1
    if j >= 0 and text[j] == ":" and j < i:
        return "colon"  # "X added:" ending the paragraph before
    possessive = i > 0 and text[i] in "'’" and text[i - 1].isalnum()  # 'on CBS’ “Face the Nation”'
    if i < 0 or (text[i] in ".!?\n([-—–•|\"”»'’…" and not possessive) or _closes_sentence(text, i):
        return "start"
    if text[i] == ":":
        return "colon"
    if text[i] == ",":
        return "comma"
    if token_i > 0 and cue_of(doc[token_i - 1], lang=lang) is not None:
        return "verb"
    return "embedded"


def _closes_sentence(text: str, i: int) -> bool:
    """``text[i]`` is a bracket closed right after a full stop: ``(… de rigueur.) "Then scale back!"``."""
    return text[i] == ")" and text[:i].rstrip()[-1:] in (".", "!", "?")


def _cue_before(span: Span, lang: str) -> Cue | None:
    doc = span.doc
    end = span.start
    while end > 0 and (doc[end - 1].is_space or doc[end - 1].text in (":", ",")):
        end -= 1
    for token in reversed(doc[max(0, end - _CUE_WINDOW) : end]):
        if _is_stop(token):
            return None
        cue = cue_of(token, lang=lang)
        if cue is not None and cue.kind != "noun":
            return cue
    return None


def _cue_after(span: Span, lang: str) -> Cue | None:
    doc = span.doc
    window = doc[span.end : min(len(doc), span.end + _CUE_WINDOW)]
    for token in window:
        if _is_stop(token) or token.is_quote:
            return None
        cue = cue_of(token, lang=lang)
        if cue is not None and cue.kind != "noun":
            return cue
    return None


def _dash_cue(dash: Token) -> Cue | None:
    doc = dash.doc
    name = dash.i + 1
    if name >= len(doc) or doc[name].pos_ not in ("PROPN", "PRON"):
        return None
    return Cue(dash, doc[dash.i : dash.i + 1], "dash")


def _cue_by_parse(span: Span, lang: str) -> Cue | None:
    for token in span:
        head = token.head
        if head.i < span.start or head.i >= span.end:
            cue = cue_of(head, lang=lang)
            if cue is not None and cue.kind == "verb" and not _across_paragraphs(span, head):
                return cue
    return None


def _across_paragraphs(span: Span, head: Token) -> bool:
    """The parser sometimes hangs a paragraph-final quote on the next paragraph's verb."""
    doc = span.doc
    between = doc[span.end : head.i] if head.i >= span.end else doc[head.i + 1 : span.start]
    return any(t.is_space and "\n" in t.text for t in between)


def _may_tag_after(text: str, marks: QuoteMarks) -> bool:
    """A cue may follow unless the quote closed its own sentence with a full stop."""
    inner = text[marks.start : marks.end].rstrip("\"”»'’ ")
    nxt = text[marks.end : marks.end + 2].lstrip(" ")
    return not inner.endswith((".", "…")) and not nxt.startswith((".", "\n"))


def _is_stop(token: Token) -> bool:
    return token.text in _STOPS or (token.is_space and "\n" in token.text)


def _merge_split(text: str, found: Iterable[_Found]) -> Iterator[_Found]:
    """Join ``"A," he said, "B."`` into one quote: same cue, no full stop between."""
    return _join_neighbours(found, lambda first, second: _same_sentence_split(text, first, second))


def _join_runs(text: str, found: Iterable[_Found]) -> Iterator[_Found]:
    """Join ``"A," X said. "B."``: an untagged quote after the attribution of the one before."""
    return _join_neighbours(found, lambda first, second: _runs_on(text, first, second))


def _join_neighbours(found: Iterable[_Found], joins: Callable[[_Found, _Found], bool]) -> Iterator[_Found]:
    """One quote of each run of neighbours that ``joins`` ties together, in order."""
    pending: _Found | None = None
    for item in found:
        if pending is not None and joins(pending, item):
            marks = QuoteMarks(pending.marks.start, item.marks.end, item.marks.closed, True)
            span = pending.span.doc[pending.span.start : item.span.end]
            pending = _Found(marks, span, pending.cue, pending.parts + item.parts)
            continue
        if pending is not None:
            yield pending
        pending = item
    if pending is not None:
        yield pending


def _runs_on(text: str, first: _Found, second: _Found) -> bool:
    """``second`` is untagged (or shares the cue) and follows ``first``'s attribution closely."""
    if first.cue is None or (second.cue is not None and second.cue.head.i != first.cue.head.i):
        return False
    cue_at = first.cue.words.start_char
    gap = text[first.marks.end : second.marks.start]
    return "\n" not in gap and first.marks.end <= cue_at < second.marks.start and len(gap) < 300


def _same_sentence_split(text: str, first: _Found, second: _Found) -> bool:
    if first.cue is None or second.cue is None or first.cue.head.i != second.cue.head.i:
        return False
    between = text[first.marks.end : second.marks.start]
    return not any(stop in between for stop in (".", "!", "?", "\n"))


def _paragraphs_between(text: str, previous_end: int, item: _Found) -> int:
    if previous_end < 0:
        return 10_000
    return text.count("\n", previous_end, item.marks.start)


def _to_quote(text: str, item: _Found, *, follows: bool, lang: str) -> Quote:
    start = item.marks.start if item.lead is None else item.lead
    quote_span = TextSpan.of(text, start, item.marks.end)
    parts = tuple(TextSpan.of(text, s, e) for s, e in item.parts) if len(item.parts) > 1 else ()
    if item.cue is None:
        resolution = Resolution.CONTINUATION if follows else Resolution.UNKNOWN
        speaker = Speaker(name="unknown", resolution=resolution)
        cue = None
    else:
        speaker = speaker_of(item.cue, lang=lang, outside=item.parts)
        cue = cue_span(item.cue)
    return Quote(
        doc_id="",
        quote_id="",
        text=quote_span.text,
        start=quote_span.start,
        end=quote_span.end,
        type=QuoteKind.DIRECT if item.lead is None else QuoteKind.MIXED,
        speaker=speaker,
        cue=cue,
        parts=parts,
    )
