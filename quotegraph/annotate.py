"""After linking, before the graph: full names, a researcher's corrections, speaker genders.

The order lets corrections last: structural corrections (merge, split,
reassign, not_quote) run before gender inference, so a merged speaker gets one
gender from all its quotes; gender corrections run last and win.

Plain model objects in and out (the article texts are read, never parsed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

from quotegraph.model import Quote

if TYPE_CHECKING:
    from quotegraph.config import PipelineConfig
    from quotegraph.corrections import CorrectionReport

__all__ = ["annotate_speakers"]


def annotate_speakers(
    quotes: Sequence[Quote], *, texts: Mapping[str, str], config: PipelineConfig
) -> tuple[list[Quote], dict[str, dict[str, int]], CorrectionReport | None]:
    """Complete lone surnames, apply ``config.corrections``, infer genders with ``config.gender``.

    Returns
    -------
    tuple
        The quotes; per speaker id the articles whose text said female / male
        (`quotegraph.nlp.gender.GenderResult.votes`); the corrections report,
        or None when ``config.corrections`` is None.
    """
    from quotegraph.corrections import apply_genders, apply_structural, read_corrections
    from quotegraph.nlp.fullnames import complete_names
    from quotegraph.nlp.gender import assign_genders

    fixes = read_corrections(config.corrections) if config.corrections else []
    corrected, report = apply_structural(complete_names(quotes, texts=texts), fixes)
    result = assign_genders(corrected, texts=texts, mode=config.gender, lang=config.lang)
    final = apply_genders(result.quotes, fixes, report)
    return final, result.votes, report if config.corrections else None
