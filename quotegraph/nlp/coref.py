"""Make coreferee find the coreference model shipped inside quotegraph."""

from __future__ import annotations

from spacy.language import Language

__all__ = ["add_coreferee"]


def add_coreferee(nlp: Language) -> bool:
    """Add coreferee to ``nlp``; return False (with a WARNING) when no model fits."""
    raise NotImplementedError
