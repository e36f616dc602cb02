"""Tests for the ``incidents`` command line, run in-process through ``main`` (with the session's loaded
model behind ``Builder()``), plus one run of the installed command and the seed evaluation."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from incidents.build import Builder, province_totals
from incidents.cli import main
from incidents.errors import SchemaError
from incidents.export import read_dataset, write_dataset
from incidents.ingest import read_articles

pytestmark = pytest.mark.usefixtures("shared_builder_factory")

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"

HELMAND_A = {
    "id": "hel-a",
    "text": "Taliban fighters killed seven policemen in an attack on checkpoints in Nad-e Ali district of "
    "Helmand province on Saturday.",
    "published": "2019-09-15",
    "outlet": "Agency One",
}
HELMAND_B = {
    "id": "hel-b",
    "text": "Nine policemen were killed when Taliban insurgents attacked checkpoints in Nad-e Ali district of "
    "Helmand on Saturday, officials said.",
    "published": "2019-09-16",
}
LOGAR = {
    "id": "log-1",
    "text": "A roadside bomb killed four civilians in Logar province on Friday, police said.",
    "published": "2019-09-15",
}
GHAZNI = {
    "id": "gha-1",
    "text": "Gunmen shot dead two teachers in Ghazni city on Sunday.",
    "published": "2019-09-16",
}


def write_folder(folder: Path, *records: dict[str, str]) -> Path:
    """A folder of ``.txt`` articles with ``.json`` sidecars for their metadata."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, r in enumerate(records):
        stem = f"article_{i}"
        (folder / f"{stem}.txt").write_text(r["text"], encoding="utf-8")
        meta = {k: v for k, v in r.items() if k != "text"}
        (folder / f"{stem}.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def write_jsonl(path: Path, *records: dict[str, str], broken_at: int | None = None) -> Path:
    lines = [json.dumps(r) for r in records]
    if broken_at is not None:
        lines.insert(broken_at - 1, '{"id": "broken", "text": "cut off')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(*args: str | Path) -> int:
    return main(["build", "--no-progress", *map(str, args)])


# ----------------------------------------------------------------------------------------------- inputs and outputs
def test_folder_of_txt_with_sidecars_to_parquet_and_geojson(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "articles", HELMAND_A, LOGAR)
    parquet, geojson = tmp_path / "out.parquet", tmp_path / "out.geojson"
    assert build(folder, "-o", parquet, "-o", geojson) == 0
    for path in (parquet, geojson):
        frame = read_dataset(path)
        assert sorted(a for ids in frame["article_ids"] for a in ids) == ["hel-a", "log-1"]
        assert sorted(frame["admin1_pcode"]) == ["AF05", "AF30"]
    collection = json.loads(geojson.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2


def test_jsonl_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, HELMAND_B, GHAZNI)
    out = tmp_path / "out.parquet"
    assert build(source, "-o", out) == 0
    frame = read_dataset(out)
    assert len(frame) == 2
    (helmand,) = frame[frame["admin1_pcode"] == "AF30"].itertuples()
    assert list(helmand.article_ids) == ["hel-a", "hel-b"]
    assert helmand.number_of_sources == 2
    printed = capsys.readouterr().out
    assert "articles read: 3" in printed
    assert "incidents: 2" in printed


def test_every_output_of_one_run_is_what_the_python_api_writes(
    tmp_path: Path, make_builder: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # the command line streams (stage, then a chunk at a time to every output); the API builds whole
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, HELMAND_B, LOGAR, GHAZNI)
    suffixes = (".parquet", ".geojson", ".csv", ".gpkg")
    assert build(source, *[a for s in suffixes for a in ("-o", tmp_path / f"cli{s}")]) == 0
    printed = capsys.readouterr().out
    articles, _ = read_articles([source])
    frame = make_builder().build(articles)
    for suffix in suffixes:
        api = write_dataset(frame, tmp_path / f"api{suffix}")
        assert digest(tmp_path / f"cli{suffix}") == digest(api), suffix
    assert f"incidents: {len(frame)} ({len(frame)} new)" in printed
    assert f"killed (best estimates): {int(frame['deaths_best'].fillna(0).sum())};" in printed
    top = ", ".join(
        f"{n} ({c} incident{'' if c == 1 else 's'}, {d} killed)" for n, c, d in province_totals(frame)
    )
    assert "(1 incidents" not in printed
    assert f"top provinces: {top}" in printed


def test_a_failed_build_leaves_the_outputs_and_no_temporary_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    temporary_files: list[Any],
) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, LOGAR)
    outputs = [tmp_path / "out.parquet", tmp_path / "out.geojson"]
    assert build(source, "-o", outputs[0], "-o", outputs[1]) == 0
    before = [digest(o) for o in outputs]

    def failing_row(self: Any, inc: Any) -> dict[str, Any]:
        raise SchemaError("a row that cannot be made")

    monkeypatch.setattr(Builder, "row", failing_row)  # the class: Builder() is the session's factory here
    capsys.readouterr()
    assert (
        build(write_jsonl(tmp_path / "more.jsonl", HELMAND_B, GHAZNI), "-o", outputs[0], "-o", outputs[1])
        == 1
    )
    assert "a row that cannot be made" in capsys.readouterr().err
    assert [digest(o) for o in outputs] == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "articles.jsonl",
        "more.jsonl",
        "out.geojson",
        "out.parquet",
    ]
    assert temporary_files and all(handle.closed for handle in temporary_files)


def test_folder_and_jsonl_together(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "articles", HELMAND_A)
    source = write_jsonl(tmp_path / "more.jsonl", HELMAND_B, LOGAR)
    out = tmp_path / "out.geojson"
    assert build(folder, source, "-o", out) == 0
    frame = read_dataset(out)
    assert sorted(frame["number_of_sources"]) == [1, 2]


def test_rejects_file_names_the_broken_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, LOGAR, broken_at=2)
    out, rejects = tmp_path / "out.parquet", tmp_path / "rejects.jsonl"
    assert build(source, "-o", out, "--rejects", rejects) == 0
    (reject,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert Path(reject["file"]).name == "articles.jsonl"
    assert reject["line"] == 2
    assert "JSON" in reject["reason"]
    frame = read_dataset(out)
    assert sorted(a for ids in frame["article_ids"] for a in ids) == ["hel-a", "log-1"]
    assert "rejected: 1" in capsys.readouterr().out


def test_missing_input_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.jsonl"
    assert build(missing, "-o", tmp_path / "out.parquet") == 1
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert "nowhere.jsonl" in err
    assert not (tmp_path / "out.parquet").exists()


def test_unknown_output_extension_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", LOGAR)
    assert build(source, "-o", tmp_path / "out.xyz") == 1
    err = capsys.readouterr().err
    assert "out.xyz" in err
    assert "Traceback" not in err


# ----------------------------------------------------------------------------------------------- --format
def test_format_overrides_the_extension(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", LOGAR)
    out = tmp_path / "incidents.data"
    assert build(source, "-o", out, "--format", "geojson") == 0
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["properties"]["admin1_pcode"] == "AF05"


def test_format_csv(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", LOGAR)
    out = tmp_path / "incidents.txt"
    assert build(source, "-o", out, "--format", "csv") == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert "incident_id" in header
    assert "latitude" in header


def test_format_with_two_outputs_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", LOGAR)
    code = build(source, "-o", tmp_path / "a.geojson", "-o", tmp_path / "b.parquet", "--format", "geojson")
    assert code == 1
    assert "--format" in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", LOGAR)
    with pytest.raises(SystemExit) as exc:
        build(source, "-o", tmp_path / "a.out", "--format", "xlsx")
    assert exc.value.code == 2


# ----------------------------------------------------------------------------------------------- --append
def _installed_command() -> str:
    script = Path(sys.executable).parent / "incidents"
    if not script.exists():
        pytest.skip("the incidents command is not installed beside this interpreter")
    return str(script)


def run_installed(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_installed_command(), *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".parquet", ".gpkg"])
def test_append_same_input_twice_changes_nothing(tmp_path: Path, suffix: str) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, LOGAR)
    out = tmp_path / f"out{suffix}"
    assert build(source, "-o", out, "--append") == 0
    before = digest(out)
    assert build(source, "-o", out, "--append") == 0
    assert digest(out) == before


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".geojson", ".parquet"])
def test_append_twice_in_separate_runs_changes_nothing(tmp_path: Path, suffix: str) -> None:
    # as a user runs it: two processes
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, LOGAR)
    out = tmp_path / f"out{suffix}"
    assert run_installed("build", source, "-o", out, "--append", "--no-progress").returncode == 0
    before = digest(out)
    second = run_installed("build", source, "-o", out, "--append", "--no-progress")
    assert second.returncode == 0, second.stderr
    assert "already in dataset: 2" in second.stdout
    assert digest(out) == before


def test_append_same_input_twice_keeps_the_rows(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, LOGAR)
    out = tmp_path / "out.parquet"
    assert build(source, "-o", out, "--append") == 0
    first = read_dataset(out)
    assert build(source, "-o", out, "--append") == 0
    second = read_dataset(out)
    assert list(second["incident_id"]) == list(first["incident_id"])
    assert list(second["deaths_best"]) == list(first["deaths_best"])


def test_append_merges_a_new_report_into_its_incident(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.parquet"
    assert build(write_jsonl(tmp_path / "first.jsonl", HELMAND_A, LOGAR), "-o", out, "--append") == 0
    first = read_dataset(out)
    capsys.readouterr()
    assert build(write_jsonl(tmp_path / "second.jsonl", HELMAND_B), "-o", out, "--append") == 0
    frame = read_dataset(out)
    assert len(frame) == 2
    (helmand,) = frame[frame["admin1_pcode"] == "AF30"].itertuples()
    assert list(helmand.article_ids) == ["hel-a", "hel-b"]
    assert helmand.number_of_sources == 2
    assert (helmand.deaths_low, helmand.deaths_high) == (7, 9)
    # the row keeps its id: users who cite it are not left with a dangling reference
    assert helmand.incident_id in set(first["incident_id"])
    assert "1 merged into existing" in capsys.readouterr().out


# ----------------------------------------------------------------------------------------------- help
def test_top_level_help_lists_commands_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    for word in ("build", "evaluate", "--version", "--verbose", "--help"):
        assert word in text


def test_build_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    for option in (
        "INPUT",
        "-o OUTPUT",
        "--output",
        "--format",
        "--rejects",
        "--append",
        "--no-progress",
        "--help",
    ):
        assert option in text, option
    for fmt in ("parquet", "geojson", "gpkg", "csv"):
        assert fmt in text
    # every option line carries a description, not just its name
    options = re.findall(r"^  (-[\w-]+(?:[ ,][^\n]*)?)\n?\s{2,}(\S[^\n]*)", text, flags=re.M)
    assert len(options) >= 5


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "build" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from incidents import __version__

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


# ----------------------------------------------------------------------------------------------- the installed command
def test_installed_command_builds(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, HELMAND_B, broken_at=3)
    out = tmp_path / "out.geojson"
    done = run_installed("build", source, "-o", out, "--no-progress")
    assert done.returncode == 0, done.stderr
    assert "articles read: 2" in done.stdout
    assert "Traceback" not in done.stderr
    (feature,) = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert feature["properties"]["number_of_sources"] == 2
    lon, lat = feature["geometry"]["coordinates"]
    assert 60 < lon < 75 and 29 < lat < 39


def test_installed_command_reports_a_missing_input(tmp_path: Path) -> None:
    done = run_installed("build", tmp_path / "gone.jsonl", "-o", tmp_path / "o.parquet")
    assert done.returncode == 1
    assert "gone.jsonl" in done.stderr
    assert "Traceback" not in done.stderr


# ----------------------------------------------------------------------------------------------- seed evaluation
@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED_EVAL / "score.py").exists(), reason="../shared/eval is not beside the repository"
)
def test_seed_evaluation_passes_every_check() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "../shared/eval/score.py",
            "seed",
            "--cmd",
            f"{_installed_command()} build {{input}} -o {{output}}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    score = re.search(r"^SCORE passed=(\d+) total=(\d+)", done.stdout, flags=re.M)
    assert score is not None, done.stdout
    passed, total = map(int, score.groups())
    report = json.loads(done.stdout[: score.start()])
    failed = [name for name, ok in report["checks"].items() if not ok]
    assert failed == []
    assert passed == total > 0


def test_interrupted_build_replaces_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "articles.jsonl", HELMAND_A, LOGAR)
    outputs = [tmp_path / "out.parquet", tmp_path / "out.csv"]
    assert build(source, "-o", outputs[0], "-o", outputs[1]) == 0
    before = [digest(o) for o in outputs]

    def interrupted_row(self: Any, inc: Any) -> dict[str, Any]:
        raise KeyboardInterrupt

    monkeypatch.setattr(Builder, "row", interrupted_row)
    capsys.readouterr()
    assert build(write_jsonl(tmp_path / "more.jsonl", GHAZNI), "-o", outputs[0], "-o", outputs[1]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert [digest(o) for o in outputs] == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "articles.jsonl",
        "more.jsonl",
        "out.csv",
        "out.parquet",
    ]
