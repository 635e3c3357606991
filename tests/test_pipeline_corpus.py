"""The bundled documents end to end: structure, metadata, targets, outcomes."""

from __future__ import annotations

from collections import Counter

from plankg.model import Document


def test_yubei_structure(corpus_documents: dict[str, Document]):
    doc = corpus_documents["yubei-2020-plan"]
    kinds = Counter(d.kind for d in doc.divisions)
    assert (kinds["part"], kinds["section"], kinds["item"]) == (3, 9, 35)
    levels = Counter(c.level for c in doc.commitments)
    assert levels["item"] == 35
    # The closing paragraph after the last section's items is its own commitment.
    closing = [c for c in doc.commitments if c.level == "paragraph" and c.path.startswith("3.")]
    assert len(closing) == 1 and "十四五" in closing[0].text


def test_yubei_header_recovered_from_garbled_text(corpus_documents: dict[str, Document]):
    meta = corpus_documents["yubei-2020-plan"].metadata
    assert meta.doc_number == "渝北府办发〔2020〕21号"
    assert meta.date == "2020-07-11"
    assert meta.issuer == "重庆市渝北区人民政府办公室"
    assert meta.title == "渝北区2020年经济社会发展计划"
    assert (meta.jurisdiction, meta.level, meta.year) == ("渝北区", "district", 2020)
    assert "区政府各部门" in meta.recipients
    assert meta.approval_body and "人民代表大会" in meta.approval_body


def test_work_report_metadata(corpus_documents: dict[str, Document]):
    for doc_id, year in (
        ("state-council-work-report-2019", 2019),
        ("state-council-work-report-2021", 2021),
    ):
        meta = corpus_documents[doc_id].metadata
        assert (meta.issuer, meta.jurisdiction, meta.level, meta.year, meta.genre) == (
            "国务院",
            "中华人民共和国",
            "national",
            year,
            "work-report",
        )
    assert corpus_documents["state-council-work-report-2021"].metadata.date == "2021-03-05"


def _targets_in(doc: Document, marker: str):
    sentence = next(s for s in doc.sentences if marker in s.text)
    return [t for i, t in doc.targets if i == sentence.index]


def test_main_expected_targets_of_the_2019_report(corpus_documents: dict[str, Document]):
    doc = corpus_documents["state-council-work-report-2019"]
    found = {
        (t.indicator, t.value, t.unit, t.comparator)
        for t in _targets_in(doc, "今年经济社会发展的主要预期目标是")
    }
    source = doc.source.text
    # Each expectation is a phrase of the source paragraph; check it is really there.
    expected = {
        ("国内生产总值", "6%－6.5%", "%", "range"): "国内生产总值增长6%－6.5%",
        ("城镇新增就业", "1100万", "人", ">="): "城镇新增就业1100万人以上",
        ("城镇调查失业率", "5.5", "%", "~"): "城镇调查失业率5.5%左右",
        ("城镇登记失业率", "4.5", "%", "<="): "城镇登记失业率4.5%以内",
        ("居民消费价格涨幅", "3", "%", "~"): "居民消费价格涨幅3%左右",
        ("单位国内生产总值能耗", "3", "%", "~"): "单位国内生产总值能耗下降3%左右",
    }
    for key, phrase in expected.items():
        assert phrase in source
        assert key in found, key
    gdp = next(
        t
        for t in _targets_in(doc, "今年经济社会发展的主要预期目标是")
        if t.indicator == "国内生产总值"
    )
    assert (gdp.value_normalized, gdp.value_max_normalized) == (6.0, 6.5)


def test_review_figures_are_outcomes_not_targets(corpus_documents: dict[str, Document]):
    doc = corpus_documents["state-council-work-report-2019"]
    review = [t for t in _targets_in(doc, "国内生产总值增长6.6%")]
    assert review and all(t.kind == "outcome" for t in review)
    doc21 = corpus_documents["state-council-work-report-2021"]
    plan = _targets_in(doc21, "今年发展主要预期目标是")
    assert plan and all(t.kind == "target" for t in plan)
    grain = next(t for t in plan if "粮食" in t.indicator)
    assert (grain.value_normalized, grain.unit_normalized, grain.comparator) == (
        1.3e12,
        "jin",
        ">=",
    )


def test_not_targets(corpus_documents: dict[str, Document]):
    values = {t.value for doc in corpus_documents.values() for _, t in doc.targets}
    quotes = [doc.text[s.start : s.end] for doc in corpus_documents.values() for s in doc.sentences]
    assert any("T3B航站楼" in q for q in quotes)
    # Years, plan periods and names with digits never become values.
    assert not values & {"2020", "2021", "十四五", "T3B", "5G", "4S"}


def test_spans_map_back_to_the_source(corpus_documents: dict[str, Document]):
    for doc in corpus_documents.values():
        for index, mention in doc.mentions:
            sentence = doc.sentences[index]
            start, end = doc.clean.source_span(
                sentence.start + mention.start, sentence.start + mention.end
            )
            original = doc.source.text[start:end]
            # Clean-up only removes zero-width characters and joins broken lines.
            squeezed = "".join(c for c in original if c not in "\u200b\n")
            assert squeezed.replace(",", "，").replace("(", "（").replace(
                ")", "）"
            ) == mention.text.replace(",", "，"), (doc.id, mention.text, original)
