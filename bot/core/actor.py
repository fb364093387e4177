"""Who acts, where: a workspace, a person and a channel as the platform names them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Actor(BaseModel):
    """Where an invocation comes from: workspace, person and channel, as the platform names them."""

    model_config = ConfigDict(frozen=True)

    platform: str
    team_id: str
    user_id: str
    channel_id: str
    team_name: str = ""
    user_name: str = ""
    channel_name: str = ""
