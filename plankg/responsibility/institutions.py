"""What a department is called in one jurisdiction: the institutional templates per level.

``ontology/institutions.ttl`` holds the data: for each department type its name at each
level class (a province's 农业农村厅, a municipality's 农业农村委员会, a county's 农业农村局),
which types a level folds into another (a province has no 城市管理局), and the exceptions
of single jurisdictions (北京市水务局, 四川省经济和信息化厅, 重庆市商务委员会 and the names
重庆's districts share). This module reads it and answers one question:
``department_in(dept, place, year)`` → the department type that does that work there and
its full name, or None when the jurisdiction has no such body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from pyoxigraph import BlankNode, NamedNode, RdfFormat, parse
from pyoxigraph import Literal as RdfLiteral

from plankg.catalog import DepartmentType, department_by_iri, jurisdiction_english
from plankg.catalog.jurisdictions import MUNICIPALITIES, NATIONAL_NAMES
from plankg.namespaces import PK
from plankg.resources import ontology_dir

LevelClass = Literal["national", "province", "municipality", "city", "district"]

_INST = "https://w3id.org/plankg/institution/"
_SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# English names of this form take the jurisdiction after them: "… of Guangdong Province".
_OF_FORMS = ("Department of", "Office of", "Bureau of", "General Office of")


@dataclass(frozen=True)
class NamingRule:
    """One row: a department's name (or its folding into another type) at a level class or
    in one jurisdiction, optionally for some years only."""

    department: str  # catalog IRI
    name_zh: str | None = None
    name_en: str | None = None
    template_zh: str | None = None  # with {place}: 国家税务总局{place}税务局
    template_en: str | None = None
    folds_into: str | None = None
    from_year: int | None = None
    until_year: int | None = None
    applies_to: frozenset[str] = frozenset({"self"})
    # Work this body takes over from other types there, by the keyword that cues it
    # (北京's 水务局: urban sewage and drainage, a 住房和城乡建设 mandate elsewhere).
    takes_keywords: frozenset[str] = frozenset()

    def holds_in(self, year: int | None) -> bool:
        if year is None:
            # Unknown year: the current names.
            return self.until_year is None
        return (self.from_year is None or year >= self.from_year) and (
            self.until_year is None or year <= self.until_year)


@dataclass(frozen=True)
class Institution:
    """A department of one jurisdiction: its type (after folding) and full names."""

    department: DepartmentType
    zh: str
    en: str | None


Node = NamedNode | BlankNode | RdfLiteral


@cache
def _institution_triples() -> tuple:  # noqa: ANN401 - pyoxigraph triples
    """institutions.ttl, parsed once."""
    return tuple(parse(path=str(ontology_dir() / "institutions.ttl"), format=RdfFormat.TURTLE))


@cache
def _rules() -> tuple[dict[tuple[str, str], tuple[NamingRule, ...]],
                      dict[tuple[str, str], tuple[NamingRule, ...]]]:
    """(level class, department IRI) → rules; (jurisdiction, department IRI) → rules."""
    triples: dict[Node, dict[str, list[Node]]] = {}
    for triple in _institution_triples():
        triples.setdefault(triple.subject, {}).setdefault(triple.predicate.value, []).append(
            triple.object)
    pk = str(PK)
    by_level: dict[tuple[str, str], list[NamingRule]] = {}
    by_place: dict[tuple[str, str], list[NamingRule]] = {}
    for subject, props in triples.items():
        is_place = NamedNode(pk + "Jurisdiction") in props.get(_RDF_TYPE, [])
        place = _text(props.get(_SKOS_PREF, []), "zh") if is_place else None
        for node in props.get(pk + "namedAt", []):
            row = triples.get(node, {})
            department = (subject.value if not is_place
                          else _iri(row.get(pk + "department", [])))
            if department is None:
                continue
            rule = NamingRule(
                department=department,
                name_zh=_text(row.get(pk + "name", []), "zh"),
                name_en=_text(row.get(pk + "name", []), "en"),
                template_zh=_text(row.get(pk + "nameTemplate", []), "zh"),
                template_en=_text(row.get(pk + "nameTemplate", []), "en"),
                folds_into=_iri(row.get(pk + "foldsInto", [])),
                from_year=_int(row.get(pk + "fromYear", [])),
                until_year=_int(row.get(pk + "untilYear", [])),
                applies_to=frozenset(_plain(row.get(pk + "appliesTo", []))) or frozenset({"self"}),
                takes_keywords=frozenset(v.value for v in row.get(pk + "takesKeyword", [])
                                         if isinstance(v, RdfLiteral)),
            )
            if is_place and place:
                by_place.setdefault((place, department), []).append(rule)
            else:
                for level in row.get(pk + "levelClass", []):
                    key = (level.value.removeprefix(_INST), department)
                    by_level.setdefault(key, []).append(rule)
    return ({k: tuple(v) for k, v in by_level.items()},
            {k: tuple(v) for k, v in by_place.items()})


def _text(values: list[Node], lang: str) -> str | None:
    return next((v.value for v in values if isinstance(v, RdfLiteral) and v.language == lang),
                None)


def _plain(values: list[Node]) -> Iterator[str]:
    return (v.value for v in values if isinstance(v, RdfLiteral))


def _iri(values: list[Node]) -> str | None:
    return next((v.value for v in values if isinstance(v, NamedNode)), None)


def _int(values: list[Node]) -> int | None:
    return next((int(v.value) for v in values if isinstance(v, RdfLiteral)), None)


@lru_cache(maxsize=4096)
def level_class(place: str) -> LevelClass | None:
    """北京市 → municipality, 广东省 → province, 昌吉回族自治州 → city, 昆山市 → district."""
    if place in NATIONAL_NAMES:
        return "national"
    if place in MUNICIPALITIES:
        return "municipality"
    if place.endswith(("省", "自治区", "特别行政区")):
        return "province"
    if place.endswith(("自治州", "地区", "盟")):
        return "city"
    if place.endswith("市"):
        division = _division(place)
        return "district" if division is not None and division.level == "district" else "city"
    if place.endswith(("区", "县", "旗")):
        return "district"
    return None


def parent_of(place: str) -> str | None:
    """The jurisdiction above (渝北区 → 重庆市), from the national division table."""
    division = _division(place)
    return division.parent if division is not None else None


def _division(place: str):  # noqa: ANN202 - AdminDivision lives in the place lexicon
    from plankg.extract.lexicon import lookup_admin

    return lookup_admin(place)


def _applicable(rules: tuple[NamingRule, ...], year: int | None,
                scope: str) -> NamingRule | None:
    return next((r for r in rules if scope in r.applies_to and r.holds_in(year)), None)


def _rule_for(department: str, place: str, year: int | None,
              parent: str | None = None) -> NamingRule | None:
    by_level, by_place = _rules()
    own = _applicable(by_place.get((place, department), ()), year, "self")
    if own is not None:
        return own
    parent = parent or parent_of(place)
    while parent is not None:
        inherited = _applicable(by_place.get((parent, department), ()), year, "subordinate")
        if inherited is not None:
            return inherited
        parent = parent_of(parent) if parent not in MUNICIPALITIES else None
    level = level_class(place)
    if level is None:
        return None
    return _applicable(by_level.get((level, department), ()), year, "self")


@cache
def _takeovers() -> dict[str, tuple[NamingRule, ...]]:
    """Jurisdiction → its rows that take over keywords."""
    _, by_place = _rules()
    out: dict[str, list[NamingRule]] = {}
    for (place, _), rules in sorted(by_place.items()):
        out.setdefault(place, []).extend(r for r in rules if r.takes_keywords)
    return {place: tuple(rules) for place, rules in out.items() if rules}


@lru_cache(maxsize=8192)  # asked for every department ranked in every sentence
def keyword_owner(cue: str, place: str, year: int | None = None,
                  parent: str | None = None) -> DepartmentType | None:
    """The department type that does the work ``cue`` stands for in ``place`` when the
    jurisdiction (or one above it, for its subordinates) gives it to a body other than
    the catalog's; None when the catalog's type holds."""
    takeovers = _takeovers()
    scope, where = "self", place
    while where is not None:
        for rule in takeovers.get(where, ()):
            if cue in rule.takes_keywords and scope in rule.applies_to and rule.holds_in(year):
                return department_by_iri(rule.department)
        if where in MUNICIPALITIES:
            break
        scope, where = "subordinate", (parent if where == place and parent else parent_of(where))
    return None


def department_in(dept: DepartmentType, place: str, year: int | None = None,
                  place_en: str | None = None, parent: str | None = None) -> Institution | None:
    """The body that does ``dept``'s work in ``place``: its type (after the level's
    folding) and full name; None when the level has no such body and nothing takes its
    work. Types without a naming rule keep the catalog's template. ``parent`` names the
    jurisdiction above when the place's name is ambiguous (朝阳区 in 北京 or 长春)."""
    seen: set[str] = set()
    while dept.iri not in seen:
        seen.add(dept.iri)
        rule = _rule_for(dept.iri, place, year, parent)
        if rule is None:
            return _legacy(dept, place, place_en)
        if rule.folds_into is not None:
            target = department_by_iri(rule.folds_into)
            if target is None:
                return None
            dept = target
            continue
        return Institution(dept, *_names(rule, place, place_en))
    return None


def _names(rule: NamingRule, place: str, place_en: str | None) -> tuple[str, str | None]:
    english = place_en or jurisdiction_english(place)
    if rule.template_zh:
        zh = rule.template_zh.replace("{place}", place)
        en = (rule.template_en.replace("{place_en}", english)
              if rule.template_en and english else None)
        return zh, en
    zh = place + (rule.name_zh or "")
    en = None
    if rule.name_en and english:
        en = (f"{rule.name_en} of {english}" if rule.name_en.startswith(_OF_FORMS)
              else f"{english} {rule.name_en}")
    return zh, en


def _legacy(dept: DepartmentType, place: str, place_en: str | None) -> Institution | None:
    """The catalog's own template, where the department type exists at the place's level."""
    from plankg.catalog import instantiate, national_body_for

    level = level_class(place)
    if level == "national":
        body = national_body_for(dept)
        return Institution(dept, body.zh, body.en) if body is not None else None
    catalog_level = "province" if level == "municipality" else level
    if catalog_level is not None and catalog_level not in dept.levels:
        return None
    zh, en = instantiate(dept, place, place_en)
    return Institution(dept, zh, en)


# ---------------------------------------------------------------------------- places' bodies


@dataclass(frozen=True)
class PlaceBody:
    """The body that governs or runs a place: a government, an administrative office, a
    zone's management committee."""

    zh: str
    en: str | None
    kind: Literal["government", "zone"]


@cache
def _place_templates() -> tuple[tuple[tuple[str, ...], str, str, str], ...]:
    """(suffixes, zh template, en template, collection) from institutions.ttl, longest
    suffixes first; the collection without suffixes is the default government."""
    triples: dict[str, dict[str, list[Node]]] = {}
    for triple in _institution_triples():
        if isinstance(triple.subject, NamedNode):
            triples.setdefault(triple.subject.value, {}).setdefault(
                triple.predicate.value, []).append(triple.object)
    pk = str(PK)
    out = []
    for subject, props in triples.items():
        if pk + "nameTemplate" not in props or not subject.startswith(_INST):
            continue
        suffixes = tuple(sorted((v.value for v in props.get(pk + "nameSuffix", [])
                                 if isinstance(v, RdfLiteral)), key=len, reverse=True))
        zh = _text(props[pk + "nameTemplate"], "zh") or "{place}"
        en = _text(props[pk + "nameTemplate"], "en") or ""
        out.append((suffixes, zh, en, subject.removeprefix(_INST)))
    return tuple(sorted(out, key=lambda t: -max((len(s) for s in t[0]), default=0)))


def _fill(template: str, place: str, english: str | None) -> str | None:
    if "{place_en}" in template:
        return template.replace("{place_en}", english) if english else None
    return template.replace("{place}", place)


@cache
def designation_prefixes() -> tuple[str, ...]:
    """Prefixes of designations awarded to places (国家…示范区), which have no body."""
    subject = NamedNode(_INST + "designations")
    return tuple(t.object.value for t in _institution_triples()
                 if t.subject == subject and t.predicate.value == str(PK) + "namePrefix")


def zone_body(name: str) -> PlaceBody | None:
    """A development zone or new area's management body (天府新区 → 天府新区管理委员会);
    None for a designation (国家生态文明建设示范区)."""
    if name.startswith(designation_prefixes()):
        return None
    for suffixes, zh, _en, collection in _place_templates():
        if collection in ("managed-zones", "park-administrations") and any(
                name.endswith(s) and len(name) > len(s) for s in suffixes):
            return PlaceBody(_fill(zh, name, None) or name, None, "zone")
    return None


@cache
def development_suffixes() -> tuple[str, ...]:
    """Suffixes of developments named after the area that builds them (龙川新城)."""
    subject = NamedNode(_INST + "area-developments")
    return tuple(sorted(
        (t.object.value for t in _institution_triples()
         if t.subject == subject and t.predicate.value == str(PK) + "nameSuffix"),
        key=len, reverse=True))


def government_body(full_name: str) -> PlaceBody:
    """An administrative area's government: 昌吉回族自治州人民政府, 塔城地区行政公署."""
    english = jurisdiction_english(full_name)
    default = None
    for suffixes, zh, en, collection in _place_templates():
        if collection in ("managed-zones", "park-administrations"):
            continue
        if not suffixes:
            default = (zh, en)
        elif any(full_name.endswith(s) for s in suffixes):
            return PlaceBody(_fill(zh, full_name, english) or full_name,
                             _fill(en, full_name, english), "government")
    zh, en = default or ("{place}人民政府", "{place_en} People's Government")
    return PlaceBody(_fill(zh, full_name, english) or full_name, _fill(en, full_name, english),
                     "government")
