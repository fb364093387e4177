"""Meeting agendas per channel: `/baton agenda add <topic> | list | clear`."""

from __future__ import annotations

from pydantic import Field

from bot.commands.drawing import MESSAGE
from bot.commands.feature import Feature
from bot.commands.invocation import Reply
from bot.commands.models import MAX_TITLE, Command
from bot.commands.request import Request
from bot.commands.words import need_text, title, unknown
from bot.core import agenda as agendas
from bot.core import outbox
from bot.core.message import Actions, Button, Context, Message, Section, Strong
from bot.core.outbox import Draft
from bot.views.tasks import mention

USAGE = {"agenda": "/baton agenda add <topic> | list | remove N | post | clear"}
CLEAR = "agenda.clear"
"""The Clear button under "clear the topics others added too?"."""


class AgendaAdd(Command):
    topic: str = Field(min_length=1, max_length=MAX_TITLE)


class AgendaList(Command):
    pass


class AgendaClear(Command):
    confirmed: bool = False


class AgendaRemove(Command):
    position: int = Field(ge=1, le=1000)


class AgendaPost(Command):
    pass


def parse(words: list[str]) -> Command:
    sub = words[0].lower() if words else "list"
    if sub == "add":
        return AgendaAdd(topic=title(need_text(words[1:], USAGE["agenda"])))
    if sub == "list" and len(words) <= 1:
        return AgendaList()
    if sub == "clear" and len(words) <= 2:
        return AgendaClear(confirmed=words[1:] == ["confirm"])
    if sub == "remove" and len(words) == 2 and words[1].isdigit() and 0 < int(words[1]) <= 1000:
        return AgendaRemove(position=int(words[1]))
    if sub == "post" and len(words) == 1:
        return AgendaPost()
    known = [f"agenda {name}" for name in ("add", "list", "remove", "post", "clear")]
    raise unknown(f"agenda {sub}", known)


def add(req: Request, cmd: AgendaAdd) -> Reply:
    agendas.add_topic(req.scope, cmd.topic)
    return req.say("agenda.added", channel=req.scope.here.name, topic=cmd.topic)


def _agenda(req: Request) -> Message | None:
    """This channel's agenda as a message, or None when it is empty."""
    channel = req.scope.here.name
    items = agendas.topics(req.scope)
    if not items:
        return None
    head = req.t("agenda.title", channel=channel)
    lines = [
        Context(text=(f"{i}. {item.topic} · ", mention(item.author)))
        for i, item in enumerate(items, start=1)
    ]
    return Message(summary=head, blocks=(Section(text=(Strong(text=head),)), *lines), tz=req.tz)


def list_(req: Request, _cmd: AgendaList) -> Reply:
    agenda = _agenda(req)
    if agenda is None:
        return req.say("agenda.empty", channel=req.scope.here.name)
    return Reply(message=agenda)


def post(req: Request, _cmd: AgendaPost) -> Reply:
    """Posts the agenda in the channel, for the meeting (drawn now: it is a snapshot)."""
    agenda = _agenda(req)
    if agenda is None:
        return req.say("agenda.empty", channel=req.scope.here.name)
    draft = Draft(view=MESSAGE, facts={"message": agenda.model_dump(mode="json")})
    outbox.post(req.scope, req.scope.here.channel_id, draft, fallback=req.fallback)
    return Reply()


def remove(req: Request, cmd: AgendaRemove) -> Reply:
    item = agendas.remove(req.scope, cmd.position)
    return req.say("agenda.removed", topic=item.topic, channel=req.scope.here.name)


def clear(req: Request, cmd: AgendaClear) -> Reply:
    if not cmd.confirmed and agendas.others_wrote(req.scope):
        line = req.t("agenda.clear_confirm", channel=req.scope.here.name)
        # The newest topic's id makes each confirmation's button its own (a press is recognised
        # as a repeat by its value).
        newest = max(item.id for item in agendas.topics(req.scope))
        button = Button(label=req.t("button.clear"), action=CLEAR, value=str(newest))
        blocks = (Section(text=(line,)), Actions(buttons=(button,)))
        return Reply(message=Message(summary=line, blocks=blocks, tz=req.tz))
    count = agendas.clear(req.scope)
    return req.say("agenda.cleared_n", count=count, channel=req.scope.here.name)


FEATURE = Feature(
    name="agenda",
    words={"agenda": parse},
    usage=USAGE,
    handlers={
        AgendaAdd: add,
        AgendaList: list_,
        AgendaRemove: remove,
        AgendaPost: post,
        AgendaClear: clear,
    },
    buttons={CLEAR: lambda _value: AgendaClear(confirmed=True)},
)
