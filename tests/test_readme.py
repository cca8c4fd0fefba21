"""Every ```python block of README.md runs as written, from the repository root (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def readme_blocks() -> list[str]:
    return BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_has_python_blocks():
    assert len(readme_blocks()) >= 2


@pytest.mark.model
def test_readme_python_blocks_run_from_the_repo_root(tmp_path, monkeypatch, capsys):
    # A stand-in for the repository root: the same relative paths resolve the same way
    # (examples/ is the repository's own), while what the blocks write lands in tmp_path.
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__readme__"}
    for number, block in enumerate(readme_blocks(), start=1):
        exec(compile(block, f"README.md python block {number}", "exec"), namespace)  # noqa: S102
    printed = capsys.readouterr().out
    articles = len(list((ROOT / "examples" / "articles").glob("*.txt")))
    assert printed.startswith(f"{articles} articles, ")
    assert len(namespace["reyes"]) > 0  # the filter finds the bundled corpus's quotes
    assert (tmp_path / "output" / "api" / "graph.html").is_file()
    assert "|" in printed.splitlines()[-1]  # extract streamed quotes
