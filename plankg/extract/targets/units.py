"""Units written after a number, read from ``ontology/units.ttl``.

Each unit concept there lists its written forms (``pk:writtenForm``: 公里, 千米, km) and
belongs to one ``skos:Collection`` whose notation names how the grammar treats it:
``percent``, ``money``, ``classifier`` (counts: 人, 户, 个), ``measure``, ``time``, ``age``
or ``times``. The unit's ``skos:notation`` is the normalized unit of a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from plankg.extract.targets.words import QUALIFIER_CMP
from plankg.model import Comparator
from plankg.namespaces import PK
from plankg.resources import ontology_dir

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_WRITTEN = str(PK.writtenForm)


@dataclass(frozen=True)
class UnitForm:
    written: str  # as in the text: 公里
    unit: str  # normalized (the unit's skos:notation): km
    unit_class: str  # the notation of its collection: measure


@cache
def unit_forms() -> dict[str, UnitForm]:
    """written form → UnitForm, for every unit of ``ontology/units.ttl``."""
    path = ontology_dir() / "units.ttl"
    notation: dict[str, str] = {}
    written: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if not isinstance(subject, ox.NamedNode):
            continue
        if predicate == _SKOS + "notation" and isinstance(obj, ox.Literal):
            notation[subject.value] = obj.value
        elif predicate == _WRITTEN and isinstance(obj, ox.Literal):
            written.setdefault(subject.value, []).append(obj.value)
        elif predicate == _SKOS + "member" and isinstance(obj, ox.NamedNode):
            members.setdefault(subject.value, []).append(obj.value)
    unit_class = {unit: notation[group] for group, units in members.items() for unit in units}
    forms: dict[str, UnitForm] = {}
    for unit, texts in sorted(written.items()):
        if unit not in unit_class or unit not in notation:
            raise ValueError(f"{path}: {unit} has written forms but no notation or group")
        for text in texts:
            if text in forms:
                raise ValueError(f"{path}: {text!r} is written for two units")
            forms[text] = UnitForm(text, notation[unit], unit_class[unit])
    return forms


@cache
def unit_re() -> re.Pattern[str]:
    """Any written form, longest first; a Latin form does not run on into letters (kWh)."""
    forms = sorted(unit_forms(), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in forms) + r"(?![A-Za-z])")


@cache
def latin_unit_token_re() -> re.Pattern[str]:
    """A number glued to a Latin unit (120km, 50MW): a quantity, not a name like 5G."""
    latin = sorted(
        (w for w in unit_forms() if any(c.isascii() and c.isalpha() for c in w)),
        key=lambda w: (-len(w), w),
    )
    return re.compile(r"\d+(?:\.\d+)?(?:" + "|".join(re.escape(w) for w in latin) + ")", re.ASCII)


# Qualifiers written after the unit: 以上, 以内, 左右; 内 only after a time unit (30日内).
QUALIFIER_RE = re.compile(
    "|".join(
        re.escape(q) if q != "内" else r"(?<=[日天月时年])内"
        for q in sorted(QUALIFIER_CMP, key=len, reverse=True)
    )
)


def qualifier_comparator(qualifier: str) -> Comparator:
    return QUALIFIER_CMP[qualifier]
