"""The small network each explorer page shows: its subject, its commitments, their bodies.

Plain data (nodes and edges with kind, role, basis, stated, confidence and the page each
node leads to), drawn in the browser by ``static/network.js``, the script the static
``viz/`` pages use too. A page shows at most ``MAX_COMMITMENTS`` commitments and says so
when it cuts: the rest of the answer is in the page's lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plankg.store import AnyStore
from plankg.web.links import body_url, commitment_url
from plankg.web.palette import palette
from plankg.web.render import BASIS_ZH, ROLE_ZH

MAX_COMMITMENTS = 20


def short_text(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class PageNetwork:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    commitments_total: int = 0

    def node(self, node_id: str, label: str, kind: str, tip: str = "", href: str = "") -> None:
        self.nodes.setdefault(
            node_id, {"id": node_id, "label": label, "kind": kind, "tip": tip or label,
                      "url": href or ""}
        )

    def edge(self, source: str, target: str, key: str = "", **attrs: Any) -> None:
        self.edges.setdefault(
            (source, target, key),
            {"id": f"e{len(self.edges)}", "from": source, "to": target, **attrs},
        )

    def commitment(self, iri: str, document: str, path: str, text: str) -> None:
        self.node(iri, short_text(text), "commitment", f"{document} {path}\n{text}",
                  commitment_url(document, path))

    def responsibility(self, commitment: str, row: dict[str, Any]) -> None:
        """A body—commitment edge from a row with body, body_label, role, basis, stated,
        confidence."""
        self.node(row["body"], row["body_label"], "body", row["body_label"],
                  body_url(row["body_label"]))
        role, basis, stated = row["role"], row["basis"], bool(row["stated"])
        self.edge(
            row["body"], commitment, f"{role}/{basis}",
            relation="responsibility", role=role, basis=basis, stated=stated,
            confidence=float(row["confidence"]),
            tip=f"{ROLE_ZH.get(role, role)} {role} · {BASIS_ZH.get(basis, basis)} {basis}"
                f" · {'明示 stated' if stated else '推断 inferred'}"
                f" · {float(row['confidence']):.2f}",
        )

    def as_json(self) -> dict[str, Any]:
        shown = sum(1 for n in self.nodes.values() if n["kind"] == "commitment")
        return {
            "nodes": list(self.nodes.values()),
            "edges": list(self.edges.values()),
            "commitments_shown": shown,
            "commitments_total": max(self.commitments_total, shown),
            "palette": palette(),
        }


def first_commitments(rows: list[dict[str, Any]], limit: int = MAX_COMMITMENTS) -> list[str]:
    """Distinct commitment IRIs in row order, at most ``limit``."""
    return list(dict.fromkeys(row["commitment"] for row in rows))[:limit]


def around(
    store: AnyStore,
    subject: tuple[str, str, str, str] | None,
    rows: list[dict[str, Any]],
) -> dict[str, Any]:
    """Subject → commitments (rows with commitment, document, path, text) ← their bodies.

    ``subject`` is (id, label, kind, url). Bodies come from ``commitment_responsibilities``,
    one library query per commitment shown.
    """
    from plankg.tables import run_library_query

    network = PageNetwork()
    chosen = set(first_commitments(rows))
    network.commitments_total = len({row["commitment"] for row in rows})
    if subject is not None:
        network.node(subject[0], subject[1], subject[2], subject[1], subject[3])
    for row in rows:
        if row["commitment"] not in chosen or row["commitment"] in network.nodes:
            continue
        network.commitment(row["commitment"], row["document"], row["path"], row["text"])
        if subject is not None:
            network.edge(subject[0], row["commitment"], "involves", relation="involves")
        for responsibility in run_library_query(
            store, "commitment_responsibilities", {"commitment": row["commitment"]}
        ):
            if responsibility["basis"] != "issuer":
                network.responsibility(row["commitment"], responsibility)
    return network.as_json()
