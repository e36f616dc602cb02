"""The notebooks run top to bottom (their code cells, as a script) on the bundled examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = "\n\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    monkeypatch.chdir(path.parent)
    namespace: dict[str, object] = {}
    exec(compile(code, str(path), "exec"), namespace)
    gdf = namespace["gdf"]
    assert len(gdf) >= 12  # type: ignore[arg-type]
    assert {"incidents.parquet", "incidents.geojson", "incidents.gpkg", "incidents.csv"} <= {
        p.name
        for p in namespace["out"].iterdir()  # type: ignore[attr-defined]
    }
