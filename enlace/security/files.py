"""Attachment bytes at rest: one encrypted store under ``<data dir>/attachments`` for every area.

Tips and cases alike keep only a path, the SHA-256 and the size in their rows; the bytes live in a
file encrypted with the node's field cipher (a Fernet token, the format case attachments always
had, so their existing files open unchanged). New files get random names, so that neither a
reporter's file name nor the content's hash shows on disk, spread over 256 sub-folders. Files are
readable by the owner only (0600), folders likewise (0700).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from enlace.config import Settings
from enlace.security.crypto import DecryptionError, FieldCipher, cipher_for

ATTACHMENTS_DIR_NAME = "attachments"
FILE_MODE = 0o600
DIR_MODE = 0o700
# Every Fernet token starts with its version byte and a timestamp's zero high bytes, base64
# encoded. Attachments ever stored in plaintext were checked to be JPEG, PNG, WebP or PDF, none
# of which starts so; this tells the two apart without the key.
TOKEN_PREFIX = b"gAAAAA"


@dataclass(frozen=True)
class StoredFile:
    path: str  # relative to the store's folder; what the row keeps
    sha256: str  # of the plaintext
    size: int  # of the plaintext


def attachments_dir(settings: Settings) -> Path:
    return settings.data_dir / ATTACHMENTS_DIR_NAME


def is_encrypted(head: bytes) -> bool:
    return head.startswith(TOKEN_PREFIX)


class FileStore:
    """Saves, reads and deletes encrypted files in one folder."""

    def __init__(self, root: Path, cipher: FieldCipher) -> None:
        self.root = root
        self._cipher = cipher

    @classmethod
    def of(cls, settings: Settings) -> FileStore:
        """The node's attachment store: its data directory and its field key."""
        return cls(attachments_dir(settings), cipher_for(settings))

    def locate(self, path: str) -> Path:
        """The file for a stored path; a path that could leave the folder is refused."""
        parts = PurePosixPath(path).parts
        if not parts or PurePosixPath(path).is_absolute() or ".." in parts:
            raise ValueError(f"Not a stored file path: {path!r}")
        return self.root.joinpath(*parts)

    def save(self, data: bytes) -> StoredFile:
        name = secrets.token_hex(20)
        path = f"{name[:2]}/{name}"
        self._write(self.locate(path), self._cipher.encrypt(data))
        return StoredFile(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data))

    def read(self, path: str, *, sha256: str | None = None) -> bytes:
        """The plaintext; with ``sha256`` also checks it is the file the row was made for."""
        data = self._cipher.decrypt(self.locate(path).read_bytes())
        if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
            # Authentic but not this row's file: files were swapped or restored out of step.
            raise DecryptionError(f"The stored file {path} does not match its record")
        return data

    def delete(self, path: str) -> None:
        self.locate(path).unlink(missing_ok=True)

    def seal(self, path: str) -> bool:
        """Encrypt a file left in plaintext, in place; True if it was. Safe to run again."""
        target = self.locate(path)
        with target.open("rb") as handle:
            head = handle.read(len(TOKEN_PREFIX))
        sealed = False
        if not is_encrypted(head):
            self._write(target, self._cipher.encrypt(target.read_bytes()))
            sealed = True
        # Files and folders made by older code had the default modes.
        target.chmod(FILE_MODE)
        for folder in (target.parent, self.root):
            folder.chmod(DIR_MODE)
        return sealed

    def seal_all(self) -> int:
        """Encrypt every plaintext file under the folder (leftovers included); how many were."""
        if not self.root.is_dir():
            return 0
        entries = sorted(p for p in self.root.rglob("*") if not p.is_symlink())
        for folder in (self.root, *(p for p in entries if p.is_dir())):
            folder.chmod(DIR_MODE)
        found = [p for p in entries if p.is_file()]
        return sum(self.seal(p.relative_to(self.root).as_posix()) for p in found)

    def _write(self, target: Path, token: bytes) -> None:
        """Write atomically: a reader or a crash sees the old file or the new one, never half."""
        for folder in (self.root, target.parent):
            folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            folder.chmod(DIR_MODE)  # mkdir leaves an existing folder's mode as it was
        partial = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(token)
                handle.flush()
                os.fsync(handle.fileno())
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
