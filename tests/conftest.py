"""Shared fixtures: the heavy parts of the pipeline (gazetteer, spaCy model, actor list) load once a session.

Tests ask for them by name (``gazetteer``, ``actors``, ``extractor``, ``resolver``, ``make_builder``,
``builder``, ``extract_one``) and never construct their own, so the whole suite pays for one model load.
A builder is cheap to make from the shared parts, so ``builder`` is a fresh one for each test (its
``stats`` start at zero). ``shared_builder_factory`` puts the same construction behind
``incidents.build.Builder`` for code that makes its own builder (the command line), with no markers or
global switches: a test module opts in with ``pytest.mark.usefixtures("shared_builder_factory")``.

Imports of the pipeline happen inside the fixtures, so collecting tests that need none of it stays light.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from gazetteer import Gazetteer
    from incidents.actors import ActorList
    from incidents.build import Builder
    from incidents.extract import Extractor, Mention
    from incidents.places import PlaceResolver

#: A Sunday, the publication day of the articles ``extract_one`` reads unless told otherwise.
SUNDAY = date(2019, 9, 15)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    from gazetteer import Gazetteer

    return Gazetteer()


@pytest.fixture(scope="session")
def actors() -> ActorList:
    from incidents.actors import load_actors

    return load_actors()


@pytest.fixture(scope="session")
def extractor(gazetteer: Gazetteer, actors: ActorList) -> Extractor:
    from incidents.extract import Extractor

    return Extractor(gazetteer, actors=actors)


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    from incidents.places import PlaceResolver

    return PlaceResolver(gazetteer)


@pytest.fixture(scope="session")
def make_builder(gazetteer: Gazetteer, extractor: Extractor, actors: ActorList) -> Callable[[], Builder]:
    """A callable making a fresh ``Builder`` around the session's loaded parts."""
    from incidents.build import Builder

    return functools.partial(Builder, gazetteer=gazetteer, extractor=extractor, actors=actors)


@pytest.fixture
def builder(make_builder: Callable[[], Builder]) -> Builder:
    return make_builder()


@pytest.fixture
def shared_builder_factory(
    make_builder: Callable[[], Builder], monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Make ``incidents.build.Builder()`` (as the CLI calls it) reuse the session's loaded parts."""
    monkeypatch.setattr("incidents.build.Builder", make_builder)
    yield


@pytest.fixture(scope="session")
def extract_one(extractor: Extractor) -> Callable[..., list[Mention]]:
    """Mentions of one article made of ``text`` (published on :data:`SUNDAY` unless told)."""
    from incidents.ingest import Article

    def run(text: str, published: date | None = SUNDAY, article_id: str = "t1") -> list[Mention]:
        return extractor.extract([Article(article_id, text, published)])[article_id]

    return run


@pytest.fixture
def temporary_files(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every ``tempfile.TemporaryFile`` the test opens (the staged build keeps its reports in one)."""
    import tempfile

    opened: list[Any] = []
    temporary_file = tempfile.TemporaryFile

    def recording(*args: Any, **kwargs: Any) -> Any:
        handle = temporary_file(*args, **kwargs)
        opened.append(handle)
        return handle

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    return opened
