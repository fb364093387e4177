"""Features are modules registered in one place: the registry is all that knows them."""

from __future__ import annotations

import pytest

from bot.commands.feature import Registry
from bot.commands.invocation import ButtonPress
from bot.core.errors import UserError
from bot.features import FEATURES, agenda
from bot.features.tasks.buttons import BUTTONS
from bot.handlers.slack.invocations import command_line


def test_every_feature_is_in_grammar_help_and_buttons() -> None:
    registry = Registry(FEATURES)
    assert isinstance(registry.parse("agenda add Budget"), agenda.AgendaAdd)
    assert "agenda" in registry.guide.topics
    assert "agenda" in registry.guide.usage
    assert set(BUTTONS) <= set(registry.buttons)


def test_without_its_line_a_feature_is_gone_everywhere() -> None:
    registry = Registry(tuple(f for f in FEATURES if f is not agenda.FEATURE))
    with pytest.raises(UserError) as unknown:
        registry.parse("agenda add Budget")
    assert unknown.value.key == "error.unknown_command"
    assert "agenda" not in registry.guide.topics
    assert not any(key.startswith("agenda") for key in registry.guide.usage)
    assert agenda.AgendaAdd not in registry.handlers
    task_features = tuple(f for f in FEATURES if f.name != "tasks")
    with pytest.raises(UserError):
        Registry(task_features).pressed(ButtonPress(action="task.complete", value="1:1"))


def test_two_features_cannot_claim_one_word() -> None:
    with pytest.raises(ValueError, match="'agenda' is declared by two features"):
        Registry((agenda.FEATURE, agenda.FEATURE))


def test_slack_mentions_become_neutral_words_with_their_ids() -> None:
    line = command_line("task add Call &lt;them&gt; <@U042|anna.k> <#C0LAUNCH|launch> <@W7>")
    assert line.text == "task add Call <them> @anna.k #launch @W7"
    assert line.mentions == {"anna.k": "U042", "w7": "W7"}
    assert line.channels == {"launch": "C0LAUNCH"}
