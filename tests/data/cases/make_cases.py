"""Rebuild ``examples.jsonl`` and ``layouts.jsonl`` from the annotation tables.

The gold files in this folder are generated, never edited by hand: each quote is
written below as the exact words it covers, and every offset is computed with
``str.find`` (the quote, or a unique context holding it, must occur exactly once).
The speaker mention and the cue are the nearest whole-word occurrence of the
given words outside the quoted text, within the paragraph(s) of the quote.

Run ``python tests/data/cases/make_cases.py`` after changing an article or an
annotation, then ``pytest tests/test_cases.py``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Q", "Layout", "build_record", "build_layout_record", "read_article_text", "main"]

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parents[2] / "examples" / "articles"

PERSON, ORG, GROUP, UNKNOWN = "person", "organisation", "group", "unknown"


@dataclass(frozen=True)
class Q:
    """One gold quote, written as the words it covers.

    ``at`` is a unique context holding ``quote`` when the quote's words recur;
    ``parts`` lists the quoted pieces of a split or multi-paragraph quote (each
    found inside the quote, in order).
    """

    quote: str
    type: str
    speaker: str
    mention: str | None
    cue: str | None
    kind: str = PERSON
    at: str | None = None
    parts: tuple[str, ...] = ()
    note: str | None = None
    optional: bool = False


def _D(quote: str, speaker: str, mention: str | None, cue: str | None, **kw: Any) -> Q:
    return Q(quote, "direct", speaker, mention, cue, **kw)


def _I(quote: str, speaker: str, mention: str | None, cue: str | None, **kw: Any) -> Q:
    return Q(quote, "indirect", speaker, mention, cue, **kw)


def _M(quote: str, speaker: str, mention: str | None, cue: str | None, **kw: Any) -> Q:
    return Q(quote, "mixed", speaker, mention, cue, **kw)


def _C(quote: str, speaker: str, **kw: Any) -> Q:
    """A cueless direct quote that continues the previous speaker."""
    kw.setdefault("note", "no cue: continues the previous speaker")
    return Q(quote, "direct", speaker, None, None, **kw)


def _S(org: str | None, role: str | None) -> dict[str, str | None]:
    return {"organisation": org, "role": role}


# Canonical names used across articles.
REYES, LINDQVIST, FELD = "Tomas Reyes", "Mara Lindqvist", "Jonas Feld"
MARSH, OKAFOR, BRANDT = "Helena Marsh", "Daniel Okafor", "Ivo Brandt"
CALLOWAY, VISSER, HADDAD = "Ruth Calloway", "Anneke Visser", "Leila Haddad"
DERWENT, DAHL, SOLBERG = "Paul Derwent", "Agnes Dahl", "Ingrid Solberg"
TWU, HHA, NEA = "Transport Workers' Union", "Haldport Harbour Authority", "National Emergency Agency"
CHAMBER, ERO = "Kestrian Chamber of Commerce", "Energy Regulatory Office"

SPEAKERS = {
    REYES: _S(TWU, "spokesman"),
    LINDQVIST: _S(HHA, "chief executive"),
    FELD: _S("Transport Ministry", "Transport Minister"),
    MARSH: _S("Finance Ministry", "Finance Minister"),
    OKAFOR: _S("Civic Alliance", "opposition leader"),
    BRANDT: _S(NEA, "director"),
    CALLOWAY: _S("Dunmere", "mayor"),
    VISSER: _S("Valmont University", "hydrologist"),
    HADDAD: _S("Fair Power", "director"),
    DERWENT: _S("Corvane Energy", "chief executive"),
    DAHL: _S("National Assembly", "independent member"),
    SOLBERG: _S(ERO, "chair"),
    "Piet Andersen": _S(None, "crane operator"),
    "Jonah Pike": _S(None, "resident"),
    "Selma Osei": _S(None, "bakery owner"),
    "Amara Quist": _S("St Brigid's Hospital", "chief executive"),
    "Pieter Hallam": _S("Valmont", "mayor"),
    "Karl Brenner": _S("Kestrian Farmers' Federation", "president"),
    "Marta Jelen": _S(TWU, "lasher"),
    "Rune Petrov": _S("National Assembly", "independent member"),
    "Gregor Mattis": _S("People's Renewal Party", "candidate"),
    "Hanna Lode": _S(None, "retired teacher"),
}

EXAMPLES: dict[str, list[Q]] = {
    "2026-03-02_haldport-dockers-strike": [
        _D('"We have been patient for eleven months. Patience has not paid a single bill,"',
           REYES, "Tomas Reyes", "said", note="two sentences; said X, apposition with organisation"),
        _I("the union was seeking a 9 percent pay rise over two years and an end to rolling 12-hour shifts",
           REYES, "Reyes", "said"),
        _M('the walkout was "unlawful in spirit, if not in letter"', LINDQVIST, "Mara Lindqvist", "said",
           note="title and organisation before the name"),
        _I("the union to return to the table", LINDQVIST, "Mara Lindqvist", "urged",
           note="a call rather than a report of speech", optional=True),
        _D('"Our offer of 5 percent is the most generous this port has made in a decade,"',
           LINDQVIST, "she", "told", note="pronoun speaker"),
        _C('"Every day the gates stay shut, shipping lines look elsewhere."', LINDQVIST),
        _I("it had arranged for perishable cargo and medical supplies to be cleared by supervisory staff",
           HHA, "the Harbour Authority", "said", kind=ORG, note="in a statement; organisation speaking"),
        _M('that the government would not intervene "at this stage" but was following the dispute closely',
           FELD, "Jonas Feld", "told"),
        _I("that the stoppage would cost the economy about 30 million crowns a day",
           CHAMBER, "The Kestrian Chamber of Commerce", "estimated", kind=ORG),
        _D("\"I've worked these cranes for 22 years and I've never seen management this stubborn,\"",
           "Piet Andersen", "Piet Andersen", "said"),
        _C("\"We'll be here as long as it takes.\"", "Piet Andersen"),
    ],
    # The KPA wire story as the Northern Ledger printed it: shortened, one word cut.
    "2026-03-02_ledger-haldport-dockers-strike": [
        _D('"We have been patient for eleven months. Patience has not paid a single bill,"',
           REYES, "Tomas Reyes", "said", note="wire copy reprinted: same statement as in the KPA story"),
        _I("the union was seeking a 9 percent rise over two years and an end to rolling 12-hour shifts",
           REYES, "Reyes", "said", note="reprint with a light edit (\"pay\" cut)"),
        _M('the walkout was "unlawful in spirit, if not in letter"', LINDQVIST, "Mara Lindqvist", "said",
           note="title and organisation before the name"),
        _I("the union to return to the table", LINDQVIST, "Mara Lindqvist", "urged",
           note="a call rather than a report of speech", optional=True),
        _D('"Our offer of 5 percent is the most generous this port has made in a decade,"',
           LINDQVIST, "she", "told", note="pronoun speaker"),
        _C('"Every day the gates stay shut, shipping lines look elsewhere."', LINDQVIST),
        _M('the government would not intervene "at this stage" but was following the dispute closely',
           FELD, "Jonas Feld", "told"),
        _I("the stoppage would cost the economy about 30 million crowns a day",
           CHAMBER, "The Kestrian Chamber of Commerce", "estimated", kind=ORG),
        _I("two container lines had already diverted vessels north to the smaller port there",
           "shipping agents", "Shipping agents", "told", kind=GROUP, note="the paper's own reporting"),
        _M('the authority expected the stoppage to last "at least a week"', "a harbour official",
           "A harbour official", "said", kind=GROUP, note="unnamed source, reason given"),
    ],
    "2026-03-04_senn-floods-dunmere": [
        _I("The river peaked at 5.8 metres at the Dunmere bridge gauge shortly after 3 a.m.",
           NEA, "the National Emergency Agency", "according to", kind=ORG, note="clause first, then according to"),
        _I("about 1,200 residents spent the night in emergency shelters", NEA, "the agency", "According to",
           kind=ORG),
        _D("“We have not seen the Senn this high since 1987,”", BRANDT, "Ivo Brandt", "said",
           note="curly marks; name, title and organisation between quote and cue"),
        _C("“The next 24 hours are critical.”", BRANDT),
        _I("army engineers were reinforcing the embankment at Millford", BRANDT, "Brandt", "said"),
        _I("that more rain was expected on Thursday", BRANDT, "Brandt", "adding"),
        _M("the town had been “left to fend for itself” for too long", CALLOWAY, "Ruth Calloway", "said"),
        _D("“I have asked for flood barriers on the east bank for six years. Six years,”",
           CALLOWAY, "she", "said", note="pronoun speaker"),
        _C("“Tonight people paid for that delay with their homes.”", CALLOWAY),
        _I("no patient had been harmed and the emergency department remained open",
           "a hospital spokeswoman", "A hospital spokeswoman", "said", note="unnamed, nominal speaker"),
        _I("that flood peaks on the Senn were rising with every decade", VISSER, "Anneke Visser", "warned"),
        _D("“The old defences were designed for a climate we no longer live in,”", VISSER, "Visser", "said",
           note="title and surname: Professor Visser"),
        _C("“Millford was built for the river of 1960.”", VISSER),
        _D("“The water came through the floorboards before the sirens went off,”",
           "Jonah Pike", "Jonah Pike", "said"),
        _I("the sirens sounded almost an hour after the first streets flooded",
           "several residents", "Several residents", "said", kind=GROUP),
        _I("it would investigate", NEA, "the agency", "said", kind=ORG,
           note="the object is fronted: a claim the agency said it would investigate", optional=True),
        _I("people living near the river not to return home until the water falls below 4 metres",
           NEA, "The agency", "asked", kind=ORG, note="a request rather than a report of speech",
           optional=True),
    ],
    "2026-03-05_haldport-talks-collapse": [
        _D('"The authority came to the table with nothing new. They asked us to accept a pay cut in real terms '
           'and to thank them for it.\n\n"Our members will not go back on those terms. The pickets stay, and from '
           'Monday we will extend them to the rail terminal.\n\n"We remain ready to talk, tonight or any night, if '
           'there is a serious offer on the table,"',
           REYES, "Reyes", "said",
           parts=('"The authority came to the table with nothing new. They asked us to accept a pay cut in real '
                  'terms and to thank them for it.',
                  '"Our members will not go back on those terms. The pickets stay, and from Monday we will extend '
                  'them to the rail terminal.',
                  '"We remain ready to talk, tonight or any night, if there is a serious offer on the table,"'),
           note="multi-paragraph quote: each paragraph opens, only the last closes; Mr Reyes"),
        _M('the union had "moved the goalposts" by raising new demands on shift patterns during the session',
           LINDQVIST, "Mara Lindqvist", "said", note="name, then role and organisation in apposition"),
        _D('"We were close, closer than at any point this year," Lindqvist said, "but you cannot negotiate '
           'with people who change the question every hour."',
           LINDQVIST, "Lindqvist", "said",
           parts=('"We were close, closer than at any point this year,"',
                  '"but you cannot negotiate with people who change the question every hour."'),
           note="split quote"),
        _I("23 ships were now waiting offshore and two shipping lines had diverted vessels to the port of Brask, "
           "across the border", HHA, "The Harbour Authority", "said", kind=ORG),
        _M('the government was drafting legislation that would let it order a "cooling-off period" of up to '
           '60 days in strikes at national infrastructure',
           "a senior official at the Transport Ministry", "A senior official at the Transport Ministry", "said",
           note="unnamed source; a quoted term inside the reported clause"),
        _I("any such law would be challenged in the courts", REYES, "Reyes", "said"),
        _D('"They can legislate all they like,"', REYES, "he", "added", note="pronoun speaker"),
        _C('"Workers in this country have a right to strike, and we will defend it."', REYES),
        _I("The dispute has already cost exporters more than 90 million crowns",
           CHAMBER, "the Kestrian Chamber of Commerce", "said", kind=ORG, note="clause first"),
        _I("both sides to go back to talks", "business groups", "Business groups", "urged", kind=GROUP,
           note="a call rather than a report of speech", optional=True),
    ],
    "2026-03-06_marsh-flood-relief": [
        _I("the money would go to households, small businesses and the repair of the Millford embankment",
           MARSH, "Marsh", "said"),
        _D("“Nobody who lost their home this week should have to wait for a form to be processed before they "
           "get help,”", MARSH, "the minister", "said", note="nominal speaker"),
        _C("“The first payments will reach families by the end of the month.”", MARSH),
        _I("that the package would not need new borrowing and would be paid for from an underspend in the defence "
           "budget", MARSH, "Marsh", "insisted", note="Ms Marsh"),
        _M("the sum was “a sticking plaster on a broken dam”", OKAFOR, "Daniel Okafor", "said"),
        _I("that the government had cut flood-defence spending three years in a row", OKAFOR, "Daniel Okafor",
           "adding"),
        _D("“They closed the flood office in Dunmere to save money. Now they want applause for the clean-up,”",
           OKAFOR, "Okafor", "told"),
        _M("it had come “years too late” for the east bank", CALLOWAY, "Ruth Calloway", "said",
           note="Mayor Ruth Calloway"),
        _D("“I am grateful, and I am also angry,” she said, “because every crown of this was foreseeable.”",
           CALLOWAY, "she", "said",
           parts=("“I am grateful, and I am also angry,”", "“because every crown of this was foreseeable.”"),
           note="split quote; pronoun speaker"),
        _I("the level at the Dunmere gauge had fallen to 4.1 metres by Friday afternoon",
           NEA, "The National Emergency Agency", "said", kind=ORG),
        _I("crews would begin pumping out flooded basements on Saturday", BRANDT, "Ivo Brandt", "said"),
        _I("about 2,300 households have already registered for help", "Finance Ministry", "the ministry",
           "According to", kind=ORG),
        _D("“I had insurance for fire, for theft, for everything except the river,”",
           "Selma Osei", "Selma Osei", "said"),
    ],
    "2026-03-09_corvane-price-rise": [
        _I("the Energy Regulatory Office to approve an 18 percent rise in household tariffs from May",
           "Corvane Energy", "Corvane Energy", "asked", kind=ORG,
           note="a request rather than a report of speech", optional=True),
        _I("that the increase reflected higher wholesale gas prices and the cost of repairing flood damage to the "
           "grid in the Senn valley", DERWENT, "Paul Derwent", "said"),
        _D('"We held prices for two years while our costs rose by a third. That cannot go on forever."',
           DERWENT, "Derwent", "said", note="X said: \"...\""),
        _M('the request was "outrageous" at a time when many families in the Senn valley were still drying out '
           'their homes', HADDAD, "Leila Haddad", "said"),
        _D('"Corvane made a profit of 210 million crowns last year,"', HADDAD, "she", "said"),
        _C('"Its shareholders can share the pain before pensioners do."', HADDAD),
        _M('the government would not bring back the price cap it scrapped in 2024, but that targeted help for '
           'low-income households was "on the table"', MARSH, "Helena Marsh", "said"),
        _D('"A government that lets bills rise by a fifth in a flood year has stopped listening."',
           OKAFOR, "Daniel Okafor", "said", note='X said, "..."'),
        _I("that the port's electricity bill would rise by about 4 million crowns a year", LINDQVIST,
           "Mara Lindqvist", "estimated"),
        _D('"Cranes run on electricity, not goodwill,"', LINDQVIST, "Lindqvist", "said", note="Ms Lindqvist"),
        _M('that the strike had already left the port\'s finances "badly bruised"', LINDQVIST, "Lindqvist",
           "adding"),
        _I("it would hold public hearings in Valmont and Haldport before reaching a decision",
           ERO, "the office", "said", kind=ORG, note="in a statement"),
    ],
    "2026-03-10_budget-debate-opens": [
        _D("“This is a budget for a country that has been tested,”", MARSH, "Marsh", "told"),
        _C("“It protects the Senn valley, it protects pensions, and it does not pass our bills to our "
           "children.”", MARSH),
        _D("“an insult”", "unions", "unions", "called", kind=GROUP,
           note="a two-word label", optional=True),
        _D("“balancing the books on the backs of nurses and dockers”", OKAFOR, "Daniel Okafor", "accused"),
        _D("“The minister talks about our children,”", OKAFOR, "he", "said"),
        _C("“Ask the children of the 1,400 port workers on strike what this budget does for them.”", OKAFOR),
        _M("the union would never accept a pay ceiling “written by people who have never worked a night "
           "shift”", REYES, "Reyes", "said"),
        _M("that the flood-defence money was “a start, not a solution”", BRANDT, "Ivo Brandt", "told"),
        _I("The sum would rebuild the Millford embankment but not the barriers Dunmere has requested for "
           "years", BRANDT, "Brandt", "said", note="clause first"),
        _I("the Finance Ministry was confident of winning next Monday’s vote with the support of the "
           "chamber’s two independent members", "a government source", "A government source", "said",
           note="unnamed source"),
        _D("“The door is open. The wallet is not.”", MARSH, "Marsh", "said", note="Ms Marsh ... said only:"),
    ],
    "2026-03-11_st-brigids-review": [
        _I("the plan assumed the river could not rise above 5 metres", "the review", "The review", "says",
           kind=UNKNOWN, note="a document, not a speaker", optional=True),
        _M('staff had performed "heroically" and that no patient had come to harm', "Amara Quist",
           "Amara Quist", "said"),
        _D('"The plan was out of date, and that is on me,"', "Amara Quist", "Quist", "said", note="Dr Quist"),
        _C('"We will have a new one before the next high water, not after it."', "Amara Quist"),
        _I("hospitals were responsible for their own contingency plans, but that the agency would review how "
           "it shares river forecasts with them", BRANDT, "Ivo Brandt", "said"),
        _D('"We sent the warning at 11 p.m.,"', BRANDT, "he", "said"),
        _C('"The hospital got it. What happened after that is what the review is for."', BRANDT),
        _I("it had asked all 31 hospitals in flood-risk areas to confirm their plans by the end of April",
           "a spokesperson for the Ministry of Health", "A spokesperson for the Ministry of Health", "said"),
        _I("Hospitals that miss the deadline will be inspected", "a spokesperson for the Ministry of Health",
           "the spokesperson", "added", note="clause first; nominal speaker"),
        _I("staff carried patients up three flights of stairs when a lift failed",
           "a nurse who was on duty that night", "A nurse who was on duty that night", "said",
           note="unnamed source"),
        _D('"Nobody told us where to take them,"', "a nurse who was on duty that night", "she", "said"),
        _C('"We just went up."', "a nurse who was on duty that night"),
        _M('that the town owed the hospital\'s staff "an enormous debt"', CALLOWAY, "Ruth Calloway", "wrote"),
        _I("moving the hospital's generators from the basement to the roof", "the review", "The review",
           "recommends", kind=UNKNOWN, note="a document, not a speaker", optional=True),
        _I("would cost 12 million crowns", "the review", "it", "estimates", kind=UNKNOWN,
           note="a document's estimate; the subject is the relative 'a project'", optional=True),
    ],
    "2026-03-12_senn-flood-study": [
        _I("Severe floods on the River Senn are likely to become three times more frequent by 2050 unless the "
           "valley's defences are rebuilt", "researchers at Valmont University",
           "researchers at Valmont University", "said", kind=GROUP, note="clause first"),
        _D('"What used to be a once-in-a-century flood is now a once-in-thirty-years flood,"',
           VISSER, "Visser", "told"),
        _C('"By the middle of the century it could be once in ten."', VISSER),
        _I("the Millford embankment, which failed last week, should be replaced rather than repaired, and that "
           "Valmont should set aside farmland upstream where the river could spill safely",
           VISSER, "She", "said", note="pronoun speaker"),
        _I("it would study the recommendations", "Valmont City Council", "Valmont City Council", "said",
           kind=ORG),
        _M('the council had "no appetite" for building on flood meadows', "Pieter Hallam", "Pieter Hallam",
           "said"),
        _D('"We will not sell a single field on the flood plain while I am mayor,"', "Pieter Hallam",
           "Hallam", "said"),
        _I("the findings matched what his staff had seen on the ground over the past decade",
           BRANDT, "Ivo Brandt", "said"),
        _M('that the plan to flood upstream meadows would ruin 4,000 hectares of "some of the best farmland in the '
           'country"', "Kestrian Farmers' Federation", "The Kestrian Farmers' Federation", "claimed", kind=ORG),
        _D('"Farmers are being asked to drown their own fields to keep the city dry,"', "Karl Brenner",
           "Karl Brenner", "said"),
        _I("compensation for farmers was built into the study's cost estimate of 2.4 billion crowns over fifteen "
           "years", VISSER, "Visser", "said"),
        _I("the committee would hold hearings on it in April", DAHL, "Agnes Dahl", "said"),
    ],
    "2026-03-13_haldport-strike-ends": [
        _I("The 11-day strike at the Port of Haldport ended on Friday after members of the Transport Workers’ "
           "Union voted to accept a revised pay offer", TWU, "the union", "said", kind=ORG,
           note="clause first"),
        _I("84 percent of the members who voted backed it", TWU, "the union", "According to", kind=ORG),
        _D("“It is not everything we asked for, but it is a fair deal, and it is a safe deal,”",
           REYES, "Tomas Reyes", "said"),
        _C("“Our members won it by standing on that picket line in the rain.”", REYES),
        _M("she was relieved that the “long and painful” dispute was over", LINDQVIST, "Mara Lindqvist",
           "said"),
        _D("“Nobody wins a strike,”", LINDQVIST, "the chief executive", "said", note="nominal speaker"),
        _C("“Now our job is to win back the shipping lines we lost.”", LINDQVIST),
        _I("that two shipping lines had moved some services to Brask", LINDQVIST, "Lindqvist", "conceded"),
        _I("it could take months to persuade them to return", LINDQVIST, "Lindqvist", "said"),
        _M("the agreement showed that “Kestrian institutions still work” and that emergency legislation would "
           "no longer be needed", FELD, "Jonas Feld", "said"),
        _I("the first container ships would be berthed on Saturday morning", "port officials",
           "Port officials", "said", kind=GROUP),
        _D("“Seven percent after eleven days without pay?”", "Marta Jelen", "Marta Jelen", "said",
           note="a question"),
        _C("“Some of us will be paying for this strike until Christmas.”", "Marta Jelen"),
        _I("a review of how disputes at national infrastructure are settled", CHAMBER,
           "The Kestrian Chamber of Commerce", "called for", kind=ORG,
           note="a call rather than a report of speech", optional=True),
    ],
    "2026-03-16_assembly-passes-budget": [
        _M('the result gave the government "a clear mandate to keep the public finances steady"',
           MARSH, "Helena Marsh", "said"),
        _D('"Today the Assembly chose stability,"', MARSH, "Marsh", "said"),
        _C('"We will now get the flood money moving within days, not months."', MARSH),
        _I("they had secured an additional 150 million crowns for the Senn valley, including a new flood office "
           "in Dunmere", DAHL, "Agnes Dahl", "said"),
        _D('"We did not vote for this budget because we love it,"', DAHL, "Dahl", "said"),
        _C('"We voted for it because Dunmere needs that money now."', DAHL),
        _I("the Civic Alliance would vote against every spending bill that enforced the public-sector pay "
           "ceiling", OKAFOR, "Daniel Okafor", "said"),
        _D('"This budget was bought, not won,"', OKAFOR, "he", "told"),
        _I("that the government had promised the independents projects it had no money to pay for",
           OKAFOR, "Okafor", "claimed"),
        _M('the budget contained "not a single crown" to help households with rising energy bills',
           HADDAD, "Leila Haddad", "said"),
        _M('he had "agonised" over his vote until late on Sunday night', "Rune Petrov", "Rune Petrov",
           "told"),
        _I("the leadership would speak to both this week", "People's Renewal Party officials",
           "party officials", "said", kind=GROUP),
        _I("it would campaign against the pay ceiling in every public-sector workplace", TWU,
           "The Transport Workers' Union", "said", kind=ORG),
    ],
    "2026-03-18_regulator-caps-corvane": [
        _I("Corvane had failed to show that the full 18 percent rise was justified by its costs",
           ERO, "the regulator", "said", kind=ORG, note="in its ruling"),
        _M("the decision balanced “the need for a stable supplier against the need for affordable bills”",
           SOLBERG, "Ingrid Solberg", "said"),
        _I("the company was disappointed and would consider an appeal", DERWENT, "Paul Derwent", "said"),
        _D("“We will study the ruling carefully,\"", DERWENT, "Derwent", "said",
           note="mixed marks: curly opening, straight closing; Mr Derwent"),
        _C("“But let nobody pretend that the cost of repairing the grid has gone away.”", DERWENT),
        _D("“Half of an outrageous increase is still an outrageous increase,”", HADDAD, "Haddad", "said",
           note="Ms Haddad"),
        _I("that the government would pay a one-off energy grant of 300 crowns to 200,000 low-income households this "
           "autumn", MARSH, "Helena Marsh", "told"),
        _D("“We said support would be targeted, and it is,”", MARSH, "she", "said"),
        _D("“pocket change”", OKAFOR, "Daniel Okafor", "dismissed", note="a two-word label", optional=True),
        _I("the Civic Alliance would force a vote on restoring the price cap before the summer recess",
           OKAFOR, "Daniel Okafor", "saying"),
        _I("the office would publish an audit of Corvane’s grid repair costs in the autumn", SOLBERG,
           "Solberg", "said"),
        _I("that a further rise could not be ruled out if wholesale gas prices kept climbing", SOLBERG, "She",
           "warned", note="pronoun speaker"),
    ],
    "2026-03-20_lower-senn-election": [
        _I("the flood has changed the campaign", CALLOWAY, "The Dunmere mayor", "says",
           note="nominal speaker, present tense"),
        _D("“People used to ask me about bus routes and bin collections,”", CALLOWAY, "Calloway", "said"),
        _C("“Now every conversation starts with the water.”", CALLOWAY),
        _M("the government had “delivered more for Dunmere in two weeks than the mayor did in six years.”",
           "Gregor Mattis", "Gregor Mattis", "said"),
        _D("“Gregor will make sure that money is spent on barriers, not on press releases,”", MARSH,
           "the finance minister", "said", note="nominal speaker; named in the sentence before"),
        _M("the election was “a referendum on six years of neglect”", OKAFOR, "Daniel Okafor", "said"),
        _I("both should commit to its recommendations", VISSER, "Anneke Visser", "said",
           note="Professor Anneke Visser"),
        _D("“The river does not vote,”", VISSER, "she", "said"),
        _C("“But it will still be here after the election.”", VISSER),
        _D("“I’ll vote for whoever builds the wall,”", "Hanna Lode", "Hanna Lode", "said"),
        _C("“I don’t care which colour their rosette is.”", "Hanna Lode"),
    ],
}


@dataclass(frozen=True)
class Layout:
    """One tiny article of our own showing one layout or one trap."""

    doc_id: str
    text: str
    quotes: tuple[Q, ...] = ()
    note: str = ""
    speakers: tuple[tuple[str, str | None, str | None], ...] = ()  # (name, organisation, role) stated


LAYOUTS: list[Layout] = [
    Layout("direct_quote_then_name_said",
           '"The pickets stay until the offer improves," Tomas Reyes said on Monday.',
           (_D('"The pickets stay until the offer improves,"', REYES, "Tomas Reyes", "said"),)),
    Layout("direct_curly_said_then_name",
           "“The river has never been this high,” said Ivo Brandt, the agency’s director.",
           (_D("“The river has never been this high,”", BRANDT, "Ivo Brandt", "said"),),
           speakers=((BRANDT, None, "director"),)),
    Layout("direct_name_said_colon",
           'Helena Marsh said: "The door is open. The wallet is not."',
           (_D('"The door is open. The wallet is not."', MARSH, "Helena Marsh", "said"),)),
    Layout("direct_name_said_comma",
           'Daniel Okafor said, "This budget was bought, not won."',
           (_D('"This budget was bought, not won."', OKAFOR, "Daniel Okafor", "said"),)),
    Layout("direct_split_pronoun",
           'Mara Lindqvist left the talks at midnight. "We were close," she said, "but not close enough."',
           (_D('"We were close," she said, "but not close enough."', LINDQVIST, "she", "said",
               parts=('"We were close,"', '"but not close enough."')),)),
    Layout("direct_multi_sentence",
           '"The plan was out of date. That is on me. We will fix it," Dr Amara Quist said.',
           (_D('"The plan was out of date. That is on me. We will fix it,"', "Amara Quist", "Amara Quist",
               "said"),)),
    Layout("direct_multi_paragraph",
           'Tomas Reyes read a statement.\n\n"Our members will not go back on those terms.\n\n'
           '"We remain ready to talk," he said.',
           (_D('"Our members will not go back on those terms.\n\n"We remain ready to talk,"', REYES, "he",
               "said", parts=('"Our members will not go back on those terms.', '"We remain ready to talk,"')),)),
    Layout("direct_cueless_continuation",
           '"Nobody wins a strike," Lindqvist said. "Now we win back the shipping lines."',
           (_D('"Nobody wins a strike,"', "Lindqvist", "Lindqvist", "said"),
            _C('"Now we win back the shipping lines."', "Lindqvist"))),
    Layout("direct_dash_attribution",
           "“Farmers are being asked to drown their own fields.” — Karl Brenner, Kestrian Farmers’ Federation",
           (_D("“Farmers are being asked to drown their own fields.”", "Karl Brenner", "Karl Brenner", "—"),),
           speakers=(("Karl Brenner", "Kestrian Farmers' Federation", None),)),
    Layout("direct_question_said_name",
           '"Seven percent after eleven days without pay?" said Marta Jelen.',
           (_D('"Seven percent after eleven days without pay?"', "Marta Jelen", "Marta Jelen", "said"),)),
    Layout("direct_nested_single_marks",
           '"The sign on the door said ‘closed’, so we went home," said Jonah Pike.',
           (_D('"The sign on the door said ‘closed’, so we went home,"', "Jonah Pike", "Jonah Pike", "said"),)),
    Layout("direct_guillemets",
           "Reyes said: «We will not go back on those terms.»",
           (_D("«We will not go back on those terms.»", "Reyes", "Reyes", "said"),)),
    Layout("direct_nyt_double_apostrophes",
           "''We will not go back on those terms,'' Mr. Reyes said.",
           (_D("''We will not go back on those terms,''", "Reyes", "Reyes", "said"),)),
    Layout("direct_mixed_marks",
           '“We will study the ruling carefully," Derwent said.',
           (_D('“We will study the ruling carefully,"', "Derwent", "Derwent", "said"),)),
    Layout("indirect_according_to_first",
           "According to the ministry, 2,300 households have registered for help.",
           (_I("2,300 households have registered for help", "ministry", "the ministry", "According to",
               kind=ORG),)),
    Layout("indirect_according_to_last",
           "The river peaked at 5.8 metres, according to the National Emergency Agency.",
           (_I("The river peaked at 5.8 metres", NEA, "the National Emergency Agency", "according to",
               kind=ORG),)),
    Layout("indirect_said_that",
           "Ivo Brandt said that army engineers were reinforcing the embankment.",
           (_I("that army engineers were reinforcing the embankment", BRANDT, "Ivo Brandt", "said"),)),
    Layout("indirect_said_no_that",
           "Ms Marsh said the package would not need new borrowing.",
           (_I("the package would not need new borrowing", "Marsh", "Marsh", "said"),)),
    Layout("indirect_told_reporters",
           "Jonas Feld told reporters on Tuesday that the government would not intervene.",
           (_I("that the government would not intervene", FELD, "Jonas Feld", "told"),)),
    Layout("indirect_wrote_on_social_media",
           "Ruth Calloway wrote on social media on Friday that the town owed its nurses an enormous debt.",
           (_I("that the town owed its nurses an enormous debt", CALLOWAY, "Ruth Calloway", "wrote"),)),
    Layout("indirect_clause_first",
           "The dispute has cost exporters 90 million crowns, the Chamber of Commerce said.",
           (_I("The dispute has cost exporters 90 million crowns", "Chamber of Commerce", "the Chamber of Commerce", "said",
               kind=ORG),)),
    Layout("indirect_adding_that",
           "Okafor said the sum was too small, adding that flood spending had been cut three years running.",
           (_I("the sum was too small", "Okafor", "Okafor", "said"),
            _I("that flood spending had been cut three years running", "Okafor", "Okafor", "adding"))),
    Layout("indirect_saying_participle",
           "The union rejected the offer, saying it amounted to a pay cut.",
           (_I("it amounted to a pay cut", "union", "The union", "saying", kind=ORG),)),
    Layout("indirect_warned",
           "Anneke Visser warned that severe floods would become more frequent.",
           (_I("that severe floods would become more frequent", VISSER, "Anneke Visser", "warned"),)),
    Layout("indirect_insisted_nominal",
           "Helena Marsh faced the chamber on Tuesday. The minister insisted the budget was fair.",
           (_I("the budget was fair", MARSH, "The minister", "insisted"),)),
    Layout("indirect_claimed_organisation",
           "The Kestrian Farmers' Federation claimed the plan would ruin 4,000 hectares of farmland.",
           (_I("the plan would ruin 4,000 hectares of farmland", "Kestrian Farmers' Federation",
               "The Kestrian Farmers' Federation", "claimed", kind=ORG),)),
    Layout("indirect_estimated",
           "The Chamber of Commerce estimated that the stoppage would cost 30 million crowns a day.",
           (_I("that the stoppage would cost 30 million crowns a day", "Chamber of Commerce", "The Chamber of Commerce",
               "estimated", kind=ORG),)),
    Layout("indirect_in_a_statement",
           "In a statement, the Harbour Authority said perishable cargo would still be cleared.",
           (_I("perishable cargo would still be cleared", "Harbour Authority", "the Harbour Authority", "said", kind=ORG),)),
    Layout("indirect_noun_cue_claim",
           "Okafor's claim that the budget was bought drew jeers from the government benches.",
           (_I("that the budget was bought", "Okafor", "Okafor", "claim"),)),
    Layout("indirect_title_and_organisation",
           "Harbour Authority chief executive Mara Lindqvist said the walkout was unlawful.",
           (_I("the walkout was unlawful", LINDQVIST, "Mara Lindqvist", "said"),),
           speakers=((LINDQVIST, "Harbour Authority", "chief executive"),)),
    Layout("indirect_apposition",
           "Tomas Reyes, a spokesman for the Transport Workers' Union, said the pickets would stay.",
           (_I("the pickets would stay", REYES, "Tomas Reyes", "said"),),
           speakers=((REYES, TWU, "spokesman"),)),
    Layout("indirect_unnamed_source",
           "A senior official who asked not to be named said the government was drafting a law.",
           (_I("the government was drafting a law", "a senior official who asked not to be named",
               "A senior official who asked not to be named", "said"),)),
    Layout("indirect_nominal_spokesperson",
           "The hospital issued a statement. Its spokesperson said no patient had been harmed.",
           (_I("no patient had been harmed", "a spokesperson for the hospital", "Its spokesperson", "said"),)),
    Layout("mixed_quoted_fragment",
           'Lindqvist said the union had "moved the goalposts" during the talks.',
           (_M('the union had "moved the goalposts" during the talks', "Lindqvist", "Lindqvist", "said"),)),
    Layout("direct_pronoun_added",
           'Tomas Reyes spoke outside the gate. "We will defend the right to strike," he added.',
           (_D('"We will defend the right to strike,"', REYES, "he", "added"),)),
    Layout("negative_scare_quotes",
           'The so-called "Haldport model" has been praised by economists for a decade.', (),
           "scare quotes around a term"),
    Layout("negative_quoted_single_word",
           'The word "resilience" appears forty times in the budget.', (), "a quoted single word"),
    Layout("negative_quoted_nickname",
           "Residents have nicknamed the old embankment “the Sieve”.", (), "a quoted name"),
    Layout("negative_report_title",
           'The study, titled "Living With the Senn", runs to 300 pages.', (), "a quoted title"),
    Layout("negative_operation_name",
           "Army engineers joined “Operation Sandbag” on Thursday night.", (), "an operation's name"),
    Layout("negative_apostrophes_straight",
           "Kestria's dockers don't strike often, and the union's last walkout was in the '90s.", (),
           "apostrophes are not quote marks"),
    Layout("negative_apostrophes_curly",
           "Kestria’s dockers don’t strike often; the union’s last walkout was in the ’90s.", (),
           "curly apostrophes are not quote marks"),
    Layout("negative_quoted_tariff_name",
           "Corvane’s “Price Promise” tariff froze bills for 400,000 customers.", (), "a product name"),
]


def build_record(
    doc_id: str, text: str, quotes: list[Q] | tuple[Q, ...], speakers: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The gold record of one article: quotes in text order, plus its named speakers.

    ``speakers`` defaults to the corpus-wide organisation and role of every named
    person quoted in the article.
    """
    rows = sorted((_quote_row(text, q) for q in quotes), key=lambda row: row["quote_span"])
    if speakers is None:
        names = sorted({q.speaker for q in quotes if q.speaker in SPEAKERS}, key=lambda n: text.find(n))
        speakers = {n: SPEAKERS[n] for n in names}
    return {"doc_id": doc_id, "text": text, "quotes": rows, "speakers": speakers}


def build_layout_record(layout: Layout) -> dict[str, Any]:
    """The gold record of one layout case (its note says what the case shows)."""
    record = build_record(layout.doc_id, layout.text, layout.quotes, _layout_speakers(layout))
    if layout.note:
        record["note"] = layout.note
    return record


def _layout_speakers(layout: Layout) -> dict[str, Any]:
    """Named people in a layout, with only the organisation and role its text states."""
    stated = {name: _S(org, role) for name, org, role in layout.speakers}
    for q in layout.quotes:
        if q.kind == PERSON and q.speaker[:1].isupper() and q.speaker not in stated:
            stated[q.speaker] = _S(None, None)
    return stated


def _quote_row(text: str, q: Q) -> dict[str, Any]:
    start = _locate(text, q.quote, q.at)
    end = start + len(q.quote)
    parts = _parts(text, start, end, q.parts or (q.quote,))
    window = _paragraphs(text, start, end)
    mention = _nearest(text, q.mention, parts, window) if q.mention else None
    cue = _nearest(text, q.cue, parts, window) if q.cue else None
    row: dict[str, Any] = {
        "quote_span": [start, end],
        "type": q.type,
        "speaker_name": q.speaker,
        "speaker_span": mention,
        "cue": q.cue,
        "text": text[start:end],
        "quote_parts": parts,
        "cue_span": cue,
        "speaker_kind": q.kind,
    }
    if q.note:
        row["note"] = q.note
    if q.optional:
        row["optional"] = True
    return row


def _locate(text: str, words: str, context: str | None) -> int:
    holder = context or words
    count = text.count(holder)
    if count != 1:
        raise ValueError(f"{holder!r} occurs {count} times, not once")
    if words not in holder:
        raise ValueError(f"{words!r} is not inside its context {holder!r}")
    return text.find(holder) + holder.find(words)


def _parts(text: str, start: int, end: int, pieces: tuple[str, ...]) -> list[list[int]]:
    spans, position = [], start
    for piece in pieces:
        found = text.find(piece, position, end)
        if found < 0:
            raise ValueError(f"part {piece!r} is not inside the quote at {start}")
        spans.append([found, found + len(piece)])
        position = found + len(piece)
    return spans


def _paragraphs(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    return (0 if left < 0 else left + 2, len(text) if right < 0 else right)


def _nearest(text: str, words: str, parts: list[list[int]], window: tuple[int, int]) -> list[int]:
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    found = [
        (m.start(), m.end())
        for m in pattern.finditer(text, *window)
        if not any(a <= m.start() < b for a, b in parts)
    ]
    if not found:
        raise ValueError(f"{words!r} not found near the quote at {parts[0][0]}")
    first, last = parts[0][0], parts[-1][1]
    best = min(found, key=lambda se: min(abs(se[0] - last), abs(first - se[1])))
    return [best[0], best[1]]


def read_article_text(path: Path) -> str:
    """The text after the front matter's closing ``---`` line, as the reader yields it."""
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        raise ValueError(f"{path} has no front matter")
    close = raw.index("\n---\n", 3)
    return raw[close + len("\n---\n"):]


def main() -> None:
    """Write both gold files next to this script."""
    with open(HERE / "examples.jsonl", "w", encoding="utf-8") as out:
        for doc_id, quotes in EXAMPLES.items():
            record = build_record(doc_id, read_article_text(ARTICLES / f"{doc_id}.txt"), quotes)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(HERE / "layouts.jsonl", "w", encoding="utf-8") as out:
        for layout in LAYOUTS:
            out.write(json.dumps(build_layout_record(layout), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
