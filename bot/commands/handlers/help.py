"""`/baton help [topic]`: what Baton can do, with the exact syntax."""

from __future__ import annotations

from bot.commands import models as m
from bot.commands.grammar import USAGE
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core.message import Context, Message, Section, Strong

TOPICS = ("task", "workload", "handover", "agenda", "settings", "dates")


def help_(req: Request, cmd: m.Help) -> Reply:
    # A quoted blank (`help " "`) is a topic with no words: the overview, as for plain `help`.
    topic = next(iter(cmd.topic.split()), "")
    if topic and topic not in TOPICS:
        return req.say("help.unknown", topic=topic[:40], topics=", ".join(TOPICS))
    if topic == "dates":
        lines = [req.t("help.dates")]
    else:
        lines = [f"`{usage}`" for key, usage in USAGE.items() if not topic or key.startswith(topic)]
    head = req.t("help.title") if not topic else f"/baton {topic}"
    blocks = (
        Section(text=(Strong(text=head),)),
        Section(text=("\n".join(lines),)),
        Context(text=(req.t("help.footer"),)),
    )
    return Reply(message=Message(summary=head, blocks=blocks, tz=req.scope.member.tz))
