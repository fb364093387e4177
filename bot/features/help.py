"""`/baton help [topic]`: what Baton can do, with the exact syntax, from every feature."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.commands.invocation import Reply
from bot.commands.models import Help
from bot.commands.request import Request
from bot.commands.tokens import unquote
from bot.core.catalog import usage_in
from bot.core.message import Context, Message, Section, Strong

DATES = "dates"


def help_(req: Request, cmd: Help) -> Reply:
    guide = req.guide
    words = cmd.topic.split()
    topic = words[0] if words else ""
    topics = (*guide.topics, DATES)
    if topic and topic not in topics:
        return req.say("help.unknown", topic=topic[:40], topics=", ".join(topics))
    if topic == DATES:
        lines = [req.t("help.dates")]
    else:
        lines = [
            f"`{usage_in(usage, req.scope.lang)}`"
            for key, usage in guide.usage.items()
            if not topic or key.startswith(topic)
        ]
    head = req.t("help.title") if not topic else f"/baton {topic}"
    examples = () if topic else (Section(text=(req.t("help.examples"),)),)
    blocks = (
        Section(text=(Strong(text=head),)),
        Section(text=("\n".join(lines),)),
        *examples,
        Context(text=(req.t("help.footer"),)),
    )
    return Reply(message=Message(summary=head, blocks=blocks, tz=req.tz))


FEATURE = Feature(
    name="help",
    # A quoted blank (`help " "`) is a topic of no words: the overview, as for plain `help`.
    words={"help": lambda words: Help(topic=unquote(" ".join(words)).lower())},
    usage={"help": "/baton help [topic]"},
    handlers={Help: help_},
)
