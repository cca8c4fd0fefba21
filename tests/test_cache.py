from __future__ import annotations

from quotegraph.cache import QuoteCache, article_key
from quotegraph.model import Article, Quote, QuoteKind, Speaker

TEXT = '"It is done," she said.'


def _quote(doc_id: str) -> Quote:
    return Quote(doc_id, f"{doc_id}:0-13", TEXT[:13], 0, 13, QuoteKind.DIRECT, Speaker("she"))


def test_cache_hit_after_put(tmp_path):
    article = Article("a", TEXT, source="Wire")
    with QuoteCache(tmp_path / "c.sqlite") as cache:
        cache.put(article, [_quote("a")], model="m")
    with QuoteCache(tmp_path / "c.sqlite") as cache:
        assert cache.get(article, model="m") == [
            Quote("a", "a:0-13", TEXT[:13], 0, 13, QuoteKind.DIRECT, Speaker("she"), source="Wire")
        ]


def test_cache_misses_on_other_model_or_text():
    cache = QuoteCache(":memory:")
    article = Article("a", TEXT)
    cache.put(article, [_quote("a")], model="m")
    assert cache.get(article, model="other") is None
    assert cache.get(Article("a", TEXT + " "), model="m") is None


def test_cache_restamps_a_hit_with_the_asking_article():
    cache = QuoteCache(":memory:")
    cache.put(Article("old", TEXT), [_quote("old")], model="m")
    (hit,) = cache.get(Article("new", TEXT, title="New title", url="https://x.test"), model="m")
    assert (hit.doc_id, hit.quote_id, hit.title, hit.url) == ("new", "new:0-13", "New title", "https://x.test")


def test_cache_key_ignores_metadata():
    assert article_key(Article("a", TEXT, title="x"), model="m") == article_key(Article("b", TEXT), model="m")
