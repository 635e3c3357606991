"""Who is accountable for each commitment: stated, place, mandate and issuer responsibilities.

The package, stage by stage: ``jurisdiction`` (the document's governments and how their
bodies are named), ``bodies`` (bodies named in a sentence), ``stated`` (the grammar of
stated roles), ``scoring`` and ``mandate`` (departments whose mandate matches), ``place``,
``context`` (one document prepared) and ``infer`` (all of it, ranked).

``infer_responsibilities(doc)`` gives every commitment (item, paragraph and sentence
level) a ranked list of ``Responsibility`` records:

* **stated** — bodies the commitment's sentences name, with the role the wording gives
  (由X牵头 → lead, 配合市里 → the city leads and the document's government cooperates,
  与X合作 → partner, 力促X项目投产 → implementing, 支持X → beneficiary, 行政首长负责制 →
  the head of government is accountable, X督察 → supervising, a department named
  without other cue → lead);
* **place** — a town, subdistrict or village the commitment names: its government
  implements locally;
* **mandate** — the functional department whose standard mandate matches the wording
  (``catalog.rank_departments``), lead plus up to three cooperating departments. Cues
  inside enumerations (在教育、医疗、养老等领域) count half: they give the scope, not the
  task. An item or paragraph is ranked from its sentences (weighted votes, its heading
  counting most), so its lead is the department of most of its content; a dense list of
  targets across departments (主要预期目标) is led by the development and reform
  commission. Every commitment gets a lead: with no cue, the enclosing headings, then the
  parent commitment, then the development and reform commission (economic-planning
  language) or the government's general office decide, with a low confidence that says so;
* **issuer** — the issuing government (an office issues on behalf of its government),
  accountable for everything the document commits to.

Ranking. Within a commitment, responsibilities are ordered by ``ranking_key``::

    (role, tier, -confidence, evidence sentence, evidence start, body)

    role: lead < cooperating < implementing < partner < supervising < beneficiary
          < accountable
    tier: 0 stated about the whole commitment (a sentence-level commitment, the item's
            heading, or an explicit 牵头/负责 statement)
          1 assignment (an official task-assignment table)
          2 mandate (and a stated body that duplicates the mandate lead)
          3 stated about one sentence of a longer item or paragraph (配合市里 in one
            sentence of a ten-sentence item does not make the city the item's lead)
          4 place
          5 issuer

so the first lead is: stated lead > assignment lead > mandate lead. A stated (or
assigned) responsibility for a body and role suppresses the inferred one for the same
body and role. Output is grouped by commitment in document order and deterministic.
"""

from plankg.responsibility.bodies import resolve_body
from plankg.responsibility.infer import infer_responsibilities
from plankg.responsibility.jurisdiction import issuing_government
from plankg.responsibility.ranking import ROLE_ORDER, ranking_key
from plankg.responsibility.stated import stated_in_sentence

__all__ = [
    "ROLE_ORDER",
    "infer_responsibilities",
    "issuing_government",
    "ranking_key",
    "resolve_body",
    "stated_in_sentence",
]
