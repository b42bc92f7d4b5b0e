"""Build the demo cases from the demo reports already in the database.

Networks come from the demo's ground truth when the caller passes them; otherwise reports are
grouped by place and what the narrative suggests. Rows are written directly (the generator
already keeps the rules: adults as defendants, consent or a minor-at-risk override behind every
referral), with one timeline line per case.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from enlace.cases import timeline
from enlace.cases.codes import FINAL_STAGES
from enlace.cases.tables import (
    Case,
    CaseAssignment,
    CaseReport,
    Consent,
    Defendant,
    Provider,
    Referral,
    StageEvent,
    Victim,
)
from enlace.demo.engine.cases import DemoCase, ReportRef, generate
from enlace.intake.references import ALPHABET
from enlace.intake.tables import Report
from enlace.security.crypto import FieldCipher
from enlace.security.tables import Agency, Role, User
from enlace.store.base import utcnow

MAX_GROUPS = 24
LABOUR_WORDS = ("campo", "cosecha", "field", "farm", "harvest", "obra", "construction", "fábrica")
SMUGGLING_WORDS = ("cruzar", "frontera", "pollero", "coyote", "smuggl", "border", "crossing")


def guess_typology(narratives: Sequence[str]) -> str:
    text = " ".join(narratives).lower()
    if any(w in text for w in SMUGGLING_WORDS):
        return "smuggling"
    if any(w in text for w in LABOUR_WORDS):
        return "labor_trafficking"
    return "sex_trafficking"


def _groups(
    reports: list[Report], networks: Mapping[str, Sequence[str]] | None
) -> dict[str, list[Report]]:
    by_ref = {r.reference: r for r in reports}
    if networks:
        found = {k: [by_ref[ref] for ref in refs if ref in by_ref] for k, refs in networks.items()}
        return {k: v for k, v in found.items() if v}
    places: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        places[f"{r.state or r.country}:{r.city or '?'}"].append(r)
    largest = sorted(places.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:MAX_GROUPS]
    return {k: v for k, v in largest if len(v) >= 2}


def _reference(seed: int, key: str) -> str:
    digest = hashlib.sha256(f"case:{seed}:{key}".encode()).digest()
    body = "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:8])
    return f"CAS-{body[:4]}-{body[4:]}"


def ensure_providers(session: Session) -> list[Provider]:
    """A small directory in both countries, tied to the demo's NGO agencies where they exist."""
    existing = list(session.scalars(select(Provider)))
    if existing:
        return existing
    ngos = list(session.scalars(select(Agency).where(Agency.level == "ngo").order_by(Agency.id)))
    us_ngo = next((a for a in ngos if a.country == "US" and "shelter" in a.name.lower()), None)
    mx_ngo = next((a for a in ngos if a.country == "MX"), None)
    rows = [
        (
            "Puente Survivor Services",
            "US",
            ["shelter", "legal", "immigration_relief"],
            ["US-TX"],
            us_ngo,
        ),
        (
            "Casa Colibrí, refugio para víctimas",
            "MX",
            ["shelter", "psychological", "legal"],
            ["MX-CMX"],
            mx_ngo,
        ),
        (
            "Border Health Clinic (demo)",
            "US",
            ["medical", "psychological"],
            ["US-TX", "US-CA"],
            None,
        ),
        ("T-Visa Legal Clinic (demo)", "US", ["immigration_relief", "legal"], [], None),
        ("Programa de Repatriación Segura (demo)", "MX", ["repatriation"], [], None),
        (
            "Centro de Atención Psicológica (demo)",
            "MX",
            ["psychological", "medical"],
            ["MX-TLA", "MX-PUE"],
            None,
        ),
    ]
    providers = []
    for name, country, services, states, agency in rows:
        p = Provider(
            name=name,
            country=country,
            services=services,
            states=states,
            languages=["es", "en"],
            agency_id=agency.id if agency else None,
        )
        session.add(p)
        providers.append(p)
    session.flush()
    return providers


def load_demo_cases(
    session: Session,
    seed: int,
    networks: Mapping[str, Sequence[str]] | None = None,
    *,
    typologies: Mapping[str, str] | None = None,
    cipher: FieldCipher | None = None,
) -> int:
    """Add demo cases for the demo reports; returns how many (0 when already loaded).

    ``networks`` maps a network key to its report references; ``typologies`` a network key to
    its typology. Without a ``cipher`` victims get no identifying details at all.
    """
    if session.scalar(select(Case.id).where(Case.source_key.like("demo:%")).limit(1)):
        return 0
    reports = list(session.scalars(select(Report).where(Report.source_key.like("demo:%"))))
    if not reports:
        return 0
    refs = []
    for key, members in _groups(reports, networks).items():
        typology = (typologies or {}).get(key) or guess_typology([r.narrative for r in members])
        refs += [ReportRef(r.reference, key, typology, r.state, r.country or "US") for r in members]
    until = max(r.received_at for r in reports).date()
    providers = ensure_providers(session)
    users = list(session.scalars(select(User).where(User.active.is_(True))))
    by_ref = {r.reference: r for r in reports}
    for demo in generate(refs, seed, until=until):
        _store(session, demo, seed, by_ref, users, providers, cipher)
    return len({r.network for r in refs})


def _store(
    session: Session,
    demo: DemoCase,
    seed: int,
    by_ref: Mapping[str, Report],
    users: list[User],
    providers: list[Provider],
    cipher: FieldCipher | None,
) -> None:
    first = by_ref[demo.report_references[0]]
    case = Case(
        reference=_reference(seed, demo.key),
        title=demo.title,
        country=demo.country,
        state=demo.state,
        typology=demo.typology,
        polaris_type=demo.polaris_type,
        stage=demo.stages[-1][0].value,
        lead_agency_id=first.agency_id,
        opened_on=demo.stages[0][1],
        source_key=f"demo:{seed}:{demo.key}",
        summary="Synthetic demo case / caso de demostración sintético.",
    )
    if demo.stages[-1][0] in FINAL_STAGES:
        case.closed_at = utcnow()
        case.closure_reason = demo.closure_reason
    session.add(case)
    session.flush()
    for stage, on in demo.stages:
        case.stage_events.append(StageEvent(stage=stage.value, happened_on=on))
    for ref in demo.report_references:
        case.report_links.append(CaseReport(report_id=by_ref[ref].id))
    for role in (Role.INVESTIGATOR, Role.PROSECUTOR):
        local = [
            u for u in users if u.role == role and u.agency and u.agency.country == demo.country
        ]
        pick = (local or [u for u in users if u.role == role])[:1]
        for u in pick:
            case.assignments.append(CaseAssignment(user_id=u.id, role=role.value))
    for d in demo.defendants:
        case.defendants.append(
            Defendant(
                name=d.name,
                sex=d.sex,
                nationality=d.nationality,
                age=d.age,
                roles=d.roles,
                charges=d.charges,
                arrested_on=d.arrested_on,
                indicted_on=d.indicted_on,
                outcome=d.outcome,
                outcome_on=d.outcome_on,
                sentence=d.sentence,
                stage="decided"
                if d.outcome
                else "indicted"
                if d.indicted_on
                else "arrested"
                if d.arrested_on
                else "suspect",
            )
        )
    local_providers = [p for p in providers if p.country == demo.country] or providers
    for n, v in enumerate(demo.victims, 1):
        victim = Victim(
            code=f"V-{n}",
            identified_on=v.identified_on,
            age_at_identification=v.age,
            sex=v.sex,
            nationality=v.nationality,
            minor=v.minor,
            languages=v.languages,
            needs=v.needs,
            context=dict(v.context),
        )
        if cipher is not None:
            victim.details_token = cipher.encrypt_json({"name": v.name, "phone": v.phone})
        case.victims.append(victim)
        for kind, on in v.consents:
            victim.consents.append(Consent(kind=kind, given_on=on))
        session.flush()
        if v.referral is not None:
            service, status, reason, override = v.referral
            provider = next(
                (p for p in local_providers if service in p.services), local_providers[0]
            )
            given = next((c for c in victim.consents if c.kind == "referral"), None)
            session.add(
                Referral(
                    case_id=case.id,
                    victim_id=victim.id,
                    provider_id=provider.id,
                    service=service if service in provider.services else provider.services[0],
                    status=status,
                    status_reason=reason,
                    consent_id=given.id if given else None,
                    override_kind=override,
                    override_reason="Demo: minor at risk" if override else None,
                    sent_on=v.identified_on,
                    delivered_on=v.identified_on + timedelta(days=10)
                    if status == "delivered"
                    else None,
                )
            )
    timeline.log(session, case, "opened", None, demo=True)
