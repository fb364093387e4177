"""The one place that decides where a reply goes, for every platform.

A reply is for the person who acted (what others see went to the outbox): a form opens; a
pressed message is redrawn in place; anything else is shown to them alone, in the first
place that works: the direct conversation they typed in, the response URL the platform gave,
an ephemeral message in the channel, and failing all of those, a direct message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.commands.invocation import Invocation, Reply
from bot.core.catalog import text
from bot.core.message import Message, Section
from bot.core.platform import Platform, PlatformError

log = logging.getLogger(__name__)

EXPIRED_TRIGGERS = frozenset({"expired_trigger_id", "invalid_trigger_id", "trigger_expired"})


def note(lang: str, key: str, /, **params: object) -> Reply:
    """A reply of one line from the catalog, for what a platform handler has to say."""
    line = text(key, lang, **params)
    message = Message(summary=line, blocks=(Section(text=(line,)),), lang=lang)
    return Reply(message=message, lang=lang)


def publish(platform: Platform, invocation: Invocation, reply: Reply, lang: str) -> None:
    """Shows `reply` to the person who made `invocation`, in `lang` where Baton adds words."""
    if reply.form is not None:
        _open_form(platform, invocation, reply, lang)
    if reply.message is None:
        return
    message = reply.message.model_copy(update={"lang": lang})
    origin = invocation.origin
    source = invocation.press.message_ref if invocation.press else None
    if reply.replace_source and origin.source_home:
        return  # the change queued a new "My work" page, drawn by the outbox
    if reply.replace_source and source and not origin.source_private:
        try:
            platform.update(source, message)
        except PlatformError as error:
            log.info("redrawing %s failed: %s", source, error)
        else:
            return
    privately(platform, invocation, message, replace=reply.replace_source)


def privately(
    platform: Platform, invocation: Invocation, message: Message, *, replace: bool = False
) -> None:
    """Shows `message` to the person alone, in the first place that takes it."""
    actor, origin = invocation.actor, invocation.origin
    in_conversation = origin.direct and not origin.source_home
    if in_conversation and _tried(lambda: platform.post(actor.channel_id, message), "DM"):
        return
    url = origin.response_url
    if url and _tried(lambda: platform.respond(url, message, replace=replace), "response URL"):
        return
    if (
        actor.channel_id
        and not origin.source_home
        and _tried(
            lambda: platform.ephemeral(actor.channel_id, actor.user_id, message), "ephemeral"
        )
    ):
        return
    if not _tried(lambda: platform.direct(actor.user_id, message), "direct message"):
        log.warning("the reply to %s could not be shown: %s", actor.user_id, message.summary)


def _tried(send: Callable[[], object], where: str) -> bool:
    try:
        send()
    except PlatformError as error:
        log.info("answering through the %s failed: %s", where, error)
        return False
    return True


def _open_form(platform: Platform, invocation: Invocation, reply: Reply, lang: str) -> None:
    assert reply.form is not None
    actor = invocation.actor
    trigger = invocation.trigger_id
    try:
        if not trigger:
            raise PlatformError("no_trigger_id")
        platform.open_form(trigger, reply.form, user_id=actor.user_id, channel_id=actor.channel_id)
    except PlatformError as error:
        log.info("opening form %s failed: %s", reply.form.form_id, error)
        key = "post.form_expired" if error.code in EXPIRED_TRIGGERS else "platform.form_failed"
        message = note(lang, key, error=error.code).message
        assert message is not None
        privately(platform, invocation, message)
