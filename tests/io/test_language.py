"""The cheap English check names the language or script it sees (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.io.language import check_english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister said on Monday that the talks would resume next week, and that both sides "
            "had agreed to keep the details private until then.",
            None,
        ),
        (
            "HALDPORT, March 2 (KPA) - Dockworkers at the Port of Haldport walked off the job on Monday, "
            "halting container traffic, after pay talks with the port authority stalled.",
            None,
        ),
        ("Kirby: No.", None),
        (
            "Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine et que "
            "les deux parties avaient accepté de garder les détails pour elles.",
            "not English: looks like French",
        ),
        (
            "El ministro dijo el lunes que las negociaciones se reanudarían la próxima semana y que "
            "ambas partes habían acordado mantener los detalles en privado hasta entonces.",
            "not English: looks like Spanish",
        ),
        (
            "De minister zei maandag dat de onderhandelingen volgende week worden hervat en dat beide "
            "partijen hebben afgesproken de details tot die tijd niet bekend te maken.",
            "not English: looks like Dutch",
        ),
        (
            "Министр заявил в понедельник, что переговоры возобновятся на следующей неделе.",
            "not English: written in Cyrillic script",
        ),
        ("部长周一表示，谈判将于下周恢复，双方同意在此之前对细节保密。", "not English: written in Chinese/Japanese (CJK) script"),
        ("وقال الوزير يوم الاثنين إن المفاوضات ستستأنف الأسبوع المقبل", "not English: written in Arabic script"),
        (
            "Xq zvb wrtp lmno qrst uvwx yzab cdef ghij klmn opqr stuv wxyz abcd efgh ijkl mnop.",
            "not English: only 0% English function words (expected at least 15%)",
        ),
    ],
    ids=["english", "english-news", "too-short", "french", "spanish", "dutch", "russian", "chinese", "arabic", "gibberish"],
)
def test_language_check_english(text: str, expected: str | None) -> None:
    result = check_english(text)
    if expected is None:
        assert result is None
    else:
        assert result is not None and result.startswith(expected)


def test_language_english_with_foreign_quote_is_english() -> None:
    text = (
        'The mayor said the city would not give up. "Wir schaffen das," she told the crowd in German, '
        "before she repeated in English that the bridge would be rebuilt by the end of the year."
    )
    assert check_english(text) is None


@pytest.mark.shared
def test_language_seed_articles_are_english(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        assert check_english(path.read_text(encoding="utf-8")) is None, path.name


@pytest.mark.shared
def test_language_polnear_dev_is_all_english(shared_dir: Path) -> None:
    from quotegraph.io import read_articles

    path = shared_dir / "corpora" / "polnear" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"evaluation data (../shared) not present: {path} is missing")
    articles, failures = read_articles([path])
    assert [f.message for f in failures] == []
    assert len(articles) == 84
