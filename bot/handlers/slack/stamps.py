"""Button values carry the workspace that drew them.

A channel shared between two workspaces that both installed Baton shows each one's cards to
people of both; a press reaches the presser's workspace's Baton. The stamp says which
workspace's task a button names, so a press never acts on a task of the same number elsewhere.
"""

from __future__ import annotations

from bot.core.message import Actions, Message

SEPARATOR = "/"


def stamp(message: Message, team_id: str) -> Message:
    """`message` with every button's value prefixed by `team_id`."""
    if not message.buttons:
        return message
    blocks = tuple(
        block.model_copy(
            update={
                "buttons": tuple(
                    b.model_copy(update={"value": f"{team_id}{SEPARATOR}{b.value}"})
                    for b in block.buttons
                )
            }
        )
        if isinstance(block, Actions)
        else block
        for block in message.blocks
    )
    return message.model_copy(update={"blocks": blocks})


def unstamp(value: str, team_id: str) -> str | None:
    """The value a button was drawn with; None when another workspace drew it."""
    stamped, separator, rest = value.partition(SEPARATOR)
    if not separator or stamped != team_id:
        return None
    return rest
