"""One encrypted store for every attachment: tips and case files alike are unreadable on disk and
come back whole only to the staff allowed to read them; files left in plaintext by older code are
encrypted by the upgrade."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import stat
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import select

from enlace.cases import attachments as case_attachments
from enlace.cases.tables import Attachment as CaseAttachment
from enlace.config import Settings
from enlace.errors import ConfigError
from enlace.intake.gateways import LINK_CHANNEL, create_gateway
from enlace.intake.tables import Attachment, Report
from enlace.security.crypto import DecryptionError, cipher_for
from enlace.security.files import FileStore
from enlace.security.tables import AuditEvent, Role
from enlace.store import Database, upgrade
from enlace.store.migrate import alembic_config
from enlace.web.app import create_app
from tests.cases.conftest import build_world, open_case
from tests.conftest import csrf, login, make_user
from tests.factories import add_report

# Random bodies behind real magic numbers: a run of them found on disk can only be a plaintext copy.
PNG = b"\x89PNG\r\n\x1a\n" + secrets.token_bytes(4096)
JPEG = b"\xff\xd8\xff\xe0" + secrets.token_bytes(4096)
PDF = b"%PDF-1.7\n" + secrets.token_bytes(4096)


def _plaintext_copies(root: Path, data: bytes) -> list[Path]:
    probe = data[-64:]
    return [p for p in root.rglob("*") if p.is_file() and probe in p.read_bytes()]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _send_form(client: TestClient, photo: bytes) -> str:
    page = client.get("/report")
    form_key = re.search(r'name="form_key" value="([^"]+)"', page.text)
    assert form_key
    data = {
        "csrf_token": csrf(client),
        "form_key": form_key.group(1),
        "narrative": "Encierran a muchachas en la casa de la calle Hidalgo.",
        "city": "Reynosa",
        "country": "MX",
        "anonymous": "yes",
    }
    sent = client.post("/report", data=data, files={"photo": ("casa.png", photo, "image/png")})
    assert sent.status_code == 201, sent.text
    reference = re.search(r'id="reference">([^<]+)<', sent.text)
    assert reference
    return reference.group(1)


def _attachment_of(db: Database, reference: str) -> Attachment:
    with db.session() as s:
        found = s.scalar(select(Attachment).join(Report).where(Report.reference == reference))
        assert found is not None
        return found


def test_a_photo_from_the_public_form_is_encrypted_at_rest_and_served_to_staff(
    app_client: TestClient, db: Database, settings: Settings
) -> None:
    reference = _send_form(app_client, PNG)
    assert _plaintext_copies(settings.data_dir, PNG) == []
    attachment = _attachment_of(db, reference)
    path = settings.data_dir / "attachments" / attachment.storage_path
    assert path.read_bytes().startswith(b"gAAAAA")  # a Fernet token, as case files are
    assert hashlib.sha256(PNG).hexdigest() not in attachment.storage_path  # nothing to confirm
    assert _mode(path) == 0o600
    assert _mode(path.parent) == _mode(settings.data_dir / "attachments") == 0o700

    url = f"/reports/{reference}/attachments/{attachment.id}"
    anonymous = app_client.get(url, follow_redirects=False)
    assert anonymous.status_code == 303 and PNG not in anonymous.content  # to the sign-in page
    make_user(db, Role.SERVICE_PROVIDER, "rosa")
    login(app_client, "rosa")
    assert app_client.get(url).status_code == 403
    make_user(db, Role.ANALYST, "ana")
    login(app_client, "ana")
    served = app_client.get(url)
    assert served.status_code == 200 and served.content == PNG
    assert served.headers["content-type"] == "image/png"
    assert served.headers["content-disposition"] == 'attachment; filename="casa.png"'
    with db.session() as s:
        other = add_report(s).reference  # an attachment is reached only through its own report
    assert app_client.get(f"/reports/{other}/attachments/{attachment.id}").status_code == 404
    with db.session() as s:
        reads = s.scalars(select(AuditEvent).where(AuditEvent.action == "intake_attachment.read"))
        assert [e.object_id for e in reads] == [str(attachment.id)]


def test_photos_from_the_quick_report_and_the_gateways_are_encrypted_too(
    app_client: TestClient, db: Database, settings: Settings
) -> None:
    with db.session() as s:
        _, link = create_gateway(s, "Truckers Test Org", LINK_CHANNEL)
        _, token = create_gateway(s, "sms-mx", "sms")
    quick = app_client.post(
        "/intake/quick",
        data={
            "csrf_token": csrf(app_client),
            "k": link,
            "seen": ["vehicle_out_of_place"],
            "highway": "I-35",
            "marker": "144",
            "unit": "mi",
        },
        files={"photo": ("lot.jpg", JPEG, "image/jpeg")},
    )
    assert quick.status_code == 201, quick.text
    message = app_client.post(
        "/api/v1/intake/messages",
        json={
            "channel": "sms",
            "conversation_id": "conv-1",
            "sender_id": "+528112345678",
            "text": "Me quitaron mi pasaporte, mando la foto del contrato",
            "lang": "es",
            "attachments": [{"filename": "contrato.pdf", "data": base64.b64encode(PDF).decode()}],
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert message.status_code == 201, message.text
    for data in (JPEG, PDF):
        assert _plaintext_copies(settings.data_dir, data) == []
    make_user(db, Role.HOTLINE_OPERATOR, "olga")
    login(app_client, "olga")
    with db.session() as s:
        stored = s.execute(
            select(Report.reference, Attachment.id).join(Report, Attachment.report_id == Report.id)
        ).all()
    served = {app_client.get(f"/reports/{ref}/attachments/{i}").content for ref, i in stored}
    assert served == {JPEG, PDF}


def test_case_attachments_are_kept_in_the_same_store_and_still_served(
    app_client: TestClient, db: Database, settings: Settings
) -> None:
    with db.session() as s:
        world = build_world(s)
        reference = open_case(s, world).reference
    login(app_client, "ivan")
    uploaded = app_client.post(
        f"/cases/{reference}/attachments",
        data={"csrf_token": csrf(app_client)},
        files={"file": ("contrato.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303, uploaded.text
    with db.session() as s:
        attachment = s.scalar(select(CaseAttachment))
        assert attachment is not None
    path = case_attachments.attachments_dir(settings) / attachment.storage_name
    assert _plaintext_copies(settings.data_dir, PDF) == []
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    assert FileStore.of(settings).read(attachment.storage_name) == PDF
    served = app_client.get(f"/cases/{reference}/attachments/{attachment.id}")
    assert served.status_code == 200 and served.content == PDF


def test_plaintext_left_by_the_old_code_is_encrypted_by_the_upgrade_and_still_served(
    db: Database, settings: Settings
) -> None:
    folder = settings.data_dir / "attachments"
    cfg = alembic_config(db)
    command.downgrade(cfg, "0004")  # the schema the old code ran on (0005 changes files only)
    try:
        # What the old code left: a tip photo named by its hash, in plaintext with default modes,
        # a half-written copy of one, and a case file encrypted under a flat random name.
        digest = hashlib.sha256(PNG).hexdigest()
        tip = folder / digest[:2] / f"{digest}.png"
        tip.parent.mkdir(parents=True)
        tip.write_bytes(PNG)
        leftover = tip.with_suffix(".png.4242.part")
        leftover.write_bytes(JPEG)
        case_token = cipher_for(settings).encrypt(PDF)
        case_name = secrets.token_hex(20)
        (folder / case_name).write_bytes(case_token)
        for path, mode in ((folder, 0o755), (tip.parent, 0o755), (tip, 0o644), (leftover, 0o644)):
            path.chmod(mode)
        (folder / case_name).chmod(0o644)
        with db.session() as s:
            world = build_world(s)
            report = add_report(s, "Tienen a muchachas encerradas; mando foto.")
            s.add(
                Attachment(
                    report_id=report.id,
                    filename="casa.png",
                    content_type="image/png",
                    size=len(PNG),
                    sha256=digest,
                    storage_path=f"{digest[:2]}/{digest}.png",
                )
            )
            case = open_case(s, world)
            s.add(
                CaseAttachment(
                    case_id=case.id,
                    filename="contrato.pdf",
                    content_type="application/pdf",
                    size=len(PDF),
                    sha256=hashlib.sha256(PDF).hexdigest(),
                    storage_name=case_name,
                    uploaded_by_id=world.investigator.id,
                )
            )
            references = report.reference, case.reference

        with pytest.raises(ConfigError, match="data directory and key"):
            upgrade(db)  # without the node's settings the files cannot be reached
        assert tip.read_bytes() == PNG
        upgrade(db, settings)

        assert _plaintext_copies(settings.data_dir, PNG) == []
        assert _plaintext_copies(settings.data_dir, JPEG) == []
        assert (folder / case_name).read_bytes() == case_token  # already encrypted: left alone
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        assert files == sorted([tip, leftover, folder / case_name])
        assert {_mode(p) for p in files} == {0o600}
        assert {_mode(p) for p in (folder, tip.parent)} == {0o700}

        # Running it again changes nothing.
        before = {p: p.read_bytes() for p in files}
        command.downgrade(cfg, "0004")
        upgrade(db, settings)
        assert {p: p.read_bytes() for p in files} == before
    finally:
        command.stamp(cfg, "heads")  # the PostgreSQL database is shared by the session's tests

    make_user(db, Role.ANALYST, "alba")
    with TestClient(create_app(settings, db)) as client:
        report_ref, case_ref = references
        login(client, "alba")
        with db.session() as s:
            tip_id = s.scalar(select(Attachment.id))
            case_file_id = s.scalar(select(CaseAttachment.id))
        assert client.get(f"/reports/{report_ref}/attachments/{tip_id}").content == PNG
        login(client, "ivan")
        assert client.get(f"/cases/{case_ref}/attachments/{case_file_id}").content == PDF


def test_the_store_refuses_paths_out_of_its_folder_and_files_not_of_their_row(
    settings: Settings,
) -> None:
    store = FileStore.of(settings)
    first, second = store.save(PNG), store.save(PNG)
    assert (
        first.path != second.path
        and first.sha256 == second.sha256 == hashlib.sha256(PNG).hexdigest()
    )
    assert store.read(first.path, sha256=first.sha256) == PNG
    assert not store.seal(first.path)  # already encrypted: a no-op
    assert store.read(first.path) == PNG
    with pytest.raises(DecryptionError, match="does not match"):
        store.read(first.path, sha256=hashlib.sha256(JPEG).hexdigest())
    for bad in ("../keys/field.key", "/etc/passwd", "", "ab/../../x"):
        with pytest.raises(ValueError, match="Not a stored file path"):
            store.read(bad)
    other_key = FileStore(
        store.root, cipher_for(settings.model_copy(update={"field_key": "k" * 40}))
    )
    with pytest.raises(DecryptionError):
        other_key.read(first.path)
    store.delete(first.path)
    assert not store.locate(first.path).exists()
    assert store.read(second.path) == PNG
