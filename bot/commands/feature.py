"""A feature is a module: its words, usage lines, handlers, buttons, forms, views and scheduled
jobs declared together; the registry is built from the list of features, so adding one is its
files plus one line in `bot/features/__init__.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.commands.drawing import Drawer, DrawPreloader
from bot.commands.grammar import ButtonParser, Parser, parse, pressed
from bot.commands.invocation import ButtonPress, FormSubmission, Reply
from bot.commands.models import Command
from bot.commands.request import Guide, Request
from bot.core.errors import UserError
from bot.core.scope import Scope
from storage.models import ScheduledJob

Handler = Callable[[Request, Any], Reply]
"""Runs one type of command."""
FormHandler = Callable[[Request, FormSubmission], Reply]
"""Runs a submitted form."""
JobHandler = Callable[[Scope, ScheduledJob], None]
"""Runs one due job of the scheduler, acting as Baton, in the job's transaction."""
JobPreloader = Callable[[Session, Sequence[ScheduledJob]], None]
"""Loads in one query what a batch of jobs of one kind will read, before they run."""


@dataclass(frozen=True)
class Feature:
    """Everything one feature adds to Baton."""

    name: str
    words: Mapping[str, Parser]
    """First words of a command line (`task`, `agenda`) and the parser of what follows."""
    usage: Mapping[str, str]
    """Usage lines by command (`"task add": "/baton task add <title> …"`), shown by help."""
    handlers: Mapping[type[Command], Handler]
    buttons: Mapping[str, ButtonParser] = field(default_factory=dict)
    """Button action ids and the command each press stands for."""
    read_only_buttons: frozenset[str] = frozenset()
    """Buttons that change nothing (show, open a form): pressing them twice is fine."""
    forms: Mapping[str, FormHandler] = field(default_factory=dict)
    views: Mapping[str, Drawer] = field(default_factory=dict)
    """Views the outbox draws its drafts with, by name."""
    view_preloads: Mapping[str, DrawPreloader] = field(default_factory=dict)
    """For a view drawn thousands of times at once: what a batch of its drafts reads."""
    jobs: Mapping[str, JobHandler] = field(default_factory=dict)
    """Scheduled jobs by kind."""
    takes_block: frozenset[str] = frozenset()
    """Words of `words` whose command may be followed by a code block (YAML, CSV)."""
    preloads: Mapping[str, JobPreloader] = field(default_factory=dict)
    """For a kind of job that runs in thousands at once: what its batch reads, loaded first."""


def _merge(features: tuple[Feature, ...], part: Callable[[Feature], Mapping[Any, Any]]) -> Any:
    merged: dict[Any, Any] = {}
    for feature in features:
        for key, value in part(feature).items():
            if key in merged:
                raise ValueError(f"{key!r} is declared by two features")
            merged[key] = value
    return merged


class Registry:
    """What all features together understand, looked up by word, command, button or form."""

    def __init__(self, features: tuple[Feature, ...]) -> None:
        self.features = features
        self.words: dict[str, Parser] = _merge(features, lambda f: f.words)
        self.usage: dict[str, str] = _merge(features, lambda f: f.usage)
        self.handlers: dict[type[Command], Handler] = _merge(features, lambda f: f.handlers)
        self.buttons: dict[str, ButtonParser] = _merge(features, lambda f: f.buttons)
        self.forms: dict[str, FormHandler] = _merge(features, lambda f: f.forms)
        self.views: dict[str, Drawer] = _merge(features, lambda f: f.views)
        self.view_preloads: dict[str, DrawPreloader] = _merge(features, lambda f: f.view_preloads)
        self.jobs: dict[str, JobHandler] = _merge(features, lambda f: f.jobs)
        self.preloads: dict[str, JobPreloader] = _merge(features, lambda f: f.preloads)
        self.read_only_buttons = frozenset(
            action for feature in features for action in feature.read_only_buttons
        )
        self.takes_block = frozenset(word for feature in features for word in feature.takes_block)

        topics = dict.fromkeys(key.split()[0] for key in self.usage if key != "help")
        self.guide = Guide(usage=self.usage, topics=tuple(topics))

    def parse(self, text: str) -> Command:
        return parse(text, self.words, self.takes_block)

    def pressed(self, press: ButtonPress) -> Command:
        return pressed(press, self.buttons)

    def handler(self, command: Command) -> Handler:
        return self.handlers[type(command)]

    def form(self, form_id: str) -> FormHandler:
        handler = self.forms.get(form_id)
        if handler is None:
            raise UserError("error.bad_button")
        return handler

    def opens_form(self, text: str) -> bool:
        """Whether a command line opens a form (a malformed one opens nothing)."""
        try:
            return self.parse(text).opens_form
        except UserError:
            return False
