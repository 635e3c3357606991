"""What a network projection keeps: its kind, the commitment level, stated or inferred, the
minimum confidence, the issuer, and the facets and metrics the views read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from plankg.errors import PlankgError

NetworkKind = Literal["responsibility", "co-responsibility", "place-body", "slogan-section"]
KINDS: tuple[NetworkKind, ...] = (
    "responsibility",
    "co-responsibility",
    "place-body",
    "slogan-section",
)
Level = Literal["item", "sentence", "all"]
GRAPH_FORMATS = ("graphml", "gexf", "json", "csv")
FACETS = ("sections", "bodies", "places", "bases")
METRIC_COLUMNS = (
    "node",
    "label",
    "kind",
    "degree",
    "weighted_degree",
    "betweenness",
    "community",
)
_SEED = 42
_GEXF_DATE_RE = re.compile(r'\s*lastmodifieddate="[^"]*"')


@dataclass(frozen=True)
class NetworkOptions:
    """What to keep before projecting.

    ``level``: ``item`` keeps item- and paragraph-level commitments (the units a plan
    assigns), ``sentence`` the sentence-level ones, ``all`` both.
    ``stated_only``/``inferred_only`` keep stated (text, assignment table) or inferred
    (mandate, place, issuer) responsibilities. ``min_confidence`` drops weaker ones.
    """

    doc: str | None = None
    level: Level = "item"
    stated_only: bool = False
    inferred_only: bool = False
    min_confidence: float = 0.0
    include_issuer: bool = False

    def __post_init__(self) -> None:
        if self.stated_only and self.inferred_only:
            raise PlankgError("choose stated-only or inferred-only, not both")
        if self.level not in ("item", "sentence", "all"):
            raise PlankgError(f"level must be item, sentence or all, not {self.level!r}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise PlankgError("minimum confidence must lie between 0 and 1")
