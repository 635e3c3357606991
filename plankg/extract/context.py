"""What the name components know about the document a sentence comes from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NameContext:
    """Document facts the extractors read; built once per document by the pipeline.

    ``jurisdiction`` is the document's own (``Metadata.jurisdiction``: 广东省, 渝北区,
    中华人民共和国); ``provinces`` the province-level division(s) it lies in, so that a
    county short form of another province can be told from one of the document's own.
    ``known_names`` are names found earlier in the document (by an earlier component).
    """

    jurisdiction: str | None = None
    provinces: frozenset[str] = frozenset()
    known_names: frozenset[str] = field(default_factory=frozenset)

    @property
    def national(self) -> bool:
        return not self.provinces
