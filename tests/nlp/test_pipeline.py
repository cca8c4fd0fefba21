from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotegraph.config import PipelineConfig
from quotegraph.errors import ModelNotFoundError
from quotegraph.nlp.pipeline import chunk_text, load_pipeline


@pytest.mark.parametrize(
    "text, max_chars, expected",
    [
        ("one\n\ntwo\n\nthree", 8, [(0, "one\n\n"), (5, "two\n\n"), (10, "three")]),
        ("short", 100, [(0, "short")]),
        ("", 10, [(0, "")]),
        ("a b c d", 3, [(0, "a "), (2, "b "), (4, "c d")]),
        ("abcdef", 4, [(0, "abcd"), (4, "ef")]),
    ],
    ids=["paragraphs", "fits", "empty", "words", "no-break"],
)
def test_pipeline_chunk_text(text, max_chars, expected):
    assert list(chunk_text(text, max_chars)) == expected


@given(st.text(alphabet=st.sampled_from("ab \n.\"“”"), max_size=300), st.integers(2, 50))
def test_pipeline_chunk_text_offsets_slice_the_text(text, max_chars):
    chunks = list(chunk_text(text, max_chars))
    assert "".join(chunk for _, chunk in chunks) == text
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
        assert len(chunk) <= max_chars


def test_pipeline_missing_model_is_one_clear_line():
    with pytest.raises(ModelNotFoundError, match="not installed; install it with"):
        load_pipeline("no_such_pipeline_xyz")


@pytest.mark.model
def test_pipeline_long_article_is_chunked_and_offsets_map_back(nlp):
    from quotegraph.api import extract
    from quotegraph.model import Article

    paragraph = 'The mayor spoke at length. "We will rebuild the bridge," Mayor Ana Ruiz said.\n\n'
    text = paragraph * 40
    config = PipelineConfig(workers=1, max_chunk_chars=500, coref=True)
    quotes = list(extract([Article("long", text)], config=config))
    starts = sorted(q.start for q in quotes if q.text.startswith('"We will'))
    assert len(starts) == 40
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
