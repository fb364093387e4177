"""Meeting agendas per channel."""

from __future__ import annotations

from bot.commands import models as m
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core import agenda as agendas
from bot.core.message import Context, Message, Section, Strong
from bot.views.tasks import mention


def add(req: Request, cmd: m.AgendaAdd) -> Reply:
    agendas.add_topic(req.scope, cmd.topic)
    return req.say("agenda.added", channel=req.scope.here.name, topic=cmd.topic)


def list_(req: Request, _cmd: m.AgendaList) -> Reply:
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
            tz=req.scope.member.tz,
        )
    )


def clear(req: Request, _cmd: m.AgendaClear) -> Reply:
    count = agendas.clear(req.scope)
    return req.say("agenda.cleared", count=count, channel=req.scope.here.name)
