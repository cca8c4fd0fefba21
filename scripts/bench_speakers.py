"""Throughput of speaker resolution relative to a bare spaCy parse (ratios within one run).

Compares, on the same articles and pipeline:

* ``parse``: ``nlp.pipe`` alone (coreferee stays disabled, as quotegraph loads it);
* ``extract``: direct and indirect extraction on the parsed docs;
* ``resolve``: `resolve_speakers` on those quotes, with coreferee run on
  demand over short windows around pronoun speakers;
* ``coref_whole``: coreferee over every whole document (what running it in
  the main ``nlp.pipe`` pass would add).

Usage::

    python scripts/bench_speakers.py [FILES or folders...] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from quotegraph.nlp.direct import extract_direct
from quotegraph.nlp.indirect import extract_indirect
from quotegraph.nlp.pipeline import load_pipeline
from quotegraph.nlp.speakers import resolve_speakers

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [ROOT / "examples" / "articles", ROOT.parent / "shared" / "seeds"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in _files(args.inputs)]
    nlp = load_pipeline()
    coreferee = nlp.get_pipe("coreferee") if "coreferee" in nlp.component_names else None
    docs = list(nlp.pipe(texts))  # warm-up, and the docs the later stages reuse
    found = [_extract(doc) for doc in docs]
    times: dict[str, list[float]] = {"parse": [], "extract": [], "resolve": [], "coref_whole": []}
    for _ in range(args.repeat):  # interleaved, so load from other processes hits every stage alike
        times["parse"].append(_timed(lambda: list(nlp.pipe(texts))))
        times["extract"].append(_timed(lambda: [_extract(doc) for doc in docs]))
        times["resolve"].append(_timed(lambda: [resolve_speakers(d, q) for d, q in zip(docs, found)]))
        if coreferee is not None:  # on copies: a doc with chains would spare the resolver its windows
            copies = [doc.copy() for doc in docs]
            times["coref_whole"].append(_timed(lambda: [coreferee(doc) for doc in copies]))
    best = {k: min(v) for k, v in times.items() if v}
    parse = best["parse"]
    figures = {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        **{f"{k}_seconds": round(v, 3) for k, v in best.items()},
        "resolve_share_of_parse": round(best["resolve"] / parse, 3),
        "full_throughput_ratio": round(parse / (parse + best["extract"] + best["resolve"]), 3),
    }
    if "coref_whole" in best:
        figures["whole_doc_coref_throughput_ratio"] = round(parse / (parse + best["coref_whole"]), 3)
    print(json.dumps(figures, indent=2))
    return 0


def _files(inputs: list[Path]) -> list[Path]:
    found = []
    for path in inputs:
        found.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return found


def _extract(doc):  # noqa: ANN001, ANN202 - a script helper
    """Extraction without speaker resolution (the other stages' share)."""
    return list(extract_indirect(doc, direct=list(extract_direct(doc))))


def _timed(run) -> float:  # noqa: ANN001 - a script helper
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
