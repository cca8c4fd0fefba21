"""Article views in headless Chromium: the DOM text is the article, quotes are exact, nothing runs."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from quotegraph.views.articles import write_highlights
from quotegraph.model import Article, Quote, QuoteKind, Resolution, Speaker, SpeakerKind, TextSpan

pytestmark = pytest.mark.browser

OUTPUT = Path(__file__).resolve().parents[2] / "output"
HOSTILE = "<img src=x onerror=alert(1)>"

ARTICLE = (
    "Harbour strike enters its second week\r\n\r\n"
    "Dock workers in Haldport stayed out on Monday. \"We will not go back until the cranes are safe,\" "
    "said Mara Olsen, who chairs the Haldport Dockers' Union. She added that talks had \"gone nowhere\".\r\n\r\n"
    "The port authority disagreed. Its spokesman said the cranes passed inspection in March. "
    "\"Every crane is certified,\" the spokesman said. " + HOSTILE + " wrote \"</script><script>window.pwned=1</script>\"."
)


def _span(text: str, part: str, nth: int = 0) -> TextSpan:
    at = -1
    for _ in range(nth + 1):
        at = text.index(part, at + 1)
    return TextSpan.of(text, at, at + len(part))


def sample() -> tuple[Article, list[Quote]]:
    """One article written here: direct, mixed and indirect quotes, pronoun and nominal speakers."""
    t = ARTICLE

    def quote(content: str, kind: QuoteKind, name: str, mention: str, cue: str, how: Resolution,
              org: str, nth: int = 0) -> Quote:  # fmt: skip
        span = _span(t, content)
        speaker = Speaker(name, mention=_span(t, mention, nth), kind=SpeakerKind.PERSON, organisation=org,
                          resolution=how)  # fmt: skip
        around = _span(t, cue)  # the cue word inside a longer, unique context
        verb = next(w for w in ("said", "added", "wrote") if w in around.text)
        at = around.start + around.text.index(verb)
        return Quote("strike", f"strike:{span.start}", span.text, span.start, span.end, kind, speaker,
                     cue=TextSpan.of(t, at, at + len(verb)), source="Haldport Herald", date="2026-03-02")  # fmt: skip

    quotes = [
        quote('"We will not go back until the cranes are safe,"', QuoteKind.DIRECT, "Mara Olsen", "Mara Olsen",
              "said Mara", Resolution.SUBJECT, "Haldport Dockers' Union"),
        quote('that talks had "gone nowhere"', QuoteKind.MIXED, "Mara Olsen", "She", "added", Resolution.COREFERENCE,
              "Haldport Dockers' Union"),
        quote("the cranes passed inspection in March", QuoteKind.INDIRECT, "Tomas Reyes", "Its spokesman",
              "said the", Resolution.NOMINAL, "Port Authority"),
        quote('"Every crane is certified,"', QuoteKind.DIRECT, "Tomas Reyes", "the spokesman", "spokesman said. ",
              Resolution.NOMINAL, "Port Authority"),
        quote('"</script><script>window.pwned=1</script>"', QuoteKind.DIRECT, HOSTILE, HOSTILE, "wrote",
              Resolution.SUBJECT, "Nowhere"),
    ]  # fmt: skip
    article = Article("strike", t, title="Harbour strike enters its second week", source="Haldport Herald",
                      date="2026-03-02", url="https://example.org/strike")  # fmt: skip
    return article, quotes


@pytest.fixture(scope="module")
def driver(chromium):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--proxy-server=127.0.0.1:9", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={tempfile.mkdtemp(prefix='qg-chrome-')}",
                "--window-size=1200,900"):  # fmt: skip
        options.add_argument(arg)
    session = webdriver.Chrome(service=Service(executable_path=chromium[1]), options=options)
    yield session
    session.quit()


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> tuple[Article, list[Quote], list[Path]]:
    article, quotes = sample()
    return article, quotes, write_highlights([article], quotes, tmp_path_factory.mktemp("views"))


def test_highlight_page_text_and_quotes_are_exact(driver, views):
    article, quotes, paths = views
    driver.get(paths[0].as_uri())
    body = driver.execute_script("return document.querySelector('.qg-text').textContent")
    assert body == article.text  # CR LF and all
    shown = driver.execute_script(
        "var out = {}; document.querySelectorAll('[data-q]').forEach(function (m) {"
        "  out[m.dataset.q] = (out[m.dataset.q] || '') + m.textContent; }); return out;"
    )
    ordered = sorted(quotes, key=lambda q: (q.start, q.end))
    assert shown == {str(i): q.text for i, q in enumerate(ordered)}


def test_highlight_page_labels_speakers_and_resolutions(driver, views):
    _, _, paths = views
    driver.get(paths[0].as_uri())
    labels = driver.execute_script(
        "return Array.from(document.querySelectorAll('mark[data-speaker]'))"
        ".map(m => getComputedStyle(m, '::before').content)"
    )
    assert labels[:2] == ['"Mara Olsen"', '"Mara Olsen"'] and '"Tomas Reyes"' in labels
    arrows = driver.execute_script(
        "return Array.from(document.querySelectorAll('.qg-text .qg-mention[data-resolved]'))"
        ".map(m => m.textContent + ' ' + getComputedStyle(m, '::after').content)"
    )
    assert arrows == ['She "→ Mara Olsen"', 'Its spokesman "→ Tomas Reyes"', 'the spokesman "→ Tomas Reyes"']
    titles = driver.execute_script("return Array.from(document.querySelectorAll('mark[id]')).map(m => m.title)")
    assert "Mixed quote · Mara Olsen" in titles[1] and "coreference" in titles[1]
    OUTPUT.mkdir(exist_ok=True)
    driver.save_screenshot(str(OUTPUT / "highlight.png"))


def test_highlight_page_hostile_text_stays_text(driver, views):
    from selenium.common.exceptions import NoAlertPresentException

    _, _, paths = views
    driver.get(paths[0].as_uri())
    assert driver.execute_script("return typeof window.pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img, script').length") == 0
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text


def test_highlight_page_index_links_to_articles(driver, views):
    from selenium.webdriver.common.by import By

    _, _, paths = views
    driver.get(paths[-1].as_uri())
    row = driver.find_element(By.CSS_SELECTOR, "tbody tr").text
    assert "Harbour strike" in row and "Mara Olsen (2)" in row and "5" in row
    driver.find_element(By.LINK_TEXT, "Harbour strike enters its second week").click()
    assert driver.current_url == paths[0].as_uri()


@pytest.mark.model
def test_highlight_page_demo_corpus(nlp, examples_dir, driver, tmp_path):
    """Every bundled article in the browser: the DOM text is the article and each quote is exact."""
    from quotegraph.api import QuoteGraph
    from quotegraph.config import PipelineConfig
    from quotegraph.io import read_articles
    from quotegraph.nlp.pipeline import extract_quotes

    articles, _ = read_articles(examples_dir)
    found = [q for a in articles for q in extract_quotes(nlp(a.text), a, config=PipelineConfig())]
    quotes = QuoteGraph.linked(found).quote_list
    paths = write_highlights(articles, quotes, tmp_path / "views")
    for article, path in zip(articles, paths):
        driver.get(path.as_uri())
        assert driver.execute_script("return document.querySelector('.qg-text').textContent") == article.text
        shown = driver.execute_script(
            "var out = {}; document.querySelectorAll('[data-q]').forEach(function (m) {"
            "  out[m.dataset.q] = (out[m.dataset.q] || '') + m.textContent; }); return out;"
        )
        ordered = sorted((q for q in quotes if q.doc_id == article.doc_id), key=lambda q: (q.start, q.end))
        assert shown == {str(i): article.text[q.start : q.end] for i, q in enumerate(ordered)}
    resolved = (Resolution.COREFERENCE, Resolution.NOMINAL)
    busiest = max(articles, key=lambda a: (
        sum(q.doc_id == a.doc_id and q.speaker.resolution in resolved for q in quotes),
        sum(q.doc_id == a.doc_id for q in quotes),
    ))  # the README picture: an article with "He → name" mentions
    driver.get(paths[articles.index(busiest)].as_uri())
    OUTPUT.mkdir(exist_ok=True)
    driver.save_screenshot(str(OUTPUT / "highlight.png"))
