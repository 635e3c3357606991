"""Pages as Jinja2 templates (autoescaped) or as JSON, one data dict for both.

A page builder returns the page's data; ``respond`` sends it as HTML through its
template, or as JSON when the path ends in ``.json`` or the Accept header prefers JSON.
Document text reaches HTML only through the templates' escaping; highlighting is data
(``marks``: text segments with a class), never markup made in Python.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from plankg.errors import PlankgError
from plankg.sparql_protocol import negotiate
from plankg.web import links
from plankg.web.remotewatch import UpstreamError

WEB_DIR = Path(__file__).resolve().parent
ROLE_ZH = {
    "lead": "牵头",
    "accountable": "最终负责",
    "implementing": "实施",
    "cooperating": "配合",
    "supervising": "监督",
    "partner": "合作方",
    "beneficiary": "受益方",
}
BASIS_ZH = {
    "assignment": "任务分工表",
    "stated": "原文明示",
    "mandate": "部门职责",
    "place": "属地政府",
    "issuer": "发文政府",
}
_COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "约"}
_CHANGE_SIGNS = {"increase": " ↑", "decrease": " ↓"}


def marks(text: str | None, needles: Iterable[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """``text`` cut into (segment, class) pairs, class "" for plain text; each occurrence of
    a needle phrase gets the needle's class. Earlier needles win where occurrences overlap.
    """
    text = text or ""
    taken: list[tuple[int, int, str]] = []
    for phrase, cls in needles:
        if not phrase:
            continue
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, cls))
            start = text.find(phrase, end)
    out: list[tuple[str, str]] = []
    position = 0
    for start, end, cls in sorted(taken):
        if start > position:
            out.append((text[position:start], ""))
        out.append((text[start:end], cls))
        position = end
    if position < len(text) or not out:
        out.append((text[position:], ""))
    return out


def target_value(row: dict[str, Any]) -> str:
    """A target's value as one short string: 约3% ↓, ≥3.5%, 6%－6.5%."""
    value, unit = str(row.get("value") or ""), str(row.get("unit") or "")
    if unit and value.endswith(unit):  # a range written with its unit on each bound
        unit = ""
    sign = _COMPARATOR_SIGNS.get(str(row.get("comparator")), "")
    return f"{sign}{value}{unit}{_CHANGE_SIGNS.get(str(row.get('change')), '')}"


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` element (no ``</script>``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(WEB_DIR / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        marks=marks,
        target_value=target_value,
        role_zh=lambda role: ROLE_ZH.get(role, role),
        basis_zh=lambda basis: BASIS_ZH.get(basis, basis),
        script_json=lambda data: jinja2.utils.markupsafe.Markup(script_json(data)),
        cell=links.cell,
        needles=lambda values, cls: [(v, cls) for v in (values or []) if v],
    )
    env.globals.update(url=links.url, entity_url=links.entity_url,
                       commitment_url=links.commitment_url, document_url=links.document_url)
    return env


class Json(JSONResponse):
    def render(self, content: object) -> bytes:
        # Compact: with an indent, json falls back from its C encoder to Python code.
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    offered = {"text/html": 1, "application/json": 1}
    return negotiate(accept, offered, "text/html") == "application/json"


def json_href(request: Request) -> str:
    path = request.url.path
    path = "/index" if path == "/" else path.removesuffix(".json")
    query = request.url.query
    return path + ".json" + (f"?{query}" if query else "")


def html(request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
    from plankg.web.state import app_state

    state = app_state(request)
    context = {
        "data": data,
        "json_href": json_href(request),
        "stale": state.watch.changing,
        "source": state.watch.footer(),
        "request_path": request.url.path,
    }
    body = environment().get_template(template).render(context)
    return Response(body, status_code=status, media_type="text/html; charset=utf-8")


def respond(request: Request, template: str, data: dict[str, Any] | None) -> Response:
    """The page as JSON or HTML; 404 when there is no such thing (``data`` None)."""
    if data is None:
        return not_found(request)
    if wants_json(request):
        return Json(data)
    return html(request, template, data)


def not_found(request: Request) -> Response:
    if wants_json(request):
        return Json({"error": "not found"}, status_code=404)
    return html(request, "error.html", {"title": "Not found", "status": 404,
                                        "message": "没有这一页 There is no such page."}, 404)


def error(request: Request, message: str, status: int = 400) -> Response:
    if wants_json(request):
        return Json({"error": message}, status_code=status)
    return html(request, "error.html", {"title": "Error", "status": status, "message": message},
                status)


def failure_status(problem: PlankgError) -> int:
    """The user's mistake (400), or the remote endpoint's (502)."""
    return 502 if isinstance(problem, UpstreamError) else 400


def failure(request: Request, problem: PlankgError) -> Response:
    """A page that could not be made, in one line."""
    return error(request, str(problem), failure_status(problem))


def missing(request: Request, form: str, name: str, title: str) -> Response:
    """A page called without its parameter: the form to ask for it (JSON: 400)."""
    if wants_json(request):
        return Json({"error": f"missing parameter {name}"}, status_code=400)
    return html(request, "form.html", {"title": title, "form": form, "name": name})
