"""Canonical speakers across a corpus: names, roles, organisations."""

from __future__ import annotations

from typing import Iterable

from quotegraph.model import Entity, Quote

__all__ = ["link_entities"]


def link_entities(quotes: Iterable[Quote]) -> tuple[list[Quote], list[Entity]]:
    """Merge speaker name variants across the corpus."""
    raise NotImplementedError
