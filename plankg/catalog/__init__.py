"""The department catalog and CAP topics: who is (usually) accountable for what.

``ontology/departments.ttl`` lists the functional departments of a district/county
government (and the party organs, mass organizations and courts that lead plan tasks)
with their mandates and the policy vocabulary of their work; ``ontology/cap-topics.ttl``
the Comparative Agendas Project major topics. The package (``vocabulary``, ``names``,
``cues``, ``jurisdictions``) loads both once and offers:

* ``find_departments`` / ``match_department``: departments *named* in a text
  (区生态环境局, 市发改委, 团区委, 生态环境部 …), with the administrative level
  read from the prefix (区/县 → district, 市/州 → city, 省 → province, 国家/部 → national);
* ``rank_departments``: departments *inferred* from keyword evidence in a commitment;
* ``instantiate``: the full name of a department type in one jurisdiction.
"""

from plankg.catalog.cues import (
    KEYWORD_WEIGHT,
    NAMED_WEIGHT,
    STRONG_WEIGHT,
    KeywordCue,
    facility_department,
    find_keyword_cues,
    rank_departments,
)
from plankg.catalog.jurisdictions import (
    instantiate,
    jurisdiction_english,
    jurisdiction_level,
    national_body_for,
    romanize,
)
from plankg.catalog.names import (
    find_departments,
    match_department,
    match_department_mention,
)
from plankg.catalog.vocabulary import (
    CapTopic,
    DepartmentMention,
    DepartmentType,
    Level,
    NationalBody,
    department_by_iri,
    load_cap_topics,
    load_departments,
    load_national_bodies,
)

__all__ = [
    "CapTopic",
    "DepartmentMention",
    "DepartmentType",
    "KEYWORD_WEIGHT",
    "KeywordCue",
    "Level",
    "NAMED_WEIGHT",
    "NationalBody",
    "STRONG_WEIGHT",
    "department_by_iri",
    "facility_department",
    "find_departments",
    "find_keyword_cues",
    "instantiate",
    "jurisdiction_english",
    "jurisdiction_level",
    "load_cap_topics",
    "load_departments",
    "load_national_bodies",
    "match_department",
    "match_department_mention",
    "national_body_for",
    "rank_departments",
    "romanize",
]
