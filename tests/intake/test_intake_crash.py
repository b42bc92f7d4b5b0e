"""Kill -9 the real server during sustained intake: every acknowledged report survives, and its
queued processing resumes after a restart (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import func, select

from enlace.config import Settings
from enlace.intake.tables import Job, Report
from enlace.store import Database
from tests.live_server import free_port

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def server(settings: Settings, db: Database, *, inline_worker: bool) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = {
        **os.environ,
        "ENLACE_DATA_DIR": str(settings.data_dir),
        "ENLACE_DATABASE_URL": db.url,
        "ENLACE_SECRET_KEY": "s" * 48,
        "ENLACE_ENVIRONMENT": "test",
        "ENLACE_PUBLIC_RATE_LIMIT": "1000000",
        "ENLACE_INLINE_WORKER": "true" if inline_worker else "false",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "enlace", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, "server exited during start-up"
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.1)
        yield base, proc.pid
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _send_until_refused(base: str, name: str, acked: list[str], lock: threading.Lock) -> None:
    with httpx.Client(base_url=base, timeout=5) as client:
        for i in range(100_000):
            body = {
                "narrative": f"Aviso {name}-{i}: menores en un taller",
                "lang": "es",
                "anonymous": True,
            }
            try:
                response = client.post("/api/v1/public/reports", json=body)
            except httpx.TransportError:
                return  # the server died under us: that request was never acknowledged
            if response.status_code == 201:
                with lock:
                    acked.append(response.json()["reference"])


def test_no_acknowledged_report_is_lost_when_the_server_is_killed(
    settings: Settings, db: Database
) -> None:
    acked: list[str] = []
    lock = threading.Lock()
    with server(settings, db, inline_worker=False) as (base, pid):
        senders = [
            threading.Thread(target=_send_until_refused, args=(base, f"t{n}", acked, lock))
            for n in range(4)
        ]
        for t in senders:
            t.start()
        deadline = time.monotonic() + 10
        while len(acked) < 60 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(pid, signal.SIGKILL)  # mid-stream: requests are in flight
        for t in senders:
            t.join(10)
    assert len(acked) >= 60
    with db.session() as s:
        stored = set(s.scalars(select(Report.reference).where(Report.reference.in_(acked))))
        assert stored == set(acked)
        waiting = s.scalar(
            select(func.count(func.distinct(Job.report_id))).where(Job.state == "queued")
        )
        assert waiting == s.scalar(select(func.count()).select_from(Report))

    with server(settings, db, inline_worker=True):
        deadline = time.monotonic() + 20
        while True:
            with db.session() as s:
                pending = s.scalar(select(func.count()).where(Job.state != "done"))
            if pending == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert pending == 0, "queued work did not resume after the restart"
