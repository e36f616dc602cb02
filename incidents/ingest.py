"""Read news articles from files into :class:`Article` values: the pipeline's first stage.

Formats, chosen by file name (case-insensitive):

``.txt``
    One article per file, the whole file is the text. Metadata comes from a sidecar ``.json`` with the
    same stem (``a.txt`` + ``a.json``: ``id``, ``published``, optional ``title``, ``url``, ``outlet``).
    Without a sidecar the id is the file stem and ``published`` is ``None``.
``.jsonl`` / ``.ndjson`` (also ``.gz``-compressed)
    One JSON object a line with ``id``, ``text``, ``published`` and optional ``title``, ``url``,
    ``outlet``; other keys are ignored, blank lines are skipped. ``-`` reads JSONL from standard input.
``.csv`` (also ``.gz``-compressed)
    Comma-separated, with a header row naming the same fields (``id`` and ``text`` are required
    columns); texts may hold quotes and newlines when quoted the CSV way.

Everything is UTF-8 (a byte-order mark is tolerated). Reading streams: JSONL and CSV files are read a
line at a time, so millions of articles run in flat memory.

Bad records are skipped, reported as :class:`Reject` values, and the rest of the batch goes on: broken
JSON, a JSON value that is not an object, a missing or empty ``id`` or ``text``, a duplicate ``id`` (the
later one is rejected), bytes that are not UTF-8, a text longer than :data:`MAX_TEXT_CHARS` characters,
and a ``published`` value that is present but not a recognisable date.

Problems with the inputs themselves are usage errors and raise :class:`~incidents.errors.InputError`:
a path that does not exist, a file of an unsupported kind, an unreadable file, a folder without article
files. The paths given are checked before any article is read; a file found inside a folder that cannot
be opened raises when it is reached. A file that opens but breaks off while being read (a truncated
``.gz``) keeps the articles read so far and gets a reject for the rest. In a CSV, a record with bytes that
are not UTF-8 is rejected alone; a break in the CSV structure itself (a quote left open past the size
limit) rejects the rest of that file.

The text is kept as written, because later stages point into it by character offsets; the only change is
``"\\r\\n"`` to ``"\\n"``.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import email.utils
import gzip
import itertools
import json
import logging
import os
import secrets
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, Protocol

from incidents.errors import InputError

__all__ = ["MAX_TEXT_CHARS", "Article", "Reject", "iter_articles", "read_articles", "write_rejects"]

logger = logging.getLogger(__name__)

#: Texts longer than this many characters (after ``"\r\n"`` becomes ``"\n"``) are rejected.
MAX_TEXT_CHARS: Final[int] = 200_000

# A JSONL or CSV line may be much longer than its text (JSON escapes take up to 12 bytes a character,
# and other keys ride along); lines beyond this are rejected unread so one broken file cannot fill memory.
_MIN_LINE_BYTES = 16 * 2**20

_Kind = Literal["txt", "jsonl", "csv"]
_SUFFIXES: Final[tuple[tuple[str, _Kind, bool], ...]] = (
    (".txt", "txt", False),
    (".jsonl", "jsonl", False),
    (".ndjson", "jsonl", False),
    (".csv", "csv", False),
    (".jsonl.gz", "jsonl", True),
    (".ndjson.gz", "jsonl", True),
    (".csv.gz", "csv", True),
)
_FIELDS: Final = ("id", "text", "published", "title", "url", "outlet")
_STDIN_NAME: Final = "<stdin>"
# Dates written in words; ISO 8601 and RFC 2822 are parsed before these are tried.
_DATE_FORMATS: Final = (
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y/%m/%d",
)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as read from a file.

    Attributes
    ----------
    id : str
        Unique id of the article within a run.
    text : str
        The text as written (only ``"\\r\\n"`` turned into ``"\\n"``); character offsets point into it.
    published : datetime.date or None
        Publication date as written in the source (no time-zone conversion), if known.
    title, url, outlet : str or None
        Optional metadata.
    source_file : str
        The file the article came from, as given (``"<stdin>"`` for standard input).
    line : int or None
        1-based line in ``source_file`` where the record starts; ``None`` for ``.txt`` files.
    """

    id: str
    text: str
    published: datetime.date | None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    source_file: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that was skipped, and why.

    Attributes
    ----------
    file : str
        The file holding the problem, as given (for metadata problems of a ``.txt`` article, its sidecar).
    line : int or None
        1-based line of the record (or of the bad byte), if it has one.
    field : str or None
        The field at fault (``"text"``, ``"id"``, ``"published"``, ...), ``None`` for a whole-line problem.
    reason : str
        What is wrong, for a person to read.
    article_id : str or None
        The record's id, when it could be read.
    """

    file: str
    line: int | None
    field: str | None
    reason: str
    article_id: str | None = None

    def __str__(self) -> str:
        """Format as ``file:line: field 'name': reason``.

        Examples
        --------
        >>> str(Reject("articles.jsonl", 12, "text", "missing or empty"))
        "articles.jsonl:12: field 'text': missing or empty"
        """
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.field is None:
            return f"{where}: {self.reason}"
        return f"{where}: field {self.field!r}: {self.reason}"


def iter_articles(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    on_reject: Callable[[Reject], None] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
    seen_ids: set[str] | None = None,
) -> Iterator[Article]:
    """Stream the articles in files and folders, skipping and reporting bad records.

    The paths are checked at once (so a typo fails before any work); the files are then read lazily,
    one record at a time. Folders are walked recursively in sorted order (by name, code-point order);
    hidden entries, symbolic links to folders, ``.json`` sidecars and other kinds of file are passed over.
    ``"-"`` reads JSONL from standard input.

    Parameters
    ----------
    paths : iterable of path-like, or one path
        Files (``.txt``, ``.jsonl``, ``.ndjson``, ``.csv``, ``.jsonl.gz``, ``.csv.gz``), folders, or ``"-"``.
    on_reject : callable, optional
        Called with each :class:`Reject`; by default each is logged as a warning.
    max_chars : int, default MAX_TEXT_CHARS
        Texts longer than this many characters are rejected.
    seen_ids : set of str, optional
        Ids already taken: an article with one of them is rejected as a duplicate. The ids of the articles
        yielded are added to it, so one set can be shared by several calls. By default a new set.

    Returns
    -------
    Iterator[Article]
        The good articles, in input order.

    Raises
    ------
    InputError
        If no path is given, a path does not exist, is not a supported kind of file or cannot be opened,
        or a folder holds no article files. Problems inside files are rejects, not errors.

    Examples
    --------
    >>> rejects = []
    >>> for article in iter_articles(["news/"], on_reject=rejects.append):  # doctest: +SKIP
    ...     print(article.id, article.published)
    kabul-001 2019-09-15
    """
    if max_chars < 1:
        msg = f"max_chars must be positive, got {max_chars}."
        raise ValueError(msg)
    sources = _resolve(paths)
    reader = _Reader(on_reject=on_reject, max_chars=max_chars, seen_ids=seen_ids)
    return reader.read(sources)


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    max_chars: int = MAX_TEXT_CHARS,
) -> tuple[list[Article], list[Reject]]:
    """Read all articles into memory, with the rejects; see :func:`iter_articles`.

    Parameters
    ----------
    paths : path-like or iterable of path-like
        One input or several: files, folders, or ``"-"`` for JSONL on standard input.
    max_chars : int, default MAX_TEXT_CHARS
        Texts longer than this many characters are rejected.

    Returns
    -------
    tuple of (list of Article, list of Reject)
        The good articles in input order, and the skipped records in the order met.

    Raises
    ------
    InputError
        If an input is missing, unsupported or unreadable, or a folder holds no article files.

    Examples
    --------
    >>> articles, rejects = read_articles("news/articles.jsonl")  # doctest: +SKIP
    >>> len(articles), [str(r) for r in rejects]  # doctest: +SKIP
    (2, ["news/articles.jsonl:3: field 'text': missing or empty"])
    """
    rejects: list[Reject] = []
    articles = list(iter_articles(paths, on_reject=rejects.append, max_chars=max_chars))
    return articles, rejects


def write_rejects(rejects: Iterable[Reject], path: str | os.PathLike[str]) -> int:
    """Write rejects as JSONL, one object each, replacing ``path`` atomically.

    Each line holds ``file``, ``line``, ``field``, ``reason`` and ``article_id``. The file is written
    beside ``path`` under a temporary name and renamed into place, so readers never see half a file.
    Missing parent folders are created.

    Parameters
    ----------
    rejects : iterable of Reject
        The rejects; may be a generator.
    path : path-like
        Where to write.

    Returns
    -------
    int
        The number of rejects written.

    Raises
    ------
    OSError
        If the file cannot be written; ``path`` is then left as it was.

    Examples
    --------
    >>> write_rejects([Reject("a.jsonl", 3, "id", "missing or empty")], "out/rejects.jsonl")  # doctest: +SKIP
    1
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    count = 0
    try:
        # Mode "x" creates the file with the usual permissions (umask), unlike tempfile's private 0600.
        with tmp.open("x", encoding="utf-8", newline="\n") as fh:
            for reject in rejects:
                record = {
                    "file": reject.file,
                    "line": reject.line,
                    "field": reject.field,
                    "reason": reject.reason,
                    "article_id": reject.article_id,
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    logger.debug("Wrote %d rejects to %s", count, target)
    return count


# --- inputs -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    name: str  # as given, for messages and Article.source_file
    path: Path | None  # None for standard input
    kind: _Kind
    gz: bool = False


def _kind_of(name: str) -> tuple[_Kind, bool] | None:
    lower = name.lower()
    for suffix, kind, gz in _SUFFIXES:
        if lower.endswith(suffix):
            return kind, gz
    return None


def _resolve(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[Iterable[_Source]]:
    """Check every input now; folders are walked lazily after their first article file is found."""
    items = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    if not items:
        msg = "No input files were given."
        raise InputError(msg)
    resolved: list[Iterable[_Source]] = []
    seen: set[str] = set()
    for item in items:
        name = os.fspath(item)
        if name == "-":
            if "-" in seen:
                msg = "Standard input ('-') was given more than once."
                raise InputError(msg)
            seen.add("-")
            resolved.append([_Source(_STDIN_NAME, None, "jsonl")])
            continue
        path = Path(name)
        real = os.path.realpath(path)
        if real in seen:
            logger.warning("Input %r was given twice; reading it once.", name)
            continue
        seen.add(real)
        if path.is_dir():
            walker = _walk(path, name)
            first = next(walker, None)
            if first is None:
                kinds = ", ".join(suffix for suffix, _, _ in _SUFFIXES)
                msg = f"Folder {name!r} holds no article files ({kinds})."
                raise InputError(msg)
            resolved.append(itertools.chain([first], walker))
        elif path.is_file():
            kind = _kind_of(name)
            if kind is None:
                hint = (
                    " (a .json file is read only as the sidecar of a .txt file)"
                    if name.endswith(".json")
                    else ""
                )
                msg = f"Input {name!r} is not a supported kind of file: use .txt, .jsonl or .csv{hint}."
                raise InputError(msg)
            if not os.access(path, os.R_OK):
                msg = f"Input {name!r} cannot be read: permission denied."
                raise InputError(msg)
            resolved.append([_Source(name, path, *kind)])
        elif path.exists():
            msg = f"Input {name!r} is neither a file nor a folder."
            raise InputError(msg)
        else:
            msg = f"Input {name!r} does not exist."
            raise InputError(msg)
    return resolved


def _walk(folder: Path, name: str) -> Iterator[_Source]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda entry: entry.name)
    except OSError as exc:
        msg = f"Folder {name!r} cannot be read: {exc.strerror}."
        raise InputError(msg) from exc
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(name, entry.name)  # noqa: PTH118 - keeps the folder as the user wrote it
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), child)
        elif entry.is_file():
            kind = _kind_of(entry.name)
            if kind is not None:
                yield _Source(child, Path(entry.path), *kind)
            elif not entry.name.lower().endswith(".json"):
                logger.debug("Skipping %s: not an article file", child)
        else:
            logger.debug("Skipping %s: not a regular file or folder", child)


# --- records ------------------------------------------------------------------------------------------


class _RecordError(Exception):
    """A record is unusable; carries the field at fault (None for the whole record)."""

    def __init__(self, field: str | None, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason
        self.line = line


class _LineTooLongError(Exception):
    def __init__(self, line: int, limit: int) -> None:
        super().__init__(f"line is longer than {limit:,} bytes")
        self.line = line


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _check_unicode(field: str, value: str) -> None:
    # JSON "\ud800" escapes (and CSV bytes that were not UTF-8) leave lone surrogates, which no later
    # stage could write out.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = ord(value[exc.start])
        raise _RecordError(
            field, f"not valid Unicode: lone surrogate U+{bad:04X} at character {exc.start + 1}"
        ) from None


def _clean_id(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | None):
        raise _RecordError("id", f"must be a string or an integer, not {_json_type(value)}")
    text = "" if value is None else str(value).strip()
    if not text:
        raise _RecordError("id", "missing or empty")
    _check_unicode("id", text)
    return text


def _clean_text(value: object, max_chars: int) -> str:
    if value is None:
        raise _RecordError("text", "missing or empty")
    if not isinstance(value, str):
        raise _RecordError("text", f"must be a string, not {_json_type(value)}")
    text = value.replace("\r\n", "\n")
    if not text.strip():
        raise _RecordError("text", "missing or empty")
    if len(text) > max_chars:
        raise _RecordError("text", f"too long: {len(text):,} characters (the limit is {max_chars:,})")
    _check_unicode("text", text)
    return text


def _clean_optional(field: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _RecordError(field, f"must be a string, not {_json_type(value)}")
    text = value.strip()
    _check_unicode(field, text)
    return text or None


def _clean_published(value: object) -> datetime.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _RecordError("published", f"must be a date string, not {_json_type(value)}")
    text = value.strip()
    if not text:
        return None
    date = _parse_date(text)
    if date is None:
        reason = f"not a recognised date: {value!r} (use ISO 8601, e.g. '2019-09-15')"
        raise _RecordError("published", reason)
    return date


def _parse_date(text: str) -> datetime.date | None:
    """Parse a date as written; a time zone is ignored, not applied (the writer's date is kept)."""
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    parts = email.utils.parsedate_tz(text)
    if parts is not None:
        try:
            return datetime.date(parts[0], parts[1], parts[2])
        except ValueError:
            return None
    return None


def _record_id(record: Mapping[str, Any]) -> str | None:
    """The record's id for a reject message, if it has a usable one."""
    value = record.get("id")
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _metadata(record: Mapping[str, Any]) -> tuple[datetime.date | None, str | None, str | None, str | None]:
    return (
        _clean_published(record.get("published")),
        _clean_optional("title", record.get("title")),
        _clean_optional("url", record.get("url")),
        _clean_optional("outlet", record.get("outlet")),
    )


def _decode_reason(exc: UnicodeDecodeError, lineno: int | None = None) -> str:
    where = "the line" if lineno is None else f"line {lineno}"
    return f"not valid UTF-8: byte 0x{exc.object[exc.start]:02x} at byte {exc.start + 1} of {where}"


# --- reading ------------------------------------------------------------------------------------------


class _ByteLines(Protocol):
    """What reading needs of a binary stream (plain file, gzip file or standard input)."""

    def readline(self, size: int, /) -> bytes: ...


class _Lines:
    """Physical lines of a binary stream, numbered from 1; an over-long line comes as ``None``."""

    def __init__(self, stream: _ByteLines, limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self.lineno = 0

    def __iter__(self) -> Iterator[tuple[int, bytes | None]]:
        while True:
            raw = self._stream.readline(self._limit + 1)
            if not raw:
                return
            self.lineno += 1
            if len(raw) > self._limit:
                while raw and not raw.endswith(b"\n"):  # skip the rest without holding it
                    raw = self._stream.readline(self._limit)
                yield self.lineno, None
                continue
            if self.lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            yield self.lineno, raw


class _Reader:
    """One run of :func:`iter_articles`: the reject sink and the duplicate-id bookkeeping."""

    def __init__(
        self,
        *,
        on_reject: Callable[[Reject], None] | None,
        max_chars: int,
        seen_ids: set[str] | None,
    ) -> None:
        self._on_reject = on_reject
        self._max_chars = max_chars
        self._line_limit = max(_MIN_LINE_BYTES, 16 * max_chars)
        self._seen = set() if seen_ids is None else seen_ids
        # Where each id of this run was first met, packed into one int (file index, line) so that
        # millions of ids cost little: _files[packed >> 40], line packed & mask (0 = no line).
        self._first: dict[str, int] = {}
        self._files: list[str] = []
        self._rejected = 0

    def read(self, sources: list[Iterable[_Source]]) -> Iterator[Article]:
        total = rejected = files = 0
        for source in itertools.chain.from_iterable(sources):
            files += 1
            self._files.append(source.name)
            self._rejected = 0
            count = 0
            for article in self._read_source(source):
                count += 1
                yield article
            logger.debug("%s: %d articles, %d rejected", source.name, count, self._rejected)
            total += count
            rejected += self._rejected
        logger.info("Read %d articles from %d files; %d records rejected", total, files, rejected)

    def _reject(
        self, file: str, line: int | None, field: str | None, reason: str, article_id: str | None = None
    ) -> None:
        reject = Reject(file, line, field, reason, article_id)
        self._rejected += 1
        if self._on_reject is None:
            logger.warning("Rejected %s", reject)
        else:
            self._on_reject(reject)

    def _admit(self, article: Article) -> bool:
        """Register the article's id; reject it (and return False) if the id was seen already."""
        if article.id in self._seen:
            first = self._first.get(article.id)
            if first is None:
                where = "already seen before this batch"
            else:
                file, line = self._files[first >> 40], first & (2**40 - 1)
                where = f"first seen at {file}:{line}" if line else f"first seen in {file}"
            reason = f"duplicate id {article.id!r}, {where}"
            self._reject(article.source_file, article.line, "id", reason, article.id)
            return False
        self._seen.add(article.id)
        self._first[article.id] = ((len(self._files) - 1) << 40) | (article.line or 0)
        return True

    def _read_source(self, source: _Source) -> Iterator[Article]:
        if source.path is None:  # standard input, always JSONL
            stream: _ByteLines = sys.stdin.buffer
            yield from self._read_stream(source, stream)
            return
        if source.kind == "txt":
            yield from self._read_txt(source.name, source.path)
            return
        try:
            # Opened apart from the `with` so that only a failure to open becomes an InputError.
            opened = gzip.open(source.path, "rb") if source.gz else source.path.open("rb")  # noqa: SIM115
        except OSError as exc:
            msg = f"Input {source.name!r} cannot be opened: {exc.strerror or exc}."
            raise InputError(msg) from exc
        with opened as fh:
            yield from self._read_stream(source, fh)

    def _read_stream(self, source: _Source, stream: _ByteLines) -> Iterator[Article]:
        lines = _Lines(stream, self._line_limit)
        read = self._read_jsonl if source.kind == "jsonl" else self._read_csv
        try:
            yield from read(source.name, lines)
        except (OSError, EOFError, zlib.error) as exc:
            # A damaged or truncated (compressed) file: keep what was read, report the rest.
            reason = f"cannot read the rest of the file: {exc}"
            self._reject(source.name, lines.lineno + 1, None, reason)

    def _read_jsonl(self, name: str, lines: _Lines) -> Iterator[Article]:
        for lineno, raw in lines:
            if raw is None:
                self._reject(name, lineno, None, f"line is longer than {self._line_limit:,} bytes")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._reject(name, lineno, None, _decode_reason(exc))
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                self._reject(name, lineno, None, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            except RecursionError:
                self._reject(name, lineno, None, "invalid JSON: nested too deeply")
                continue
            if not isinstance(record, dict):
                self._reject(name, lineno, None, f"not a JSON object but {_json_type(record)}")
                continue
            article = self._build(record, name, lineno)
            if article is not None and self._admit(article):
                yield article

    def _build(self, record: Mapping[str, Any], name: str, lineno: int) -> Article | None:
        try:
            article_id = _clean_id(record.get("id"))
            text = _clean_text(record.get("text"), self._max_chars)
            published, title, url, outlet = _metadata(record)
        except _RecordError as exc:
            self._reject(name, lineno, exc.field, exc.reason, _record_id(record))
            return None
        return Article(article_id, text, published, title, url, outlet, source_file=name, line=lineno)

    def _read_csv(self, name: str, lines: _Lines) -> Iterator[Article]:
        _raise_csv_field_limit(4 * self._max_chars + 1024)
        bad_lines: dict[int, str] = {}

        def decoded() -> Iterator[str]:
            for lineno, raw in lines:
                if raw is None:
                    raise _LineTooLongError(lineno, self._line_limit)
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    # Decode anyway so the CSV structure survives; the bytes turn into lone surrogates
                    # and the record holding them is rejected below.
                    bad_lines[lineno] = _decode_reason(exc, lineno)
                    yield raw.decode("utf-8", errors="surrogateescape")

        reader = csv.reader(decoded())
        header: list[str] | None = None
        header_line = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except (csv.Error, _LineTooLongError) as exc:
                line = exc.line if isinstance(exc, _LineTooLongError) else start
                self._reject(name, line, None, f"malformed CSV: {exc}; the rest of the file was skipped")
                return
            end = reader.line_num
            bad = [bad_lines.pop(n) for n in range(start, end + 1) if n in bad_lines]
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header_line = start
                header = [cell.strip().lower() for cell in row]
                problem = _header_problem(header, bad)
                if problem is not None:
                    self._reject(name, start, problem.field, f"{problem.reason}; the file was skipped")
                    return
                continue
            if len(row) != len(header):
                reason = (
                    f"expected {len(header)} fields as in the header (line {header_line}), found {len(row)}"
                )
                self._reject(name, start, None, reason, _record_id(dict(zip(header, row, strict=False))))
                continue
            record = dict(zip(header, row, strict=True))
            if bad:
                field = _field_with_surrogates(record)
                if field is not None:
                    reason = f"{bad[0]}; save the file as UTF-8"
                    self._reject(name, start, field, reason, _record_id(record))
                    continue
            article = self._build(record, name, start)
            if article is not None and self._admit(article):
                yield article
        if header is None:
            logger.warning("%s is empty: no header row", name)

    def _read_txt(self, name: str, path: Path) -> Iterator[Article]:
        sidecar = path.with_suffix(".json")
        sidecar_name = name[: len(name) - len(path.suffix)] + ".json"
        article_id = path.stem
        meta: Mapping[str, Any] = {}
        if sidecar.is_file():
            try:
                meta = _load_sidecar(sidecar)
                raw_id = meta.get("id")
                if not (raw_id is None or (isinstance(raw_id, str) and not raw_id.strip())):
                    article_id = _clean_id(raw_id)
                published, title, url, outlet = _metadata(meta)
            except _RecordError as exc:
                self._reject(sidecar_name, exc.line, exc.field, exc.reason, _record_id(meta) or article_id)
                return
        else:
            published = title = url = outlet = None
        try:
            text = self._load_txt(name, path)
        except _RecordError as exc:
            self._reject(name, exc.line, exc.field, exc.reason, article_id)
            return
        article = Article(article_id, text, published, title, url, outlet, source_file=name, line=None)
        if self._admit(article):
            yield article

    def _load_txt(self, name: str, path: Path) -> str:
        try:
            with path.open("rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                # UTF-8 takes at most 4 bytes a character: a bigger file cannot fit, so skip reading it.
                if size > 4 * self._max_chars + len(codecs.BOM_UTF8):
                    reason = f"too long: {size:,} bytes, more than {self._max_chars:,} characters can take"
                    raise _RecordError("text", reason)
                data = fh.read()
        except OSError as exc:
            msg = f"Input {name!r} cannot be read: {exc.strerror or exc}."
            raise InputError(msg) from exc
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            reason = (
                f"not valid UTF-8: byte 0x{data[exc.start]:02x} at byte {exc.start + 1}; the file was skipped"
            )
            raise _RecordError(None, reason, line) from None
        return _clean_text(text, self._max_chars)


def _load_sidecar(path: Path) -> Mapping[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"Sidecar {os.fspath(path)!r} cannot be read: {exc.strerror or exc}."
        raise InputError(msg) from exc
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _RecordError(None, f"not valid UTF-8: byte 0x{data[exc.start]:02x}", line) from None
    except json.JSONDecodeError as exc:
        raise _RecordError(None, f"invalid JSON: {exc.msg} at column {exc.colno}", exc.lineno) from None
    except RecursionError:
        raise _RecordError(None, "invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise _RecordError(None, f"not a JSON object but {_json_type(record)}")
    return record


def _header_problem(header: list[str], bad: list[str]) -> _RecordError | None:
    if bad:
        return _RecordError(None, f"header: {bad[0]}")
    duplicates = sorted({column for column in header if column and header.count(column) > 1})
    if duplicates:
        return _RecordError(None, f"header names {', '.join(map(repr, duplicates))} more than once")
    for required in ("id", "text"):
        if required not in header:
            found = ", ".join(repr(column) for column in header)
            return _RecordError(required, f"no such column in the header (found {found})")
    return None


def _field_with_surrogates(record: Mapping[str, str]) -> str | None:
    for field in _FIELDS:
        value = record.get(field)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return field
    return None


def _raise_csv_field_limit(needed: int) -> None:
    # The csv module's limit is process-wide; it is only ever raised, never lowered, and stays bounded
    # so that an unclosed quote cannot swallow a whole file into memory.
    if csv.field_size_limit() < needed:
        csv.field_size_limit(needed)
