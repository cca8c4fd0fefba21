"""The notebook runs top to bottom on a fresh install, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


@pytest.mark.model
def test_notebook_explore_runs_top_to_bottom(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "<iframe" in shown and "srcdoc" in shown
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the share of women per outlet
    printed = "".join(str(o.get("text", "")) for o in outputs if o.output_type == "stream")
    count = len(list((NOTEBOOK.parent.parent / "examples" / "articles").glob("*.txt")))
    assert f"{count} articles read from examples/articles" in printed  # issue 17: the count, not "ten"
