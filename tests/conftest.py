"""Session fixtures shared by every test module (the only conftest)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with coreferee, loaded once per session."""
    from quotegraph.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``; tests that need it skip on a user's machine."""
    if not SHARED.is_dir():
        pytest.skip("evaluation data (../shared) not present")
    return SHARED


@pytest.fixture(scope="session")
def seeds_gold(shared_dir: Path) -> Path:
    path = shared_dir / "seeds" / "gold.jsonl"
    if not path.is_file():
        pytest.skip(f"evaluation data (../shared) not present: {path} is missing")
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    """Paths of Debian's chromium and chromedriver, or skip with the reason."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("headless Chromium is not installed (make test installs it with apt as root)")
    return browser, driver
