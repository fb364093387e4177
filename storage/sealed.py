"""Secrets sealed at rest: Fernet (AES-128-CBC with HMAC-SHA256) under keys derived by HKDF.

Each configured secret, whatever its form, becomes a Fernet key through HKDF-SHA256, so a
passphrase-like `BATON_SECRET` and a dedicated `BATON_ENCRYPTION_KEY` work alike. With several
keys the first seals and every one opens (MultiFernet), which is what lets keys rotate.

A sealed value is stored as `fernet:<token>`. A value without the prefix was written before
sealing existed: it is read as it is until `baton secrets rotate` seals it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, String, column, select, table, update
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

PREFIX = "fernet:"
_INFO = b"baton: secrets at rest, v1"
_UNREADABLE = "a stored secret was sealed with a key that is not in BATON_ENCRYPTION_KEY"


class NoKeyError(ValueError):
    """Nothing to derive a key from."""


class UnreadableSecretError(ValueError):
    """A sealed value that none of the configured keys opens."""


def derive_key(secret: str) -> bytes:
    """The Fernet key for `secret`: always the same for the same secret, so an old secret
    listed again still opens what it sealed."""
    material = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret.encode()
    )
    return base64.urlsafe_b64encode(material)


class Sealer:
    """Seals with the first key, opens with any of them."""

    def __init__(self, secrets: Sequence[str]) -> None:
        if not secrets:
            raise NoKeyError("set BATON_ENCRYPTION_KEY (or BATON_SECRET) to seal stored tokens")
        self._fernet = MultiFernet([Fernet(derive_key(secret)) for secret in secrets])

    def seal(self, plain: str) -> str:
        return PREFIX + self._fernet.encrypt(plain.encode()).decode()

    def open(self, stored: str) -> str:
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(_token(stored)).decode()
        except InvalidToken:
            raise UnreadableSecretError(_UNREADABLE) from None

    def reseal(self, stored: str) -> str:
        """`stored` sealed with the first key (a legacy plain value is sealed)."""
        if not is_sealed(stored):
            return self.seal(stored)
        try:
            return PREFIX + self._fernet.rotate(_token(stored)).decode()
        except InvalidToken:
            raise UnreadableSecretError(_UNREADABLE) from None


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def _token(stored: str) -> bytes:
    return stored[len(PREFIX) :].encode()


class SealedString(TypeDecorator[str]):
    """A string column whose values are sealed on the way in and opened on the way out."""

    impl = String
    cache_ok = True

    def __init__(self, sealer: Sealer) -> None:
        super().__init__()
        self.sealer = sealer

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.sealer.seal(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else self.sealer.open(str(value))


def reseal_columns(
    connection: Connection, table_name: str, columns: Sequence[str], sealer: Sealer
) -> int:
    """Seals every value of `columns` in `table_name` with the first key; how many changed.

    Untyped columns, so the values come and go exactly as stored.
    """
    rows = table(table_name, column("id"), *(column(name) for name in columns))
    changed = 0
    for row in connection.execute(select(rows)).mappings().all():
        values = {name: sealer.reseal(row[name]) for name in columns if row[name] not in (None, "")}
        if values:
            connection.execute(update(rows).where(rows.c.id == row["id"]).values(**values))
            changed += len(values)
    return changed
