"""Attribution: tie each quote's speaker mention to a speaker in the article.

The extraction stages leave ``speaker.name`` as the mention's words. Here each
mention is resolved the way a reader of the article would, in this order:

1. a name: the fullest form of it in the article ("Kirby" → "John Kirby"),
   titles stripped into ``role``, organisation from premodifiers
   ("White House official John Kirby"), appositions ("X, the spokesperson for
   Y,") and relative clauses ("X, who is the head of Wagner,");
   organisations and places keep their own canonical name ("The US" →
   "United States");
2. a pronoun: the latest compatible named speaker (gender and number agree;
   names inside quotations do not count); when another compatible person is
   named in the sentences just before, coreferee's chains over a window of
   up to four sentences decide instead (coreferee costs more than the parse,
   so it runs only where there is a choice, never in the main ``nlp.pipe``);
3. a nominal ("the official", "a top Ukrainian general"): the most recent
   compatible named person, or one named just after it (cataphora);
4. no mention: a quote continuing the previous quote takes its speaker;
5. otherwise an honest unknown, the mention kept; indefinite unnamed sources
   ("a Ukrainian official close to the presidential office") stay descriptive.

The article's people are built once (`quotegraph.nlp.people`) before any quote
is resolved and only read afterwards; roles and organisations come from pure
functions (`quotegraph.nlp.roles`); whether a short name fits a full one is
`quotegraph.nlp.names.fits_name`. This module only orders the rules.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from quotegraph.model import Quote, QuoteKind, Resolution, Speaker, SpeakerKind, TextSpan, make_entity_id
from quotegraph.nlp import coref
from quotegraph.nlp.documents import document_author
from quotegraph.nlp.name_spans import line_of
from quotegraph.nlp.people import People, Person
from quotegraph.nlp.roles import MentionLexicons, mention_kind

__all__ = ["resolve_speakers"]

logger = logging.getLogger(__name__)

#: Sentences before a pronoun that coreferee sees.
_COREF_WINDOW_SENTENCES = 3
#: Sentences before a pronoun searched for rivals to the rule's answer (each rival costs a coreferee run).
_RIVAL_SENTENCES = 2
#: Sentences after an indefinite nominal searched for the name it announces.
_CATAPHORA_SENTENCES = 2
#: Sentences before a definite nominal searched for the person in focus.
_FOCUS_SENTENCES = 3
_INDEFINITE = frozenset({"a", "an", "one", "another"})
#: "The 26-year-old right wing": an age stands for the person the article is about.
_AGE = re.compile(r"\b\d{1,3}-year-old\b")


def resolve_speakers(
    doc: Doc, quotes: Sequence[Quote], *, lang: str = "en", use_coref: bool = True
) -> list[Quote]:
    """Resolve every quote's speaker within one article.

    Parameters
    ----------
    doc : Doc
        The parsed article (or chunk) the quotes' offsets refer to.
    quotes : sequence of Quote
        Quotes from the extraction stages; ``speaker.mention`` is the words
        naming the speaker, or None.
    lang : str, optional (default="en")
        Language of the lexicons (titles, pronouns, nominal heads, aliases).
    use_coref : bool, optional (default=True)
        Ask coreferee about pronouns when the pipeline has it; False (or no
        coreferee) uses only the nearest compatible named speaker.

    Returns
    -------
    list of Quote
        The same quotes in the same order, each with ``speaker`` filled:
        canonical ``name``, ``kind``, ``role``, ``organisation``,
        ``resolution`` and a provisional ``entity_id``; the mention is kept.

    Examples
    --------
    >>> import spacy
    >>> from quotegraph.model import QuoteKind, TextSpan
    >>> doc = spacy.blank("en")('"We won," she said.')
    >>> quote = Quote("d", "q", '"We won,"', 0, 9, QuoteKind.DIRECT,
    ...               Speaker("she", mention=TextSpan.of(doc.text, 10, 13)))
    >>> resolve_speakers(doc, [quote])[0].speaker.name
    'unknown'
    """
    lexicons = MentionLexicons.load(lang)
    spans = {i: _mention_span(doc, q) for i, q in enumerate(quotes)}
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, quotes[i].end))
    mentions = sorted((s for s in spans.values() if s is not None), key=lambda s: s.start)
    article = _Article(People.build(doc, lexicons, mentions), [(q.start, q.end) for q in quotes], use_coref)
    resolved: dict[int, Speaker] = {}
    previous: Speaker | None = None
    for index in order:
        quote = quotes[index]
        if quote.speaker.mention is None:
            speaker = _continuation(quote, previous) or _current_speaker(quote, article)
        else:
            speaker = replace(_resolve(spans[index], quote.speaker.mention, article),
                              relative=quote.speaker.relative)  # "who" in "Kirby, who said" stays evidence
        resolved[index] = previous = speaker
        if speaker.is_known:
            anchor = speaker.mention.start if speaker.mention else quote.start
            article.history.append((anchor, speaker))
            article.spoken.append((quote.end, speaker))
    return [replace(q, speaker=resolved[i]) for i, q in enumerate(quotes)]


@dataclass
class _Article:
    """What resolving one article's quotes reads (people) and builds up (history, coreferee windows)."""

    people: People
    quote_spans: list[tuple[int, int]]
    use_coref: bool
    history: list[tuple[int, Speaker]] = field(default_factory=list)  # (mention or quote start, speaker)
    spoken: list[tuple[int, Speaker]] = field(default_factory=list)  # (quote end, speaker)
    # Pronouns in one sentence share a coreference window: annotate it once.
    coref_windows: dict[tuple[int, int], tuple[Doc, int] | None] = field(default_factory=dict)


def _mention_span(doc: Doc, quote: Quote) -> Span | None:
    mention = quote.speaker.mention
    if mention is None:
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return line_of(span, last=True) if span is not None and len(span) else None


def _resolve(span: Span | None, mention: TextSpan, article: _Article) -> Speaker:
    """Pronoun, nominal or name: each kind of mention has its own rule."""
    if span is None:
        return replace(Speaker.unknown(), mention=mention)
    people = article.people
    kind = mention_kind(span, people.lexicons)
    if kind == "pronoun":
        found = _pronoun(span, article)
    elif kind == "nominal":
        found = _nominal(span, article)
    else:
        found = people.speaker_for_name(span)
    if found is None and kind == "nominal":
        found = _descriptive(span)  # "the WHL commissioner" no one fits: its words, never a silent unknown
    if found is None:
        return replace(Speaker.unknown(), mention=mention)
    return replace(found, mention=mention)


def _continuation(quote: Quote, previous: Speaker | None) -> Speaker | None:
    """A quote the extraction stage marked as running on from the quote before it.

    It takes that quote's speaker and mention: the words naming its speaker
    are the earlier ones.
    """
    if quote.speaker.resolution is Resolution.CONTINUATION and previous is not None and previous.is_known:
        return replace(previous, resolution=Resolution.CONTINUATION)
    return None


def _current_speaker(quote: Quote, article: _Article) -> Speaker:
    """A cue-less quote paragraph: the person speaking before it, until someone else is introduced.

    "Introduced" means named as the subject of a sentence outside quotes since
    the last attributed quote ("Wendy Golden now lives in ..."); a person only
    mentioned in passing ("he met Premier Ford") does not take the floor.
    """
    if quote.type is not QuoteKind.DIRECT:
        return Speaker.unknown()
    people = article.people
    last = article.spoken[-1] if article.spoken else None
    since = last[0] if last else people.sentence_start(quote.start, 2)
    introduced = people.introduced_between(since, quote.start, outside=article.quote_spans)
    if introduced is not None and (last is None or introduced[0].name != last[1].name):
        person, mention = introduced
        return replace(person.speaker(Resolution.CONTINUATION), mention=mention)
    if last is not None:
        return replace(last[1], resolution=Resolution.CONTINUATION)
    return Speaker.unknown()


def _pronoun(span: Span, article: _Article) -> Speaker | None:
    """The compatible person a pronoun refers to: coreferee decides whenever there is a choice.

    coreferee costs more than the parse itself, so it runs (on a window) only
    when the rule's answer has a rival: another compatible person named
    outside quotes in the sentences before the pronoun, or no answer at all.
    """
    people, quote_spans = article.people, article.quote_spans
    token = span.root
    gender, number, grammatical_person = people.lexicons.pronoun(token.lower_)
    if grammatical_person != "3":
        return None  # "I said" outside quotes is a narrator, "you" a reader: no name to give
    if number == "plural":
        group = _plural_subject(span, article)
        if group is not None:
            return group  # "Republican senators are eager to leave, and they say"
    rule, took_floor = _nearest_speaker(span, people, article.history, quote_spans, gender, number)
    window = people.sentence_start(span.start_char, _RIVAL_SENTENCES)
    rivals = people.mentioned_between(window, span.start_char, gender, number, outside=quote_spans)
    # A person who has just taken the floor as a subject is trusted over coreferee's chains.
    if article.use_coref and (rule is None or (rivals - {rule.name} and not took_floor)):
        for antecedent in _coref_antecedents(token, article, gender, number):
            return antecedent.speaker(Resolution.COREFERENCE)
    if rule is None and gender in ("neuter", "any") and number != "plural":
        body = people.body_before(span.start_char, sentences=_RIVAL_SENTENCES, outside=quote_spans)
        rule = replace(body, resolution=Resolution.COREFERENCE) if body else None  # "It also said"
    return rule


def _plural_subject(span: Span, article: _Article) -> Speaker | None:
    """"they": the plural noun last made a subject in this or the sentence before, outside quotes."""
    sentences = [s for s in article.people.sentences if s.start <= span.start]
    first = sentences[max(0, len(sentences) - 2)].start if sentences else 0
    found = None
    for token in span.doc[first : span.start]:
        if token.dep_ in ("nsubj", "nsubjpass") and token.tag_ in ("NNS", "NNPS") and not any(
            a <= token.idx < b for a, b in article.quote_spans
        ):
            found = token
    if found is None:
        return None
    group = article.people.speaker_for_name(span.doc[found.left_edge.i : found.i + 1])
    if group is None or group.kind is SpeakerKind.PERSON:
        return None
    return replace(group, resolution=Resolution.COREFERENCE)


def _nearest_speaker(
    span: Span,
    people: People,
    history: list[tuple[int, Speaker]],
    quote_spans: list[tuple[int, int]],
    gender: str,
    number: str,
) -> tuple[Speaker | None, bool]:
    """The salient compatible speaker: who is being quoted, unless someone else has since taken the floor.

    The latest compatible speaker, unless a compatible person became the
    subject of a sentence (outside quotes) after that speaker was named; with
    no speaker yet, a compatible person named in this or the last sentence.
    The flag says whether the answer is such a new subject.
    """
    before = span.start_char
    last = next(((a, s) for a, s in reversed(history) if a < before and people.compatible(s, gender, number)), None)
    since = last[0] + 1 if last else people.sentence_start(before, 1)
    subject = people.introduced_between(since, before, outside=quote_spans, gender=gender, number=number)
    if subject is not None and (last is None or subject[0].name != last[1].name):
        return subject[0].speaker(Resolution.COREFERENCE), True
    if last is not None:
        return replace(last[1], resolution=Resolution.COREFERENCE), False
    person = people.nearest_before(before, gender, number, sentences=1, outside=quote_spans)
    return (person.speaker(Resolution.COREFERENCE) if person else None), False


def _coref_antecedents(token: Token, article: _Article, gender: str, number: str) -> list[Person]:
    """Compatible named people coreferee links ``token`` to, from a window of sentences before it.

    coreferee's answer counts only when it names a compatible person in its
    window: with none there, the window is not annotated (most of a run's cost),
    and the window starts at the sentence of the first one.
    """
    doc = token.doc
    if not coref.coref_available(doc):
        return []
    sentences = article.people.sentences
    here = next((i for i, s in enumerate(sentences) if s.start <= token.i < s.end), 0)
    key = (sentences[max(0, here - _COREF_WINDOW_SENTENCES)].start, sentences[here].end)
    if not coref.has_chains(doc):
        first = next((i for i in range(*key) if _candidate(i, article, gender, number)), None)
        if first is None:
            return []
        # coreferee's cost grows faster than its window: start at the sentence of the first person it could name.
        key = (next((s.start for s in sentences if s.start <= first < s.end), key[0]), key[1])
    if key not in article.coref_windows:
        article.coref_windows[key] = coref.annotate_coref(doc, doc[key[0] : key[1]])
    annotated = article.coref_windows[key]
    if annotated is None:
        return []
    found: list[Person] = []
    for index in coref.resolve_token(annotated[0], annotated[1], token):
        person = _candidate(index, article, gender, number)
        if person is not None and person not in found:
            found.append(person)
    return found


def _candidate(index: int, article: _Article, gender: str, number: str) -> Person | None:
    """The compatible person named at token ``index``, unless inside someone's quote
    (rarely the next speaker) or a caption (never)."""
    people = article.people
    person = people.person_at(index)
    if person is None or not person.compatible(gender, number):
        return None
    start = people.doc[index].idx
    if any(a <= start < b for a, b in article.quote_spans) or people.pictured(start):
        return None
    return person


def _nominal(span: Span, article: _Article) -> Speaker | None:
    """A common-noun mention: a document's author, a cataphora, a person whose role fits, the person in focus."""
    people, history = article.people, article.history
    lexicons = people.lexicons
    head = span.root.lemma_.lower()
    determiner = span[0].lower_
    # Heads in the lexicon say which titles they fit (empty: any person); others fit themselves.
    compatible = lexicons.nominal_heads.get(head, frozenset({head}))
    if head in lexicons.document_nouns:
        # "the report": a document is never a person; it speaks for whoever wrote it, when the article says.
        return document_author(span, people, history) or _descriptive(span)
    if determiner in _INDEFINITE:
        after = people.announced_after(span, compatible, sentences=_CATAPHORA_SENTENCES)
        if after is not None:
            return after.speaker(Resolution.NOMINAL)
        return _descriptive(span)
    # An epithet ("the laid-back Cambridge resident") matches an earlier description only when no one is in focus.
    epithet = head not in lexicons.nominal_heads
    said = _said_before(span, article, compatible, descriptions=not epithet)
    if said is not None:
        return said
    titles = frozenset() if epithet else compatible
    person = (
        people.nearest_with_role(span.start_char, compatible)
        or people.announced_after(span, compatible, sentences=_CATAPHORA_SENTENCES)  # "The premier ... Dana Whitlock"
        or _fitting(_in_focus(span, article), titles)
        or (people.most_mentioned_before(span.start_char) if _AGE.search(span.text) else None)
        or _fitting(people.only_person_near(span.start_char), titles)
    )
    if person is not None:
        return person.speaker(Resolution.NOMINAL)
    return _said_before(span, article, compatible, descriptions=True) if epithet else None


def _said_before(span: Span, article: _Article, compatible: frozenset[str], *, descriptions: bool) -> Speaker | None:
    """The latest speaker before ``span`` whose role (or, for an unnamed source, description) fits its head."""
    for anchor, speaker in reversed(article.history):
        if anchor >= span.start_char or speaker.kind is not SpeakerKind.PERSON:
            continue
        if not descriptions and speaker.resolution is Resolution.DESCRIPTION:
            continue
        if not compatible or article.people.role_matches(speaker, compatible):
            return replace(speaker, resolution=Resolution.NOMINAL)
    return None


def _in_focus(span: Span, article: _Article) -> Person | None:
    """The person just made the subject of a sentence: who "the 26-year-old" or "the prime minister" is.

    News writing names someone, then goes on with an epithet or a title
    ("Niederreiter has four goals. The 26-year-old right wing said").
    """
    people = article.people
    since = people.sentence_start(span.start_char, _FOCUS_SENTENCES)
    found = people.introduced_between(since, span.start_char, outside=article.quote_spans)
    return found[0] if found else None


def _fitting(person: Person | None, titles: frozenset[str]) -> Person | None:
    """The person, unless their known role contradicts the title ("the mayor" is not "Councillor Reyes")."""
    if person is None or (titles and person.role_words and not person.role_words & titles):
        return None
    return person


def _descriptive(span: Span) -> Speaker:
    """An unnamed source keeps its description as its name ("a hospital spokesperson")."""
    text = span.text.rstrip(",;:")
    name = text[0].lower() + text[1:]
    return Speaker(
        name=name,
        kind=SpeakerKind.PERSON,
        resolution=Resolution.DESCRIPTION,
        entity_id=make_entity_id(SpeakerKind.PERSON, name),
    )
