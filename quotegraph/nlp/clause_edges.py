"""Where a reported clause ends: the clauses that still belong to it.

The parser often hangs the second half of reported content on the reporting
verb instead of on the reported clause: in ``She said the plant will close,
but the union will fight it`` the clause ``the union will fight it`` comes out
as a conjunct of ``said``. `trailing_clauses` takes such clauses into the
content, as both gold sets do (issue 13 §2: keep coordinated and trailing
clauses), and leaves out what the speaker did next (``said A and left``).
The linking words are data: ``data/<lang>/clause_links.txt``.
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Token

from quotegraph.lexicon import load_lexicon
from quotegraph.nlp.cues import is_cue_word

__all__ = ["clause_start", "subtree_end", "trailing_clauses", "in_quote_marks", "object_content", "colon_run", "unmarked_clause", "leading_conjuncts"]

_ENDS = frozenset({".", "!", "?", ";", ":"})


def clause_start(verb: Token, comp: Token, *, lang: str = "en") -> int:
    """Index of the first token of ``comp``, the clause ``verb`` reports.

    A finite clause without a subject whose subject the parser took as the
    verb's object (``has said single people and families - all of them -
    would qualify``) starts at that object. Verbs of telling keep their object:
    it is the addressee (``told reporters …``).
    """
    start = comp.left_edge.i
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in comp.children):
        return start
    if comp.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.tag_ == "MD" for c in comp.children):
        return start
    if verb.lemma_.lower() in load_lexicon("addressee_verbs", lang):
        return start
    obj = next((c for c in verb.rights if c.dep_ == "dobj" and c.i < comp.i), None)
    return obj.left_edge.i if obj is not None and obj.right_edge.i < comp.i else start


def subtree_end(head: Token) -> int:
    """Index of the last token of ``head``'s subtree.

    ``right_edge`` misses a word the parser hung across the clause's own head
    (``was under the influence — something a caller also said``: a
    non-projective apposition); the subtree, bounded by the clause, does not.
    """
    return max(head.right_edge.i, max(t.i for t in head.subtree))


def trailing_clauses(verb: Token, last: int, *, lang: str = "en") -> int:
    """The last token of reported content that ends at ``last``, with the clauses that go on from it.

    Parameters
    ----------
    verb : Token
        The reporting verb; its content (a clausal complement) ends at ``last``.
    last : int
        Index of the content's last token as the parse gives it.
    lang : str, optional (default="en")
        Language of ``clause_links.txt``.

    Returns
    -------
    int
        ``last`` moved over every following clause hung on ``verb`` in the same
        sentence that continues the report: a conjunct with its own subject
        (``, but the NYPD overruled it``) or with a modal (``, but would
        eventually add``), and an adverbial clause opened by a linking word of
        reason, condition or contrast (``because …``, ``unless …``). A
        conjunct that is itself a reporting verb (``and added that …``) or a
        plain action of the speaker (``and left``) ends the content.

    Notes
    -----
    PolNeAR (Newell et al. 2018) and the Gender Gap Tracker's gold both mark
    the whole coordinated report as one content span.
    """
    doc = verb.doc
    for child in verb.rights:
        if child.right_edge.i <= last:
            continue
        if child.i <= last or any(doc[i].text in _ENDS or "\n" in doc[i].text for i in range(last + 1, child.i)):
            break
        if child.is_punct or child.dep_ == "cc":
            continue
        if not _continues(child, lang):
            break
        last = child.right_edge.i
    return last


def in_quote_marks(token: Token, quoted: Sequence[tuple[int, int]]) -> bool:
    """True when ``token`` lies inside a pair of quote marks (character ranges ``quoted``)."""
    return any(start < token.idx < end for start, end in quoted)


def _continues(clause: Token, lang: str) -> bool:
    if clause.pos_ == "ADP" and clause.nbor(-1).pos_ == "CCONJ" and any(c.dep_ == "pobj" for c in clause.children):
        return True  # "memories of her father, and of all the people": a phrase, never the speaker's next act
    if clause.pos_ not in ("VERB", "AUX") or is_cue_word(clause, lang=lang):
        return False
    children = list(clause.children)
    if clause.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in load_lexicon("clause_links", lang) for c in children)
    if clause.dep_ != "conj":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in children):
        return True
    if any(c.dep_ == "neg" for c in children):
        return False
    # "said A and let them know that B": a subjectless conjunct that itself reports, but with no cue word of its own
    reports = [c for c in children if c.dep_ in ("ccomp", "xcomp")]
    if any(c.dep_ == "ccomp" for c in reports) and not any(is_cue_word(c, lang=lang) for c in reports):
        return True
    return any(c.tag_ == "MD" for c in children)


def object_content(verb: Token, *, lang: str = "en", min_words: int = 3) -> tuple[int, int] | None:
    """Token range of a noun-phrase object that is itself the reported content, or None.

    ``She noted the clot's existence``, ``Clinton mentioned disparaging remarks
    Trump had made``, ``They described the showdown as ominous``: verbs of
    ``data/<lang>/object_content_verbs.txt`` report what their object says.
    The object needs ``min_words`` words (``noted it`` reports nothing) and
    keeps a following ``as …`` (``described X as Y``), which a naming verb
    (``data/<lang>/naming_verbs.txt``) needs: ``described a chaotic night``
    is the writer's narration.

    Notes
    -----
    PolNeAR marks such objects as content; ``said it``, ``told him`` are left
    out because "say" and "tell" are not in the list.
    """
    if verb.lemma_.lower() not in load_lexicon("object_content_verbs", lang):
        return None
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ == "PRON":
        return None
    last = obj.right_edge.i
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ == "as" and child.i == last + 1:
            last = child.right_edge.i
    if last == obj.right_edge.i and verb.lemma_.lower() in load_lexicon("naming_verbs", lang):
        return None  # "described a chaotic night" is narration; "described it as chaos" reports
    if sum(t.is_alpha for t in verb.doc[obj.left_edge.i : last + 1]) < min_words:
        return None
    return obj.left_edge.i, last


def colon_run(verb: Token, words_end: int) -> tuple[int, int] | None:
    """``X added: A. B.``: a cue closed by a colon reports the rest of its paragraph, unquoted.

    ``words_end`` is the index after the cue words. Returns the token range
    from after the colon to the end of the paragraph (the caller cuts it at
    the line break), or None when no colon follows, the colon ends the line
    (the next paragraph is the content) or a quote mark opens the content
    (a direct quote).

    Notes
    -----
    One statement over several sentences stays one quote (issue 13 §2);
    PolNeAR marks ``added: It's typical … She knows nothing …`` as one content.
    """
    doc = verb.doc
    colon = words_end
    if colon + 1 >= len(doc) or doc[colon].text != ":" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    first = doc[colon + 1]
    if first.is_space or first.is_quote or "\n" in first.text:
        return None
    return first.i, len(doc) - 1


def unmarked_clause(verb: Token) -> tuple[int, int] | None:
    """``Trump said after the convention he would not accept …``: a clause the parser hung as an adverbial.

    With a phrase between the verb and its reported clause and no "that", the
    parser often makes the clause an adverbial of the verb. An adverbial
    clause after the verb with a subject of its own and no linking word
    (``if``, ``because``, or ``when``, which the parser tags as an adverb) is
    the content.
    """
    for child in verb.rights:
        if child.dep_ != "advcl" or child.pos_ not in ("VERB", "AUX"):
            continue
        kids = list(child.children)
        subject = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None or subject.i > child.i or any(c.dep_ == "mark" or c.tag_ == "WRB" for c in kids):
            continue
        if child.left_edge.i <= verb.i or verb.doc[child.left_edge.i - 1].is_punct:
            continue  # "…, she said, as …" or a clause set off by a comma is not its object
        return subject.left_edge.i, child.right_edge.i  # the phrase before the subject dates the saying
    return None


def leading_conjuncts(verb: Token, first: int) -> int:
    """``A, but B, a source said.``: content the parser began at B starts at the sentence's start.

    ``first`` is the first token of the clause before a cue that closes its
    sentence (``, a source said.``); mid-sentence cues are left alone. When a
    coordinating conjunction (after an optional comma) comes right before it,
    the clauses it joins were reported together, so the content starts where
    the sentence does (the caller keeps it inside the paragraph).
    """
    doc, sent = verb.doc, verb.sent
    closing = all(t.is_punct or t.is_space for t in doc[verb.right_edge.i + 1 : sent.end])
    before = first - 1
    if closing and before > sent.start and doc[before].pos_ == "CCONJ":
        return sent.start
    return first
