"""The document's own government, the governments above it, and how their bodies are named."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from plankg.catalog import (
    DepartmentType,
    instantiate,
    jurisdiction_english,
    jurisdiction_level,
    romanize,
)
from plankg.model import Metadata
from plankg.responsibility.institutions import (
    MUNICIPALITIES,
    NATIONAL_NAMES,
    Institution,
    department_in,
    keyword_owner,
)


@dataclass(frozen=True)
class Jurisdictions:
    """The document's own government and the governments above it."""

    own: str | None  # 渝北区
    own_en: str | None
    level: str | None  # district | city | province | national
    city: str | None  # the city above a district: 重庆市, 成都市
    province: str | None
    year: int | None = None  # names change with institutional reforms


LEVEL_RANK = {"township": 0, "district": 1, "city": 2, "province": 3, "national": 4}
_DOC_LEVEL = {"county": "district", "district": "district", "city": "city",
              "province": "province", "national": "national"}
_GOV_SUFFIX_RE = re.compile(
    r"(?:人民政府办公厅|人民政府办公室|政府办公厅|政府办公室|办公厅|办公室)$"
)


@lru_cache(maxsize=64)
def jurisdictions_of(metadata: Metadata) -> Jurisdictions:
    own = metadata.jurisdiction
    level = _DOC_LEVEL.get(metadata.level or "") or (jurisdiction_level(own) if own else None)
    if own in NATIONAL_NAMES:
        return Jurisdictions("中华人民共和国", "People's Republic of China", "national", None,
                             None, metadata.year)
    city = province = None
    issuer = metadata.issuer or ""
    if own and own in issuer:
        # 重庆市渝北区人民政府办公室: the units before the jurisdiction are above it.
        for unit in admin_units(issuer[: issuer.index(own)]):
            if unit.endswith(("省", "自治区", "特别行政区")):
                province = unit
            else:
                city = unit
    if own and (city is None or province is None):
        parent = admin_parent(own)
        grandparent = admin_parent(parent) if parent else None
        if level == "district":
            city = city or parent
            province = province or grandparent or (parent if parent in MUNICIPALITIES
                                                   else None)
        elif level == "city":
            province = province or parent
    if city in MUNICIPALITIES and province is None:
        province = city
    own_en = jurisdiction_english(own) if own else None
    return Jurisdictions(own, own_en, level, city, province, metadata.year)


def admin_units(prefix: str) -> list[str]:
    """The administrative units a name's prefix strings together (广东省广州市 → 广东省,
    广州市), read against the national division table: a regex stopping at the first
    州 or 市 cuts 广州 and 杭州 in two."""
    from plankg.extract.lexicon import lookup_admin

    units: list[str] = []
    start = 0
    while start < len(prefix):
        end = next((end for end in range(len(prefix), start + 1, -1)
                    if (found := lookup_admin(prefix[start:end])) is not None
                    and found.name == prefix[start:end]), None)
        if end is None:
            start += 1
            continue
        units.append(prefix[start:end])
        start = end
    return units


def admin_parent(name: str) -> str | None:
    # The national division table (cpca) through the place lexicon; None when ambiguous.
    from plankg.extract.lexicon import lookup_admin

    division = lookup_admin(name)
    return division.parent if division is not None else None


def government_name(place: str | None) -> tuple[str, str | None] | None:
    if place is None:
        return None
    if place == "中华人民共和国":
        return "国务院", "State Council"
    english = jurisdiction_english(place)
    return place + "人民政府", (english + " People's Government") if english else None


def issuing_government(metadata: Metadata) -> tuple[str, str | None] | None:
    """The government accountable for a document: its issuer, an office mapped to the
    government it issues for (重庆市渝北区人民政府办公室 → 渝北区人民政府; 国务院 → 国务院)."""
    juris = jurisdictions_of(metadata)
    issuer = metadata.issuer or ""
    if juris.level == "national" or issuer.startswith("国务院"):
        return "国务院", "State Council"
    if juris.own:
        return government_name(juris.own)
    stripped = _GOV_SUFFIX_RE.sub("", issuer)
    if stripped.endswith(("人民政府", "政府")):
        return stripped, None
    return None


def higher_government(juris: Jurisdictions, level: str) -> tuple[str, str | None]:
    """市里 → 重庆市人民政府 when the city is known, else the generic 市政府."""
    if level == "national":
        return "国务院", "State Council"
    place = juris.city if level == "city" else juris.province
    found = government_name(place)
    if found:
        return found
    return ("市政府", "City Government") if level == "city" else ("省政府",
                                                                 "Provincial Government")


def own_institution(dept: DepartmentType, juris: Jurisdictions) -> Institution | None:
    """The body of the document's own jurisdiction that does ``dept``'s work (after the
    level folds it: a province's 住房和城乡建设厅 for 城市管理), or None when there is
    none. With the jurisdiction unknown, the type itself."""
    if not juris.own:
        return Institution(dept, dept.zh, dept.en)
    above = juris.city if juris.level == "district" else juris.province
    return department_in(dept, juris.own, juris.year, juris.own_en,
                         parent=above if above != juris.own else None)


def keyword_institution(cue: str, dept: DepartmentType,
                        juris: Jurisdictions) -> Institution | None:
    """The body of the document's jurisdiction that takes over the work ``cue`` stands for
    from ``dept`` there (ontology/institutions.ttl, pk:takesKeyword); None when ``dept``
    keeps it."""
    if not juris.own:
        return None
    above = juris.city if juris.level == "district" else juris.province
    parent = above if above != juris.own else None
    owner = keyword_owner(cue, juris.own, juris.year, parent)
    if owner is None or owner.iri == dept.iri:
        return None
    return department_in(owner, juris.own, juris.year, juris.own_en, parent=parent)


KIND_BODY_TYPE = {"government": "government-body", "vertical": "government-body",
                   "party": "party-organ", "mass-organization": "mass-organization",
                   "judicial": "judicial", "military": "military", "other": "organization"}


def department_body(dept: DepartmentType, place: str | None, place_en: str | None = None,
                    year: int | None = None) -> tuple[str, str | None]:
    """The department of one jurisdiction (生态环境局 in 渝北区 → 渝北区生态环境局; 农业农村 in
    广东省 → 广东省农业农村厅), as ``ontology/institutions.ttl`` names it there."""
    if not place:
        return dept.zh, dept.en
    found = department_in(dept, place, year, place_en)
    if found is not None and found.department.iri == dept.iri:
        return found.zh, found.en
    # Named in the text though the level folds it: keep the department the text names.
    return instantiate(dept, place, place_en)


def place_for_level(juris: Jurisdictions, level: str | None) -> tuple[str | None, str | None]:
    if level is None or level == juris.level or juris.level is None:
        return juris.own, juris.own_en
    if level == "national":
        return "中华人民共和国", None
    if level == "city" and juris.city:
        return juris.city, None
    if level == "province" and juris.province:
        return juris.province, None
    if LEVEL_RANK.get(level, 0) < LEVEL_RANK.get(juris.level, 0):
        return juris.own, juris.own_en  # a lower level's unit named: scope to ours
    return None, None



def local_government(name: str, place_type: str) -> tuple[str, str, str | None]:
    """洛碛镇 → 洛碛镇人民政府; 龙山街道 → 龙山街道办事处; 河坝村 → 河坝村村民委员会."""
    stem_en = local_romanization(name)
    if place_type == "subdistrict" or name.endswith("街道"):
        en = f"{stem_en} Subdistrict Office" if stem_en else None
        return name + "办事处", "town-government", en
    if name.endswith("社区"):
        en = f"{stem_en} Community Residents' Committee" if stem_en else None
        return name + "居民委员会", "village-committee", en
    if place_type == "village" or name.endswith("村"):
        en = f"{stem_en} Village Committee" if stem_en else None
        return name + "村民委员会", "village-committee", en
    kind = "Township" if name.endswith("乡") else "Town"
    en = f"{stem_en} {kind} People's Government" if stem_en else None
    return name + "人民政府", "town-government", en


LOCAL_SUFFIX_RE = re.compile(r"(?:街道|社区|镇|乡|村)$")


@cache
def local_romanization(name: str) -> str | None:
    """洛碛镇 → Luoqi: the name without its town or village suffix, romanized."""
    stem = LOCAL_SUFFIX_RE.sub("", name)
    return romanize(stem) if stem else None


def parent_level(level: str | None) -> str | None:
    return {"district": "city", "city": "province", "province": "national"}.get(level or "")
