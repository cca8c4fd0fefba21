"""Reporting words that report no speech: refusals, questions, negations, data.

`reports_speech` is asked of each reporting cue before its clause becomes a
quote, and `in_boilerplate` of each quote's start. The word lists are data:
``data/<lang>/refusal_verbs.txt``, ``inference_verbs.txt``,
``data_nouns.txt`` and ``link_labels.txt``.

Notes
-----
What counts as speech follows the issue brief and PolNeAR's speech cues
(Newell, Margolin and Ruths 2018): beliefs, data ("estimates show") and
refusals ("declined to comment") are not speech; a document quoted with a
speech verb ("the report says") is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from quotegraph.lexicon import load_lexicon

__all__ = ["reports_speech", "put_question", "in_boilerplate", "in_caption", "is_link_label"]

_QUESTION_WORDS = frozenset({"whether", "if", "what", "why", "how", "where", "when", "who", "whom", "which"})


def reports_speech(verb: Token, *, lang: str = "en") -> bool:
    """False when a reporting verb reports no speech here.

    That is: negated (``has not said``, ``won't say``), the infinitive of a
    refusal (``declined to comment``), a passive without an agent (``was
    told``: the speaker is not named, the hearer is the subject), or an
    inference verb whose subject is a document or data (``the survey
    suggests``, ``estimates show``), or advice to the reader (``Tell him
    why …``, ``you can also suggest that …``): an imperative or a "you"
    subject names no speaker.
    """
    if any(c.dep_ == "neg" for c in verb.children) or _addresses_reader(verb):
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in load_lexicon("refusal_verbs", lang):
        return False
    children = {c.dep_ for c in verb.children}
    if "auxpass" in children and "agent" not in children:
        return False
    if _passive_run_on(verb, children, lang):
        return False
    if verb.lemma_.lower() in load_lexicon("inference_verbs", lang):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lemma_.lower() in load_lexicon("data_nouns", lang):
            return False
    return True


def _passive_run_on(verb: Token, children: set[str], lang: str) -> bool:
    """``was diagnosed and told she had a year``: a verb of telling shares a passive it is coordinated with.

    Without an object or subject of its own, its subject is the hearer, not
    the speaker (``was arrested and told police …`` keeps its object and
    speaks; ``was fined and said …`` is no verb of telling).
    """
    if verb.dep_ != "conj" or children & {"nsubj", "nsubjpass", "dobj", "dative", "agent"}:
        return False
    head = {c.dep_ for c in verb.head.children}
    return "auxpass" in head and "agent" not in head and verb.lemma_.lower() in load_lexicon("addressee_verbs", lang)


def _addresses_reader(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        return subject.lower_ == "you"
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        return _addresses_reader(verb.head)  # "Go a step further, and ask …"
    return verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def put_question(verb: Token, first: Token) -> bool:
    """True for a question put *to* the subject: ``Asked whether …, Kowalski declined``.

    ``verb`` is the cue and ``first`` the first word of its content. Questions
    the speaker asks or answers (``She asked whether …``, ``He explained how
    …``) stay quotes; a past participle with no subject of its own
    (``Asked whether …``, ``Marsh, asked by reporters whether …``) reports
    what someone else asked.
    """
    if first.lower_ not in _QUESTION_WORDS or verb.tag_ != "VBN":
        return False
    return not any(c.dep_.startswith("nsubj") for c in verb.children)


def in_boilerplate(text: str, start: int, *, lang: str = "en") -> bool:
    """True when offset ``start`` lies in a link line, caption or credit.

    >>> in_boilerplate("READ MORE: Mayor says no", 11)
    True
    >>> in_boilerplate("(Photo: City Hall) The mayor said no.", 8)
    True
    >>> in_boilerplate("WATCH BELOW: Mayor says no", 13)
    True
    >>> in_boilerplate("The mayor said no.", 4)
    False
    """
    line_start = text.rfind("\n", 0, start) + 1
    if _label_pattern(lang).match(text, line_start):
        return True
    opened = text.rfind("(", line_start, start)
    return opened != -1 and text.find(")", opened, start) == -1 and bool(
        _label_pattern(lang).match(text, opened + 1))


def in_caption(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is in a photo caption: its sentence ends in a credit.

    A caption closes with the photographer and outlet in brackets,
    ``(Steve Lawrence/CBC)``, right after the sentence that holds the quote
    (no new sentence in between); it repeats or trails the story's text and
    the gold sets do not annotate it (issue 13 §4: captions).

    >>> in_caption("Golden said she looked for him. (Steve Lawrence/CBC)", 12, 30)
    True
    >>> in_caption("Golden said she looked for him. Then she left. (Steve Lawrence/CBC)", 12, 30)
    False
    >>> in_caption("Golden said she looked for him (and/or his friend).", 12, 30)
    False
    """
    line_end = text.find("\n", end)
    credit = _CREDIT.search(text, end, len(text) if line_end == -1 else line_end)
    return credit is not None and _NEW_SENTENCE.search(text, end, credit.start()) is None


_CREDIT = re.compile(r"\(\s*[A-Z][^()\n/]{0,60}/\s*[A-Z][^()\n]{0,60}\)")
_NEW_SENTENCE = re.compile(r"[.!?][\"”’']?\s+[A-Z\"“]")


def is_link_label(label: str, *, lang: str = "en") -> bool:
    """True for the label of a link line (``WATCH``, ``WATCH BELOW``, ``Read more``).

    >>> is_link_label("WATCH BELOW"), is_link_label("PENCE")
    (True, False)
    """
    return _label_pattern(lang).fullmatch(label + ":") is not None


@lru_cache(maxsize=None)
def _label_pattern(lang: str) -> re.Pattern[str]:
    labels = sorted(load_lexicon("link_labels", lang), key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(r"\s*(?:" + alternatives + r")(?:\s+[^\W\d]+)?\s*:", re.IGNORECASE)  # "WATCH BELOW:"
