"""Incremental resolution speed: one new report's people against many stored person entities.

Fills a fresh PostgreSQL database with ``--entities`` synthetic people (Mexican and US names,
stated ages, phones, places; one mention each, ten per report) and their stored profiles and
blocking keys, then processes ``--reports`` new reports the way the work queue does: extraction
(not timed), then the ``resolve`` step and its commit (timed). Half of the new reports name a
stored person in another way (second surname dropped, accents and case lost, the same phone);
the others name someone new. Prints p50/p95/max per report and how many variants were merged.

Run: ``.venv/bin/python bench/bench_incremental.py [--entities 100000] [--reports 200] [--keep]
[--explain] [--profile FILE]`` (``ENLACE_BENCH_POSTGRES_URL`` names the server; ``--explain``
prints the plan of the candidate lookup by one stored person's blocking keys; ``--profile``
writes a cProfile of the timed steps). The stored people are filled once into a
template database ``enlace_bench_incremental_<entities>``; each run resolves its reports in a
fresh copy ``enlace_bench_incremental``, so runs start from the same state. ``--keep`` keeps
the template for the next run (filling a million people takes a while).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import random
import statistics
import time
import unicodedata
from datetime import UTC, datetime, timedelta

from faker import Faker
from sqlalchemy import Engine, create_engine, event, func, insert, select, text
from sqlalchemy.engine import make_url

from enlace.extraction.mentions import extract_report
from enlace.extraction.tables import Entity, Mention
from enlace.intake.tables import Report
from enlace.resolution import service as resolution
from enlace.resolution.neighbourhood import candidate_query
from enlace.resolution.tables import EntityMerge, ResolutionKey
from enlace.store import Database, upgrade

ADMIN_URL = os.environ.get(
    "ENLACE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
NAME = "enlace_bench_incremental"
PLACES = [
    ("Tlaxcala", "MX-TLA", "MX"),
    ("Tenancingo", "MX-TLA", "MX"),
    ("Puebla", "MX-PUE", "MX"),
    ("Oaxaca", "MX-OAX", "MX"),
    ("Tijuana", "MX-BCN", "MX"),
    ("Queens", "US-NY", "US"),
    ("Houston", "US-TX", "US"),
    ("Los Angeles", "US-CA", "US"),
    ("Atlanta", "US-GA", "US"),
]
CHUNK = 20_000


def _people(n: int, rng: random.Random) -> list[dict[str, str]]:
    mx, us = (Faker(loc).provider("faker.providers.person") for loc in ("es_MX", "en_US"))
    mx_given, mx_sur = list(mx.first_names), list(mx.last_names)
    us_given, us_sur = list(us.first_names), list(us.last_names)
    out = []
    for i in range(n):
        if i % 3:
            given = rng.choice(mx_given)
            name = f"{given} {rng.choice(mx_sur)} {rng.choice(mx_sur)}"
        else:
            name = f"{rng.choice(us_given)} {rng.choice(us_sur)}"
        city, state, country = rng.choice(PLACES)
        area = "246" if country == "MX" else "718"
        out.append(
            {
                "full_name": name,
                "dob": f"age~{rng.randint(17, 60)}" if rng.random() < 0.6 else "",
                "sex": "",
                "phone": f"+{52 if country == 'MX' else 1}{area}{rng.randrange(10**6, 10**7)}",
                "address": "",
                "city": city,
                "state": state,
                "country": country,
            }
        )
    return out


def _plain(text_: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text_) if not unicodedata.combining(c))


def _fill(db: Database, people: list[dict[str, str]]) -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with db.session() as s:
        for base in range(0, len(people), CHUNK):
            part = people[base : base + CHUNK]
            reports = [
                {
                    "id": base // 10 + k + 1,
                    "reference": f"BEN-{base // 10 + k + 1:08d}",
                    "channel": "hotline",
                    "received_at": start + timedelta(minutes=base // 10 + k),
                    "language": "es",
                    "anonymous": True,
                    "narrative": "(stored for the benchmark)",
                    "status": "new",
                    "city": part[k * 10]["city"],
                    "state": part[k * 10]["state"],
                    "country": part[k * 10]["country"],
                    "created_at": start,
                    "updated_at": start,
                }
                for k in range((len(part) + 9) // 10)
            ]
            s.execute(insert(Report), reports)
            ids = list(range(base + 1, base + len(part) + 1))
            s.execute(
                insert(Entity),
                [
                    {
                        "id": i,
                        "kind": "person",
                        "key": p["full_name"].lower(),
                        "label": p["full_name"],
                        "attributes": {},
                        "created_at": start,
                    }
                    for i, p in zip(ids, part, strict=True)
                ],
            )
            s.execute(
                insert(Mention),
                [
                    {
                        "report_id": (i - 1) // 10 + 1,
                        "entity_id": i,
                        "kind": "person",
                        "text": p["full_name"],
                        "normalized": p["full_name"],
                        "start": 0,
                        "end": len(p["full_name"]),
                        "confidence": 1.0,
                        "source": "bench",
                        "created_at": start,
                    }
                    for i, p in zip(ids, part, strict=True)
                ],
            )
            resolution.store_profiles(s, dict(zip(ids, part, strict=True)))
            s.commit()
            print(f"  stored {base + len(part):,} people", flush=True)
        for table in ("reports", "entities", "mentions"):
            s.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
        s.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # a settled table, as autovacuum keeps it


def _url(database: str) -> str:
    return make_url(ADMIN_URL).set(database=database).render_as_string(hide_password=False)


def _ensure_template(admin: Engine, template: str, people: list[dict[str, str]]) -> None:
    """The filled database the runs copy: reused when complete, filled again otherwise."""
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": template})
    if exists:
        db = Database(_url(template))
        upgrade(db)
        with db.session() as s:
            complete = s.scalar(select(func.count(Entity.id))) == len(people)
        db.dispose()
        if complete:
            return
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{template}"'))
    db = Database(_url(template))
    upgrade(db)
    print(f"filling {len(people):,} people…", flush=True)
    _fill(db, people)
    db.dispose()


def _explain(db: Database, entity_id: int) -> None:
    """EXPLAIN ANALYZE of the candidate lookup by one stored person's blocking keys."""
    with db.session() as s:
        held = select(ResolutionKey.key).where(ResolutionKey.entity_id == entity_id)
        keys = list(s.scalars(held))
        query = candidate_query(keys, [entity_id])
        sql = query.compile(dialect=s.get_bind().dialect, compile_kwargs={"literal_binds": True})
        plan = s.execute(text(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")).scalars().all()
    print(f"candidate lookup for entity {entity_id} ({len(keys)} keys):")
    print("\n".join(f"  {line}" for line in plan))


def _narrative(person: dict[str, str], variant: bool, rng: random.Random) -> str:
    name = person["full_name"]
    if variant:
        words = name.split()
        name = " ".join(words[:-1]) if len(words) > 2 else name  # the second surname dropped
        name = _plain(name).upper() if rng.random() < 0.5 else _plain(name)
    age = person["dob"].removeprefix("age~")
    phone = person["phone"]
    local = phone[3:] if phone.startswith("+52") else phone[2:]
    said = f", de {age} años," if age else ""
    return f"Llamaron para denunciar a {name}{said} que recluta muchachas; su número es {local}."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database; reuse it next time")
    parser.add_argument(
        "--explain", action="store_true", help="show the plan of one stored person's key lookup"
    )
    parser.add_argument(
        "--profile", metavar="FILE", help="write a cProfile of the timed steps to FILE"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    started = time.perf_counter()
    people = _people(args.entities, rng)
    template = f"{NAME}_{args.entities}"
    _ensure_template(admin, template, people)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{NAME}" TEMPLATE "{template}"'))
    filled = time.perf_counter() - started
    db = Database(_url(NAME))
    upgrade(db)  # a template filled before a new migration gets it here
    with db.session() as s:
        stored = s.scalar(select(func.count(Entity.id)))
        resolution.model_parameters(s)  # trained once per process: not part of a report's time
    timings: list[float] = []
    cpu: list[float] = []
    merged = variants = 0
    statements = [0]
    event.listen(
        db.engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1)
    )
    profiler = cProfile.Profile() if args.profile else None
    timed_statements = 0
    for k in range(args.reports):
        variant = k % 2 == 0
        person = people[rng.randrange(len(people))] if variant else _people(1, rng)[0]
        with db.session() as s:
            report = Report(
                reference=f"NEW-{k:06d}-{rng.randrange(10**6):06d}",
                channel="hotline",
                language="es",
                narrative=_narrative(person, variant, rng),
                city=person["city"],
                state=person["state"],
                country=person["country"],
            )
            s.add(report)
            s.flush()
            extract_report(s, report)
            s.commit()
            before = s.scalar(select(func.count(EntityMerge.id)))
            counted = statements[0]
            t, c = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            resolution.resolve_report(s, report)
            s.commit()
            if profiler:
                profiler.disable()
            timings.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            timed_statements += statements[0] - counted
            if variant:
                variants += 1
                merged += s.scalar(select(func.count(EntityMerge.id))) != before
    if args.explain:
        _explain(db, args.entities // 2)
    timings.sort()
    cpu.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"incremental resolution on PostgreSQL: {stored:,} stored people, {len(timings)} new "
        f"reports: p50 {statistics.median(timings) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {timings[-1] * 1000:.1f} ms (this process's CPU: p50 "
        f"{statistics.median(cpu) * 1000:.1f} ms, p95 {cpu[int(0.95 * (len(cpu) - 1))] * 1000:.1f}"
        f" ms); {merged}/{variants} variants of a stored person merged; "
        f"{timed_statements / len(timings):.1f} SQL statements per report (setup {filled:.0f} s)",
        flush=True,
    )
    if profiler:
        profiler.dump_stats(args.profile)
    db.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)'))
        if not args.keep:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
    admin.dispose()


if __name__ == "__main__":
    main()
