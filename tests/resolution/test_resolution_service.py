"""People resolved across stored reports, on SQLite and PostgreSQL: the incremental step against
stored blocking keys, the batch run, and analyst judgements that always override the model."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from enlace.errors import ConflictError, PermissionDeniedError
from enlace.extraction.mentions import extract_report
from enlace.extraction.tables import Mention
from enlace.intake.tables import Report
from enlace.resolution import entities, review
from enlace.resolution import service as resolution
from enlace.resolution.engine import Verdict
from enlace.resolution.tables import EntityMerge, ResolutionJudgement, ResolutionKey
from enlace.security.tables import AuditEvent, Role, User
from tests.factories import add_report

RECRUITER = (
    "El enganchador José Luis García Hernández, de unos 35 años, marca del 246 123 4567 "
    "y vive en Calle Hidalgo 45, Tlaxcala."
)
RECRUITER_AGAIN = "Un tal Jose Luis Garcia, de 35 años, llama desde el +52 1 246 123 4567."
RECRUITER_NICKNAME = "Pepe García Hernández nos ofreció trabajo; su número es 246 123 4567."
SISTERS = (
    "María Guadalupe López Pérez y su hermana Juana López Pérez viven en Calle Morelos 12, "
    "Puebla, tel 222 555 0101."
)
SISTER_AGAIN = "Otra vez llamó María Guadalupe López Pérez desde el 222 555 0101."


def _report(session: Session, narrative: str, *, resolve: bool = True) -> Report:
    report = add_report(session, narrative, language="es", country="MX", state="MX-TLA")
    report.city = "Tlaxcala"
    extract_report(session, report)
    if resolve:
        resolution.resolve_report(session, report)
    return report


def _person(session: Session, report: Report, text: str) -> int:
    entity_id = session.scalar(
        select(Mention.entity_id).where(
            Mention.report_id == report.id, Mention.kind == "person", Mention.text == text
        )
    )
    assert entity_id is not None, f"no person {text!r} in the report"
    return int(entity_id)


def _user(session: Session, role: Role) -> User:
    """An account that cannot sign in (no password hash): services only need who acts."""
    user = User(username=role.value, display_name=role.value, password_hash="!", role=role)
    session.add(user)
    session.flush()
    return user


def test_a_new_report_joins_the_person_it_names_through_stored_keys(session: Session) -> None:
    first = _report(session, RECRUITER)
    jose = _person(session, first, "José Luis García Hernández")
    keys = set(session.scalars(select(ResolutionKey.key).where(ResolutionKey.entity_id == jose)))
    assert "t:+522461234567" in keys and "n:garcia|j" in keys

    second = _report(session, RECRUITER_AGAIN)
    third = _report(session, RECRUITER_NICKNAME)
    assert _person(session, second, "Jose Luis Garcia") == jose
    assert _person(session, third, "Pepe García Hernández") == jose
    merges = session.scalars(select(EntityMerge).order_by(EntityMerge.id)).all()
    assert [(m.kept_entity_id, m.by) for m in merges] == [(jose, "model"), (jose, "model")]
    assert all(m.probability is not None and m.probability >= 0.9 for m in merges)
    assert merges[0].evidence["phone"][0] == "exact"  # the evidence is kept with the merge
    audited = session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.action == "entity.merge")
    )
    assert audited == 2
    # The absorbed entities left the blocking index: only the survivor is found by its keys.
    holders = session.scalars(
        select(ResolutionKey.entity_id).where(ResolutionKey.key == "t:+522461234567")
    ).all()
    assert set(holders) == {jose}


def test_sisters_sharing_surnames_address_and_phone_stay_apart(session: Session) -> None:
    report = _report(session, SISTERS)
    maria = _person(session, report, "María Guadalupe López Pérez")
    juana = _person(session, report, "Juana López Pérez")
    assert maria != juana
    again = _report(session, SISTER_AGAIN)
    assert _person(session, again, "María Guadalupe López Pérez") == maria
    assert entities.current_entity(session, juana) == juana


def test_undo_moves_the_mentions_back_and_rules_the_pair_apart(session: Session) -> None:
    analyst = _user(session, Role.ANALYST)
    first = _report(session, RECRUITER)
    second = _report(session, RECRUITER_AGAIN)
    jose = _person(session, first, "José Luis García Hernández")
    merge = session.scalars(select(EntityMerge)).one()
    review.undo(session, merge.id, analyst, "two different men")
    session.flush()
    assert _person(session, second, "Jose Luis Garcia") == merge.merged_entity_id != jose
    judged = session.scalars(select(ResolutionJudgement)).one()
    assert (judged.verdict, judged.author_id, judged.reason) == (
        "negative",
        analyst.id,
        "two different men",
    )
    actions = set(session.scalars(select(AuditEvent.action)))
    assert {"entity.merge", "entity.split", "resolution.judgement"} <= actions
    # The same report processed again does not bring the rejected merge back.
    resolution.resolve_report(session, second)
    assert _person(session, second, "Jose Luis Garcia") != jose
    with pytest.raises(ConflictError):
        review.undo(session, merge.id, analyst)


def test_a_rejected_pair_never_merges_through_a_third(session: Session) -> None:
    analyst = _user(session, Role.ANALYST)
    first = _report(session, RECRUITER, resolve=False)
    second = _report(session, RECRUITER_NICKNAME, resolve=False)
    jose = _person(session, first, "José Luis García Hernández")
    pepe = _person(session, second, "Pepe García Hernández")
    review.judge(session, jose, pepe, Verdict.NEGATIVE, analyst, "brothers")
    resolution.resolve_report(session, first)
    resolution.resolve_report(session, second)
    # A third report matches both; it may join one of them, never both.
    third = _report(session, RECRUITER_AGAIN)
    assert _person(session, third, "Jose Luis Garcia") == jose  # the closer match
    assert entities.current_entity(session, pepe) == pepe
    merge = session.scalars(select(EntityMerge)).one()
    # Nor can an analyst confirm a pair that would join them.
    with pytest.raises(ConflictError):
        review.judge(session, merge.merged_entity_id, pepe, Verdict.POSITIVE, analyst)


def test_judgements_override_the_model_and_the_latest_one_holds(session: Session) -> None:
    analyst = _user(session, Role.ANALYST)
    first = _report(session, SISTERS, resolve=False)
    maria = _person(session, first, "María Guadalupe López Pérez")
    juana = _person(session, first, "Juana López Pérez")
    review.judge(session, maria, juana, Verdict.NEGATIVE, analyst, "sisters")
    review.judge(session, maria, juana, Verdict.POSITIVE, analyst, "one woman, two names")
    assert entities.current_entity(session, juana) == entities.current_entity(session, maria)
    # A negative verdict on two entities now joined splits the merge that joined them.
    review.judge(session, maria, juana, Verdict.NEGATIVE, analyst, "sisters after all")
    assert entities.current_entity(session, juana) == juana
    log = session.scalars(select(ResolutionJudgement.verdict).order_by(ResolutionJudgement.id))
    assert list(log) == ["negative", "positive", "negative"]  # append-only


def test_a_cluster_can_be_split_apart_and_merged_again(session: Session) -> None:
    supervisor = _user(session, Role.SUPERVISOR)
    reports = [_report(session, t) for t in (RECRUITER, RECRUITER_AGAIN, RECRUITER_NICKNAME)]
    jose = _person(session, reports[0], "José Luis García Hernández")
    assert len(entities.members(session, jose)) == 3
    assert review.judge_entity(session, jose, Verdict.NEGATIVE, supervisor, "three men") == 2
    people = {
        _person(session, r, t)
        for r, t in zip(
            reports,
            ("José Luis García Hernández", "Jose Luis Garcia", "Pepe García Hernández"),
            strict=True,
        )
    }
    assert len(people) == 3 and entities.members(session, jose) == {jose}
    undone = session.scalars(select(EntityMerge).order_by(EntityMerge.id)).all()
    assert all(m.undone_at is not None and m.undone_by_id == supervisor.id for m in undone)
    # Reversible: a positive judgement on an undone pair merges it again.
    review.judge(session, jose, undone[0].merged_entity_id, Verdict.POSITIVE, supervisor)
    assert entities.members(session, jose) == {jose, undone[0].merged_entity_id}


def test_only_analysts_and_supervisors_judge(session: Session) -> None:
    investigator = _user(session, Role.INVESTIGATOR)
    report = _report(session, SISTERS)
    maria = _person(session, report, "María Guadalupe López Pérez")
    juana = _person(session, report, "Juana López Pérez")
    with pytest.raises(PermissionDeniedError):
        review.judge(session, maria, juana, Verdict.POSITIVE, investigator)
    assert session.scalar(select(func.count(ResolutionJudgement.id))) == 0


def test_batch_run_over_stored_people_trains_merges_and_keeps_judgements(session: Session) -> None:
    analyst = _user(session, Role.ANALYST)
    reports = [
        _report(session, t, resolve=False)
        for t in (RECRUITER, RECRUITER_AGAIN, RECRUITER_NICKNAME, SISTERS, SISTER_AGAIN)
    ]
    jose = _person(session, reports[0], "José Luis García Hernández")
    pepe = _person(session, reports[2], "Pepe García Hernández")
    review.judge(session, jose, pepe, Verdict.NEGATIVE, analyst, "father and son")
    summary = resolution.resolve_entities(session)
    assert summary.entities == 5  # María's second mention shares her folded name: one entity
    assert summary.merges >= 1
    again = _person(session, reports[1], "Jose Luis Garcia")
    assert entities.current_entity(session, again) in {jose, pepe}
    assert entities.current_entity(session, jose) != entities.current_entity(session, pepe)
    maria = _person(session, reports[3], "María Guadalupe López Pérez")
    juana = _person(session, reports[3], "Juana López Pérez")
    assert entities.current_entity(session, juana) != entities.current_entity(session, maria)


def _stored_ranking(session: Session, entity_id: int, keys: list[str], limit: int) -> list[int]:
    """Candidates as ranked over stored keys alone: most shared keys first, then smallest id."""
    rows = session.execute(
        select(ResolutionKey.entity_id)
        .where(ResolutionKey.key.in_(keys), ResolutionKey.entity_id != entity_id)
        .group_by(ResolutionKey.entity_id)
        .order_by(func.count().desc(), ResolutionKey.entity_id)
        .limit(limit)
    )
    return [int(i) for i in rows.scalars()]


@pytest.mark.parametrize("limit", [1, 2, 3, 60])
def test_a_reports_people_rank_among_candidates_as_if_stored(
    session: Session, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    # The report's own profiles are stored only after its decisions; until then they still
    # take their place in the ranking, so the candidates are those of a stored lookup.
    reports = [_report(session, t, resolve=False) for t in (RECRUITER, RECRUITER_AGAIN, SISTERS)]
    people = sorted(
        {int(e) for e in session.scalars(select(Mention.entity_id).where(Mention.kind == "person"))}
    )
    resolution.store_profiles(session, resolution.load_profiles(session, people))
    own = {
        _person(session, reports[2], "María Guadalupe López Pérez"),
        _person(session, reports[2], "Juana López Pérez"),
        _person(session, reports[0], "José Luis García Hernández"),
    }
    keys = {
        i: list(session.scalars(select(ResolutionKey.key).where(ResolutionKey.entity_id == i)))
        for i in sorted(own)
    }
    monkeypatch.setattr(resolution, "MAX_CANDIDATES", limit)
    near = resolution.neighbourhood(session, keys)
    assert near.own_stored == own  # their profiles were stored above
    for entity_id in own:
        expected = _stored_ranking(session, entity_id, keys[entity_id], limit)
        stored = near.shared.get(entity_id, [])
        assert resolution._candidates(entity_id, stored, keys) == expected
