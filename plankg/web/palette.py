"""The one palette of the networks (``static/palette.json``): node kinds (colour, shape,
Chinese and English names), edge roles, and which organization types are bodies of
government. The explorer's and the static views' script and the PNG figures all read it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

PALETTE_FILE = Path(__file__).resolve().parent / "static" / "palette.json"


@cache
def palette() -> dict[str, Any]:
    return json.loads(PALETTE_FILE.read_text(encoding="utf-8"))


def kind_style(kind: str) -> dict[str, str]:
    return palette()["kinds"].get(kind, palette()["other"])


def role_style(role: str) -> dict[str, str]:
    return palette()["roles"].get(role, {"color": "#9d9d9d", "zh": role, "en": role})


def is_institution(body_type: str | None) -> bool:
    """A body of government, party, legislature, army or mass organization, as opposed to
    a company, platform, post or jurisdiction that a sentence also makes responsible."""
    return body_type in palette()["institution_types"]
