from __future__ import annotations

import pytest

from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect


def _summary(nlp, text):
    doc = nlp(text)
    quotes = extract_indirect(doc, direct=list(extract_direct(doc)))
    return [(q.text, [p.text for p in q.parts], q.cue.text if q.cue else None) for q in quotes]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Requests to the province are often rebuffed, he says, and he was upset by the incursion onto city turf.",
         [("Requests to the province are often rebuffed", [], "says")]),
        ("Some groups spread fear about immigration across Canada, he said, though he did not name any groups.",
         [("Some groups spread fear about immigration across Canada", [], "said")]),
        ('"I love you too," he said, eyes welling up with tears.', [('"I love you too,"', [], "said")]),
        ("The plant, she said, will close in June.",
         [("The plant, she said, will close in June", ["The plant", "will close in June"], "said")]),
        ("Prices will rise, he said, and wages will fall.",
         [("Prices will rise, he said, and wages will fall", ["Prices will rise", "and wages will fall"], "said")]),
        ('Doug Purdy, who lost 16 lbs. "and two belt loops" by October, says the program changed his life.',
         [('"and two belt loops"', [], "says"), ("the program changed his life", [], "says")]),
        ('"You should resign," Ortiz told the chief, after he admitted he had not read the audit.',
         [('"You should resign,"', [], "told"),
          ("he had not read the audit", [], "admitted")]),
    ],
    ids=["speaker-again-after-and", "though-tail", "after-tagged-direct-quote", "not-continued-claim",
         "not-coordinated-claim", "not-quote-far-from-cue",
         "not-a-clause-of-its-own"],
)
def test_narration_tail_after_cue_is_not_content(nlp, text, expected):
    assert _summary(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("In its 2015 ruling, the court suggested a gentler approach, allowing the procedure for adults.", []),
        ("The plant, she said, will close in June.",
         [("The plant, she said, will close in June", ["The plant", "will close in June"], "said")]),
    ],
    ids=["phrase-and-participle", "not-without-a-clause"],
)
def test_narration_cue_between_phrases_reports_nothing(nlp, text, expected):
    assert _summary(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ruiz had been diagnosed with cancer and told she had a year to live.", []),
        ("Ruiz was arrested on Monday and told police she was innocent.", [("she was innocent", [], "told")]),
        ("Ruiz was fined and said she would appeal.", [("she would appeal", [], "said")]),
    ],
    ids=["told-after-passive", "not-told-with-object", "not-a-verb-of-telling"],
)
def test_narration_telling_verb_sharing_a_passive_reports_nothing(nlp, text, expected):
    assert _summary(nlp, text) == expected
