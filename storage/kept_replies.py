"""The reply of a delivery, kept with its delivery key until its inbox row is done.

A command's change and its reply are written in one transaction; the reply is shown after
the commit. A process that dies in between leaves the row to run again, and the second run
finds the key written (so it changes nothing twice) and shows the kept reply instead.
"""

from __future__ import annotations

from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.orm import Session

from storage.models import ProcessedDelivery

# Built once: every press, retried command and finished inbox row asks, and a statement
# costs more to build than to run.
_ROW = and_(
    ProcessedDelivery.platform == bindparam("of_platform"),
    ProcessedDelivery.key == bindparam("of_key"),
)
KEEP = update(ProcessedDelivery).where(_ROW).values(reply=bindparam("new_reply"))
KEPT = select(ProcessedDelivery.reply).where(_ROW)
FORGET = (
    update(ProcessedDelivery).where(_ROW, ProcessedDelivery.reply.is_not(None)).values(reply=None)
)
"""Forgets a kept reply (`forget_params`)."""


def forget_params(platform: str, key: str) -> dict[str, str]:
    return {"of_platform": platform, "of_key": key}


def keep_reply(session: Session, platform: str, key: str, reply: str) -> None:
    session.execute(KEEP, {"of_platform": platform, "of_key": key, "new_reply": reply})


def kept_reply(session: Session, platform: str, key: str) -> str | None:
    reply: str | None = session.scalar(KEPT, forget_params(platform, key))
    return reply


def forget_reply(session: Session, platform: str, key: str) -> None:
    """Its inbox row is done: the reply was shown, nothing will ask for it again."""
    session.execute(FORGET, forget_params(platform, key))
