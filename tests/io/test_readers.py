"""Every reader kind turns real files into `Article` or `InputFailure` (issue 9)."""

from __future__ import annotations

import gzip
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from quotegraph.io import InputFailure, iter_articles, read_articles
from quotegraph.model import Article

ENGLISH = (
    "White House official John Kirby told reporters on Monday that Russia had exhausted its "
    "stockpiles, and he said that the offensive was a failure for the Kremlin."
)
GERMAN = (
    "Der Sprecher sagte am Montag, dass die Gespräche weitergehen würden und er sei mit dieser "
    "Ansicht nicht allein, weil alle Mitglieder des Ausschusses das auch gesagt hatten."
)


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def _summary(items: list[Article | InputFailure]) -> list[tuple[str, str]]:
    return [
        ("article", item.doc_id) if isinstance(item, Article) else (item.level, item.message)
        for item in items
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Kirby said it failed.", ("Kirby said it failed.", None, None)),
        (
            "---\ntitle: Kirby speaks\nsource: CNN\ndate: May 1, 2023\nurl: https://x.org/a\n---\nKirby said it failed.",
            ("Kirby said it failed.", "Kirby speaks", "2023-05-01"),
        ),
        (
            "---\r\ntitle: 'Quoted title'\r\n# a comment\r\n\r\ndate: 2023-05-01\r\n---\r\n\r\nKirby said.\r\n",
            ("\r\nKirby said.\r\n", "Quoted title", "2023-05-01"),
        ),
        ("---\nnot front matter\n---\nKirby said.", ("---\nnot front matter\n---\nKirby said.", None, None)),
        ("---\ntitle: never closed\nKirby said.", ("---\ntitle: never closed\nKirby said.", None, None)),
        ("Kirby said.\n---\ntitle: x\n---\n", ("Kirby said.\n---\ntitle: x\n---\n", None, None)),
    ],
    ids=["plain", "front-matter", "crlf-front-matter", "rule-not-meta", "unclosed", "not-at-top"],
)
def test_readers_text_front_matter(tmp_path: Path, content: str, expected: tuple[str, str | None, str | None]) -> None:
    path = _write(tmp_path / "kirby.txt", content)
    [article] = list(iter_articles([path], check_language=False))
    assert isinstance(article, Article)
    assert (article.text, article.title, article.date) == expected
    assert article.doc_id == "kirby"
    assert article.path == str(path)


@pytest.mark.parametrize(
    ("sidecar_name", "sidecar", "expected"),
    [
        ("a.json", {"title": "From sidecar", "date": "2023-05-01", "source": "WION"}, ("From sidecar", "WION", "2023-05-01")),
        ("a.meta.json", {"Title": "Meta", "publisher": "CNN", "published": "1 May 2023"}, ("Meta", "CNN", "2023-05-01")),
    ],
    ids=["json", "meta-json"],
)
def test_readers_sidecar_metadata(tmp_path: Path, sidecar_name: str, sidecar: dict[str, str], expected: tuple[str, ...]) -> None:
    _write(tmp_path / "a.md", "---\ntitle: Front\nsource: Front source\n---\n# Heading\n\nKirby said.")
    _write(tmp_path / sidecar_name, json.dumps(sidecar))
    items = list(iter_articles([tmp_path], check_language=False))
    # The sidecar is metadata, not an input of its own, and it wins over the front matter.
    [article] = items
    assert isinstance(article, Article)
    assert (article.title, article.source, article.date) == expected
    assert article.text == "# Heading\n\nKirby said."


def test_readers_bad_sidecar_is_a_notice_and_the_article_is_kept(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Kirby said.")
    _write(tmp_path / "a.json", "{not json")
    items = list(iter_articles([tmp_path], check_language=False))
    assert [type(item).__name__ for item in items] == ["InputFailure", "Article"]
    assert items[0].level == "notice" and items[0].path.endswith("a.json")
    assert "not valid JSON" in items[0].message


def test_readers_html_drops_scripts_and_boilerplate(tmp_path: Path) -> None:
    paragraphs = [
        'White House official John Kirby told reporters Monday that Russia has "exhausted its stockpiles".',
        '"It has backfired," he said.',
        "Antony Blinken, the US Secretary of State, said on Tuesday that talks were not on the table.",
    ]
    html = (
        "<!doctype html><html><head><title>Offensive has backfired</title>"
        '<meta property="article:published_time" content="2023-05-01T09:00:00Z">'
        "<script>var secret = 'SCRIPT said \"no\"';</script><style>p{color:red}</style></head><body>"
        "<nav><a href='/'>Home</a><a href='/world'>World</a><a href='/politics'>Politics</a></nav>"
        "<article><h1>Offensive has backfired</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "<script>track('SCRIPT2')</script></article>"
        "<footer><p>© 2023 News Ltd. All rights reserved.</p></footer></body></html>"
    )
    path = _write(tmp_path / "page.html", html)
    [article] = list(iter_articles([path]))
    assert isinstance(article, Article)
    assert article.text == "\n".join(paragraphs)
    assert (article.doc_id, article.title, article.date) == ("page", "Offensive has backfired", "2023-05-01")
    assert "SCRIPT" not in article.text and "Home" not in article.text and "©" not in article.text


def test_readers_html_without_text_fails(tmp_path: Path) -> None:
    path = _write(tmp_path / "blank.htm", "<html><head><script>var x = 1;</script></head><body></body></html>")
    [failure] = list(iter_articles([path]))
    assert isinstance(failure, InputFailure)
    assert failure.message == f"{path}: no article text found in the HTML page"


def test_readers_jsonl_bad_rows_have_line_numbers_and_others_go_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "title": "T", "date": "2023-05-01T10:00:00Z", "publisher": "CNN"}),
        "{broken",
        "",
        json.dumps({"text": 42}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
        json.dumps({"doc_id": 7, "text": ENGLISH, "url": "https://x.org"}),
        json.dumps({"text": ENGLISH}),
        json.dumps({"id": "ws", "text": " \n\t"}),
        json.dumps({"id": ["x"], "text": ENGLISH}),
    ]
    path = _write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    items = list(iter_articles([path]))
    assert _summary(items) == [
        ("article", "a"),
        ("error", f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("error", f"{path}:4: 'text' must be a string, not int"),
        ("error", f"{path}:5: row is a JSON list, not an object"),
        ("error", f"{path}:6: row has no 'text' field (fields: title)"),
        ("article", "7"),
        ("article", "news-8"),
        ("notice", f"{path}:9: only whitespace"),
        ("error", f"{path}:10: 'id' must be a string or an integer, not list"),
    ]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.title, first.source, first.date, first.text) == ("T", "CNN", "2023-05-01", ENGLISH)


def test_readers_jsonl_invalid_utf8_row_is_reported(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": "Kirby said."}).encode()
    path = _write(tmp_path / "mixed.jsonl", good + b"\n" + b'{"id": "b", "text": "caf\xe9"}\n' + good.replace(b'"g"', b'"h"'))
    assert _summary(list(iter_articles([path], check_language=False))) == [
        ("article", "g"),
        ("error", f"{path}:2: not UTF-8 (byte 0xe9 at column 25)"),
        ("article", "h"),
    ]


def test_readers_jsonl_quotes_file_is_refused_once(tmp_path: Path) -> None:
    rows = [{"schema_version": 1, "doc_id": "a", "quote_id": f"a-q{i}", "text": "x"} for i in range(3)]
    path = _write(tmp_path / "quotes.jsonl", "\n".join(json.dumps(r) for r in rows))
    assert _summary(list(iter_articles([path]))) == [
        ("error", f"{path}:1: a quotegraph quotes file (rows have 'quote_id'), not articles"),
    ]


@pytest.mark.shared
def test_readers_gold_format(seeds_gold: Path) -> None:
    articles, failures = read_articles([seeds_gold])
    assert failures == []
    assert [a.doc_id for a in articles] == ["000_b720d96c5c25e296", "001_b807e08d2a733aa1"]
    gold = [json.loads(line) for line in seeds_gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [a.text for a in articles] == [g["text"] for g in gold]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title,id\nx,1\n", [("error", "{path}:1: no 'text' column (columns: title, id)")]),
        ("", [("notice", "{path}: empty file")]),
        ("id,text\n", [("notice", "{path}: no rows")]),
        (
            'ID, Text ,Date\n1,"He said, ""no."" Then\nhe left.",May 1 2023\n2,a,b,c\n\n3,"Fine.",\n4\n',
            [
                ("article", "1"),
                ("error", "{path}:4: row has 4 fields, the header has 3"),
                ("article", "3"),
                ("error", "{path}:7: row has 1 field, the header has 3"),
            ],
        ),
    ],
    ids=["no-text-column", "empty", "header-only", "rows"],
)
def test_readers_csv(tmp_path: Path, content: str, expected: list[tuple[str, str]]) -> None:
    path = _write(tmp_path / "news.csv", content)
    items = list(iter_articles([path], check_language=False))
    assert _summary(items) == [(kind, text.format(path=path)) for kind, text in expected]
    if items and isinstance(items[0], Article):
        assert items[0].text == 'He said, "no." Then\nhe left.'
        assert items[0].date == "2023-05-01"


def test_readers_csv_cp1252_and_tsv(tmp_path: Path) -> None:
    csv_path = _write(tmp_path / "legacy.csv", 'id,text\nq,"\u201cYes,\u201d she said."\n'.encode("cp1252"))
    tsv_path = _write(tmp_path / "rows.tsv", "id\ttext\nt\tHe said, firmly, no.\n")
    items = list(iter_articles([csv_path, tsv_path], check_language=False))
    assert [(a.doc_id, a.text) for a in items if isinstance(a, Article)] == [
        ("q", "\u201cYes,\u201d she said."),
        ("t", "He said, firmly, no."),
    ]


def test_readers_csv_long_field(tmp_path: Path) -> None:
    text = ENGLISH * 2000  # far over the csv module's default 128 KiB field limit
    path = _write(tmp_path / "long.csv", f'id,text\nlong,"{text}"\n')
    [article] = list(iter_articles([path]))
    assert isinstance(article, Article) and article.text == text


@pytest.mark.parametrize(
    ("stdin", "stdin_format", "expected"),
    [
        (f"---\ntitle: T\n---\n{ENGLISH}", None, [("stdin", ENGLISH, "T")]),
        (json.dumps({"id": "a", "text": ENGLISH}) + "\n{bad\n" + json.dumps({"text": ENGLISH}), None,
         [("a", ENGLISH, None), ("error", "<stdin>:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)", None), ("stdin-3", ENGLISH, None)]),
        (f"<html><body><p>{ENGLISH}</p><script>x()</script></body></html>", None, [("stdin", ENGLISH, None)]),
        (f'id,text\nc,"{ENGLISH}"\n', "csv", [("c", ENGLISH, None)]),
        ("", None, [("notice", "<stdin>: empty input", None)]),
    ],
    ids=["text", "jsonl", "html", "csv", "empty"],
)
def test_readers_stdin(
    monkeypatch: pytest.MonkeyPatch, stdin: str, stdin_format: str | None, expected: list[tuple[str, str, str | None]]
) -> None:
    for stream in (io.StringIO(stdin), io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")):
        monkeypatch.setattr(sys, "stdin", stream)
        items = list(iter_articles(["-"], stdin_format=stdin_format))
        got = [
            (i.doc_id, i.text, i.title) if isinstance(i, Article) else (i.level, i.message, None) for i in items
        ]
        assert got == expected


def test_readers_stdin_bytes_keep_crlf_and_strip_bom(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = "\ufeffKirby said:\r\n\u201cNo.\u201d\r\n".encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    [article] = list(iter_articles("-", check_language=False))
    assert isinstance(article, Article)
    assert article.text == "Kirby said:\r\n\u201cNo.\u201d\r\n"


def test_readers_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    _write(tmp_path / "b" / "x.txt", "Second x.")
    _write(tmp_path / "a" / "x.txt", "First x.")
    _write(tmp_path / "c.txt", "C.")
    _write(tmp_path / ".hidden.txt", "Hidden.")
    _write(tmp_path / ".git" / "y.txt", "Hidden folder.")
    _write(tmp_path / "notes.pdf", "%PDF")
    items = list(iter_articles([tmp_path], check_language=False))
    assert _summary(items) == [
        ("article", "x"),
        ("article", "b/x"),
        ("article", "c"),
        ("notice", f"{tmp_path / 'notes.pdf'}: unsupported file type '.pdf' (expected .txt, .md, .markdown, .html, .htm, .jsonl, .ndjson, .csv, .tsv, optionally .gz)"),
    ]
    assert [a.text for a in items if isinstance(a, Article)] == ["First x.", "Second x.", "C."]


def test_readers_duplicate_doc_ids_are_deterministic(tmp_path: Path) -> None:
    _write(tmp_path / "one" / "a.txt", "One.")
    _write(tmp_path / "two" / "a.txt", "Two.")
    rows = [{"id": "a", "text": "Row one."}, {"id": "a", "text": "Row two."}, {"id": "a", "text": "Row three."}]
    _write(tmp_path / "rows.jsonl", "\n".join(json.dumps(r) for r in rows))
    inputs = [tmp_path / "one" / "a.txt", tmp_path / "two" / "a.txt", tmp_path / "rows.jsonl", tmp_path / "one" / "a.txt"]
    first = [a.doc_id for a in iter_articles(inputs, check_language=False) if isinstance(a, Article)]
    again = [a.doc_id for a in iter_articles(inputs, check_language=False) if isinstance(a, Article)]
    two = (tmp_path / "two" / "a").as_posix().lstrip("./")
    one = (tmp_path / "one" / "a").as_posix().lstrip("./")
    assert first == again == ["a", two, "rows/a", "rows/a-2", "rows/a-3", one]
    assert len(set(first)) == len(first)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing.txt", "error: {path}: no such file or directory"),
        ("data.xml", "error: {path}: unsupported file type '.xml' (expected .txt, .md, .markdown, .html, .htm, .jsonl, .ndjson, .csv, .tsv, optionally .gz)"),
        ("empty.txt", "notice: {path}: empty file"),
        ("ws.md", "notice: {path}: only whitespace"),
        ("dots.txt", "notice: {path}: no words (only punctuation or invisible characters)"),
        ("meta-only.txt", "notice: {path}: no text"),
        ("german.txt", "error: {path}: not English: looks like German (33% German function words, 4% English)"),
        ("emptydir", "notice: {path}: directory has no files to read"),
    ],
    ids=["missing", "unknown-extension", "empty", "whitespace", "no-words", "front-matter-only", "german", "empty-dir"],
)
def test_readers_failures_name_the_file(tmp_path: Path, name: str, expected: str) -> None:
    contents = {
        "data.xml": "<x/>", "empty.txt": "", "ws.md": " \r\n\u00a0\t\n", "dots.txt": "... \u200b\u200b !",
        "meta-only.txt": "---\ntitle: x\n---\n", "german.txt": GERMAN,
    }  # fmt: skip
    path = tmp_path / name
    if name in contents:
        _write(path, contents[name])
    elif name == "emptydir":
        path.mkdir()
    [failure] = list(iter_articles([path]))
    assert isinstance(failure, InputFailure)
    assert f"{failure.level}: {failure.message}" == expected.format(path=path)


def test_readers_language_check_can_be_turned_off(tmp_path: Path) -> None:
    path = _write(tmp_path / "de.txt", GERMAN)
    [article] = list(iter_articles([path], check_language=False))
    assert isinstance(article, Article) and article.text == GERMAN


def test_readers_unparseable_date_is_left_out(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _write(tmp_path / "a.txt", "---\ndate: sometime in spring\n---\nKirby said.")
    [article] = list(iter_articles([path], check_language=False))
    assert isinstance(article, Article) and article.date is None
    assert "sometime in spring" in caplog.text


def test_readers_are_lazy(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "A said.")
    pulled: list[str] = []

    def inputs():
        for name in ("a.txt", "never.txt"):
            pulled.append(name)
            yield tmp_path / name

    iterator = iter_articles(inputs(), check_language=False)
    assert pulled == []
    first = next(iterator)
    assert isinstance(first, Article) and pulled == ["a.txt"]


def test_readers_single_path_is_not_iterated_as_characters(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "A said.")
    assert [a.doc_id for a in iter_articles(str(path), check_language=False)] == ["a"]


def test_readers_unreadable_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "secret.txt", "Kirby said.")
    _write(tmp_path / "fine.txt", "Kirby said.")
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":  # root ignores chmod, so deny the read here
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert _summary(list(iter_articles([tmp_path], check_language=False))) == [
        ("article", "fine"),
        ("error", f"{path}: cannot read file (Permission denied)"),
    ]


def test_readers_gzip(tmp_path: Path) -> None:
    rows = "\n".join(json.dumps({"id": f"g{i}", "text": ENGLISH}) for i in range(3))
    _write(tmp_path / "rows.jsonl.gz", gzip.compress(rows.encode()))
    _write(tmp_path / "one.txt.gz", gzip.compress(f"---\ntitle: Zipped\n---\n{ENGLISH}".encode()))
    _write(tmp_path / "one.json", json.dumps({"source": "Sidecar"}))
    _write(tmp_path / "table.csv.gz", gzip.compress(f'id,text\nc,"{ENGLISH}"\n'.encode("cp1252")))
    broken = _write(tmp_path / "truncated.jsonl.gz", gzip.compress(rows.encode())[:-12])
    items = list(iter_articles([tmp_path]))
    assert [(a.doc_id, a.title, a.source) for a in items if isinstance(a, Article)] == [
        ("one", "Zipped", "Sidecar"), ("g0", None, None), ("g1", None, None), ("g2", None, None), ("c", None, None),
    ]  # fmt: skip
    assert all(a.text == ENGLISH for a in items if isinstance(a, Article))
    failures = [f for f in items if isinstance(f, InputFailure)]
    assert [f.path for f in failures] == [str(broken)]
    assert failures[0].message.startswith(f"{broken}: cannot read file (")


def test_readers_stdin_csv_legacy_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = f'id,text\nq,"\u201cNo,\u201d {ENGLISH}"\n'.encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    [article] = list(iter_articles(["-"], stdin_format="csv"))
    assert isinstance(article, Article) and article.text == f"\u201cNo,\u201d {ENGLISH}"


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_readers_stream_large_tables_in_flat_memory(tmp_path: Path, suffix: str) -> None:
    rows = 400
    body = ENGLISH * 60  # about 8.6 kB a row, so the file is about 3.5 MB
    path = tmp_path / f"big{suffix}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        if suffix == ".csv":
            handle.write("id,text\n")
        for index in range(rows):
            line = json.dumps({"id": index, "text": body}) if suffix == ".jsonl" else f'{index},"{body}"'
            handle.write(line + "\n")
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_articles([path], check_language=False) if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == rows
    assert peak < path.stat().st_size / 4, f"peak {peak} bytes for a {path.stat().st_size}-byte file"


@pytest.mark.parametrize(
    ("charset", "body", "expected"),
    [
        ("windows-1252", f"<p>\u201cNo,\u201d {ENGLISH}</p>", ("article", f"\u201cNo,\u201d {ENGLISH}")),
        (
            "windows-1251",
            "<p>Министр заявил в понедельник, что переговоры возобновятся на следующей неделе в Женеве.</p>",
            ("error", "not English: written in Cyrillic script (100% of letters)"),
        ),
    ],
    ids=["cp1252-english", "cp1251-russian"],
)
def test_readers_html_declared_charset(tmp_path: Path, charset: str, body: str, expected: tuple[str, str]) -> None:
    page = f'<html><head><meta charset="{charset}"><title>T</title></head><body>{body}</body></html>'
    path = _write(tmp_path / "page.html", page.encode(charset))
    [item] = list(iter_articles([path]))
    got = ("article", item.text) if isinstance(item, Article) else (item.level, item.reason)
    assert got == expected


def test_readers_mixed_batch_names_each_bad_file_once(tmp_path: Path) -> None:
    good = {
        "good.txt": ENGLISH,
        "crlf.txt": ENGLISH.replace(", ", ",\r\n") + "\r\n",
        "bom.md": "\ufeff" + ENGLISH,
        "smart.txt": "\u201cIt\u2019s\u00a0over,\u201d\u200b " + ENGLISH,
        "nested.txt": "He said: \u201cShe told me \u2018never\u2019, and \"then\" left." + ENGLISH,
        "unclosed.txt": "\u00ab" + ENGLISH + ' "and it never closes',
    }
    bad = {
        "empty.txt": b"",
        "spaces.txt": b" \n\t\r\n",
        "junk.txt": bytes(range(256)) * 4,
        "german.txt": GERMAN.encode(),
        "undecodable.txt": bytes(range(0x80, 0x100)) * 8,
        "scripts.html": b"<html><script>var said = 'x';</script></html>",
        "sheet.xlsx": b"PK\x03\x04",
    }
    for name, text in good.items():
        _write(tmp_path / name, text.encode("utf-8"))
    for name, data in bad.items():
        _write(tmp_path / name, data)
    _write(tmp_path / "rows.jsonl", json.dumps({"id": "r1", "text": ENGLISH}) + "\n{oops\n")
    items = list(iter_articles([tmp_path]))
    articles = {a.doc_id: a.text for a in items if isinstance(a, Article)}
    expected = {Path(n).stem: t.removeprefix("\ufeff") for n, t in good.items()} | {"r1": ENGLISH}
    assert articles == expected
    named = sorted(Path(f.path).name for f in items if isinstance(f, InputFailure))
    assert named == sorted([*bad, "rows.jsonl"])


def test_readers_exclude_skips_the_output_folder(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "A said.")
    _write(tmp_path / "output" / "quotes.jsonl", '{"quote_id": "q", "text": "x"}\n')
    _write(tmp_path / "output" / "graph.html", "<html><body><p>Graph of A.</p></body></html>")
    _write(tmp_path / "b.txt", "B said.")
    items = list(iter_articles([tmp_path], check_language=False, exclude=[tmp_path / "output"]))
    assert _summary(items) == [("article", "a"), ("article", "b")]


def test_readers_errors_file_is_refused_once(tmp_path: Path) -> None:
    rows = [{"schema_version": 1, "path": f"x{i}.txt", "line": None, "level": "error", "reason": "r"} for i in range(3)]
    path = _write(tmp_path / "errors.jsonl", "\n".join(json.dumps(r) for r in rows))
    assert _summary(list(iter_articles([path]))) == [
        ("error", f"{path}:1: a quotegraph output file (rows have 'schema_version' but no 'text'), not articles"),
    ]


def test_readers_missing_stdin_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert [f.message for f in iter_articles(["-"])] == ["<stdin>: there is no standard input to read"]
