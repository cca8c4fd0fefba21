"""quotegraph: who said what, about what, and who stands with whom.

The notebook-facing API lives in `quotegraph.api` and is re-exported here.
It is imported lazily, so ``import quotegraph.model`` stays light (no spaCy).

>>> import quotegraph
>>> callable(quotegraph.from_texts)
True
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API_NAMES = ("QuoteGraph", "RunReport", "extract", "from_paths", "from_quotes", "from_texts")

__all__ = ["__version__", "PipelineConfig", *_API_NAMES]


def __getattr__(name: str) -> Any:
    if name in _API_NAMES:
        from quotegraph import api

        return getattr(api, name)
    if name == "PipelineConfig":
        from quotegraph.config import PipelineConfig

        return PipelineConfig
    raise AttributeError(f"module 'quotegraph' has no attribute {name!r}")
