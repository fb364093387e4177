"""Meeting agendas per channel: `/baton agenda add <topic> | list | clear`."""

from __future__ import annotations

from pydantic import Field

from bot.commands.feature import Feature
from bot.commands.invocation import Reply
from bot.commands.models import MAX_TITLE, Command
from bot.commands.request import Request
from bot.commands.words import need_text, title, unknown
from bot.core import agenda as agendas
from bot.core.message import Context, Message, Section, Strong
from bot.views.tasks import mention

USAGE = {"agenda": "/baton agenda add <topic> | list | clear"}


class AgendaAdd(Command):
    topic: str = Field(min_length=1, max_length=MAX_TITLE)


class AgendaList(Command):
    pass


class AgendaClear(Command):
    pass


def parse(words: list[str]) -> Command:
    sub = words[0].lower() if words else "list"
    if sub == "add":
        return AgendaAdd(topic=title(need_text(words[1:], USAGE["agenda"])))
    if sub == "list" and len(words) <= 1:
        return AgendaList()
    if sub == "clear" and len(words) <= 1:
        return AgendaClear()
    raise unknown(f"agenda {sub}", ["agenda add", "agenda list", "agenda clear"])


def add(req: Request, cmd: AgendaAdd) -> Reply:
    agendas.add_topic(req.scope, cmd.topic)
    return req.say("agenda.added", channel=req.scope.here.name, topic=cmd.topic)


def list_(req: Request, _cmd: AgendaList) -> Reply:
    channel = req.scope.here.name
    items = agendas.topics(req.scope)
    if not items:
        return req.say("agenda.empty", channel=channel)
    head = req.t("agenda.title", channel=channel)
    lines = [
        Context(text=(f"{i}. {item.topic} · ", mention(item.author)))
        for i, item in enumerate(items, start=1)
    ]
    return Reply(
        message=Message(
            summary=head,
            blocks=(Section(text=(Strong(text=head),)), *lines),
            tz=req.tz,
        )
    )


def clear(req: Request, _cmd: AgendaClear) -> Reply:
    count = agendas.clear(req.scope)
    return req.say("agenda.cleared", count=count, channel=req.scope.here.name)


FEATURE = Feature(
    name="agenda",
    words={"agenda": parse},
    usage=USAGE,
    handlers={AgendaAdd: add, AgendaList: list_, AgendaClear: clear},
)
