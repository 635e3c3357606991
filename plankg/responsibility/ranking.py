"""How a commitment's responsibilities are ordered, and the confidences they carry."""

from __future__ import annotations

from plankg.model import Responsibility

ROLE_ORDER = ("lead", "cooperating", "implementing", "partner", "supervising", "beneficiary",
              "accountable")
TIER_STATED_WHOLE = 0
TIER_ASSIGNMENT = 1
TIER_MANDATE = 2
TIER_STATED_PART = 3
TIER_PLACE = 4
TIER_ISSUER = 5
ROLE_RANK = {role: i for i, role in enumerate(ROLE_ORDER)}
BASIS_TIER = {"stated": TIER_STATED_WHOLE, "assignment": TIER_ASSIGNMENT,
               "mandate": TIER_MANDATE, "place": TIER_PLACE, "issuer": TIER_ISSUER}


def ranking_key(resp: Responsibility, tier: int | None = None) -> tuple:
    """The documented ordering key (see the module docstring); smaller ranks first.

    ``tier`` defaults to the basis' tier; pass ``TIER_STATED_PART`` for a stated
    responsibility that concerns only one sentence of a longer commitment.
    """
    if tier is None:
        tier = BASIS_TIER[resp.basis]
    return (
        ROLE_RANK[resp.role],
        tier,
        -resp.confidence,
        resp.sentence if resp.sentence is not None else 1 << 30,
        resp.start if resp.start is not None else 0,
        resp.body,
    )



CONF_STATED = 0.9
CONF_STATED_EXPLICIT = 0.95  # 由X牵头, X为责任单位
CONF_STATED_NAMED = 0.85  # a department named with no other cue
CONF_PLACE = 0.6
CONF_ISSUER = 1.0
CONF_FALLBACK_MAX = 0.35  # headings or the parent decided
CONF_DEFAULT = 0.2  # nothing decided: the coordinating department by default

# Sentence weights when an item or paragraph is ranked from its sentences: the item's
# heading (一是…。) or a paragraph's short topic sentence says what the item is about.
HEADING_WEIGHT = 2.5
TOPIC_WEIGHT = 2.0
TOPIC_MAX_CHARS = 30
RUNNER_UP_SHARE = 1.0  # how much a sentence's second and later departments count
# A commitment with this many targets across this many departments is the plan's target
# system, which the development and reform commission compiles and coordinates.
TARGET_SYSTEM_MIN_TARGETS = 5
TARGET_SYSTEM_MIN_DEPARTMENTS = 3
TARGET_SYSTEM_DENSITY = 2.0  # targets per sentence
SATURATION = 1.2  # vote score at which item confidence reaches 1 - 1/e before competition
COOPERATING_MIN_SHARE = 0.25  # of the lead's score: a "real score" for a cooperating dept
COOPERATING_MIN_CONF = 0.1
MAX_COOPERATING = 3
MAX_CUES = 12
