"""The reply of a delivery, kept with its delivery key until its inbox row is done.

A command's change and its reply are written in one transaction; the reply is shown after
the commit. A process that dies in between leaves the row to run again, and the second run
finds the key written (so it changes nothing twice) and shows the kept reply instead.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, bindparam, select, update
from sqlalchemy.orm import Session

from storage.models import ProcessedDelivery


def _row(platform: str, key: str) -> ColumnElement[bool]:
    return and_(ProcessedDelivery.platform == platform, ProcessedDelivery.key == key)


def keep_reply(session: Session, platform: str, key: str, reply: str) -> None:
    session.execute(update(ProcessedDelivery).where(_row(platform, key)).values(reply=reply))


def kept_reply(session: Session, platform: str, key: str) -> str | None:
    return session.scalar(select(ProcessedDelivery.reply).where(_row(platform, key)))


FORGET = (
    update(ProcessedDelivery)
    .where(
        ProcessedDelivery.platform == bindparam("reply_platform"),
        ProcessedDelivery.key == bindparam("reply_key"),
        ProcessedDelivery.reply.is_not(None),
    )
    .values(reply=None)
)
"""Forgets a kept reply (`forget_params`); built once, as every inbox row done goes through it."""


def forget_params(platform: str, key: str) -> dict[str, str]:
    return {"reply_platform": platform, "reply_key": key}


def forget_reply(session: Session, platform: str, key: str) -> None:
    """Its inbox row is done: the reply was shown, nothing will ask for it again."""
    session.execute(FORGET, forget_params(platform, key))
