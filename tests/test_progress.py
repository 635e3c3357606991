"""Progress of a document through the pipeline: what the CLI shows for a large document."""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg import progress
from plankg.pipeline import build_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_steps_and_sentence_counts_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    reports: list[tuple[str, str, int, int]] = []
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    progress.set_reporter(lambda *report: reports.append(report))
    try:
        doc = build_document(CORPUS / "yubei-2020-plan.txt")
    finally:
        progress.set_reporter(None)
    assert {document for document, *_ in reports} == {"yubei-2020-plan.txt"}
    steps = [step for _, step, _, _ in reports]
    assert steps[0] == "reading"
    assert steps.index("sentences") < steps.index("responsibilities") < steps.index("graph")
    counts = [(done, total) for _, step, done, total in reports if step == "sentences"]
    assert {total for _, total in counts} == {len(doc.sentences)}
    assert [done for done, _ in counts] == sorted(done for done, _ in counts)
    assert len(counts) >= 2  # the start and at least one count on the way


def test_a_quick_document_reports_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    reports: list[tuple[str, str, int, int]] = []
    monkeypatch.setattr(progress, "DELAY", 3600.0)
    progress.set_reporter(lambda *report: reports.append(report))
    try:
        build_document(CORPUS / "yubei-2020-plan.txt")
    finally:
        progress.set_reporter(None)
    assert reports == []
