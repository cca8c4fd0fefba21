"""Role and organisation of a speaker mention: pure functions over the parse.

A mention is described by what sits around it: a premodifier ("White House
official John Kirby"), an apposition ("X, the spokesperson for Y,") or a
relative clause ("X, who is the head of Wagner,"). Nothing here keeps state:
`quotegraph.nlp.people` merges the descriptions of one person's mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from quotegraph.model import SpeakerKind
from quotegraph.lexicon import load_lexicon
from quotegraph.nlp.names import NameLexicons, clean_name, strip_determiner, strip_possessive

__all__ = ["Description", "MentionLexicons", "describe", "mention_kind", "name_kind", "name_parts", "token_text"]

KIND_OF_LABEL = {
    "PERSON": SpeakerKind.PERSON,
    "ORG": SpeakerKind.ORGANISATION,
    "GPE": SpeakerKind.PLACE,
    "LOC": SpeakerKind.PLACE,
    "FAC": SpeakerKind.PLACE,
    "NORP": SpeakerKind.GROUP,
}
_ORG_PREPS = frozenset({"for", "of", "at", "with", "from", "in"})
_SKIP_DEPS = frozenset({"det", "poss", "case", "punct", "predet"})


class MentionLexicons:
    """Word lists for one language: names (spaCy-free) plus nominal and organisation heads."""

    def __init__(self, lang: str) -> None:
        self.names = NameLexicons.load(lang)
        self.nominal_heads = _compatibility(load_lexicon("nominal_heads", lang))
        self.organisation_nouns = load_lexicon("organisation_nouns", lang)
        self.first_names = self.names.male_names | self.names.female_names
        self.place_nouns = frozenset(w.lower() for w in load_lexicon("place_nouns", lang))
        self.body_referents = load_lexicon("body_referents", lang)
        self.outlets = frozenset(w.lower() for w in load_lexicon("news_outlets", lang))
        self.document_nouns = load_lexicon("document_nouns", lang)
        self.authoring_verbs = load_lexicon("authoring_verbs", lang)
        self.role_organisations = {
            k.strip().lower(): v.strip()
            for k, _, v in (e.partition("=") for e in load_lexicon("role_organisations", lang))
        }

    @staticmethod
    @lru_cache(maxsize=None)
    def load(lang: str) -> MentionLexicons:
        return MentionLexicons(lang)

    def is_outlet(self, name: str) -> bool:
        """"CBC", "CBC Sports", "The Canadian Press": a news outlet or agency, or one of its desks."""
        words = strip_determiner(name).lower().split()
        return any(" ".join(words[:size]) in self.outlets for size in range(1, len(words) + 1))

    def pronoun(self, word: str) -> tuple[str, str, str]:
        return self.names.pronoun(word) or ("any", "any", "3")


@dataclass(frozen=True, slots=True)
class Description:
    """What one mention says about its person: a role, titles kept as a role, an organisation."""

    role: str | None = None
    titles: str | None = None
    organisation: str | None = None


def mention_kind(span: Span, lexicons: MentionLexicons) -> str:
    """"pronoun", "nominal" (a common-noun person) or "name" (names, bodies, places)."""
    root = span.root
    if len(span) == 1 and lexicons.names.pronoun(root.text) is not None:
        if root.pos_ == "PRON" or not root.text.isupper():
            return "pronoun"  # "US" the country is no pronoun
    if root.lower_ == "old" and "year-old" in span.text.lower():
        return "nominal"  # "The 26-year-old": a person, by their age
    if root.pos_ == "PROPN" or root.ent_type_ in KIND_OF_LABEL:
        return "name"
    lemma = root.lemma_.lower()
    if lemma in lexicons.organisation_nouns or root.tag_ in ("NNS", "NNPS") or root.pos_ != "NOUN":
        return "name"
    return "nominal"


def name_kind(span: Span, lexicons: MentionLexicons) -> SpeakerKind:
    """Person, organisation, place or group, from the head noun and the entity label."""
    root = span.root
    lemma = root.lemma_.lower()
    if lemma in lexicons.organisation_nouns:
        return SpeakerKind.ORGANISATION
    # Only the words up to the head: "researchers at Valmont University" are not the university.
    label = root.ent_type_ or next((t.ent_type_ for t in span if t.ent_type_ and t.i < root.i), "")
    if label == "PERSON" and not root.ent_type_ and root.tag_ == "NNS":
        return SpeakerKind.GROUP  # "Brexit backers": people described by a name, not a person
    if label in KIND_OF_LABEL:
        return KIND_OF_LABEL[label]
    if root.pos_ == "PROPN":
        return SpeakerKind.PERSON
    if root.tag_ in ("NNS", "NNPS"):
        return SpeakerKind.GROUP
    return SpeakerKind.PERSON


def name_parts(span: Span, lexicons: MentionLexicons) -> tuple[str, str]:
    """``(titles, name)`` of a person mention: "Col. Gen. Oleksandr Syrskyi's" → ("Col. Gen.", ...)."""
    text = clean_name(strip_possessive(strip_determiner(span.text.strip())))
    return lexicons.names.split_title(text)


def describe(span: Span, titles: str, lexicons: MentionLexicons) -> Description:
    """Role and organisation this mention's context gives (the first found of each wins).

    ``titles`` are the titles `name_parts` took off the mention; worth-keeping
    ones ("Col. Gen.", not "Mr") become ``titles``.
    """
    role_titles = lexicons.names.role_of(titles) if titles else None
    role = organisation = None
    for tokens, head in _descriptors(span):
        found, owner = _role_and_organisation(tokens, head, lexicons)
        if found and lexicons.names.is_title(found) and not role_titles and not role:
            role_titles = lexicons.names.role_of(found)
        elif found and not role:
            role = found
        owner = _proper_tail(owner) if owner else None
        organisation = organisation or owner
    return Description(role, role_titles, organisation)


def token_text(tokens: list[Token]) -> str:
    """Tokens as they read in the text; a gap between them reads as one space."""
    pieces = []
    for token, following in zip(tokens, [*tokens[1:], None]):
        pieces.append(token.text)
        if following is not None:
            pieces.append(token.whitespace_ if following.i == token.i + 1 else " ")
    return "".join(pieces).strip()


def _compatibility(entries: frozenset[str]) -> dict[str, frozenset[str]]:
    table = {}
    for entry in entries:
        head, _, words = entry.partition("=")
        table[head.strip().lower()] = frozenset(w.lower() for w in words.split())
    return table


def _proper_tail(organisation: str) -> str | None:
    """A body's name without the words describing it ("consumer group Fair Power" → "Fair Power")."""
    words = organisation.split()
    while len(words) > 1 and words[0][:1].islower():
        words.pop(0)
    return " ".join(words) if words and not words[0][:1].islower() else organisation


def _descriptors(span: Span) -> list[tuple[list[Token], Token]]:
    """Apposition, relative clause ("who is the head of Wagner") and premodifier phrases."""
    root = span.root
    found = []
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
            found.append((list(child.subtree), child))
        elif child.dep_ == "relcl" and child.lemma_ == "be":
            attr = next((c for c in child.children if c.dep_ == "attr"), None)
            if attr is not None:
                found.append((list(attr.subtree), attr))
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and head.i < span.start:
        # "Reilly's chief of staff, Anita Kowalski": the name is in apposition to its role.
        found.append(([t for t in head.subtree if t.i < span.start and t.i not in range(root.left_edge.i, span.end)]
                      or [head], head))
    left = [t for t in span.doc[root.left_edge.i : span.start] if t.dep_ not in _SKIP_DEPS]
    if left and left[-1].i == span.start - 1 and left[-1].pos_ in ("NOUN", "PROPN"):
        found.append((left, left[-1]))
    return found


def _role_and_organisation(
    tokens: list[Token], head: Token, lexicons: MentionLexicons
) -> tuple[str | None, str | None]:
    words = [t for t in tokens if t.dep_ not in _SKIP_DEPS or t.i == head.i]
    title = _longest_title(words, lexicons)
    if title is not None:
        first, last = title
        # "White House official", "US Secretary of State": a named body before the title is
        # its organisation; other words before it belong to the title ("Finance Minister").
        before = words[:first]
        owners = [t for t in before if t.ent_type_ in ("ORG", "GPE", "FAC", "NORP")]
        role = token_text([t for t in before if t not in owners] + words[first : last + 1])
        organisation = token_text(owners) if owners else None
        mapped = lexicons.role_organisations.get(role.lower())
        if mapped:
            organisation = f"{organisation} {mapped}" if organisation else mapped
        return role, organisation
    return _common_role(head, words, lexicons)


def _common_role(head: Token, words: list[Token], lexicons: MentionLexicons) -> tuple[str | None, str | None]:
    """"the White House national security spokesperson", "the Ukrainian commander of ground forces"."""
    role_tokens = [head]
    for token in reversed([t for t in words if t.i < head.i]):
        if (
            token.i != role_tokens[0].i - 1
            or _is_proper(token)
            or token.ent_type_ == "NORP"
            or token.pos_ not in ("NOUN", "ADJ")
        ):
            break
        role_tokens.insert(0, token)
    role = token_text(role_tokens) if head.pos_ == "NOUN" else None
    role, organisation = _prepositional(head, role, words)
    if organisation is None:
        organisation = _owner(head, [t for t in words if t.i < role_tokens[0].i and _is_proper(t)], lexicons)
    return role, organisation


def _prepositional(head: Token, role: str | None, words: list[Token]) -> tuple[str | None, str | None]:
    """"spokesperson for Fair Power" names a body; "commander of ground forces" extends the role."""
    allowed = {t.i for t in words}
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in _ORG_PREPS and c.i in allowed):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        phrase = list(objects[0].subtree)
        organisation = None
        if any(_is_proper(t) for t in phrase):
            organisation = strip_determiner(token_text(phrase))
        elif prep.lower_ == "of" and role:
            role = f"{role} of {token_text([t for t in phrase if t.dep_ != 'det'])}"
            nationality = [t for t in words if t.ent_type_ in ("NORP", "GPE") and t.i < head.i]
            if nationality:
                organisation = f"{token_text(nationality)} {token_text([t for t in phrase if t.dep_ != 'det'])}"
        return role, organisation
    return role, None


def _owner(head: Token, proper: list[Token], lexicons: MentionLexicons) -> str | None:
    """A named body before the role, or its possessor: "Wagner's", "the region's" → "Bryansk region"."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and _is_proper(owner):
        # The whole possessor: "the Harbour Authority's" names "Harbour Authority", not "Harbour".
        return strip_possessive(strip_determiner(token_text(list(owner.subtree))))
    if proper:
        return strip_possessive(strip_determiner(token_text(proper)))
    if owner is None:
        return None
    if owner.lemma_.lower() in lexicons.place_nouns and any(c.lower_ == "the" for c in owner.children):
        # "the region's governor": the region is the place named last before it.
        places = [e for e in head.doc.ents if e.label_ == "GPE" and e.end <= owner.i]
        if len(places) > 1 and places[-2].end + 1 == places[-1].start and head.doc[places[-2].end].text == ",":
            places.pop()  # "Bryansk, Russia": the country only locates the city
        if places:
            return f"{places[-1].text} {owner.text}"
    return None


def _longest_title(words: list[Token], lexicons: MentionLexicons) -> tuple[int, int] | None:
    """Token positions of the longest capitalised multi-word title ("Secretary of State")."""
    best = None
    for first in range(len(words)):
        if not words[first].is_title:
            continue
        for last in range(first, min(len(words), first + lexicons.names.max_title_words)):
            text = token_text(words[first : last + 1])
            if lexicons.names.is_title(text) and (best is None or last - first > best[1] - best[0]):
                best = (first, last)
    return best


def _is_proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "GPE", "FAC", "LOC")
