"""The one way into Baton: an invocation in, a reply out, in one transaction.

Whatever arrives (text, a button, a form), the person gets a reply; a user error rolls the
transaction back and says how to do it right, and an unexpected error says sorry without
showing a traceback. Nothing is ever half written.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy.orm import Session

from bot.commands.feature import Registry
from bot.commands.invocation import Invocation, Reply
from bot.commands.models import Command
from bot.commands.request import Request
from bot.core.catalog import text
from bot.core.clock import Clock
from bot.core.errors import FieldError, UserError
from bot.core.message import Message, Section
from bot.core.open_titles import OpenTitles
from bot.core.platform import Platforms
from bot.core.scope import open_scope
from storage.db import Database
from storage.kept_replies import keep_reply, kept_reply
from storage.models import ProcessedDelivery
from storage.upsert import insert_if_absent

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(
        self, db: Database, clock: Clock, platforms: Platforms, registry: Registry
    ) -> None:
        self.db = db
        self.registry = registry
        self.clock = clock
        self.platforms = platforms
        self.open_titles = OpenTitles()

    def dispatch(self, invocation: Invocation, command: Command | None = None) -> Reply:
        """Runs `invocation` (or `command`, already typed, as its person: the CLI's way in)."""
        lang = "en"
        try:
            with self.db.transaction() as session:
                actor = invocation.actor
                key = delivery_key(invocation, self.registry.read_only_buttons)
                if key and not _first_delivery(session, actor.platform, key, self.clock):
                    # A retry or a double click, which the first one answered; or this one
                    # again, cut off after its change was written: its reply, kept.
                    kept = kept_reply(session, actor.platform, key) if invocation.resumed else None
                    return Reply.model_validate_json(kept) if kept else Reply()
                platform = self.platforms.for_workspace(actor.platform, actor.team_id)
                scope = open_scope(session, actor, platform, self.clock.now(), self.open_titles)
                lang = scope.lang
                reply = self._run(Request(scope, invocation, self.registry.guide), command)
                lang = scope.lang  # a change of language answers in the new one
                reply = reply.model_copy(update={"lang": lang})
                if key:
                    keep_reply(session, actor.platform, key, reply.model_dump_json())
        except FieldError as error:
            return Reply(
                field_errors={error.field: text(error.key, lang, **error.params)},
                lang=lang,
                failed=True,
            )
        except UserError as error:
            return _say(text(error.key, lang, **error.params), lang)
        except Exception:
            log.exception("command failed: %r", invocation)
            return _say(text("error.internal", lang), lang)
        return reply

    def _run(self, req: Request, command: Command | None) -> Reply:
        invocation = req.invocation
        registry = self.registry
        if command is not None:
            return registry.handler(command)(req, command)
        if invocation.submission is not None:
            return registry.form(invocation.submission.form_id)(req, invocation.submission)
        if invocation.press is not None:
            command = registry.pressed(invocation.press)
        else:
            command = registry.parse(invocation.text or "")
        return registry.handler(command)(req, command)


def delivery_key(invocation: Invocation, read_only: frozenset[str] = frozenset()) -> str | None:
    """What identifies this delivery: the platform's own id, or for a button that changes
    something, the button and its value in the workspace. Values carry the task's version, so
    each drawing of a card is distinct; the message is left out, because a platform may not
    sign it (a press replayed with another message id is the same press)."""
    if invocation.idempotency_key:
        return invocation.idempotency_key[:200]
    press = invocation.press
    if press is not None and press.action not in read_only:
        parts = (invocation.actor.team_id, press.action, press.value)
        return "press:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return None


def _first_delivery(session: Session, platform: str, key: str, clock: Clock) -> bool:
    """Records the delivery key; False when it was recorded before (a retry or a double click).

    The key is written in the same transaction as the change, so a delivery that failed
    leaves no key behind and its retry is processed.
    """
    values = {"platform": platform, "key": key, "created_at": clock.now()}
    return insert_if_absent(session, ProcessedDelivery, values, ["platform", "key"])


def _say(line: str, lang: str) -> Reply:
    message = Message(summary=line, blocks=(Section(text=(line,)),))
    return Reply(message=message, lang=lang, failed=True)
