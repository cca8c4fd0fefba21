"""Skip reasons a user without ../shared reads: issue 17."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("path", sorted(TESTS.rglob("*.py")), ids=lambda p: str(p.relative_to(TESTS)))
def test_issue17_shared_skip_reasons_name_the_evaluation_data(path):
    text = path.read_text(encoding="utf-8")
    reasons = re.findall(r"pytest\.skip\((f?\"[^\"]*\")", text)
    about_shared = [r for r in reasons if "shared" in r or "absent" in r or "workplace" in r]
    assert all("evaluation data (../shared) not present" in r for r in about_shared), about_shared
