"""Reporting cues and speaker mentions: the evidence quotes hang on.

`find_cues` lists the words that report speech (verbs such as "said", nouns such
as "statement", and "according to"), read from the lexicons in
``data/<lang>/reporting_verbs.txt`` and ``reporting_nouns.txt``. The helpers
below it are shared by `quotegraph.nlp.direct` and `quotegraph.nlp.indirect`
and never leave ``quotegraph/nlp/``: `find_speaker` picks the words that name
who is speaking. Quote marks are paired by `quotegraph.nlp.quote_marks`.
"""

from __future__ import annotations

import logging
from typing import NamedTuple, Sequence

from spacy.tokens import Doc, Span, Token

from quotegraph.lexicon import load_lexicon
from quotegraph.model import Resolution, Speaker, TextSpan
from quotegraph.nlp.doc_text import doc_text
from quotegraph.nlp.mention_spans import in_quote_marks, mention_span, paragraph_break, paragraph_start

__all__ = [
    "Cue",
    "find_cues",
    "find_speaker",
    "is_cue_word",
    "cue_of",
    "cue_span",
    "speaker_of",
]

logger = logging.getLogger(__name__)


class Cue(NamedTuple):
    """One reporting cue: its head word, the cue words as written and their kind."""

    head: Token
    words: Span
    kind: str  # "verb", "noun", "according" or "dash"



_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "relcl", "prep"})


def find_cues(doc: Doc, *, lang: str = "en") -> list[Cue]:
    """List the reporting cues of ``doc`` in document order.

    Parameters
    ----------
    doc : Doc
        A parsed document (tagger, lemmatizer and parser).
    lang : str, optional (default="en")
        Language of the cue lexicons.

    Returns
    -------
    list of Cue
        Verbs whose lemma is a reporting verb, nouns whose lemma is a
        reporting noun, and each "according to".

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["He", "said", "so"],
    ...           pos=["PRON", "VERB", "ADV"], lemmas=["he", "say", "so"])
    >>> [cue.words.text for cue in find_cues(doc)]
    ['said']
    """
    cues = []
    for token in doc:
        cue = cue_of(token, lang=lang)
        if cue is not None:
            cues.append(cue)
    return cues


def cue_of(token: Token, *, lang: str = "en") -> Cue | None:
    """The cue headed by ``token``, or None when it reports no speech."""
    lower = token.lower_
    if lower == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        return Cue(token, token.doc[token.i : token.i + 2], "according")
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and token.dep_ != "amod" and lemma in load_lexicon("reporting_verbs", lang):
        end = token.i + 1
        for child in token.rights:
            if child.dep_ == "prt" and child.i == end:
                end += 1
        return Cue(token, token.doc[token.i : end], "verb")
    if token.pos_ == "NOUN" and lemma in load_lexicon("reporting_nouns", lang):
        return Cue(token, token.doc[token.i : token.i + 1], "noun")
    return None


def is_cue_word(token: Token, *, lang: str = "en") -> bool:
    """True when ``token`` is a reporting verb (the words that tag a quotation)."""
    return (
        token.pos_ == "VERB"
        and token.dep_ != "amod"  # "so-called", "the reported figure"
        and token.lemma_.lower() in load_lexicon("reporting_verbs", lang)
    )


def find_speaker(cue: Cue, *, lang: str = "en", outside: Sequence[tuple[int, int]] = ()) -> Span | None:
    """The words that name who speaks through ``cue``, or None.

    Follows the subject of the cue verb, climbing from participles and
    coordinated verbs ("..., adding that") to the verb that has one; for
    "according to X" it is X; for a noun cue its possessor or "from"/"by" object.
    The mention is a pronoun, a name without its titles ("John Kirby" in "White
    House official John Kirby"), or a short noun phrase ("The official").
    ``outside`` lists character ranges (the quoted parts) the speaker cannot
    be in: when the parser puts the subject there, the name next to the cue
    verb is taken instead. A subject the parser found across a paragraph
    break (a caption or dateline line above) is replaced by the words in the
    cue's own paragraph (`_same_paragraph`).
    """
    return _find(cue, lang, outside)[0]


def speaker_of(cue: Cue, *, lang: str = "en", outside: Sequence[tuple[int, int]] = ()) -> Speaker:
    """The `Speaker` a cue names: its mention by syntax, or ``unknown``.

    When the cue is in a relative clause ("Kirby, who said ...") the mention is
    the antecedent and ``relative`` the relative pronoun.
    """
    mention, relative = _find(cue, lang, outside)
    if mention is None:
        return Speaker(name="unknown")
    span = TextSpan(mention.start_char, mention.end_char, mention.text)
    pronoun = TextSpan(relative.idx, relative.idx + len(relative.text), relative.text) if relative else None
    return Speaker(name=span.text, mention=span, resolution=Resolution.SUBJECT, relative=pronoun)


def _find(cue: Cue, lang: str, outside: Sequence[tuple[int, int]]) -> tuple[Span | None, Token | None]:
    head, relative = _speaker_head(cue, lang)
    if head is not None and (_within(head, outside) or in_quote_marks(head) != in_quote_marks(cue.head)):
        head, relative = _neighbour_outside(cue.head, outside) or _name_earlier(cue.head, outside), None
    if head is not None and paragraph_break(head, cue.head):
        head, relative = _same_paragraph(head, cue.head), None
    if head is None:
        return None, None
    return mention_span(head, lang), relative


def cue_span(cue: Cue) -> TextSpan:
    """The cue words as a `TextSpan` (offsets into the parsed text)."""
    return TextSpan(cue.words.start_char, cue.words.end_char, cue.words.text)


# -- speaker mention ---------------------------------------------------------


def _speaker_head(cue: Cue, lang: str) -> tuple[Token | None, Token | None]:
    """The speaker's head word, and the relative pronoun it was reached through (or None)."""
    if cue.kind == "according":
        return _according_source(cue.words[-1]), None
    if cue.kind == "noun":
        return _noun_cue_speaker(cue.head), None
    if cue.kind == "dash":
        return _name_after(cue.head), None
    token = cue.head
    named = _name_before_participle(token)
    if named is not None:
        return named, None
    for _ in range(4):
        # A quote mark the parser made a subject ('... creators,’’ says the founder') names no one.
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS and not c.is_punct), None)
        if subject is None:
            subject = _agent(token) or _inverted_object(cue)
        if subject is not None:
            if subject.tag_ in _RELATIVES and token.dep_ == "relcl":
                return token.head, subject  # "Kirby, who said ..." speaks as Kirby
            return subject, None
        if token.dep_ not in _CLIMB or token.head.i == token.i:
            return _left_neighbour(cue.head), None
        if token.dep_ == "xcomp" and token.tag_ == "VB":  # an infinitive; "quotes Lincoln saying" is not control
            controller = next((c for c in token.head.children if c.dep_ == "dobj"), None)
            if controller is not None and controller.pos_ in ("PROPN", "PRON", "NOUN"):
                return controller, None  # "forced Stumpf to admit": the object speaks
        token = token.head
        if token.dep_ == "ccomp" and is_cue_word(token.head, lang=lang):
            token = token.head  # "X said A, adding B": A's verb is not the speaker's
        if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):  # "postings that included one saying ..."
            return (token if cue.head.dep_ == "acl" else None), None
    return None, None


_SOURCE_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP"})  # who can own a statement noun
_RELATIVES = frozenset({"WP", "WDT"})  # "who", "which", "that" heading a relative clause


def _same_paragraph(subject: Token, verb: Token) -> Token | None:
    """The speaker in the cue's own paragraph when the parser's subject lies across a blank line.

    An apposition or second subject the parser hung on the verb comes first
    ("Rachel Gilmore, producer / Leader Andrew Scheer says"); then the name or
    pronoun right before (or, inverted, after) the verb, as for a subject
    inside the quote.
    """
    candidates = [c for c in subject.children if c.dep_ in ("appos", "conj")]
    candidates += [c for c in verb.children if c.dep_ in _SUBJECTS and c.i != subject.i]
    for token in sorted(candidates, key=lambda t: t.i):
        if not paragraph_break(token, verb):
            return token
    near = _neighbour_outside(verb, ())
    return near if near is not None and not paragraph_break(near, verb) else None


def _name_before_participle(verb: Token) -> Token | None:
    """The name right before a participle cue, with no comma between: "footage of Clinton asking".

    Only a person's or organisation's name that is the object of a preposition
    (a recording or report *of* them); a verb's object is reported by the
    verb's subject ("Pelosi quotes Lincoln saying ...").
    """
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "acl") or verb.i == 0:
        return None
    before = verb.nbor(-1)
    if before.pos_ != "PROPN" or before.ent_type_ not in ("PERSON", "ORG") or before.dep_ != "pobj":
        return None
    return before


def _inverted_object(cue: Cue) -> Token | None:
    """The speaker the parser read as an object in an inverted cue: '"...," points out the resident'.

    Only for a finite cue verb right after a quote mark or comma whose direct
    object starts right after the cue words; a participle's object is its
    addressee or topic (", telling O'Reilly that", ", suggesting a few questions").
    """
    doc, verb = cue.head.doc, cue.head
    if verb.tag_ not in ("VBZ", "VBD", "VBP") or verb.lemma_.lower() in load_lexicon("addressee_verbs", "en"):
        return None  # ", told Tracy she was": the object is spoken to
    before = verb.i - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0 or not (doc[before].is_quote or doc[before].text == ","):
        return None
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    return obj if obj is not None and obj.left_edge.i == cue.words.end else None


def _name_after(dash: Token) -> Token | None:
    doc = dash.doc
    if dash.i + 1 >= len(doc) or doc[dash.i + 1].pos_ not in ("PROPN", "PRON"):
        return None
    token = doc[dash.i + 1]
    while token.pos_ == "PROPN" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
        token = doc[token.i + 1]
    return token


def _left_neighbour(verb: Token) -> Token | None:
    """A noun right before a verb the parser left without subject ("... A top general claimed")."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < 0 or verb.doc[i].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return verb.doc[i]


def _name_earlier(verb: Token, outside: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The last name before ``verb`` in its paragraph that is no object and not in quote marks.

    For a cue whose parsed subject is quoted words ('Purdy, who lost 16 lbs.
    "and two belt loops" between May and October, says').
    """
    doc, inside = verb.doc, in_quote_marks(verb)
    start = paragraph_start(doc_text(doc), verb.idx)
    for token in reversed(doc[: verb.i]):
        if token.idx < start:
            return None
        if (token.pos_ == "PROPN" and token.dep_ in _NAME_HEADS and not _within(token, outside)
                and in_quote_marks(token) == inside):
            # "Rep. Ola Brandt (D-Md.)": an apposition after a name stands for that name
            return token.head if token.dep_ == "appos" and token.head.i < token.i else token
    return None


_NAME_HEADS = frozenset({"nsubj", "nsubjpass", "ROOT", "appos"})


def _within(token: Token, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= token.idx < end for start, end in ranges)


def _neighbour_outside(verb: Token, outside: Sequence[tuple[int, int]]) -> Token | None:
    """The name or pronoun right before (or, inverted, right after) the verb, outside the quote."""
    before = _left_neighbour(verb)
    if before is None and verb.i > 1 and verb.nbor(-1).text == "," and verb.nbor(-2).dep_ == "appos":
        before = verb.nbor(-2).head  # "Flynn, a top surrogate, said"
    if before is not None and not _within(before, outside) and in_quote_marks(before) == in_quote_marks(verb):
        return before
    doc = verb.doc
    after = verb.i + 1
    if after < len(doc) and doc[after].pos_ in ("PROPN", "PRON", "NOUN"):
        token = doc[after]
        while token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" and token.pos_ == "PROPN":
            token = doc[token.i + 1]
        return token
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _according_source(to: Token) -> Token | None:
    """X in "according to X"; for a statement noun, its own speaker ("according to a speech Mrs. Clinton gave")."""
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:  # "according to show insiders": the parser made a verb of the noun's modifier
        verb = next((c for c in to.children if c.dep_ == "pcomp"), None)
        return next((c for c in verb.children if c.dep_ == "dobj"), None) if verb is not None else None
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in load_lexicon("reporting_nouns", "en"):
        return _noun_cue_speaker(obj) or obj
    return obj


def _noun_cue_speaker(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in _SUBJECTS and child.i < noun.i):
            return child  # "the union's statement"; "Trump claims that" with "claims" tagged a noun
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.ent_type_ in _SOURCE_LABELS:
            return child  # "a New York Times report"
        if child.dep_ == "relcl" and child.i > noun.i and not any(
                c.dep_ in ("mark", "dobj", "ccomp") for c in child.children):  # not "the report that X had a loss"
            subject = next((c for c in child.children if c.dep_ in _SUBJECTS), None)
            if subject is not None and subject.pos_ in ("PROPN", "PRON"):
                return subject  # "a speech Mrs. Clinton delivered"
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "PRON"):
                return obj
    if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
        verb = noun.head if noun.head.pos_ == "VERB" else noun.head.head
        return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    return None
