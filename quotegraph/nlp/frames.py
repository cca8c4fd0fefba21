"""Reporting frames the clause rules of `quotegraph.nlp.indirect` do not reach.

- ``People like Scott, he said.``: a verbless phrase a closing cue reports.
- ``condemned what he called a "brazen breach"``: a relative ``what`` naming
  frame; the content runs from ``what`` to the name given.

Both gold sets we develop on (PolNeAR) annotate these as quotes of the
speaker; each rule has positive and negative cases in tests/nlp/test_frames.py.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["fronted_fragment", "relative_frame", "two_subjects"]

#: How the parser hangs a verbless phrase before a closing cue on it.
_FRAGMENT_DEPS = frozenset({"dep", "nsubj"})
#: Complements that carry the name a naming frame gives ("called it a farce", "described as").
_NAME_DEPS = frozenset({"oprd", "dobj"})


def fronted_fragment(verb: Token) -> tuple[int, int] | None:
    """Token range of a verbless phrase a closing cue reports (``People like Scott, he said.``), or None.

    The parser hangs such a fragment on the cue as ``dep`` (or as a second
    subject): it is content when it opens the sentence, a comma and the
    speaker follow it, and the cue closes the sentence (nothing but
    punctuation after the verb). ``In June, he said it would close``
    keeps its clause (a ``ccomp``), and is not read here.
    """
    if verb.dep_ != "ROOT" or any(c.dep_ != "punct" for c in verb.rights):
        return None
    lefts = list(verb.lefts)
    frag = next((c for c in lefts if c.dep_ in _FRAGMENT_DEPS), None)
    doc = verb.doc
    if frag is None or frag.left_edge.i != verb.sent.start or frag.right_edge.i + 1 >= verb.i:
        return None
    comma = frag.right_edge.i + 1
    if doc[comma].text != "," or not any(c.dep_ == "nsubj" and c.i > comma for c in lefts):
        return None  # the speaker follows the comma: "…, she said."
    return frag.left_edge.i, frag.right_edge.i


def relative_frame(verb: Token) -> tuple[int, int] | None:
    """Token range of a ``what X called Y`` frame, from ``what`` to the end of Y, or None.

    The cue's object is a fronted ``what`` with the speaker as subject between
    them; the name given follows the verb (``called a "rant"``) or its ``as``
    (``described as a tactic``). ``what he called`` with no name after it
    reports nothing.
    """
    what = next((c for c in verb.lefts if c.lower_ == "what" and c.dep_ == "dobj"), None)
    if what is None or not any(c.dep_ == "nsubj" and what.i < c.i for c in verb.lefts):
        return None
    named = next((c for c in verb.rights if c.dep_ in _NAME_DEPS), None)
    if named is None:
        named = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    if named is None or named.left_edge.i != verb.i + 1 and named.lower_ != "as":
        return None
    return what.i, named.right_edge.i


def two_subjects(verb: Token) -> bool:
    """Whether the parser gave ``verb`` a second subject: a fronted fragment, never the speaker."""
    return sum(c.dep_ == "nsubj" for c in verb.children) > 1
