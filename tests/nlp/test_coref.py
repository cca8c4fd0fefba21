"""The shipped coreferee model and on-demand coreference (`quotegraph.nlp.coref`)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
import spacy

import quotegraph.nlp.coref_model as coref_model
from quotegraph.nlp.coref import add_coreferee, annotate_coref, coref_available, resolve_token

pytestmark = pytest.mark.filterwarnings("ignore:.*W007")

MODEL_DIR = Path(coref_model.__file__).parent / "sm_3_8_0"


@pytest.mark.parametrize(
    ("name", "version"),
    [("", "0.0.0"), ("core_web_lg", "3.8.0"), ("core_web_sm", "2.0.0")],
    ids=["blank", "lg-without-model", "sm-too-old"],
)
def test_coref_no_fitting_model_warns_and_continues(caplog, name: str, version: str) -> None:
    nlp = spacy.blank("en")
    nlp.meta.update(name=name, version=version)
    with caplog.at_level(logging.WARNING, logger="quotegraph.nlp.coref"):
        assert add_coreferee(nlp) is False
    assert "coreferee" not in nlp.component_names
    assert [r.levelname for r in caplog.records] == ["WARNING"]


def test_coref_model_files_are_shipped() -> None:
    assert (MODEL_DIR / "feature_table.bin").stat().st_size > 0
    assert (MODEL_DIR / "model").stat().st_size > 1_000_000
    assert (MODEL_DIR.parent / "MODEL_CARD.md").is_file()


@pytest.mark.model
def test_coref_default_pipeline_gets_coreferee_disabled(nlp) -> None:
    assert nlp.meta["name"] == "core_web_sm"
    assert "coreferee" in nlp.component_names
    assert "coreferee" not in nlp.pipe_names  # kept out of the nlp.pipe pass
    assert coref_available(nlp("Kirby spoke."))
    module = sys.modules["coreferee_model_en.sm_3_8_0"]
    if "quotegraph" in module.__name__:
        assert Path(module.__file__).parent == MODEL_DIR


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "pronoun", "expected"),
    [
        ("John Kirby spoke to reporters on Monday. He said that Russia had failed.", "He", "Kirby"),
        ("Sarah Lopez met the mayor of the town. She said the bridge would open.", "She", "Lopez"),
        (
            "The minister and Anna Berg arrived late. Mark Evans was waiting. He said the talks failed.",
            "He",
            "Evans",
        ),
    ],
    ids=["he-kirby", "she-lopez", "he-nearest-man"],
)
def test_coref_window_resolves_pronoun(nlp, text: str, pronoun: str, expected: str) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == pronoun)
    sentence = token.sent
    window = doc[0 : sentence.end]
    annotated = annotate_coref(doc, window)
    assert annotated is not None
    resolved = [doc[i].text for i in resolve_token(*annotated, token)]
    assert expected in resolved


@pytest.mark.model
def test_coref_window_leaves_doc_unannotated(nlp) -> None:
    doc = nlp("Intro sentence here. John Kirby spoke. He said it failed.")
    annotated, offset = annotate_coref(doc, doc[4:])
    assert offset == 4 and annotated is not doc
    assert doc._.coref_chains is None  # the main doc stays as nlp.pipe left it


@pytest.mark.model
def test_coref_failure_is_logged_not_raised(nlp, monkeypatch, caplog, capsys) -> None:
    def broken(doc, used_in_training=False):  # noqa: ANN001, ANN202
        raise IndexError("broken window")

    monkeypatch.setattr(nlp.get_pipe("coreferee").annotator, "annotate", broken)
    doc = nlp("John Kirby spoke. He said it failed.")
    with caplog.at_level(logging.WARNING, logger="quotegraph.nlp.coref"):
        assert annotate_coref(doc, doc[0:]) is None
    assert "broken window" in caplog.text
    assert capsys.readouterr().out == ""  # nothing printed where JSONL may be going


def test_coref_official_model_wins(tmp_path, monkeypatch) -> None:
    """An installed coreferee_model_en with the entry is preferred to the shipped files."""
    from quotegraph.nlp import coref

    package = tmp_path / "coreferee_model_en"
    (package / "sm_3_8_0").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sm_3_8_0" / "__init__.py").write_text("")
    for name in ("feature_table.bin", "model"):
        (package / "sm_3_8_0" / name).symlink_to(MODEL_DIR / name)
    saved = {k: sys.modules.pop(k) for k in list(sys.modules) if k.startswith("coreferee_model_en")}
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert coref._model_source("en", "sm_3_8_0") == "coreferee_model_en"
        assert coref._model_source("en", "lg_3_8_0") is None
    finally:
        for key in [k for k in sys.modules if k.startswith("coreferee_model_en")]:
            del sys.modules[key]
        sys.modules.update(saved)
    assert coref._model_source("en", "sm_3_8_0") is not None  # the shipped files are found again
