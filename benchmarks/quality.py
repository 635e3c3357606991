"""Answer quality against hand-judged gold: who, names, traps and metadata.

    .venv/bin/python benchmarks/quality.py [--gold ../shared/gold] [--corpus ../shared/corpus/dev]
                                           [--misses] [--json OUT.json]

Reads the gold's TSV files (see its README for the conventions), builds every document of
the corpus into a fresh embedded store in the same run and prints:

- who: for each question, ``plankg who X --doc D``'s top answer (and the top three) against
  the acceptable lead bodies (a key is correct when it is a substring of the body's name);
  ``also_ok`` counts as acceptable, not correct;
- places and organizations of the one fully annotated report: precision, recall and F1 over
  distinct names as written (a predicted name also counts as right when its canonical name is
  a gold name: 广东 for 广东省);
- traps: gold trap words read as a place (the word itself, or as a county or city of that
  name), and, for information, trap words inside a predicted place that is not a gold place;
- metadata: title, issuer, jurisdiction, level, year, date and congress per document;
- the bundled Yubei plan's who questions in ``benchmarks/gold/yubei-who.tsv``, judged from
  the plan's text by the project (a regression check, not an independent figure).

``--misses`` also prints every wrong answer and every missed or spurious name, which is
what to read before changing a rule: write the general rule the failure shows, never one
for the row.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from plankg.answers import who  # noqa: E402
from plankg.build import build_many, load_vocabulary  # noqa: E402
from plankg.identity import document_iri  # noqa: E402
from plankg.model import Document  # noqa: E402
from plankg.pipeline import build_document  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "gold"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
YUBEI = ROOT / "corpus" / "yubei-2020-plan.txt"
YUBEI_GOLD = ROOT / "benchmarks" / "gold" / "yubei-who.tsv"
PLACE_CATEGORIES = ("place", "project")  # the gold counts projects and infrastructure as places
METADATA_FIELDS = ("title", "issuer", "jurisdiction", "level", "year", "date", "congress")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class WhoVerdict:
    doc: str
    query: str
    top: str
    top3: list[str]
    verdict: str  # correct | acceptable | wrong | none
    in_top3: bool
    keys: str
    evidence: str


def _keys(cell: str) -> list[str]:
    return [key.strip() for key in cell.split("|") if key.strip()]


def judge_who(store: ox.Store, rows: Iterable[dict[str, str]]) -> list[WhoVerdict]:
    verdicts = []
    for row in rows:
        result = who(store, row["query"], str(document_iri(row["doc"])))
        bodies = [answer.body for answer in result.answers]
        lead, also = _keys(row["acceptable_lead"]), _keys(row.get("also_ok", ""))
        top = bodies[0] if bodies else ""
        if not top:
            verdict = "none"
        elif any(key in top for key in lead):
            verdict = "correct"
        elif any(key in top for key in also):
            verdict = "acceptable"
        else:
            verdict = "wrong"
        evidence = ""
        if result.answers:
            first = result.answers[0].commitments[0]
            evidence = f"{first.evidence_path or first.path}: {first.text[:60]}"
        verdicts.append(
            WhoVerdict(
                doc=row["doc"],
                query=row["query"],
                top=top,
                top3=bodies[:3],
                verdict=verdict,
                in_top3=any(key in body for body in bodies[:3] for key in lead),
                keys=row["acceptable_lead"],
                evidence=evidence,
            )
        )
    return verdicts


@dataclass
class NameScore:
    category: str
    precision: float
    recall: float
    f1: float
    spurious: list[str]
    missed: list[str]


def score_names(doc: Document, gold: list[dict[str, str]], categories: tuple[str, ...],
                category: str) -> NameScore:
    gold_names = {row["name"] for row in gold}
    predicted: dict[str, str] = {}
    for _, mention in doc.mentions:
        if mention.category in categories:
            predicted.setdefault(mention.text, mention.name)
    right = {text for text, name in predicted.items() if text in gold_names or name in gold_names}
    found = {name for name in gold_names if name in predicted}
    precision = len(right) / len(predicted) if predicted else 0.0
    recall = len(found) / len(gold_names) if gold_names else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return NameScore(
        category=category,
        precision=precision,
        recall=recall,
        f1=f1,
        spurious=sorted(set(predicted) - right),
        missed=sorted(gold_names - found),
    )


_ADMIN_SUFFIXES = ("县", "市", "区", "镇", "乡", "旗", "州", "盟", "自治县", "自治州")


def traps_taken(doc: Document, traps: list[dict[str, str]],
                gold_places: set[str]) -> tuple[list[str], list[str]]:
    """Trap words read as places: (taken, overlapped).

    Taken: a place or project whose text is the trap word itself, or whose canonical name
    is the word as an administrative division (兴国 → 兴国县, 罗浮山县 → 浮山县): what a naive
    gazetteer does. Overlapped, for information: the word lies inside a predicted place that
    is not a gold place (珠江口 over 江口, a company's production line over 华润).
    """
    text = doc.text
    places = [
        (doc.sentences[index].start + m.start, doc.sentences[index].start + m.end, m)
        for index, m in doc.mentions
        if m.category in PLACE_CATEGORIES
    ]
    taken, overlapped = [], []
    for row in traps:
        quote, word = row["quote"], row["word"]
        at = text.find(quote)
        if at < 0:
            continue  # the quote crosses a line break the cleaner joined differently
        word_at = at + quote.find(word)
        word_end = word_at + len(word)
        for start, end, mention in places:
            if not (start < word_end and word_at < end):
                continue
            if mention.text in gold_places or mention.name in gold_places:
                continue
            note = f"{word} ({mention.text} → {mention.name})"
            as_division = mention.name in {word + suffix for suffix in _ADMIN_SUFFIXES} or (
                mention.text.endswith(_ADMIN_SUFFIXES) and word in mention.text
                and len(mention.text) <= len(word) + 3)
            if mention.text == word or as_division:
                taken.append(note)
            else:
                overlapped.append(note)
            break
    return taken, overlapped


def judge_metadata(corpus: Path, rows: list[dict[str, str]]) -> list[tuple[str, list[str]]]:
    results = []
    for row in rows:
        doc = build_document(corpus / row["file"])
        meta = doc.metadata
        got = {
            "title": meta.title or "",
            "issuer": meta.issuer or "",
            "jurisdiction": meta.jurisdiction or "",
            "level": meta.level or "",
            "year": str(meta.year or ""),
            "date": meta.date or "",
            "congress": meta.approval_body or "",
        }
        wrong = [f"{f}: {got[f]!r} ≠ {row[f]!r}" for f in METADATA_FIELDS if got[f] != row[f]]
        results.append((row["file"], wrong))
    return results


def build_store(paths: list[Path], folder: str) -> ox.Store:
    store = ox.Store(folder)
    load_vocabulary(store)
    events = list(build_many(paths, store=store, out_dir=None))
    failed = [event for event in events if event.result is None]
    if failed:
        raise SystemExit(f"quality: could not build {failed}")
    return store


def _share(verdicts: list[WhoVerdict], verdict: str) -> float:
    return sum(v.verdict == verdict for v in verdicts) / len(verdicts) if verdicts else 0.0


def _who_line(label: str, verdicts: list[WhoVerdict]) -> str:
    n = len(verdicts)
    correct = sum(v.verdict == "correct" for v in verdicts)
    acceptable = sum(v.verdict == "acceptable" for v in verdicts)
    top3 = sum(v.in_top3 for v in verdicts)
    return (f"{label:<34} top-1 {correct:>2}/{n} = {correct / n:.2f}   "
            f"+also_ok {(correct + acceptable) / n:.2f}   top-3 {top3 / n:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--who", type=Path, help="who questions to use instead of the gold's "
                        "who-dev.tsv (same columns); documents are looked up in --corpus, "
                        "then in the bundled corpus/")
    parser.add_argument("--misses", action="store_true", help="print every failure")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.gold / "who-dev.tsv").is_file():
        print(f"quality: {args.gold}: no who-dev.tsv here", file=sys.stderr)
        return 2

    started = time.perf_counter()
    who_rows = read_tsv(args.who or args.gold / "who-dev.tsv")
    documents = sorted({row["doc"] for row in who_rows})
    paths = [next((folder / f"{doc}.txt" for folder in (args.corpus, ROOT / "corpus")
                   if (folder / f"{doc}.txt").is_file()), args.corpus / f"{doc}.txt")
             for doc in documents]
    yubei_rows = read_tsv(YUBEI_GOLD) if YUBEI_GOLD.is_file() else []
    with tempfile.TemporaryDirectory() as folder:
        store = build_store(sorted({*paths, YUBEI}) if yubei_rows else paths, folder)
        verdicts = judge_who(store, who_rows)
        yubei = judge_who(store, yubei_rows)
        del store

    figures: dict[str, object] = {}
    print("== who (top answer against acceptable_lead) ==")
    for doc in documents:
        print(_who_line(doc, [v for v in verdicts if v.doc == doc]))
    print(_who_line("all dev questions", verdicts))
    if yubei:
        print(_who_line("yubei-2020-plan (project's own)", yubei))
    figures["who_top1"] = _share(verdicts, "correct")
    figures["who_top3"] = sum(v.in_top3 for v in verdicts) / len(verdicts)
    figures["who_yubei_top1"] = _share(yubei, "correct") if yubei else None
    if args.misses:
        for v in [*verdicts, *yubei]:
            if v.verdict != "correct":
                print(f"  [{v.verdict}] {v.doc} {v.query}: {v.top or '—'} | want {v.keys}"
                      f" | top3 {'、'.join(v.top3)} | {v.evidence}")

    print("\n== names (the fully annotated report) ==")
    names = sorted(args.gold.glob("*-places.tsv"))
    for places_file in names:
        stem = places_file.name.removesuffix("-places.tsv")
        report = next(args.corpus.glob(f"{stem}-*.txt"))
        doc = build_document(report)
        gold_places = read_tsv(places_file)
        scores = [score_names(doc, gold_places, PLACE_CATEGORIES, "places")]
        orgs_file = args.gold / f"{stem}-orgs.tsv"
        if orgs_file.is_file():
            scores.append(score_names(doc, read_tsv(orgs_file), ("organization",), "orgs"))
        for score in scores:
            print(f"{stem:<12} {score.category:<7} P {score.precision:.2f}  R {score.recall:.2f}"
                  f"  F1 {score.f1:.2f}")
            figures[f"{stem}_{score.category}"] = {
                "precision": round(score.precision, 3),
                "recall": round(score.recall, 3),
                "f1": round(score.f1, 3),
            }
            if args.misses:
                print(f"  missed: {'、'.join(score.missed)}")
                print(f"  spurious: {'、'.join(score.spurious)}")
        traps_file = args.gold / f"{stem}-traps.tsv"
        if traps_file.is_file():
            traps = read_tsv(traps_file)
            taken, overlapped = traps_taken(doc, traps, {row["name"] for row in gold_places})
            print(f"{stem:<12} traps taken as places: {len(taken)} of {len(traps)} "
                  f"(inside a non-gold place: {len(overlapped)})")
            figures[f"{stem}_traps_taken"] = len(taken)
            figures[f"{stem}_traps_overlapped"] = len(overlapped)
            if args.misses and (taken or overlapped):
                print(f"  taken: {'; '.join(taken)}")
                print(f"  inside: {'; '.join(overlapped)}")

    metadata_file = args.gold / "metadata-dev.tsv"
    if metadata_file.is_file():
        print("\n== metadata ==")
        results = judge_metadata(args.corpus, read_tsv(metadata_file))
        right = sum(not wrong for _, wrong in results)
        print(f"documents with every field right: {right} of {len(results)}")
        figures["metadata_right"] = right
        for name, wrong in results:
            if wrong:
                print(f"  {name}: {'; '.join(wrong)}")
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
