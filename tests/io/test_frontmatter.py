"""Front matter is cut off exactly; the article text is otherwise untouched."""

from __future__ import annotations

import pytest

from quotegraph.io.drafts import metadata_from
from quotegraph.io.frontmatter import split_front_matter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: A\n---\nBody", ({"title": "A"}, "Body")),
        ("---\ntitle: A\n...\nBody", ({"title": "A"}, "Body")),
        ("---\r\ntitle: A\r\n---\r\nBody\r\n", ({"title": "A"}, "Body\r\n")),
        ("---\rtitle: A\r---\rBody", ({"title": "A"}, "Body")),
        ("---\n---\nBody", ({}, "Body")),
        ("---\ntitle: A\n---", ({"title": "A"}, "")),
        ("---  \nurl: https://x.org/a?b=c:d\n---   \nBody", ({"url": "https://x.org/a?b=c:d"}, "Body")),
        ('---\nTitle: "Kirby: it failed"\n---\nBody', ({"title": "Kirby: it failed"}, "Body")),
        ("---\ntitle: A\nthis is prose\n---\nBody", ({}, "---\ntitle: A\nthis is prose\n---\nBody")),
        ("\n---\ntitle: A\n---\nBody", ({}, "\n---\ntitle: A\n---\nBody")),
        ("----\ntitle: A\n----\nBody", ({}, "----\ntitle: A\n----\nBody")),
        ("---\n" + "k: v\n" * 50 + "---\nBody", ({}, "---\n" + "k: v\n" * 50 + "---\nBody")),
    ],
    ids=[
        "basic", "yaml-end-marker", "crlf", "cr", "empty-block", "no-body", "colons-in-value", "quoted-value",
        "prose-is-not-meta", "not-first-line", "four-dashes", "too-long",
    ],  # fmt: skip
)
def test_frontmatter_split(text: str, expected: tuple[dict[str, str], str]) -> None:
    meta, start = split_front_matter(text)
    assert (meta, text[start:]) == expected


def test_frontmatter_metadata_aliases_and_layers() -> None:
    front = {"headline": "H", "outlet": "KPA", "published_at": "2023-05-01", "link": "https://x.org", "author": "A"}
    sidecar = {"Source": "WION", "title": ["not", "a", "scalar"], "date": True}
    assert metadata_from(front, sidecar) == {
        "title": "H",
        "source": "WION",
        "date": "2023-05-01",
        "url": "https://x.org",
    }
