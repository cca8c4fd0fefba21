"""Extraction never raises on messy text, and every offset slices the text as read."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotegraph.config import PipelineConfig
from quotegraph.engine import Extractor
from quotegraph.model import Article

# Quote marks of every kind, apostrophes, odd whitespace and zero-width characters,
# mixed into fragments of news prose so the parser finds cues and subjects.
MARKS = ['"', "“", "”", "‘", "’", "'", "''", "«", "»", "„", "‹", "›"]
NOISE = ["\u00a0", "\u200b", "\ufeff", "\r\n", "\n\n", "\t", " — ", "é", "Ж", "😀"]
WORDS = [
    "said", "told reporters", "Kirby", "the official", "he", "she added that", "according to",
    "Ruiz", "the minister", "warned", "that", "the port", "is closed", "we will", ".", ",", ":",
]
fragments = st.lists(st.sampled_from(MARKS + NOISE + WORDS), max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def extractor(nlp):
    return Extractor(PipelineConfig(workers=1))


@pytest.mark.model
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=fragments)
def test_properties_extraction_never_raises_and_offsets_slice(extractor, text):
    (result,) = extractor.process([Article("prop", text)])
    assert result.error is None, result.error
    for quote in result.quotes:
        quote.check(text)
        assert quote.text.strip()


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        '"This quote never closes, said the mayor.',
        'He said “nested "quotes" inside” it.',
        '"' + "The whole article is one quote. " * 50 + '"',
        "”Backwards marks,“ she said.",
        '" " " " " "',
        "\ufeff\u200b“Zero width\u00a0spaces,”\u200b\r\nMayor Ana Ruiz said.\r\n",
    ],
    ids=["unclosed", "nested", "whole-article", "backwards", "only-marks", "bom-zero-width-crlf"],
)
def test_properties_messy_layouts_never_raise(extractor, text):
    (result,) = extractor.process([Article("messy", text)])
    assert result.error is None, result.error
    for quote in result.quotes:
        quote.check(text)
