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


def test_platform_admins_are_read_from_profiles() -> None:
    from bot.handlers.mattermost.platform import _profile
    from bot.handlers.slack.people import profile_of

    assert profile_of({"id": "U1", "name": "ann", "is_admin": True}).is_admin
    assert profile_of({"id": "U2", "name": "own", "is_owner": True}).is_admin
    assert not profile_of({"id": "U3", "name": "bob"}).is_admin
    assert _profile({"id": "u1", "username": "ann", "roles": "system_user system_admin"}).is_admin
    assert not _profile({"id": "u2", "username": "bob", "roles": "system_user"}).is_admin
