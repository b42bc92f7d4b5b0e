"""The review queue for uncertain person pairs, analyst judgements, and undoing merges."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from enlace.messages import N_
from enlace.resolution import entities, review
from enlace.resolution import service as resolution
from enlace.resolution.engine import THRESHOLDS, Verdict
from enlace.security.roles import Permission
from enlace.security.tables import User
from enlace.web.deps import CsrfChecked, SessionDep, require
from enlace.web.i18n import gettext
from enlace.web.rendering import render

router = APIRouter()
Judge = Annotated[User, Depends(require(Permission.JUDGE_MATCHES))]

COMPARISONS: dict[str, str] = {
    "given_name": N_("Given name"),
    "surname": N_("Surnames"),
    "birth": N_("Date of birth or age"),
    "sex": N_("Sex"),
    "phone": N_("Phone nearby"),
    "email": N_("Email"),
    "id_number": N_("ID number"),
    "curp": N_("CURP against name and birth date"),
    "address": N_("Address nearby"),
    "place": N_("Place of the reports"),
}
LEVELS: dict[str, str] = {
    "exact": N_("the same"),
    "exact_middle_differs": N_("the same, middle names differ"),
    "swapped": N_("the same with given name and surname swapped"),
    "partial_or_initial": N_("an initial or one of several names agrees"),
    "jw_0.92": N_("nearly the same spelling"),
    "jw_0.90": N_("nearly the same spelling"),
    "jw_0.80": N_("a similar spelling"),
    "jw_0.70": N_("a similar spelling"),
    "same_number_jw_0.70": N_("same street number, similar street"),
    "else": N_("different"),
    "both_exact": N_("both the same"),
    "paternal_exact": N_("first surname the same, second missing on one side"),
    "maternal_differs": N_("first surname the same, second differs"),
    "cross_position": N_("the same surname in another position"),
    "both_reordered": N_("both surnames the same, in the other order"),
    "age_close": N_("the age fits the birth year"),
    "age_near": N_("the age nearly fits the birth year"),
    "day_month_swapped": N_("day and month swapped"),
    "one_typo": N_("one digit differs"),
    "age_window": N_("ages fit the same birth year"),
    "two_typos_or_year": N_("close (two digits or one year apart)"),
    "agree": N_("the same"),
    "disagree": N_("different"),
    "same_last_7": N_("same last 7 digits"),
    "local_part_close": N_("nearly the same name before the @"),
    "one_edit": N_("one character differs"),
    "two_edits": N_("two characters differ"),
    "consistent": N_("consistent"),
    "mostly_consistent": N_("mostly consistent"),
    "inconsistent": N_("inconsistent"),
    "postcode_and_city": N_("same postcode and city"),
    "postcode": N_("same postcode"),
    "city": N_("same city"),
    "postcode_one_edit": N_("postcode one digit apart"),
    "state": N_("same state only"),
}


def evidence_lines(evidence: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(comparison, finding, counts for the match) in the reader's language, strongest first."""
    lines = []
    for name, (level, weight) in sorted(evidence.items(), key=lambda kv: -abs(kv[1][1])):
        if level == "null" or name not in COMPARISONS:
            continue
        finding = gettext(LEVELS[level]) if level in LEVELS else level
        lines.append((gettext(COMPARISONS[name]), finding, float(weight) >= 0))
    return lines


@router.get("/resolution/review", include_in_schema=False)
def review_page(request: Request, session: SessionDep, _user: Judge) -> Response:
    items = review.review_queue(session)
    return render(
        request,
        "resolution/review.html",
        {
            "items": [(item, evidence_lines(item.candidate.evidence)) for item in items],
            "unchecked": review.unchecked_merges(session),
            "leads": THRESHOLDS["leads"],
            "default": THRESHOLDS["default"],
        },
    )


def _back(next_url: str, fallback: str) -> str:
    local = next_url.startswith("/") and not next_url.startswith(("//", "/\\"))
    return next_url if local else fallback


@router.post("/resolution/judgements", include_in_schema=False, dependencies=[CsrfChecked])
def record_judgement(
    session: SessionDep,
    user: Judge,
    left: Annotated[int, Form()],
    right: Annotated[int, Form()],
    verdict: Annotated[Verdict, Form()],
    reason: Annotated[str, Form(max_length=review.MAX_REASON)] = "",
    next_url: Annotated[str, Form(alias="next")] = "/resolution/review",
) -> Response:
    review.judge(session, left, right, verdict, user, reason)
    return RedirectResponse(_back(next_url, "/resolution/review"), status_code=303)


@router.post(
    "/resolution/entities/{entity_id}/judgement",
    include_in_schema=False,
    dependencies=[CsrfChecked],
)
def record_entity_judgement(
    entity_id: int,
    session: SessionDep,
    user: Judge,
    verdict: Annotated[Verdict, Form()],
    reason: Annotated[str, Form(max_length=review.MAX_REASON)] = "",
    next_url: Annotated[str, Form(alias="next")] = "",
) -> Response:
    review.judge_entity(session, entity_id, verdict, user, reason)
    return RedirectResponse(_back(next_url, f"/entities/{entity_id}"), status_code=303)


@router.post(
    "/resolution/merges/{merge_id}/undo", include_in_schema=False, dependencies=[CsrfChecked]
)
def undo_merge(
    merge_id: int,
    session: SessionDep,
    user: Judge,
    reason: Annotated[str, Form(max_length=review.MAX_REASON)] = "",
    next_url: Annotated[str, Form(alias="next")] = "/resolution/review",
) -> Response:
    review.undo(session, merge_id, user, reason)
    return RedirectResponse(_back(next_url, "/resolution/review"), status_code=303)


@router.post("/resolution/run", include_in_schema=False, dependencies=[CsrfChecked])
def run_resolution(session: SessionDep, _user: Judge) -> Response:
    resolution.resolve_entities(session)
    return RedirectResponse("/resolution/review", status_code=303)


class JudgementIn(BaseModel):
    left: int
    right: int
    verdict: Verdict
    reason: str = Field(default="", max_length=review.MAX_REASON)


@router.post("/api/v1/resolution/judgements", tags=["resolution"], status_code=201)
def judgement_api(body: JudgementIn, session: SessionDep, user: Judge) -> dict[str, Any]:
    """Record an analyst's verdict on two entities (``positive`` merges them, ``negative``
    splits them if merged, ``unsure`` only takes them off the review queue)."""
    row = review.judge(session, body.left, body.right, body.verdict, user, body.reason)
    return {
        "id": row.id,
        "left": row.left_entity_id,
        "right": row.right_entity_id,
        "verdict": row.verdict,
        "reason": row.reason,
        "created_at": row.created_at.isoformat(),
        "entity": entities.current_entity(session, row.left_entity_id),
    }


@router.get("/api/v1/resolution/candidates", tags=["resolution"])
def candidates_api(session: SessionDep, _user: Judge) -> dict[str, Any]:
    """Pairs the model could not decide, the most likely first."""
    data = [
        {
            "left": item.candidate.left_entity_id,
            "right": item.candidate.right_entity_id,
            "left_label": item.left.label,
            "right_label": item.right.label,
            "probability": item.candidate.probability,
            "evidence": item.candidate.evidence,
        }
        for item in review.review_queue(session)
    ]
    return {"data": data, "count": len(data)}
