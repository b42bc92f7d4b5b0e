"""Sustained intake through the HTTP API, SQLite and PostgreSQL, at 1, 8 and 32 clients.

    .venv/bin/python bench/bench_intake_http.py [--seconds 5] [--workers 2] [--backend both]

The server runs as a separate process (`enlace serve --workers N`, the in-process queue worker
on, the public rate limit raised). Clients are keep-alive HTTP/1.1 connections on one asyncio loop,
each sending POST /api/v1/public/reports back to back. Only 201 answers count. After the last
level the table also shows how long the queue took to drain behind the intake (the in-process
worker yields to intake while reports arrive, then catches up).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get(
    "ENLACE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request_bytes(i: int) -> bytes:
    body = json.dumps(
        {
            "narrative": f"Aviso {i}: dos menores trabajan de noche en un bar de Reynosa.",
            "lang": "es",
            "anonymous": True,
            "location": "Reynosa",
        }
    ).encode()
    head = (
        "POST /api/v1/public/reports HTTP/1.1\r\nHost: bench\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def client(port: int, stop_at: float, latencies: list[float], errors: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = 0
    while time.perf_counter() < stop_at:
        i += 1
        start = time.perf_counter()
        writer.write(request_bytes(i))
        status_line = await reader.readline()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        if status_line.split()[1] == b"201":
            latencies.append(time.perf_counter() - start)
        else:
            errors.append(int(status_line.split()[1]))
    writer.close()


async def level(port: int, clients: int, seconds: float) -> tuple[int, float, float, float, int]:
    latencies: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    stop_at = start + seconds
    await asyncio.gather(*(client(port, stop_at, latencies, errors) for _ in range(clients)))
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000 if ordered else 0.0
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000 if ordered else 0.0
    return len(latencies), len(latencies) / elapsed, p50, p99, len(errors)


def database_url(backend: str, data_dir: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{data_dir / 'enlace.db'}"
    name = f"enlace_bench_http_{os.getpid()}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)


def bench(backend: str, args: argparse.Namespace, work: Path) -> list[list[str]]:
    data_dir = work / backend
    data_dir.mkdir()
    url = database_url(backend, data_dir)
    env = {
        **os.environ,
        "ENLACE_DATA_DIR": str(data_dir),
        "ENLACE_DATABASE_URL": url,
        "ENLACE_SECRET_KEY": "b" * 48,
        "ENLACE_PUBLIC_RATE_LIMIT": "1000000000",
        "ENLACE_INLINE_WORKER": "true",
    }
    subprocess.run(
        [sys.executable, "-m", "enlace", "db", "upgrade"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port = free_port()
    workers = args.workers if backend == "postgresql" else args.sqlite_workers
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "enlace",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    engine = create_engine(url)
    rows: list[list[str]] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.2)
        asyncio.run(level(port, 4, 1.0))  # warm-up
        for clients in args.clients:
            n, rate, p50, p99, errors = asyncio.run(level(port, clients, args.seconds))
            rows.append(
                [
                    backend,
                    str(workers),
                    str(clients),
                    f"{n:,}",
                    f"{rate:,.0f}",
                    f"{p50:.1f}",
                    f"{p99:.1f}",
                    str(errors),
                ]
            )
        start = time.perf_counter()
        while True:
            with engine.connect() as conn:
                # Reports whose chain of steps is not finished (each has one job not done).
                pending = conn.execute(
                    text("SELECT count(DISTINCT report_id) FROM intake_jobs WHERE state <> 'done'")
                ).scalar_one()
            if pending == 0 or time.perf_counter() - start > 300:
                break
            time.sleep(0.5)
        drained = time.perf_counter() - start
        for row in rows:
            row.append(f"{drained:.1f}" if pending == 0 else f">300 ({pending} reports left)")
    finally:
        server.terminate()
        server.wait(30)
        engine.dispose()
        if backend == "postgresql":
            admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(
                    text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
                )
            admin.dispose()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="per concurrency level")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers on PostgreSQL")
    parser.add_argument("--sqlite-workers", type=int, default=1, help="uvicorn workers on SQLite")
    parser.add_argument(
        "--clients", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 32]
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="enlace-bench-http-") as tmp:
        results = [row for b in backends for row in bench(b, args, Path(tmp))]
    print(
        f"{os.cpu_count()} cores; load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after (other processes share the machine)"
    )
    header = [
        "backend",
        "workers",
        "clients",
        "reports",
        "reports/s",
        "p50 ms",
        "p99 ms",
        "refused",
        "queue drained after s",
    ]
    widths = [max(len(h), *(len(r[i]) for r in results)) for i, h in enumerate(header)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in results:
        print(" | ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
