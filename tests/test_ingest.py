"""Tests for incidents.ingest: formats, metadata, rejects, streaming and folder walking."""

from __future__ import annotations

import datetime
import gzip
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from incidents import ingest
from incidents.errors import InputError
from incidents.ingest import (
    MAX_TEXT_CHARS,
    Article,
    Reject,
    iter_articles,
    read_articles,
    write_rejects,
)

TEXT_A = "Two roadside bombs hit a police convoy in Khost province on Monday, officials said."
TEXT_B = "Clashes were reported near the district centre of Nad Ali in Helmand."
TEXT_C = "A school in Kunduz city reopened after repairs, the education department said."


def jsonl(path: Path, *records: object) -> Path:
    """Write records as JSONL; a str record is written as the raw line."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def collect(paths: object, **kwargs: object) -> tuple[list[Article], list[Reject]]:
    rejects: list[Reject] = []
    articles = list(iter_articles(paths, on_reject=rejects.append, **kwargs))  # type: ignore[arg-type]
    return articles, rejects


def where(rejects: list[Reject]) -> list[tuple[int | None, str | None]]:
    return [(r.line, r.field) for r in rejects]


# --- formats ------------------------------------------------------------------------------------------


def test_jsonl_reads_text_and_metadata(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "news.jsonl",
        {
            "id": "a1",
            "text": TEXT_A,
            "published": "2019-09-16",
            "title": "  Convoy hit  ",
            "url": "https://example.org/a1",
            "outlet": "Example Wire",
            "sources": [{"ignored": True}],
        },
        {"id": 42, "text": TEXT_B, "published": None},
    )
    articles, rejects = collect([path])
    assert rejects == []
    assert articles == [
        Article(
            id="a1",
            text=TEXT_A,
            published=datetime.date(2019, 9, 16),
            title="Convoy hit",
            url="https://example.org/a1",
            outlet="Example Wire",
            source_file=str(path),
            line=1,
        ),
        Article(id="42", text=TEXT_B, published=None, source_file=str(path), line=2),
    ]


def test_csv_reads_quoted_multiline_text_with_start_line(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        "id,text,published,title,outlet,notes\n"
        f"c1,{TEXT_A.replace(',', '')},2019-09-16,Convoy,Wire,x\n"
        'c2,"First line, with comma\n\nThird line says ""nine killed"".",2019-09-17,,,\n'
        f"c3,{TEXT_C.replace(',', '')},,,,\n",
        encoding="utf-8",
    )
    articles, rejects = collect([path])
    assert rejects == []
    assert [(a.id, a.line) for a in articles] == [("c1", 2), ("c2", 3), ("c3", 6)]
    assert articles[0].title == "Convoy"
    assert articles[0].outlet == "Wire"
    assert articles[1].text == 'First line, with comma\n\nThird line says "nine killed".'
    assert articles[1].title is None
    assert articles[1].published == datetime.date(2019, 9, 17)
    assert articles[2].published is None


def test_txt_with_sidecar_and_without(tmp_path: Path) -> None:
    (tmp_path / "kabul.txt").write_text(TEXT_A + "\n", encoding="utf-8")
    (tmp_path / "kabul.json").write_text(
        json.dumps({"id": "wire-7", "published": "2019-09-16", "title": "Convoy", "outlet": "Wire"}),
        encoding="utf-8",
    )
    (tmp_path / "plain.txt").write_text(TEXT_B, encoding="utf-8")
    articles, rejects = collect([tmp_path])
    assert rejects == []
    assert articles == [
        Article(
            id="wire-7",
            text=TEXT_A + "\n",
            published=datetime.date(2019, 9, 16),
            title="Convoy",
            outlet="Wire",
            source_file=str(tmp_path / "kabul.txt"),
            line=None,
        ),
        Article(id="plain", text=TEXT_B, published=None, source_file=str(tmp_path / "plain.txt")),
    ]


def test_gzip_inputs(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": TEXT_A}) + "\n")
    with gzip.open(tmp_path / "b.csv.gz", "wt", encoding="utf-8") as fh:
        fh.write(f"id,text\ng2,{TEXT_C.replace(',', '')}\n")
    articles, rejects = collect([tmp_path / "a.jsonl.gz", tmp_path / "b.csv.gz"])
    assert rejects == []
    assert [(a.id, a.line) for a in articles] == [("g1", 1), ("g2", 2)]


def test_truncated_gzip_keeps_what_was_read_and_rejects_the_rest(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with gzip.open(buffer, "wt", encoding="utf-8") as fh:
        for i in range(50):
            fh.write(json.dumps({"id": i, "text": TEXT_A * 3}) + "\n")
    path = tmp_path / "cut.jsonl.gz"
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - 20])
    articles, rejects = collect([path])
    assert len(rejects) == 1
    assert rejects[0].field is None
    assert "cannot read the rest of the file" in rejects[0].reason
    assert rejects[0].line == len(articles) + 1


def test_stdin_dash_reads_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"id": "s1", "text": TEXT_A}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    articles, rejects = collect(["-"])
    assert rejects == []
    assert [(a.id, a.source_file, a.line) for a in articles] == [("s1", "<stdin>", 1)]


def test_read_articles_accepts_one_path(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "1", "text": TEXT_A}, {"id": "2"})
    articles, rejects = read_articles(path)
    assert [a.id for a in articles] == ["1"]
    assert [str(r) for r in rejects] == [f"{path}:2: field 'text': missing or empty"]


# --- line endings and text ----------------------------------------------------------------------------


def test_crlf_becomes_lf_in_every_format_and_nothing_else_changes(tmp_path: Path) -> None:
    text = "  Line one.\r\nLine  two.\r\n\r\n\tEnd. \r\n"
    expected = "  Line one.\nLine  two.\n\n\tEnd. \n"
    (tmp_path / "a.txt").write_bytes(text.encode())
    (tmp_path / "b.jsonl").write_bytes((json.dumps({"id": "b", "text": text}) + "\r\n").encode())
    (tmp_path / "c.csv").write_bytes(('id,text\r\nc,"' + text + '"\r\n').encode())
    articles, rejects = collect([tmp_path])
    assert rejects == []
    assert [(a.id, a.text) for a in articles] == [("a", expected), ("b", expected), ("c", expected)]


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + TEXT_A.encode())
    (tmp_path / "b.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b", "text": TEXT_B}).encode())
    (tmp_path / "c.csv").write_bytes(b"\xef\xbb\xbfid,text\nc,plain text\n")
    articles, rejects = collect([tmp_path])
    assert rejects == []
    assert [(a.id, a.text) for a in articles] == [("a", TEXT_A), ("b", TEXT_B), ("c", "plain text")]


# --- dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-09-15", datetime.date(2019, 9, 15)),
        ("2019-09-15T10:00:00Z", datetime.date(2019, 9, 15)),
        ("2019-09-15T23:30:00+04:30", datetime.date(2019, 9, 15)),
        ("2019-09-15T01:00:00-08:00", datetime.date(2019, 9, 15)),
        ("2019-09-15T10:00:00.123Z", datetime.date(2019, 9, 15)),
        ("2019-09-15 10:00:00", datetime.date(2019, 9, 15)),
        ("Sun, 15 Sep 2019 23:00:00 -0500", datetime.date(2019, 9, 15)),
        ("15 September 2019", datetime.date(2019, 9, 15)),
        ("15 Sep 2019", datetime.date(2019, 9, 15)),
        ("September 15, 2019", datetime.date(2019, 9, 15)),
        ("Sep 15, 2019", datetime.date(2019, 9, 15)),
        (" 2019/09/15 ", datetime.date(2019, 9, 15)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_published_formats(tmp_path: Path, value: str | None, expected: datetime.date | None) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "1", "text": TEXT_A, "published": value})
    articles, rejects = collect([path])
    assert rejects == []
    assert articles[0].published == expected


@pytest.mark.parametrize("value", ["yesterday", "2019-13-01", "15/09/2019", 20190915, "2019-02-30"])
def test_unparseable_published_is_rejected(tmp_path: Path, value: object) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "1", "text": TEXT_A, "published": value})
    articles, rejects = collect([path])
    assert articles == []
    assert where(rejects) == [(1, "published")]
    assert rejects[0].article_id == "1"


# --- rejects ------------------------------------------------------------------------------------------


def test_jsonl_rejects_name_line_and_field_and_later_lines_survive(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"id": "ok1", "text": TEXT_A},
        '{"id": "x" "text": "no comma"}',  # 2: broken JSON
        "[1, 2]",  # 3: not an object
        {"id": "t", "text": "   \n "},  # 4: blank text
        {"id": "u"},  # 5: no text
        {"text": TEXT_B},  # 6: no id
        {"id": "", "text": TEXT_B},  # 7: empty id
        {"id": True, "text": TEXT_B},  # 8: id of the wrong type
        {"id": "v", "text": ["not", "a", "string"]},  # 9
        {"id": "w", "text": TEXT_B, "title": 5},  # 10
        "",  # 11: blank line, skipped silently
        {"id": "ok2", "text": TEXT_C},  # 12
    )
    articles, rejects = collect([path])
    assert [(a.id, a.line) for a in articles] == [("ok1", 1), ("ok2", 12)]
    assert where(rejects) == [
        (2, None),
        (3, None),
        (4, "text"),
        (5, "text"),
        (6, "id"),
        (7, "id"),
        (8, "id"),
        (9, "text"),
        (10, "title"),
    ]
    assert rejects[0].reason == "invalid JSON: Expecting ',' delimiter at column 12"
    assert str(rejects[0]) == f"{path}:2: invalid JSON: Expecting ',' delimiter at column 12"
    assert rejects[1].reason == "not a JSON object but an array"
    assert str(rejects[2]) == f"{path}:4: field 'text': missing or empty"
    assert [r.article_id for r in rejects] == [None, None, "t", "u", None, None, None, "v", "w"]
    assert all(r.file == str(path) for r in rejects)


def test_undecodable_jsonl_line_rejects_that_line_only(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        json.dumps({"id": "1", "text": TEXT_A}).encode()
        + b"\n"
        + b'{"id": "2", "text": "caf\xe9"}\n'
        + json.dumps({"id": "3", "text": TEXT_C}).encode()
        + b"\n"
    )
    articles, rejects = collect([path])
    assert [a.id for a in articles] == ["1", "3"]
    assert where(rejects) == [(2, None)]
    assert rejects[0].reason == "not valid UTF-8: byte 0xe9 at byte 25 of the line"


def test_lone_surrogate_from_json_escape_is_rejected(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", '{"id": "1", "text": "bad \\ud800 half"}')
    articles, rejects = collect([path])
    assert articles == []
    assert where(rejects) == [(1, "text")]
    assert "U+D800" in rejects[0].reason


def test_undecodable_txt_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"First line.\nSecond \xff line.\n")
    articles, rejects = collect([path])
    assert articles == []
    assert rejects == [
        Reject(
            file=str(path),
            line=2,
            field=None,
            reason="not valid UTF-8: byte 0xff at byte 20; the file was skipped",
            article_id="bad",
        )
    ]


def test_undecodable_csv_rejects_the_record_only(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(
        b'id,text,notes\n1,"good one",x\n2,"spans\ntwo lines with \x92 a cp1252 quote",y\n'
        b"3,good three,\xff ignored column\n4,good four,z\n"
    )
    articles, rejects = collect([path])
    assert [(a.id, a.line) for a in articles] == [("1", 2), ("3", 5), ("4", 6)]
    assert where(rejects) == [(3, "text")]
    assert rejects[0].reason == "not valid UTF-8: byte 0x92 at byte 16 of line 4; save the file as UTF-8"
    assert rejects[0].article_id == "2"


def test_csv_record_problems(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "ID, Text ,published\n"  # header names are matched without case or spaces
        "1,,2019-09-15\n"
        ",some text,\n"
        "3,text,never\n"
        "4,text,2019-09-15,extra\n"
        ",,\n"  # an empty row, skipped
        "5,fine,\n",
        encoding="utf-8",
    )
    articles, rejects = collect([path])
    assert [(a.id, a.line) for a in articles] == [("5", 7)]
    assert where(rejects) == [(2, "text"), (3, "id"), (4, "published"), (5, None)]
    assert rejects[3].reason == "expected 3 fields as in the header (line 1), found 4"


def test_csv_without_text_column_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    articles, rejects = collect([path])
    assert articles == []
    assert where(rejects) == [(1, "text")]
    assert "no such column" in rejects[0].reason


def test_csv_unclosed_quote_is_rejected_not_swallowed(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'id,text\n1,ok\n2,"never closed\n3,{"x" * 500}\n', encoding="utf-8")
    articles, rejects = collect([path], max_chars=100)
    assert [a.id for a in articles] == ["1"]
    assert where(rejects) == [(3, "text")]
    assert rejects[0].reason.startswith("too long")


def test_text_over_max_chars_is_rejected(tmp_path: Path) -> None:
    jsonl(tmp_path / "a.jsonl", {"id": "long", "text": "x" * 51}, {"id": "fits", "text": "y" * 50})
    (tmp_path / "b.txt").write_text("z" * 51, encoding="utf-8")
    (tmp_path / "c.txt").write_text("z" * 1000, encoding="utf-8")  # rejected by size, unread
    articles, rejects = collect([tmp_path], max_chars=50)
    assert [a.id for a in articles] == ["fits"]
    assert [(Path(r.file).name, r.line, r.field) for r in rejects] == [
        ("a.jsonl", 1, "text"),
        ("b.txt", None, "text"),
        ("c.txt", None, "text"),
    ]
    assert rejects[0].reason == "too long: 51 characters (the limit is 50)"
    assert MAX_TEXT_CHARS == 200_000


def test_overlong_jsonl_line_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "_MIN_LINE_BYTES", 200)
    path = jsonl(
        tmp_path / "a.jsonl",
        {"id": "1", "text": "short"},
        {"id": "2", "text": "w" * 1000},
        {"id": "3", "text": "also short"},
    )
    articles, rejects = collect([path], max_chars=10)
    assert [a.id for a in articles] == ["1", "3"]
    assert where(rejects) == [(2, None)]
    assert rejects[0].reason == "line is longer than 200 bytes"


def test_sidecar_problems_point_at_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (tmp_path / "a.json").write_text('{\n  "id": "a",\n  "published": 2019\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT_B, encoding="utf-8")
    (tmp_path / "b.json").write_text('{"id": "b", "published": "someday"}', encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT_C, encoding="utf-8")
    (tmp_path / "c.json").write_text('{"id": "", "published": ""}', encoding="utf-8")
    articles, rejects = collect([tmp_path])
    assert [(a.id, a.published) for a in articles] == [("c", None)]
    assert [(r.file, r.line, r.field, r.article_id) for r in rejects] == [
        (str(tmp_path / "a.json"), 4, None, "a"),
        (str(tmp_path / "b.json"), None, "published", "b"),
    ]
    assert rejects[0].reason.startswith("invalid JSON: Expecting")


def test_duplicate_ids_reject_the_later_one_and_name_the_first(tmp_path: Path) -> None:
    first = jsonl(tmp_path / "a.jsonl", {"id": "d", "text": TEXT_A}, {"id": 7, "text": TEXT_B})
    second = jsonl(tmp_path / "b.jsonl", {"id": "7", "text": TEXT_C}, {"id": "d", "text": TEXT_C})
    (tmp_path / "d.txt").write_text(TEXT_C, encoding="utf-8")
    articles, rejects = collect([first, second, tmp_path / "d.txt"])
    assert [(a.id, a.text) for a in articles] == [("d", TEXT_A), ("7", TEXT_B)]
    assert [(r.file, r.line, r.field, r.article_id) for r in rejects] == [
        (str(second), 1, "id", "7"),
        (str(second), 2, "id", "d"),
        (str(tmp_path / "d.txt"), None, "id", "d"),
    ]
    assert rejects[0].reason == f"duplicate id '7', first seen at {first}:2"


def test_rejected_record_does_not_take_its_id(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "r", "text": ""}, {"id": "r", "text": TEXT_A})
    articles, rejects = collect([path])
    assert [(a.id, a.line) for a in articles] == [("r", 2)]
    assert where(rejects) == [(1, "text")]


def test_seen_ids_are_shared_across_calls(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "old", "text": TEXT_A}, {"id": "new", "text": TEXT_B})
    seen = {"old"}
    articles, rejects = collect([path], seen_ids=seen)
    assert [a.id for a in articles] == ["new"]
    assert rejects[0].reason == "duplicate id 'old', already seen before this batch"
    assert seen == {"old", "new"}
    again, rejects_again = collect([path], seen_ids=seen)
    assert again == []
    assert len(rejects_again) == 2


def test_rejects_are_logged_without_a_callback(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "1"})
    assert list(iter_articles([path])) == []
    assert f"{path}:1: field 'text': missing or empty" in caplog.text


# --- streaming ----------------------------------------------------------------------------------------


class _CountingStdin:
    """A binary stream that records how many lines were asked of it."""

    def __init__(self, lines: list[bytes]) -> None:
        self._lines = lines
        self.read = 0

    def readline(self, size: int = -1, /) -> bytes:
        if self.read == len(self._lines):
            return b""
        self.read += 1
        return self._lines[self.read - 1]


def test_articles_stream_before_later_lines_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        (json.dumps({"id": "1", "text": TEXT_A}) + "\n").encode(),
        (json.dumps({"id": "2", "text": TEXT_B}) + "\n").encode(),
        b"{broken\n",
        (json.dumps({"id": "3", "text": TEXT_C}) + "\n").encode(),
    ]
    stream = _CountingStdin(lines)
    monkeypatch.setattr(sys, "stdin", type("FakeStdin", (), {"buffer": stream})())
    rejects: list[Reject] = []
    articles = iter_articles(["-"], on_reject=rejects.append)
    assert next(articles).id == "1"
    assert stream.read == 1
    assert next(articles).id == "2"
    assert rejects == []
    assert [a.id for a in articles] == ["3"]
    assert where(rejects) == [(3, None)]


def test_reading_a_large_file_runs_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    body = "Fighting was reported in the district. " * 50
    with path.open("w", encoding="utf-8") as fh:
        for i in range(4000):
            fh.write(json.dumps({"id": i, "text": body}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_articles([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4000
    assert peak < size / 10  # the file is ~8 MB; only the id bookkeeping grows


# --- inputs -------------------------------------------------------------------------------------------


def test_folder_walk_is_recursive_sorted_and_skips_non_articles(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.jsonl", "a/c.csv", "d.txt", "a/b/y.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        stem = path.stem
        if path.suffix == ".txt":
            path.write_text(f"Article {stem}.", encoding="utf-8")
        elif path.suffix == ".jsonl":
            jsonl(path, {"id": stem, "text": f"Article {stem}."})
        else:
            path.write_text(f"id,text\n{stem},Article {stem}.\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"id": "b-meta"}', encoding="utf-8")  # a sidecar, not an input
    (tmp_path / "orphan.json").write_text('{"id": "nobody"}', encoding="utf-8")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    articles, rejects = collect([tmp_path])
    assert rejects == []
    expected = [("a/b/y.txt", "y"), ("a/c.csv", "c"), ("a/z.jsonl", "z"), ("b.txt", "b-meta"), ("d.txt", "d")]
    assert [(Path(a.source_file).relative_to(tmp_path).as_posix(), a.id) for a in articles] == expected
    assert articles[0].source_file == str(tmp_path / "a" / "b" / "y.txt")


def test_missing_or_unsupported_inputs_raise_at_call_time(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="does not exist"):
        iter_articles([tmp_path / "nope.jsonl"])
    with pytest.raises(InputError, match="not a supported kind of file"):
        iter_articles([tmp_path / "notes.md"])
    with pytest.raises(InputError, match="sidecar"):
        iter_articles([tmp_path / "meta.json"])
    with pytest.raises(InputError, match="holds no article files"):
        iter_articles([tmp_path / "empty"])
    with pytest.raises(InputError, match="No input"):
        iter_articles([])


def test_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "1", "text": TEXT_A})
    articles, rejects = collect([path, str(path)])
    assert [a.id for a in articles] == ["1"]
    assert rejects == []


# --- writing rejects ----------------------------------------------------------------------------------


def test_write_rejects_writes_jsonl_atomically(tmp_path: Path) -> None:
    rejects = [
        Reject("a.jsonl", 3, "text", "missing or empty", "x"),
        Reject("b.txt", None, None, "not valid UTF-8: byte 0xff at byte 2; the file was skipped"),
    ]
    target = tmp_path / "out" / "rejects.jsonl"
    assert write_rejects(iter(rejects), target) == 2
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {"file": "a.jsonl", "line": 3, "field": "text", "reason": "missing or empty", "article_id": "x"},
        {
            "file": "b.txt",
            "line": None,
            "field": None,
            "reason": "not valid UTF-8: byte 0xff at byte 2; the file was skipped",
            "article_id": None,
        },
    ]
    assert sorted(p.name for p in target.parent.iterdir()) == ["rejects.jsonl"]


def test_write_rejects_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "rejects.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def failing() -> object:
        yield Reject("a.jsonl", 1, None, "x")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_rejects(failing(), target)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rejects.jsonl"]


def test_reject_str_without_line_or_field() -> None:
    assert str(Reject("a.txt", None, None, "empty file")) == "a.txt: empty file"
    assert str(Reject("a.txt", None, "text", "missing or empty")) == "a.txt: field 'text': missing or empty"
